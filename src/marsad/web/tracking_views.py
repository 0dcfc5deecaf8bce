"""Pages over the cross-article results: truces (zone, window, exclusions, violations over
time), incidents (sources side by side, fatality range, grade, contradictions) and
contradictions. They read :mod:`marsad.store.tracking`, like the API's routes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.context import AppContext, context, require_read
from marsad.api.errors import not_found
from marsad.api.filters import Paging, paging
from marsad.dedup.incidents import Grade
from marsad.store import tracking
from marsad.store.query import MAX_LIMIT
from marsad.web.views import EVENTS_ON_PAGE, pager_for, render

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)
Ctx = Annotated[AppContext, Depends(context)]
Pages = Annotated[Paging, Depends(paging)]

CHART_WIDTH, CHART_HEIGHT, CHART_BOTTOM = 800, 140, 16
MAX_BARS = 180  # longer windows are drawn a week per bar


# --- truces -------------------------------------------------------------------------------


@router.get("/truces", response_class=HTMLResponse)
def truces(request: Request, ctx: Ctx) -> HTMLResponse:
    rows = tracking.list_truces(ctx.store.engine, limit=MAX_LIMIT)
    return render(request, "truces.html", truces=rows)


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    first: dt.date
    last: dt.date
    count: int


def violation_bars(by_day: Sequence[tuple[dt.date, int]], start: dt.date, end: dt.date | None) -> list[Bar]:
    """Bars of incidents per day (a week per bar over long windows), from ``start`` to the last day."""
    days = dict(by_day)
    last = max([end or start, *days]) if days else end or start
    first = min([start, *days])
    span = (last - first).days + 1
    step = 1 if span <= MAX_BARS else 7
    buckets = []
    day = first
    while day <= last:
        upto = min(day + dt.timedelta(days=step - 1), last)
        count = sum(n for d, n in days.items() if day <= d <= upto)
        buckets.append((day, upto, count))
        day = upto + dt.timedelta(days=1)
    highest = max((count for _, _, count in buckets), default=0) or 1
    width = CHART_WIDTH / len(buckets)
    usable = CHART_HEIGHT - CHART_BOTTOM - 4
    bars = []
    for i, (low, high, count) in enumerate(buckets):
        height = usable * count / highest
        y = CHART_HEIGHT - CHART_BOTTOM - height
        x, bar_width = round(i * width, 2), round(max(width - 1, 0.5), 2)
        bars.append(Bar(x, round(y, 2), bar_width, round(height, 2), low, high, count))
    return bars


@router.get("/truces/{truce_id}", response_class=HTMLResponse)
def truce(request: Request, ctx: Ctx, truce_id: str, page: Pages) -> HTMLResponse:
    engine = ctx.store.engine
    row = tracking.get_truce(engine, truce_id)
    if row is None:
        raise not_found("truce", truce_id)
    counts = tracking.violation_counts(engine, truce_id)
    limit = min(page.limit, EVENTS_ON_PAGE)
    violations = tracking.list_violations(engine, truce_id=truce_id, limit=limit, offset=page.offset)
    total = tracking.count_violation_rows(engine, truce_id=truce_id)
    undetermined = tracking.list_undetermined(engine, truce_id=truce_id, limit=EVENTS_ON_PAGE)
    bars = violation_bars(counts.by_day if counts else (), row.start, row.checked_until or row.end)
    return render(
        request,
        "truce.html",
        truce=row,
        counts=counts,
        violations=violations,
        undetermined=undetermined,
        bars=bars,
        chart={"width": CHART_WIDTH, "height": CHART_HEIGHT, "bottom": CHART_BOTTOM},
        pager=pager_for(request, page.offset, limit, total),
    )


# --- incidents and contradictions ---------------------------------------------------------


@router.get("/incidents", response_class=HTMLResponse)
def incidents(
    request: Request,
    ctx: Ctx,
    page: Pages,
    grade: Annotated[Grade | None, Query()] = None,
) -> HTMLResponse:
    engine = ctx.store.engine
    limit = min(page.limit, EVENTS_ON_PAGE)
    rows = tracking.list_incidents(engine, grade=grade, limit=limit, offset=page.offset)
    total = tracking.count_incidents(engine, grade=grade)
    return render(
        request,
        "incidents.html",
        incidents=rows,
        grades=[g.value for g in Grade],
        grade=grade.value if grade else "",
        pager=pager_for(request, page.offset, limit, total),
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, ctx: Ctx, incident_id: str) -> HTMLResponse:
    detail = tracking.get_incident(ctx.store.engine, incident_id)
    if detail is None:
        raise not_found("incident", incident_id)
    return render(request, "incident.html", detail=detail, item=detail.incident)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, ctx: Ctx, page: Pages) -> HTMLResponse:
    limit = min(page.limit, EVENTS_ON_PAGE)
    rows = tracking.list_contradictions(ctx.store.engine, limit=limit + 1, offset=page.offset)
    following = page.offset + limit if len(rows) > limit else None
    return render(
        request,
        "contradictions.html",
        contradictions=rows[:limit],
        next_offset=following,
        prev_offset=max(page.offset - limit, 0) if page.offset else None,
    )
