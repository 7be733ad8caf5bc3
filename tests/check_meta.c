#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/*
 * A draft's header: kind, symbol, Distr. date, sponsors, the group a
 * sponsor speaks for, the office that submits a draft. The texts are
 * written for these tests (symbols of session 85, which has not met);
 * they copy the layouts the UN prints, not any document.
 */

static void
parse_str(const char *text, struct resolution *r)
{
	struct rl_error err;

	resolution_init(r);
	err.msg[0] = '\0';
	ck_assert_msg(parse_resolution(text, strlen(text), "test.txt", r, &err) == 0, "parse failed: %s", err.msg);
}

/* The sponsors, joined by " | ", for one comparison per case */
static char *
sponsors(const struct resolution *r)
{
	size_t i, n = 1;
	char *s;

	for (i = 0; i < r->meta.nsponsors; i++)
		n += strlen(r->meta.sponsors[i]) + 3;
	s = calloc(n, 1);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < r->meta.nsponsors; i++) {
		if (i)
			strcat(s, " | ");
		strcat(s, r->meta.sponsors[i]);
	}
	return s;
}

#define ASSERT_SPONSORS(r, want) do { \
	char *got_ = sponsors(r); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
} while (0)

#define BODY "The General Assembly,\n\nRecalling its earlier resolutions,\n\n1. Decides to remain seized of the matter.\n"

START_TEST(test_one_sponsor)
{
	struct resolution r;

	parse_str("United Nations\nA/C.1/85/L.7\n\nGeneral Assembly\nDistr.: Limited\n12 October 2030\n"
		  "Original: English\n\nEighty-fifth session\nFirst Committee\nAgenda item 99\n"
		  "General and complete disarmament\n\n\nMexico: draft resolution\n\n\n"
		  "Keeping lighthouses lit\n\n" BODY, &r);
	ck_assert(r.is_resolution);
	ck_assert_str_eq(r.meta.symbol, "A/C.1/85/L.7");
	ck_assert_str_eq(r.meta.document_kind, "draft resolution");
	ck_assert_str_eq(r.meta.distributed, "2030-10-12");
	ck_assert_str_eq(r.meta.title, "Keeping lighthouses lit");
	ck_assert_uint_eq(r.meta.nsponsors, 1);
	ck_assert_str_eq(r.meta.sponsors[0], "Mexico");
	ck_assert_ptr_null(r.meta.on_behalf_of);
	ck_assert_ptr_null(r.meta.submitted_by);
	resolution_release(&r);
}
END_TEST

/* Wrapped over lines: a name broken at a space, at its hyphen and inside
 * its parentheses; names with "and" inside, in the middle and last. */
START_TEST(test_many_sponsors_wrapped)
{
	struct resolution r;

	parse_str("A/C.2/85/L.30\nDistr.: Limited 3 November 2030\n\nEighty-fifth session\nSecond Committee\n"
		  "Agenda item 18 (b)\nSustainable development: coastal towns\n\n"
		  "Argentina, Bolivia (Plurinational State of), Bosnia and Herzegovina, Guinea-\n"
		  "Bissau, Micronesia (Federated States of), New\n"
		  "Zealand, Republic of\n"
		  "Korea, Saint Vincent and the Grenadines, Venezuela (Bolivarian\n"
		  "Republic of) and Trinidad and Tobago: draft resolution\n\n"
		  "Coastal towns\n\n" BODY, &r);
	ASSERT_SPONSORS(&r, "Argentina | Bolivia (Plurinational State of) | Bosnia and Herzegovina | Guinea-Bissau | "
			    "Micronesia (Federated States of) | New Zealand | Republic of Korea | "
			    "Saint Vincent and the Grenadines | Venezuela (Bolivarian Republic of) | Trinidad and Tobago");
	ck_assert_str_eq(r.meta.distributed, "2030-11-03");
	ck_assert_str_eq(r.meta.title, "Coastal towns");
	resolution_release(&r);
	/* two names joined by "and", the first with "and" inside */
	parse_str("A/85/L.4\n\nUnited Kingdom of Great Britain and Northern Ireland and Uruguay: draft decision\n\n"
		  "Tides\n\n" BODY, &r);
	ASSERT_SPONSORS(&r, "United Kingdom of Great Britain and Northern Ireland | Uruguay");
	ck_assert_str_eq(r.meta.document_kind, "draft decision");
	ck_assert_ptr_null(r.meta.distributed);
	resolution_release(&r);
}
END_TEST

