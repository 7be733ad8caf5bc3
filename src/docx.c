#include "config.h"
#include "docx.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>
#include <zip.h>

#include "input.h"
#include "utf8.h"

/*
 * The reader streams each XML part of the package from libzip into expat,
 * never holding a whole part: word/settings.xml (where footnote numbering
 * starts), word/styles.xml (styles that carry list numbering), then
 * word/numbering.xml (the list definitions), word/footnotes.xml (their
 * texts, by id) and word/document.xml (the body). Only word/document.xml
 * must exist; the others are read when the package holds them.
 *
 * Elements are named by an enum (the WordprocessingML namespace, in its
 * transitional and its strict spelling, and markup compatibility's
 * mc:AlternateContent, whose first choice is read and whose fallback is
 * not); everything else is descended into without being looked at, so
 * text inside wrappers
 * Word adds (hyperlinks, content controls, smart tags, custom XML, text
 * boxes) is read, and text in what is never displayed (deleted runs,
 * field instructions, hidden runs, ruby guides, fallback copies of text
 * boxes) is not.
 *
 * The body's text is built with a placeholder for each footnote marker,
 * "\x01ORDINAL\x02", resolved once the whole body is read: the number
 * footnotes start at may be given by the section properties at the end of
 * the body. Control characters never come from the XML (they are dropped
 * as text is taken in), so the placeholder bytes cannot be forged.
 */

/* Bounds, so a hostile file costs bounded time and memory. */
#define MAX_ENTRIES 10000			/* members of the ZIP archive */
#define MAX_DOCUMENT ((size_t)64 << 20)		/* word/document.xml expanded */
#define MAX_PART ((size_t)16 << 20)		/* every other part expanded */
#define MAX_DEPTH 256				/* nesting of XML elements */
#define MAX_NEST 16				/* paragraphs in text boxes in paragraphs */
#define MAX_FIELDS 64				/* fields inside fields */
#define MAX_LEVELS 9				/* list levels, as Word has (w:ilvl 0..8) */
#define MAX_LISTS 20000				/* list definitions and instances */
#define MAX_STYLES 20000
#define MAX_CHAIN 32				/* styles based on styles; style links */
#define MAX_NAME 256				/* a style id, a level's text */

#define NS_SEP ' '				/* expat's "URI local"; XML_NS " space" too */
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* The elements the reader looks at; E_OTHER is descended into. */
enum el {
	E_OTHER, E_ABSTRACTNUM, E_ABSTRACTNUMID, E_BASEDON, E_BODY, E_BR, E_CELLDEL, E_CELLINS, E_CELLMERGE,
	E_CR, E_DEL, E_DELTEXT, E_FFDATA, E_FLDCHAR, E_FLDDATA, E_FOOTNOTE, E_FOOTNOTEPR, E_FOOTNOTEREFERENCE,
	E_ILVL, E_INS, E_ISLGL, E_LVL, E_LVLOVERRIDE, E_LVLRESTART, E_LVLTEXT, E_MOVEFROM, E_MOVETO,
	E_NOBREAKHYPHEN, E_NUM, E_NUMFMT, E_NUMID, E_NUMPR, E_NUMSTART, E_NUMSTYLELINK, E_NUMBERINGCHANGE,
	E_P, E_PPR, E_PPRCHANGE, E_PSTYLE, E_PTAB, E_R, E_RPR, E_RPRCHANGE, E_RT, E_SECTPR, E_SECTPRCHANGE,
	E_SOFTHYPHEN, E_START, E_STARTOVERRIDE, E_STYLE, E_SUFF, E_SYM, E_T, E_TAB, E_TBL,
	E_TBLGRIDCHANGE, E_TBLPRCHANGE, E_TBLPREXCHANGE, E_TC, E_TCPRCHANGE, E_TR, E_TRPR, E_TRPRCHANGE,
	E_TXBXCONTENT, E_VANISH, E_VERTALIGN,
	E_MC_ALTERNATE, E_MC_CHOICE, E_MC_FALLBACK
};

/* In strcmp order, for bsearch. */
static const struct el_name {
	const char *name;
	enum el el;
} w_elements[] = {
	{ "abstractNum", E_ABSTRACTNUM }, { "abstractNumId", E_ABSTRACTNUMID }, { "basedOn", E_BASEDON },
	{ "body", E_BODY }, { "br", E_BR }, { "cellDel", E_CELLDEL }, { "cellIns", E_CELLINS },
	{ "cellMerge", E_CELLMERGE }, { "cr", E_CR }, { "del", E_DEL }, { "delText", E_DELTEXT },
	{ "ffData", E_FFDATA }, { "fldChar", E_FLDCHAR }, { "fldData", E_FLDDATA }, { "footnote", E_FOOTNOTE },
	{ "footnotePr", E_FOOTNOTEPR }, { "footnoteReference", E_FOOTNOTEREFERENCE }, { "ilvl", E_ILVL },
	{ "ins", E_INS }, { "isLgl", E_ISLGL }, { "lvl", E_LVL }, { "lvlOverride", E_LVLOVERRIDE },
	{ "lvlRestart", E_LVLRESTART }, { "lvlText", E_LVLTEXT }, { "moveFrom", E_MOVEFROM },
	{ "moveTo", E_MOVETO }, { "noBreakHyphen", E_NOBREAKHYPHEN }, { "num", E_NUM }, { "numFmt", E_NUMFMT },
	{ "numId", E_NUMID }, { "numPr", E_NUMPR }, { "numStart", E_NUMSTART },
	{ "numStyleLink", E_NUMSTYLELINK }, { "numberingChange", E_NUMBERINGCHANGE }, { "p", E_P },
	{ "pPr", E_PPR }, { "pPrChange", E_PPRCHANGE }, { "pStyle", E_PSTYLE }, { "ptab", E_PTAB },
	{ "r", E_R }, { "rPr", E_RPR }, { "rPrChange", E_RPRCHANGE }, { "rt", E_RT }, { "sectPr", E_SECTPR },
	{ "sectPrChange", E_SECTPRCHANGE }, { "softHyphen", E_SOFTHYPHEN }, { "start", E_START },
	{ "startOverride", E_STARTOVERRIDE }, { "style", E_STYLE }, { "suff", E_SUFF }, { "sym", E_SYM }, { "t", E_T }, { "tab", E_TAB }, { "tbl", E_TBL },
	{ "tblGridChange", E_TBLGRIDCHANGE }, { "tblPrChange", E_TBLPRCHANGE },
	{ "tblPrExChange", E_TBLPREXCHANGE }, { "tc", E_TC }, { "tcPrChange", E_TCPRCHANGE }, { "tr", E_TR },
	{ "trPr", E_TRPR }, { "trPrChange", E_TRPRCHANGE }, { "txbxContent", E_TXBXCONTENT },
	{ "vanish", E_VANISH }, { "vertAlign", E_VERTALIGN },
};

enum fmt { FMT_DECIMAL, FMT_DECIMAL_ZERO, FMT_LOWER_LETTER, FMT_UPPER_LETTER, FMT_LOWER_ROMAN, FMT_UPPER_ROMAN,
	   FMT_BULLET, FMT_NONE };

/* One level of a list definition (w:lvl). */
struct level {
	int defined;
	long start;		/* w:start; 0 when absent, as the standard says */
	enum fmt fmt;
	char *text;		/* w:lvlText; NULL: none */
	int restart;		/* w:lvlRestart; -1: the default (after any shallower level) */
	int legal;		/* w:isLgl: every number of the label in decimal */
	int suff;		/* 0 tab, 1 space, 2 nothing */
	char *pstyle;		/* the paragraph style linked to this level */
};

/*
 * A list definition (w:abstractNum). Word counts per definition, not per
 * instance: instances (w:num) of one definition continue each other's
 * numbers, and an instance that overrides a level's start restarts it
 * where it is first used. So the counters live here.
 */
