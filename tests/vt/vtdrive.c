/*
 * vtdrive: drive a full-screen program in a pseudo-terminal and read its
 * screen back through libvterm.  See tests/vt/README for the script
 * language.
 *
 *   vtdrive [--size COLSxROWS] [--term TERM] [--env NAME=VALUE]...
 *           [--timeout SECONDS] [--allow-running] [--trace FILE]
 *           [--stderr FILE] --out DIR --script FILE -- PROGRAM [ARGS...]
 *
 * Synchronisation never sleeps: the program gets REDLINE_TEST_SYNC_FD, the
 * write end of a pipe, and writes one byte to it whenever it is idle
 * (input handled, doupdate() done, about to wait for input).  After each
 * input the harness polls the pty master and the pipe until that byte
 * arrives, then reads the master until EAGAIN.  A Linux pty read flushes
 * the tty buffer work queued by the program's writes before it reports
 * EAGAIN, so everything written before the sync byte is seen.
 *
 * Exit status: 0 when every directive passed, 1 on a failure (one line
 * "vtdrive: SCRIPT:LINE: what failed" and a screen dump on stderr), 2 on a
 * usage or script syntax error.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* forkpty, pipe2, sigabbrev_np */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#define MAX_DIM 1000

/* ---------------------------------------------------------------- utils */

static void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q) {
		fputs("vtdrive: out of memory\n", stderr);
		abort();
	}
	return q;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xrealloc(NULL, n);

	memcpy(p, s, n);
	return p;
}

/* A growable byte string, always NUL-terminated once anything is added. */
struct buf {
	char *p;
	size_t len, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (b->len + n + 1 > cap)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

static void
buf_addu(struct buf *b, uint32_t c)
{
	char u[4];

	if (c < 0x80) {
		u[0] = (char)c;
		buf_add(b, u, 1);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 3);
	} else if (c <= 0x10ffff) {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 4);
	} else {
		buf_add(b, "\xef\xbf\xbd", 3);	/* U+FFFD */
	}
}

static void
buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* Decodes one UTF-8 character; returns its length, or 0 if invalid. */
static size_t
utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	uint32_t c, min;

	if (u[0] < 0x80) {
		*cp = u[0];
		return u[0] ? 1 : 0;
	} else if ((u[0] & 0xe0) == 0xc0) {
		n = 2, c = u[0] & 0x1f, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3, c = u[0] & 0x0f, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Parses a decimal integer in [lo, hi]; returns false if it is not one. */
static bool
parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	if (!*s || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Parses "COLSxROWS". */
static bool
parse_size(const char *s, int *cols, int *rows)
{
	char tmp[32];
	char *x;

	if (strlen(s) >= sizeof tmp)
		return false;
	strcpy(tmp, s);
	x = strchr(tmp, 'x');
	if (!x)
		return false;
	*x = '\0';
	return parse_int(tmp, 1, MAX_DIM, cols) &&
	    parse_int(x + 1, 1, MAX_DIM, rows);
}

/* ------------------------------------------------------------ the script */

enum step_kind {
	S_SYNC, S_KEY, S_SEND, S_TYPE, S_RESIZE, S_MOUSE, S_SIGNAL, S_DUMP,
	S_WAIT_FOR, S_EXPECT, S_EXPECT_NOT, S_EXPECT_ATTR, S_EXPECT_STYLE, S_EXPECT_EXIT
};

enum input_kind {
	IN_CHAR,	/* vterm_keyboard_unichar */
	IN_KEY,		/* vterm_keyboard_key */
	IN_BYTE		/* one raw byte (control characters) */
};

struct input {
	enum input_kind kind;
	uint32_t ch;
	VTermKey key;
	VTermModifier mod;
	char token[24];		/* as written, for messages */
};

enum mouse_kind { M_WHEEL_UP, M_WHEEL_DOWN, M_CLICK };

struct step {
	enum step_kind kind;
	int line;
	char *text;		/* owned: expect text, dump name */
	struct input *in;	/* owned: key, type */
	size_t nin;
	int a, b;		/* resize: cols rows; mouse: col row;
				   expect-attr: row col; expect-exit: status;
				   signal: number */
	int mouse;		/* enum mouse_kind */
	char code;		/* expect-attr */
};

static const struct {
	const char *name;
	VTermKey key;
	VTermModifier mod;
	uint32_t ch;		/* when key == VTERM_KEY_NONE */
} named_keys[] = {
	{ "Enter", VTERM_KEY_ENTER, VTERM_MOD_NONE, 0 },
	{ "Esc", VTERM_KEY_ESCAPE, VTERM_MOD_NONE, 0 },
	{ "Tab", VTERM_KEY_TAB, VTERM_MOD_NONE, 0 },
	{ "S-Tab", VTERM_KEY_TAB, VTERM_MOD_SHIFT, 0 },
	{ "BS", VTERM_KEY_BACKSPACE, VTERM_MOD_NONE, 0 },
	{ "Up", VTERM_KEY_UP, VTERM_MOD_NONE, 0 },
	{ "Down", VTERM_KEY_DOWN, VTERM_MOD_NONE, 0 },
	{ "Left", VTERM_KEY_LEFT, VTERM_MOD_NONE, 0 },
	{ "Right", VTERM_KEY_RIGHT, VTERM_MOD_NONE, 0 },
	{ "PgUp", VTERM_KEY_PAGEUP, VTERM_MOD_NONE, 0 },
	{ "PgDn", VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE, 0 },
	{ "Home", VTERM_KEY_HOME, VTERM_MOD_NONE, 0 },
	{ "End", VTERM_KEY_END, VTERM_MOD_NONE, 0 },
	{ "Ins", VTERM_KEY_INS, VTERM_MOD_NONE, 0 },
	{ "Del", VTERM_KEY_DEL, VTERM_MOD_NONE, 0 },
	{ "Space", VTERM_KEY_NONE, VTERM_MOD_NONE, ' ' },
	{ "lt", VTERM_KEY_NONE, VTERM_MOD_NONE, '<' },
};

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "INT", SIGINT }, { "TERM", SIGTERM }, { "HUP", SIGHUP },
	{ "QUIT", SIGQUIT }, { "KILL", SIGKILL }, { "USR1", SIGUSR1 },
	{ "USR2", SIGUSR2 }, { "SEGV", SIGSEGV }, { "ABRT", SIGABRT },
};

