/*
 * corpus: read many documents in one process, for the corpus suite and
 * the benchmark (a process per document would measure process start-up).
 *
 *   corpus parse [-j N] FILE...   one line per file:
 *       NAME TAB ok|error TAB PP TAB OP TAB SUB TAB FN TAB LONGEST TAB RES
 *     (RES 1 for a resolution, 0 for text read as plain paragraphs;
 *     LONGEST the longest clause in characters), then "parsed N files in
 *     S s" on stderr. -j N reads with N threads.
 *   corpus meta FILE...           one line per file, what its header says:
 *       NAME TAB SYMBOL TAB KIND TAB DISTRIBUTED TAB NSPONSORS TAB
 *       SPONSORS TAB ON_BEHALF_OF TAB SUBMITTED_BY TAB LINE
 *     (absent values "-", the sponsors joined by " | ", ON_BEHALF_OF as
 *     "SPONSOR: GROUP; " for each that speaks for one, LINE 1 when the
 *     text has a sponsors' line: a line ending ": draft resolution",
 *     ": draft decision" or beginning an amendment's, found here by
 *     simpler means than the parser's, to check it), "NAME TAB error
 *     MESSAGE" for a file that cannot be read.
 *   corpus pairs                  reads "OLD TAB NEW" lines on standard
 *     input, compares each pair and writes "OLD TAB NEW TAB unchanged
 *     modified inserted deleted moved renumbered split merged" or
 *     "OLD TAB NEW TAB error MESSAGE".
 *
 * Exit status 0 when every file was read, 1 otherwise, 2 on bad usage.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "input.h"
#include "source.h"
#include "util.h"

struct result {
	int ok;
	char msg[1100];
	size_t pp, op, sub, fn, longest;
	int res;
};

struct job {
	char **files;
	struct result *out;
	size_t n, next;
	pthread_mutex_t lock;
};

static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
read_one(const char *file, struct result *r)
{
	struct source s;
	struct rl_error err;
	size_t i;

	memset(r, 0, sizeof(*r));
	source_init(&s);
	if (source_load_file(NULL, file, &s, &err) < 0) {
		snprintf(r->msg, sizeof(r->msg), "%s", err.msg);
		source_release(&s);
		return;
	}
	r->ok = 1;
	r->res = s.res.is_resolution;
	r->fn = s.res.nfootnotes;
	for (i = 0; i < s.res.nclauses; i++) {
		const struct clause *c = &s.res.clauses[i];
		size_t len = chars(c->text);

		if (c->parent >= 0)
			r->sub++;
		else if (c->section == SEC_PREAMBLE)
			r->pp++;
		else if (c->section == SEC_OPERATIVE)
			r->op++;
		if (len > r->longest)
			r->longest = len;
	}
	source_release(&s);
}

static void *
worker(void *arg)
{
	struct job *j = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&j->lock);
		i = j->next++;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->n)
			return NULL;
		read_one(j->files[i], &j->out[i]);
	}
}

static const char *
base(const char *p)
{
	const char *b = strrchr(p, '/');

	return b ? b + 1 : p;
}

static int
parse_files(int nthreads, char **files, size_t n)
{
	struct job j;
	pthread_t th[16];
	struct timespec t0, t1;
	int k, started = 0, rc = 0;
	size_t i;

	memset(&j, 0, sizeof(j));
	j.files = files;
	j.n = n;
	j.out = calloc(n + 1, sizeof(*j.out));
	if (!j.out)
		return 2;
	pthread_mutex_init(&j.lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 1; k < nthreads && k < 16; k++)
		started += pthread_create(&th[started], NULL, worker, &j) == 0;
	worker(&j);
	for (k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (i = 0; i < n; i++) {
		const struct result *r = &j.out[i];

		if (!r->ok) {
			printf("%s\terror\t%s\n", base(files[i]), r->msg);
			rc = 1;
			continue;
		}
		printf("%s\tok\t%zu\t%zu\t%zu\t%zu\t%zu\t%d\n", base(files[i]), r->pp, r->op, r->sub, r->fn, r->longest,
		       r->res);
	}
	fprintf(stderr, "parsed %zu files in %.2f s\n", n,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	pthread_mutex_destroy(&j.lock);
	free(j.out);
	return rc;
}

static const char *
or_dash(const char *s)
{
	return s ? s : "-";
}

/* Whether the text says who sponsors it, in the plainest way: in its
 * first page, a colon, perhaps stars, then the kind of draft, on one line
 * or across two; not in a paragraph that says an office submitted it. */
