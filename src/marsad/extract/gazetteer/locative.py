"""Is a place named as a location, or as the government that sits there?

Countries, capitals and a few buildings ("البيت الابيض") are often named as actors: "روسيا
قالت", "اتهمت دمشق وموسكو", "عقوبات على روسيا". They count as locations only where the text
puts something in them:

- a locative word just before ("في سوريا", "قرب دمشق", "الحدود مع تركيا", "ومقره بريطانيا"),
  through one nisba adjective ("العاصمه السوريه دمشق");
- the preposition ب on the name itself ("بسوريا");
- "على" before a city ("قصف بالهاونات على دمشق"), never before a country ("عقوبات على روسيا");
- "مع" after a locative word ("الحدود مع تركيا");
- "من" unless an agent word precedes it ("مدعومه من روسيا"); "الى" unless an addressee word
  comes shortly before ("المبعوث الخاص الى سوريا");
- a dateline ("دمشق - ", "دبي، الامارات العربيه المتحده (CNN)");
- a list joined to a location ("في سوريا والعراق").

Every other place (towns, regions, composed phrases) is a location.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.event import PlaceKind
from marsad.extract.gazetteer.compose import Phrase, WordToken
from marsad.extract.gazetteer.entries import GazetteerEntry
from marsad.extract.gazetteer.sources import lexicon_rows

_LINE_START = re.compile(r"(?:^|\n)[\s(#\"'*]*$")
_DATELINE_END = re.compile(r"^\s*[-:(]")
_LIST_COMMA = re.compile(r"^\s*,\s*$")
_GAP = re.compile(r"^[\s#\"']*$")
ADDRESSEE_WINDOW = 3


class CueLexicon:
    """``lexicons/places/cues.tsv``: locative words, "من"/"الى" and the words that undo them."""

    def __init__(self) -> None:
        rows = lexicon_rows("cues.tsv")
        self.words: dict[str, set[str]] = {}
        for row in rows:
            self.words.setdefault(row["cue"], set()).add(row["word"])

    def has(self, cue: str, word: str) -> bool:
        """Whether ``word``, or ``word`` without a leading و/ف, is a ``cue`` word."""
        known = self.words.get(cue, set())
        return word in known or (len(word) > 2 and word[0] in "وف" and word[1:] in known)


class LocationJudge:
    """Decides ``as_location`` for every phrase of one text, left to right."""

    def __init__(self, cues: CueLexicon, view: str, tokens: Sequence[WordToken]) -> None:
        self.cues = cues
        self.view = view
        self.tokens = tokens
        self._token_ends = [t.end for t in tokens]

    def judge(self, phrases: Sequence[Phrase], bases: Sequence[GazetteerEntry | None]) -> list[bool]:
        decided: list[bool] = []
        for index, (phrase, base) in enumerate(zip(phrases, bases, strict=True)):
            decided.append(self._decide(index, phrase, base, phrases, decided))
        return decided

    def _decide(
        self,
        index: int,
        phrase: Phrase,
        base: GazetteerEntry | None,
        phrases: Sequence[Phrase],
        decided: list[bool],
    ) -> bool:
        if base is None or not base.metonym or phrase.head is not None or phrase.direction is not None:
            return True
        if "ب" in phrase.proclitics or self._dateline(index, phrases):
            return True
        if self._cued(phrase, base):
            return True
        return index > 0 and decided[index - 1] and self._listed_after(phrases[index - 1], phrase)

    def cued(self, phrase: Phrase, base: GazetteerEntry) -> bool:
        """Whether the text places something in the phrase's place: "بحلب", "في بركان", "قرب دمشق"."""
        return "ب" in phrase.proclitics or self._cued(phrase, base)

    def _previous_tokens(self, phrase: Phrase, count: int) -> list[WordToken]:
        """Up to ``count`` tokens before the phrase, nearest first, stopping at punctuation."""
        out: list[WordToken] = []
        position = phrase.word_start
        index = _index_before(self._token_ends, position)
        while index >= 0 and len(out) < count:
            token = self.tokens[index]
            if not _GAP.match(self.view[token.end : position]):
                break
            out.append(token)
            position = token.start
            index -= 1
        return out

    def _cued(self, phrase: Phrase, base: GazetteerEntry) -> bool:
        before = self._previous_tokens(phrase, ADDRESSEE_WINDOW + 2)
        if before and _is_nisba(before[0].text) and len(before) > 1:
            before = before[1:]
        if not before:
            return False
        word = before[0].text
        if self.cues.has("locative", word):
            return True
        if self.cues.has("on", word):  # "قصف على دمشق" but "عقوبات على روسيا"
            return base.kind is not PlaceKind.COUNTRY
        if self.cues.has("with", word):  # "الحدود مع تركيا"
            return len(before) > 1 and self.cues.has("locative", before[1].text)
        if self.cues.has("from", word):
            return not (len(before) > 1 and self.cues.has("from_agent", before[1].text))
        if self.cues.has("to", word):
            return not any(self.cues.has("to_addressee", t.text) for t in before[1 : 1 + ADDRESSEE_WINDOW])
        return False

    def _dateline(self, index: int, phrases: Sequence[Phrase]) -> bool:
        phrase = phrases[index]
        after = self.view[phrase.end :]
        starts_line = _LINE_START.search(self.view[: phrase.word_start]) is not None
        if starts_line and (_DATELINE_END.match(after) or self._comma_to_dateline(index, phrases)):
            return True
        if index == 0:
            return False
        previous = phrases[index - 1]
        return (
            _LIST_COMMA.match(self.view[previous.end : phrase.word_start]) is not None
            and _DATELINE_END.match(after) is not None
            and _LINE_START.search(self.view[: previous.word_start]) is not None
        )

    def _comma_to_dateline(self, index: int, phrases: Sequence[Phrase]) -> bool:
        if index + 1 >= len(phrases):
            return False
        following = phrases[index + 1]
        return (
            _LIST_COMMA.match(self.view[phrases[index].end : following.word_start]) is not None
            and _DATELINE_END.match(self.view[following.end :]) is not None
        )

    def _listed_after(self, previous: Phrase, phrase: Phrase) -> bool:
        """ "في سوريا والعراق": the name follows a location, joined by و or "او"."""
        gap = self.view[previous.end : phrase.word_start]
        if phrase.proclitics.startswith("و") and _GAP.match(gap):
            return True
        return gap.strip() in {"او", "و"}


def _index_before(ends: list[int], position: int) -> int:
    """Index of the last token ending at or before ``position`` (-1 if none)."""
    low, high = 0, len(ends)
    while low < high:
        middle = (low + high) // 2
        if ends[middle] <= position:
            low = middle + 1
        else:
            high = middle
    return low - 1


def _is_nisba(word: str) -> bool:
    """A definite relational adjective such as "السوريه", "الروسي", "الامريكيه"."""
    return word.startswith("ال") and len(word) > 5 and (word.endswith("يه") or word.endswith("ي"))
