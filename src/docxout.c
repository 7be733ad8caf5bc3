/*
 * docxout: a redline as a Word document with tracked changes (docxout.h).
 */
#include "config.h"
#include "docxout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "render.h"
#include "textout.h"
#include "utf8.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* where comment ids start: above any footnote's or revision's */
#define COMMENT_IDS 1000000000L

struct writer {
	const struct redoc *d;
	const struct export_opts *o;
	struct sbuf doc, notes, comments;
	long rev;		/* the next revision id */
	long note_id;		/* the next footnote id (0 and 1 are the separators) */
	long comment_id;	/* the next comment id, from COMMENT_IDS */
};

/* Text for XML: control characters made visible (XML 1.0 cannot hold
 * them), then escaped. */
static void
xml_text(struct sbuf *out, const char *s, size_t len)
{
	utf8_markup_text(out, s ? s : "", s ? len : 0);
}

static void
xml_texts(struct sbuf *out, const char *s)
{
	xml_text(out, s, s ? strlen(s) : 0);
}

/* A right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
 * presentation forms) holds the paragraph's first strong letter. */
static int
is_rtl_text(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n)
			break;
		i += n;
		if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
			return 1;
		if (utf8_is_alnum(cp) && cp >= 'A')
			return 0;
	}
	return 0;
}

static int
para_is_rtl(const struct rpara *p)
{
	size_t k;

	for (k = 0; k < p->nruns; k++)
		if (p->runs[k].note < 0)
			return is_rtl_text(p->runs[k].s, p->runs[k].len);
	return 0;
}

static const char *
author_of(struct writer *w, const struct rpara *p)
{
	const char *a = w->o->author_of && p ? w->o->author_of(p, w->o->arg) : NULL;

	return a ? a : w->o->author;
}

static void
rev_attrs(struct writer *w, struct sbuf *out, const struct rpara *p)
{
	sbuf_printf(out, " w:id=\"%ld\" w:author=\"", w->rev++);
	xml_texts(out, author_of(w, p));
	sbuf_printf(out, "\" w:date=\"%s\"", w->o->date);
}

static void
open_mark(struct writer *w, struct sbuf *out, enum rmark m, const struct rpara *p)
{
	if (m == RM_SAME)
		return;
	sbuf_adds(out, m == RM_INS ? "<w:ins" : "<w:del");
	rev_attrs(w, out, p);
	sbuf_adds(out, ">");
}

static void
close_mark(struct sbuf *out, enum rmark m)
{
	if (m != RM_SAME)
		sbuf_adds(out, m == RM_INS ? "</w:ins>" : "</w:del>");
}

/* One run of text: its properties, and w:t or, deleted, w:delText. */
static void
text_run(struct sbuf *out, enum rmark m, const char *s, size_t len, int italic, int rtl, const char *extra)
{
	sbuf_adds(out, "<w:r>");
	if (italic || rtl || extra) {
		sbuf_adds(out, "<w:rPr>");
		if (extra)
			sbuf_adds(out, extra);
		if (italic)
			sbuf_adds(out, "<w:i/><w:iCs/>");
		if (rtl)
			sbuf_adds(out, "<w:rtl/>");
		sbuf_adds(out, "</w:rPr>");
	}
	sbuf_adds(out, m == RM_DEL ? "<w:delText xml:space=\"preserve\">" : "<w:t xml:space=\"preserve\">");
	xml_text(out, s, len);
	sbuf_adds(out, m == RM_DEL ? "</w:delText></w:r>" : "</w:t></w:r>");
}

static void
marked_run(struct writer *w, struct sbuf *out, const struct rpara *p, enum rmark m, const char *s, size_t len,
	   int italic, int rtl, const char *extra)
{
	open_mark(w, out, m, p);
	text_run(out, m, s, len, italic, rtl, extra);
	close_mark(out, m);
}

/* A footnote: its own id for this reference, the note's text with its
 * changes, in footnotes.xml. */
