"""Place phrases: a name with the head noun and compass words around it.

"بمحافظة حمص" is the Homs governorate, "ريف حلب الشمالي" the northern Aleppo countryside,
"جنوب غرب سوريا" south-western Syria, "محافظتي إدلب وحلب" two governorates, "ريفها الغربي"
the western countryside of the place named just before, "جنوبي البلاد" the south of the
article's country. This module finds the extent and parts of each phrase; ``resolve``
decides what it refers to.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from marsad.event import PlaceKind
from marsad.extract.gazetteer.entries import name_key
from marsad.extract.gazetteer.matcher import NameHit
from marsad.extract.gazetteer.sources import lexicon_rows

_WORD = re.compile(r"[^\W_]+")
#: What may separate the words of one phrase: spaces, a hashtag sign, an underscore.
_JOINER = re.compile(r"^[\s#_]*$")
#: What may separate a word from the name it introduces: spaces and quote marks ("عملية «بركان").
_QUOTED_GAP = re.compile(r"^[\s\"'«»“”]*$")
_PRONOUNS = ("ها", "ه")
_WORD_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
COUNTRY_WORD = "البلاد"


@dataclass(frozen=True, slots=True)
class Head:
    """A head noun: "محافظه" (role admin1), "ريف" (countryside), "مدينه" (settlement) ..."""

    word: str
    role: str
    kind: PlaceKind
    plural: bool
    in_name: bool
    name_en: str


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


class WordToken(Protocol):
    """A word of the matching view: a :class:`Token`, or the tokenizer's ``marsad.article.Token``
    of the same text (both split it at ``[^\\W_]+``, so they are the same words)."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(slots=True)
class Phrase:
    """One place phrase. Offsets index the normalized text.

    ``start``/``end`` cover the phrase without the first word's proclitics; ``name_start``/
    ``name_end`` the part that becomes the place's name (without "مدينه" in "مدينه دوما").
    """

    start: int
    end: int
    word_start: int
    proclitics: str
    hit: NameHit | None
    head: Head | None = None
    direction: str | None = None
    antecedent: int | None = None
    of_country: bool = False
    name_start: int = 0
    name_end: int = 0


class PhraseLexicon:
    """Head nouns and compass words (``lexicons/places/heads.tsv``, ``directions.tsv``)."""

    def __init__(self) -> None:
        self.heads = {
            row["word"]: Head(
                row["word"],
                row["role"],
                PlaceKind(row["kind"]),
                row["plural"] == "1",
                row["in_name"] == "1",
                row["name_en"],
            )
            for row in lexicon_rows("heads.tsv")
        }
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        # every word ending in ه (ta marbuta folds to it) is asked about, once per article
        self._pronoun_heads = functools.lru_cache(maxsize=16384)(self._pronoun_head)
        for row in lexicon_rows("directions.tsv"):
            table = self.before if row["position"] == "before" else self.after
            table[name_key(row["word"])] = row["direction"]

    def head(self, word: str) -> tuple[str, Head] | None:
        """``بمحافظه`` -> ("ب", the محافظه head)."""
        for proclitics, stem in strip_proclitics(word):
            if stem in self.heads:
                return proclitics, self.heads[stem]
        return None

    def pronoun_head(self, word: str) -> tuple[str, Head] | None:
        """``ريفها`` -> ("", the ريف head): a head pointing back at a place already named."""
        return self._pronoun_heads(word)

    def _pronoun_head(self, word: str) -> tuple[str, Head] | None:
        for pronoun in _PRONOUNS:
            if word.endswith(pronoun):
                found = self.head(word[: -len(pronoun)])
                if (
                    found
                    and not found[1].plural
                    and found[1].role in {"countryside", "outskirts", "neighbourhoods"}
                ):
                    return found
        return None


@functools.lru_cache(maxsize=16384)
def strip_proclitics(word: str) -> tuple[tuple[str, str], ...]:
    """``وبريف`` -> (("وب", "ريف"), ("و", "بريف"), ("", "وبريف")) (longest strip first; cached)."""
    out = [(p, word[len(p) :]) for p in _WORD_PROCLITICS if word.startswith(p) and len(word) > len(p) + 1]
    out.append(("", word))
    return tuple(out)


