/*
 * A libFuzzer target for the Word writer (src/docxout.c, through
 * export_comparison): the input is cut at 0xFF bytes into OLD, NEW (else a
 * small built-in resolution) and a label; the pair is compared and
 * exported as a DOCX with tracked changes. Checked, as tests/export.sh and
 * tests/check_redoc.c check the sample series:
 *   - the package opens with libzip, and every part's XML is well-formed
 *     (expat), with no DOCTYPE;
 *   - redline's own Word reader (src/docx.c) reads it, changes accepted,
 *     as NEW: the comparison of NEW with it finds no difference; with
 *     changes rejected (--original), as OLD -- unless a version refers to
 *     one footnote from two places, which Word cannot hold (shares_a_note),
 *     or holds a control character, which XML cannot (has_controls), or
 *     refers to a footnote it does not have (has_dangling_note).
 * tests/fuzz/replay-docxout runs the saved corpus (corpus-docxout/) in
 * every make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "compare.h"
#include "docx.h"
#include "export.h"
#include "fuzzlib.h"
#include "parse.h"
#include "sbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every part of the package: read whole; the XML ones well-formed. */
static void
check_package(const struct sbuf *pkg)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_int64_t n, i;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(pkg->buf, pkg->len, 0, &ze)))
		fz_fail("libzip: no memory", NULL, 0);
	if (!(z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
		zip_source_free(src);
		fz_fail("the package does not open as a ZIP archive", NULL, 0);
	}
	n = zip_get_num_entries(z, 0);
	if (n <= 0)
		fz_fail("an empty package", NULL, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0), *why;
		zip_stat_t st;
		zip_file_t *f;
		char *buf;
		size_t len;

		if (!name || zip_stat_index(z, (zip_uint64_t)i, 0, &st) < 0 || !(f = zip_fopen_index(z, (zip_uint64_t)i, 0)))
			fz_fail("a part that cannot be opened", name, name ? strlen(name) : 0);
		len = (size_t)st.size;
		buf = malloc(len + 1);
		if (zip_fread(f, buf, len) != (zip_int64_t)len)
			fz_fail("a part that cannot be read whole", name, strlen(name));
		zip_fclose(f);
		len = strlen(name);
		if ((len > 4 && strcmp(name + len - 4, ".xml") == 0) || (len > 5 && strcmp(name + len - 5, ".rels") == 0)) {
			if ((why = fz_xml_check(buf, (size_t)st.size)) != NULL) {
				char msg[300];

				snprintf(msg, sizeof(msg), "%s: %s", name, why);
				fz_fail(msg, buf, (size_t)st.size);
			}
		}
		free(buf);
	}
	zip_discard(z);
	zip_error_fini(&ze);
}

/* The export read back by the Word reader is the version: no difference. */
static void
reads_as(const struct sbuf *pkg, int original, const struct resolution *want)
{
	struct sbuf text = SBUF_INIT;
	struct resolution got;
	struct comparison c;
	struct rl_error err;

	if (docx_read_mem(pkg->buf, pkg->len, "export.docx", original, &text, &err) != 0)
		fz_fail(err.msg, NULL, 0);
	if (!text.buf)
		sbuf_adds(&text, "");
	resolution_init(&got);
	if (parse_resolution(text.buf, text.len, "export.docx", &got, &err) != 0)
		fz_fail("the export's text does not parse", text.buf, text.len);
	compare_resolutions(want, &got, 0, &c);
	/*
	 * Text that is not a resolution has no header to read its metadata
	 * from: what is found in its paragraphs depends on where its lines
	 * were wrapped (tests/fuzz/README). Its clauses and footnotes must
	 * still come back exactly.
	 */
	if (!want->is_resolution ? c.sum.modified + c.sum.inserted + c.sum.deleted + c.sum.moved + c.sum.renumbered +
					   c.sum.split + c.sum.merged + c.sum.footnotes_modified +
					   c.sum.footnotes_inserted + c.sum.footnotes_deleted != 0 || got.is_resolution
				 : comparison_has_differences(&c))
		fz_fail(original ? "the export with its changes rejected is not OLD"
				 : "the export with its changes accepted is not NEW", text.buf, text.len);
	comparison_release(&c);
	resolution_release(&got);
	sbuf_release(&text);
}

/*
 * 1 when some footnote is referred to from more than one place: Word gives
 * every reference a note of its own, so such a version comes back from
 * Word (and from redline's reader) with the note repeated, one per
 * reference -- the same text, but not the same document. The accept and
 * reject invariants are checked on the others (tests/fuzz/README).
 */
