/*
 * source: one version of a resolution, loaded and parsed, whatever named
 * it: a file, "-" for standard input, a git revision (HEAD~1, a commit, a
 * tag, REV:PATH) or a resolution symbol (79/53, A/C.1/79/L.43/Rev.1). The
 * commands and the interface load versions only through here, so a version
 * is found, read and labelled the same way everywhere.
 *
 * A file of the given name wins over a revision of that name, as with
 * `git diff --no-index`. Revisions and symbols are looked up in the
 * repository of a struct source_repo, opened on first use, so commands on
 * two files never need a repository.
 *
 * Ownership: struct source owns its strings, text and resolution
 * (source_release); struct source_repo owns the store it opened
 * (source_repo_release) but not dir or path, which it borrows.
 * Errors: functions return 0 or -1 with err filled with one line naming
 * the file, revision or symbol at fault; nothing is printed. Parser
 * warnings are left in res.warnings for the caller to show or not.
 */
#ifndef REDLINE_SOURCE_H
#define REDLINE_SOURCE_H

#include <stddef.h>

#include "model.h"
#include "sbuf.h"
#include "store.h"
#include "util.h"

struct source {
	char *name;		/* "ied.txt" as given, or "1a2b3c4:ied.txt" */
	char *text;
	size_t len;
	int from_repo;
	char commit[STORE_OID_HEX];	/* when from_repo */
	char *path;		/* the series path, when from_repo */
	char pdf_sha256[65];	/* a file that was a PDF: the SHA-256 of its bytes; else "" */
	struct resolution res;
};

struct vindex;

struct source_repo {
	const char *dir;	/* -C DIR; NULL: the current directory */
	const char *path;	/* the series named with -- PATH; NULL: none */
	int original;		/* --original: a Word document's tracked changes rejected */
	struct store *store;	/* opened on first use */
	struct vindex *index;	/* its version index (vindex.h), made with it; NULL: off */
};

void source_init(struct source *s);
void source_release(struct source *s);

/* The repository, opened on first use. */
int source_repo_store(struct source_repo *r, struct store **out, struct rl_error *err);
void source_repo_release(struct source_repo *r);
/* The version index of the repository (opened with it); *out NULL when it is off. */
int source_repo_index(struct source_repo *r, struct vindex **out, struct rl_error *err);

/* A file, or standard input for "-". A PDF or a Word document (or a file
 * named .pdf or .docx, which must then be one) is read into the normal form
 * first (pdf.h, docx.h), a Word document's tracked changes accepted, or
 * rejected when r->original; text holds that form. r may be NULL: no
 * options. */
int source_load_file(const struct source_repo *r, const char *file, struct source *out, struct rl_error *err);
/*
 * A text made in memory (the draft with an amendment made), parsed as a
 * version named name, of the series path (NULL: none); the text is copied
 * and kept. Such a source is not from the repository: it has no commit.
 */
int source_from_text(const char *name, const char *path, const char *text, size_t len, struct source *out,
		     struct rl_error *err);
/* The version of path at a commit of the store. */
int source_load_commit(struct store *st, const char *commit, const char *path, struct source *out,
		       struct rl_error *err);
/* The same version read by its blob's id, as a version index lists it
 * (no trees read: what reading a whole archive costs). */
int source_load_version(struct store *st, const char *commit, const char *blob, const char *path,
			struct source *out, struct rl_error *err);
/* Whatever spec names: a file first, then a revision or symbol. */
int source_load(struct source_repo *r, const char *spec, struct source *out, struct rl_error *err);
/* Two versions to compare; two files are read and parsed at the same time.
 * Their texts are not kept (text NULL, len 0): a comparison reads the
 * clauses only. */
int source_load_pair(struct source_repo *r, const char *spec_old, const char *spec_new, struct source *old,
		     struct source *new_, struct rl_error *err);
/* The latest version of the series (-- PATH, else the series the latest
 * commit changed, else the only one). */
int source_load_latest(struct source_repo *r, struct source *out, struct rl_error *err);
/* The latest version of the series path. */
int source_load_latest_of(struct store *st, const char *path, struct source *out, struct rl_error *err);
/*
 * "OLD..NEW": 1 with both sides (caller frees; a side may be empty) split
 * at the first literal "..", 0 when spec names one version (it has no
 * "..", or a file of that very name exists).
 */
int source_split_range(const char *spec, char **old, char **new_);
/* The version of the same series before newer (loaded from the
 * repository); 1, loading nothing, when newer is the first. */
int source_load_previous(struct store *st, const struct source *newer, struct source *out,
			 struct rl_error *err);

/*
 * How a version is named to people, the same in every output:
 * source_label is the document's symbol (brief: without "A/RES/", as
 * negotiators say "79/53"), else the short commit, else the file name;
 * source_describe adds where it came from when that is not the label
 * ("A/RES/79/53 (A-RES-79-53.txt)", "A/RES/79/53 (c73ae72:ied.txt)").
 * Both append sanitised text: no control character from a file name or a
 * document reaches a terminal through them.
 */
void source_label(const struct source *s, int brief, struct sbuf *out);
void source_describe(const struct source *s, int brief, struct sbuf *out);

#endif
