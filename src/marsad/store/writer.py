"""The write path: one processed Article becomes one document and its derived rows, atomically.

Identity is the hash of the raw content: the same content twice is stored once. A document
already stored is rewritten only when asked (``reprocess=True``) or when a newer pipeline
produced it; its derived rows are then deleted and written again inside the same transaction,
so a reader never sees half an article and a killed process leaves none behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from marsad.article import Article, Mentions, RawDocument
from marsad.event import Claim, Event, Evidence, Place, Truce
from marsad.normalize import fold
from marsad.store.models import (
    ClaimModel,
    CommentModel,
    DocumentModel,
    DocumentPlaceModel,
    DropModel,
    EventModel,
    FieldSpanModel,
    MentionModel,
    PlaceModel,
    TruceModel,
    TrucePartyModel,
    TruceZoneModel,
)

log = logging.getLogger(__name__)


class SaveStatus(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"  # same content already stored by this (or a newer) pipeline: nothing written
    REPROCESSED = "reprocessed"  # same content, derived rows rewritten
    UPDATED = "updated"  # same document (doc_id and origin or URL), changed content: replaced
    DROPPED = "dropped"  # written, but the pipeline rejected the article (see the drops table)


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: SaveStatus
    doc_id: str  # as stored: the input id, with a suffix when another document already had it
    document_id: int
    events: int = 0


def is_newer(candidate: str, stored: str) -> bool:
    """Whether pipeline version ``candidate`` should replace rows made by ``stored``.

    Versions are ``<release>+<stage digest>``: a higher release wins; the same release with a
    different digest means the stages changed, which also calls for reprocessing.
    """
    if candidate == stored:
        return False
    return _release(candidate) >= _release(stored)


def _release(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("+", 1)[0].split("."):
        digits = "".join(c for c in piece if c.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def is_duplicate(session: Session, raw: RawDocument, pipeline_version: str, reprocess: bool) -> bool:
    """True when saving an article of ``raw`` would write nothing (so it need not be processed)."""
    if reprocess:
        return False
    stored = session.scalar(
        select(DocumentModel.pipeline_version).where(DocumentModel.content_hash == raw.content_hash)
    )
    return stored is not None and not is_newer(pipeline_version, stored)


def save_article(session: Session, article: Article, pipeline_version: str, reprocess: bool) -> SaveResult:
    """Write ``article`` in the session's transaction (the caller commits)."""
    raw = article.raw
    now = dt.datetime.now(dt.UTC)
    document = session.scalar(select(DocumentModel).where(DocumentModel.content_hash == raw.content_hash))
    if document is not None:
        if not (reprocess or is_newer(pipeline_version, document.pipeline_version)):
            return SaveResult(SaveStatus.DUPLICATE, document.doc_id, document.id)
        status = SaveStatus.REPROCESSED
        _delete_derived(session, document.id)
    else:
        document = _previous_version(session, raw)
        if document is not None:
            status = SaveStatus.UPDATED
            _delete_derived(session, document.id)
        else:
            status = SaveStatus.NEW
            document = DocumentModel(doc_id=_free_doc_id(session, raw), ingested_at=now)
            session.add(document)
    _fill_document(document, article, pipeline_version, now)
    session.flush()
    _DerivedWriter(session, document, article, pipeline_version, now).write()
    if article.dropped is not None:
        status = SaveStatus.DROPPED
    return SaveResult(status, document.doc_id, document.id, len(article.events))


def _previous_version(session: Session, raw: RawDocument) -> DocumentModel | None:
    """The stored document this one replaces: same id, read from the same place."""
    candidate = session.scalar(select(DocumentModel).where(DocumentModel.doc_id == raw.doc_id))
    if candidate is None:
        return None
    if candidate.origin == raw.origin or (raw.url is not None and candidate.url == raw.url):
        return candidate
    return None


def _free_doc_id(session: Session, raw: RawDocument) -> str:
    """``raw.doc_id``, or, when another document already has it, the id with a content-hash suffix."""
    taken = session.scalar(select(DocumentModel.id).where(DocumentModel.doc_id == raw.doc_id))
    if taken is None:
        return raw.doc_id
    unique = f"{raw.doc_id}~{raw.content_hash[:10]}"
    log.info(
        "doc_id %r is already used by another document; storing %s as %r", raw.doc_id, raw.origin, unique
    )
    return unique


#: The document column of every table derived from a document, children before parents.
_DERIVED_BY_DOCUMENT: tuple[InstrumentedAttribute[Any], ...] = (
    FieldSpanModel.document_id,
    TruceModel.document_id,
    ClaimModel.document_id,
    EventModel.document_id,
    MentionModel.document_id,
    DocumentPlaceModel.document_id,
    CommentModel.document_id,
    DropModel.document_id,
)


