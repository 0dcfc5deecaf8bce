"""The read layer: every query the CLI, the API and the dashboard run, returning typed rows.

Nothing outside ``marsad.store`` writes SQL. Filters are an :class:`EventFilter` value; text
filters are folded with :func:`marsad.normalize.fold` and matched against the folded copies
the writer stored, so "الرقة" finds "الرقه" and "حلب" finds "بحلب" inside a sentence. Sorting
is stable: ties are broken by the event id, so pages never repeat or skip a row. On SQLite
the event queries are planned here (which condition an index serves, full-text search for
the text filters): see "How an event filter runs" below and docs/store.md, Performance.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import (
    Engine,
    Select,
    and_,
    case,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from marsad.event import EventType, SubEventType
from marsad.normalize import fold
from marsad.store.models import (
    ClaimModel,
    CommentModel,
    DocumentModel,
    DocumentPlaceModel,
    DropModel,
    EventModel,
    FieldSpanModel,
    IngestFailureModel,
    MentionModel,
    PlaceModel,
    TruceModel,
    TrucePartyModel,
    TruceZoneModel,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

PAGE = 500  # rows per page when iterating all events
#: The violations table (migration 0002, written by the truce tracking), for the ``truce`` filter.
_VIOLATIONS = table("violations", column("truce_id"), column("event_id"))
MAX_LIMIT = 10_000
#: What count_events_capped counts up to by default (a page total then reads "1000+").
COUNT_CAP = 1_000


@dataclass(frozen=True, slots=True)
class BBox:
    """A map rectangle in degrees. ``west > east`` means it crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """``"west,south,east,north"`` (the GeoJSON / OpenStreetMap order)."""
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 4:
            raise ValueError(f"bbox {text!r}: expected west,south,east,north")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError as exc:
            raise ValueError(f"bbox {text!r}: not four numbers") from exc
        if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise ValueError(f"bbox {text!r}: out of range or south > north")
        return cls(west, south, east, north)


@dataclass(frozen=True)
class EventFilter:
    """Which events to return; every field left empty matches everything."""

    event_types: tuple[EventType, ...] = ()
    sub_event_types: tuple[SubEventType, ...] = ()
    actor: str | None = None  # text in either actor's name (Arabic as written, or English)
    place: str | None = None  # text in the place name (Arabic or English) or its admin1
    country: str | None = None  # ISO 3166-1 alpha-2
    bbox: BBox | None = None
    since: dt.date | None = None  # event date, inclusive
    until: dt.date | None = None  # event date, inclusive
    source: str | None = None  # the outlet, exactly as stored
    doc_id: str | None = None
    negated: bool | None = None  # None: both; False: only events that happened
    aggregate: bool | None = None
    text: str | None = None  # every word must occur in the evidence, place, target, weapon or source
    truce: str | None = None  # only events recorded as violations of this truce (registry id)


class EventSort(StrEnum):
    DATE_DESC = "date_desc"  # newest event first, undated last
    DATE_ASC = "date_asc"  # oldest first, undated last
    FATALITIES_DESC = "fatalities_desc"
    RECENT = "recent"  # most recently stored first


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    name: str
    name_en: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    kind: str | None = None
    place_id: int | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_en": self.name_en,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "kind": self.kind,
            "place_id": self.place_id,
        }


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where one field of a record was read: ``body[start:end]``."""

    field: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    event_type: str
    sub_event_type: str
    date: dt.date | None
    date_precision: str | None
    place: PlaceInfo | None
    actor1: str | None
    actor1_en: str | None
    actor2: str | None
    actor2_en: str | None
    fatalities: int | None
    injuries: int | None
    target: str | None
    weapon: str | None
    negated: bool
    aggregate: bool
    reported_by: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    pipeline_version: str
    spans: tuple[FieldSpan, ...] = ()

    def as_record(self) -> dict[str, Any]:
        """A JSON-ready dict (ISO dates), the shape the CLI, exports and API share."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": _iso(self.date),
            "date_precision": self.date_precision,
            "location": self.place.as_record() if self.place else None,
            "actor1": _actor(self.actor1, self.actor1_en),
            "actor2": _actor(self.actor2, self.actor2_en),
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "target": self.target,
            "weapon": self.weapon,
            "negated": self.negated,
            "aggregate": self.aggregate,
            "reported_by": self.reported_by,
            "evidence": self.evidence,
            "evidence_span": [self.evidence_start, self.evidence_end],
            "spans": _span_records(self.spans),
            "pipeline_version": self.pipeline_version,
        }


@dataclass(frozen=True, slots=True)
class CommentView:
    position: int
    author: str | None
    text: str
    when: str | None
    date: dt.date | None

    def as_record(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "author": self.author,
            "text": self.text,
            "when": self.when,
            "date": _iso(self.date),
        }


@dataclass(frozen=True, slots=True)
class MentionView:
    """A recognised span of the body; which typed fields are set depends on ``kind``."""

    kind: str
    start: int
    end: int
    text: str
    label: str | None = None
    value: int | None = None
    value_upper: int | None = None
    qualifier: str | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    place: PlaceInfo | None = None
    actor_id: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "value": self.value,
            "value_upper": self.value_upper,
            "qualifier": self.qualifier,
            "date": _iso(self.date),
            "date_precision": self.date_precision,
            "place": self.place.as_record() if self.place else None,
            "actor_id": self.actor_id,
        }


@dataclass(frozen=True, slots=True)
class ClaimView:
    id: int
    speaker: str
    speaker_en: str | None
    stance: str
    text: str
    about: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    spans: tuple[FieldSpan, ...] = ()

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_en": self.speaker_en,
            "stance": self.stance,
            "text": self.text,
            "about": self.about,
            "evidence": self.evidence,
            "evidence_span": [self.evidence_start, self.evidence_end],
            "spans": _span_records(self.spans),
        }


@dataclass(frozen=True, slots=True)
class TruceView:
    id: int
    kind: str
    start: dt.date | None
    end: dt.date | None
    duration_hours: int | None
    parties: tuple[str, ...]
    zones: tuple[PlaceInfo, ...]
    excluded: tuple[PlaceInfo, ...]
    evidence: str
    evidence_start: int
    evidence_end: int
    spans: tuple[FieldSpan, ...] = ()

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "duration_hours": self.duration_hours,
            "parties": list(self.parties),
            "zones": [z.as_record() for z in self.zones],
            "excluded": [z.as_record() for z in self.excluded],
            "evidence": self.evidence,
            "evidence_span": [self.evidence_start, self.evidence_end],
            "spans": _span_records(self.spans),
        }


