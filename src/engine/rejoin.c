#include "config.h"
#include "rejoin.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_WORD 64

struct counts {
	unsigned long long *keys;	/* 0 = empty slot */
	unsigned *vals;
	size_t cap;
};

static unsigned long long
word_key(const char *s, size_t n)
{
	char buf[MAX_WORD];
	size_t i;
	unsigned long long h;

	for (i = 0; i < n && i < MAX_WORD; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	h = hash_bytes(buf, i);
	return h ? h : 1;
}

static unsigned *
slot(struct counts *c, unsigned long long k)
{
	size_t i = (size_t)(k % c->cap);

	while (c->keys[i] && c->keys[i] != k)
		i = (i + 1) % c->cap;
	c->keys[i] = k;
	return &c->vals[i];
}

static unsigned
count_of(const struct counts *c, unsigned long long k)
{
	size_t i = (size_t)(k % c->cap);

	while (c->keys[i]) {
		if (c->keys[i] == k)
			return c->vals[i];
		i = (i + 1) % c->cap;
	}
	return 0;
}

static size_t
word_at(const char *s, size_t i)
{
	size_t j = i;

	while (isalpha((unsigned char)s[j]))
		j++;
	return j - i;
}

static void
count_words(struct counts *c, const char *s)
{
	size_t i = 0, w;

	while (s[i]) {
		if (isalpha((unsigned char)s[i]) && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
			w = word_at(s, i);
			if (w <= MAX_WORD)
				(*slot(c, word_key(s + i, w)))++;
			i += w;
		} else {
			i++;
		}
	}
}

static int
can_join(const struct counts *c, const char *s, size_t a, size_t al, size_t b, size_t bl)
{
	char buf[2 * MAX_WORD];

	if (al + bl > sizeof(buf) || al > MAX_WORD || bl > MAX_WORD || !islower((unsigned char)s[b]))
		return 0;
	if (count_of(c, word_key(s + a, al)) > 1 && count_of(c, word_key(s + b, bl)) > 1)
		return 0;
	memcpy(buf, s + a, al);
	memcpy(buf + al, s + b, bl);
	return count_of(c, word_key(buf, al + bl)) > 0;
}

static size_t
rejoin_one(const struct counts *c, char *s)
{
	size_t i = 0, o = 0, joins = 0, n = strlen(s);

	while (i < n) {
		if (isalpha((unsigned char)s[i]) && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
			size_t al = word_at(s, i), b = i + al + 1, bl;
			if (s[i + al] == ' ' && b < n && (bl = word_at(s, b)) > 0 &&
			    !isalnum((unsigned char)s[b + bl]) && can_join(c, s, i, al, b, bl)) {
				memmove(s + o, s + i, al);
				memmove(s + o + al, s + b, bl);
				o += al + bl;
				i = b + bl;
				joins++;
				continue;
			}
			memmove(s + o, s + i, al);
			o += al;
			i += al;
			continue;
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return joins;
}

size_t
rejoin_split_words(char **texts, size_t n)
{
	struct counts c;
	size_t i, total = 0, joins = 0;

	for (i = 0; i < n; i++)
		total += strlen(texts[i]) / 2 + 1;
	c.cap = total * 2 + 64;
	c.keys = xcalloc(c.cap, sizeof(*c.keys));
	c.vals = xcalloc(c.cap, sizeof(*c.vals));
	for (i = 0; i < n; i++)
		count_words(&c, texts[i]);
	for (i = 0; i < n; i++)
		joins += rejoin_one(&c, texts[i]);
	free(c.keys);
	free(c.vals);
	return joins;
}