static const char *script_path = "-";
static struct step *steps;
static size_t nsteps;

static void
free_steps(void)
{
	for (size_t i = 0; i < nsteps; i++) {
		free(steps[i].text);
		free(steps[i].in);
	}
	free(steps);
	steps = NULL;
	nsteps = 0;
}

static void syntax_error(int line, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

static void
syntax_error(int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vtdrive: %s:%d: ", script_path, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	free_steps();
	exit(2);
}

static void
add_input(struct step *st, struct input in)
{
	st->in = xrealloc(st->in, (st->nin + 1) * sizeof *st->in);
	st->in[st->nin++] = in;
}

static struct input
parse_key_token(const char *tok, int line)
{
	struct input in;
	size_t len = strlen(tok);
	uint32_t c;

	memset(&in, 0, sizeof in);
	snprintf(in.token, sizeof in.token, "%s", tok);
	if (len >= 3 && tok[0] == '<' && tok[len - 1] == '>') {
		char name[16];

		if (len - 2 >= sizeof name)
			syntax_error(line, "unknown key '%s'", tok);
		memcpy(name, tok + 1, len - 2);
		name[len - 2] = '\0';
		for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
			if (strcasecmp(name, named_keys[i].name) != 0)
				continue;
			in.kind = named_keys[i].key == VTERM_KEY_NONE ?
			    IN_CHAR : IN_KEY;
			in.key = named_keys[i].key;
			in.mod = named_keys[i].mod;
			in.ch = named_keys[i].ch;
			return in;
		}
		if ((name[0] == 'F' || name[0] == 'f') && name[1]) {
			int n;

			if (parse_int(name + 1, 1, 12, &n)) {
				in.kind = IN_KEY;
				in.key = (VTermKey)VTERM_KEY_FUNCTION(n);
				return in;
			}
		}
		if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
		    name[2] && !name[3]) {
			char l = name[2];

			if (l >= 'A' && l <= 'Z')
				l = (char)(l - 'A' + 'a');
			/* C-\\ is 0x1c, which raises SIGQUIT */
			if (l == '\\') {
				in.kind = IN_BYTE;
				in.ch = 0x1c;
				return in;
			}
			if (l >= 'a' && l <= 'z') {
				/*
				 * xterm sends the C0 byte for Ctrl+letter.
				 * libvterm 0.1.4 would encode C-i, C-j and C-m
				 * as "CSI 105;5u", which curses does not know.
				 * Control bytes do not depend on the
				 * terminal's modes, so send the byte itself.
				 */
				in.kind = IN_BYTE;
				in.ch = (uint32_t)(l & 0x1f);
				return in;
			}
		}
		syntax_error(line, "unknown key '%s'", tok);
	}
	if (utf8_decode(tok, &c) != len)
		syntax_error(line, "'%s' is not one key (name keys like "
		    "<Enter>, or use 'type' for text)", tok);
	in.kind = IN_CHAR;
	in.ch = c;
	return in;
}

/* Splits s in place on blanks; returns the number of words (at most max). */
static size_t
split_words(char *s, char **w, size_t max)
{
	size_t n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return n;
		if (n == max)
			return max + 1;
		w[n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (*s)
			*s++ = '\0';
	}
}

