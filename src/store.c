#include "config.h"
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
/* git_error_set_str moved to the sys headers in libgit2 1.8 */
#if defined(__has_include)
#if __has_include(<git2/sys/errors.h>)
#include <git2/sys/errors.h>
#endif
#endif

#include "input.h"
#include "model.h"
#include "parse.h"
#include "restrict.h"
#include "sbuf.h"
#include "symbol.h"
#include "utf8.h"

#define IMPORT_RETRIES 50

struct store {
	git_repository *repo;
	char *path;
	git_oid *shallow;	/* the boundary commits of a shallow clone, sorted */
	size_t nshallow;
	int shallow_read;
	store_symbol_finder finder;	/* NULL: versions are read */
	void *finder_ctx;
	store_reading_get reading_get;	/* NULL: every file is parsed */
	store_reading_put reading_put;
	void *reading_ctx;
	struct sbuf why;	/* git_why's answer, until its next call */
};

/* The message of the last libgit2 error, never NULL. */
static const char *
git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

static const char *git_why(struct store *s);

/*
 * Truncated loose objects
 *
 * Every libgit2 release so far (1.5.1 here, up to 1.9.7) loops forever, at
 * full CPU, reading a loose object whose zlib stream is cut short: inflate()
 * says Z_BUF_ERROR, which libgit2 takes for "call again", though no more
 * input will come (libgit2 issue 7342, fixed by PR 7346 on the way to 2.0).
 * A full disk, an interrupted copy or a sync tool can leave such a file, and
 * every command would then hang on it. The same releases write past their
 * buffer when an object's header gives a smaller size than its stream holds
 * (issue 7177, also fixed for 2.0).
 *
 * The way round: a backend of redline's own in the repository's object
 * database, after libgit2's pack backends and before its loose ones, that
 * reads loose objects itself (from the objects directory and its
 * alternates) as libgit2 does, but stopping where the stream stops, and
 * fails naming the file that is cut short or damaged. Each loose object is
 * inflated once, as before, so it costs nothing measurable; an object in a
 * pack never comes here; libgit2 still checks every object against its id,
 * and still reads what the backend leaves to it (the old packlike form, a
 * file too large for one zlib call: only checked for a cut) and writes
 * every object. A header (read_header: a blob's size, asked before it is
 * read) inflates only the file's start. A short id (read_prefix) and a
 * stream (readstream) are checked for a cut, then left to libgit2.
 *
 * Why not another way: no released libgit2 has the fix, so requiring one is
 * no option; a read cannot be bounded safely (a loop inside libgit2 cannot
 * be stopped, only abandoned with its thread); checking each file before
 * libgit2 reads it (the first version of this) inflated every loose object
 * twice, 10 to 15% more time for a log of loose versions; and an object
 * database built anew (git_odb_new, the pack backend, a wrapped loose
 * backend, alternates) would redo what libgit2 sets up from the environment
 * (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES), the commit-graph
 * and fsync settings, and git_odb_backend_loose's signature differs between
 * builds. Only the libgit2 versions with the bug get the backend.
 */

struct loose_gate {
	git_odb_backend parent;
	char **dirs;		/* objects directories: the repository's, then its alternates */
	size_t ndirs;
};

/* Until a release with the fix is known, all of 1.x; 2.0 comes from the branch that has it. */
static int
loose_gate_needed(void)
{
	int major = 0, minor = 0, rev = 0;

	git_libgit2_version(&major, &minor, &rev);
	return major < 2;
}

/*
 * Whether the object's loose file is cut short: its zlib stream ends
 * before its end marker (an empty file too). A file that is whole, absent,
 * unreadable or damaged otherwise is left to libgit2, which reports those
 * without looping.
 */
static int
loose_file_truncated(const char *file)
{
	unsigned char in[16384], out[16384];
	z_stream z;
	ssize_t n;
	size_t skip = 0;
	int fd, zr = Z_BUF_ERROR, first = 1;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		close(fd);
		return 0;
	}
	for (;;) {
		uInt before_in, before_out;

		if (z.avail_in == 0) {
			do
				n = read(fd, in, sizeof(in));
			while (n < 0 && errno == EINTR);
			if (n < 0)
				zr = Z_ERRNO;
			if (n <= 0)
				break;
			if (first) {
				/* a file that does not open as zlib is in the old
				 * "packlike" form: a binary header, then the stream */
				if (n < 2 || (in[0] & 0x8F) != 0x08 || ((in[0] << 8) + in[1]) % 31 != 0) {
					while (skip < (size_t)n && (in[skip] & 0x80))
						skip++;
					skip++;
				}
				if (skip > (size_t)n) {
					zr = Z_DATA_ERROR;	/* no whole header: libgit2 says so */
					break;
				}
				first = 0;
			}
			z.next_in = in + skip;
			z.avail_in = (uInt)((size_t)n - skip);
			skip = 0;
		}
		z.next_out = out;
		z.avail_out = sizeof(out);
		before_in = z.avail_in;
		before_out = z.avail_out;
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_BUF_ERROR)
			break;
		/* no progress with input left: libgit2 would loop on it too */
		if (z.avail_in == before_in && z.avail_out == before_out && z.avail_in != 0)
			break;
	}
	inflateEnd(&z);
	close(fd);
	return zr == Z_OK || zr == Z_BUF_ERROR;
}

/* The error libgit2 passes on: the file, and what is wrong with it. */
static int
gate_fail(const char *file, const char *what)
{
	struct sbuf msg = SBUF_INIT;

	sbuf_printf(&msg, "its file '%s' %s", file, what ? what : "is truncated");
	git_error_set_str(GIT_ERROR_ODB, msg.buf);
	sbuf_release(&msg);
	return GIT_ERROR;
}

/* Every loose file of the object, in every objects directory: libgit2
 * reads the first it finds, in an order that differs between versions. */
static int
gate_check(struct loose_gate *g, const git_oid *id)
{
	char hex[STORE_OID_HEX];
	struct sbuf file = SBUF_INIT;
	size_t i;
	int rc = GIT_PASSTHROUGH;

	git_oid_tostr(hex, sizeof(hex), id);
	for (i = 0; i < g->ndirs && rc == GIT_PASSTHROUGH; i++) {
		sbuf_reset(&file);
		sbuf_printf(&file, "%s/%.2s/%s", g->dirs[i], hex, hex + 2);
		if (loose_file_truncated(file.buf))
			rc = gate_fail(file.buf, NULL);
	}
	sbuf_release(&file);
	return rc;
}

/*
 * Inflate into out[0..n) from what z holds: Z_OK when out is full, Z_STREAM_END
 * at the stream's end, Z_BUF_ERROR when the input ran out before either (a
 * stream cut short), another zlib error for a damaged stream.
 */
static int
inflate_into(z_stream *z, unsigned char *out, size_t n)
{
	int zr = Z_OK;

	z->next_out = out;
	z->avail_out = (uInt)n;
	while (z->avail_out > 0) {
		uInt in = z->avail_in, left = z->avail_out;

		zr = inflate(z, Z_NO_FLUSH);
		if (zr != Z_OK)
			break;
		if (z->avail_in == in && z->avail_out == left) {
			zr = Z_BUF_ERROR;	/* no progress: nothing more to read */
			break;
		}
	}
	return zr;
}

/* "blob 1234\0" at the start of an inflated object: 0 with its type, size
 * and length; -1 when it is not a loose object's header. */
static int
parse_loose_header(const unsigned char *h, size_t n, git_object_t *type, size_t *size, size_t *hlen)
{
	char name[16];
	size_t i = 0, k;
	unsigned long long v = 0;

	while (i < n && i < sizeof(name) - 1 && h[i] != ' ')
		i++;
	if (i == n || h[i] != ' ')
		return -1;
	memcpy(name, h, i);
	name[i] = '\0';
	*type = git_object_string2type(name);
	if (!git_object_typeisloose(*type))
		return -1;
	for (k = i + 1; k < n && h[k] >= '0' && h[k] <= '9'; k++) {
		if (v > (SIZE_MAX - 9) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(h[k] - '0');
	}
	if (k == i + 1 || k == n || h[k] != '\0')
		return -1;
	*size = (size_t)v;
	*hlen = k + 1;
	return 0;
}

/* The first loose file of the object (its name in file): a descriptor, or
 * -1 when there is none. */
static int
gate_open(struct loose_gate *g, const git_oid *id, struct sbuf *file)
{
	char hex[STORE_OID_HEX];
	size_t i;
	int fd = -1;

	git_oid_tostr(hex, sizeof(hex), id);
	for (i = 0; i < g->ndirs && fd < 0; i++) {
		sbuf_reset(file);
		sbuf_printf(file, "%s/%.2s/%s", g->dirs[i], hex, hex + 2);
		fd = open(file->buf, O_RDONLY | O_CLOEXEC);
	}
	return fd;
}

/*
 * The object's loose file read as libgit2 reads it, but stopping where the
 * stream stops: 0 with the object (its data allocated for libgit2, which
 * checks it against the id), or an error naming the file, cut short or
 * otherwise damaged; GIT_PASSTHROUGH when there is no loose file. Reading
 * here rather than checking and letting libgit2 read again inflates each
 * loose object once, as before. A file in the old packlike form, too large
 * for one zlib call, or unreadable is only checked for a cut, and left to
 * libgit2.
 */
static int
gate_read(void **data, size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	struct loose_gate *g = (struct loose_gate *)b;
	struct sbuf file = SBUF_INIT;
	unsigned char head[64], *raw = NULL, *out = NULL, extra;
	const char *damage = NULL;
	size_t got = 0, size = 0, hlen = 0, body;
	struct stat st;
	z_stream z;
	ssize_t r;
	int fd = -1, zr, rc = GIT_PASSTHROUGH, zinit = 0;

	if ((fd = gate_open(g, id, &file)) < 0)
		goto out;
	if (fstat(fd, &st) < 0 || (unsigned long long)st.st_size >= UINT_MAX / 2)
		goto check;
	raw = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	       ((r = read(fd, raw + got, (size_t)st.st_size - got)) > 0 || (r < 0 && errno == EINTR)))
		got += r > 0 ? (size_t)r : 0;
	if (got != (size_t)st.st_size || got < 2 || (raw[0] & 0x8F) != 0x08 || ((raw[0] << 8) + raw[1]) % 31 != 0)
		goto check;	/* unreadable, empty, or the packlike form */
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		goto check;
	zinit = 1;
	z.next_in = raw;
	z.avail_in = (uInt)got;
	zr = inflate_into(&z, head, sizeof(head));
	if (zr != Z_OK && zr != Z_STREAM_END)
		goto fail;
	if (parse_loose_header(head, sizeof(head) - z.avail_out, type, &size, &hlen) < 0) {
		damage = "is damaged: no object header";
		goto fail;
	}
	body = sizeof(head) - z.avail_out - hlen;
	if (body > size || (zr == Z_STREAM_END && body != size) || size >= UINT_MAX / 2) {
		/* (libgit2 1.x would write past its buffer on the first) */
		damage = "is damaged: its size is not its header's";
		goto fail;
	}
	if (!(out = git_odb_backend_data_alloc(b, size + 1))) {
		rc = GIT_ERROR;
		goto out;
	}
	memcpy(out, head + hlen, body);
	if (zr == Z_OK)
		zr = inflate_into(&z, out + body, size - body);
	if (zr == Z_OK) {
		/* all of it: the stream must end there (Z_OK: it runs on) */
		zr = inflate_into(&z, &extra, 1);
		if (zr == Z_OK)
			damage = "is damaged: its size is not its header's";
	}
	if (zr != Z_STREAM_END)
		goto fail;
	if (z.avail_in != 0 || z.total_out != hlen + size) {
		damage = z.avail_in ? "is damaged: data follows its end" : "is damaged: its size is not its header's";
		goto fail;
	}
	out[size] = '\0';
	*data = out;
	*len = size;
	out = NULL;
	rc = 0;
	goto out;
fail:
	/* Z_BUF_ERROR: the input ran out before the stream's end, a cut */
	if (damage || zr == Z_BUF_ERROR) {
		rc = gate_fail(file.buf, damage);
	} else {
		struct sbuf why = SBUF_INIT;

		sbuf_printf(&why, "is damaged: %s", z.msg ? z.msg : "zlib cannot read it");
		rc = gate_fail(file.buf, why.buf);
		sbuf_release(&why);
	}
	goto out;
check:
	if (loose_file_truncated(file.buf))
		rc = gate_fail(file.buf, NULL);
out:
	if (out)
		git_odb_backend_data_free(b, out);
	if (zinit)
		inflateEnd(&z);
	if (fd >= 0)
		close(fd);
	free(raw);
	sbuf_release(&file);
	return rc;
}

static int
gate_readstream(git_odb_stream **stream, size_t *len, git_object_t *type, git_odb_backend *b,
		const git_oid *id)
{
	(void)stream, (void)len, (void)type;
	return gate_check((struct loose_gate *)b, id);
}

/*
 * A loose object's type and size, from its header alone: the start of its
 * file is inflated, never the rest (a blob's size is asked before it is
 * read, so that a huge one is refused without being inflated). A file cut
 * or damaged before its header's end fails naming it; the old packlike
 * form is checked for a cut and left to libgit2; no file, GIT_PASSTHROUGH.
 */
static int
gate_read_header(size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	struct sbuf file = SBUF_INIT;
	unsigned char raw[512], head[64];
	size_t got = 0, size, hlen;
	ssize_t r;
	z_stream z;
	int fd, zr, rc = GIT_PASSTHROUGH;

	if ((fd = gate_open((struct loose_gate *)b, id, &file)) < 0)
		goto out;
	while (got < sizeof(raw) && ((r = read(fd, raw + got, sizeof(raw) - got)) > 0 || (r < 0 && errno == EINTR)))
		got += r > 0 ? (size_t)r : 0;
	if (got < 2 || (raw[0] & 0x8F) != 0x08 || ((raw[0] << 8) + raw[1]) % 31 != 0) {
		if (loose_file_truncated(file.buf))
			rc = gate_fail(file.buf, NULL);
		goto out;
	}
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		goto out;
	z.next_in = raw;
	z.avail_in = (uInt)got;
	zr = inflate_into(&z, head, sizeof(head));
	if (parse_loose_header(head, sizeof(head) - z.avail_out, type, &size, &hlen) == 0) {
		*len = size;
		rc = 0;
	} else {
		/* the input ran out before the header did: a cut */
		rc = gate_fail(file.buf, zr == Z_BUF_ERROR && got < sizeof(raw) ? NULL : "is damaged: no object header");
	}
	inflateEnd(&z);
out:
	if (fd >= 0)
		close(fd);
	sbuf_release(&file);
	return rc;
}

/* A short id: every loose file whose name it begins. */
static int
gate_read_prefix(git_oid *full, void **data, size_t *len, git_object_t *type, git_odb_backend *b,
		 const git_oid *prefix, size_t n)
{
	struct loose_gate *g = (struct loose_gate *)b;
	char hex[STORE_OID_HEX];
	struct sbuf file = SBUF_INIT;
	struct dirent *e;
	DIR *d;
	size_t i;
	int rc = GIT_PASSTHROUGH;

	(void)full, (void)data, (void)len, (void)type;
	git_oid_tostr(hex, sizeof(hex), prefix);
	if (n < 2 || n >= STORE_OID_HEX)
		return GIT_PASSTHROUGH;
	for (i = 0; i < g->ndirs && rc == GIT_PASSTHROUGH; i++) {
		sbuf_reset(&file);
		sbuf_printf(&file, "%s/%.2s", g->dirs[i], hex);
		if (!(d = opendir(file.buf)))
			continue;
		while (rc == GIT_PASSTHROUGH && (e = readdir(d))) {
			if (strncasecmp(e->d_name, hex + 2, n - 2) != 0 || strlen(e->d_name) != STORE_OID_HEX - 3)
				continue;
			sbuf_reset(&file);
			sbuf_printf(&file, "%s/%.2s/%s", g->dirs[i], hex, e->d_name);
			if (loose_file_truncated(file.buf))
				rc = gate_fail(file.buf, NULL);
		}
		closedir(d);
	}
	sbuf_release(&file);
	return rc;
}

