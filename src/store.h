/*
 * store: resolution versions kept in a git repository, through libgit2.
 * A series is a text file of the repository; each commit that changed the
 * file is a version of the series. Versions are named by git revisions
 * (HEAD~1, a commit id, a branch, a tag, REV:PATH) or by resolution symbols
 * (79/53, A/RES/79/53, A/C.1/79/L.43/Rev.1, or the git name A_RES_79_53)
 * found through the tags of their git names (symbol.h), the tags named as
 * the symbols themselves in repositories made before that scheme, or the
 * metadata of each version.
 *
 * Reading never needs a work tree and never writes to the repository, so a
 * bare server copy and a read-only account both work. Writing (import)
 * creates objects and moves the branch with a compare-and-swap update, so
 * concurrent writers never lose each other's versions.
 *
 * Ownership: a struct store owns the repository handle; everything a
 * function returns through an out-parameter is owned by the caller and
 * released with the matching *_free or free(). Errors: functions return 0
 * or -1 with err filled with a one-line message naming the repository,
 * revision, symbol or path at fault.
 */
#ifndef REDLINE_STORE_H
#define REDLINE_STORE_H

#include <stddef.h>

#include "util.h"

#define STORE_OID_HEX 41

struct store;

struct store_version {
	char commit[STORE_OID_HEX];	/* hex id of the commit */
	char blob[STORE_OID_HEX];	/* hex id of the file at that commit */
	char *subject;			/* first line of the commit message */
	char *author;
	long long time;			/* author time, seconds since the epoch */
	int tz_minutes;
};

struct store_series {
	char *path;
	char *symbol;		/* of the latest version, NULL when it has none */
	char *date;		/* ISO date of the latest version */
	char *title;
};

/* "2024-12-02" from a commit time and its offset in minutes; a time that
 * cannot be a date gives "xxxx-xx-xx". */
void store_format_date(long long t, int tz_minutes, char out[11]);

/* Open the repository at or above dir (NULL: the current directory). */
int store_open(struct store **out, const char *dir, struct rl_error *err);
void store_close(struct store *s);
/* The directory shown in messages: the work tree, or the git directory when bare. */
const char *store_path(const struct store *s);
/* The git directory shared by its work trees, ending in '/' (for redline's own files). */
const char *store_git_dir(const struct store *s);
/* The commit HEAD names: 0; 1 when the branch has no commit yet; -1 on error. */
int store_head(struct store *s, char commit[STORE_OID_HEX], struct rl_error *err);
/* Whether the repository has a work tree (is not bare). */
int store_has_work_tree(const struct store *s);

/* Folders nested deeper than this are not read (git's core.maxTreeDepth):
 * the walks recurse, and a hostile tree could nest enough to overflow the
 * stack. A path to read or write has at most this many parts too. */
#define STORE_TREE_DEPTH_MAX 4096

/*
 * Text files at the tip of HEAD that read as resolutions, sorted by path.
 * Returns 0; 1 when some files could not be read or lie too deep (a damaged
 * or hostile repository: the list holds the others and err names the
 * first); -1 on error.
 */
int store_list_series(struct store *s, struct store_series **out, size_t *n, struct rl_error *err);
void store_series_free(struct store_series *v, size_t n);
/* The series to use when none is named: the only one, or an error listing them. */
int store_default_series(struct store *s, char **path, struct rl_error *err);
/*
 * The series a revision is a version of, when none is named: the one
 * series file its commit changed, else the only series; an error naming
 * them when it changed several.
 */
int store_series_of(struct store *s, const char *rev, char **path, struct rl_error *err);
/* "'a', 'b', 'c', 'd', 'e' and 2 more": a few names of a list, for messages. */
struct sbuf;
void store_name_list(struct sbuf *out, const char *const *names, size_t n, int quote);
void store_series_names(struct sbuf *out, const struct store_series *v, size_t n);

