#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "lang.h"
#include "markdown.h"
#include "parse.h"
#include "repair.h"
#include "sbuf.h"
#include "util.h"

#ifndef SEED_PATH
#define SEED_PATH "samples/A-RES-79-53.txt"
#endif

static char *seed;
static size_t seed_len;

static void
load_seed(void)
{
	struct rl_error err;
	const char *srcdir = getenv("abs_top_srcdir");
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", srcdir ? srcdir : ".", SEED_PATH);
	if (read_file(path, &seed, &seed_len, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
}

static void
free_seed(void)
{
	free(seed);
}

static void
parse_ok(const char *text, size_t len, struct resolution *r)
{
	struct rl_error err;

	resolution_init(r);
	err.msg[0] = '\0';
	ck_assert_msg(parse_resolution(text, len, "test.txt", r, &err) == 0, "parse failed: %s", err.msg);
}

static void
parse_str(const char *text, struct resolution *r)
{
	parse_ok(text, strlen(text), r);
}

/*
 * The reference text: 29 PP, 28 OP, 24 footnotes, every opener and
 * footnote reference (checked by hand against the seed).
 */

static const struct {
	const char *id;
	const char *opener;
	const char *refs;
} seed_clauses[] = {
	{ "PP1", "Recalling", "" }, { "PP2", "Expressing grave concern", "1" },
	{ "PP3", "Expressing concern", "2" }, { "PP4", "Expressing profound concern", "" },
	{ "PP5", "Expressing concern", "" }, { "PP6", "Expressing concern also", "3" },
	{ "PP7", "Recognizing", "" }, { "PP8", "Underlining", "" }, { "PP9", "Noting", "" },
	{ "PP10", "Noting also", "" }, { "PP11", "Recognizing", "" }, { "PP12", "Stressing", "" },
	{ "PP13", "Underlining", "4" }, { "PP14", "Noting", "" }, { "PP15", "Stressing", "" },
	{ "PP16", "Urging", "" }, { "PP17", "Recognizing", "" }, { "PP18", "Recalling", "5" },
	{ "PP19", "Recalling also", "6" }, { "PP20", "Taking note of", "7" },
	{ "PP21", "Noting", "8,9,10,11" }, { "PP22", "Noting also", "12,13" },
	{ "PP23", "Recalling", "14,15,16" }, { "PP24", "Reaffirming", "" },
	{ "PP25", "Taking note of", "17" }, { "PP26", "Recalling", "" }, { "PP27", "Noting", "" },
	{ "PP28", "Noting also", "" }, { "PP29", "Taking note of", "18" },
	{ "OP1", "Strongly urges", "" }, { "OP2", "Strongly encourages", "" },
	{ "OP3", "Stresses", "" }, { "OP4", "Underlines", "" }, { "OP5", "Encourages", "" },
	{ "OP6", "Encourages", "" }, { "OP7", "Encourages", "" },
	{ "OP8", "Strongly encourages", "" }, { "OP9", "Encourages", "19" },
	{ "OP10", "Encourages", "" }, { "OP11", "Encourages", "20" }, { "OP12", "Recognizes", "" },
	{ "OP13", "Urges", "" }, { "OP14", "Encourages", "" }, { "OP15", "Encourages", "" },
	{ "OP16", "Encourages", "21" }, { "OP17", "Urges", "22" }, { "OP18", "Encourages", "23" },
	{ "OP19", "Encourages", "" }, { "OP20", "Encourages", "" }, { "OP21", "Urges", "24" },
	{ "OP22", "Requests", "" }, { "OP23", "Encourages", "" }, { "OP24", "Encourages", "" },
	{ "OP25", "Encourages", "" }, { "OP26", "Requests", "" }, { "OP27", "Encourages", "" },
	{ "OP28", "Decides", "" },
};

static void
refs_string(const struct clause *c, char *buf, size_t n)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < c->nfootnotes && o + 8 < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%d", i ? "," : "", c->footnotes[i]);
}

static void
assert_seed_structure(const struct resolution *r)
{
	size_t i, pp = 0, op = 0;
	char refs[128];

	ck_assert_uint_eq(r->nclauses, ARRAY_SIZE(seed_clauses));
	for (i = 0; i < r->nclauses; i++) {
		const struct clause *c = &r->clauses[i];
		ck_assert_str_eq(c->id, seed_clauses[i].id);
		ck_assert_ptr_nonnull(c->opener);
		ck_assert_str_eq(c->opener, seed_clauses[i].opener);
		refs_string(c, refs, sizeof(refs));
		ck_assert_msg(strcmp(refs, seed_clauses[i].refs) == 0, "%s refs %s, expected %s", c->id,
			      refs, seed_clauses[i].refs);
		ck_assert_int_eq(c->parent, -1);
		pp += c->section == SEC_PREAMBLE;
		op += c->section == SEC_OPERATIVE;
		/* the text starts with its opener and ends with its punctuation */
		ck_assert(strncmp(c->text, c->opener, strlen(c->opener)) == 0);
		ck_assert(strchr(",;.", c->text[strlen(c->text) - 1]) != NULL);
		ck_assert_ptr_null(strchr(c->text, '*'));
		ck_assert_ptr_null(strstr(c->text, "  "));
	}
	ck_assert_uint_eq(pp, 29);
	ck_assert_uint_eq(op, 28);
	ck_assert_uint_eq(r->nfootnotes, 24);
	for (i = 0; i < r->nfootnotes; i++)
		ck_assert_int_eq(r->footnotes[i].number, (int)i + 1);
}

START_TEST(test_seed_structure)
{
	struct resolution r;

	parse_ok(seed, seed_len, &r);
	ck_assert(r.is_resolution);
	assert_seed_structure(&r);
	ck_assert_uint_eq(r.nwarnings, 0);
	resolution_release(&r);
}
END_TEST

START_TEST(test_seed_metadata)
{
	struct resolution r;

	parse_ok(seed, seed_len, &r);
	ck_assert_str_eq(r.meta.symbol, "A/RES/79/53");
	ck_assert_str_eq(r.meta.title, "Countering the threat posed by improvised explosive devices");
	ck_assert_str_eq(r.meta.session, "Seventy-ninth session");
	ck_assert_str_eq(r.meta.agenda_item, "98 (jj)");
	ck_assert_str_eq(r.meta.adopted, "2024-12-02");
	ck_assert_str_eq(r.meta.committee_report, "A/79/408, para. 114");
	ck_assert_str_eq(r.meta.meeting, "43rd plenary meeting");
	ck_assert_str_eq(r.meta.language, "en");
	resolution_release(&r);
}
END_TEST

START_TEST(test_seed_repairs)
{
	struct resolution r;
	long i;

	parse_ok(seed, seed_len, &r);
	/* PP15 continues after a footnote block, in lower case */
	i = resolution_find_clause(&r, "PP15");
	ck_assert_ptr_nonnull(strstr(r.clauses[i].text, "chemical components, and to identify the networks"));
	/* OP1 continues after five footnotes */
	i = resolution_find_clause(&r, "OP1");
	ck_assert_ptr_nonnull(strstr(r.clauses[i].text, "firms incorporated in their territory"));
	/* OP8 continues after a page break with no footnote */
	i = resolution_find_clause(&r, "OP8");
	ck_assert_ptr_nonnull(strstr(r.clauses[i].text, "detonators to the illicit trade"));
	/* markers: glued after a comma, with a space before, at the end */
	i = resolution_find_clause(&r, "PP2");
	ck_assert_ptr_nonnull(strstr(r.clauses[i].text, "unauthorized recipients, which has affected"));
	i = resolution_find_clause(&r, "PP13");
	ck_assert_ptr_nonnull(strstr(r.clauses[i].text, "improvised explosive devices, including to prevent"));
	i = resolution_find_clause(&r, "PP22");
	ck_assert_ptr_nonnull(strstr(r.clauses[i].text, "Ban Convention\", submitted by"));
	i = resolution_find_clause(&r, "PP21");
	ck_assert_ptr_nonnull(strstr(r.clauses[i].text, "(Protocol V) to the Convention"));
	/* emphasis: "*Strongly urges*" and "*Treaty Series*" */
	ck_assert_str_eq(r.footnotes[7].text, "United Nations, Treaty Series, vol. 2048, No. 22495.");
	/* "Please recycle" is nowhere */
	for (i = 0; i < (long)r.nclauses; i++)
		ck_assert_ptr_null(strstr(r.clauses[i].text, "recycle"));
	/* footnote 2 is printed before footnote 1; both are read */
	ck_assert_str_eq(r.footnotes[0].text,
			 "See resolution 69/51, A/CONF.192/BMS/2014/2, A/71/187 and Security Council resolution 2370 (2017).");
	ck_assert_str_eq(r.footnotes[1].text, "See A/79/211.");
	resolution_release(&r);
}
END_TEST

/*
 * The same content in other layouts parses to the same clauses.
 */

static void
assert_same_clauses(const struct resolution *a, const struct resolution *b)
{
	size_t i, j;

	ck_assert_uint_eq(a->nclauses, b->nclauses);
	for (i = 0; i < a->nclauses; i++) {
		ck_assert_str_eq(a->clauses[i].id, b->clauses[i].id);
		ck_assert_str_eq(a->clauses[i].text, b->clauses[i].text);
		ck_assert_uint_eq(a->clauses[i].nfootnotes, b->clauses[i].nfootnotes);
		for (j = 0; j < a->clauses[i].nfootnotes; j++)
			ck_assert_int_eq(a->clauses[i].footnotes[j], b->clauses[i].footnotes[j]);
	}
	ck_assert_uint_eq(a->nfootnotes, b->nfootnotes);
	for (i = 0; i < a->nfootnotes; i++)
		ck_assert_str_eq(a->footnotes[i].text, b->footnotes[i].text);
}

/* CRLF line ends and a byte-order mark */
START_TEST(test_crlf_bom)
{
	struct sbuf sb = SBUF_INIT;
	struct resolution a, b;
	size_t i;

	sbuf_adds(&sb, "\xEF\xBB\xBF");
	for (i = 0; i < seed_len; i++) {
		if (seed[i] == '\n')
			sbuf_addch(&sb, '\r');
		sbuf_addch(&sb, seed[i]);
	}
	parse_ok(seed, seed_len, &a);
	parse_ok(sb.buf, sb.len, &b);
	assert_same_clauses(&a, &b);
	ck_assert_str_eq(b.meta.symbol, "A/RES/79/53");
	resolution_release(&a);
	resolution_release(&b);
	sbuf_release(&sb);
}
END_TEST

/*
 * Hard-wrap every body line at `width` columns as a PDF extraction would,
 * splitting some long words with an end-of-line hyphen, and optionally
 * dropping every blank line.
 */
static void
hard_wrap(const char *in, size_t len, int width, int keep_blank, struct sbuf *out)
{
	const char *p = in, *end = in + len, *formula = strstr(in, "The General Assembly,");
	size_t k = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n == 0) {
			if (keep_blank || p < formula)
				sbuf_addch(out, '\n');
		} else if (p <= formula) {
			sbuf_add(out, p, n);
			sbuf_addch(out, '\n');
		} else {
			size_t col = 0, i = 0;
			while (i < n) {
				size_t j = i;
				while (j < n && p[j] != ' ')
					j++;
				if (col > 0 && col + (j - i) > (size_t)width) {
					size_t wl = j - i, cut = wl / 2, q;
					int plain = wl >= 8 && (k++ % 3) == 0;
					/* split a long, unhyphenated, lower-case word across the line end */
					for (q = i; q < j && plain; q++)
						if (!(p[q] >= 'a' && p[q] <= 'z'))
							plain = 0;
					if (plain) {
						sbuf_addch(out, ' ');
						sbuf_add(out, p + i, cut);
						sbuf_adds(out, "-\n");
						sbuf_add(out, p + i + cut, wl - cut);
						col = wl - cut;
						i = j;
						while (i < n && p[i] == ' ')
							i++;
						continue;
					}
					sbuf_addch(out, '\n');
					col = 0;
				} else if (col > 0) {
					sbuf_addch(out, ' ');
					col++;
				}
				sbuf_add(out, p + i, j - i);
				col += j - i;
				i = j;
				while (i < n && p[i] == ' ')
					i++;
			}
			sbuf_addch(out, '\n');
		}
		p += n + 1;
	}
}

