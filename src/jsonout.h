/*
 * jsonout: the machine-readable contract of ../shared/design/json.md:
 * "redline-parse/1" and "redline-diff/1" documents.
 *
 * Ownership: borrows everything; writes one JSON document and a newline to
 * the caller's FILE. Errors: returns -1 on a write error.
 * Fields are only ever added, never renamed: scripts depend on them.
 */
#ifndef REDLINE_JSONOUT_H
#define REDLINE_JSONOUT_H

#include <stdio.h>

#include "compare.h"
#include "model.h"

struct json_writer;

int jsonout_parse(FILE *f, const struct resolution *r, const char *source);
/* The "summary" member of a comparison, for any document that reports one. */
void jsonout_summary(struct json_writer *w, const struct compare_summary *s);
int jsonout_diff(FILE *f, const struct comparison *c, const char *old_source, const char *new_source);
/* --stat: the same document with format, old, new and summary only. */
int jsonout_diff_stat(FILE *f, const struct comparison *c, const char *old_source, const char *new_source);

#endif
