/*
 * fuzzlib: inputs cut into parts, and the output checkers of the writers'
 * targets (fuzzlib.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "fuzzlib.h"
#include "parse.h"
#include "utf8.h"

const char fz_base_text[] = "79/53. Title\n\nThe General Assembly,\n\nRecalling its resolution 70/46,\xC2\xB9\n\n"
			    "Noting with concern the risks,\n\n\xC2\xB9 See A/79/211.\n\n1. *Strongly urges* States to act;\n\n"
			    "(a) now;\n\n2. Encourages States to share information;\n\n3. Decides to remain seized.\n";
const size_t fz_base_len = sizeof(fz_base_text) - 1;

int
fz_parse(const struct fz_part *p, const char *name, struct resolution *r)
{
	struct rl_error err;

	resolution_init(r);
	return parse_resolution(p->s, p->len, name, r, &err);
}

size_t
fz_split(const uint8_t *d, size_t n, struct fz_part *parts, size_t max)
{
	size_t k = 0, start = 0, i;

	for (i = 0; i < n && k + 1 < max; i++)
		if (d[i] == 0xff) {
			parts[k].s = (const char *)d + start;
			parts[k++].len = i - start;
			start = i + 1;
		}
	parts[k].s = (const char *)d + start;
	parts[k++].len = n - start;
	return k;
}

void
fz_fail(const char *what, const char *out, size_t len)
{
	fprintf(stderr, "fuzz: %s\n", what);
	if (out) {
		fprintf(stderr, "--- output (%zu bytes), its start:\n", len);
		fwrite(out, 1, len < 2000 ? len : 2000, stderr);
		fputc('\n', stderr);
	}
	abort();
}

const char *
fz_text_check(const char *s, size_t n, const char *keep)
{
	size_t i, bad;

	if (!utf8_valid(s, n, &bad))
		return "invalid UTF-8";
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 || c == 0x7f) && !(c && strchr(keep, c)))
			return "a raw control character";
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f)
			return "a raw C1 control character";
	}
	return NULL;
}

/*
 * JSON, strictly (RFC 8259): a recursive-descent reader that builds
 * nothing. Depth is bounded so that a writer gone wrong cannot overflow
 * the checker's stack.
 */
struct jr {
	const char *s, *end;
	const char *why;
	int depth;
};

static void
j_ws(struct jr *j)
{
	while (j->s < j->end && (*j->s == ' ' || *j->s == '\n' || *j->s == '\t' || *j->s == '\r'))
		j->s++;
}

static int
j_fail(struct jr *j, const char *why)
{
	if (!j->why)
		j->why = why;
	return -1;
}

static int
j_hex4(struct jr *j, unsigned *u)
{
	int k;

	*u = 0;
	for (k = 0; k < 4; k++, j->s++) {
		char c = j->s < j->end ? *j->s : 0;

		*u <<= 4;
		if (c >= '0' && c <= '9')
			*u |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*u |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*u |= (unsigned)(c - 'A' + 10);
		else
			return j_fail(j, "a \\u escape without four hex digits");
	}
	return 0;
}

static int
j_string(struct jr *j)
{
	const char *start;
	size_t bad;

	j->s++;	/* the opening quote */
	start = j->s;
	while (j->s < j->end && *j->s != '"') {
		unsigned char c = (unsigned char)*j->s;

		if (c < 0x20)
			return j_fail(j, "a raw control character in a string");
		if (c == '\\') {
			unsigned u, lo;

			if (++j->s >= j->end)
				return j_fail(j, "a string cut after a backslash");
			switch (*j->s) {
			case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
				j->s++;
				break;
			case 'u':
				j->s++;
				if (j_hex4(j, &u) < 0)
					return -1;
				if (u >= 0xdc00 && u <= 0xdfff)
					return j_fail(j, "a lone low surrogate escaped");
				if (u >= 0xd800 && u <= 0xdbff) {
					if (j->end - j->s < 2 || j->s[0] != '\\' || j->s[1] != 'u')
						return j_fail(j, "a lone high surrogate escaped");
					j->s += 2;
					if (j_hex4(j, &lo) < 0)
						return -1;
					if (lo < 0xdc00 || lo > 0xdfff)
						return j_fail(j, "a high surrogate without its low one");
				}
				break;
			default:
				return j_fail(j, "an unknown escape in a string");
			}
			continue;
		}
		j->s++;
	}
	if (j->s >= j->end)
		return j_fail(j, "an unterminated string");
	if (!utf8_valid(start, (size_t)(j->s - start), &bad))
		return j_fail(j, "invalid UTF-8 in a string");
	j->s++;
	return 0;
}