START_TEST(test_hard_wrapped_with_blank_lines)
{
	struct sbuf sb = SBUF_INIT;
	struct resolution a, b;

	int width;

	parse_ok(seed, seed_len, &a);
	for (width = 40; width <= 100; width += 10) {
		sbuf_reset(&sb);
		hard_wrap(seed, seed_len, width, 1, &sb);
		parse_ok(sb.buf, sb.len, &b);
		assert_same_clauses(&a, &b);
		resolution_release(&b);
	}
	resolution_release(&a);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_hard_wrapped_without_blank_lines)
{
	struct sbuf sb = SBUF_INIT;
	struct resolution a, b;
	int width;

	parse_ok(seed, seed_len, &a);
	for (width = 40; width <= 100; width += 10) {
		sbuf_reset(&sb);
		hard_wrap(seed, seed_len, width, 0, &sb);
		parse_ok(sb.buf, sb.len, &b);
		assert_same_clauses(&a, &b);
		resolution_release(&b);
	}
	resolution_release(&a);
	sbuf_release(&sb);
}
END_TEST

/*
 * Artifacts one at a time
 */

static const char head[] =
	"Distr.: General 9 December 2024\n\n"
	"Resolution adopted by the General Assembly on 2 December 2024\n\n"
	"79/53. A title\n\nThe General Assembly,\n\n";

