"""Records that carry an extracted event, claim or truce together with the article it came from.

Cross-article logic (incidents, contradictions, truce violations) needs to know, for every
record, which document and outlet said it and when that was published. The store builds these
records from its rows; :func:`sourced_records` builds them straight from a processed
:class:`~marsad.article.Article`. Keys are stable ids the store keeps as primary keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from marsad.article import Article, DateKind, DateMention
from marsad.event import Actor, Claim, DatePrecision, Event, Evidence, Place, Truce

#: How far back a denial without a stated period reaches: "no strikes on Aleppo" said today
#: is read as covering the week before publication.
DEFAULT_DENIAL_LOOKBACK_DAYS = 7


@dataclass(frozen=True, slots=True)
class DateWindow:
    """An inclusive range of days."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def day(cls, day: dt.date) -> DateWindow:
        return cls(day, day)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def covers(self, other: DateWindow) -> bool:
        return self.start <= other.start and other.end <= self.end

    def gap_days(self, other: DateWindow) -> int:
        """Days between the two windows; 0 when they overlap or touch."""
        if other.start > self.end:
            return (other.start - self.end).days
        if self.start > other.end:
            return (self.start - other.end).days
        return 0

    def near(self, other: DateWindow, slack_days: int) -> bool:
        return self.gap_days(other) <= slack_days

    def ordinals(self, slack_days: int = 0) -> range:
        """Day ordinals of the window, widened by ``slack_days`` on each side."""
        return range(self.start.toordinal() - slack_days, self.end.toordinal() + slack_days + 1)


def date_window(day: dt.date, precision: DatePrecision | None) -> DateWindow:
    """The days a date of this precision may mean (see SCHEMA.md, "Dates").

    A week-precision date is the end of a period counted back ("the last seven days"); a
    month-precision date is either a named month's first day or the end of a longer period,
    so it spreads both ways.
    """
    if precision is None or precision is DatePrecision.DAY:
        return DateWindow.day(day)
    if precision is DatePrecision.WEEK:
        return DateWindow(day - dt.timedelta(days=6), day)
    if precision is DatePrecision.MONTH:
        return DateWindow(day - dt.timedelta(days=30), day + dt.timedelta(days=30))
    return DateWindow(day - dt.timedelta(days=365), day + dt.timedelta(days=365))


@dataclass(frozen=True, slots=True)
class SourcedEvent:
    """An extracted event and where it was read."""

    event_key: str
    doc_id: str
    event: Event
    source: str | None = None  # the outlet ("skynews")
    url: str | None = None
    published: dt.date | None = None

    @property
    def date_from_published(self) -> bool:
        return self.event.date is None and self.published is not None

    def window(self) -> DateWindow | None:
        """When it happened: its own date, else the day its article was published."""
        if self.event.date is not None:
            return date_window(self.event.date, self.event.date_precision)
        if self.published is not None:
            return DateWindow.day(self.published)
        return None


@dataclass(frozen=True, slots=True)
class SourcedClaim:
    """An extracted claim and where it was read.

    ``places`` and ``window`` say what the claim is about ("no strike on Aleppo in the last
    seven days"): the claim record itself has neither, so the builder takes the place and date
    mentions inside its evidence sentence. ``actor`` is the side whose conduct is asserted or
    denied, when known (None: any side).
    """

    claim_key: str
    doc_id: str
    claim: Claim
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    places: tuple[Place, ...] = ()
    window: DateWindow | None = None
    actor: Actor | None = None

    def period(self, lookback_days: int = DEFAULT_DENIAL_LOOKBACK_DAYS) -> DateWindow | None:
        """The period the claim speaks of: its own window, else the days before publication."""
        if self.window is not None:
            return self.window
        if self.published is None:
            return None
        return DateWindow(self.published - dt.timedelta(days=lookback_days), self.published)


@dataclass(frozen=True, slots=True)
class SourcedTruce:
    """An extracted truce announcement and where it was read."""

    truce_key: str
    doc_id: str
    truce: Truce
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None


