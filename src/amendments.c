#include "config.h"
#include "amendments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "parse.h"
#include "sbuf.h"

#define RECORD_FILE "amendment"

int
amend_store_propose(struct store *s, const struct amendment *a, const struct store_who *who,
		    char id[STORE_OID_HEX], struct rl_error *err)
{
	struct sbuf rec = SBUF_INIT, msg = SBUF_INIT;
	size_t i;
	int rc;

	amend_record_write(a, &rec);
	/* the first line an event, the rest for people reading git log */
	sbuf_printf(&msg, "%s %s", amend_event_word(AEV_PROPOSE), amend_action_word(a->action));
	for (i = 0; i < a->nclauses; i++)
		sbuf_printf(&msg, "%s%s", i ? ", " : " ", a->clauses[i]);
	sbuf_adds(&msg, " (");
	for (i = 0; i < a->nsponsors; i++)
		sbuf_printf(&msg, "%s%s", i ? ", " : "", a->sponsors[i]);
	sbuf_printf(&msg, ")\n\n%s of %s\n", a->series, a->symbol ? a->symbol : a->draft);
	rc = store_chain_start(s, AMEND_REF_PREFIX, RECORD_FILE, rec.buf, rec.len, msg.buf, who, id, err);
	sbuf_release(&rec);
	sbuf_release(&msg);
	return rc;
}

static int
is_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int
amend_store_resolve(struct store *s, const char *prefix, char id[STORE_OID_HEX], struct rl_error *err)
{
	char **names;
	size_t n, i, found = 0, plen = strlen(prefix), base = strlen(AMEND_REF_PREFIX);

	if (plen < 4 || plen > 40 || !is_hex(prefix))
		return rl_fail(err, "'%s' is not an amendment id (4 to 40 of its hex digits)", prefix);
	if (store_refs_under(s, AMEND_REF_PREFIX, &names, &n, err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *h = names[i] + base;

		if (strlen(h) == 40 && strncmp(h, prefix, plen) == 0) {
			if (!found++)
				memcpy(id, h, STORE_OID_HEX);
		}
		free(names[i]);
	}
	free(names);
	if (found == 0)
		return rl_fail(err, "no amendment %s in '%s'", prefix, store_path(s));
	if (found > 1)
		return rl_fail(err, "amendment id %s is ambiguous: %zu amendments start with it; give more digits", prefix,
			       found);
	return 0;
}

void
amend_entry_release(struct amend_entry *e)
{
	amendment_release(&e->a);
	amend_state_release(&e->st);
	store_events_free(e->events, e->nevents);
	free(e->ignored);
	memset(e, 0, sizeof(*e));
}

int
amend_store_load(struct store *s, const char *id, struct amend_entry *e, struct rl_error *err)
{
	struct sbuf ref = SBUF_INIT;
	char *text = NULL;
	size_t len, i;
	int rc;

	memset(e, 0, sizeof(*e));
	memcpy(e->id, id, STORE_OID_HEX);
	sbuf_printf(&ref, "%s%s", AMEND_REF_PREFIX, id);
	rc = store_chain_read(s, ref.buf, &e->events, &e->nevents, e->tip, err);
	if (rc == 1)
		rc = rl_fail(err, "no amendment %s in '%s'", id, store_path(s));
	if (rc < 0)
		goto out;
	/* the record is the first commit's: the id names it */
	if (store_read(s, id, RECORD_FILE, &text, &len, err) < 0 || amend_record_read(text, len, &e->a, err) < 0) {
		struct rl_error why = *err;

		rc = rl_fail(err, "amendment %.8s in '%s' cannot be read: %s", id, store_path(s), why.msg);
		goto out;
	}
	amend_state_init(&e->st, &e->a);
	e->ignored = xcalloc(e->nevents + 1, sizeof(*e->ignored));
	for (i = 1; i < e->nevents; i++) {
		struct amend_event ev;

		e->ignored[i] = amend_event_parse(e->events[i].message, &ev) < 0 || ev.kind == AEV_PROPOSE ||
				amend_state_apply(&e->st, &ev) < 0;
	}
	rc = 0;
out:
	free(text);
	sbuf_release(&ref);
	if (rc < 0)
		amend_entry_release(e);
	return rc;
}

void
amend_entries_free(struct amend_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		amend_entry_release(&e[i]);
	free(e);
}

static int
cmp_entries(const void *a, const void *b)
{
	const struct amend_entry *x = a, *y = b;
	long long tx = x->nevents ? x->events[0].time : 0, ty = y->nevents ? y->events[0].time : 0;
	int c;

	if (tx != ty)
		return tx < ty ? -1 : 1;
	/* a document's instructions, imported in one second, in its order:
	 * a later one may name words an earlier one put in */
	c = strcmp(x->a.document ? x->a.document : "", y->a.document ? y->a.document : "");
	if (c)
		return c;
	if (x->a.part != y->a.part)
		return x->a.part < y->a.part ? -1 : 1;
	return strcmp(x->id, y->id);
}

int
amend_store_list_checked(struct store *s, struct amend_entry **out, size_t *n, size_t *unreadable,
			 struct rl_error *why, struct rl_error *err)
{
	char **names;
	size_t nn, i, base = strlen(AMEND_REF_PREFIX), cap = 0;

	*out = NULL;
	*n = 0;
	*unreadable = 0;
	if (store_refs_under(s, AMEND_REF_PREFIX, &names, &nn, err) < 0)
		return -1;
	for (i = 0; i < nn; i++) {
		const char *h = names[i] + base;
		struct rl_error e;

		/* one damaged or foreign record (fetched from anywhere) leaves
		 * the others readable: it is counted, and the first said */
		if (strlen(h) != 40 || !is_hex(h)) {
			if (!(*unreadable)++)
				rl_fail(why, "%s is not named by an amendment id", names[i]);
		} else {
			GROW(*out, cap, *n + 1);
			if (amend_store_load(s, h, &(*out)[*n], &e) == 0)
				(*n)++;
			else if (!(*unreadable)++)
				*why = e;
		}
		free(names[i]);
	}
	free(names);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_entries);
	return 0;
}