/*
 * Walk the versions of path, newest first, starting at rev (NULL: HEAD):
 * only the commits whose tree entry for path differs from their first
 * parent's. The callback returns 0 to go on, 1 to stop early, -1 on error.
 *
 * History is read as the walk goes, so the versions that can be read are
 * handed over before what cannot be. The walk returns 0 at the first commit
 * (or when the callback stops it); 1 when it ends at the boundary of a
 * shallow clone, the file still there, so older versions may exist unfetched
 * (the oldest version handed over is the boundary's; err holds a note saying
 * where history ends and how to get the rest); -1 when a commit or tree
 * cannot be read (err names it; the commit above it, holding the file, was
 * handed over as a version though whether it changed the file is unknown).
 */
typedef int (*store_version_cb)(const struct store_version *v, void *payload);
int store_walk_versions(struct store *s, const char *path, const char *rev, store_version_cb cb,
			void *payload, struct rl_error *err);
/*
 * The same walk one version at a time, so an interface can show the first
 * versions while it loads the rest: store_iter_step looks at no more than
 * max_commits commits and returns 0 with a version (the caller frees its
 * strings with store_version_release), 2 when it stopped there without
 * finding one (call again to go on), 1 at the end, 3 at the end of a
 * shallow clone's history (err holds the note), -1 on error.
 */
struct store_iter;
int store_iter_open(struct store *s, const char *path, const char *rev, struct store_iter **out,
		    struct rl_error *err);
int store_iter_step(struct store_iter *it, struct store_version *v, size_t max_commits,
		    struct rl_error *err);
void store_iter_free(struct store_iter *it);
void store_version_release(struct store_version *v);

/* All versions, newest first; 0, or 1 and a note in err as store_walk_versions. */
int store_versions(struct store *s, const char *path, const char *rev, struct store_version **out,
		   size_t *n, struct rl_error *err);
void store_versions_free(struct store_version *v, size_t n);

/*
 * Every file change along the first-parent history of HEAD, newest first,
 * in one pass: for each commit, each file it added or changed against its
 * first parent, with the new blob and the commit's author time. The
 * callback returns 0 to go on, 1 to stop, -1 on error. An empty
 * repository has no changes (0). One pass serves what a walk per series
 * would do hundreds of times (an archive's import, resumed).
 */
typedef int (*store_change_cb)(const char *path, const char *blob, long long time, void *payload);
int store_walk_changes(struct store *s, store_change_cb cb, void *payload, struct rl_error *err);

/*
 * The first-parent history of HEAD, newest first, in one pass: for each
 * commit, commit_cb (NULL: not called) with its id, author name, author
 * time and subject (the first line of subject, subject_len bytes), then
 * change_cb for each file it added or changed against its first parent.
 * A callback returns 0 to go on, 1 to stop, -1 on error. Returns 0 at the
 * first commit, 1 when a callback stopped the walk, 3 at the boundary of a
 * shallow clone (its files handed over as added; err holds a note), -1 when
 * an object cannot be read (err names it).
 */
struct store_commit {
	char id[STORE_OID_HEX];
	long long time;
	int tz_minutes;
	const char *author;
	const char *subject;
	size_t subject_len;
};
typedef int (*store_commit_cb)(const struct store_commit *c, void *payload);
int store_walk_history(struct store *s, store_commit_cb commit_cb, store_change_cb change_cb, void *payload,
		       struct rl_error *err);

/* The id git gives text as a blob (what import would store), in hex. */
int store_text_id(struct store *s, const char *text, size_t len, char out[STORE_OID_HEX]);

/* The text of path at a commit: UTF-8 text, or -1 with an error naming
 * what it is instead; -2 when an object cannot be read (damage). */
int store_read(struct store *s, const char *commit, const char *path, char **buf, size_t *len,
	       struct rl_error *err);
/* The same read by the blob's id, which a version index gives (no commit
 * or tree read on the way: reading a whole archive costs its texts);
 * commit and path only name it in errors. */
int store_read_blob(struct store *s, const char *blob, const char *commit, const char *path, char **buf,
		    size_t *len, struct rl_error *err);

