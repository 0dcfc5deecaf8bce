"""Cross-article tracking in the store: the truce registry, violations, incidents, contradictions.

The results are derived from the stored events, claims and truce announcements by
:func:`recompute_tracking` (run after every ingest batch, and by ``marsad truce add``); the
read functions below return typed rows with ``as_record()`` (JSON-ready dicts) for the CLI,
the API and the dashboard. Every read takes the store's ``Engine`` first, like
:mod:`marsad.store.query`, and raises :class:`~marsad.errors.StorageError` (M043) when the
database cannot be read. Ids are stable strings: the same store recomputed gives the same
truce, incident and contradiction ids.

Reads (stable signatures)::

    list_truces(engine, *, kind=None, origin=None, active_on=None, limit=100, offset=0) -> list[TruceRow]
    get_truce(engine, truce_id) -> TruceRow | None            # with its announcing articles
    list_violations(engine, *, truce_id=None, actor=None, since=None, until=None,
                    limit=100, offset=0) -> list[ViolationRow]
    count_violation_rows(engine, *, truce_id=None, actor=None, since=None, until=None) -> int
    list_undetermined(engine, *, truce_id=None, reason=None, limit=100, offset=0)
        -> list[UndeterminedRow]
    violation_counts(engine, truce_id) -> ViolationCounts | None   # per party, per zone, per day
    list_incidents(engine, *, grade=None, family=None, since=None, until=None, place=None,
                   min_sources=None, limit=50, offset=0) -> list[IncidentRow]
    count_incidents(engine, <same filters>) -> int
    get_incident(engine, incident_id) -> IncidentDetail | None  # members side by side,
                                                                # fatality range, grade, contradictions
    list_contradictions(engine, *, incident_id=None, doc_id=None, limit=50, offset=0)
        -> list[ContradictionRow]
    tracking_stats(engine) -> TrackingStats

Writes::

    recompute_tracking(store) -> TrackingSummary
    add_user_truces(store, truces, source_file=None) -> TrackingSummary   # upsert by id + recompute
    remove_user_truce(store, truce_id) -> TrackingSummary | None

See docs/ceasefires.md and docs/corroboration.md.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import Engine, Select, case, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from marsad.assemble.ceasefire import (
    TruceOrigin,
    TruceRecord,
    UndeterminedReason,
    Violation,
    ViolationReport,
    count_violations,
)
from marsad.assemble.ceasefire_zones import Zone
from marsad.dedup.incidents import Grade, Range
from marsad.dedup.keys import EventFamily
from marsad.errors import StorageError
from marsad.event import Place, PlaceKind, SubEventType, TruceKind
from marsad.normalize import fold
from marsad.store.database import WRITE_OPTION
from marsad.store.models import (
    ArticleFingerprintModel,
    ContradictionModel,
    IncidentMemberModel,
    IncidentModel,
    TrackedTruceModel,
    TrackedTruceSourceModel,
    UndeterminedViolationModel,
    ViolationModel,
)
from marsad.store.tracking_write import (
    EXCLUSION,
    ZONE,
    TrackingSummary,
    delete_user_truce,
    recompute,
    upsert_user_truces,
    zones_by_truce,
)

if TYPE_CHECKING:
    from marsad.store.core import Store

__all__ = [
    "ContradictionRow",
    "DenialSide",
    "IncidentDetail",
    "IncidentMemberRow",
    "IncidentRow",
    "ReportSide",
    "TrackingStats",
    "TrackingSummary",
    "TruceRow",
    "TruceSourceRow",
    "UndeterminedRow",
    "ViolationCounts",
    "ViolationRow",
    "add_user_truces",
    "count_incidents",
    "count_violation_rows",
    "get_incident",
    "get_truce",
    "list_contradictions",
    "list_incidents",
    "list_truces",
    "list_undetermined",
    "list_violations",
    "recompute_tracking",
    "remove_user_truce",
    "tracking_stats",
    "violation_counts",
]

P = ParamSpec("P")
T = TypeVar("T")
MAX_LIMIT = 10_000


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _range_record(figures: Range | None) -> dict[str, Any] | None:
    return None if figures is None else {"low": figures.low, "high": figures.high, "text": str(figures)}


# --- rows -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TruceSourceRow:
    """An announcement merged into a truce: the article and its sentence."""

    truce_key: str
    doc_id: str
    source: str | None
    url: str | None
    published: dt.date | None
    evidence: str

    def as_record(self) -> dict[str, Any]:
        return {
            "truce_key": self.truce_key,
            "doc_id": self.doc_id,
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class TruceRow:
    """One truce of the registry with its violation totals.

    ``end`` None: open-ended as stated. ``checked_until``: the last day events are checked
    against it (for an extracted open-ended truce, some weeks after its last mention; None:
    open). ``incidents`` counts each real-world incident once, ``reports`` the violation rows.
    ``sources`` is filled by :func:`get_truce` only.
    """

    truce_id: str
    name: str
    kind: TruceKind
    origin: TruceOrigin
    start: dt.date
    end: dt.date | None
    checked_until: dt.date | None
    duration_hours: int | None
    start_inferred: bool
    parties: tuple[str, ...]
    zones: tuple[Zone, ...]
    exclusions: tuple[Zone, ...]
    notes: str | None
    last_mentioned: dt.date | None
    source_file: str | None
    articles: int
    incidents: int
    reports: int
    undetermined: int
    sources: tuple[TruceSourceRow, ...] = ()

    def as_record(self) -> dict[str, Any]:
        return {
            "truce_id": self.truce_id,
            "name": self.name,
            "kind": self.kind.value,
            "origin": self.origin.value,
            "start": self.start.isoformat(),
            "end": _iso(self.end),
            "checked_until": _iso(self.checked_until),
            "duration_hours": self.duration_hours,
            "start_inferred": self.start_inferred,
            "parties": list(self.parties),
            "zones": [zone.as_record() for zone in self.zones],
            "exclusions": [zone.as_record() for zone in self.exclusions],
            "notes": self.notes,
            "last_mentioned": _iso(self.last_mentioned),
            "source_file": self.source_file,
            "articles": self.articles,
            "violations": {"incidents": self.incidents, "reports": self.reports},
            "undetermined": self.undetermined,
            "sources": [source.as_record() for source in self.sources],
        }


@dataclass(frozen=True, slots=True)
class ViolationRow:
    """A violent event inside a truce's zone during its window."""

    truce_id: str
    event_key: str
    event_id: int | None  # the events row (None after its document was reprocessed, until recompute)
    incident_id: str | None
    doc_id: str
    day: dt.date
    zone: str
    sub_event_type: SubEventType
    actor: str | None  # None: unattributed
    actor_is_party: bool | None
    place_name: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    date_from_published: bool
    on_boundary: bool
    source: str | None
    url: str | None
    evidence: str

    def as_record(self) -> dict[str, Any]:
        return {
            "truce_id": self.truce_id,
            "event_key": self.event_key,
            "event_id": self.event_id,
            "incident_id": self.incident_id,
            "doc_id": self.doc_id,
            "day": self.day.isoformat(),
            "zone": self.zone,
            "sub_event_type": self.sub_event_type.value,
            "actor": self.actor,
            "actor_is_party": self.actor_is_party,
            "place": self.place_name,
            "lat": self.lat,
            "lon": self.lon,
            "fatalities": self.fatalities,
            "date_from_published": self.date_from_published,
            "on_boundary": self.on_boundary,
            "source": self.source,
            "url": self.url,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class UndeterminedRow:
    """An event near a truce that is neither a violation nor clear of it, and why."""

    truce_id: str
    event_key: str
    event_id: int | None
    doc_id: str
    reason: UndeterminedReason
    day: dt.date | None
    place_name: str | None
    sub_event_type: SubEventType
    evidence: str

    def as_record(self) -> dict[str, Any]:
        return {
            "truce_id": self.truce_id,
            "event_key": self.event_key,
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "reason": self.reason.value,
            "day": _iso(self.day),
            "place": self.place_name,
            "sub_event_type": self.sub_event_type.value,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class ViolationCounts:
    """Violations of one truce, each real-world incident counted once (``reports``: rows)."""

    truce_id: str
    incidents: int
    reports: int
    by_party: tuple[tuple[str, int], ...]
    by_zone: tuple[tuple[str, int], ...]
    by_day: tuple[tuple[dt.date, int], ...]
    undetermined: int

    def as_record(self) -> dict[str, Any]:
        return {
            "truce_id": self.truce_id,
            "incidents": self.incidents,
            "reports": self.reports,
            "by_party": [{"party": party, "incidents": n} for party, n in self.by_party],
            "by_zone": [{"zone": zone, "incidents": n} for zone, n in self.by_zone],
            "by_day": [{"day": day.isoformat(), "incidents": n} for day, n in self.by_day],
            "undetermined": self.undetermined,
        }


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """A real-world incident: how many reports and independent sources, the range of figures."""

    incident_id: str
    family: EventFamily
    grade: Grade
    first_day: dt.date | None
    last_day: dt.date | None
    place: Place | None
    fatalities: Range | None
    injuries: Range | None
    independent_sources: int
    reports: int
    sub_event_types: tuple[str, ...]
    outlets: tuple[str, ...]
    reasons: tuple[str, ...]
    aggregate: bool

    def as_record(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident_id,
            "family": self.family.value,
            "grade": self.grade.value,
            "first_day": _iso(self.first_day),
            "last_day": _iso(self.last_day),
            "place": self.place.as_record() if self.place else None,
            "fatalities": _range_record(self.fatalities),
            "injuries": _range_record(self.injuries),
            "independent_sources": self.independent_sources,
            "reports": self.reports,
            "sub_event_types": list(self.sub_event_types),
            "outlets": list(self.outlets),
            "reasons": list(self.reasons),
            "aggregate": self.aggregate,
        }


@dataclass(frozen=True, slots=True)
class IncidentMemberRow:
    """One report of an incident, with its article and figures (shown side by side)."""

    event_key: str
    event_id: int | None
    doc_id: str
    copy_group: str
    sub_event_type: SubEventType
    date: dt.date | None
    source: str | None
    url: str | None
    published: dt.date | None
    place_name: str | None
    actor: str | None
    fatalities: int | None
    injuries: int | None
    reported_by: str | None
    evidence: str

    def as_record(self) -> dict[str, Any]:
        return {
            "event_key": self.event_key,
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "copy_group": self.copy_group,
            "sub_event_type": self.sub_event_type.value,
            "date": _iso(self.date),
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
            "place": self.place_name,
            "actor": self.actor,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "reported_by": self.reported_by,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class DenialSide:
    """What was denied, by whom, where and over which days, with the denying sentence."""

    key: str
    kind: str  # negated_event | deny_claim
    doc_id: str
    event_id: int | None
    claim_id: int | None
    speaker: str | None
    text: str
    evidence: str
    evidence_span: tuple[int, int]
    places: tuple[str, ...]
    first_day: dt.date
    last_day: dt.date
    source: str | None
    url: str | None
    published: dt.date | None

    def as_record(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "claim_id": self.claim_id,
            "speaker": self.speaker,
            "text": self.text,
            "evidence": self.evidence,
            "evidence_span": list(self.evidence_span),
            "places": list(self.places),
            "period": [self.first_day.isoformat(), self.last_day.isoformat()],
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
        }


@dataclass(frozen=True, slots=True)
class ReportSide:
    """The report a denial contradicts, with its sentence."""

    event_key: str
    event_id: int | None
    doc_id: str
    sub_event_type: SubEventType
    evidence: str
    evidence_span: tuple[int, int]
    first_day: dt.date | None
    last_day: dt.date | None
    place_name: str | None
    actor: str | None
    fatalities: int | None
    source: str | None
    url: str | None
    published: dt.date | None

    def as_record(self) -> dict[str, Any]:
        return {
            "event_key": self.event_key,
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sub_event_type": self.sub_event_type.value,
            "evidence": self.evidence,
            "evidence_span": list(self.evidence_span),
            "dates": [_iso(self.first_day), _iso(self.last_day)],
            "place": self.place_name,
            "actor": self.actor,
            "fatalities": self.fatalities,
            "source": self.source,
            "url": self.url,
            "published": _iso(self.published),
        }


@dataclass(frozen=True, slots=True)
class ContradictionRow:
    contradiction_id: str
    incident_id: str | None
    denial: DenialSide
    report: ReportSide

    def as_record(self) -> dict[str, Any]:
        return {
            "contradiction_id": self.contradiction_id,
            "incident_id": self.incident_id,
            "denial": self.denial.as_record(),
            "report": self.report.as_record(),
        }


@dataclass(frozen=True, slots=True)
class IncidentDetail:
    """An incident with every report side by side and the denials that contradict it."""

    incident: IncidentRow
    members: tuple[IncidentMemberRow, ...]
    contradictions: tuple[ContradictionRow, ...]

    def as_record(self) -> dict[str, Any]:
        return {
            **self.incident.as_record(),
            "members": [member.as_record() for member in self.members],
            "contradictions": [c.as_record() for c in self.contradictions],
        }


@dataclass(frozen=True, slots=True)
class TrackingStats:
    """Totals for a dashboard header."""

    truces: int
    user_truces: int
    violations: int  # incidents violating any truce, each once (overlapping truces share them)
    undetermined: int
    incidents: int
    incidents_by_grade: dict[str, int]
    contradictions: int
    fingerprinted: int
    copy_groups: int  # groups of two or more syndicated copies
    violation_reports: int = 0  # violation rows: one per truce and event

    def as_record(self) -> dict[str, Any]:
        return {
            "truces": self.truces,
            "user_truces": self.user_truces,
            "violations": self.violations,
            "violation_reports": self.violation_reports,
            "undetermined": self.undetermined,
            "incidents": self.incidents,
            "incidents_by_grade": dict(self.incidents_by_grade),
            "contradictions": self.contradictions,
            "fingerprinted": self.fingerprinted,
            "copy_groups": self.copy_groups,
        }


# --- writes ---------------------------------------------------------------------------------


def _writing(store: Store, what: str, work: Callable[[Session], T]) -> T:
    """Run ``work`` in one write transaction (BEGIN IMMEDIATE on SQLite): all of it or none."""
    writer = store.engine.execution_options(**{WRITE_OPTION: True})
    try:
        with Session(writer) as session, session.begin():
            return work(session)
    except SQLAlchemyError as exc:
        raise _storage_error(f"cannot {what}", exc) from exc


def recompute_tracking(store: Store) -> TrackingSummary:
    """Recompute copies, incidents, contradictions, the truce registry and its violations.

    One transaction: running it twice gives the same rows, and a failure half way leaves the
    previous results. Reads the whole store (incremental recomputation is future work).
    """
    return _writing(store, "recompute the tracking tables", recompute)


def add_user_truces(
    store: Store, truces: Sequence[TruceRecord], source_file: str | None = None
) -> TrackingSummary:
    """Store user-declared truces (replacing those with the same id) and recompute, in one transaction.

    Raises:
        ConfigError: (M015) a truce takes an id reserved for extracted truces (``tru-...``).
    """
    now = dt.datetime.now(dt.UTC)

    def work(session: Session) -> TrackingSummary:
        upsert_user_truces(session, truces, source_file, now)
        return recompute(session)

    return _writing(store, "store the user truces", work)


def remove_user_truce(store: Store, truce_id: str) -> TrackingSummary | None:
    """Remove a user truce and recompute; None (nothing changed) when there is no such user truce."""

    def work(session: Session) -> TrackingSummary | None:
        return recompute(session) if delete_user_truce(session, truce_id) else None

    return _writing(store, f"remove truce {truce_id!r}", work)


# --- reads ----------------------------------------------------------------------------------


def _reading(func: Callable[P, T]) -> Callable[P, T]:
    """Database errors of a read come out as StorageError (M043), like the rest of the store."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(*args, **kwargs)
        except SQLAlchemyError as exc:
            raise _storage_error("cannot read the tracking tables", exc) from exc

    return wrapper


def _storage_error(what: str, exc: SQLAlchemyError) -> StorageError:
    detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return StorageError(f"{what}: {detail}", code="M043")


def _page(statement: Select[Any], limit: int, offset: int) -> Select[Any]:
    return statement.limit(min(max(limit, 0), MAX_LIMIT)).offset(max(offset, 0))


def _text_conditions(column: Any, text: str | None) -> list[ColumnElement[bool]]:
    """Each word of ``text``, folded, must occur in ``column`` (which holds folded text)."""
    if not text:
        return []
    return [column.contains(word, autoescape=True) for word in fold(text).lower().split()]


# truces


@_reading
def list_truces(
    engine: Engine,
    *,
    kind: TruceKind | None = None,
    origin: TruceOrigin | None = None,
    active_on: dt.date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[TruceRow]:
    """Registry truces, latest start first; ``active_on``: those checked on that day."""
    statement = select(TrackedTruceModel)
    if kind is not None:
        statement = statement.where(TrackedTruceModel.kind == kind.value)
    if origin is not None:
        statement = statement.where(TrackedTruceModel.origin == origin.value)
    if active_on is not None:
        statement = statement.where(
            TrackedTruceModel.start_date <= active_on,
            or_(TrackedTruceModel.checked_until.is_(None), TrackedTruceModel.checked_until >= active_on),
        )
    statement = statement.order_by(TrackedTruceModel.start_date.desc(), TrackedTruceModel.truce_id)
    with Session(engine) as session, session.begin():
        models = list(session.scalars(_page(statement, limit, offset)))
        return _truce_rows(session, models)


@_reading
def get_truce(engine: Engine, truce_id: str) -> TruceRow | None:
    """One truce with its zones, totals and every announcement merged into it."""
    with Session(engine) as session, session.begin():
        model = session.scalar(select(TrackedTruceModel).where(TrackedTruceModel.truce_id == truce_id))
        if model is None:
            return None
        sources = session.scalars(
            select(TrackedTruceSourceModel)
            .where(TrackedTruceSourceModel.truce_id == truce_id)
            .order_by(TrackedTruceSourceModel.position)
        )
        found = tuple(
            TruceSourceRow(s.truce_key, s.doc_id, s.source, s.url, s.published, s.evidence) for s in sources
        )
        return replace(_truce_rows(session, [model])[0], sources=found)


def _truce_rows(session: Session, models: Sequence[TrackedTruceModel]) -> list[TruceRow]:
    ids = [model.truce_id for model in models]
    zones = zones_by_truce(session, ids)
    totals = _violation_totals(session, ids)
    undetermined = _grouped_count(session, UndeterminedViolationModel.truce_id, ids)
    articles = _grouped_count(session, TrackedTruceSourceModel.truce_id, ids, TrackedTruceSourceModel.doc_id)
    rows = []
    for model in models:
        roles = zones.get(model.truce_id, ())
        incidents, reports = totals.get(model.truce_id, (0, 0))
        rows.append(
            TruceRow(
                truce_id=model.truce_id,
                name=model.name,
                kind=TruceKind(model.kind),
                origin=TruceOrigin(model.origin),
                start=model.start_date,
                end=model.end_date,
                checked_until=model.checked_until,
                duration_hours=model.duration_hours,
                start_inferred=model.start_inferred,
                parties=tuple(model.parties),
                zones=tuple(zone for role, zone in roles if role == ZONE),
                exclusions=tuple(zone for role, zone in roles if role == EXCLUSION),
                notes=model.notes,
                last_mentioned=model.last_mentioned,
                source_file=model.source_file,
                articles=articles.get(model.truce_id, 0),
                incidents=incidents,
                reports=reports,
                undetermined=undetermined.get(model.truce_id, 0),
            )
        )
    return rows


def _incident_key() -> ColumnElement[str]:
    """What counts one real-world incident: its incident id, else (not linked) its event key."""
    return func.coalesce(ViolationModel.incident_id, ViolationModel.event_key)


def _violation_totals(session: Session, truce_ids: list[str]) -> dict[str, tuple[int, int]]:
    if not truce_ids:
        return {}
    statement = (
        select(ViolationModel.truce_id, func.count(func.distinct(_incident_key())), func.count())
        .where(ViolationModel.truce_id.in_(truce_ids))
        .group_by(ViolationModel.truce_id)
    )
    return {truce_id: (incidents, reports) for truce_id, incidents, reports in session.execute(statement)}


def _grouped_count(
    session: Session, key: Any, values: list[str], distinct: Any | None = None
) -> dict[str, int]:
    if not values:
        return {}
    counted = func.count(func.distinct(distinct)) if distinct is not None else func.count()
    statement = select(key, counted).where(key.in_(values)).group_by(key)
    return {name: n for name, n in session.execute(statement)}


# violations


def _violation_conditions(
    truce_id: str | None, actor: str | None, since: dt.date | None, until: dt.date | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if truce_id is not None:
        conditions.append(ViolationModel.truce_id == truce_id)
    conditions += _text_conditions(ViolationModel.actor_folded, actor)
    if since is not None:
        conditions.append(ViolationModel.day >= since)
    if until is not None:
        conditions.append(ViolationModel.day <= until)
    return conditions


@_reading
def list_violations(
    engine: Engine,
    *,
    truce_id: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[ViolationRow]:
    """Violations, newest day first; ``actor`` matches words of the attributed actor (folded)."""
    statement = (
        select(ViolationModel)
        .where(*_violation_conditions(truce_id, actor, since, until))
        .order_by(ViolationModel.day.desc(), ViolationModel.truce_id, ViolationModel.event_key)
    )
    with Session(engine) as session:
        return [_violation_row(model) for model in session.scalars(_page(statement, limit, offset))]


@_reading
def count_violation_rows(
    engine: Engine,
    *,
    truce_id: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> int:
    """How many violation rows :func:`list_violations` would page through."""
    statement = select(func.count()).select_from(ViolationModel)
    statement = statement.where(*_violation_conditions(truce_id, actor, since, until))
    with Session(engine) as session:
        return session.scalar(statement) or 0


def _violation_row(model: ViolationModel) -> ViolationRow:
    return ViolationRow(
        truce_id=model.truce_id,
        event_key=model.event_key,
        event_id=model.event_id,
        incident_id=model.incident_id,
        doc_id=model.doc_id,
        day=model.day,
        zone=model.zone,
        sub_event_type=SubEventType(model.sub_event_type),
        actor=model.actor,
        actor_is_party=model.actor_is_party,
        place_name=model.place_name,
        lat=model.lat,
        lon=model.lon,
        fatalities=model.fatalities,
        date_from_published=model.date_from_published,
        on_boundary=model.on_boundary,
        source=model.source,
        url=model.url,
        evidence=model.evidence,
    )


@_reading
def list_undetermined(
    engine: Engine,
    *,
    truce_id: str | None = None,
    reason: UndeterminedReason | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[UndeterminedRow]:
    """Events that could be neither counted nor cleared, with the reason."""
    statement = select(UndeterminedViolationModel)
    if truce_id is not None:
        statement = statement.where(UndeterminedViolationModel.truce_id == truce_id)
    if reason is not None:
        statement = statement.where(UndeterminedViolationModel.reason == reason.value)
    undated_last = case((UndeterminedViolationModel.day.is_(None), 1), else_=0)
    statement = statement.order_by(
        undated_last,
        UndeterminedViolationModel.day.desc(),
        UndeterminedViolationModel.truce_id,
        UndeterminedViolationModel.event_key,
    )
    with Session(engine) as session:
        return [
            UndeterminedRow(
                truce_id=m.truce_id,
                event_key=m.event_key,
                event_id=m.event_id,
                doc_id=m.doc_id,
                reason=UndeterminedReason(m.reason),
                day=m.day,
                place_name=m.place_name,
                sub_event_type=SubEventType(m.sub_event_type),
                evidence=m.evidence,
            )
            for m in session.scalars(_page(statement, limit, offset))
        ]


@_reading
def violation_counts(engine: Engine, truce_id: str) -> ViolationCounts | None:
    """Violations of one truce per party, zone and day (incidents counted once); None: no such truce."""
    with Session(engine) as session, session.begin():
        known = session.scalar(select(TrackedTruceModel.id).where(TrackedTruceModel.truce_id == truce_id))
        if known is None:
            return None
        models = session.scalars(select(ViolationModel).where(ViolationModel.truce_id == truce_id))
        violations = tuple(_violation(model) for model in models)
        undetermined = session.scalar(
            select(func.count()).where(UndeterminedViolationModel.truce_id == truce_id)
        )
    counts = count_violations(ViolationReport(violations, ())).get(truce_id)
    if counts is None:
        return ViolationCounts(truce_id, 0, 0, (), (), (), undetermined or 0)
    return ViolationCounts(
        truce_id,
        counts.incidents,
        counts.reports,
        counts.by_party,
        counts.by_zone,
        counts.by_day,
        undetermined or 0,
    )


def _violation(model: ViolationModel) -> Violation:
    """A stored row as the phase-1 record, so counts use the one counting rule."""
    return Violation(
        truce_id=model.truce_id,
        event_key=model.event_key,
        doc_id=model.doc_id,
        day=model.day,
        zone=model.zone,
        sub_event_type=SubEventType(model.sub_event_type),
        actor=model.actor,
        actor_is_party=model.actor_is_party,
        evidence=model.evidence,
        incident_id=model.incident_id,
    )


# incidents


def _incident_conditions(
    grade: Grade | None,
    family: EventFamily | None,
    since: dt.date | None,
    until: dt.date | None,
    place: str | None,
    min_sources: int | None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if grade is not None:
        conditions.append(IncidentModel.grade == grade.value)
    if family is not None:
        conditions.append(IncidentModel.family == family.value)
    # An incident spans days: it matches a period it overlaps.
    if since is not None:
        conditions.append(IncidentModel.last_day >= since)
    if until is not None:
        conditions.append(IncidentModel.first_day <= until)
    conditions += _text_conditions(IncidentModel.place_folded, place)
    if min_sources is not None:
        conditions.append(IncidentModel.independent_sources >= min_sources)
    return conditions


@_reading
def list_incidents(
    engine: Engine,
    *,
    grade: Grade | None = None,
    family: EventFamily | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = None,
    min_sources: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[IncidentRow]:
    """Incidents, latest first (undated last); ``place`` matches words of the place (folded)."""
    undated_last = case((IncidentModel.last_day.is_(None), 1), else_=0)
    statement = (
        select(IncidentModel)
        .where(*_incident_conditions(grade, family, since, until, place, min_sources))
        .order_by(undated_last, IncidentModel.last_day.desc(), IncidentModel.incident_id)
    )
    with Session(engine) as session:
        return [_incident_row(model) for model in session.scalars(_page(statement, limit, offset))]


@_reading
def count_incidents(
    engine: Engine,
    *,
    grade: Grade | None = None,
    family: EventFamily | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = None,
    min_sources: int | None = None,
) -> int:
    """How many incidents :func:`list_incidents` would page through."""
    statement = select(func.count()).select_from(IncidentModel)
    statement = statement.where(*_incident_conditions(grade, family, since, until, place, min_sources))
    with Session(engine) as session:
        return session.scalar(statement) or 0


def _incident_row(model: IncidentModel) -> IncidentRow:
    place = None
    if model.place_name is not None:
        place = Place(
            model.place_name,
            model.place_name_en,
            model.lat,
            model.lon,
            model.country,
            model.admin1,
            PlaceKind(model.place_kind) if model.place_kind else None,
        )
    return IncidentRow(
        incident_id=model.incident_id,
        family=EventFamily(model.family),
        grade=Grade(model.grade),
        first_day=model.first_day,
        last_day=model.last_day,
        place=place,
        fatalities=_range(model.fatalities_low, model.fatalities_high),
        injuries=_range(model.injuries_low, model.injuries_high),
        independent_sources=model.independent_sources,
        reports=model.reports,
        sub_event_types=tuple(model.sub_event_types),
        outlets=tuple(model.outlets),
        reasons=tuple(model.reasons),
        aggregate=model.aggregate,
    )


def _range(low: int | None, high: int | None) -> Range | None:
    return None if low is None or high is None else Range(low, high)


@_reading
def get_incident(engine: Engine, incident_id: str) -> IncidentDetail | None:
    """An incident with its reports side by side (in linking order) and its contradictions."""
    with Session(engine) as session, session.begin():
        model = session.scalar(select(IncidentModel).where(IncidentModel.incident_id == incident_id))
        if model is None:
            return None
        members = session.scalars(
            select(IncidentMemberModel)
            .where(IncidentMemberModel.incident_id == incident_id)
            .order_by(IncidentMemberModel.position)
        )
        contradictions = session.scalars(
            select(ContradictionModel)
            .where(ContradictionModel.incident_id == incident_id)
            .order_by(ContradictionModel.contradiction_id)
        )
        return IncidentDetail(
            _incident_row(model),
            tuple(_member_row(member) for member in members),
            tuple(_contradiction_row(c) for c in contradictions),
        )


def _member_row(model: IncidentMemberModel) -> IncidentMemberRow:
    return IncidentMemberRow(
        event_key=model.event_key,
        event_id=model.event_id,
        doc_id=model.doc_id,
        copy_group=model.copy_group,
        sub_event_type=SubEventType(model.sub_event_type),
        date=model.date,
        source=model.source,
        url=model.url,
        published=model.published,
        place_name=model.place_name,
        actor=model.actor,
        fatalities=model.fatalities,
        injuries=model.injuries,
        reported_by=model.reported_by,
        evidence=model.evidence,
    )


# contradictions


@_reading
def list_contradictions(
    engine: Engine,
    *,
    incident_id: str | None = None,
    doc_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ContradictionRow]:
    """Denials next to the reports they deny, latest denial first; ``doc_id`` matches either side."""
    statement = select(ContradictionModel)
    if incident_id is not None:
        statement = statement.where(ContradictionModel.incident_id == incident_id)
    if doc_id is not None:
        statement = statement.where(
            or_(ContradictionModel.denial_doc_id == doc_id, ContradictionModel.report_doc_id == doc_id)
        )
    statement = statement.order_by(
        ContradictionModel.denial_last_day.desc(), ContradictionModel.contradiction_id
    )
    with Session(engine) as session:
        return [_contradiction_row(model) for model in session.scalars(_page(statement, limit, offset))]


def _contradiction_row(model: ContradictionModel) -> ContradictionRow:
    denial = DenialSide(
        key=model.denial_key,
        kind=model.denial_kind,
        doc_id=model.denial_doc_id,
        event_id=model.denial_event_id,
        claim_id=model.denial_claim_id,
        speaker=model.denial_speaker,
        text=model.denial_text,
        evidence=model.denial_evidence,
        evidence_span=(model.denial_evidence_start, model.denial_evidence_end),
        places=tuple(model.denial_places),
        first_day=model.denial_first_day,
        last_day=model.denial_last_day,
        source=model.denial_source,
        url=model.denial_url,
        published=model.denial_published,
    )
    report = ReportSide(
        event_key=model.report_event_key,
        event_id=model.report_event_id,
        doc_id=model.report_doc_id,
        sub_event_type=SubEventType(model.report_sub_event_type),
        evidence=model.report_evidence,
        evidence_span=(model.report_evidence_start, model.report_evidence_end),
        first_day=model.report_first_day,
        last_day=model.report_last_day,
        place_name=model.report_place_name,
        actor=model.report_actor,
        fatalities=model.report_fatalities,
        source=model.report_source,
        url=model.report_url,
        published=model.report_published,
    )
    return ContradictionRow(model.contradiction_id, model.incident_id, denial, report)


# totals


@_reading
def tracking_stats(engine: Engine) -> TrackingStats:
    """How many truces, violations, incidents (per grade), contradictions and copy groups are stored."""
    with Session(engine) as session, session.begin():

        def count(*conditions: ColumnElement[bool], model: Any) -> int:
            return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0

        grades = session.execute(select(IncidentModel.grade, func.count()).group_by(IncidentModel.grade))
        groups = (
            select(ArticleFingerprintModel.copy_group)
            .group_by(ArticleFingerprintModel.copy_group)
            .having(func.count() > 1)
            .subquery()
        )
        return TrackingStats(
            truces=count(model=TrackedTruceModel),
            user_truces=count(TrackedTruceModel.origin == TruceOrigin.USER.value, model=TrackedTruceModel),
            violations=session.scalar(select(func.count(func.distinct(_incident_key())))) or 0,
            violation_reports=count(model=ViolationModel),
            undetermined=count(model=UndeterminedViolationModel),
            incidents=count(model=IncidentModel),
            incidents_by_grade={grade: n for grade, n in grades},
            contradictions=count(model=ContradictionModel),
            fingerprinted=count(model=ArticleFingerprintModel),
            copy_groups=session.scalar(select(func.count()).select_from(groups)) or 0,
        )
