#include "config.h"
#include "views.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "editor.h"
#include "input.h"
#include "lang.h"
#include "out.h"
#include "restrict.h"
#include "token.h"
#include "utf8.h"

#define MAX_VIEWS 32
/* the exit status of trouble, as every command's (diff(1)) */
#define TUI_TROUBLE 2
/* t->prompting while a view asks a question (tui_ask) */
#define ASKING 'A'
#define MIN_COLS 80
#define MIN_ROWS 24

struct tui {
	struct store *store;
	struct vindex *index;
	struct ui_config cfg;
	struct key_codes codes;
	struct tui_state st;
	struct view *stack[MAX_VIEWS];
	int depth;
	attr_t attr[UI_ROLE_COUNT];
	int markers_auto;
	char *search;
	int search_back;
	int search_mode;	/* n/N go through matches */
	int prompting;		/* ':' '/' '?', ASKING, or 0 */
	struct sbuf prompt;
	char question[64];	/* while ASKING: what is asked */
	tui_answer_fn *answer;
	char message[512];
	int message_error;
	int sync_fd;
	int quit;
	int exit_code;
	int hscroll;		/* cells skipped at the left when lines are cut */
	int first_frame_exit;	/* REDLINE_BENCH_FIRST_SCREEN: leave once drawn */
	int mouse;		/* mouse reporting is on */
	SCREEN *screen;
	/* strikethrough of deleted words, where terminfo names it */
	const char *smxx, *rmxx;
	struct strike_run *strikes;	/* this frame's deleted words on screen */
	size_t nstrikes, strikes_cap;
};

struct strike_run {
	int y, x, w;	/* row, first column, cells */
};

/*
 * Signals: the handlers only record the signal and wake the loop through a
 * pipe; the loop restores the terminal and leaves. A dropped SSH
 * connection (SIGHUP) leaves a sane tty. The loop waits for input with
 * poll() on the terminal and that pipe, so a signal that arrives just
 * before the wait cannot be missed.
 */
static volatile sig_atomic_t caught_signal;
static volatile sig_atomic_t caught_winch;
static int wake_pipe[2] = { -1, -1 };

/*
 * Set while the loop works (a key's action, an idle slice): a signal that
 * asks to stop then cannot wait for the work to end, which on a huge
 * version may take seconds. The interface writes nothing, so leaving in
 * the middle loses nothing: the handler restores the terminal (its saved
 * modes and the sequences below) and exits as the loop would have.
 */
static volatile sig_atomic_t working;
static struct termios saved_tty;
static int have_saved_tty;

static void
wake(void)
{
	char b = 's';
	int saved = errno;

	if (wake_pipe[1] >= 0 && write(wake_pipe[1], &b, 1) < 0) {
		/* a full pipe already holds a wake-up */
	}
	errno = saved;
}

static void restore_terminal_now(void);

static void
on_signal(int sig)
{
	if (working) {
		restore_terminal_now();
		_exit(128 + sig);
	}
	caught_signal = sig;
	wake();
}

static void
on_winch(int sig)
{
	(void)sig;
	caught_winch = 1;
	wake();
}

/* What leaves the full screen and shows the cursor, from terminfo, kept
 * ready so a crash handler can write it without calling into curses. */
static char restore_seq[256];
static size_t restore_len;

/* What turns xterm's mouse reporting off, in every mode ncurses may have
 * turned on: a crash must not leave the shell receiving mouse codes. */
static const char mouse_off_seq[] = "\033[?1006l\033[?1003l\033[?1002l\033[?1000l";

static void
remember_restore_sequence(int mouse)
{
	const char *caps[] = { "sgr0", "cnorm", "rmcup", "rmkx" };
	size_t i, n;

	restore_len = 0;
	if (mouse) {
		memcpy(restore_seq, mouse_off_seq, sizeof(mouse_off_seq) - 1);
		restore_len = sizeof(mouse_off_seq) - 1;
	}
	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		const char *v = tigetstr(caps[i]);

		if (!v || v == (char *)-1)
			continue;
		n = strlen(v);
		if (restore_len + n >= sizeof(restore_seq))
			break;
		memcpy(restore_seq + restore_len, v, n);
		restore_len += n;
	}
}

