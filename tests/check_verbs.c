#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "verbs.h"

struct expect {
	const char *opener;
	enum verb_family family;
	int rank;
};

/* Every row of the table in the domain notes (verbs.md). */
static const struct expect scale_rows[] = {
	{ "Demands", VF_DIRECTIVE, 9 },
	{ "Decides", VF_DIRECTIVE, 8 },
	{ "Strongly urges", VF_DIRECTIVE, 7 },
	{ "Urges", VF_DIRECTIVE, 6 },
	{ "Calls upon", VF_DIRECTIVE, 5 },
	{ "Appeals to", VF_DIRECTIVE, 5 },
	{ "Requests", VF_DIRECTIVE, 4 },
	{ "Recommends", VF_DIRECTIVE, 3 },
	{ "Strongly encourages", VF_DIRECTIVE, 3 },
	{ "Encourages", VF_DIRECTIVE, 2 },
	{ "Invites", VF_DIRECTIVE, 1 },
	{ "Expresses its hope", VF_DIRECTIVE, 0 },
	{ "Suggests", VF_DIRECTIVE, 0 },
	{ "Strongly condemns", VF_CONCERN, 6 },
	{ "Condemns", VF_CONCERN, 5 },
	{ "Deplores", VF_CONCERN, 4 },
	{ "Expresses grave concern", VF_CONCERN, 3 },
	{ "Expresses deep concern", VF_CONCERN, 3 },
	{ "Expresses profound concern", VF_CONCERN, 3 },
	{ "Expresses serious concern", VF_CONCERN, 3 },
	{ "Expresses its grave concern", VF_CONCERN, 3 },
	{ "Expresses concern", VF_CONCERN, 2 },
	{ "Regrets", VF_CONCERN, 1 },
	{ "Stresses", VF_EMPHASIS, 3 },
	{ "Underlines", VF_EMPHASIS, 3 },
	{ "Emphasizes", VF_EMPHASIS, 3 },
	{ "Underscores", VF_EMPHASIS, 3 },
	{ "Reaffirms", VF_EMPHASIS, 2 },
	{ "Reiterates", VF_EMPHASIS, 2 },
	{ "Recognizes", VF_EMPHASIS, 1 },
	{ "Acknowledges", VF_EMPHASIS, 1 },
	{ "Affirms", VF_EMPHASIS, 1 },
	{ "Adopts", VF_ENDORSEMENT, 5 },
	{ "Approves", VF_ENDORSEMENT, 5 },
	{ "Endorses", VF_ENDORSEMENT, 5 },
	{ "Welcomes", VF_ENDORSEMENT, 4 },
	{ "Commends", VF_ENDORSEMENT, 3 },
	{ "Expresses appreciation", VF_ENDORSEMENT, 3 },
	{ "Notes", VF_ENDORSEMENT, 2 },
	{ "Notes with appreciation", VF_ENDORSEMENT, 2 },
	{ "Notes with concern", VF_ENDORSEMENT, 2 },
	{ "Takes note of", VF_ENDORSEMENT, 1 },
	{ "Recalls", VF_REFERENCE, 0 },
};

/* Preambular participles of the same families. */
static const struct expect participles[] = {
	{ "Urging", VF_DIRECTIVE, 6 },
	{ "Expressing grave concern", VF_CONCERN, 3 },
	{ "Expressing profound concern", VF_CONCERN, 3 },
	{ "Expressing deep concern", VF_CONCERN, 3 },
	{ "Expressing concern", VF_CONCERN, 2 },
	{ "Stressing", VF_EMPHASIS, 3 },
	{ "Underlining", VF_EMPHASIS, 3 },
	{ "Emphasizing", VF_EMPHASIS, 3 },
	{ "Reaffirming", VF_EMPHASIS, 2 },
	{ "Reiterating", VF_EMPHASIS, 2 },
	{ "Recognizing", VF_EMPHASIS, 1 },
	{ "Acknowledging", VF_EMPHASIS, 1 },
	{ "Welcoming", VF_ENDORSEMENT, 4 },
	{ "Noting", VF_ENDORSEMENT, 2 },
	{ "Noting with appreciation", VF_ENDORSEMENT, 2 },
	{ "Taking note of", VF_ENDORSEMENT, 1 },
	{ "Recalling", VF_REFERENCE, 0 },
	{ "Deploring", VF_CONCERN, 4 },
	{ "Condemning", VF_CONCERN, 5 },
	{ "Commending", VF_ENDORSEMENT, 3 },
	{ "Encouraging", VF_DIRECTIVE, 2 },
	{ "Requesting", VF_DIRECTIVE, 4 },
	{ "Calling upon", VF_DIRECTIVE, 5 },
	{ "Deciding", VF_DIRECTIVE, 8 },
};