static void
parse_line(char *s, int line)
{
	struct step st;
	char *name, *rest, *w[8];

	memset(&st, 0, sizeof st);
	st.line = line;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s || *s == '#')
		return;
	name = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';	/* exactly one separator: the rest is verbatim */
	rest = s;

	if (!strcmp(name, "sync")) {
		st.kind = S_SYNC;
		if (split_words(rest, w, 0))
			syntax_error(line, "sync takes no argument");
	} else if (!strcmp(name, "key") || !strcmp(name, "send")) {
		/* send: the same keys, not waiting for a sync byte, for a
		 * program that cannot send one (redline at the far end of ssh) */
		st.kind = name[0] == 'k' ? S_KEY : S_SEND;
		if (!rest[strspn(rest, " \t")])
			syntax_error(line, "key needs at least one key");
		for (char *p = rest;;) {
			char *tok;

			while (*p == ' ' || *p == '\t')
				p++;
			if (!*p)
				break;
			tok = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
			if (*p)
				*p++ = '\0';
			add_input(&st, parse_key_token(tok, line));
		}
	} else if (!strcmp(name, "type")) {
		st.kind = S_TYPE;
		if (!*rest)
			syntax_error(line, "type needs some text");
		for (const char *p = rest; *p;) {
			struct input in;
			size_t n;

			memset(&in, 0, sizeof in);
			n = utf8_decode(p, &in.ch);
			if (!n)
				syntax_error(line, "invalid UTF-8 in the text");
			memcpy(in.token, p, n);
			in.kind = IN_CHAR;
			add_input(&st, in);
			p += n;
		}
	} else if (!strcmp(name, "resize")) {
		st.kind = S_RESIZE;
		if (split_words(rest, w, 1) != 1 ||
		    !parse_size(w[0], &st.a, &st.b))
			syntax_error(line, "usage: resize COLSxROWS");
	} else if (!strcmp(name, "mouse")) {
		st.kind = S_MOUSE;
		if (split_words(rest, w, 3) != 3 ||
		    !parse_int(w[1], 1, MAX_DIM, &st.a) ||
		    !parse_int(w[2], 1, MAX_DIM, &st.b))
			syntax_error(line, "usage: mouse wheel-up|wheel-down|click COL ROW");
		if (!strcmp(w[0], "wheel-up"))
			st.mouse = M_WHEEL_UP;
		else if (!strcmp(w[0], "wheel-down"))
			st.mouse = M_WHEEL_DOWN;
		else if (!strcmp(w[0], "click"))
			st.mouse = M_CLICK;
		else
			syntax_error(line, "unknown mouse event '%s'", w[0]);
	} else if (!strcmp(name, "signal")) {
		const char *sn;

		st.kind = S_SIGNAL;
		if (split_words(rest, w, 1) != 1)
			syntax_error(line, "usage: signal INT|TERM|HUP");
		sn = strncmp(w[0], "SIG", 3) ? w[0] : w[0] + 3;
		for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
			if (!strcmp(sn, signals[i].name))
				st.a = signals[i].sig;
		if (!st.a)
			syntax_error(line, "unknown signal '%s'", w[0]);
	} else if (!strcmp(name, "dump")) {
		st.kind = S_DUMP;
		if (split_words(rest, w, 1) != 1 || w[0][0] == '.' ||
		    strspn(w[0], "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(w[0]))
			syntax_error(line, "usage: dump NAME (letters, digits, . _ -)");
		st.text = xstrdup(w[0]);
	} else if (!strcmp(name, "wait-for")) {
		st.kind = S_WAIT_FOR;
		if (!*rest)
			syntax_error(line, "wait-for needs some text");
		st.text = xstrdup(rest);
	} else if (!strcmp(name, "expect") || !strcmp(name, "expect-not")) {
		st.kind = name[6] ? S_EXPECT_NOT : S_EXPECT;
		if (!*rest)
			syntax_error(line, "%s needs some text", name);
		st.text = xstrdup(rest);
	} else if (!strcmp(name, "expect-attr")) {
		st.kind = S_EXPECT_ATTR;
		if (split_words(rest, w, 3) != 3 ||
		    !parse_int(w[0], 1, MAX_DIM, &st.a) ||
		    !parse_int(w[1], 1, MAX_DIM, &st.b) ||
		    strlen(w[2]) != 1 || !strchr("RBU+-C.", w[2][0]))
			syntax_error(line, "usage: expect-attr ROW COL CODE "
			    "(CODE one of R B U + - C .)");
		st.code = w[2][0];
	} else if (!strcmp(name, "expect-style")) {
		size_t n, i, len = 0;
		char *copy = xstrdup(rest);
		int v;

		st.kind = S_EXPECT_STYLE;
		n = split_words(copy, w, 8);
		if (n < 3 || n > 8 || !parse_int(w[0], 1, MAX_DIM, &st.a) ||
		    !parse_int(w[1], 1, MAX_DIM, &st.b))
			syntax_error(line, "usage: expect-style ROW COL STYLE... "
			    "(strike, no-strike, fg=N, fg=default)");
		st.text = xrealloc(NULL, strlen(rest) + 1);
		for (i = 2; i < n; i++) {
			if (strcmp(w[i], "strike") && strcmp(w[i], "no-strike") &&
			    strcmp(w[i], "fg=default") &&
			    (strncmp(w[i], "fg=", 3) || !parse_int(w[i] + 3, 0, 255, &v)))
				syntax_error(line, "unknown style '%s' (strike, "
				    "no-strike, fg=N, fg=default)", w[i]);
			len += (size_t)sprintf(st.text + len, "%s%s", i > 2 ? " " : "", w[i]);
		}
		free(copy);
	} else if (!strcmp(name, "expect-exit")) {
		st.kind = S_EXPECT_EXIT;
		if (split_words(rest, w, 1) != 1 ||
		    !parse_int(w[0], 0, 255, &st.a))
			syntax_error(line, "usage: expect-exit STATUS (0-255)");
	} else {
		syntax_error(line, "unknown directive '%s'", name);
	}
	steps = xrealloc(steps, (nsteps + 1) * sizeof *steps);
	steps[nsteps++] = st;
}

static void
parse_script(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0;

	if (!f) {
		fprintf(stderr, "vtdrive: cannot open script '%s': %s\n",
		    path, strerror(errno));
		exit(2);
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (strlen(line) != (size_t)n) {
			free(line);
			fclose(f);
			syntax_error(lineno, "NUL byte in the script");
		}
		parse_line(line, lineno);
	}
	free(line);
	fclose(f);
}

/* ----------------------------------------------------------- the driver */

static struct {
	VTerm *vt;
	VTermScreen *vs;
	int rows, cols;
	int master;		/* pty master, non-blocking */
	int sync_fd;		/* read end of the sync pipe, non-blocking */
	pid_t pid;
	bool reaped;
	int wstatus;
	bool pty_closed;	/* read() gave EIO or EOF: no slave left */
	bool sync_closed;	/* the sync pipe gave EOF */
	bool altscreen, cursor_visible;
	int mouse_mode;		/* VTERM_PROP_MOUSE_* */
	struct buf out;		/* bytes from libvterm for the program */
	struct buf carry;	/* an incomplete escape sequence, see vt_input */
	FILE *trace;
	int64_t timeout_ms;
	const char *timeout_arg;
	const char *outdir;
	int line;		/* script line being run, for messages */
} D = { .master = -1, .sync_fd = -1, .pid = -1 };

static void cleanup(void);
static void dump_stderr(bool attrs);

static void fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static void
fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vtdrive: %s:%d: ", script_path, D.line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	dump_stderr(false);
	cleanup();
	exit(1);
}

static void
trace_bytes(const char *dir, const char *s, size_t n)
{
	if (!D.trace)
		return;
	fprintf(D.trace, "%s \"", dir);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || c == '"')
			fprintf(D.trace, "\\%c", c);
		else if (c == '\n')
			fputs("\\n\"\n  \"", D.trace);
		else if (c < 0x20 || c == 0x7f)
			fprintf(D.trace, "\\%03o", c);
		else
			fputc(c, D.trace);
	}
	fputs("\"\n", D.trace);
	fflush(D.trace);
}

static const char *
status_text(int st)
{
	static char buf[96];

	if (WIFEXITED(st)) {
		snprintf(buf, sizeof buf, "exit status %d", WEXITSTATUS(st));
	} else if (WIFSIGNALED(st)) {
		const char *abbrev = sigabbrev_np(WTERMSIG(st));

		snprintf(buf, sizeof buf, "killed by signal %d (SIG%s)%s",
		    WTERMSIG(st), abbrev ? abbrev : "?",
		    WCOREDUMP(st) ? ", core dumped" : "");
	} else {
		snprintf(buf, sizeof buf, "wait status 0x%x", (unsigned)st);
	}
	return buf;
}

/*
 * Reaps the child.  After the pty closes, waitpid() may still report
 * nothing for a moment (RECIPES §4): this is the one place that retries
 * with short sleeps.
 */
static bool
reap(int64_t deadline)
{
	while (!D.reaped) {
		pid_t r = waitpid(D.pid, &D.wstatus, WNOHANG);

		if (r == D.pid) {
			D.reaped = true;
			break;
		}
		if (r < 0 && errno != EINTR) {
			D.reaped = true;	/* ECHILD: nothing to wait for */
			D.wstatus = 0;
			break;
		}
		if (now_ms() >= deadline)
			return false;
		sleep_ms(5);
	}
	return true;
}

