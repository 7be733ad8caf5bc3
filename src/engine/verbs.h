/*
 * verbs: the strength scale of clause openers ("Encourages" < "Urges") and
 * the hedges that soften a clause ("where appropriate").
 *
 * Ownership: returned strings are static. Errors: lookups of unknown openers
 * return -1 and leave the out-parameter zeroed (family VF_NONE).
 */
#ifndef REDLINE_VERBS_H
#define REDLINE_VERBS_H

#include <stddef.h>

enum verb_family {
	VF_NONE = 0,	/* not on the scale */
	VF_DIRECTIVE,
	VF_CONCERN,
	VF_EMPHASIS,
	VF_ENDORSEMENT,
	VF_REFERENCE	/* Recalling, Recalls: neutral */
};

enum verb_shift { SHIFT_SAME, SHIFT_STRONGER, SHIFT_WEAKER, SHIFT_UNKNOWN };

struct verb_info {
	enum verb_family family;
	int rank;
};

/*
 * Place an opener on the scale. Accepts operative forms ("Strongly urges",
 * "Calls upon", "Takes note of", "Expresses grave concern"), preambular
 * participles ("Urging", "Noting also", "Expressing deep concern"), any
 * case, with connectives (also, further, once again, again) ignored and
 * "Strongly" raising one rank where the table has no entry of its own.
 * French and Spanish operative verbs map to the same scale.
 */
int verbs_lookup(const char *opener, struct verb_info *out);
/* stronger/weaker/same within one family; unknown across families or off the scale. */
enum verb_shift verbs_compare(const char *old_opener, const char *new_opener);
const char *verbs_shift_name(enum verb_shift s);	/* "stronger", ... */
const char *verbs_family_name(enum verb_family f);

/* Hedges: bit i set in the mask when hedge i occurs in text (case-insensitive, whole words). */
unsigned verbs_hedges(const char *text, size_t len);
size_t verbs_hedge_count(void);
const char *verbs_hedge_name(size_t i);	/* "where appropriate", ... */

#endif
