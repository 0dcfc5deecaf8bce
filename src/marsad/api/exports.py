"""``GET /api/export/{format}``: the events matching the filters as a file, like ``marsad export``.

The same writer as the CLI (:mod:`marsad.store.export`): CSV with ACLED's column names,
GeoJSON points, JSON Lines, Parquet. The file is written to a temporary file first (Parquet
needs one; it also keeps memory flat on large exports) and deleted once sent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from marsad.api.context import AppContext, context, require_read
from marsad.api.filters import event_query
from marsad.api.schemas import ERROR_RESPONSES
from marsad.store.export import ExportFormat, export_events
from marsad.store.query import EventFilter, iter_events

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.GEOJSON: "application/geo+json",
    ExportFormat.JSONL: "application/x-ndjson",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
}


@router.get(
    "/export/{export_format}",
    tags=["events"],
    response_class=FileResponse,
    responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}, "description": "The file"}},
)
def export(
    export_format: ExportFormat,
    ctx: Annotated[AppContext, Depends(context)],
    events: Annotated[EventFilter, Depends(event_query)],
) -> FileResponse:
    """Matching events as CSV (ACLED column names), GeoJSON, JSON Lines or Parquet."""
    handle, name = tempfile.mkstemp(prefix="marsad-export-", suffix=f".{export_format.value}")
    os.close(handle)
    path = Path(name)
    try:
        export_events(iter_events(ctx.store.engine, events), export_format, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[export_format],
        filename=f"marsad-events.{export_format.value}",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )
