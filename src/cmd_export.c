/*
 * export: a comparison written as a document to circulate (export.h).
 */
#include "config.h"
#include "cmds.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "export.h"
#include "out.h"
#include "sbuf.h"

/* The tracked changes' author: --author (its NAME, when it is NAME <EMAIL>),
 * else git's user.name, else "redline". */
char *
cli_export_author(struct cli *c)
{
	char *name = NULL, *email = NULL;
	struct store *st = NULL;

	if (c->import_author) {
		if (cli_parse_author(c->import_author, &name, &email) == 0) {
			free(email);
			return name;
		}
		return xstrdup(c->import_author);
	}
	if (c->repo.store)
		st = c->repo.store;
	name = store_user_name(st);
	return name ? name : xstrdup("redline");
}

/* Now, as Word dates its revisions: UTC, to the second. */
void
cli_export_date(char buf[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
cmd_export(struct cli *c)
{
	struct source a, b;
	struct comparison cmp;
	struct sbuf old_label = SBUF_INIT, new_label = SBUF_INIT, name = SBUF_INIT, doc = SBUF_INIT;
	struct export_opts eo;
	struct rl_error err;
	enum export_format f = c->export_format;
	char date[32], *author = NULL;
	const char *path;
	int rc;

	if (c->format == FORMAT_JSON)
		return cli_usage_error(c, "export writes docx, html, md or text; diff --format=json gives the JSON");
	source_init(&a);
	source_init(&b);
	if ((rc = cmd_load_compared(c, &a, &b)) != 0)
		goto out;
	rc = CLI_TROUBLE;
	compare_resolutions(&a.res, &b.res, c->compare_flags, &cmp);
	source_label(&a, 1, &old_label);
	source_label(&b, 1, &new_label);
	author = cli_export_author(c);
	cli_export_date(date);
	memset(&eo, 0, sizeof(eo));
	eo.author = author;
	eo.date = date;
	eo.old_label = old_label.buf;
	eo.new_label = new_label.buf;
	path = c->output;
	if (!path) {
		export_name_for(&a, &b, f, &name);
		path = name.buf;
	}
	if (export_comparison(f, &cmp, &eo, &doc, &err) < 0 || export_write(path, doc.buf, doc.len, c->force, &err) < 0) {
		cli_error(&err);
	} else {
		rc = comparison_has_differences(&cmp) ? CLI_DIFFERENT : CLI_SAME;
		if (strcmp(path, "-") != 0 && cli_finish_output(out_line(stdout, "%s", path)) < 0)
			rc = CLI_TROUBLE;
	}
	comparison_release(&cmp);
out:
	free(author);
	sbuf_release(&old_label);
	sbuf_release(&new_label);
	sbuf_release(&name);
	sbuf_release(&doc);
	source_release(&a);
	source_release(&b);
	return rc;
}
