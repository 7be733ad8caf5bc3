/*
 * symbol: United Nations document symbols and the git names redline gives
 * them.
 *
 * A symbol is components joined by '/': "A/RES/79/53", "A/C.1/79/L.43/Rev.1",
 * "A/79/408/Corr.1", "A/79/L.5/Add.1", "A/ES-10/L.30". Its git name is the
 * form the UN's own document system gives its files, each '/' written '_':
 * "A_C.1_79_L.43_Rev.1" (the PDF of 79/53 is A_RES_79_53-EN.pdf). The name
 * is flat, so no two symbols collide as git references (with '/' kept,
 * tag A/C.1/79/L.43 would be a folder of tag A/C.1/79/L.43/Rev.1, which git
 * cannot hold), and it maps back, since symbols never hold '_'. Every git
 * name holds a '_', so none is ever HEAD, a branch's usual name or an
 * option.
 *
 * Ownership: returned strings are malloc'd and owned by the caller.
 * Errors: none printed; NULL or 0 says "not a symbol".
 */
#ifndef REDLINE_SYMBOL_H
#define REDLINE_SYMBOL_H

/*
 * Whether s is a document symbol redline can name: a letter first, then
 * components of letters, digits, '.', '-' and '(' ')' joined by single
 * '/', at least two components, none empty, none starting with '.' or
 * ending with '.' or ".lock", no "..", at most 100 bytes.
 */
int symbol_is_valid(const char *s);

/*
 * The symbol a user means: "79/53" (a session and a number) is
 * "A/RES/79/53"; a git name ("A_RES_79_53") is its symbol; anything else
 * is returned as given (it may still be a symbol found in a text).
 */
char *symbol_expand(const char *spec);

/* The git name of a valid symbol ("A_RES_79_53"), NULL when it is not one. */
char *symbol_git_name(const char *symbol);

#endif
