#!/usr/bin/python3
"""lo-accept.py SOCKET_NAME FILE.docx accept|reject OUT.txt

Through LibreOffice's own UNO bridge (python3-uno, Debian's python3): load
the document in a running headless soffice (started with
--accept="pipe,name=SOCKET_NAME;urp;"), accept or reject every tracked
change with Writer's own commands, and write the text that is left,
paragraph by paragraph (footnote citations left out), to OUT.txt; also print the number of tracked
changes and their authors before, one line each."""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(name):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={name};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    raise SystemExit("lo-accept: soffice did not answer")


def main():
    name, path, mode, out = sys.argv[1:5]
    ctx = connect(name)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
    redlines = doc.Redlines
    authors = {}
    e = redlines.createEnumeration()
    while e.hasMoreElements():
        r = e.nextElement()
        key = (r.RedlineType, r.RedlineAuthor)
        authors[key] = authors.get(key, 0) + 1
    for (kind, author), n in sorted(authors.items()):
        print(f"{kind}\t{author}\t{n}")
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    frame = doc.getCurrentController().getFrame()
    cmd = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
    dispatcher.executeDispatch(frame, cmd, "", 0, ())
    paras = []
    e = doc.Text.createEnumeration()
    while e.hasMoreElements():
        p = e.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph"):
            # the text without the footnotes' citation numbers
            parts = []
            pe = p.createEnumeration()
            while pe.hasMoreElements():
                portion = pe.nextElement()
                if portion.TextPortionType != "Footnote":
                    parts.append(portion.getString())
            paras.append((p.ParaStyleName, "".join(parts)))
    with open(out, "w", encoding="utf-8") as f:
        for style, text in paras:
            f.write(f"{style}\t{text}\n")
    doc.close(True)


main()
