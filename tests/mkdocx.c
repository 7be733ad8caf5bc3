/*
 * mkdocx: packages for the Word reader's tests, written with libzip so
 * the tests need no zip program.
 *
 *   mkdocx OUT DIR            every file under DIR, named by its path
 *                             under DIR; [Content_Types].xml first when
 *                             there is one, then the rest in name order
 *   mkdocx --bomb OUT MB      a document.xml that expands to MB megabytes
 *                             (a zip bomb, small on disk)
 *   mkdocx --entries OUT N    N entries besides word/document.xml
 *   mkdocx --nest OUT DEPTH   a document.xml of DEPTH nested elements
 *   mkdocx --xlsx OUT         a spreadsheet's package (no word/document.xml)
 *   mkdocx --un-lists OUT IN  IN again, its letter and roman list levels
 *                             labelled as the UN labels them, "(a)" and
 *                             "(i)" where LibreOffice wrote "a." from HTML
 *
 * Exit 0, or 1 with a message on stderr.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zip.h>

static const char doc_head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
static const char doc_tail[] = "</w:body></w:document>\n";

static int
die(const char *what, const char *detail)
{
	fprintf(stderr, "mkdocx: %s: %s\n", what, detail);
	return 1;
}

/* Add bytes (taken over by libzip: freed when the archive is written). */
static int
add(zip_t *z, const char *name, char *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, data, len, 1);

	if (!src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return die(name, zip_strerror(z));
	}
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static int
cmp_names(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int cx = strcmp(x, "[Content_Types].xml") == 0, cy = strcmp(y, "[Content_Types].xml") == 0;

	if (cx != cy)
		return cy - cx;
	return strcmp(x, y);
}

/* The files under dir/rel, appended to names (relative paths). */
static int
walk(const char *dir, const char *rel, char ***names, size_t *n)
{
	char path[8192], sub[4096];
	struct dirent *e;
	struct stat st;
	DIR *d;

	snprintf(path, sizeof(path), "%s%s%s", dir, *rel ? "/" : "", rel);
	if (!(d = opendir(path)))
		return die(path, "cannot open the directory");
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		snprintf(path, sizeof(path), "%s/%s", dir, sub);
		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (walk(dir, sub, names, n)) {
				closedir(d);
				return 1;
			}
			continue;
		}
		*names = realloc(*names, (*n + 1) * sizeof(**names));
		(*names)[(*n)++] = strdup(sub);
	}
	closedir(d);
	return 0;
}

static int
from_dir(zip_t *z, const char *dir)
{
	char **names = NULL, path[4096], *data;
	size_t n = 0, i, len;
	int rc = 0;

	if (walk(dir, "", &names, &n))
		return 1;
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == 0; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!(data = slurp(path, &len)))
			rc = die(path, "cannot read");
		else
			rc = add(z, names[i], data, len);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* "%N." becomes "(%N)" in the level text of lowerLetter and lowerRoman
 * levels of a numbering.xml as LibreOffice writes it: a new string. */