struct abstract_num {
	long id;
	struct level lvl[MAX_LEVELS];
	char *num_style_link;	/* the definition is that numbering style's */
	long count[MAX_LEVELS];
	unsigned char started[MAX_LEVELS];
};

/* A list instance (w:num) and its overrides. */
struct num {
	long id;
	long abstract_id;
	unsigned char has_start[MAX_LEVELS];
	long start[MAX_LEVELS];	/* w:startOverride */
	struct level over[MAX_LEVELS];	/* w:lvlOverride/w:lvl */
	int seen;
};

struct style {
	char *id;
	char *based_on;
	long num_id;		/* -1: none given */
	int ilvl;		/* -1: none given */
};

/* A paragraph's own properties that decide its numbering. */
struct pprops {
	char *style;
	long num_id;		/* -1: none given; 0: numbering removed */
	int ilvl;		/* -1: none given */
};

struct note {
	long id;
	char *text;
	long ordinal;		/* order of first reference; -1: not referenced */
};

/* A footnote as the body refers to it, in order of first reference. */
struct ref {
	size_t note;		/* index in notes, or SIZE_MAX when it has none */
	int custom;		/* a mark of its own (w:customMarkFollows), no number */
	long number;		/* for numbered ones: the ordinal among them */
};

struct docx {
	const char *name;
	int original;
	struct rl_error *err;
	int failed;

	struct abstract_num *abs;
	size_t nabs, cabs;
	struct num *nums;
	size_t nnums, cnums;
	struct style *styles;
	size_t nstyles, cstyles;
	const char *default_style;	/* borrowed from styles */

	struct note *notes;
	size_t nnotes, cnotes;
	struct ref *refs;
	size_t nrefs, crefs;
	long numbered;		/* numbered footnotes referenced so far */
	long num_start;		/* the first footnote's number */
	int num_start_sect;	/* num_start given by a section (wins over settings) */

	struct sbuf body;
};

/*
 * XML: one parser per part, with the element stack, the depth bound and
 * the refusal of DTDs common to all parts.
 */
struct xml;
typedef void (*start_fn)(struct xml *x, enum el e, const char **atts);
typedef void (*end_fn)(struct xml *x, enum el e);

struct xml {
	XML_Parser p;
	struct docx *d;
	const char *part;
	int depth;
	unsigned char stack[MAX_DEPTH];
	start_fn start;
	end_fn end;
	XML_CharacterDataHandler text;
	void *u;
};

static int
fail(struct docx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(struct docx *d, const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof(d->err->msg)];

	if (d->failed)
		return -1;
	d->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return rl_fail(d->err, "'%s': %s", d->name, msg);
}

static void
xml_fail(struct xml *x, const char *what)
{
	fail(x->d, "%s %s; refused", x->part, what);
	XML_StopParser(x->p, XML_FALSE);
}

static int
el_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct el_name *)elem)->name);
}

static int
is_w(const char *uri, size_t n)
{
	return (n == sizeof(W_NS) - 1 && memcmp(uri, W_NS, n) == 0) ||
	       (n == sizeof(W_NS_STRICT) - 1 && memcmp(uri, W_NS_STRICT, n) == 0);
}

static enum el
el_of(const char *name)
{
	const char *sep = strrchr(name, NS_SEP);
	const struct el_name *hit;
	size_t n;

	if (!sep)
		return E_OTHER;
	n = (size_t)(sep - name);
	if (is_w(name, n)) {
		hit = bsearch(sep + 1, w_elements, ARRAY_SIZE(w_elements), sizeof(w_elements[0]), el_cmp);
		return hit ? hit->el : E_OTHER;
	}
	if (n == sizeof(MC_NS) - 1 && memcmp(name, MC_NS, n) == 0) {
		if (strcmp(sep + 1, "AlternateContent") == 0)
			return E_MC_ALTERNATE;
		if (strcmp(sep + 1, "Choice") == 0)
			return E_MC_CHOICE;
		if (strcmp(sep + 1, "Fallback") == 0)
			return E_MC_FALLBACK;
	}
	return E_OTHER;
}

/* The value of the WordprocessingML attribute local (w:val), or NULL. An
 * attribute without a namespace is taken too: some writers leave it off. */
static const char *
attr(const char **atts, const char *local)
{
	size_t i;

	for (i = 0; atts[i]; i += 2) {
		const char *sep = strrchr(atts[i], NS_SEP);

		if (sep ? is_w(atts[i], (size_t)(sep - atts[i])) && strcmp(sep + 1, local) == 0
			: strcmp(atts[i], local) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* xml:space="preserve" */
static int
attr_preserve(const char **atts)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], XML_NS " space") == 0)
			return strcmp(atts[i + 1], "preserve") == 0;
	return 0;
}

static long
attr_long(const char **atts, const char *local, long def)
{
	const char *v = attr(atts, local);
	char *end;
	long n;

	if (!v)
		return def;
	n = strtol(v, &end, 10);
	if (end == v)
		return def;
	/* far beyond any real list or note, and safe to count on from */
	if (n > 1000000000L)
		n = 1000000000L;
	if (n < -1000000000L)
		n = -1000000000L;
	return n;
}

static int
attr_on_val(const char *v)
{
	return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* An on/off property (w:vanish, w:isLgl): on unless w:val says off. */
static int
attr_on(const char **atts)
{
	return attr_on_val(attr(atts, "val"));
}

/* A copy of a short name, or NULL when absent or too long to be one. */
static char *
attr_name(const char **atts, const char *local)
{
	const char *v = attr(atts, local);

	return v && strlen(v) < MAX_NAME ? xstrdup(v) : NULL;
}

/*
 * The up-th ancestor of the element being started or ended (which is
 * stack[depth - 1]); markup compatibility's wrappers (mc:AlternateContent
 * and its choices) do not count, so what they wrap is where it belongs.
 */
static enum el
parent(const struct xml *x, int up)
{
	int i;
	enum el e;

	for (i = x->depth - 2; i >= 0; i--) {
		e = (enum el)x->stack[i];
		if (e == E_MC_ALTERNATE || e == E_MC_CHOICE || e == E_MC_FALLBACK)
			continue;
		if (--up == 0)
			return e;
	}
	return E_OTHER;
}

static void XMLCALL
on_start(void *u, const XML_Char *name, const XML_Char **atts)
{
	struct xml *x = u;
	enum el e = el_of(name);

	/* expat may call on after the parse is stopped: nothing more is read */
	if (x->d->failed)
		return;
	if (x->depth >= MAX_DEPTH) {
		xml_fail(x, "nests elements more than 256 deep");
		return;
	}
	x->stack[x->depth++] = (unsigned char)e;
	x->start(x, e, atts);
}

static void XMLCALL
on_end(void *u, const XML_Char *name)
{
	struct xml *x = u;

	(void)name;
	if (x->depth == 0 || x->d->failed)
		return;
	x->end(x, (enum el)x->stack[x->depth - 1]);
	x->depth--;
}

static void XMLCALL
on_doctype(void *u, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	/* Word never writes one; a DTD is how entity bombs and external
	 * entities come in, so none is read at all */
	xml_fail(u, "declares a DTD, which Word documents never do");
}

static void XMLCALL
on_entity(void *u, const XML_Char *name, int is_param, const XML_Char *value, int len, const XML_Char *base,
	  const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	xml_fail(u, "declares an entity");
}

/*
 * Stream the part from the archive into a parser with x's handlers:
 * 0, or 1 when the part is absent and not required, or -1 with the error
 * made.
 */
static int
parse_part(struct docx *d, zip_t *z, const char *part, size_t cap, int required, struct xml *x)
{
	char buf[32768];
	zip_int64_t idx, n;
	zip_stat_t st;
	zip_file_t *f = NULL;
	size_t total = 0;
	int rc = -1;

	idx = zip_name_locate(z, part, ZIP_FL_NOCASE);
	if (idx < 0) {
		if (!required)
			return 1;
		return fail(d, "not a Word document (no %s)", part);
	}
	zip_stat_init(&st);
	if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		return fail(d, "%s is encrypted; save the document without a password", part);
	if (!(f = zip_fopen_index(z, (zip_uint64_t)idx, 0)))
		return fail(d, "damaged Word document (%s: %s)", part, zip_strerror(z));
	x->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!x->p) {
		zip_fclose(f);
		return fail(d, "out of memory reading %s", part);
	}
	x->d = d;
	x->part = part;
	x->depth = 0;
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, x->text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	for (;;) {
		n = zip_fread(f, buf, sizeof(buf));
		if (n < 0) {
			fail(d, "damaged Word document (%s: %s)", part, zip_file_strerror(f));
			goto out;
		}
		total += (size_t)n;
		if (total > cap) {
			fail(d, "%s expands beyond %zu MB; refused (a zip bomb?)", part, cap >> 20);
			goto out;
		}
		if (XML_Parse(x->p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (!d->failed)
				fail(d, "damaged Word document (%s: %s at line %lu, column %lu)", part,
				     XML_ErrorString(XML_GetErrorCode(x->p)),
				     (unsigned long)XML_GetCurrentLineNumber(x->p),
				     (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1);
			goto out;
		}
		if (d->failed)
			goto out;
		if (n == 0)
			break;
	}
	rc = 0;
out:
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(f);
	return rc;
}

/*
 * Text as it is taken in from the XML: white space becomes a space,
 * control characters and soft hyphens (shown only at a line end) are
 * dropped; raised digits become superscript digits.
 */
static const char *const superscripts[10] = {
	"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074", "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"
};

static void
add_superscript_number(struct sbuf *out, long n)
{
	char digits[24];
	int i, len;

	len = snprintf(digits, sizeof(digits), "%ld", n);
	for (i = 0; i < len; i++)
		sbuf_adds(out, digits[i] == '-' ? "\u207b" : superscripts[digits[i] - '0']);
}

/* Append cp to a paragraph: spaces collapse (the ends are trimmed when
 * the paragraph is written, since paragraphs may yet be joined). */
static void
add_cp(struct sbuf *p, uint32_t cp, int raised)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		cp = ' ';
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0xad || cp == 0xfeff || cp == UTF8_INVALID)
		return;
	/* only a w:sym can name these; they are not characters */
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		cp = 0xfffd;
	if (cp == ' ') {
		if (p->len > 0 && p->buf[p->len - 1] == ' ')
			return;
		sbuf_addch(p, ' ');
		return;
	}
	if (raised && cp >= '0' && cp <= '9') {
		sbuf_adds(p, superscripts[cp - '0']);
		return;
	}
	utf8_encode(p, cp);
}