/* async-signal-safe: the tty's modes as they were, then the saved sequence */
static void
restore_terminal_now(void)
{
	if (have_saved_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	if (restore_len && write(STDOUT_FILENO, restore_seq, restore_len) < 0) {
		/* nothing more can be done */
	}
}

static void
on_fatal(int sig)
{
	/* restore, then die of the signal */
	restore_terminal_now();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_signals(void)
{
	struct sigaction sa;

	if (pipe(wake_pipe) == 0) {
		fcntl(wake_pipe[0], F_SETFL, O_NONBLOCK);
		fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK);
		fcntl(wake_pipe[0], F_SETFD, FD_CLOEXEC);
		fcntl(wake_pipe[1], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* C-\\ too: a reader who quits that way gets a sane terminal */
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
}

static void
close_wake_pipe(void)
{
	if (wake_pipe[0] >= 0)
		close(wake_pipe[0]);
	if (wake_pipe[1] >= 0)
		close(wake_pipe[1]);
	wake_pipe[0] = wake_pipe[1] = -1;
}

/*
 * Accessors for views
 */

const struct tui_state *
tui_state(const struct tui *t)
{
	return &t->st;
}

struct store *
tui_store(struct tui *t)
{
	return t->store;
}

struct vindex *
tui_index(struct tui *t)
{
	return t->index;
}

const struct ui_config *
tui_config(const struct tui *t)
{
	return &t->cfg;
}

const struct key_codes *
tui_key_codes(const struct tui *t)
{
	return &t->codes;
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
	struct sbuf raw = SBUF_INIT, safe = SBUF_INIT;
	size_t n;
	va_list ap;

	/* a message names files, symbols and errors: nothing in it reaches
	 * the terminal raw */
	va_start(ap, fmt);
	sbuf_vprintf(&raw, fmt, ap);
	va_end(ap);
	utf8_sanitize(&safe, sbuf_str(&raw), raw.len, 0);
	n = safe.len < sizeof(t->message) ? safe.len : sizeof(t->message) - 1;
	/* cut between characters */
	while (n > 0 && n < safe.len && ((unsigned char)safe.buf[n] & 0xC0) == 0x80)
		n--;
	memcpy(t->message, sbuf_str(&safe), n);
	t->message[n] = '\0';
	t->message_error = error;
	sbuf_release(&raw);
	sbuf_release(&safe);
}

void
tui_ask(struct tui *t, const char *question, tui_answer_fn *done)
{
	snprintf(t->question, sizeof(t->question), "%s", question);
	t->answer = done;
	t->prompting = ASKING;
	sbuf_reset(&t->prompt);
}

/* The editor run with the terminal handed over: an editor_run_fn. */
static int
run_editor(void *arg, const char *cmd, const char *editor, const char *file)
{
	struct tui *t = arg;
	struct sigaction ign, old_int, old_quit;
	sig_atomic_t was_working = working;
	int status;

	/*
	 * While the editor has the terminal, C-c and C-\ are its own (git
	 * ignores them the same way); a TERM or HUP is recorded, not obeyed at
	 * once, so the editor is never left behind: the loop leaves after it
	 */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	working = 0;
	/* the editor gets the terminal as the shell left it (and C-c again:
	 * editor_spawn restores it in the child), not the test harness's
	 * sync pipe */
	endwin();
	status = editor_spawn(cmd, editor, file, t->sync_fd);
	/* the interface takes it back, drawing everything again */
	clearok(curscr, TRUE);
	refresh();
	working = was_working;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return status;
}

int
tui_edit(struct tui *t, const char *text, char **out, struct sbuf *why)
{
	return editor_edit(text, run_editor, t, out, why);
}

struct view *
view_new(const struct view_ops *ops, void *priv)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = ops;
	v->priv = priv;
	rdoc_init(&v->doc);
	return v;
}

static void
view_free(struct view *v)
{
	if (v->ops->free)
		v->ops->free(v);
	rdoc_release(&v->doc);
	free(v);
}

static struct view *
top_view(struct tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

static void
layout(struct tui *t, struct view *v)
{
	if (v->ops->layout)
		v->ops->layout(v, t);
	if (v->doc.n == 0)
		v->cursor = v->top = 0;
	else if (v->cursor >= v->doc.n)
		v->cursor = v->doc.n - 1;
	if (v->top > v->cursor)
		v->top = v->cursor;
}

int
tui_is_top(const struct tui *t, const struct view *v)
{
	return t->depth > 0 && t->stack[t->depth - 1] == v;
}

void
tui_push(struct tui *t, struct view *v)
{
	if (t->depth == MAX_VIEWS) {
		view_free(v);
		tui_message(t, 1, "too many views open");
		return;
	}
	t->stack[t->depth++] = v;
	layout(t, v);
}

static void
tui_pop(struct tui *t)
{
	if (t->depth == 0)
		return;
	view_free(t->stack[--t->depth]);
	if (t->depth == 0)
		t->quit = 1;
	else
		layout(t, top_view(t));
}

void
tui_select(struct tui *t, struct view *v, size_t line)
{
	size_t rows = (size_t)(t->st.content_rows > 0 ? t->st.content_rows : 1);

	if (v->doc.n == 0)
		return;
	if (line >= v->doc.n)
		line = v->doc.n - 1;
	v->cursor = line;
	if (v->cursor < v->top)
		v->top = v->cursor;
	else if (v->cursor >= v->top + rows)
		v->top = v->cursor - rows + 1;
}

void
tui_set_option(struct tui *t, enum request r)
{
	switch (r) {
	case REQ_TOGGLE_LAYOUT:
		t->st.side_by_side = !t->st.side_by_side;
		if (t->st.side_by_side && t->st.cols < 100)
			tui_message(t, 0, "side by side needs 100 columns; showing unified at %d", t->st.cols);
		else
			tui_message(t, 0, "%s", t->st.side_by_side ? "side by side" : "unified");
		break;
	case REQ_TOGGLE_TYPO:
		t->st.compare_flags ^= IGNORE_TYPOGRAPHY;
		tui_message(t, 0, "typography %s", t->st.compare_flags & IGNORE_TYPOGRAPHY ? "ignored" : "compared");
		break;
	case REQ_TOGGLE_WRAP:
		t->st.wrap = !t->st.wrap;
		t->hscroll = 0;
		tui_message(t, 0, "%s", t->st.wrap ? "long lines wrap" : "long lines are cut");
		break;
	case REQ_TOGGLE_MARKERS:
		t->st.markers = !t->st.markers;
		t->markers_auto = 0;
		tui_message(t, 0, "markers %s", t->st.markers ? "on" : "off");
		break;
	default:
		return;
	}
	layout(t, top_view(t));
}

/*
 * Colours and attributes
 */

static attr_t
curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & CATTR_BOLD)
		r |= A_BOLD;
	if (a & CATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CATTR_REVERSE)
		r |= A_REVERSE;
	if (a & CATTR_STANDOUT)
		r |= A_STANDOUT;
	if (a & CATTR_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & CATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

static void
setup_colors(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");
	int i;

	t->st.color = has_colors() && !(nc && *nc);
	if (t->st.color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < UI_ROLE_COUNT; i++) {
		const struct color_def *d = &t->cfg.colors[i];
		/* a colour past the terminal's (208 on a terminal of 8) becomes
		 * the nearest basic one rather than no colour */
		int fg = d->fg >= COLORS ? ui_color_basic(d->fg) : d->fg;
		int bg = d->bg >= COLORS ? ui_color_basic(d->bg) : d->bg;

		if (t->st.color && (fg >= 0 || bg >= 0) && i + 1 < COLOR_PAIRS && fg < COLORS && bg < COLORS) {
			init_pair((short)(i + 1), (short)fg, (short)bg);
			t->attr[i] = COLOR_PAIR(i + 1) | curses_attrs(d->attrs);
		} else if (t->st.color) {
			t->attr[i] = curses_attrs(d->attrs);
		} else {
			t->attr[i] = curses_attrs(d->mono);
		}
	}
}

/*
 * Drawing
 */

/* Draw at most maxw cells of UTF-8 text; returns the cells used. Outside a
 * UTF-8 locale, a character the terminal cannot show is drawn as '?'. */
static int
draw_text(struct tui *t, const char *s, size_t n, int maxw)
{
	size_t i = 0, k;
	int w = 0, cw;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		cw = cp == UTF8_INVALID ? 1 : utf8_width(cp);
		if (w + cw > maxw)
			break;
		/* the last guard: what reaches curses was sanitised, and
		 * anything that was not never goes to the terminal raw */
		if (utf8_unsafe(cp) != UTF8_SAFE) {
			cw = 1;
			if (w + cw > maxw)
				break;
			addch('?');
		} else if (!t->st.utf8 && cp >= 0x80)
			addch('?');
		else
			addnstr(s + i, (int)k);
		w += cw;
		i += k;
	}
	return w;
}

static const char *
find_match(const char *s, size_t n, const char *needle, size_t from, size_t *len)
{
	size_t nl = strlen(needle), i;

	if (nl == 0)
		return NULL;
	for (i = from; i + nl <= n; i++) {
		if (lang_casecmp(s + i, needle, nl) == 0) {
			*len = nl;
			return s + i;
		}
	}
	return NULL;
}

/*
 * Search reads the text of a view, not its screen lines: a phrase that
 * wraps is found. A paragraph is a run of lines whose column goes on from
 * the line before (struct rcol); its pieces are joined with one space, as
 * wrapping took one out. Side by side, each column is read on its own.
 */
struct para {
	size_t first, last;	/* lines */
	struct sbuf text;
	size_t *at;		/* per line: where its piece starts in text */
};

static void
line_col(const struct rline *l, int c, struct rcol *out)
{
	if (l->ncols == 0) {
		out->a = 0;
		out->b = c == 0 ? strlen(l->text) : 0;
		out->cont = 0;
	} else if (c >= l->ncols) {
		out->a = out->b = 0;
		out->cont = 0;
	} else {
		*out = l->col[c];
	}
}

static int
goes_on(const struct rdoc *d, size_t i, int c)
{
	struct rcol col;

	line_col(&d->v[i], c, &col);
	return col.cont;
}

/* The paragraph of column c that holds line i. */
static void
para_build(const struct rdoc *d, size_t i, int c, struct para *p)
{
	size_t k;
	struct rcol col;

	p->first = p->last = i;
	while (p->first > 0 && goes_on(d, p->first, c))
		p->first--;
	while (p->last + 1 < d->n && goes_on(d, p->last + 1, c))
		p->last++;
	sbuf_reset(&p->text);
	p->at = xrealloc(p->at, (p->last - p->first + 1) * sizeof(*p->at));
	for (k = p->first; k <= p->last; k++) {
		line_col(&d->v[k], c, &col);
		if (col.b > col.a && p->text.len)
			sbuf_addch(&p->text, ' ');
		p->at[k - p->first] = p->text.len;
		sbuf_add(&p->text, d->v[k].text + col.a, col.b - col.a);
	}
}

static void
para_release(struct para *p)
{
	sbuf_release(&p->text);
	free(p->at);
}

/* The line of the paragraph that holds byte off of its text, looking from
 * line `from` on (a line at or before it): the last line starting at or
 * before off. Called with offsets in order, the lines are walked once. */
static size_t
para_line_from(const struct para *p, size_t from, size_t off)
{
	size_t k = from - p->first;

	while (k < p->last - p->first && p->at[k + 1] <= off)
		k++;
	return p->first + k;
}

#define NO_LINE ((size_t)-1)

/*
 * The match of a paragraph nearest to line `from` going forward (or
 * backward), around the end of the document: the distance is counted in
 * lines, and a match on `from` itself is the farthest.
 */
static size_t
para_nearest(const struct para *p, const char *needle, size_t from, size_t n, int backward)
{
	size_t off = 0, len, line = p->first, dist, best = NO_LINE, best_dist = NO_LINE;
	const char *m, *text = sbuf_str(&p->text);

	while ((m = find_match(text, p->text.len, needle, off, &len)) != NULL) {
		/* matches come in order: the line moves only forward */
		line = para_line_from(p, line, (size_t)(m - text));
		dist = backward ? (from + n - line) % n : (line + n - from) % n;
		if (dist == 0)
			dist = n;
		if (dist < best_dist) {
			best_dist = dist;
			best = line;
		}
		off = (size_t)(m - text) + 1;
	}
	return best;
}

/*
 * The line where the next match (or the previous one) of column c starts,
 * from line `from`, around the end of the document; NO_LINE when none.
 * Paragraphs are read in the search's direction from the one that holds
 * `from`, so a search stops at the first paragraph with a match.
 */
static size_t
search_column(const struct rdoc *d, const char *needle, int c, size_t from, int backward)
{
	struct para p = { 0, 0, SBUF_INIT, NULL };
	size_t n = d->n, first, last, best, behind, i;

	para_build(d, from, c, &p);
	first = p.first;
	last = p.last;
	best = para_nearest(&p, needle, from, n, backward);
	/* a match ahead in this paragraph is nearer than any other; one
	 * behind (or on `from`) is the farthest of all */
	if (best != NO_LINE && (backward ? best < from : best > from))
		goto out;
	behind = best;
	for (;;) {
		if (backward)
			i = p.first == 0 ? n - 1 : p.first - 1;
		else
			i = p.last + 1 >= n ? 0 : p.last + 1;
		if (i >= first && i <= last) {
			best = behind;
			break;
		}
		para_build(d, i, c, &p);
		best = para_nearest(&p, needle, from, n, backward);
		if (best != NO_LINE)
			break;
	}
out:
	para_release(&p);
	return best;
}

/* The nearest match over the columns of the view. */
static size_t
search_from(const struct rdoc *d, const char *needle, size_t from, int backward)
{
	size_t best = NO_LINE, best_dist = NO_LINE, line, dist, n = d->n;
	int c;

	for (c = 0; c < 2; c++) {
		line = search_column(d, needle, c, from, backward);
		if (line == NO_LINE)
			continue;
		dist = backward ? (from + n - line) % n : (line + n - from) % n;
		if (dist == 0)
			dist = n;
		if (dist < best_dist) {
			best_dist = dist;
			best = line;
		}
	}
	return best;
}

/*
 * The matches to highlight on the lines first..last: per line, the byte
 * ranges of its text that are part of a match, a match that wraps being
 * cut into its pieces on each line.
 */
struct hl {
	size_t line, off, len;
};

struct hls {
	struct hl *v;
	size_t n, cap;
};

static void
highlight_para(const struct rdoc *d, const struct para *p, int c, const char *needle, size_t first,
	       size_t last, struct hls *out)
{
	const char *text = sbuf_str(&p->text), *m;
	size_t off = 0, len, k, lo, hi, a, b, line = p->first;
	struct rcol col;

	/* matches and lines are both in order: each match's lines are found
	 * from the last one's, so a frame costs the paragraph's matches plus
	 * its lines, not their product */
	while ((m = find_match(text, p->text.len, needle, off, &len)) != NULL) {
		lo = (size_t)(m - text);
		hi = lo + len;
		line = para_line_from(p, line, lo);
		if (line > last)
			break;	/* the rest are below the screen */
		for (k = line; k <= p->last && (k == line || p->at[k - p->first] < hi); k++) {
			size_t at = p->at[k - p->first];

			line_col(&d->v[k], c, &col);
			a = lo > at ? lo : at;
			b = hi < at + (col.b - col.a) ? hi : at + (col.b - col.a);
			if (a >= b || k < first || k > last)
				continue;
			GROW(out->v, out->cap, out->n + 1);
			out->v[out->n].line = k;
			out->v[out->n].off = col.a + (a - at);
			out->v[out->n].len = b - a;
			out->n++;
		}
		off = hi;
	}
}

static void
highlights(struct tui *t, const struct rdoc *d, size_t first, size_t last, struct hls *out)
{
	struct para p = { 0, 0, SBUF_INIT, NULL };
	size_t i;
	int c;

	out->n = 0;
	if (!t->search || !*t->search || d->n == 0)
		return;
	for (c = 0; c < 2; c++) {
		for (i = first; i <= last && i < d->n; i = p.last + 1) {
			para_build(d, i, c, &p);
			highlight_para(d, &p, c, t->search, first, last, out);
		}
	}
	para_release(&p);
}

/*
 * Strikethrough. ncurses 6.4 has no attribute for it; terminfo names it in
 * the extended capabilities smxx and rmxx (xterm, tmux: SGR 9 and 29).
 * Once curses has drawn a frame, the cells of deleted words are written a
 * second time, the same characters with the same attributes, between
 * smxx and rmxx. This keeps curses' idea of the screen true:
 *   - the characters and attributes it records are the ones shown: only
 *     the strikethrough, which it does not know of, is added;
 *   - doupdate leaves the terminal with normal attributes and its output
 *     flushed (tty_update.c), and the attributes are set here with
 *     vid_puts, which keeps curses' record of the terminal's attributes;
 *     they end normal again, strikethrough off;
 *   - the cursor goes back where curses left it, by an absolute move.
 * A cell curses writes later is written without strikethrough (the pen is
 * normal), and every frame strikes its deleted words again. Terminals
 * without smxx get none of this; deleted words keep their colour or, in
 * monochrome, reverse video, and punctuation keeps its markers.
 */
static void
strike_later(struct tui *t, int y, int x, int w)
{
	if (!t->smxx)
		return;
	GROW(t->strikes, t->strikes_cap, t->nstrikes + 1);
	t->strikes[t->nstrikes].y = y;
	t->strikes[t->nstrikes].x = x;
	t->strikes[t->nstrikes].w = w;
	t->nstrikes++;
}

/* tputs and vid_puts take an output function without a context: it
 * appends to the frame's buffer, set only while strike_now runs. */
static struct sbuf *strike_buf;

static int
strike_putc(int c)
{
	sbuf_addch(strike_buf, (char)c);
	return c;
}

static void
strike_cell(const cchar_t *cell)
{
	wchar_t wch[CCHARW_MAX + 1];
	char mb[MB_LEN_MAX];
	attr_t a;
	short pair;
	mbstate_t ps;
	size_t i, k;

	if (getcchar(cell, wch, &a, &pair, NULL) == ERR)
		return;
	memset(&ps, 0, sizeof(ps));
	for (i = 0; wch[i] && i < CCHARW_MAX; i++) {
		k = wcrtomb(mb, wch[i], &ps);
		if (k != (size_t)-1)
			sbuf_add(strike_buf, mb, k);
	}
}

static void
strike_now(struct tui *t)
{
	struct sbuf out = SBUF_INIT;
	cchar_t *row = NULL;
	size_t i;
	int cy, cx, n = 0, k, col, y = -1;
	const char *p;

	if (!t->nstrikes)
		return;
	row = xcalloc((size_t)t->st.cols + 1, sizeof(*row));
	strike_buf = &out;
	getyx(curscr, cy, cx);
	for (i = 0; i < t->nstrikes; i++) {
		const struct strike_run *r = &t->strikes[i];
		attr_t a;
		short pair;
		wchar_t wch[CCHARW_MAX + 1];

		if (r->y != y) {
			/* a row's cells as curses has them, a wide character once */
			y = r->y;
			n = mvwin_wchnstr(stdscr, y, 0, row, t->st.cols) == ERR ? 0 : t->st.cols;
		}
		for (k = 0, col = 0; k < n && col < r->x + r->w; k++) {
			int w;

			if (getcchar(&row[k], wch, &a, &pair, NULL) == ERR || !wch[0])
				break;
			w = wcwidth(wch[0]);
			if (w < 1)
				w = 1;
			if (col >= r->x) {
				if (col == r->x) {
					tputs(tiparm(cursor_address, y, col), 1, strike_putc);
					vid_puts(a, pair, NULL, strike_putc);
					tputs(t->smxx, 1, strike_putc);
				}
				strike_cell(&row[k]);
			}
			col += w;
		}
	}
	tputs(t->rmxx, 1, strike_putc);
	vid_puts(A_NORMAL, 0, NULL, strike_putc);
	tputs(tiparm(cursor_address, cy, cx), 1, strike_putc);
	strike_buf = NULL;
	for (p = out.buf; out.len > 0;) {
		ssize_t w = write(STDOUT_FILENO, p, out.len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		out.len -= (size_t)w;
	}
	sbuf_release(&out);
	free(row);
	/* mvwin_wchnstr moved stdscr's cursor; the next frame moves it anyway */
	wmove(stdscr, cy, cx);
}

/* Whether the terminal can strike text through without confusing curses. */
static void
strike_setup(struct tui *t)
{
	const char *on = tigetstr("smxx"), *off = tigetstr("rmxx"), *cup = tigetstr("cup");

	t->smxx = t->rmxx = NULL;
	if (!on || on == (char *)-1 || !*on || !off || off == (char *)-1 || !*off || !cup || cup == (char *)-1)
		return;
	t->smxx = on;
	t->rmxx = off;
}

/* Bytes of text that fill the first skip cells (a wide character that
 * would straddle the edge is skipped whole). */
static size_t
skip_cells(const char *s, size_t n, int skip)
{
	size_t i = 0, k;
	int w = 0;
	uint32_t cp;

	while (i < n && w < skip) {
		k = utf8_decode(s + i, n - i, &cp);
		w += cp == UTF8_INVALID ? 1 : utf8_width(cp);
		i += k;
	}
	return i;
}

static int
hl_cmp(const void *a, const void *b)
{
	const struct hl *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Draw one line of a view: spans in their roles, the search's matches (hl,
 * nh: this line's, in order) over them, the cursor line reversed, cut at
 * the width with a mark. */
static void
draw_line(struct tui *t, int y, const struct rline *l, int selected, const struct hl *hl, size_t nh)
{
	size_t s, off, start = 0, h = 0;
	int x = 0, cols = t->st.cols, cells;
	attr_t cursor = selected ? t->attr[UI_CURSOR] : A_NORMAL;

	move(y, 0);
	if (!t->st.wrap && t->hscroll > 0)
		start = skip_cells(l->text, strlen(l->text), t->hscroll);
	for (s = 0; s < l->nspans && x < cols; s++) {
		const struct span *sp = &l->spans[s];
		attr_t a = t->attr[(int)sp->role < (int)UI_ROLE_COUNT ? (int)sp->role : (int)ROLE_PLAIN] | cursor;

		/* the cell the cursor is on within its line (the map): the
		 * other way round from the line, and underlined, so that it
		 * shows on a monochrome terminal too */
		if ((int)sp->role == (int)UI_CURSOR && selected)
			a = A_BOLD | A_UNDERLINE;
		else if ((int)sp->role == (int)UI_CURSOR)
			a = t->attr[UI_CURSOR] | A_UNDERLINE;

		if (sp->off + sp->len <= start)
			continue;
		for (off = sp->off > start ? sp->off : start; off < sp->off + sp->len && x < cols;) {
			size_t end = sp->off + sp->len, chunk_end = end;
			attr_t ca = a;

			while (h < nh && hl[h].off + hl[h].len <= off)
				h++;
			if (h < nh && off >= hl[h].off) {
				chunk_end = hl[h].off + hl[h].len < end ? hl[h].off + hl[h].len : end;
				/* a match stands out even on the selected line */
				ca = t->attr[UI_SEARCH];
			} else if (h < nh && hl[h].off < end) {
				chunk_end = hl[h].off;
			}
			attrset(ca);
			cells = draw_text(t, l->text + off, chunk_end - off, cols - x);
			if (sp->role == ROLE_DEL && ca != t->attr[UI_SEARCH] && cells > 0)
				strike_later(t, y, x, cells);
			x += cells;
			off = chunk_end;
		}
	}
	attrset(cursor);
	if ((size_t)x + (size_t)(t->st.wrap ? 0 : t->hscroll) < l->width && x >= cols && cols > 1) {
		/* the line goes on past the edge */
		move(y, cols - 1);
		addstr(">");
		x = cols;
	}
	for (; x < cols; x++)
		addch(' ');
	attrset(A_NORMAL);
}

static void
draw_bar(struct tui *t, int y, const char *left, const char *right, attr_t a)
{
	int w, rw = 0;

	move(y, 0);
	attrset(a);
	/* the bottom-right cell: fill with hline, then write short of it */
	hline(' ', t->st.cols);
	w = draw_text(t, left, strlen(left), t->st.cols - 1);
	if (right && *right) {
		rw = (int)utf8_str_width(right, strlen(right));
		if (w + 2 + rw < t->st.cols) {
			move(y, t->st.cols - 1 - rw);
			draw_text(t, right, strlen(right), rw);
		}
	}
	attrset(A_NORMAL);
}

static void
draw_too_small(struct tui *t)
{
	char msg[128];
	int y = t->st.rows / 2, len;

	erase();
	snprintf(msg, sizeof(msg), "terminal too small: %dx%d, redline needs %dx%d", t->st.cols, t->st.rows,
		 MIN_COLS, MIN_ROWS);
	len = (int)strlen(msg);
	if (len > t->st.cols)
		len = t->st.cols;
	move(y >= 0 ? y : 0, (t->st.cols - len) / 2 > 0 ? (t->st.cols - len) / 2 : 0);
	attrset(A_BOLD);
	addnstr(msg, len);
	attrset(A_NORMAL);
	if (t->st.rows > 2) {
		const char *hint = "resize the window, or press q to quit";
		int hl = (int)strlen(hint) < t->st.cols ? (int)strlen(hint) : t->st.cols;
		move(y + 1 < t->st.rows ? y + 1 : y, (t->st.cols - hl) / 2 > 0 ? (t->st.cols - hl) / 2 : 0);
		addnstr(hint, hl);
	}
}

static int
too_small(const struct tui *t)
{
	return t->st.cols < MIN_COLS || t->st.rows < MIN_ROWS;
}

/* The keys on the right of the status line: h for help, unless the view
 * takes h for itself (the map moves its cursor with it). */
static const char *
help_hint(const struct tui *t, const struct view *v)
{
	if (keymap_lookup(&t->cfg.keys, v->ops->keymap, 'h') == REQ_HELP)
		return "h: help  q: back  Q: quit";
	return "F1: help  q: back  Q: quit";
}

static void
draw(struct tui *t)
{
	struct view *v = top_view(t);
	struct sbuf title = SBUF_INIT, status = SBUF_INIT;
	struct hls hls = { NULL, 0, 0 };
	size_t h;
	int y;

	t->nstrikes = 0;
	if (too_small(t)) {
		draw_too_small(t);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	erase();
	if (v->ops->title)
		v->ops->title(v, t, &title);
	draw_bar(t, 0, sbuf_str(&title), "", t->attr[UI_TITLE] | (t->st.color ? 0 : A_REVERSE));
	if (v->doc.n)
		highlights(t, &v->doc, v->top, v->top + (size_t)t->st.content_rows - 1, &hls);
	if (hls.n > 1)
		qsort(hls.v, hls.n, sizeof(*hls.v), hl_cmp);
	for (y = 0, h = 0; y < t->st.content_rows; y++) {
		size_t i = v->top + (size_t)y, e;

		if (i >= v->doc.n)
			break;
		while (h < hls.n && hls.v[h].line < i)
			h++;
		for (e = h; e < hls.n && hls.v[e].line == i; e++)
			;
		draw_line(t, y + 1, &v->doc.v[i], i == v->cursor, hls.v + h, e - h);
		h = e;
	}
	free(hls.v);
	if (t->prompting) {
		if (t->prompting == ASKING)
			sbuf_adds(&status, t->question);
		else
			sbuf_addch(&status, (char)t->prompting);
		sbuf_adds(&status, sbuf_str(&t->prompt));
		draw_bar(t, t->st.rows - 1, sbuf_str(&status), "", A_NORMAL);
		curs_set(1);
		move(t->st.rows - 1, (int)utf8_str_width(status.buf, status.len) < t->st.cols - 1
					     ? (int)utf8_str_width(status.buf, status.len) : t->st.cols - 1);
	} else {
		curs_set(0);
		/* a message takes the status line until the next key */
		if (t->message[0])
			sbuf_adds(&status, t->message);
		else if (v->ops->status)
			v->ops->status(v, t, &status);
		draw_bar(t, t->st.rows - 1, sbuf_str(&status), t->message[0] ? "" : help_hint(t, v),
			 t->message_error ? t->attr[UI_ERROR] : t->attr[UI_STATUS]);
	}
	wnoutrefresh(stdscr);
	doupdate();
	strike_now(t);
	sbuf_release(&title);
	sbuf_release(&status);
}

/*
 * Test synchronisation: a byte on REDLINE_TEST_SYNC_FD each time the
 * interface is idle, waiting for a key, with the screen up to date.
 */
static void
sync_notify(struct tui *t)
{
	char b = '.';


	if (t->sync_fd >= 0 && write(t->sync_fd, &b, 1) < 0 && errno != EINTR)
		t->sync_fd = -1;
}

/*
 * Navigation, search and the prompt
 */

static void
move_cursor(struct tui *t, struct view *v, long delta)
{
	long c = (long)v->cursor + delta;

	if (c < 0)
		c = 0;
	tui_select(t, v, (size_t)c);
}

static void
search_next(struct tui *t, struct view *v, int backward)
{
	size_t line;
	int revealed = 0;

	if (!t->search || v->doc.n == 0)
		return;
again:
	line = search_from(&v->doc, t->search, v->cursor, backward);
	if (line != NO_LINE) {
		if ((backward && line >= v->cursor) || (!backward && line <= v->cursor))
			tui_message(t, 0, "search wrapped");
		else
			t->message[0] = '\0';
		tui_select(t, v, line);
		return;
	}
	/* the text may be folded away: let the view show what holds it */
	if (!revealed && v->ops->reveal && v->ops->reveal(v, t, t->search)) {
		revealed = 1;
		goto again;
	}
	tui_message(t, 1, "not found: %s", t->search);
}

static void
finish_prompt(struct tui *t)
{
	struct view *v = top_view(t);
	const char *text = sbuf_str(&t->prompt);
	int kind = t->prompting;

	t->prompting = 0;
	if (kind == ASKING) {
		t->answer(v, t, text);
	} else if (kind == ':') {
		/* :q, as in vi and less, in every view */
		if (strcmp(text, "q") == 0 || strcmp(text, "q!") == 0 || strcmp(text, "quit") == 0)
			t->quit = 1;
		else if (*text && !(v->ops->command && v->ops->command(v, t, text)))
			tui_message(t, 1, "unknown command: %s", text);
	} else if (*text == '\0') {
		FREE(t->search);
		t->search_mode = 0;
		tui_message(t, 0, "search cleared");
	} else {
		free(t->search);
		t->search = xstrdup(text);
		t->search_back = kind == '?';
		t->search_mode = 1;
		/* text in folded clauses is found too: unfold what holds it */
		if (v->ops->reveal)
			v->ops->reveal(v, t, t->search);
		search_next(t, v, t->search_back);
	}
	sbuf_reset(&t->prompt);
}

static void
prompt_key(struct tui *t, int is_key, wint_t ch)
{
	if (is_key && (ch == KEY_BACKSPACE || ch == KEY_DC)) {
		ch = 127;
		is_key = 0;
	}
	if (is_key)
		return;
	if (ch == 27) {
		if (t->prompting == ASKING)
			tui_message(t, 0, "cancelled");
		else
			t->message[0] = '\0';
		t->prompting = 0;
		sbuf_reset(&t->prompt);
	} else if (ch == '\n' || ch == '\r') {
		finish_prompt(t);
	} else if (ch == 127 || ch == 8) {
		if (t->prompt.len == 0 && t->prompting != ASKING)
			t->prompting = 0;
		else {
			t->prompt.len -= utf8_prev_len(t->prompt.buf, t->prompt.len);
			t->prompt.buf[t->prompt.len] = '\0';
		}
	} else if (ch >= 32 && t->prompt.len < 200) {
		utf8_encode(&t->prompt, (uint32_t)ch);
	}
}

/*
 * Scroll by delta lines (a page, half a page) as less and tig do: the view
 * moves from the first press and the cursor keeps its row. When the view
 * cannot move further, the cursor goes to the last (first) line.
 */
static void
scroll_by(struct tui *t, struct view *v, long delta)
{
	long n = (long)v->doc.n, rows = t->st.content_rows > 0 ? t->st.content_rows : 1;
	long top = (long)v->top, cur = (long)v->cursor, max_top = n > rows ? n - rows : 0, new_top;

	if (n == 0)
		return;
	new_top = top + delta;
	if (new_top > max_top)
		new_top = max_top;
	if (new_top < 0)
		new_top = 0;
	if (new_top == top)
		cur = delta > 0 ? n - 1 : 0;
	else
		cur += new_top - top;
	if (cur > n - 1)
		cur = n - 1;
	if (cur < 0)
		cur = 0;
	v->top = (size_t)new_top;
	tui_select(t, v, (size_t)cur);
}

static void
generic_request(struct tui *t, struct view *v, enum request r)
{
	long page = t->st.content_rows > 1 ? t->st.content_rows : 1;

	switch (r) {
	case REQ_MOVE_UP:
		move_cursor(t, v, -1);
		break;
	case REQ_MOVE_DOWN:
		move_cursor(t, v, 1);
		break;
	case REQ_PAGE_UP:
		scroll_by(t, v, -page);
		break;
	case REQ_PAGE_DOWN:
		scroll_by(t, v, page);
		break;
	case REQ_HALF_PAGE_UP:
		scroll_by(t, v, -(page + 1) / 2);
		break;
	case REQ_HALF_PAGE_DOWN:
		scroll_by(t, v, (page + 1) / 2);
		break;
	case REQ_FIRST:
		tui_select(t, v, 0);
		break;
	case REQ_SCROLL_LEFT:
	case REQ_SCROLL_RIGHT:
		if (t->st.wrap) {
			tui_message(t, 0, "lines wrap; w cuts them, then Left and Right scroll");
			break;
		}
		t->hscroll += r == REQ_SCROLL_RIGHT ? 8 : -8;
		if (t->hscroll < 0)
			t->hscroll = 0;
		break;
	case REQ_LAST:
		if (v->doc.n)
			tui_select(t, v, v->doc.n - 1);
		break;
	case REQ_VIEW_CLOSE:
		tui_pop(t);
		break;
	case REQ_QUIT:
		t->quit = 1;
		break;
	case REQ_NEXT:
	case REQ_PREVIOUS:
		if (t->search)
			search_next(t, v, (r == REQ_PREVIOUS) != t->search_back);
		break;
	case REQ_SEARCH:
	case REQ_SEARCH_BACK:
	case REQ_PROMPT:
		t->prompting = r == REQ_SEARCH ? '/' : r == REQ_SEARCH_BACK ? '?' : ':';
		sbuf_reset(&t->prompt);
		break;
	case REQ_TOGGLE_LAYOUT:
	case REQ_TOGGLE_TYPO:
	case REQ_TOGGLE_WRAP:
	case REQ_TOGGLE_MARKERS:
		tui_set_option(t, r);
		break;
	case REQ_HELP:
		tui_push(t, view_help_new(t));
		break;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		break;
	case REQ_HISTORY:
		tui_message(t, 0, "a clause's history opens from a clause (L in a diff, a clause, the blame or the map)");
		break;
	case REQ_BLAME:
		tui_message(t, 0, "blame opens from a version (B in the versions or a diff)");
		break;
	case REQ_MAP:
		tui_message(t, 0, "the map opens from a series (P in the versions or a diff)");
		break;
	case REQ_AGREED:
		tui_message(t, 0, "agreed language is looked up from a clause (U in a diff, a clause or the blame)");
		break;
	case REQ_AMENDMENTS:
		tui_message(t, 0, "amendments open from a version (A in the versions, a diff or a clause)");
		break;
	case REQ_AMEND_PROPOSE:
		tui_message(t, 0, "a proposal starts from a clause (e in the clause view or the amendments)");
		break;
	case REQ_EXPORT:
		tui_message(t, 0, "a comparison is written from its diff (W there)");
		break;
	case REQ_AMEND_ACCEPT:
	case REQ_AMEND_REJECT:
	case REQ_AMEND_WITHDRAW:
	case REQ_AMEND_REOPEN:
	case REQ_PARA_STATUS:
	case REQ_MARK:
	case REQ_ENTER:
	case REQ_NONE:
	case REQ_COUNT:
		break;
	}
}

static void
dispatch(struct tui *t, enum request r)
{
	struct view *v = top_view(t);

	/* restricted mode: what the action's REQ_INFO row says, whatever
	 * key or view it came from (keys.h) */
	if (restricted() && request_guard(r) != GUARD_NONE) {
		tui_message(t, 1, "restricted: %s %s", request_name(r),
			    request_guard(r) == GUARD_RUNS_EDITOR ? "runs an editor"
			    : request_guard(r) == GUARD_WRITES_FILE ? "writes a file" : "writes to the repository");
		return;
	}
	/* after a search, n and N go through its matches */
	if ((r == REQ_NEXT || r == REQ_PREVIOUS) && t->search_mode && t->search) {
		generic_request(t, v, r);
		return;
	}
	if (v->ops->request && v->ops->request(v, t, r))
		return;
	generic_request(t, v, r);
}

static void
mouse_event(struct tui *t)
{
	MEVENT ev;
	struct view *v = top_view(t);

	if (getmouse(&ev) != OK || !v)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		v->top = v->top > 3 ? v->top - 3 : 0;
		if (v->cursor >= v->top + (size_t)t->st.content_rows)
			v->cursor = v->top + (size_t)t->st.content_rows - 1;
	}
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED) {
		if (v->top + 3 < v->doc.n)
			v->top += 3;
		if (v->cursor < v->top)
			v->cursor = v->top;
	}
#endif
	else if ((ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) && ev.y >= 1 &&
		 ev.y <= t->st.content_rows && v->top + (size_t)(ev.y - 1) < v->doc.n) {
		size_t line = v->top + (size_t)(ev.y - 1);

		/* a click selects; a click on the selected line opens it */
		if (line == v->cursor)
			dispatch(t, REQ_ENTER);
		else
			v->cursor = line;
	}
}

static void
resize(struct tui *t)
{
	int i;

	getmaxyx(stdscr, t->st.rows, t->st.cols);
	t->st.content_rows = t->st.rows - 2;
	for (i = 0; i < t->depth; i++)
		layout(t, t->stack[i]);
	if (top_view(t))
		tui_select(t, top_view(t), top_view(t)->cursor);
}

static void
handle_key(struct tui *t, int is_key, wint_t ch)
{
	struct view *v = top_view(t);
	enum request r;

	if (is_key && ch == KEY_RESIZE) {
		resize(t);
		return;
	}
	if (is_key && ch == KEY_MOUSE) {
		mouse_event(t);
		return;
	}
	if (t->prompting) {
		prompt_key(t, is_key, ch);
		return;
	}
	if (too_small(t)) {
		if (!is_key && (ch == 'q' || ch == 'Q'))
			t->quit = 1;
		return;
	}
	t->message[0] = '\0';
	t->message_error = 0;
	/* bindings name single-byte characters; a letter such as U+0109 must
	 * not be taken for the function key with the same number (KEY_F(1)) */
	if (!is_key && ch > 255)
		return;
	r = keymap_lookup(&t->cfg.keys, v->ops->keymap, (int)ch);
	if (r != REQ_NONE)
		dispatch(t, r);
}

/*
 * The session
 */

static int
start_terminal(struct tui *t)
{
	const char *term = getenv("TERM"), *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	t->st.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		out_error("the interface needs a terminal; for pipes use 'redline log' or 'redline diff'");
		return -1;
	}
	/* a terminal that cannot place the cursor (TERM=dumb, an editor's
	 * shell buffer) would get a garbled screen: say so instead */
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		out_error("terminal '%s' cannot show the interface; set TERM (e.g. xterm-256color), or use "
			  "'redline log' and 'redline diff'", term && *term ? term : "(unset)");
		return -1;
	}
	have_saved_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	t->screen = newterm(NULL, stdout, stdin);
	if (!t->screen) {
		out_error("cannot use terminal '%s'", term);
		return -1;
	}
	set_term(t->screen);
	{
		const char *cup = tigetstr("cup");

		if (!cup || cup == (char *)-1 || !*cup) {
			endwin();
			delscreen(t->screen);
			t->screen = NULL;
			out_error("terminal '%s' cannot move the cursor, so it cannot show the interface; "
				  "use 'redline log' and 'redline diff'", term);
			return -1;
		}
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	/* the mouse only where the terminal itself reports it (xterm's
	 * protocol); on the Linux console ncurses would load and keep gpm,
	 * which the mouse is not worth */
	{
		const char *kmous = tigetstr("kmous");

		if (kmous && kmous != (char *)-1 && *kmous && strncmp(termname(), "linux", 5) != 0) {
			mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
				  | BUTTON5_PRESSED
#endif
				  , NULL);
			mouseinterval(0);
			t->mouse = 1;
		}
	}
	t->codes.up = KEY_UP;
	t->codes.down = KEY_DOWN;
	t->codes.left = KEY_LEFT;
	t->codes.right = KEY_RIGHT;
	t->codes.ppage = KEY_PPAGE;
	t->codes.npage = KEY_NPAGE;
	t->codes.home = KEY_HOME;
	t->codes.end = KEY_END;
	t->codes.enter = KEY_ENTER;
	t->codes.f1 = KEY_F(1);
	t->codes.resize = KEY_RESIZE;
	t->codes.backspace = KEY_BACKSPACE;
	return 0;
}

static void
stop_terminal(struct tui *t)
{
	if (!t->screen)
		return;
	curs_set(1);
	endwin();
	delscreen(t->screen);
	t->screen = NULL;
}

/* The terminal changed size: tell curses, then lay the views out again. */
static void
apply_winch(struct tui *t)
{
	struct winsize ws;

	caught_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	resize(t);
}

/* Block until a key or a signal is there. */
static void
wait_for_input(void)
{
	struct pollfd fds[2];
	char buf[64];

	fds[0].fd = STDIN_FILENO;
	fds[0].events = POLLIN;
	fds[1].fd = wake_pipe[0];
	fds[1].events = POLLIN;
	if (poll(fds, wake_pipe[0] >= 0 ? 2 : 1, -1) > 0 && (fds[1].revents & POLLIN)) {
		while (read(wake_pipe[0], buf, sizeof(buf)) > 0)
			;
	}
}

/* Mark the loop working, unless a signal came while it was not: the
 * handler then only recorded it, so leave now rather than start work. The
 * order (set, then look) leaves no moment where a signal is missed. */
static int
begin_work(void)
{
	working = 1;
	if (caught_signal) {
		working = 0;
		return 0;
	}
	return 1;
}

static void
run_loop(struct tui *t)
{
	/* something happened since the last sync byte: the start counts */
	int changed = 1;

	nodelay(stdscr, TRUE);
	while (!t->quit && !caught_signal) {
		struct view *v = top_view(t);
		int busy = v && v->busy && v->ops->idle && !t->prompting;
		wint_t ch;
		int rc;

		if (caught_winch) {
			apply_winch(t);
			changed = 1;
			continue;
		}
		draw(t);
		/* the benchmark measures the time to the first screen */
		if (t->first_frame_exit) {
			t->quit = 1;
			break;
		}
		/* every key already typed is handled before anything else */
		rc = wget_wch(stdscr, &ch);
		if (rc != ERR) {
			if (!begin_work())
				break;
			handle_key(t, rc == KEY_CODE_YES, ch);
			working = 0;
			changed = 1;
			continue;
		}
		if (busy) {
			if (!begin_work())
				break;
			v->ops->idle(v, t);
			working = 0;
			changed = 1;
			continue;
		}
		if (caught_winch || caught_signal)
			continue;
		/* a wake-up that brought no key (a terminal's reply) is not idle again */
		if (changed)
			sync_notify(t);
		changed = 0;
		wait_for_input();
	}
	if (caught_signal)
		t->exit_code = 128 + caught_signal;
}

/* The parser's warnings on two versions given on the command line go to
 * the status line, not to a terminal about to be taken over. */
static void
pair_warnings(struct tui *t, const struct source *a, const struct source *b)
{
	const struct source *s = a->res.nwarnings ? a : b;
	size_t n = a->res.nwarnings + a->res.warnings_dropped + b->res.nwarnings + b->res.warnings_dropped;
	struct sbuf msg = SBUF_INIT;

	if (!n || !s->res.nwarnings)
		return;
	sbuf_adds(&msg, "warning: ");
	utf8_sanitize(&msg, s->res.warnings[0], strlen(s->res.warnings[0]), 0);
	if (n > 1)
		sbuf_printf(&msg, " (and %zu more: redline parse shows them)", n - 1);
	tui_message(t, 0, "%s", msg.buf);
	sbuf_release(&msg);
}

int
tui_run(const struct tui_args *a)
{
	struct tui t;
	struct rl_error err, list_err;
	struct store_series *series = NULL;
	size_t nseries = 0;
	int bad, pair = a->old && a->new_, listed = 0;

	memset(&t, 0, sizeof(t));
	t.store = a->store;
	t.index = a->index;
	t.sync_fd = -1;
#ifdef REDLINE_TEST_HOOKS
	/*
	 * Only in the test build (tests/redline-hooks): a byte to the terminal
	 * tests' pipe at each idle moment, and leaving once the first screen is
	 * drawn, for the benchmark. src/redline, the program people run, has
	 * neither: an inherited variable must not make it write to a
	 * descriptor it does not own, nor quit.
	 */
	{
		const char *fd = getenv("REDLINE_TEST_SYNC_FD");

		t.sync_fd = fd && *fd ? atoi(fd) : -1;
		t.first_frame_exit = getenv("REDLINE_BENCH_FIRST_SCREEN") != NULL;
	}
#endif
	/* a series named with -- PATH needs no look at the others, and two
	 * versions given need no repository at all */
	if (!pair && !a->path && (listed = store_list_series(a->store, &series, &nseries, &list_err)) != 0 &&
	    (listed < 0 || nseries == 0)) {
		/* nothing to show but the file that could not be read */
		out_error("%s", list_err.msg);
		store_series_free(series, nseries);
		return TUI_TROUBLE;
	}
	if (!pair && !a->path && nseries == 0) {
		out_error("no resolution in repository '%s'", store_path(a->store));
		store_series_free(series, nseries);
		return TUI_TROUBLE;
	}
	if (start_terminal(&t) < 0) {
		store_series_free(series, nseries);
		return TUI_TROUBLE;
	}
	remember_restore_sequence(t.mouse);
	install_signals();
	strike_setup(&t);
	ui_config_init(&t.cfg, &t.codes);
	bad = ui_config_load(&t.cfg, &t.codes, &err);
	t.st.side_by_side = t.cfg.side_by_side;
	t.st.wrap = t.cfg.wrap;
	setup_colors(&t);
	t.markers_auto = t.cfg.markers < 0;
	/* without colour, words still need a visible mark */
	t.st.markers = t.cfg.markers < 0 ? !t.st.color : t.cfg.markers;
	getmaxyx(stdscr, t.st.rows, t.st.cols);
	t.st.content_rows = t.st.rows - 2;
	if (bad)
		tui_message(&t, 1, "%s", err.msg);
	else if (listed)
		/* a file that could not be read: the series that could are shown */
		tui_message(&t, 1, "%s", list_err.msg);
	else if (pair)
		pair_warnings(&t, a->old, a->new_);
	/* the first view's work (a whole comparison for a pair) is work too */
	working = 1;
	if (pair)
		tui_push(&t, view_diff_new(&t, a->old, a->new_, NULL));
	else if (a->path)
		tui_push(&t, view_versions_new(&t, a->path));
	else if (nseries == 1)
		tui_push(&t, view_versions_new(&t, series[0].path));
	else
		tui_push(&t, view_series_new(&t));
	working = 0;
	store_series_free(series, nseries);
	run_loop(&t);
	close_wake_pipe();
	while (t.depth)
		view_free(t.stack[--t.depth]);
	stop_terminal(&t);
	ui_config_release(&t.cfg);
	sbuf_release(&t.prompt);
	free(t.search);
	free(t.strikes);
	return t.exit_code;
}
