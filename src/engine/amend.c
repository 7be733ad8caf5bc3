#include "config.h"
#include "amend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amendoc.h"
#include "repair.h"
#include "utf8.h"

/* one table per set of words: the fact lives here only */
static const char *const action_words[] = { "replace", "delete", "insert", "words" };
static const char *const status_words[] = { "proposed", "accepted", "rejected", "withdrawn" };
static const char *const para_words[] = { "pending", "agreed", "agreed ad ref" };
static const char *const event_words[] = { "propose", "accept", "reject", "withdraw", "reopen", "cosponsor", "applied" };

const char *
amend_action_word(enum amend_action a)
{
	return (size_t)a < ARRAY_SIZE(action_words) ? action_words[a] : NULL;
}

const char *
amend_status_word(enum amend_status s)
{
	return (size_t)s < ARRAY_SIZE(status_words) ? status_words[s] : NULL;
}

const char *
para_status_word(enum para_status s)
{
	return (size_t)s < ARRAY_SIZE(para_words) ? para_words[s] : NULL;
}

const char *
amend_event_word(enum amend_event_kind k)
{
	return (size_t)k < ARRAY_SIZE(event_words) ? event_words[k] : NULL;
}

/* ASCII case folded, '-' and '_' as spaces */
static int
same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '-' || *a == '_' ? ' ' : *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return !*a && !*b;
}

int
amend_status_from_word(const char *w, enum amend_status *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(status_words); i++)
		if (same_word(w, status_words[i])) {
			*out = (enum amend_status)i;
			return 0;
		}
	return -1;
}

int
para_status_from_word(const char *w, enum para_status *out)
{
	size_t i;

	if (same_word(w, "ad ref")) {
		*out = PARA_AGREED_AD_REF;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(para_words); i++)
		if (same_word(w, para_words[i])) {
			*out = (enum para_status)i;
			return 0;
		}
	return -1;
}

int
amend_valid_name(const char *s, size_t max)
{
	size_t n = strlen(s), i = 0;

	if (n == 0 || n > max || !utf8_valid(s, n, NULL) || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (cp < 0x20 || cp == 0x7f || utf8_unsafe(cp) != 0)
			return 0;
		i += k ? k : 1;
	}
	return 1;
}

/*
 * The record
 */

static void
field(struct sbuf *out, const char *key, const char *value)
{
	if (value)
		sbuf_printf(out, "%s %s\n", key, value);
}

void
amend_record_write(const struct amendment *a, struct sbuf *out)
{
	size_t i;

	sbuf_adds(out, "redline-amendment 1\n");
	field(out, "series", a->series);
	field(out, "draft", a->draft);
	field(out, "symbol", a->symbol);
	field(out, "action", amend_action_word(a->action));
	for (i = 0; i < a->nclauses; i++)
		field(out, "clause", a->clauses[i]);
	for (i = 0; i < a->nsponsors; i++)
		field(out, "sponsor", a->sponsors[i]);
	field(out, "find", a->find);
	field(out, "document", a->document);
	if (a->part > 0)
		sbuf_printf(out, "part %d\n", a->part);
	field(out, "rationale", a->rationale);
	sbuf_addch(out, '\n');
	if (a->text) {
		sbuf_adds(out, a->text);
		sbuf_addch(out, '\n');
	}
}

static void
push(char ***v, size_t *n, const char *s, size_t len)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrndup(s, len);
}

static int
is_hex40(const char *s, size_t n)
{
	size_t i;

	if (n != 40)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int
amend_record_read(const char *text, size_t len, struct amendment *a, struct rl_error *err)
{
	const char *p = text, *end = text + len;
	int have_action = 0, first = 1;

	memset(a, 0, sizeof(*a));
	if (!utf8_valid(text, len, NULL) || memchr(text, '\0', len))
		return rl_fail(err, "not an amendment record: not UTF-8 text");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *sp;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *value;
		size_t vlen;

		if (n == 0) {
			/* the blank line: the text follows, to the end */
			p += 1;
			break;
		}
		if (first) {
			if (n != 19 || memcmp(p, "redline-amendment 1", 19) != 0)
				goto bad;
			first = 0;
			p += n + 1;
			continue;
		}
		sp = memchr(p, ' ', n);
		if (!sp || sp == p)
			goto bad;
		vlen = n - (size_t)(sp + 1 - p);
		value = xstrndup(sp + 1, vlen);
		if (!amend_valid_name(value, 4096)) {
			free(value);
			goto bad;
		}
#define KEY(k) ((size_t)(sp - p) == strlen(k) && memcmp(p, k, strlen(k)) == 0)
		if (KEY("series") && !a->series)
			a->series = value;
		else if (KEY("draft") && !a->draft && is_hex40(value, vlen))
			a->draft = value;
		else if (KEY("symbol") && !a->symbol)
			a->symbol = value;
		else if (KEY("rationale") && !a->rationale)
			a->rationale = value;
		else if (KEY("find") && !a->find)
			a->find = value;
		else if (KEY("document") && !a->document)
			a->document = value;
		else if (KEY("part") && !a->part && vlen < 6 && strspn(value, "0123456789") == vlen && value[0] != '0') {
			a->part = atoi(value);
			free(value);
		}
		else if (KEY("clause")) {
			push(&a->clauses, &a->nclauses, value, vlen);
			free(value);
		} else if (KEY("sponsor")) {
			push(&a->sponsors, &a->nsponsors, value, vlen);
			free(value);
		} else if (KEY("action") && !have_action) {
			size_t i;

			for (i = 0; i < ARRAY_SIZE(action_words); i++)
				if (strcmp(value, action_words[i]) == 0)
					break;
			free(value);
			if (i == ARRAY_SIZE(action_words))
				goto bad;
			a->action = (enum amend_action)i;
			have_action = 1;
		} else {
			/* a field of a later version is kept out, not misread */
			free(value);
			goto bad;
		}
#undef KEY
		if (!nl) {
			p = end;
			break;
		}
		p = nl + 1;
	}
	if (first || !have_action || !a->series || !a->draft || !a->nclauses || !a->nsponsors)
		goto bad;
	if ((a->action == AMEND_WORDS) != (a->find != NULL))
		goto bad;
	if (a->action == AMEND_DELETE) {
		if (p < end)
			goto bad;
	} else if (a->action == AMEND_WORDS) {
		size_t n = (size_t)(end - p);

		while (n && p[n - 1] == '\n')
			n--;
		a->text = xstrndup(p, n);
	} else {
		size_t n = (size_t)(end - p);

		while (n && (p[n - 1] == '\n' || p[n - 1] == ' '))
			n--;
		if (!n || (a->action == AMEND_REPLACE && a->nclauses != 1) || (a->action == AMEND_INSERT && a->nclauses != 1))
			goto bad;
		a->text = xstrndup(p, n);
	}
	return 0;
bad:
	amendment_release(a);
	return rl_fail(err, "not a well-formed amendment record");
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
amendment_release(struct amendment *a)
{
	free(a->series);
	free(a->draft);
	free(a->symbol);
	free_list(a->clauses, a->nclauses);
	free_list(a->sponsors, a->nsponsors);
	free(a->rationale);
	free(a->text);
	free(a->find);
	free(a->document);
	memset(a, 0, sizeof(*a));
}

/*
 * Events
 */

int
amend_event_parse(const char *message, struct amend_event *ev)
{
	size_t n = strcspn(message, "\n"), i;

	memset(ev, 0, sizeof(*ev));
	for (i = 0; i < ARRAY_SIZE(event_words); i++) {
		size_t w = strlen(event_words[i]);

		if (n < w || memcmp(message, event_words[i], w) != 0 || (n > w && message[w] != ' '))
			continue;
		ev->kind = (enum amend_event_kind)i;
		if (ev->kind == AEV_COSPONSOR || ev->kind == AEV_APPLIED) {
			if (n <= w + 1)
				return -1;
			ev->arg = message + w + 1;
			ev->arg_len = n - w - 1;
		} else if (ev->kind != AEV_PROPOSE && n != w) {
			return -1;
		}
		return 0;
	}
	return -1;
}

static int
has_sponsor(const struct amend_state *st, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < st->nsponsors; i++)
		if (strlen(st->sponsors[i]) == len && memcmp(st->sponsors[i], name, len) == 0)
			return 1;
	return 0;
}

