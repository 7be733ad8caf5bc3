/*
 * util: allocation that never returns NULL, and the error record that core
 * functions fill in instead of printing.
 *
 * Ownership: x*alloc results are owned by the caller and released with
 * free() or FREE(). Out of memory is not recoverable for a document tool, so
 * the allocators print one line and abort rather than return NULL.
 * Errors: functions that can fail return 0 on success or -1 on failure and,
 * when given a struct rl_error, fill it with a one-line message (no trailing
 * newline, no "redline:" prefix); the caller decides how to show it.
 */
#ifndef REDLINE_UTIL_H
#define REDLINE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define FREE(p) do { free(p); (p) = NULL; } while (0)

struct rl_error {
	char msg[1024];
};

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *v (holding *cap elements of size sz) so that it can hold need. */
/* ASCII digits only: isdigit() depends on the locale and wants an int */
int is_digit(char c);
/* whether s[0..len) begins with the NUL-terminated prefix */
int starts_with(const char *s, size_t len, const char *prefix);

void grow_array(void **v, size_t *cap, size_t need, size_t sz);
#define GROW(v, cap, need) grow_array((void **)&(v), &(cap), (need), sizeof(*(v)))

/* Fill err (when not NULL) and return -1, so callers can write
 * `return rl_fail(err, "cannot read '%s'", path);`. */
int rl_fail(struct rl_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * What a file's bytes are, from their signature: text, a document redline
 * does not read (PDF, DOCX, ODT, Word 97-2003, RTF, another ZIP archive),
 * UTF-16 with a byte-order mark (decoded by utf8_from_utf16), or UTF-16
 * without one (most of one byte of each pair is zero). Nothing is said
 * here; the edge that named the file tells people what to do.
 */
enum file_kind {
	FILE_TEXT, FILE_PDF, FILE_DOCX, FILE_ODT, FILE_DOC, FILE_RTF, FILE_ZIP,
	FILE_UTF16LE_BOM, FILE_UTF16BE_BOM, FILE_UTF16LE, FILE_UTF16BE
};
enum file_kind file_kind(const char *buf, size_t len);

/* 64-bit FNV-1a; stable across runs so keys can be compared between documents. */
unsigned long long hash_bytes(const void *p, size_t n);

/* Sort in place, ascending; no allocation. */
void u64_sort(uint64_t *v, size_t n);

#endif
