/*
 * A libFuzzer target for the configuration file: any bytes are read as
 * the user's file, by the command line's reader (src/rcfile.c, "set" lines)
 * and by the interface's (src/tui/config_ui.c and keys.c: bind, color,
 * mono, set; no curses in them). The value rcfile_find returns must be
 * one line of the file; the interface's settings must stay in range.
 * tests/fuzz/replay-config runs the saved corpus (corpus-config/) in every
 * make check.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config_ui.h"
#include "fuzzlib.h"
#include "rcfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "pager", "color", "layout", "palette", "wrap", "markers", "" };
	/* curses' codes for the special keys, as the interface passes them */
	static const struct key_codes codes = { 0403, 0402, 0404, 0405, 0523, 0522, 0406, 0550, 0527, 0411, 0632, 0407 };
	struct ui_config c;
	struct rl_error err;
	char *text = malloc(size + 1), *value;
	size_t i;
	int r;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (rcfile_find(text, names[i], &value)) {
			if (!value || strchr(value, '\n') || !strstr(text, value))
				fz_fail("rcfile_find: a value that is not part of one line", value, value ? strlen(value) : 0);
		} else if (value) {
			fz_fail("rcfile_find: a value though not found", value, strlen(value));
		}
		free(value);
	}
	ui_config_init(&c, &codes);
	ui_config_parse(&c, &codes, text, "fuzz", &err);
	for (r = 0; r < UI_ROLE_COUNT; r++)
		if (c.colors[r].fg < -1 || c.colors[r].fg > 255 || c.colors[r].bg < -1 || c.colors[r].bg > 255)
			fz_fail("a colour out of range", NULL, 0);
	ui_config_release(&c);
	free(text);
	return 0;
}