/* libvterm's output callback: key encodings and replies to queries. */
static void
on_output(const char *s, size_t len, void *user)
{
	(void)user;
	buf_add(&D.out, s, len);
}

static int
on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	(void)user;
	switch (prop) {
	case VTERM_PROP_ALTSCREEN:
		D.altscreen = val->boolean;
		break;
	case VTERM_PROP_CURSORVISIBLE:
		D.cursor_visible = val->boolean;
		break;
	case VTERM_PROP_MOUSE:
		D.mouse_mode = val->number;
		break;
	default:
		break;
	}
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
	.settermprop = on_settermprop,
};

static bool read_chunk(void);

/* Sends what libvterm produced to the program. */
static void
send_pending(void)
{
	size_t off = 0;
	int64_t deadline = now_ms() + D.timeout_ms;

	while (off < D.out.len && !D.pty_closed) {
		ssize_t n = write(D.master, D.out.p + off, D.out.len - off);

		if (n > 0) {
			trace_bytes(">", D.out.p + off, (size_t)n);
			off += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			/* The program is not reading: keep reading its output
			 * meanwhile, in case it is blocked writing to us. */
			struct pollfd p = { D.master, POLLIN | POLLOUT, 0 };
			int64_t left = deadline - now_ms();

			if (left <= 0)
				fail("timed out after %s s writing to the terminal",
				    D.timeout_arg);
			if (poll(&p, 1, (int)left) > 0 &&
			    (p.revents & (POLLIN | POLLHUP | POLLERR)))
				read_chunk();
		} else {
			D.pty_closed = true;	/* EIO: the program is gone */
		}
	}
	D.out.len = 0;
}

/*
 * Feeds the program's output to libvterm.  libvterm 0.1.4 applies only the
 * first mode of a DEC private mode set or reset that lists several, and
 * ncurses enables the mouse with "CSI ? 1006 ; 1000 h" (upstream fixed
 * this after 0.3.3: "Permit DECSM/DECRM on multiple mode arguments").  So
 * such sequences are split into one per mode first.  An incomplete
 * "CSI ?" sequence at the end of a read waits for the next read, unless
 * this is the last data (at_end).
 */
static void
vt_input(const char *s, size_t n, bool at_end)
{
	static const char csi_q[] = "\033[?";
	struct buf in = { 0 }, out = { 0 };
	size_t i = 0;

	buf_add(&in, D.carry.len ? D.carry.p : "", D.carry.len);
	buf_add(&in, s ? s : "", n);
	D.carry.len = 0;
	while (i < in.len) {
		const char *esc = memchr(in.p + i, '\033', in.len - i);
		size_t j, k;

		if (!esc) {
			buf_add(&out, in.p + i, in.len - i);
			break;
		}
		k = (size_t)(esc - in.p);
		buf_add(&out, in.p + i, k - i);
		i = k;
		for (j = i + 1; j < in.len && j < i + 3; j++)
			if (in.p[j] != csi_q[j - i])
				break;
		if (j < i + 3 && j < in.len) {	/* some other escape */
			buf_addc(&out, in.p[i++]);
			continue;
		}
		while (j < in.len && ((in.p[j] >= '0' && in.p[j] <= '9') ||
		    in.p[j] == ';'))
			j++;
		if (j == in.len) {		/* incomplete */
			if (!at_end && j - i < 64) {
				buf_add(&D.carry, in.p + i, j - i);
			} else {
				buf_add(&out, in.p + i, j - i);
			}
			break;
		}
		if ((in.p[j] == 'h' || in.p[j] == 'l') &&
		    memchr(in.p + i + 3, ';', j - i - 3)) {
			for (size_t p = i + 3, q; p < j; p = q + 1) {
				for (q = p; q < j && in.p[q] != ';'; q++)
					;
				if (q == p)
					continue;
				buf_add(&out, csi_q, 3);
				buf_add(&out, in.p + p, q - p);
				buf_addc(&out, in.p[j]);
			}
		} else {
			buf_add(&out, in.p + i, j + 1 - i);
		}
		i = j + 1;
	}
	if (out.len)
		vterm_input_write(D.vt, out.p, out.len);
	buf_release(&in);
	buf_release(&out);
}

/*
 * Reads one chunk from the master into libvterm.  Returns false when
 * there is nothing more to read right now (EAGAIN) or ever (pty closed).
 */
static bool
read_chunk(void)
{
	static char buf[65536];
	ssize_t n;

	if (D.pty_closed)
		return false;
	n = read(D.master, buf, sizeof buf);
	if (n > 0) {
		trace_bytes("<", buf, (size_t)n);
		vt_input(buf, (size_t)n, false);
		return true;
	}
	if (n < 0 && errno == EINTR)
		return true;
	if (n < 0 && errno == EAGAIN)
		return false;
	/* EOF or EIO: every copy of the slave side is closed. */
	D.pty_closed = true;
	vt_input(NULL, 0, true);
	return false;
}

/* Reads everything the program has written so far into libvterm. */
static void
drain_pty(void)
{
	while (read_chunk())
		;
	vterm_screen_flush_damage(D.vs);
	if (D.out.len)
		send_pending();	/* answers to terminal queries */
}

/*
 * Waits for one sync byte, then drains the pty.  When the program exits
 * instead (the sync pipe reaches EOF) this fails, unless exit_ok.
 * Returns false if the program exited.
 */