@dataclass(frozen=True, slots=True)
class DropView:
    stage: str
    reason: str
    detail: str

    def as_record(self) -> dict[str, str]:
        return {"stage": self.stage, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One stored article with everything extracted from it: what the article page shows."""

    id: int
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    author: str | None
    body: str
    language: str | None
    format: str
    origin: str
    ingested_at: dt.datetime
    processed_at: dt.datetime
    pipeline_version: str
    drop: DropView | None
    comments: tuple[CommentView, ...]
    places: tuple[PlaceInfo, ...]
    mentions: tuple[MentionView, ...]
    events: tuple[EventRow, ...]
    claims: tuple[ClaimView, ...]
    truces: tuple[TruceView, ...]

    def as_record(self) -> dict[str, Any]:
        """A JSON-ready dict: the document, its spans and everything extracted from it."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
            "author": self.author,
            "language": self.language,
            "body": self.body,
            "dropped": self.drop.as_record() if self.drop else None,
            "comments": [c.as_record() for c in self.comments],
            "places": [p.as_record() for p in self.places],
            "mentions": [m.as_record() for m in self.mentions],
            "events": [e.as_record() for e in self.events],
            "claims": [c.as_record() for c in self.claims],
            "truces": [t.as_record() for t in self.truces],
            "pipeline_version": self.pipeline_version,
        }


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    ingested_at: dt.datetime
    dropped_reason: str | None
    events: int

    def as_record(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
            "ingested_at": self.ingested_at.isoformat(),
            "dropped_reason": self.dropped_reason,
            "events": self.events,
        }


@dataclass(frozen=True, slots=True)
class DayCount:
    date: dt.date
    events: int


@dataclass(frozen=True)
class StoreStats:
    documents: int
    dropped: int
    events: int
    claims: int
    truces: int
    places: int
    failures: int
    events_by_type: dict[str, int] = field(default_factory=dict)
    events_by_sub_type: dict[str, int] = field(default_factory=dict)
    drops_by_reason: dict[str, int] = field(default_factory=dict)
    failures_by_code: dict[str, int] = field(default_factory=dict)
    documents_by_source: dict[str, int] = field(default_factory=dict)
    events_per_day: tuple[DayCount, ...] = ()
    first_event: dt.date | None = None
    last_event: dt.date | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "dropped": self.dropped,
            "events": self.events,
            "claims": self.claims,
            "truces": self.truces,
            "places": self.places,
            "failures": self.failures,
            "events_by_type": self.events_by_type,
            "events_by_sub_type": self.events_by_sub_type,
            "drops_by_reason": self.drops_by_reason,
            "failures_by_code": self.failures_by_code,
            "documents_by_source": self.documents_by_source,
            "events_per_day": [{"date": d.date.isoformat(), "events": d.events} for d in self.events_per_day],
            "first_event": _iso(self.first_event),
            "last_event": _iso(self.last_event),
        }


# --- events -------------------------------------------------------------------------------


def list_events(
    engine: Engine,
    event_filter: EventFilter,
    limit: int = 50,
    offset: int = 0,
    sort: EventSort = EventSort.DATE_DESC,
) -> list[EventRow]:
    """One page of matching events, in a stable order."""
    with Session(engine) as session, session.begin():
        return _event_rows(session, _page(session, event_filter, sort, _clamp(limit), max(offset, 0)))


def iter_events(
    engine: Engine, event_filter: EventFilter, sort: EventSort = EventSort.DATE_DESC
) -> Iterator[EventRow]:
    """Every matching event, page by page inside one read transaction (a consistent snapshot).

    The matching ids are read first, in order (ids alone are cheap to sort and to hold: 8 MB
    for a million), then the rows ``PAGE`` at a time by id, so the cost grows with the number
    of events, not with its square as paging by offset would.
    """
    with Session(engine) as session, session.begin():
        ids = _all_ids(session, event_filter, sort)
        for start in range(0, len(ids), PAGE):
            chunk = ids[start : start + PAGE]
            found = {
                row[0].id: row for row in session.execute(_event_columns().where(EventModel.id.in_(chunk)))
            }
            yield from _event_rows(session, [found[event_id] for event_id in chunk])


def count_events(engine: Engine, event_filter: EventFilter) -> int:
    """How many events match, exactly."""
    with Session(engine) as session, session.begin():
        return _count(session, event_filter)


@dataclass(frozen=True, slots=True)
class CappedCount:
    """How many events match, counted no further than a cap."""

    count: int  # exact when ``exact``; otherwise the cap (at least this many match)
    exact: bool

    def as_text(self) -> str:
        """``"734"``, or ``"1000+"`` when the count stopped at the cap."""
        return str(self.count) if self.exact else f"{self.count}+"


def count_events_capped(engine: Engine, event_filter: EventFilter, cap: int = COUNT_CAP) -> CappedCount:
    """How many events match, counting no further than ``cap`` (for the total beside a page).

    An exact count reads every matching row, or every entry of an index: over a million
    events a broad filter (one country, a common word) costs 30 ms to over 100 ms however it
    is indexed, while "1,000+" is found after the first thousand matches.
    """
    cap = max(cap, 0)
    with Session(engine) as session, session.begin():
        found = _count_matches(session, event_filter, cap + 1)
    return CappedCount(min(found, cap), found <= cap)


def _count_matches(session: Session, f: EventFilter, limit: int) -> int:
    """How many events match ``f``, counted no further than ``limit``."""
    terms = _terms(f) if _is_sqlite(session) else []
    if len(terms) == 1 and terms[0].probe is not None:  # read from the condition's own index alone
        return _count_up_to(session, terms[0].probe, limit)
    # Driving pays only for a condition with a few times ``limit`` rows: past that, reading in
    # index order meets ``limit`` matches sooner (or runs out of budget: see _run).
    plan = _planned(session, f, EventSort.DATE_DESC, limit, reach=CAPPED_REACH * limit)
    matching = _from_events(select(EventModel.id), f)
    return _run(session, plan, lambda where: _count_up_to(session, matching.where(*where), limit))


def _count_up_to(session: Session, statement: Select, limit: int) -> int:
    return session.scalar(select(func.count()).select_from(statement.limit(limit).subquery())) or 0


# How an event filter runs. PostgreSQL gets the conditions as written: its planner keeps
# statistics, and pg_trgm indexes (migration 0003) serve the text filters. SQLite's planner
# does not know how many rows a condition selects; left to itself it reads a country's
# 400,000 events through the country index and sorts them all for a page of 50. So on SQLite
# the choice is made here. Each condition an index can serve is probed: how many rows does it
# select, counted no further than its reach (beyond that, reading rows in the order asked for
# and skipping those that do not match is cheaper). The condition with the fewest rows under
# the reach drives the query, every other condition is checked row by row; when none is under
# it, rows are read in the order asked for, through the date index or the (event_type, date),
# (sub_event_type, date) or (country, date, event_type) index of an equality condition, and
# the first matches fill the page. A condition is kept away from indexes with SQLite's unary
# "+" (``+events.country = ?``), which changes nothing else. Text filters on SQLite use
# ``events_search`` (FTS5 with the trigram tokenizer, migration 0003): a quoted word of three
# characters or more finds exactly the rows ``LIKE '%word%'`` finds, from the index.

