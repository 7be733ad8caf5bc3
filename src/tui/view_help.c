/*
 * The help view: every action with its keys, generated from the same table
 * that defines the actions and from the bindings in force.
 */
#include "config.h"
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static void
add_line(struct rdoc *d, enum rline_kind kind, enum role role, const char *s)
{
	struct rline *l;

	GROW(d->v, d->cap, d->n + 1);
	l = &d->v[d->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->text = xstrdup(s);
	l->spans = xcalloc(1, sizeof(*l->spans));
	l->spans[0].role = role;
	l->spans[0].off = 0;
	l->spans[0].len = strlen(s);
	l->nspans = 1;
	l->change = -1;
	l->footnote = -1;
	l->width = utf8_str_width(s, strlen(s));
}

/* The keys bound to r in a keymap ("j, Down"), most recent binding first. */
static void
keys_for(const struct ui_config *cfg, enum keymap_id map, enum request r, struct sbuf *out,
	 const struct key_codes *codes)
{
	size_t i, j;
	char name[32];

	for (i = cfg->keys.n; i-- > 0;) {
		const struct binding *b = &cfg->keys.v[i];
		int shadowed = 0;

		if (b->map != map || b->req != r)
			continue;
		/* a later binding of the same key to something else hides this one */
		for (j = i + 1; j < cfg->keys.n; j++)
			if (cfg->keys.v[j].map == map && cfg->keys.v[j].key == b->key)
				shadowed = 1;
		if (shadowed)
			continue;
		key_label(codes, b->key, name, sizeof(name));
		if (strstr(out->buf ? out->buf : "", name) && strlen(name) > 1)
			continue;
		sbuf_printf(out, "%s%s", out->len ? ", " : "", name);
	}
}

static void
help_layout(struct view *v, struct tui *t)
{
	const struct ui_config *cfg = tui_config(t);
	const struct key_codes *codes = tui_key_codes(t);
	size_t r;
	int m;

	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	add_line(&v->doc, RL_HEADER, ROLE_HEADER, "Key bindings");
	add_line(&v->doc, RL_BLANK, ROLE_PLAIN, "");
	for (r = 1; r < REQ_COUNT; r++) {
		struct sbuf keys = SBUF_INIT, line = SBUF_INIT;

		keys_for(cfg, KEYMAP_GENERIC, (enum request)r, &keys, codes);
		for (m = 1; m < KEYMAP_COUNT; m++) {
			struct sbuf own = SBUF_INIT;
			keys_for(cfg, (enum keymap_id)m, (enum request)r, &own, codes);
			if (own.len)
				sbuf_printf(&keys, "%s%s (%s)", keys.len ? ", " : "", own.buf, keymap_name((enum keymap_id)m));
			sbuf_release(&own);
		}
		sbuf_printf(&line, "  %-18s %-20s %s", keys.len ? keys.buf : "(unbound)", request_name((enum request)r),
			    request_help((enum request)r));
		add_line(&v->doc, RL_TEXT, keys.len ? ROLE_PLAIN : ROLE_DIM, line.buf);
		sbuf_release(&keys);
		sbuf_release(&line);
	}
	add_line(&v->doc, RL_BLANK, ROLE_PLAIN, "");
	add_line(&v->doc, RL_HEADER, ROLE_HEADER, "Commands and search");
	add_line(&v->doc, RL_TEXT, ROLE_PLAIN, "  :OP5  :5  :PP12      jump to a clause (a diff, blame, map; :5 is OP5)");
	add_line(&v->doc, RL_TEXT, ROLE_PLAIN, "  :old OP12            the clause that was OP12 in the older version");
	add_line(&v->doc, RL_TEXT, ROLE_PLAIN, "  :q                   quit");
	add_line(&v->doc, RL_TEXT, ROLE_PLAIN, "  /TEXT  ?TEXT         search forward or backward; n and N go through the matches");
	add_line(&v->doc, RL_TEXT, ROLE_PLAIN, "  /  (empty)           clear the search");
	add_line(&v->doc, RL_BLANK, ROLE_PLAIN, "");
	add_line(&v->doc, RL_TEXT, ROLE_DIM, "  Keys and colours can be changed in ~/.config/redline/config (see redline(1)).");
}

static void
help_title(struct view *v, struct tui *t, struct sbuf *out)
{
	(void)v;
	(void)t;
	sbuf_adds(out, "redline  help");
}

static void
help_status(struct view *v, struct tui *t, struct sbuf *out)
{
	(void)t;
	sbuf_printf(out, "line %zu of %zu", v->cursor + 1, v->doc.n);
}

static const struct view_ops help_ops = {
	"help", KEYMAP_HELP, help_layout, NULL, NULL, help_status, help_title, NULL, NULL, NULL,
};

struct view *
view_help_new(struct tui *t)
{
	(void)t;
	return view_new(&help_ops, NULL);
}