static void
gate_free(git_odb_backend *b)
{
	struct loose_gate *g = (struct loose_gate *)b;
	size_t i;

	for (i = 0; i < g->ndirs; i++)
		free(g->dirs[i]);
	free(g->dirs);
	free(g);
}

/* libgit2 allows this many levels of alternates */
#define ALTERNATES_DEPTH 5

static void
gate_add_dir(struct loose_gate *g, size_t *cap, const char *dir, int depth)
{
	struct sbuf file = SBUF_INIT, alt = SBUF_INIT;
	char *text = NULL, *line, *save = NULL;
	size_t i, len;
	struct rl_error err;

	for (i = 0; i < g->ndirs; i++)
		if (strcmp(g->dirs[i], dir) == 0)
			return;
	GROW(g->dirs, *cap, g->ndirs + 1);
	g->dirs[g->ndirs++] = xstrdup(dir);
	if (depth >= ALTERNATES_DEPTH)
		return;
	/* objects/info/alternates: one directory a line, relative ones to this one */
	sbuf_printf(&file, "%s/info/alternates", dir);
	if (read_file(file.buf, &text, &len, &err) == 0) {
		for (line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
			if (!*line || *line == '#')
				continue;
			sbuf_reset(&alt);
			if (*line == '/')
				sbuf_adds(&alt, line);
			else
				sbuf_printf(&alt, "%s/%s", dir, line);
			gate_add_dir(g, cap, alt.buf, depth + 1);
		}
	}
	free(text);
	sbuf_release(&file);
	sbuf_release(&alt);
}

/* The gate, between the packs and the loose objects: packs first (3),
 * then the gate (2), then loose objects (1); set before the object
 * database is made. */
#define PACKED_PRIORITY 3
#define GATE_PRIORITY 2
#define LOOSE_PRIORITY 1

static void
loose_gate_priorities(void)
{
	git_libgit2_opts(GIT_OPT_SET_ODB_PACKED_PRIORITY, PACKED_PRIORITY);
	git_libgit2_opts(GIT_OPT_SET_ODB_LOOSE_PRIORITY, LOOSE_PRIORITY);
}

