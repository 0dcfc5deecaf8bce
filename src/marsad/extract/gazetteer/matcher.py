"""Find gazetteer names in normalized Arabic text.

The automaton reports every name core anywhere, even inside other words; a hit is kept only
when it ends a word and what precedes it in its word is a run of proclitics (و ف ب ل ك),
optionally with the article (ال, or لل after ل). The article must agree with the name:
``الرقه`` needs it, ``سوريه`` must not have it (``السوريه`` is "the Syrian"). Hashtags are
matched with their underscores read as spaces. Of overlapping hits the longest wins, so
"ريف دمشق" is one name, not "دمشق" inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from marsad.extract.gazetteer.entries import ARTICLE, NameRef, name_key
from marsad.extract.gazetteer.index import Gazetteer

#: Proclitic runs allowed before a name (conjunction, then preposition).
PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
#: Runs that may precede "لل" (ل + the article with its alef dropped).
BEFORE_LAM_ARTICLE = frozenset({"", "و", "ف"})


@dataclass(frozen=True, slots=True)
class NameHit:
    """One name found in the text. Offsets index the normalized text.

    ``start`` is where the name as written begins (its article included, proclitics not);
    ``word_start`` is where its first word begins, proclitics included.
    """

    start: int
    end: int
    word_start: int
    proclitics: str
    core: str
    refs: tuple[NameRef, ...]
    hashtag: bool = False
    elided_article: bool = False  # "للرقه": the article's alef dropped after ل


def matching_view(text: str) -> str:
    """The text as names are matched in it: hashtag underscores read as spaces (same length)."""
    return text.replace("_", " ")


def split_lead(lead: str) -> tuple[str, bool] | None:
    """The proclitics and article flag of what precedes a name inside its word, or None if invalid."""
    if lead in PROCLITICS:
        return lead, False
    if lead.endswith(ARTICLE) and lead[: -len(ARTICLE)] in PROCLITICS:
        return lead[: -len(ARTICLE)], True
    if lead.endswith("لل") and lead[:-2] in BEFORE_LAM_ARTICLE:
        return lead[:-1], True
    return None


def elides_article(lead: str) -> bool:
    """``لل`` before a name: ل + the article without its alef."""
    return lead.endswith("لل") and lead[:-2] in BEFORE_LAM_ARTICLE


def word_start(view: str, index: int) -> int:
    while index > 0 and view[index - 1].isalnum():
        index -= 1
    return index


def find_names(gazetteer: Gazetteer, text: str, masked: Sequence[tuple[int, int]] = ()) -> list[NameHit]:
    """Non-overlapping name hits in normalized ``text``, in text order.

    Names are matched in :func:`matching_view` of the text; a name that starts in a hashtag
    ends with it ("#مطار_التيفور العسكري" names the airport, not "مطار التيفور العسكري").
    """
    view = matching_view(text)
    hits: list[NameHit] = []
    for end, core in gazetteer.scan(view):
        hit = _hit_at(gazetteer, view, end, core)
        if hit is None or _inside(hit, masked):
            continue
        if hit.hashtag and any(char.isspace() for char in text[hit.start : hit.end]):
            continue
        hits.append(hit)
    return longest_first(hits)


def _hit_at(gazetteer: Gazetteer, view: str, end: int, core: str) -> NameHit | None:
    if end < len(view) and view[end].isalnum():
        return None
    start = end - len(core)
    first = word_start(view, start)
    lead = split_lead(view[first:start])
    if lead is None:
        return None
    proclitics, article = lead
    refs = tuple(ref for ref in gazetteer.candidates(core) if ref.article == article)
    if not refs:
        return None
    name_start = first + len(proclitics)
    hashtag = first > 0 and view[first - 1] == "#"
    elided = elides_article(view[first:start])
    return NameHit(name_start, end, first, proclitics, core, refs, hashtag, elided)


def _inside(hit: NameHit, masked: Sequence[tuple[int, int]]) -> bool:
    return any(start <= hit.start and hit.end <= end for start, end in masked)


def longest_first(hits: list[NameHit]) -> list[NameHit]:
    """Keep the longest of overlapping hits (then the one with the longer name core)."""
    chosen: list[NameHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.word_start), -len(h.core), h.word_start)):
        if all(hit.end <= other.word_start or other.end <= hit.word_start for other in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.word_start)


class PhraseMask:
    """Phrases in which a place name names something else ("قوات سوريا الديمقراطيه")."""

    def __init__(self, phrases: list[str]) -> None:
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH, ahocorasick.KEY_STRING)
        for phrase in phrases:
            self._automaton.add_word(name_key(phrase))
        self._empty = not phrases
        if not self._empty:
            self._automaton.make_automaton()

    def spans(self, view: str) -> list[tuple[int, int]]:
        if self._empty:
            return []
        spans: list[tuple[int, int]] = []
        for last, length in self._automaton.iter(view):
            end, start = last + 1, last + 1 - length
            if end < len(view) and view[end].isalnum():
                continue
            if split_lead(view[word_start(view, start) : start]) is not None:
                spans.append((start, end))
        return spans
