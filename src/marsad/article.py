"""The Article: the one document object that flows through every pipeline stage.

Stages read and add fields; they never talk to each other except through the Article.
Every mention carries a :class:`~marsad.event.Span` into ``Article.body`` (the cleaned,
un-normalized article text). ``Article.normalized`` is a folded copy of the body for
matching, with an :class:`OffsetMap` that maps any normalized range back to the exact body
characters, and ``Article.body_map`` maps body offsets back to the decoded source text
when the cleaner can keep that link (scraped text does; extracted HTML does not).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice

from marsad.event import (
    Actor,
    Claim,
    DatePrecision,
    Event,
    Place,
    Span,
    SubEventType,
    Truce,
)


class InputFormat(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    WARC = "warc"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as a reader produced it, before any cleaning."""

    doc_id: str
    content: str
    format: InputFormat
    origin: str  # file path, URL or "<stdin>"; used in error messages
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    crawl_date: dt.date | None = None
    encoding: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Comment:
    text: str
    author: str | None = None
    when: str | None = None  # as written, e.g. "منذ 7 سنوات 6 أشهر"
    date: dt.date | None = None  # resolved against the crawl date when one is known

    def as_record(self) -> dict[str, object]:
        return {"author": self.author, "text": self.text}


@dataclass(frozen=True, slots=True)
class Drop:
    """Why an article was rejected; a value, recorded and counted, not a log line."""

    stage: str
    reason: str
    detail: str = ""