void
amend_state_init(struct amend_state *st, const struct amendment *a)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	st->status = AMEND_PROPOSED;
	for (i = 0; i < a->nsponsors; i++)
		if (!has_sponsor(st, a->sponsors[i], strlen(a->sponsors[i])))
			push(&st->sponsors, &st->nsponsors, a->sponsors[i], strlen(a->sponsors[i]));
}

void
amend_state_release(struct amend_state *st)
{
	free(st->applied);
	free_list(st->sponsors, st->nsponsors);
	memset(st, 0, sizeof(*st));
}

int
amend_event_allowed(const struct amend_state *st, const struct amend_event *ev, struct rl_error *why)
{
	switch (ev->kind) {
	case AEV_PROPOSE:
		return rl_fail(why, "it is proposed already");
	case AEV_ACCEPT:
	case AEV_REJECT:
	case AEV_WITHDRAW:
		if (st->status != AMEND_PROPOSED)
			return rl_fail(why, "it is %s", amend_status_word(st->status));
		return 0;
	case AEV_REOPEN:
		if (st->status == AMEND_PROPOSED)
			return rl_fail(why, "it is proposed, not closed");
		if (st->applied)
			return rl_fail(why, "it was applied in %.7s", st->applied);
		return 0;
	case AEV_APPLIED:
		if (st->status != AMEND_ACCEPTED)
			return rl_fail(why, "it is %s, not accepted", amend_status_word(st->status));
		if (st->applied)
			return rl_fail(why, "it was applied in %.7s", st->applied);
		return 0;
	case AEV_COSPONSOR:
		if (st->status != AMEND_PROPOSED)
			return rl_fail(why, "it is %s", amend_status_word(st->status));
		if (has_sponsor(st, ev->arg, ev->arg_len))
			return rl_fail(why, "%.*s sponsors it already", (int)ev->arg_len, ev->arg);
		return 0;
	}
	return rl_fail(why, "unknown event");
}

int
amend_state_apply(struct amend_state *st, const struct amend_event *ev)
{
	if (amend_event_allowed(st, ev, NULL) < 0)
		return -1;
	switch (ev->kind) {
	case AEV_ACCEPT:
		st->status = AMEND_ACCEPTED;
		break;
	case AEV_REJECT:
		st->status = AMEND_REJECTED;
		break;
	case AEV_WITHDRAW:
		st->status = AMEND_WITHDRAWN;
		break;
	case AEV_REOPEN:
		st->status = AMEND_PROPOSED;
		break;
	case AEV_COSPONSOR:
		push(&st->sponsors, &st->nsponsors, ev->arg, ev->arg_len);
		break;
	case AEV_APPLIED:
		st->applied = xstrndup(ev->arg, ev->arg_len);
		break;
	case AEV_PROPOSE:
		break;
	}
	return 0;
}

/*
 * The draft with the amendment made
 */

const struct clause *
amend_find_clause(const struct resolution *r, const char *id, size_t *index)
{
	size_t i;

	for (i = 0; i < r->nclauses; i++) {
		const char *a = r->clauses[i].id, *b = id;

		for (; *a && *b; a++, b++) {
			char y = *b >= 'a' && *b <= 'z' && (b - id) < 2 ? (char)(*b - 'a' + 'A') : *b;

			if (*a != y)
				break;
		}
		if (!*a && !*b) {
			if (index)
				*index = i;
			return &r->clauses[i];
		}
	}
	return NULL;
}

/*
 * The draft's clause ids sorted, for amend_find_clause's answer without
 * reading every clause: a text that names many clauses (an amendment's
 * list, a document's instructions) looked each one up from the first, and
 * apply_words did so again for every clause it passed (names x clauses,
 * or names x clauses squared).
 */
struct id_ref {
	const char *id;
	size_t i;
};

struct id_index {
	const struct resolution *r;
	struct id_ref *by;	/* by id, then by place: the first of equal ids first */
};

static int
cmp_id_ref(const void *x, const void *y)
{
	const struct id_ref *a = x, *b = y;
	int c = strcmp(a->id, b->id);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static void
id_index_init(struct id_index *ix, const struct resolution *r)
{
	size_t i;

	ix->r = r;
	ix->by = xmalloc((r->nclauses + 1) * sizeof(*ix->by));
	for (i = 0; i < r->nclauses; i++) {
		ix->by[i].id = r->clauses[i].id;
		ix->by[i].i = i;
	}
	qsort(ix->by, r->nclauses, sizeof(*ix->by), cmp_id_ref);
}

static void
id_index_release(struct id_index *ix)
{
	free(ix->by);
	ix->by = NULL;
}

/* As amend_find_clause: the id's first two letters in either case */
static const struct clause *
id_index_find(const struct id_index *ix, const char *id, size_t *index)
{
	char *q = xstrdup(id);
	size_t lo = 0, hi = ix->r->nclauses, k;
	const struct clause *c = NULL;

	for (k = 0; k < 2 && q[k]; k++)
		if (q[k] >= 'a' && q[k] <= 'z')
			q[k] = (char)(q[k] - 'a' + 'A');
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->by[mid].id, q) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ix->r->nclauses && strcmp(ix->by[lo].id, q) == 0) {
		c = &ix->r->clauses[ix->by[lo].i];
		if (index)
			*index = ix->by[lo].i;
	}
	free(q);
	return c;
}

