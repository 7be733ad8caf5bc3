/*
 * The amendment-document reader (src/engine/amendoc.c): each phrase form on
 * small texts written here, with the PDF extractor's artifacts put in on
 * purpose; then the real amendment documents of the corpus, when
 * ../shared/corpus is there (a user's clone has none: those cases say so
 * and pass).
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amendoc.h"
#include "sbuf.h"
#include "util.h"

/* A first page as PyMuPDF prints it: every line ends with a space, blank
 * lines hold one space, the job number and barcode inline. */
#define HEADER \
	"United Nations \nA/C.3/85/L.60\n \n \nGeneral Assembly \nDistr.: Limited \n9 November 2030 \n" \
	"Original: English \n \n30-12345 (E)    101130     \n*3012345* \n \n \nEighty-fifth session \n" \
	"Third Committee \nAgenda item 69 \nFishing and villages: fishing villages \n \n \n \n"
#define HEADING "Norway and Peru:* amendment to draft resolution A/C.3/85/L.9 \n \n \nFishing villages \n \n \n"
#define NOTE "\n \n \n* Any changes to the list of sponsors will be reflected in the official record of the meeting. \n"

static void
read_ok(const char *body, struct amendoc *d)
{
	struct sbuf sb = SBUF_INIT;
	struct rl_error err;

	sbuf_adds(&sb, HEADER HEADING);
	sbuf_adds(&sb, body);
	sbuf_adds(&sb, NOTE);
	err.msg[0] = '\0';
	ck_assert_int_eq(amendoc_read(sb.buf, sb.len, d, &err), 0);
	sbuf_release(&sb);
}

/* One instruction as a line: "3 insert paragraphs OP4 (2)", "2 insert
 * words PP2 after “X”: “Y”"; enough to say what it does to which
 * paragraphs. */
static char *
describe(const struct amendoc_instr *in)
{
	struct sbuf sb = SBUF_INIT;
	size_t i;

	sbuf_printf(&sb, "%d %s", in->number, amendoc_op_name(in->op));
	for (i = 0; i < in->ntargets; i++) {
		const struct amendoc_target *t = &in->targets[i];

		sbuf_printf(&sb, "%s%s", i ? "," : " ", amendoc_where_name(t->where));
		if (t->number)
			sbuf_printf(&sb, "%d", t->number);
		if (t->sub[0])
			sbuf_printf(&sb, "%s", t->sub);
	}
	if (in->find)
		sbuf_printf(&sb, " find “%s”", in->find);
	if (in->anchor)
		sbuf_printf(&sb, " %s “%s”", in->before ? "before" : "after", in->anchor);
	else if (in->op == AD_INSERT_WORDS)
		sbuf_adds(&sb, in->before ? " at the start" : " at the end");
	else if (in->op == AD_INSERT_PARAS && in->before)
		sbuf_adds(&sb, " (before)");
	if (in->op == AD_REPLACE_WORDS || in->op == AD_INSERT_WORDS)
		sbuf_printf(&sb, ": “%s”", in->ntexts ? in->texts[0] : "(none)");
	else if (in->ntexts)
		sbuf_printf(&sb, " (%zu)", in->ntexts);
	return sbuf_detach(&sb);
}

static void
assert_instr(const struct amendoc *d, size_t i, const char *want)
{
	char *got;

	ck_assert_uint_gt(d->ninstr, i);
	got = describe(&d->instr[i]);
	ck_assert_str_eq(got, want);
	free(got);
}

static void
assert_only(const char *body, const char *want)
{
	struct amendoc d;

	read_ok(body, &d);
	ck_assert_msg(d.nunread == 0, "unread: %s: %s", d.nunread ? d.unread[0].source : "",
		      d.nunread ? d.unread[0].why : "");
	ck_assert_uint_eq(d.ninstr, 1);
	assert_instr(&d, 0, want);
	amendoc_release(&d);
}

/* the one instruction of body is unread, and why says so */
static void
assert_unread(const char *body, const char *why_part)
{
	struct amendoc d;

	read_ok(body, &d);
	ck_assert_uint_eq(d.ninstr, 0);
	ck_assert_uint_eq(d.nunread, 1);
	ck_assert_msg(strstr(d.unread[0].why, why_part), "why: %s", d.unread[0].why);
	ck_assert_ptr_nonnull(d.unread[0].source);
	amendoc_release(&d);
}

