"""Fold the match keys of the place lexicons in place, so hand-typed Arabic satisfies fold(key) == key.

    .venv/bin/python tools/format_place_lexicons.py [--check]

We type names as they are written ("سورية", "أعزاز"); this rewrites the key columns
(``names``, ``word``, ``phrase``) folded, drops names repeated within a row and rows repeated
in a file, and leaves comments, headers and every other column alone. ``--check`` only
reports what it would change (exit status 1 when something would).
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.extract.gazetteer.entries import name_key

FOLDER = Path(__file__).resolve().parent.parent / "src" / "marsad" / "lexicons" / "places"
KEY_COLUMNS = {"names", "word", "phrase"}


def format_file(path: Path) -> tuple[str, str]:
    original = path.read_text(encoding="utf-8")
    out: list[str] = []
    header: list[str] | None = None
    seen: set[str] = set()
    for line in original.splitlines():
        if not line.strip() or line.startswith("#"):
            out.append(line)
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            out.append(line)
            continue
        for position, column in enumerate(header):
            if column in KEY_COLUMNS and position < len(cells):
                cells[position] = _fold_names(cells[position])
        row = "\t".join(cells)
        if row not in seen:
            seen.add(row)
            out.append(row)
    return original, "\n".join(out) + "\n"


def _fold_names(cell: str) -> str:
    names: list[str] = []
    for name in cell.split("|"):
        key = name_key(name)
        if key and key not in names:
            names.append(key)
    return "|".join(names)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = 0
    for path in sorted(FOLDER.glob("*.tsv")):
        before, after = format_file(path)
        if before != after:
            changed += 1
            sys.stdout.write(f"{'would fold' if check else 'folded'} {path.name}\n")
            if not check:
                path.write_text(after, encoding="utf-8")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