#: The SQLite full-text index over the events' folded text (migration 0003).
_SEARCH = table("events_search", column("rowid"))
#: The trigram index finds words of this many characters or more; shorter ones are checked.
SEARCH_MIN_CHARS = 3
#: Bounds on how many rows a condition may select and still drive a page (see ``_reach``).
MIN_REACH, MAX_REACH = 1_000, 100_000
#: An exact count is driven by a condition selecting fewer rows than this.
COUNT_REACH = 20_000
#: A capped count is driven by a condition selecting fewer than this many times the cap.
CAPPED_REACH = 5
#: CPU seconds an in-order read may spend finding its matches before it is given up for the
#: condition selecting the fewest rows (probed this far): see ``_run``.
SCAN_BUDGET_S = 0.03
FALLBACK_PROBE = 200_000


@dataclass(frozen=True)
class _Term:
    """One condition of an :class:`EventFilter`, in the forms the SQLite planning chooses from."""

    checked: ColumnElement[bool]  # checked row by row: no index serves it
    indexed: ColumnElement[bool] | None = None  # an index serves it (None: none can)
    probe: Select | None = None  # the ids it selects, read from that index alone
    ordered: bool = False  # that index also yields the rows in date order


@dataclass(frozen=True)
class _Plan:
    """The conditions to run; for an in-order read that may be given up, the terms to drive instead."""

    conditions: list[ColumnElement[bool]]
    fallback: list[_Term] = field(default_factory=list)


def _page(session: Session, f: EventFilter, sort: EventSort, limit: int, offset: int) -> list[Any]:
    if sort is EventSort.DATE_ASC and _is_sqlite(session):
        return _oldest_first(session, f, limit, offset)
    statement = _event_columns().order_by(*_order(sort)).limit(limit).offset(offset)
    plan = _planned(session, f, sort, offset + limit)
    return _run(session, plan, lambda where: list(session.execute(statement.where(*where)).all()))


def _run(session: Session, plan: _Plan, query: Callable[[list[ColumnElement[bool]]], T]) -> T:
    """``query(conditions)``; an in-order read that overruns its budget runs driven instead.

    Reading in order pays when many rows match. When each condition alone matches many rows
    but together they match few (a common word and a short one that the full-text index
    cannot find, a country and a rare combination of fields), it would read most of the
    table; after ``SCAN_BUDGET_S`` it is interrupted and the condition selecting the fewest
    rows drives instead. The result is the same either way.
    """
    if not plan.fallback:
        return query(plan.conditions)
    try:
        with _interrupted_after(session, SCAN_BUDGET_S):
            return query(plan.conditions)
    except OperationalError as exc:
        if "interrupted" not in str(exc.orig):
            raise
    log.debug("in-order read over budget; driving by the condition with the fewest rows")
    driver = _driver(session, plan.fallback, FALLBACK_PROBE, always=True)
    return query([t.indexed if t is driver and t.indexed is not None else t.checked for t in plan.fallback])


@contextmanager
def _interrupted_after(session: Session, seconds: float) -> Iterator[None]:
    """SQLite statements run here are interrupted once this thread has used ``seconds`` of CPU."""
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    deadline = time.thread_time() + seconds
    dbapi.set_progress_handler(lambda: time.thread_time() > deadline, 1_000)  # every 1,000 VM steps
    try:
        yield
    finally:
        dbapi.set_progress_handler(None, 0)


def _all_ids(session: Session, f: EventFilter, sort: EventSort) -> list[int]:
    conditions = _planned(session, f, sort, MAX_REACH**2).conditions  # every match: the widest reach
    matching = _from_events(select(EventModel.id), f).where(*conditions)
    if sort is EventSort.DATE_ASC and _is_sqlite(session):  # as in _oldest_first
        dated = matching.where(EventModel.date.is_not(None)).order_by(
            EventModel.date.asc(), EventModel.id.asc()
        )
        undated = matching.where(EventModel.date.is_(None)).order_by(EventModel.id.asc())
        return [*session.scalars(dated), *session.scalars(undated)]
    return list(session.scalars(matching.order_by(*_order(sort))))


def _oldest_first(session: Session, f: EventFilter, limit: int, offset: int) -> list[Any]:
    """Oldest first, undated last, on SQLite: the dated events, then the undated ones by id.

    SQLite keeps NULLs first in an index, so "date ASC NULLS LAST" in one query would sort
    every match; the dated events alone come out of the date index in order.
    """
    if limit == 0:
        return []
    plan = _planned(session, f, EventSort.DATE_ASC, offset + limit)
    dated = (
        _event_columns()
        .where(EventModel.date.is_not(None))
        .order_by(EventModel.date.asc(), EventModel.id.asc())
    )
    dated = dated.limit(limit).offset(offset)
    rows = _run(session, plan, lambda where: list(session.execute(dated.where(*where)).all()))
    if len(rows) == limit:
        return rows
    # Past the dated events: how many of them the offset has skipped decides where to start.
    skip = 0 if rows else max(offset - _count(session, f, EventModel.date.is_not(None)), 0)
    undated = _event_columns().where(EventModel.date.is_(None)).order_by(EventModel.id.asc())
    undated = undated.limit(limit - len(rows)).offset(skip)
    return rows + _run(session, plan, lambda where: list(session.execute(undated.where(*where)).all()))


def _count(session: Session, f: EventFilter, *extra: ColumnElement[bool]) -> int:
    terms = _terms(f) if _is_sqlite(session) else []
    if len(terms) == 1 and terms[0].probe is not None and not extra:
        # One condition: counted from its own index (a covering index, or the full-text index).
        return session.scalar(select(func.count()).select_from(terms[0].probe.subquery())) or 0
    statement = _from_events(select(func.count()), f)
    return session.scalar(statement.where(*_planned(session, f, None, 0).conditions, *extra)) or 0


