/*
 * import: a file into the repository as a new version of a series.
 */
#include "config.h"
#include "cmds.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "docx.h"
#include "input.h"
#include "out.h"
#include "parse.h"
#include "pdf.h"
#include "sbuf.h"
#include "source.h"
#include "store.h"
#include "symbol.h"
#include "vindex.h"


/* 2024-02-31 is no date: timegm() would make it March 2 */
static int
days_in_month(int y, int mo)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mo == 2 && leap ? 29 : days[mo - 1];
}

/* "2024-12-02" (noon UTC, so the day is the same everywhere) or
 * "2024-12-02T18:00:00+0100". */
static int
parse_when(const char *s, long long *t, int *tz)
{
	struct tm tm;
	int y, mo, d, h = 12, mi = 0, se = 0, n = 0, off = 0;
	char sign = '+';

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	if (s[n] == 'T' || s[n] == ' ') {
		int m = 0, oh = 0, om = 0;
		if (sscanf(s + n + 1, "%2d:%2d:%2d%n", &h, &mi, &se, &m) != 3)
			return -1;
		n += 1 + m;
		if (s[n] == 'Z') {
			n++;
		} else if (s[n] == '+' || s[n] == '-') {
			sign = s[n];
			int m2 = 0;

			if (sscanf(s + n + 1, "%2d%2d%n", &oh, &om, &m2) != 2 &&
			    sscanf(s + n + 1, "%2d:%2d%n", &oh, &om, &m2) != 2)
				return -1;
			if (oh < 0 || om < 0 || oh > 14 || om > 59)
				return -1;
			off = oh * 60 + om;
			n += 1 + m2;
		}
	}
	if (s[n] != '\0' || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || se < 0 || se > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*tz = sign == '-' ? -off : off;
	*t = (long long)timegm(&tm) - (long long)*tz * 60;
	return 0;
}

/* Line ends become LF: one text, one representation, whatever the editor. */
static void
normalise_line_ends(char *t, size_t *len)
{
	size_t i, o = 0;

	for (i = 0; i < *len; i++) {
		if (t[i] == '\r') {
			if (i + 1 < *len && t[i + 1] == '\n')
				continue;
			t[o++] = '\n';
			continue;
		}
		t[o++] = t[i];
	}
	t[o] = '\0';
	*len = o;
}

static const char *
base_name(const char *p)
{
	const char *b = strrchr(p, '/');

	return b ? b + 1 : p;
}

/* A series named after its file; the text of a PDF or a Word document is
 * stored as text, so "A_RES_79_53.pdf" makes the series "A_RES_79_53.txt". */
static char *
series_name(const char *file)
{
	char *p = xstrdup(base_name(file));
	size_t n = strlen(p);

	if (pdf_named(p))
		memcpy(p + n - 4, ".txt", 4);
	else if (docx_named(p))
		memcpy(p + n - 5, ".txt", 5);
	return p;
}

/*
 * The series a file is imported into: --path, -- PATH, else the one a
 * version with its symbol belongs to, else the one series whose latest
 * version has its title (a resolution keeps its title from year to year),
 * else the only series; in an empty repository, the file's name.
 */
static int
import_path(struct cli *c, const char *file, const struct resolution *r, char **path)
{
	struct store_series *v;
	struct store *st = cli_store(c);
	struct rl_error err;
	char commit[STORE_OID_HEX];
	size_t n, i, same = 0;
	struct sbuf names = SBUF_INIT;

	if (c->import_path) {
		*path = xstrdup(c->import_path);
		return 0;
	}
	if (c->repo.path) {
		*path = xstrdup(c->repo.path);
		return 0;
	}
	if (store_list_series(st, &v, &n, &err) < 0) {
		/* an empty repository: the series is named after the file */
		*path = series_name(file);
		return 0;
	}
	if (n <= 1) {
		*path = n == 1 ? xstrdup(v[0].path) : series_name(file);
		store_series_free(v, n);
		return 0;
	}
	if (r->meta.symbol && store_resolve(st, r->meta.symbol, NULL, commit, path, &err) == 0) {
		store_series_free(v, n);
		return 0;
	}
	for (i = 0; r->meta.title && i < n; i++) {
		if (v[i].title && strcmp(v[i].title, r->meta.title) == 0 && same++ == 0)
			*path = xstrdup(v[i].path);
	}
	if (same == 1) {
		store_series_free(v, n);
		return 0;
	}
	if (same > 1)
		FREE(*path);
	store_series_names(&names, v, n);
	out_error("repository '%s' holds %zu series (%s); name one with --path", store_path(st), n, names.buf);
	sbuf_release(&names);
	store_series_free(v, n);
	return -1;
}

/*
 * The commit message of an imported version: the one given, else
 * "SYMBOL: Title", else "Import FILE"; a PDF's name and hash as trailers,
 * since what was stored is its text.
 */
static void
import_message(struct sbuf *msg, const char *given, const char *symbol, const struct source *s, const char *file)
{
	const char *title = s->res.meta.title;

	if (given)
		sbuf_adds(msg, given);
	else if (symbol)
		sbuf_printf(msg, "%s%s%s", symbol, title ? ": " : "", title ? title : "");
	else
		sbuf_printf(msg, "Import %s", base_name(file));
	if (msg->len == 0 || msg->buf[msg->len - 1] != '\n')
		sbuf_addch(msg, '\n');
	if (s->pdf_sha256[0])
		sbuf_printf(msg, "\nSource-PDF: %s\nSource-SHA256: %s\n", base_name(file), s->pdf_sha256);
}

/* The newest version of a series: the walk's first. */
static int
newest_cb(const struct store_version *v, void *payload)
{
	struct store_version *out = payload;

	*out = *v;
	out->subject = xstrdup(v->subject ? v->subject : "");
	out->author = xstrdup(v->author ? v->author : "");
	return 1;
}

/*
 * What an import would silently undo, refused unless --force: a text dated
 * before the series' newest version (L.40 after Rev.1 would become the
 * latest, undoing Rev.1), or a symbol that already names another version
 * (the symbol would then name two). The newest version's own text is let
 * through: import says it is already there. 0 to go on, -1 refused (said).
 */
static int
check_not_shadowing(struct cli *c, const char *path, const struct source *s, const struct store_import *im)
{
	struct store *st = cli_store(c);
	struct store_version newest;
	struct rl_error err;
	char commit[STORE_OID_HEX], when[11], then[11], *found_path = NULL, *text = NULL;
	size_t len;
	int rc = 0, have;

	memset(&newest, 0, sizeof(newest));
	have = store_walk_versions(st, path, NULL, newest_cb, &newest, &err) == 0 && newest.commit[0];
	if (!have || c->force)
		goto out;
	if (store_read(st, newest.commit, path, &text, &len, &err) == 0 && len == s->len &&
	    memcmp(text, s->text, len) == 0)
		goto out;
	store_format_date(newest.time, newest.tz_minutes, then);
	if (im->time < newest.time) {
		store_format_date(im->time, im->tz_minutes, when);
		out_error("'%s' is dated %s, before the latest version of %s (%.7s of %s, \"%s\"); imported, it "
			  "would become the latest: use --force to import it all the same", s->name, when, path,
			  newest.commit, then, newest.subject);
		rc = -1;
		goto out;
	}
	if (im->symbol && store_resolve(st, im->symbol, path, commit, &found_path, &err) == 0) {
		out_error("symbol %s already names version %.7s of %s; imported, this text would shadow it: use "
			  "--force to import it all the same", im->symbol, commit, path);
		rc = -1;
	}
out:
	free(found_path);
	free(text);
	if (newest.commit[0])
		store_version_release(&newest);
	return rc;
}

/*
 * Many files: an archive brought in at once.
 *
 * A first pass reads every document for what orders and places it (symbol,
 * title, date, kind) and lets its text go; the documents are then sorted
 * oldest first, drafts before the resolution of the same day, and imported
 * one by one, each read again. What the series already holds (the same
 * text at some version) is skipped, so a second run after an interruption
 * goes on where the first stopped.
 */

/*
 * The version index learns what was imported (vindex.h): the commits, and
 * the new versions' readings and summaries (of one series, or, after a bulk
 * import, of all), so that log and symbol lookups answer at once. It is a cache: a failure here costs time
 * later, never the import.
 */
struct bulk_doc {
	char *file;
	char *symbol;
	char *title;		/* the key of its series */
	char *date;		/* ISO: adopted, else distributed; NULL: unknown */
	int rank;		/* drafts 0, resolutions 1: a draft comes first on a day */
	char *path;		/* the series */
	int failed;
	int held;		/* its text is in the repository already */
};

struct series_key {
	char *key;		/* a normalised title or a symbol */
	char *path;
};

/* What is known of a series this run writes to: read from its history once
 * (a series new in this run has none to read), then kept up to date. */
struct series_state {
	char *path;
	long long newest;	/* time of its newest version */
	int has_newest;
};

struct bulk {
	struct bulk_doc *docs;
	size_t n, cap;
	struct series_key *keys;	/* title (or map entry) -> series path */
	size_t nkeys, keys_cap;
	char **held;		/* blob ids the repository's series hold, sorted */
	size_t nheld, held_cap;
	/* the newest commit held covers: what other runs import after it is
	 * caught up with before each import (catch_up), and looked for again
	 * as the import commits (store_import's since) */
	char since[STORE_OID_HEX];
	struct series_state *series;	/* series whose history was read into held */
	size_t nseries, series_cap;
	size_t imported, skipped, failed, older, new_series;
	char **failures;	/* "FILE: why", the first few, for the summary */
	size_t nfailures, failures_cap;
};

static volatile sig_atomic_t bulk_interrupted;

static void
on_bulk_interrupt(int sig)
{
	(void)sig;
	bulk_interrupted = 1;
}

/* lower case, one space between words, straight quotes: titles as printed
 * vary in spacing and typography */
static char *
title_key(const char *t)
{
	struct sbuf sb = SBUF_INIT;
	int space = 0;

	for (; *t; t++) {
		if (*t == ' ' || *t == '\t' || *t == '\n') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			sbuf_addch(&sb, ' ');
		space = 0;
		/* typographic quotes as straight ones: one title, however typed */
		if ((unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
		    (unsigned char)t[2] >= 0x98 && (unsigned char)t[2] <= 0x9D) {
			sbuf_addch(&sb, (unsigned char)t[2] <= 0x9B ? '\'' : '"');
			t += 2;
			continue;
		}
		sbuf_addch(&sb, *t >= 'A' && *t <= 'Z' ? (char)(*t - 'A' + 'a') : *t);
	}
	{
		char *r = sbuf_detach(&sb);

		return r ? r : xstrdup("");
	}
}

static const char *
key_path(const struct bulk *b, const char *key)
{
	size_t i;

	for (i = 0; key && i < b->nkeys; i++)
		if (strcmp(b->keys[i].key, key) == 0)
			return b->keys[i].path;
	return NULL;
}

static void
add_key(struct bulk *b, const char *key, const char *path)
{
	GROW(b->keys, b->keys_cap, b->nkeys + 1);
	b->keys[b->nkeys].key = xstrdup(key);
	b->keys[b->nkeys].path = xstrdup(path);
	b->nkeys++;
}

static int
path_taken(const struct bulk *b, const char *path)
{
	size_t i;

	for (i = 0; i < b->nkeys; i++)
		if (strcmp(b->keys[i].path, path) == 0)
			return 1;
	return 0;
}

/* The base letter of a two-byte UTF-8 Latin-1 letter at p, or NULL. */
static const char *
latin_letter(const char *p)
{
	/* U+00C0..U+00FF after 0xC3, in order, lower-cased; '\0' for signs */
	static const char base[] = "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts" "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";
	unsigned char lead = (unsigned char)p[0], cont = (unsigned char)p[1];

	if (lead != 0xC3 || cont < 0x80 || cont > 0xBF || !base[cont - 0x80])
		return NULL;
	return &base[cont - 0x80];
}

/* A new series' file name from its title: lower-case words joined by '-',
 * at most 80 bytes, ".txt"; "-2", "-3" when another title has it. */
static char *
slug_path(const struct bulk *b, const char *title)
{
	struct sbuf sb = SBUF_INIT, try = SBUF_INIT;
	int dash = 0, n;

	for (; *title && sb.len < 80; title++) {
		char c = *title >= 'A' && *title <= 'Z' ? (char)(*title - 'A' + 'a') : *title;
		const char *plain = latin_letter(title);

		if (plain) {
			/* "accès" is acces, not acc-s: the accented letters of the
			 * six languages' Latin scripts become their base letter */
			c = *plain;
			title++;
		}

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && sb.len)
				sbuf_addch(&sb, '-');
			sbuf_addch(&sb, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (!sb.len)
		sbuf_adds(&sb, "untitled");
	for (n = 1;; n++) {
		sbuf_reset(&try);
		sbuf_printf(&try, n == 1 ? "%s.txt" : "%s-%d.txt", sb.buf, n);
		if (!path_taken(b, try.buf))
			break;
	}
	sbuf_release(&sb);
	return sbuf_detach(&try);
}

/* --series-map FILE: "KEY<TAB>PATH" lines, KEY a symbol or a title; '#' comments */
static int
read_series_map(struct bulk *b, const char *file)
{
	struct rl_error err;
	char *text = NULL, *line, *next, *tab;
	size_t len;
	int lineno = 0;

	if (read_file(file, &text, &len, &err) < 0) {
		out_error("%s", err.msg);
		return -1;
	}
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (!*line || *line == '#')
			continue;
		tab = strchr(line, '\t');
		if (!tab || tab == line || !tab[1]) {
			out_error("'%s':%d: not 'SYMBOL-or-TITLE<TAB>PATH'", file, lineno);
			free(text);
			return -1;
		}
		*tab = '\0';
		if (strchr(line, '/') && !strchr(line, ' ')) {
			add_key(b, line, tab + 1);	/* a symbol, as printed */
		} else {
			char *k = title_key(line);

			add_key(b, k, tab + 1);
			free(k);
		}
	}
	free(text);
	return 0;
}

static int
collect_dir(const char *dir, char ***files, size_t *n, size_t *cap)
{
	struct dirent **list = NULL;
	int i, count = scandir(dir, &list, NULL, alphasort);

	if (count < 0) {
		out_error("cannot read folder '%s': %s", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < count; i++) {
		struct sbuf p = SBUF_INIT;
		struct stat st;
		const char *name = list[i]->d_name;

		if (name[0] != '.') {
			sbuf_printf(&p, "%s/%s", dir, name);
			if (stat(p.buf, &st) == 0 && S_ISREG(st.st_mode)) {
				GROW(*files, *cap, *n + 1);
				(*files)[(*n)++] = sbuf_detach(&p);
			}
		}
		sbuf_release(&p);
		free(list[i]);
	}
	free(list);
	return 0;
}

static int
cmp_docs(const void *a, const void *b)
{
	const struct bulk_doc *x = a, *y = b;
	int c;

	/* undated documents last, then by date, drafts first, then symbol */
	if (!x->date != !y->date)
		return x->date ? -1 : 1;
	if (x->date && (c = strcmp(x->date, y->date)) != 0)
		return c;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	c = strcmp(x->symbol ? x->symbol : "", y->symbol ? y->symbol : "");
	return c ? c : strcmp(x->file, y->file);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A series' state; one the history scan did not meet starts empty. */
static struct series_state *
series_state(struct bulk *b, const char *path)
{
	struct series_state *ss;
	size_t i;

	for (i = 0; i < b->nseries; i++)
		if (strcmp(b->series[i].path, path) == 0)
			return &b->series[i];
	GROW(b->series, b->series_cap, b->nseries + 1);
	ss = &b->series[b->nseries++];
	memset(ss, 0, sizeof(*ss));
	ss->path = xstrdup(path);
	return ss;
}

/*
 * The history, read once before importing: every blob a version holds (a
 * text already in is skipped) and each series' newest time (the first
 * change met, newest first).
 */
static int
scan_change(const char *path, const char *blob, long long time, void *payload)
{
	struct bulk *b = payload;
	size_t i;

	GROW(b->held, b->held_cap, b->nheld + 1);
	b->held[b->nheld++] = xstrdup(blob);
	for (i = 0; i < b->nseries; i++)
		if (strcmp(b->series[i].path, path) == 0)
			return 0;
	series_state(b, path);
	b->series[b->nseries - 1].newest = time;
	b->series[b->nseries - 1].has_newest = 1;
	return 0;
}

static int
held(const struct bulk *b, const char *id)
{
	const char *key = id;

	return b->nheld && bsearch(&key, b->held, b->nheld, sizeof(*b->held), cmp_str) != NULL;
}

static void
progress(size_t done, size_t total, double started)
{
	double now = (double)time(NULL), rate = now > started ? (double)done / (now - started) : 0;
	long left = rate > 0 ? (long)((double)(total - done) / rate) : 0;

	out_progress("import: %zu/%zu  %.1f/s  %ld:%02ld left", done, total, rate, left / 60, left % 60);
}

#define FAILURES_SHOWN 5

static void
bulk_fail(struct bulk *b, const char *file, const char *why)
{
	struct sbuf line = SBUF_INIT;

	b->failed++;
	if (b->nfailures >= FAILURES_SHOWN)
		return;
	sbuf_printf(&line, "%s: %s", file, why);
	GROW(b->failures, b->failures_cap, b->nfailures + 1);
	b->failures[b->nfailures++] = sbuf_detach(&line);
}

/* A document in already: its tag made if an import killed before it
 * tagged left it free; one that cannot be made is said, not passed over. */
static void
tag_held(struct store *st, const struct bulk_doc *d, const char *blob)
{
	struct rl_error err;

	if (d->symbol && store_tag_held(st, d->symbol, blob, &err) < 0)
		out_error("warning: %s: %s", d->file, err.msg);
}

/* Read one document for what orders and places it. */
static void
survey(struct cli *c, struct bulk *b, const char *file)
{
	struct source s;
	struct rl_error err;
	char id[STORE_OID_HEX];
	struct bulk_doc *d;
	const char *p;

	GROW(b->docs, b->cap, b->n + 1);
	d = &b->docs[b->n++];
	memset(d, 0, sizeof(*d));
	d->file = xstrdup(file);
	source_init(&s);
	if (source_load_file(&c->repo, file, &s, &err) < 0) {
		d->failed = 1;
		bulk_fail(b, file, err.msg);
		goto out;
	}
	if (!s.res.is_resolution && !c->force) {
		d->failed = 1;
		bulk_fail(b, file, "does not read as a resolution (no enacting formula); --force imports it");
		goto out;
	}
	normalise_line_ends(s.text, &s.len);
	if (store_text_id(cli_store(c), s.text, s.len, id) == 0 && held(b, id)) {
		d->held = 1;
		if (s.res.meta.symbol) {
			d->symbol = xstrdup(s.res.meta.symbol);
			tag_held(cli_store(c), d, id);
		}
	}
	if (s.res.meta.symbol && !d->symbol)
		d->symbol = xstrdup(s.res.meta.symbol);
	d->title = title_key(s.res.meta.title ? s.res.meta.title : base_name(file));
	p = s.res.meta.adopted ? s.res.meta.adopted : s.res.meta.distributed;
	if (p)
		d->date = xstrdup(p);
	d->rank = s.res.meta.document_kind && strcmp(s.res.meta.document_kind, "resolution") != 0 ? 0 : 1;
	if (s.res.meta.adopted && !s.res.meta.document_kind)
		d->rank = 1;
out:
	source_release(&s);
}

/* The series of a document: the map by symbol, the map or a series by title, a new one. */
/* The series of a document: the map by symbol, the map or a series by
 * title, else a new one; 1 when new. */
static int
place(struct bulk *b, struct bulk_doc *d)
{
	const char *p = key_path(b, d->symbol);

	if (!p)
		p = key_path(b, d->title);
	if (p) {
		d->path = xstrdup(p);
		return 0;
	}
	d->path = slug_path(b, d->title);
	add_key(b, d->title, d->path);
	b->new_series++;
	return 1;
}

struct catch_up {
	struct bulk *b;
	const char *stop;
	char first[STORE_OID_HEX];
	int n;
};

static int
catch_up_commit(const struct store_commit *c, void *payload)
{
	struct catch_up *u = payload;

	if (!u->first[0])
		memcpy(u->first, c->id, sizeof(u->first));
	return strcmp(c->id, u->stop) == 0 || ++u->n > STORE_SINCE_MAX;
}

static int
catch_up_change(const char *path, const char *blob, long long time, void *payload)
{
	struct catch_up *u = payload;

	return scan_change(path, blob, time, u->b);
}

/*
 * What other runs (the same folder imported twice at once) committed since
 * this one last looked, into held: a document one of them brought in is
 * not imported again. This run's own commits are walked too (one each
 * time, a tree compared). A walk that fails leaves since where it was.
 */
static void
catch_up(struct store *st, struct bulk *b)
{
	char head[STORE_OID_HEX];
	struct catch_up u;
	struct rl_error err;

	if (store_head(st, head, &err) != 0 || strcmp(head, b->since) == 0)
		return;
	memset(&u, 0, sizeof(u));
	u.b = b;
	u.stop = b->since;
	if (store_walk_history(st, catch_up_commit, catch_up_change, &u, &err) < 0 || !u.first[0])
		return;
	memcpy(b->since, u.first, sizeof(b->since));
	if (b->nheld)
		qsort(b->held, b->nheld, sizeof(*b->held), cmp_str);
}

static void
import_one(struct cli *c, struct bulk *b, struct bulk_doc *d, const char *name, const char *email)
{
	struct store *st = cli_store(c);
	struct series_state *ss;
	struct source s;
	struct store_import im;
	struct rl_error err;
	struct sbuf msg = SBUF_INIT;
	char commit[STORE_OID_HEX], id[STORE_OID_HEX];
	int tagged, r;

	source_init(&s);
	if (source_load_file(&c->repo, d->file, &s, &err) < 0) {
		bulk_fail(b, d->file, err.msg);
		goto out;
	}
	normalise_line_ends(s.text, &s.len);
	ss = series_state(b, d->path);
	catch_up(st, b);
	if (store_text_id(st, s.text, s.len, id) == 0 && held(b, id)) {
		b->skipped++;
		tag_held(st, d, id);
		goto out;
	}
	memset(&im, 0, sizeof(im));
	im.path = d->path;
	im.no_checkout = c->no_checkout;
	im.symbol = d->symbol;
	im.author_name = name;
	im.author_email = email;
	if (!d->date || parse_when(d->date, &im.time, &im.tz_minutes) < 0) {
		im.time = (long long)time(NULL);
		im.tz_minutes = 0;
	}
	/* sorted oldest first, so only a run over a newer archive meets this */
	if (!c->force && ss->has_newest && im.time < ss->newest) {
		b->older++;
		bulk_fail(b, d->file, "dated before the latest version of its series; --force imports it");
		goto out;
	}
	import_message(&msg, NULL, d->symbol, &s, d->file);
	im.message = msg.buf;
	im.since = b->since;
	r = store_import(st, &im, s.text, s.len, commit, &tagged, &err);
	if (r < 0) {
		bulk_fail(b, d->file, err.msg);
	} else if (r == 1) {
		b->skipped++;
	} else {
		b->imported++;
		ss->newest = im.time;
		ss->has_newest = 1;
		GROW(b->held, b->held_cap, b->nheld + 1);
		b->held[b->nheld++] = xstrdup(id);
		qsort(b->held, b->nheld, sizeof(*b->held), cmp_str);
	}
out:
	sbuf_release(&msg);
	source_release(&s);
}

static void
bulk_release(struct bulk *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->docs[i].file);
		free(b->docs[i].symbol);
		free(b->docs[i].title);
		free(b->docs[i].date);
		free(b->docs[i].path);
	}
	free(b->docs);
	for (i = 0; i < b->nkeys; i++) {
		free(b->keys[i].key);
		free(b->keys[i].path);
	}
	free(b->keys);
	for (i = 0; i < b->nheld; i++)
		free(b->held[i]);
	free(b->held);
	for (i = 0; i < b->nseries; i++)
		free(b->series[i].path);
	free(b->series);
	for (i = 0; i < b->nfailures; i++)
		free(b->failures[i]);
	free(b->failures);
}

static int
cmd_import_many(struct cli *c)
{
	struct bulk b;
	struct store_series *v = NULL;
	struct rl_error err;
	struct sigaction sa, old_int, old_term;
	char **files = NULL, *name = NULL, *email = NULL;
	size_t nfiles = 0, files_cap = 0, nv = 0, i;
	double started = (double)time(NULL);
	int rc = CLI_TROUBLE, interrupted = 0;
	struct stat st;

	memset(&b, 0, sizeof(b));
	if (c->import_path || c->import_symbol || c->import_date || c->import_message)
		return cli_usage_error(c, "--path, --symbol, --date and --message name one version; for many files "
				       "the documents say them (--series-map places them)");
	if (!cli_store(c))
		return CLI_TROUBLE;
	if (c->import_author && cli_parse_author(c->import_author, &name, &email) < 0) {
		cli_usage_error(c, "bad author: '%s' (NAME <EMAIL>)", c->import_author);
		goto out;
	}
	for (i = 0; i < c->nargs; i++) {
		if (stat(c->args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (collect_dir(c->args[i], &files, &nfiles, &files_cap) < 0)
				goto out;
		} else {
			GROW(files, files_cap, nfiles + 1);
			files[nfiles++] = xstrdup(c->args[i]);
		}
	}
	if (c->series_map && read_series_map(&b, c->series_map) < 0)
		goto out;
	/* the repository's series by the title of their latest version */
	if (store_list_series(cli_store(c), &v, &nv, &err) == 0) {
		for (i = 0; i < nv; i++) {
			char *k = title_key(v[i].title ? v[i].title : v[i].path);

			if (!key_path(&b, k))
				add_key(&b, k, v[i].path);
			free(k);
		}
	}
	out_progress("import: reading the history");
	/* before the walk: a commit made during it is looked through again */
	if (store_head(cli_store(c), b.since, &err) != 0)
		b.since[0] = '\0';
	if (store_walk_changes(cli_store(c), scan_change, &b, &err) < 0) {
		out_progress(NULL);
		out_error("%s", err.msg);
		goto out;
	}
	if (b.nheld)
		qsort(b.held, b.nheld, sizeof(*b.held), cmp_str);
	bulk_interrupted = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_bulk_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	for (i = 0; i < nfiles && !bulk_interrupted; i++) {
		if (i % 16 == 0)
			out_progress("import: reading %zu/%zu", i, nfiles);
		survey(c, &b, files[i]);
	}
	if (b.n)
		qsort(b.docs, b.n, sizeof(*b.docs), cmp_docs);
	for (i = 0; i < b.n && !bulk_interrupted; i++) {
		if (b.docs[i].failed)
			continue;
		if (b.docs[i].held) {
			b.skipped++;
			continue;
		}
		place(&b, &b.docs[i]);
		import_one(c, &b, &b.docs[i], name, email);
		progress(i + 1, b.n, started);
	}
	interrupted = bulk_interrupted != 0;
	/* a run killed after a document's commit left that series' file behind
	 * the branch; the run made again finds the document in and imports
	 * nothing there, so the files are brought up here */
	if (!interrupted) {
		struct rl_error e2;

		store_finish_interrupted(cli_store(c), &e2);
	}
	/* the index learns the new commits, and what every version reads as, once */
	if (b.imported)
		cli_index_imported(c, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	out_progress(NULL);
	out_line(stdout, "imported %zu of %zu documents into %zu series (%zu new); %zu already in; %zu not imported%s",
		 b.imported, nfiles, b.nseries, b.new_series, b.skipped, b.failed, b.nfailures ? ":" : "");
	for (i = 0; i < b.nfailures; i++)
		out_line(stdout, "  %s", b.failures[i]);
	if (b.failed > b.nfailures)
		out_line(stdout, "  and %zu more", b.failed - b.nfailures);
	if (interrupted) {
		out_error("interrupted; run the same command again to go on (what is in is skipped)");
		goto out;
	}
	if (cli_finish_output(0) < 0)
		goto out;
	rc = b.failed ? CLI_TROUBLE : CLI_SAME;
out:
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	store_series_free(v, nv);
	bulk_release(&b);
	free(name);
	free(email);
	return rc;
}

int
cmd_import(struct cli *c)
{
	struct source s;
	struct store_import im;
	struct rl_error err;
	struct sbuf msg = SBUF_INIT;
	char commit[STORE_OID_HEX], *path = NULL, *name = NULL, *email = NULL, *git_name = NULL;
	const char *file;
	int tagged = 0, rc;

	struct stat st;

	if (c->nargs == 0)
		return cli_usage_error(c, "import takes a FILE, or many files or a folder");
	if (c->nargs > 1 || (stat(c->args[0], &st) == 0 && S_ISDIR(st.st_mode)))
		return cmd_import_many(c);
	file = c->args[0];
	source_init(&s);
	rc = CLI_TROUBLE;
	if (!cli_store(c))
		goto out;
	if (source_load_file(&c->repo, file, &s, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	/* stored with LF line ends: one text, one representation, whatever the editor */
	normalise_line_ends(s.text, &s.len);
	if (!s.res.is_resolution && !c->force) {
		out_error("'%s' does not read as a resolution (no enacting formula); use --force to import it anyway",
			  s.name);
		goto out;
	}
	memset(&im, 0, sizeof(im));
	if (import_path(c, file, &s.res, &path) < 0)
		goto out;
	im.path = path;
	im.no_checkout = c->no_checkout;
	im.symbol = c->import_symbol ? c->import_symbol : s.res.meta.symbol;
	if (im.symbol && !*im.symbol)
		im.symbol = NULL;	/* --symbol= : no tag */
	if (c->import_date) {
		if (parse_when(c->import_date, &im.time, &im.tz_minutes) < 0) {
			cli_usage_error(c, "bad date: '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HHMM)", c->import_date);
			goto out;
		}
	} else if ((!s.res.meta.adopted || parse_when(s.res.meta.adopted, &im.time, &im.tz_minutes) < 0) &&
		   (!s.res.meta.distributed || parse_when(s.res.meta.distributed, &im.time, &im.tz_minutes) < 0)) {
		/* a draft is dated by its Distr. date; what says neither, now */
		im.time = (long long)time(NULL);
		im.tz_minutes = 0;
	}
	if (c->import_author) {
		if (cli_parse_author(c->import_author, &name, &email) < 0) {
			cli_usage_error(c, "bad author: '%s' (NAME <EMAIL>)", c->import_author);
			goto out;
		}
		im.author_name = name;
		im.author_email = email;
	}
	import_message(&msg, c->import_message, im.symbol, &s, file);
	im.message = msg.buf;
	if (check_not_shadowing(c, path, &s, &im) < 0)
		goto out;
	switch (store_import(cli_store(c), &im, s.text, s.len, commit, &tagged, &err)) {
	case -1:
		out_error("%s", err.msg);
		goto out;
	case 2:
		/* imported; the work tree did not follow: said, with the command to run */
		out_error("warning: %s", err.msg);
		break;
	case 1:
		out_line(stdout, "%s is already the latest version of %s; nothing imported", s.name, path);
		rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : CLI_SAME;
		goto out;
	}
	git_name = im.symbol ? symbol_git_name(im.symbol) : NULL;
	if (im.symbol && tagged > 0)
		out_line(stdout, "imported %s as %.7s on %s (tagged %s)", s.name, commit, path, git_name);
	else if (im.symbol && tagged == 0)
		out_line(stdout, "imported %s as %.7s on %s (tag %s exists; not moved)", s.name, commit, path, git_name);
	else if (im.symbol && tagged == -2)
		out_line(stdout, "imported %s as %.7s on %s (not tagged: %s)", s.name, commit, path, err.msg);
	else if (im.symbol)
		out_line(stdout, "imported %s as %.7s on %s (not tagged: '%s' is not a document symbol)", s.name, commit,
			 path, im.symbol);
	else
		out_line(stdout, "imported %s as %.7s on %s", s.name, commit, path);
	if (c->no_checkout && store_has_work_tree(cli_store(c)))
		out_error("note: the work tree still has the version before; to bring it along: git checkout HEAD -- %s",
			  path);
	cli_index_imported(c, path);
	rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : CLI_SAME;
out:
	sbuf_release(&msg);
	free(git_name);
	free(path);
	free(name);
	free(email);
	source_release(&s);
	return rc;
}