int
amend_store_list(struct store *s, struct amend_entry **out, size_t *n, struct rl_error *err)
{
	struct rl_error why;
	size_t unreadable;

	return amend_store_list_checked(s, out, n, &unreadable, &why, err);
}

int
amend_store_event(struct store *s, const struct amend_entry *e, const struct amend_event *ev,
		  const struct store_who *who, struct rl_error *err)
{
	struct sbuf ref = SBUF_INIT, msg = SBUF_INIT;
	char out[STORE_OID_HEX];
	int rc;

	if (amend_event_allowed(&e->st, ev, err) < 0)
		return -1;
	sbuf_adds(&msg, amend_event_word(ev->kind));
	if (ev->arg)
		sbuf_printf(&msg, " %.*s", (int)ev->arg_len, ev->arg);
	sbuf_addch(&msg, '\n');
	sbuf_printf(&ref, "%s%s", AMEND_REF_PREFIX, e->id);
	rc = store_chain_append(s, ref.buf, e->tip, msg.buf, who, out, err);
	sbuf_release(&ref);
	sbuf_release(&msg);
	return rc;
}

/*
 * Amendments carried to a draft
 */

struct placed_from {
	char commit[STORE_OID_HEX];
	char *raw;
	struct resolution res;
	struct comparison cmp;
	int ok;
};

struct amend_placing {
	struct store *s;
	const char *path, *raw;
	char commit[STORE_OID_HEX];
	size_t raw_len;
	const struct resolution *res;
	struct placed_from *from;	/* each version amendments were written for, compared once */
	size_t nfrom;
};

struct amend_placing *
amend_placing_new(struct store *s, const char *path, const char *commit, const char *raw, size_t raw_len,
		  const struct resolution *res)
{
	struct amend_placing *p = xcalloc(1, sizeof(*p));

	p->s = s;
	p->path = path;
	snprintf(p->commit, sizeof(p->commit), "%s", commit);
	p->raw = raw;
	p->raw_len = raw_len;
	p->res = res;
	return p;
}

void
amend_placing_free(struct amend_placing *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nfrom; i++) {
		if (p->from[i].ok)
			comparison_release(&p->from[i].cmp);
		resolution_release(&p->from[i].res);
		free(p->from[i].raw);
	}
	free(p->from);
	free(p);
}