static const struct expect other_languages[] = {
	/* French */
	{ "Exige", VF_DIRECTIVE, 9 },
	{ "Décide", VF_DIRECTIVE, 8 },
	{ "DÉCIDE", VF_DIRECTIVE, 8 },
	{ "Prie instamment", VF_DIRECTIVE, 6 },
	{ "Exhorte", VF_DIRECTIVE, 6 },
	{ "Demande", VF_DIRECTIVE, 5 },
	{ "Engage", VF_DIRECTIVE, 5 },
	{ "Prie", VF_DIRECTIVE, 4 },
	{ "Prie le Secrétaire général", VF_DIRECTIVE, 4 },
	{ "Recommande", VF_DIRECTIVE, 3 },
	{ "Encourage", VF_DIRECTIVE, 2 },
	{ "Encourage vivement", VF_DIRECTIVE, 3 },
	{ "Invite", VF_DIRECTIVE, 1 },
	{ "Souligne", VF_EMPHASIS, 3 },
	{ "Réaffirme", VF_EMPHASIS, 2 },
	{ "Reconnaît", VF_EMPHASIS, 1 },
	{ "Reconnait", VF_EMPHASIS, 1 },
	{ "Accueille avec satisfaction", VF_ENDORSEMENT, 4 },
	{ "Prend note", VF_ENDORSEMENT, 1 },
	{ "Rappelant", VF_REFERENCE, 0 },
	{ "Rappelant également", VF_REFERENCE, 0 },
	{ "Notant", VF_ENDORSEMENT, 2 },
	{ "Soulignant", VF_EMPHASIS, 3 },
	{ "Réaffirmant", VF_EMPHASIS, 2 },
	{ "Reconnaissant", VF_EMPHASIS, 1 },
	{ "Exhortant", VF_DIRECTIVE, 6 },
	{ "Prenant note", VF_ENDORSEMENT, 1 },
	/* decomposed accent (e + U+0301) */
	{ "De\xcc\x81" "cide", VF_DIRECTIVE, 8 },
	/* Spanish */
	{ "Exige", VF_DIRECTIVE, 9 },
	{ "Decide", VF_DIRECTIVE, 8 },
	{ "Insta encarecidamente", VF_DIRECTIVE, 7 },
	{ "Insta", VF_DIRECTIVE, 6 },
	{ "Exhorta", VF_DIRECTIVE, 5 },
	{ "Pide", VF_DIRECTIVE, 4 },
	{ "Solicita", VF_DIRECTIVE, 4 },
	{ "Recomienda", VF_DIRECTIVE, 3 },
	{ "Alienta", VF_DIRECTIVE, 2 },
	{ "Invita", VF_DIRECTIVE, 1 },
	{ "Destaca", VF_EMPHASIS, 3 },
	{ "Subraya", VF_EMPHASIS, 3 },
	{ "Reafirma", VF_EMPHASIS, 2 },
	{ "Reconoce", VF_EMPHASIS, 1 },
	{ "Acoge con beneplácito", VF_ENDORSEMENT, 4 },
	{ "ACOGE CON BENEPLÁCITO", VF_ENDORSEMENT, 4 },
	{ "Toma nota", VF_ENDORSEMENT, 1 },
	{ "Recordando", VF_REFERENCE, 0 },
	{ "Recordando también", VF_REFERENCE, 0 },
	{ "Observando", VF_ENDORSEMENT, 2 },
	{ "Destacando", VF_EMPHASIS, 3 },
	{ "Reafirmando", VF_EMPHASIS, 2 },
	{ "Reconociendo", VF_EMPHASIS, 1 },
	{ "Instando", VF_DIRECTIVE, 6 },
	{ "Tomando nota", VF_ENDORSEMENT, 1 },
};