static int
has_sponsors_line(const char *text)
{
	static const char *const kinds[] = { "draft resolution", "draft decision", "revised draft resolution",
					     "amendment to", "amendments to" };
	size_t len = strlen(text), para = 0, i, k;

	if (len > 6000)
		len = 6000;
	for (i = 0; i < len; i++) {
		size_t q = i + 1;

		/* a paragraph starts after a line of white space */
		if (text[i] == '\n') {
			while (q < len && text[q] == ' ')
				q++;
			if (q < len && text[q] == '\n')
				para = q;
			continue;
		}
		if (text[i] != ':')
			continue;
		while (q < len && (text[q] == '*' || text[q] == ',' || text[q] == ' ' || text[q] == '\n'))
			q++;
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			size_t kl = strlen(kinds[k]), j;
			int submitted = 0;

			if (q + kl > len || strncmp(text + q, kinds[k], kl) != 0)
				continue;
			for (j = para; j + 12 <= i && !submitted; j++)
				submitted = strncmp(text + j, "submitted by", 12) == 0;
			if (!submitted)
				return 1;
		}
	}
	return 0;
}

static int
meta_files(char **files, size_t n)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < n; i++) {
		struct source s;
		struct rl_error err;
		const struct resolution_meta *m;
		char *text;
		size_t len;

		source_init(&s);
		if (source_load_file(NULL, files[i], &s, &err) < 0 || read_file(files[i], &text, &len, &err) < 0) {
			printf("%s\terror\t%s\n", base(files[i]), err.msg);
			source_release(&s);
			rc = 1;
			continue;
		}
		m = &s.res.meta;
		printf("%s\t%s\t%s\t%s\t%zu\t", base(files[i]), or_dash(m->symbol), or_dash(m->document_kind),
		       or_dash(m->distributed), m->nsponsors);
		for (k = 0; k < m->nsponsors; k++)
			printf("%s%s", k ? " | " : "", m->sponsors[k]);
		printf("%s\t", m->nsponsors ? "" : "-");
		for (k = 0; m->on_behalf_of && k < m->nsponsors; k++)
			if (m->on_behalf_of[k])
				printf("%s: %s; ", m->sponsors[k], m->on_behalf_of[k]);
		printf("%s\t%s\t%d\n", m->on_behalf_of ? "" : "-", or_dash(m->submitted_by), has_sponsors_line(text));
		free(text);
		source_release(&s);
	}
	return rc;
}

static int
compare_pairs(void)
{
	char line[8192];
	int rc = 0;

	while (fgets(line, sizeof(line), stdin)) {
		char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
		struct source a, b;
		struct rl_error err;
		struct comparison c;

		if (nl)
			*nl = '\0';
		if (!tab)
			continue;
		*tab = '\0';
		source_init(&a);
		source_init(&b);
		if (source_load_file(NULL, line, &a, &err) < 0 || source_load_file(NULL, tab + 1, &b, &err) < 0) {
			printf("%s\t%s\terror %s\n", base(line), base(tab + 1), err.msg);
			rc = 1;
		} else {
			compare_resolutions(&a.res, &b.res, IGNORE_TYPOGRAPHY, &c);
			printf("%s\t%s\t%zu %zu %zu %zu %zu %zu %zu %zu\n", base(line), base(tab + 1), c.sum.unchanged,
			       c.sum.modified, c.sum.inserted, c.sum.deleted, c.sum.moved, c.sum.renumbered,
			       c.sum.split, c.sum.merged);
			comparison_release(&c);
		}
		source_release(&a);
		source_release(&b);
	}
	return rc;
}

int
main(int argc, char **argv)
{
	int nthreads = 1, first = 2;

	if (argc >= 2 && strcmp(argv[1], "pairs") == 0)
		return compare_pairs();
	if (argc >= 2 && strcmp(argv[1], "meta") == 0)
		return meta_files(argv + 2, (size_t)(argc - 2));
	if (argc < 2 || strcmp(argv[1], "parse") != 0) {
		fputs("usage: corpus parse [-j N] FILE... | corpus meta FILE... | corpus pairs <PAIRS\n", stderr);
		return 2;
	}
	if (argc > 3 && strcmp(argv[2], "-j") == 0) {
		nthreads = atoi(argv[3]);
		first = 4;
	}
	return parse_files(nthreads < 1 ? 1 : nthreads, argv + first, (size_t)(argc - first));
}