static bool
wait_sync(const char *after, bool exit_ok)
{
	int64_t deadline = now_ms() + D.timeout_ms;

	for (;;) {
		struct pollfd p[2];
		int64_t left;
		char c;
		ssize_t n = D.sync_closed ? 0 : read(D.sync_fd, &c, 1);

		if (n == 1) {
			drain_pty();
			return true;
		}
		if (n == 0) {
			D.sync_closed = true;
			if (exit_ok)
				return false;
			/* Let the last output and the exit status arrive. */
			while (!D.pty_closed && now_ms() < deadline) {
				struct pollfd q = { D.master, POLLIN, 0 };

				drain_pty();
				if (!D.pty_closed)
					poll(&q, 1, (int)(deadline - now_ms()));
			}
			drain_pty();
			if (reap(deadline))
				fail("the program exited (%s) while waiting for it "
				    "to become idle after %s", status_text(D.wstatus),
				    after);
			fail("the program closed the sync fd while waiting for "
			    "it to become idle after %s", after);
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			fail("reading the sync pipe: %s", strerror(errno));

		left = deadline - now_ms();
		if (left <= 0)
			fail("timed out after %s s waiting for the program to "
			    "become idle after %s (does it write a byte to "
			    "REDLINE_TEST_SYNC_FD?)", D.timeout_arg, after);
		p[0].fd = D.sync_fd;
		p[0].events = POLLIN;
		p[1].fd = D.pty_closed ? -1 : D.master;
		p[1].events = POLLIN;
		p[0].revents = p[1].revents = 0;
		if (poll(p, 2, (int)left) < 0 && errno != EINTR)
			fail("poll: %s", strerror(errno));
		if (p[1].revents)
			drain_pty();
	}
}

/*
 * Before sending input: the program must be idle, with no sync byte
 * left over (one byte per input, no more).
 */
static void
check_idle(void)
{
	char junk[64];
	ssize_t n;

	if (D.sync_closed || D.reaped)
		fail("the program has already exited");
	n = read(D.sync_fd, junk, sizeof junk);
	if (n > 0)
		fail("the program signalled idle %zd more time(s) than it was "
		    "sent input (it must write one sync byte per input; "
		    "start the script with 'sync')", n);
	if (n == 0)
		fail("the program has exited (its sync fd is closed)");
	drain_pty();
}

/* --------------------------------------------------------- the screen */

enum { FG_DEFAULT, FG_GREEN, FG_RED, FG_OTHER };

static int
fg_class(VTermColor c)
{
	int r, g, b;

	if (VTERM_COLOR_IS_DEFAULT_FG(&c))
		return FG_DEFAULT;
	if (VTERM_COLOR_IS_INDEXED(&c)) {
		switch (c.indexed.idx) {
		case 2: case 10:
			return FG_GREEN;
		case 1: case 9:
			return FG_RED;
		default:
			if (c.indexed.idx < 16)
				return FG_OTHER;
		}
		vterm_screen_convert_color_to_rgb(D.vs, &c);
	}
	r = c.rgb.red, g = c.rgb.green, b = c.rgb.blue;
	if (g >= 0x50 && g - (r > b ? r : b) >= 0x28)
		return FG_GREEN;
	if (r >= 0x50 && r - (g > b ? g : b) >= 0x28)
		return FG_RED;
	return FG_OTHER;
}

static char
cell_code(const VTermScreenCell *cell)
{
	int fg = fg_class(cell->fg);

	if (fg == FG_GREEN)
		return '+';
	if (fg == FG_RED)
		return '-';
	if (cell->attrs.reverse)
		return 'R';
	if (cell->attrs.bold)
		return 'B';
	if (cell->attrs.underline)
		return 'U';
	if (fg == FG_OTHER)
		return 'C';
	return '.';
}

static void
get_cell(int row, int col, VTermScreenCell *cell)
{
	VTermPos pos = { row, col };

	if (!vterm_screen_get_cell(D.vs, pos, cell))
		memset(cell, 0, sizeof *cell);
}

/* Appends row's text (wide characters once, combining marks kept). */
static void
row_text(int row, struct buf *b, bool trim)
{
	size_t start = b->len;

	for (int col = 0; col < D.cols; col++) {
		VTermScreenCell cell;

		get_cell(row, col, &cell);
		if (cell.chars[0] == 0 || cell.chars[0] > 0x10ffff) {
			buf_addc(b, ' ');
		} else {
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL &&
			    cell.chars[i]; i++)
				buf_addu(b, cell.chars[i]);
		}
		if (cell.width == 2)
			col++;
	}
	if (trim) {
		while (b->len > start && b->p[b->len - 1] == ' ')
			b->len--;
		if (b->p)
			b->p[b->len] = '\0';
	}
}

/* Appends row's attribute codes, one per cell. */
static void
row_attrs(int row, struct buf *b)
{
	for (int col = 0; col < D.cols; col++) {
		VTermScreenCell cell;
		char code;

		get_cell(row, col, &cell);
		code = cell_code(&cell);
		buf_addc(b, code);
		if (cell.width == 2 && col + 1 < D.cols) {
			buf_addc(b, code);
			col++;
		}
	}
}

static void
dump_stderr(bool attrs)
{
	struct buf b = { 0 };

	if (!D.vt)
		return;
	fprintf(stderr, "vtdrive: screen %dx%d (%s screen, cursor %s):\n",
	    D.cols, D.rows, D.altscreen ? "alternate" : "primary",
	    D.cursor_visible ? "visible" : "hidden");
	for (int r = 0; r < D.rows; r++) {
		b.len = 0;
		row_text(r, &b, true);
		fprintf(stderr, "%3d|%s\n", r + 1, b.len ? b.p : "");
	}
	if (attrs) {
		fputs("vtdrive: attributes:\n", stderr);
		for (int r = 0; r < D.rows; r++) {
			b.len = 0;
			row_attrs(r, &b);
			fprintf(stderr, "%3d|%s\n", r + 1, b.p);
		}
	}
	buf_release(&b);
}

static void
write_file(const char *name, const char *ext, const struct buf *b)
{
	struct buf path = { 0 };
	FILE *f;

	buf_add(&path, D.outdir, strlen(D.outdir));
	buf_addc(&path, '/');
	buf_add(&path, name, strlen(name));
	buf_add(&path, ext, strlen(ext));
	f = fopen(path.p, "w");
	if (!f || fwrite(b->p, 1, b->len, f) != b->len || fclose(f) != 0) {
		int e = errno;

		buf_release(&path);
		fail("cannot write '%s/%s%s': %s", D.outdir, name, ext,
		    strerror(e));
	}
	buf_release(&path);
}

static void
dump_files(const char *name)
{
	struct buf screen = { 0 }, attrs = { 0 };

	for (int r = 0; r < D.rows; r++) {
		row_text(r, &screen, true);
		buf_addc(&screen, '\n');
		row_attrs(r, &attrs);
		buf_addc(&attrs, '\n');
	}
	write_file(name, ".screen", &screen);
	write_file(name, ".attrs", &attrs);
	buf_release(&screen);
	buf_release(&attrs);
}

