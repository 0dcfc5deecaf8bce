"""The cleaning word lists, loaded once: page-chrome phrases, date words, function words.

All keys are *line keys* (:func:`line_key`): folded with :func:`marsad.normalize.fold`, with
punctuation, symbols, digits and underscores turned into spaces. A page line is looked up by
its own key, so "التعليقات (4)" and "💡 أهم المواضيع" meet the entries "التعليقات" and
"اهم المواضيع".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from marsad.normalize import fold
from marsad.normalize.lexicon import read_rows

PHRASES_FILE = "boilerplate_phrases.tsv"
DATE_WORDS_FILE = "clean_date_words.tsv"
FUNCTION_WORDS_FILE = "clean_function_words.tsv"

_NOT_WORD = re.compile(r"[^\w\s]|[\d_]")

#: Longest phrase (in words) looked up inside a line; longer entries are never matched.
MAX_PHRASE_WORDS = 8


class ChromeKind(StrEnum):
    """What a chrome line is; the cutter decides from the kind what the line does to the page."""

    SHARE = "share"
    SOCIAL = "social"
    COMMENT_FORM = "comment_form"
    COMMENTS_HEADER = "comments_header"
    COMMENT_ACTION = "comment_action"
    MOST_READ = "most_read"
    RELATED = "related"
    TAGS = "tags"
    COPYRIGHT = "copyright"
    FOOTER = "footer"
    FOLLOW = "follow"
    SUBSCRIBE = "subscribe"
    TRANSLATE = "translate"
    NAV = "nav"
    PRINT = "print"
    CAPTION = "caption"
    BYLINE = "byline"
    AGENCY = "agency"
    COUNTER = "counter"
    CONSENT = "consent"  # cookie and consent banners, ad labels


class MatchMode(StrEnum):
    LINE = "line"  # the whole line is the phrase
    PREFIX = "prefix"  # the line starts with the phrase
    CONTAINS = "contains"  # a short line contains the phrase
    WORD = "word"  # the phrase is one of the words a credit/byline/social line is made of


class DateWordKind(StrEnum):
    MONTH = "month"
    WEEKDAY = "weekday"
    UNIT = "unit"
    RELATIVE = "relative"
    LABEL = "label"
    META = "meta"  # "نشر في", "آخر تحديث", "بواسطة": a date line that says it is one


def line_key(text: str) -> str:
    """The lookup key of a line or phrase: folded, letters only, single spaces."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def line_keys(text: str) -> list[str]:
    """:func:`line_key` of every line of ``text`` (as ``str.splitlines`` splits it), in one pass."""
    return [" ".join(line.split()) for line in _NOT_WORD.sub(" ", fold(text)).splitlines()]


def phrase_spans(words: list[str], max_words: int = MAX_PHRASE_WORDS) -> Iterable[tuple[int, int, str]]:
    """Every (start, end, phrase) word n-gram of ``words`` up to ``max_words`` long."""
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + max_words) + 1):
            yield start, end, " ".join(words[start:end])


