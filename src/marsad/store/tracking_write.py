"""Recomputing the cross-article results and keeping the user-declared truces.

:func:`recompute` reads every stored event, claim and truce announcement
(:mod:`marsad.store.sourced`), brings the copy index up to date
(:class:`~marsad.store.copies.StoreCopyIndex`), runs :func:`marsad.dedup.corroborate`,
:func:`~marsad.assemble.ceasefire.merge_truces` (with the user truces as known truces) and
:func:`~marsad.assemble.ceasefire.detect_violations`, and replaces the stored results, all in
the caller's transaction: a failure anywhere leaves the previous results in place. User truces
are inputs: a recompute keeps their terms and only refreshes what it derives for them.

The whole store is read on every recompute (linking is O(n log n)); making it incremental is
future work (docs/corroboration.md).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from marsad.assemble.ceasefire import (
    TruceOrigin,
    TruceRecord,
    ViolationReport,
    checked_window,
    detect_violations,
    headline_counts,
    merge_truces,
)
from marsad.assemble.ceasefire_zones import Zone, ZoneKind
from marsad.dedup.contradictions import Contradiction, DenialKind
from marsad.dedup.corroborate import corroborate
from marsad.dedup.incidents import Grade, Incident
from marsad.dedup.records import SourcedEvent, SourcedTruce
from marsad.errors import ConfigError
from marsad.event import Place, PlaceKind, TruceKind
from marsad.store.copies import StoreCopyIndex
from marsad.store.models import (
    ContradictionModel,
    DocumentModel,
    IncidentMemberModel,
    IncidentModel,
    StoreStateModel,
    TrackedTruceModel,
    TrackedTruceSourceModel,
    TrackedTruceZoneModel,
    UndeterminedViolationModel,
    ViolationModel,
)
from marsad.store.sourced import StoredRecords, load_records
from marsad.store.writer import folded

log = logging.getLogger(__name__)

#: Extracted truce ids start with this; a user truce may not take such an id.
EXTRACTED_PREFIX = "tru-"
ZONE, EXCLUSION = "zone", "exclusion"


@dataclass(frozen=True, slots=True)
class TrackingSummary:
    """What one recompute found."""

    fingerprinted: int  # articles newly fingerprinted for copy detection
    events: int
    truces: int
    user_truces: int
    violations: int  # incidents violating any truce, each once (overlapping truces share them)
    undetermined: int
    incidents: int
    corroborated: int
    contested: int
    contradictions: int
    violation_reports: int = 0  # violation rows: one per truce and event

    def as_record(self) -> dict[str, int]:
        return {
            "fingerprinted": self.fingerprinted,
            "events": self.events,
            "truces": self.truces,
            "user_truces": self.user_truces,
            "violations": self.violations,
            "violation_reports": self.violation_reports,
            "undetermined": self.undetermined,
            "incidents": self.incidents,
            "corroborated": self.corroborated,
            "contested": self.contested,
            "contradictions": self.contradictions,
        }


def recompute(session: Session) -> TrackingSummary:
    """Recompute copies, incidents, contradictions, the truce registry and violations in ``session``."""
    copies = StoreCopyIndex(session)
    fingerprinted = copies.refresh()
    records = load_records(session)
    corroboration = corroborate(records.events, records.claims, copies=copies)
    registry = merge_truces(records.truces, known=user_truces(session))
    report = detect_violations(registry, records.events, incident_of=corroboration.incident_of)
    _clear_results(session)
    _write_registry(session, registry, records.truces)
    _write_violations(session, report, records)
    _write_incidents(session, corroboration.incidents, records)
    _write_contradictions(session, corroboration.contradictions, records)
    grades = [incident.grade for incident in corroboration.incidents]
    headline = headline_counts(report)
    summary = TrackingSummary(
        fingerprinted=fingerprinted,
        events=len(records.events),
        truces=len(registry),
        user_truces=sum(1 for truce in registry if truce.origin is TruceOrigin.USER),
        violations=headline.incidents,
        undetermined=len(report.undetermined),
        incidents=len(corroboration.incidents),
        corroborated=grades.count(Grade.CORROBORATED),
        contested=grades.count(Grade.CONTESTED),
        contradictions=len(corroboration.contradictions),
        violation_reports=headline.reports,
    )
    session.merge(StoreStateModel(key=TRACKING_BASIS, value=tracking_basis(session)))
    log.info("tracking recomputed: %s", summary.as_record())
    return summary


TRACKING_BASIS = "tracking_basis"


def tracking_basis(session: Session) -> str:
    """What the cross-article tables depend on: how many articles are kept, and when the latest changed."""
    kept = DocumentModel.dropped.is_(False)
    count, latest = session.execute(
        select(func.count(DocumentModel.id), func.max(DocumentModel.processed_at)).where(kept)
    ).one()
    return f"{count}|{latest.isoformat() if latest else ''}"


def tracking_is_current(session: Session) -> bool:
    """Whether the last recompute saw the documents as they are now (False after a missed one)."""
    stored = session.get(StoreStateModel, TRACKING_BASIS)
    return stored is not None and stored.value == tracking_basis(session)


def _clear_results(session: Session) -> None:
    """Delete every derived result (children first); user truce rows and their zones stay."""
    extracted = select(TrackedTruceModel.truce_id).where(
        TrackedTruceModel.origin == TruceOrigin.EXTRACTED.value
    )
    derived: tuple[type[Any], ...] = (ViolationModel, UndeterminedViolationModel, TrackedTruceSourceModel)
    for model in derived:
        session.execute(delete(model))
    session.execute(delete(TrackedTruceZoneModel).where(TrackedTruceZoneModel.truce_id.in_(extracted)))
    session.execute(delete(TrackedTruceModel).where(TrackedTruceModel.origin == TruceOrigin.EXTRACTED.value))
    for model in (ContradictionModel, IncidentMemberModel, IncidentModel):
        session.execute(delete(model))


def _insert(session: Session, model: type[Any], rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        session.execute(insert(model), list(rows))


# --- the registry ---------------------------------------------------------------------------


def _write_registry(
    session: Session, registry: Sequence[TruceRecord], announcements: Sequence[SourcedTruce]
) -> None:
    by_key = {sourced.truce_key: sourced for sourced in announcements}
    extracted = [truce for truce in registry if truce.origin is TruceOrigin.EXTRACTED]
    _insert(session, TrackedTruceModel, [truce_row(truce) for truce in extracted])
    _insert(session, TrackedTruceZoneModel, [zone for truce in extracted for zone in zone_rows(truce)])
    for truce in registry:
        if truce.origin is TruceOrigin.USER:
            session.execute(
                update(TrackedTruceModel)
                .where(TrackedTruceModel.truce_id == truce.truce_id)
                .values(last_mentioned=truce.last_mentioned, checked_until=checked_window(truce).end)
            )
    _insert(session, TrackedTruceSourceModel, _source_rows(registry, by_key))


def truce_row(
    truce: TruceRecord, source_file: str | None = None, added_at: dt.datetime | None = None
) -> dict[str, Any]:
    return {
        "truce_id": truce.truce_id,
        "origin": truce.origin.value,
        "name": truce.name,
        "kind": truce.kind.value,
        "start_date": truce.start,
        "end_date": truce.end,
        "checked_until": checked_window(truce).end,
        "duration_hours": truce.duration_hours,
        "start_inferred": truce.start_inferred,
        "parties": list(truce.parties),
        "notes": truce.notes,
        "last_mentioned": truce.last_mentioned,
        "source_file": source_file,
        "added_at": added_at,
    }


def zone_rows(truce: TruceRecord) -> list[dict[str, Any]]:
    roles = [(ZONE, zone) for zone in truce.zones] + [(EXCLUSION, zone) for zone in truce.exclusions]
    return [_zone_row(truce.truce_id, position, role, zone) for position, (role, zone) in enumerate(roles)]


def _zone_row(truce_id: str, position: int, role: str, zone: Zone) -> dict[str, Any]:
    place = zone.place
    return {
        "truce_id": truce_id,
        "position": position,
        "role": role,
        "kind": zone.kind.value,
        "name": zone.name,
        "place_name": place.name if place else None,
        "place_name_en": place.name_en if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "place_country": place.country if place else None,
        "place_admin1": place.admin1 if place else None,
        "place_kind": place.kind.value if place and place.kind else None,
        "place_gazetteer_id": place.gazetteer_id if place else None,
        "place_precision_km": place.precision_km if place else None,
        "admin1": zone.admin1,
        "country": zone.country,
        "lat": zone.lat,
        "lon": zone.lon,
        "radius_km": zone.radius_km,
    }


def zone_of(row: TrackedTruceZoneModel) -> Zone:
    """The Zone a stored zone row describes."""
    place = None
    if row.place_name is not None:
        place = Place(
            row.place_name,
            row.place_name_en,
            row.place_lat,
            row.place_lon,
            row.place_country,
            row.place_admin1,
            PlaceKind(row.place_kind) if row.place_kind else None,
            row.place_gazetteer_id,
            row.place_precision_km,
        )
    return Zone(
        ZoneKind(row.kind),
        row.name,
        place=place,
        admin1=row.admin1,
        country=row.country,
        lat=row.lat,
        lon=row.lon,
        radius_km=row.radius_km,
    )


def _source_rows(registry: Sequence[TruceRecord], by_key: Mapping[str, SourcedTruce]) -> list[dict[str, Any]]:
    rows = []
    for truce in registry:
        for position, key in enumerate(truce.announcements):
            sourced = by_key[key]
            rows.append(
                {
                    "truce_id": truce.truce_id,
                    "position": position,
                    "truce_key": key,
                    "doc_id": sourced.doc_id,
                    "source": sourced.source,
                    "url": sourced.url,
                    "published": sourced.published,
                    "evidence": sourced.truce.evidence.sentence,
                }
            )
    return rows


# --- user truces ----------------------------------------------------------------------------


def user_truces(session: Session) -> list[TruceRecord]:
    """The user-declared truces, as declared (no articles attached), by id."""
    models = list(
        session.scalars(
            select(TrackedTruceModel)
            .where(TrackedTruceModel.origin == TruceOrigin.USER.value)
            .order_by(TrackedTruceModel.truce_id)
        )
    )
    zones = zones_by_truce(session, [model.truce_id for model in models])
    return [_user_record(model, zones.get(model.truce_id, ())) for model in models]


def zones_by_truce(session: Session, truce_ids: Iterable[str]) -> dict[str, tuple[tuple[str, Zone], ...]]:
    """truce id -> its (role, zone) pairs in order."""
    ids = list(truce_ids)
    if not ids:
        return {}
    statement = (
        select(TrackedTruceZoneModel)
        .where(TrackedTruceZoneModel.truce_id.in_(ids))
        .order_by(TrackedTruceZoneModel.truce_id, TrackedTruceZoneModel.position)
    )
    found: defaultdict[str, list[tuple[str, Zone]]] = defaultdict(list)
    for row in session.scalars(statement):
        found[row.truce_id].append((row.role, zone_of(row)))
    return {key: tuple(value) for key, value in found.items()}


def _user_record(model: TrackedTruceModel, zones: Sequence[tuple[str, Zone]]) -> TruceRecord:
    return TruceRecord(
        truce_id=model.truce_id,
        name=model.name,
        kind=TruceKind(model.kind),
        start=model.start_date,
        zones=tuple(zone for role, zone in zones if role == ZONE),
        exclusions=tuple(zone for role, zone in zones if role == EXCLUSION),
        parties=tuple(model.parties),
        end=model.end_date,
        duration_hours=model.duration_hours,
        origin=TruceOrigin.USER,
        notes=model.notes,
    )


def upsert_user_truces(
    session: Session, truces: Sequence[TruceRecord], source_file: str | None, now: dt.datetime
) -> None:
    """Store user-declared truces, replacing any stored truce with the same id.

    Raises:
        ConfigError: (M015) a truce takes an id reserved for extracted truces.
    """
    for truce in truces:
        if truce.truce_id.startswith(EXTRACTED_PREFIX):
            raise ConfigError(
                f"{source_file or 'truce file'}: truce {truce.name!r}: id: {truce.truce_id!r} "
                f"starts with {EXTRACTED_PREFIX!r}, which is kept for extracted truces; choose another id",
                code="M015",
            )
    ids = [truce.truce_id for truce in truces]
    for model in (ViolationModel, UndeterminedViolationModel, TrackedTruceSourceModel, TrackedTruceZoneModel):
        session.execute(delete(model).where(model.truce_id.in_(ids)))
    session.execute(delete(TrackedTruceModel).where(TrackedTruceModel.truce_id.in_(ids)))
    _insert(session, TrackedTruceModel, [truce_row(truce, source_file, now) for truce in truces])
    _insert(session, TrackedTruceZoneModel, [zone for truce in truces for zone in zone_rows(truce)])


def delete_user_truce(session: Session, truce_id: str) -> bool:
    """Remove a user truce and what was derived for it; False when there is no such user truce."""
    found = session.scalar(
        select(TrackedTruceModel.id).where(
            TrackedTruceModel.truce_id == truce_id, TrackedTruceModel.origin == TruceOrigin.USER.value
        )
    )
    if found is None:
        return False
    for model in (ViolationModel, UndeterminedViolationModel, TrackedTruceSourceModel, TrackedTruceZoneModel):
        session.execute(delete(model).where(model.truce_id == truce_id))
    session.execute(delete(TrackedTruceModel).where(TrackedTruceModel.id == found))
    return True


# --- violations -----------------------------------------------------------------------------


def _write_violations(session: Session, report: ViolationReport, records: StoredRecords) -> None:
    events = records.events_by_key()
    rows = []
    for violation in report.violations:
        event = events[violation.event_key].event
        place = event.location
        rows.append(
            {
                "truce_id": violation.truce_id,
                "event_key": violation.event_key,
                "event_id": records.event_ids.get(violation.event_key),
                "incident_id": violation.incident_id,
                "doc_id": violation.doc_id,
                "day": violation.day,
                "zone": violation.zone,
                "sub_event_type": violation.sub_event_type.value,
                "actor": violation.actor,
                "actor_folded": folded(*((event.actor1.name, event.actor1.name_en) if event.actor1 else ())),
                "actor_is_party": violation.actor_is_party,
                "place_name": place.name if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "fatalities": event.fatalities,
                "date_from_published": violation.date_from_published,
                "on_boundary": violation.on_boundary,
                "source": violation.source,
                "url": violation.url,
                "evidence": violation.evidence,
            }
        )
    _insert(session, ViolationModel, rows)
    _insert(session, UndeterminedViolationModel, _undetermined_rows(report, events, records.event_ids))


def _undetermined_rows(
    report: ViolationReport, events: Mapping[str, SourcedEvent], event_ids: Mapping[str, int]
) -> list[dict[str, Any]]:
    rows = []
    for item in report.undetermined:
        sourced = events[item.event_key]
        place = sourced.event.location
        rows.append(
            {
                "truce_id": item.truce_id,
                "event_key": item.event_key,
                "event_id": event_ids.get(item.event_key),
                "doc_id": item.doc_id,
                "reason": item.reason.value,
                "day": sourced.event.date or sourced.published,
                "place_name": place.name if place else None,
                "sub_event_type": sourced.event.sub_event_type.value,
                "evidence": item.evidence,
            }
        )
    return rows


# --- incidents and contradictions ---------------------------------------------------------------


def _write_incidents(session: Session, incidents: Sequence[Incident], records: StoredRecords) -> None:
    events = records.events_by_key()
    _insert(session, IncidentModel, [_incident_row(incident) for incident in incidents])
    members = []
    for incident in incidents:
        for position, member in enumerate(incident.members):
            event = events[member.event_key].event
            members.append(
                {
                    "incident_id": incident.incident_id,
                    "position": position,
                    "event_key": member.event_key,
                    "event_id": records.event_ids.get(member.event_key),
                    "doc_id": member.doc_id,
                    "copy_group": member.copy_group,
                    "sub_event_type": member.sub_event_type.value,
                    "date": event.date,
                    "source": member.source,
                    "url": member.url,
                    "published": member.published,
                    "place_name": member.place,
                    "actor": member.actor,
                    "fatalities": member.fatalities,
                    "injuries": member.injuries,
                    "reported_by": member.reported_by,
                    "evidence": event.evidence.sentence,
                }
            )
    _insert(session, IncidentMemberModel, members)


def _incident_row(incident: Incident) -> dict[str, Any]:
    place, window = incident.place, incident.window
    return {
        "incident_id": incident.incident_id,
        "family": incident.family.value,
        "grade": incident.grade.value,
        "first_day": window.start if window else None,
        "last_day": window.end if window else None,
        "place_name": place.name if place else None,
        "place_name_en": place.name_en if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "place_kind": place.kind.value if place and place.kind else None,
        "place_folded": folded(*((place.name, place.name_en, place.admin1) if place else ())),
        "fatalities_low": incident.fatalities.low if incident.fatalities else None,
        "fatalities_high": incident.fatalities.high if incident.fatalities else None,
        "injuries_low": incident.injuries.low if incident.injuries else None,
        "injuries_high": incident.injuries.high if incident.injuries else None,
        "independent_sources": incident.independent_sources,
        "reports": len(incident.members),
        "sub_event_types": [sub.value for sub in incident.sub_event_types],
        "outlets": list(incident.outlets),
        "reasons": list(incident.reasons),
        "aggregate": incident.aggregate,
    }


def _write_contradictions(
    session: Session, contradictions: Sequence[Contradiction], records: StoredRecords
) -> None:
    _insert(session, ContradictionModel, [_contradiction_row(c, records) for c in contradictions])


def _contradiction_row(contradiction: Contradiction, records: StoredRecords) -> dict[str, Any]:
    denial, report = contradiction.denial, contradiction.report
    negated = denial.kind is DenialKind.NEGATED_EVENT
    return {
        "contradiction_id": contradiction.contradiction_id,
        "incident_id": contradiction.incident_id,
        "denial_key": denial.key,
        "denial_kind": denial.kind.value,
        "denial_event_id": records.event_ids.get(denial.key) if negated else None,
        "denial_claim_id": None if negated else records.claim_ids.get(denial.key),
        "denial_doc_id": denial.doc_id,
        "denial_speaker": denial.speaker,
        "denial_text": denial.text,
        "denial_evidence": denial.evidence.sentence,
        "denial_evidence_start": denial.evidence.sentence_span.start,
        "denial_evidence_end": denial.evidence.sentence_span.end,
        "denial_places": [place.name for place in denial.places],
        "denial_first_day": denial.window.start,
        "denial_last_day": denial.window.end,
        "denial_source": denial.source,
        "denial_url": denial.url,
        "denial_published": denial.published,
        "report_event_key": report.event_key,
        "report_event_id": records.event_ids.get(report.event_key),
        "report_doc_id": report.doc_id,
        "report_sub_event_type": report.sub_event_type.value,
        "report_evidence": report.evidence.sentence,
        "report_evidence_start": report.evidence.sentence_span.start,
        "report_evidence_end": report.evidence.sentence_span.end,
        "report_first_day": report.window.start if report.window else None,
        "report_last_day": report.window.end if report.window else None,
        "report_place_name": report.place.name if report.place else None,
        "report_actor": report.actor,
        "report_fatalities": report.fatalities,
        "report_source": report.source,
        "report_url": report.url,
        "report_published": report.published,
    }
