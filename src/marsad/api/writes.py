"""Write endpoints (token required): ingest documents through the pipeline into the store.

``POST /api/documents`` takes one document, ``POST /api/ingest`` a batch; both run the same
pipeline and writer as ``marsad ingest`` (one transaction per article, the same document
twice stored once) and answer what happened to each document. Writes are serialized: the
store has one writer.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from marsad.api.context import AppContext, context, require_write
from marsad.api.schemas import ERROR_RESPONSES, BatchIn, DocumentIn, IngestOut
from marsad.article import RawDocument
from marsad.ingest.records import record_document
from marsad.store.batch import IngestSummary, InputItem, ingest, sequential
from marsad.store.writer import SaveStatus

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", dependencies=[Depends(require_write)], responses=ERROR_RESPONSES)
Ctx = Annotated[AppContext, Depends(context)]


@router.post("/documents", response_model=IngestOut, tags=["writes"])
def ingest_document(ctx: Ctx, document: DocumentIn, reprocess: bool = False) -> dict[str, Any]:
    """Extract one document (``text`` or ``html``) and store it; answers its status."""
    return ingest_documents(ctx, [document], reprocess)


@router.post("/ingest", response_model=IngestOut, tags=["writes"])
def ingest_batch(ctx: Ctx, batch: BatchIn) -> dict[str, Any]:
    """Extract and store a batch of documents; answers each one's status, in order."""
    return ingest_documents(ctx, batch.documents, batch.reprocess)


def ingest_documents(ctx: AppContext, documents: list[DocumentIn], reprocess: bool) -> dict[str, Any]:
    items = [_raw_item(document, index, ctx) for index, document in enumerate(documents)]
    origins = {item.origin: index for index, item in enumerate(items)}
    statuses: dict[int, str] = {}

    def record(origin: str, status: SaveStatus | None) -> None:
        if origin in origins:
            statuses[origins[origin]] = status.value if status else "failed"

    with ctx.write_lock:
        pipeline = ctx.pipeline()
        summary = ingest(
            ctx.store,
            items,
            sequential(pipeline.process),
            pipeline.version,
            reprocess=reprocess,
            on_item=record,
        )
    return _answer(items, statuses, summary)


def _raw_item(document: DocumentIn, index: int, ctx: AppContext) -> InputItem:
    record = document.model_dump(mode="json", exclude_none=True)
    if not record.get("id"):
        content = document.text or document.html or ""
        record["id"] = "api-" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    origin = f"api:{record['id']}#{index}"
    result: InputItem = record_document(record, origin, index + 1, ctx.settings.ingest)
    return result


def _answer(items: list[InputItem], statuses: dict[int, str], summary: IngestSummary) -> dict[str, Any]:
    failures = {failure.origin: failure for failure in summary.failures}
    documents = []
    for index, item in enumerate(items):
        failure = failures.get(item.origin)
        documents.append(
            {
                "index": index,
                "doc_id": item.doc_id if isinstance(item, RawDocument) else None,
                "status": statuses.get(index, "failed"),
                "code": failure.code if failure else None,
                "reason": failure.reason if failure else None,
            }
        )
    counts = {status.value: n for status, n in summary.counts.items()}
    counts["failed"] = summary.failed
    return {"ok": True, "documents": documents, "counts": counts, "events": summary.events}
