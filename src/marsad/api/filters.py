"""Query parameters -> the store's filter values, shared by the API routes and the dashboard.

The same parameter names work on every event endpoint and page, so a dashboard URL and an
API URL filter alike: ``type``, ``sub_type`` (repeatable), ``actor``, ``place``, ``country``,
``bbox`` (west,south,east,north), ``since``, ``until`` (YYYY-MM-DD, inclusive), ``truce``,
``source``, ``doc_id``, ``q`` (words, matched with Arabic folding), ``negated``, ``aggregate``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query
from pydantic import BeforeValidator

from marsad.api.errors import bad_request
from marsad.event import EventType, SubEventType
from marsad.store.query import MAX_LIMIT, BBox, EventFilter, EventSort

TEXT_MAX = 200


def text_param(description: str, max_length: int = TEXT_MAX) -> Any:
    return Query(max_length=max_length, description=description)


TypeParam = Annotated[list[EventType] | None, Query(alias="type", description="Event type (repeatable).")]
SubTypeParam = Annotated[list[SubEventType] | None, Query(description="Sub-event type (repeatable).")]
CountryParam = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166 alpha-2.")]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would also read "4.9e-23" as a timestamp (1970-01-01)."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


#: A calendar day written YYYY-MM-DD.
Day = Annotated[dt.date, BeforeValidator(_iso_day)]
SinceParam = Annotated[Day | None, Query(description="On or after this date (YYYY-MM-DD).")]
UntilParam = Annotated[Day | None, Query(description="On or before this date (YYYY-MM-DD).")]
NegatedParam = Annotated[bool | None, Query(description="true: only denied events; false: only real ones.")]
_NUMBER = r"\s*-?\d{1,3}(\.\d+)?\s*"
BBoxParam = Annotated[
    str | None,
    Query(
        pattern=f"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$",
        max_length=TEXT_MAX,
        description="Map box: west,south,east,north in degrees (south <= north; west > east crosses 180).",
    ),
]
AggregateParam = Annotated[bool | None, Query(description="true: only summary counts; false: none.")]


def event_query(
    event_type: TypeParam = None,
    sub_type: SubTypeParam = None,
    actor: Annotated[str | None, text_param("Text in either actor's name (folded).")] = None,
    place: Annotated[str | None, text_param("Text in the place name or its admin1 (folded).")] = None,
    country: CountryParam = None,
    bbox: BBoxParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    truce: Annotated[str | None, text_param("Only violations of this truce (registry id).")] = None,
    source: Annotated[str | None, text_param("The outlet, as stored.")] = None,
    doc_id: Annotated[str | None, text_param("Events of one article.", 500)] = None,
    q: Annotated[str | None, text_param("Words that must all occur (Arabic folded).")] = None,
    negated: NegatedParam = None,
    aggregate: AggregateParam = None,
) -> EventFilter:
    """The filter the query parameters describe; a 400 for a bad box or an empty date range."""
    try:
        box = BBox.parse(bbox) if bbox else None
    except ValueError as exc:
        raise bad_request(str(exc), ("query", "bbox")) from exc
    if since and until and since > until:
        raise bad_request(f"since ({since}) is after until ({until})", ("query", "since"))
    return EventFilter(
        event_types=tuple(event_type or ()),
        sub_event_types=tuple(sub_type or ()),
        actor=_blank_to_none(actor),
        place=_blank_to_none(place),
        country=country,
        bbox=box,
        since=since,
        until=until,
        source=_blank_to_none(source),
        doc_id=_blank_to_none(doc_id),
        text=_blank_to_none(q),
        negated=negated,
        aggregate=aggregate,
        truce=_blank_to_none(truce),
    )


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int

    def next_offset(self, total: int) -> int | None:
        following = self.offset + self.limit
        return following if following < total else None

    def envelope(self, total: int) -> dict[str, int | bool | None]:
        return {
            "ok": True,
            "total": total,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.next_offset(total),
        }


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


def event_sort(
    sort: Annotated[EventSort, Query(description="Order; ties are broken by id.")] = EventSort.DATE_DESC,
) -> EventSort:
    return sort


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None