/* The marker of a note after a sponsor or after the colon; the note
 * "On behalf of ..." sits at the foot of the page, below the formula. */
START_TEST(test_on_behalf_of)
{
	struct resolution r;

	parse_str("A/C.3/85/L.9\nDistr.: Limited\n5 November 2030\n\nEighty-fifth session\nThird Committee\n"
		  "Agenda item 70\n\nChile, Egypt,* Fiji and Norway:** draft resolution\n\nFishing villages\n\n"
		  "The General Assembly,\n\nRecalling its earlier resolutions,\n\n"
		  "__________________\n\n"
		  "* On behalf of the States Members of the United Nations that are members of the Group of\n"
		  "Arab States.\n"
		  "** Any changes to the list of sponsors will be reflected in the official record of the meeting.\n\n"
		  "1. Decides to remain seized of the matter.\n", &r);
	ASSERT_SPONSORS(&r, "Chile | Egypt | Fiji | Norway");
	ck_assert_ptr_nonnull(r.meta.on_behalf_of);
	ck_assert_ptr_null(r.meta.on_behalf_of[0]);
	ck_assert_str_eq(r.meta.on_behalf_of[1],
			 "the States Members of the United Nations that are members of the Group of Arab States");
	ck_assert_ptr_null(r.meta.on_behalf_of[2]);
	ck_assert_ptr_null(r.meta.on_behalf_of[3]);
	resolution_release(&r);
	/* the whole list carries the star; its kind on the line below */
	parse_str("A/C.2/85/L.3\n\nIraq:*\ndraft resolution\n\nHarbours\n\nThe General Assembly,\n\n"
		  "Recalling its earlier resolutions,\n\n"
		  "* On behalf of the States that are members of the Group of 77 and China, taking into account also\n"
		  "the provisions of a resolution.\n\n"
		  "1. Decides to remain seized of the matter.\n", &r);
	ASSERT_SPONSORS(&r, "Iraq");
	ck_assert_str_eq(r.meta.document_kind, "draft resolution");
	ck_assert_str_eq(r.meta.on_behalf_of[0], "the States that are members of the Group of 77 and China");
	ck_assert_str_eq(r.meta.title, "Harbours");
	resolution_release(&r);
}
END_TEST

START_TEST(test_revised_symbol)
{
	struct resolution r;

	parse_str("\n\nA/C.1/85/L.43/Rev.1\n\nDistr.: Limited 30 October 2030\n\nOriginal: English\n\n"
		  "Eighty-fifth session First Committee Agenda item 98 (jj) General and complete disarmament\n\n"
		  "Canada, Japan and Peru: revised draft resolution\n\nSafer roads\n\n" BODY, &r);
	ck_assert_str_eq(r.meta.symbol, "A/C.1/85/L.43/Rev.1");
	ck_assert_str_eq(r.meta.document_kind, "draft resolution");
	ck_assert_str_eq(r.meta.distributed, "2030-10-30");
	ASSERT_SPONSORS(&r, "Canada | Japan | Peru");
	resolution_release(&r);
	/* a reissue's star is not part of the symbol */
	parse_str("A/C.1/85/L.44*\n\nPeru: draft resolution\n\nSafer bridges\n\n" BODY, &r);
	ck_assert_str_eq(r.meta.symbol, "A/C.1/85/L.44");
	resolution_release(&r);
}
END_TEST

START_TEST(test_resolution_has_no_sponsors)
{
	struct resolution r;

	parse_str("A/RES/85/12\nDistr.: General\n14 December 2030\n\nEighty-fifth session\nAgenda item 99\n\n"
		  "Resolution adopted by the General Assembly on 7 December 2030\n\n"
		  "[on the report of the First Committee (A/85/400, para. 10)]\n\n"
		  "85/12. Keeping lighthouses lit\n\n" BODY, &r);
	ck_assert_str_eq(r.meta.symbol, "A/RES/85/12");
	ck_assert_str_eq(r.meta.document_kind, "resolution");
	ck_assert_str_eq(r.meta.distributed, "2030-12-14");
	ck_assert_str_eq(r.meta.adopted, "2030-12-07");
	ck_assert_ptr_null(r.meta.sponsors);
	ck_assert_uint_eq(r.meta.nsponsors, 0);
	ck_assert_ptr_null(r.meta.on_behalf_of);
	ck_assert_ptr_null(r.meta.submitted_by);
	resolution_release(&r);
}
END_TEST

