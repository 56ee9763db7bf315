#!/usr/bin/env python3
"""Edits FILE the way everyday work does around a known finding: a comment
block and a new declaration above everything, so every line moves.

  shift.py FILE
"""
import sys

path = sys.argv[1]
with open(path) as f:
    text = f.read()
head = "// Added later: a licence header,\n// and a few more lines of prose\n// that push every line down.\n\n"
marker = "class Loader {"
text = text.replace(marker, "struct Unrelated {\n  int Value = 0;\n};\n\n" + marker, 1)
with open(path, "w") as f:
    f.write(head + text)
