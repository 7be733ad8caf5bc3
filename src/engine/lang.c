#include "config.h"
#include "lang.h"

#include <ctype.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

/*
 * English. The opener lists come from the UN Editorial Manual's rule that a
 * PP opens with a participle or adjective and an OP with a verb, plus the
 * fixed multi-word phrases that negotiators treat as one opener.
 */
static const char *const en_formulas[] = { "The General Assembly,", "The General Assembly", "The Security Council,", "The Economic and Social Council,", "The Human Rights Council,", NULL };
static const char *const en_phrases[] = {
	"Taking note with appreciation of", "Taking note with satisfaction of", "Taking note of",
	"Takes note with appreciation of", "Takes note with satisfaction of", "Takes note of",
	"Taking into account", "Takes into account", "Bearing in mind", "Keeping in mind",
	"Calls upon", "Calls on", "Calling upon", "Calling on", "Appeals to", "Appealing to",
	"Expressing its grave concern", "Expressing its deep concern", "Expressing its serious concern",
	"Expressing grave concern", "Expressing deep concern", "Expressing profound concern",
	"Expressing serious concern", "Expressing concern", "Expressing its appreciation",
	"Expressing appreciation", "Expressing its hope", "Expressing the hope",
	"Expresses its grave concern", "Expresses its deep concern", "Expresses its serious concern",
	"Expresses grave concern", "Expresses deep concern", "Expresses profound concern",
	"Expresses serious concern", "Expresses concern", "Expresses its appreciation",
	"Expresses appreciation", "Expresses its hope", "Expresses the hope",
	"Noting with appreciation", "Noting with concern", "Noting with satisfaction", "Noting with regret",
	"Notes with appreciation", "Notes with concern", "Notes with satisfaction", "Notes with regret",
	"Noting with deep concern", "Noting with grave concern", "Noting with serious concern",
	"Noting with great concern", "Noting with deep appreciation", "Notes with deep concern",
	"Notes with grave concern", "Notes with serious concern", "Notes with great concern",
	"Expressing its concern", "Expresses its concern", "Expressing its profound concern",
	"Expresses its profound concern", "Expressing its deep appreciation", "Expresses its deep appreciation",
	"Expressing its gratitude", "Expresses its gratitude", "Acknowledging with appreciation",
	"Acknowledges with appreciation", "Recognizing with appreciation", "Recognizes with appreciation",
	"Welcoming with appreciation", "Welcomes with appreciation",
	"Welcoming with satisfaction", "Welcomes with satisfaction", "Having considered", "Having examined",
	"Deeply concerned", "Gravely concerned", "Seriously concerned", NULL
};
static const char *const en_connectives[] = { "also", "further", "furthermore", "again", "once again", "moreover", NULL };
static const char *const en_adverbs[] = { "Strongly", "Further", "Also", "Once", "Again", "Deeply", "Firmly", "Fully", "Emphatically", NULL };
static const char *const en_endings[] = { "ing", NULL };
static const char *const en_pp_words[] = { "Mindful", "Aware", "Convinced", "Conscious", "Concerned", "Alarmed", "Determined", "Cognizant", "Guided", "Desirous", "Deeply", "Gravely", "Seriously", "Fully", "Having", "Bearing", "Keeping", "Acknowledging", "Reaffirming", NULL };
static const char *const en_months[] = { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", NULL };
static const char *const en_furniture[] = { "Please recycle", "United Nations", "General Assembly", NULL };
static const char *const en_closing[] = { "plenary meeting", NULL };
static const char *const en_agenda[] = { "Agenda item", "Agenda items", NULL };
static const char *const en_session[] = { "session", NULL };
static const char *const en_adopted[] = { "adopted by the General Assembly on", NULL };
static const char *const en_report[] = { "on the report of the", NULL };
static const char *const en_annex[] = { "Annex", "ANNEX", NULL };
/* Function words, a third of any clause, left out when the aligner weighs
 * how alike two clauses are; lower case, sorted bytewise (a binary search). */
static const char *const en_stopwords[] = {
	"a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from",
	"has", "have", "in", "into", "is", "it", "its", "of", "on", "or",
	"that", "the", "their", "these", "this", "those", "to", "upon", "was",
	"were", "which", "with", "within", NULL
};
/* Short words an editor rewrites along with the phrase around them, rather
 * than keep as a lone island of unchanged text inside a replacement. */
static const char *const en_fillers[] = {
	"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "its",
	"of", "on", "or", "the", "their", "to", "with", NULL
};

static const struct lang lang_en = {
	.code = "en",
	.formulas = en_formulas,
	.opener_phrases = en_phrases,
	.connectives = en_connectives,
	.lead_adverbs = en_adverbs,
	.participle_endings = en_endings,
	.pp_words = en_pp_words,
	.months = en_months,
	.furniture = en_furniture,
	.closing_markers = en_closing,
	.agenda_markers = en_agenda,
	.session_markers = en_session,
	.adopted_markers = en_adopted,
	.report_markers = en_report,
	.annex_words = en_annex,
	.stopwords = en_stopwords,
	.nstopwords = ARRAY_SIZE(en_stopwords) - 1,
	.longest_stopword = 6,
	.filler_words = en_fillers,
	.nfillers = ARRAY_SIZE(en_fillers) - 1,
};

static const char *const fr_formulas[] = { "L'Assemblée générale,", "L\xe2\x80\x99" "Assemblée générale,", "L'Assemblée générale", NULL };
static const char *const fr_phrases[] = {
	"Prenant note avec satisfaction", "Prenant note", "Prend note avec satisfaction", "Prend note",
	"Prie instamment", "Accueille avec satisfaction", "Accueillant avec satisfaction",
	"Se félicite", "Se félicitant", "Ayant examiné", "Gardant à l'esprit", "Tenant compte",
	"Exprime sa profonde préoccupation", "Exprime sa préoccupation", "Exprimant sa profonde préoccupation",
	"Exprimant sa préoccupation", "Demande instamment", NULL
};
static const char *const fr_connectives[] = { "également", "aussi", "en outre", "de nouveau", NULL };
static const char *const fr_adverbs[] = { NULL };
static const char *const fr_endings[] = { "ant", NULL };
static const char *const fr_pp_words[] = { "Consciente", "Convaincue", "Préoccupée", "Profondément", "Ayant", "Gravement", "Résolue", "Soulignant", NULL };
static const char *const fr_months[] = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", NULL };
static const char *const fr_furniture[] = { "Merci de recycler", "Nations Unies", "Assemblée générale", NULL };
static const char *const fr_closing[] = { "séance plénière", NULL };
static const char *const fr_agenda[] = { "Point", "Points", NULL };
static const char *const fr_session[] = { "session", NULL };
static const char *const fr_adopted[] = { "adoptée par l'Assemblée générale le", "adoptée par l\xe2\x80\x99" "Assemblée générale le", NULL };
static const char *const fr_report[] = { "sur la base du rapport de la", "sur le rapport de la", NULL };
static const char *const fr_annex[] = { "Annexe", "ANNEXE", NULL };
static const char *const fr_stopwords[] = {
	"au", "aux", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est",
	"et", "il", "la", "le", "les", "leur", "leurs", "ou", "par", "pour", "qu",
	"que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une",
	"\xc3\xa0", NULL
};
static const char *const fr_fillers[] = {
	"au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "ou", "par",
	"pour", "sa", "ses", "son", "sur", "un", "une", "\xc3\xa0", NULL
};

static const struct lang lang_fr = {
	.code = "fr",
	.formulas = fr_formulas,
	.opener_phrases = fr_phrases,
	.connectives = fr_connectives,
	.lead_adverbs = fr_adverbs,
	.participle_endings = fr_endings,
	.pp_words = fr_pp_words,
	.months = fr_months,
	.furniture = fr_furniture,
	.closing_markers = fr_closing,
	.agenda_markers = fr_agenda,
	.session_markers = fr_session,
	.adopted_markers = fr_adopted,
	.report_markers = fr_report,
	.annex_words = fr_annex,
	.stopwords = fr_stopwords,
	.nstopwords = ARRAY_SIZE(fr_stopwords) - 1,
	.longest_stopword = 5,
	.filler_words = fr_fillers,
	.nfillers = ARRAY_SIZE(fr_fillers) - 1,
};

static const char *const es_formulas[] = { "La Asamblea General,", "La Asamblea General", NULL };
static const char *const es_phrases[] = {
	"Tomando nota con satisfacción", "Tomando nota", "Toma nota con satisfacción", "Toma nota",
	"Insta encarecidamente", "Acoge con beneplácito", "Acogiendo con beneplácito",
	"Teniendo presente", "Teniendo en cuenta", "Habiendo examinado",
	"Expresa su profunda preocupación", "Expresa su preocupación", "Expresando su profunda preocupación",
	"Expresando su preocupación", NULL
};
static const char *const es_connectives[] = { "también", "además", "asimismo", "nuevamente", NULL };
static const char *const es_adverbs[] = { "Encarecidamente", NULL };
static const char *const es_endings[] = { "ando", "iendo", "endo", NULL };
static const char *const es_pp_words[] = { "Consciente", "Convencida", "Preocupada", "Guiada", "Profundamente", "Habiendo", "Decidida", NULL };
static const char *const es_months[] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", NULL };
static const char *const es_furniture[] = { "Se ruega reciclar", "Naciones Unidas", "Asamblea General", NULL };
static const char *const es_closing[] = { "sesión plenaria", NULL };
static const char *const es_agenda[] = { "Tema", "Temas", NULL };
static const char *const es_session[] = { "período de sesiones", NULL };
static const char *const es_adopted[] = { "aprobada por la Asamblea General el", NULL };
static const char *const es_report[] = { "sobre la base del informe de la", "sobre el informe de la", NULL };
static const char *const es_annex[] = { "Anexo", "ANEXO", NULL };
static const char *const es_stopwords[] = {
	"a", "al", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los",
	"o", "para", "por", "que", "se", "su", "sus", "un", "una", "y", NULL
};
static const char *const es_fillers[] = {
	"a", "al", "con", "de", "del", "el", "en", "la", "las", "los", "o",
	"para", "por", "su", "sus", "un", "una", "y", NULL
};

static const struct lang lang_es = {
	.code = "es",
	.formulas = es_formulas,
	.opener_phrases = es_phrases,
	.connectives = es_connectives,
	.lead_adverbs = es_adverbs,
	.participle_endings = es_endings,
	.pp_words = es_pp_words,
	.months = es_months,
	.furniture = es_furniture,
	.closing_markers = es_closing,
	.agenda_markers = es_agenda,
	.session_markers = es_session,
	.adopted_markers = es_adopted,
	.report_markers = es_report,
	.annex_words = es_annex,
	.stopwords = es_stopwords,
	.nstopwords = ARRAY_SIZE(es_stopwords) - 1,
	.longest_stopword = 4,
	.filler_words = es_fillers,
	.nfillers = ARRAY_SIZE(es_fillers) - 1,
};

static const struct lang *const all_langs[] = { &lang_en, &lang_fr, &lang_es };

const struct lang *const *
lang_all(size_t *n)
{
	*n = ARRAY_SIZE(all_langs);
	return all_langs;
}

const struct lang *
lang_english(void)
{
	return &lang_en;
}

/* Fold one code point for comparisons: ASCII and Latin-1 case. */
static uint32_t
fold_cp(uint32_t cp)
{
	if (cp == 0x2019)
		return '\'';
	return utf8_tolower(cp);
}

int
lang_casecmp(const char *a, const char *b, size_t n)
{
	size_t i = 0, ka, kb;
	uint32_t ca, cb;

	while (i < n) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		/* ASCII on both sides: the common case, decided byte by byte */
		if (x < 0x80 && y < 0x80) {
			if (x != y && ((x | 0x20) != (y | 0x20) || !((x | 0x20) >= 'a' && (x | 0x20) <= 'z')))
				return 1;
			i++;
			continue;
		}
		ka = utf8_decode(a + i, n - i, &ca);
		kb = utf8_decode(b + i, n - i, &cb);
		if (ka != kb || fold_cp(ca) != fold_cp(cb))
			return 1;
		i += ka;
	}
	return 0;
}