def _planned(
    session: Session, f: EventFilter, sort: EventSort | None, need: int, *, reach: int | None = None
) -> _Plan:
    """The conditions of ``f`` as this database should run them (see the comment above).

    ``need`` rows in ``sort`` order are wanted (a page's offset + limit); ``sort`` None: a count.
    ``reach``: how many rows a driving condition may select (default: see ``_reach``).
    """
    if not _is_sqlite(session):
        return _Plan(_conditions(f))
    terms = _terms(f)
    if reach is None:
        reach = COUNT_REACH if sort is None else _reach(session, need)
    driver = _driver(session, terms, reach)
    if driver is not None:
        return _Plan([t.indexed if t is driver and t.indexed is not None else t.checked for t in terms])
    if sort is None:  # a count over many rows: SQLite counts best through its own choice of index
        return _Plan([t.indexed if t.indexed is not None else t.checked for t in terms])
    in_date_order = sort in (EventSort.DATE_DESC, EventSort.DATE_ASC)
    conditions = [
        t.indexed if in_date_order and t.ordered and t.indexed is not None else t.checked for t in terms
    ]
    return _Plan(conditions, fallback=terms if any(t.probe is not None for t in terms) else [])


def _driver(session: Session, terms: list[_Term], reach: int, *, always: bool = False) -> _Term | None:
    """The condition selecting the fewest rows, if fewer than ``reach`` (``always``: in any case)."""
    probed = [(term, term.probe) for term in terms if term.probe is not None]
    best = probed[0][0] if always and probed else None
    fewest = reach
    for term, probe in probed:
        found = _count_up_to(session, probe, fewest)
        if found < fewest:
            best, fewest = term, found
    return best


def _reach(session: Session, need: int) -> int:
    """How many rows a condition may select and still drive a page of ``need`` rows.

    Driving fetches and sorts all its rows (R); reading in order finds ``need`` matches after
    about need × events / R rows. The two cost the same at R = sqrt(need × events).
    """
    events = session.scalar(select(func.max(EventModel.id))) or 0
    return min(max(math.isqrt(max(need, 1) * events), MIN_REACH), MAX_REACH)


def _terms(f: EventFilter) -> list[_Term]:
    terms: list[_Term] = []
    if f.event_types:
        terms.append(_equal_term(EventModel.event_type, [t.value for t in f.event_types]))
    if f.sub_event_types:
        terms.append(_equal_term(EventModel.sub_event_type, [t.value for t in f.sub_event_types]))
    if f.country:
        terms.append(_equal_term(EventModel.country, [f.country.strip().upper()]))
    if f.since or f.until:
        terms.append(_date_term(f.since, f.until))
    if f.bbox:
        inside = _in_bbox(f.bbox)
        terms.append(_Term(_in_bbox(f.bbox, unindexed=True), inside, _ids(inside)))
    terms += _search_terms(f)
    if f.source:
        terms.append(_document_term(DocumentModel.source, f.source))
    if f.doc_id:
        terms.append(_document_term(DocumentModel.doc_id, f.doc_id))
    if f.negated is not None:
        terms.append(_Term(EventModel.negated.is_(f.negated)))
    if f.aggregate is not None:
        terms.append(_Term(EventModel.aggregate.is_(f.aggregate)))
    if f.truce:
        violating = select(_VIOLATIONS.c.event_id).where(_VIOLATIONS.c.truce_id == f.truce)
        terms.append(_Term(_unindexed(EventModel.id).in_(violating), EventModel.id.in_(violating), violating))
    return terms


def _equal_term(column: Any, values: list[str]) -> _Term:
    """``column`` is one of ``values``; one value is also served in date order by its index."""
    if len(values) == 1:
        indexed, checked = column == values[0], _unindexed(column) == values[0]
    else:
        indexed, checked = column.in_(values), _unindexed(column).in_(values)
    return _Term(checked, indexed, _ids(indexed), ordered=len(values) == 1)


def _date_term(since: dt.date | None, until: dt.date | None) -> _Term:
    def bounds(day: Any) -> list[ColumnElement[bool]]:
        found = [day >= since] if since else []
        return found + ([day <= until] if until else [])

    indexed = and_(*bounds(EventModel.date))
    return _Term(and_(*bounds(_unindexed(EventModel.date))), indexed, _ids(indexed), ordered=True)


def _document_term(column: Any, value: str) -> _Term:
    indexed = column == value
    probe = select(EventModel.id).join(DocumentModel).where(indexed)
    return _Term(_unindexed(column) == value, indexed, probe)


def _search_terms(f: EventFilter) -> list[_Term]:
    """The text filters: one full-text condition for the words it can find, LIKE for the rest."""
    phrases: list[tuple[Any, str]] = []
    short: list[_Term] = []
    for searched, text in (
        (EventModel.actors_folded, f.actor),
        (EventModel.place_folded, f.place),
        (EventModel.text_folded, f.text),
    ):
        for word in _words(text):
            if len(word) >= SEARCH_MIN_CHARS and "\x00" not in word:
                phrases.append((searched, word))
            else:
                short.append(_Term(searched.contains(word, autoescape=True)))
    if not phrases:
        return short
    # Each word a quoted phrase in its column ("" is a quote inside one): never query syntax.
    query = " AND ".join(
        f'{{{searched.key}}}: "{word.replace(chr(34), chr(34) * 2)}"' for searched, word in phrases
    )
    found = select(_SEARCH.c.rowid).where(literal_column(_SEARCH.name).op("MATCH")(query))
    checked = and_(*(searched.contains(word, autoescape=True) for searched, word in phrases))
    return [_Term(checked, EventModel.id.in_(found), found), *short]


def _words(text: str | None) -> list[str]:
    return fold(text).lower().split() if text else []


def _ids(condition: ColumnElement[bool]) -> Select:
    return select(EventModel.id).where(condition)


def _unindexed(column: Any) -> ColumnElement[Any]:
    """``+events.column``: the same value, which SQLite will not look up in an index (SQLite only)."""
    expression = column.expression
    return literal_column(f"+{expression.table.name}.{expression.name}", type_=expression.type)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _from_events(statement: Select, f: EventFilter) -> Select:
    """``statement`` over the events, joined to their documents when ``f`` filters on them."""
    statement = statement.select_from(EventModel)
    return statement.join(DocumentModel) if f.source or f.doc_id else statement


def _event_columns() -> Select:
    return select(
        EventModel,
        DocumentModel.doc_id,
        DocumentModel.title,
        DocumentModel.source,
        DocumentModel.url,
        DocumentModel.published,
    ).join(DocumentModel)


def _order(sort: EventSort) -> list[ColumnElement[Any]]:
    # NULLS LAST rather than a CASE on NULL: an index can still yield this order.
    if sort is EventSort.DATE_ASC:
        return [EventModel.date.asc().nulls_last(), EventModel.id.asc()]
    if sort is EventSort.FATALITIES_DESC:
        return [EventModel.fatalities.desc().nulls_last(), EventModel.id.desc()]
    if sort is EventSort.RECENT:
        return [EventModel.id.desc()]
    return [EventModel.date.desc().nulls_last(), EventModel.id.desc()]