static int
loose_gate_install(struct store *s, int from_env, struct rl_error *err)
{
	struct loose_gate *g = xcalloc(1, sizeof(*g));
	git_odb *odb = NULL;
	git_buf objects = { NULL, 0, 0 };
	const char *env;
	size_t cap = 0;
	int rc = -1;

	git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION);
	g->parent.read = gate_read;
	g->parent.read_header = gate_read_header;
	g->parent.read_prefix = gate_read_prefix;
	g->parent.readstream = gate_readstream;
	g->parent.free = gate_free;
	/* where libgit2 looks: GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES
	 * apply when the repository was found from the environment, as git does */
	env = from_env ? getenv("GIT_OBJECT_DIRECTORY") : NULL;
	if (env && *env) {
		gate_add_dir(g, &cap, env, 0);
	} else if (git_repository_item_path(&objects, s->repo, GIT_REPOSITORY_ITEM_OBJECTS) == 0) {
		size_t n = strlen(objects.ptr);

		while (n > 1 && objects.ptr[n - 1] == '/')
			objects.ptr[--n] = '\0';
		gate_add_dir(g, &cap, objects.ptr, 0);
	}
	git_buf_dispose(&objects);
	env = from_env ? getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES") : NULL;
	if (env && *env) {
		char *list = xstrdup(env), *dir, *save = NULL;

		for (dir = strtok_r(list, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
			gate_add_dir(g, &cap, dir, 1);
		free(list);
	}
	if (git_repository_odb(&odb, s->repo) < 0 || git_odb_add_backend(odb, &g->parent, GATE_PRIORITY) < 0) {
		rl_fail(err, "cannot read the objects of '%s': %s", s->path, git_why(s));
		gate_free(&g->parent);
		goto out;
	}
	rc = 0;
out:
	git_odb_free(odb);
	return rc;
}

int
store_open(struct store **out, const char *dir, struct rl_error *err)
{
	struct store *s;
	const char *where = dir ? dir : ".";
	int rc;

	*out = NULL;
	git_libgit2_init();
	/* objects are not hashed again on every read, as git does not: a
	 * read of history goes 13% faster; damage shows as a read that fails
	 * (a loose file cut short or garbled, a pack missing), and git fsck
	 * finds the rest */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* no object cache: redline reads each commit and tree of a walk once
	 * and keeps what it needs itself; libgit2's cache kept every object
	 * read (a walk of 20,000 commits held 100 MB) and its growth cost
	 * more in page faults than re-reads ever saved (the walk of log with
	 * no index: 0.73 s -> 0.41 s; git log -- PATH: 0.29 s) */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if (loose_gate_needed())
		loose_gate_priorities();
	s = xcalloc(1, sizeof(*s));
	/* like git: GIT_DIR and GIT_CEILING_DIRECTORIES apply to the search
	 * from the current directory; -C DIR is taken as given */
	if (dir)
		rc = git_repository_open_ext(&s->repo, dir, 0, NULL);
	else
		rc = git_repository_open_ext(&s->repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	if (rc < 0) {
		if (rc == GIT_ENOTFOUND && !strstr(git_message(), "safe.directory"))
			rl_fail(err, "not a git repository (or any of its parents): '%s'", where);
		else if (rc == GIT_EOWNER || strstr(git_message(), "safe.directory")) {
			char *abs = realpath(where, NULL);
			/* git's own safeguard; say how to lift it, not just that it is there */
			rl_fail(err, "repository '%s' is owned by another user; to trust it: git config --global --add safe.directory %s",
				abs ? abs : where, abs ? abs : where);
			free(abs);
		}
		else
			rl_fail(err, "cannot open repository '%s': %s", where, git_message());
		free(s);
		git_libgit2_shutdown();
		return -1;
	}
	s->path = xstrdup(git_repository_workdir(s->repo) ? git_repository_workdir(s->repo)
							   : git_repository_path(s->repo));
	if (loose_gate_needed() && loose_gate_install(s, dir == NULL, err) < 0) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	git_repository_free(s->repo);
	free(s->path);
	free(s->shallow);
	sbuf_release(&s->why);
	free(s);
	git_libgit2_shutdown();
}

int
store_text_id(struct store *s, const char *text, size_t len, char out[STORE_OID_HEX])
{
	git_oid id;

	(void)s;
	if (git_odb_hash(&id, text, len, GIT_OBJECT_BLOB) < 0)
		return -1;
	git_oid_tostr(out, STORE_OID_HEX, &id);
	return 0;
}

int
store_has_work_tree(const struct store *s)
{
	return !git_repository_is_bare(s->repo);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

const char *
store_git_dir(const struct store *s)
{
	return git_repository_commondir(s->repo);
}

/*
 * Objects that cannot be read
 *
 * A commit, tree or blob that history names and libgit2 cannot read is
 * missing (a pack lost, a copy or clone cut short) or damaged; either way
 * the repository needs looking at, and the message names the object, the
 * repository, libgit2's reason and what to run. A name that means nothing
 * (an unknown branch or symbol) is something else: libgit2 then reports a
 * reference error, not an object database one.
 */

/* The last libgit2 failure was an object that could not be read. */
static int
object_unreadable(void)
{
	const git_error *e = git_error_last();

	return e && (e->klass == GIT_ERROR_ODB || e->klass == GIT_ERROR_ZLIB);
}

/* The 20 bytes at offset from the end of file (negative): 0, or -1. */
static int
tail_bytes(const char *file, long back, unsigned char out[20])
{
	FILE *f = fopen(file, "rb");
	int ok = f && fseek(f, back, SEEK_END) == 0 && fread(out, 1, 20, f) == 20;

	if (f)
		fclose(f);
	return ok ? 0 : -1;
}

/*
 * What is wrong with the object database's files, said after libgit2's
 * "object not found", which names only the object: a pack without its
 * index, or whose end is not the checksum its index records (cut short or
 * replaced), an index without its pack, an alternate that is not there.
 * At most three, each "; ..." naming the file.
 */
static void
odb_trouble(struct store *s, struct sbuf *out)
{
	git_buf objects = { NULL, 0, 0 };
	struct sbuf dir = SBUF_INIT, a = SBUF_INIT, b = SBUF_INIT;
	struct dirent *e;
	DIR *d = NULL;
	FILE *alt = NULL;
	char line[4096];
	int said = 0;

	if (git_repository_item_path(&objects, s->repo, GIT_REPOSITORY_ITEM_OBJECTS) < 0)
		goto out;
	sbuf_printf(&dir, "%spack", objects.ptr);
	if ((d = opendir(dir.buf)))
		while (said < 3 && (e = readdir(d))) {
			size_t n = strlen(e->d_name);
			int is_pack = n > 5 && strcmp(e->d_name + n - 5, ".pack") == 0;
			int is_idx = n > 4 && strcmp(e->d_name + n - 4, ".idx") == 0;
			unsigned char in_pack[20], in_idx[20];

			if (!is_pack && !is_idx)
				continue;
			sbuf_reset(&a);
			sbuf_reset(&b);
			sbuf_printf(&a, "%s/%s", dir.buf, e->d_name);
			sbuf_printf(&b, "%s/%.*s%s", dir.buf, (int)(n - (is_pack ? 5 : 4)), e->d_name, is_pack ? ".idx" : ".pack");
			if (access(b.buf, F_OK) != 0) {
				sbuf_printf(out, "; '%s' has no %s '%s'", a.buf, is_pack ? "index" : "pack", b.buf);
				said++;
			} else if (is_pack && tail_bytes(a.buf, -20, in_pack) == 0 && tail_bytes(b.buf, -40, in_idx) == 0 &&
				   memcmp(in_pack, in_idx, 20) != 0) {
				sbuf_printf(out, "; '%s' does not end as its index says (cut short or replaced)", a.buf);
				said++;
			}
		}
	sbuf_reset(&a);
	sbuf_printf(&a, "%sinfo/alternates", objects.ptr);
	if ((alt = fopen(a.buf, "r")))
		while (said < 3 && fgets(line, sizeof(line), alt)) {
			struct stat st;

			line[strcspn(line, "\r\n")] = '\0';
			if (!*line || *line == '#')
				continue;
			sbuf_reset(&b);
			if (*line == '/')
				sbuf_adds(&b, line);
			else
				sbuf_printf(&b, "%s%s", objects.ptr, line);
			if (stat(b.buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
				sbuf_printf(out, "; the alternate '%s' that '%s' names is not there", line, a.buf);
				said++;
			}
		}
out:
	if (alt)
		fclose(alt);
	if (d)
		closedir(d);
	git_buf_dispose(&objects);
	sbuf_release(&dir);
	sbuf_release(&a);
	sbuf_release(&b);
}

/* The last libgit2 error, with the file at fault where libgit2 names only
 * an object or the repository (odb_trouble; packed-refs). */
static const char *
git_why(struct store *s)
{
	const char *msg = git_message();

	sbuf_reset(&s->why);
	sbuf_adds(&s->why, msg);
	if (strstr(msg, "packed references"))
		sbuf_printf(&s->why, " ('%spacked-refs')", git_repository_commondir(s->repo));
	else if (strstr(msg, "not found") || strstr(msg, "no match"))
		odb_trouble(s, &s->why);
	return sbuf_str(&s->why);
}

/* "cannot read WHAT ID12 WHERE in 'REPO': REASON; check the repository with git fsck" */
static int
fail_object(struct store *s, struct rl_error *err, const char *what, const git_oid *id, const char *where)
{
	char hex[STORE_OID_HEX];

	git_oid_tostr(hex, sizeof(hex), id);
	return rl_fail(err, "cannot read %s %.12s%s in '%s': %s; check the repository with git fsck", what, hex,
		       where ? where : "", s->path, git_why(s));
}

/* How many names a '/'-separated path has: libgit2 reads a path one
 * recursive call per name. */
static size_t
path_parts(const char *path)
{
	size_t n = 1;

	for (; *path; path++)
		n += *path == '/';
	return n;
}

/* "'a/b/c/...' at HEAD nests folders more than 4096 deep; ...": the folder
 * path shortened to its start, cut between characters. */
static int
fail_too_deep(struct rl_error *err, const char *path, const char *where)
{
	size_t n = strlen(path), shown = n;

	if (n > 48) {
		shown = 48;
		while (shown > 0 && ((unsigned char)path[shown] & 0xC0) == 0x80)
			shown--;
	}
	return rl_fail(err, "'%.*s%s' %s nests folders more than %d deep; not read (git's limit too, core.maxTreeDepth)",
		       (int)shown, path, shown < n ? "..." : "", where, STORE_TREE_DEPTH_MAX);
}

/*
 * Shallow clones
 *
 * A clone made with --depth has the commits at its boundary but not their
 * parents; $GIT_DIR/shallow lists those boundary commits. libgit2 1.5
 * still gives them their parents (later versions hide them), so a walk
 * asks the list, not the commit, whether history goes on.
 */

static int
cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

static int
is_shallow_boundary(struct store *s, const git_oid *id)
{
	if (!s->shallow_read) {
		struct sbuf file = SBUF_INIT;
		struct rl_error err;
		char *text = NULL, *line, *save = NULL;
		size_t len, cap = 0;
		git_oid oid;

		s->shallow_read = 1;
		sbuf_printf(&file, "%sshallow", git_repository_commondir(s->repo));
		if (read_file(file.buf, &text, &len, &err) == 0) {
			for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
				if (git_oid_fromstrp(&oid, line) < 0)
					continue;
				GROW(s->shallow, cap, s->nshallow + 1);
				s->shallow[s->nshallow++] = oid;
			}
			if (s->nshallow > 1)
				qsort(s->shallow, s->nshallow, sizeof(*s->shallow), cmp_oid);
		}
		free(text);
		sbuf_release(&file);
	}
	return s->nshallow && bsearch(id, s->shallow, s->nshallow, sizeof(*s->shallow), cmp_oid) != NULL;
}

/*
 * Reading blobs
 */

static int
lookup_commit(struct store *s, const char *hex, git_commit **out, struct rl_error *err)
{
	git_oid oid;

	if (git_oid_fromstr(&oid, hex) < 0)
		return rl_fail(err, "bad commit id '%s'", hex);
	if (git_commit_lookup(out, s->repo, &oid) < 0)
		return fail_object(s, err, "commit", &oid, NULL);
	return 0;
}

/* The id of path's entry in the tree of commit: 0, 1 when absent, -1 when
 * a tree on the way cannot be read (err says which). */
static int
entry_id(struct store *s, git_commit *commit, const char *path, git_oid *id, git_filemode_t *mode,
	 struct rl_error *err)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	char where[32];
	int rc;

	snprintf(where, sizeof(where), " of commit %.7s", git_oid_tostr_s(git_commit_id(commit)));
	if (path_parts(path) > STORE_TREE_DEPTH_MAX)
		return fail_too_deep(err, path, "(a path asked for)");
	if (git_commit_tree(&tree, commit) < 0)
		return fail_object(s, err, "tree", git_commit_tree_id(commit), where);
	git_error_clear();	/* what failed is told by the error this sets */
	rc = git_tree_entry_bypath(&e, tree, path);
	if (rc == 0) {
		git_oid_cpy(id, git_tree_entry_id(e));
		if (mode)
			*mode = git_tree_entry_filemode(e);
		git_tree_entry_free(e);
	} else if (rc != GIT_ENOTFOUND || object_unreadable()) {
		/* a folder on the way that cannot be read */
		fail_object(s, err, "tree", git_commit_tree_id(commit), where);
		rc = -1;
	}
	git_tree_free(tree);
	return rc == 0 ? 0 : rc == GIT_ENOTFOUND ? 1 : -1;
}

/* As store_read, but -2 when an object cannot be read (missing or damaged). */
/* The size of the object's loose file in the repository's own object
 * folder; 0 when it is not one (packed, or in an alternate). */
static long long
loose_size(struct store *s, const char *hex)
{
	char file[PATH_MAX];
	struct stat st;

	snprintf(file, sizeof(file), "%sobjects/%.2s/%s", git_repository_commondir(s->repo), hex, hex + 2);
	return stat(file, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ? (long long)st.st_size : 0;
}

long long
store_loose_size(struct store *s, const char *hex)
{
	return strlen(hex) == STORE_OID_HEX - 1 ? loose_size(s, hex) : 0;
}

static int
is_loose(struct store *s, const git_oid *id)
{
	char hex[STORE_OID_HEX];

	git_oid_tostr(hex, sizeof(hex), id);
	return loose_size(s, hex) > 0;
}

/* A loose file whose size is not what it was when it read well: read it again. */
static int
loose_changed(struct store *s, const char *hex, long long was)
{
	long long now = loose_size(s, hex);

	return now > 0 && now != was;
}

/* Whether an object is readable when it is loose (a file cut short or
 * garbled where it lies); a packed one is taken as it is (a pack is
 * checked as a whole by git). */
static int
loose_readable(struct store *s, const git_oid *id)
{
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	git_object_t type;
	size_t size;
	int ok;

	if (!is_loose(s, id))
		return 1;
	/* one too large to read is refused as that when read (not inflated here) */
	ok = git_repository_odb(&odb, s->repo) == 0 && git_odb_read_header(&size, &type, odb, id) == 0 &&
	     (size > INPUT_MAX_BYTES || git_odb_read(&o, odb, id) == 0);
	git_odb_object_free(o);
	git_odb_free(odb);
	return ok;
}

int
store_check_version(struct store *s, const char *commit, const char *path, const char *blob, long long commit_size,
		    long long blob_size)
{
	git_commit *c = NULL;
	git_odb *odb = NULL;
	git_oid cid, bid, id;
	int rc = -1;

	if (git_oid_fromstr(&cid, commit) < 0 || git_oid_fromstr(&bid, blob) < 0 ||
	    git_repository_odb(&odb, s->repo) < 0)
		goto out;
	/* a lost pack or a removed file */
	if (!git_odb_exists(odb, &cid) || !git_odb_exists(odb, &bid))
		goto out;
	/* a loose file can be cut short or garbled where it lies (a pack
	 * holds its own checksums): read it, and the trees to the blob */
	if (commit_size != 0 && is_loose(s, &cid) &&
	    (git_commit_lookup(&c, s->repo, &cid) < 0 || entry_id(s, c, path, &id, NULL, NULL) != 0 ||
	     !git_oid_equal(&id, &bid)))
		goto out;
	if (blob_size != 0 && loose_changed(s, blob, blob_size) && !loose_readable(s, &bid))
		goto out;
	rc = 0;
out:
	git_odb_free(odb);
	git_commit_free(c);
	return rc;
}

/* The blob, unless its header says it is larger than INPUT_MAX_BYTES: 0;
 * 1 when larger (nothing inflated: *size says how large); -1 when it
 * cannot be read (git's error set). */
static int
blob_lookup_capped(struct store *s, const git_oid *id, git_blob **out, size_t *size)
{
	git_odb *odb = NULL;
	git_object_t type;
	int rc = -1;

	*out = NULL;
	*size = 0;
	if (git_repository_odb(&odb, s->repo) < 0 || git_odb_read_header(size, &type, odb, id) < 0)
		goto out;
	if (type == GIT_OBJECT_BLOB && *size > INPUT_MAX_BYTES)
		rc = 1;
	else
		rc = git_blob_lookup(out, s->repo, id) < 0 ? -1 : 0;
out:
	git_odb_free(odb);
	return rc;
}

/* A blob's text: UTF-8, not too large, no NUL; where names it in errors
 * (" ('ied.txt' in commit 1a2b3c4)"). -2 when it cannot be read. */
static int
read_blob_text(struct store *s, const git_oid *id, const char *path, const char *hex, char **buf, size_t *len,
	       struct rl_error *err)
{
	git_blob *blob = NULL;
	struct sbuf where = SBUF_INIT;
	size_t n;
	int rc = -1, r;

	if ((r = blob_lookup_capped(s, id, &blob, &n)) < 0) {
		sbuf_printf(&where, " ('%s' in commit %.7s)", path, hex);
		fail_object(s, err, "blob", id, where.buf);
		rc = -2;
		goto out;
	}
	if (r > 0 || (n = (size_t)git_blob_rawsize(blob)) > INPUT_MAX_BYTES) {
		rl_fail(err, "'%s' in commit %.12s is larger than %u MB; refused (a resolution is well under 1 MB)",
			path, hex, INPUT_MAX_MB);
		goto out;
	}
	if (memchr(git_blob_rawcontent(blob), '\0', n)) {
		rl_fail(err, "'%s' in commit %.12s is binary, not text", path, hex);
		goto out;
	}
	*buf = xmalloc(n + 1);
	memcpy(*buf, git_blob_rawcontent(blob), n);
	(*buf)[n] = '\0';
	*len = n;
	rc = 0;
out:
	sbuf_release(&where);
	git_blob_free(blob);
	return rc;
}

static int
read_text(struct store *s, const char *hex, const char *path, char **buf, size_t *len, struct rl_error *err)
{
	git_commit *c = NULL;
	git_oid id;
	git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
	int rc = -1, r;

	if (lookup_commit(s, hex, &c, err) < 0)
		return -2;
	r = entry_id(s, c, path, &id, &mode, err);
	if (r == 1) {
		rl_fail(err, "'%s' does not exist in commit %.12s", path, hex);
		goto out;
	}
	if (r < 0) {
		rc = -2;
		goto out;
	}
	/* only a file's text is a version: a symbolic link's blob is the
	 * path it points to (never followed: it may lead out of the
	 * repository, to /etc/passwd), a folder or a submodule has none */
	switch (mode) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		break;
	case GIT_FILEMODE_LINK:
		rl_fail(err, "'%s' in commit %.12s is a symbolic link, not a file; redline does not follow links", path, hex);
		goto out;
	case GIT_FILEMODE_TREE:
		rl_fail(err, "'%s' in commit %.12s is a folder, not a file", path, hex);
		goto out;
	case GIT_FILEMODE_COMMIT:
		rl_fail(err, "'%s' in commit %.12s is a submodule (a commit of another repository), not a file", path, hex);
		goto out;
	default:
		rl_fail(err, "'%s' in commit %.12s is not a file", path, hex);
		goto out;
	}
	rc = read_blob_text(s, &id, path, hex, buf, len, err);
out:
	git_commit_free(c);
	return rc;
}

int
store_read_blob(struct store *s, const char *blob, const char *commit, const char *path, char **buf, size_t *len,
		struct rl_error *err)
{
	git_oid id;

	if (git_oid_fromstrn(&id, blob, strnlen(blob, GIT_OID_HEXSZ)) < 0 || strlen(blob) != GIT_OID_HEXSZ)
		return rl_fail(err, "'%s' is not an object id", blob);
	return read_blob_text(s, &id, path, commit, buf, len, err) < 0 ? -1 : 0;
}

int
store_read(struct store *s, const char *hex, const char *path, char **buf, size_t *len,
	   struct rl_error *err)
{
	int rc = read_text(s, hex, path, buf, len, err);

	return rc < 0 ? rc : 0;
}

/*
 * Walking the versions of one path
 *
 * A first-parent walk, commit by commit from the start: each commit is read
 * when it is reached, so the versions that can be read are handed over
 * before a commit that cannot be. (libgit2's revision walker, asked for a
 * sorted walk, reads all of history before it gives the first commit, and
 * its failure to read one looked like the end of history.)
 */

static char *
first_line(const char *msg)
{
	size_t n = strcspn(msg ? msg : "", "\n");

	return xstrndup(msg ? msg : "", n);
}

static void
fill_version(struct store_version *v, git_commit *c, const git_oid *blob)
{
	const git_signature *a = git_commit_author(c);

	git_oid_tostr(v->commit, sizeof(v->commit), git_commit_id(c));
	git_oid_tostr(v->blob, sizeof(v->blob), blob);
	v->subject = first_line(git_commit_message(c));
	v->author = xstrdup(a && a->name ? a->name : "");
	v->time = a ? (long long)a->when.time : (long long)git_commit_time(c);
	v->tz_minutes = a ? a->when.offset : git_commit_time_offset(c);
}

static void
version_release(struct store_version *v)
{
	free(v->subject);
	free(v->author);
}

/*
 * The commit a revision names: 0; -1 when nothing has that name (err
 * untouched: the caller may try it as a symbol); -2 when it names an object
 * that cannot be read (err says which).
 */
static int
revparse_oid(struct store *s, const char *rev, git_oid *out, struct rl_error *err)
{
	git_object *obj = NULL, *commit = NULL;
	git_reference *ref = NULL, *resolved = NULL;
	char *name = xstrndup(rev, strcspn(rev, "~^@:"));
	int rc = -1, unreadable = 0;

	/* the object a reference names is read here first: libgit2 1.5's
	 * revparse loses the reference when that object cannot be read */
	if (*name && git_reference_dwim(&ref, s->repo, name) == 0 && git_reference_resolve(&resolved, ref) == 0) {
		git_error_clear();
		unreadable = git_object_lookup(&obj, s->repo, git_reference_target(resolved), GIT_OBJECT_ANY) < 0 &&
			     object_unreadable();
		git_object_free(obj);
		obj = NULL;
	}
	git_reference_free(resolved);
	git_reference_free(ref);
	free(name);
	if (!unreadable) {
		git_error_clear();	/* what failed is told by the error this sets */
		rc = git_revparse_single(&obj, s->repo, rev);
		if (rc == 0)
			rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
		if (rc == 0)
			git_oid_cpy(out, git_object_id(commit));
		else
			unreadable = object_unreadable();
	}
	if (unreadable) {
		rl_fail(err, "cannot read revision '%s' in '%s': %s; check the repository with git fsck", rev, s->path,
			git_why(s));
		rc = -2;
	} else if (rc < 0) {
		rc = -1;
	}
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

/* HEAD's branch has no commit: -1 saying so. "no commits yet" when no
 * branch has any; else HEAD names a branch that does not exist (a HEAD
 * edited, or a branch deleted under it) while others do, and those are
 * what the user has: named, with how to go to one. */
static int
fail_unborn(struct store *s, struct rl_error *err)
{
	git_reference *head = NULL, *ref = NULL;
	git_branch_iterator *it = NULL;
	git_branch_t type;
	struct sbuf names = SBUF_INIT;
	const char *target = NULL;
	size_t n = 0;

	if (git_branch_iterator_new(&it, s->repo, GIT_BRANCH_LOCAL) == 0)
		while (git_branch_next(&ref, &type, it) == 0) {
			const char *name = NULL;

			if (git_branch_name(&name, ref) == 0 && n < 5)
				sbuf_printf(&names, "%s'%s'", n ? ", " : "", name);
			n++;
			git_reference_free(ref);
		}
	git_branch_iterator_free(it);
	if (git_reference_lookup(&head, s->repo, "HEAD") == 0 && git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		target = git_reference_symbolic_target(head);
	if (n == 0 || !target)
		rl_fail(err, "repository '%s' has no commits yet", s->path);
	else
		rl_fail(err, "HEAD of '%s' names %s, which does not exist; the repository's branches: %s%s "
			"(git switch BRANCH)", s->path, target, names.buf, n > 5 ? " and more" : "");
	git_reference_free(head);
	sbuf_release(&names);
	return -1;
}

/* The commit HEAD names; "no commits yet" only when its branch is unborn. */
static int
head_oid(struct store *s, git_oid *out, struct rl_error *err)
{
	int rc = git_reference_name_to_id(out, s->repo, "HEAD");

	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return fail_unborn(s, err);
	if (rc < 0)
		return rl_fail(err, "cannot read HEAD of '%s': %s", s->path, git_why(s));
	return 0;
}

int
store_head(struct store *s, char commit[STORE_OID_HEX], struct rl_error *err)
{
	git_oid id;

	if (git_repository_head_unborn(s->repo) == 1)
		return 1;
	if (head_oid(s, &id, err) < 0)
		return -1;
	git_oid_tostr(commit, STORE_OID_HEX, &id);
	return 0;
}

/*
 * What one tree says of one name on a walked path, kept between commits:
 * neighbouring commits share most of their trees, so a walk reads a tree
 * only when its id differs from the one looked in before, as git log --
 * PATH does. Keyed by the tree's id, an answer never goes stale.
 */
struct path_step {
	const char *name;
	size_t len;
	int known;		/* tree below was looked in */
	git_oid tree;
	int found, is_tree;	/* the name is in it, as a folder */
	git_oid id;		/* its entry's */
};

struct store_iter {
	struct store *s;
	char *path;
	git_odb *odb;
	struct path_step *steps;	/* one per component of path */
	size_t nsteps;
	git_oid next;		/* the commit to look at next, when more */
	git_commit *next_commit;	/* it, when already read */
	int more;
	/* the entry of path in the next commit, found while looking at its child */
	int have_cache, cached_present;
	git_oid cached_entry;
	/* once the versions found are handed over, the walk ends: 1 (the
	 * first commit), 3 (a shallow clone's boundary) or -1 (a commit or
	 * tree that cannot be read), with end_msg saying why for 3 and -1 */
	int end;
	struct rl_error end_msg;
};

/* path's entry in a raw tree: 1 found, 0 not, -1 the tree is malformed */
static int
raw_tree_find(const unsigned char *p, size_t n, const char *name, size_t len, git_oid *id, int *is_tree)
{
	const unsigned char *end = p + n;

	while (p < end) {
		const unsigned char *sp = memchr(p, ' ', (size_t)(end - p)), *nm, *z;

		if (!sp)
			return -1;
		nm = sp + 1;
		z = memchr(nm, '\0', (size_t)(end - nm));
		if (!z || (size_t)(end - z) < 1 + GIT_OID_RAWSZ)
			return -1;
		if ((size_t)(z - nm) == len && memcmp(nm, name, len) == 0) {
			git_oid_fromraw(id, z + 1);
			*is_tree = *p == '4';
			return 1;
		}
		/* entries are sorted: none after this one starts lower */
		if (z > nm && *nm > (unsigned char)name[0])
			return 0;
		p = z + 1 + GIT_OID_RAWSZ;
	}
	return 0;
}

static int
path_steps(struct store_iter *it, struct rl_error *err)
{
	const char *p = it->path;

	if (git_repository_odb(&it->odb, it->s->repo) < 0)
		return rl_fail(err, "cannot open the objects of '%s': %s", it->s->path, git_why(it->s));
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);

		if (len) {
			it->steps = xrealloc(it->steps, (it->nsteps + 1) * sizeof(*it->steps));
			memset(&it->steps[it->nsteps], 0, sizeof(*it->steps));
			it->steps[it->nsteps].name = p;
			it->steps[it->nsteps++].len = len;
		}
		p += len + (slash != NULL);
	}
	return 0;
}

/* The id of the path's entry under the tree root (entry_id, remembering
 * every tree's answer): 0, 1 when absent, -1 when a tree on the way
 * cannot be read (err names it). */
static int
walked_entry(struct store_iter *it, const git_oid *root, git_commit *c, git_oid *id, struct rl_error *err)
{
	git_oid tree;
	size_t k;

	git_oid_cpy(&tree, root);
	for (k = 0; k < it->nsteps; k++) {
		struct path_step *st = &it->steps[k];

		if (!st->known || !git_oid_equal(&st->tree, &tree)) {
			git_odb_object *o = NULL;
			int r = -1;
			char where[32];

			git_error_clear();
			if (git_odb_read(&o, it->odb, &tree) == 0 && git_odb_object_type(o) == GIT_OBJECT_TREE)
				r = raw_tree_find(git_odb_object_data(o), git_odb_object_size(o), st->name, st->len,
						  &st->id, &st->is_tree);
			git_odb_object_free(o);
			if (r < 0) {
				snprintf(where, sizeof(where), " of commit %.7s", git_oid_tostr_s(git_commit_id(c)));
				if (!git_error_last())
					git_error_set_str(GIT_ERROR_ODB, "not a well-formed tree");
				fail_object(it->s, err, "tree", &tree, where);
				st->known = 0;
				return -1;
			}
			git_oid_cpy(&st->tree, &tree);
			st->found = r;
			st->known = 1;
		}
		if (!st->found || (k + 1 < it->nsteps && !st->is_tree))
			return 1;
		git_oid_cpy(&tree, &st->id);
	}
	if (!it->nsteps)
		return 1;
	git_oid_cpy(id, &it->steps[it->nsteps - 1].id);
	return 0;
}

int
store_iter_open(struct store *s, const char *path, const char *rev, struct store_iter **out,
		struct rl_error *err)
{
	struct store_iter *it = xcalloc(1, sizeof(*it));
	int rc;

	it->s = s;
	it->path = xstrdup(path);
	it->end = 1;
	if (path_steps(it, err) < 0) {
		store_iter_free(it);
		return -1;
	}
	if (!rev)
		rc = head_oid(s, &it->next, err);
	else if ((rc = revparse_oid(s, rev, &it->next, err)) == -1)
		rl_fail(err, "unknown revision '%s' in '%s'", rev, s->path);
	if (rc < 0) {
		store_iter_free(it);
		return -1;
	}
	it->more = 1;
	*out = it;
	return 0;
}

void
store_iter_free(struct store_iter *it)
{
	if (!it)
		return;
	git_commit_free(it->next_commit);
	git_odb_free(it->odb);
	free(it->steps);
	free(it->path);
	free(it);
}

/*
 * Look at commit c, the walk's next: 1 when it holds a version of the path
 * (its entry differs from its first parent's; *entry is the blob id), 0 when
 * not, -1 when c's own tree cannot be read. Moves the walk to the parent,
 * or ends it: at the first commit, at a shallow clone's boundary (when the
 * file is there: earlier versions may exist, unfetched), or at a parent that
 * cannot be read; c is then taken for a version if it holds the file, as
 * the oldest that can be read.
 */
static int
iter_examine(struct store_iter *it, git_commit *c, git_oid *entry, struct rl_error *err)
{
	struct store *s = it->s;
	git_commit *p = NULL;
	git_oid par;
	int present, parent_present = 0, r;

	if (it->have_cache) {
		present = it->cached_present;
		git_oid_cpy(entry, &it->cached_entry);
	} else if ((r = walked_entry(it, git_commit_tree_id(c), c, entry, err)) < 0) {
		it->more = 0;
		return -1;
	} else {
		present = r == 0;
	}
	it->have_cache = 0;
	it->more = 0;
	if (is_shallow_boundary(s, git_commit_id(c))) {
		if (present) {
			const git_signature *a = git_commit_author(c);
			char date[11];

			/* the date a version is listed with: its author's */
			store_format_date(a ? (long long)a->when.time : (long long)git_commit_time(c),
					  a ? a->when.offset : git_commit_time_offset(c), date);
			it->end = 3;
			rl_fail(&it->end_msg, "'%s' is a shallow clone: the history of %s in it ends at %.7s (%s); "
				"git fetch --unshallow gets the rest", s->path, it->path, git_oid_tostr_s(git_commit_id(c)),
				date);
		}
		return present;
	}
	if (git_commit_parentcount(c) == 0)
		return present;
	if (git_commit_parent(&p, c, 0) < 0) {
		it->end = -1;
		fail_object(s, &it->end_msg, "commit", git_commit_parent_id(c, 0), NULL);
		return present;
	}
	r = walked_entry(it, git_commit_tree_id(p), p, &par, &it->end_msg);
	if (r < 0) {
		it->end = -1;
		git_commit_free(p);
		return present;
	}
	parent_present = r == 0;
	git_oid_cpy(&it->next, git_commit_id(p));
	git_oid_cpy(&it->cached_entry, &par);
	it->cached_present = parent_present;
	it->have_cache = 1;
	it->more = 1;
	/* read once: it is the commit looked at next */
	it->next_commit = p;
	return present && (!parent_present || !git_oid_equal(entry, &par));
}

static int
store_iter_next(struct store_iter *it, struct store_version *v, struct rl_error *err)
{
	return store_iter_step(it, v, (size_t)-1, err);
}

int
store_iter_step(struct store_iter *it, struct store_version *v, size_t max_commits, struct rl_error *err)
{
	git_oid entry;
	size_t seen = 0;

	while (it->more && seen++ < max_commits) {
		git_commit *c = it->next_commit;
		int is_version;

		it->next_commit = NULL;
		if (!c && git_commit_lookup(&c, it->s->repo, &it->next) < 0) {
			it->more = 0;
			return fail_object(it->s, err, "commit", &it->next, NULL);
		}
		is_version = iter_examine(it, c, &entry, err);
		if (is_version > 0)
			fill_version(v, c, &entry);
		git_commit_free(c);
		if (is_version < 0)
			return -1;
		if (is_version > 0)
			return 0;
	}
	if (it->more)
		return 2;
	if (it->end != 1 && err)
		*err = it->end_msg;
	return it->end;
}

void
store_version_release(struct store_version *v)
{
	version_release(v);
}

int
store_walk_versions(struct store *s, const char *path, const char *rev, store_version_cb cb,
		    void *payload, struct rl_error *err)
{
	struct store_iter *it;
	struct store_version v;
	int rc, r;

	if (store_iter_open(s, path, rev, &it, err) < 0)
		return -1;
	while ((rc = store_iter_next(it, &v, err)) == 0) {
		r = cb(&v, payload);
		version_release(&v);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r > 0) {
			rc = 0;
			break;
		}
	}
	store_iter_free(it);
	return rc < 0 ? -1 : rc == 3 ? 1 : 0;
}

struct collect {
	struct store_version *v;
	size_t n, cap;
};

static int
collect_cb(const struct store_version *v, void *payload)
{
	struct collect *c = payload;

	GROW(c->v, c->cap, c->n + 1);
	c->v[c->n] = *v;
	c->v[c->n].subject = xstrdup(v->subject);
	c->v[c->n].author = xstrdup(v->author);
	c->n++;
	return 0;
}

int
store_versions(struct store *s, const char *path, const char *rev, struct store_version **out,
	       size_t *n, struct rl_error *err)
{
	struct collect c = { NULL, 0, 0 };
	int rc = store_walk_versions(s, path, rev, collect_cb, &c, err);

	if (rc < 0) {
		store_versions_free(c.v, c.n);
		return -1;
	}
	*out = c.v;
	*n = c.n;
	return rc;
}

void
store_versions_free(struct store_version *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		version_release(&v[i]);
	free(v);
}

struct previous {
	size_t seen;
	char *out;
};

static int
previous_cb(const struct store_version *v, void *payload)
{
	struct previous *p = payload;

	if (++p->seen < 2)
		return 0;
	memcpy(p->out, v->commit, STORE_OID_HEX);
	return 1;
}

int
store_previous(struct store *s, const char *path, const char *commit, char prev[STORE_OID_HEX],
	       struct rl_error *err)
{
	struct previous p = { 0, prev };
	int rc = store_walk_versions(s, path, commit, previous_cb, &p, err);

	if (rc < 0)
		return -1;
	if (p.seen < 2 && rc == 1)
		/* a shallow clone: the version before may exist, unfetched */
		return rl_fail(err, "'%s' has no version before %.7s in '%s', a shallow clone; git fetch --unshallow gets "
			       "the rest", path, commit, s->path);
	return p.seen >= 2 ? 0 : 1;
}

static int
first_cb(const struct store_version *v, void *payload)
{
	memcpy(payload, v->commit, STORE_OID_HEX);
	return 1;
}

int
store_latest(struct store *s, const char *path, char commit[STORE_OID_HEX], struct rl_error *err)
{
	commit[0] = '\0';
	if (store_walk_versions(s, path, NULL, first_cb, commit, err) < 0)
		return -1;
	return commit[0] ? 0 : 1;
}

/*
 * Series
 */

struct series_walk {
	struct store *s;
	struct store_series *v;
	size_t n, cap;
	int damaged;		/* a file could not be read: err names the first */
	struct rl_error err;
};

/* 1 when the blob is text that parses, into r (a resolution when
 * r->is_resolution); 0 when not; -1 when it cannot be read. */
static int
read_as_resolution(struct store *s, const git_oid *id, const char *name, struct resolution *r)
{
	struct rl_error err;
	git_blob *blob = NULL;
	size_t n;
	int yes;

	if ((yes = blob_lookup_capped(s, id, &blob, &n)) != 0)
		return yes < 0 ? -1 : 0;	/* too large: not a resolution */
	n = (size_t)git_blob_rawsize(blob);
	yes = n > 0 && n < INPUT_MAX_BYTES && !memchr(git_blob_rawcontent(blob), '\0', n) &&
	      parse_resolution(git_blob_rawcontent(blob), n, name, r, &err) == 0;
	git_blob_free(blob);
	return yes;
}

static void
add_series(struct series_walk *w, struct sbuf *path, const char *symbol, const char *adopted, const char *title)
{
	struct store_series *sr;

	GROW(w->v, w->cap, w->n + 1);
	sr = &w->v[w->n++];
	sr->path = sbuf_detach(path);
	sr->symbol = symbol ? xstrdup(symbol) : NULL;
	sr->date = adopted ? xstrdup(adopted) : NULL;
	sr->title = title ? xstrdup(title) : NULL;
}

void
store_set_reading_cache(struct store *s, store_reading_get get, store_reading_put put, void *ctx)
{
	s->reading_get = get;
	s->reading_put = put;
	s->reading_ctx = ctx;
}

static void
series_file(struct series_walk *w, const char *root, const git_tree_entry *e)
{
	struct resolution r;
	struct store_reading known;
	struct sbuf path = SBUF_INIT;
	char hex[STORE_OID_HEX];
	int yes;

	/* a file: a symbolic link (its blob a path), a submodule is no series */
	if (git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB && git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB_EXECUTABLE)
		return;
	sbuf_adds(&path, root);
	sbuf_adds(&path, git_tree_entry_name(e));
	git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
	/* what the cache knows, unless its loose file changed since (cut short?):
	 * read again, to say so */
	if (w->s->reading_get && w->s->reading_get(w->s->reading_ctx, hex, path.buf, &known) == 0 &&
	    (!loose_changed(w->s, hex, known.loose_size) || loose_readable(w->s, git_tree_entry_id(e)))) {
		if (known.is_resolution)
			add_series(w, &path, known.symbol, known.adopted, known.title);
		sbuf_release(&path);
		return;
	}
	resolution_init(&r);
	yes = read_as_resolution(w->s, git_tree_entry_id(e), git_tree_entry_name(e), &r);
	if (yes >= 0 && w->s->reading_put)
		w->s->reading_put(w->s->reading_ctx, hex, path.buf, yes > 0 ? &r : NULL, loose_size(w->s, hex));
	if (yes < 0 && !w->damaged++) {
		/* listed without it; said after the others */
		struct sbuf where = SBUF_INIT;

		sbuf_printf(&where, " ('%s' at HEAD)", path.buf);
		fail_object(w->s, &w->err, "blob", git_tree_entry_id(e), where.buf);
		sbuf_release(&where);
	}
	if (yes > 0 && r.is_resolution)
		add_series(w, &path, r.meta.symbol, r.meta.adopted, r.meta.title);
	sbuf_release(&path);
	resolution_release(&r);
}

/* Every file under tree, whose path is root (empty or ending in '/'), depth
 * folders down: 0, or -1 when a folder cannot be read (w->err names it).
 * A folder deeper than STORE_TREE_DEPTH_MAX is passed over as damaged (a
 * hostile repository could otherwise nest enough to overflow the stack). */
static int
series_tree(struct series_walk *w, git_tree *tree, struct sbuf *root, int depth)
{
	size_t i, n = git_tree_entrycount(tree), keep = root->len;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		git_tree *sub = NULL;

		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			series_file(w, root->buf, e);
			continue;
		}
		sbuf_adds(root, git_tree_entry_name(e));
		sbuf_addch(root, '/');
		if (depth + 1 > STORE_TREE_DEPTH_MAX) {
			if (!w->damaged++)
				fail_too_deep(&w->err, root->buf, "at HEAD");
		} else if (git_tree_lookup(&sub, w->s->repo, git_tree_entry_id(e)) < 0) {
			struct sbuf where = SBUF_INIT;

			sbuf_printf(&where, " ('%s' at HEAD)", root->buf);
			rc = fail_object(w->s, &w->err, "tree", git_tree_entry_id(e), where.buf);
			sbuf_release(&where);
		} else {
			rc = series_tree(w, sub, root, depth + 1);
		}
		git_tree_free(sub);
		root->len = keep;
		root->buf[keep] = '\0';
	}
	return rc;
}