static void
footnote(struct writer *w, const struct rpara *p, const struct rnote *n, long id)
{
	struct sbuf *f = &w->notes;
	size_t k;

	sbuf_printf(f, "<w:footnote w:id=\"%ld\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>", id);
	sbuf_adds(f, "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>"
		     "<w:r><w:tab/></w:r>");
	for (k = 0; k < n->nruns; k++)
		marked_run(w, f, p, n->runs[k].mark, n->runs[k].s, n->runs[k].len, 0, is_rtl_text(n->runs[k].s, n->runs[k].len),
			   NULL);
	sbuf_adds(f, "</w:p></w:footnote>");
}

static void
footnote_ref(struct writer *w, struct sbuf *out, const struct rpara *p, const struct rrun *r)
{
	long id = w->note_id++;

	open_mark(w, out, r->mark, p);
	sbuf_printf(out, "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"%ld\"/></w:r>",
		    id);
	close_mark(out, r->mark);
	footnote(w, p, &w->d->notes[r->note], id);
}

/* "12" is printed "12."; "(a)" as it is. */
static void
number_text(const struct rrun *r, struct sbuf *out)
{
	size_t i;
	int digits = r->len > 0;

	for (i = 0; i < r->len; i++)
		if (r->s[i] < '0' || r->s[i] > '9')
			digits = 0;
	sbuf_add(out, r->s, r->len);
	if (digits)
		sbuf_addch(out, '.');
}

static void
numbers(struct writer *w, struct sbuf *out, const struct rpara *p)
{
	size_t k;
	enum rmark tab = p->nnum == 1 ? p->num[0].mark : RM_SAME;

	if (!p->nnum)
		return;
	for (k = 0; k < p->nnum; k++) {
		struct sbuf t = SBUF_INIT;

		number_text(&p->num[k], &t);
		marked_run(w, out, p, p->num[k].mark, t.buf, t.len, 0, 0, NULL);
		sbuf_release(&t);
	}
	if (p->mark != RM_SAME)
		tab = p->mark;
	open_mark(w, out, tab, p);
	sbuf_adds(out, "<w:r><w:tab/></w:r>");
	close_mark(out, tab);
}

/* The paragraph's properties: its place in the layout and, when tracked,
 * its mark's insertion or deletion. */
static void
para_props(struct writer *w, struct sbuf *out, const struct rpara *p, int rtl)
{
	enum rmark end = p->mark != RM_SAME ? p->mark : p->mark_of_end;

	sbuf_adds(out, "<w:pPr>");
	switch (p->role) {
	case RP_SYMBOL:
		sbuf_adds(out, "<w:pStyle w:val=\"Symbol\"/>");
		break;
	case RP_TITLE:
		sbuf_adds(out, "<w:pStyle w:val=\"ResTitle\"/>");
		break;
	case RP_ADOPTED:
		sbuf_adds(out, "<w:pStyle w:val=\"Adopted\"/>");
		break;
	case RP_FORMULA:
		sbuf_adds(out, "<w:pStyle w:val=\"Formula\"/>");
		break;
	case RP_MEETING:
	case RP_DATE:
		sbuf_adds(out, "<w:pStyle w:val=\"Closing\"/>");
		break;
	case RP_CLAUSE:
		sbuf_adds(out, "<w:pStyle w:val=\"Clause\"/>");
		break;
	default:
		sbuf_adds(out, "<w:pStyle w:val=\"Header\"/>");
	}
	/* in the schema's order: pStyle, bidi, ind */
	if (rtl)
		sbuf_adds(out, "<w:bidi/>");
	if (p->role == RP_CLAUSE && p->level > 0)
		sbuf_printf(out, "<w:ind w:left=\"%d\" w:firstLine=\"%d\"/>", 1247 + 567 * (p->level - 1), 567);
	if (end != RM_SAME) {
		sbuf_adds(out, "<w:rPr>");
		sbuf_adds(out, end == RM_INS ? "<w:ins" : "<w:del");
		rev_attrs(w, out, p);
		sbuf_adds(out, "/></w:rPr>");
	}
	sbuf_adds(out, "</w:pPr>");
}