def _conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    """The conditions of ``f`` as written: what every database but SQLite runs."""
    conditions: list[ColumnElement[bool]] = []
    if f.event_types:
        conditions.append(EventModel.event_type.in_([t.value for t in f.event_types]))
    if f.sub_event_types:
        conditions.append(EventModel.sub_event_type.in_([t.value for t in f.sub_event_types]))
    conditions += _text_conditions(EventModel.actors_folded, f.actor)
    conditions += _text_conditions(EventModel.place_folded, f.place)
    conditions += _text_conditions(EventModel.text_folded, f.text)
    if f.country:
        conditions.append(EventModel.country == f.country.strip().upper())
    if f.bbox:
        conditions.append(_in_bbox(f.bbox))
    if f.since:
        conditions.append(EventModel.date >= f.since)
    if f.until:
        conditions.append(EventModel.date <= f.until)
    if f.source:
        conditions.append(DocumentModel.source == f.source)
    if f.doc_id:
        conditions.append(DocumentModel.doc_id == f.doc_id)
    if f.negated is not None:
        conditions.append(EventModel.negated.is_(f.negated))
    if f.aggregate is not None:
        conditions.append(EventModel.aggregate.is_(f.aggregate))
    if f.truce:
        violating = select(_VIOLATIONS.c.event_id).where(_VIOLATIONS.c.truce_id == f.truce)
        conditions.append(EventModel.id.in_(violating))
    return conditions


def _text_conditions(column: Any, text: str | None) -> list[ColumnElement[bool]]:
    """Each word of ``text``, folded, must occur in ``column`` (which holds folded text)."""
    return [column.contains(word, autoescape=True) for word in _words(text)]


def _in_bbox(box: BBox, *, unindexed: bool = False) -> ColumnElement[bool]:
    lat, lon = (
        (_unindexed(EventModel.lat), _unindexed(EventModel.lon))
        if unindexed
        else (EventModel.lat, EventModel.lon)
    )
    lat_ok = and_(lat >= box.south, lat <= box.north)
    if box.west <= box.east:
        lon_ok = and_(lon >= box.west, lon <= box.east)
    else:
        lon_ok = or_(lon >= box.west, lon <= box.east)
    return and_(lat_ok, lon_ok)


def _event_rows(session: Session, rows: Sequence[Any]) -> list[EventRow]:
    spans = _spans_of(session, FieldSpanModel.event_id, [row[0].id for row in rows])
    rows_out = []
    for model, doc_id, title, source, url, published in rows:
        rows_out.append(_event_row(model, doc_id, title, source, url, published, spans.get(model.id, ())))
    return rows_out


def _event_row(
    model: EventModel,
    doc_id: str,
    title: str | None,
    source: str | None,
    url: str | None,
    published: dt.date | None,
    spans: tuple[FieldSpan, ...] = (),
) -> EventRow:
    place = None
    if model.place_name is not None:
        place = PlaceInfo(
            model.place_name,
            model.place_name_en,
            model.lat,
            model.lon,
            model.country,
            model.admin1,
            model.place_kind,
            model.place_id,
        )
    return EventRow(
        id=model.id,
        doc_id=doc_id,
        title=title,
        source=source,
        url=url,
        published=published,
        event_type=model.event_type,
        sub_event_type=model.sub_event_type,
        date=model.date,
        date_precision=model.date_precision,
        place=place,
        actor1=model.actor1,
        actor1_en=model.actor1_en,
        actor2=model.actor2,
        actor2_en=model.actor2_en,
        fatalities=model.fatalities,
        injuries=model.injuries,
        target=model.target,
        weapon=model.weapon,
        negated=model.negated,
        aggregate=model.aggregate,
        reported_by=model.reported_by,
        evidence=model.evidence,
        evidence_start=model.evidence_start,
        evidence_end=model.evidence_end,
        pipeline_version=model.pipeline_version,
        spans=spans,
    )


def _spans_of(session: Session, owner: Any, ids: list[int]) -> dict[int, tuple[FieldSpan, ...]]:
    if not ids:
        return {}
    found: dict[int, list[FieldSpan]] = {}
    statement = (
        select(owner, FieldSpanModel.field, FieldSpanModel.start, FieldSpanModel.end)
        .where(owner.in_(ids))
        .order_by(owner, FieldSpanModel.start, FieldSpanModel.id)
    )
    for owner_id, name, start, end in session.execute(statement):
        found.setdefault(owner_id, []).append(FieldSpan(name, start, end))
    return {key: tuple(value) for key, value in found.items()}


# --- articles -----------------------------------------------------------------------------


def get_article(engine: Engine, doc_id: str) -> ArticleView | None:
    """The stored article ``doc_id`` with its comments, places, mentions, events, claims and truces."""
    with Session(engine) as session, session.begin():
        document = session.scalar(select(DocumentModel).where(DocumentModel.doc_id == doc_id))
        if document is None:
            return None
        return ArticleView(
            id=document.id,
            doc_id=document.doc_id,
            title=document.title,
            source=document.source,
            url=document.url,
            published=document.published,
            author=document.author,
            body=document.body,
            language=document.language,
            format=document.format,
            origin=document.origin,
            ingested_at=_aware(document.ingested_at),
            processed_at=_aware(document.processed_at),
            pipeline_version=document.pipeline_version,
            drop=_drop_of(session, document.id),
            comments=_comments_of(session, document.id),
            places=_places_of(session, document.id),
            mentions=_mentions_of(session, document.id),
            events=_events_of(session, document),
            claims=_claims_of(session, document.id),
            truces=_truces_of(session, document.id),
        )


def _drop_of(session: Session, document_id: int) -> DropView | None:
    drop = session.scalar(
        select(DropModel).where(DropModel.document_id == document_id).order_by(DropModel.id)
    )
    return DropView(drop.stage, drop.reason, drop.detail) if drop else None


def _comments_of(session: Session, document_id: int) -> tuple[CommentView, ...]:
    statement = (
        select(CommentModel).where(CommentModel.document_id == document_id).order_by(CommentModel.position)
    )
    return tuple(
        CommentView(c.position, c.author, c.text, c.when_text, c.date) for c in session.scalars(statement)
    )


def _place_info(name: str, place: PlaceModel | None) -> PlaceInfo:
    if place is None:
        return PlaceInfo(name)
    return PlaceInfo(
        name, place.name_en, place.lat, place.lon, place.country, place.admin1, place.kind, place.id
    )


