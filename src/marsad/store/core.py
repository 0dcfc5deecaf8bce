"""The Store: one handle on one database, with the write path and the read layer.

``open_store(url)`` resolves the URL (a bare path is a SQLite file), connects, applies the
migrations and returns a :class:`Store`. Writes go through :meth:`Store.save_article`, one
transaction per article (``BEGIN IMMEDIATE`` on SQLite, so the single writer holds the lock
from the start); reads go through :mod:`marsad.store.query` and may run while a write does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from marsad.article import Article, RawDocument
from marsad.errors import StorageError
from marsad.store import query
from marsad.store.database import (
    DEFAULT_DB_NAME,
    WRITE_OPTION,
    create_store_engine,
    describe,
    resolve_url,
    upgrade,
)
from marsad.store.models import IngestFailureModel
from marsad.store.query import (
    ArticleSummary,
    ArticleView,
    EventFilter,
    EventRow,
    EventSort,
    StoreStats,
)
from marsad.store.writer import SaveResult, is_duplicate, save_article

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


class Store:
    """A migrated database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})

    @property
    def url(self) -> URL:
        return self.engine.url

    def __repr__(self) -> str:
        return f"Store({describe(self.url)})"

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # --- writes ---------------------------------------------------------------------------

    def save_article(self, article: Article, pipeline_version: str, *, reprocess: bool = False) -> SaveResult:
        """Store ``article`` and everything derived from it, in one transaction.

        The same content twice is stored once (``duplicate``); with ``reprocess`` or a newer
        ``pipeline_version`` the derived rows are replaced (``reprocessed``).
        """
        try:
            with Session(self._writer) as session, session.begin():
                return save_article(session, article, pipeline_version, reprocess)
        except SQLAlchemyError as exc:
            raise _storage_error(f"cannot save document '{article.doc_id}'", exc) from exc

    def is_duplicate(self, raw: RawDocument, pipeline_version: str, *, reprocess: bool = False) -> bool:
        """True when :meth:`save_article` would write nothing for ``raw`` (skip processing it)."""
        try:
            with Session(self.engine) as session:
                return is_duplicate(session, raw, pipeline_version, reprocess)
        except SQLAlchemyError as exc:
            raise _storage_error("cannot read the documents table", exc) from exc

    def record_failure(self, origin: str, code: str, reason: str) -> None:
        """Keep an input that could not be read or processed, with its error code, for ``stats``."""
        row = IngestFailureModel(origin=origin, code=code, reason=reason, at=dt.datetime.now(dt.UTC))
        try:
            with Session(self._writer) as session, session.begin():
                session.add(row)
        except SQLAlchemyError as exc:
            raise _storage_error("cannot record an ingest failure", exc) from exc

    # --- reads (see marsad.store.query) ---------------------------------------------------

    def list_events(
        self,
        event_filter: EventFilter | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: EventSort = EventSort.DATE_DESC,
    ) -> list[EventRow]:
        return self._read(query.list_events, event_filter or EventFilter(), limit, offset, sort)

    def iter_events(
        self, event_filter: EventFilter | None = None, sort: EventSort = EventSort.DATE_DESC
    ) -> Iterator[EventRow]:
        """Every matching event, fetched in pages (for exports)."""
        return query.iter_events(self.engine, event_filter or EventFilter(), sort)

    def count_events(self, event_filter: EventFilter | None = None) -> int:
        return self._read(query.count_events, event_filter or EventFilter())

    def get_article(self, doc_id: str) -> ArticleView | None:
        return self._read(query.get_article, doc_id)

    def list_articles(
        self, limit: int = 50, offset: int = 0, source: str | None = None, text: str | None = None
    ) -> list[ArticleSummary]:
        return self._read(query.list_articles, limit, offset, source, text)

    def stats(self) -> StoreStats:
        return self._read(query.stats)

    def _read(self, func: Callable[Concatenate[Engine, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(self.engine, *args, **kwargs)
        except SQLAlchemyError as exc:
            raise _storage_error(f"cannot read {describe(self.url)}", exc) from exc


def open_store(url: str = "", *, busy_timeout_s: int = 30, default_name: str = DEFAULT_DB_NAME) -> Store:
    """Open (creating and migrating as needed) the store at ``url``.

    ``url`` is a ``--db`` / ``MARSAD_DB`` / ``store.url`` value: empty for the default SQLite
    file under the user data directory (``default_name`` in it), a bare path for another
    SQLite file, or a ``postgresql://`` URL.
    """
    resolved = resolve_url(url, default_name)
    engine = create_store_engine(resolved, busy_timeout_s)
    try:
        upgrade(engine)
    except StorageError:
        engine.dispose()
        raise
    log.info("store %s ready", describe(resolved))
    return Store(engine)


def _storage_error(what: str, exc: SQLAlchemyError) -> StorageError:
    detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return StorageError(f"{what}: {detail}", code="M043")