static void
parse_body(const char *body, struct resolution *r)
{
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, head);
	sbuf_adds(&sb, body);
	parse_ok(sb.buf, sb.len, r);
	sbuf_release(&sb);
}

START_TEST(test_page_furniture_removed)
{
	struct resolution r;

	parse_body("Recalling its resolution 70/46 of 7 December\n"
		   "24-22881 (E)\n2/9\n*2422881*\nA/RES/79/53\n"
		   "A/RES/79/53 A title\nPlease recycle\n"
		   "2015, and its decision,\n\n"
		   "1. Decides to remain seized of the matter.\n", &r);
	ck_assert_uint_eq(r.nclauses, 2);
	ck_assert_str_eq(r.clauses[0].text, "Recalling its resolution 70/46 of 7 December 2015, and its decision,");
	ck_assert_str_eq(r.clauses[1].id, "OP1");
	resolution_release(&r);
}
END_TEST

START_TEST(test_form_feed_and_tabs)
{
	struct resolution r;

	parse_body("Noting the report,\n\f1.\tDecides to act;\n\n2.\tRequests a report.\n", &r);
	ck_assert_uint_eq(r.nclauses, 3);
	ck_assert_str_eq(r.clauses[1].id, "OP1");
	ck_assert_str_eq(r.clauses[1].text, "Decides to act;");
	ck_assert_str_eq(r.clauses[2].opener, "Requests");
	resolution_release(&r);
}
END_TEST

START_TEST(test_markers_and_emphasis)
{
	struct sbuf out = SBUF_INIT;
	int *refs = NULL;
	size_t n = 0;
	const char in[] = "*Encourages* States,\xC2\xB9 which is a *Treaty Series* item, \xE2\x81\xB4 and"
			  " resolution 69/250* of 2014,\xC2\xB9\xE2\x81\xB0";

	repair_clean_inline(in, sizeof(in) - 1, &out, &refs, &n);
	ck_assert_str_eq(out.buf, "Encourages States, which is a Treaty Series item, and resolution 69/250* of 2014,");
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(refs[0], 1);
	ck_assert_int_eq(refs[1], 4);
	ck_assert_int_eq(refs[2], 10);
	free(refs);
	sbuf_release(&out);
}
END_TEST

START_TEST(test_footnote_continuation_and_order)
{
	struct resolution r;

	parse_body("Recalling the Convention,\xC2\xB2 and the Protocol\xC2\xB9 of\n\n"
		   "\xC2\xB2 United Nations, Treaty Series, vol.\n2048, No. 22495.\n\n"
		   "\xC2\xB9 See A/79/211.\n\n"
		   "2017, as amended,\n\n1. Decides to act.\n", &r);
	ck_assert_uint_eq(r.nclauses, 2);
	ck_assert_str_eq(r.clauses[0].text, "Recalling the Convention, and the Protocol of 2017, as amended,");
	ck_assert_uint_eq(r.clauses[0].nfootnotes, 2);
	ck_assert_uint_eq(r.nfootnotes, 2);
	ck_assert_int_eq(r.footnotes[0].number, 1);
	ck_assert_str_eq(r.footnotes[1].text, "United Nations, Treaty Series, vol. 2048, No. 22495.");
	resolution_release(&r);
}
END_TEST

START_TEST(test_hyphen_join)
{
	struct resolution r;

	parse_body("Noting the Counter-\nTerrorism work, the impro-\nvised devices and the capacity-\n"
		   "building of capacity-building,\n", &r);
	ck_assert_str_eq(r.clauses[0].text, "Noting the Counter-Terrorism work, the improvised devices and the "
			 "capacity-building of capacity-building,");
	resolution_release(&r);
}
END_TEST

START_TEST(test_subparagraphs_and_annex)
{
	struct resolution r;

	parse_body("Noting the report,\n\n"
		   "1. Decides:\n\n(a) To act;\n\n(b) To report on:\n\n(i) progress;\n\n(ii) obstacles;\n\n"
		   "(c) To review;\n\n2. Requests the Secretary-General to report.\n\n"
		   "43rd plenary meeting\n2 December 2024\n\nAnnex\n\nGuidelines\n\n"
		   "1. States should act.\n\n2. States should report.\n", &r);
	ck_assert_uint_eq(r.nclauses, 10);
	ck_assert_str_eq(r.clauses[1].id, "OP1");
	ck_assert_str_eq(r.clauses[2].id, "OP1(a)");
	ck_assert_str_eq(r.clauses[2].number, "(a)");
	ck_assert_int_eq(r.clauses[2].parent, 1);
	ck_assert_str_eq(r.clauses[2].text, "To act;");
	ck_assert_str_eq(r.clauses[4].id, "OP1(b)(i)");
	ck_assert_int_eq(r.clauses[4].parent, 3);
	ck_assert_str_eq(r.clauses[5].id, "OP1(b)(ii)");
	ck_assert_str_eq(r.clauses[6].id, "OP1(c)");
	ck_assert_str_eq(r.clauses[7].id, "OP2");
	ck_assert_str_eq(r.clauses[8].id, "ANNEX.1");
	ck_assert_int_eq(r.clauses[8].section, SEC_ANNEX);
	ck_assert_str_eq(r.clauses[9].id, "ANNEX.2");
	ck_assert_str_eq(r.meta.meeting, "43rd plenary meeting");
	resolution_release(&r);
}
END_TEST