def _places_of(session: Session, document_id: int) -> tuple[PlaceInfo, ...]:
    statement = (
        select(DocumentPlaceModel, PlaceModel)
        .outerjoin(PlaceModel, DocumentPlaceModel.place_id == PlaceModel.id)
        .where(DocumentPlaceModel.document_id == document_id)
        .order_by(DocumentPlaceModel.position)
    )
    return tuple(_place_info(row.name, place) for row, place in session.execute(statement))


def _mentions_of(session: Session, document_id: int) -> tuple[MentionView, ...]:
    statement = (
        select(MentionModel, PlaceModel)
        .outerjoin(PlaceModel, MentionModel.place_id == PlaceModel.id)
        .where(MentionModel.document_id == document_id)
        .order_by(MentionModel.start, MentionModel.end, MentionModel.id)
    )
    return tuple(
        MentionView(
            kind=m.kind,
            start=m.start,
            end=m.end,
            text=m.text,
            label=m.label,
            value=m.value,
            value_upper=m.value_upper,
            qualifier=m.qualifier,
            date=m.date,
            date_precision=m.date_precision,
            place=_place_info(m.text, place) if m.kind == "place" else None,
            actor_id=m.actor_id,
        )
        for m, place in session.execute(statement)
    )


def _events_of(session: Session, document: DocumentModel) -> tuple[EventRow, ...]:
    models = list(
        session.scalars(
            select(EventModel).where(EventModel.document_id == document.id).order_by(EventModel.position)
        )
    )
    spans = _spans_of(session, FieldSpanModel.event_id, [m.id for m in models])
    return tuple(
        _event_row(
            m,
            document.doc_id,
            document.title,
            document.source,
            document.url,
            document.published,
            spans.get(m.id, ()),
        )
        for m in models
    )


def _claims_of(session: Session, document_id: int) -> tuple[ClaimView, ...]:
    models = list(
        session.scalars(
            select(ClaimModel).where(ClaimModel.document_id == document_id).order_by(ClaimModel.position)
        )
    )
    spans = _spans_of(session, FieldSpanModel.claim_id, [m.id for m in models])
    return tuple(
        ClaimView(
            m.id,
            m.speaker,
            m.speaker_en,
            m.stance,
            m.text,
            m.about,
            m.evidence,
            m.evidence_start,
            m.evidence_end,
            spans.get(m.id, ()),
        )
        for m in models
    )


def _truces_of(session: Session, document_id: int) -> tuple[TruceView, ...]:
    models = list(
        session.scalars(
            select(TruceModel).where(TruceModel.document_id == document_id).order_by(TruceModel.position)
        )
    )
    spans = _spans_of(session, FieldSpanModel.truce_id, [m.id for m in models])
    return tuple(_truce_view(session, m, spans.get(m.id, ())) for m in models)


def _truce_view(session: Session, model: TruceModel, spans: tuple[FieldSpan, ...]) -> TruceView:
    parties = session.scalars(
        select(TrucePartyModel.name)
        .where(TrucePartyModel.truce_id == model.id)
        .order_by(TrucePartyModel.position)
    )
    zones = session.execute(
        select(TruceZoneModel, PlaceModel)
        .outerjoin(PlaceModel, TruceZoneModel.place_id == PlaceModel.id)
        .where(TruceZoneModel.truce_id == model.id)
        .order_by(TruceZoneModel.position)
    ).all()
    return TruceView(
        id=model.id,
        kind=model.kind,
        start=model.start_date,
        end=model.end_date,
        duration_hours=model.duration_hours,
        parties=tuple(parties),
        zones=tuple(_place_info(z.name, p) for z, p in zones if not z.excluded),
        excluded=tuple(_place_info(z.name, p) for z, p in zones if z.excluded),
        evidence=model.evidence,
        evidence_start=model.evidence_start,
        evidence_end=model.evidence_end,
        spans=spans,
    )


def list_articles(
    engine: Engine, limit: int = 50, offset: int = 0, source: str | None = None, text: str | None = None
) -> list[ArticleSummary]:
    """Stored articles, newest publication first (undated last), with their event counts."""
    events = (
        select(EventModel.document_id, func.count().label("n")).group_by(EventModel.document_id).subquery()
    )
    drops = select(DropModel.document_id, func.min(DropModel.reason).label("reason"))
    drops_sub = drops.group_by(DropModel.document_id).subquery()
    statement = (
        select(DocumentModel, func.coalesce(events.c.n, 0), drops_sub.c.reason)
        .outerjoin(events, events.c.document_id == DocumentModel.id)
        .outerjoin(drops_sub, drops_sub.c.document_id == DocumentModel.id)
        .order_by(
            case((DocumentModel.published.is_(None), 1), else_=0),
            DocumentModel.published.desc(),
            DocumentModel.id.desc(),
        )
        .limit(_clamp(limit))
        .offset(max(offset, 0))
    )
    if source:
        statement = statement.where(DocumentModel.source == source)
    statement = statement.where(*_text_conditions(DocumentModel.text_folded, text))
    with Session(engine) as session:
        return [
            ArticleSummary(
                d.id, d.doc_id, d.title, d.source, d.url, d.published, _aware(d.ingested_at), reason, count
            )
            for d, count, reason in session.execute(statement)
        ]


# --- statistics ---------------------------------------------------------------------------


def stats(engine: Engine) -> StoreStats:
    """Counts for the first page: documents, events per type and per day, drops, failures."""
    with Session(engine) as session, session.begin():

        def count(model: Any) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0

        def grouped(column: Any) -> dict[str, int]:
            rows = session.execute(
                select(column, func.count()).group_by(column).order_by(func.count().desc(), column)
            )
            return {str(key): n for key, n in rows if key is not None}

        per_day = session.execute(
            select(EventModel.date, func.count())
            .where(EventModel.date.is_not(None))
            .group_by(EventModel.date)
            .order_by(EventModel.date)
        ).all()
        return StoreStats(
            documents=count(DocumentModel),
            dropped=session.scalar(select(func.count()).where(DocumentModel.dropped.is_(True))) or 0,
            events=count(EventModel),
            claims=count(ClaimModel),
            truces=count(TruceModel),
            places=count(PlaceModel),
            failures=count(IngestFailureModel),
            events_by_type=grouped(EventModel.event_type),
            events_by_sub_type=grouped(EventModel.sub_event_type),
            drops_by_reason=grouped(DropModel.reason),
            failures_by_code=grouped(IngestFailureModel.code),
            documents_by_source=grouped(DocumentModel.source),
            events_per_day=tuple(DayCount(day, n) for day, n in per_day if day is not None),
            first_event=per_day[0][0] if per_day else None,
            last_event=per_day[-1][0] if per_day else None,
        )


# --- map and timeline ---------------------------------------------------------------------

MAP_LIMIT = 100_000  # points a map request returns at most


