#include "config.h"
#include "pdf.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "input.h"
#include "lang.h"
#include "repair.h"
#include "utf8.h"

/*
 * The reader works on the glyphs of each page as poppler reports them in
 * reading order: one code point, its box (top-down page coordinates) and
 * its font size each. A poppler line becomes a row; rows that sit on one
 * printed line (an operative number and its text, "79/53." and the title)
 * are merged, and a footnote number that poppler sets apart as a line of
 * its own is put back at the start of the footnote it labels. Rows are
 * then sorted into page furniture, the footnote area and the text, and
 * the text rows are joined into paragraphs by their geometry.
 *
 * The proportions below are of the font size (the body's, or the row's),
 * measured on the UN's own PDFs (Times 10.08 pt on a 12 pt pitch, 18 pt
 * between paragraphs, markers 6.48 pt, footnotes 8.40 pt, footnote numbers
 * 5.52 pt) and on LibreOffice's (10/12 pt, 5.8 pt superscripts).
 */

/* Bounds, so a hostile file costs bounded time and memory. */
#define MAX_PAGES 5000
#define MAX_GLYPHS (20u * 1000 * 1000)
#define MAX_WORD 64

struct glyph {
	uint32_t cp;
	float x1, y1, x2, y2;	/* the box, y growing down the page */
	float size;		/* the font size, 0 when poppler gave none */
};

enum area { A_TEXT, A_NOTES, A_FURNITURE };

struct row {
	struct glyph *g;
	size_t n, cap;
	int page;
	size_t order;		/* poppler's reading order */
	double top, bottom, x0, x1, size;	/* of the row's main glyphs */
	int digits;		/* holds digits only */
	int rule;		/* a rule of underscores: the footnote separator */
	int gone;		/* merged into another row */
	enum area area;
	char *text;		/* rendered */
	size_t len;
};

struct page {
	double w, h;
	size_t r0, r1;		/* its rows */
};

struct note {
	int number;
	size_t seq;
	struct sbuf text;
};

struct doc {
	const char *name;
	struct row *rows;
	size_t nrows, rows_cap;
	struct page *pages;
	size_t npages, pages_cap;
	size_t nglyphs;
	double body;		/* the body text's font size */
	double margin;		/* the body text's left edge */
	double pitch;		/* the line pitch inside a paragraph */
	unsigned long long *words;	/* hashes of the words spelled whole */
	size_t nwords, words_cap;
	struct note *notes;
	size_t nnotes, notes_cap;
};

static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Poppler, and the GLib under it, are loaded the first time a PDF is read
 * rather than linked into the program: linked, their seventy libraries
 * were mapped and relocated by every run of every command (help, log, a
 * diff of two texts), some 10 MB of memory and 20 ms of start-up spent on
 * code those runs never call. The functions the reader calls are looked
 * up by name, once, into this table; the library stays loaded after.
 */
struct poppler_api {
	PopplerDocument *(*document_new_from_bytes)(GBytes *, const char *, GError **);
	int (*document_get_n_pages)(PopplerDocument *);
	PopplerPage *(*document_get_page)(PopplerDocument *, int);
	void (*page_get_size)(PopplerPage *, double *, double *);
	char *(*page_get_text)(PopplerPage *);
	gboolean (*page_get_text_layout)(PopplerPage *, PopplerRectangle **, guint *);
	GList *(*page_get_text_attributes)(PopplerPage *);
	void (*page_free_text_attributes)(GList *);
	GQuark (*error_quark)(void);
	void (*free)(gpointer);
	void (*object_unref)(gpointer);
	GBytes *(*bytes_new_static)(gconstpointer, gsize);
	void (*bytes_unref)(GBytes *);
	void (*clear_error)(GError **);
	guint (*log_set_handler)(const gchar *, GLogLevelFlags, GLogFunc, gpointer);
	gunichar (*utf8_get_char_validated)(const gchar *, gssize);
	gchar *(*compute_checksum_for_data)(GChecksumType, const guchar *, gsize);
};

/* Each slot of the table and the library function that fills it. */
#define POPPLER_API(_) \
	_(document_new_from_bytes, poppler_document_new_from_bytes) \
	_(document_get_n_pages, poppler_document_get_n_pages) \
	_(document_get_page, poppler_document_get_page) \
	_(page_get_size, poppler_page_get_size) \
	_(page_get_text, poppler_page_get_text) \
	_(page_get_text_layout, poppler_page_get_text_layout) \
	_(page_get_text_attributes, poppler_page_get_text_attributes) \
	_(page_free_text_attributes, poppler_page_free_text_attributes) \
	_(error_quark, poppler_error_quark) \
	_(free, g_free) \
	_(object_unref, g_object_unref) \
	_(bytes_new_static, g_bytes_new_static) \
	_(bytes_unref, g_bytes_unref) \
	_(clear_error, g_clear_error) \
	_(log_set_handler, g_log_set_handler) \
	_(utf8_get_char_validated, g_utf8_get_char_validated) \
	_(compute_checksum_for_data, g_compute_checksum_for_data)

