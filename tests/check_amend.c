#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "parse.h"

static const char draft[] =
	"A/C.1/99/L.1\n\nThe General Assembly,\n\n"
	"Recalling its resolutions,\n\n"
	"Noting with concern the threat,\xc2\xb9\n\n"
	"\xc2\xb9 See A/99/1.\n\n"
	"1. Welcomes the report;\n\n"
	"2. Encourages States to act;\n\n"
	"3. Requests the Secretary-General to report;\n\n"
	"4. Decides to remain seized of the matter.\n";

static struct amendment
sample(enum amend_action act, const char *clause, const char *text)
{
	struct amendment a;

	memset(&a, 0, sizeof(a));
	a.series = strdup("x.txt");
	a.draft = strdup("0123456789012345678901234567890123456789");
	a.action = act;
	a.clauses = malloc(sizeof(*a.clauses));
	a.clauses[0] = strdup(clause);
	a.nclauses = 1;
	a.sponsors = malloc(sizeof(*a.sponsors));
	a.sponsors[0] = strdup("Mexico");
	a.nsponsors = 1;
	a.text = text ? strdup(text) : NULL;
	return a;
}

/* the draft with a made, parsed */
static char *
applied(const struct amendment *a, struct resolution *out)
{
	struct resolution r;
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	resolution_init(&r);
	ck_assert_int_eq(parse_resolution(draft, strlen(draft), "d", &r, &err), 0);
	ck_assert_msg(amend_apply_text(draft, strlen(draft), &r, a, &sb, &err) == 0, "%s", err.msg);
	resolution_release(&r);
	resolution_init(out);
	ck_assert_int_eq(parse_resolution(sb.buf, sb.len, "d", out, &err), 0);
	return sbuf_detach(&sb);
}

static const char *
text_of(const struct resolution *r, const char *id)
{
	const struct clause *c = amend_find_clause(r, id, NULL);

	return c ? c->text : NULL;
}

START_TEST(test_record_round_trip)
{
	struct amendment a = sample(AMEND_REPLACE, "OP2", "Urges States to act;"), b;
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	a.rationale = strdup("stronger");
	amend_record_write(&a, &sb);
	ck_assert_int_eq(amend_record_read(sb.buf, sb.len, &b, &err), 0);
	ck_assert_str_eq(b.series, "x.txt");
	ck_assert_str_eq(b.clauses[0], "OP2");
	ck_assert_str_eq(b.sponsors[0], "Mexico");
	ck_assert_str_eq(b.rationale, "stronger");
	ck_assert_str_eq(b.text, "Urges States to act;");
	ck_assert_int_eq(b.action, AMEND_REPLACE);
	amendment_release(&a);
	amendment_release(&b);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_record_refused)
{
	static const char *const bad[] = {
		"",
		"redline-amendment 2\nseries x\n",
		"redline-amendment 1\nseries x.txt\ndraft 0123456789012345678901234567890123456789\naction replace\nclause OP1\nsponsor M\n\n",
		"redline-amendment 1\nseries x.txt\ndraft 01234\naction delete\nclause OP1\nsponsor M\n\n",
		"redline-amendment 1\nseries x.txt\ndraft 0123456789012345678901234567890123456789\naction fly\nclause OP1\nsponsor M\n\n",
		"redline-amendment 1\nseries x.txt\ndraft 0123456789012345678901234567890123456789\naction delete\nclause OP1\n\n",
		"redline-amendment 1\nseries x.txt\ndraft 0123456789012345678901234567890123456789\naction delete\nclause OP1\nsponsor M\nwho knows\n\n",
		"redline-amendment 1\nseries x.txt\ndraft 0123456789012345678901234567890123456789\naction delete\nclause OP1\nsponsor \033[31m\n\n",
		"redline-amendment 1\nseries x.txt\ndraft 0123456789012345678901234567890123456789\naction replace\nclause OP1\nclause OP2\nsponsor M\n\ntext\n",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct amendment a;
		struct rl_error err;

		ck_assert_msg(amend_record_read(bad[i], strlen(bad[i]), &a, &err) == -1, "record %zu was read", i);
		ck_assert_ptr_null(a.series);
	}
}
END_TEST