START_TEST(test_letter_i_after_h)
{
	struct resolution r;

	parse_body("1. Decides:\n\n(g) one;\n\n(h) two;\n\n(i) three;\n\n(j) four.\n", &r);
	ck_assert_uint_eq(r.nclauses, 5);
	ck_assert_str_eq(r.clauses[3].id, "OP1(i)");
	ck_assert_int_eq(r.clauses[3].parent, 0);
	resolution_release(&r);
}
END_TEST

START_TEST(test_single_unnumbered_operative)
{
	struct resolution r;

	parse_body("Recalling its resolution 70/46,\n\nDecides to include the item in its agenda.\n", &r);
	ck_assert_uint_eq(r.nclauses, 2);
	ck_assert_str_eq(r.clauses[1].id, "OP1");
	ck_assert_int_eq(r.clauses[1].section, SEC_OPERATIVE);
	ck_assert_ptr_null(r.clauses[1].number);
	resolution_release(&r);
}
END_TEST

START_TEST(test_french)
{
	struct resolution r;

	parse_str("Distr. générale\n9 décembre 2024\n\nSoixante-dix-neuvième session\n"
		  "Point 98 jj) de l'ordre du jour\n\n"
		  "Résolution adoptée par l'Assemblée générale le 2 décembre 2024\n\n"
		  "79/53. Lutte contre la menace\n\nL'Assemblée générale,\n\n"
		  "Rappelant ses résolutions 70/46 et 71/72,\n\n"
		  "Notant également le rapport,\xC2\xB9\n\n\xC2\xB9 A/79/211.\n\n"
		  "1. *Prie instamment* les États d'agir :\n\na) en coopérant ;\n\nb) en informant ;\n\n"
		  "2. Décide d'inscrire la question.\n\n43e séance plénière\n2 décembre 2024\n", &r);
	ck_assert_str_eq(r.meta.language, "fr");
	ck_assert_str_eq(r.meta.adopted, "2024-12-02");
	ck_assert_str_eq(r.meta.agenda_item, "98 jj)");
	ck_assert_str_eq(r.meta.session, "Soixante-dix-neuvième session");
	ck_assert_str_eq(r.meta.meeting, "43e séance plénière");
	ck_assert_uint_eq(r.nclauses, 6);
	ck_assert_str_eq(r.clauses[0].opener, "Rappelant");
	ck_assert_str_eq(r.clauses[1].opener, "Notant également");
	ck_assert_str_eq(r.clauses[2].opener, "Prie instamment");
	ck_assert_str_eq(r.clauses[3].id, "OP1(a)");
	ck_assert_str_eq(r.clauses[3].number, "a)");
	ck_assert_str_eq(r.clauses[5].opener, "Décide");
	ck_assert_uint_eq(r.nfootnotes, 1);
	resolution_release(&r);
}
END_TEST

START_TEST(test_spanish)
{
	struct resolution r;

	parse_str("Distr. general\n9 de diciembre de 2024\n\n"
		  "Resolución aprobada por la Asamblea General el 2 de diciembre de 2024\n\n"
		  "79/53. Lucha contra la amenaza\n\nLa Asamblea General,\n\n"
		  "Recordando sus resoluciones 70/46 y 71/72,\n\n"
		  "Observando también el informe,\n\n"
		  "1. Insta a los Estados a:\n\na) cooperar;\n\n"
		  "2. Decide incluir el tema.\n\n43ª sesión plenaria\n2 de diciembre de 2024\n", &r);
	ck_assert_str_eq(r.meta.language, "es");
	ck_assert_str_eq(r.meta.adopted, "2024-12-02");
	ck_assert_uint_eq(r.nclauses, 5);
	ck_assert_str_eq(r.clauses[0].opener, "Recordando");
	ck_assert_str_eq(r.clauses[1].opener, "Observando también");
	ck_assert_str_eq(r.clauses[2].id, "OP1");
	ck_assert_str_eq(r.clauses[3].id, "OP1(a)");
	resolution_release(&r);
}
END_TEST

START_TEST(test_not_a_resolution)
{
	struct resolution r;

	parse_str("Minutes of the meeting\n\nThe chair opened the meeting.\n\nIt closed at noon.\n", &r);
	ck_assert(!r.is_resolution);
	ck_assert_uint_eq(r.nclauses, 3);
	ck_assert_str_eq(r.clauses[1].id, "P2");
	ck_assert_int_eq(r.clauses[1].section, SEC_PARAGRAPH);
	ck_assert_uint_eq(r.nwarnings, 1);
	ck_assert_ptr_nonnull(strstr(r.warnings[0], "not a resolution"));
	resolution_release(&r);
}
END_TEST

START_TEST(test_bad_input_errors)
{
	struct resolution r;
	struct rl_error err;

	resolution_init(&r);
	ck_assert_int_eq(parse_resolution("ok\nline two \xE9t\xE9\n", 15, "latin1.txt", &r, &err), -1);
	ck_assert_str_eq(err.msg, "'latin1.txt':2: invalid UTF-8 (byte 0xE9); convert the file to UTF-8");
	resolution_release(&r);
	resolution_init(&r);
	ck_assert_int_eq(parse_resolution("a\0b", 3, "bin", &r, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "'bin':1: binary data"));
	resolution_release(&r);
}
END_TEST

START_TEST(test_empty_input)
{
	struct resolution r;

	parse_str("", &r);
	ck_assert_uint_eq(r.nclauses, 0);
	ck_assert(!r.is_resolution);
	resolution_release(&r);
}
END_TEST

START_TEST(test_opener_lengths)
{
	static const struct {
		const char *text, *opener;
	} cases[] = {
		{ "Strongly urges States to act", "Strongly urges" },
		{ "Taking note also of the report", "Taking note also of" },
		{ "Calls upon all States", "Calls upon" },
		{ "Expressing its deep concern at", "Expressing its deep concern" },
		{ "Once again calls upon States", "Once again calls upon" },
		{ "Recalling further its resolution", "Recalling further" },
		{ "Bearing in mind the Charter", "Bearing in mind" },
		{ "Requests the Secretary-General", "Requests" },
		{ "the lower-case start", "" },
	};
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		n = lang_opener_length(cases[i].text, strlen(cases[i].text), lang_english());
		ck_assert_msg(n == strlen(cases[i].opener) && strncmp(cases[i].text, cases[i].opener, n) == 0,
			      "opener of '%s': got %zu bytes", cases[i].text, n);
	}
}
END_TEST