def record_key(doc_id: str, kind: str, evidence: Evidence, detail: str, taken: set[str]) -> str:
    """A stable key: the document id plus a digest of what the record says and where.

    The same extraction of the same article always gives the same key; ``taken`` (keys given
    so far for this article) breaks the rare tie of two identical records in one sentence.
    """
    base = f"{kind}|{evidence.sentence_span.start}|{evidence.sentence_span.end}|{detail}"
    digest = hashlib.sha1(base.encode("utf-8")).hexdigest()[:12]
    key = f"{doc_id}:{kind[0]}{digest}"
    suffix = 1
    while key in taken:
        suffix += 1
        key = f"{doc_id}:{kind[0]}{digest}-{suffix}"
    taken.add(key)
    return key


@dataclass(frozen=True, slots=True)
class SourcedRecords:
    events: tuple[SourcedEvent, ...]
    claims: tuple[SourcedClaim, ...]
    truces: tuple[SourcedTruce, ...]


def sourced_records(article: Article) -> SourcedRecords:
    """Every event, claim and truce of a processed article, keyed and tagged with its source."""
    doc_id, raw = article.doc_id, article.raw
    published = article.published or raw.published
    taken: set[str] = set()
    events = tuple(
        SourcedEvent(
            record_key(doc_id, "event", event.evidence, _event_detail(event), taken),
            doc_id,
            event,
            source=raw.source,
            url=raw.url,
            published=published,
        )
        for event in article.events
    )
    claims = tuple(_sourced_claim(article, claim, taken) for claim in article.claims)
    truces = tuple(
        SourcedTruce(
            record_key(doc_id, "truce", truce.evidence, truce.kind.value, taken),
            doc_id,
            truce,
            source=raw.source,
            url=raw.url,
            published=published,
        )
        for truce in article.truces
    )
    return SourcedRecords(events, claims, truces)


def _event_detail(event: Event) -> str:
    place = event.location.name if event.location else ""
    return f"{event.sub_event_type.value}|{place}|{event.date}|{event.negated}"


def _sourced_claim(article: Article, claim: Claim, taken: set[str]) -> SourcedClaim:
    key = record_key(article.doc_id, "claim", claim.evidence, f"{claim.speaker}|{claim.stance.value}", taken)
    return SourcedClaim(
        key,
        article.doc_id,
        claim,
        source=article.raw.source,
        url=article.raw.url,
        published=article.published or article.raw.published,
        places=claim_places(article, claim),
        window=claim_window(article, claim),
    )


def claim_places(article: Article, claim: Claim) -> tuple[Place, ...]:
    """Places named as locations inside the claim's evidence sentence, in text order, once each."""
    sentence = claim.evidence.sentence_span
    places: list[Place] = []
    for mention in sorted(article.mentions.places, key=lambda m: m.span.start):
        if mention.as_location and sentence.contains(mention.span) and mention.place not in places:
            places.append(mention.place)
    return tuple(places)


def claim_window(article: Article, claim: Claim) -> DateWindow | None:
    """The period named inside the claim's evidence sentence (its first date mention), if any."""
    sentence = claim.evidence.sentence_span
    anchor = article.published or article.raw.published
    for mention in sorted(article.mentions.dates, key=lambda m: m.span.start):
        if sentence.contains(mention.span):
            return mention_window(mention, anchor)
    return None


#: How far back a period ending on a date of this precision reaches ("the last seven days").
_PERIOD_DAYS = {DatePrecision.DAY: 0, DatePrecision.WEEK: 6, DatePrecision.MONTH: 42, DatePrecision.YEAR: 365}


def mention_window(mention: DateMention, anchor: dt.date | None) -> DateWindow:
    """The days a date mention covers, by how it relates to its period (see DateKind)."""
    if mention.kind is DateKind.PERIOD_END:
        back = _PERIOD_DAYS[mention.precision]
        return DateWindow(mention.date - dt.timedelta(days=back), mention.date)
    if mention.kind is DateKind.SINCE:
        return DateWindow(mention.date, max(mention.date, anchor or mention.date))
    return date_window(mention.date, mention.precision)