static void
add_text(struct sbuf *p, const char *s, size_t n, int raised)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		add_cp(p, cp, raised);
		i += k;
	}
}

static void
trim_end(struct sbuf *p)
{
	while (p->len > 0 && p->buf[p->len - 1] == ' ')
		p->buf[--p->len] = '\0';
}

/*
 * The Symbol font's characters (Adobe's encoding, as Word's w:sym gives
 * them, 0xF020..0xF0FE or 0x20..0xFE); 0 where it has no Unicode twin.
 */
static const uint16_t symbol_font[0xff - 0x20] = {
	/* 0x20 */ 0x0020, 0x0021, 0x2200, 0x0023, 0x2203, 0x0025, 0x0026, 0x220b,
	/* 0x28 */ 0x0028, 0x0029, 0x2217, 0x002b, 0x002c, 0x2212, 0x002e, 0x002f,
	/* 0x30 */ 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	/* 0x38 */ 0x0038, 0x0039, 0x003a, 0x003b, 0x003c, 0x003d, 0x003e, 0x003f,
	/* 0x40 */ 0x2245, 0x0391, 0x0392, 0x03a7, 0x0394, 0x0395, 0x03a6, 0x0393,
	/* 0x48 */ 0x0397, 0x0399, 0x03d1, 0x039a, 0x039b, 0x039c, 0x039d, 0x039f,
	/* 0x50 */ 0x03a0, 0x0398, 0x03a1, 0x03a3, 0x03a4, 0x03a5, 0x03c2, 0x03a9,
	/* 0x58 */ 0x039e, 0x03a8, 0x0396, 0x005b, 0x2234, 0x005d, 0x22a5, 0x005f,
	/* 0x60 */ 0x0000, 0x03b1, 0x03b2, 0x03c7, 0x03b4, 0x03b5, 0x03c6, 0x03b3,
	/* 0x68 */ 0x03b7, 0x03b9, 0x03d5, 0x03ba, 0x03bb, 0x03bc, 0x03bd, 0x03bf,
	/* 0x70 */ 0x03c0, 0x03b8, 0x03c1, 0x03c3, 0x03c4, 0x03c5, 0x03d6, 0x03c9,
	/* 0x78 */ 0x03be, 0x03c8, 0x03b6, 0x007b, 0x007c, 0x007d, 0x223c, 0x0000,
	/* 0x80 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0xa0 */ 0x20ac, 0x03d2, 0x2032, 0x2264, 0x2044, 0x221e, 0x0192, 0x2663,
	/* 0xa8 */ 0x2666, 0x2665, 0x2660, 0x2194, 0x2190, 0x2191, 0x2192, 0x2193,
	/* 0xb0 */ 0x00b0, 0x00b1, 0x2033, 0x2265, 0x00d7, 0x221d, 0x2202, 0x2022,
	/* 0xb8 */ 0x00f7, 0x2260, 0x2261, 0x2248, 0x2026, 0x0000, 0x0000, 0x21b5,
	/* 0xc0 */ 0x2135, 0x2111, 0x211c, 0x2118, 0x2297, 0x2295, 0x2205, 0x2229,
	/* 0xc8 */ 0x222a, 0x2283, 0x2287, 0x2284, 0x2282, 0x2286, 0x2208, 0x2209,
	/* 0xd0 */ 0x2220, 0x2207, 0x00ae, 0x00a9, 0x2122, 0x220f, 0x221a, 0x22c5,
	/* 0xd8 */ 0x00ac, 0x2227, 0x2228, 0x21d4, 0x21d0, 0x21d1, 0x21d2, 0x21d3,
	/* 0xe0 */ 0x25ca, 0x2329, 0x00ae, 0x00a9, 0x2122, 0x2211, 0x0000, 0x0000,
	/* 0xe8 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0xf0 */ 0x0000, 0x232a, 0x222b, 0, 0, 0, 0, 0,
	/* 0xf8 */ 0, 0, 0, 0, 0, 0, 0,
};

/* The character a w:sym shows: a code point of its own, or one of a
 * symbol font's, which Word keeps at U+F000 + its code. */
static uint32_t
sym_char(const char **atts)
{
	const char *font = attr(atts, "font"), *hex = attr(atts, "char");
	unsigned long c;
	char *end;

	if (!hex)
		return 0;
	c = strtoul(hex, &end, 16);
	if (end == hex || *end || c > 0x10ffff)
		return 0xfffd;
	if (c >= 0xf000 && c <= 0xf0ff)
		c -= 0xf000;
	else if (c > 0xff || !font || strcmp(font, "Symbol") != 0)
		return (uint32_t)c;
	if (font && strcmp(font, "Symbol") == 0)
		return c >= 0x20 && c < 0xff && symbol_font[c - 0x20] ? symbol_font[c - 0x20] : 0xfffd;
	/* a picture font's glyph has no character to show for it */
	if (!font || strstr(font, "ingdings") || strstr(font, "ebdings") || strstr(font, "Zapf") ||
	    strstr(font, "Dingbat") || strstr(font, "Marlett") || strstr(font, "MT Extra"))
		return 0xfffd;
	return (uint32_t)c;
}

/*
 * Styles (word/styles.xml): only what numbering needs, the paragraph
 * styles' w:numPr and w:basedOn, and the default paragraph style.
 */
