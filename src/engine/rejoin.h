/*
 * rejoin: put back together words that a PDF extraction split with a space
 * ("manufac ture", "detonat ing", "Insti tute"), using the document itself
 * as the dictionary: two pieces are joined when the joined word occurs
 * elsewhere in the document and one of the pieces occurs nowhere else.
 * Real word pairs ("any one", "can not") survive, because both of their
 * words occur on their own.
 *
 * Ownership: rewrites the caller's strings in place (they only shrink).
 * Errors: none.
 */
#ifndef REDLINE_REJOIN_H
#define REDLINE_REJOIN_H

#include <stddef.h>

/* Returns the number of joins made across all texts. */
size_t rejoin_split_words(char **texts, size_t n);

#endif
