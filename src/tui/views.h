/*
 * views: the constructors of the interface's views, one file each
 * (view_*.c). Each returns a view for tui_push, which owns it from then
 * on; a view that cannot load what it shows still opens, with the reason
 * on the status line.
 */
#ifndef REDLINE_VIEWS_H
#define REDLINE_VIEWS_H

#include "compare.h"
#include "source.h"
#include "tui.h"

/* The series of the repository. */
struct view *view_series_new(struct tui *t);
/* The versions of one series, newest first. */
struct view *view_versions_new(struct tui *t, const char *path);
/* Two loaded versions compared; the view takes both sources over (they
 * are left empty). ok is 0 when either failed to load: the view shows why. */
struct view *view_diff_new(struct tui *t, struct source *old, struct source *new_, int ok);
/* One change of a comparison in full; the comparison is borrowed from the
 * diff view below it, which outlives it. */
struct view *view_clause_new(struct tui *t, const struct comparison *c, size_t change, const char *old_label,
			     const char *new_label);
struct view *view_help_new(struct tui *t);

#endif