@dataclass(frozen=True, slots=True)
class MapPoint:
    """The least a map marker needs; the popup fetches the full event by id."""

    id: int
    lat: float
    lon: float
    event_type: str
    date: dt.date | None
    fatalities: int | None

    def as_row(self) -> list[Any]:
        """A compact array ``[id, lat, lon, event_type, date, fatalities]`` (the map wire format)."""
        return [
            self.id,
            round(self.lat, 5),
            round(self.lon, 5),
            self.event_type,
            _iso(self.date),
            self.fatalities,
        ]


@dataclass(frozen=True, slots=True)
class MapPoints:
    points: tuple[MapPoint, ...]
    unlocated: int  # matching events without coordinates (not on the map)
    truncated: bool  # more located events matched than the limit


@dataclass(frozen=True, slots=True)
class TimelineDay:
    """Events on one day, per event type."""

    date: dt.date
    by_type: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_type)

    def as_record(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "total": self.total, "by_type": dict(self.by_type)}


def map_points(engine: Engine, event_filter: EventFilter, limit: int = MAP_LIMIT) -> MapPoints:
    """Every matching event that has coordinates, as compact points (newest first)."""
    limit = max(limit, 0)
    columns = (
        EventModel.id,
        EventModel.lat,
        EventModel.lon,
        EventModel.event_type,
        EventModel.date,
        EventModel.fatalities,
    )
    with Session(engine) as session, session.begin():
        located = _located(_is_sqlite(session))
        conditions = _planned(session, event_filter, EventSort.DATE_DESC, limit + 1).conditions
        statement = _from_events(select(*columns), event_filter).where(*conditions, located)
        rows = session.execute(statement.order_by(*_order(EventSort.DATE_DESC)).limit(limit + 1)).all()
        missing = _count(session, event_filter, ~located)
    points = tuple(
        MapPoint(event_id, lat, lon, event_type, day, killed)
        for event_id, lat, lon, event_type, day, killed in rows[:limit]
        if lat is not None and lon is not None
    )
    return MapPoints(points, missing, len(rows) > limit)


def _located(sqlite: bool) -> ColumnElement[bool]:
    """The event has coordinates (on SQLite, checked row by row: the planning picks the index)."""
    lat, lon = (
        (_unindexed(EventModel.lat), _unindexed(EventModel.lon))
        if sqlite
        else (EventModel.lat, EventModel.lon)
    )
    return and_(lat.is_not(None), lon.is_not(None))


def timeline(engine: Engine, event_filter: EventFilter) -> list[TimelineDay]:
    """Dated matching events counted per day and event type, oldest day first."""
    days: dict[dt.date, list[tuple[str, int]]] = {}
    with Session(engine) as session, session.begin():
        statement = _from_events(select(EventModel.date, EventModel.event_type, func.count()), event_filter)
        statement = statement.where(
            *_planned(session, event_filter, None, 0).conditions, EventModel.date.is_not(None)
        )
        statement = statement.group_by(EventModel.date, EventModel.event_type)
        for day, event_type, count in session.execute(
            statement.order_by(EventModel.date, EventModel.event_type)
        ):
            if day is not None:
                days.setdefault(day, []).append((event_type, count))
    return [TimelineDay(day, tuple(counts)) for day, counts in days.items()]


def get_event(engine: Engine, event_id: int) -> EventRow | None:
    """One event by its id, with its field spans."""
    statement = _event_columns().where(EventModel.id == event_id)
    with Session(engine) as session:
        rows = _event_rows(session, session.execute(statement).all())
    return rows[0] if rows else None


# --- places and actors --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    """A resolved place with the number of events located there."""

    place: PlaceInfo
    events: int

    def as_record(self) -> dict[str, Any]:
        return {**self.place.as_record(), "events": self.events}


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor name as written (with its English name when known) and how often it acts."""

    name: str
    name_en: str | None
    as_actor1: int
    as_actor2: int

    @property
    def events(self) -> int:
        return self.as_actor1 + self.as_actor2

    def as_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_en": self.name_en,
            "events": self.events,
            "as_actor1": self.as_actor1,
            "as_actor2": self.as_actor2,
        }


@dataclass(frozen=True, slots=True)
class Page:
    """One page of rows and the number of rows matching in all."""

    rows: tuple[Any, ...]
    total: int


def list_places(
    engine: Engine, text: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
) -> Page:
    """Places, most events first (ties by id), matching ``text`` in their names and ``country``.

    ``text`` matches, folded, the place names events were located with (Arabic as written,
    English, admin1), or the English name of the place.
    """
    counts = select(EventModel.place_id, func.count().label("n")).group_by(EventModel.place_id).subquery()
    conditions: list[ColumnElement[bool]] = []
    if country:
        conditions.append(PlaceModel.country == country.strip().upper())
    if text and text.strip():
        named = select(EventModel.place_id).where(*_text_conditions(EventModel.place_folded, text))
        in_english = [PlaceModel.name_en.icontains(w, autoescape=True) for w in text.split()]
        conditions.append(or_(PlaceModel.id.in_(named), and_(*in_english)))
    n = func.coalesce(counts.c.n, 0)
    statement = (
        select(PlaceModel, n)
        .outerjoin(counts, counts.c.place_id == PlaceModel.id)
        .where(*conditions)
        .order_by(n.desc(), PlaceModel.id)
        .limit(_clamp(limit))
        .offset(max(offset, 0))
    )
    total = select(func.count()).select_from(PlaceModel).where(*conditions)
    with Session(engine) as session, session.begin():
        rows = tuple(
            PlaceSummary(_place_info(place.name, place), count) for place, count in session.execute(statement)
        )
        return Page(rows, session.scalar(total) or 0)


def list_actors(engine: Engine, text: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Actor names from events (actor1 and actor2), most events first, matching ``text`` folded.

    The distinct names are few next to the events, so they are grouped in SQL and the folded
    text match (which the database cannot do on these columns) runs here.
    """
    first = select(EventModel.actor1, EventModel.actor1_en, func.count(), literal(1))
    second = select(EventModel.actor2, EventModel.actor2_en, func.count(), literal(2))
    first = first.where(EventModel.actor1.is_not(None)).group_by(EventModel.actor1, EventModel.actor1_en)
    second = second.where(EventModel.actor2.is_not(None)).group_by(EventModel.actor2, EventModel.actor2_en)
    tallies: dict[tuple[str, str | None], list[int]] = {}
    with Session(engine) as session, session.begin():
        for statement in (first, second):
            for name, name_en, count, role in session.execute(statement):
                if name is None:
                    continue
                tallies.setdefault((name, name_en), [0, 0])[role - 1] += count
    words = fold(text).lower().split() if text else []
    actors = [
        ActorSummary(name, name_en, a1, a2)
        for (name, name_en), (a1, a2) in tallies.items()
        if all(w in _folded_name(name, name_en) for w in words)
    ]
    actors.sort(key=lambda a: (-a.events, a.name, a.name_en or ""))
    start = max(offset, 0)
    return Page(tuple(actors[start : start + _clamp(limit)]), len(actors))


