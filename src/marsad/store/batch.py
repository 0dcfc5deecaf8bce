"""Ingest a stream of documents into a store: skip what is stored, extract the rest, save each.

The caller supplies the documents (a reader's stream of RawDocuments and IngestErrors) and the
extractor, a function from that stream to a stream of Articles (or the error for each item) in
the same order: :func:`marsad.parallel.extract_articles` in the CLI, :func:`sequential` in
tests. Documents already stored are taken out of the stream before extraction, so a second
run over the same folder costs one hash lookup per document. Each article is saved in its
own transaction; a failure on one input is recorded in ``ingest_failures`` and the batch
goes on. After a batch that stored anything, the cross-article results (incidents,
contradictions, truce violations) are recomputed once (:mod:`marsad.store.tracking`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from marsad.article import Article, RawDocument
from marsad.errors import ExtractionError, IngestError, MarsadError, StorageError
from marsad.store.core import Store
from marsad.store.tracking import recompute_tracking
from marsad.store.tracking_write import tracking_is_current
from marsad.store.writer import SaveStatus

log = logging.getLogger(__name__)

InputItem = RawDocument | IngestError
Extractor = Callable[[Iterable[InputItem]], Iterable[Article | MarsadError]]


@dataclass(frozen=True, slots=True)
class Failure:
    origin: str
    code: str
    reason: str


@dataclass
class IngestSummary:
    """What one ingest run did, per outcome."""

    counts: dict[SaveStatus, int] = field(default_factory=lambda: dict.fromkeys(SaveStatus, 0))
    failures: list[Failure] = field(default_factory=list)
    events: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.failed

    def count(self, status: SaveStatus) -> int:
        return self.counts[status]

    def as_record(self) -> dict[str, object]:
        record: dict[str, object] = {status.value: n for status, n in self.counts.items()}
        record["failed"] = self.failed
        record["events"] = self.events
        record["failures"] = [{"origin": f.origin, "code": f.code, "reason": f.reason} for f in self.failures]
        return record


def sequential(process: Callable[[RawDocument], Article]) -> Extractor:
    """An extractor running ``process`` (e.g. ``Pipeline.process``) on each document in turn."""

    def extract(items: Iterable[InputItem]) -> Iterator[Article | MarsadError]:
        for item in items:
            if isinstance(item, IngestError):
                yield item
                continue
            try:
                yield process(item)
            except ExtractionError as exc:
                yield exc

    return extract


def ingest(
    store: Store,
    items: Iterable[InputItem],
    extract: Extractor,
    pipeline_version: str,
    *,
    reprocess: bool = False,
    on_item: Callable[[str, SaveStatus | None], None] | None = None,
) -> IngestSummary:
    """Extract and save every document of ``items``; returns the counts per outcome.

    ``on_item(origin, status)`` is called after each input (status None: it failed), for
    progress display. A :class:`~marsad.errors.StorageError` stops the run: the database is
    the problem, not the input.
    """
    summary = IngestSummary()
    pending: deque[str] = deque()  # origins of the items handed to the extractor, in order

    def report(origin: str, status: SaveStatus | None) -> None:
        if on_item is not None:
            on_item(origin, status)

    def to_extract() -> Iterator[InputItem]:
        for item in items:
            if isinstance(item, RawDocument) and store.is_duplicate(
                item, pipeline_version, reprocess=reprocess
            ):
                summary.counts[SaveStatus.DUPLICATE] += 1
                report(item.origin, SaveStatus.DUPLICATE)
            else:
                pending.append(item.origin)
                yield item

    for result in extract(to_extract()):
        origin = pending.popleft() if pending else ""  # the extractor answers every item, in order
        if isinstance(result, Article):
            saved = store.save_article(result, pipeline_version, reprocess=reprocess)
            summary.counts[saved.status] += 1
            summary.events += saved.events
            report(origin, saved.status)
        else:
            _fail(store, summary, origin, result.code, _reason_of(result))
            report(origin, None)
    if _changed(summary) or _tracking_behind(store):
        # Incidents, contradictions and truce violations span articles: recompute them once per batch.
        recompute_tracking(store)
    return summary


def _changed(summary: IngestSummary) -> bool:
    return any(n for status, n in summary.counts.items() if status is not SaveStatus.DUPLICATE)


def _tracking_behind(store: Store) -> bool:
    """Whether the cross-article tables missed a change to the stored articles.

    A run killed after its last article but before (or during) the recompute leaves them
    behind, and so does a killed reprocessing run whose articles keep their fingerprints; the
    rerun stores nothing new, so it must notice. Each recompute records the basis it saw.
    """
    try:
        with Session(store.engine) as session:
            return not tracking_is_current(session)
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot read the documents table: {exc}", code="M043") from exc


def _reason_of(error: MarsadError) -> str:
    return error.reason if isinstance(error, IngestError) else error.message


def _fail(store: Store, summary: IngestSummary, origin: str, code: str, reason: str) -> None:
    log.info("failed %s: [%s] %s", origin, code, reason)
    store.record_failure(origin, code, reason)
    summary.failures.append(Failure(origin, code, reason))
