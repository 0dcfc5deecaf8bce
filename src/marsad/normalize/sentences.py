"""Sentence and clause splitting for Arabic news, keeping spans into the body."""

from __future__ import annotations

import re

from marsad.event import Span

# A sentence ends at . ! ? ؟ ! or a line break; decimal points and initials are not ends.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟…]+(?![\d])[\"'”»)]*|\n+")


def split_sentences(body: str) -> list[Span]:
    """Sentence spans of ``body``, whitespace trimmed, empty ones skipped."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(body):
        _add_trimmed(body, start, match.end() if match.group()[0] != "\n" else match.start(), spans)
        start = match.end()
    _add_trimmed(body, start, len(body), spans)
    return spans


def _add_trimmed(body: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