static bool
screen_contains(const char *text)
{
	struct buf b = { 0 };
	bool found = false;

	for (int r = 0; r < D.rows && !found; r++) {
		b.len = 0;
		row_text(r, &b, false);
		found = b.p && strstr(b.p, text);
	}
	buf_release(&b);
	return found;
}

/*
 * Reads the program's output until TEXT is on the screen, without a sync
 * byte: for a program that is busy (working, not idle) with its screen up.
 * Sync bytes sent meanwhile are consumed: the program is not sent input
 * before the next 'sync'.
 */
static void
wait_for_text(const char *text)
{
	int64_t deadline = now_ms() + D.timeout_ms;

	for (;;) {
		struct pollfd p = { D.master, POLLIN, 0 };
		int64_t left;

		drain_pty();
		if (screen_contains(text))
			return;
		left = deadline - now_ms();
		if (D.pty_closed || left <= 0)
			fail("timed out after %s s waiting for '%s' on the screen",
			    D.timeout_arg, text);
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			fail("poll: %s", strerror(errno));
	}
}

/* ------------------------------------------------------------- actions */

/* Encodes one key the way the terminal would in its current modes. */
static void
send_input(const struct input *in)
{
	switch (in->kind) {
	case IN_CHAR:
		vterm_keyboard_unichar(D.vt, in->ch, in->mod);
		break;
	case IN_KEY:
		vterm_keyboard_key(D.vt, in->key, in->mod);
		break;
	case IN_BYTE: {
		char c = (char)in->ch;

		buf_add(&D.out, &c, 1);
		break;
	}
	}
	send_pending();		/* one write() per key */
}

static bool
next_is_exit(size_t i)
{
	return i + 1 < nsteps && steps[i + 1].kind == S_EXPECT_EXIT;
}

static void
do_mouse(const struct step *st, bool exit_ok)
{
	static const char *names[] = { "wheel-up", "wheel-down", "click" };
	char what[64];

	if (st->a > D.cols || st->b > D.rows)
		fail("mouse position %d,%d is outside the %dx%d screen",
		    st->a, st->b, D.cols, D.rows);
	if (D.mouse_mode == VTERM_PROP_MOUSE_NONE)
		fail("the program has not enabled mouse reporting");
	vterm_mouse_move(D.vt, st->b - 1, st->a - 1, VTERM_MOD_NONE);
	switch (st->mouse) {
	case M_WHEEL_UP:
		vterm_mouse_button(D.vt, 4, true, VTERM_MOD_NONE);
		break;
	case M_WHEEL_DOWN:
		vterm_mouse_button(D.vt, 5, true, VTERM_MOD_NONE);
		break;
	default:
		vterm_mouse_button(D.vt, 1, true, VTERM_MOD_NONE);
		vterm_mouse_button(D.vt, 1, false, VTERM_MOD_NONE);
		break;
	}
	if (!D.out.len)
		fail("libvterm produced no mouse report");
	send_pending();		/* press and release in one write() */
	snprintf(what, sizeof what, "mouse %s %d %d", names[st->mouse],
	    st->a, st->b);
	wait_sync(what, exit_ok);
}

static void
do_resize(const struct step *st)
{
	struct winsize ws;
	char what[64];

	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)st->a;
	ws.ws_row = (unsigned short)st->b;
	vterm_set_size(D.vt, st->b, st->a);
	D.cols = st->a;
	D.rows = st->b;
	if (ioctl(D.master, TIOCSWINSZ, &ws) < 0)
		fail("TIOCSWINSZ: %s", strerror(errno));
	snprintf(what, sizeof what, "resize %dx%d", st->a, st->b);
	wait_sync(what, false);
}

/*
 * The line discipline's modes as the program left them: the pty was made
 * with the kernel's defaults (forkpty with no termios), so a program that
 * restored what it found leaves echo, canonical input, signals from keys
 * and CR/NL translation on. Without them the shell after it takes no
 * visible input, which is what "stty sane" is typed to repair. On Linux
 * the master reads the slave's modes, also once the slave is closed.
 */
static void
check_tty_modes(int st_)
{
	struct termios tm;
	char missing[128] = "";

	if (tcgetattr(D.master, &tm) < 0)
		fail("tcgetattr on the pty: %s", strerror(errno));
	if (!(tm.c_lflag & ECHO))
		strcat(missing, " echo");
	if (!(tm.c_lflag & ICANON))
		strcat(missing, " icanon");
	if (!(tm.c_lflag & ISIG))
		strcat(missing, " isig");
	if (!(tm.c_lflag & IEXTEN))
		strcat(missing, " iexten");
	if (!(tm.c_iflag & ICRNL))
		strcat(missing, " icrnl");
	if (!(tm.c_oflag & OPOST))
		strcat(missing, " opost");
	if (!(tm.c_oflag & ONLCR))
		strcat(missing, " onlcr");
	if (*missing)
		fail("the program exited (%s) without restoring the tty's "
		    "modes: off:%s", status_text(st_), missing);
}

static void
do_expect_exit(const struct step *st)
{
	int64_t deadline = now_ms() + D.timeout_ms;
	int st_;

	/* Feed the program's last output (endwin) to libvterm. */
	while (!D.pty_closed) {
		struct pollfd p = { D.master, POLLIN, 0 };
		int64_t left;

		drain_pty();
		if (D.pty_closed)
			break;
		left = deadline - now_ms();
		if (left <= 0)
			fail("timed out after %s s waiting for the program to "
			    "exit", D.timeout_arg);
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			fail("poll: %s", strerror(errno));
	}
	if (!reap(deadline))
		fail("the terminal closed but the program did not exit "
		    "within %s s", D.timeout_arg);
	st_ = D.wstatus;
	if (WIFEXITED(st_) && WEXITSTATUS(st_) != st->a)
		fail("expected exit status %d, got %d", st->a,
		    WEXITSTATUS(st_));
	if (WIFSIGNALED(st_) && 128 + WTERMSIG(st_) != st->a)
		fail("expected exit status %d, but the program was %s",
		    st->a, status_text(st_));
	if (D.altscreen || !D.cursor_visible)
		fail("the program exited (%s) without restoring the "
		    "terminal: %s%s%s", status_text(st_),
		    D.altscreen ? "still on the alternate screen" : "",
		    D.altscreen && !D.cursor_visible ? ", " : "",
		    !D.cursor_visible ? "cursor still hidden" : "");
	/* the shell would receive the mouse's reports as typed text */
	if (D.mouse_mode != VTERM_PROP_MOUSE_NONE)
		fail("the program exited (%s) with mouse reporting still on",
		    status_text(st_));
	check_tty_modes(st_);
}