static void
check_rows(const struct expect *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct verb_info vi = { VF_NONE, -1 };
		int rc = verbs_lookup(rows[i].opener, &vi);

		ck_assert_msg(rc == 0, "'%s' is not on the scale", rows[i].opener);
		ck_assert_msg(vi.family == rows[i].family && vi.rank == rows[i].rank,
			      "'%s': got %s %d, want %s %d", rows[i].opener,
			      verbs_family_name(vi.family), vi.rank,
			      verbs_family_name(rows[i].family), rows[i].rank);
	}
}

START_TEST(test_scale_rows)
{
	check_rows(scale_rows, sizeof(scale_rows) / sizeof(scale_rows[0]));
}
END_TEST

START_TEST(test_participles)
{
	check_rows(participles, sizeof(participles) / sizeof(participles[0]));
}
END_TEST

START_TEST(test_french_and_spanish)
{
	check_rows(other_languages, sizeof(other_languages) / sizeof(other_languages[0]));
}
END_TEST

START_TEST(test_unknown_leaves_out_zeroed)
{
	struct verb_info vi = { VF_DIRECTIVE, 7 };

	ck_assert_int_eq(verbs_lookup("Bearing in mind", &vi), -1);
	ck_assert_int_eq(vi.family, VF_NONE);
	ck_assert_int_eq(vi.rank, 0);
	vi.family = VF_CONCERN;
	ck_assert_int_eq(verbs_lookup("", &vi), -1);
	ck_assert_int_eq(vi.family, VF_NONE);
	ck_assert_int_eq(verbs_lookup(NULL, &vi), -1);
	ck_assert_int_eq(verbs_lookup("Also", &vi), -1);
	ck_assert_int_eq(verbs_lookup("Strongly", &vi), -1);
	/* a prefix of a word is not the word */
	ck_assert_int_eq(verbs_lookup("Noted", &vi), -1);
	ck_assert_int_eq(verbs_lookup("Urgesx", &vi), -1);
	ck_assert_int_eq(verbs_lookup("Urges", NULL), 0);
}
END_TEST

START_TEST(test_79_53_examples)
{
	struct verb_info vi;

	ck_assert_int_eq(verbs_lookup("Strongly urges", &vi), 0);
	ck_assert_int_eq(vi.family, VF_DIRECTIVE);
	ck_assert_int_eq(vi.rank, 7);
	ck_assert_int_eq(verbs_lookup("Strongly encourages", &vi), 0);
	ck_assert_int_eq(vi.rank, 3);
	ck_assert_int_eq(verbs_lookup("Encourages", &vi), 0);
	ck_assert_int_eq(vi.rank, 2);
	ck_assert_int_eq(verbs_lookup("Urging", &vi), 0);
	ck_assert_int_eq(vi.family, VF_DIRECTIVE);

	ck_assert_int_eq(verbs_compare("Encourages", "Urges"), SHIFT_STRONGER);
	ck_assert_int_eq(verbs_compare("Urges", "Encourages"), SHIFT_WEAKER);
	ck_assert_int_eq(verbs_compare("Stresses", "Encourages"), SHIFT_UNKNOWN);
	ck_assert_int_eq(verbs_compare("Noting also", "Noting"), SHIFT_SAME);
	ck_assert_int_eq(verbs_compare("Recalling", "Recalls"), SHIFT_SAME);
	ck_assert_int_eq(verbs_compare("Strongly encourages", "Recommends"), SHIFT_SAME);
	ck_assert_int_eq(verbs_compare("Strongly encourages", "Strongly urges"),
			 SHIFT_STRONGER);
	ck_assert_int_eq(verbs_compare("Expressing concern", "Expressing grave concern"),
			 SHIFT_STRONGER);
	ck_assert_int_eq(verbs_compare("Bearing in mind", "Bearing in mind"), SHIFT_UNKNOWN);
	ck_assert_int_eq(verbs_compare("Urges", "Supports"), SHIFT_UNKNOWN);
	ck_assert_int_eq(verbs_compare("Recalling", "Noting"), SHIFT_UNKNOWN);
	/* across languages, one scale */
	ck_assert_int_eq(verbs_compare("Encourage", "Exhorte"), SHIFT_STRONGER);
	ck_assert_int_eq(verbs_compare("Insta", "Urges"), SHIFT_SAME);
}
END_TEST