class OffsetMap:
    """Maps offsets in a derived text back to the text it was derived from.

    The derived text is a sequence of segments ``(derived_start, derived_end, source_start,
    source_end)``. A *copy* segment (same length on both sides) maps character for character;
    a *unit* segment (a source run replaced by a different number of characters, e.g. the
    ligature "ﻻ" expanded to "لا") maps each of its characters to the whole source run. Source
    characters that were deleted (diacritics, tatweel, invisible controls) fall in the gaps
    between segments; a range ending at a segment's end takes the following gap with it, so
    the source range of a word includes its marks.
    """

    __slots__ = ("_derived_starts", "_segments", "derived_length", "source_length")

    def __init__(
        self,
        segments: list[tuple[int, int, int, int]],
        derived_length: int,
        source_length: int,
    ) -> None:
        self._segments = segments
        self._derived_starts = [s[0] for s in segments]
        self.derived_length = derived_length
        self.source_length = source_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, length, 0, length)] if length else [], length, length)

    @property
    def is_identity(self) -> bool:
        return self.derived_length == self.source_length and len(self._segments) <= 1

    def _find(self, index: int) -> int:
        return max(bisect_right(self._derived_starts, index) - 1, 0)

    def source_start(self, index: int) -> int:
        """Source offset of the derived character at ``index``."""
        if not self._segments or index >= self.derived_length:
            return self.source_length
        d0, d1, s0, s1 = self._segments[self._find(index)]
        return s0 + (index - d0) if d1 - d0 == s1 - s0 else s0

    def source_end(self, index: int) -> int:
        """Source offset just after the derived character at ``index - 1``."""
        if index <= 0 or not self._segments:
            return 0
        k = self._find(index - 1)
        d0, d1, s0, s1 = self._segments[k]
        if index < d1 and d1 - d0 == s1 - s0:
            return s0 + (index - d0)
        return self._segments[k + 1][2] if k + 1 < len(self._segments) else self.source_length

    def to_source(self, start: int, end: int) -> Span:
        """The source range that produced derived ``[start, end)``."""
        if end <= start:
            point = self.source_start(start)
            return Span(point, point)
        return Span(self.source_start(start), self.source_end(end))

    def source_ranges(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[list[int], list[int]]:
        """``source_start`` of each of ``starts`` and ``source_end`` of each of ``ends``, at once.

        Every word of every article is mapped back to the body, and one bisect per offset was
        a fifth of the assemblers' time. Word offsets ascend, so one walk along the segments
        serves them all (offsets out of order are still mapped right, only more slowly).
        """
        segments = self._segments
        if not segments:
            return [self.source_length] * len(starts), [0] * len(ends)
        length = self.source_length
        if self.derived_length == length and segments == [(0, length, 0, length)]:
            # a plain copy: the text had nothing to delete or expand
            return [min(i, length) for i in starts], [min(max(i, 0), length) for i in ends]
        return self._walk_starts(starts), self._walk_ends(ends)

    def _segment_walker(self) -> Callable[[int], int]:
        """A function giving ``_find(index)``, fast when called with ascending indices."""
        firsts = self._derived_starts
        last = len(firsts) - 1
        current = 0

        def find(index: int) -> int:
            nonlocal current
            k = current
            if index < firsts[k]:
                k = max(bisect_right(firsts, index) - 1, 0)
            while k < last and firsts[k + 1] <= index:
                k += 1
            current = k
            return k

        return find

    def _walk_starts(self, indices: Sequence[int]) -> list[int]:
        find = self._segment_walker()
        segments, limit, length = self._segments, self.derived_length, self.source_length
        mapped: list[int] = []
        for index in indices:
            if index >= limit:
                mapped.append(length)
                continue
            d0, d1, s0, s1 = segments[find(index)]
            mapped.append(s0 + (index - d0) if d1 - d0 == s1 - s0 else s0)
        return mapped

    def _walk_ends(self, indices: Sequence[int]) -> list[int]:
        find = self._segment_walker()
        segments, length = self._segments, self.source_length
        count = len(segments)
        mapped: list[int] = []
        for index in indices:
            if index <= 0:
                mapped.append(0)
                continue
            k = find(index - 1)
            d0, d1, s0, s1 = segments[k]
            if index < d1 and d1 - d0 == s1 - s0:
                mapped.append(s0 + (index - d0))
            else:
                mapped.append(segments[k + 1][2] if k + 1 < count else length)
        return mapped


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The body folded for matching, and the way back to the body."""

    text: str
    offsets: OffsetMap

    def body_span(self, start: int, end: int) -> Span:
        return self.offsets.to_source(start, end)


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace/punctuation token of the normalized text, with its clitics split off.

    ``start``/``end`` index ``NormalizedText.text``; ``base`` is the token without proclitics,
    the article and enclitics (``وبالموصل`` -> ``موصل``; ``stem_with_article`` keeps ``ال``).
    """

    text: str
    start: int
    end: int
    base: str
    proclitics: str = ""
    enclitic: str = ""
    has_article: bool = False

    @property
    def stem_with_article(self) -> str:
        """``base`` with ال put back when the word had it (وبالموصل -> الموصل)."""
        return "ال" + self.base if self.has_article else self.base


@dataclass(frozen=True, slots=True)
class Word:
    """One token and the forms it can take once proclitics are stripped (lexicon matching).

    ``forms`` pairs each form with its start offset in the normalized text and the proclitics
    stripped (``marsad.normalize.words.word_forms``): ``وللنظام`` at ``s`` gives
    ``("وللنظام", s, "")``, ``("لنظام", s+2, "ول")``, ``("النظام", s+1, "ول")`` (ل + ال is
    written لل, and the match keeps the preposition so that it reads as a word) and
    ``("للنظام", s+1, "و")``. Built by ``normalize.tokens`` into ``Article.words``.
    """

    index: int
    text: str
    start: int
    end: int
    forms: tuple[tuple[str, int, str], ...]  # (form, start offset, proclitics stripped)

    def has_form(self, form: str) -> bool:
        return any(f == form for f, _, _ in self.forms)


class Words(list[Word]):
    """An article's words in order, with what every matcher would otherwise redo per stage.

    Built once per article (``normalize.tokens``) from its tokens: ``starts``/``ends`` are
    each word's range in the normalized text and ``body_starts``/``body_ends`` in
    ``Article.body``; ``in_order`` says the words follow one another without overlapping
    (always so for tokenizer output); ``by_form`` lists, for every form any word can take,
    the words that take it, so a lexicon finds the words its phrases may start at with one
    set intersection instead of a look-up per word. ``tokens`` is the token list the words
    were made from (a stage that re-tokenizes makes them stale).
    """

    __slots__ = ("body_ends", "body_starts", "by_form", "ends", "in_order", "starts", "tokens")

    def __init__(
        self,
        words: list[Word],
        tokens: list[Token],
        body_starts: list[int],
        body_ends: list[int],
        by_form: dict[str, list[int]] | None = None,
    ) -> None:
        """``by_form`` may be given when the caller built it alongside the words."""
        super().__init__(words)
        self.tokens = tokens
        self.body_starts = body_starts
        self.body_ends = body_ends
        self.starts = [w.start for w in words]
        self.ends = [w.end for w in words]
        self.in_order = all(map(operator.le, self.ends, islice(self.starts, 1, None)))
        if by_form is None:
            by_form = {}
            for word in words:
                for form, _, _ in word.forms:
                    holders = by_form.setdefault(form, [])
                    if not holders or holders[-1] != word.index:
                        holders.append(word.index)
        self.by_form = by_form

    def body_span(self, index: int) -> Span:
        return Span(self.body_starts[index], self.body_ends[index])

    def starting_with(self, firsts: Collection[str]) -> list[int]:
        """Indices of the words that have one of ``firsts`` among their forms, ascending (do not modify)."""
        keys = self.by_form.keys() & firsts
        if not keys:
            return []
        by_form = self.by_form
        if len(keys) == 1:
            return by_form[next(iter(keys))]
        return sorted({i for key in keys for i in by_form[key]})

    def __reduce__(self) -> tuple[object, ...]:
        return (Words, (list(self), self.tokens, self.body_starts, self.body_ends))


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    ABOUT = "about"
    AT_MOST = "at_most"
    RANGE = "range"
    VAGUE = "vague"


class QuantityKind(StrEnum):
    """What a number is. Only ``COUNT`` numbers can be casualty or troop figures."""

    COUNT = "count"  # 65 شهيدا, عشرات القتلى, لمده 72 ساعه
    YEAR = "year"  # عام 2011
    DATE = "date"  # the day in "9 ابريل", the month in "15/4/2018"
    PERCENT = "percent"  # 85 في المئه, 90%
    TIME = "time"  # الساعه 5, 10:30
    IDENTIFIER = "identifier"  # اللواء 65, القرار 2401, رقم 3


@dataclass(frozen=True, slots=True)
class QuantityMention:
    span: Span
    value: int
    qualifier: Qualifier = Qualifier.EXACT
    upper: int | None = None  # for ranges
    text: str = ""
    kind: QuantityKind = QuantityKind.COUNT
    noun: str = ""  # the normalized word counted ("شهيد" in "500شهيد"), "" when none follows


class DateKind(StrEnum):
    """How a date mention relates to the period it names."""

    POINT = "point"  # 9 ابريل, امس, الاثنين الماضي, قبل اسبوع
    PERIOD_END = "period_end"  # الايام السبعه الاخيره, 18-27 فبراير: the date ends the period
    SINCE = "since"  # منذ 7 ايام: the date starts a period that runs to the anchor


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    date: dt.date
    precision: DatePrecision
    text: str = ""
    relative: bool = False  # resolved against the anchor (published or crawl date)
    kind: DateKind = DateKind.POINT


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    text: str
    place: Place
    as_location: bool = True  # False: named as an actor ("روسيا قالت") or an adjective


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    text: str
    actor: Actor
    kind: str = "group"  # group | state | person | organisation | civilians | monitor
    role: str = ""  # the title before a person's name, as written ("وزير الخارجية الروسي")


@dataclass(frozen=True, slots=True)
class TriggerMention:
    span: Span
    text: str
    sub_event_type: SubEventType
    weapon: str | None = None
    lemma: str = ""
    target: str | None = None  # the default target the word implies ("مشفى" -> hospital)
    verbal: bool = False  # a verb ("قصفت") rather than a noun ("القصف")
    weak: bool = False  # a generic word ("هجوم", "عملية") that needs an acting force to be an event
    prefix: str = ""  # the proclitics written before the word ("ل" in "لاستعادة": a purpose)


@dataclass(slots=True)
class Mentions:
    quantities: list[QuantityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[TriggerMention] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One document on its way through the pipeline."""

    raw: RawDocument
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    body: str = ""
    body_map: OffsetMap | None = None
    comments: list[Comment] = field(default_factory=list)
    language: str | None = None
    normalized: NormalizedText | None = None
    tokens: list[Token] = field(default_factory=list)
    words: Words | None = None  # the tokens ready for lexicon matching; see Words
    sentences: list[Span] = field(default_factory=list)
    mentions: Mentions = field(default_factory=Mentions)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    truces: list[Truce] = field(default_factory=list)
    dropped: Drop | None = None
    stages_run: list[str] = field(default_factory=list)
    #: Results that several stages derive alike from this article (the assemblers' speech
    #: attributions and truce mentions): the first stage computes, the others reuse
    #: (``marsad.assemble.context.shared``). Scratch space, emptied when the pipeline ends.
    shared: dict[str, tuple[tuple[object, ...], object]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def doc_id(self) -> str:
        return self.raw.doc_id

    @property
    def actors(self) -> list[Actor]:
        seen: dict[str, Actor] = {}
        for mention in self.mentions.actors:
            seen.setdefault(mention.actor.actor_id or mention.actor.name, mention.actor)
        return list(seen.values())

    def text_of(self, span: Span) -> str:
        return span.slice(self.body)