const char *
lang_find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (lang_casecmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

size_t
lang_word_len(const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		/* ASCII without the decoder: a letter, a digit, '-' or '\'' */
		if (c < 0x80) {
			if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\''))
				break;
			i++;
			continue;
		}
		k = utf8_decode(s + i, len - i, &cp);
		if (!utf8_is_alnum(cp) && cp != '-' && cp != '\'' && cp != 0x2019)
			break;
		i += k;
	}
	return i;
}

int
lang_is_word_byte(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

int
lang_in_list(const char *const *list, const char *word, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && lang_casecmp(*list, word, len) == 0)
			return 1;
	return 0;
}

const struct lang *
lang_match_formula(const char *line, size_t len)
{
	size_t i, n = ARRAY_SIZE(all_langs), fl;
	const char *const *f;

	for (i = 0; i < n; i++) {
		for (f = all_langs[i]->formulas; *f; f++) {
			fl = strlen(*f);
			/* the formula is the whole line, give or take its comma */
			if (len >= fl && len <= fl + 1 && memcmp(line, *f, fl) == 0)
				return all_langs[i];
		}
	}
	return NULL;
}

int
lang_month(const struct lang *l, const char *word, size_t len)
{
	int m;

	for (m = 0; l->months[m]; m++)
		if (strlen(l->months[m]) == len && lang_casecmp(l->months[m], word, len) == 0)
			return m + 1;
	return 0;
}