static void
comment(struct writer *w, const char *text, long id)
{
	sbuf_printf(&w->comments, "<w:comment w:id=\"%ld\" w:author=\"", id);
	xml_texts(&w->comments, w->o->author);
	sbuf_printf(&w->comments, "\" w:date=\"%s\" w:initials=\"RL\">", w->o->date);
	/* a paragraph for each line */
	for (;;) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		sbuf_adds(&w->comments, "<w:p><w:r><w:t xml:space=\"preserve\">");
		xml_text(&w->comments, text, len);
		sbuf_adds(&w->comments, "</w:t></w:r></w:p>");
		if (!nl)
			break;
		text = nl + 1;
	}
	sbuf_adds(&w->comments, "</w:comment>");
}

/* What a paragraph's comment says: the compilation's own note, else the
 * change's title on the first paragraph of a change. */
static char *
comment_text(struct writer *w, size_t i)
{
	const struct rpara *p = &w->d->paras[i];
	const struct comparison *c = p->cmp ? p->cmp : w->d->cmp;
	struct sbuf t = SBUF_INIT;
	const char *own = w->o->note_of ? w->o->note_of(p, w->o->arg) : NULL;

	if (own)
		return xstrdup(own);
	if (p->role == RP_TITLE) {
		sbuf_printf(&t, "redline %s -> %s: ", w->o->old_label, w->o->new_label);
		textout_summary_line(&t, c);
		return sbuf_detach(&t);
	}
	if (p->change < 0 ||
	    (i > 0 && w->d->paras[i - 1].change == p->change && w->d->paras[i - 1].cmp == p->cmp && !p->move))
		return NULL;
	{
		const struct change *ch = &c->changes[p->change];

		if (ch->kind == CHANGE_UNCHANGED && !ch->moved && !ch->renumbered)
			return NULL;
		render_change_title(c, ch, &t);
		if (p->move == RMOVE_FROM)
			sbuf_adds(&t, " (moved from here)");
		else if (p->move == RMOVE_TO)
			sbuf_adds(&t, " (moved here)");
	}
	return sbuf_detach(&t);
}

static void
runs(struct writer *w, struct sbuf *out, const struct rpara *p, int rtl)
{
	size_t k;

	for (k = 0; k < p->nruns; k++) {
		const struct rrun *r = &p->runs[k];

		if (r->note >= 0)
			footnote_ref(w, out, p, r);
		else
			marked_run(w, out, p, r->mark, r->s, r->len, r->italic, rtl, NULL);
	}
}

/* Paragraph i, and the one after it when that is the date under the
 * meeting line: one paragraph with a line break, as the UN prints it and
 * as a reader of the text takes it (the closing line). Returns the
 * paragraphs written. */
static size_t
paragraph(struct writer *w, size_t i)
{
	const struct rpara *p = &w->d->paras[i];
	struct sbuf *out = &w->doc;
	int rtl = para_is_rtl(p);
	char *note = comment_text(w, i);
	long cid = -1;
	size_t used = 1;

	sbuf_adds(out, "<w:p>");
	para_props(w, out, p, rtl);
	if (note) {
		/* ids of their own, apart from the footnotes' and the
		 * revisions': LibreOffice (7.4) mixes up a comment with a
		 * footnote or revision of the same id, and then loses the text
		 * of the footnotes */
		cid = w->comment_id++;
		comment(w, note, cid);
		sbuf_printf(out, "<w:commentRangeStart w:id=\"%ld\"/>", cid);
		free(note);
	}
	numbers(w, out, p);
	runs(w, out, p, rtl);
	if (p->role == RP_MEETING && i + 1 < w->d->nparas && w->d->paras[i + 1].role == RP_DATE) {
		const struct rpara *q = &w->d->paras[i + 1];

		open_mark(w, out, q->mark, q);
		sbuf_adds(out, "<w:r><w:br/></w:r>");
		close_mark(out, q->mark);
		runs(w, out, q, rtl);
		used = 2;
	}
	if (cid >= 0)
		sbuf_printf(out, "<w:commentRangeEnd w:id=\"%ld\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr>"
				 "<w:commentReference w:id=\"%ld\"/></w:r>",
			    cid, cid);
	sbuf_adds(out, "</w:p>");
	return used;
}