struct styles_state {
	struct style *cur;
	int cur_is_default;
};

static void
styles_start(struct xml *x, enum el e, const char **atts)
{
	struct docx *d = x->d;
	struct styles_state *s = x->u;
	const char *type;

	switch (e) {
	case E_STYLE:
		s->cur = NULL;
		type = attr(atts, "type");
		/* numbering styles too: a list definition may be one's */
		if (type && strcmp(type, "paragraph") != 0 && strcmp(type, "numbering") != 0)
			break;
		if (d->nstyles >= MAX_STYLES) {
			xml_fail(x, "defines too many styles");
			break;
		}
		GROW(d->styles, d->cstyles, d->nstyles + 1);
		s->cur = &d->styles[d->nstyles++];
		memset(s->cur, 0, sizeof(*s->cur));
		s->cur->id = attr_name(atts, "styleId");
		s->cur->num_id = -1;
		s->cur->ilvl = -1;
		s->cur_is_default = type && strcmp(type, "paragraph") == 0 && attr(atts, "default") &&
				    attr_on_val(attr(atts, "default"));
		break;
	case E_BASEDON:
		if (s->cur && parent(x, 1) == E_STYLE) {
			free(s->cur->based_on);
			s->cur->based_on = attr_name(atts, "val");
		}
		break;
	case E_NUMID:
		if (s->cur && parent(x, 1) == E_NUMPR && parent(x, 2) == E_PPR && parent(x, 3) == E_STYLE)
			s->cur->num_id = attr_long(atts, "val", -1);
		break;
	case E_ILVL:
		if (s->cur && parent(x, 1) == E_NUMPR && parent(x, 2) == E_PPR && parent(x, 3) == E_STYLE)
			s->cur->ilvl = (int)attr_long(atts, "val", -1);
		break;
	default:
		break;
	}
}

static void
styles_end(struct xml *x, enum el e)
{
	struct docx *d = x->d;
	struct styles_state *s = x->u;

	if (e == E_STYLE && s->cur) {
		if (s->cur_is_default && s->cur->id && !d->default_style)
			d->default_style = s->cur->id;
		s->cur = NULL;
	}
}

static void XMLCALL
no_text(void *u, const XML_Char *s, int len)
{
	(void)u;
	(void)s;
	(void)len;
}

static int
style_cmp(const void *a, const void *b)
{
	const struct style *x = a, *y = b;

	if (!x->id || !y->id)
		return !x->id - !y->id;
	return strcmp(x->id, y->id);
}

static const struct style *
style_find(const struct docx *d, const char *id)
{
	struct style key;

	if (!id || d->nstyles == 0)
		return NULL;
	key.id = (char *)id;
	return bsearch(&key, d->styles, d->nstyles, sizeof(*d->styles), style_cmp);
}

/*
 * Numbering (word/numbering.xml): list definitions and their instances.
 */
struct numbering_state {
	struct abstract_num *abs;
	struct num *num;
	struct level *lvl;
	int over_ilvl;		/* the level a w:lvlOverride is about; -1: none */
};

static enum fmt
fmt_of(const char *v, enum fmt old)
{
	static const struct {
		const char *name;
		enum fmt fmt;
	} fmts[] = {
		{ "decimal", FMT_DECIMAL }, { "decimalZero", FMT_DECIMAL_ZERO },
		{ "lowerLetter", FMT_LOWER_LETTER }, { "upperLetter", FMT_UPPER_LETTER },
		{ "lowerRoman", FMT_LOWER_ROMAN }, { "upperRoman", FMT_UPPER_ROMAN },
		{ "bullet", FMT_BULLET }, { "none", FMT_NONE },
	};
	size_t i;

	if (!v)
		return old;
	/* a "custom" format comes with a fallback Word 2007 reads: keep that */
	if (strcmp(v, "custom") == 0)
		return old;
	for (i = 0; i < ARRAY_SIZE(fmts); i++)
		if (strcmp(v, fmts[i].name) == 0)
			return fmts[i].fmt;
	/* other scripts' and spelled-out numbers: shown as decimal */
	return FMT_DECIMAL;
}

static void
level_init(struct level *l)
{
	memset(l, 0, sizeof(*l));
	l->defined = 1;
	l->restart = -1;
}

static void
level_release(struct level *l)
{
	free(l->text);
	free(l->pstyle);
}

static void
numbering_start(struct xml *x, enum el e, const char **atts)
{
	struct docx *d = x->d;
	struct numbering_state *s = x->u;
	long ilvl;

	switch (e) {
	case E_ABSTRACTNUM:
		s->num = NULL;
		s->lvl = NULL;
		if (d->nabs >= MAX_LISTS) {
			xml_fail(x, "defines too many lists");
			return;
		}
		GROW(d->abs, d->cabs, d->nabs + 1);
		s->abs = &d->abs[d->nabs++];
		memset(s->abs, 0, sizeof(*s->abs));
		s->abs->id = attr_long(atts, "abstractNumId", -1);
		return;
	case E_NUM:
		s->abs = NULL;
		s->lvl = NULL;
		if (d->nnums >= MAX_LISTS) {
			xml_fail(x, "defines too many lists");
			return;
		}
		GROW(d->nums, d->cnums, d->nnums + 1);
		s->num = &d->nums[d->nnums++];
		memset(s->num, 0, sizeof(*s->num));
		s->num->id = attr_long(atts, "numId", -1);
		s->num->abstract_id = -1;
		return;
	case E_ABSTRACTNUMID:
		if (s->num && parent(x, 1) == E_NUM)
			s->num->abstract_id = attr_long(atts, "val", -1);
		return;
	case E_NUMSTYLELINK:
		if (s->abs && parent(x, 1) == E_ABSTRACTNUM) {
			free(s->abs->num_style_link);
			s->abs->num_style_link = attr_name(atts, "val");
		}
		return;
	case E_LVLOVERRIDE:
		s->over_ilvl = -1;
		ilvl = attr_long(atts, "ilvl", -1);
		if (s->num && ilvl >= 0 && ilvl < MAX_LEVELS)
			s->over_ilvl = (int)ilvl;
		return;
	case E_STARTOVERRIDE:
		if (s->num && s->over_ilvl >= 0 && parent(x, 1) == E_LVLOVERRIDE) {
			s->num->has_start[s->over_ilvl] = 1;
			s->num->start[s->over_ilvl] = attr_long(atts, "val", 0);
		}
		return;
	case E_LVL:
		s->lvl = NULL;
		ilvl = attr_long(atts, "ilvl", -1);
		/* levels beyond Word's nine are not displayed */
		if (ilvl < 0 || ilvl >= MAX_LEVELS)
			return;
		if (s->abs && parent(x, 1) == E_ABSTRACTNUM)
			s->lvl = &s->abs->lvl[ilvl];
		else if (s->num && s->over_ilvl == ilvl && parent(x, 1) == E_LVLOVERRIDE)
			s->lvl = &s->num->over[ilvl];
		if (s->lvl) {
			level_release(s->lvl);
			level_init(s->lvl);
		}
		return;
	default:
		break;
	}
	if (!s->lvl || parent(x, 1) != E_LVL)
		return;
	switch (e) {
	case E_START:
		s->lvl->start = attr_long(atts, "val", 0);
		break;
	case E_NUMFMT:
		s->lvl->fmt = fmt_of(attr(atts, "val"), s->lvl->fmt);
		break;
	case E_LVLTEXT:
		free(s->lvl->text);
		s->lvl->text = attr(atts, "null") && attr_on_val(attr(atts, "null")) ? xstrdup("") : attr_name(atts, "val");
		break;
	case E_LVLRESTART:
		s->lvl->restart = (int)attr_long(atts, "val", -1);
		break;
	case E_ISLGL:
		s->lvl->legal = attr_on(atts);
		break;
	case E_SUFF: {
		const char *v = attr(atts, "val");

		s->lvl->suff = v && strcmp(v, "space") == 0 ? 1 : v && strcmp(v, "nothing") == 0 ? 2 : 0;
		break;
	}
	case E_PSTYLE:
		free(s->lvl->pstyle);
		s->lvl->pstyle = attr_name(atts, "val");
		break;
	default:
		break;
	}
}