int
amend_place(struct amend_placing *p, const struct amendment *a, struct amendment *out, struct rl_error *why)
{
	struct placed_from *o = NULL;
	struct sbuf probe = SBUF_INIT;
	size_t i, len;
	int r;

	for (i = 0; i < p->nfrom; i++)
		if (strcmp(p->from[i].commit, a->draft) == 0)
			o = &p->from[i];
	if (!o) {
		p->from = xrealloc(p->from, (p->nfrom + 1) * sizeof(*p->from));
		o = &p->from[p->nfrom++];
		memset(o, 0, sizeof(*o));
		snprintf(o->commit, sizeof(o->commit), "%s", a->draft);
		resolution_init(&o->res);
		if (store_read(p->s, a->draft, a->series, &o->raw, &len, why) < 0 ||
		    parse_resolution(o->raw, len, a->series, &o->res, why) < 0)
			return -1;
		compare_resolutions(&o->res, p->res, 0, &o->cmp);
		o->ok = 1;
	}
	if (!o->ok)
		return rl_fail(why, "the version %.7s it was written for cannot be read", a->draft);
	if (amend_rebase(a, &o->cmp, 0, out, why) != 0)
		return 1;	/* out: where it would be, for review */
	/* carried from another version, it must still be made here: words it
	 * replaces may have gone (one written for this very draft was checked
	 * when proposed, with the instructions of its document before it) */
	if (strcmp(a->draft, p->commit) == 0)
		return 0;
	r = amend_apply_text(p->raw, p->raw_len, p->res, out, &probe, why);
	sbuf_release(&probe);
	return r < 0 ? 1 : 0;
}

/*
 * Paragraph statuses
 */

static void
para_ref(struct sbuf *ref, const char *draft, const char *clause)
{
	sbuf_printf(ref, "%s%s/%s", STATUS_REF_PREFIX, draft, clause);
}

int
para_store_load(struct store *s, const char *draft, const char *clause, struct para_entry *p, struct rl_error *err)
{
	struct sbuf ref = SBUF_INIT;
	size_t i;
	int rc;

	memset(p, 0, sizeof(*p));
	snprintf(p->clause, sizeof(p->clause), "%s", clause);
	p->status = PARA_PENDING;
	para_ref(&ref, draft, clause);
	rc = store_chain_read(s, ref.buf, &p->events, &p->nevents, p->tip, err);
	sbuf_release(&ref);
	if (rc != 0)
		return rc;
	/* the last event that names a status */
	for (i = 0; i < p->nevents; i++) {
		char word[32];
		size_t n = strcspn(p->events[i].message, "\n");
		enum para_status st;

		if (n < sizeof(word)) {
			memcpy(word, p->events[i].message, n);
			word[n] = '\0';
			if (para_status_from_word(word, &st) == 0)
				p->status = st;
		}
	}
	return 0;
}

void
para_entries_free(struct para_entry *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_events_free(p[i].events, p[i].nevents);
	free(p);
}

int
para_store_list(struct store *s, const char *draft, struct para_entry **out, size_t *n, struct rl_error *err)
{
	struct sbuf prefix = SBUF_INIT;
	char **names;
	size_t nn, i, cap = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	sbuf_printf(&prefix, "%s%s/", STATUS_REF_PREFIX, draft);
	if (store_refs_under(s, prefix.buf, &names, &nn, err) < 0) {
		sbuf_release(&prefix);
		return -1;
	}
	for (i = 0; i < nn; i++) {
		const char *clause = names[i] + prefix.len;

		if (rc == 0 && *clause && !strchr(clause, '/') && strlen(clause) < sizeof((*out)->clause)) {
			GROW(*out, cap, *n + 1);
			if (para_store_load(s, draft, clause, &(*out)[*n], err) != 0)
				rc = -1;
			else
				(*n)++;
		}
		free(names[i]);
	}
	free(names);
	sbuf_release(&prefix);
	if (rc < 0) {
		para_entries_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
para_store_set(struct store *s, const char *draft, const struct para_entry *p, enum para_status to,
	       const struct store_who *who, struct rl_error *err)
{
	struct sbuf ref = SBUF_INIT, msg = SBUF_INIT;
	char out[STORE_OID_HEX];
	int rc;

	para_ref(&ref, draft, p->clause);
	sbuf_printf(&msg, "%s\n", para_status_word(to));
	rc = store_chain_append(s, ref.buf, p->nevents ? p->tip : NULL, msg.buf, who, out, err);
	sbuf_release(&ref);
	sbuf_release(&msg);
	return rc;
}