static int
cmp_series(const void *a, const void *b)
{
	return strcmp(((const struct store_series *)a)->path, ((const struct store_series *)b)->path);
}

int
store_list_series(struct store *s, struct store_series **out, size_t *n, struct rl_error *err)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid id;
	struct series_walk w;
	struct sbuf root = SBUF_INIT;
	int rc = -1;

	*out = NULL;
	*n = 0;
	memset(&w, 0, sizeof(w));
	w.s = s;
	if (head_oid(s, &id, err) < 0)
		goto out;
	if (git_commit_lookup(&head, s->repo, &id) < 0) {
		fail_object(s, err, "commit", &id, " (HEAD)");
		goto out;
	}
	if (git_commit_tree(&tree, head) < 0) {
		fail_object(s, err, "tree", git_commit_tree_id(head), " of HEAD");
		goto out;
	}
	sbuf_adds(&root, "");
	if (series_tree(&w, tree, &root, 0) < 0) {
		if (err)
			*err = w.err;
		store_series_free(w.v, w.n);
		goto out;
	}
	if (w.n)
		qsort(w.v, w.n, sizeof(*w.v), cmp_series);
	*out = w.v;
	*n = w.n;
	rc = 0;
	if (w.damaged) {
		if (err)
			*err = w.err;
		rc = 1;
	}
out:
	sbuf_release(&root);
	git_tree_free(tree);
	git_commit_free(head);
	return rc;
}

void
store_series_free(struct store_series *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].symbol);
		free(v[i].date);
		free(v[i].title);
	}
	free(v);
}

/* Enough names to recognise, never a wall of them: "'a', 'b' and 3 more". */
#define NAMES_SHOWN 5

void
store_name_list(struct sbuf *out, const char *const *names, size_t n, int quote)
{
	size_t i;

	for (i = 0; i < n && i < NAMES_SHOWN; i++)
		sbuf_printf(out, quote ? "%s'%s'" : "%s%s", i ? ", " : "", names[i]);
	if (n > NAMES_SHOWN)
		sbuf_printf(out, " and %zu more", n - NAMES_SHOWN);
}

void
store_series_names(struct sbuf *out, const struct store_series *v, size_t n)
{
	const char **names = xcalloc(n + 1, sizeof(*names));
	size_t i;

	for (i = 0; i < n; i++)
		names[i] = v[i].path;
	store_name_list(out, names, n, 1);
	free(names);
}