/*
 * The package's fixed parts
 */

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/word/footnotes.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>"
	"<Override PartName=\"/word/comments.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"</Types>";

static const char package_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	"Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
	"Target=\"docProps/core.xml\"/>"
	"</Relationships>";

static const char document_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
	"Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
	"Target=\"settings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
	"Target=\"footnotes.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" "
	"Target=\"comments.xml\"/>"
	"</Relationships>";

/* Times New Roman 10 pt as the UN sets resolutions; SimSun for Chinese. */
static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles " W_NS ">"
	"<w:docDefaults><w:rPrDefault><w:rPr>"
	"<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"SimSun\" w:cs=\"Times New Roman\"/>"
	"<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
	"</w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"UN Header\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Symbol\"><w:name w:val=\"UN Symbol\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:jc w:val=\"right\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Adopted\"><w:name w:val=\"UN Adopted\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:before=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"ResTitle\"><w:name w:val=\"UN Title\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/><w:ind w:left=\"1247\" w:hanging=\"1247\"/></w:pPr>"
	"<w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Formula\"><w:name w:val=\"UN Formula\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:ind w:firstLine=\"1247\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Clause\"><w:name w:val=\"UN Clause\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:ind w:firstLine=\"1247\"/><w:jc w:val=\"both\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Closing\"><w:name w:val=\"UN Closing\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/><w:ind w:left=\"1247\" w:hanging=\"283\"/></w:pPr>"
	"<w:rPr><w:sz w:val=\"17\"/></w:rPr></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
	"<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name w:val=\"annotation text\"/>"
	"<w:basedOn w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/>"
	"<w:rPr><w:sz w:val=\"16\"/></w:rPr></w:style>"
	"</w:styles>";

/* Changes made after this are tracked too: the document goes on being
 * negotiated. */