START_TEST(test_furniture_lines)
{
	ck_assert(repair_is_furniture("24-22881 (E)", 12, NULL));
	ck_assert(repair_is_furniture("18-212 75 (E) 171218", 20, NULL));
	ck_assert(repair_is_furniture("3/9", 3, NULL));
	ck_assert(repair_is_furniture("2/9 24-22881", 12, NULL));
	ck_assert(repair_is_furniture("*2422881*", 9, NULL));
	ck_assert(repair_is_furniture("Please recycle", 14, NULL));
	ck_assert(repair_is_furniture("A/RES/79/53", 11, "A/RES/79/53"));
	ck_assert(!repair_is_furniture("2370 (2017) and others", 22, NULL));
	ck_assert(!repair_is_furniture("16.1 target", 11, NULL));
	ck_assert(!repair_is_furniture("A/RES/79/530", 12, "A/RES/79/53"));
}
END_TEST

START_TEST(test_draft_title_and_french_openers)
{
	struct resolution r;

	parse_str("Seventy-ninth session\nFirst Committee\nAgenda item 98 (jj)\n"
		  "General and complete disarmament\n\nAfghanistan and Japan: draft resolution\n\n"
		  "Countering the threat posed by improvised explosive devices\n\n"
		  "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act.\n", &r);
	ck_assert_str_eq(r.meta.title, "Countering the threat posed by improvised explosive devices");
	ck_assert_str_eq(r.meta.agenda_item, "98 (jj)");
	resolution_release(&r);
	parse_str("L'Assemblée générale,\n\nRappelant de nouveau sa résolution,\n\n"
		  "1. Décide de promouvoir le multilinguisme ;\n\n2. Décide en outre d'agir ;\n\n"
		  "3. Décide d'inscrire la question.\n", &r);
	ck_assert_str_eq(r.clauses[0].opener, "Rappelant de nouveau");
	ck_assert_str_eq(r.clauses[1].opener, "Décide");
	ck_assert_str_eq(r.clauses[2].opener, "Décide en outre");
	ck_assert_str_eq(r.clauses[3].opener, "Décide");
	resolution_release(&r);
}
END_TEST

START_TEST(test_duplicate_numbers_get_unique_ids)
{
	struct resolution r;

	parse_body("1. Decides to adopt the following:\n\n2. Requests a report;\n\n"
		   "1. The Committee shall meet;\n\n(a) once;\n\n(a) twice;\n", &r);
	ck_assert_uint_eq(r.nclauses, 5);
	ck_assert_str_eq(r.clauses[0].id, "OP1");
	ck_assert_str_eq(r.clauses[2].id, "OP1#2");
	ck_assert_str_eq(r.clauses[3].id, "OP1#2(a)");
	ck_assert_str_eq(r.clauses[4].id, "OP1#2(a)#2");
	resolution_release(&r);
}
END_TEST

/*
 * A number printed 20,000 times: each repeat finds its suffix in one probe
 * (a probe from #2 up each time made this quadratic: 21 s for 260 KB). The
 * case holds the ids; the test's time limit holds the cost.
 */
START_TEST(test_many_repeats_of_one_number)
{
	struct sbuf body = SBUF_INIT;
	struct resolution r;
	size_t i;

	for (i = 0; i < 20000; i++)
		sbuf_adds(&body, "1. Decides;\n\n");
	parse_body(body.buf, &r);
	ck_assert_uint_ge(r.nclauses, 20000);
	ck_assert_str_eq(r.clauses[0].id, "OP1");
	ck_assert_str_eq(r.clauses[1].id, "OP1#2");
	ck_assert_str_eq(r.clauses[19999].id, "OP1#20000");
	resolution_release(&r);
	sbuf_release(&body);
}
END_TEST

/* a repeat resumes counting: the number after it may also be taken */
START_TEST(test_number_after_a_repeat_is_unique_too)
{
	struct resolution r;
	size_t i, j;

	parse_body("1. Decides one;\n\n2. Decides two;\n\n3. Decides three;\n\n"
		   "2. Decides two again;\n\n3. Decides three again;\n\n1. Decides one again;\n\n"
		   "1. Decides one a third time.\n", &r);
	ck_assert_uint_eq(r.nclauses, 7);
	ck_assert_str_eq(r.clauses[3].id, "OP2#2");
	ck_assert_str_eq(r.clauses[4].id, "OP3#2");
	ck_assert_str_eq(r.clauses[6].id, "OP1#3");
	for (i = 0; i < r.nclauses; i++)
		for (j = i + 1; j < r.nclauses; j++)
			ck_assert_str_ne(r.clauses[i].id, r.clauses[j].id);
	resolution_release(&r);
}
END_TEST

START_TEST(test_wrapped_noun_in_ing_is_no_opener)
{
	struct resolution r;

	parse_body("Noting the report submitted by the President of the Twenty-first\n"
		   "Meeting of the States Parties to the Convention,\n"
		   "Recalling its resolution,\n", &r);
	ck_assert_uint_eq(r.nclauses, 2);
	ck_assert_str_eq(r.clauses[1].opener, "Recalling");
	resolution_release(&r);
}
END_TEST

/*
 * The extractors' Markdown form: front matter, "[^N]" footnotes, the
 * earlier versions' footnotes where a page ended. The texts are invented
 * (a resolution on lighthouses), in the shape the extractors write.
 */