/*
 * Numbering: "12. ", "12 - " (the Arabic texts' style), "(a) ", "a) ", "(ii) "
 */

/* "12. " or "12 - " (Arabic style): length of the number prefix, 0 if none */
size_t
lang_op_number_len(const char *s, size_t len, size_t *digits)
{
	size_t i = 0;

	while (i < len && is_digit(s[i]))
		i++;
	if (i == 0 || i > 3)
		return 0;
	*digits = i;
	if (i + 1 < len && s[i] == '.' && s[i + 1] == ' ')
		return i + 2;
	if (i + 3 < len && s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ')
		return i + 3;
	return 0;
}

/* "(a) ", "(ii) ", "a) ": length of the prefix, label in lab and lablen */
size_t
lang_subpara_len(const char *s, size_t len, const char **lab, size_t *lablen)
{
	size_t i = 0, start;

	if (len > 0 && s[0] == '(')
		i = 1;
	start = i;
	while (i < len && islower((unsigned char)s[i]) && i - start < 5)
		i++;
	if (i == start || i + 1 >= len || s[i] != ')' || s[i + 1] != ' ')
		return 0;
	*lab = s + start;
	*lablen = i - start;
	return i + 2;
}

static int
word_has_ending(const char *w, size_t wl, const char *const *endings)
{
	for (; *endings; endings++) {
		size_t el = strlen(*endings);
		if (wl > el + 2 && memcmp(w + wl - el, *endings, el) == 0)
			return 1;
	}
	return 0;
}

/* Could this line open a preambular paragraph? A capitalised participle or
 * one of the language's PP words. */
int
lang_pp_start(const struct lang *l, const char *s, size_t len)
{
	size_t w = lang_word_len(s, len);
	uint32_t cp;

	if (w == 0)
		return 0;
	utf8_decode(s, len, &cp);
	if (!utf8_is_upper(cp) && !l->lower_case_openers)
		return 0;
	if (lang_in_list(l->pp_words, s, w))
		return 1;
	/* "Strongly condemning": a leading adverb, then the participle */
	if (lang_in_list(l->lead_adverbs, s, w) && w < len && s[w] == ' ') {
		size_t i = w + 1, w2 = lang_word_len(s + w + 1, len - w - 1);

		if (w2 && word_has_ending(s + i, w2, l->participle_endings))
			return 1;
	}
	if (!word_has_ending(s, w, l->participle_endings))
		return 0;
	/* "Meeting of the States Parties": a noun in -ing that a line wrap
	 * put first is no opener */
	{
		size_t i = w;

		while (i < len && s[i] == ' ')
			i++;
		if (i + 2 <= len && (i + 2 == len || s[i + 2] == ' ' || s[i + 2] == ',') && s[i] == 'o' && s[i + 1] == 'f')
			return 0;
	}
	return 1;
}

int
lang_line_numbered(const char *s, size_t len)
{
	size_t d, ll;
	const char *lab;

	return lang_op_number_len(s, len, &d) || lang_subpara_len(s, len, &lab, &ll);
}

/*
 * Openers
 */

/* Bytes of the connective ("also", "once again", "de nouveau") at s, or 0. */
static size_t
connective_len(const struct lang *l, const char *s, size_t len)
{
	const char *const *c;

	for (c = l->connectives; *c; c++) {
		size_t n = strlen(*c);
		if (n <= len && lang_casecmp(s, *c, n) == 0 && (n == len || !lang_is_word_byte(s[n])))
			return n;
	}
	return 0;
}

/* Match the words of phrase at s, letting connectives ("also") sit between
 * them; return the bytes matched or 0. */
static size_t
match_phrase(const struct lang *l, const char *s, size_t len, const char *phrase)
{
	size_t i = 0, pi = 0, plen = strlen(phrase), w, pw;

	while (pi < plen) {
		while (i < len && s[i] == ' ')
			i++;
		w = lang_word_len(s + i, len - i);
		pw = lang_word_len(phrase + pi, plen - pi);
		if (w == 0 || pw == 0)
			return 0;
		if (w == pw && lang_casecmp(s + i, phrase + pi, w) == 0) {
			i += w;
			pi += pw;
			while (pi < plen && phrase[pi] == ' ')
				pi++;
		} else if (pi > 0 && connective_len(l, s + i, len - i)) {
			i += connective_len(l, s + i, len - i);
		} else {
			return 0;
		}
	}
	return i;
}

/* Extend an opener over trailing connectives: "Noting also", "Recalling further". */
static size_t
extend_connectives(const struct lang *l, const char *s, size_t len, size_t at)
{
	for (;;) {
		size_t i = at, w;

		while (i < len && s[i] == ' ')
			i++;
		if (i >= len || (w = connective_len(l, s + i, len - i)) == 0)
			return at;
		at = i + w;
	}
}

size_t
lang_opener_length(const char *s, size_t len, const struct lang *l)
{
	const char *const *ph;
	size_t best = 0, m, i = 0, w;
	uint32_t cp;

	if (!l)
		l = lang_english();
	if (len == 0)
		return 0;
	utf8_decode(s, len, &cp);
	if (!utf8_is_upper(cp) && !l->lower_case_openers)
		return 0;
	/* leading adverbs: "Strongly urges", "Further requests", "Once again calls upon" */
	for (;;) {
		w = lang_word_len(s + i, len - i);
		if (w == 0 || !lang_in_list(l->lead_adverbs, s + i, w) || i + w >= len)
			break;
		if (w == 4 && lang_casecmp(s + i, "once", 4) == 0) {
			size_t j = i + w + 1;
			if (lang_word_len(s + j, len - j) != 5 || lang_casecmp(s + j, "again", 5) != 0)
				break;
			w = j + 5 - i;
		}
		i += w;
		while (i < len && s[i] == ' ')
			i++;
	}
	w = lang_word_len(s + i, len - i);
	for (ph = l->opener_phrases; *ph; ph++) {
		/* the first word's letter and length decide most phrases at once
		 * (the letter first: it needs no scan of the phrase) */
		if (tolower((unsigned char)(*ph)[0]) != tolower((unsigned char)s[i]) || strcspn(*ph, " ") != w)
			continue;
		m = match_phrase(l, s + i, len - i, *ph);
		if (m > best)
			best = m;
	}
	if (best == 0)
		best = lang_word_len(s + i, len - i);
	if (best == 0)
		return 0;
	return extend_connectives(l, s, len, i + best);
}

/*
 * Stop and filler words
 */

/* memcmp then length, in one pass: no call for a word of a few letters. */
static int
word_cmp(const char *w, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n && s[i]; i++)
		if (w[i] != s[i])
			return (unsigned char)w[i] - (unsigned char)s[i];
	if (i < n)
		return 1;
	return s[i] ? -1 : 0;
}

/* Binary search of a sorted list of n lower-case words. */
static int
sorted_has(const char *const *list, size_t count, const char *w, size_t n)
{
	size_t lo = 0, hi = count, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = word_cmp(w, n, list[mid]);
		if (!r)
			return 1;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int
lang_is_stopword(const struct lang *l, const char *w, size_t n)
{
	if (!l)
		l = &lang_en;
	return n <= l->longest_stopword && sorted_has(l->stopwords, l->nstopwords, w, n);
}

int
lang_is_filler(const struct lang *l, const char *w, size_t n)
{
	if (!l)
		l = &lang_en;
	return sorted_has(l->filler_words, l->nfillers, w, n);
}

const struct lang *
lang_by_code(const char *code)
{
	size_t i;

	for (i = 0; code && i < ARRAY_SIZE(all_langs); i++)
		if (strcmp(all_langs[i]->code, code) == 0)
			return all_langs[i];
	return NULL;
}
