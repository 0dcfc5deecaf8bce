"""Normalize Arabic text for matching and keep the way back to every raw character.

Why hand-written: pyarabic and camel-tools fold letters fast but return a new string with no
alignment, and marsad must highlight the exact raw characters behind every match. We fold
one-to-one characters with ``str.translate`` (C speed) and only walk the characters that are
deleted or expanded, so text without diacritics costs one translate and one regex scan.
"""

from __future__ import annotations

import re

from marsad.article import NormalizedText, OffsetMap
from marsad.normalize.letters import DROPPED, EXPANDED, ONE_TO_ONE

_TRANSLATE = str.maketrans(ONE_TO_ONE)
_SPECIAL = re.compile("[" + re.escape("".join(sorted(DROPPED | set(EXPANDED)))) + "]+")
#: What ``normalize`` does to every character, as one table: the deleted and expanded
#: characters override any one-to-one fold, as ``normalize`` looks for them first.
_FOLD = str.maketrans({**ONE_TO_ONE, **dict.fromkeys(DROPPED, None), **EXPANDED})


def fold(text: str) -> str:
    """Normalized form of ``text`` without an offset map (lexicon entries, queries).

    The same text as ``normalize(text).text``, in one ``str.translate``: every line the
    cleaner reads and every lexicon key passes here.
    """
    return text.translate(_FOLD)


def normalize(raw: str) -> NormalizedText:
    """Fold ``raw`` for matching; the result's ``offsets`` map back into ``raw``."""
    if _SPECIAL.search(raw) is None:
        return NormalizedText(raw.translate(_TRANSLATE), OffsetMap.identity(len(raw)))
    parts: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    derived = 0
    source = 0
    for match in _SPECIAL.finditer(raw):
        if match.start() > source:
            chunk = raw[source : match.start()].translate(_TRANSLATE)
            parts.append(chunk)
            segments.append((derived, derived + len(chunk), source, match.start()))
            derived += len(chunk)
        for offset, char in enumerate(match.group(), start=match.start()):
            replacement = EXPANDED.get(char)
            if replacement:
                parts.append(replacement)
                segments.append((derived, derived + len(replacement), offset, offset + 1))
                derived += len(replacement)
        source = match.end()
    if source < len(raw):
        chunk = raw[source:].translate(_TRANSLATE)
        parts.append(chunk)
        segments.append((derived, derived + len(chunk), source, len(raw)))
        derived += len(chunk)
    return NormalizedText("".join(parts), OffsetMap(segments, derived, len(raw)))