/* What was loaded, once, under pdf_lock: 0 not yet tried, 1 loaded, -1 failed. */
static struct poppler_api api;
static int api_state;
static char api_error[256];

static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

static int
api_resolve(void *lib)
{
	static const struct {
		const char *name;
		size_t off;
	} slots[] = {
#define API_SLOT(field, fn) { #fn, offsetof(struct poppler_api, field) },
		POPPLER_API(API_SLOT)
#undef API_SLOT
	};
	size_t i;
	void *p;

	/*
	 * Never evaluated: the compiler checks that each slot has the type of
	 * the function declared in poppler's and GLib's headers.
	 */
#define API_CHECK(field, fn) (void)sizeof(api.field = fn);
	POPPLER_API(API_CHECK)
#undef API_CHECK
	for (i = 0; i < ARRAY_SIZE(slots); i++) {
		if (!(p = dlsym(lib, slots[i].name))) {
			snprintf(api_error, sizeof(api_error), "%s has no %s", POPPLER_SONAME, slots[i].name);
			return -1;
		}
		/* POSIX: a function's address converts to and from void * */
		memcpy((char *)&api + slots[i].off, &p, sizeof(p));
	}
	return 0;
}

/* The library, loaded on first use; -1 with api_error set when it cannot be. Under pdf_lock. */
static int
api_load(void)
{
	void *lib;
	const char *why;

	if (api_state)
		return api_state > 0 ? 0 : -1;
	api_state = -1;
	if (!(lib = dlopen(POPPLER_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		why = dlerror();
		snprintf(api_error, sizeof(api_error), "%s", why ? why : POPPLER_SONAME);
		return -1;
	}
	if (api_resolve(lib) < 0) {
		dlclose(lib);
		return -1;
	}
	/* poppler's own diagnostics would reach a terminal past out.c */
	api.log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, quiet_log, NULL);
	api_state = 1;
	return 0;
}

int
pdf_is_pdf(const char *buf, size_t len)
{
	return len >= 5 && memcmp(buf, "%PDF-", 5) == 0;
}

int
pdf_named(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	return n >= 4 && lang_casecmp(name + n - 4, ".pdf", 4) == 0;
}

void
pdf_sha256(const char *buf, size_t len, char hex[65])
{
	gchar *s = NULL;

	hex[0] = '\0';
	pthread_mutex_lock(&pdf_lock);
	if (api_load() == 0 && (s = api.compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)buf, len))) {
		memcpy(hex, s, 64);
		hex[64] = '\0';
		api.free(s);
	}
	pthread_mutex_unlock(&pdf_lock);
}

/*
 * Rows
 */

static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x2002 || cp == 0x2003 || cp == 0x2009 ||
	       cp == 0x202F;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n ? v[n / 2] : 0;
}

/* The row's main font size (the one most of its glyphs have), its box
 * measured on the glyphs of that size, and what it is made of. */
static void
row_measure(struct row *r)
{
	double sizes[16], *tops, *bots;
	size_t counts[16], nsizes = 0, i, j, best = 0, nb = 0, solid = 0, unders = 0, digits = 0;

	for (i = 0; i < r->n; i++) {
		if (is_space_cp(r->g[i].cp))
			continue;
		for (j = 0; j < nsizes && fabs(sizes[j] - r->g[i].size) > 0.01; j++)
			;
		if (j == nsizes && nsizes < ARRAY_SIZE(sizes)) {
			sizes[nsizes] = r->g[i].size;
			counts[nsizes++] = 0;
		}
		if (j < nsizes)
			counts[j]++;
	}
	for (j = 1; j < nsizes; j++)
		if (counts[j] > counts[best])
			best = j;
	r->size = nsizes ? sizes[best] : 0;
	tops = xcalloc(r->n + 1, sizeof(*tops));
	bots = xcalloc(r->n + 1, sizeof(*bots));
	r->x0 = 1e9;
	r->x1 = -1e9;
	for (i = 0; i < r->n; i++) {
		const struct glyph *g = &r->g[i];
		if (is_space_cp(g->cp))
			continue;
		solid++;
		if (g->cp == '_')
			unders++;
		if (g->cp >= '0' && g->cp <= '9')
			digits++;
		if (g->x1 < r->x0)
			r->x0 = g->x1;
		if (g->x2 > r->x1)
			r->x1 = g->x2;
		if (fabs(g->size - r->size) <= 0.05 * r->size + 0.01) {
			tops[nb] = g->y1;
			bots[nb++] = g->y2;
		}
	}
	r->top = median(tops, nb);
	r->bottom = median(bots, nb);
	r->digits = solid > 0 && digits == solid;
	r->rule = unders >= 3 && unders == solid;
	free(tops);
	free(bots);
}