static int
j_number(struct jr *j)
{
	if (*j->s == '-')
		j->s++;
	if (j->s >= j->end)
		return j_fail(j, "a number cut short");
	if (*j->s == '0')
		j->s++;
	else if (*j->s >= '1' && *j->s <= '9')
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	else
		return j_fail(j, "a number without digits");
	if (j->s < j->end && *j->s == '.') {
		j->s++;
		if (j->s >= j->end || *j->s < '0' || *j->s > '9')
			return j_fail(j, "a number without digits after its point");
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	}
	if (j->s < j->end && (*j->s == 'e' || *j->s == 'E')) {
		j->s++;
		if (j->s < j->end && (*j->s == '+' || *j->s == '-'))
			j->s++;
		if (j->s >= j->end || *j->s < '0' || *j->s > '9')
			return j_fail(j, "a number without exponent digits");
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	}
	return 0;
}

static int
j_literal(struct jr *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->s) < n || memcmp(j->s, w, n) != 0)
		return j_fail(j, "an unexpected character");
	j->s += n;
	return 0;
}

static int
j_value(struct jr *j)
{
	j_ws(j);
	if (j->s >= j->end)
		return j_fail(j, "a value missing");
	switch (*j->s) {
	case '{':
	case '[': {
		char close = *j->s == '{' ? '}' : ']';
		int object = *j->s == '{';

		if (++j->depth > 200)
			return j_fail(j, "nested too deep");
		j->s++;
		j_ws(j);
		if (j->s < j->end && *j->s == close) {
			j->s++;
			j->depth--;
			return 0;
		}
		for (;;) {
			if (object) {
				j_ws(j);
				if (j->s >= j->end || *j->s != '"')
					return j_fail(j, "an object member without a string key");
				if (j_string(j) < 0)
					return -1;
				j_ws(j);
				if (j->s >= j->end || *j->s != ':')
					return j_fail(j, "a key without ':'");
				j->s++;
			}
			if (j_value(j) < 0)
				return -1;
			j_ws(j);
			if (j->s < j->end && *j->s == ',') {
				j->s++;
				continue;
			}
			if (j->s < j->end && *j->s == close) {
				j->s++;
				j->depth--;
				return 0;
			}
			return j_fail(j, object ? "an object not closed" : "an array not closed");
		}
	}
	case '"':
		return j_string(j);
	case 't':
		return j_literal(j, "true");
	case 'f':
		return j_literal(j, "false");
	case 'n':
		return j_literal(j, "null");
	default:
		return j_number(j);
	}
}

const char *
fz_json_check(const char *s, size_t n)
{
	struct jr j;

	memset(&j, 0, sizeof(j));
	j.s = s;
	j.end = s + n;
	if (j_value(&j) < 0)
		return j.why;
	j_ws(&j);
	if (j.s != j.end)
		return "text after the JSON value";
	return NULL;
}

/* XML through expat: well-formed, and no DOCTYPE (nothing to expand). */
static void XMLCALL
x_doctype(void *arg, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	*(int *)arg = 1;
}

const char *
fz_xml_check(const char *s, size_t n)
{
	static char why[200];
	XML_Parser p = XML_ParserCreate("UTF-8");
	int doctype = 0;
	const char *r = NULL;

	if (!p)
		return "expat: no memory";
	XML_SetUserData(p, &doctype);
	XML_SetStartDoctypeDeclHandler(p, x_doctype);
	if (XML_Parse(p, s, (int)n, 1) == XML_STATUS_ERROR) {
		snprintf(why, sizeof(why), "XML not well-formed, line %lu column %lu: %s",
			 (unsigned long)XML_GetCurrentLineNumber(p), (unsigned long)XML_GetCurrentColumnNumber(p),
			 XML_ErrorString(XML_GetErrorCode(p)));
		r = why;
	} else if (doctype) {
		r = "XML with a DOCTYPE";
	}
	XML_ParserFree(p);
	return r;
}

/*
 * HTML, as htmlout writes it (fuzzlib.h says what is held to). A small
 * tokenizer: text, tags, comments, the doctype, and <style>'s raw text.
 */
static int
is_void(const char *name, size_t n)
{
	static const char *const v[] = { "area", "base", "br", "col", "embed", "hr", "img", "input",
					  "link", "meta", "source", "track", "wbr" };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (strlen(v[i]) == n && memcmp(v[i], name, n) == 0)
			return 1;
	return 0;
}

/* Elements that close an open <p> when they start (HTML's parser would
 * split the paragraph, so the page would not be what was written). */
