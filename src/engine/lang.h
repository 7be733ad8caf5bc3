/*
 * lang: everything the parser needs to know about one official language,
 * kept in one table so a language is added by adding a row, not by touching
 * the parser's logic.
 *
 * Ownership: the tables are static and read-only. Errors: none.
 * All word lists are NULL-terminated arrays of UTF-8 strings.
 */
#ifndef REDLINE_LANG_H
#define REDLINE_LANG_H

#include <stddef.h>

struct lang {
	const char *code;			/* "en" */
	const char *const *formulas;		/* enacting formula: "The General Assembly," */
	const char *const *opener_phrases;	/* multi-word openers: "Taking note of" */
	const char *const *connectives;		/* words that do not change an opener: "also", "en outre" */
	const char *const *lead_adverbs;	/* adverbs that belong to the opener: "Strongly" */
	const char *const *participle_endings;	/* a word ending so may open a PP: "ing" */
	const char *const *pp_words;		/* other PP openers: "Mindful", "Convinced" */
	const char *const *months;		/* twelve month names, lower case */
	const char *const *furniture;		/* whole lines that are page furniture */
	const char *const *closing_markers;	/* "plenary meeting" */
	const char *const *agenda_markers;	/* "Agenda item" */
	const char *const *session_markers;	/* "session" (after the ordinal) */
	const char *const *adopted_markers;	/* "adopted by the General Assembly on" */
	const char *const *report_markers;	/* "[on the report of the" */
	const char *const *annex_words;		/* "Annex" */
	const char *const *stopwords;		/* function words similarity leaves out; lower case, sorted */
	size_t nstopwords, longest_stopword;	/* (bytes) */
	const char *const *filler_words;	/* words a rewrite absorbs; lower case, sorted */
	size_t nfillers;
	int lower_case_openers;			/* Russian PPs start in lower case */
};

/* The languages redline knows, in detection order; n is set to the count. */
const struct lang *const *lang_all(size_t *n);
const struct lang *lang_english(void);
/* The language of a code ("en", "fr"), or NULL. */
const struct lang *lang_by_code(const char *code);
/* The language whose enacting formula starts this (trimmed) line, or NULL. */
const struct lang *lang_match_formula(const char *line, size_t len);
/* 1..12 for a month name of this language (case-insensitive), else 0. */
int lang_month(const struct lang *l, const char *word, size_t len);
/* Case-insensitive (ASCII and Latin-1) comparison of n bytes. */
int lang_casecmp(const char *a, const char *b, size_t n);
/* The first case-insensitive occurrence of needle in s[0..len), or NULL. */
const char *lang_find(const char *s, size_t len, const char *needle);
/* Bytes of the word at s: letters, digits, hyphens and apostrophes. */
size_t lang_word_len(const char *s, size_t len);
/* 1 if word is in the NULL-terminated list (case-insensitive). */
int lang_in_list(const char *const *list, const char *word, size_t len);
/* Whether the lower-case word w[0..n) is one of the language's stopwords,
 * or filler words (l NULL: English). */
int lang_is_stopword(const struct lang *l, const char *w, size_t n);
int lang_is_filler(const struct lang *l, const char *w, size_t n);
/* A byte that can be part of a word: ASCII letters and digits, and any
 * byte of a multi-byte character. */
int lang_is_word_byte(char c);

/*
 * Numbering, as the languages print it. Operative paragraphs: "12. ", or
 * "12 - " as Arabic texts do; sub-paragraphs: "(a) ", "a) ", "(ii) ".
 */
/* Bytes of an operative number prefix at s (digits in *digits), or 0. */
size_t lang_op_number_len(const char *s, size_t len, size_t *digits);
/* Bytes of a sub-paragraph prefix at s (its label in lab, lablen), or 0. */
size_t lang_subpara_len(const char *s, size_t len, const char **lab, size_t *lablen);
/* 1 when a line begins with a paragraph number of either kind. */
int lang_line_numbered(const char *s, size_t len);
/* 1 when a line could open a preambular paragraph: a capitalised
 * participle, or one of the language's PP words. */
int lang_pp_start(const struct lang *l, const char *s, size_t len);
/* Bytes of the opener at the start of a clause's text ("Strongly urges",
 * "Noting also"), or 0; l NULL means English. */
size_t lang_opener_length(const char *text, size_t len, const struct lang *l);

#endif