static void
run_step(size_t i)
{
	const struct step *st = &steps[i];
	char what[64];

	D.line = st->line;
	switch (st->kind) {
	case S_SYNC:
		if (D.sync_closed || D.reaped)
			fail("the program has already exited");
		wait_sync("'sync'", next_is_exit(i));
		break;
	case S_KEY:
	case S_TYPE:
		for (size_t k = 0; k < st->nin; k++) {
			check_idle();
			send_input(&st->in[k]);
			snprintf(what, sizeof what, "%s '%s'",
			    st->kind == S_KEY ? "key" : "typing", st->in[k].token);
			if (!wait_sync(what, k + 1 == st->nin && next_is_exit(i)))
				break;
		}
		break;
	case S_SEND:
		for (size_t k = 0; k < st->nin; k++)
			send_input(&st->in[k]);
		break;
	case S_RESIZE:
		check_idle();
		do_resize(st);
		break;
	case S_MOUSE:
		check_idle();
		do_mouse(st, next_is_exit(i));
		break;
	case S_SIGNAL:
		if (D.reaped)
			fail("the program has already exited");
		if (kill(D.pid, st->a) < 0)
			fail("kill: %s", strerror(errno));
		break;
	case S_DUMP:
		drain_pty();
		dump_files(st->text);
		break;
	case S_WAIT_FOR:
		wait_for_text(st->text);
		break;
	case S_EXPECT:
		drain_pty();
		if (!screen_contains(st->text))
			fail("expected '%s' on the screen", st->text);
		break;
	case S_EXPECT_NOT:
		drain_pty();
		if (screen_contains(st->text))
			fail("did not expect '%s' on the screen", st->text);
		break;
	case S_EXPECT_STYLE: {
		VTermScreenCell cell;
		char *copy, *w[8];
		size_t n, k;

		drain_pty();
		if (st->a > D.rows || st->b > D.cols)
			fail("cell %d,%d is outside the %dx%d screen",
			    st->a, st->b, D.cols, D.rows);
		get_cell(st->a - 1, st->b - 1, &cell);
		copy = xstrdup(st->text);
		n = split_words(copy, w, 8);
		for (k = 0; k < n; k++) {
			const char *found = NULL;
			char have[32];

			if (!strcmp(w[k], "strike") && !cell.attrs.strike)
				found = "no strikethrough";
			else if (!strcmp(w[k], "no-strike") && cell.attrs.strike)
				found = "strikethrough";
			else if (!strncmp(w[k], "fg=", 3)) {
				if (VTERM_COLOR_IS_DEFAULT_FG(&cell.fg))
					snprintf(have, sizeof have, "fg=default");
				else if (VTERM_COLOR_IS_INDEXED(&cell.fg))
					snprintf(have, sizeof have, "fg=%d",
					    cell.fg.indexed.idx);
				else
					snprintf(have, sizeof have, "fg=#%02x%02x%02x",
					    cell.fg.rgb.red, cell.fg.rgb.green,
					    cell.fg.rgb.blue);
				if (strcmp(have, w[k]))
					found = have;
			}
			if (found) {
				fprintf(stderr, "vtdrive: %s:%d: expected %s at "
				    "row %d column %d, found %s\n", script_path,
				    D.line, w[k], st->a, st->b, found);
				free(copy);
				dump_stderr(true);
				cleanup();
				exit(1);
			}
		}
		free(copy);
		break;
	}
	case S_EXPECT_ATTR: {
		VTermScreenCell cell;
		int col = st->b - 1;
		char code;

		drain_pty();
		if (st->a > D.rows || st->b > D.cols)
			fail("cell %d,%d is outside the %dx%d screen",
			    st->a, st->b, D.cols, D.rows);
		/* The second half of a wide character has its first's code. */
		if (col > 0) {
			get_cell(st->a - 1, col - 1, &cell);
			if (cell.width == 2)
				col--;
		}
		get_cell(st->a - 1, col, &cell);
		code = cell_code(&cell);
		if (code != st->code) {
			fprintf(stderr, "vtdrive: %s:%d: expected attribute "
			    "'%c' at row %d column %d, found '%c'\n",
			    script_path, D.line, st->code, st->a, st->b, code);
			dump_stderr(true);
			cleanup();
			exit(1);
		}
		break;
	}
	case S_EXPECT_EXIT:
		do_expect_exit(st);
		break;
	}
}

/* ------------------------------------------------------------- startup */

struct opts {
	int cols, rows;
	const char *term;
	const char *stderr_path;
	const char **env;	/* NAME=VALUE */
	size_t nenv;
	bool allow_running;
	char **argv;		/* the program and its arguments */
};