static int
is_block(const char *name, size_t n)
{
	static const char *const b[] = { "address", "article", "aside", "blockquote", "div", "dl", "fieldset",
					 "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
					 "main", "nav", "ol", "p", "pre", "section", "table", "ul" };
	size_t i;

	for (i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if (strlen(b[i]) == n && memcmp(b[i], name, n) == 0)
			return 1;
	return 0;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* An entity at s ("&amp;", "&#39;", "&#x1F600;"): its length, or 0. */
static size_t
entity(const char *s, const char *end)
{
	const char *p = s + 1;

	if (p < end && *p == '#') {
		p++;
		if (p < end && (*p == 'x' || *p == 'X')) {
			p++;
			while (p < end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
				p++;
		} else {
			while (p < end && *p >= '0' && *p <= '9')
				p++;
		}
	} else {
		while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			p++;
	}
	if (p == s + 1 || p >= end || *p != ';' || (p == s + 2 && s[1] == '#'))
		return 0;
	return (size_t)(p - s) + 1;
}

#define HTML_DEPTH 256

const char *
fz_html_check(const char *s, size_t n)
{
	const char *end = s + n, *p = s, *why;
	struct {
		const char *name;
		size_t len;
	} open[HTML_DEPTH];
	int depth = 0, seen_html = 0, k;

	if ((why = fz_text_check(s, n, "\n\t")) != NULL)
		return why;
	if (n < 15 || memcmp(s, "<!DOCTYPE html>", 15) != 0)
		return "no doctype at the start";
	p += 15;
	while (p < end) {
		if (*p == '&') {
			size_t e = entity(p, end);

			if (!e)
				return "a '&' that starts no entity";
			p += e;
			continue;
		}
		if (*p != '<') {
			if (depth == 0 && *p != '\n' && *p != ' ')
				return "text outside <html>";
			p++;
			continue;
		}
		/* a comment */
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *c = p + 4;

			while (c + 3 <= end && memcmp(c, "-->", 3) != 0)
				c++;
			if (c + 3 > end)
				return "an unterminated comment";
			p = c + 3;
			continue;
		}
		if (p + 1 < end && p[1] == '/') {
			const char *nm = p + 2, *e = nm;

			while (e < end && name_char(*e))
				e++;
			if (e >= end || *e != '>' || e == nm)
				return "a malformed end tag";
			if (depth == 0 || open[depth - 1].len != (size_t)(e - nm) ||
			    memcmp(open[depth - 1].name, nm, (size_t)(e - nm)) != 0)
				return "an end tag that closes no open element";
			depth--;
			p = e + 1;
			if (depth == 0) {
				/* </html>: only white space may follow */
				while (p < end && (*p == '\n' || *p == ' '))
					p++;
				return p == end ? NULL : "text after </html>";
			}
			continue;
		}
		{
			const char *nm = p + 1, *e = nm;
			size_t len;

			while (e < end && name_char(*e))
				e++;
			len = (size_t)(e - nm);
			if (len == 0)
				return "a '<' in text that starts no tag";
			if (len == 6 && memcmp(nm, "script", 6) == 0)
				return "a script";
			if (!seen_html && !(len == 4 && memcmp(nm, "html", 4) == 0))
				return "an element before <html>";
			seen_html = 1;
			/* attributes: name="value" */
			for (;;) {
				while (e < end && (*e == ' ' || *e == '\n'))
					e++;
				if (e >= end)
					return "a tag cut short";
				if (*e == '>')
					break;
				if (!name_char(*e))
					return "a malformed attribute";
				while (e < end && name_char(*e))
					e++;
				if (e < end && *e == '=') {
					if (++e >= end || *e != '"')
						return "an attribute value not quoted";
					for (e++; e < end && *e != '"'; e++) {
						if (*e == '<')
							return "a raw '<' in an attribute";
						if (*e == '&') {
							size_t en = entity(e, end);

							if (!en)
								return "a '&' in an attribute that starts no entity";
							e += en - 1;
						}
					}
					if (e >= end)
						return "an attribute value not closed";
					e++;
				}
			}
			p = e + 1;
			for (k = 0; k < depth; k++) {
				if (open[k].len == 1 && open[k].name[0] == 'p' && is_block(nm, len))
					return "a block element inside a <p>";
				if (open[k].len == 1 && open[k].name[0] == 'a' && len == 1 && nm[0] == 'a')
					return "an <a> inside an <a>";
			}
			if (is_void(nm, len))
				continue;
			if (depth == HTML_DEPTH)
				return "nested too deep";
			open[depth].name = nm;
			open[depth++].len = len;
			if (len == 5 && memcmp(nm, "style", 5) == 0) {
				/* raw text to </style> */
				const char *c = p;

				while (c + 8 <= end && memcmp(c, "</style>", 8) != 0) {
					if (*c == '<')
						return "a '<' inside <style>";
					c++;
				}
				if (c + 8 > end)
					return "<style> not closed";
				p = c;
			}
		}
	}
	return depth ? "an element not closed at the end" : "no <html>";
}
