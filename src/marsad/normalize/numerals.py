"""Numbers written in digits or in words, read from *normalized* text.

Normalization has already turned Arabic-Indic and Persian digits into ASCII and the Arabic
separators ٬ ٫ into "," and "."; this module reads what is left:

* digit strings: ``1,500`` (a comma before exactly three digits groups thousands), ``2.5``;
* number-word phrases: units with their gender and case forms (ثلاث/ثلاثه, ثمان/ثماني/ثمانيه),
  teens (ثلاثه عشر), tens joined by و (ثلاثه وعشرين), hundreds written as one word or two
  (خمسمئه, ثلاث مئه), scales (ثلاثه الاف, عشره الاف, مليون) and duals (الفين, مئتي);
* vague plurals (عشرات 10, ميات 100, الاف 1000, عشرات الالاف 10000), flagged ``vague``.

``parse_number_words`` reads the longest valid phrase from the start of a word list, so
callers can walk a token stream. The grammar is strict on purpose: "ثلاثه اربعه" is two
numbers, not seven, and "احد" alone is "one of"/"Sunday", never 1.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from marsad.normalize.lexicon import read_rows

#: A digit run in normalized text: groups of three after commas, or one decimal part.
DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?")


class WordKind(StrEnum):
    UNIT = "unit"  # 1-9
    UNIT_TEEN = "unit_teen"  # احد / اثنا: only before عشر
    TEN = "ten"  # 10, 20 ... 90
    HUNDRED = "hundred"  # 100 ... 900
    SCALE = "scale"  # الف, مليون, مليار: multiply what precedes
    SCALE_PLURAL = "scale_plural"  # الاف, ملايين: multiply, or alone a vague 1000 / 1e6
    SCALE_DUAL = "scale_dual"  # الفين, مليونين: 2000, 2e6
    VAGUE = "vague"  # عشرات, ميات, الالاف
    FRACTION = "fraction"  # نصف, ربع (of a scale)


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: float
    kind: WordKind


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from the start of a word list; ``words`` says how many it used."""

    value: int
    words: int
    vague: bool = False


@functools.cache
def number_words() -> dict[str, NumberWord]:
    """Folded number word -> its value and grammatical kind (from ``number_words.tsv``)."""
    return {
        row["word"]: NumberWord(float(row["value"]), WordKind(row["kind"]))
        for row in read_rows("number_words.tsv")
    }


def parse_digits(text: str) -> float | None:
    """``"1,500"`` -> 1500.0, ``"2.5"`` -> 2.5; None unless ``text`` is one digit run."""
    if DIGITS.fullmatch(text) is None:
        return None
    return float(text.replace(",", ""))


def lookup(word: str) -> tuple[NumberWord, bool] | None:
    """The number word behind ``word`` and whether it carried the conjunction و."""
    table = number_words()
    found = table.get(word)
    if found is not None:
        return found, False
    if word.startswith("و") and len(word) > 2:
        found = table.get(word[1:])
        if found is not None:
            return found, True
    return None


def parse_number_words(words: Sequence[str]) -> ParsedNumber | None:
    """The longest number phrase at the start of ``words`` (normalized words, no punctuation)."""
    reader = _PhraseReader()
    for word in words:
        entry = lookup(word)
        if entry is None or not reader.take(*entry):
            break
    return reader.result()


class _PhraseReader:
    """Accumulates one number phrase word by word; ``take`` refuses a word that cannot follow."""

    def __init__(self) -> None:
        self.total = 0.0  # completed scale groups (thousands, millions)
        self.group = 0.0  # the group below the next scale word
        self.last: WordKind | None = None
        self.last_value = 0.0
        self.count = 0  # words accepted
        self.valid = 0  # words accepted when the phrase last stood complete
        self.value = 0.0
        self.vague = False

    def take(self, word: NumberWord, joined: bool) -> bool:
        step = self._step(word, joined)
        if step is None:
            return False
        self.group, self.total, self.vague = step
        self.last, self.last_value = word.kind, word.value
        self.count += 1
        if word.kind not in (WordKind.UNIT_TEEN, WordKind.FRACTION):
            self.valid, self.value = self.count, self.total + self.group
        return True

    def _step(self, word: NumberWord, joined: bool) -> tuple[float, float, bool] | None:
        kind, value, last = word.kind, word.value, self.last
        if last is None:
            return self._first(word, joined)
        if kind in (WordKind.SCALE, WordKind.SCALE_PLURAL, WordKind.VAGUE) and not joined:
            return self._scale(value)
        if not joined:
            return self._unjoined(kind, value)
        return self._joined(kind, value)

    def _first(self, word: NumberWord, joined: bool) -> tuple[float, float, bool] | None:
        if joined:
            return None
        vague = word.kind in (WordKind.VAGUE, WordKind.SCALE_PLURAL)
        return word.value, 0.0, vague

    def _scale(self, value: float) -> tuple[float, float, bool] | None:
        """ثلاثه الاف, عشرات الالاف, نصف مليون: the group so far times the scale."""
        if self.last in (WordKind.SCALE, WordKind.SCALE_DUAL, WordKind.UNIT_TEEN) or value < 1000:
            return None
        if self.group >= value or self.group == 0:
            return None
        if self.last is WordKind.SCALE_PLURAL and not self.vague:
            return None
        return 0.0, self.total + self.group * value, self.vague

    def _unjoined(self, kind: WordKind, value: float) -> tuple[float, float, bool] | None:
        """Words that follow without و: the teen عشر after a unit, مئه after a unit."""
        if self.vague:
            return None
        if kind is WordKind.TEN and value == 10 and self.last in (WordKind.UNIT, WordKind.UNIT_TEEN):
            return self.group + 10, self.total, False
        if kind is WordKind.HUNDRED and value == 100 and self.last is WordKind.UNIT and self.group >= 3:
            return self.group * 100, self.total, False
        return None

    def _joined(self, kind: WordKind, value: float) -> tuple[float, float, bool] | None:
        """و + a smaller part: مئه وخمسه, ثلاثه وعشرين, الف ومئتين, مليون ونصف is not handled."""
        if self.vague or self.last is WordKind.UNIT_TEEN or kind in (WordKind.UNIT_TEEN, WordKind.FRACTION):
            return None
        if kind in (WordKind.SCALE_DUAL, WordKind.SCALE):
            # a new scale group after a larger one: مليون والفين, ثلاثه ملايين والف
            done = self.total + (self.group if self.group >= 1000 else 0)
            if self.group in (0, done - self.total) and done > value:
                return 0.0, done + value, False
            return None
        if kind is WordKind.TEN and value >= 20 and self.last is WordKind.UNIT and self.group < 10:
            return self.group + value, self.total, False
        smaller = _order(value) < _order(self.group) if self.group else self.total > 0
        if kind in (WordKind.UNIT, WordKind.TEN, WordKind.HUNDRED) and smaller:
            return self.group + value, self.total, False
        return None

    def result(self) -> ParsedNumber | None:
        if self.valid == 0:
            return None
        return ParsedNumber(round(self.value), self.valid, self.vague)


def _order(value: float) -> int:
    """1 for units, 2 for tens and teens, 3 for hundreds."""
    return len(str(int(value))) if value >= 1 else 0
