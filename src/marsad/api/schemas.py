"""The API's wire format: pydantic models for request bodies and responses (pydantic lives only here).

Responses are built from the store's typed rows (``as_record()``), so the JSON the API sends is
the JSON the CLI prints; these models describe it for the OpenAPI document and validate it.
Every success carries ``"ok": true``; every failure is :class:`ErrorOut`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from marsad.event import EventType, SubEventType, TruceKind

MAX_BATCH = 1000


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- errors -------------------------------------------------------------------------------


class ErrorItemOut(BaseModel):
    loc: list[str | int] = Field(description="Where the problem is: ['query', 'bbox'], ['body', ...].")
    msg: str
    type: str


class ErrorOut(BaseModel):
    """The one error shape, for every status."""

    ok: Literal[False]
    error: str = Field(description="One sentence saying what went wrong.")
    errors: list[ErrorItemOut]
    status: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (400, "Bad request (malformed JSON, an impossible filter)"),
        (401, "Token missing or invalid"),
        (404, "Not found"),
        (413, "Request body too large"),
        (422, "Invalid parameter or body"),
        (500, "Server error"),
    )
}


# --- shared pieces ------------------------------------------------------------------------


class LocationOut(BaseModel):
    name: str
    name_en: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    kind: str | None = None
    place_id: int | None = None


class ActorOut(BaseModel):
    name: str | None = None
    name_en: str | None = None


class FieldSpanOut(BaseModel):
    field: str
    start: int
    end: int


class PageOut(BaseModel):
    ok: Literal[True] = True
    total: int = Field(description="Rows matching the filters, in all.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last one.")


# --- events -------------------------------------------------------------------------------


class EventOut(BaseModel):
    id: int
    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    event_type: EventType
    sub_event_type: SubEventType
    date: dt.date | None = None
    date_precision: str | None = None
    location: LocationOut | None = None
    actor1: ActorOut | None = None
    actor2: ActorOut | None = None
    fatalities: int | None = None
    injuries: int | None = None
    target: str | None = None
    weapon: str | None = None
    negated: bool
    aggregate: bool
    reported_by: str | None = None
    evidence: str
    evidence_span: list[int]
    spans: list[FieldSpanOut]
    pipeline_version: str


class EventPage(PageOut):
    total_exact: bool = Field(
        True, description="False when counting stopped early: `total` is then a lower bound ('1000+')."
    )
    items: list[EventOut]


class EventDetail(BaseModel):
    ok: Literal[True] = True
    event: EventOut


class MapOut(BaseModel):
    """Compact map points: ``points[i]`` is ``[id, lat, lon, event_type, date, fatalities]``."""

    ok: Literal[True] = True
    fields: list[str]
    points: list[list[Any]]
    total: int
    unlocated: int = Field(description="Matching events without coordinates (not on the map).")
    truncated: bool


class TimelineDayOut(BaseModel):
    date: dt.date
    total: int
    by_type: dict[str, int]


class TimelineOut(BaseModel):
    ok: Literal[True] = True
    days: list[TimelineDayOut]


# --- articles -----------------------------------------------------------------------------


class ArticleSummaryOut(BaseModel):
    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    ingested_at: dt.datetime
    dropped_reason: str | None = None
    events: int


class ArticlePage(PageOut):
    items: list[ArticleSummaryOut]


class CommentOut(BaseModel):
    position: int
    author: str | None = None
    text: str
    when: str | None = None
    date: dt.date | None = None


class MentionOut(BaseModel):
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
    place: LocationOut | None = None
    actor_id: str | None = None


class ClaimOut(BaseModel):
    id: int
    speaker: str
    speaker_en: str | None = None
    stance: str
    text: str
    about: str | None = None
    evidence: str
    evidence_span: list[int]
    spans: list[FieldSpanOut] = []


class TruceAnnouncementOut(BaseModel):
    id: int
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    duration_hours: int | None = None
    parties: list[str]
    zones: list[LocationOut]
    excluded: list[LocationOut]
    evidence: str
    evidence_span: list[int]


class ArticleOut(BaseModel):
    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    author: str | None = None
    language: str | None = None
    body: str = Field(description="The cleaned text; every span is a [start, end) range into it.")
    dropped: dict[str, str] | None = None
    comments: list[CommentOut]
    places: list[LocationOut]
    mentions: list[MentionOut]
    events: list[EventOut]
    claims: list[ClaimOut]
    truces: list[TruceAnnouncementOut]
    pipeline_version: str


class ArticleDetail(BaseModel):
    ok: Literal[True] = True
    article: ArticleOut


# --- places, actors, claims ---------------------------------------------------------------


class PlaceOut(LocationOut):
    events: int


class PlacePage(PageOut):
    items: list[PlaceOut]


class ActorSummaryOut(BaseModel):
    name: str
    name_en: str | None = None
    events: int
    as_actor1: int
    as_actor2: int


class ActorPage(PageOut):
    items: list[ActorSummaryOut]


class ClaimRowOut(ClaimOut):
    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None


class ClaimPage(PageOut):
    items: list[ClaimRowOut]


class TruceAnnouncementRowOut(TruceAnnouncementOut):
    doc_id: str
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None


class TruceAnnouncementPage(PageOut):
    items: list[TruceAnnouncementRowOut]


# --- truce registry, violations, incidents, contradictions (store.tracking) ----------------


class RecordPage(PageOut):
    """Rows of the tracking tables, as their ``as_record()`` gives them."""

    items: list[dict[str, Any]]


class RecordDetail(BaseModel):
    ok: Literal[True] = True
    item: dict[str, Any]


class StatsOut(_Out):
    ok: Literal[True] = True
    documents: int
    dropped: int
    events: int


# --- writes -------------------------------------------------------------------------------


class DocumentIn(BaseModel):
    """One document to ingest: the fields of a JSONL input line."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=500, description="Document id (default: derived).")
    text: str | None = Field(None, description="Plain text of the article (or give html).")
    html: str | None = Field(None, description="The article's HTML page (or give text).")
    title: str | None = Field(None, max_length=2000)
    published: dt.date | None = None
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=500)
    crawl_date: dt.date | None = None

    @model_validator(mode="after")
    def _has_content(self) -> DocumentIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("give the article as 'text' or 'html' (a non-empty string)")
        return self


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_BATCH)
    reprocess: bool = Field(False, description="Extract again documents already stored.")