START_TEST(test_events_and_states)
{
	struct amendment a = sample(AMEND_DELETE, "OP1", NULL);
	struct amend_state st;
	struct amend_event ev;
	struct rl_error why;

	amend_state_init(&st, &a);
	ck_assert_int_eq(amend_event_parse("accept\n", &ev), 0);
	ck_assert_int_eq(ev.kind, AEV_ACCEPT);
	ck_assert_int_eq(amend_event_parse("accepted", &ev), -1);
	ck_assert_int_eq(amend_event_parse("accept it", &ev), -1);
	ck_assert_int_eq(amend_state_apply(&st, &ev), 0);
	ck_assert_int_eq(st.status, AMEND_ACCEPTED);
	ck_assert_int_eq(amend_event_parse("reject", &ev), 0);
	ck_assert_int_eq(amend_event_allowed(&st, &ev, &why), -1);
	ck_assert_str_eq(why.msg, "it is accepted");
	ck_assert_int_eq(amend_state_apply(&st, &ev), -1);
	ck_assert_int_eq(st.status, AMEND_ACCEPTED);
	ck_assert_int_eq(amend_event_parse("cosponsor Canada", &ev), 0);
	ck_assert_int_eq(amend_state_apply(&st, &ev), -1);	/* closed */
	ck_assert_int_eq(amend_event_parse("reopen", &ev), 0);
	ck_assert_int_eq(amend_state_apply(&st, &ev), 0);
	ck_assert_int_eq(st.status, AMEND_PROPOSED);
	ck_assert_int_eq(amend_event_parse("cosponsor Canada\n\nmore", &ev), 0);
	ck_assert_int_eq(amend_state_apply(&st, &ev), 0);
	ck_assert_int_eq(st.nsponsors, 2);
	ck_assert_str_eq(st.sponsors[1], "Canada");
	ck_assert_int_eq(amend_state_apply(&st, &ev), -1);	/* already */
	ck_assert_int_eq(amend_event_parse("cosponsor", &ev), -1);
	amend_state_release(&st);
	amendment_release(&a);
}
END_TEST

START_TEST(test_words)
{
	enum para_status p;
	enum amend_status s;

	ck_assert_int_eq(para_status_from_word("Agreed-ad-ref", &p), 0);
	ck_assert_int_eq(p, PARA_AGREED_AD_REF);
	ck_assert_str_eq(para_status_word(p), "agreed ad ref");
	ck_assert_int_eq(para_status_from_word("ad ref", &p), 0);
	ck_assert_int_eq(para_status_from_word("bracketed", &p), -1);
	ck_assert_int_eq(amend_status_from_word("WITHDRAWN", &s), 0);
	ck_assert_int_eq(s, AMEND_WITHDRAWN);
	ck_assert(!amend_valid_name("", 10));
	ck_assert(!amend_valid_name(" Chile", 10));
	ck_assert(!amend_valid_name("A\nB", 10));
	ck_assert(!amend_valid_name("Bolivia (Plurinational State of)", 10));
	ck_assert(amend_valid_name("C\xc3\xb4te d'Ivoire", 100));
}
END_TEST

START_TEST(test_replace_keeps_number)
{
	struct amendment a = sample(AMEND_REPLACE, "op2", "Urges States to act now;");
	struct resolution r;
	char *t = applied(&a, &r);

	ck_assert_str_eq(text_of(&r, "OP2"), "Urges States to act now;");
	ck_assert_str_eq(text_of(&r, "OP1"), "Welcomes the report;");
	ck_assert_str_eq(text_of(&r, "OP3"), "Requests the Secretary-General to report;");
	ck_assert_ptr_nonnull(strstr(t, "\n2. Urges States to act now;\n"));
	resolution_release(&r);
	amendment_release(&a);
	free(t);
}
END_TEST

START_TEST(test_replace_drops_orphan_footnote)
{
	struct amendment a = sample(AMEND_REPLACE, "PP2", "Noting the threat,");
	struct resolution r;
	char *t = applied(&a, &r);

	ck_assert_ptr_null(strstr(t, "See A/99/1"));
	ck_assert_uint_eq(r.nfootnotes, 0);
	ck_assert_str_eq(text_of(&r, "PP2"), "Noting the threat,");
	resolution_release(&r);
	amendment_release(&a);
	free(t);
}
END_TEST