START_TEST(test_markdown_front_matter)
{
	const char fm[] = "---\nsymbol: A/RES/85/901\ntitle: \"Care of lighthouses :\"\ntags:\n  - sea\n"
			  "# a comment\nextract_version: \"1.3.0\"\n---\n\nUnited Nations\n";
	const char *not_fm[] = {
		"\n---\nsymbol: A/RES/85/901\n---\n",		/* not at the very start */
		"---\nsymbol: A/RES/85/901\n",			/* never closed */
		"---\nRecalling its resolution 84/17,\n---\n",	/* prose, not keys */
		"---\n\n---\n",					/* no key */
		"---\n\nThe General Assembly,\n\nsymbol: x\n---\n", /* a rule over a text */
		"----\nsymbol: x\n---\n",			/* four hyphens: a rule */
		NULL
	};
	struct sbuf out = SBUF_INIT;
	struct markdown_info info;
	size_t i;

	ck_assert_uint_eq(markdown_front_matter(fm, strlen(fm)), strstr(fm, "---\n\nUnited") + 4 - fm);
	for (i = 0; not_fm[i]; i++) {
		ck_assert_msg(markdown_front_matter(not_fm[i], strlen(not_fm[i])) == 0, "taken: %s", not_fm[i]);
		ck_assert_int_eq(markdown_rewrite(not_fm[i], strlen(not_fm[i]), &out, &info), MD_NONE);
		ck_assert_uint_eq(out.len, 0);
	}
	/* the front matter's lines are blanked, the rest kept line for line */
	ck_assert_int_eq(markdown_rewrite(fm, strlen(fm), &out, &info), MD_CLEAN);
	ck_assert_str_eq(out.buf, "\n\n\n\n\n\n\n\n\nUnited Nations\n");
	ck_assert_uint_eq(info.areas, 0);
	sbuf_release(&out);
}
END_TEST

static const char md_lighthouses[] =
	"---\n"
	"symbol: A/RES/85/901\n"
	"title: \"Care of lighthouses :\"\n"
	"---\n"
	"\n"
	"United Nations\n"
	"\n"
	"General Assembly Distr.: General 9 December 2030\n"
	"\n"
	"Resolution adopted by the General Assembly on 2 December 2030\n"
	"\n"
	"85/901. Care of lighthouses\n"
	"\n"
	"The General Assembly,\n"
	"\n"
	"Recalling its resolution 84/17 of 3 December 2029 and the Convention\n"
	"on the Keeping of Coastal Lights,1\n"
	"\n"
	"Noting the report of the Secretary-General,[^2] and welcoming the\n"
	"contributions of coastal States,\n"
	"\n"
	"Care of lighthouses\n"
	"\n"
	"Convinced that lights save lives,\n"
	"\n"
	"1. Encourages coastal States to maintain their lights;[^3]\n"
	"\n"
	"2. Decides to remain seized of the matter.\n"
	"\n"
	"40th plenary meeting 2 December 2030\n"
	"\n"
	"---\n"
	"\n"
	"[^1]: United Nations, Treaty Series, vol. 9999, No.\n"
	"    12345.\n"
	"\n"
	"[^2]: A/85/100.\n"
	"\n"
	"[^3]: See the report of the Committee on its session of 2 December 2030, para. 4.\n";

/* The same resolution typed, its markers superscripts, its footnotes last. */
static const char typed_lighthouses[] =
	"Distr.: General 9 December 2030\n\n"
	"Resolution adopted by the General Assembly on 2 December 2030\n\n"
	"85/901. Care of lighthouses\n\nThe General Assembly,\n\n"
	"Recalling its resolution 84/17 of 3 December 2029 and the Convention on the Keeping of Coastal Lights,\xC2\xB9\n\n"
	"Noting the report of the Secretary-General,\xC2\xB2 and welcoming the contributions of coastal States,\n\n"
	"Convinced that lights save lives,\n\n"
	"1. Encourages coastal States to maintain their lights;\xC2\xB3\n\n"
	"2. Decides to remain seized of the matter.\n\n"
	"40th plenary meeting\n2 December 2030\n\n"
	"\xC2\xB9 United Nations, Treaty Series, vol. 9999, No. 12345.\n\n"
	"\xC2\xB2 A/85/100.\n\n"
	"\xC2\xB3 See the report of the Committee on its session of 2 December 2030, para. 4.\n";

/* Line number (1-based) of the first line that starts with prefix. */
static int
line_of(const char *text, const char *prefix)
{
	const char *at = strstr(text, prefix);
	int line = 1;

	ck_assert_ptr_nonnull(at);
	for (; text < at; text++)
		line += *text == '\n';
	return line;
}