def tokens_of(view: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(view)]


class PhraseBuilder:
    """Turns name hits into phrases over one text."""

    def __init__(self, lexicon: PhraseLexicon, view: str, tokens: Sequence[WordToken]) -> None:
        self.lexicon = lexicon
        self.view = view
        self.tokens = tokens
        self._by_start = {token.start: index for index, token in enumerate(tokens)}
        self._starts = [token.start for token in tokens]
        self._by_end = {token.end: index for index, token in enumerate(tokens)}

    def joined(self, left: int, right: int) -> bool:
        """Whether tokens ``left`` and ``right`` (adjacent) belong to one phrase."""
        return _JOINER.match(self.view[self.tokens[left].end : self.tokens[right].start]) is not None

    def _token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self._starts, offset)

    def words_between(self, start: int, end: int) -> list[str]:
        """The words lying wholly inside ``[start, end)``."""
        out: list[str] = []
        for token in self.tokens[self._token_at(start) :]:
            if token.end > end:
                break
            out.append(token.text)
        return out

    def next_word(self, phrase: Phrase) -> str | None:
        """The word right after a phrase, when nothing but a space separates them."""
        token = self.next_token(phrase)
        return token.text if token is not None else None

    def next_token(self, phrase: Phrase) -> WordToken | None:
        """The token right after a phrase, when nothing but a space separates them."""
        index = self._by_end.get(phrase.end)
        if index is None or index + 1 >= len(self.tokens) or not self.joined(index, index + 1):
            return None
        return self.tokens[index + 1]

    def previous_word(self, phrase: Phrase) -> str | None:
        """The word right before a phrase, when only spaces or quote marks separate them."""
        index = self._by_start.get(phrase.word_start)
        if not index:
            return None
        before = self.tokens[index - 1]
        return before.text if _QUOTED_GAP.match(self.view[before.end : phrase.word_start]) else None

    def build(self, hits: list[NameHit]) -> list[Phrase]:
        phrases: list[Phrase] = []
        pending: Phrase | None = None  # the last phrase under a plural head ("محافظتي ادلب وحلب")
        for hit in hits:
            phrase = self._phrase(hit)
            if phrase.head is None and pending is not None and self._continues_list(pending, hit):
                phrase.head = pending.head
            phrases.append(phrase)
            pending = phrase if phrase.head is not None and phrase.head.plural else None
        phrases.extend(self._headless_phrases(phrases))
        phrases.sort(key=lambda p: p.start)
        for phrase in phrases:
            if phrase.hit is None and phrase.head is not None:
                phrase.antecedent = _antecedent(phrases, phrase)
        return phrases

    def _continues_list(self, previous: Phrase, hit: NameHit) -> bool:
        first = self._by_start.get(hit.word_start)
        return (
            hit.proclitics.startswith("و")
            and first is not None
            and first > 0
            and (self.tokens[first - 1].end == previous.end and self.joined(first - 1, first))
        )

    def _phrase(self, hit: NameHit) -> Phrase:
        first = self._by_start.get(hit.word_start)
        last = self._by_end.get(hit.end)
        phrase = Phrase(
            hit.start, hit.end, hit.word_start, hit.proclitics, hit, name_start=hit.start, name_end=hit.end
        )
        if first is not None and not hit.proclitics:
            self._extend_left(phrase, first)
        if last is not None:
            self._extend_right(phrase, last)
        if phrase.head is not None and not phrase.head.in_name:
            phrase.name_start, phrase.name_end = hit.start, hit.end
        else:
            phrase.name_start, phrase.name_end = phrase.start, phrase.end
        return phrase

    def _extend_left(self, phrase: Phrase, first: int) -> None:
        index = first - 1
        if index >= 0 and self.joined(index, first):
            found = self.lexicon.head(self.tokens[index].text)
            if found is not None:
                proclitics, phrase.head = found
                self._move_start(phrase, index, proclitics)
                first, index = index, index - 1
        if index >= 0 and not (phrase.proclitics and phrase.head is not None):
            direction = self._direction_before(index, first)
            if direction is not None:
                start_index, proclitics, phrase.direction = direction
                self._move_start(phrase, start_index, proclitics)

    def _move_start(self, phrase: Phrase, index: int, proclitics: str) -> None:
        token = self.tokens[index]
        phrase.word_start, phrase.proclitics, phrase.start = (
            token.start,
            proclitics,
            token.start + len(proclitics),
        )

    def _direction_before(self, index: int, first: int) -> tuple[int, str, str] | None:
        """``(start token, proclitics, direction)`` of a compass word or pair ending at ``index``."""
        if not self.joined(index, first):
            return None
        if index >= 1 and self.joined(index - 1, index):
            pair = f"{self.tokens[index - 1].text} {self.tokens[index].text}"
            for proclitics, stem in strip_proclitics(pair):
                if stem in self.lexicon.before:
                    return index - 1, proclitics, self.lexicon.before[stem]
        for proclitics, stem in strip_proclitics(self.tokens[index].text):
            if stem in self.lexicon.before:
                return index, proclitics, self.lexicon.before[stem]
        return None

    def _extend_right(self, phrase: Phrase, last: int) -> None:
        if phrase.direction is not None or (phrase.head is not None and phrase.head.role in _NO_ADJECTIVE):
            return
        found = self._direction_after(last)
        if found is not None:
            end_index, phrase.direction = found
            phrase.end = self.tokens[end_index].end

    def _direction_after(self, last: int) -> tuple[int, str] | None:
        nxt = last + 1
        if nxt >= len(self.tokens) or not self.joined(last, nxt):
            return None
        if nxt + 1 < len(self.tokens) and self.joined(nxt, nxt + 1):
            pair = f"{self.tokens[nxt].text} {self.tokens[nxt + 1].text}"
            if pair in self.lexicon.after:
                return nxt + 1, self.lexicon.after[pair]
        word = self.tokens[nxt].text
        return (nxt, self.lexicon.after[word]) if word in self.lexicon.after else None

    def _headless_phrases(self, phrases: list[Phrase]) -> list[Phrase]:
        """Phrases with no name of their own: "ريفها الغربي", "جنوب البلاد"."""
        taken = {
            index for p in phrases for index in range(self._token_at(p.word_start), self._token_at(p.end))
        }
        out: list[Phrase] = []
        for index, token in enumerate(self.tokens):
            if index in taken or not (token.text == COUNTRY_WORD or token.text.endswith(_PRONOUNS)):
                continue
            phrase = self._pronoun_phrase(index) or self._country_phrase(index)
            if phrase is not None:
                out.append(phrase)
        return out

    def _pronoun_phrase(self, index: int) -> Phrase | None:
        found = self.lexicon.pronoun_head(self.tokens[index].text)
        if found is None:
            return None
        proclitics, head = found
        token = self.tokens[index]
        phrase = Phrase(token.start + len(proclitics), token.end, token.start, proclitics, None, head=head)
        self._extend_right(phrase, index)
        if phrase.direction is None:
            return None  # "عفرين وريفها" repeats the town; "ريفها الغربي" names a new area
        phrase.name_start, phrase.name_end = phrase.start, phrase.end
        return phrase

    def _country_phrase(self, index: int) -> Phrase | None:
        token = self.tokens[index]
        if token.text != COUNTRY_WORD or index == 0:
            return None
        direction = self._direction_before(index - 1, index)
        if direction is None:
            return None
        start_index, proclitics, compass = direction
        start_token = self.tokens[start_index]
        start = start_token.start + len(proclitics)
        return Phrase(
            start,
            token.end,
            start_token.start,
            proclitics,
            None,
            direction=compass,
            of_country=True,
            name_start=start,
            name_end=token.end,
        )


#: Heads after which a compass adjective belongs to the next words, not to the place.
_NO_ADJECTIVE = frozenset({"settlement", "facility", "road", "mountain", "region", "subdistrict"})


def _antecedent(phrases: list[Phrase], phrase: Phrase) -> int | None:
    """The nearest earlier phrase with a name of its own: what "ريفها" refers to."""
    best = None
    for index, other in enumerate(phrases):
        if other.end <= phrase.start and other.hit is not None and other.direction is None:
            best = index
    return best