START_TEST(test_connectives_ignored)
{
	static const char *const same[][2] = {
		{ "Noting also", "Noting" },
		{ "Also noting", "Noting" },
		{ "Expressing concern also", "Expressing concern" },
		{ "Expressing also its grave concern", "Expressing grave concern" },
		{ "Further requests", "Requests" },
		{ "Requests further", "Requests" },
		{ "Furthermore decides", "Decides" },
		{ "Once again urges", "Urges" },
		{ "Again calls upon", "Calls upon" },
		{ "Moreover welcomes", "Welcomes" },
		{ "Recalling further", "Recalling" },
		{ "Also strongly urges", "Strongly urges" },
		{ "Taking note also of", "Taking note of" },
		{ "Réaffirmant de nouveau", "Réaffirmant" },
		{ "Reafirmando una vez más", "Reafirmando" },
		{ "Alienta además", "Alienta" },
	};
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		struct verb_info a, b;

		ck_assert_msg(verbs_lookup(same[i][0], &a) == 0, "'%s'", same[i][0]);
		ck_assert_int_eq(verbs_lookup(same[i][1], &b), 0);
		ck_assert_msg(a.family == b.family && a.rank == b.rank,
			      "'%s' != '%s'", same[i][0], same[i][1]);
		ck_assert_int_eq(verbs_compare(same[i][0], same[i][1]), SHIFT_SAME);
	}
}
END_TEST

START_TEST(test_strongly_raises_one_rank)
{
	struct verb_info vi;

	ck_assert_int_eq(verbs_lookup("Strongly recommends", &vi), 0);
	ck_assert_int_eq(vi.family, VF_DIRECTIVE);
	ck_assert_int_eq(vi.rank, 4);
	ck_assert_int_eq(verbs_lookup("Strongly requests", &vi), 0);
	ck_assert_int_eq(vi.rank, 5);
	ck_assert_int_eq(verbs_lookup("Strongly deplores", &vi), 0);
	ck_assert_int_eq(vi.family, VF_CONCERN);
	ck_assert_int_eq(vi.rank, 5);
	ck_assert_int_eq(verbs_lookup("Strongly supports", &vi), -1);
	ck_assert_int_eq(vi.family, VF_NONE);
	/* own entries win over the rule */
	ck_assert_int_eq(verbs_lookup("Strongly urges", &vi), 0);
	ck_assert_int_eq(vi.rank, 7);
	ck_assert_int_eq(verbs_lookup("Strongly condemns", &vi), 0);
	ck_assert_int_eq(vi.rank, 6);
	ck_assert_int_eq(verbs_lookup("Strongly encouraging", &vi), 0);
	ck_assert_int_eq(vi.rank, 3);
	ck_assert_int_eq(verbs_compare("Recommends", "Strongly recommends"), SHIFT_STRONGER);
	/* the French and Spanish adverb follows the verb */
	ck_assert_int_eq(verbs_lookup("Condamne énergiquement", &vi), 0);
	ck_assert_int_eq(vi.family, VF_CONCERN);
	ck_assert_int_eq(vi.rank, 6);
	ck_assert_int_eq(verbs_lookup("Condena enérgicamente", &vi), 0);
	ck_assert_int_eq(vi.rank, 6);
}
END_TEST

START_TEST(test_case_and_spacing)
{
	struct verb_info vi;

	ck_assert_int_eq(verbs_lookup("STRONGLY URGES", &vi), 0);
	ck_assert_int_eq(vi.rank, 7);
	ck_assert_int_eq(verbs_lookup("strongly  urges", &vi), 0);
	ck_assert_int_eq(vi.rank, 7);
	ck_assert_int_eq(verbs_lookup("calls\nUPON", &vi), 0);
	ck_assert_int_eq(vi.rank, 5);
	ck_assert_int_eq(verbs_lookup("  Takes Note Of ", &vi), 0);
	ck_assert_int_eq(vi.rank, 1);
	ck_assert_int_eq(verbs_lookup("*Recalling*", &vi), 0);
	ck_assert_int_eq(vi.family, VF_REFERENCE);
	ck_assert_int_eq(verbs_lookup("RÉAFFIRME", &vi), 0);
	ck_assert_int_eq(vi.family, VF_EMPHASIS);
}
END_TEST