static void
copy_amendment(const struct amendment *a, struct amendment *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->series = xstrdup(a->series);
	out->draft = xstrdup(a->draft);
	out->symbol = a->symbol ? xstrdup(a->symbol) : NULL;
	out->action = a->action;
	for (i = 0; i < a->nclauses; i++)
		push(&out->clauses, &out->nclauses, a->clauses[i], strlen(a->clauses[i]));
	for (i = 0; i < a->nsponsors; i++)
		push(&out->sponsors, &out->nsponsors, a->sponsors[i], strlen(a->sponsors[i]));
	out->rationale = a->rationale ? xstrdup(a->rationale) : NULL;
	out->text = a->text ? xstrdup(a->text) : NULL;
	out->find = a->find ? xstrdup(a->find) : NULL;
	out->document = a->document ? xstrdup(a->document) : NULL;
	out->part = a->part;
}

/* "title", "PP*", "OP*": the parts of a draft words can be changed in */
static int
is_part(const char *c)
{
	return strcmp(c, "title") == 0 || strcmp(c, "PP*") == 0 || strcmp(c, "OP*") == 0;
}

int
amend_rebase(const struct amendment *a, const struct comparison *cmp, unsigned flags, struct amendment *out,
	     struct rl_error *why)
{
	size_t k, j, i;
	struct id_index ix;
	/* each draft clause's change (the first that has it), found once */
	const struct change **change_of = xcalloc(cmp->old->nclauses + 1, sizeof(*change_of));
	int review = 0;

	copy_amendment(a, out);
	id_index_init(&ix, cmp->old);
	for (j = 0; j < cmp->nchanges; j++)
		for (i = 0; i < cmp->changes[j].nold; i++)
			if (cmp->changes[j].old[i] < cmp->old->nclauses && !change_of[cmp->changes[j].old[i]])
				change_of[cmp->changes[j].old[i]] = &cmp->changes[j];
	for (k = 0; k < a->nclauses; k++) {
		size_t at;
		const struct change *ch = NULL;

		if (is_part(a->clauses[k]))
			continue;
		if (!id_index_find(&ix, a->clauses[k], &at)) {
			if (!review++)
				rl_fail(why, "%s is not in the draft it was proposed for", a->clauses[k]);
			continue;
		}
		ch = change_of[at];
		if (!ch || ch->kind == CHANGE_DELETED || ch->nnew != 1) {
			if (!review++)
				rl_fail(why, "%s was %s", a->clauses[k], !ch ? "deleted" : change_kind_name(ch->kind));
			continue;
		}
		/* the words it replaces or deletes must be those it was written on;
		 * the clause an insertion follows may have changed */
		if (ch->kind != CHANGE_UNCHANGED && !ch->typo_only && a->action != AMEND_INSERT && a->action != AMEND_WORDS &&
		    !(flags & AMEND_FOLLOW_CHANGED) && !review++)
			rl_fail(why, "%s was %s", a->clauses[k], change_kind_name(ch->kind));
		/* where it is now, even when it needs review: that is where
		 * people look for it */
		free(out->clauses[k]);
		out->clauses[k] = xstrdup(cmp->new_->clauses[ch->new_[0]].id);
	}
	id_index_release(&ix);
	free(change_of);
	return review ? 1 : 0;
}

struct lines {
	const char **s;		/* line i (0-based) starts at s[i] */
	size_t *len;		/* without its '\n' */
	size_t n;
	/* per clause of the draft, the line it starts on (its number's line
	 * when the number stands alone; n when it cannot be found), and the
	 * line the next clause in the text starts on (n: none) */
	size_t *start, *next;
	/* per line, 1 + the top-level operative paragraph starting there; 0 */
	size_t *top_at;
};

static void
split_lines(const char *src, size_t len, struct lines *l)
{
	const char *p = src, *end = src + len;
	size_t cap = 0;

	memset(l, 0, sizeof(*l));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (l->n == cap) {
			cap = cap ? cap * 2 : 256;
			l->s = xrealloc(l->s, cap * sizeof(*l->s));
			l->len = xrealloc(l->len, cap * sizeof(*l->len));
		}
		l->s[l->n] = p;
		l->len[l->n++] = n && p[n - 1] == '\r' ? n - 1 : n;
		p += n + 1;
	}
}

static int
blank(const struct lines *l, size_t i)
{
	size_t k;

	for (k = 0; k < l->len[i]; k++)
		if (l->s[i][k] != ' ' && l->s[i][k] != '\t')
			return 0;
	return 1;
}

static size_t words_at(const char *s, const char *end, const char *words);

static int
ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether line i is a paragraph number alone ("1. ", "(a)"). */
static int
number_alone(const struct lines *l, size_t i)
{
	size_t k = 0, d = 0;

	while (k < l->len[i] && l->s[i][k] == ' ')
		k++;
	if (k < l->len[i] && l->s[i][k] == '(')
		k++;
	while (k < l->len[i] && ((l->s[i][k] >= '0' && l->s[i][k] <= '9') || (l->s[i][k] >= 'a' && l->s[i][k] <= 'z'))) {
		k++;
		d++;
	}
	if (!d || d > 4 || k == l->len[i] || (l->s[i][k] != '.' && l->s[i][k] != ')'))
		return 0;
	for (k++; k < l->len[i]; k++)
		if (l->s[i][k] != ' ' && l->s[i][k] != '\t')
			return 0;
	return 1;
}

