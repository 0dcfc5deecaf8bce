"""The tables of the marsad store, as typed SQLAlchemy models.

One ``documents`` row per distinct input (keyed by the hash of its raw content); every row
derived from a document by the pipeline (comments, mentions, events, claims, truces, their
field spans, the article's place list and its drop) hangs off that document, records the
``pipeline_version`` that produced it, and is deleted and rewritten together when the
document is reprocessed. ``places`` is shared: one row per resolved gazetteer place, kept
across reprocessing. Searchable Arabic text is stored a second time, folded with
:func:`marsad.normalize.fold`, in ``*_folded`` columns so filters can match spelling variants.

The schema is created and changed only by the Alembic migrations in ``migrations/``;
``tests/store/test_schema.py`` checks that these models and the migrations agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names are spelled out so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SHORT = 64  # enum values, codes, ISO codes
NAME = 512  # names as written, titles, origins
VERSION = 64


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _document_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class DocumentModel(Base):
    """One input document: its raw content, the cleaned article, and how it was processed."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(NAME), unique=True)  # the input id, made unique on collision
    content_hash: Mapped[str] = mapped_column(String(SHORT), unique=True)
    origin: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(NAME), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(String(NAME))
    body: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text)  # raw input, so a document can be reprocessed from the store
    language: Mapped[str | None] = mapped_column(String(SHORT))
    format: Mapped[str] = mapped_column(String(SHORT))
    encoding: Mapped[str | None] = mapped_column(String(SHORT))
    crawl_date: Mapped[dt.date | None] = mapped_column(Date)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    processed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))
    dropped: Mapped[bool] = mapped_column(Boolean, default=False)
    text_folded: Mapped[str] = mapped_column(Text, default="")  # fold(title + body), for free-text search


class CommentModel(Base):
    """A reader comment under an article, in page order."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    author: Mapped[str | None] = mapped_column(String(NAME))
    text: Mapped[str] = mapped_column(Text)
    when_text: Mapped[str | None] = mapped_column(String(NAME))  # as written: "منذ 3 أيام"
    date: Mapped[dt.date | None] = mapped_column(Date)
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class DropModel(Base):
    """Why a document produced nothing: a rejection recorded as data (stage, reason)."""

    __tablename__ = "drops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    origin: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(SHORT))
    reason: Mapped[str] = mapped_column(String(SHORT), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class IngestFailureModel(Base):
    """An input that could not be read or processed (file named, error code, reason)."""

    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(SHORT), index=True)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PlaceModel(Base):
    """A resolved place, shared by every mention, event and truce zone that names it."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_key: Mapped[str] = mapped_column(String(NAME), unique=True)  # gazetteer id, else a digest
    gazetteer_id: Mapped[str | None] = mapped_column(String(NAME))
    name: Mapped[str] = mapped_column(String(NAME))  # as first written in an article (Arabic)
    name_en: Mapped[str | None] = mapped_column(String(NAME))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(SHORT), index=True)
    admin1: Mapped[str | None] = mapped_column(String(NAME))
    kind: Mapped[str | None] = mapped_column(String(SHORT))
    precision_km: Mapped[float | None] = mapped_column(Float)


