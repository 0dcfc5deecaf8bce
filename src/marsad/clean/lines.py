"""Classify the lines of a scraped page: prose, short lines (headlines), chrome, junk, dates.

The classes come from what a line *is*, not from a list of one site's strings:

* **prose**: long, or a sentence (ends with . ! … ؟), or dense in Arabic function words
  (في، من، التي، أن ...) the way running text is and headlines and menus are not;
* **short**: anything else with words: titles, subheadings, author names, related links;
* **chrome**: a line made of a listed widget phrase (share, comment form, most read, tags,
  copyright, menus ...; ``lexicons/boilerplate_phrases.tsv``), a line of social network
  names, an agency credit ("فرانس 24/ أ ف ب/ رويترز") or a byline ("الرقة بوست – خاص");
* **junk**: image file names and ids, bare numbers and counters, URLs, hashtag strings,
  breadcrumbs and "|"-separated meta lines;
* **date** / **time**: a line made only of date words and numbers, absolute ("الثلاثاء 25
  أكتوبر 2016") or relative ("·منذ 7 سنوات 6 أشهر", the stamp of a reader comment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from marsad.clean.characters import clean_characters
from marsad.clean.lexicon import ChromeKind, CleanLexicon, DateWordKind, line_key, line_keys

#: Lines at least this many words long are prose whatever their punctuation.
LONG_LINE_WORDS = 20
#: Share of function words above which a medium line reads as running text.
PROSE_DENSITY = 0.2
#: Bylines, credits and comment authors are at most this many words.
SHORT_META_WORDS = 6
#: Longest line in which a "contains" phrase (e.g. a copyright notice) is looked for.
CONTAINS_MAX_WORDS = 25
#: A date line may carry this many other words (a place, a source, a name).
META_OTHER_WORDS = 3
#: Longer lines are never chrome, dates or junk; their key covers only their first words.
CHROME_MAX_WORDS = 32

_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|bmp|svg|mp4|mp3|pdf|docx?)$", re.IGNORECASE)
_ID_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]{8,}$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}|\d{1,2}:\d{2}")
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"[:：/|–—\-]")
_CRUMB_SEPARATOR = re.compile(r"\s[»›>|]\s|\s/\s")
_TRAILING_CLOSERS = "\"'”»)]’ \u00a0*"
_COUNT_OR_QUOTE = re.compile(r"[\d“”\"«»]")
_META_SEPARATOR = re.compile(r"\s[|•·–—-]\s|\s\|")
_BULLET = re.compile(r"^(?:[-–•●▪◦*·]|\d{1,2}\s*[-.)])\s*")


class LineKind(StrEnum):
    BLANK = "blank"
    PROSE = "prose"
    SHORT = "short"
    CHROME = "chrome"
    JUNK = "junk"
    DATE = "date"
    TIME = "time"


@dataclass(slots=True)
class Line:
    """One line of the page: its stripped range in the source and what it is."""

    start: int
    end: int
    text: str
    key: str
    kind: LineKind
    chrome: ChromeKind | None = None
    whole_phrase: bool = False  # the line *is* the chrome phrase (a header), not phrase + more
    words: int = 0  # whitespace-separated tokens of ``text``

    @property
    def is_bullet(self) -> bool:
        return _BULLET.match(self.text) is not None


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line with surrounding whitespace trimmed (blank lines: start == end)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for raw_line in text.splitlines(keepends=True):
        content = raw_line.rstrip("\r\n")
        stripped_left = len(content) - len(content.lstrip())
        start = position + stripped_left
        end = max(start, position + len(content.rstrip()))
        spans.append((start, end))
        position += len(raw_line)
    return spans


def ends_sentence(text: str) -> str:
    """The sentence-final mark of ``text`` (after closing quotes), or ''."""
    trimmed = text.rstrip(_TRAILING_CLOSERS)
    last = trimmed[-1:] if trimmed else ""
    return last if last in ".!…؟?:؛" else ""


class LineClassifier:
    """Classifies lines with one loaded :class:`CleanLexicon`."""

    def __init__(self, lexicon: CleanLexicon) -> None:
        self.lexicon = lexicon
        self._credit_kinds = frozenset({ChromeKind.AGENCY, ChromeKind.BYLINE})
        self._byline_kinds = frozenset({ChromeKind.BYLINE})
        self._social_kinds = frozenset({ChromeKind.SOCIAL})
        self._counter_kinds = frozenset({ChromeKind.COUNTER})

    def classify_text(self, text: str) -> list[Line]:
        spans = split_lines(text)
        # cleaning and folding never add or remove line breaks, so the whole text is cleaned
        # and keyed at once (one C-speed pass instead of one per line) and split alongside
        visible = clean_characters(text).splitlines()
        keys = line_keys(text)
        if not len(spans) == len(visible) == len(keys):  # cannot happen; stay correct if it does
            return [self.classify(text, start, end) for start, end in spans]
        return [
            self._classify(start, end, shown.strip(), key)
            for (start, end), shown, key in zip(spans, visible, keys, strict=True)
        ]

    def classify(self, source: str, start: int, end: int) -> Line:
        text = clean_characters(source[start:end])  # features of what a reader sees
        return self._classify(start, end, text.strip(), line_key(text))

    def _classify(self, start: int, end: int, text: str, key: str) -> Line:
        if not text:
            return Line(start, end, "", "", LineKind.BLANK)
        tokens = text.split()
        if len(tokens) > CHROME_MAX_WORDS:  # no widget line is this long: running text
            return Line(start, end, text, key, LineKind.PROSE, words=len(tokens))
        line = Line(start, end, text, key, LineKind.SHORT, words=len(tokens))
        words = key.split()
        if self._is_junk(text, words):
            line.kind = LineKind.JUNK
        elif self._chrome(line, words):
            line.kind = LineKind.CHROME
        elif _DIGIT.search(text) and self.lexicon.covered_by(words, self._counter_kinds):
            line.kind = LineKind.JUNK  # "1,234 مشاهدة"
        elif (date_kind := self._date_kind(text, words)) is not None:
            line.kind = date_kind
        elif self._is_crumbs(text):
            line.kind = LineKind.JUNK
        elif self.is_prose(text, words):
            line.kind = LineKind.PROSE
        return line

    def is_prose(self, text: str, words: list[str]) -> bool:
        count = len(text.split())
        if count >= LONG_LINE_WORDS:
            return True
        mark = ends_sentence(text)
        if mark and count >= (10 if mark in "؟?" else 5):
            return True
        function = sum(1 for w in words if w in self.lexicon.function_words)
        return count >= 12 and function / max(len(words), 1) >= PROSE_DENSITY

    def _is_junk(self, text: str, words: list[str]) -> bool:
        tokens = text.split()
        if len(tokens) == 1 and (_FILE_NAME.match(text) or _URL.match(text) or _looks_like_id(text)):
            return True
        if all(t[0] in "#@" for t in tokens):
            return True
        return not words and _NUMERIC_DATE.search(text) is None  # digits, punctuation, emoji only

    def _chrome(self, line: Line, words: list[str]) -> bool:
        """Set ``line.chrome`` when the line is a listed widget phrase, a credit or a byline."""
        lexicon = self.lexicon
        kind = lexicon.whole_line(line.key)
        if kind is not None:
            line.chrome, line.whole_phrase = kind, True
            return True
        count = len(line.text.split())
        prefix = lexicon.prefix(words)
        if prefix is not None and self._prefix_applies(line.text, words, *prefix):
            line.chrome = prefix[0]
            return True
        if count <= CONTAINS_MAX_WORDS and (kind := lexicon.contained(words)) is not None:
            line.chrome = kind
            return True
        if count <= 2 * SHORT_META_WORDS and lexicon.covered_by(words, self._social_kinds):
            line.chrome = ChromeKind.SOCIAL
            return True
        if count <= SHORT_META_WORDS + 2 and lexicon.covered_by(words, self._credit_kinds):
            line.chrome = ChromeKind.AGENCY
            return True
        if (
            count <= SHORT_META_WORDS
            and _SEPARATOR.search(line.text)
            and lexicon.has_word_of(words, self._byline_kinds)
        ):
            line.chrome = ChromeKind.BYLINE
            return True
        return False

    def _prefix_applies(self, text: str, words: list[str], kind: ChromeKind, length: int) -> bool:
        """Whether a line that starts with a listed phrase is that widget, not a sentence."""
        tokens = text.split()
        set_off = bool(_SEPARATOR.search(" ".join(tokens[: length + 1])))  # "اقرأ أيضاً: ..."
        if kind is ChromeKind.COMMENTS_HEADER:  # '3 تعليقات على “...”'
            return len(tokens) <= LONG_LINE_WORDS and bool(_COUNT_OR_QUOTE.search(text))
        if kind in (ChromeKind.TAGS, ChromeKind.BYLINE):
            return set_off and len(tokens) <= 2 * SHORT_META_WORDS
        limit = LONG_LINE_WORDS + 10 if kind is ChromeKind.RELATED else LONG_LINE_WORDS  # headlines run long
        if set_off:
            return len(tokens) <= limit
        return len(tokens) <= 2 * SHORT_META_WORDS and not self.is_prose(text, words)

    def is_action(self, text: str) -> bool:
        """A comment widget's action word ("رد", "أعجبني", "إبلاغ")."""
        return self.lexicon.whole_line(line_key(text)) is ChromeKind.COMMENT_ACTION

    def stamp_kind(self, text: str) -> LineKind | None:
        """DATE or TIME when ``text`` is only a date or a relative time, else None."""
        return self._date_kind(text, line_key(text).split())

    def _date_kind(self, text: str, words: list[str]) -> LineKind | None:
        if len(text.split()) > 12:
            return None
        has_digit = bool(_DIGIT.search(text))
        if not words:
            return LineKind.DATE if _NUMERIC_DATE.search(text) else None
        if self.lexicon.non_date_words(words) > META_OTHER_WORDS:
            return None
        found, unknown = self.lexicon.date_cover(words)
        flat = frozenset().union(*found) if found else frozenset()
        if unknown == 0 and found:
            if DateWordKind.RELATIVE in found[0] and (
                has_digit or DateWordKind.UNIT in flat or len(words) == 1
            ):
                return LineKind.TIME
            if DateWordKind.RELATIVE in found[-1] and has_digit:  # "2 years ago"
                return LineKind.TIME
        has_date = (DateWordKind.MONTH in flat and has_digit) or bool(_NUMERIC_DATE.search(text))
        if not has_date:
            return None
        if unknown == 0:
            return LineKind.DATE
        # a meta line: "نشر في 14 يوليو 2018 بواسطة admin", "الجنينة – دارفور 24 | 6 أبريل 2021"
        if unknown <= META_OTHER_WORDS and (DateWordKind.META in flat or self._has_date_part(text)):
            return LineKind.DATE
        return None

    def _has_date_part(self, text: str) -> bool:
        parts = [p for p in _META_SEPARATOR.split(text) if p.strip()]
        return 2 <= len(parts) <= 3 and any(self.stamp_kind(p) is LineKind.DATE for p in parts)

    def _is_crumbs(self, text: str) -> bool:
        """Breadcrumbs and meta bars: several short items between » › > | or spaced slashes."""
        parts = _CRUMB_SEPARATOR.split(f" {text} ")
        return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def _looks_like_id(token: str) -> bool:
    """Image names and ids: one long ASCII token with at least four digits (IMG_2231, 1306_105_n)."""
    return _ID_TOKEN.match(token) is not None and sum(c.isdigit() for c in token) >= 4
