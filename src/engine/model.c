#include "config.h"
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "util.h"

void
resolution_init(struct resolution *r)
{
	memset(r, 0, sizeof(*r));
}

static void
meta_release(struct resolution_meta *m)
{
	size_t i;

	for (i = 0; i < m->nsponsors; i++) {
		free(m->sponsors[i]);
		if (m->on_behalf_of)
			free(m->on_behalf_of[i]);
	}
	free(m->sponsors);
	free(m->distributed);
	free(m->submitted_by);
	free(m->on_behalf_of);
	free(m->symbol);
	free(m->title);
	free(m->session);
	free(m->agenda_item);
	free(m->adopted);
	free(m->committee_report);
	free(m->committee);
	free(m->meeting);
}

void
resolution_release(struct resolution *r)
{
	size_t i;

	meta_release(&r->meta);
	for (i = 0; i < r->nclauses; i++) {
		free(r->clauses[i].id);
		free(r->clauses[i].number);
		free(r->clauses[i].opener);
		if (i >= r->text_block_clauses)
			free(r->clauses[i].text);
		free(r->clauses[i].footnotes);
		free(r->clauses[i].footnote_at);
	}
	free(r->clauses);
	free(r->text_block);
	for (i = 0; i < r->nfootnotes; i++)
		free(r->footnotes[i].text);
	free(r->footnotes);
	for (i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	resolution_init(r);
}

struct clause *
resolution_add_clause(struct resolution *r)
{
	struct clause *c;

	GROW(r->clauses, r->clauses_cap, r->nclauses + 1);
	c = &r->clauses[r->nclauses++];
	memset(c, 0, sizeof(*c));
	c->parent = -1;
	return c;
}

void
resolution_add_footnote(struct resolution *r, int number, char *text_owned)
{
	GROW(r->footnotes, r->footnotes_cap, r->nfootnotes + 1);
	r->footnotes[r->nfootnotes].number = number;
	r->footnotes[r->nfootnotes].text = text_owned;
	r->nfootnotes++;
}

void
resolution_warn(struct resolution *r, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	va_list ap;
	char tmp[1024];

	/* a broken text can warn on every line; the first few say enough */
	if (r->nwarnings >= MODEL_MAX_WARNINGS) {
		r->warnings_dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	sbuf_adds(&sb, tmp);
	GROW(r->warnings, r->warnings_cap, r->nwarnings + 1);
	r->warnings[r->nwarnings++] = sbuf_detach(&sb);
}

const struct footnote *
resolution_footnote(const struct resolution *r, int number)
{
	size_t i;

	for (i = 0; i < r->nfootnotes; i++)
		if (r->footnotes[i].number == number)
			return &r->footnotes[i];
	return NULL;
}

const char *
section_name(enum section s)
{
	switch (s) {
	case SEC_PREAMBLE:
		return "preamble";
	case SEC_OPERATIVE:
		return "operative";
	case SEC_ANNEX:
		return "annex";
	case SEC_PARAGRAPH:
		return "paragraph";
	}
	return "paragraph";
}

long
resolution_find_clause(const struct resolution *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nclauses; i++)
		if (strcmp(r->clauses[i].id, id) == 0)
			return (long)i;
	return -1;
}
