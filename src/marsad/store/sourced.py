"""The stored rows as the records cross-article logic reads: sourced events, claims and truces.

Each stored document is rebuilt as a light :class:`~marsad.article.Article` (its events, claims,
truces, and the place and date mentions its claims need) and handed to
:func:`marsad.dedup.records.sourced_records`, so a record's key is exactly the key the article
had when it was saved: incident, truce and contradiction ids computed from the store do not
change between runs. What the rows do not keep is approximated: a date mention's kind (a
period's end, "since") is not stored, so a claim's period is its first date mention read as a
date of its precision.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from marsad.article import Article, DateMention, InputFormat, Mentions, PlaceMention, RawDocument
from marsad.dedup.records import SourcedClaim, SourcedEvent, SourcedTruce, sourced_records
from marsad.event import (
    Actor,
    Claim,
    DatePrecision,
    Event,
    Evidence,
    Place,
    PlaceKind,
    Span,
    Stance,
    SubEventType,
    Truce,
    TruceKind,
)
from marsad.store.models import (
    ClaimModel,
    DocumentModel,
    EventModel,
    FieldSpanModel,
    MentionModel,
    PlaceModel,
    TruceModel,
    TrucePartyModel,
    TruceZoneModel,
)


@dataclass(frozen=True, slots=True)
class StoredRecords:
    """Every stored event, claim and truce with its source, and the row ids behind the keys."""

    events: tuple[SourcedEvent, ...]
    claims: tuple[SourcedClaim, ...]
    truces: tuple[SourcedTruce, ...]
    event_ids: dict[str, int]  # event key -> events.id
    claim_ids: dict[str, int]  # claim key -> claims.id

    def events_by_key(self) -> dict[str, SourcedEvent]:
        return {sourced.event_key: sourced for sourced in self.events}


@dataclass(slots=True)
class _Document:
    """One stored document's records, gathered before its Article is rebuilt."""

    doc_id: str
    source: str | None
    url: str | None
    published: dt.date | None
    events: list[tuple[int, Event]] = field(default_factory=list)
    claims: list[tuple[int, Claim]] = field(default_factory=list)
    truces: list[Truce] = field(default_factory=list)
    mentions: Mentions = field(default_factory=Mentions)


def load_records(session: Session) -> StoredRecords:
    """Sourced records for every stored event, claim and truce, documents in storage order."""
    documents = _documents(session)
    _add_events(session, documents)
    _add_claims(session, documents)
    _add_truces(session, documents)
    events: list[SourcedEvent] = []
    claims: list[SourcedClaim] = []
    truces: list[SourcedTruce] = []
    event_ids: dict[str, int] = {}
    claim_ids: dict[str, int] = {}
    for document in documents.values():
        if not (document.events or document.claims or document.truces):
            continue
        records = sourced_records(_article(document))
        events += records.events
        claims += records.claims
        truces += records.truces
        # sourced_records keeps the article's order, so keys pair with the rows they came from.
        event_ids.update(
            (s.event_key, row) for s, (row, _) in zip(records.events, document.events, strict=True)
        )
        claim_ids.update(
            (s.claim_key, row) for s, (row, _) in zip(records.claims, document.claims, strict=True)
        )
    return StoredRecords(tuple(events), tuple(claims), tuple(truces), event_ids, claim_ids)


def _documents(session: Session) -> dict[int, _Document]:
    rows = session.execute(
        select(
            DocumentModel.id,
            DocumentModel.doc_id,
            DocumentModel.source,
            DocumentModel.url,
            DocumentModel.published,
        ).order_by(DocumentModel.id)
    )
    return {row.id: _Document(row.doc_id, row.source, row.url, row.published) for row in rows}


def _article(document: _Document) -> Article:
    raw = RawDocument(
        document.doc_id,
        "",
        InputFormat.TEXT,
        document.doc_id,
        published=document.published,
        url=document.url,
        source=document.source,
    )
    return Article(
        raw=raw,
        published=document.published,
        events=[event for _, event in document.events],
        claims=[claim for _, claim in document.claims],
        truces=document.truces,
        mentions=document.mentions,
    )


# --- events -----------------------------------------------------------------------------------


def _add_events(session: Session, documents: dict[int, _Document]) -> None:
    actors = _event_actor_ids(session)
    statement = (
        select(EventModel, PlaceModel.gazetteer_id, PlaceModel.precision_km)
        .outerjoin(PlaceModel, EventModel.place_id == PlaceModel.id)
        .order_by(EventModel.document_id, EventModel.position)
    )
    for model, gazetteer_id, precision_km in session.execute(statement):
        event = _event(model, gazetteer_id, precision_km, actors)
        documents[model.document_id].events.append((model.id, event))


def _event(
    model: EventModel,
    gazetteer_id: str | None,
    precision_km: float | None,
    actors: dict[tuple[int, str], tuple[str | None, str | None]],
) -> Event:
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
            gazetteer_id,
            precision_km,
        )
    return Event(
        SubEventType(model.sub_event_type),
        _evidence(model.evidence, model.evidence_start, model.evidence_end),
        date=model.date,
        date_precision=DatePrecision(model.date_precision) if model.date_precision else None,
        location=place,
        actor1=_actor(model.actor1, model.actor1_en, actors.get((model.id, "actor1"))),
        actor2=_actor(model.actor2, model.actor2_en, actors.get((model.id, "actor2"))),
        fatalities=model.fatalities,
        injuries=model.injuries,
        target=model.target,
        weapon=model.weapon,
        negated=model.negated,
        aggregate=model.aggregate,
        reported_by=model.reported_by,
    )