static const char settings[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:settings " W_NS "><w:trackRevisions/>"
	"<w:defaultTabStop w:val=\"567\"/>"
	"<w:footnotePr><w:footnote w:id=\"0\"/><w:footnote w:id=\"1\"/></w:footnotePr>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
	"w:val=\"15\"/></w:compat>"
	"</w:settings>";

static int
add_part(zip_t *z, const char *name, const char *data, size_t len, struct rl_error *err)
{
	/* libzip frees its copy when the archive is closed */
	char *copy = xmalloc(len + 1);
	zip_source_t *src;

	memcpy(copy, data, len);
	src = zip_source_buffer(z, copy, len, 1);
	if (!src) {
		free(copy);
		return rl_fail(err, "cannot write the Word document: %s", zip_strerror(z));
	}
	if (zip_file_add(z, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return rl_fail(err, "cannot write the Word document: %s", zip_strerror(z));
	}
	return 0;
}

static void
core_props(struct writer *w, struct sbuf *out)
{
	const struct resolution_meta *m = &w->d->cmp->new_->meta;

	sbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		       "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
		       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	xml_texts(out, m->symbol ? m->symbol : w->o->new_label);
	if (m->title) {
		sbuf_adds(out, ": ");
		xml_texts(out, m->title);
	}
	sbuf_adds(out, "</dc:title><dc:creator>");
	xml_texts(out, w->o->author);
	sbuf_adds(out, "</dc:creator><dc:description>");
	sbuf_adds(out, "redline ");
	xml_texts(out, w->o->old_label);
	sbuf_adds(out, " -&gt; ");
	xml_texts(out, w->o->new_label);
	sbuf_printf(out, "</dc:description><dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
			 "</cp:coreProperties>",
		    w->o->date);
}

/* The archive written in memory, then read out into out. */
static int
package(struct writer *w, struct sbuf *out, struct rl_error *err)
{
	zip_error_t ze;
	zip_source_t *mem;
	zip_t *z;
	zip_stat_t st;
	struct sbuf core = SBUF_INIT;
	int rc = -1;
	char buf[65536];
	zip_int64_t n;

	zip_error_init(&ze);
	if (!(mem = zip_source_buffer_create(NULL, 0, 0, &ze))) {
		rl_fail(err, "cannot write the Word document: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_source_keep(mem);
	if (!(z = zip_open_from_source(mem, ZIP_TRUNCATE, &ze))) {
		rl_fail(err, "cannot write the Word document: %s", zip_error_strerror(&ze));
		goto out;
	}
	core_props(w, &core);
	if (add_part(z, "[Content_Types].xml", content_types, sizeof(content_types) - 1, err) < 0 ||
	    add_part(z, "_rels/.rels", package_rels, sizeof(package_rels) - 1, err) < 0 ||
	    add_part(z, "docProps/core.xml", core.buf, core.len, err) < 0 ||
	    add_part(z, "word/document.xml", w->doc.buf, w->doc.len, err) < 0 ||
	    add_part(z, "word/_rels/document.xml.rels", document_rels, sizeof(document_rels) - 1, err) < 0 ||
	    add_part(z, "word/styles.xml", styles, sizeof(styles) - 1, err) < 0 ||
	    add_part(z, "word/settings.xml", settings, sizeof(settings) - 1, err) < 0 ||
	    add_part(z, "word/footnotes.xml", w->notes.buf, w->notes.len, err) < 0 ||
	    add_part(z, "word/comments.xml", w->comments.buf, w->comments.len, err) < 0) {
		zip_discard(z);
		goto out;
	}
	if (zip_close(z) < 0) {
		rl_fail(err, "cannot write the Word document: %s", zip_strerror(z));
		zip_discard(z);
		goto out;
	}
	if (zip_source_stat(mem, &st) < 0 || zip_source_open(mem) < 0) {
		rl_fail(err, "cannot write the Word document: %s", zip_error_strerror(zip_source_error(mem)));
		goto out;
	}
	while ((n = zip_source_read(mem, buf, sizeof(buf))) > 0)
		sbuf_add(out, buf, (size_t)n);
	zip_source_close(mem);
	if (n < 0) {
		rl_fail(err, "cannot write the Word document: %s", zip_error_strerror(zip_source_error(mem)));
		goto out;
	}
	rc = 0;
out:
	zip_source_free(mem);
	zip_error_fini(&ze);
	sbuf_release(&core);
	return rc;
}

int
docxout_redline(const struct redoc *d, const struct export_opts *o, struct sbuf *out, struct rl_error *err)
{
	struct writer w;
	size_t i;
	int rc;

	memset(&w, 0, sizeof(w));
	w.d = d;
	w.o = o;
	w.rev = 1;
	w.note_id = 2;
	w.comment_id = COMMENT_IDS;
	sbuf_adds(&w.doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS "><w:body>");
	sbuf_adds(&w.notes, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes " W_NS ">"
			    "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
			    "<w:r><w:separator/></w:r></w:p></w:footnote>"
			    "<w:footnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:pPr><w:spacing w:after=\"0\"/>"
			    "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>");
	sbuf_adds(&w.comments, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments " W_NS ">");
	for (i = 0; i < d->nparas;)
		i += paragraph(&w, i);
	/* A4, the UN's margins */
	sbuf_adds(&w.doc, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
			  "<w:pgMar w:top=\"1701\" w:right=\"1247\" w:bottom=\"1701\" w:left=\"1247\" w:header=\"567\" "
			  "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
	sbuf_adds(&w.notes, "</w:footnotes>");
	sbuf_adds(&w.comments, "</w:comments>");
	rc = package(&w, out, err);
	sbuf_release(&w.doc);
	sbuf_release(&w.notes);
	sbuf_release(&w.comments);
	return rc;
}
