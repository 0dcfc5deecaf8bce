"""Read endpoints under ``/api``: events, the map and timeline, articles, places, actors, claims.

Every route calls one function of :mod:`marsad.store.query` and returns its rows'
``as_record()`` in a page envelope (``ok``, ``total``, ``limit``, ``offset``, ``next_offset``,
``items``); no route writes SQL. Order is stable (ties broken by id), so paging with
``offset`` never repeats or skips a row while the data does not change.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from marsad.api.context import AppContext, context, require_read
from marsad.api.errors import not_found
from marsad.api.filters import TEXT_MAX, Day, Paging, event_query, event_sort, paging, text_param
from marsad.api.schemas import (
    ERROR_RESPONSES,
    ActorPage,
    ArticleDetail,
    ArticlePage,
    ClaimPage,
    EventDetail,
    EventPage,
    MapOut,
    PlacePage,
    StatsOut,
    TimelineOut,
    TruceAnnouncementPage,
)
from marsad.event import Stance, TruceKind
from marsad.store import query
from marsad.store.query import ClaimFilter, EventFilter, EventSort

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

Ctx = Annotated[AppContext, Depends(context)]
Events = Annotated[EventFilter, Depends(event_query)]
Pages = Annotated[Paging, Depends(paging)]
MAP_FIELDS = ["id", "lat", "lon", "event_type", "date", "fatalities"]


@router.get("/stats", response_model=StatsOut, tags=["overview"])
def get_stats(ctx: Ctx) -> dict[str, Any]:
    """Counts: documents, events per type and sub-type and day, drops, failures, outlets."""
    return {"ok": True, **query.stats(ctx.store.engine).as_record()}


@router.get("/events", response_model=EventPage, tags=["events"])
def list_events(
    ctx: Ctx, events: Events, page: Pages, sort: Annotated[EventSort, Depends(event_sort)]
) -> dict[str, Any]:
    """Events matching the filters, one page at a time, in a stable order."""
    engine, event_filter = ctx.store.engine, events
    rows = query.list_events(engine, event_filter, page.limit, page.offset, sort)
    counted = query.count_events_capped(engine, event_filter, cap=_count_cap(page.offset, page.limit))
    return {
        **page.envelope(counted.count),
        "total_exact": counted.exact,
        "items": [row.as_record() for row in rows],
    }


def _count_cap(offset: int, limit: int) -> int:
    """Count far enough to know whether another page follows; an exact total only when it is small."""
    return max(query.COUNT_CAP, offset + limit + 1)


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
def get_event(ctx: Ctx, event_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    """One event, with its evidence sentence and the span of each field in the article."""
    row = query.get_event(ctx.store.engine, event_id)
    if row is None:
        raise not_found("event", event_id)
    return {"ok": True, "event": row.as_record()}


@router.get("/map", response_model=MapOut, tags=["events"])
def map_points(ctx: Ctx, events: Events) -> JSONResponse:
    """Located events as compact arrays ``[id, lat, lon, event_type, date, fatalities]`` (newest first).

    Built for the dashboard's map: one small array per event; the popup fetches
    ``/api/events/{id}`` for the rest.
    """
    found = query.map_points(ctx.store.engine, events)
    body = {
        "ok": True,
        "fields": MAP_FIELDS,
        "points": [p.as_row() for p in found.points],
        "total": len(found.points),
        "unlocated": found.unlocated,
        "truncated": found.truncated,
    }
    return JSONResponse(body)  # skips response validation: the arrays are built by the store


@router.get("/timeline", response_model=TimelineOut, tags=["events"])
def timeline(ctx: Ctx, events: Events) -> JSONResponse:
    """Dated events per day and type, oldest first (the dashboard's bar chart)."""
    days = query.timeline(ctx.store.engine, events)
    return JSONResponse({"ok": True, "days": [d.as_record() for d in days]})


@router.get("/articles", response_model=ArticlePage, tags=["articles"])
def list_articles(
    ctx: Ctx,
    page: Pages,
    source: Annotated[str | None, text_param("The outlet, as stored.")] = None,
    q: Annotated[str | None, text_param("Words in the title or body (folded).")] = None,
) -> dict[str, Any]:
    """Stored articles, newest publication first, with their event counts and drop reasons."""
    engine = ctx.store.engine
    rows = query.list_articles(engine, page.limit, page.offset, source, q)
    total = query.count_articles(engine, source, q)
    return {**page.envelope(total), "items": [row.as_record() for row in rows]}


@router.get("/articles/{doc_id:path}", response_model=ArticleDetail, tags=["articles"])
def get_article(ctx: Ctx, doc_id: Annotated[str, Path(max_length=500)]) -> dict[str, Any]:
    """One article: its cleaned body, every recognised span, its events, claims, truces, comments."""
    view = query.get_article(ctx.store.engine, doc_id)
    if view is None:
        raise not_found("article", doc_id)
    return {"ok": True, "article": view.as_record()}


@router.get("/places", response_model=PlacePage, tags=["places and actors"])
def list_places(
    ctx: Ctx,
    page: Pages,
    q: Annotated[str | None, Query(max_length=TEXT_MAX, description="Text in the place's names.")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO alpha-2.")] = None,
) -> dict[str, Any]:
    """Resolved places, most events first."""
    found = query.list_places(ctx.store.engine, q, country, page.limit, page.offset)
    return {**page.envelope(found.total), "items": [row.as_record() for row in found.rows]}


@router.get("/actors", response_model=ActorPage, tags=["places and actors"])
def list_actors(
    ctx: Ctx,
    page: Pages,
    q: Annotated[str | None, Query(max_length=TEXT_MAX, description="Text in the name (folded).")] = None,
) -> dict[str, Any]:
    """Actor names from events (as written, with English names), most events first."""
    found = query.list_actors(ctx.store.engine, q, page.limit, page.offset)
    return {**page.envelope(found.total), "items": [row.as_record() for row in found.rows]}


@router.get("/claims", response_model=ClaimPage, tags=["claims"])
def list_claims(
    ctx: Ctx,
    page: Pages,
    stance: Annotated[list[Stance] | None, Query(description="Stance (repeatable).")] = None,
    speaker: Annotated[str | None, text_param("Text in the speaker's name (folded).")] = None,
    q: Annotated[str | None, text_param("Words in the claim (folded).")] = None,
    doc_id: Annotated[str | None, Query(max_length=500)] = None,
    source: Annotated[str | None, Query(max_length=TEXT_MAX)] = None,
    since: Annotated[Day | None, Query(description="Articles published on or after.")] = None,
    until: Annotated[Day | None, Query(description="Articles published on or before.")] = None,
) -> dict[str, Any]:
    """Attributed statements (denials, accusations, threats...), newest article first."""
    claim_filter = ClaimFilter(
        stances=tuple(s.value for s in stance or ()),
        speaker=speaker,
        text=q,
        doc_id=doc_id,
        source=source,
        since=since,
        until=until,
    )
    found = query.list_claims(ctx.store.engine, claim_filter, page.limit, page.offset)
    return {**page.envelope(found.total), "items": [row.as_record() for row in found.rows]}


@router.get("/announcements", response_model=TruceAnnouncementPage, tags=["truces"])
def list_announcements(
    ctx: Ctx,
    page: Pages,
    kind: Annotated[TruceKind | None, Query(description="ceasefire, calm, corridor or evacuation.")] = None,
    doc_id: Annotated[str | None, Query(max_length=500)] = None,
) -> dict[str, Any]:
    """Truces as each article announced them (the registry at ``/api/truces`` merges these)."""
    found = query.list_truce_announcements(
        ctx.store.engine, kind.value if kind else None, doc_id, page.limit, page.offset
    )
    return {**page.envelope(found.total), "items": [row.as_record() for row in found.rows]}