static int
shares_a_note(const struct resolution *r)
{
	size_t i, k, j, m;

	for (i = 0; i < r->nclauses; i++)
		for (k = 0; k < r->clauses[i].nfootnotes; k++)
			for (j = i; j < r->nclauses; j++)
				for (m = j == i ? k + 1 : 0; m < r->clauses[j].nfootnotes; m++)
					if (r->clauses[i].footnotes[k] == r->clauses[j].footnotes[m])
						return 1;
	return 0;
}

/*
 * 1 when the writer shows s otherwise than it is: utf8_markup_text, as
 * every writer, makes control characters visible (XML cannot hold C0 and
 * C1) and invisible and bidirectional ones too (a reader must see them:
 * "Naci<U+FEFF>s"), so such a text cannot read back as the very same.
 * Asked of utf8_sanitize itself, so that this and the writer cannot
 * disagree (it once checked controls alone: a zero-width no-break space
 * failed the reject invariant).
 */
static int
shown_otherwise(const char *s)
{
	struct sbuf v = SBUF_INIT;
	size_t n = strlen(s);
	int differs;

	utf8_sanitize(&v, s, n, 0);
	differs = v.len != n || memcmp(sbuf_str(&v), s, n) != 0;
	sbuf_release(&v);
	return differs;
}

/* 1 when a text of the version is shown otherwise than it is (above) */
static int
has_controls(const struct resolution *r)
{
	const char *meta[] = { r->meta.symbol, r->meta.title, r->meta.session, r->meta.agenda_item,
			       r->meta.committee_report, r->meta.committee, r->meta.meeting };
	size_t i;

	for (i = 0; i < sizeof(meta) / sizeof(meta[0]); i++)
		if (meta[i] && shown_otherwise(meta[i]))
			return 1;
	for (i = 0; i < r->meta.nsponsors; i++)
		if (shown_otherwise(r->meta.sponsors[i]))
			return 1;
	for (i = 0; i < r->nclauses; i++)
		if (shown_otherwise(r->clauses[i].text))
			return 1;
	return 0;
}

/*
 * 1 when a clause refers to a footnote the text does not have (the parser
 * warns): the export can only write an empty note there, and a reader
 * then looks for that note's text in the paragraphs after the clauses.
 */
static int
has_dangling_note(const struct resolution *r)
{
	size_t i, k;

	for (i = 0; i < r->nclauses; i++)
		for (k = 0; k < r->clauses[i].nfootnotes; k++)
			if (!resolution_footnote(r, r->clauses[i].footnotes[k]))
				return 1;
	/* the same for footnotes the parser could not match to their
	 * markers: a number left in a clause may become a marker when the
	 * export is read back (tests/fuzz/README, an open finding) */
	for (i = 0; i < r->nwarnings; i++)
		if (strstr(r->warnings[i], "footnote"))
			return 1;
	for (i = 0; i < r->nfootnotes; i++)
		if (shown_otherwise(r->footnotes[i].text))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_part p[3], base = { fz_base_text, fz_base_len };
	size_t np = fz_split(data, size, p, 3);
	struct resolution a, b;
	struct comparison c;
	struct export_opts o;
	struct sbuf pkg = SBUF_INIT, label = SBUF_INIT;
	struct rl_error err;

	int ok_a = fz_parse(&p[0], "old", &a) == 0, ok_b = fz_parse(np > 1 ? &p[1] : &base, "new", &b) == 0;

	if (ok_a && ok_b) {
		/* a label as source_label makes one: sanitised */
		if (np > 2)
			utf8_sanitize(&label, p[2].s, p[2].len, 0);
		else
			sbuf_adds(&label, "79/53");
		memset(&o, 0, sizeof(o));
		o.author = "Fuzz <fuzz@example.org>";
		o.date = "2026-12-06T15:00:00Z";
		o.old_label = "77/64";
		o.new_label = label.buf;
		compare_resolutions(&a, &b, 0, &c);
		if (export_comparison(EXPORT_DOCX, &c, &o, &pkg, &err) != 0)
			fz_fail(err.msg, NULL, 0);
		check_package(&pkg);
		if (!shares_a_note(&a) && !shares_a_note(&b) && !has_controls(&a) && !has_controls(&b) &&
		    !has_dangling_note(&a) && !has_dangling_note(&b)) {
			reads_as(&pkg, 0, &b);
			reads_as(&pkg, 1, &a);
		}
		comparison_release(&c);
	}
	resolution_release(&a);
	resolution_release(&b);
	sbuf_release(&pkg);
	sbuf_release(&label);
	return 0;
}
