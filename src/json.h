/*
 * json: a small streaming JSON writer for the machine-readable contract.
 *
 * Ownership: the writer borrows the FILE and everything passed to it.
 * Errors: none reported per call; json_writer_finish returns -1 when the
 * stream had a write error or the nesting was left unbalanced.
 * Strings are written as valid UTF-8 with control characters escaped;
 * invalid bytes become U+FFFD, so output is always valid JSON.
 */
#ifndef REDLINE_JSON_H
#define REDLINE_JSON_H

#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json_writer {
	FILE *f;
	int depth;
	int first[JSON_MAX_DEPTH];	/* no element written yet at this level */
	int after_key;			/* a key was written; the value follows */
	int pretty;			/* indent with two spaces per level */
	int error;
};

void json_writer_init(struct json_writer *w, FILE *f, int pretty);
int json_writer_finish(struct json_writer *w);	/* writes the final newline */
void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
void json_string(struct json_writer *w, const char *s);		/* NULL writes null */
void json_string_n(struct json_writer *w, const char *s, size_t n);
void json_int(struct json_writer *w, long long v);
void json_double(struct json_writer *w, double v);	/* up to 3 decimals, no exponent */
void json_bool(struct json_writer *w, int v);
void json_null(struct json_writer *w);
/* an object member: the key, then its value */
void json_member_string(struct json_writer *w, const char *key, const char *s);
void json_member_int(struct json_writer *w, const char *key, long long v);

#endif
