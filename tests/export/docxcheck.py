#!/usr/bin/env python3
"""docxcheck.py FILE.docx accept|accept:AUTHOR|reject|stats [EXPECTED.json]

Reads a Word document's word/document.xml as Word's "accept all" or
"reject all" would leave it -- with w:del (accept) or w:ins (reject)
dropped, and the paragraphs whose mark is deleted (accept) or inserted
(reject) joined to the next; accept:AUTHOR accepts that author's changes
and rejects the others' -- and prints the paragraphs styled as
clauses, one per line, their number and tab taken off; with EXPECTED (redline
parse --format=json of the version), compares them with its clauses' texts
instead and exits 1 on the first difference. "stats" prints the counts of
insertions and deletions by author and whether the XML of every part
parses. Standard library only."""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def accepted(el, mode):
    """Whether a w:ins or w:del is accepted: all of them (accept), none
    (reject), or those of one author (accept:NAME)."""
    if mode == "accept":
        return True
    if mode.startswith("accept:"):
        return el.get(W + "author") == mode[len("accept:"):]
    return False


def gone(el, mode):
    """A w:ins rejected or a w:del accepted: its content is not there."""
    if el.tag == W + "ins":
        return not accepted(el, mode)
    if el.tag == W + "del":
        return accepted(el, mode)
    return False


def paragraphs(root, mode):
    out = []
    carry = None
    for p in root.iter(W + "p"):
        ppr = p.find(W + "pPr")
        style = None
        joins = False
        if ppr is not None:
            st = ppr.find(W + "pStyle")
            style = st.get(W + "val") if st is not None else None
            rpr = ppr.find(W + "rPr")
            if rpr is not None:
                for m in list(rpr.iter(W + "ins")) + list(rpr.iter(W + "del")):
                    joins = joins or gone(m, mode)
        text = []

        def walk(el, dropped):
            for ch in el:
                if ch.tag == W + "pPr":
                    continue
                g = dropped or gone(ch, mode)
                if ch.tag in (W + "t", W + "delText") and not g:
                    text.append(ch.text or "")
                elif ch.tag == W + "tab" and not g:
                    text.append("\t")
                elif ch.tag == W + "br" and not g:
                    text.append(" ")
                walk(ch, g)

        walk(p, False)
        t = "".join(text)
        if carry is not None:
            t = carry[1] + t
            style = carry[0] if carry[0] else style
            carry = None
        if joins:
            carry = (style, t)
            continue
        out.append((style, t))
    if carry is not None:
        out.append(carry)
    return out


def clause_texts(paras):
    res = []
    for style, t in paras:
        if style != "Clause" or t == "":
            continue
        if "\t" in t:
            t = t.split("\t", 1)[1]
        res.append(t)
    return res


def main():
    path, mode = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(path) as z:
        if mode == "stats":
            counts = {}
            for name in z.namelist():
                if name.endswith(".xml") or name.endswith(".rels"):
                    root = ET.fromstring(z.read(name))
                    for tag in ("ins", "del"):
                        for el in root.iter(W + tag):
                            a = el.get(W + "author")
                            counts[(tag, a)] = counts.get((tag, a), 0) + 1
            for (tag, a), n in sorted(counts.items()):
                print(f"{tag}\t{a}\t{n}")
            return 0
        root = ET.fromstring(z.read("word/document.xml"))
    got = clause_texts(paragraphs(root, mode))
    if len(sys.argv) < 4:
        print("\n".join(got))
        return 0
    with open(sys.argv[3], encoding="utf-8") as f:
        want = [c["text"] for c in json.load(f)["clauses"]]
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            print(f"clause {i + 1} differs:\n  document: {a}\n  version:  {b}")
            return 1
    if len(got) != len(want):
        print(f"{len(got)} clauses in the document, {len(want)} in the version")
        return 1
    return 0


sys.exit(main())
