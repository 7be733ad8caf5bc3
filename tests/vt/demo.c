/*
 * demo: a tiny ncursesw program used only to test the vtdrive harness.
 *
 * Screen (rows past the bottom are simply not drawn):
 *   0  demo COLSxROWS
 *   1  bold: BOLD                       (BOLD in bold)
 *   2  colours: green red               (in green and red; "colours: none"
 *                                        without colour support)
 *   3  cjk: [中文] café                  (中文 bold; é is e + U+0301)
 *   4  mouse: none | mouse: EVENT at COL,ROW (1-based)
 *   5  key: none | key: NAME
 *   6  item 1 .. item 3                 (the current item in reverse)
 *   last row: the status line, in reverse
 *
 * Keys: j/<Down> and k/<Up> move the highlight, q quits (exit 0), X exits
 * with status 3 *without* endwin() (to test that the harness notices an
 * unrestored terminal).  SIGTERM, SIGHUP and SIGINT call endwin() and then
 * die of the same signal.
 *
 * Test sync: when REDLINE_TEST_SYNC_FD is set, one byte is written to that
 * fd each time the program has handled all pending input and called
 * doupdate(), just before it blocks waiting for more.  The main loop waits
 * in poll() on the terminal and a self-pipe written by the signal handlers,
 * so a SIGWINCH that arrives after the sync byte is never lost.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#define NITEMS 3

static int self_pipe[2] = { -1, -1 };
static volatile sig_atomic_t got_term_signal;
static struct sigaction curses_winch;	/* ncurses' own SIGWINCH handler */

static int cur_item;
static char last_key[64] = "none";
static char last_mouse[64] = "none";
static int have_colour;

static void
on_signal(int sig)
{
	int saved = errno;
	char c = 0;

	if (sig == SIGWINCH) {
		/* Let ncurses record the resize so that wgetch returns KEY_RESIZE. */
		if (curses_winch.sa_handler != SIG_DFL &&
		    curses_winch.sa_handler != SIG_IGN &&
		    curses_winch.sa_handler != NULL)
			curses_winch.sa_handler(sig);
	} else {
		got_term_signal = sig;
	}
	if (write(self_pipe[1], &c, 1) < 0) {
		/* the pipe is full: poll will wake up anyway */
	}
	errno = saved;
}

static void
catch_signal(int sig, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: interrupt poll() */
	sigaction(sig, &sa, old);
}

static void
sync_idle(int fd)
{
	char c = '.';

	if (fd < 0)
		return;
	while (write(fd, &c, 1) < 0 && errno == EINTR)
		;
}

static void
draw(void)
{
	int rows, cols;
	char buf[128];

	getmaxyx(stdscr, rows, cols);
	erase();
	snprintf(buf, sizeof buf, "demo %dx%d", cols, rows);
	mvaddstr(0, 0, buf);

	mvaddstr(1, 0, "bold: ");
	attron(A_BOLD);
	addstr("BOLD");
	attroff(A_BOLD);

	mvaddstr(2, 0, "colours: ");
	if (have_colour) {
		attron(COLOR_PAIR(1));
		addstr("green");
		attroff(COLOR_PAIR(1));
		addstr(" ");
		attron(COLOR_PAIR(2));
		addstr("red");
		attroff(COLOR_PAIR(2));
	} else {
		addstr("none");
	}

	mvaddstr(3, 0, "cjk: [");
	attron(A_BOLD);
	addwstr(L"\u4e2d\u6587");
	attroff(A_BOLD);
	addwstr(L"] cafe\u0301");

	snprintf(buf, sizeof buf, "mouse: %s", last_mouse);
	mvaddstr(4, 0, buf);
	snprintf(buf, sizeof buf, "key: %s", last_key);
	mvaddstr(5, 0, buf);

	for (int i = 0; i < NITEMS && 6 + i < rows - 1; i++) {
		snprintf(buf, sizeof buf, "item %d", i + 1);
		if (i == cur_item)
			attron(A_REVERSE);
		mvaddstr(6 + i, 0, buf);
		if (i == cur_item)
			attroff(A_REVERSE);
	}

	attron(A_REVERSE);
	mvhline(rows - 1, 0, ' ', cols);
	snprintf(buf, sizeof buf, "status: item %d/%d", cur_item + 1, NITEMS);
	mvaddnstr(rows - 1, 0, buf, cols - 1);
	attroff(A_REVERSE);
	wnoutrefresh(stdscr);
	doupdate();
}