START_TEST(test_trailing_words_longest_prefix)
{
	struct verb_info vi;

	ck_assert_int_eq(verbs_lookup("Requests the Secretary-General", &vi), 0);
	ck_assert_int_eq(vi.family, VF_DIRECTIVE);
	ck_assert_int_eq(vi.rank, 4);
	ck_assert_int_eq(verbs_lookup("Calls upon all States", &vi), 0);
	ck_assert_int_eq(vi.rank, 5);
	ck_assert_int_eq(verbs_lookup("Expresses grave concern at the", &vi), 0);
	ck_assert_int_eq(vi.family, VF_CONCERN);
	ck_assert_int_eq(vi.rank, 3);
	ck_assert_int_eq(verbs_lookup("Expresses its appreciation to", &vi), 0);
	ck_assert_int_eq(vi.family, VF_ENDORSEMENT);
	ck_assert_int_eq(vi.rank, 3);
	ck_assert_int_eq(verbs_lookup("Welcomes with satisfaction", &vi), 0);
	ck_assert_int_eq(vi.rank, 4);
	/* "Reiterates its call upon" keeps the underlying verb */
	ck_assert_int_eq(verbs_lookup("Reiterates its call upon", &vi), 0);
	ck_assert_int_eq(vi.family, VF_DIRECTIVE);
	ck_assert_int_eq(vi.rank, 5);
	ck_assert_int_eq(verbs_lookup("Reiterates its support", &vi), 0);
	ck_assert_int_eq(vi.family, VF_EMPHASIS);
	ck_assert_int_eq(vi.rank, 2);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(verbs_shift_name(SHIFT_SAME), "same");
	ck_assert_str_eq(verbs_shift_name(SHIFT_STRONGER), "stronger");
	ck_assert_str_eq(verbs_shift_name(SHIFT_WEAKER), "weaker");
	ck_assert_str_eq(verbs_shift_name(SHIFT_UNKNOWN), "unknown");
	ck_assert_str_eq(verbs_family_name(VF_NONE), "none");
	ck_assert_str_eq(verbs_family_name(VF_DIRECTIVE), "directive");
	ck_assert_str_eq(verbs_family_name(VF_CONCERN), "concern");
	ck_assert_str_eq(verbs_family_name(VF_EMPHASIS), "emphasis");
	ck_assert_str_eq(verbs_family_name(VF_ENDORSEMENT), "endorsement");
	ck_assert_str_eq(verbs_family_name(VF_REFERENCE), "reference");
}
END_TEST

static unsigned
hedge_bit(const char *name)
{
	size_t i;

	for (i = 0; i < verbs_hedge_count(); i++)
		if (strcmp(verbs_hedge_name(i), name) == 0)
			return 1u << i;
	ck_abort_msg("no hedge '%s'", name);
	return 0;
}

static unsigned
hedges(const char *s)
{
	return verbs_hedges(s, strlen(s));
}

START_TEST(test_hedges_listed)
{
	static const char *const required[] = {
		"where appropriate", "as appropriate", "on a voluntary basis",
		"in a position to do so", "to consider", "where possible",
		"where relevant", "as and when", "upon their request",
		"if they so wish",
	};
	size_t i;

	ck_assert_uint_le(verbs_hedge_count(), sizeof(unsigned) * 8);
	ck_assert_ptr_null(verbs_hedge_name(verbs_hedge_count()));
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		unsigned bit = hedge_bit(required[i]);

		/* each hedge finds itself in a sentence */
		ck_assert_uint_ne(hedges(required[i]) & bit, 0);
	}
	for (i = 0; i < verbs_hedge_count(); i++) {
		const char *h = verbs_hedge_name(i);
		char upper[64];
		size_t k;

		/* the scan looks for hedges by their first two letters */
		ck_assert(h[0] >= 'a' && h[0] <= 'z' && h[1] >= 'a' && h[1] <= 'z');
		ck_assert_uint_eq(hedges(h), 1u << i);
		ck_assert_uint_lt(strlen(h), sizeof(upper));
		for (k = 0; h[k]; k++)
			upper[k] = (char)(h[k] >= 'a' && h[k] <= 'z' ? h[k] - 'a' + 'A' : h[k]);
		upper[k] = '\0';
		ck_assert_uint_eq(hedges(upper), 1u << i);
	}
}
END_TEST

