#!/usr/bin/env python3
"""Writes DIR/compile_commands.json for the given sources of DIR.

  compdb.py DIR COMPILER [FLAGS...] -- SOURCE...

Each source is compiled as `COMPILER FLAGS -c SOURCE -o SOURCE.o` in DIR,
so the database is the one a build of those files would have.
"""
import json
import os
import sys


def main(argv):
    if "--" not in argv or len(argv) < 4:
        sys.exit(__doc__)
    split = argv.index("--")
    directory, compiler, flags = argv[0], argv[1], argv[2:split]
    directory = os.path.abspath(directory)
    entries = [{"directory": directory,
                "file": os.path.join(directory, source),
                "arguments": [compiler] + flags + ["-c", source, "-o", source + ".o"]}
               for source in argv[split + 1:]]
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