def _event_actor_ids(session: Session) -> dict[tuple[int, str], tuple[str | None, str | None]]:
    """(event id, "actor1"/"actor2") -> (actor id, side), from the actor mention at the field's span.

    The events table keeps actors by name; their resolved ids and sides live on the mentions,
    and linking compares actors by id and side first.
    """
    statement = (
        select(FieldSpanModel.event_id, FieldSpanModel.field, MentionModel.actor_id, MentionModel.side)
        .join(
            MentionModel,
            and_(
                MentionModel.document_id == FieldSpanModel.document_id,
                MentionModel.kind == "actor",
                MentionModel.start == FieldSpanModel.start,
                MentionModel.end == FieldSpanModel.end,
            ),
        )
        .where(FieldSpanModel.event_id.is_not(None), FieldSpanModel.field.in_(("actor1", "actor2")))
        .order_by(MentionModel.id)
    )
    found: dict[tuple[int, str], tuple[str | None, str | None]] = {}
    for event_id, name, actor_id, side in session.execute(statement):
        if event_id is not None:
            found.setdefault((event_id, name), (actor_id, side))
    return found


def _actor(
    name: str | None, name_en: str | None, resolved: tuple[str | None, str | None] | None
) -> Actor | None:
    if name is None:
        return None
    actor_id, side = resolved or (None, None)
    return Actor(name, name_en, actor_id, side)


def _evidence(sentence: str, start: int, end: int) -> Evidence:
    return Evidence(sentence, Span(start, end))


# --- claims -----------------------------------------------------------------------------------


def _add_claims(session: Session, documents: dict[int, _Document]) -> None:
    statement = select(ClaimModel).order_by(ClaimModel.document_id, ClaimModel.position)
    for model in session.scalars(statement):
        claim = Claim(
            model.speaker,
            Stance(model.stance),
            model.text,
            _evidence(model.evidence, model.evidence_start, model.evidence_end),
            speaker_en=model.speaker_en,
            about=model.about,
        )
        documents[model.document_id].claims.append((model.id, claim))
    _add_claim_mentions(session, documents)


def _add_claim_mentions(session: Session, documents: dict[int, _Document]) -> None:
    """Place and date mentions of the documents with claims: what a claim is about, where and when."""
    with_claims = select(ClaimModel.document_id)
    statement = (
        select(MentionModel, PlaceModel)
        .outerjoin(PlaceModel, MentionModel.place_id == PlaceModel.id)
        .where(MentionModel.document_id.in_(with_claims), MentionModel.kind.in_(("place", "date")))
        .order_by(MentionModel.document_id, MentionModel.start, MentionModel.id)
    )
    for mention, place in session.execute(statement):
        mentions = documents[mention.document_id].mentions
        if mention.kind == "place":
            mentions.places.append(_place_mention(mention, place))
        elif mention.date is not None and mention.date_precision is not None:
            mentions.dates.append(
                DateMention(
                    Span(mention.start, mention.end),
                    mention.date,
                    DatePrecision(mention.date_precision),
                    mention.text,
                    bool(mention.relative),
                )
            )


def _place_mention(mention: MentionModel, place: PlaceModel | None) -> PlaceMention:
    return PlaceMention(
        Span(mention.start, mention.end),
        mention.text,
        place_of(mention.text, place),
        as_location=mention.as_location is not False,
    )


def place_of(name: str, place: PlaceModel | None) -> Place:
    """A Place named ``name`` (as written) with what the shared places row knows of it."""
    if place is None:
        return Place(name)
    return Place(
        name,
        place.name_en,
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        PlaceKind(place.kind) if place.kind else None,
        place.gazetteer_id,
        place.precision_km,
    )


# --- truces -----------------------------------------------------------------------------------


def _add_truces(session: Session, documents: dict[int, _Document]) -> None:
    models = list(session.scalars(select(TruceModel).order_by(TruceModel.document_id, TruceModel.position)))
    parties = _grouped(
        session.execute(
            select(TrucePartyModel.truce_id, TrucePartyModel.name).order_by(
                TrucePartyModel.truce_id, TrucePartyModel.position
            )
        )
    )
    zones = _truce_zones(session)
    for model in models:
        truce = Truce(
            TruceKind(model.kind),
            _evidence(model.evidence, model.evidence_start, model.evidence_end),
            zones=[place for place, excluded in zones.get(model.id, ()) if not excluded],
            excluded=[place for place, excluded in zones.get(model.id, ()) if excluded],
            start=model.start_date,
            end=model.end_date,
            duration_hours=model.duration_hours,
            parties=[str(name) for name in parties.get(model.id, ())],
        )
        documents[model.document_id].truces.append(truce)


def _truce_zones(session: Session) -> dict[int, list[tuple[Place, bool]]]:
    statement = (
        select(TruceZoneModel, PlaceModel)
        .outerjoin(PlaceModel, TruceZoneModel.place_id == PlaceModel.id)
        .order_by(TruceZoneModel.truce_id, TruceZoneModel.position)
    )
    found: defaultdict[int, list[tuple[Place, bool]]] = defaultdict(list)
    for zone, place in session.execute(statement):
        found[zone.truce_id].append((place_of(zone.name, place), zone.excluded))
    return dict(found)


def _grouped(rows: Iterable[Sequence[Any]]) -> dict[int, list[Any]]:
    found: defaultdict[int, list[Any]] = defaultdict(list)
    for key, value in rows:
        found[key].append(value)
    return dict(found)