/* line i without the spaces around it (extracted lines end with one) */
static const char *
trimmed(const struct lines *l, size_t i, size_t *n)
{
	const char *s = l->s[i];

	*n = l->len[i];
	while (*n && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

static int
rule_line(const struct lines *l, size_t i)
{
	size_t n;
	const char *s = trimmed(l, i, &n);

	return n && repair_is_rule(s, n);
}

static int top_operative(const struct clause *c);

static int
cmp_at(const void *a, const void *b)
{
	const size_t *x = a, *y = b;	/* each starts with its line */

	return *x < *y ? -1 : *x > *y;
}

static uint32_t next_char(const char *s, const char *end, size_t *k);
static int superscript_digit(uint32_t cp);
static size_t words_at(const char *s, const char *end, const char *words);

/*
 * Where a clause's first words may start: the word starts in a line's
 * first START_COLS bytes (where locate_clauses looks), keyed by their
 * first two characters as words_at reads them (superscript digits, a
 * footnote's marker, are all it skips before a key's second character;
 * white space is any), sorted by key, then line. Looking for a clause from
 * the one before to the end of the text cost the text's length for every
 * clause not found (clauses x lines); now a clause tries only the lines
 * with a word that starts as its key does.
 */
#define START_COLS 24
/*
 * A key whose first two characters start words on more than START_TRIES
 * lines after the clause before, none followed by the rest of it, is taken
 * as not found, and the parser's line used as for any key not found: in a
 * document the clause is found on the next line or so; only a made-up
 * text gets this far.
 */
#define START_TRIES 64

struct start_ref {
	uint64_t key;
	size_t line;
};

static int
cmp_start_ref(const void *x, const void *y)
{
	const struct start_ref *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

/* The first two characters at p, superscript digits skipped, white space
 * as ' '; 0 when there are not two */
static int
start_key(const char *p, const char *end, int skip, uint64_t *key)
{
	uint32_t c[2], cp;
	size_t k;
	int n = 0;

	while (n < 2) {
		cp = next_char(p, end, &k);
		if (!k)
			return 0;
		p += k;
		if (superscript_digit(cp)) {
			if (skip)
				continue;
			return 0;
		}
		c[n++] = cp == '\t' || cp == '\n' || cp == '\r' ? ' ' : cp;
	}
	if (c[0] == ' ')
		return 0;
	*key = (uint64_t)c[0] << 32 | c[1];
	return 1;
}

static struct start_ref *
start_index(const struct lines *l, size_t *n)
{
	struct start_ref *v = NULL;
	size_t cap = 0, j, k, m = 0;
	const char *end = l->n ? l->s[l->n - 1] + l->len[l->n - 1] : NULL;
	uint64_t key;

	for (j = 0; j < l->n; j++)
		for (k = 0; k < l->len[j] && k < START_COLS; k++)
			if ((k == 0 || !ascii_alnum(l->s[j][k - 1])) && start_key(l->s[j] + k, end, 1, &key)) {
				GROW(v, cap, m + 1);
				v[m].key = key;
				v[m++].line = j;
			}
	if (m > 1)
		qsort(v, m, sizeof(*v), cmp_start_ref);
	*n = m;
	return v;
}

/* Whether key starts at a word of line j, as locate_clauses looks */
static int
key_on_line(const struct lines *l, size_t j, const char *key)
{
	const char *p = l->s[j], *e = l->s[j] + l->len[j];
	size_t k;

	for (k = 0; p + k < e && k < START_COLS; k++)
		if ((k == 0 || !ascii_alnum(p[k - 1])) && words_at(p + k, l->s[l->n - 1] + l->len[l->n - 1], key))
			return 1;
	return 0;
}

/*
 * Where each clause starts in the text. The parser's line numbers count
 * the lines it read, which for a PDF's extracted text are not the file's
 * (page furniture and footnotes moved), so each clause is found by its
 * first words, in order, from where the one before started; the parser's
 * number is the fallback.
 */
static void
locate_clauses(const struct resolution *r, struct lines *l)
{
	size_t i, from = 0, nrefs = 0;
	struct start_ref *refs = NULL;
	int indexed = 0;

	l->start = xcalloc(r->nclauses + 1, sizeof(*l->start));
	for (i = 0; i < r->nclauses; i++) {
		const char *t = r->clauses[i].text;
		char key[48];
		size_t n = t ? strlen(t) : 0, j, found = l->n, lo, hi, tries;
		uint64_t kk;

		/* its first words, cut at a space: a hyphen the parser joined or
		 * a marker it took out is rarely among them */
		if (n > sizeof(key) - 1)
			n = sizeof(key) - 1;
		memcpy(key, t ? t : "", n);
		key[n] = '\0';
		if (n == sizeof(key) - 1 && strrchr(key, ' ') && strrchr(key, ' ') > key + 8)
			*strrchr(key, ' ') = '\0';
		if (*key && start_key(key, key + strlen(key), 0, &kk)) {
			if (!indexed) {
				refs = start_index(l, &nrefs);
				indexed = 1;
			}
			/* the first line at or after from with a word so keyed */
			for (lo = 0, hi = nrefs; lo < hi;) {
				size_t mid = lo + (hi - lo) / 2;

				if (refs[mid].key < kk || (refs[mid].key == kk && refs[mid].line < from))
					lo = mid + 1;
				else
					hi = mid;
			}
			for (tries = 0; lo < nrefs && refs[lo].key == kk && tries < START_TRIES; lo++) {
				if (lo > 0 && refs[lo - 1].key == kk && refs[lo - 1].line == refs[lo].line)
					continue;
				if (key_on_line(l, refs[lo].line, key)) {
					found = refs[lo].line;
					break;
				}
				tries++;
			}
		} else {
			/* a key that starts with a marker or a space, or has one
			 * character: every line */
			for (j = from; j < l->n && *key && found == l->n; j++)
				if (key_on_line(l, j, key))
					found = j;
		}
		if (found == l->n && r->clauses[i].line >= 1 && (size_t)r->clauses[i].line <= l->n)
			found = (size_t)r->clauses[i].line - 1;
		if (found < l->n && found > 0 && number_alone(l, found - 1) && !number_alone(l, found))
			found--;
		else if (found < l->n && found > 1 && blank(l, found - 1) && number_alone(l, found - 2))
			found -= 2;
		l->start[i] = found;
		if (found < l->n)
			from = found + 1;
	}
	free(refs);
	/* looked up for every line and clause of an amendment's making: once */
	{
		struct at { size_t line, clause; } *by = xcalloc(r->nclauses + 1, sizeof(*by));
		size_t k, after = l->n;

		l->next = xcalloc(r->nclauses + 1, sizeof(*l->next));
		l->top_at = xcalloc(l->n + 1, sizeof(*l->top_at));
		for (i = 0; i < r->nclauses; i++) {
			by[i].line = l->start[i];
			by[i].clause = i;
			if (l->start[i] < l->n && top_operative(&r->clauses[i]))
				l->top_at[l->start[i]] = i + 1;
		}
		qsort(by, r->nclauses, sizeof(*by), cmp_at);
		/* the first start after this one's (several may share a line),
		 * from the last: one pass however many share one */
		for (k = r->nclauses; k-- > 0;) {
			if (k + 1 < r->nclauses && by[k + 1].line != by[k].line)
				after = by[k + 1].line;
			l->next[by[k].clause] = after;
		}
		free(by);
	}
}

/* The first line after clause i's own paragraph (0-based): the next blank
 * line or the next clause's first line, whichever comes first. */
static size_t
own_end(const struct lines *l, size_t i)
{
	size_t start = l->start[i], end = start + 1, next = l->next[i];

	/* a number alone on its line is part of the paragraph below it */
	while (end < next && number_alone(l, end - 1) && end == start + 1 && blank(l, end))
		end++;
	/* (the rule above a page's footnotes ends it too: the notes and the
	 * next page's head come before the rest of it) */
	while (end < next && !blank(l, end) && !rule_line(l, end))
		end++;
	return end;
}

/*
 * A paragraph cut by a page break goes on after the page's footnotes and
 * furniture (in a PDF's extracted text: the rule, the notes, the next
 * page's symbol, page and job numbers): 1 with the lines of that
 * continuation [*cs, *ce), which starts in lower case; 0 when it has none.
 */
static int
continuation(const struct resolution *r, const struct lines *l, size_t i, size_t *cs, size_t *ce)
{
	size_t j = own_end(l, i), next = l->next[i];
	int state = 0;	/* 0 after the paragraph, 1 in the notes, 2 in the next page's head */

	for (; j < next; j++) {
		size_t n;
		const char *s = trimmed(l, j, &n);

		if (!n)
			continue;
		if (state < 2 && repair_is_rule(s, n)) {
			state = 1;
			continue;
		}
		if (repair_is_furniture(s, n, r->meta.symbol)) {
			state = 2;
			continue;
		}
		if (state == 1)
			continue;
		if (state == 2 && *s >= 'a' && *s <= 'z') {
			*cs = j;
			for (*ce = j; *ce < next && !blank(l, *ce); (*ce)++)
				;
			return 1;
		}
		return 0;
	}
	return 0;
}

static int
is_descendant(const struct resolution *r, size_t k, size_t of)
{
	long p = r->clauses[k].parent;

	while (p >= 0) {
		if ((size_t)p == of)
			return 1;
		p = r->clauses[p].parent;
	}
	return 0;
}

/* The end of clause i with its sub-paragraphs. */
static size_t
whole_end(const struct resolution *r, const struct lines *l, size_t i)
{
	size_t end = own_end(l, i), k;

	for (k = 0; k < r->nclauses; k++)
		if (is_descendant(r, k, i)) {
			size_t e = own_end(l, k);

			if (e > end)
				end = e;
		}
	return end;
}

/* The length of the number at the start of clause c's first line, with
 * the spaces before and the '.' or ')' and spaces after; 0 when none. */
static size_t
number_prefix(const struct clause *c, const char *s, size_t n)
{
	size_t i = 0, w;

	if (!c->number)
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	w = strlen(c->number);
	if (n - i < w || memcmp(s + i, c->number, w) != 0)
		return 0;
	i += w;
	if (i < n && (s[i] == '.' || s[i] == ')'))
		i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Whether text starts with a number of its own: "12. ", "(a) ", "a) ". */
static int
numbered(const char *t)
{
	size_t i = 0;

	if (t[0] == '(') {
		for (i = 1; t[i] >= 'a' && t[i] <= 'z'; i++)
			;
		return i > 1 && t[i] == ')';
	}
	for (; is_digit(t[i]); i++)
		;
	if (i)
		return t[i] == '.' || t[i] == ')';
	for (; t[i] >= 'a' && t[i] <= 'z'; i++)
		;
	return i > 0 && i < 4 && t[i] == ')';
}

static int
top_operative(const struct clause *c)
{
	return c->section == SEC_OPERATIVE && c->parent < 0 && c->number && is_digit(c->number[0]);
}

/* the proposed text as one or more lines, spaces trimmed */
static void
add_text(struct sbuf *out, const char *t)
{
	size_t n = strlen(t);

	while (*t == ' ' || *t == '\t' || *t == '\n') {
		t++;
		n--;
	}
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\n'))
		n--;
	sbuf_add(out, t, n);
}

/*
 * The footnotes clause i refers to that the text replacing it (NULL: none)
 * does not: their paragraphs ("²⁰ CCW/...") dropped with it, so that no
 * note is left with nothing pointing at it.
 */
static void
drop_footnotes(const struct clause *c, const char *replacement, const struct lines *l, char *drop)
{
	struct sbuf mark = SBUF_INIT;
	size_t f, i;

	for (f = 0; f < c->nfootnotes; f++) {
		sbuf_reset(&mark);
		repair_add_superscript(&mark, c->footnotes[f]);
		if (replacement && strstr(replacement, mark.buf))
			continue;
		for (i = 0; i < l->n; i++) {
			if ((i > 0 && !blank(l, i - 1)) || l->len[i] <= mark.len ||
			    memcmp(l->s[i], mark.buf, mark.len) != 0 || l->s[i][mark.len] != ' ')
				continue;
			while (i < l->n && !blank(l, i))
				drop[i++] = 1;
			if (i < l->n)
				drop[i] = 1;
			break;
		}
	}
	sbuf_release(&mark);
}


/* The length of the match of words at s (within end), any run of spaces
 * and line breaks in either matching any other; 0 when none. */
/* A character as words are compared: the hyphens, dashes, quotes and
 * spaces a draft and an amendment document may set differently ("COVID‑19"
 * with a non-breaking hyphen, "COVID-19" without) are one. */
static uint32_t
fold_typography(uint32_t cp)
{
	switch (cp) {
	case 0x2010: case 0x2011: case 0x00ad:
		return '-';
	case 0x2018: case 0x2019: case 0x02bc:
		return '\'';
	case 0x201c: case 0x201d:
		return '"';
	case 0x00a0: case 0x202f:
		return ' ';
	}
	return cp;
}

/* one character of s (within end), folded; its length in *k (0 at the end) */
static uint32_t
next_char(const char *s, const char *end, size_t *k)
{
	uint32_t cp = 0;

	if (s >= end) {
		*k = 0;
		return 0;
	}
	if ((unsigned char)*s < 0x80) {
		*k = 1;
		return (unsigned char)*s;
	}
	*k = utf8_decode(s, (size_t)(end - s), &cp);
	if (!*k) {
		*k = 1;
		return (unsigned char)*s;
	}
	return fold_typography(cp);
}

static int
superscript_digit(uint32_t cp)
{
	return repair_superscript_value(cp) >= 0;
}

/* The length of a footnote marker at p: superscript digits, or (after a
 * space, when spaced) 1 to 3 digits and the spaces after them; 0: none. */
static size_t
marker_at(const char *p, const char *end, int spaced)
{
	const char *q = p;
	size_t k;
	uint32_t cp;

	while (q < end && superscript_digit(next_char(q, end, &k)) && k)
		q += k;
	if (q > p)
		return (size_t)(q - p);
	if (!spaced)
		return 0;
	while (q < end && q - p < 4 && *q >= '0' && *q <= '9')
		q++;
	if (q == p || q - p > 3 || q == end || (*q != ' ' && *q != '\n'))
		return 0;
	while (q < end && ((cp = next_char(q, end, &k)) == ' ' || cp == '\n' || cp == '\r') && k)
		q += k;
	return (size_t)(q - p);
}

/* As words_at, across a gap in the text (a page's notes and furniture
 * inside a paragraph, [gap, gap_end)), taken for a space. Each step costs
 * one of *work (NULL: not counted); none left, the words are not there
 * (the caller tells that from *work == 0). */
static size_t
words_across(const char *s, const char *end, const char *words, const char *gap, const char *gap_end,
	     struct sbuf *markers, size_t *work)
{
	const char *p = s, *w = words, *wend = words + strlen(words);

	while (w < wend) {
		size_t kw, kp;
		uint32_t cw = next_char(w, wend, &kw), cp;

		if (work && (*work)-- == 0) {
			*work = 0;
			return 0;
		}

		if (gap && p == gap)
			p = gap_end;

		/* a marker glued to the word before, as in "Court¹¹ that" */
		if (!superscript_digit(cw) && p > s && (kp = marker_at(p, end, 0)) != 0) {
			if (markers)
				sbuf_add(markers, p, kp);
			p += kp;
			continue;
		}
		if (cw == ' ' || cw == '\t' || cw == '\n' || cw == '\r') {
			cp = next_char(p, end, &kp);
			if (!kp || !(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'))
				return 0;
			while (w < wend && ((cw = next_char(w, wend, &kw)) == ' ' || cw == '\t' || cw == '\n' || cw == '\r'))
				w += kw;
			while (p < end && ((gap && p == gap) ||
					   (cp = next_char(p, end, &kp)) == ' ' || cp == '\t' || cp == '\n' || cp == '\r'))
				p = gap && p == gap ? gap_end : p + kp;
			continue;
		}
		cp = next_char(p, end, &kp);
		if (kp && cp != cw && !is_digit((char)cw)) {
			/* a footnote marker the words do not carry: superscript
			 * digits glued to a word ("Court¹¹"), or a number standing
			 * alone between words as an extractor leaves it ("Court 11
			 * that") */
			size_t skip = marker_at(p, end, p > s && (p[-1] == ' ' || p[-1] == '\n'));

			if (skip) {
				if (markers) {
					size_t d = 0;

					while (d < skip && p[d] >= '0' && p[d] <= '9')
						d++;
					sbuf_addch(markers, ' ');
					sbuf_add(markers, p, d ? d : skip);
				}
				p += skip;
				continue;
			}
		}
		if (!kp || cp != cw)
			return 0;
		p += kp;
		w += kw;
	}
	return (size_t)(p - s);
}

static size_t
words_at(const char *s, const char *end, const char *words)
{
	return words_across(s, end, words, NULL, NULL, NULL, NULL);
}

/* As words_at, counting its steps in *work. */
static size_t
words_at_counted(const char *s, const char *end, const char *words, size_t *work)
{
	return words_across(s, end, words, NULL, NULL, NULL, work);
}

struct region {
	size_t from, to;	/* byte offsets in the text */
	size_t gap, gap_end;	/* inside it, a page's notes and furniture (gap == gap_end: none) */
};

static int
cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* words: every "find" in the regions of the clauses named replaced */
static int
apply_words(const char *src, size_t len, const struct resolution *r, const struct amendment *a,
	    const struct lines *l, struct sbuf *out, struct rl_error *err)
{
	struct region *reg = NULL;
	struct sbuf markers = SBUF_INIT;
	size_t nreg = 0, cap = 0, k, i, i0, i1, one, pos = 0, hits = 0, first_line = l->n;
	size_t work = AMEND_FIND_WORK;
	char *seen = NULL;
	struct id_index ix = { NULL, NULL };
	int rc = -1;

	if (!a->find || !*a->find)
		return rl_fail(err, "no words to find");
	seen = xcalloc(r->nclauses + 1, 1);
	id_index_init(&ix, r);
	for (i = 0; i < r->nclauses; i++)
		if (l->start[i] < first_line)
			first_line = l->start[i];
	for (k = 0; k < a->nclauses; k++) {
		const char *c = a->clauses[k];

		if (strcmp(c, "title") == 0) {
			/* the title is in the heading, before the first clause, where
			 * the agenda item's name may say the same words: the title's
			 * own lines when they can be found */
			size_t head = first_line < l->n ? (size_t)(l->s[first_line] - src) : len, at, m = 0;

			GROW(reg, cap, nreg + 1);
			memset(&reg[nreg], 0, sizeof(*reg));
			reg[nreg].from = 0;
			reg[nreg].to = head;
			if (r->meta.title && *r->meta.title)
				for (at = head; at-- > 0;)
					if ((m = words_at_counted(src + at, src + head, r->meta.title, &work)) != 0) {
						reg[nreg].from = at;
						reg[nreg].to = at + m;
						break;
					}
			nreg++;
			continue;
		}
		/* a clause named: that one alone, looked up once */
		if (!is_part(c)) {
			if (!id_index_find(&ix, c, &one)) {
				rl_fail(err, "there is no %s in the draft", c);
				goto out;
			}
			i0 = one;
			i1 = one + 1;
		} else {
			i0 = 0;
			i1 = r->nclauses;
		}
		for (i = i0; i < i1; i++) {
			const struct clause *cl = &r->clauses[i];
			int take = strcmp(c, "PP*") == 0 ? cl->section == SEC_PREAMBLE
				 : strcmp(c, "OP*") == 0 ? cl->section == SEC_OPERATIVE
				 : 1;
			size_t e, cs, ce;

			if (!take || seen[i] || l->start[i] >= l->n)
				continue;
			seen[i] = 1;
			e = own_end(l, i);
			GROW(reg, cap, nreg + 1);
			memset(&reg[nreg], 0, sizeof(*reg));
			reg[nreg].from = (size_t)(l->s[l->start[i]] - src);
			reg[nreg].to = e < l->n ? (size_t)(l->s[e] - src) : len;
			/* the rest after a page break, the notes between jumped */
			if (continuation(r, l, i, &cs, &ce)) {
				reg[nreg].gap = reg[nreg].to;
				reg[nreg].gap_end = (size_t)(l->s[cs] - src);
				reg[nreg].to = ce < l->n ? (size_t)(l->s[ce] - src) : len;
			}
			nreg++;
		}
	}
	free(seen);
	seen = NULL;
	if (nreg > 1)
		qsort(reg, nreg, sizeof(*reg), cmp_region);
	for (k = 0; k < nreg; k++) {
		size_t at = reg[k].from > pos ? reg[k].from : pos;

		sbuf_add(out, src + pos, at - pos);
		pos = at;
		while (pos < reg[k].to) {
			const char *gap = reg[k].gap < reg[k].gap_end ? src + reg[k].gap : NULL;
			size_t m;

			if (gap && pos == reg[k].gap) {
				/* the notes and furniture, as they are */
				sbuf_add(out, src + pos, reg[k].gap_end - pos);
				pos = reg[k].gap_end;
				continue;
			}
			sbuf_reset(&markers);
			m = words_across(src + pos, src + reg[k].to, a->find, gap, src + reg[k].gap_end, &markers, &work);

			/* at the start of a word: "note" is not in "Denotes" */
			if (m && (pos == 0 || !ascii_alnum(src[pos - 1]) || !ascii_alnum(a->find[0]))) {
				sbuf_adds(out, a->text ? a->text : "");
				/* footnote markers inside the words replaced stay, after the
				 * new ones: a note is never cut from its marker */
				if (markers.len) {
					/* glued to the word before, as markers are */
					while (out->len && out->buf[out->len - 1] == ' ')
						out->len--;
					sbuf_add(out, markers.buf, markers.len);
				}
				/* across the page break: its notes stay where they were, on
				 * lines of their own */
				if (gap && pos < reg[k].gap && pos + m > reg[k].gap) {
					sbuf_addch(out, '\n');
					sbuf_add(out, gap, reg[k].gap_end - reg[k].gap);
				}
				pos += m;
				hits++;
				/* new words that end with the comma the text goes on with
				 * (", including ... in 2026," before ", and notes") keep one */
				if (a->text && *a->text && strchr(",;", a->text[strlen(a->text) - 1]) && pos < len &&
				    src[pos] == a->text[strlen(a->text) - 1])
					pos++;
				/* deleting words leaves one space where two met */
				if ((!a->text || !*a->text) && out->len && out->buf[out->len - 1] == ' ' && pos < len && src[pos] == ' ')
					pos++;
				continue;
			}
			sbuf_addch(out, src[pos++]);
		}
	}
	sbuf_add(out, src + pos, len - pos);
	/* words already as the amendment would make them (an earlier
	 * instruction of the same document changed them first): done */
	if (!hits && a->text && *a->text)
		for (k = 0; k < nreg && !hits; k++)
			for (pos = reg[k].from; pos < reg[k].to && !hits; pos++)
				hits = words_at_counted(src + pos, src + reg[k].to, a->text, &work) != 0;
	if (work == 0) {
		/* each place tried costs up to the words' length: a long,
		 * repetitive text and long words to find multiply */
		rl_fail(err, "looking for the words \"%.60s%s\" took more than %u steps; not applied (find fewer words)",
			a->find, strlen(a->find) > 60 ? "..." : "", AMEND_FIND_WORK);
		goto out;
	}
	if (!hits) {
		struct sbuf where = SBUF_INIT;

		for (k = 0; k < a->nclauses; k++)
			sbuf_printf(&where, "%s%s", k ? ", " : "", a->clauses[k]);
		rl_fail(err, "the words \"%s\" are not in %s", a->find, where.buf);
		sbuf_release(&where);
		goto out;
	}
	rc = 0;
out:
	sbuf_release(&markers);
	free(reg);
	free(seen);
	id_index_release(&ix);
	return rc;
}

/* an insertion's paragraphs, each numbered after the clause it follows
 * when it has no number of its own; returns how many */
static int
add_inserted(struct sbuf *out, const struct clause *c, const char *text)
{
	const char *p = text;
	long n = top_operative(c) ? strtol(c->number, NULL, 10) : 0;
	int count = 0;

	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *one = xstrndup(p, len);

		if (strspn(one, " \t\n") != len) {
			if (n && !numbered(one + strspn(one, " \t\n")))
				sbuf_printf(out, "%ld. ", n + 1 + count);
			add_text(out, one);
			sbuf_adds(out, "\n\n");
			count++;
		}
		free(one);
		p += len;
		while (*p == '\n')
			p++;
	}
	return count;
}

int
amend_apply_text(const char *src, size_t len, const struct resolution *r, const struct amendment *a,
		 struct sbuf *out, struct rl_error *err)
{
	struct lines l;
	struct id_index ix = { NULL, NULL };
	/* per line: dropped, or the new text replacing it; shift of operative numbers */
	char *drop = NULL;
	size_t *idx = NULL, i, k, from = 0, to = 0, at = 0;
	int shift = 0, rc = -1;
	const struct clause *c;

	split_lines(src, len, &l);
	locate_clauses(r, &l);
	if (a->action == AMEND_WORDS) {
		rc = apply_words(src, len, r, a, &l, out, err);
		goto out;
	}
	idx = xcalloc(a->nclauses ? a->nclauses : 1, sizeof(*idx));
	id_index_init(&ix, r);
	for (k = 0; k < a->nclauses; k++) {
		if (!id_index_find(&ix, a->clauses[k], &idx[k])) {
			rl_fail(err, "there is no %s in the draft", a->clauses[k]);
			goto out;
		}
		if (l.start[idx[k]] >= l.n) {
			rl_fail(err, "%s cannot be found in the draft's text", a->clauses[k]);
			goto out;
		}
	}
	if (a->action != AMEND_DELETE && a->nclauses != 1) {
		rl_fail(err, "a replacement or an insertion names one clause");
		goto out;
	}
	drop = xcalloc(l.n + 1, 1);
	c = &r->clauses[idx[0]];
	if (a->action == AMEND_DELETE) {
		for (k = 0; k < a->nclauses; k++) {
			size_t s = l.start[idx[k]], e = whole_end(r, &l, idx[k]);

			/* with the blank line after it, so no two blank lines meet */
			if (e < l.n && blank(&l, e))
				e++;
			memset(drop + s, 1, e - s);
			for (i = 0; i < r->nclauses; i++)
				if (i == idx[k] || is_descendant(r, i, idx[k])) {
					size_t cs, ce;

					drop_footnotes(&r->clauses[i], NULL, &l, drop);
					if (continuation(r, &l, i, &cs, &ce))
						memset(drop + cs, 1, ce - cs);
				}
			if (top_operative(&r->clauses[idx[k]]))
				shift--;
		}
	} else if (a->action == AMEND_REPLACE) {
		from = l.start[idx[0]];
		to = own_end(&l, idx[0]);
		drop_footnotes(c, a->text, &l, drop);
		{
			size_t cs, ce;

			/* the rest of it, after a page break, goes with it */
			if (continuation(r, &l, idx[0], &cs, &ce))
				memset(drop + cs, 1, ce - cs);
		}
	} else {
		at = whole_end(r, &l, idx[0]);
		if (top_operative(c)) {
			struct sbuf probe = SBUF_INIT;

			/* as many as it inserts */
			shift = add_inserted(&probe, c, a->text);
			sbuf_release(&probe);
		}
	}
	for (i = 0; i < l.n; i++) {
		const struct clause *here = NULL;

		if (a->action == AMEND_INSERT && i == at) {
			if (i > 0 && !blank(&l, i - 1))
				sbuf_addch(out, '\n');
			add_inserted(out, c, a->text);
			if (blank(&l, i))
				continue;
		}
		if (a->action == AMEND_REPLACE && i >= from && i < to) {
			if (i == from) {
				size_t pre = numbered(a->text) ? 0 : number_prefix(c, l.s[i], l.len[i]);

				sbuf_add(out, l.s[i], pre);
				add_text(out, a->text);
				sbuf_addch(out, '\n');
			}
			continue;
		}
		if (drop[i])
			continue;
		/* an operative paragraph after the change, numbered again */
		if (l.top_at[i])
			here = &r->clauses[l.top_at[i] - 1];
		if (here && shift) {
			int after = 0;

			if (a->action == AMEND_INSERT)
				after = i > l.start[idx[0]];
			else
				for (k = 0; k < a->nclauses; k++)
					after |= i > l.start[idx[k]];
			if (after) {
				size_t pre = number_prefix(here, l.s[i], l.len[i]), lead = 0;
				long n = strtol(here->number, NULL, 10);

				if (pre) {
					int moved = 0;

					/* the shift is how many deleted before it, not all */
					if (a->action == AMEND_DELETE)
						for (k = 0; k < a->nclauses; k++)
							moved -= i > l.start[idx[k]] && top_operative(&r->clauses[idx[k]]);
					else
						moved = shift;
					while (lead < l.len[i] && (l.s[i][lead] == ' ' || l.s[i][lead] == '\t'))
						lead++;
					sbuf_add(out, l.s[i], lead);
					sbuf_printf(out, "%ld", n + moved);
					sbuf_add(out, l.s[i] + lead + strlen(here->number), l.len[i] - lead - strlen(here->number));
					sbuf_addch(out, '\n');
					continue;
				}
			}
		}
		sbuf_add(out, l.s[i], l.len[i]);
		sbuf_addch(out, '\n');
	}
	if (a->action == AMEND_INSERT && at >= l.n) {
		if (l.n && !blank(&l, l.n - 1))
			sbuf_addch(out, '\n');
		add_inserted(out, c, a->text);
		/* the text ends with one line end, not a blank line */
		if (out->len >= 2 && out->buf[out->len - 1] == '\n' && out->buf[out->len - 2] == '\n')
			out->len--;
		out->buf[out->len] = '\0';
	}
	rc = 0;
out:
	id_index_release(&ix);
	free(drop);
	free(idx);
	free(l.s);
	free(l.len);
	free(l.start);
	free(l.next);
	free(l.top_at);
	return rc;
}

/*
 * A UN amendment document's instructions as amendments
 */

/* the clause id a target names in the draft: "PP5", "OP5(b)", "title", "PP*", "OP*" */
static int
target_id(const struct amendoc_target *t, struct sbuf *out)
{
	const char *p;

	switch (t->where) {
	case AW_TITLE:
		sbuf_adds(out, "title");
		return 0;
	case AW_ALL_PP:
		sbuf_adds(out, "PP*");
		return 0;
	case AW_ALL_OP:
		sbuf_adds(out, "OP*");
		return 0;
	case AW_PP:
	case AW_OP:
		sbuf_printf(out, "%s%d", t->where == AW_PP ? "PP" : "OP", t->number);
		/* "(b) (ii)" is OP5(b)(ii) */
		for (p = t->sub; *p; p++)
			if (*p != ' ')
				sbuf_addch(out, *p);
		return 0;
	}
	return -1;
}

/* the last clause of a part (PP or OP), for "at the end of the preamble" */
static const struct clause *
last_of(const struct resolution *r, enum section sec)
{
	const struct clause *last = NULL;
	size_t i;

	for (i = 0; i < r->nclauses; i++)
		if (r->clauses[i].section == sec && r->clauses[i].parent < 0)
			last = &r->clauses[i];
	return last;
}

static void
add_clause(struct amendment *a, const char *id)
{
	push(&a->clauses, &a->nclauses, id, strlen(id));
}

void
amend_from_document(const struct amendoc *doc, const struct resolution *draft, const char *series,
		    const char *draft_commit, struct amendment **out, size_t *n, struct sbuf *problems)
{
	size_t i, k, cap = 0;
	struct id_index ix;
	/* each instruction looks its places up: the draft's read once */
	const struct clause *last_pp = last_of(draft, SEC_PREAMBLE), *last_op = last_of(draft, SEC_OPERATIVE);

	*out = NULL;
	*n = 0;
	id_index_init(&ix, draft);
	for (i = 0; i < doc->ninstr; i++) {
		const struct amendoc_instr *in = &doc->instr[i];
		struct amendment a;
		struct sbuf id = SBUF_INIT;
		const char *why = NULL;

		memset(&a, 0, sizeof(a));
		a.series = xstrdup(series);
		a.draft = xstrdup(draft_commit);
		a.symbol = draft->meta.symbol ? xstrdup(draft->meta.symbol) : NULL;
		a.document = doc->symbol ? xstrdup(doc->symbol) : NULL;
		a.part = in->number > 0 ? in->number : (int)i + 1;
		for (k = 0; k < doc->nsponsors; k++)
			push(&a.sponsors, &a.nsponsors, doc->sponsors[k], strlen(doc->sponsors[k]));
		for (k = 0; k < in->ntargets; k++) {
			sbuf_reset(&id);
			target_id(&in->targets[k], &id);
			if (strcmp(id.buf, "title") && strcmp(id.buf, "PP*") && strcmp(id.buf, "OP*") &&
			    !id_index_find(&ix, id.buf, NULL)) {
				why = "it names a paragraph the draft does not have";
				break;
			}
			add_clause(&a, id.buf);
		}
		switch (in->op) {
		case AD_REPLACE_WORDS:
		case AD_DELETE_WORDS:
			a.action = AMEND_WORDS;
			a.find = xstrdup(in->find);
			a.text = xstrdup(in->op == AD_REPLACE_WORDS && in->ntexts ? in->texts[0] : "");
			break;
		case AD_INSERT_WORDS:
			a.action = AMEND_WORDS;
			if (!in->anchor) {
				why = "an insertion at the end of a paragraph is not read yet";
				break;
			}
			a.find = xstrdup(in->anchor);
			sbuf_reset(&id);
			{
				const char *w = in->ntexts ? in->texts[0] : "";

				/* ", including ..." goes right after its word */
				if (in->before)
					sbuf_printf(&id, "%s %s", w, in->anchor);
				else
					sbuf_printf(&id, "%s%s%s", in->anchor, strchr(",;.:)", w[0]) && w[0] ? "" : " ", w);
			}
			a.text = sbuf_detach(&id);
			break;
		case AD_INSERT_PARAS: {
			struct sbuf t = SBUF_INIT;
			const struct clause *after = NULL;

			a.action = AMEND_INSERT;
			if (in->ntargets != 1) {
				why = "an insertion names one place";
				break;
			}
			if (in->targets[0].where == AW_ALL_PP || in->targets[0].where == AW_ALL_OP)
				after = in->targets[0].where == AW_ALL_PP ? last_pp : last_op;
			else if (in->before) {
				size_t at;

				if (id_index_find(&ix, a.clauses[0], &at) && at > 0)
					after = &draft->clauses[at - 1];
			} else {
				after = id_index_find(&ix, a.clauses[0], NULL);
			}
			if (!after) {
				why = "the place of the new paragraphs is not in the draft";
				break;
			}
			free_list(a.clauses, a.nclauses);
			a.clauses = NULL;
			a.nclauses = 0;
			add_clause(&a, after->id);
			for (k = 0; k < in->ntexts; k++)
				sbuf_printf(&t, "%s%s", k ? "\n\n" : "", in->texts[k]);
			a.text = sbuf_detach(&t);
			break;
		}
		case AD_DELETE_PARAS:
			a.action = AMEND_DELETE;
			break;
		case AD_REPLACE_PARAS:
			a.action = AMEND_REPLACE;
			if (in->ntargets != 1 || in->ntexts != 1)
				why = "a replacement of several paragraphs is not read yet";
			else
				a.text = xstrdup(in->texts[0]);
			break;
		}
		sbuf_release(&id);
		if (!why && !a.nclauses)
			why = "it names no paragraph";
		if (why) {
			sbuf_printf(problems, "%s%d: %s (%s)", problems->len ? "; " : "", a.part, why, in->source);
			amendment_release(&a);
			continue;
		}
		GROW(*out, cap, *n + 1);
		(*out)[(*n)++] = a;
	}
	id_index_release(&ix);
}