class DocumentPlaceModel(Base):
    """The article's list of distinct places named as locations, in order."""

    __tablename__ = "document_places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(NAME))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class MentionModel(Base):
    """A span of the body the extractors recognised, with its typed reading.

    ``kind`` says which of the typed columns apply: quantity (``value``, ``value_upper``,
    ``qualifier``), date (``date``, ``date_precision``, ``relative``), place (``place_id``,
    ``as_location``), actor (``label`` = English name, ``actor_id``, ``actor_kind``, ``side``)
    and trigger (``label`` = sub-event type, ``weapon``, ``lemma``).
    """

    __tablename__ = "mentions"
    __table_args__ = (
        CheckConstraint("kind IN ('place', 'actor', 'quantity', 'date', 'trigger')", name="kind"),
        CheckConstraint('"end" >= start', name="span"),
        Index(None, "document_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(SHORT))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(String(NAME))
    value: Mapped[int | None] = mapped_column(Integer)
    value_upper: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str | None] = mapped_column(String(SHORT))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(SHORT))
    relative: Mapped[bool | None] = mapped_column(Boolean)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    as_location: Mapped[bool | None] = mapped_column(Boolean)
    actor_id: Mapped[str | None] = mapped_column(String(NAME))
    actor_kind: Mapped[str | None] = mapped_column(String(SHORT))
    side: Mapped[str | None] = mapped_column(String(NAME))
    weapon: Mapped[str | None] = mapped_column(String(NAME))
    lemma: Mapped[str | None] = mapped_column(String(NAME))
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class EventModel(Base):
    """One event (one sub-event type at one place on one date), flattened for filtering and maps.

    The place is copied onto the row (name as written, English name, lat/lon, country,
    admin1, kind) so map and timeline queries need no join; ``place_id`` links the shared
    place. ``text_folded`` / ``actors_folded`` / ``place_folded`` hold folded copies for search.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index(None, "date"),
        Index(None, "event_type", "date"),
        Index(None, "sub_event_type", "date"),
        Index(None, "country", "admin1"),
        Index(None, "lat", "lon"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(SHORT))
    sub_event_type: Mapped[str] = mapped_column(String(SHORT))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(SHORT))
    place_name: Mapped[str | None] = mapped_column(String(NAME))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    place_name_en: Mapped[str | None] = mapped_column(String(NAME))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(SHORT))
    admin1: Mapped[str | None] = mapped_column(String(NAME))
    place_kind: Mapped[str | None] = mapped_column(String(SHORT))
    actor1: Mapped[str | None] = mapped_column(String(NAME))
    actor1_en: Mapped[str | None] = mapped_column(String(NAME))
    actor2: Mapped[str | None] = mapped_column(String(NAME))
    actor2_en: Mapped[str | None] = mapped_column(String(NAME))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injuries: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[str | None] = mapped_column(String(NAME))
    weapon: Mapped[str | None] = mapped_column(String(NAME))
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    aggregate: Mapped[bool] = mapped_column(Boolean, default=False)
    reported_by: Mapped[str | None] = mapped_column(String(NAME))
    evidence: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    text_folded: Mapped[str] = mapped_column(Text, default="")
    actors_folded: Mapped[str] = mapped_column(Text, default="")
    place_folded: Mapped[str] = mapped_column(Text, default="")
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class ClaimModel(Base):
    """A statement attributed to a named speaker (denials, accusations, threats...)."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(NAME))
    speaker_en: Mapped[str | None] = mapped_column(String(NAME))
    stance: Mapped[str] = mapped_column(String(SHORT), index=True)
    text: Mapped[str] = mapped_column(Text)
    about: Mapped[str | None] = mapped_column(String(SHORT))
    evidence: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class TruceModel(Base):
    """A ceasefire, calm regime, humanitarian corridor or evacuation deal."""

    __tablename__ = "truces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(SHORT), index=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    duration_hours: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class TrucePartyModel(Base):
    """One party to a truce, as written."""

    __tablename__ = "truce_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    truce_id: Mapped[int] = mapped_column(ForeignKey("truces.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(NAME))
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class TruceZoneModel(Base):
    """A place a truce covers, or (``excluded``) one it explicitly leaves out."""

    __tablename__ = "truce_zones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    truce_id: Mapped[int] = mapped_column(ForeignKey("truces.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(NAME))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))


class FieldSpanModel(Base):
    """Where in the body one field of an event, claim or truce was read (exactly one owner is set)."""

    __tablename__ = "field_spans"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN claim_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN truce_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
        CheckConstraint('"end" >= start', name="span"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _document_fk()
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    truce_id: Mapped[int | None] = mapped_column(ForeignKey("truces.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(SHORT))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    pipeline_version: Mapped[str] = mapped_column(String(VERSION))
