#include "config.h"
#include "lang.h"

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

static const struct lang lang_en = {
	"en", en_formulas, en_phrases, en_connectives, en_adverbs, en_endings, en_pp_words,
	en_months, en_furniture, en_closing, en_agenda, en_session, en_adopted, en_report, en_annex, 0
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

static const struct lang lang_fr = {
	"fr", fr_formulas, fr_phrases, fr_connectives, fr_adverbs, fr_endings, fr_pp_words,
	fr_months, fr_furniture, fr_closing, fr_agenda, fr_session, fr_adopted, fr_report, fr_annex, 0
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

static const struct lang lang_es = {
	"es", es_formulas, es_phrases, es_connectives, es_adverbs, es_endings, es_pp_words,
	es_months, es_furniture, es_closing, es_agenda, es_session, es_adopted, es_report, es_annex, 0
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
		k = utf8_decode(s + i, len - i, &cp);
		if (!utf8_is_alnum(cp) && cp != '-' && cp != '\'' && cp != 0x2019)
			break;
		i += k;
	}
	return i;
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
