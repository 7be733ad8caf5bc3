#include "config.h"
#include "symbol.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "util.h"

#define SYMBOL_MAX 100

static int
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
symbol_byte(char c)
{
	return is_alpha(c) || is_digit(c) || c == '.' || c == '-' || c == '(' || c == ')';
}

/* one component, s[0..n): not empty, no "..", not starting or ending with
 * '.', not ending with ".lock" (git's rules for a reference's parts) */
static int
component_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	if (n >= 5 && memcmp(s + n - 5, ".lock", 5) == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (!symbol_byte(s[i]))
			return 0;
		if (s[i] == '.' && i + 1 < n && s[i + 1] == '.')
			return 0;
	}
	return 1;
}

int
symbol_is_valid(const char *s)
{
	size_t len, start = 0, i, parts = 0;

	if (!s || !is_alpha(s[0]))
		return 0;
	len = strlen(s);
	if (len > SYMBOL_MAX)
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '/')
			continue;
		if (!component_ok(s + start, i - start))
			return 0;
		parts++;
		start = i + 1;
	}
	return parts >= 2;
}

/* "79/53": digits, one '/', digits */
static int
session_and_number(const char *s)
{
	const char *p = s;

	if (!is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	if (*p++ != '/' || !is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	return *p == '\0';
}

char *
symbol_expand(const char *spec)
{
	struct sbuf sb = SBUF_INIT;
	char *copy, *p;

	if (session_and_number(spec)) {
		sbuf_printf(&sb, "A/RES/%s", spec);
		return sbuf_detach(&sb);
	}
	if (strchr(spec, '_') && !strchr(spec, '/')) {
		copy = xstrdup(spec);
		for (p = copy; *p; p++)
			if (*p == '_')
				*p = '/';
		if (symbol_is_valid(copy))
			return copy;
		free(copy);
	}
	return xstrdup(spec);
}

char *
symbol_git_name(const char *symbol)
{
	char *name, *p;

	if (!symbol_is_valid(symbol))
		return NULL;
	name = xstrdup(symbol);
	for (p = name; *p; p++)
		if (*p == '/')
			*p = '_';
	return name;
}