/*
 * Whether a version a cache lists is still there to be read: commit and
 * blob are in the repository, a loose commit (a file that can be cut short
 * where it lies) reads whole and holds blob at path, its trees read on the
 * way, and a loose blob reads whole if its file is no longer of the size
 * (blob_size) it had when the cache read it. A size of 0 says the object
 * was packed then (a pack is trusted: nothing is looked at but that it
 * holds the object); -1, not known. 0, or -1: the cache is then not to be trusted.
 */
int store_check_version(struct store *s, const char *commit, const char *path, const char *blob, long long commit_size,
			long long blob_size);
/* The size of an object's loose file (what a cache records, to see it
 * change: blob_size above); 0 when it is packed. */
long long store_loose_size(struct store *s, const char *hex);

/*
 * What a user's name for a version stands for. spec is REV:PATH, REV, or a
 * symbol; default_path is used when spec names no path. Without one, the
 * version tells its series: the series file its commit changed (for a
 * revision or a tagged symbol), or the one series whose versions carry the
 * symbol in their metadata; only a truly ambiguous version is an error.
 * On success commit and path are filled (path owned by caller).
 */
int store_resolve(struct store *s, const char *spec, const char *default_path, char commit[STORE_OID_HEX],
		  char **path, struct rl_error *err);
/*
 * Finding symbols in versions' metadata without reading every version: a
 * finder (the version index, vindex.h) hands over the versions whose text
 * carries symbol, of path or (path NULL) of any file, newest first, and
 * returns 0; or 1 when it cannot tell, and the store reads the versions.
 * Without a finder, it always does.
 */
struct store_hit {
	char *path;
	char commit[STORE_OID_HEX];
};
typedef int (*store_symbol_finder)(void *ctx, const char *symbol, const char *path, struct store_hit **hits,
				   size_t *n);
void store_set_symbol_finder(struct store *s, store_symbol_finder fn, void *ctx);
void store_hits_free(struct store_hit *h, size_t n);

/*
 * What the files at HEAD read as, for the list of series, without parsing
 * each again: get returns 0 with what blob (at path) reads as, the strings
 * the cache's, or 1 when it does not know; put is told what a blob parsed
 * to (r NULL: not text that parses). Without a cache, every file is parsed.
 */
struct store_reading {
	int is_resolution;
	const char *symbol, *title, *adopted;
	long long loose_size;	/* of the blob's loose file when it was read; 0: packed */
};
struct resolution;
typedef int (*store_reading_get)(void *ctx, const char *blob, const char *path, struct store_reading *out);
typedef void (*store_reading_put)(void *ctx, const char *blob, const char *path, const struct resolution *r,
				  long long loose_size);
void store_set_reading_cache(struct store *s, store_reading_get get, store_reading_put put, void *ctx);

/* The newest version of path: 0, 1 when it has none. */
int store_latest(struct store *s, const char *path, char commit[STORE_OID_HEX], struct rl_error *err);
/*
 * The version of path before commit, or 1 when commit is the first one;
 * -1 also when commit is the oldest of a shallow clone (err says so).
 */
int store_previous(struct store *s, const char *path, const char *commit, char prev[STORE_OID_HEX],
		   struct rl_error *err);

struct store_import {
	const char *path;	/* series path in the repository */
	const char *symbol;	/* whose git name to tag when free; NULL: none */
	const char *message;
	const char *author_name, *author_email;	/* NULL: from git config, else "redline" */
	long long time;		/* author and committer time */
	int tz_minutes;
	int no_checkout;	/* leave the work tree and index as they are */
	/* the commit up to which the caller knows what the series hold (a
	 * bulk import read the history, then its own commits; "" or NULL:
	 * none): a text another writer put at the path in a commit since is
	 * not imported again (1), as one at the tip is not */
	const char *since;
};
/* The commits since that are looked through (by store_import, and by a
 * caller catching up the same way): more is a branch that moved elsewhere
 * (since is not behind it), not other writers at work. */
#define STORE_SINCE_MAX 1000

