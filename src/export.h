/*
 * export: a comparison written as a document to circulate -- Word (DOCX)
 * with tracked changes, a standalone web page, Markdown, or text wrapped
 * for e-mail -- and the one way such a file reaches the disk: written
 * whole beside its destination, then renamed into place, never over a file
 * that exists unless asked.
 *
 * Ownership: borrows the comparison and options; the document's bytes go
 * to the caller's sbuf. Errors: 0, or -1 with err naming the file and what
 * went wrong; nothing is printed.
 */
#ifndef REDLINE_EXPORT_H
#define REDLINE_EXPORT_H

#include <stddef.h>

#include "compare.h"
#include "redoc.h"
#include "sbuf.h"
#include "util.h"

enum export_format { EXPORT_TEXT, EXPORT_MARKDOWN, EXPORT_HTML, EXPORT_DOCX };

struct export_opts {
	const char *author;	/* who made the tracked changes; never NULL */
	const char *date;	/* when: ISO 8601 UTC, "2026-12-06T15:00:00Z" */
	/* how each side is named to people ("77/64", "A/RES/79/53"), already
	 * free of control characters */
	const char *old_label, *new_label;
	/*
	 * A compilation's: who made a paragraph's change (its amendment's
	 * sponsors), and a note to show beside it (its negotiation status, the
	 * other amendments to it); NULL, or returning NULL: author, and the
	 * change's own description. arg is the caller's.
	 */
	const char *(*author_of)(const struct rpara *p, void *arg);
	const char *(*note_of)(const struct rpara *p, void *arg);
	void *arg;
};

/* The format of a name: "docx", "html", "md" (or "markdown"), "text";
 * -1 for any other. */
int export_format_of(const char *name, enum export_format *out);
const char *export_extension(enum export_format f);	/* "docx", "html", "md", "txt" */
/*
 * The file name a comparison gets when none is given, from the two labels:
 * "77-64-to-79-53.docx" (characters a file name should not hold become
 * '-').
 */
void export_default_name(const char *old_label, const char *new_label, enum export_format f, struct sbuf *out);
/* The same for two loaded versions: a file without a symbol is named by
 * its own name, without its folders and extension. */
struct source;
void export_name_for(const struct source *a, const struct source *b, enum export_format f, struct sbuf *out);
/* The comparison as a document of the format. */
int export_comparison(enum export_format f, const struct comparison *c, const struct export_opts *o,
		      struct sbuf *out, struct rl_error *err);
/*
 * Write buf to path: to a temporary file in the same folder, flushed to
 * the disk, then renamed into place, so that a full disk, a read-only
 * folder or a crash leaves no partial file. An existing path is refused
 * unless force (-2: the caller may try another name), a folder always.
 * "-" writes to standard output.
 */
int export_write(const char *path, const char *buf, size_t len, int force, struct rl_error *err);

#endif
