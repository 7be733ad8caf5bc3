#include "config.h"
#include "rcfile.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "restrict.h"

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* The word at *p, advancing past it and the blanks after it. */
static size_t
word(const char **p, const char *end)
{
	const char *s = *p;
	size_t n = 0;

	while (s + n < end && !is_blank(s[n]))
		n++;
	*p = s + n;
	while (*p < end && is_blank(**p))
		(*p)++;
	return n;
}

int
rcfile_find(const char *text, const char *name, char **value)
{
	const char *p = text, *end, *w;
	size_t n, len = strlen(name);
	int found = 0;

	*value = NULL;
	for (; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		while (p < end && is_blank(*p))
			p++;
		w = p;
		if (word(&p, end) != 3 || strncmp(w, "set", 3) != 0)
			continue;
		w = p;
		if (word(&p, end) != len || strncmp(w, name, len) != 0)
			continue;
		n = (size_t)(end - p);
		while (n > 0 && is_blank(p[n - 1]))
			n--;
		if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
			p++;
			n -= 2;
		}
		free(*value);
		*value = xstrndup(p, n);
		found = 1;
	}
	return found;
}

int
rcfile_setting(const char *name, char **value, struct rl_error *err)
{
	char *path, *text = NULL;
	size_t len;
	int rc = 0, must_exist;

	*value = NULL;
	/* which file (restricted mode: the system's only) is restrict.c's to say */
	if (!(path = restrict_config_file(&must_exist)))
		return 0;
	if (read_file(path, &text, &len, err) == 0)
		rc = rcfile_find(text, name, value);
	else if (must_exist)
		rc = -1;	/* a file named explicitly must exist */
	free(text);
	free(path);
	return rc;
}
