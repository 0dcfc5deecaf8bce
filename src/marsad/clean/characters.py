"""Invisible-character cleanup that keeps the way back to the source text.

The body must stay the article's own words (evidence sentences are quoted from it), so only
what a reader cannot see or what only changes how a letter is drawn is touched:

* bidi and zero-width controls (LRM/RLM, embeddings, isolates, ZWSP/ZWJ/ZWNJ, BOM, soft
  hyphen, word joiner) are deleted;
* a run of two or more tatweels (decorative stretching, ``قــــال``) is deleted between two
  letters and shortened to one tatweel elsewhere, because a single tatweel after a proclitic
  (``بـ"ثمن"``, ``لـCNN``) is how the text is written and stays;
* Arabic presentation forms (``ﻻ``, ``ﺍ``) become the base letters they draw (NFKC).

:class:`BodyBuilder` assembles a body from source ranges and records an
:class:`~marsad.article.OffsetMap` from body offsets to source offsets.
"""

from __future__ import annotations

import re
import unicodedata

from marsad.article import OffsetMap

INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u00ad\u2060\u180e"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x206A))
)
TATWEEL = "\u0640"

_SPECIAL = re.compile(
    f"[{INVISIBLE}]+|{TATWEEL}{{2,}}|[\ufb50-\ufdff\ufe70-\ufeff]",
)


def _presentation_base(char: str) -> str:
    """The base letters a presentation form draws; isolated harakat lose NFKC's leading space."""
    base = unicodedata.normalize("NFKC", char)
    return base.lstrip() if base.strip() else char


_PRESENTATION = {chr(c): _presentation_base(chr(c)) for c in range(0xFB50, 0xFE00)} | {
    chr(c): _presentation_base(chr(c)) for c in range(0xFE70, 0xFEFF)
}


def _replacement(run: str, before: str, after: str) -> str:
    """What one special run becomes in the body."""
    first = run[0]
    if first == TATWEEL:
        between_letters = before.isalpha() and after.isalpha()
        return "" if between_letters else TATWEEL
    if first in _PRESENTATION:
        return _PRESENTATION[first]
    return ""


class BodyBuilder:
    """Concatenates cleaned source ranges; :meth:`offset_map` maps the result back."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, int, int]] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def add_range(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` with invisible characters cleaned."""
        cursor = start
        for match in _SPECIAL.finditer(self.source, start, end):
            self._copy(cursor, match.start())
            before = self.source[match.start() - 1] if match.start() > 0 else ""
            after = self.source[match.end()] if match.end() < len(self.source) else ""
            self._unit(_replacement(match.group(), before, after), match.start(), match.end())
            cursor = match.end()
        self._copy(cursor, end)

    def add_separator(self, text: str, source_start: int, source_end: int) -> None:
        """Append ``text`` (e.g. a newline between kept lines) standing for a source range."""
        self._unit(text, source_start, source_end)

    def _copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        self._parts.append(self.source[start:end])
        self._segments.append((self._length, self._length + end - start, start, end))
        self._length += end - start

    def _unit(self, text: str, source_start: int, source_end: int) -> None:
        if not text:
            return
        self._parts.append(text)
        self._segments.append((self._length, self._length + len(text), source_start, source_end))
        self._length += len(text)

    def text(self) -> str:
        return "".join(self._parts)

    def offset_map(self) -> OffsetMap:
        return OffsetMap(list(self._segments), self._length, len(self.source))


def clean_characters(text: str) -> str:
    """``text`` with invisible controls, tatweel runs and presentation forms cleaned (no map)."""
    if _SPECIAL.search(text) is None:
        return text
    builder = BodyBuilder(text)
    builder.add_range(0, len(text))
    return builder.text()