static void
handle_mouse(void)
{
	MEVENT ev;
	const char *what = "other";

	if (getmouse(&ev) != OK) {
		snprintf(last_mouse, sizeof last_mouse, "getmouse failed");
		return;
	}
	if (ev.bstate & BUTTON4_PRESSED)
		what = "wheel-up";
	else if (ev.bstate & BUTTON5_PRESSED)
		what = "wheel-down";
	else if (ev.bstate & BUTTON1_CLICKED)
		what = "click";
	else if (ev.bstate & BUTTON1_PRESSED)
		what = "press";
	else if (ev.bstate & BUTTON1_RELEASED)
		what = "release";
	snprintf(last_mouse, sizeof last_mouse, "%s at %d,%d",
	    what, ev.x + 1, ev.y + 1);
}

/* Returns 1 when the program should quit normally. */
static int
handle_key(int ch)
{
	const char *name = keyname(ch);

	snprintf(last_key, sizeof last_key, "%s", name ? name : "?");
	switch (ch) {
	case 'j':
	case KEY_DOWN:
		if (cur_item < NITEMS - 1)
			cur_item++;
		break;
	case 'k':
	case KEY_UP:
		if (cur_item > 0)
			cur_item--;
		break;
	case 'q':
		return 1;
	case 'X':
		_exit(3);	/* a "crash": no endwin() */
	case KEY_MOUSE:
		handle_mouse();
		break;
	case KEY_RESIZE:
	default:
		break;
	}
	return 0;
}

int
main(void)
{
	const char *s = getenv("REDLINE_TEST_SYNC_FD");
	int sync_fd = s && *s ? atoi(s) : -1;
	SCREEN *scr;
	int quit = 0;

	setlocale(LC_ALL, "");
	if (pipe(self_pipe) < 0)
		return 1;
	for (int i = 0; i < 2; i++) {
		fcntl(self_pipe[i], F_SETFL, O_NONBLOCK);
		fcntl(self_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	/* Before newterm, so that ncurses keeps its hands off these. */
	catch_signal(SIGTERM, NULL);
	catch_signal(SIGHUP, NULL);
	catch_signal(SIGINT, NULL);

	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "demo: cannot use terminal '%s'\n",
		    getenv("TERM") ? getenv("TERM") : "(unset)");
		return 1;
	}
	/* After newterm: chain to the SIGWINCH handler ncurses installed. */
	catch_signal(SIGWINCH, &curses_winch);

	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_GREEN, -1);
		init_pair(2, COLOR_RED, -1);
		have_colour = 1;
	}
	mousemask(ALL_MOUSE_EVENTS, NULL);
	mouseinterval(0);

	while (!quit && !got_term_signal) {
		struct pollfd pfd[2];
		int ch;
		char junk[64];

		/* Handle everything already typed before going idle. */
		while (!quit && (ch = getch()) != ERR)
			quit = handle_key(ch);
		if (quit || got_term_signal)
			break;
		draw();
		sync_idle(sync_fd);

		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = self_pipe[0];
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		while (read(self_pipe[0], junk, sizeof junk) > 0)
			;
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;
	}
	endwin();
	delscreen(scr);
	if (got_term_signal) {
		signal(got_term_signal, SIG_DFL);
		raise(got_term_signal);
	}
	return 0;
}
