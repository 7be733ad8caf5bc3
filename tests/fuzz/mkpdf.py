#!/usr/bin/env python3
"""mkpdf.py TEXT OUT: a small PDF set from a resolution's text, for the PDF
reader's seed corpus: uncompressed content streams (so that the fuzzer's
mutations reach the text operators, not a deflated stream), two pages with
a running header and a page number, paragraphs with first-line indents,
footnote markers as small raised digits, and a page's footnotes under a
rule. Standard Type 1 font, so the text is ASCII (other characters '?')."""
import sys, textwrap

text = open(sys.argv[1], encoding="utf-8").read()
paras = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]

def esc(s):
    s = "".join(c if 32 <= ord(c) < 127 else "?" for c in s)
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

pages, ops, y, note = [], [], 700, 1
def new_page():
    global ops, y
    if ops:
        pages.append(ops)
    ops = ["BT /F1 8 Tf 72 750 Td (A/RES/79/53) Tj ET"]
    y = 700
new_page()
for p in paras[:24]:
    lines = textwrap.wrap(p, 80) or [""]
    if y - 14 * len(lines) < 140:
        ops.append("72 120 m 216 120 l S")
        ops.append("BT /F1 7 Tf 72 110 Td (%d See A/79/211.) Tj ET" % (note - 1))
        ops.append("BT /F1 8 Tf 300 60 Td (%d/2) Tj ET" % (len(pages) + 1))
        new_page()
    for i, l in enumerate(lines):
        x = 108 if i == 0 else 72
        op = "BT /F1 11 Tf %d %d Td (%s) Tj" % (x, y, esc(l))
        if i == len(lines) - 1 and p[:1].isdigit():
            op += " /F1 7 Tf 4 Ts (%d) Tj 0 Ts" % note
            note += 1
        ops.append(op + " ET")
        y -= 14
    y -= 8
ops.append("BT /F1 8 Tf 300 60 Td (%d/2) Tj ET" % (len(pages) + 1))
pages.append(ops)

objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % (4 + 2 * i) for i in range(len(pages))), len(pages)),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"]
for i, ops in enumerate(pages):
    body = "\n".join(ops).encode()
    objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
    objs.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body.decode()))
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += ("%d 0 obj\n%s\nendobj\n" % (i + 1, o)).encode()
x = len(out)
out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
for o in offs:
    out += ("%010d 00000 n \n" % o).encode()
out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)).encode()
open(sys.argv[2], "wb").write(out)