START_TEST(test_submitted_by_an_office)
{
	struct resolution r;

	parse_str("A/C.2/85/L.50\nDistr.: Limited\n1 December 2030\n\nEighty-fifth session\nSecond Committee\n"
		  "Agenda item 18\n\nDraft resolution submitted by the Vice-Chair of the Committee, Ana Pérez\n"
		  "(Chile ), on the basis of informal consultations on draft resolution A/C.2/85/L.30\n\n"
		  "Coastal towns\n\n" BODY, &r);
	ck_assert_str_eq(r.meta.document_kind, "draft resolution");
	ck_assert_ptr_null(r.meta.sponsors);
	ck_assert_str_eq(r.meta.submitted_by, "the Vice-Chair of the Committee, Ana Pérez (Chile), on the basis of "
						"informal consultations on draft resolution A/C.2/85/L.30");
	ck_assert_str_eq(r.meta.symbol, "A/C.2/85/L.50");
	ck_assert_str_eq(r.meta.title, "Coastal towns");
	resolution_release(&r);
	/* "Draft resolution" alone: a draft no one is named for */
	parse_str("A/C.6/85/L.8\n\nSixth Committee\nAgenda item 78\n\nDraft resolution\n\nTrade law\n\n" BODY, &r);
	ck_assert_str_eq(r.meta.document_kind, "draft resolution");
	ck_assert_ptr_null(r.meta.sponsors);
	ck_assert_ptr_null(r.meta.submitted_by);
	resolution_release(&r);
}
END_TEST

/* pdftotext without blank lines: the agenda item's title runs straight
 * into the sponsors, and must not become one */
START_TEST(test_sponsors_after_agenda_title)
{
	struct resolution r;

	parse_str("A/85/L.6\nDistr.: Limited\n7 October 2030\nEighty-fifth session\nAgenda item 38\n"
		  "Cooperation between the United Nations and the\nLeague of Coastal States\n"
		  "Albania, Brazil, Cabo Verde, Republic of\nMoldova and Samoa: draft resolution\n"
		  "Cooperation with coastal States\n" BODY, &r);
	ASSERT_SPONSORS(&r, "Albania | Brazil | Cabo Verde | Republic of Moldova | Samoa");
	ck_assert_str_eq(r.meta.distributed, "2030-10-07");
	resolution_release(&r);
}
END_TEST

/* No enacting formula: an amendment is read down to its title, and only
 * because it opens as a UN document does */
START_TEST(test_amendment_without_formula)
{
	struct resolution r;

	parse_str("United Nations\nA/C.3/85/L.60\nGeneral Assembly\nDistr.: Limited\n9 November 2030\n\n"
		  "Eighty-fifth session\nThird Committee\nAgenda item 69\n\n"
		  "Norway and Peru: amendment to draft resolution A/C.3/85/L.9\n\nFishing villages\n\n"
		  "After operative paragraph 3, insert a new paragraph reading:\n\n"
		  "Notes the report of Spain: draft resolution A/C.3/85/L.2 of 2 March 2031;\n", &r);
	ck_assert(!r.is_resolution);
	ck_assert_ptr_null(r.meta.language);
	ck_assert_str_eq(r.meta.symbol, "A/C.3/85/L.60");
	ck_assert_str_eq(r.meta.document_kind, "amendment");
	ck_assert_str_eq(r.meta.distributed, "2030-11-09");
	ck_assert_str_eq(r.meta.title, "Fishing villages");
	ck_assert_str_eq(r.meta.session, "Eighty-fifth session");
	ASSERT_SPONSORS(&r, "Norway | Peru");
	resolution_release(&r);
	/* a note: its symbol and date, and no sponsors in a sentence that
	 * looks like a sponsors' line */
	parse_str("United Nations\nA/85/L.9\nGeneral Assembly\nDistr.: General\n1 May 2030\n\nEighty-fifth session\n\n"
		  "Note by the Secretariat\n\nthe report of Spain: draft resolution A/85/L.2 was issued.\n", &r);
	ck_assert_str_eq(r.meta.symbol, "A/85/L.9");
	ck_assert_str_eq(r.meta.distributed, "2030-05-01");
	ck_assert_ptr_null(r.meta.document_kind);
	ck_assert_ptr_null(r.meta.sponsors);
	ck_assert_ptr_null(r.meta.title);
	resolution_release(&r);
	/* plain text that is no UN document says nothing about itself */
	parse_str("Notes of the meeting\n\nSpain: draft resolution A/C.3/85/L.2 was discussed.\n", &r);
	ck_assert(!r.is_resolution);
	ck_assert_ptr_null(r.meta.symbol);
	ck_assert_ptr_null(r.meta.sponsors);
	ck_assert_ptr_null(r.meta.document_kind);
	ck_assert_ptr_null(r.meta.distributed);
	resolution_release(&r);
}
END_TEST

