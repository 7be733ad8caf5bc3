#include "config.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
out_of_memory(size_t n)
{
	fprintf(stderr, "redline: out of memory allocating %zu bytes\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		out_of_memory(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

void
grow_array(void **v, size_t *cap, size_t need, size_t sz)
{
	size_t ncap;

	if (need <= *cap)
		return;
	/* a first allocation is what is asked (at least 8): an array made to
	 * size at once, as most large ones are, then takes no more; one that
	 * grows doubles from there */
	ncap = *cap ? *cap : need > 8 ? need : 8;
	while (ncap < need)
		ncap *= 2;
	*v = xrealloc(*v, ncap * sz);
	*cap = ncap;
}

int
rl_fail(struct rl_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int
has_bytes(const char *buf, size_t len, const char *needle, size_t n)
{
	size_t i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (buf[i] == needle[0] && memcmp(buf + i, needle, n) == 0)
			return 1;
	return 0;
}

/* UTF-16 without a mark: in the first pairs, one byte of each is mostly
 * zero (the ASCII and Latin-1 of a resolution) and the other rarely. */
static enum file_kind
utf16_without_mark(const char *buf, size_t len)
{
	size_t i, pairs, zero_even = 0, zero_odd = 0;

	if (len < 8)
		return FILE_TEXT;
	pairs = (len < 4096 ? len : 4096) / 2;
	for (i = 0; i < pairs; i++) {
		zero_even += buf[2 * i] == '\0';
		zero_odd += buf[2 * i + 1] == '\0';
	}
	if (zero_odd * 10 >= pairs * 4 && zero_even * 20 < pairs)
		return FILE_UTF16LE;
	if (zero_even * 10 >= pairs * 4 && zero_odd * 20 < pairs)
		return FILE_UTF16BE;
	return FILE_TEXT;
}

enum file_kind
file_kind(const char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)buf;

	if (len >= 5 && memcmp(buf, "%PDF-", 5) == 0)
		return FILE_PDF;
	if (len >= 4 && memcmp(buf, "PK\003\004", 4) == 0) {
		/* an office document is a ZIP archive of XML parts, named in it */
		if (has_bytes(buf, len, "word/", 5))
			return FILE_DOCX;
		if (has_bytes(buf, len, "application/vnd.oasis.opendocument.text", 39))
			return FILE_ODT;
		return FILE_ZIP;
	}
	if (len >= 8 && memcmp(buf, "\320\317\021\340\241\261\032\341", 8) == 0)
		return FILE_DOC;
	if (len >= 5 && memcmp(buf, "{\\rtf", 5) == 0)
		return FILE_RTF;
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return FILE_UTF16LE_BOM;
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return FILE_UTF16BE_BOM;
	if (!memchr(buf, '\0', len < 4096 ? len : 4096))
		return FILE_TEXT;
	return utf16_without_mark(buf, len);
}

unsigned long long
hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned long long h = 1469598103934665603ULL;

	while (n--) {
		h ^= *s++;
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * Keys are sorted by hand, as qsort's call per comparison was a good part
 * of building word bags, and its merge sort wants a second array as large
 * as the first: a quicksort (median of three, Hoare partition) that hands
 * runs of up to 16 to insertion sort, and recurses on the smaller side so
 * the stack stays O(log n).
 */
static void
u64_insertion(uint64_t *v, size_t n)
{
	size_t i, j;
	uint64_t x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void
u64_swap(uint64_t *a, uint64_t *b)
{
	uint64_t x = *a;

	*a = *b;
	*b = x;
}

/* Returns j: v[0..j] <= pivot <= v[j+1..n), both sides non-empty (n >= 3). */
static size_t
u64_partition(uint64_t *v, size_t n)
{
	size_t i = 0, j = n - 1, mid = n / 2;
	uint64_t pivot;

	/* v[0] <= v[mid] <= v[n-1]: the ends stop both scans */
	if (v[mid] < v[0])
		u64_swap(&v[mid], &v[0]);
	if (v[n - 1] < v[mid])
		u64_swap(&v[n - 1], &v[mid]);
	if (v[mid] < v[0])
		u64_swap(&v[mid], &v[0]);
	pivot = v[mid];
	for (;;) {
		while (v[i] < pivot)
			i++;
		while (v[j] > pivot)
			j--;
		if (i >= j)
			return j;
		u64_swap(&v[i++], &v[j--]);
	}
}

void
u64_sort(uint64_t *v, size_t n)
{
	size_t j;

	while (n > 16) {
		j = u64_partition(v, n) + 1;
		if (j < n - j) {
			u64_sort(v, j);
			v += j;
			n -= j;
		} else {
			u64_sort(v + j, n - j);
			n = j;
		}
	}
	u64_insertion(v, n);
}