int
store_default_series(struct store *s, char **path, struct rl_error *err)
{
	struct store_series *v;
	size_t n;
	struct sbuf names = SBUF_INIT;
	int rc = store_list_series(s, &v, &n, err);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		/* a file that cannot be read may be a series: which is the only one is unknown */
		store_series_free(v, n);
		return -1;
	}
	if (n == 1) {
		*path = xstrdup(v[0].path);
		store_series_free(v, n);
		return 0;
	}
	store_series_names(&names, v, n);
	if (n == 0)
		rl_fail(err, "no resolution in repository '%s'", s->path);
	else
		rl_fail(err, "repository '%s' holds %zu series (%s); name one with -- PATH or REV:PATH",
			s->path, n, names.buf);
	sbuf_release(&names);
	store_series_free(v, n);
	return -1;
}

/*
 * Resolving a user's name for a version
 */

/* As revparse_oid, the commit in hex. */
static int
revparse_commit(struct store *s, const char *rev, char out[STORE_OID_HEX], struct rl_error *err)
{
	git_oid id;
	int rc = revparse_oid(s, rev, &id, err);

	if (rc == 0)
		git_oid_tostr(out, STORE_OID_HEX, &id);
	return rc;
}

/*
 * The series a commit is a version of: the files it changed against its
 * first parent that read as resolutions there. One is the answer; none
 * (a commit that changed something else) leaves the only series of the
 * repository; several are truly ambiguous, and said so.
 */
static int
series_of_commit(struct store *s, const char *hex, const char *spec, char **path, struct rl_error *err)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	const char **names = NULL;
	size_t i, n = 0, nd;
	int rc = -1;

	*path = NULL;
	if (lookup_commit(s, hex, &c, err) < 0)
		return -1;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	if (git_commit_tree(&tree, c) < 0) {
		char where[32];

		snprintf(where, sizeof(where), " of commit %.7s", hex);
		fail_object(s, err, "tree", git_commit_tree_id(c), where);
		goto out;
	}
	if (git_commit_parentcount(c) > 0 && !is_shallow_boundary(s, git_commit_id(c)) &&
	    (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0)) {
		/* what it changed cannot be told: the only series, if there is one
		 * (a walk to the version before says what cannot be read) */
		rc = store_default_series(s, path, err);
		goto out;
	}
	if (git_diff_tree_to_tree(&diff, s->repo, ptree, tree, &opts) < 0) {
		rl_fail(err, "cannot compare commit %.12s with its parent in '%s': %s; check the repository with git fsck",
			hex, s->path, git_why(s));
		goto out;
	}
	nd = git_diff_num_deltas(diff);
	names = xcalloc(nd + 1, sizeof(*names));
	for (i = 0; i < nd; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		struct resolution r;
		int yes;

		if ((d->status != GIT_DELTA_ADDED && d->status != GIT_DELTA_MODIFIED) ||
		    (d->new_file.mode != GIT_FILEMODE_BLOB && d->new_file.mode != GIT_FILEMODE_BLOB_EXECUTABLE))
			continue;
		resolution_init(&r);
		yes = read_as_resolution(s, &d->new_file.id, d->new_file.path, &r);
		if (yes > 0 && !r.is_resolution)
			yes = 0;
		resolution_release(&r);
		if (yes < 0) {
			struct sbuf where = SBUF_INIT;

			sbuf_printf(&where, " ('%s' in commit %.7s)", d->new_file.path, hex);
			fail_object(s, err, "blob", &d->new_file.id, where.buf);
			sbuf_release(&where);
			goto out;
		}
		if (yes)
			names[n++] = d->new_file.path;
	}
	if (n == 1) {
		*path = xstrdup(names[0]);
		rc = 0;
	} else if (n == 0) {
		rc = store_default_series(s, path, err);
	} else {
		struct sbuf list = SBUF_INIT;

		store_name_list(&list, names, n, 1);
		rl_fail(err, "commit %.7s ('%s') changed %zu series (%s); name one with -- PATH or REV:PATH", hex,
			spec, n, list.buf);
		sbuf_release(&list);
	}
out:
	free(names);
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

int
store_series_of(struct store *s, const char *rev, char **path, struct rl_error *err)
{
	char commit[STORE_OID_HEX];
	git_oid id;
	int rc;

	*path = NULL;
	if (strcmp(rev, "HEAD") == 0) {
		if (head_oid(s, &id, err) < 0)
			return -1;
		git_oid_tostr(commit, sizeof(commit), &id);
	} else if ((rc = revparse_commit(s, rev, commit, err)) < 0) {
		return rc == -1 ? rl_fail(err, "unknown revision '%s' in '%s'", rev, s->path) : -1;
	}
	return series_of_commit(s, commit, rev, path, err);
}

/*
 * The commit a symbol's tag names: the tag of its git name (A_RES_79_53),
 * or, in a repository made before that scheme, the tag named as the symbol
 * itself (A/RES/79/53), still read so that such repositories keep working.
 * 0; -1 when there is no such tag; -2 when the tag's commit cannot be read
 * (err says which).
 */
static int
symbol_tag_commit(struct store *s, const char *sym, char commit[STORE_OID_HEX], struct rl_error *err)
{
	struct sbuf tag = SBUF_INIT;
	char *name = symbol_git_name(sym);
	int rc = -1;

	if (name) {
		sbuf_printf(&tag, "refs/tags/%s", name);
		rc = revparse_commit(s, tag.buf, commit, err);
	}
	if (rc == -1) {
		sbuf_reset(&tag);
		sbuf_printf(&tag, "refs/tags/%s", sym);
		if (git_reference_is_valid_name(tag.buf))
			rc = revparse_commit(s, tag.buf, commit, err);
	}
	if (rc == -2)
		rl_fail(err, "cannot read the version of %s (tag %s) in '%s': %s; check the repository with git fsck", sym,
			tag.buf + strlen("refs/tags/"), s->path, git_why(s));
	sbuf_release(&tag);
	free(name);
	return rc;
}

struct symbol_search {
	struct store *s;
	const char *path;
	const char *symbol;
	struct sbuf found;	/* the first few short commit ids, for a message */
	size_t nfound;
	char first[STORE_OID_HEX];
	int damaged;		/* a version could not be read: damage says how */
	struct rl_error damage;
};

void
store_set_symbol_finder(struct store *s, store_symbol_finder fn, void *ctx)
{
	s->finder = fn;
	s->finder_ctx = ctx;
}

void
store_hits_free(struct store_hit *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(h[i].path);
	free(h);
}

/* A version the finder found, counted as symbol_cb counts what it reads. */
static void
symbol_hit(struct symbol_search *ss, const char *commit)
{
	if (ss->nfound == 0)
		memcpy(ss->first, commit, STORE_OID_HEX);
	if (ss->nfound++ < NAMES_SHOWN)
		sbuf_printf(&ss->found, "%s%.7s", ss->found.len ? ", " : "", commit);
}

/* The versions of ss->path carrying the symbol, from the finder: 0; 1 when it cannot tell. */
static int
found_by_finder(struct store *s, const char *sym, const char *path, struct symbol_search *ss)
{
	struct store_hit *h;
	size_t n, i;

	if (!s->finder || s->finder(s->finder_ctx, sym, path, &h, &n) != 0)
		return 1;
	for (i = 0; i < n; i++)
		symbol_hit(ss, h[i].commit);
	store_hits_free(h, n);
	return 0;
}

static int
symbol_cb(const struct store_version *v, void *payload)
{
	struct symbol_search *ss = payload;
	struct resolution r;
	struct rl_error err;
	char *buf;
	size_t len;
	int rc;

	if ((rc = read_text(ss->s, v->commit, ss->path, &buf, &len, &err)) < 0) {
		/* passed over: said if the symbol is found nowhere else */
		if (rc == -2 && !ss->damaged++)
			ss->damage = err;
		return 0;
	}
	resolution_init(&r);
	if (parse_resolution(buf, len, ss->path, &r, &err) == 0 && r.meta.symbol &&
	    strcmp(r.meta.symbol, ss->symbol) == 0)
		symbol_hit(ss, v->commit);
	resolution_release(&r);
	free(buf);
	return 0;
}

/* The one version of a series that carries the symbol, or an ambiguity. */
static int
symbol_found(const struct symbol_search *ss, char commit[STORE_OID_HEX], struct rl_error *err)
{
	if (ss->nfound == 1) {
		memcpy(commit, ss->first, STORE_OID_HEX);
		return 0;
	}
	if (ss->nfound > NAMES_SHOWN)
		return rl_fail(err, "symbol '%s' is ambiguous in '%s': versions %s and %zu more", ss->symbol, ss->path,
			       ss->found.buf, ss->nfound - NAMES_SHOWN);
	return rl_fail(err, "symbol '%s' is ambiguous in '%s': versions %s", ss->symbol, ss->path, ss->found.buf);
}

static int
resolve_symbol(struct store *s, const char *spec, const char *path, char commit[STORE_OID_HEX],
	       struct rl_error *err)
{
	char *sym = symbol_expand(spec);
	struct symbol_search ss;
	int rc = -1;

	/* tags named after symbols are the convention import follows; a tag is
	 * global, so in a series whose file its commit does not hold (the same
	 * draft imported into a second series) the versions' metadata decide */
	memset(&ss, 0, sizeof(ss));
	if ((rc = symbol_tag_commit(s, sym, commit, err)) != -1) {
		git_commit *c = NULL;
		git_oid id;

		if (rc < 0 || !path || lookup_commit(s, commit, &c, NULL) < 0)
			goto out;
		rc = entry_id(s, c, path, &id, NULL, NULL) == 1 ? -1 : 0;
		git_commit_free(c);
		if (rc == 0)
			goto out;
	}
	ss.s = s;
	ss.path = path;
	ss.symbol = sym;
	if (found_by_finder(s, sym, path, &ss) != 0 && store_walk_versions(s, path, NULL, symbol_cb, &ss, err) < 0)
		goto out;
	if (ss.nfound)
		rc = symbol_found(&ss, commit, err);
	else if (ss.damaged && err)
		*err = ss.damage;
	else
		rl_fail(err, "unknown revision or symbol '%s' in '%s'", spec, s->path);
out:
	sbuf_release(&ss.found);
	free(sym);
	return rc < 0 ? -1 : 0;
}

/* A symbol carried by versions of several series: which, and how to choose. */
static void
fail_several_series(struct rl_error *err, const char *sym, const char **paths, size_t n)
{
	struct sbuf list = SBUF_INIT;

	store_name_list(&list, paths, n, 1);
	rl_fail(err, "symbol '%s' names versions of %zu series (%s); name one with -- PATH or REV:PATH", sym, n,
		list.buf);
	sbuf_release(&list);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * resolve_symbol_anywhere from what a finder found: the series still at
 * HEAD whose versions carry the symbol, in the words of the walk below.
 */
static int
symbol_from_hits(struct store *s, const char *sym, const char *spec, const struct store_hit *h, size_t n,
		 char commit[STORE_OID_HEX], char **path, struct rl_error *err)
{
	const char **paths = xcalloc(n + 1, sizeof(*paths));
	git_commit *head = NULL;
	git_oid id;
	size_t np = 0, i, j;
	int rc = -1;

	if (n && (head_oid(s, &id, err) < 0 || git_commit_lookup(&head, s->repo, &id) < 0))
		goto out;
	for (i = 0; i < n; i++) {
		git_oid entry;

		for (j = 0; j < np && strcmp(paths[j], h[i].path) != 0; j++)
			;
		if (j == np && entry_id(s, head, h[i].path, &entry, NULL, NULL) == 0)
			paths[np++] = h[i].path;
	}
	qsort(paths, np, sizeof(*paths), cmp_str);
	if (np == 1) {
		struct symbol_search ss;

		memset(&ss, 0, sizeof(ss));
		ss.symbol = sym;
		ss.path = paths[0];
		for (i = 0; i < n; i++)
			if (strcmp(h[i].path, paths[0]) == 0)
				symbol_hit(&ss, h[i].commit);
		rc = symbol_found(&ss, commit, err);
		if (rc == 0)
			*path = xstrdup(paths[0]);
		sbuf_release(&ss.found);
	} else if (np > 1) {
		fail_several_series(err, sym, paths, np);
	} else {
		rl_fail(err, "unknown revision or symbol '%s' in '%s'", spec, s->path);
	}
out:
	git_commit_free(head);
	free(paths);
	return rc;
}

/*
 * A symbol without a series: its tag, then the metadata of every version of
 * every series. Versions of one series carry it: that series (the symbol
 * still has to name one version of it); of several: ambiguous, said so.
 */
static int
resolve_symbol_anywhere(struct store *s, const char *spec, char commit[STORE_OID_HEX], char **path,
			struct rl_error *err)
{
	char *sym = symbol_expand(spec);
	struct store_series *v = NULL;
	struct symbol_search hit;
	struct rl_error damage, walk_err;	/* damage: the first object that could not be read */
	const char **hits = NULL;
	struct store_hit *fh = NULL;
	size_t n = 0, i, nhits = 0, nfh = 0;
	int rc, damaged;

	*path = NULL;
	memset(&hit, 0, sizeof(hit));
	if ((rc = symbol_tag_commit(s, sym, commit, err)) != -1) {
		if (rc == 0)
			rc = series_of_commit(s, commit, spec, path, err);
		goto out;
	}
	rc = -1;
	if (s->finder && s->finder(s->finder_ctx, sym, NULL, &fh, &nfh) == 0) {
		rc = symbol_from_hits(s, sym, spec, fh, nfh, commit, path, err);
		goto out;
	}
	if ((damaged = store_list_series(s, &v, &n, &damage)) < 0) {
		if (err)
			*err = damage;
		goto out;
	}
	hits = xcalloc(n + 1, sizeof(*hits));
	for (i = 0; i < n; i++) {
		struct symbol_search ss;

		memset(&ss, 0, sizeof(ss));
		ss.s = s;
		ss.path = v[i].path;
		ss.symbol = sym;
		if (store_walk_versions(s, v[i].path, NULL, symbol_cb, &ss, &walk_err) < 0 && !damaged++)
			damage = walk_err;
		if (ss.damaged && !damaged++)
			damage = ss.damage;
		if (ss.nfound) {
			hits[nhits++] = v[i].path;
			if (nhits == 1) {
				hit = ss;	/* keeps its list of versions */
				continue;
			}
		}
		sbuf_release(&ss.found);
	}
	if (nhits == 1) {
		rc = symbol_found(&hit, commit, err);
		if (rc == 0)
			*path = xstrdup(hits[0]);
	} else if (nhits > 1) {
		fail_several_series(err, sym, hits, nhits);
	} else if (damaged) {
		/* not found where it could be read: what could not be is the likelier answer */
		if (err)
			*err = damage;
	} else if (n == 0) {
		rl_fail(err, "no resolution in repository '%s'", s->path);
	} else {
		rl_fail(err, "unknown revision or symbol '%s' in '%s'", spec, s->path);
	}
out:
	store_hits_free(fh, nfh);
	sbuf_release(&hit.found);
	free(hits);
	store_series_free(v, n);
	free(sym);
	return rc < 0 ? -1 : 0;
}

int
store_resolve(struct store *s, const char *spec, const char *default_path, char commit[STORE_OID_HEX],
	      char **path, struct rl_error *err)
{
	const char *colon = strchr(spec, ':');
	char *p = NULL;
	int rc;

	*path = NULL;
	if (colon && colon != spec && colon[1]) {
		char *rev = xstrndup(spec, (size_t)(colon - spec));

		if (err)
			err->msg[0] = '\0';
		rc = revparse_commit(s, rev, commit, err);
		if (rc == -1)
			rc = resolve_symbol(s, rev, colon + 1, commit, err);
		free(rev);
		if (rc < 0) {
			if (!err || !err->msg[0])
				rl_fail(err, "unknown revision '%.*s' in '%s'", (int)(colon - spec), spec, s->path);
			return -1;
		}
		*path = xstrdup(colon + 1);
		return 0;
	}
	rc = revparse_commit(s, spec, commit, err);
	if (rc == -2)
		return -1;	/* a name that resolves, to a commit that cannot be read */
	if (!default_path) {
		/* no series named: the version tells which */
		if (rc == 0)
			return series_of_commit(s, commit, spec, path, err);
		return resolve_symbol_anywhere(s, spec, commit, path, err);
	}
	p = xstrdup(default_path);
	if (rc < 0 && resolve_symbol(s, spec, p, commit, err) < 0) {
		free(p);
		return -1;
	}
	*path = p;
	return 0;
}

/*
 * Import
 */

/*
 * The commands and the interface refuse what writes in restricted mode
 * (their tables, restrict.h); each writer of this file checks once more,
 * so that no path they missed can write an object or a ref.
 */
static int
writes_refused(struct rl_error *err)
{
	return restricted() ? rl_fail(err, "restricted: nothing is written to the repository") : 0;
}

static int
who_signature(struct store *s, const struct store_who *who, git_signature **sig)
{
	git_signature *def = NULL;
	const char *name = "redline", *email = "redline@localhost";
	int rc;

	if (who->name && who->email) {
		name = who->name;
		email = who->email;
	} else if (git_signature_default(&def, s->repo) == 0) {
		name = def->name;
		email = def->email;
	}
	rc = who->time ? git_signature_new(sig, name, email, (git_time_t)who->time, who->tz_minutes)
		       : git_signature_now(sig, name, email);
	git_signature_free(def);
	return rc;
}

/* an import's author: its own, else the git identity, with the version's date */
static int
make_signature(struct store *s, const struct store_import *im, git_signature **sig)
{
	struct store_who who;

	memset(&who, 0, sizeof(who));
	who.name = im->author_name;
	who.email = im->author_email;
	who.time = im->time;
	who.tz_minutes = im->tz_minutes;
	return who_signature(s, &who, sig);
}

/* The branch HEAD points to, and its tip (zero when the branch is unborn). */
static int
head_branch(struct store *s, char **branch, git_oid *tip, int *unborn, struct rl_error *err)
{
	git_reference *head = NULL, *resolved = NULL;
	int rc;

	*unborn = 0;
	if (git_reference_lookup(&head, s->repo, "HEAD") < 0)
		return rl_fail(err, "repository '%s' has no HEAD", s->path);
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		git_reference_free(head);
		return rl_fail(err, "HEAD of '%s' is detached; check out a branch to import", s->path);
	}
	*branch = xstrdup(git_reference_symbolic_target(head));
	git_reference_free(head);
	rc = git_reference_lookup(&resolved, s->repo, *branch);
	if (rc == GIT_ENOTFOUND) {
		*unborn = 1;
		memset(tip, 0, sizeof(*tip));
		return 0;
	}
	if (rc < 0) {
		FREE(*branch);
		return rl_fail(err, "cannot read branch of '%s': %s", s->path, git_why(s));
	}
	git_oid_cpy(tip, git_reference_target(resolved));
	git_reference_free(resolved);
	return 0;
}

