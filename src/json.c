#include "config.h"
#include "json.h"
#include "utf8.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/*
 * Misuse (a key outside an object, a second top-level value, closing more
 * than was opened, nesting past JSON_MAX_DEPTH) sets w->error instead of
 * aborting: the output is a contract read by scripts, so the caller learns
 * of it from json_writer_finish and can exit with status 2.
 */

static void
put(struct json_writer *w, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, w->f) != n)
		w->error = 1;
}

static void
puts_raw(struct json_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void
newline_indent(struct json_writer *w, int depth)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)depth * 2;

	put(w, "\n", 1);
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		put(w, spaces, k);
		n -= k;
	}
}

/* Separate an element from the one before it and, when pretty, indent it. */
static void
start_element(struct json_writer *w)
{
	int first = 1;

	if (w->depth < JSON_MAX_DEPTH) {
		first = w->first[w->depth];
		w->first[w->depth] = 0;
	}
	if (w->depth == 0) {
		if (!first) {
			/* one document per stream */
			w->error = 1;
			put(w, "\n", 1);
		}
		return;
	}
	if (!first)
		put(w, ",", 1);
	if (w->pretty)
		newline_indent(w, w->depth);
}

static void
start_value(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	start_element(w);
}

void
json_writer_init(struct json_writer *w, FILE *f, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->pretty = pretty;
	w->first[0] = 1;
}

int
json_writer_finish(struct json_writer *w)
{
	if (w->depth != 0 || w->after_key)
		w->error = 1;
	put(w, "\n", 1);
	if (fflush(w->f) != 0 || ferror(w->f))
		w->error = 1;
	return w->error ? -1 : 0;
}

static void
begin(struct json_writer *w, char open)
{
	start_value(w);
	put(w, &open, 1);
	w->depth++;
	if (w->depth < JSON_MAX_DEPTH)
		w->first[w->depth] = 1;
	else
		w->error = 1;
}

static void
end(struct json_writer *w, char close)
{
	int empty = 1;

	if (w->depth == 0) {
		w->error = 1;
		return;
	}
	if (w->after_key) {
		/* a key with no value: keep the output parseable */
		w->error = 1;
		w->after_key = 0;
		puts_raw(w, "null");
	}
	if (w->depth < JSON_MAX_DEPTH)
		empty = w->first[w->depth];
	w->depth--;
	if (w->pretty && !empty)
		newline_indent(w, w->depth);
	put(w, &close, 1);
}

void
json_begin_object(struct json_writer *w)
{
	begin(w, '{');
}

void
json_end_object(struct json_writer *w)
{
	end(w, '}');
}

void
json_begin_array(struct json_writer *w)
{
	begin(w, '[');
}

void
json_end_array(struct json_writer *w)
{
	end(w, ']');
}

/* \uXXXX for one UTF-16 unit */
static size_t
unit_escape(char *out, unsigned u)
{
	static const char hex[] = "0123456789abcdef";

	out[0] = '\\';
	out[1] = 'u';
	out[2] = hex[(u >> 12) & 0xF];
	out[3] = hex[(u >> 8) & 0xF];
	out[4] = hex[(u >> 4) & 0xF];
	out[5] = hex[u & 0xF];
	return 6;
}

/*
 * Everything utf8_unsafe names (controls, DEL, C1, bidirectional controls,
 * invisible characters, U+2028/9) is written as \uXXXX, a surrogate pair
 * above the BMP: a reader sees it, and a script that prints a string it
 * read sends none of them to a terminal raw. Invalid bytes become U+FFFD.
 */
static void
write_escaped(struct json_writer *w, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	put(w, "\"", 1);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		char esc[12];
		const char *rep = NULL;
		size_t replen = 2, k = 1;
		uint32_t cp = c;

		if (c >= 0x80)
			k = utf8_decode(s + i, n - i, &cp);
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			rep = esc;
		} else if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
			esc[0] = '\\';
			esc[1] = c == '\b' ? 'b' : c == '\f' ? 'f' : c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
			rep = esc;
		} else if (cp == UTF8_INVALID) {
			rep = "\xEF\xBF\xBD";
			replen = 3;
		} else if (utf8_unsafe(cp) != UTF8_SAFE) {
			rep = esc;
			if (cp > 0xFFFF) {
				replen = unit_escape(esc, 0xD800 + ((cp - 0x10000) >> 10));
				replen += unit_escape(esc + replen, 0xDC00 + ((cp - 0x10000) & 0x3FF));
			} else {
				replen = unit_escape(esc, cp);
			}
		}
		if (rep) {
			/* flush the safe bytes before this one in a single write */
			put(w, s + i - run, run);
			run = 0;
			put(w, rep, replen);
		} else {
			run += k;
		}
		i += k;
	}
	put(w, s + n - run, run);
	put(w, "\"", 1);
}

void
json_key(struct json_writer *w, const char *key)
{
	if (w->after_key || w->depth == 0)
		w->error = 1;
	if (w->after_key) {
		w->after_key = 0;
		puts_raw(w, "null");
	}
	start_element(w);
	if (!key) {
		w->error = 1;
		key = "";
	}
	write_escaped(w, key, strlen(key));
	if (w->pretty)
		put(w, ": ", 2);
	else
		put(w, ":", 1);
	w->after_key = 1;
}

void
json_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_null(w);
		return;
	}
	json_string_n(w, s, strlen(s));
}

void
json_string_n(struct json_writer *w, const char *s, size_t n)
{
	if (!s) {
		json_null(w);
		return;
	}
	start_value(w);
	write_escaped(w, s, n);
}

void
json_int(struct json_writer *w, long long v)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%lld", v);

	start_value(w);
	put(w, buf, (size_t)len);
}

void
json_double(struct json_writer *w, double v)
{
	/* %.3f of DBL_MAX needs 309 digits before the point */
	char buf[512];
	int len;

	if (!isfinite(v)) {
		json_null(w);
		return;
	}
	start_value(w);
	len = snprintf(buf, sizeof(buf), "%.3f", v);
	if (len <= 0 || (size_t)len >= sizeof(buf)) {
		w->error = 1;
		puts_raw(w, "null");
		return;
	}
	/* keep one decimal so readers still see a number with a fraction */
	while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
		len--;
	buf[len] = '\0';
	/* values that round to zero would otherwise print as -0.0 */
	if (strcmp(buf, "-0.0") == 0)
		puts_raw(w, "0.0");
	else
		put(w, buf, (size_t)len);
}

void
json_bool(struct json_writer *w, int v)
{
	start_value(w);
	puts_raw(w, v ? "true" : "false");
}

void
json_null(struct json_writer *w)
{
	start_value(w);
	puts_raw(w, "null");
}

void
json_member_string(struct json_writer *w, const char *key, const char *s)
{
	json_key(w, key);
	json_string(w, s);
}

void
json_member_int(struct json_writer *w, const char *key, long long v)
{
	json_key(w, key);
	json_int(w, v);
}