static void usage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static void
usage(const char *fmt, ...)
{
	if (fmt) {
		va_list ap;

		fputs("vtdrive: ", stderr);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fputs("usage: vtdrive [--size COLSxROWS] [--term TERM] "
	    "[--env NAME=VALUE]...\n"
	    "               [--timeout SECONDS] [--allow-running] "
	    "[--trace FILE] [--stderr FILE]\n"
	    "               --out DIR --script FILE -- PROGRAM [ARGS...]\n",
	    stderr);
	exit(2);
}

static void
start_child(struct opts *o)
{
	struct winsize ws;
	int sync_pipe[2], err_pipe[2];
	int err = 0;
	ssize_t n;

	if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0) {
		fprintf(stderr, "vtdrive: pipe: %s\n", strerror(errno));
		exit(1);
	}
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)o->cols;
	ws.ws_row = (unsigned short)o->rows;
	D.pid = forkpty(&D.master, NULL, NULL, &ws);
	if (D.pid < 0) {
		fprintf(stderr, "vtdrive: forkpty: %s\n", strerror(errno));
		exit(1);
	}
	if (D.pid == 0) {
		static const int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP,
			SIGPIPE, SIGCHLD, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU };
		char num[16];
		sigset_t none;

		/* A clean start: a test run from "cmd &" has SIGINT ignored. */
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			signal(sigs[i], SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (o->stderr_path) {
			int fd = open(o->stderr_path,
			    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

			if (fd < 0 || dup2(fd, STDERR_FILENO) < 0)
				goto failed;
		}
		setenv("TERM", o->term, 1);
		unsetenv("LINES");	/* ncurses would prefer them to the pty */
		unsetenv("COLUMNS");
		for (size_t i = 0; i < o->nenv; i++) {
			const char *eq = strchr(o->env[i], '=');
			char *name = strndup(o->env[i],
			    (size_t)(eq - o->env[i]));

			if (!name || setenv(name, eq + 1, 1) < 0)
				goto failed;
			free(name);
		}
		if (fcntl(sync_pipe[1], F_SETFD, 0) < 0)
			goto failed;
		snprintf(num, sizeof num, "%d", sync_pipe[1]);
		setenv("REDLINE_TEST_SYNC_FD", num, 1);
		execvp(o->argv[0], o->argv);
failed:
		err = errno;
		n = write(err_pipe[1], &err, sizeof err);
		(void)n;
		_exit(127);
	}
	close(sync_pipe[1]);
	close(err_pipe[1]);
	D.sync_fd = sync_pipe[0];
	fcntl(D.sync_fd, F_SETFL, O_NONBLOCK);
	fcntl(D.master, F_SETFL, O_NONBLOCK);
	fcntl(D.master, F_SETFD, FD_CLOEXEC);
	while ((n = read(err_pipe[0], &err, sizeof err)) < 0 && errno == EINTR)
		;
	close(err_pipe[0]);
	if (n == (ssize_t)sizeof err) {
		fprintf(stderr, "vtdrive: cannot run '%s': %s\n", o->argv[0],
		    strerror(err));
		reap(now_ms() + D.timeout_ms);
		cleanup();
		exit(1);
	}
}

static void
cleanup(void)
{
	if (D.pid > 0 && !D.reaped) {
		kill(D.pid, SIGKILL);
		reap(now_ms() + 5000);
	}
	if (D.master >= 0)
		close(D.master);
	if (D.sync_fd >= 0)
		close(D.sync_fd);
	D.master = D.sync_fd = -1;
	if (D.vt)
		vterm_free(D.vt);
	D.vt = NULL;
	buf_release(&D.out);
	buf_release(&D.carry);
	if (D.trace)
		fclose(D.trace);
	D.trace = NULL;
	free_steps();
}

/* Matches "--name VALUE" and "--name=VALUE". */
static bool
opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return false;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return true;
	}
	if (argv[*i][n] != '\0')
		return false;
	if (*i + 1 >= argc)
		usage("option '%s' needs a value", name);
	*val = argv[++*i];
	return true;
}

int
main(int argc, char **argv)
{
	struct opts o = { .cols = 80, .rows = 24, .term = "xterm-256color" };
	const char *script = NULL, *trace = NULL, *v;
	const char **env = xrealloc(NULL, (size_t)argc * sizeof *env);
	int i;

	D.timeout_ms = 10000;
	D.timeout_arg = "10";
	o.env = env;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			free(env);
			usage(NULL);
		} else if (!strcmp(argv[i], "--allow-running")) {
			o.allow_running = true;
		} else if (opt_value(argc, argv, &i, "--size", &v)) {
			if (!parse_size(v, &o.cols, &o.rows))
				usage("bad size '%s' (want COLSxROWS)", v);
		} else if (opt_value(argc, argv, &i, "--term", &v)) {
			if (!*v)
				usage("empty --term");
			o.term = v;
		} else if (opt_value(argc, argv, &i, "--env", &v)) {
			if (!strchr(v, '=') || *v == '=')
				usage("bad --env '%s' (want NAME=VALUE)", v);
			o.env[o.nenv++] = v;
		} else if (opt_value(argc, argv, &i, "--timeout", &v)) {
			char *end;
			double t = strtod(v, &end);

			if (end == v || *end || !(t > 0) || t > 86400)
				usage("bad timeout '%s'", v);
			D.timeout_ms = (int64_t)(t * 1000 + 0.5);
			D.timeout_arg = v;
		} else if (opt_value(argc, argv, &i, "--out", &v)) {
			D.outdir = v;
		} else if (opt_value(argc, argv, &i, "--script", &v)) {
			script = v;
		} else if (opt_value(argc, argv, &i, "--trace", &v)) {
			trace = v;
		} else if (opt_value(argc, argv, &i, "--stderr", &v)) {
			o.stderr_path = v;
		} else {
			usage("unknown option '%s'", argv[i]);
		}
	}
	if (!script || !D.outdir || i >= argc) {
		free(env);
		usage("--script, --out and a program after '--' are required");
	}
	o.argv = argv + i;
	script_path = script;
	parse_script(script);
	if (mkdir(D.outdir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "vtdrive: cannot create '%s': %s\n", D.outdir,
		    strerror(errno));
		free(env);
		free_steps();
		return 2;
	}
	if (trace && !(D.trace = fopen(trace, "w"))) {
		fprintf(stderr, "vtdrive: cannot open '%s': %s\n", trace,
		    strerror(errno));
		free(env);
		free_steps();
		return 2;
	}

	D.cols = o.cols;
	D.rows = o.rows;
	D.vt = vterm_new(o.rows, o.cols);
	vterm_set_utf8(D.vt, 1);
	vterm_output_set_callback(D.vt, on_output, NULL);
	D.vs = vterm_obtain_screen(D.vt);
	vterm_screen_set_callbacks(D.vs, &screen_callbacks, NULL);
	vterm_screen_enable_altscreen(D.vs, 1);
	vterm_screen_reset(D.vs, 1);
	D.altscreen = false;
	D.cursor_visible = true;
	D.mouse_mode = VTERM_PROP_MOUSE_NONE;

	start_child(&o);
	free(env);

	for (size_t k = 0; k < nsteps; k++)
		run_step(k);

	if (!D.reaped && !o.allow_running) {
		D.line = nsteps ? steps[nsteps - 1].line : 0;
		fail("the script ended but the program is still running "
		    "(end it with expect-exit, or pass --allow-running)");
	}
	cleanup();
	return 0;
}
