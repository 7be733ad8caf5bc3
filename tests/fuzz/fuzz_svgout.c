/*
 * A libFuzzer target for the map picture (src/svgout.c) and the lineage
 * under it (src/engine/lineage.c): the input is cut at 0xFF bytes into up
 * to five versions of a series, oldest first; each is compared with the
 * one before, the lineage followed and mapped, and the map drawn with
 * labels made from the versions' first lines (sanitised, as source_label
 * makes them) and the clauses' ids. The SVG must be well-formed XML
 * (expat) with no DOCTYPE, and the map the shape lineage.h promises: a
 * column per version, a row per clause of the last version and then the
 * deleted ones. tests/fuzz/replay-svgout runs the saved corpus
 * (corpus-svgout/) in every make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fuzzlib.h"
#include "lineage.h"
#include "parse.h"
#include "sbuf.h"
#include "svgout.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXV 5

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_part p[MAXV];
	size_t np = fz_split(data, size, p, MAXV), nv = 0, i, k;
	struct resolution r[MAXV];
	struct sbuf vl[MAXV], rl, doc = SBUF_INIT;
	const char *vlabel[MAXV], **rlabel;
	struct lineage l;
	struct lin_map m;
	struct comparison c;
	const char *why;

	/* the versions that parse, in order */
	for (i = 0; i < np; i++) {
		if (fz_parse(&p[i], "version", &r[nv]) == 0) {
			const char *nl = memchr(p[i].s, '\n', p[i].len);

			sbuf_init(&vl[nv]);
			utf8_sanitize(&vl[nv], p[i].s, nl ? (size_t)(nl - p[i].s) : p[i].len, 0);
			if (!vl[nv].buf)
				sbuf_adds(&vl[nv], "");
			vlabel[nv] = vl[nv].buf;
			nv++;
		} else {
			resolution_release(&r[nv]);
		}
	}
	if (nv == 0)
		return 0;
	lineage_init(&l);
	lineage_add(&l, NULL, r[0].nclauses);
	for (i = 1; i < nv; i++) {
		struct lin_link *links = calloc(r[i].nclauses + 1, sizeof(*links));

		compare_resolutions(&r[i - 1], &r[i], 0, &c);
		lineage_links(&c, links, r[i].nclauses);
		lineage_add(&l, links, r[i].nclauses);
		comparison_release(&c);
		free(links);
	}
	lineage_map(&l, &m);
	if (m.nversions != nv || m.n < r[nv - 1].nclauses)
		fz_fail("the map's shape is not the series'", NULL, 0);
	rlabel = calloc(m.n + 1, sizeof(*rlabel));
	sbuf_init(&rl);
	for (i = 0; i < m.n; i++) {
		if (m.rows[i].version >= nv || m.rows[i].clause >= r[m.rows[i].version].nclauses)
			fz_fail("a map row names no clause", NULL, 0);
		if (i < r[nv - 1].nclauses && (m.rows[i].version != nv - 1 || m.rows[i].clause != i || m.rows[i].deleted))
			fz_fail("the map's first rows are not the last version's clauses in order", NULL, 0);
		rlabel[i] = r[m.rows[i].version].clauses[m.rows[i].clause].id;
		for (k = 0; k < nv; k++)
			if (m.rows[i].cells[k] > CELL_DELETED)
				fz_fail("a map cell out of range", NULL, 0);
	}
	svgout_map(&m, vlabel, rlabel, vlabel[nv - 1], &doc);
	if (!doc.buf)
		fz_fail("no picture", NULL, 0);
	if ((why = fz_xml_check(doc.buf, doc.len)) != NULL)
		fz_fail(why, doc.buf, doc.len);
	if (strstr(doc.buf, "<svg") == NULL)
		fz_fail("no <svg> element", doc.buf, doc.len);
	sbuf_release(&doc);
	sbuf_release(&rl);
	free(rlabel);
	lin_map_release(&m);
	lineage_release(&l);
	for (i = 0; i < nv; i++) {
		resolution_release(&r[i]);
		sbuf_release(&vl[i]);
	}
	return 0;
}
