/*
 * A libFuzzer target for the Word reader's XML: the input is split at
 * 0xFF bytes (never in UTF-8) into word/document.xml, numbering.xml,
 * styles.xml, footnotes.xml and settings.xml, packaged in memory (stored,
 * not deflated, so the fuzzer reaches the XML), and read both ways,
 * tracked changes accepted and rejected; the text must be UTF-8 with no
 * control character but line ends. Built by hand with clang (see tests/fuzz/README);
 * tests/fuzz/replay-docx runs the saved corpus (corpus-docx/) in every
 * make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "docx.h"
#include "sbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const parts[] = {
	"word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml", "word/settings.xml"
};

/* The package's bytes, or NULL. */
static char *
package(const uint8_t *data, size_t size, size_t *len)
{
	zip_source_t *src, *part;
	zip_error_t ze;
	zip_stat_t st;
	zip_t *z;
	size_t i = 0, start = 0, k;
	char *out = NULL;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
		return NULL;
	zip_source_keep(src);
	if (!(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		zip_source_free(src);
		zip_source_free(src);
		return NULL;
	}
	for (k = 0; k < sizeof(parts) / sizeof(parts[0]) && start <= size; k++) {
		for (i = start; i < size && data[i] != 0xff; i++)
			;
		part = zip_source_buffer(z, data + start, i - start, 0);
		if (part) {
			zip_int64_t idx = zip_file_add(z, parts[k], part, ZIP_FL_OVERWRITE);

			if (idx < 0)
				zip_source_free(part);
			else
				zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		}
		start = i + 1;
	}
	if (zip_close(z) < 0) {
		zip_discard(z);
		zip_source_free(src);
		return NULL;
	}
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		out = malloc(st.size + 1);
		if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
			free(out);
			out = NULL;
		}
		*len = st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;
	size_t len = 0, i;
	char *pkg = package(data, size, &len);
	int original;

	if (!pkg)
		return 0;
	for (original = 0; original < 2; original++) {
		if (docx_read_mem(pkg, len, "fuzz.docx", original, &out, &err) == 0) {
			for (i = 0; i < out.len; i++)
				if ((unsigned char)out.buf[i] < 0x20 && out.buf[i] != '\n')
					abort();
			if (!utf8_valid(out.buf ? out.buf : "", out.len, &i))
				abort();
		}
		sbuf_release(&out);
	}
	free(pkg);
	return 0;
}