static size_t
row_new(struct doc *d, int page)
{
	struct row *r;

	GROW(d->rows, d->rows_cap, d->nrows + 1);
	r = &d->rows[d->nrows];
	memset(r, 0, sizeof(*r));
	r->page = page;
	r->order = d->nrows;
	return d->nrows++;
}

static void
row_push(struct row *r, const struct glyph *g)
{
	GROW(r->g, r->cap, r->n + 1);
	r->g[r->n++] = *g;
}

/* The bytes of a code point GLib has validated (so never overlong): the
 * step g_utf8_next_char takes, without GLib's table. */
static size_t
glyph_bytes(gunichar c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/*
 * Read the glyphs of one page into rows, one per line of poppler's text.
 * Poppler's text, its glyph boxes and its attribute runs count the same
 * characters, line ends included.
 */
static int
read_page(struct doc *d, PopplerPage *pg, int pno, struct rl_error *err)
{
	char *text = api.page_get_text(pg);
	PopplerRectangle *rects = NULL;
	guint nrects = 0, i = 0;
	GList *attrs = NULL, *a;
	const char *s;
	gunichar c = 0;
	long cur = -1;
	int rc = 0;

	if (!text)
		return 0;
	if (!api.page_get_text_layout(pg, &rects, &nrects))
		nrects = 0;
	attrs = api.page_get_text_attributes(pg);
	for (s = text, a = attrs; *s && i < nrects; s += glyph_bytes(c), i++) {
		struct glyph g;

		c = api.utf8_get_char_validated(s, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		while (a && ((PopplerTextAttributes *)a->data)->end_index < (int)i)
			a = a->next;
		if (c == '\n' || c == '\r') {
			cur = -1;
			continue;
		}
		/* control characters carry nothing a reader sees */
		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			continue;
		if (++d->nglyphs > MAX_GLYPHS) {
			rc = rl_fail(err, "cannot read PDF '%s': more than %u characters of text", d->name,
				     MAX_GLYPHS);
			break;
		}
		if (cur < 0)
			cur = (long)row_new(d, pno);
		g.cp = c;
		g.x1 = (float)rects[i].x1;
		g.y1 = (float)rects[i].y1;
		g.x2 = (float)rects[i].x2;
		g.y2 = (float)rects[i].y2;
		g.size = a && ((PopplerTextAttributes *)a->data)->start_index <= (int)i ?
				 (float)((PopplerTextAttributes *)a->data)->font_size : 0;
		row_push(&d->rows[cur], &g);
	}
	api.page_free_text_attributes(attrs);
	api.free(rects);
	api.free(text);
	return rc;
}

/* The body's font size: the size most glyphs of the document have. */
static double
body_size(const struct doc *d)
{
	double sizes[64];
	size_t counts[64], n = 0, i, j, k, best = 0;

	for (i = 0; i < d->nrows; i++)
		for (k = 0; k < d->rows[i].n; k++) {
			const struct glyph *g = &d->rows[i].g[k];
			if (is_space_cp(g->cp) || g->size <= 0)
				continue;
			for (j = 0; j < n && fabs(sizes[j] - g->size) > 0.01; j++)
				;
			if (j == n && n < ARRAY_SIZE(sizes)) {
				sizes[n] = g->size;
				counts[n++] = 0;
			}
			if (j < n)
				counts[j]++;
		}
	for (j = 1; j < n; j++)
		if (counts[j] > counts[best])
			best = j;
	return n ? sizes[best] : 10;
}

/* Put the glyphs of b beside those of a, in the order of their x. */
static void
row_merge(struct row *a, struct row *b)
{
	struct row *left = a->x0 <= b->x0 ? a : b, *right = left == a ? b : a;
	struct glyph *g = xcalloc(a->n + b->n + 1, sizeof(*g)), sp;
	size_t n = 0;
	double size = fmax(a->size, b->size);

	memcpy(g, left->g, left->n * sizeof(*g));
	n = left->n;
	if (right->x0 - left->x1 > 0.1 * size && n && !is_space_cp(g[n - 1].cp)) {
		sp = g[n - 1];
		sp.cp = ' ';
		sp.x1 = sp.x2;
		sp.x2 = (float)right->x0;
		g[n++] = sp;
	}
	memcpy(g + n, right->g, right->n * sizeof(*g));
	n += right->n;
	free(a->g);
	a->g = g;
	a->n = a->cap = n;
	if (b->order < a->order)
		a->order = b->order;
	b->gone = 1;
	row_measure(a);
}

/* Two rows of the same size on one printed line, side by side. */
static int
same_line(const struct row *a, const struct row *b)
{
	double ca = (a->top + a->bottom) / 2, cb = (b->top + b->bottom) / 2;

	if (fabs(a->size - b->size) > 0.1 * fmax(a->size, b->size))
		return 0;
	if (ca < b->top || ca > b->bottom || cb < a->top || cb > a->bottom)
		return 0;
	return a->x1 <= b->x0 + 1 || b->x1 <= a->x0 + 1;
}

/* A run of small digits set apart: a footnote number, or a marker that
 * poppler put on a line of its own. */
static int
is_number_row(const struct doc *d, const struct row *r)
{
	return r->digits && r->size > 0 && r->size < 0.8 * d->body;
}

/* Insert the glyphs of the number row n into row t where their x puts them. */
static void
row_attach(struct row *t, struct row *n)
{
	struct glyph *g = xcalloc(t->n + n->n + 1, sizeof(*g));
	size_t at = 0;

	while (at < t->n && t->g[at].x1 < n->x0)
		at++;
	memcpy(g, t->g, at * sizeof(*g));
	memcpy(g + at, n->g, n->n * sizeof(*g));
	memcpy(g + at + n->n, t->g + at, (t->n - at) * sizeof(*g));
	free(t->g);
	t->g = g;
	t->n = t->cap = t->n + n->n;
	n->gone = 1;
	row_measure(t);
}

/* How far along the rows sorted by top a row looks for its neighbours on
 * the same line: bounded, so a page of a million lines stays linear. */
#define NEIGHBOURS 64

static int
cmp_row_top(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;

	if (x->top != y->top)
		return (x->top > y->top) - (x->top < y->top);
	return (x->order > y->order) - (x->order < y->order);
}

static int
is_text_row(const struct doc *d, const struct row *t)
{
	return !t->gone && t->n && !t->rule && !is_number_row(d, t);
}

static void
page_merge(struct doc *d, const struct page *p)
{
	struct row **v = xcalloc(p->r1 - p->r0 + 1, sizeof(*v));
	size_t i, j, n = 0, steps;

	for (i = p->r0; i < p->r1; i++)
		if (d->rows[i].n)
			v[n++] = &d->rows[i];
	qsort(v, n, sizeof(*v), cmp_row_top);
	for (i = 0; i < n; i++) {
		struct row *a = v[i];
		if (!is_text_row(d, a))
			continue;
		for (j = i + 1, steps = 0; j < n && steps < NEIGHBOURS && v[j]->top <= a->bottom; j++, steps++)
			if (is_text_row(d, v[j]) && same_line(a, v[j]))
				row_merge(a, v[j]);
	}
	/* each number set apart goes to the text line with the nearest top */
	for (i = 0; i < n; i++) {
		struct row *num = v[i], *best = NULL;
		if (num->gone || !is_number_row(d, num))
			continue;
		for (j = i, steps = 0; j-- > 0 && steps < NEIGHBOURS; steps++) {
			struct row *t = v[j];
			if (num->top - t->top > 3 * d->body)
				break;
			if (is_text_row(d, t) && fabs(t->top - num->top) <= t->bottom - t->top &&
			    (!best || fabs(t->top - num->top) < fabs(best->top - num->top)))
				best = t;
		}
		for (j = i + 1, steps = 0; j < n && steps < NEIGHBOURS; j++, steps++) {
			struct row *t = v[j];
			if (t->top - num->top > 3 * d->body)
				break;
			if (is_text_row(d, t) && fabs(t->top - num->top) <= t->bottom - t->top &&
			    (!best || fabs(t->top - num->top) < fabs(best->top - num->top)))
				best = t;
		}
		if (best)
			row_attach(best, num);
	}
	free(v);
}

/*
 * Rendering a row: markers, spaces
 */

/* A digit set clearly smaller than its line and raised above its baseline. */
static int
is_marker(const struct row *r, const struct glyph *g)
{
	return g->cp >= '0' && g->cp <= '9' && g->size > 0 && g->size < 0.8 * r->size &&
	       g->y2 < r->bottom - 0.2 * r->size;
}

static void
add_superscript(struct sbuf *out, uint32_t digit)
{
	static const uint32_t sup[] = { 0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079 };

	utf8_encode(out, sup[digit - '0']);
}

static void
trim_trailing_space(struct sbuf *out)
{
	while (out->len > 0 && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
}

/*
 * The text of a row. A marker is glued to what precedes it; a space that
 * poppler put where the glyphs nearly touch (justified text: "business
 * -to-business", "A nti-Personnel": gaps up to 0.14 of the size in the
 * corpus, where word spaces start at 0.17) is no space; spaces never repeat.
 */
static void
row_render(struct row *r)
{
	struct sbuf out = SBUF_INIT;
	const struct glyph *prev = NULL;	/* the last glyph that is no space */
	size_t i, k;
	int space = 0;

	for (i = 0; i < r->n; i++) {
		const struct glyph *g = &r->g[i];

		if (is_space_cp(g->cp)) {
			/* the run of spaces, looked at once */
			const struct glyph *next = NULL;
			for (k = i + 1; k < r->n && is_space_cp(r->g[k].cp); k++)
				;
			next = k < r->n ? &r->g[k] : NULL;
			i = k - 1;
			if (prev && next && next->x1 - prev->x2 < 0.155 * r->size && !is_marker(r, next) &&
			    !is_marker(r, prev))
				continue;
			space = 1;
			continue;
		}
		prev = g;
		if (is_marker(r, g)) {
			trim_trailing_space(&out);
			space = 0;
			add_superscript(&out, g->cp);
			continue;
		}
		if (space && out.len)
			sbuf_addch(&out, ' ');
		space = 0;
		utf8_encode(&out, g->cp);
	}
	trim_trailing_space(&out);
	r->len = out.len;
	r->text = sbuf_detach(&out);
}

/*
 * Furniture and the footnote area
 */

static int
starts_with_marker(const struct row *r)
{
	int v;

	return r->len && repair_superscript_run(r->text, r->len, &v) > 0;
}

/* The page's rows by their place from top to bottom. */
static struct row **
page_by_top(struct doc *d, const struct page *p, size_t *n)
{
	struct row **v = xcalloc(p->r1 - p->r0 + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = p->r0; i < p->r1; i++)
		if (!d->rows[i].gone && d->rows[i].len)
			v[(*n)++] = &d->rows[i];
	qsort(v, *n, sizeof(*v), cmp_row_top);
	return v;
}

/*
 * Running headers: on pages after the first, the rows at the top of the
 * page set smaller than the body. Footers: the rows at the bottom of the
 * page that stand apart from the text above them (page and job numbers,
 * barcodes, "Please recycle", the code's text). A footnote, which starts
 * with its number, is never a footer.
 */
static void
page_furniture(struct doc *d, const struct page *p, int pno, struct row **v, size_t n)
{
	size_t k, lo;
	double block_top = 0;
	int any = 0;

	for (k = 0; pno > 0 && k < n; k++) {
		if (v[k]->bottom > 0.15 * p->h || v[k]->size > 0.92 * d->body || v[k]->rule)
			break;
		v[k]->area = A_FURNITURE;
	}
	for (k = n; k-- > 0;) {
		struct row *r = v[k];
		double h = r->bottom - r->top;
		if (r->area == A_FURNITURE)
			break;
		if (r->top < 0.85 * p->h || r->rule || starts_with_marker(r))
			break;
		if (!any ? r->top < 0.88 * p->h : block_top - r->bottom > 0.5 * h)
			break;
		block_top = any ? fmin(block_top, r->top) : r->top;
		any = 1;
	}
	if (!any)
		return;
	lo = k + 1;	/* the block is v[lo..n) */
	/* the block must stand apart from the text above it */
	if (k < n && v[k]->area != A_FURNITURE && block_top - v[k]->bottom < 0.8 * (v[k]->bottom - v[k]->top))
		return;
	for (k = lo; k < n; k++)
		v[k]->area = A_FURNITURE;
}

/*
 * The footnote area: below the rule of underscores the UN prints above
 * the footnotes; without a rule (LibreOffice draws it), the rows in small
 * type below the page's last row of body text, when they hold a footnote
 * number or continue a footnote from the page before.
 */
static void
page_notes(struct doc *d, struct row **v, size_t n)
{
	size_t k, last_body = n, first = n;
	int numbered = 0;

	for (k = 0; k < n; k++)
		if (v[k]->rule && v[k]->area != A_FURNITURE) {
			size_t j;
			v[k]->area = A_FURNITURE;
			for (j = k + 1; j < n; j++)
				if (v[j]->area != A_FURNITURE)
					v[j]->area = A_NOTES;
			return;
		}
	for (k = 0; k < n; k++)
		if (v[k]->area == A_TEXT && fabs(v[k]->size - d->body) <= 0.08 * d->body)
			last_body = k;
	if (last_body == n)
		return;
	for (k = last_body + 1; k < n; k++) {
		if (v[k]->area != A_TEXT)
			continue;
		if (v[k]->size > 0.92 * d->body)
			return;
		if (first == n)
			first = k;
		numbered |= starts_with_marker(v[k]);
	}
	if (first == n || (!numbered && d->nnotes == 0))
		return;
	for (k = first; k < n; k++)
		if (v[k]->area == A_TEXT)
			v[k]->area = A_NOTES;
}

/*
 * Words and line joins
 */

static int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static unsigned long long
word_hash(const char *a, size_t an, const char *b, size_t bn)
{
	unsigned long long h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < an + bn; i++) {
		unsigned char c = (unsigned char)(i < an ? a[i] : b[i - an]);
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ull;
	}
	return h;
}

static int
cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return (x > y) - (x < y);
}

/* Every word the document spells whole on a line, to judge line-end hyphens. */
static void
collect_words(struct doc *d)
{
	size_t i, j, start;

	for (i = 0; i < d->nrows; i++) {
		const struct row *r = &d->rows[i];
		if (r->gone || r->area == A_FURNITURE || !r->text)
			continue;
		for (j = 0; j < r->len;) {
			if (!is_word_byte((unsigned char)r->text[j])) {
				j++;
				continue;
			}
			start = j;
			while (j < r->len && is_word_byte((unsigned char)r->text[j]))
				j++;
			/* a word cut by the line end is not spelled whole */
			if (j < r->len && r->text[j] == '-' && j + 1 == r->len)
				continue;
			GROW(d->words, d->words_cap, d->nwords + 1);
			d->words[d->nwords++] = word_hash(r->text + start, j - start, "", 0);
		}
	}
	if (d->nwords)
		qsort(d->words, d->nwords, sizeof(*d->words), cmp_ull);
}

static int
word_known(const struct doc *d, const char *a, size_t an, const char *b, size_t bn)
{
	unsigned long long h = word_hash(a, an, b, bn);

	return d->nwords && bsearch(&h, d->words, d->nwords, sizeof(*d->words), cmp_ull) != NULL;
}

/*
 * Join a line to a paragraph. A line-end hyphen goes only when the
 * document spells the joined word whole elsewhere and the next line goes
 * on in lower case: "impro-" / "vised" where "improvised" is printed;
 * "Twenty-" / "first" keeps its hyphen. A soft hyphen always goes. A line
 * that starts with a marker is glued to the line before.
 */
static void
join_line(const struct doc *d, struct sbuf *para, const char *s, size_t len)
{
	size_t n = para->len, w, rn = 0;
	int v;

	if (n == 0) {
		sbuf_add(para, s, len);
		return;
	}
	if (n >= 2 && (unsigned char)para->buf[n - 2] == 0xC2 && (unsigned char)para->buf[n - 1] == 0xAD) {
		para->len -= 2;
		para->buf[para->len] = '\0';
		sbuf_add(para, s, len);
		return;
	}
	if (repair_superscript_run(s, len, &v) > 0) {
		sbuf_add(para, s, len);
		return;
	}
	if (para->buf[n - 1] == '-' && len > 0 && is_word_byte((unsigned char)s[0])) {
		/* "reputa -" / "tion": justified text set the hyphen apart */
		if (n >= 3 && para->buf[n - 2] == ' ' && is_word_byte((unsigned char)para->buf[n - 3])) {
			para->buf[n - 2] = '-';
			para->len = --n;
			para->buf[n] = '\0';
		}
		/* no word is longer than MAX_WORD: the scans stay short */
		w = n - 1;
		while (w > 0 && n - 1 - w < MAX_WORD && is_word_byte((unsigned char)para->buf[w - 1]))
			w--;
		while (rn < len && rn < MAX_WORD && is_word_byte((unsigned char)s[rn]))
			rn++;
		if (w < n - 1) {
			if (repair_starts_lower(s, len) && word_known(d, para->buf + w, n - 1 - w, s, rn))
				para->buf[--para->len] = '\0';
			sbuf_add(para, s, len);
			return;
		}
	}
	sbuf_addch(para, ' ');
	sbuf_add(para, s, len);
}

/*
 * Footnotes
 */

static struct note *
note_new(struct doc *d, int number)
{
	struct note *nt;

	GROW(d->notes, d->notes_cap, d->nnotes + 1);
	nt = &d->notes[d->nnotes];
	nt->number = number;
	nt->seq = d->nnotes++;
	sbuf_init(&nt->text);
	return nt;
}

/* The footnote area of a page, top to bottom: a row that starts with a
 * number starts a footnote; any other continues the footnote before it,
 * which may have begun on the page before. */
static void
page_take_notes(struct doc *d, struct row **v, size_t n)
{
	size_t k, m;
	int number;

	for (k = 0; k < n; k++) {
		struct row *r = v[k];
		const char *s = r->text;
		size_t len = r->len;
		if (r->area != A_NOTES)
			continue;
		m = repair_superscript_run(s, len, &number);
		if (m > 0) {
			s += m;
			len -= m;
			while (len && *s == ' ') {
				s++;
				len--;
			}
			note_new(d, number);
		} else if (d->nnotes == 0) {
			r->area = A_TEXT;
			continue;
		}
		join_line(d, &d->notes[d->nnotes - 1].text, s, len);
	}
}

static int
cmp_note(const void *a, const void *b)
{
	const struct note *x = a, *y = b;

	if (x->number != y->number)
		return (x->number > y->number) - (x->number < y->number);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * Text: header lines, paragraphs, closing
 */

static int
cmp_row_order(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;

	if (x->page != y->page)
		return (x->page > y->page) - (x->page < y->page);
	return (x->order > y->order) - (x->order < y->order);
}

/* The line pitch inside a paragraph: a low quantile of the distances
 * between lines that follow each other on a page, so that paragraphs of
 * one line do not pass for the pitch. */
static double
line_pitch(const struct doc *d, struct row **t, size_t n)
{
	double *v = xcalloc(n + 1, sizeof(*v)), p;
	size_t i, m = 0;

	for (i = 1; i < n; i++) {
		double diff = t[i]->top - t[i - 1]->top;
		if (t[i]->page == t[i - 1]->page && diff > 0.9 * d->body && diff < 3 * d->body)
			v[m++] = diff;
	}
	qsort(v, m, sizeof(*v), cmp_double);
	p = m ? v[m / 10] : 1.2 * d->body;
	free(v);
	return fmin(p, 1.35 * d->body);
}

/* The left edge of the body text: where most of its lines start. */
static double
left_margin(struct row **t, size_t n)
{
	double *v = xcalloc(n + 1, sizeof(*v)), best = 0;
	size_t i, j, run, best_run = 0;

	for (i = 0; i < n; i++)
		v[i] = floor(t[i]->x0 + 0.5);
	qsort(v, n, sizeof(*v), cmp_double);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && v[j] == v[i]; j++)
			;
		run = j - i;
		if (run > best_run) {
			best_run = run;
			best = v[i];
		}
	}
	free(v);
	return best;
}