START_TEST(test_markdown_footnotes)
{
	struct resolution a, b;

	parse_str(md_lighthouses, &a);
	ck_assert_uint_eq(a.nclauses, 5);
	ck_assert_str_eq(a.meta.title, "Care of lighthouses");
	ck_assert_str_eq(a.clauses[0].id, "PP1");
	/* the wrapped line joined, the plain-digit marker found */
	ck_assert_str_eq(a.clauses[0].text,
			 "Recalling its resolution 84/17 of 3 December 2029 and the Convention on the Keeping of Coastal Lights,");
	ck_assert_uint_eq(a.clauses[0].nfootnotes, 1);
	ck_assert_int_eq(a.clauses[0].footnotes[0], 1);
	/* "[^2]" is a reference; the running title between paragraphs is furniture */
	ck_assert_str_eq(a.clauses[1].text, "Noting the report of the Secretary-General, and welcoming the contributions of coastal States,");
	ck_assert_int_eq(a.clauses[1].footnotes[0], 2);
	ck_assert_str_eq(a.clauses[2].text, "Convinced that lights save lives,");
	ck_assert_str_eq(a.clauses[3].id, "OP1");
	ck_assert_int_eq(a.clauses[3].footnotes[0], 3);
	ck_assert_str_eq(a.meta.meeting, "40th plenary meeting");
	/* the definitions, one continued on an indented line */
	ck_assert_uint_eq(a.nfootnotes, 3);
	ck_assert_str_eq(a.footnotes[0].text, "United Nations, Treaty Series, vol. 9999, No. 12345.");
	ck_assert_str_eq(a.footnotes[1].text, "A/85/100.");
	ck_assert_str_eq(a.footnotes[2].text, "See the report of the Committee on its session of 2 December 2030, para. 4.");
	/* line numbers are the file's, front matter counted */
	ck_assert_int_eq(a.clauses[0].line, line_of(md_lighthouses, "Recalling"));
	ck_assert_int_eq(a.clauses[4].line, line_of(md_lighthouses, "2. Decides"));
	ck_assert_uint_eq(a.nwarnings, 0);
	/* and it is the resolution as typed */
	parse_str(typed_lighthouses, &b);
	assert_same_clauses(&a, &b);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

/* Earlier versions: each page's footnotes as "N text" paragraphs where
 * the page ended, in the middle of a paragraph; the last after "---". */
START_TEST(test_markdown_page_notes)
{
	struct resolution r;

	parse_str("---\nsymbol: A/RES/85/902\n---\n\n"
		  "85/902. Care of buoys\n\nThe General Assembly,\n\n"
		  "Recalling the reports on buoys of 2028,1 2029,2 and\n\n"
		  "1 A/83/10.\n\n2 See A/84/10, para. 5.\n\n"
		  "A/RES/85/902 Care of buoys\n\n"
		  "2030,3\n\n"
		  "1. Decides to keep the buoys lit.\n\n"
		  "---\n\n3 A/85/10.\n", &r);
	ck_assert_uint_eq(r.nclauses, 2);
	ck_assert_str_eq(r.clauses[0].text, "Recalling the reports on buoys of 2028, 2029, and 2030,");
	ck_assert_uint_eq(r.clauses[0].nfootnotes, 3);
	ck_assert_int_eq(r.clauses[0].footnotes[2], 3);
	ck_assert_str_eq(r.clauses[1].text, "Decides to keep the buoys lit.");
	ck_assert_uint_eq(r.nfootnotes, 3);
	ck_assert_str_eq(r.footnotes[1].text, "See A/84/10, para. 5.");
	ck_assert_str_eq(r.footnotes[2].text, "A/85/10.");
	ck_assert_uint_eq(r.nwarnings, 0);
	resolution_release(&r);
}
END_TEST

/* What an extractor gets wrong: "[^3]" for the "3" of a name, out of the
 * sequence, while the marker 3 is plain digits later; a wrapped line of a
 * footnote that starts with a number taken for a definition. */
START_TEST(test_markdown_extractor_slips)
{
	struct resolution r;

	parse_str("---\nsymbol: A/RES/85/903\n---\n\n"
		  "85/903. Care of lanterns\n\nThe General Assembly,\n\n"
		  "Noting the work of the G[^3] lantern group and of the Council,[^1]\n\n"
		  "Welcoming the report,[^2] and the statement,3\n\n"
		  "1. Decides to act.\n\n---\n\n"
		  "[^1]: A/85/1.\n\n[^2]: A/85/2.\n\n"
		  "[^3]: Security Council resolutions 2999 (2029) and\n[^3001]: (2030).\n", &r);
	ck_assert_uint_eq(r.nclauses, 3);
	ck_assert_str_eq(r.clauses[0].text, "Noting the work of the G3 lantern group and of the Council,");
	ck_assert_uint_eq(r.clauses[0].nfootnotes, 1);
	ck_assert_int_eq(r.clauses[0].footnotes[0], 1);
	ck_assert_uint_eq(r.clauses[1].nfootnotes, 2);
	ck_assert_int_eq(r.clauses[1].footnotes[1], 3);
	ck_assert_uint_eq(r.nfootnotes, 3);
	ck_assert_str_eq(r.footnotes[2].text, "Security Council resolutions 2999 (2029) and 3001 (2030).");
	ck_assert_uint_eq(r.nwarnings, 0);
	resolution_release(&r);
}
END_TEST

/* Without blank lines between paragraphs, a line's end may end one
 * ("Fearing", an opener the verb scale does not know, starts a paragraph
 * after a short line); when blank lines separate them, a line's end
 * inside a block is the extractor's wrap, and only a known opener or a
 * number starts a paragraph there. */
START_TEST(test_markdown_paragraph_a_line)
{
	const char text[] = "---\nsymbol: A/RES/85/905\n---\n85/905. Care of piers\nThe General Assembly,\n"
			    "Recalling its resolution 84/1,\nFearing that the lamps may fail,\n"
			    "1. Decides to act.\n";
	const char wrapped[] = "---\nsymbol: A/RES/85/905\n---\n\n85/905. Care of piers\n\nThe General Assembly,\n\n"
			       "Noting the report of the Secretary-General on the keeping of the lamps of all the piers of the world,\n\n"
			       "Recalling the Convention on the Keeping, Lighting,\nTrimming and Cleaning of Lamps,\n\n"
			       "1. Decides to act.\n";
	struct sbuf out = SBUF_INIT;
	struct markdown_info info;
	struct resolution r;

	ck_assert_int_eq(markdown_rewrite(text, strlen(text), &out, &info), MD_CLEAN);
	ck_assert_int_eq(info.blank_separated, 0);
	parse_str(text, &r);
	ck_assert_uint_eq(r.nclauses, 3);
	ck_assert_str_eq(r.clauses[1].text, "Fearing that the lamps may fail,");
	resolution_release(&r);
	/* typed, the short line before "Trimming" would end a paragraph */
	parse_str(wrapped, &r);
	ck_assert_uint_eq(r.nclauses, 3);
	ck_assert_str_eq(r.clauses[1].text, "Recalling the Convention on the Keeping, Lighting, Trimming and Cleaning of Lamps,");
	resolution_release(&r);
	parse_str(strstr(wrapped, "85/905."), &r);
	ck_assert_uint_eq(r.nclauses, 4);
	resolution_release(&r);
	sbuf_reset(&out);
	ck_assert_int_eq(markdown_rewrite(md_lighthouses, strlen(md_lighthouses), &out, &info), MD_CLEAN);
	ck_assert_int_eq(info.blank_separated, 1);
	ck_assert_uint_eq(info.areas, 1);
	ck_assert_uint_eq(info.references, 2);
	sbuf_release(&out);
}
END_TEST

/*
 * Plain-digit markers (PyMuPDF's text): what is never a marker, and a
 * marker at the start of a line
 */

START_TEST(test_markers_not_lists_dates_or_references)
{
	struct resolution r;

	parse_body("Noting the decisions on agenda items 1, 2 and 3, 1 for the session,\n\n"
		   "Recalling paragraph 2 of its resolution of 2 September 2029 2 and its annex,\n\n"
		   "Welcoming the work of the Conference on Lighthouses\n"
		   "3  and its committees,\n\n"
		   "1. Decides to act.\n"
		   "__________________\n\n"
		   "1 See A/84/1.\n\n2 See A/84/2.\n\n3 See A/84/3.\n", &r);
	ck_assert_uint_eq(r.nclauses, 4);
	ck_assert_str_eq(r.clauses[0].text, "Noting the decisions on agenda items 1, 2 and 3, for the session,");
	ck_assert_int_eq(r.clauses[0].footnotes[0], 1);
	ck_assert_str_eq(r.clauses[1].text,
			 "Recalling paragraph 2 of its resolution of 2 September 2029 and its annex,");
	ck_assert_int_eq(r.clauses[1].footnotes[0], 2);
	ck_assert_str_eq(r.clauses[2].text, "Welcoming the work of the Conference on Lighthouses and its committees,");
	ck_assert_int_eq(r.clauses[2].footnotes[0], 3);
	ck_assert_uint_eq(r.nfootnotes, 3);
	resolution_release(&r);
}
END_TEST

/* A running title over three lines beside the page's other furniture, in
 * a text without footnotes; an operative paragraph that names a plenary
 * meeting; a participle that opens a name, not a paragraph. */
START_TEST(test_running_title_over_lines)
{
	struct resolution r;
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, "Distr.: General 9 December 2030\n\n"
		       "85/904. Care of the lighthouses, lightships and buoys\n"
		       "of the coasts of the world\n\nThe General Assembly,\n\n"
		       "Recalling the report entitled\n"
		       "Keeping Our Lights On: A Plan for the Coasts,\n\n"
		       "Noting the work of the keepers of\n"
		       "A/RES/85/904\n"
		       "Care of the lighthouses,\n"
		       "lightships and buoys of the coasts\n"
		       "of the world\n"
		       "2/2\n"
		       "the lights,\n\n"
		       "1. Decides that the annual plenary meeting shall be held in June;\n\n"
		       "2. Decides to act.\n\n"
		       "40th plenary meeting\n2 December 2030\n");
	parse_ok(sb.buf, sb.len, &r);
	ck_assert_uint_eq(r.nclauses, 4);
	ck_assert_str_eq(r.clauses[0].text, "Recalling the report entitled Keeping Our Lights On: A Plan for the Coasts,");
	ck_assert_str_eq(r.clauses[1].text, "Noting the work of the keepers of the lights,");
	ck_assert_str_eq(r.clauses[2].text, "Decides that the annual plenary meeting shall be held in June;");
	ck_assert_str_eq(r.clauses[3].id, "OP2");
	ck_assert_str_eq(r.meta.meeting, "40th plenary meeting");
	resolution_release(&r);
	sbuf_release(&sb);
}
END_TEST

