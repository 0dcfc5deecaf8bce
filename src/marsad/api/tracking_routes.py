"""Cross-article endpoints: the truce registry, violations, incidents and contradictions.

They read :mod:`marsad.store.tracking` (the tables the tracking recompute fills after every
ingest batch) and answer its rows' ``as_record()``; ``POST /api/truces`` (token required)
declares a truce the way a truce file does and recomputes the violations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Path, Query

from marsad.api.context import AppContext, context, require_read, require_write
from marsad.api.errors import ApiError, ErrorDetail, not_found
from marsad.api.filters import Day, Paging, SinceParam, UntilParam, paging, text_param
from marsad.api.schemas import ERROR_RESPONSES, RecordDetail, RecordPage, TruceCreatedOut, TruceIn
from marsad.assemble.ceasefire import TruceOrigin, UndeterminedReason
from marsad.dedup.incidents import Grade
from marsad.dedup.keys import EventFamily
from marsad.errors import ConfigError
from marsad.event import TruceKind
from marsad.store import tracking
from marsad.store.query import MAX_LIMIT

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)
writes = APIRouter(prefix="/api", dependencies=[Depends(require_write)], responses=ERROR_RESPONSES)

Ctx = Annotated[AppContext, Depends(context)]
Pages = Annotated[Paging, Depends(paging)]
IdPath = Annotated[str, Path(min_length=1, max_length=500)]
Row = TypeVar("Row")


def _page(page: Paging, rows: Sequence[Any], total: int) -> dict[str, Any]:
    return {**page.envelope(total), "items": [row.as_record() for row in rows]}


def _counted(page: Paging, fetch: Callable[[int, int], Sequence[Row]]) -> tuple[Sequence[Row], int]:
    """A page and the total, for lists the tracking layer does not count (the registry is small).

    The total is the length of the whole list, capped at the store's largest page.
    """
    rows = fetch(page.limit, page.offset)
    if page.offset == 0 and len(rows) < page.limit:
        return rows, len(rows)
    return rows, len(fetch(MAX_LIMIT, 0))


# --- truces -------------------------------------------------------------------------------


@router.get("/truces", response_model=RecordPage, tags=["truces"])
def list_truces(
    ctx: Ctx,
    page: Pages,
    kind: Annotated[TruceKind | None, Query(description="ceasefire, calm, corridor or evacuation.")] = None,
    origin: Annotated[TruceOrigin | None, Query(description="extracted (from articles) or user.")] = None,
    active_on: Annotated[Day | None, Query(description="Only truces checked on this day.")] = None,
) -> dict[str, Any]:
    """The truce registry (announcements merged across articles, and user-declared truces)."""
    engine = ctx.store.engine

    def fetch(limit: int, offset: int) -> Sequence[tracking.TruceRow]:
        return tracking.list_truces(
            engine, kind=kind, origin=origin, active_on=active_on, limit=limit, offset=offset
        )

    rows, total = _counted(page, fetch)
    return _page(page, rows, total)


@router.get("/truces/{truce_id}", response_model=RecordDetail, tags=["truces"])
def get_truce(ctx: Ctx, truce_id: IdPath) -> dict[str, Any]:
    """One truce: zones, exclusions, window, parties, announcing articles and violation counts."""
    row = tracking.get_truce(ctx.store.engine, truce_id)
    if row is None:
        raise not_found("truce", truce_id)
    counts = tracking.violation_counts(ctx.store.engine, truce_id)
    return {"ok": True, "item": {**row.as_record(), "counts": counts.as_record() if counts else None}}


@router.get("/violations", response_model=RecordPage, tags=["truces"])
def list_violations(
    ctx: Ctx,
    page: Pages,
    truce: Annotated[str | None, text_param("Violations of this truce only.", 500)] = None,
    actor: Annotated[str | None, text_param("Words of the attributed actor (folded).")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
) -> dict[str, Any]:
    """Violent events inside a truce's zone during its window, newest day first."""
    engine = ctx.store.engine
    rows = tracking.list_violations(
        engine, truce_id=truce, actor=actor, since=since, until=until, limit=page.limit, offset=page.offset
    )
    total = tracking.count_violation_rows(engine, truce_id=truce, actor=actor, since=since, until=until)
    return _page(page, rows, total)


