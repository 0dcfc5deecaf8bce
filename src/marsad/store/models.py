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
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import JSON

#: Constraint names are spelled out so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: What migration 0003 adds that SQLAlchemy cannot declare: the SQLite full-text table over the
#: events' folded text (and its shadow tables), PostgreSQL's trigram indexes and its
#: "NULLS FIRST" date index. The schema comparison (tests/store/test_schema.py) leaves them out.
UNMODELLED = frozenset(
    {
        "events_search",
        "events_search_data",
        "events_search_idx",
        "events_search_config",
        "ix_events_text_folded_trgm",
        "ix_events_actors_folded_trgm",
        "ix_events_place_folded_trgm",
        "ix_events_date_nulls_first_id",
    }
)

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
        Index(None, "country", "date", "event_type"),  # a country's events newest first, types read here
        Index(None, "fatalities"),  # the deadliest first, without a sort
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


# --- cross-article tracking (issue 7): recomputed from the rows above by store/tracking.py ---
#
# Everything below except the user-declared truces is derived: ``recompute_tracking`` replaces
# it in one transaction after each ingest batch. Rows are keyed by stable string ids (truce,
# event, incident and contradiction ids computed from the documents), so recomputing the same
# store gives the same ids. Links to ``events``/``claims`` rows cascade: reprocessing a
# document removes what was derived from its old rows until the next recompute.


def _event_link() -> Mapped[int | None]:
    return mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)


class TrackedTruceModel(Base):
    """One truce regime of the registry: merged from announcements, or declared by a user.

    ``origin`` is ``user`` for truces added from a truce file (kept across recomputes; their
    terms change only when the file is added again) and ``extracted`` for those merged from
    articles (replaced by every recompute). ``checked_until`` is the end as checked for
    violations (an open extracted truce: some weeks after its last mention); NULL: open.
    """

    __tablename__ = "tracked_truces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    truce_id: Mapped[str] = mapped_column(String(NAME), unique=True)
    origin: Mapped[str] = mapped_column(String(SHORT), index=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(SHORT), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    checked_until: Mapped[dt.date | None] = mapped_column(Date)
    duration_hours: Mapped[int | None] = mapped_column(Integer)
    start_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    parties: Mapped[list[str]] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    last_mentioned: Mapped[dt.date | None] = mapped_column(Date)
    source_file: Mapped[str | None] = mapped_column(Text)  # user truces: the file it was read from
    added_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))  # user truces