class DocumentResultOut(BaseModel):
    index: int
    doc_id: str | None
    status: str = Field(description="new, duplicate, reprocessed, updated, dropped or failed")
    code: str | None = None
    reason: str | None = None


class IngestOut(BaseModel):
    ok: Literal[True] = True
    documents: list[DocumentResultOut]
    counts: dict[str, int]
    events: int


class ZoneIn(BaseModel):
    """A place name, a division ``{admin1, country}`` or a circle ``{lat, lon, radius_km}``."""

    model_config = ConfigDict(extra="forbid")

    place: str | None = None
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    radius_km: float | None = Field(None, gt=0, le=5000)


class TruceIn(BaseModel):
    """A truce as in a truce file (docs/ceasefires.md); zones are place names or ZoneIn objects."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=200)
    name: str = Field(min_length=1, max_length=500, pattern=r"\S")
    kind: TruceKind
    parties: list[str] = Field(default_factory=list, max_length=50)
    start: dt.date
    end: dt.date | None = None
    duration_hours: int | None = Field(None, gt=0, le=24 * 3650)
    zones: list[str | ZoneIn] = Field(min_length=1, max_length=200)
    exclusions: list[str | ZoneIn] = Field(default_factory=list, max_length=200)
    notes: str | None = Field(None, max_length=5000)


class TruceCreatedOut(BaseModel):
    ok: Literal[True] = True
    item: dict[str, Any]