@router.get("/undetermined", response_model=RecordPage, tags=["truces"])
def list_undetermined(
    ctx: Ctx,
    page: Pages,
    truce: Annotated[str | None, text_param("Events near this truce only.", 500)] = None,
    reason: Annotated[UndeterminedReason | None, Query(description="Why it could not be decided.")] = None,
) -> dict[str, Any]:
    """Events near a truce that are neither violations nor clear of it, with the reason."""
    engine = ctx.store.engine

    def fetch(limit: int, offset: int) -> Sequence[tracking.UndeterminedRow]:
        return tracking.list_undetermined(engine, truce_id=truce, reason=reason, limit=limit, offset=offset)

    rows, total = _counted(page, fetch)
    return _page(page, rows, total)


# --- incidents and contradictions ---------------------------------------------------------


@router.get("/incidents", response_model=RecordPage, tags=["incidents"])
def list_incidents(
    ctx: Ctx,
    page: Pages,
    grade: Annotated[Grade | None, Query(description="single_source, corroborated or contested.")] = None,
    family: Annotated[EventFamily | None, Query(description="Kind of incident.")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    place: Annotated[str | None, text_param("Words of the place (folded).")] = None,
    min_sources: Annotated[
        int | None, Query(ge=1, le=1000, description="At least this many sources.")
    ] = None,
) -> dict[str, Any]:
    """Real-world incidents linking the reports of many articles, latest first."""
    engine = ctx.store.engine
    filters: dict[str, Any] = {
        "grade": grade,
        "family": family,
        "since": since,
        "until": until,
        "place": place,
        "min_sources": min_sources,
    }
    rows = tracking.list_incidents(engine, limit=page.limit, offset=page.offset, **filters)
    return _page(page, rows, tracking.count_incidents(engine, **filters))


@router.get("/incidents/{incident_id}", response_model=RecordDetail, tags=["incidents"])
def get_incident(ctx: Ctx, incident_id: IdPath) -> dict[str, Any]:
    """One incident: its reports side by side, the fatality range, the grade, contradictions."""
    detail = tracking.get_incident(ctx.store.engine, incident_id)
    if detail is None:
        raise not_found("incident", incident_id)
    return {"ok": True, "item": detail.as_record()}


@router.get("/contradictions", response_model=RecordPage, tags=["incidents"])
def list_contradictions(
    ctx: Ctx,
    page: Pages,
    incident: Annotated[str | None, text_param("Contradictions of this incident.", 500)] = None,
    doc_id: Annotated[str | None, text_param("Where either side comes from this article.", 500)] = None,
) -> dict[str, Any]:
    """Denials next to the reports they deny, latest denial first."""
    engine = ctx.store.engine

    def fetch(limit: int, offset: int) -> Sequence[tracking.ContradictionRow]:
        return tracking.list_contradictions(
            engine, incident_id=incident, doc_id=doc_id, limit=limit, offset=offset
        )

    rows, total = _counted(page, fetch)
    return _page(page, rows, total)


# --- declaring a truce --------------------------------------------------------------------


@writes.post("/truces", response_model=TruceCreatedOut, status_code=201, tags=["writes"])
def add_truce(ctx: Ctx, truce: TruceIn) -> dict[str, Any]:
    """Declare a truce (the fields of a truce file entry) and recompute its violations."""
    from marsad.assemble.ceasefire_file import parse_truces

    data = truce.model_dump(mode="json", exclude_none=True)
    resolve = ctx.place_resolver()
    try:
        records = parse_truces([data], "request body", resolve)
        with ctx.write_lock:
            summary = tracking.add_user_truces(ctx.store, records, source_file="api")
    except ConfigError as exc:
        raise ApiError(422, exc.message, (ErrorDetail(exc.message, exc.code, ("body",)),)) from exc
    stored = tracking.get_truce(ctx.store.engine, records[0].truce_id)
    item = stored.as_record() if stored else {"truce_id": records[0].truce_id}
    return {"ok": True, "item": {**item, "recompute": summary.as_record()}}