START_TEST(test_ordinals)
{
	static const struct {
		const char *w;
		int v;
	} rows[] = {
		{ "first", 1 }, { "second", 2 }, { "Third", 3 }, { "ninth", 9 }, { "tenth", 10 }, { "twelfth", 12 },
		{ "nineteenth", 19 }, { "twentieth", 20 }, { "twenty-first", 21 }, { "thirty-eighth", 38 },
		{ "Forty-First", 41 }, { "fifty-third", 53 }, { "ninetieth", 90 }, { "ninety-ninth", 99 },
		{ "hundredth", 100 }, { "one hundredth", 100 }, { "one hundred and first", 101 },
		{ "one hundred and twenty-second", 122 },
		/* cardinals and near misses are no ordinals */
		{ "twenty", 0 }, { "one", 0 }, { "twenty-", 0 }, { "twenty-twentieth", 0 }, { "firstly", 0 },
		{ "tenth-first", 0 }, { "", 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		ck_assert_msg(amendoc_ordinal(rows[i].w, strlen(rows[i].w)) == rows[i].v, "%s", rows[i].w);
}
END_TEST

START_TEST(test_heading)
{
	struct amendoc d;

	read_ok("Delete operative paragraph 9. \n", &d);
	ck_assert_str_eq(d.symbol, "A/C.3/85/L.60");
	ck_assert_str_eq(d.target, "A/C.3/85/L.9");
	ck_assert_int_eq(d.target_draft, 0);
	ck_assert_str_eq(d.title, "Fishing villages");
	ck_assert_uint_eq(d.nsponsors, 2);
	ck_assert_str_eq(d.sponsors[0], "Norway");
	ck_assert_str_eq(d.sponsors[1], "Peru");
	amendoc_release(&d);
	/* released twice: nothing left to free */
	amendoc_release(&d);
	ck_assert_ptr_null(d.instr);
}
END_TEST

/* A plenary amendment names the committee's report, and the draft's
 * number in it, across lines */
START_TEST(test_heading_report)
{
	static const char text[] =
		HEADER "Chile, Trinidad and Tobago, Antigua and Barbuda and United Kingdom of Great Britain and \n"
		       "Northern Ireland:* \namendment to draft resolution 23 recommended by the Third Committee in its \n"
		       "report contained in document A/85/545 \n \n \n Fishing villages \n \n \n"
		       "Delete operative paragraph 9. \n" NOTE;
	struct amendoc d;
	struct rl_error err;

	ck_assert_int_eq(amendoc_read(text, strlen(text), &d, &err), 0);
	ck_assert_str_eq(d.target, "A/85/545");
	ck_assert_int_eq(d.target_draft, 23);
	ck_assert_str_eq(d.title, "Fishing villages");
	ck_assert_uint_eq(d.nsponsors, 4);
	ck_assert_str_eq(d.sponsors[1], "Trinidad and Tobago");
	ck_assert_str_eq(d.sponsors[2], "Antigua and Barbuda");
	ck_assert_str_eq(d.sponsors[3], "United Kingdom of Great Britain and Northern Ireland");
	ck_assert_uint_eq(d.nunread, 0);
	assert_instr(&d, 0, "0 delete paragraphs OP9");
	amendoc_release(&d);
}
END_TEST

/* A text that does not open as a UN document: the sponsors from the heading itself */
START_TEST(test_heading_bare)
{
	static const char text[] = "Chile, Peru and Saint Lucia: amendment to draft resolution A/C.3/85/L.9\n\n"
				   "Fishing villages\n\nDelete operative paragraph 9.\n";
	struct amendoc d;
	struct rl_error err;

	ck_assert_int_eq(amendoc_read(text, strlen(text), &d, &err), 0);
	ck_assert_ptr_null(d.symbol);
	ck_assert_str_eq(d.target, "A/C.3/85/L.9");
	ck_assert_uint_eq(d.nsponsors, 3);
	ck_assert_str_eq(d.sponsors[0], "Chile");
	ck_assert_str_eq(d.sponsors[1], "Peru");
	ck_assert_str_eq(d.sponsors[2], "Saint Lucia");
	ck_assert_uint_eq(d.ninstr, 1);
	amendoc_release(&d);
}
END_TEST

START_TEST(test_not_an_amendment)
{
	static const char draft[] = HEADER "Norway and Peru: draft resolution \n \nFishing villages \n \n"
					   "The General Assembly, \n \nRecalling the amendment to the Convention, \n";
	static const char agenda[] = HEADER "Note by the Secretary-General: amendment of the rules \n";
	struct amendoc d;
	struct rl_error err;

	ck_assert_int_eq(amendoc_read(draft, strlen(draft), &d, &err), -1);
	ck_assert_msg(strstr(err.msg, "not an amendment document"), "%s", err.msg);
	ck_assert_ptr_null(d.instr);
	ck_assert_int_eq(amendoc_read(agenda, strlen(agenda), &d, NULL), -1);
	ck_assert_int_eq(amendoc_read("", 0, &d, &err), -1);
}
END_TEST

/* A heading whose draft has no symbol: read, and the heading listed as unread */
START_TEST(test_heading_without_symbol)
{
	static const char text[] = HEADER "Peru: amendment to the draft resolution on fishing \n \nFishing \n \n"
					  "Delete operative paragraph 9. \n";
	struct amendoc d;
	struct rl_error err;

	ck_assert_int_eq(amendoc_read(text, strlen(text), &d, &err), 0);
	ck_assert_ptr_null(d.target);
	ck_assert_uint_eq(d.nunread, 1);
	ck_assert_int_eq(d.unread[0].number, 0);
	ck_assert_msg(strstr(d.unread[0].why, "no symbol"), "%s", d.unread[0].why);
	ck_assert_uint_eq(d.ninstr, 1);
	amendoc_release(&d);
}
END_TEST

START_TEST(test_replace_words)
{
	assert_only("Replace “Chernobyl” with “Chornobyl” in the title, the preambular paragraphs \n"
		    "and the operative paragraphs. \n",
		    "0 replace words title,all PP,all OP find “Chernobyl”: “Chornobyl”");
	assert_only("In operative paragraph 1, replace “Takes note” with “Welcomes”. \n",
		    "0 replace words OP1 find “Takes note”: “Welcomes”");
	assert_only("Replace \"fish\" with \"fishes\" throughout the text. \n",
		    "0 replace words title,all PP,all OP find “fish”: “fishes”");
	assert_only("In the second and third preambular paragraphs, replace “may” with “shall”. \n",
		    "0 replace words PP2,PP3 find “may”: “shall”");
	assert_only("In operative paragraphs 27 and 43, replace the words “may” by “shall”. \n",
		    "0 replace words OP27,OP43 find “may”: “shall”");
}
END_TEST

START_TEST(test_insert_words)
{
	assert_only("In the second preambular paragraph, insert “of Ukraine” after “Chornobyl \n"
		    "nuclear power plant”. \n",
		    "0 insert words PP2 after “Chornobyl nuclear power plant”: “of Ukraine”");
	assert_only("In operative paragraph 8, after “Remembrance \nDay”, insert “, including in 2026,”. \n",
		    "0 insert words OP8 after “Remembrance Day”: “, including in 2026,”");
	assert_only("In operative paragraph 64, after “preventing” insert \n“and combating”. \n",
		    "0 insert words OP64 after “preventing”: “and combating”");
	assert_only("In the fifth preambular paragraph, insert “all” before “States”. \n",
		    "0 insert words PP5 before “States”: “all”");
	assert_only("In operative paragraph 3, add “, as appropriate” at the end of the paragraph. \n",
		    "0 insert words OP3 at the end: “, as appropriate”");
	assert_only("In operative paragraph 3, at the end, insert “, as appropriate”. \n",
		    "0 insert words OP3 at the end: “, as appropriate”");
	assert_unread("In operative paragraph 3, insert “, as appropriate”. \n", "not where");
}
END_TEST

START_TEST(test_delete_words)
{
	assert_only("In the fourth preambular paragraph, delete “and expressing deep concern about \n"
		    "the impact of climate change,”. \n",
		    "0 delete words PP4 find “and expressing deep concern about the impact of climate change,”");
	assert_only("Delete “sexual and reproductive” in operative paragraphs 27 and 43. \n",
		    "0 delete words OP27,OP43 find “sexual and reproductive”");
	assert_only("Delete the words “urgently” from the seventh preambular paragraph. \n",
		    "0 delete words PP7 find “urgently”");
}
END_TEST

START_TEST(test_subparagraphs)
{
	assert_only("In operative paragraph 5 (b), delete “all”. \n", "0 delete words OP5(b) find “all”");
	assert_only("In subparagraph (b) of operative paragraph 5, delete “all”. \n",
		    "0 delete words OP5(b) find “all”");
	assert_only("Delete operative paragraph 5 (b) (ii). \n", "0 delete paragraphs OP5(b) (ii)");
	assert_only("Delete operative paragraphs 5 (a) and 5 (c). \n", "0 delete paragraphs OP5(a),OP5(c)");
	assert_unread("In paragraph 5 (b), delete “all”. \n", "preambular or operative");
}
END_TEST

START_TEST(test_delete_paras)
{
	struct amendoc d;

	assert_only("Delete operative paragraph 9. \n", "0 delete paragraphs OP9");
	assert_only("Delete the twenty-first preambular paragraph and operative paragraphs 35, 38 \nand 39. \n",
		    "0 delete paragraphs PP21,OP35,OP38,OP39");
	assert_only("Delete the third preambular paragraph and operative paragraph 2. \n",
		    "0 delete paragraphs PP3,OP2");
	assert_only("Delete operative paragraphs 5 to 7, and 9. \n", "0 delete paragraphs OP5,OP6,OP7,OP9");
	assert_only("Delete the second, third and fifth preambular paragraphs. \n", "0 delete paragraphs PP2,PP3,PP5");
	/* the paragraph quoted, its star call (the amendment's own footnote) gone */
	read_ok("Delete the thirty-eighth preambular paragraph reading: \n \n"
		"Recalling the Rome Statute of the International Criminal Court,** and noting the \n"
		"role of the Court, \n",
		&d);
	ck_assert_uint_eq(d.nunread, 0);
	assert_instr(&d, 0, "0 delete paragraphs PP38 (1)");
	ck_assert_str_eq(d.instr[0].texts[0],
			 "Recalling the Rome Statute of the International Criminal Court, and noting the role of the Court,");
	amendoc_release(&d);
	/* plural and singular must agree with the list */
	assert_unread("Delete operative paragraphs 9. \n", "does not agree");
	assert_unread("Delete the second and third preambular paragraph. \n", "does not agree");
}
END_TEST

START_TEST(test_insert_paras)
{
	struct amendoc d;

	read_ok("After the fifth preambular paragraph, insert a new preambular paragraph reading: \n \n"
		"Stressing that the fortieth anniversary of the disaster in 2026 presents \n"
		"a critical opportunity for all stakeholders, \n",
		&d);
	ck_assert_uint_eq(d.nunread, 0);
	assert_instr(&d, 0, "0 insert paragraphs PP5 (1)");
	ck_assert_str_eq(d.instr[0].texts[0], "Stressing that the fortieth anniversary of the disaster in 2026 "
					      "presents a critical opportunity for all stakeholders,");
	ck_assert_int_eq(d.instr[0].before, 0);
	amendoc_release(&d);

	/* two paragraphs, a blank line between; the text starts on the line
	 * after the colon with no blank line */
	read_ok("After operative paragraph 4, insert two new operative paragraphs reading: \n"
		"Expresses grave alarm at the damage; \n \nStresses the importance \nof support; \n",
		&d);
	ck_assert_uint_eq(d.nunread, 0);
	assert_instr(&d, 0, "0 insert paragraphs OP4 (2)");
	ck_assert_str_eq(d.instr[0].texts[0], "Expresses grave alarm at the damage;");
	ck_assert_str_eq(d.instr[0].texts[1], "Stresses the importance of support;");
	amendoc_release(&d);

	assert_only("After operative paragraph 70, insert the following operative paragraph: \n \nStresses this; \n",
		    "0 insert paragraphs OP70 (1)");
	assert_only("After operative paragraph 3, insert a new operative paragraph, reading: \n \nNotes this; \n",
		    "0 insert paragraphs OP3 (1)");
	assert_only("Before operative paragraph 1, insert a new operative paragraph reading: \n \nNotes this; \n",
		    "0 insert paragraphs OP1 (before) (1)");
	assert_only("At the end of the preambular part, add a new paragraph reading: \n \nNoting this, \n",
		    "0 insert paragraphs all PP (1)");
	assert_only("Insert the following paragraphs after operative paragraph 2: \n \nNotes this; \n \n"
		    "Decides that; \n",
		    "0 insert paragraphs OP2 (2)");
	assert_only("After operative paragraph 2, insert a new operative paragraph reading “Decides to act;”. \n",
		    "0 insert paragraphs OP2 (1)");
	/* announced and given disagree: never guess which is meant */
	assert_unread("After operative paragraph 4, insert two new operative paragraphs reading: \n \nNotes this; \n",
		      "announces 2 new paragraphs but 1 follow");
	assert_unread("After operative paragraph 4, insert a new operative paragraph reading: \n", "none follows");
	assert_unread("After operative paragraphs 4 and 5, insert a new operative paragraph reading: \n \nX; \n",
		      "after one paragraph");
}
END_TEST

START_TEST(test_replace_paras)
{
	struct amendoc d;

	read_ok("Replace operative paragraph 200 with the following text: \n \nWelcomes, in this regard, the \n"
		"twentieth  session of the Conference; \n",
		&d);
	ck_assert_uint_eq(d.nunread, 0);
	assert_instr(&d, 0, "0 replace paragraphs OP200 (1)");
	/* a justified line's double space is the typesetter's */
	ck_assert_str_eq(d.instr[0].texts[0], "Welcomes, in this regard, the twentieth session of the Conference;");
	amendoc_release(&d);
	assert_only("Replace the sixth preambular paragraph to read: \n \nNoting, \n", "0 replace paragraphs PP6 (1)");
}
END_TEST

/* The PDF's artifacts: numbers alone on their lines, a number and its
 * instruction on one, a page break with its furniture and footnote between
 * instructions, end-of-line hyphens judged by the document's own spelling */
START_TEST(test_numbered_and_page_break)
{
	struct amendoc d;

	read_ok("1. \nReplace “a” with “b” in the title. \n2. \n"
		"In the second preambular paragraph, insert “long-term and non-\nbinding” after “the \nGovern-\n"
		"ments”. \n3. \nAfter the fifth preambular paragraph, insert a new preambular paragraph reading: \n \n"
		"Stressing the long-term recovery \n"
		"\n \n \n* Any changes to the list of sponsors will be reflected in the official record of the meeting. \n"
		"\nA/C.3/85/L.60 \n \n30-12345 \n2/2 \n \nof the region, \n"
		"10. Delete operative paragraph 9. \n"
		"4. In operative paragraph 1, delete “all”. \n",
		&d);
	ck_assert_msg(d.nunread == 0, "%s: %s", d.nunread ? d.unread[0].source : "", d.nunread ? d.unread[0].why : "");
	ck_assert_uint_eq(d.ninstr, 4);
	assert_instr(&d, 0, "1 replace words title find “a”: “b”");
	/* "non-" / "binding" keeps its hyphen only if the text spells it so: it does not */
	assert_instr(&d, 1, "2 insert words PP2 after “the Governments”: “long-term and nonbinding”");
	/* the page broke the sentence: it goes on in lower case */
	assert_instr(&d, 2, "3 insert paragraphs PP5 (1)");
	/* "10." is out of turn: text of the paragraph, not an instruction */
	ck_assert_str_eq(d.instr[2].texts[0],
			 "Stressing the long-term recovery of the region, 10. Delete operative paragraph 9.");
	assert_instr(&d, 3, "4 delete words OP1 find “all”");
	amendoc_release(&d);
}
END_TEST

/* A line-end hyphen the document spells elsewhere stays */
START_TEST(test_hyphen_spelled_elsewhere)
{
	struct amendoc d;

	read_ok("1. \nIn operative paragraph 1, delete “long-term”. \n"
		"2. \nIn operative paragraph 2, replace “short” with “long-\nterm”. \n",
		&d);
	ck_assert_uint_eq(d.nunread, 0);
	assert_instr(&d, 1, "2 replace words OP2 find “short”: “long-term”");
	amendoc_release(&d);
}
END_TEST

START_TEST(test_unread_named)
{
	struct amendoc d;

	read_ok("1. \nDelete operative paragraph 9. \n2. \nRenumber the operative paragraphs accordingly. \n"
		"3. \nIn operative paragraph 2, replace “a with “b”. \n4. \nIn operative paragraph 2, delete “x”. \n",
		&d);
	ck_assert_uint_eq(d.ninstr, 2);
	assert_instr(&d, 0, "1 delete paragraphs OP9");
	assert_instr(&d, 1, "4 delete words OP2 find “x”");
	ck_assert_uint_eq(d.nunread, 2);
	ck_assert_int_eq(d.unread[0].number, 2);
	ck_assert_str_eq(d.unread[0].source, "Renumber the operative paragraphs accordingly.");
	ck_assert_int_eq(d.unread[1].number, 3);
	ck_assert_msg(strstr(d.unread[1].why, "quotation"), "%s", d.unread[1].why);
	amendoc_release(&d);
	assert_unread("In operative paragraph 2, replace “x” with “y” and “z” with “w”. \n", "should end");
	assert_unread("In the annex, delete “x”. \n", "paragraph");
}
END_TEST

START_TEST(test_no_instruction)
{
	struct amendoc d;

	read_ok("", &d);
	ck_assert_uint_eq(d.ninstr, 0);
	ck_assert_uint_eq(d.nunread, 1);
	ck_assert_msg(strstr(d.unread[0].why, "no instruction"), "%s", d.unread[0].why);
	amendoc_release(&d);
}
END_TEST

/*
 * The corpus: real amendment documents of the eightieth session
 */

static char corpus_dir[4096];

static int
have_corpus(void)
{
	const char *src = getenv("abs_top_srcdir");
	DIR *dir;

	snprintf(corpus_dir, sizeof(corpus_dir), "%s/../shared/corpus/text", src ? src : ".");
	dir = opendir(corpus_dir);
	if (!dir) {
		printf("# %s absent: the corpus cases are skipped\n", corpus_dir);
		fflush(stdout);
		return 0;
	}
	closedir(dir);
	return 1;
}

static char *
slurp(const char *name, size_t *len)
{
	char path[4200];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", corpus_dir, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open '%s'", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void
read_doc(const char *name, struct amendoc *d)
{
	struct rl_error err;
	size_t len;
	char *text = slurp(name, &len);

	err.msg[0] = '\0';
	ck_assert_msg(amendoc_read(text, len, d, &err) == 0, "%s: %s", name, err.msg);
	free(text);
}

/*
 * Each document as read by hand: its symbol, the draft it amends, its
 * sponsors (all of them when few; the count, first and last when many) and
 * each instruction.
 */
struct corpus_doc {
	const char *file, *symbol, *target;
	int target_draft;
	size_t nsponsors;
	const char *first, *last;
	const char *instr[12];
};

static const struct corpus_doc docs[] = {
	{ "A_80_L.19.txt", "A/80/L.19", "A/80/L.18", 0, 1, "Russian Federation", NULL,
	  { "0 delete paragraphs PP38 (1)" } },
	{ "A_80_L.20.txt", "A/80/L.20", "A/80/L.18", 0, 1, "Russian Federation", NULL,
	  { "0 delete paragraphs OP9" } },
	{ "A_80_L.28.txt", "A/80/L.28", "A/80/L.3", 0, 1, "Ukraine", NULL,
	  { "1 replace words title,all PP,all OP find “Chernobyl”: “Chornobyl”",
	    "2 insert words PP2 after “Chornobyl nuclear power plant”: “of Ukraine”",
	    "3 insert paragraphs PP5 (1)", "4 replace words OP1 find “Takes note”: “Welcomes”",
	    "5 insert paragraphs OP4 (2)", "6 insert paragraphs OP7 (1)",
	    "7 insert words OP8 after “International Chornobyl Disaster Remembrance Day”: “, including by paying "
	    "particular attention to the significance of marking this day in 2026,”",
	    "8 replace words OP10 find “Strengthening of international cooperation and coordination of efforts to "
	    "study, mitigate and minimize the consequences of the Chernobyl disaster”: “Strengthening of "
	    "international cooperation and coordination of efforts to study, mitigate and minimize the "
	    "consequences of the Chornobyl disaster”" } },
	{ "A_80_L.29.txt", "A/80/L.29", "A/80/L.22", 0, 1, "Brazil", NULL,
	  { "0 replace paragraphs OP200 (1)" } },
	{ "A_80_L.30.txt", "A/80/L.30", "A/80/L.25", 0, 1, "United States of America", NULL,
	  { "1 delete words PP4 find “and expressing deep concern about the impact of climate change,”",
	    "2 delete words PP15 find “including those related to the continuing impact of climate change,”",
	    "3 delete paragraphs PP16", "4 delete paragraphs PP20", "5 delete paragraphs PP23",
	    "6 delete words PP41 find “including in the face of the ongoing consequences and long-term effects of "
	    "the coronavirus disease (COVID-19) pandemic, disasters caused by natural and human-made hazards, the "
	    "adverse effects of climate change and armed conflicts,”",
	    "7 delete words OP21 find “of considering the impact of climate change”", "8 delete paragraphs OP22",
	    "9 delete words OP24 find “those driven by natural climate cycles and those exacerbated by the adverse "
	    "effects of climate change,”",
	    "10 delete words OP33 find “climate adaptation and mitigation,”",
	    "11 delete words OP39 find “some of which are exacerbated by the adverse effects of climate change,”" } },
	{ "A_80_L.31.txt", "A/80/L.31", "A/80/L.25", 0, 1, "United States of America", NULL,
	  { "0 insert words OP68 after “including sexual and reproductive health”: “in accordance with the "
	    "Programme of Action of the International Conference on Population and Development and its review "
	    "outcomes as adopted by the General Assembly,”" } },
	{ "A_80_L.32.txt", "A/80/L.32", "A/80/L.25", 0, 1, "United States of America", NULL,
	  { "0 replace words OP69 find “sexual and reproductive”: “emergency”" } },
	{ "A_80_L.33.txt", "A/80/L.33", "A/80/L.25", 0, 1, "United States of America", NULL,
	  { "0 insert paragraphs OP70 (1)" } },
	{ "A_80_L.35.txt", "A/80/L.35", "A/80/L.27", 0, 1, "Belarus", NULL,
	  { "1 replace words title,all PP,all OP find “Chornobyl”: “Chernobyl”",
	    "2 delete words PP2 find “of Ukraine”", "3 replace words OP1 find “Welcomes”: “Takes note of”",
	    "4 delete paragraphs OP5,OP6,OP10,OP13",
	    "5 replace words OP14 find “Strengthening of international cooperation and coordination of efforts to "
	    "study, mitigate and minimize the consequences of the Chornobyl disaster”: “Strengthening of "
	    "international cooperation and coordination of efforts to study, mitigate and minimize the "
	    "consequences of the Chernobyl disaster”" } },
	{ "A_80_L.36.txt", "A/80/L.36", "A/80/L.25", 0, 1, "Russian Federation", NULL,
	  { "0 insert paragraphs OP89 (1)" } },
	{ "A_80_L.40.txt", "A/80/L.40", "A/80/545", 23, 53, "Afghanistan", "State of Palestine",
	  { "0 delete words PP11 find “sexual orientation and gender identity,”" } },
	{ "A_C.2_80_L.62.txt", "A/C.2/80/L.62", "A/C.2/80/L.13/Rev.1", 0, 1, "Denmark", NULL,
	  { "0 delete paragraphs PP21,OP35,OP38,OP39" } },
	{ "A_C.2_80_L.63.txt", "A/C.2/80/L.63", "A/C.2/80/L.12/Rev.1", 0, 1, "Denmark", NULL,
	  { "0 delete paragraphs OP3,OP43,OP45" } },
	{ "A_C.3_80_L.56.txt", "A/C.3/80/L.56", "A/C.3/80/L.2", 0, 8, "Albania", "Ukraine",
	  { "0 insert paragraphs OP3 (1)" } },
	{ "A_C.3_80_L.58.txt", "A/C.3/80/L.58", "A/C.3/80/L.50", 0, 1, "Russian Federation", NULL,
	  { "0 delete words PP28 find “and recalling the relevant provisions of the Rome Statute of the "
	    "International Criminal Court that define the deportation or forcible transfer of population as a "
	    "crime against humanity and the unlawful deportation, transfer or ordering of the displacement of the "
	    "civilian population as war crimes,”" } },
	{ "A_C.3_80_L.65.txt", "A/C.3/80/L.65", "A/C.3/80/L.24", 0, 20, "Bulgaria", "Uruguay",
	  { "0 delete paragraphs PP3,OP2" } },
	{ "A_C.6_80_L.24.txt", "A/C.6/80/L.24", "A/C.6/80/L.14", 0, 1, "Russian Federation", NULL,
	  { "0 delete words OP2 find “, to decide on the participation of stakeholders other than those referred "
	    "to in paragraph 9 below, including on the modalities for such decision and participation, on the "
	    "basis of a list of relevant non-governmental organizations, civil society organizations, academic "
	    "institutions and the private sector to be prepared by the Secretariat, and”" } },
	/* amendment documents the corpus holds beside the seventeen named in
	 * the task, whose headings break "amendment to" / "draft" or name a
	 * revised draft */
	{ "A_80_L.38.txt", "A/80/L.38", "A/80/555", 4, 28, "Austria", "Sweden",
	  { "0 delete paragraphs PP21,OP35,OP38,OP39" } },
	{ "A_80_L.39.txt", "A/80/L.39", "A/80/555", 6, 27, "Austria", "Sweden",
	  { "0 delete paragraphs OP3,OP43,OP45" } },
	{ "A_C.3_80_L.57.txt", "A/C.3/80/L.57", "A/C.3/80/L.3/Rev.1", 0, 1, "United States of America", NULL,
	  { "1 insert words OP64 after “to strengthen their efforts in preventing”: “and combating child "
	    "pornography”",
	    "2 insert words OP65 after “once in force”: “, and emphasizes that the new convention must be "
	    "implemented in a way that does not undermine the obligations of States contained in the Optional "
	    "Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and "
	    "child pornography”" } },
	{ "A_C.3_80_L.61.txt", "A/C.3/80/L.61", "A/C.3/80/L.20/Rev.1", 0, 2, "Belarus", "Russian Federation",
	  { "1 replace words PP14 find “which notes that young children are holders of all rights enshrined in "
	    "the Convention and that early childhood is a critical period for the realization of these rights”: "
	    "“and taking note of the statement of the Committee on the Rights of the Child on article 5 of the "
	    "Convention (2023)”",
	    "2 delete paragraphs PP15" } },
	{ "A_C.3_80_L.62.txt", "A/C.3/80/L.62", "A/C.3/80/L.20/Rev.1", 0, 2, "Belarus", "Russian Federation",
	  { "0 insert paragraphs PP14 (1)" } },
	{ "A_C.3_80_L.63.txt", "A/C.3/80/L.63", "A/C.3/80/L.20/Rev.1", 0, 1, "South Africa", NULL,
	  { "0 replace words PP13 find “the fourth Global Conference on the Sustained Eradication of Child Labour, "
	    "held in Buenos Aires from 14 to 16 November 2017”: “the fifth Global Conference on the Elimination of "
	    "Child Labour, held in Durban, South Africa, from 15 to 20 May 2022”" } },
	{ "A_C.3_80_L.64.txt", "A/C.3/80/L.64", "A/C.3/80/L.20/Rev.1", 0, 1, "Burundi", NULL,
	  { "1 delete words OP13 find “sexual and reproductive health,”",
	    "2 delete words OP27,OP43 find “sexual and reproductive”",
	    "3 delete words OP46 find “including sexual and reproductive health,”" } },
};

START_TEST(test_corpus_document)
{
	const struct corpus_doc *c = &docs[_i];
	struct amendoc d;
	size_t k, n = 0;

	if (!have_corpus())
		return;
	read_doc(c->file, &d);
	ck_assert_str_eq(d.symbol, c->symbol);
	ck_assert_str_eq(d.target, c->target);
	ck_assert_int_eq(d.target_draft, c->target_draft);
	ck_assert_uint_eq(d.nsponsors, c->nsponsors);
	ck_assert_str_eq(d.sponsors[0], c->first);
	if (c->last)
		ck_assert_str_eq(d.sponsors[d.nsponsors - 1], c->last);
	ck_assert_ptr_nonnull(d.title);
	for (k = 0; k < d.nunread; k++)
		ck_abort_msg("%s: instruction %d unread (%s): %s", c->file, d.unread[k].number, d.unread[k].why,
			     d.unread[k].source);
	while (n < ARRAY_SIZE(c->instr) && c->instr[n])
		n++;
	ck_assert_msg(d.ninstr == n, "%s: %zu instructions, want %zu", c->file, d.ninstr, n);
	for (k = 0; k < n; k++)
		assert_instr(&d, k, c->instr[k]);
	for (k = 0; k < d.ninstr; k++)
		ck_assert_msg(d.instr[k].source && d.instr[k].source[0] && !strchr(d.instr[k].source, '\n'), "%s",
			      c->file);
	amendoc_release(&d);
}
END_TEST

/* A/80/L.28 in full: its eight instructions, every string of them */
START_TEST(test_corpus_l28_exact)
{
	struct amendoc d;
	const struct amendoc_instr *in;

	if (!have_corpus())
		return;
	read_doc("A_80_L.28.txt", &d);
	ck_assert_str_eq(d.title, "Persistent legacy of the Chernobyl disaster");
	ck_assert_uint_eq(d.ninstr, 8);

	in = &d.instr[0];
	ck_assert_int_eq(in->op, AD_REPLACE_WORDS);
	ck_assert_uint_eq(in->ntargets, 3);
	ck_assert_int_eq(in->targets[0].where, AW_TITLE);
	ck_assert_int_eq(in->targets[1].where, AW_ALL_PP);
	ck_assert_int_eq(in->targets[2].where, AW_ALL_OP);
	ck_assert_str_eq(in->find, "Chernobyl");
	ck_assert_str_eq(in->texts[0], "Chornobyl");
	ck_assert_str_eq(in->source, "Replace “Chernobyl” with “Chornobyl” in the title, the preambular paragraphs "
				     "and the operative paragraphs.");

	in = &d.instr[1];
	ck_assert_int_eq(in->op, AD_INSERT_WORDS);
	ck_assert_uint_eq(in->ntargets, 1);
	ck_assert_int_eq(in->targets[0].where, AW_PP);
	ck_assert_int_eq(in->targets[0].number, 2);
	ck_assert_str_eq(in->targets[0].sub, "");
	ck_assert_str_eq(in->anchor, "Chornobyl nuclear power plant");
	ck_assert_int_eq(in->before, 0);
	ck_assert_ptr_null(in->find);
	ck_assert_uint_eq(in->ntexts, 1);
	ck_assert_str_eq(in->texts[0], "of Ukraine");

	in = &d.instr[2];
	ck_assert_int_eq(in->op, AD_INSERT_PARAS);
	ck_assert_int_eq(in->targets[0].where, AW_PP);
	ck_assert_int_eq(in->targets[0].number, 5);
	ck_assert_uint_eq(in->ntexts, 1);
	ck_assert_str_eq(in->texts[0],
			 "Stressing that the fortieth anniversary of the Chornobyl disaster in 2026 presents a critical "
			 "opportunity for all stakeholders to actively commemorate the event and renew their commitment "
			 "to long-term recovery, resilience and sustainable development,");

	in = &d.instr[3];
	ck_assert_int_eq(in->op, AD_REPLACE_WORDS);
	ck_assert_int_eq(in->targets[0].where, AW_OP);
	ck_assert_int_eq(in->targets[0].number, 1);
	ck_assert_str_eq(in->find, "Takes note");
	ck_assert_str_eq(in->texts[0], "Welcomes");

	in = &d.instr[4];
	ck_assert_int_eq(in->op, AD_INSERT_PARAS);
	ck_assert_uint_eq(in->ntargets, 1);
	ck_assert_int_eq(in->targets[0].where, AW_OP);
	ck_assert_int_eq(in->targets[0].number, 4);
	ck_assert_uint_eq(in->ntexts, 2);
	ck_assert_str_eq(in->texts[0],
			 "Expresses grave alarm at the damage arising from the drone strike of 14 February 2025 against the "
			 "New Safe Confinement structure at the Chornobyl nuclear power plant of Ukraine, which "
			 "jeopardized decades of international progress in making the site safe and secure after one of "
			 "the world’s most dangerous nuclear disasters;");
	/* the page's footnote and furniture after it are not part of it */
	ck_assert_str_eq(in->texts[1],
			 "Stresses the importance of continued support from the international community and relevant "
			 "authorities in repairing the New Safe Confinement, which is critical for upholding global "
			 "nuclear safety standards and mitigating environmental risks in Ukraine;");

	in = &d.instr[5];
	ck_assert_int_eq(in->op, AD_INSERT_PARAS);
	ck_assert_int_eq(in->targets[0].number, 7);
	ck_assert_str_eq(in->texts[0],
			 "Decides to rename International Chernobyl Disaster Remembrance Day, proclaimed in its "
			 "resolution 71/125 of 8 December 2016 and observed annually since 2017, as International "
			 "Chornobyl Disaster Remembrance Day;");

	in = &d.instr[6];
	ck_assert_int_eq(in->op, AD_INSERT_WORDS);
	ck_assert_int_eq(in->targets[0].where, AW_OP);
	ck_assert_int_eq(in->targets[0].number, 8);
	ck_assert_str_eq(in->anchor, "International Chornobyl Disaster Remembrance Day");
	ck_assert_str_eq(in->texts[0],
			 ", including by paying particular attention to the significance of marking this day in 2026,");

	in = &d.instr[7];
	ck_assert_int_eq(in->op, AD_REPLACE_WORDS);
	ck_assert_int_eq(in->targets[0].number, 10);
	ck_assert_int_eq(in->number, 8);
	amendoc_release(&d);
}
END_TEST

/* The sponsors' names with "and" or brackets inside, and the group a
 * sponsor speaks for */
START_TEST(test_corpus_sponsor_names)
{
	struct amendoc d;
	size_t k;
	int iran = 0, cote = 0;

	if (!have_corpus())
		return;
	read_doc("A_C.3_80_L.65.txt", &d);
	ck_assert_str_eq(d.sponsors[18], "United Kingdom of Great Britain and Northern Ireland");
	amendoc_release(&d);
	read_doc("A_80_L.40.txt", &d);
	for (k = 0; k < d.nsponsors; k++) {
		iran += strcmp(d.sponsors[k], "Iran (Islamic Republic of)") == 0;
		cote += strcmp(d.sponsors[k], "Côte d’Ivoire") == 0;
	}
	ck_assert_int_eq(iran, 1);
	ck_assert_int_eq(cote, 1);
	ck_assert_str_eq(d.title, "Implementation of the Convention on the Rights of Persons with Disabilities and the "
				  "Optional Protocol thereto: amplified barriers in diverse contexts");
	amendoc_release(&d);
	read_doc("A_C.2_80_L.62.txt", &d);
	ck_assert_ptr_nonnull(d.on_behalf_of);
	ck_assert_str_eq(d.on_behalf_of[0],
			 "the States Members of the United Nations that are members of the European Union");
	amendoc_release(&d);
}
END_TEST

/* Every other document of the session's L series, drafts and revisions,
 * is no amendment: none is read as one */
START_TEST(test_corpus_no_false_amendments)
{
	DIR *dir;
	struct dirent *de;
	size_t k, seen = 0, listed;

	if (!have_corpus())
		return;
	dir = opendir(corpus_dir);
	ck_assert_ptr_nonnull(dir);
	while ((de = readdir(dir)) != NULL) {
		struct amendoc d;
		struct rl_error err;
		size_t len;
		char *text;
		int rc;

		if (!strstr(de->d_name, "_80_L.") || strncmp(de->d_name, "A_", 2) != 0)
			continue;
		text = slurp(de->d_name, &len);
		rc = amendoc_read(text, len, &d, &err);
		free(text);
		for (listed = 0, k = 0; k < ARRAY_SIZE(docs); k++)
			listed |= strcmp(docs[k].file, de->d_name) == 0;
		ck_assert_msg(rc == (listed ? 0 : -1), "%s: read as %s", de->d_name, rc ? "no amendment" : "an amendment");
		if (rc == 0)
			amendoc_release(&d);
		seen++;
	}
	closedir(dir);
	ck_assert_uint_gt(seen, ARRAY_SIZE(docs));
}
END_TEST

static Suite *
amendoc_suite(void)
{
	Suite *s = suite_create("amendoc");
	TCase *tc = tcase_create("phrases");
	TCase *tcc = tcase_create("corpus");

	tcase_add_test(tc, test_ordinals);
	tcase_add_test(tc, test_heading);
	tcase_add_test(tc, test_heading_report);
	tcase_add_test(tc, test_heading_bare);
	tcase_add_test(tc, test_not_an_amendment);
	tcase_add_test(tc, test_heading_without_symbol);
	tcase_add_test(tc, test_replace_words);
	tcase_add_test(tc, test_insert_words);
	tcase_add_test(tc, test_delete_words);
	tcase_add_test(tc, test_subparagraphs);
	tcase_add_test(tc, test_delete_paras);
	tcase_add_test(tc, test_insert_paras);
	tcase_add_test(tc, test_replace_paras);
	tcase_add_test(tc, test_numbered_and_page_break);
	tcase_add_test(tc, test_hyphen_spelled_elsewhere);
	tcase_add_test(tc, test_unread_named);
	tcase_add_test(tc, test_no_instruction);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tcc, test_corpus_document, 0, (int)ARRAY_SIZE(docs));
	tcase_add_test(tcc, test_corpus_l28_exact);
	tcase_add_test(tcc, test_corpus_sponsor_names);
	tcase_add_test(tcc, test_corpus_no_false_amendments);
	tcase_set_timeout(tcc, 60);
	suite_add_tcase(s, tcc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(amendoc_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