/* A commit holding the new text on top of parent (NULL: the first commit). */
#define SERIES_PATH_MAX 1024
#define SERIES_NAME_MAX 255

/*
 * A series path import may write: relative, '/'-separated, no empty, "."
 * or ".." component, no control character or backslash, no component that
 * git treats specially (.git, .gitmodules, .gitattributes, ...), within
 * the lengths file systems hold. Returns 0, or -1 with err saying which.
 */
static int
check_series_path(const char *path, struct rl_error *err)
{
	const char *p = path, *c;
	size_t len = strlen(path), n;

	if (len == 0)
		return rl_fail(err, "the series path is empty");
	if (len > SERIES_PATH_MAX)
		return rl_fail(err, "the series path is %zu bytes long; at most %d are allowed", len, SERIES_PATH_MAX);
	if (path[0] == '/')
		return rl_fail(err, "series path '%s' is absolute; name it inside the repository (ied.txt)", path);
	for (c = path; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
			return rl_fail(err, "series path '%s' holds a control character or a backslash", path);
	while (*p) {
		c = strchr(p, '/');
		n = c ? (size_t)(c - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return rl_fail(err, "series path '%s' has an empty, '.' or '..' part", path);
		if (n > SERIES_NAME_MAX)
			return rl_fail(err, "series path '%s' has a part longer than %d bytes", path, SERIES_NAME_MAX);
		if (n >= 4 && strncasecmp(p, ".git", 4) == 0)
			return rl_fail(err, "series path '%s' names a file git keeps for itself (%.*s)", path, (int)n, p);
		if (!c)
			break;
		p = c + 1;
	}
	if (path[len - 1] == '/')
		return rl_fail(err, "series path '%s' ends with '/'; name a file", path);
	return 0;
}

/*
 * The series path against the tree it goes into: a folder of that name
 * (replacing it would drop every series in it), or a file where the path
 * needs a folder (ied.txt for ied.txt/annex.txt: it would be dropped), is
 * refused rather than silently deleted.
 */
static int
check_path_in_tree(struct store *s, git_tree *tree, const char *path, struct rl_error *err)
{
	git_tree_entry *e = NULL;
	char *prefix = xstrdup(path), *slash;
	int rc = 0;

	if (git_tree_entry_bypath(&e, tree, path) == 0 && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		rc = rl_fail(err, "'%s' is a folder of the repository '%s', not a series file; name a file in it", path,
			     s->path);
	git_tree_entry_free(e);
	for (slash = strchr(prefix, '/'); rc == 0 && slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		e = NULL;
		if (git_tree_entry_bypath(&e, tree, prefix) == 0 && git_tree_entry_type(e) != GIT_OBJECT_TREE)
			rc = rl_fail(err, "'%s' is a file in '%s', so '%s' cannot be under it", prefix, s->path, path);
		git_tree_entry_free(e);
		*slash = '/';
	}
	free(prefix);
	return rc;
}

/*
 * The tree with the blob put at path (its folders made where missing): the
 * new tree's id in out. Only the folders on the path are read and written,
 * so a commit costs what its path does, not the repository's size, and a
 * tree nested anywhere else is never walked. check_path_in_tree has
 * refused a file where a folder is needed and the path is at most
 * SERIES_PATH_MAX long, so this recursion is shallow.
 */
static int
tree_with_blob(struct store *s, git_tree *tree, const char *path, const git_oid *blob, git_oid *out)
{
	const char *slash = strchr(path, '/');
	git_treebuilder *b = NULL;
	git_tree *sub = NULL;
	char *name = NULL;
	git_oid id;
	int rc = -1;

	if (git_treebuilder_new(&b, s->repo, tree) < 0)
		goto out;
	if (!slash) {
		if (git_treebuilder_insert(NULL, b, path, blob, GIT_FILEMODE_BLOB) < 0)
			goto out;
	} else {
		const git_tree_entry *e;

		name = xstrndup(path, (size_t)(slash - path));
		e = tree ? git_tree_entry_byname(tree, name) : NULL;
		if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE && git_tree_lookup(&sub, s->repo, git_tree_entry_id(e)) < 0)
			goto out;
		if (tree_with_blob(s, sub, slash + 1, blob, &id) < 0 ||
		    git_treebuilder_insert(NULL, b, name, &id, GIT_FILEMODE_TREE) < 0)
			goto out;
	}
	rc = git_treebuilder_write(out, b) < 0 ? -1 : 0;
out:
	free(name);
	git_tree_free(sub);
	git_treebuilder_free(b);
	return rc;
}

static int
build_commit(struct store *s, const struct store_import *im, const git_oid *blob, git_commit *parent,
	     git_signature *sig, git_oid *out, struct rl_error *err)
{
	git_tree *ptree = NULL, *tree = NULL;
	git_oid tree_id;
	const git_commit *parents[1];
	int rc = -1;

	if (parent && git_commit_tree(&ptree, parent) < 0)
		goto fail;
	if (ptree && check_path_in_tree(s, ptree, im->path, err) < 0)
		goto out;
	if (tree_with_blob(s, ptree, im->path, blob, &tree_id) < 0 || git_tree_lookup(&tree, s->repo, &tree_id) < 0)
		goto fail;
	parents[0] = parent;
	if (git_commit_create(out, s->repo, NULL, sig, sig, NULL, im->message, tree, parent ? 1 : 0,
			      parents) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	rl_fail(err, "cannot write to '%s': %s", s->path, git_why(s));
out:
	git_tree_free(tree);
	git_tree_free(ptree);
	return rc;
}

/*
 * Move the branch from tip to new; 1 when another writer moved it first,
 * 2 when its lock is held (by a writer now, or left by one that was killed).
 * An unborn branch is created only if it is still absent.
 */
/*
 * Move ref to new_id only if it is still at expect (NULL: only if it does
 * not exist yet), checked under the ref's lock: 0; 1 when it has moved (or
 * exists); 2 when another writer holds its lock; -1 err. (With expect
 * NULL, a zero old id means "must not exist": git_reference_create with
 * force=0 checks before taking the lock, so two first imports could both
 * "create" a branch and the second would drop the first and every version
 * built on it.)
 */
/* "WHAT is locked ('GITDIR/REF.lock' exists); ...": a ref's lock held
 * through every try, most likely left by a killed writer */
static int
fail_ref_locked(struct store *s, struct rl_error *err, const char *what, const char *ref)
{
	return rl_fail(err, "%s is locked ('%s%s.lock' exists); if no git or redline is writing to '%s', remove that file",
		       what, git_repository_commondir(s->repo), ref, s->path);
}

static int
swap_ref(struct store *s, const char *ref, const git_oid *expect, const git_oid *new_id, const char *log,
	 struct rl_error *err)
{
	git_reference *r = NULL;
	git_oid none;
	int rc;

	memset(&none, 0, sizeof(none));
	rc = git_reference_create_matching(&r, s->repo, ref, new_id, 1, expect ? expect : &none, log);
	git_reference_free(r);
	if (rc == GIT_ELOCKED)
		return 2;
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS)
		return 1;
	if (rc < 0)
		return rl_fail(err, "cannot update %s in '%s': %s", ref, s->path, git_why(s));
	return 0;
}

static int
swap_branch(struct store *s, const char *branch, const git_oid *tip, int unborn, const git_oid *new_id,
	    const char *log, struct rl_error *err)
{
	return swap_ref(s, branch, unborn ? NULL : tip, new_id, log, err);
}

/*
 * Tag a new version with its symbol's git name: 1 when created, 0 when a
 * tag of that name exists (someone's version: never moved), -1 when the
 * symbol is not one redline can name, -2 when git failed (err says why).
 */
static int
create_tag(struct store *s, const char *symbol, const git_oid *commit, struct rl_error *err)
{
	git_reference *ref = NULL;
	git_oid none;
	struct sbuf name = SBUF_INIT, what = SBUF_INIT;
	char *git_name = symbol_git_name(symbol);
	int rc;

	if (!git_name)
		return -1;
	sbuf_printf(&name, "refs/tags/%s", git_name);
	free(git_name);
	if (!git_reference_is_valid_name(name.buf)) {
		sbuf_release(&name);
		return -1;
	}
	/* created only if absent, checked under the ref's lock (see swap_branch) */
	memset(&none, 0, sizeof(none));
	rc = git_reference_create_matching(&ref, s->repo, name.buf, commit, 1, &none, "redline import");
	git_reference_free(ref);
	ref = NULL;
	if (rc == 0) {
		rc = 1;
	} else if (rc == GIT_ELOCKED) {
		/* most likely left by a writer killed while it made this tag */
		sbuf_printf(&what, "tag %s", name.buf + strlen("refs/tags/"));
		fail_ref_locked(s, err, what.buf, name.buf);
		sbuf_release(&what);
		rc = -2;
	} else {
		/* why it failed, before the lookup sets an error of its own */
		struct sbuf why = SBUF_INIT;

		sbuf_adds(&why, git_why(s));
		if (git_reference_lookup(&ref, s->repo, name.buf) == 0) {
			rc = 0;
		} else {
			rl_fail(err, "cannot create tag %s in '%s': %s", name.buf + strlen("refs/tags/"), s->path,
				sbuf_str(&why));
			rc = -2;
		}
		sbuf_release(&why);
	}
	git_reference_free(ref);
	sbuf_release(&name);
	return rc;
}

/*
 * The series file brought to its text in commit c, and its index entry
 * with it, so that a writer killed at any moment leaves the file whole:
 * the text goes to a file of the git directory (one name, as imports into
 * a work tree take turns) and is renamed over the series file, then the
 * index is written (whole, through index.lock). libgit2's checkout writes
 * the file in place, and an import killed during that write left it empty
 * or cut short. 1 when it cannot be done so here (the file's folder does
 * not exist yet, another file system, not a plain file): the caller checks
 * out instead; 0 done; -1 err.
 */
static int
write_work_file(struct store *s, git_commit *c, const char *path, struct rl_error *err)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	git_buf text = GIT_BUF_INIT;
	git_blob_filter_options fo;
	git_index *idx = NULL;
	git_filemode_t mode;
	struct sbuf tmp = SBUF_INIT, dst = SBUF_INIT;
	struct stat st;
	mode_t mask, perm;
	size_t off;
	int fd = -1, rc = 1;

	if (git_commit_tree(&tree, c) < 0 || git_tree_entry_bypath(&e, tree, path) < 0)
		goto out;
	mode = git_tree_entry_filemode(e);
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
		goto out;
	sbuf_printf(&dst, "%s%s", git_repository_workdir(s->repo), path);
	if (lstat(dst.buf, &st) == 0 && !S_ISREG(st.st_mode))
		goto out;
	rc = -1;
	memset(&fo, 0, sizeof(fo));
	fo.version = GIT_BLOB_FILTER_OPTIONS_VERSION;
	fo.flags = 0;	/* text or not, as checkout would write it */
	if (git_blob_lookup(&blob, s->repo, git_tree_entry_id(e)) < 0 || git_blob_filter(&text, blob, path, &fo) < 0) {
		rl_fail(err, "cannot read '%s' of commit %.7s in '%s': %s", path, git_oid_tostr_s(git_commit_id(c)),
			s->path, git_why(s));
		goto out;
	}
	sbuf_printf(&tmp, "%sredline-import.tmp", git_repository_path(s->repo));
	mask = umask(0);
	umask(mask);
	perm = (mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0777 : 0666) & ~mask;
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, perm);
	if (fd < 0 || fchmod(fd, perm) < 0)
		goto io_fail;
	for (off = 0; off < text.size;) {
		ssize_t n = write(fd, text.ptr + off, text.size - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto io_fail;
		off += (size_t)n;
	}
	if (close(fd) < 0) {
		fd = -1;
		goto io_fail;
	}
	fd = -1;
	if (rename(tmp.buf, dst.buf) < 0) {
		if (errno != EXDEV && errno != ENOENT && errno != ENOTDIR)
			goto io_fail;
		unlink(tmp.buf);
		rc = 1;
		goto out;
	}
	if (git_repository_index(&idx, s->repo) < 0 || git_index_read(idx, 1) < 0 ||
	    git_index_add_bypath(idx, path) < 0 || git_index_write(idx) < 0) {
		struct sbuf lock = SBUF_INIT;

		/* libgit2 says "the index is locked" without naming the file a
		 * killed git or redline left */
		sbuf_printf(&lock, "%sindex.lock", git_repository_path(s->repo));
		if (access(lock.buf, F_OK) == 0)
			rl_fail(err, "the index of '%s' is locked ('%s' exists); if no git or redline is writing to '%s', "
				"remove that file", s->path, lock.buf, s->path);
		else
			rl_fail(err, "cannot update the index of '%s' for '%s': %s", s->path, path, git_message());
		sbuf_release(&lock);
		goto out;
	}
	rc = 0;
	goto out;
io_fail:
	rl_fail(err, "cannot write '%s': %s", dst.buf, strerror(errno));
	unlink(tmp.buf);
out:
	if (fd >= 0)
		close(fd);
	git_index_free(idx);
	sbuf_release(&tmp);
	sbuf_release(&dst);
	git_buf_dispose(&text);
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

static int finish_interrupted_import(struct store *s, const char *path, struct rl_error *err);

/* The tip HEAD's branch is at, and its tree down to path, readable (or the
 * branch unborn): 0, else -1 naming the object. libgit2's status takes a
 * tip it cannot read (missing, in a lost pack, damaged) for an empty one,
 * and every file for a local change. */
static int
tip_readable(struct store *s, const char *path, struct rl_error *err)
{
	git_commit *head = NULL;
	git_oid tip, id;
	char *branch = NULL;
	int unborn, rc = -1;

	if (head_branch(s, &branch, &tip, &unborn, err) < 0)
		goto out;
	if (unborn) {
		rc = 0;
		goto out;
	}
	if (git_commit_lookup(&head, s->repo, &tip) < 0) {
		fail_object(s, err, "commit", &tip, " (HEAD)");
		goto out;
	}
	rc = entry_id(s, head, path, &id, NULL, err) < 0 ? -1 : 0;
out:
	git_commit_free(head);
	free(branch);
	return rc;
}

/*
 * Before an import into the checked-out branch: the series file must have
 * no local changes (they would be lost, or make a plain git commit revert
 * the import), and no merge or rebase may be under way.
 */
static int
check_work_tree(struct store *s, const char *path, struct rl_error *err)
{
	unsigned int flags = 0;
	int rc;

	if (git_repository_is_bare(s->repo))
		return 0;
	if (git_repository_state(s->repo) != GIT_REPOSITORY_STATE_NONE)
		return rl_fail(err, "a merge, rebase or similar is in progress in '%s'; finish it first, or import "
			       "with --no-checkout", s->path);
	if (tip_readable(s, path, err) < 0)
		return -1;
	rc = git_status_file(&flags, s->repo, path);
	/* absent, or a folder: the tree's checks say what is wrong with it */
	if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS)
		return 0;
	if (rc < 0)
		return rl_fail(err, "cannot read the state of '%s' in '%s': %s", path, s->path, git_why(s));
	if (flags & ~(unsigned int)(GIT_STATUS_CURRENT | GIT_STATUS_IGNORED)) {
		/* no change of anyone's: an import killed half-way, finished now */
		rc = finish_interrupted_import(s, path, err);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
		return rl_fail(err, "'%s' has local changes in '%s'; commit or stash them (git stash), or import with "
			       "--no-checkout", path, s->path);
	}
	return 0;
}

/*
 * An import killed after it moved the branch but before the work tree
 * followed leaves the series file and its index entry at the version
 * before (or, killed during the checkout, one at each): git status then
 * shows a change nobody made, and every later import would refuse it as a
 * local change. That state is recognised by the file and its index entry
 * each holding the series' text of the tip or of the tip's first parent
 * (or each absent, when the tip is the series' first version), and is
 * finished as the killed import would have: both brought to the tip.
 * Nothing can be lost, since either text is in the history. Called with
 * the work-tree lock held, so no other import is half-way through.
 * 1 when it finished one, 0 when the state is anything else, -1 err.
 */
static int
finish_interrupted_import(struct store *s, const char *path, struct rl_error *err)
{
	git_commit *head = NULL, *parent = NULL;
	git_index *idx = NULL;
	const git_index_entry *ie;
	git_checkout_options opts;
	git_oid tip, at_head, at_parent, id;
	char *branch = NULL, *paths[1];
	struct sbuf full = SBUF_INIT;
	struct stat st;
	int unborn, in_parent = 0, rc = -1, match = 0;

	if (head_branch(s, &branch, &tip, &unborn, err) < 0)
		goto out;
	rc = 0;
	if (unborn)
		goto out;
	if (git_commit_lookup(&head, s->repo, &tip) < 0 || entry_id(s, head, path, &at_head, NULL, NULL) != 0)
		goto out;
	if (git_commit_parentcount(head) > 0) {
		if (git_commit_parent(&parent, head, 0) < 0)
			goto out;
		in_parent = entry_id(s, parent, path, &at_parent, NULL, NULL) == 0;
	}
	if (git_repository_index(&idx, s->repo) < 0 || git_index_read(idx, 0) < 0)
		goto out;
	ie = git_index_get_bypath(idx, path, 0);
	if (ie)
		match += git_oid_equal(&ie->id, &at_head) || (in_parent && git_oid_equal(&ie->id, &at_parent));
	else
		match += !in_parent;
	sbuf_printf(&full, "%s%s", git_repository_workdir(s->repo), path);
	if (lstat(full.buf, &st) == 0) {
		if (S_ISREG(st.st_mode) && git_repository_hashfile(&id, s->repo, path, GIT_OBJECT_BLOB, NULL) == 0)
			match += git_oid_equal(&id, &at_head) || (in_parent && git_oid_equal(&id, &at_parent));
	} else if (errno == ENOENT) {
		match += !in_parent;
	}
	if (match < 2)
		goto out;
	/* the one file forced to the tip: its text is one the history holds */
	rc = write_work_file(s, head, path, err);
	if (rc <= 0) {
		rc = rc < 0 ? -1 : 1;
		goto out;
	}
	git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
	paths[0] = (char *)path;
	opts.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
	opts.paths.strings = paths;
	opts.paths.count = 1;
	if (git_checkout_tree(s->repo, (const git_object *)head, &opts) < 0) {
		rc = rl_fail(err, "'%s' in '%s' is still at the version before an interrupted import and cannot follow "
			     "(%s); run: git checkout HEAD -- %s", path, s->path, git_message(), path);
		goto out;
	}
	rc = 1;
out:
	sbuf_release(&full);
	git_index_free(idx);
	git_commit_free(parent);
	git_commit_free(head);
	free(branch);
	return rc;
}

/*
 * After the branch moved from old_tip to new_id: bring the series file and
 * its index entry along, as a fast-forward would. The baseline is the old
 * tip, so the file (unchanged since, as checked) is replaced, not taken
 * for a local change.
 */
static int
follow_in_work_tree(struct store *s, const char *path, const git_oid *old_tip, int unborn, const git_oid *new_id,
		    struct rl_error *err)
{
	git_checkout_options opts;
	git_commit *nc = NULL, *oc = NULL;
	git_tree *base = NULL;
	struct rl_error why;
	char *paths[1];
	int rc = -1;

	if (git_repository_is_bare(s->repo))
		return 0;
	git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
	paths[0] = (char *)path;
	opts.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
	opts.paths.strings = paths;
	opts.paths.count = 1;
	if (!unborn && (git_commit_lookup(&oc, s->repo, old_tip) < 0 || git_commit_tree(&base, oc) < 0))
		goto fail;
	opts.baseline = base;
	if (git_commit_lookup(&nc, s->repo, new_id) < 0)
		goto fail;
	rc = write_work_file(s, nc, path, &why);
	if (rc < 0) {
		rl_fail(err, "imported, but '%s' in the work tree could not follow (%s); run: git checkout HEAD -- %s",
			path, why.msg, path);
		goto out;
	}
	if (rc > 0 && git_checkout_tree(s->repo, (const git_object *)nc, &opts) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	rc = -1;
	rl_fail(err, "imported, but '%s' in the work tree could not follow (%s); run: git checkout HEAD -- %s", path,
		git_message(), path);
out:
	git_tree_free(base);
	git_commit_free(oc);
	git_commit_free(nc);
	return rc;
}

/*
 * Imports that bring a work tree along take turns: each checks the file,
 * moves the branch and checks the file out while it holds this lock, so
 * one never finds the file half-way between another's versions. A lock
 * held through every wait (left by a killed import) is named.
 */
#define WORK_TREE_LOCK "redline-import.lock"

static void backoff(int attempt);

static int
lock_work_tree(struct store *s, struct sbuf *lock, struct rl_error *err)
{
	int attempt, fd;

	sbuf_printf(lock, "%s%s", git_repository_path(s->repo), WORK_TREE_LOCK);
	for (attempt = 0; attempt < IMPORT_RETRIES; attempt++) {
		fd = open(lock->buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0) {
			close(fd);
			return 0;
		}
		if (errno != EEXIST)
			return rl_fail(err, "cannot create '%s': %s", lock->buf, strerror(errno));
		backoff(attempt);
	}
	return rl_fail(err, "another import into '%s' holds '%s'; if none is running, remove that file", s->path,
		       lock->buf);
}

int
store_finish_interrupted(struct store *s, struct rl_error *err)
{
	struct sbuf lock = SBUF_INIT;
	git_status_list *list = NULL;
	git_status_options opts;
	size_t i, n;
	int rc = 0, r;

	if (git_repository_is_bare(s->repo) || git_repository_state(s->repo) != GIT_REPOSITORY_STATE_NONE)
		return 0;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = 0;	/* tracked files only: an import leaves no other */
	if (git_status_list_new(&list, s->repo, &opts) < 0)
		return 0;
	n = git_status_list_entrycount(list);
	if (n && lock_work_tree(s, &lock, err) < 0) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const char *path = e->head_to_index ? e->head_to_index->new_file.path
				   : e->index_to_workdir ? e->index_to_workdir->new_file.path : NULL;

		if (path && (r = finish_interrupted_import(s, path, err)) != 0)
			rc = r < 0 ? -1 : rc + 1;
	}
	if (n)
		unlink(lock.buf);
out:
	git_status_list_free(list);
	sbuf_release(&lock);
	return rc;
}

/*
 * Another writer holds or just moved the branch: wait a little, longer each
 * time and by a varying amount, so that writers retrying together do not
 * keep colliding.
 */
static void
backoff(int attempt)
{
	struct timespec ts, now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (1L << (attempt < 7 ? attempt : 7)) + (long)((unsigned long)now.tv_nsec % 7u);

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* swap_ref, waiting out a lock another writer holds for a moment (about 3
 * s in all); one held through every try is most likely a killed writer's:
 * -1, naming it (a record or status ref said "changed meanwhile" for ever) */
#define LOCK_WAITS 30

static int
swap_ref_waiting(struct store *s, const char *ref, const git_oid *expect, const git_oid *new_id, const char *log,
		 struct rl_error *err)
{
	int attempt, rc = 2;

	for (attempt = 0; attempt < LOCK_WAITS && rc == 2; attempt++) {
		if (attempt)
			backoff(attempt);
		rc = swap_ref(s, ref, expect, new_id, log, err);
	}
	if (rc == 2)
		return fail_ref_locked(s, err, ref, ref);
	return rc;
}

static int
same_blob(struct store *s, git_commit *c, const char *path, const git_oid *blob)
{
	git_oid id;

	return entry_id(s, c, path, &id, NULL, NULL) == 0 && git_oid_equal(&id, blob);
}

struct find_blob {
	const char *blob;
	char commit[STORE_OID_HEX];	/* the commit being walked */
	char found[STORE_OID_HEX];
};

static int
find_blob_commit(const struct store_commit *c, void *payload)
{
	struct find_blob *f = payload;

	memcpy(f->commit, c->id, sizeof(f->commit));
	return 0;
}

static int
find_blob_change(const char *path, const char *blob, long long time, void *payload)
{
	struct find_blob *f = payload;

	(void)path;
	(void)time;
	if (strcmp(blob, f->blob) != 0)
		return 0;
	memcpy(f->found, f->commit, sizeof(f->found));
	return 1;
}

int
store_tag_held(struct store *s, const char *symbol, const char *blob, struct rl_error *err)
{
	struct find_blob f;
	git_reference *ref = NULL;
	git_oid id;
	char *git_name = symbol_git_name(symbol);
	struct sbuf name = SBUF_INIT;
	int rc = 0;

	if (!git_name)
		return 0;
	sbuf_printf(&name, "refs/tags/%s", git_name);
	free(git_name);
	if (!git_reference_is_valid_name(name.buf) || git_reference_lookup(&ref, s->repo, name.buf) == 0)
		goto out;
	if (writes_refused(err) < 0) {
		rc = -1;
		goto out;
	}
	memset(&f, 0, sizeof(f));
	f.blob = blob;
	if (store_walk_history(s, find_blob_commit, find_blob_change, &f, err) < 0) {
		rc = -1;
		goto out;
	}
	if (f.found[0] && git_oid_fromstr(&id, f.found) == 0)
		rc = create_tag(s, symbol, &id, err);
out:
	git_reference_free(ref);
	sbuf_release(&name);
	return rc;
}

/* The text at path in a commit after since (the tip, c, looked at
 * already): another writer imported it while the caller worked. */
static int
imported_since(struct store *s, git_commit *c, const char *since, const char *path, const git_oid *blob)
{
	git_commit *at = NULL, *next = NULL;
	git_oid stop;
	int n, found = 0;

	if (!since || !*since || git_oid_fromstr(&stop, since) < 0 || git_oid_equal(git_commit_id(c), &stop))
		return 0;
	if (git_commit_parentcount(c) == 0 || git_commit_parent(&at, c, 0) < 0)
		return 0;
	for (n = 0; n < STORE_SINCE_MAX && !git_oid_equal(git_commit_id(at), &stop); n++) {
		if (same_blob(s, at, path, blob)) {
			found = 1;
			break;
		}
		if (git_commit_parentcount(at) == 0 || git_commit_parent(&next, at, 0) < 0)
			break;
		git_commit_free(at);
		at = next;
		next = NULL;
	}
	git_commit_free(at);
	return found;
}

int
store_import(struct store *s, const struct store_import *im, const char *text, size_t len,
	     char commit[STORE_OID_HEX], int *tagged, struct rl_error *err)
{
	git_signature *sig = NULL;
	git_oid blob, tip, new_id;
	char *branch = NULL;
	struct sbuf lock = SBUF_INIT;
	int unborn, attempt, rc = -1, swapped = 1, with_tree, locked;

	*tagged = 0;
	if (writes_refused(err) < 0 || check_series_path(im->path, err) < 0)
		return -1;
	with_tree = !im->no_checkout && !git_repository_is_bare(s->repo);
	if (with_tree && lock_work_tree(s, &lock, err) < 0) {
		sbuf_release(&lock);
		return -1;
	}
	locked = with_tree;
	if (with_tree && check_work_tree(s, im->path, err) < 0)
		goto out;
	if (git_blob_create_from_buffer(&blob, s->repo, text, len) < 0) {
		rl_fail(err, "cannot write to '%s': %s", s->path, git_why(s));
		goto out;
	}
	if (make_signature(s, im, &sig) < 0) {
		rl_fail(err, "bad author for the commit: %s", git_message());
		goto out;
	}
	for (attempt = 0; attempt < IMPORT_RETRIES && swapped > 0; attempt++) {
		git_commit *parent = NULL;

		if (attempt > 0)
			backoff(attempt);
		FREE(branch);
		if (head_branch(s, &branch, &tip, &unborn, err) < 0)
			goto out;
		if (!unborn && git_commit_lookup(&parent, s->repo, &tip) < 0) {
			rl_fail(err, "cannot read the tip of %s in '%s': %s", branch, s->path, git_why(s));
			goto out;
		}
		if (parent && same_blob(s, parent, im->path, &blob)) {
			/* the text is the tip's already; an import killed after it
			 * moved the branch but before it tagged left the tag to
			 * make, which importing the same text again makes (a free
			 * tag only: tags are never moved) */
			if (im->symbol && create_tag(s, im->symbol, &tip, err) == -2) {
				/* the tag cannot be made (a lock a killed writer
				 * left, named in err): said, not passed over */
				git_commit_free(parent);
				rc = -1;
				goto out;
			}
			git_commit_free(parent);
			rc = 1;
			goto out;
		}
		if (parent && imported_since(s, parent, im->since, im->path, &blob)) {
			git_commit_free(parent);
			rc = 1;
			goto out;
		}
		rc = build_commit(s, im, &blob, parent, sig, &new_id, err);
		git_commit_free(parent);
		if (rc < 0)
			goto out;
		swapped = swap_branch(s, branch, &tip, unborn, &new_id, "redline: import", err);
		if (swapped < 0) {
			rc = -1;
			goto out;
		}
	}
	if (swapped == 2) {
		/* held through every try: most likely left by a killed writer */
		rc = fail_ref_locked(s, err, branch, branch);
		goto out;
	}
	if (swapped) {
		rc = rl_fail(err, "%s in '%s' kept moving; import abandoned after %d tries", branch, s->path,
			     IMPORT_RETRIES);
		goto out;
	}
	git_oid_tostr(commit, STORE_OID_HEX, &new_id);
	if (im->symbol)
		*tagged = create_tag(s, im->symbol, &new_id, err);
	rc = 0;
	if (with_tree && follow_in_work_tree(s, im->path, &tip, unborn, &new_id, err) < 0)
		rc = 2;
out:
	if (locked)
		unlink(lock.buf);
	sbuf_release(&lock);
	free(branch);
	git_signature_free(sig);
	return rc;
}

void
store_format_date(long long t, int tz_minutes, char out[11])
{
	time_t tt = (time_t)(t + (long long)tz_minutes * 60);
	struct tm tm;

	/* a commit can carry any time at all: never print what failed to convert */
	if (!gmtime_r(&tt, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		memcpy(out, "xxxx-xx-xx", 11);
}

/*
 * History in one pass
 *
 * The files a commit added or changed are found by comparing its tree with
 * its first parent's as git stores them: both entry lists are in git's
 * order, so one merge pass finds what differs, and a subtree whose id is
 * the same in both is skipped without being read. Nothing else is built
 * (libgit2's diff makes a delta list, with paths and flags, per commit).
 */

struct history_walk {
	struct store *s;
	store_commit_cb commit_cb;
	store_change_cb change_cb;
	void *payload;
	long long time;
	int stop;		/* what a callback returned to end the walk */
	struct rl_error *err;
	int depth;		/* folders below the commit's tree, now */
	git_oid commit;		/* the commit whose tree is walked */
};

/* git's order of tree entries: by name, a tree's name read as if it ended in '/'. */
static int
entry_order(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), n = la < lb ? la : lb;
	int c = memcmp(na, nb, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = n < la ? (unsigned char)na[n] : git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0;
	cb = n < lb ? (unsigned char)nb[n] : git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0;
	return (int)ca - (int)cb;
}

static int history_trees(struct history_walk *w, git_tree *old, git_tree *new_, struct sbuf *prefix);

/* Entry e of the newer tree, against o (the older tree's entry of that name, or NULL). */
static int
history_entry(struct history_walk *w, const git_tree_entry *o, const git_tree_entry *e, struct sbuf *prefix)
{
	git_object_t type = git_tree_entry_type(e);
	size_t keep = prefix->len;
	int rc = 0;

	if (o && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)) && git_tree_entry_type(o) == type)
		return 0;
	sbuf_adds(prefix, git_tree_entry_name(e));
	if (type == GIT_OBJECT_TREE) {
		git_tree *nt = NULL, *ot = NULL;

		if (git_tree_lookup(&nt, w->s->repo, git_tree_entry_id(e)) < 0) {
			rc = fail_object(w->s, w->err, "tree", git_tree_entry_id(e), NULL);
		} else if (o && git_tree_entry_type(o) == GIT_OBJECT_TREE &&
			   git_tree_lookup(&ot, w->s->repo, git_tree_entry_id(o)) < 0) {
			rc = fail_object(w->s, w->err, "tree", git_tree_entry_id(o), NULL);
		} else if (w->depth + 1 > STORE_TREE_DEPTH_MAX) {
			char where[40];

			sbuf_addch(prefix, '/');
			snprintf(where, sizeof(where), "in commit %.7s", git_oid_tostr_s(&w->commit));
			rc = fail_too_deep(w->err, prefix->buf, where);
		} else {
			sbuf_addch(prefix, '/');
			w->depth++;
			rc = history_trees(w, ot, nt, prefix);
			w->depth--;
		}
		git_tree_free(ot);
		git_tree_free(nt);
	} else if (type == GIT_OBJECT_BLOB) {
		char hex[STORE_OID_HEX];

		git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
		if ((rc = w->change_cb(prefix->buf, hex, w->time, w->payload)) != 0) {
			w->stop = rc;
			rc = rc < 0 ? -1 : 1;
		}
	}
	/* a submodule's commit is not a file of this repository */
	prefix->len = keep;
	prefix->buf[keep] = '\0';
	return rc;
}

/* Every blob of new_ that old (NULL: an empty tree) has not: 0, 1 stopped, -1. */
static int
history_trees(struct history_walk *w, git_tree *old, git_tree *new_, struct sbuf *prefix)
{
	size_t i = 0, j, no = old ? git_tree_entrycount(old) : 0, nn = git_tree_entrycount(new_);
	int rc;

	for (j = 0; j < nn; j++) {
		const git_tree_entry *e = git_tree_entry_byindex(new_, j), *o = NULL;

		while (i < no && entry_order(git_tree_entry_byindex(old, i), e) < 0)
			i++;
		if (i < no && entry_order(git_tree_entry_byindex(old, i), e) == 0)
			o = git_tree_entry_byindex(old, i);
		if ((rc = history_entry(w, o, e, prefix)) != 0)
			return rc;
	}
	return 0;
}

/* Hand over commit c and its changes; moves *next to its first parent.
 * 0 go on, 1 stopped, 2 the first commit, 3 a shallow boundary, -1 error. */
static int
history_commit(struct history_walk *w, git_commit *c, git_oid *next)
{
	struct store *s = w->s;
	const git_signature *a = git_commit_author(c);
	const char *msg = git_commit_message(c);
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	struct store_commit info;
	struct sbuf prefix = SBUF_INIT;
	int boundary = is_shallow_boundary(s, git_commit_id(c)), rc;

	git_oid_tostr(info.id, sizeof(info.id), git_commit_id(c));
	info.time = a ? (long long)a->when.time : (long long)git_commit_time(c);
	info.tz_minutes = a ? a->when.offset : git_commit_time_offset(c);
	info.author = a && a->name ? a->name : "";
	info.subject = msg ? msg : "";
	info.subject_len = strcspn(info.subject, "\n");
	w->time = info.time;
	git_oid_cpy(&w->commit, git_commit_id(c));
	if (w->commit_cb && (rc = w->commit_cb(&info, w->payload)) != 0) {
		w->stop = rc;
		return rc < 0 ? -1 : 1;
	}
	if (git_commit_tree(&tree, c) < 0) {
		rc = fail_object(s, w->err, "tree", git_commit_tree_id(c), " of a commit");
		goto out;
	}
	if (!boundary && git_commit_parentcount(c) > 0) {
		if (git_commit_parent(&parent, c, 0) < 0) {
			rc = fail_object(s, w->err, "commit", git_commit_parent_id(c, 0), NULL);
			goto out;
		}
		if (git_commit_tree(&ptree, parent) < 0) {
			rc = fail_object(s, w->err, "tree", git_commit_tree_id(parent), " of a commit");
			goto out;
		}
		git_oid_cpy(next, git_commit_id(parent));
	}
	sbuf_adds(&prefix, "");
	rc = history_trees(w, ptree, tree, &prefix);
	if (rc == 0)
		rc = boundary ? 3 : parent ? 0 : 2;
out:
	sbuf_release(&prefix);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	return rc;
}

int
store_walk_history(struct store *s, store_commit_cb commit_cb, store_change_cb change_cb, void *payload,
		   struct rl_error *err)
{
	struct history_walk w;
	git_oid next;
	int rc;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.commit_cb = commit_cb;
	w.change_cb = change_cb;
	w.payload = payload;
	w.err = err;

	/* an empty repository: nothing has changed yet */
	if (git_repository_head_unborn(s->repo) == 1)
		return 0;
	if (head_oid(s, &next, err) < 0)
		return -1;
	for (;;) {
		git_commit *c = NULL;

		if (git_commit_lookup(&c, s->repo, &next) < 0)
			return fail_object(s, err, "commit", &next, NULL);
		rc = history_commit(&w, c, &next);
		git_commit_free(c);
		if (rc == 2)
			return 0;
		if (rc == 3) {
			rl_fail(err, "'%s' is a shallow clone: its history ends at %.7s; git fetch --unshallow gets the rest",
				s->path, git_oid_tostr_s(&next));
			return 3;
		}
		if (rc < 0 && w.stop < 0)
			rl_fail(err, "cannot walk history of '%s'", s->path);
		if (rc != 0)
			return rc;
	}
}

int
store_walk_changes(struct store *s, store_change_cb cb, void *payload, struct rl_error *err)
{
	int rc = store_walk_history(s, NULL, cb, payload, err);

	/* a shallow clone's oldest commit is taken as a first: its files count as added */
	if (rc == 3 || rc == 1)
		return 0;
	return rc < 0 ? -1 : 0;
}

/*
 * Record chains
 */


int
store_chain_start(struct store *s, const char *prefix, const char *file, const char *text, size_t len,
		  const char *message, const struct store_who *who, char id[STORE_OID_HEX], struct rl_error *err)
{
	git_signature *sig = NULL;
	git_treebuilder *tb = NULL;
	git_tree *tree = NULL;
	git_oid blob, tree_id, commit;
	struct sbuf ref = SBUF_INIT;
	int rc = -1;

	if (writes_refused(err) < 0)
		return -1;

	if (git_blob_create_from_buffer(&blob, s->repo, text, len) < 0 ||
	    git_treebuilder_new(&tb, s->repo, NULL) < 0 ||
	    git_treebuilder_insert(NULL, tb, file, &blob, GIT_FILEMODE_BLOB) < 0 || git_treebuilder_write(&tree_id, tb) < 0 ||
	    git_tree_lookup(&tree, s->repo, &tree_id) < 0) {
		rl_fail(err, "cannot write to '%s': %s", s->path, git_why(s));
		goto out;
	}
	if (who_signature(s, who, &sig) < 0 ||
	    git_commit_create(&commit, s->repo, NULL, sig, sig, NULL, message, tree, 0, NULL) < 0) {
		rl_fail(err, "cannot write to '%s': %s", s->path, git_why(s));
		goto out;
	}
	git_oid_tostr(id, STORE_OID_HEX, &commit);
	sbuf_printf(&ref, "%s%s", prefix, id);
	/* (made by someone else at once: 1) */
	rc = swap_ref_waiting(s, ref.buf, NULL, &commit, message, err);
out:
	sbuf_release(&ref);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	git_signature_free(sig);
	return rc;
}

int
store_chain_append(struct store *s, const char *ref, const char *expect, const char *message,
		   const struct store_who *who, char out[STORE_OID_HEX], struct rl_error *err)
{
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_treebuilder *tb = NULL;
	git_oid prev, tree_id, commit;
	int rc = -1;

	if (writes_refused(err) < 0)
		return -1;

	if (expect) {
		if (git_oid_fromstr(&prev, expect) < 0 || git_commit_lookup(&parent, s->repo, &prev) < 0 ||
		    git_commit_tree(&tree, parent) < 0) {
			rl_fail(err, "cannot read %s in '%s': %s", ref, s->path, git_why(s));
			goto out;
		}
	} else if (git_treebuilder_new(&tb, s->repo, NULL) < 0 || git_treebuilder_write(&tree_id, tb) < 0 ||
		   git_tree_lookup(&tree, s->repo, &tree_id) < 0) {
		rl_fail(err, "cannot write to '%s': %s", s->path, git_why(s));
		goto out;
	}
	if (who_signature(s, who, &sig) < 0 ||
	    git_commit_create(&commit, s->repo, NULL, sig, sig, NULL, message, tree, parent ? 1 : 0,
			      (const git_commit **)&parent) < 0) {
		rl_fail(err, "cannot write to '%s': %s", s->path, git_why(s));
		goto out;
	}
	/* (moved by another writer meanwhile: 1) */
	rc = swap_ref_waiting(s, ref, expect ? &prev : NULL, &commit, message, err);
	if (rc == 0)
		git_oid_tostr(out, STORE_OID_HEX, &commit);
out:
	git_treebuilder_free(tb);
	git_tree_free(tree);
	git_commit_free(parent);
	git_signature_free(sig);
	return rc;
}

void
store_events_free(struct store_event *ev, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(ev[i].who);
		free(ev[i].message);
	}
	free(ev);
}

int
store_chain_read(struct store *s, const char *ref, struct store_event **events, size_t *n, char tip[STORE_OID_HEX],
		 struct rl_error *err)
{
	git_revwalk *w = NULL;
	git_oid id, head;
	struct store_event *ev = NULL;
	size_t cap = 0;
	int rc;

	*events = NULL;
	*n = 0;
	rc = git_reference_name_to_id(&head, s->repo, ref);
	if (rc == GIT_ENOTFOUND)
		return 1;
	if (rc < 0)
		return rl_fail(err, "cannot read %s in '%s': %s", ref, s->path, git_why(s));
	git_oid_tostr(tip, STORE_OID_HEX, &head);
	if (git_revwalk_new(&w, s->repo) < 0 || git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, &head) < 0) {
		rc = rl_fail(err, "cannot read %s in '%s': %s", ref, s->path, git_why(s));
		goto out;
	}
	while ((rc = git_revwalk_next(&id, w)) == 0) {
		git_commit *c = NULL;
		const git_signature *a;
		struct sbuf who = SBUF_INIT;

		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			rc = fail_object(s, err, "commit", &id, NULL);
			goto out;
		}
		a = git_commit_author(c);
		GROW(ev, cap, *n + 1);
		git_oid_tostr(ev[*n].commit, STORE_OID_HEX, &id);
		sbuf_printf(&who, "%s <%s>", a->name, a->email);
		ev[*n].who = sbuf_detach(&who);
		ev[*n].time = (long long)a->when.time;
		ev[*n].tz_minutes = a->when.offset;
		ev[*n].message = xstrdup(git_commit_message(c) ? git_commit_message(c) : "");
		(*n)++;
		git_commit_free(c);
	}
	if (rc != GIT_ITEROVER) {
		rc = rl_fail(err, "cannot read %s in '%s': %s", ref, s->path, git_why(s));
		goto out;
	}
	rc = 0;
	*events = ev;
	ev = NULL;
