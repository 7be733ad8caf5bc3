/*
 * tsv: the line records of redline's caches (the version index, the
 * lineage cache): fields separated by tabs, with backslash, tab, line feed
 * and carriage return escaped in a field, so any text fits in one field
 * of one line.
 *
 * Ownership: borrows; writes into the caller's sbuf or line. Errors: none.
 */
#ifndef REDLINE_TSV_H
#define REDLINE_TSV_H

#include <stddef.h>

#include "sbuf.h"

/* s escaped (NULL: nothing). */
void tsv_put_escaped(struct sbuf *out, const char *s);
/* A tab, then s escaped. */
void tsv_put_field(struct sbuf *out, const char *s);
/* Undo tsv_put_escaped in place (the string only gets shorter); returns s. */
char *tsv_unescape(char *s);
/* Split line at tabs, in place, into at most max fields; returns how many. */
size_t tsv_split(char *line, char **f, size_t max);

#endif