START_TEST(test_insert_renumbers)
{
	struct amendment a = sample(AMEND_INSERT, "OP2", "Invites States to share data;");
	struct resolution r;
	char *t = applied(&a, &r);

	ck_assert_str_eq(text_of(&r, "OP3"), "Invites States to share data;");
	ck_assert_str_eq(text_of(&r, "OP4"), "Requests the Secretary-General to report;");
	ck_assert_str_eq(text_of(&r, "OP5"), "Decides to remain seized of the matter.");
	ck_assert_ptr_nonnull(strstr(t, "\n\n3. Invites States to share data;\n\n4. Requests"));
	resolution_release(&r);
	amendment_release(&a);
	free(t);
}
END_TEST

START_TEST(test_insert_after_last)
{
	struct amendment a = sample(AMEND_INSERT, "OP4", "Decides also to act.");
	struct resolution r;
	char *t = applied(&a, &r);

	ck_assert_str_eq(text_of(&r, "OP5"), "Decides also to act.");
	resolution_release(&r);
	amendment_release(&a);
	free(t);
}
END_TEST

START_TEST(test_delete_renumbers)
{
	struct amendment a = sample(AMEND_DELETE, "OP1", NULL);
	struct resolution r;
	char *t;

	a.clauses = realloc(a.clauses, 2 * sizeof(*a.clauses));
	a.clauses[1] = strdup("OP3");
	a.nclauses = 2;
	t = applied(&a, &r);
	ck_assert_str_eq(text_of(&r, "OP1"), "Encourages States to act;");
	ck_assert_str_eq(text_of(&r, "OP2"), "Decides to remain seized of the matter.");
	ck_assert_ptr_null(amend_find_clause(&r, "OP3", NULL));
	ck_assert_ptr_nonnull(strstr(t, "\n1. Encourages States to act;\n\n2. Decides"));
	resolution_release(&r);
	amendment_release(&a);
	free(t);
}
END_TEST

START_TEST(test_unknown_clause)
{
	struct amendment a = sample(AMEND_REPLACE, "OP9", "x");
	struct resolution r;
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	resolution_init(&r);
	ck_assert_int_eq(parse_resolution(draft, strlen(draft), "d", &r, &err), 0);
	ck_assert_int_eq(amend_apply_text(draft, strlen(draft), &r, &a, &sb, &err), -1);
	ck_assert_str_eq(err.msg, "there is no OP9 in the draft");
	resolution_release(&r);
	amendment_release(&a);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_words_everywhere)
{
	struct amendment a = sample(AMEND_WORDS, "PP*", "States Members");
	struct resolution r;
	char *t;

	a.find = strdup("States");
	a.clauses = realloc(a.clauses, 2 * sizeof(*a.clauses));
	a.clauses[1] = strdup("OP*");
	a.nclauses = 2;
	t = applied(&a, &r);
	ck_assert_str_eq(text_of(&r, "OP2"), "Encourages States Members to act;");
	/* only in the parts named: the heading is left alone */
	ck_assert_ptr_nonnull(strstr(t, "A/C.1/99/L.1\n"));
	resolution_release(&r);
	amendment_release(&a);
	free(t);
}
END_TEST