@dataclass(frozen=True)
class CleanLexicon:
    """Everything the line classifier looks up, keyed by :func:`line_key`."""

    by_mode: dict[MatchMode, dict[str, ChromeKind]]
    word_kinds: dict[str, frozenset[ChromeKind]]
    date_words: dict[str, frozenset[DateWordKind]]
    function_words: frozenset[str]
    # indexes built from the tables above, so that most lines are ruled out with set lookups
    contains_by_first_word: dict[str, tuple[tuple[list[str], ChromeKind], ...]] = field(default_factory=dict)
    prefix_first_words: set[str] = field(default_factory=set)
    words_of_kind: dict[ChromeKind, frozenset[str]] = field(default_factory=dict)
    date_vocabulary: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[list[str], ChromeKind]]] = {}
        for phrase, kind in self.by_mode[MatchMode.CONTAINS].items():
            words = phrase.split()
            index.setdefault(words[0], []).append((words, kind))
        self.contains_by_first_word.update({k: tuple(v) for k, v in index.items()})
        self.prefix_first_words.update(phrase.split()[0] for phrase in self.by_mode[MatchMode.PREFIX])
        vocabulary: dict[ChromeKind, set[str]] = {}
        for phrase, kinds in self.word_kinds.items():
            for kind in kinds:
                vocabulary.setdefault(kind, set()).update(phrase.split())
        self.words_of_kind.update({k: frozenset(v) for k, v in vocabulary.items()})
        self.date_vocabulary.update(word for phrase in self.date_words for word in phrase.split())

    @classmethod
    def load(cls) -> CleanLexicon:
        by_mode: dict[MatchMode, dict[str, ChromeKind]] = {mode: {} for mode in MatchMode}
        word_kinds: dict[str, set[ChromeKind]] = {}
        for row in read_rows(PHRASES_FILE):
            mode, kind = MatchMode(row["match"]), ChromeKind(row["kind"])
            if mode is MatchMode.WORD:
                word_kinds.setdefault(row["phrase"], set()).add(kind)
            else:
                by_mode[mode].setdefault(row["phrase"], kind)
        date_words: dict[str, set[DateWordKind]] = {}
        for row in read_rows(DATE_WORDS_FILE):
            date_words.setdefault(row["word"], set()).add(DateWordKind(row["kind"]))
        return cls(
            by_mode=by_mode,
            word_kinds={k: frozenset(v) for k, v in word_kinds.items()},
            date_words={k: frozenset(v) for k, v in date_words.items()},
            function_words=frozenset(row["word"] for row in read_rows(FUNCTION_WORDS_FILE)),
        )

    def whole_line(self, key: str) -> ChromeKind | None:
        return self.by_mode[MatchMode.LINE].get(key) or self.by_mode[MatchMode.PREFIX].get(key)

    def prefix(self, words: list[str]) -> tuple[ChromeKind, int] | None:
        """The kind of the longest listed phrase the line starts with, and its length in words."""
        table = self.by_mode[MatchMode.PREFIX]
        if not words or words[0] not in self.prefix_first_words:
            return None
        for length in range(min(len(words), MAX_PHRASE_WORDS), 0, -1):
            kind = table.get(" ".join(words[:length]))
            if kind is not None:
                return kind, length
        return None

    def contained(self, words: list[str]) -> ChromeKind | None:
        """The kind of the first listed "contains" phrase found anywhere in the line."""
        for start, word in enumerate(words):
            for phrase, kind in self.contains_by_first_word.get(word, ()):
                if words[start : start + len(phrase)] == phrase:
                    return kind
        return None

    def covered_by(self, words: list[str], kinds: frozenset[ChromeKind]) -> bool:
        """True when the words split entirely into listed phrases of the given kinds."""
        if not words:
            return False
        for word in words:
            if not any(word in self.words_of_kind.get(kind, ()) for kind in kinds):
                return False
        reachable = [True] + [False] * len(words)
        for start in range(len(words)):
            if not reachable[start]:
                continue
            for end in range(start + 1, min(len(words), start + MAX_PHRASE_WORDS) + 1):
                if self.word_kinds.get(" ".join(words[start:end]), frozenset()) & kinds:
                    reachable[end] = True
        return reachable[-1]

    def has_word_of(self, words: list[str], kinds: frozenset[ChromeKind]) -> bool:
        return any(self.word_kinds.get(p, frozenset()) & kinds for _, _, p in phrase_spans(words, 3))

    def non_date_words(self, words: list[str]) -> int:
        """How many of ``words`` never occur in a date phrase (cheap upper bound for date_cover)."""
        return sum(1 for word in words if word not in self.date_vocabulary)

    def date_cover(self, words: list[str]) -> tuple[list[frozenset[DateWordKind]], int]:
        """The date-word kinds found in ``words`` left to right, and how many words are not date words."""
        found: list[frozenset[DateWordKind]] = []
        unknown = 0
        index = 0
        while index < len(words):
            for length in (3, 2, 1):
                kinds = self.date_words.get(" ".join(words[index : index + length]))
                if kinds is not None and index + length <= len(words):
                    found.append(kinds)
                    index += length
                    break
            else:
                unknown += 1
                index += 1
        return found, unknown