out:
	if (ev)
		store_events_free(ev, *n);
	if (rc != 0)
		*n = 0;
	git_revwalk_free(w);
	return rc;
}

int
store_refs_under(struct store *s, const char *prefix, char ***names, size_t *n, struct rl_error *err)
{
	git_reference_iterator *it = NULL;
	struct sbuf glob = SBUF_INIT;
	const char *name;
	size_t cap = 0;
	int rc;

	*names = NULL;
	*n = 0;
	sbuf_printf(&glob, "%s*", prefix);
	if (git_reference_iterator_glob_new(&it, s->repo, glob.buf) < 0) {
		sbuf_release(&glob);
		return rl_fail(err, "cannot list %s in '%s': %s", prefix, s->path, git_why(s));
	}
	while ((rc = git_reference_next_name(&name, it)) == 0) {
		GROW(*names, cap, *n + 1);
		(*names)[(*n)++] = xstrdup(name);
	}
	git_reference_iterator_free(it);
	sbuf_release(&glob);
	if (rc != GIT_ITEROVER)
		return rl_fail(err, "cannot list %s in '%s': %s", prefix, s->path, git_why(s));
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), cmp_str);
	return 0;
}

/*
 * Identity
 */

char *
store_user_name(struct store *s)
{
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	char *name = NULL;
	int rc;

	git_libgit2_init();
	rc = s ? git_repository_config_snapshot(&cfg, s->repo) : git_config_open_default(&cfg);
	if (rc == 0 && git_config_get_string_buf(&buf, cfg, "user.name") == 0 && buf.size)
		name = xstrndup(buf.ptr, buf.size);
	git_buf_dispose(&buf);
	git_config_free(cfg);
	git_libgit2_shutdown();	/* the init above's; a store holds its own */
	return name;
}
