/*
 * svgout: the map of a series as an SVG picture (svgout.h).
 */
#include "config.h"
#include "svgout.h"

#include <string.h>

#include "utf8.h"

#define CELL 16
#define LABEL_W 150
#define HEAD_H 130

/* colour and mark of each cell kind, in enum lin_cell order */
static const struct {
	const char *fill, *mark, *name;
} cells[] = {
	{ "#ffffff", "", "absent" },     { "#4c9be8", "+", "first appeared" }, { "#e6e6e6", "", "unchanged" },
	{ "#f2c14e", "~", "words changed" }, { "#2e9e4f", "^", "opener stronger" },
	{ "#d64545", "v", "opener weaker" }, { "#555555", "x", "deleted" },
};

static void
text(struct sbuf *out, const char *s)
{
	utf8_markup_text(out, s ? s : "", s ? strlen(s) : 0);
}

void
svgout_map(const struct lin_map *m, const char *const *version_labels, const char *const *row_labels,
	   const char *title, struct sbuf *out)
{
	size_t ncells = sizeof(cells) / sizeof(cells[0]);
	size_t i, v, w = LABEL_W + m->nversions * CELL + 120, h = HEAD_H + m->n * CELL + 30 + (ncells - 1) * (CELL + 4);

	sbuf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" height=\"%zu\" viewBox=\"0 0 %zu %zu\" "
			 "font-family=\"sans-serif\" font-size=\"11\">\n<title>",
		    w, h, w, h);
	text(out, title);
	sbuf_adds(out, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"4\" y=\"14\" "
		       "font-size=\"13\" font-weight=\"bold\">");
	text(out, title);
	sbuf_adds(out, "</text>\n");
	/* the versions, slanted over their columns */
	for (v = 0; v < m->nversions; v++) {
		size_t x = LABEL_W + v * CELL + CELL / 2;

		sbuf_printf(out, "<text transform=\"translate(%zu,%d) rotate(-60)\">", x, HEAD_H - 4);
		text(out, version_labels[v]);
		sbuf_adds(out, "</text>\n");
	}
	sbuf_printf(out, "<text x=\"%zu\" y=\"%d\">churn</text>\n", LABEL_W + m->nversions * CELL + 6, HEAD_H - 4);
	for (i = 0; i < m->n; i++) {
		size_t y = HEAD_H + i * CELL;

		sbuf_printf(out, "<text x=\"4\" y=\"%zu\"%s>", y + CELL - 4,
			    m->rows[i].deleted ? " fill=\"#777777\" font-style=\"italic\"" : "");
		text(out, row_labels[i]);
		sbuf_adds(out, "</text>\n");
		for (v = 0; v < m->nversions; v++) {
			unsigned c = m->rows[i].cells[v];
			size_t x = LABEL_W + v * CELL;

			if (c >= sizeof(cells) / sizeof(cells[0]))
				c = 0;
			sbuf_printf(out, "<rect x=\"%zu\" y=\"%zu\" width=\"%d\" height=\"%d\" fill=\"%s\" "
					 "stroke=\"#cccccc\"><title>",
				    x, y, CELL, CELL, cells[c].fill);
			text(out, row_labels[i]);
			sbuf_adds(out, " in ");
			text(out, version_labels[v]);
			sbuf_printf(out, ": %s</title></rect>\n", cells[c].name);
			if (*cells[c].mark)
				sbuf_printf(out, "<text x=\"%zu\" y=\"%zu\" text-anchor=\"middle\" fill=\"#ffffff\">%s</text>\n",
					    x + CELL / 2, y + CELL - 4, cells[c].mark);
		}
		sbuf_printf(out, "<text x=\"%zu\" y=\"%zu\">%zu</text>\n", LABEL_W + m->nversions * CELL + 6, y + CELL - 4,
			    m->rows[i].churn);
	}
	/* the legend */
	for (i = 1; i < ncells; i++) {
		size_t x = 4, y = HEAD_H + m->n * CELL + 16 + (i - 1) * (CELL + 4);

		sbuf_printf(out, "<rect x=\"%zu\" y=\"%zu\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#cccccc\"/>"
				 "<text x=\"%zu\" y=\"%zu\">%s</text>\n",
			    x, y, CELL, CELL, cells[i].fill, x + CELL + 4, y + CELL - 4, cells[i].name);
	}
	sbuf_adds(out, "</svg>\n");
}