class TrackedTruceZoneModel(Base):
    """A zone of a registry truce (``role`` zone) or an area it leaves out (``role`` exclusion).

    ``kind`` place: the ``place_*`` columns hold the place (with its gazetteer id and reach);
    admin: ``admin1``/``country``; radius: ``lat``/``lon``/``radius_km``.
    """

    __tablename__ = "tracked_truce_zones"
    __table_args__ = (
        CheckConstraint("role IN ('zone', 'exclusion')", name="role"),
        CheckConstraint("kind IN ('place', 'admin', 'radius')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    truce_id: Mapped[str] = mapped_column(
        ForeignKey("tracked_truces.truce_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(SHORT))
    kind: Mapped[str] = mapped_column(String(SHORT))
    name: Mapped[str] = mapped_column(String(NAME))
    place_name: Mapped[str | None] = mapped_column(String(NAME))
    place_name_en: Mapped[str | None] = mapped_column(String(NAME))
    place_lat: Mapped[float | None] = mapped_column(Float)
    place_lon: Mapped[float | None] = mapped_column(Float)
    place_country: Mapped[str | None] = mapped_column(String(SHORT))
    place_admin1: Mapped[str | None] = mapped_column(String(NAME))
    place_kind: Mapped[str | None] = mapped_column(String(SHORT))
    place_gazetteer_id: Mapped[str | None] = mapped_column(String(NAME))
    place_precision_km: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(String(NAME))
    country: Mapped[str | None] = mapped_column(String(SHORT))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    radius_km: Mapped[float | None] = mapped_column(Float)


class TrackedTruceSourceModel(Base):
    """One announcement merged into a registry truce: which article said it, in which sentence."""

    __tablename__ = "tracked_truce_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    truce_id: Mapped[str] = mapped_column(
        ForeignKey("tracked_truces.truce_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    truce_key: Mapped[str] = mapped_column(String(NAME))
    doc_id: Mapped[str] = mapped_column(String(NAME), index=True)
    source: Mapped[str | None] = mapped_column(String(NAME))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text)


class ViolationModel(Base):
    """A violent event inside a truce's zone during its window (one row per truce and event)."""

    __tablename__ = "violations"
    __table_args__ = (UniqueConstraint("truce_id", "event_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    truce_id: Mapped[str] = mapped_column(
        ForeignKey("tracked_truces.truce_id", ondelete="CASCADE"), index=True
    )
    event_key: Mapped[str] = mapped_column(String(NAME), index=True)
    event_id: Mapped[int | None] = _event_link()
    incident_id: Mapped[str | None] = mapped_column(String(SHORT), index=True)
    doc_id: Mapped[str] = mapped_column(String(NAME))
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    zone: Mapped[str] = mapped_column(String(NAME))
    sub_event_type: Mapped[str] = mapped_column(String(SHORT))
    actor: Mapped[str | None] = mapped_column(String(NAME))
    actor_folded: Mapped[str] = mapped_column(Text, default="")
    actor_is_party: Mapped[bool | None] = mapped_column(Boolean)
    place_name: Mapped[str | None] = mapped_column(String(NAME))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    date_from_published: Mapped[bool] = mapped_column(Boolean, default=False)
    on_boundary: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str | None] = mapped_column(String(NAME))
    url: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)


class UndeterminedViolationModel(Base):
    """An event near a truce that can be neither counted nor cleared, and why."""

    __tablename__ = "violations_undetermined"
    __table_args__ = (UniqueConstraint("truce_id", "event_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    truce_id: Mapped[str] = mapped_column(
        ForeignKey("tracked_truces.truce_id", ondelete="CASCADE"), index=True
    )
    event_key: Mapped[str] = mapped_column(String(NAME), index=True)
    event_id: Mapped[int | None] = _event_link()
    doc_id: Mapped[str] = mapped_column(String(NAME))
    reason: Mapped[str] = mapped_column(String(SHORT), index=True)
    day: Mapped[dt.date | None] = mapped_column(Date)
    place_name: Mapped[str | None] = mapped_column(String(NAME))
    sub_event_type: Mapped[str] = mapped_column(String(SHORT))
    evidence: Mapped[str] = mapped_column(Text)


class IncidentModel(Base):
    """A real-world incident: reports of it from many articles, with the range of their figures."""

    __tablename__ = "incidents"
    __table_args__ = (Index(None, "first_day", "last_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(SHORT), unique=True)
    family: Mapped[str] = mapped_column(String(SHORT), index=True)
    grade: Mapped[str] = mapped_column(String(SHORT), index=True)
    first_day: Mapped[dt.date | None] = mapped_column(Date)
    last_day: Mapped[dt.date | None] = mapped_column(Date)
    place_name: Mapped[str | None] = mapped_column(String(NAME))
    place_name_en: Mapped[str | None] = mapped_column(String(NAME))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(SHORT))
    admin1: Mapped[str | None] = mapped_column(String(NAME))
    place_kind: Mapped[str | None] = mapped_column(String(SHORT))
    place_folded: Mapped[str] = mapped_column(Text, default="")
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    injuries_low: Mapped[int | None] = mapped_column(Integer)
    injuries_high: Mapped[int | None] = mapped_column(Integer)
    independent_sources: Mapped[int] = mapped_column(Integer)
    reports: Mapped[int] = mapped_column(Integer)
    sub_event_types: Mapped[list[str]] = mapped_column(JSON)
    outlets: Mapped[list[str]] = mapped_column(JSON)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    aggregate: Mapped[bool] = mapped_column(Boolean, default=False)


class IncidentMemberModel(Base):
    """One report of an incident (an event of one article); an event is in exactly one incident."""

    __tablename__ = "incident_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.incident_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    event_key: Mapped[str] = mapped_column(String(NAME), unique=True)
    event_id: Mapped[int | None] = _event_link()
    doc_id: Mapped[str] = mapped_column(String(NAME), index=True)
    copy_group: Mapped[str] = mapped_column(String(NAME))
    sub_event_type: Mapped[str] = mapped_column(String(SHORT))
    date: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(NAME))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    place_name: Mapped[str | None] = mapped_column(String(NAME))
    actor: Mapped[str | None] = mapped_column(String(NAME))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injuries: Mapped[int | None] = mapped_column(Integer)
    reported_by: Mapped[str | None] = mapped_column(String(NAME))
    evidence: Mapped[str] = mapped_column(Text)


class ContradictionModel(Base):
    """A denial (a negated event or a deny claim) next to one report it denies, both with evidence."""

    __tablename__ = "contradictions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contradiction_id: Mapped[str] = mapped_column(String(SHORT), unique=True)
    incident_id: Mapped[str | None] = mapped_column(String(SHORT), index=True)
    denial_key: Mapped[str] = mapped_column(String(NAME), index=True)
    denial_kind: Mapped[str] = mapped_column(String(SHORT))
    denial_event_id: Mapped[int | None] = _event_link()
    denial_claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    denial_doc_id: Mapped[str] = mapped_column(String(NAME), index=True)
    denial_speaker: Mapped[str | None] = mapped_column(String(NAME))
    denial_text: Mapped[str] = mapped_column(Text)
    denial_evidence: Mapped[str] = mapped_column(Text)
    denial_evidence_start: Mapped[int] = mapped_column(Integer)
    denial_evidence_end: Mapped[int] = mapped_column(Integer)
    denial_places: Mapped[list[str]] = mapped_column(JSON)
    denial_first_day: Mapped[dt.date] = mapped_column(Date)
    denial_last_day: Mapped[dt.date] = mapped_column(Date)
    denial_source: Mapped[str | None] = mapped_column(String(NAME))
    denial_url: Mapped[str | None] = mapped_column(Text)
    denial_published: Mapped[dt.date | None] = mapped_column(Date)
    report_event_key: Mapped[str] = mapped_column(String(NAME), index=True)
    report_event_id: Mapped[int | None] = _event_link()
    report_doc_id: Mapped[str] = mapped_column(String(NAME), index=True)
    report_sub_event_type: Mapped[str] = mapped_column(String(SHORT))
    report_evidence: Mapped[str] = mapped_column(Text)
    report_evidence_start: Mapped[int] = mapped_column(Integer)
    report_evidence_end: Mapped[int] = mapped_column(Integer)
    report_first_day: Mapped[dt.date | None] = mapped_column(Date)
    report_last_day: Mapped[dt.date | None] = mapped_column(Date)
    report_place_name: Mapped[str | None] = mapped_column(String(NAME))
    report_actor: Mapped[str | None] = mapped_column(String(NAME))
    report_fatalities: Mapped[int | None] = mapped_column(Integer)
    report_source: Mapped[str | None] = mapped_column(String(NAME))
    report_url: Mapped[str | None] = mapped_column(Text)
    report_published: Mapped[dt.date | None] = mapped_column(Date)


class ArticleFingerprintModel(Base):
    """An article's MinHash signature (``Fingerprint.to_bytes()``) and its copy group.

    Kept across recomputes: a document is fingerprinted once (again only when its content
    changes), and its copy group is the group of its closest earlier copy, else its own doc id.
    """

    __tablename__ = "article_fingerprints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    doc_id: Mapped[str] = mapped_column(String(NAME), unique=True)
    content_hash: Mapped[str] = mapped_column(String(SHORT))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    copy_group: Mapped[str] = mapped_column(String(NAME), index=True)


class ArticleLshBandModel(Base):
    """One LSH band key of a fingerprint: articles sharing a key are candidate copies."""

    __tablename__ = "article_lsh_bands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint_id: Mapped[int] = mapped_column(
        ForeignKey("article_fingerprints.id", ondelete="CASCADE"), index=True
    )
    band_key: Mapped[bytes] = mapped_column(LargeBinary, index=True)


class StoreStateModel(Base):
    """The store's own bookkeeping, one value per key (e.g. ``tracking_basis``)."""

    __tablename__ = "store_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