static void
numbering_end(struct xml *x, enum el e)
{
	struct numbering_state *s = x->u;

	switch (e) {
	case E_ABSTRACTNUM:
		s->abs = NULL;
		break;
	case E_NUM:
		s->num = NULL;
		break;
	case E_LVLOVERRIDE:
		s->over_ilvl = -1;
		break;
	case E_LVL:
		s->lvl = NULL;
		break;
	default:
		break;
	}
}

static int
abs_cmp(const void *a, const void *b)
{
	const struct abstract_num *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int
num_cmp(const void *a, const void *b)
{
	const struct num *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static struct abstract_num *
abs_find(struct docx *d, long id)
{
	struct abstract_num key;

	key.id = id;
	return d->nabs ? bsearch(&key, d->abs, d->nabs, sizeof(*d->abs), abs_cmp) : NULL;
}

static struct num *
num_find(struct docx *d, long id)
{
	struct num key;

	key.id = id;
	return d->nnums ? bsearch(&key, d->nums, d->nnums, sizeof(*d->nums), num_cmp) : NULL;
}

/*
 * The numbering a paragraph's properties give: its own w:numPr, else its
 * style's, following w:basedOn; a style that names a list but no level
 * takes the level linked to it (w:lvl/w:pStyle), else the first.
 */
static struct num *
numbering_of(struct docx *d, const struct pprops *pp, int *ilvl_out, const char **style_out)
{
	const char *sid = pp->style ? pp->style : d->default_style, *num_style = NULL;
	long num_id = pp->num_id;
	int ilvl = pp->ilvl, steps;
	const struct style *st;

	for (steps = 0; sid && steps < MAX_CHAIN && (num_id < 0 || ilvl < 0); steps++) {
		if (!(st = style_find(d, sid)))
			break;
		if (num_id < 0 && st->num_id >= 0) {
			num_id = st->num_id;
			num_style = st->id;
		}
		if (ilvl < 0 && st->ilvl >= 0)
			ilvl = st->ilvl;
		sid = st->based_on;
	}
	*ilvl_out = ilvl;
	*style_out = num_style;
	/* numId 0 takes a style's numbering away */
	return num_id > 0 ? num_find(d, num_id) : NULL;
}

/* The definition an instance counts in, through numbering styles
 * (w:numStyleLink names a style whose list holds the levels). */
static struct abstract_num *
definition_of(struct docx *d, const struct num *n)
{
	struct abstract_num *a = abs_find(d, n->abstract_id);
	const struct style *st;
	const struct num *via;
	int steps;

	for (steps = 0; a && a->num_style_link && steps < MAX_CHAIN; steps++) {
		st = style_find(d, a->num_style_link);
		if (!st || st->num_id <= 0 || !(via = num_find(d, st->num_id)))
			break;
		a = abs_find(d, via->abstract_id);
	}
	return a;
}

static const struct level *
level_of(const struct num *n, const struct abstract_num *a, int ilvl)
{
	if (n->over[ilvl].defined)
		return &n->over[ilvl];
	return a->lvl[ilvl].defined ? &a->lvl[ilvl] : NULL;
}

static void
add_roman(struct sbuf *out, long v, int upper)
{
	static const struct {
		int value;
		const char *s;
	} r[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
		  { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };
	size_t i;
	const char *c;

	for (i = 0; i < ARRAY_SIZE(r); i++)
		for (; v >= r[i].value; v -= r[i].value)
			for (c = r[i].s; *c; c++)
				sbuf_addch(out, upper ? (char)(*c - 'a' + 'A') : *c);
}

/* A number as a list level shows it; Word's letters go a..z, aa..zz. */
static void
add_number(struct sbuf *out, enum fmt fmt, long v)
{
	long i;

	switch (fmt) {
	case FMT_NONE:
	case FMT_BULLET:
		return;
	case FMT_DECIMAL_ZERO:
		sbuf_printf(out, v >= 0 && v < 10 ? "0%ld" : "%ld", v);
		return;
	case FMT_LOWER_ROMAN:
	case FMT_UPPER_ROMAN:
		if (v >= 1 && v < 4000) {
			add_roman(out, v, fmt == FMT_UPPER_ROMAN);
			return;
		}
		break;
	case FMT_LOWER_LETTER:
	case FMT_UPPER_LETTER:
		if (v >= 1 && v <= 26 * 30) {
			for (i = 0; i <= (v - 1) / 26; i++)
				sbuf_addch(out, (char)((fmt == FMT_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26));
			return;
		}
		break;
	default:
		break;
	}
	sbuf_printf(out, "%ld", v);
}

/*
 * Count a numbered paragraph and write its label as Word displays it
 * ("12. ", "(a) ", "1.2. "): the level's counter advances, deeper levels
 * restart as w:lvlRestart says, and the level text's %1..%9 take the
 * counters of those levels. Bullets and empty labels write nothing.
 */
static void
number_paragraph(struct docx *d, const struct pprops *pp, struct sbuf *label)
{
	const char *linked;
	const struct level *lv, *ref;
	struct abstract_num *a;
	struct num *n;
	int ilvl, l;
	const char *t;
	long v;
	size_t before;

	if (!(n = numbering_of(d, pp, &ilvl, &linked)) || !(a = definition_of(d, n)))
		return;
	if (ilvl < 0 && linked)
		for (l = 0; l < MAX_LEVELS; l++)
			if ((lv = level_of(n, a, l)) && lv->pstyle && strcmp(lv->pstyle, linked) == 0) {
				ilvl = l;
				break;
			}
	if (ilvl < 0)
		ilvl = 0;
	if (ilvl >= MAX_LEVELS || !(lv = level_of(n, a, ilvl)))
		return;
	/* an instance that sets a level's start restarts the count there */
	if (!n->seen) {
		n->seen = 1;
		for (l = 0; l < MAX_LEVELS; l++) {
			if (n->has_start[l]) {
				a->count[l] = n->start[l] - 1;
				a->started[l] = 1;
			} else if (n->over[l].defined) {
				a->count[l] = n->over[l].start - 1;
				a->started[l] = 1;
			}
		}
	}
	a->count[ilvl] = a->started[ilvl] ? a->count[ilvl] + 1 : lv->start;
	a->started[ilvl] = 1;
	for (l = ilvl + 1; l < MAX_LEVELS; l++) {
		ref = level_of(n, a, l);
		/* the default, or a w:lvlRestart naming a level above this */
		if (!ref || ref->restart < 0 || ref->restart > l || (ref->restart > 0 && ilvl < ref->restart))
			a->started[l] = 0;
	}
	if (lv->fmt == FMT_BULLET || !lv->text)
		return;
	before = label->len;
	for (t = lv->text; *t; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			l = t[1] - '1';
			t++;
			ref = level_of(n, a, l);
			v = a->started[l] ? a->count[l] : ref ? ref->start : 0;
			add_number(label, lv->legal ? FMT_DECIMAL : ref ? ref->fmt : FMT_DECIMAL, v);
			continue;
		}
		sbuf_addch(label, *t);
	}
	if (label->len > before && lv->suff != 2)
		sbuf_addch(label, ' ');
}

/*
 * The text of the body and of the footnotes: paragraphs, their runs and
 * what Word shows of them.
 */
enum part { PART_DOCUMENT, PART_FOOTNOTES };

struct para {
	struct sbuf text;
	struct pprops now;	/* as the paragraph is */
	struct pprops before;	/* as it was before a tracked change of its properties */
	int has_before;
	int mark_del;		/* its paragraph mark is a tracked deletion */
	int mark_ins;		/* or a tracked insertion */
};

struct reader {
	enum part part;
	int skip;		/* depth of the element whose content is skipped; 0: none */
	struct para paras[MAX_NEST];
	int npara;
	int in_pprchange;
	int in_t;		/* taking the text of a w:t (or w:delText) */
	int preserve;		/* its xml:space="preserve" */
	struct sbuf t;
	int vanish, raised;	/* the run's w:vanish, w:vertAlign="superscript" */
	char fields[MAX_FIELDS];	/* 'i' in a field's instruction, 'r' in its result */
	int nfields, fields_lost, in_instr;
	/* paragraphs whose marks this reading removes, waiting to join the next */
	struct sbuf pending;
	struct pprops pending_props;
	int has_pending;
	/* the footnote being read */
	long note_id;
	int in_note;
	struct sbuf note;
};

static void
pprops_release(struct pprops *p)
{
	free(p->style);
	p->style = NULL;
	p->num_id = -1;
	p->ilvl = -1;
}

static void
pprops_move(struct pprops *to, struct pprops *from)
{
	free(to->style);
	*to = *from;
	from->style = NULL;
	from->num_id = -1;
	from->ilvl = -1;
}

/* Where a paragraph's text goes, its ends trimmed: the body, or the
 * footnote being read. */
static void
emit(struct docx *d, struct reader *r, const struct pprops *pp, const char *text, size_t len)
{
	struct sbuf label = SBUF_INIT;

	while (len > 0 && *text == ' ')
		text++, len--;
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (r->part == PART_DOCUMENT) {
		number_paragraph(d, pp, &label);
		/* an empty paragraph is counted, as Word counts it, but not written */
		if (len > 0) {
			if (d->body.len > 0)
				sbuf_adds(&d->body, "\n\n");
			sbuf_add(&d->body, label.buf ? label.buf : "", label.len);
			sbuf_add(&d->body, text, len);
		}
	} else if (r->in_note && len > 0) {
		if (r->note.len > 0)
			sbuf_addch(&r->note, ' ');
		sbuf_add(&r->note, text, len);
	}
	sbuf_release(&label);
}

/* A container ends (or a table starts) with paragraphs still waiting to
 * join the next: nothing follows to join, so they stand alone. */
static void
flush_pending(struct docx *d, struct reader *r)
{
	if (!r->has_pending)
		return;
	emit(d, r, &r->pending_props, r->pending.buf, r->pending.len);
	sbuf_reset(&r->pending);
	pprops_release(&r->pending_props);
	r->has_pending = 0;
}

static void
para_begin(struct xml *x, struct reader *r)
{
	struct para *p;

	if (r->npara >= MAX_NEST) {
		xml_fail(x, "nests paragraphs (text boxes) more than 16 deep");
		return;
	}
	p = &r->paras[r->npara++];
	sbuf_reset(&p->text);
	pprops_release(&p->now);
	pprops_release(&p->before);
	p->has_before = p->mark_del = p->mark_ins = 0;
}

/*
 * A paragraph ends. When this reading removes its mark (a deletion
 * accepted, an insertion rejected) its text joins the next paragraph,
 * which keeps its own properties: they live in the mark that stays.
 */
static void
para_end(struct docx *d, struct reader *r)
{
	struct para *p;
	struct pprops *pp;
	int removed;

	if (r->npara == 0)
		return;
	p = &r->paras[--r->npara];
	pp = d->original && p->has_before ? &p->before : &p->now;
	removed = d->original ? p->mark_ins : p->mark_del;
	if (!removed && !r->has_pending) {
		emit(d, r, pp, p->text.buf, p->text.len);
		return;
	}
	/* joined as they are, a space at the joint collapsing */
	if (p->text.len > 0) {
		size_t skip = p->text.buf[0] == ' ' && r->pending.len > 0 && r->pending.buf[r->pending.len - 1] == ' ';

		sbuf_add(&r->pending, p->text.buf + skip, p->text.len - skip);
	}
	if (removed) {
		pprops_move(&r->pending_props, pp);
		r->has_pending = 1;
		return;
	}
	emit(d, r, pp, r->pending.buf, r->pending.len);
	sbuf_reset(&r->pending);
	pprops_release(&r->pending_props);
	r->has_pending = 0;
}

static struct para *
para_top(struct reader *r)
{
	return r->npara > 0 ? &r->paras[r->npara - 1] : NULL;
}

/* Is this reading's text shown here? */
static int
shown(const struct reader *r)
{
	return !r->skip && !r->in_instr && !r->vanish && r->npara > 0;
}

static void
count_instr(struct reader *r)
{
	int i;

	r->in_instr = 0;
	for (i = 0; i < r->nfields; i++)
		if (r->fields[i] == 'i')
			r->in_instr = 1;
}

static void
field_char(struct reader *r, const char *type)
{
	if (!type)
		return;
	if (strcmp(type, "begin") == 0) {
		if (r->nfields < MAX_FIELDS)
			r->fields[r->nfields++] = 'i';
		else
			r->fields_lost++;
	} else if (strcmp(type, "separate") == 0) {
		if (!r->fields_lost && r->nfields > 0)
			r->fields[r->nfields - 1] = 'r';
	} else if (strcmp(type, "end") == 0) {
		if (r->fields_lost)
			r->fields_lost--;
		else if (r->nfields > 0)
			r->nfields--;
	}
	count_instr(r);
}

static int
note_cmp(const void *a, const void *b)
{
	const struct note *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* A footnote reference in the body: a placeholder for its number. */
static void
footnote_ref(struct docx *d, struct reader *r, const char **atts)
{
	struct para *p = para_top(r);
	struct note key, *hit = NULL;
	const char *custom = attr(atts, "customMarkFollows");
	struct ref *ref;
	long ordinal;

	if (!p)
		return;
	key.id = attr_long(atts, "id", LONG_MIN);
	if (d->nnotes)
		hit = bsearch(&key, d->notes, d->nnotes, sizeof(*d->notes), note_cmp);
	if (hit && hit->ordinal >= 0) {
		/* referred to again: the same number (a custom mark is written) */
		if (d->refs[hit->ordinal].custom)
			return;
		ordinal = d->refs[hit->ordinal].number;
	} else {
		GROW(d->refs, d->crefs, d->nrefs + 1);
		ref = &d->refs[d->nrefs];
		ref->note = hit ? (size_t)(hit - d->notes) : SIZE_MAX;
		ref->custom = custom && attr_on_val(custom);
		ref->number = ref->custom ? -1 : d->numbered++;
		if (hit && hit->ordinal < 0)
			hit->ordinal = (long)d->nrefs;
		d->nrefs++;
		/* a mark of its own follows in the text, as it is written */
		if (ref->custom)
			return;
		ordinal = ref->number;
	}
	/* glued to the character before it, as printed */
	trim_end(&p->text);
	sbuf_printf(&p->text, "\x01%ld\x02", ordinal);
}

static int
is_marker_parent(enum el up)
{
	/* w:ins and w:del inside properties mark what they belong to (a
	 * paragraph mark, a table row, numbering); elsewhere they hold runs */
	return up == E_RPR || up == E_TRPR || up == E_NUMPR || up == E_PPR || up == E_SECTPR;
}

static void
reader_start(struct xml *x, enum el e, const char **atts)
{
	struct docx *d = x->d;
	struct reader *r = x->u;
	struct para *p = para_top(r);
	struct pprops *pp;
	const char *v;
	int is_del;

	if (r->skip)
		return;
	switch (e) {
	case E_MC_FALLBACK:	/* a copy of what the choice before it holds */
	case E_RT:		/* a ruby's pronunciation guide */
	case E_FFDATA:		/* a form field's settings */
	case E_FLDDATA:
	case E_RPRCHANGE:	/* formatting before a tracked change: never text */
	case E_SECTPRCHANGE:
	case E_TBLPRCHANGE:
	case E_TRPRCHANGE:
	case E_TCPRCHANGE:
	case E_TBLGRIDCHANGE:
	case E_TBLPREXCHANGE:
	case E_NUMBERINGCHANGE:
	case E_CELLINS:
	case E_CELLDEL:
	case E_CELLMERGE:
		r->skip = x->depth;
		return;
	case E_PPRCHANGE:
		/* the properties before the change: they number the original */
		if (!d->original || !p || parent(x, 1) != E_PPR) {
			r->skip = x->depth;
			return;
		}
		r->in_pprchange = 1;
		p->has_before = 1;
		return;
	case E_DEL:
	case E_MOVEFROM:
	case E_INS:
	case E_MOVETO:
		is_del = e == E_DEL || e == E_MOVEFROM;
		if (!is_marker_parent(parent(x, 1))) {
			/* runs deleted (or moved away), or inserted (moved here) */
			if (is_del != d->original)
				r->skip = x->depth;
			return;
		}
		if (parent(x, 1) == E_RPR && parent(x, 2) == E_PPR && p && !r->in_pprchange) {
			if (is_del)
				p->mark_del = 1;
			else
				p->mark_ins = 1;
		} else if (parent(x, 1) == E_TRPR && parent(x, 2) == E_TR && is_del != d->original) {
			/* a table row deleted, or inserted: its cells go with it */
			r->skip = x->depth - 2;
		}
		return;
	case E_P:
		para_begin(x, r);
		return;
	case E_PSTYLE:
		if (p && parent(x, 1) == E_PPR) {
			pp = r->in_pprchange ? &p->before : &p->now;
			free(pp->style);
			pp->style = attr_name(atts, "val");
		}
		return;
	case E_NUMID:
	case E_ILVL:
		if (p && parent(x, 1) == E_NUMPR && parent(x, 2) == E_PPR) {
			pp = r->in_pprchange ? &p->before : &p->now;
			if (e == E_NUMID)
				pp->num_id = attr_long(atts, "val", -1);
			else
				pp->ilvl = (int)attr_long(atts, "val", -1);
		}
		return;
	case E_NUMSTART:
		/* the first section's footnotes start here (settings say it for all) */
		if (parent(x, 1) == E_FOOTNOTEPR && parent(x, 2) == E_SECTPR && !d->num_start_sect) {
			d->num_start = attr_long(atts, "val", 1);
			d->num_start_sect = 1;
		}
		return;
	case E_TBL:
	case E_TXBXCONTENT:
		flush_pending(d, r);
		return;
	case E_R:
		r->vanish = r->raised = 0;
		return;
	case E_VANISH:
		if (parent(x, 1) == E_RPR && parent(x, 2) == E_R)
			r->vanish = attr_on(atts);
		return;
	case E_VERTALIGN:
		if (parent(x, 1) == E_RPR && parent(x, 2) == E_R)
			r->raised = (v = attr(atts, "val")) && strcmp(v, "superscript") == 0;
		return;
	case E_FLDCHAR:
		field_char(r, attr(atts, "fldCharType"));
		return;
	case E_FOOTNOTE:
		if (r->part == PART_FOOTNOTES && x->depth == 2) {
			/* the separator lines Word draws are not notes */
			v = attr(atts, "type");
			if (v && strcmp(v, "normal") != 0) {
				r->skip = x->depth;
				return;
			}
			r->in_note = 1;
			r->note_id = attr_long(atts, "id", LONG_MIN);
			sbuf_reset(&r->note);
		}
		return;
	default:
		break;
	}
	/* the content of a run */
	if (parent(x, 1) != E_R || !shown(r))
		return;
	switch (e) {
	case E_DELTEXT:
		/* deleted text outside a deletion is deleted all the same */
		if (!d->original)
			return;
		/* fall through */
	case E_T:
		r->in_t = 1;
		r->preserve = attr_preserve(atts);
		sbuf_reset(&r->t);
		return;
	case E_TAB:
	case E_PTAB:
	case E_BR:
	case E_CR:
		add_cp(&p->text, ' ', 0);
		return;
	case E_NOBREAKHYPHEN:
		add_cp(&p->text, '-', 0);
		return;
	case E_SYM:
		add_cp(&p->text, sym_char(atts), r->raised);
		return;
	case E_FOOTNOTEREFERENCE:
		if (r->part == PART_DOCUMENT)
			footnote_ref(d, r, atts);
		return;
	default:
		return;
	}
}

static int
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
reader_end(struct xml *x, enum el e)
{
	struct docx *d = x->d;
	struct reader *r = x->u;
	struct para *p = para_top(r);
	struct note *n;
	const char *s;
	size_t len;

	if (r->skip) {
		if (x->depth == r->skip)
			r->skip = 0;
		return;
	}
	switch (e) {
	case E_T:
	case E_DELTEXT:
		if (!r->in_t || !p)
			break;
		r->in_t = 0;
		s = r->t.buf ? r->t.buf : "";
		len = r->t.len;
		/* without xml:space="preserve", the spaces around are the XML's */
		if (!r->preserve) {
			while (len > 0 && is_xml_space(*s))
				s++, len--;
			while (len > 0 && is_xml_space(s[len - 1]))
				len--;
		}
		add_text(&p->text, s, len, r->raised);
		break;
	case E_P:
		para_end(d, r);
		break;
	case E_PPRCHANGE:
		r->in_pprchange = 0;
		break;
	case E_TC:
	case E_TBL:
	case E_TXBXCONTENT:
	case E_BODY:
		flush_pending(d, r);
		break;
	case E_R:
		r->vanish = r->raised = 0;
		break;
	case E_FOOTNOTE:
		if (!r->in_note)
			break;
		flush_pending(d, r);
		GROW(d->notes, d->cnotes, d->nnotes + 1);
		n = &d->notes[d->nnotes++];
		n->id = r->note_id;
		n->ordinal = -1;
		n->text = r->note.len ? sbuf_detach(&r->note) : xstrdup("");
		r->in_note = 0;
		break;
	default:
		break;
	}
}

static void XMLCALL
reader_text(void *u, const XML_Char *s, int len)
{
	struct xml *x = u;
	struct reader *r = x->u;

	if (r->in_t && len > 0)
		sbuf_add(&r->t, s, (size_t)len);
}

static void
reader_init(struct reader *r, enum part part)
{
	int i;

	memset(r, 0, sizeof(*r));
	r->part = part;
	for (i = 0; i < MAX_NEST; i++) {
		r->paras[i].now.num_id = r->paras[i].now.ilvl = -1;
		r->paras[i].before.num_id = r->paras[i].before.ilvl = -1;
	}
	r->pending_props.num_id = r->pending_props.ilvl = -1;
}

static void
reader_release(struct reader *r)
{
	int i;

	for (i = 0; i < MAX_NEST; i++) {
		sbuf_release(&r->paras[i].text);
		pprops_release(&r->paras[i].now);
		pprops_release(&r->paras[i].before);
	}
	sbuf_release(&r->t);
	sbuf_release(&r->pending);
	pprops_release(&r->pending_props);
	sbuf_release(&r->note);
}

/*
 * Settings (word/settings.xml): where the document's footnotes start.
 */
static void
settings_start(struct xml *x, enum el e, const char **atts)
{
	if (e == E_NUMSTART && parent(x, 1) == E_FOOTNOTEPR && x->depth == 3)
		x->d->num_start = attr_long(atts, "val", 1);
}

static void
settings_end(struct xml *x, enum el e)
{
	(void)x;
	(void)e;
}

/*
 * The package.
 */
static uint32_t
le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
le32(const unsigned char *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static int
is_document_name(const unsigned char *name, size_t n)
{
	static const char want[] = "word/document.xml";
	size_t i;

	if (n != sizeof(want) - 1)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = name[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)want[i])
			return 0;
	}
	return 1;
}

int
docx_is_zip(const char *buf, size_t len)
{
	return len >= 4 && (memcmp(buf, "PK\3\4", 4) == 0 || memcmp(buf, "PK\5\6", 4) == 0);
}

int
docx_is_docx(const char *buf, size_t len)
{
	const unsigned char *b = (const unsigned char *)buf, *e = NULL;
	size_t i, off, count, n, lo;

	if (len < 30 || memcmp(b, "PK\3\4", 4) != 0)
		return 0;
	if (30 + (size_t)le16(b + 26) <= len && is_document_name(b + 30, le16(b + 26)))
		return 1;
	/* the end of central directory record, within its comment's reach */
	lo = len > 22 + 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22 + 1; i-- > lo;) {
		if (memcmp(b + i, "PK\5\6", 4) == 0) {
			e = b + i;
			break;
		}
	}
	if (!e)
		return 0;
	count = le16(e + 10);
	off = le32(e + 16);
	/* (a ZIP64 archive sets these to all ones; a document never is one) */
	for (n = 0; n < count && off <= len && len - off >= 46; n++) {
		const unsigned char *c = b + off;
		size_t nlen = le16(c + 28), skip = 46 + nlen + le16(c + 30) + le16(c + 32);

		if (memcmp(c, "PK\1\2", 4) != 0 || len - off < 46 + nlen)
			return 0;
		if (is_document_name(c + 46, nlen))
			return 1;
		off += skip;
	}
	return 0;
}

int
docx_named(const char *name)
{
	size_t n = strlen(name);

	return n >= 5 && (strcasecmp(name + n - 5, ".docx") == 0 || strcasecmp(name + n - 5, ".docm") == 0);
}

static void
docx_release(struct docx *d)
{
	size_t i;
	int l;

	for (i = 0; i < d->nstyles; i++) {
		free(d->styles[i].id);
		free(d->styles[i].based_on);
	}
	free(d->styles);
	for (i = 0; i < d->nabs; i++) {
		for (l = 0; l < MAX_LEVELS; l++)
			level_release(&d->abs[i].lvl[l]);
		free(d->abs[i].num_style_link);
	}
	free(d->abs);
	for (i = 0; i < d->nnums; i++)
		for (l = 0; l < MAX_LEVELS; l++)
			level_release(&d->nums[i].over[l]);
	free(d->nums);
	for (i = 0; i < d->nnotes; i++)
		free(d->notes[i].text);
	free(d->notes);
	free(d->refs);
	sbuf_release(&d->body);
}

/* The body with its markers numbered, then the footnotes in order. */
static void
assemble(struct docx *d, struct sbuf *out)
{
	const char *s = d->body.buf, *q;
	size_t i = 0, n = d->body.len, start = out->len;
	const struct ref *ref;
	const char *text;
	char *end;
	long k;

	while (i < n) {
		if (s[i] == '\x01') {
			k = strtol(s + i + 1, &end, 10);
			add_superscript_number(out, d->num_start + k);
			i = (size_t)(end - s) + 1;
			continue;
		}
		q = memchr(s + i, '\x01', n - i);
		k = q ? (long)(q - (s + i)) : (long)(n - i);
		sbuf_add(out, s + i, (size_t)k);
		i += (size_t)k;
	}
	for (i = 0; i < d->nrefs; i++) {
		ref = &d->refs[i];
		if (ref->note == SIZE_MAX)
			continue;
		text = d->notes[ref->note].text;
		if (ref->custom && !*text)
			continue;
		if (out->len > start)
			sbuf_adds(out, "\n\n");
		if (!ref->custom) {
			add_superscript_number(out, d->num_start + ref->number);
			if (*text)
				sbuf_addch(out, ' ');
		}
		sbuf_adds(out, text);
	}
	if (out->len > start)
		sbuf_addch(out, '\n');
}

/* Read one part with the reader of that part: 0, or -1 on error. */
static int
read_part(struct docx *d, zip_t *z, const char *part, size_t cap, int required, start_fn start, end_fn end,
	  XML_CharacterDataHandler text, void *u)
{
	struct xml x;

	memset(&x, 0, sizeof(x));
	x.start = start;
	x.end = end;
	x.text = text;
	x.u = u;
	return parse_part(d, z, part, cap, required, &x) < 0 ? -1 : 0;
}

static int
open_package(struct docx *d, const char *buf, size_t len, zip_t **out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_int64_t entries;
	zip_t *z;

	if (len == 0)
		return fail(d, "not a Word document (an empty file)");
	if (!docx_is_zip(buf, len)) {
		if (len >= 8 && memcmp(buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
			return fail(d, "not a Word document (a Word 97-2003 file, or one encrypted with a password: "
				    "save it as .docx without one)");
		return fail(d, "not a Word document (not a ZIP archive)");
	}
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(buf, len, 0, &ze))) {
		zip_error_fini(&ze);
		return fail(d, "out of memory");
	}
	if (!(z = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
			fail(d, "not a Word document (a truncated or damaged ZIP archive)");
		else
			fail(d, "damaged Word document (ZIP archive: %s)", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	entries = zip_get_num_entries(z, 0);
	if (entries > MAX_ENTRIES) {
		zip_discard(z);
		return fail(d, "not a Word document (a ZIP archive of %lld entries; refused)", (long long)entries);
	}
	*out = z;
	return 0;
}

int
docx_read_mem(const char *buf, size_t len, const char *name, int original, struct sbuf *out,
	      struct rl_error *err)
{
	struct docx d;
	struct styles_state ss;
	struct numbering_state ns;
	struct reader r;
	zip_t *z = NULL;
	int rc = -1;

	memset(&d, 0, sizeof(d));
	d.name = name;
	d.original = original;
	d.err = err;
	d.num_start = 1;
	reader_init(&r, PART_FOOTNOTES);
	if (open_package(&d, buf, len, &z) < 0)
		goto out;
	if (zip_name_locate(z, "word/document.xml", ZIP_FL_NOCASE) < 0) {
		fail(&d, "not a Word document (no word/document.xml)");
		goto out;
	}
	if (read_part(&d, z, "word/settings.xml", MAX_PART, 0, settings_start, settings_end, no_text, NULL) < 0)
		goto out;
	memset(&ss, 0, sizeof(ss));
	if (read_part(&d, z, "word/styles.xml", MAX_PART, 0, styles_start, styles_end, no_text, &ss) < 0)
		goto out;
	if (d.nstyles)
		qsort(d.styles, d.nstyles, sizeof(*d.styles), style_cmp);
	memset(&ns, 0, sizeof(ns));
	ns.over_ilvl = -1;
	if (read_part(&d, z, "word/numbering.xml", MAX_PART, 0, numbering_start, numbering_end, no_text, &ns) < 0)
		goto out;
	if (d.nabs)
		qsort(d.abs, d.nabs, sizeof(*d.abs), abs_cmp);
	if (d.nnums)
		qsort(d.nums, d.nnums, sizeof(*d.nums), num_cmp);
	if (read_part(&d, z, "word/footnotes.xml", MAX_DOCUMENT, 0, reader_start, reader_end, reader_text, &r) < 0)
		goto out;
	if (d.nnotes)
		qsort(d.notes, d.nnotes, sizeof(*d.notes), note_cmp);
	reader_release(&r);
	reader_init(&r, PART_DOCUMENT);
	if (read_part(&d, z, "word/document.xml", MAX_DOCUMENT, 1, reader_start, reader_end, reader_text, &r) < 0)
		goto out;
	flush_pending(&d, &r);
	assemble(&d, out);
	rc = 0;
out:
	reader_release(&r);
	if (z)
		zip_discard(z);
	docx_release(&d);
	return rc;
}

int
docx_read(const char *path, int original, struct sbuf *out, struct rl_error *err)
{
	char *buf;
	size_t len;
	int rc;

	if (read_file(path, &buf, &len, err) < 0)
		return -1;
	rc = docx_read_mem(buf, len, path, original, out, err);
	free(buf);
	return rc;
}