/* A line set to the right (the closing, a signature): printed as it is. */
static int
is_aside(const struct doc *d, const struct row *r)
{
	return r->x0 > 0.45 * d->pages[r->page].w;
}

static int
indented(const struct doc *d, const struct row *r)
{
	return r->x0 > d->margin + 0.5 * d->body;
}

/* Does row r start a paragraph after row p? By geometry only: the pitch
 * opens, or the first line is indented where the one before was not; at
 * the top of a page, an indented line starts a paragraph and a line at
 * the margin goes on with the one the page break cut. */
static int
starts_paragraph(const struct doc *d, const struct row *p, const struct row *r)
{
	if (is_aside(d, r) || is_aside(d, p))
		return 1;
	if (r->page != p->page)
		return indented(d, r);
	if (r->top - p->top > d->pitch + 0.25 * d->body || r->top <= p->top)
		return 1;
	return indented(d, r) && !indented(d, p);
}

/* The brackets left open after s, given those open before it ("[on the
 * report of the ..." leaves one). */
static int
bracket_depth(const char *s, size_t len, int depth)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '[' || s[i] == '(')
			depth++;
		else if ((s[i] == ']' || s[i] == ')') && depth > 0)
			depth--;
	}
	return depth;
}

/*
 * The header, line by line as printed; a printed line that goes on with
 * the one above it (the next line of the same block, in the same type,
 * starting under it, going on in lower case or inside an open bracket) is
 * joined to it: "Resolution adopted by the General Assembly" / "on 2
 * December 2024", a title wrapped over two lines.
 */