static char *
un_lists(const char *xml, size_t *len)
{
	static const char key[] = "<w:lvlText w:val=\"%";
	size_t n = strlen(xml), o = 0;
	char *out = malloc(2 * n + 1);
	const char *p = xml, *lvl_end = NULL, *t;
	int roman_or_letter = 0;

	while (*p) {
		if (strncmp(p, "<w:lvl ", 7) == 0 && (lvl_end = strstr(p, "</w:lvl>"))) {
			const char *a = strstr(p, "w:val=\"lowerLetter\""), *b = strstr(p, "w:val=\"lowerRoman\"");

			roman_or_letter = (a && a < lvl_end) || (b && b < lvl_end);
		}
		t = p;
		if (roman_or_letter && lvl_end && t < lvl_end && strncmp(t, key, sizeof(key) - 1) == 0 &&
		    t[19] >= '1' && t[19] <= '9' && t[20] == '.' && t[21] == '"') {
			memcpy(out + o, key, 18);
			o += 18;
			out[o++] = '(';
			out[o++] = '%';
			out[o++] = t[19];
			out[o++] = ')';
			p = t + 21;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	*len = o;
	return out;
}

static int
copy_un_lists(zip_t *z, const char *in)
{
	zip_t *src;
	zip_int64_t i, n;
	zip_stat_t st;
	zip_file_t *f;
	char *data;
	size_t len;
	int err = 0;

	if (!(src = zip_open(in, ZIP_RDONLY, &err)))
		return die(in, "cannot open");
	n = zip_get_num_entries(src, 0);
	for (i = 0; i < n; i++) {
		if (zip_stat_index(src, (zip_uint64_t)i, 0, &st) < 0 || !(f = zip_fopen_index(src, (zip_uint64_t)i, 0)))
			return die(in, zip_strerror(src));
		data = malloc(st.size + 1);
		if (zip_fread(f, data, st.size) != (zip_int64_t)st.size)
			return die(in, zip_file_strerror(f));
		zip_fclose(f);
		data[st.size] = '\0';
		len = st.size;
		if (strcmp(st.name, "word/numbering.xml") == 0) {
			char *changed = un_lists(data, &len);

			free(data);
			data = changed;
		}
		if (add(z, st.name, data, len))
			return 1;
	}
	zip_discard(src);
	return 0;
}

static char *
document(const char *body, size_t *len)
{
	size_t n = strlen(doc_head) + strlen(body) + strlen(doc_tail);
	char *p = malloc(n + 1);

	snprintf(p, n + 1, "%s%s%s", doc_head, body, doc_tail);
	*len = n;
	return p;
}

int
main(int argc, char **argv)
{
	zip_t *z;
	int err = 0, rc = 1;
	size_t len, i, n;
	char *p, *body, name[64];
	const char *mode = argc > 1 && strncmp(argv[1], "--", 2) == 0 ? argv[1] : NULL;
	const char *out = mode ? argv[2] : argv[1];

	if (argc != (mode && strcmp(mode, "--xlsx") == 0 ? 3 : mode ? 4 : 3) || !out) {
		fputs("usage: mkdocx OUT DIR | --bomb OUT MB | --entries OUT N | --nest OUT DEPTH | --xlsx OUT |\n"
		      "       --un-lists OUT IN\n", stderr);
		return 2;
	}
	if (!(z = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &err)))
		return die(out, "cannot create");
	if (!mode) {
		rc = from_dir(z, argv[2]);
	} else if (strcmp(mode, "--bomb") == 0) {
		n = strtoul(argv[3], NULL, 10) << 20;
		p = malloc(strlen(doc_head) + n + strlen(doc_tail) + 1);
		memcpy(p, doc_head, strlen(doc_head));
		memset(p + strlen(doc_head), ' ', n);
		len = strlen(doc_head) + n;
		memcpy(p + len, doc_tail, strlen(doc_tail));
		rc = add(z, "word/document.xml", p, len + strlen(doc_tail));
	} else if (strcmp(mode, "--entries") == 0) {
		n = strtoul(argv[3], NULL, 10);
		p = document("<w:p><w:r><w:t>x</w:t></w:r></w:p>", &len);
		rc = add(z, "word/document.xml", p, len);
		for (i = 0; i < n && rc == 0; i++) {
			snprintf(name, sizeof(name), "word/media/e%zu.txt", i);
			rc = add(z, name, strdup("x"), 1);
		}
	} else if (strcmp(mode, "--nest") == 0) {
		n = strtoul(argv[3], NULL, 10);
		p = malloc(n * 8 + 1);
		for (i = 0; i < n; i++)
			memcpy(p + i * 3, "<x>", 3);
		for (i = 0; i < n; i++)
			memcpy(p + n * 3 + i * 4, "</x>", 4);
		p[n * 7] = '\0';
		body = p;
		p = document(body, &len);
		free(body);
		rc = add(z, "word/document.xml", p, len);
	} else if (strcmp(mode, "--un-lists") == 0) {
		rc = copy_un_lists(z, argv[3]);
	} else if (strcmp(mode, "--xlsx") == 0) {
		rc = add(z, "[Content_Types].xml", strdup("<Types/>"), 8);
		if (!rc)
			rc = add(z, "xl/workbook.xml", strdup("<workbook/>"), 11);
	} else {
		zip_discard(z);
		return die(mode, "unknown mode");
	}
	if (rc) {
		zip_discard(z);
		return rc;
	}
	if (zip_close(z) < 0)
		return die(out, zip_strerror(z));
	return 0;
}