/* A session is the short start of its line ("Tenth emergency special
 * session"), never a wrapped line of running text that ends in "session":
 * else the metadata would depend on where the text was wrapped (found by
 * fuzzing the Word export, which writes a paragraph on one line). */
START_TEST(test_session_not_from_running_text)
{
	struct resolution r;

	parse_str("United Nations\nA/80/L.99\nGeneral Assembly\nDistr.: Limited\n1 May 2030\n\n"
		  "Taking note of the report adopted by the Conference of the Food and Agriculture\n"
		  "Organization of the United Nations at its forty-fourth session,\n\n"
		  "Decides to remain seized of the matter.\n", &r);
	ck_assert_ptr_null(r.meta.session);
	resolution_release(&r);
	parse_str("United Nations\nA/ES-10/L.99\nGeneral Assembly\nDistr.: Limited\n1 May 2030\n\n"
		  "Tenth emergency special session\nAgenda item 5\n\nA title\n\nThe General Assembly,\n\n"
		  "1. Decides to adjourn;\n", &r);
	ck_assert_str_eq(r.meta.session, "Tenth emergency special session");
	resolution_release(&r);
}
END_TEST

START_TEST(test_french_and_spanish)
{
	struct resolution r;

	parse_str("A/C.1/85/L.20\nDistr. limitée\n14 octobre 2030\n\n"
		  "Algérie, Côte d’Ivoire, Maroc et Tunisie : projet de résolution\n\nPhares côtiers\n\n"
		  "L'Assemblée générale,\n\nRappelant ses résolutions antérieures,\n\n1. Décide de rester saisie de la question.\n",
		  &r);
	ck_assert_str_eq(r.meta.language, "fr");
	ck_assert_str_eq(r.meta.document_kind, "draft resolution");
	ck_assert_str_eq(r.meta.distributed, "2030-10-14");
	ASSERT_SPONSORS(&r, "Algérie | Côte d’Ivoire | Maroc | Tunisie");
	resolution_release(&r);
	parse_str("A/C.1/85/L.21\nDistr. limitada\n14 de octubre de 2030\n\n"
		  "Chile, Perú y Trinidad y Tabago: proyecto de resolución\n\nFaros costeros\n\n"
		  "La Asamblea General,\n\nRecordando sus resoluciones anteriores,\n\n1. Decide seguir ocupándose de la cuestión.\n",
		  &r);
	ck_assert_str_eq(r.meta.language, "es");
	ck_assert_str_eq(r.meta.distributed, "2030-10-14");
	ASSERT_SPONSORS(&r, "Chile | Perú | Trinidad y Tabago");
	resolution_release(&r);
}
END_TEST

static Suite *
meta_suite(void)
{
	Suite *s = suite_create("meta");
	TCase *tc = tcase_create("drafts");

	tcase_add_test(tc, test_one_sponsor);
	tcase_add_test(tc, test_many_sponsors_wrapped);
	tcase_add_test(tc, test_on_behalf_of);
	tcase_add_test(tc, test_revised_symbol);
	tcase_add_test(tc, test_resolution_has_no_sponsors);
	tcase_add_test(tc, test_submitted_by_an_office);
	tcase_add_test(tc, test_sponsors_after_agenda_title);
	tcase_add_test(tc, test_amendment_without_formula);
	tcase_add_test(tc, test_french_and_spanish);
	tcase_add_test(tc, test_session_not_from_running_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(meta_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