static void
write_header(const struct doc *d, struct row **t, size_t n, struct sbuf *out)
{
	size_t i;
	int depth = 0;		/* brackets the current output line leaves open */

	for (i = 0; i < n; i++) {
		const struct row *r = t[i], *p = i ? t[i - 1] : NULL;
		if (p) {
			double big = fmax(p->size, r->size);
			int block = r->page == p->page && r->x0 >= p->x0 - 2 && r->x0 < p->x1 && r->top > p->top &&
				    r->top - p->top <= 1.6 * big;
			if (block && fabs(r->size - p->size) <= 0.05 * big &&
			    (repair_starts_lower(r->text, r->len) || depth > 0)) {
				join_line(d, out, r->text, r->len);
				depth = bracket_depth(r->text, r->len, depth);
				continue;
			}
			sbuf_adds(out, block ? "\n" : "\n\n");
		}
		sbuf_add(out, r->text, r->len);
		depth = bracket_depth(r->text, r->len, 0);
	}
}

static void
write_text(struct doc *d, struct row **t, size_t n, struct sbuf *out)
{
	size_t i, f = n;

	for (i = 0; i < n; i++)
		if (lang_match_formula(t[i]->text, t[i]->len)) {
			f = i;
			break;
		}
	if (f == n)
		f = 0;
	write_header(d, t, f, out);
	for (i = f; i < n; i++) {
		const struct row *r = t[i], *p = i > f ? t[i - 1] : NULL;
		if (p && !starts_paragraph(d, p, r)) {
			join_line(d, out, r->text, r->len);
			continue;
		}
		if (out->len)
			/* the closing's lines follow each other as printed */
			sbuf_adds(out, p && is_aside(d, p) && is_aside(d, r) && r->page == p->page &&
						       r->top - p->top <= 1.6 * r->size ? "\n" : "\n\n");
		sbuf_add(out, r->text, r->len);
	}
}