START_TEST(test_words_across_lines_and_deleted)
{
	static const char src[] = "The General Assembly,\n\n1. Takes note of the\nreport of the Secretary-General;\n\n2. Decides to act.\n";
	struct amendment a = sample(AMEND_WORDS, "OP1", "");
	struct resolution r, after;
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	a.find = strdup("of the report");
	resolution_init(&r);
	resolution_init(&after);
	ck_assert_int_eq(parse_resolution(src, strlen(src), "d", &r, &err), 0);
	ck_assert_msg(amend_apply_text(src, strlen(src), &r, &a, &sb, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(parse_resolution(sb.buf, sb.len, "d", &after, &err), 0);
	ck_assert_str_eq(text_of(&after, "OP1"), "Takes note of the Secretary-General;");
	/* words that are not there: said, not guessed */
	sbuf_reset(&sb);
	free(a.find);
	a.find = strdup("welcomes");
	ck_assert_int_eq(amend_apply_text(src, strlen(src), &r, &a, &sb, &err), -1);
	ck_assert_str_eq(err.msg, "the words \"welcomes\" are not in OP1");
	/* nor inside another word */
	free(a.find);
	a.find = strdup("ecides");
	ck_assert_int_eq(amend_apply_text(src, strlen(src), &r, &a, &sb, &err), -1);
	resolution_release(&r);
	resolution_release(&after);
	amendment_release(&a);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_words_in_the_title_only)
{
	static const char src[] = "Agenda item 5: the Chernobyl disaster\n\nLegacy of the Chernobyl\ndisaster\n\n"
				  "The General Assembly,\n\nRecalling the Chernobyl disaster,\n\n1. Decides to act.\n";
	struct amendment a = sample(AMEND_WORDS, "title", "Chornobyl");
	struct resolution r;
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	a.find = strdup("Chernobyl");
	resolution_init(&r);
	ck_assert_int_eq(parse_resolution(src, strlen(src), "d", &r, &err), 0);
	ck_assert_msg(amend_apply_text(src, strlen(src), &r, &a, &sb, &err) == 0, "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(sb.buf, "Agenda item 5: the Chernobyl disaster"));
	ck_assert_ptr_nonnull(strstr(sb.buf, "Legacy of the Chornobyl\ndisaster"));
	ck_assert_ptr_nonnull(strstr(sb.buf, "Recalling the Chernobyl disaster"));
	resolution_release(&r);
	amendment_release(&a);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_words_past_markers_and_typography)
{
	static const char src[] = "The General Assembly,\n\nRecalling the Rome Statute of the\nCourt\u00b9\u00b9 that define, "
				  "COVID\u201119 and the Court 12 that rules,\n\n1. Decides to act.\n";
	struct amendment a = sample(AMEND_WORDS, "PP1", "");
	struct resolution r;
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	resolution_init(&r);
	ck_assert_int_eq(parse_resolution(src, strlen(src), "d", &r, &err), 0);
	a.find = strdup("Rome Statute of the Court that define, COVID-19 and the Court that rules");
	ck_assert_msg(amend_apply_text(src, strlen(src), &r, &a, &sb, &err) == 0, "%s", err.msg);
	/* the words gone, their footnote markers kept (a note never loses its marker) */
	ck_assert_ptr_nonnull(strstr(sb.buf, "Recalling the\u00b9\u00b9 12,\n"));
	resolution_release(&r);
	amendment_release(&a);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_insert_two_paragraphs)
{
	struct amendment a = sample(AMEND_INSERT, "OP1", "Invites States to share data;\n\nStresses the need to act;");
	struct resolution r;
	char *t = applied(&a, &r);

	ck_assert_str_eq(text_of(&r, "OP2"), "Invites States to share data;");
	ck_assert_str_eq(text_of(&r, "OP3"), "Stresses the need to act;");
	ck_assert_str_eq(text_of(&r, "OP4"), "Encourages States to act;");
	ck_assert_str_eq(text_of(&r, "OP6"), "Decides to remain seized of the matter.");
	resolution_release(&r);
	amendment_release(&a);
	free(t);
}
END_TEST

START_TEST(test_words_record)
{
	struct amendment a = sample(AMEND_WORDS, "title", ""), b;
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	a.find = strdup("Chernobyl");
	a.document = strdup("A/80/L.28");
	amend_record_write(&a, &sb);
	ck_assert_int_eq(amend_record_read(sb.buf, sb.len, &b, &err), 0);
	ck_assert_str_eq(b.find, "Chernobyl");
	ck_assert_str_eq(b.text, "");
	ck_assert_str_eq(b.document, "A/80/L.28");
	amendment_release(&b);
	/* words without what to find: refused */
	free(a.find);
	a.find = NULL;
	sbuf_reset(&sb);
	amend_record_write(&a, &sb);
	ck_assert_int_eq(amend_record_read(sb.buf, sb.len, &b, &err), -1);
	amendment_release(&a);
	sbuf_release(&sb);
}
END_TEST

static Suite *
amend_suite(void)
{
	Suite *s = suite_create("amend");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_record_round_trip);
	tcase_add_test(tc, test_record_refused);
	tcase_add_test(tc, test_events_and_states);
	tcase_add_test(tc, test_words);
	tcase_add_test(tc, test_replace_keeps_number);
	tcase_add_test(tc, test_replace_drops_orphan_footnote);
	tcase_add_test(tc, test_insert_renumbers);
	tcase_add_test(tc, test_insert_after_last);
	tcase_add_test(tc, test_delete_renumbers);
	tcase_add_test(tc, test_unknown_clause);
	tcase_add_test(tc, test_words_everywhere);
	tcase_add_test(tc, test_words_across_lines_and_deleted);
	tcase_add_test(tc, test_insert_two_paragraphs);
	tcase_add_test(tc, test_words_in_the_title_only);
	tcase_add_test(tc, test_words_past_markers_and_typography);
	tcase_add_test(tc, test_words_record);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(amend_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