def _delete_derived(session: Session, document_id: int) -> None:
    truces = select(TruceModel.id).where(TruceModel.document_id == document_id)
    session.execute(delete(TrucePartyModel).where(TrucePartyModel.truce_id.in_(truces)))
    session.execute(delete(TruceZoneModel).where(TruceZoneModel.truce_id.in_(truces)))
    for column in _DERIVED_BY_DOCUMENT:
        session.execute(delete(column.class_).where(column == document_id))


def _fill_document(
    document: DocumentModel, article: Article, pipeline_version: str, now: dt.datetime
) -> None:
    raw = article.raw
    document.content_hash = raw.content_hash
    document.origin = raw.origin
    document.url = raw.url
    document.source = raw.source
    document.title = article.title or raw.title
    document.published = article.published or raw.published
    document.author = article.author
    document.body = article.body
    document.content = raw.content
    document.language = article.language
    document.format = raw.format.value
    document.encoding = raw.encoding
    document.crawl_date = raw.crawl_date
    document.processed_at = now
    document.pipeline_version = pipeline_version
    document.dropped = article.dropped is not None
    document.text_folded = folded(document.title, article.body)


def folded(*parts: str | None) -> str:
    """The search form of some text: folded Arabic, lower-case Latin, one line per part."""
    return "\n".join(fold(p).lower() for p in parts if p)


def place_key(place: Place) -> str | None:
    """The key a place is shared under: its gazetteer id, else a digest of what is known of it."""
    if place.gazetteer_id:
        return f"g:{place.gazetteer_id}"
    known = (place.name_en, place.lat, place.lon, place.country, place.admin1)
    if all(value is None for value in known):
        return None  # only a name as written: nothing resolved to share
    lat = None if place.lat is None else round(place.lat, 5)
    lon = None if place.lon is None else round(place.lon, 5)
    kind = place.kind.value if place.kind else None
    text = "|".join(str(v) for v in (place.name_en, lat, lon, place.country, place.admin1, kind))
    return "h:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