/*
 * Add text as a new version: a blob, a tree and a commit on the current
 * branch, without a work tree or index. The branch moves by compare-and-
 * swap; when another writer moved it first, the version is rebuilt on the
 * new tip and tried again. The version is tagged with its symbol's git name
 * (symbol.h: A/RES/79/53 is tag A_RES_79_53): *tagged is 1 when the tag was
 * created, 0 when a tag of that name exists (it is never moved), -1 when the
 * symbol is not one redline can name, -2 when git could not create it (err
 * then says why, though the version was imported and 0 returned).
 * In a repository with a work tree, the branch is the checked-out one: the
 * series file and its index entry then follow the new version, as a
 * fast-forward would, so git status stays clean; an import is refused when
 * that file has local changes or a merge is in progress (unless
 * no_checkout). Returns 1, committing nothing, when the text is already
 * the latest version of the path; 2 when the version was imported but the
 * work tree could not follow (err says how to bring it along).
 */
/* The series files left behind by imports killed after they moved the
 * branch (a file and its index entry at the version before, git status
 * showing a change nobody made), brought to the tip as those imports would
 * have: how many; a change of anyone's is left as it is. -1 err. A run of
 * imports that finds everything already in calls it, since no import of
 * its own would. */
int store_finish_interrupted(struct store *s, struct rl_error *err);
int store_import(struct store *s, const struct store_import *im, const char *text, size_t len,
		 char commit[STORE_OID_HEX], int *tagged, struct rl_error *err);
/*
 * A text already in the repository (a bulk import run again skips it)
 * whose symbol's tag is free, as an import killed between its commit and
 * its tag leaves it: the tag made at the newest commit that brought that
 * blob in. 1 made, 0 nothing to do (the tag is there, or the text is not
 * in HEAD's history), -2 it cannot be made (a lock: err names it), -1 on
 * an error reading history.
 */
int store_tag_held(struct store *s, const char *symbol, const char *blob, struct rl_error *err);

/*
 * Record chains: small records kept under references of redline's own
 * (refs/redline/...), each a chain of commits whose first lines are events
 * and whose tree holds the record's files. git push and fetch carry them;
 * each reference moves by compare-and-swap.
 */

/* git's user.name: of the repository's configuration, or (s NULL) of the
 * user's and the system's; NULL when none is set. malloc'd. */
char *store_user_name(struct store *s);

/* Who makes an event: NULL name and email: the git identity (user.name and
 * user.email), else "redline <redline@localhost>"; time 0: now. */
struct store_who {
	const char *name, *email;
	long long time;
	int tz_minutes;
};

/*
 * A new chain: a commit with no parent whose tree holds file (name, text),
 * with message, and the reference prefix + its id ("refs/redline/
 * amendments/" + 40 hex), so that chains made at once anywhere never share a
 * name. 0 with id; 1 when that reference exists already (the same record,
 * by the same person, in the same second); -1 err.
 */
int store_chain_start(struct store *s, const char *prefix, const char *file, const char *text, size_t len,
		      const char *message, const struct store_who *who, char id[STORE_OID_HEX], struct rl_error *err);

/*
 * An event on the chain at ref, made only if ref is still at expect (NULL:
 * the reference must not exist; it is then made with an empty tree): a
 * commit on expect with expect's tree. 0 with out set; 1 when ref has moved
 * (someone else wrote first: nothing written); -1 err.
 */
int store_chain_append(struct store *s, const char *ref, const char *expect, const char *message,
		       const struct store_who *who, char out[STORE_OID_HEX], struct rl_error *err);

struct store_event {
	char commit[STORE_OID_HEX];
	char *who;		/* "Name <email>" */
	long long time;
	int tz_minutes;
	char *message;
};

/*
 * The commits of the chain at ref, oldest first (parents before children,
 * then by time; merged chains give the events of both), and its tip: 0; 1
 * when there is no such reference; -1 err.
 */
int store_chain_read(struct store *s, const char *ref, struct store_event **events, size_t *n,
		     char tip[STORE_OID_HEX], struct rl_error *err);
void store_events_free(struct store_event *ev, size_t n);

/* The references under prefix, by name: an array of names the caller
 * frees (free each, then the array). */
int store_refs_under(struct store *s, const char *prefix, char ***names, size_t *n, struct rl_error *err);

#endif
