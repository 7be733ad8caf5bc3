/*
 * tsv: escaped tab-separated records (tsv.h).
 */
#include "tsv.h"

#include <string.h>

void
tsv_put_escaped(struct sbuf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\\': sbuf_adds(out, "\\\\"); break;
		case '\t': sbuf_adds(out, "\\t"); break;
		case '\n': sbuf_adds(out, "\\n"); break;
		case '\r': sbuf_adds(out, "\\r"); break;
		default: sbuf_addch(out, *s);
		}
	}
}

void
tsv_put_field(struct sbuf *out, const char *s)
{
	sbuf_addch(out, '\t');
	tsv_put_escaped(out, s);
}

char *
tsv_unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
			r++;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return s;
}

size_t
tsv_split(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		char *tab = strchr(line, '\t');

		f[n++] = line;
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}