class _DerivedWriter:
    """Writes the rows derived from one article (one instance per save)."""

    def __init__(
        self, session: Session, document: DocumentModel, article: Article, version: str, now: dt.datetime
    ) -> None:
        self.session = session
        self.document = document
        self.article = article
        self.version = version
        self.now = now
        self._places: dict[str, int] = {}

    def write(self) -> None:
        self._comments()
        self._drop()
        self._document_places()
        self._mentions(self.article.mentions)
        events = [self._event(position, e) for position, e in enumerate(self.article.events)]
        claims = [self._claim(position, c) for position, c in enumerate(self.article.claims)]
        truces = [self._truce(position, t) for position, t in enumerate(self.article.truces)]
        self.session.add_all([*events, *claims, *truces])
        self.session.flush()
        for event_model, event in zip(events, self.article.events, strict=True):
            self._spans(event.evidence, event_id=event_model.id)
        for claim_model, claim in zip(claims, self.article.claims, strict=True):
            self._spans(claim.evidence, claim_id=claim_model.id)
        for truce_model, truce in zip(truces, self.article.truces, strict=True):
            self._spans(truce.evidence, truce_id=truce_model.id)
            self._truce_children(truce_model.id, truce)

    def place_id(self, place: Place | None) -> int | None:
        key = place_key(place) if place else None
        if place is None or key is None:
            return None
        if key not in self._places:
            self._places[key] = self._upsert_place(key, place)
        return self._places[key]

    def _upsert_place(self, key: str, place: Place) -> int:
        row = self.session.scalar(select(PlaceModel).where(PlaceModel.place_key == key))
        if row is None:
            row = PlaceModel(place_key=key, name=place.name)
            self.session.add(row)
        # A newer gazetteer may know the place better; the latest reading wins.
        row.gazetteer_id = place.gazetteer_id
        row.name_en = place.name_en
        row.lat, row.lon = place.lat, place.lon
        row.country, row.admin1 = place.country, place.admin1
        row.kind = place.kind.value if place.kind else None
        row.precision_km = place.precision_km
        self.session.flush()
        return row.id

    def _comments(self) -> None:
        for position, comment in enumerate(self.article.comments):
            self.session.add(
                CommentModel(
                    document_id=self.document.id,
                    position=position,
                    author=comment.author,
                    text=comment.text,
                    when_text=comment.when,
                    date=comment.date,
                    pipeline_version=self.version,
                )
            )

    def _drop(self) -> None:
        drop = self.article.dropped
        if drop is None:
            return
        self.session.add(
            DropModel(
                document_id=self.document.id,
                origin=self.article.raw.origin,
                stage=drop.stage,
                reason=drop.reason,
                detail=drop.detail,
                pipeline_version=self.version,
                at=self.now,
            )
        )

    def _document_places(self) -> None:
        for position, place in enumerate(self.article.places):
            self.session.add(
                DocumentPlaceModel(
                    document_id=self.document.id,
                    position=position,
                    name=place.name,
                    place_id=self.place_id(place),
                    pipeline_version=self.version,
                )
            )

    def _mention(self, kind: str, start: int, end: int, text: str, **typed: object) -> None:
        self.session.add(
            MentionModel(
                document_id=self.document.id,
                kind=kind,
                start=start,
                end=end,
                text=text,
                pipeline_version=self.version,
                **typed,
            )
        )

    def _mentions(self, mentions: Mentions) -> None:
        body = self.article.body
        for q in mentions.quantities:
            self._mention(
                "quantity",
                q.span.start,
                q.span.end,
                q.text or q.span.slice(body),
                value=q.value,
                value_upper=q.upper,
                qualifier=q.qualifier.value,
            )
        for d in mentions.dates:
            self._mention(
                "date",
                d.span.start,
                d.span.end,
                d.text or d.span.slice(body),
                date=d.date,
                date_precision=d.precision.value,
                relative=d.relative,
            )
        for p in mentions.places:
            self._mention(
                "place",
                p.span.start,
                p.span.end,
                p.text,
                label=p.place.name_en,
                place_id=self.place_id(p.place),
                as_location=p.as_location,
            )
        for a in mentions.actors:
            self._mention(
                "actor",
                a.span.start,
                a.span.end,
                a.text,
                label=a.actor.name_en,
                actor_id=a.actor.actor_id,
                actor_kind=a.kind,
                side=a.actor.side,
            )
        for t in mentions.triggers:
            self._mention(
                "trigger",
                t.span.start,
                t.span.end,
                t.text,
                label=t.sub_event_type.value,
                weapon=t.weapon,
                lemma=t.lemma or None,
            )

    def _event(self, position: int, event: Event) -> EventModel:
        place = event.location
        a1, a2 = event.actor1, event.actor2
        return EventModel(
            document_id=self.document.id,
            position=position,
            event_type=event.event_type.value,
            sub_event_type=event.sub_event_type.value,
            date=event.date,
            date_precision=event.date_precision.value if event.date_precision else None,
            place_name=place.name if place else None,
            place_id=self.place_id(place),
            place_name_en=place.name_en if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            country=place.country if place else None,
            admin1=place.admin1 if place else None,
            place_kind=place.kind.value if place and place.kind else None,
            actor1=a1.name if a1 else None,
            actor1_en=a1.name_en if a1 else None,
            actor2=a2.name if a2 else None,
            actor2_en=a2.name_en if a2 else None,
            fatalities=event.fatalities,
            injuries=event.injuries,
            target=event.target,
            weapon=event.weapon,
            negated=event.negated,
            aggregate=event.aggregate,
            reported_by=event.reported_by,
            evidence=event.evidence.sentence,
            evidence_start=event.evidence.sentence_span.start,
            evidence_end=event.evidence.sentence_span.end,
            text_folded=folded(
                event.evidence.sentence,
                place.name if place else None,
                event.target,
                event.weapon,
                event.reported_by,
            ),
            actors_folded=folded(*(x for a in (a1, a2) if a for x in (a.name, a.name_en))),
            place_folded=folded(*((place.name, place.name_en, place.admin1) if place else ())),
            pipeline_version=self.version,
        )

    def _claim(self, position: int, claim: Claim) -> ClaimModel:
        return ClaimModel(
            document_id=self.document.id,
            position=position,
            speaker=claim.speaker,
            speaker_en=claim.speaker_en,
            stance=claim.stance.value,
            text=claim.text,
            about=claim.about,
            evidence=claim.evidence.sentence,
            evidence_start=claim.evidence.sentence_span.start,
            evidence_end=claim.evidence.sentence_span.end,
            pipeline_version=self.version,
        )

    def _truce(self, position: int, truce: Truce) -> TruceModel:
        return TruceModel(
            document_id=self.document.id,
            position=position,
            kind=truce.kind.value,
            start_date=truce.start,
            end_date=truce.end,
            duration_hours=truce.duration_hours,
            evidence=truce.evidence.sentence,
            evidence_start=truce.evidence.sentence_span.start,
            evidence_end=truce.evidence.sentence_span.end,
            pipeline_version=self.version,
        )

    def _truce_children(self, truce_id: int, truce: Truce) -> None:
        for position, name in enumerate(truce.parties):
            self.session.add(
                TrucePartyModel(
                    truce_id=truce_id, position=position, name=name, pipeline_version=self.version
                )
            )
        zones = [(p, False) for p in truce.zones] + [(p, True) for p in truce.excluded]
        for position, (place, excluded) in enumerate(zones):
            self.session.add(
                TruceZoneModel(
                    truce_id=truce_id,
                    position=position,
                    name=place.name,
                    place_id=self.place_id(place),
                    excluded=excluded,
                    pipeline_version=self.version,
                )
            )

    def _spans(self, evidence: Evidence, **owner: int) -> None:
        seen: set[tuple[str, int, int]] = set()
        for field, span in evidence.field_spans:
            if (field, span.start, span.end) in seen:
                continue
            seen.add((field, span.start, span.end))
            self.session.add(
                FieldSpanModel(
                    document_id=self.document.id,
                    field=field,
                    start=span.start,
                    end=span.end,
                    pipeline_version=self.version,
                    **owner,
                )
            )