def _folded_name(name: str, name_en: str | None) -> str:
    return fold(f"{name} {name_en or ''}").lower()


# --- claims -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to return; empty fields match everything (combined with AND)."""

    stances: tuple[str, ...] = ()
    speaker: str | None = None  # text in the speaker's name (Arabic or English), folded
    text: str | None = None  # every word in the claim's text or evidence, folded
    doc_id: str | None = None
    source: str | None = None
    since: dt.date | None = None  # the article's publication date, inclusive
    until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with the article it was read in."""

    claim: ClaimView
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None

    def as_record(self) -> dict[str, Any]:
        return {
            **self.claim.as_record(),
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
        }


def list_claims(engine: Engine, claim_filter: ClaimFilter, limit: int = 50, offset: int = 0) -> Page:
    """Claims, newest article first (ties by id).

    Stance, article, outlet and dates are filtered in SQL; the folded speaker and text match
    runs here over those rows, since claims keep no folded copy of their text.
    """
    statement = (
        select(
            ClaimModel,
            DocumentModel.doc_id,
            DocumentModel.title,
            DocumentModel.source,
            DocumentModel.url,
            DocumentModel.published,
        )
        .join(DocumentModel)
        .where(*_claim_conditions(claim_filter))
        .order_by(
            case((DocumentModel.published.is_(None), 1), else_=0),
            DocumentModel.published.desc(),
            ClaimModel.id.desc(),
        )
    )
    speaker_words = fold(claim_filter.speaker).lower().split() if claim_filter.speaker else []
    text_words = fold(claim_filter.text).lower().split() if claim_filter.text else []
    with Session(engine) as session, session.begin():
        matched = [
            row for row in session.execute(statement) if _claim_matches(row[0], speaker_words, text_words)
        ]
        start = max(offset, 0)
        page = matched[start : start + _clamp(limit)]
        spans = _spans_of(session, FieldSpanModel.claim_id, [row[0].id for row in page])
        rows = tuple(
            ClaimRow(_claim_view(model, spans.get(model.id, ())), doc_id, title, source, url, published)
            for model, doc_id, title, source, url, published in page
        )
    return Page(rows, len(matched))


def _claim_conditions(f: ClaimFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.stances:
        conditions.append(ClaimModel.stance.in_(f.stances))
    if f.doc_id:
        conditions.append(DocumentModel.doc_id == f.doc_id)
    if f.source:
        conditions.append(DocumentModel.source == f.source)
    if f.since:
        conditions.append(DocumentModel.published >= f.since)
    if f.until:
        conditions.append(DocumentModel.published <= f.until)
    return conditions


def _claim_matches(model: ClaimModel, speaker_words: list[str], text_words: list[str]) -> bool:
    if speaker_words:
        speaker = _folded_name(model.speaker, model.speaker_en)
        if not all(w in speaker for w in speaker_words):
            return False
    if text_words:
        text = fold(f"{model.text} {model.evidence}").lower()
        return all(w in text for w in text_words)
    return True


def _claim_view(m: ClaimModel, spans: tuple[FieldSpan, ...]) -> ClaimView:
    return ClaimView(
        m.id,
        m.speaker,
        m.speaker_en,
        m.stance,
        m.text,
        m.about,
        m.evidence,
        m.evidence_start,
        m.evidence_end,
        spans,
    )


# --- truce announcements ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TruceAnnouncement:
    """A truce as one article announced it (the registry merges these; see store.tracking)."""

    truce: TruceView
    doc_id: str
    title: str | None
    source: str | None
    published: dt.date | None

    def as_record(self) -> dict[str, Any]:
        return {
            **self.truce.as_record(),
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "published": _iso(self.published),
        }


def list_truce_announcements(
    engine: Engine, kind: str | None = None, doc_id: str | None = None, limit: int = 50, offset: int = 0
) -> Page:
    """Truces as announced in articles, newest article first (ties by id)."""
    conditions: list[ColumnElement[bool]] = []
    if kind:
        conditions.append(TruceModel.kind == kind)
    if doc_id:
        conditions.append(DocumentModel.doc_id == doc_id)
    statement = (
        select(
            TruceModel,
            DocumentModel.doc_id,
            DocumentModel.title,
            DocumentModel.source,
            DocumentModel.published,
        )
        .join(DocumentModel)
        .where(*conditions)
        .order_by(
            case((DocumentModel.published.is_(None), 1), else_=0),
            DocumentModel.published.desc(),
            TruceModel.id.desc(),
        )
        .limit(_clamp(limit))
        .offset(max(offset, 0))
    )
    total = select(func.count()).select_from(TruceModel).join(DocumentModel).where(*conditions)
    with Session(engine) as session, session.begin():
        page = session.execute(statement).all()
        spans = _spans_of(session, FieldSpanModel.truce_id, [row[0].id for row in page])
        rows = tuple(
            TruceAnnouncement(
                _truce_view(session, model, spans.get(model.id, ())), doc, title, source, published
            )
            for model, doc, title, source, published in page
        )
        return Page(rows, session.scalar(total) or 0)


def list_sources(engine: Engine) -> list[str]:
    """Every outlet with a stored document, alphabetically (for filter menus)."""
    statement = (
        select(DocumentModel.source)
        .where(DocumentModel.source.is_not(None))
        .group_by(DocumentModel.source)
        .order_by(DocumentModel.source)
    )
    with Session(engine) as session:
        return [source for source in session.scalars(statement) if source]


def count_articles(engine: Engine, source: str | None = None, text: str | None = None) -> int:
    """How many stored articles :func:`list_articles` would page through."""
    statement = select(func.count()).select_from(DocumentModel)
    if source:
        statement = statement.where(DocumentModel.source == source)
    statement = statement.where(*_text_conditions(DocumentModel.text_folded, text))
    with Session(engine) as session:
        return session.scalar(statement) or 0


# --- helpers ------------------------------------------------------------------------------


def _clamp(limit: int) -> int:
    return min(max(limit, 0), MAX_LIMIT)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _span_records(spans: tuple[FieldSpan, ...]) -> list[dict[str, Any]]:
    return [{"field": s.field, "start": s.start, "end": s.end} for s in spans]


def _actor(name: str | None, name_en: str | None) -> dict[str, str | None] | None:
    return {"name": name, "name_en": name_en} if name else None