/* The stop and filler word lists of every language: lower case, sorted
 * bytewise (they are searched in halves), counted right; and they answer. */
START_TEST(test_language_word_lists)
{
	size_t n, i, k, longest;
	const struct lang *const *all = lang_all(&n);

	for (i = 0; i < n; i++) {
		const struct lang *l = all[i];
		const char *const *lists[2] = { l->stopwords, l->filler_words };
		size_t counts[2] = { l->nstopwords, l->nfillers }, j;

		ck_assert_ptr_eq(lang_by_code(l->code), l);
		for (j = 0; j < 2; j++) {
			longest = 0;
			for (k = 0; lists[j][k]; k++) {
				const char *w = lists[j][k];
				size_t c;

				for (c = 0; w[c]; c++)
					ck_assert_msg(!(w[c] >= 'A' && w[c] <= 'Z'), "%s: '%s' is not lower case", l->code, w);
				if (k > 0)
					ck_assert_msg(strcmp(lists[j][k - 1], w) < 0, "%s: '%s' is out of order", l->code, w);
				if (strlen(w) > longest)
					longest = strlen(w);
				ck_assert(j ? lang_is_filler(l, w, strlen(w)) : lang_is_stopword(l, w, strlen(w)));
			}
			ck_assert_uint_eq(k, counts[j]);
			if (j == 0)
				ck_assert_uint_eq(longest, l->longest_stopword);
		}
	}
	ck_assert(lang_is_stopword(lang_by_code("fr"), "les", 3));
	ck_assert(!lang_is_stopword(lang_by_code("en"), "les", 3));
	ck_assert(lang_is_stopword(NULL, "the", 3));
	ck_assert(!lang_is_stopword(NULL, "thee", 4));
	ck_assert(lang_is_filler(lang_by_code("es"), "del", 3));
	ck_assert(!lang_is_filler(lang_by_code("es"), "de", 1));
	ck_assert_ptr_eq(lang_by_code("xx"), NULL);
	ck_assert_ptr_eq(lang_by_code(NULL), NULL);
}
END_TEST

static Suite *
parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("parse");

	tcase_add_unchecked_fixture(tc, load_seed, free_seed);
	tcase_add_test(tc, test_seed_structure);
	tcase_add_test(tc, test_seed_metadata);
	tcase_add_test(tc, test_seed_repairs);
	tcase_add_test(tc, test_crlf_bom);
	tcase_add_test(tc, test_hard_wrapped_with_blank_lines);
	tcase_add_test(tc, test_hard_wrapped_without_blank_lines);
	tcase_add_test(tc, test_page_furniture_removed);
	tcase_add_test(tc, test_form_feed_and_tabs);
	tcase_add_test(tc, test_markers_and_emphasis);
	tcase_add_test(tc, test_footnote_continuation_and_order);
	tcase_add_test(tc, test_hyphen_join);
	tcase_add_test(tc, test_subparagraphs_and_annex);
	tcase_add_test(tc, test_letter_i_after_h);
	tcase_add_test(tc, test_single_unnumbered_operative);
	tcase_add_test(tc, test_french);
	tcase_add_test(tc, test_spanish);
	tcase_add_test(tc, test_not_a_resolution);
	tcase_add_test(tc, test_bad_input_errors);
	tcase_add_test(tc, test_empty_input);
	tcase_add_test(tc, test_opener_lengths);
	tcase_add_test(tc, test_furniture_lines);
	tcase_add_test(tc, test_draft_title_and_french_openers);
	tcase_add_test(tc, test_duplicate_numbers_get_unique_ids);
	tcase_add_test(tc, test_number_after_a_repeat_is_unique_too);
	tcase_add_test(tc, test_many_repeats_of_one_number);
	tcase_add_test(tc, test_wrapped_noun_in_ing_is_no_opener);
	tcase_add_test(tc, test_language_word_lists);
	tcase_add_test(tc, test_markdown_front_matter);
	tcase_add_test(tc, test_markdown_footnotes);
	tcase_add_test(tc, test_markdown_page_notes);
	tcase_add_test(tc, test_markdown_extractor_slips);
	tcase_add_test(tc, test_markdown_paragraph_a_line);
	tcase_add_test(tc, test_markers_not_lists_dates_or_references);
	tcase_add_test(tc, test_running_title_over_lines);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(parse_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