static void
write_notes(struct doc *d, struct sbuf *out)
{
	size_t i;
	struct sbuf num = SBUF_INIT;

	if (d->nnotes)
		qsort(d->notes, d->nnotes, sizeof(*d->notes), cmp_note);
	for (i = 0; i < d->nnotes; i++) {
		const char *s;
		sbuf_reset(&num);
		sbuf_printf(&num, "%d", d->notes[i].number);
		if (out->len)
			sbuf_adds(out, "\n\n");
		for (s = num.buf; *s; s++)
			add_superscript(out, (uint32_t)*s);
		sbuf_addch(out, ' ');
		sbuf_add(out, d->notes[i].text.buf ? d->notes[i].text.buf : "", d->notes[i].text.len);
	}
	sbuf_release(&num);
}

/*
 * The document
 */

static void
doc_release(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->nrows; i++) {
		free(d->rows[i].g);
		free(d->rows[i].text);
	}
	for (i = 0; i < d->nnotes; i++)
		sbuf_release(&d->notes[i].text);
	free(d->rows);
	free(d->pages);
	free(d->words);
	free(d->notes);
}

static int
doc_layout(struct doc *d, struct sbuf *out, struct rl_error *err)
{
	struct row **t = xcalloc(d->nrows + 1, sizeof(*t));
	size_t i, pi, n, nt = 0;
	int rc = -1;

	d->body = body_size(d);
	for (pi = 0; pi < d->npages; pi++)
		page_merge(d, &d->pages[pi]);
	for (i = 0; i < d->nrows; i++)
		if (!d->rows[i].gone && d->rows[i].n)
			row_render(&d->rows[i]);
	for (pi = 0; pi < d->npages; pi++) {
		struct row **v = page_by_top(d, &d->pages[pi], &n);
		page_furniture(d, &d->pages[pi], (int)pi, v, n);
		page_notes(d, v, n);
		free(v);
	}
	collect_words(d);
	for (pi = 0; pi < d->npages; pi++) {
		struct row **v = page_by_top(d, &d->pages[pi], &n);
		page_take_notes(d, v, n);
		free(v);
	}
	for (i = 0; i < d->nrows; i++)
		if (!d->rows[i].gone && d->rows[i].len && d->rows[i].area == A_TEXT)
			t[nt++] = &d->rows[i];
	if (nt == 0 && d->nnotes == 0) {
		rl_fail(err, "cannot read PDF '%s': it holds no text (a scanned image?)", d->name);
		goto out;
	}
	qsort(t, nt, sizeof(*t), cmp_row_order);
	d->pitch = line_pitch(d, t, nt);
	d->margin = left_margin(t, nt);
	write_text(d, t, nt, out);
	write_notes(d, out);
	sbuf_addch(out, '\n');
	rc = 0;
out:
	free(t);
	return rc;
}

