#include "config.h"
#include "restrict.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input.h"
#include "rcfile.h"
#include "sbuf.h"

extern char **environ;

/* set by Makefile.am from configure's sysconfdir */
#ifndef REDLINE_SYSCONFDIR
#error "REDLINE_SYSCONFDIR is not defined: restricted mode needs its system file"
#endif
const char restrict_system_config[] = REDLINE_SYSCONFDIR "/redline/config";

static int on;

int
restricted(void)
{
	return on;
}

/*
 * libgit2 reads GIT_DIR, GIT_WORK_TREE, GIT_COMMON_DIR, GIT_OBJECT_DIRECTORY,
 * GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_CEILING_DIRECTORIES ... when it
 * opens a repository from the current folder: each could point redline at
 * other files than the repository named at start. Every GIT_* name goes,
 * not a list of today's, so that one git adds later cannot open a way out.
 */
static void
scrub_git_env(void)
{
	size_t i = 0;

	while (environ && environ[i]) {
		const char *e = environ[i], *eq = strchr(e, '=');

		if (strncmp(e, "GIT_", 4) == 0 && eq) {
			char *name = xstrndup(e, (size_t)(eq - e));

			/* environ shrinks under us: look at the same slot again */
			unsetenv(name);
			free(name);
			continue;
		}
		i++;
	}
}

void
restrict_enable(void)
{
	if (!on)
		scrub_git_env();
	on = 1;
}

static int
yes_no(const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" }, *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

int
restrict_from_system(const char *file, struct rl_error *err)
{
	const char *env = getenv("REDLINE_RESTRICTED");
	struct stat st;
	char *text = NULL, *value = NULL;
	size_t len;
	int rc = 0;

	if (!file)
		file = restrict_system_config;
	if (stat(file, &st) == 0 || errno != ENOENT) {
		/* there but unreadable: the administrator meant something by it */
		if (read_file(file, &text, &len, err) < 0)
			return rl_fail(err, "cannot read the system configuration '%s'; restricted or not is unknown", file);
		if (rcfile_find(text, "restricted", &value) && (rc = yes_no(value)) < 0)
			rl_fail(err, "%s: restricted is yes or no, not '%s'", file, value);
		free(text);
		free(value);
		if (rc < 0)
			return -1;
	}
	if (env && *env && strcmp(env, "0") != 0)
		rc = 1;
	if (rc)
		restrict_enable();
	return rc;
}

char *
restrict_config_file(int *must_exist)
{
	const char *env = getenv("REDLINE_CONFIG"), *home = getenv("HOME");
	struct sbuf path = SBUF_INIT;

	*must_exist = 0;
	if (on)
		/* neither REDLINE_CONFIG nor HOME: the account chooses neither */
		return xstrdup(restrict_system_config);
	if (env && *env) {
		*must_exist = 1;
		return xstrdup(env);
	}
	if (!home || !*home)
		return NULL;
	sbuf_printf(&path, "%s/.config/redline/config", home);
	return sbuf_detach(&path);
}

int
restrict_check_path(const char *path, struct rl_error *err)
{
	const char *p = path, *c;
	size_t n;

	if (!on)
		return 0;
	if (path[0] == '/')
		return rl_fail(err, "restricted: '%s' is an absolute path; name a file inside the repository", path);
	for (c = path; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return rl_fail(err, "restricted: a path holds a control character");
	for (;;) {
		c = strchr(p, '/');
		n = c ? (size_t)(c - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return rl_fail(err, "restricted: '%s' has an empty, '.' or '..' part; name a file inside the repository",
				       path);
		if (!c)
			return 0;
		p = c + 1;
	}
}

void
restrict_words_free(char **words)
{
	size_t i;

	for (i = 0; words && words[i]; i++)
		free(words[i]);
	free(words);
}

int
restrict_split(const char *cmd, char ***words, size_t *n, struct rl_error *err)
{
	struct sbuf w = SBUF_INIT;
	char **v = NULL;
	size_t nv = 0, cap = 0;
	const char *p = cmd;
	int in_word = 0;

	*words = NULL;
	*n = 0;
	/* a tab separates words; any other control character is refused */
	for (p = cmd; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
			return rl_fail(err, "restricted: the SSH command holds a control character; it runs without a shell");
	p = cmd;
	for (;;) {
		char ch = *p;

		if (ch == '\0' || ch == ' ' || ch == '\t') {
			if (in_word) {
				if (nv + 2 > cap) {
					cap = cap ? cap * 2 : 8;
					v = xrealloc(v, cap * sizeof(*v));
				}
				v[nv++] = sbuf_detach(&w);
				in_word = 0;
			}
			if (ch == '\0')
				break;
			p++;
			continue;
		}
		in_word = 1;
		if (ch == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (!end)
				goto unclosed;
			sbuf_add(&w, p + 1, (size_t)(end - p - 1));
			p = end + 1;
		} else if (ch == '"') {
			for (p++; *p && *p != '"'; p++) {
				/* in double quotes a shell would expand these: refuse, as outside */
				if (*p == '$' || *p == '`')
					goto syntax;
				if (*p == '\\' && p[1] && strchr("\"\\", p[1]))
					p++;
				sbuf_addch(&w, *p);
			}
			if (!*p)
				goto unclosed;
			p++;
		} else if (ch == '\\') {
			if (!p[1])
				goto syntax;
			sbuf_addch(&w, p[1]);
			p += 2;
		} else if (strchr(";&|<>`$()", ch)) {
			goto syntax;
		} else {
			sbuf_addch(&w, ch);
			p++;
		}
	}
	if (!v)
		v = xcalloc(1, sizeof(*v));
	v[nv] = NULL;
	*words = v;
	*n = nv;
	return 0;
unclosed:
	rl_fail(err, "restricted: a quote is not closed in the SSH command");
	goto fail;
syntax:
	rl_fail(err, "restricted: '%c' is shell syntax; the SSH command runs without a shell", *p);
fail:
	sbuf_release(&w);
	if (v)
		v[nv] = NULL;
	restrict_words_free(v);
	return -1;
}