START_TEST(test_hedges_detection)
{
	unsigned consider = hedge_bit("to consider");
	unsigned appropriate = hedge_bit("where appropriate");
	unsigned position = hedge_bit("in a position to do so");
	unsigned voluntary = hedge_bit("on a voluntary basis");
	const char partial[] = "as appropriate";

	ck_assert_uint_eq(hedges("Encourages States to consider developing"), consider);
	ck_assert_uint_eq(hedges("Encourages States to develop"), 0);
	ck_assert_uint_eq(hedges("gave it to considerable effect"), 0);
	ck_assert_uint_eq(hedges("intend to reconsider"), 0);
	ck_assert_uint_eq(hedges("TO CONSIDER, WHERE APPROPRIATE,"), consider | appropriate);
	ck_assert_uint_eq(hedges("States in a\n  position\tto do so"), position);
	ck_assert_uint_eq(hedges("in a position to do something"), 0);
	ck_assert_uint_eq(hedges("on a voluntary basis."), voluntary);
	ck_assert_uint_eq(hedges("to\xc2\xa0" "consider"), consider);
	ck_assert_uint_eq(hedges("xto consider"), 0);
	ck_assert_uint_eq(hedges("\xc3\xa9to consider"), 0);
	ck_assert_uint_eq(hedges(""), 0);
	ck_assert_uint_eq(verbs_hedges(NULL, 0), 0);
	/* only len bytes are read */
	ck_assert_uint_eq(verbs_hedges(partial, 8), 0);
	ck_assert_uint_eq(verbs_hedges(partial, sizeof(partial) - 1),
			  hedge_bit("as appropriate"));
}
END_TEST

START_TEST(test_decides_to_consider_is_no_hedge)
{
	const char *a = "Decides to consider the question at its eighty-first session;";
	const char *b = "Encourages States to consider the recommendations;";

	ck_assert_uint_eq(verbs_hedges(a, strlen(a)), 0);
	ck_assert_uint_ne(verbs_hedges(b, strlen(b)), 0);
}
END_TEST

START_TEST(test_intensifier_on_same_rank)
{
	ck_assert_int_eq(verbs_compare("Noting with concern", "Noting with deep concern"), SHIFT_STRONGER);
	ck_assert_int_eq(verbs_compare("Notes with grave concern", "Notes with concern"), SHIFT_WEAKER);
	ck_assert_int_eq(verbs_compare("Expressing deep concern", "Expressing profound concern"), SHIFT_SAME);
	ck_assert_int_eq(verbs_compare("Expresses its concern", "Expresses its grave concern"), SHIFT_STRONGER);
}
END_TEST

static Suite *
verbs_suite(void)
{
	Suite *s = suite_create("verbs");
	TCase *tc = tcase_create("verbs");

	tcase_add_test(tc, test_scale_rows);
	tcase_add_test(tc, test_decides_to_consider_is_no_hedge);
	tcase_add_test(tc, test_intensifier_on_same_rank);
	tcase_add_test(tc, test_participles);
	tcase_add_test(tc, test_french_and_spanish);
	tcase_add_test(tc, test_unknown_leaves_out_zeroed);
	tcase_add_test(tc, test_79_53_examples);
	tcase_add_test(tc, test_connectives_ignored);
	tcase_add_test(tc, test_strongly_raises_one_rank);
	tcase_add_test(tc, test_case_and_spacing);
	tcase_add_test(tc, test_trailing_words_longest_prefix);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_hedges_listed);
	tcase_add_test(tc, test_hedges_detection);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(verbs_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