static int
read_locked(const char *buf, size_t len, const char *name, struct sbuf *out, struct rl_error *err)
{
	struct doc d;
	GBytes *bytes;
	GError *gerr = NULL;
	PopplerDocument *doc;
	int npages, pi, rc = -1;

	if (api_load() < 0)
		return rl_fail(err, "cannot read PDF '%s': the PDF library cannot be loaded (%s)", name, api_error);
	memset(&d, 0, sizeof(d));
	d.name = name;
	bytes = api.bytes_new_static(buf, len);
	doc = api.document_new_from_bytes(bytes, NULL, &gerr);
	api.bytes_unref(bytes);
	if (!doc) {
		if (gerr && gerr->domain == api.error_quark() && gerr->code == POPPLER_ERROR_ENCRYPTED)
			rl_fail(err, "cannot read PDF '%s': it is encrypted", name);
		else
			rl_fail(err, "cannot read PDF '%s': the file is damaged or not a PDF", name);
		api.clear_error(&gerr);
		return -1;
	}
	npages = api.document_get_n_pages(doc);
	if (npages <= 0) {
		rl_fail(err, "cannot read PDF '%s': it has no pages", name);
		goto out;
	}
	if (npages > MAX_PAGES) {
		rl_fail(err, "cannot read PDF '%s': more than %d pages", name, MAX_PAGES);
		goto out;
	}
	for (pi = 0; pi < npages; pi++) {
		PopplerPage *pg = api.document_get_page(doc, pi);
		struct page *p;
		int r;

		GROW(d.pages, d.pages_cap, d.npages + 1);
		p = &d.pages[d.npages++];
		p->w = p->h = 0;
		p->r0 = p->r1 = d.nrows;
		if (!pg)
			continue;
		api.page_get_size(pg, &p->w, &p->h);
		r = read_page(&d, pg, pi, err);
		api.object_unref(pg);
		if (r < 0)
			goto out;
		p->r1 = d.nrows;
	}
	for (pi = 0; pi < (int)d.nrows; pi++)
		row_measure(&d.rows[pi]);
	rc = doc_layout(&d, out, err);
out:
	doc_release(&d);
	api.object_unref(doc);
	return rc;
}

int
pdf_read_mem(const char *buf, size_t len, const char *name, struct sbuf *out, struct rl_error *err)
{
	int rc;

	name = name ? name : "-";
	if (!pdf_is_pdf(buf, len))
		return rl_fail(err, "cannot read PDF '%s': not a PDF file (no %%PDF- header)", name);
	pthread_mutex_lock(&pdf_lock);
	rc = read_locked(buf, len, name, out, err);
	pthread_mutex_unlock(&pdf_lock);
	return rc;
}

int
pdf_read(const char *path, struct sbuf *out, struct rl_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (read_file(path, &buf, &len, err) < 0)
		return -1;
	rc = pdf_read_mem(buf, len, path, out, err);
	free(buf);
	return rc;
}
