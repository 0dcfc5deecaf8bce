"""What every request handler shares: the store, the settings, the token guard, the pipeline.

One :class:`AppContext` is made by ``create_app`` and kept on ``app.state``; routes and views
get it through the :func:`context` dependency. The pipeline (gazetteer and lexicons) is built
on the first write, once, and writes are serialized: the store has one writer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

from marsad.api.errors import bad_request
from marsad.api.security import Guard
from marsad.settings import Settings
from marsad.store import Store

if TYPE_CHECKING:
    from marsad.event import Place
    from marsad.pipeline import Pipeline

PlaceResolver = Callable[[str], "Place | None"]


@dataclass
class AppContext:
    settings: Settings
    store: Store
    guard: Guard
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _pipeline: Pipeline | None = None
    _pipeline_lock: threading.Lock = field(default_factory=threading.Lock)
    _resolver: PlaceResolver | None = None

    def pipeline(self) -> Pipeline:
        """The extraction pipeline, built once on first use (loading the gazetteer takes a while)."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from marsad.pipeline import build_pipeline

                self._pipeline = build_pipeline(self.settings)
            return self._pipeline

    def place_resolver(self) -> PlaceResolver:
        """Place names of a declared truce -> gazetteer places (None: not one known place)."""
        with self._pipeline_lock:
            if self._resolver is None:
                self._resolver = _gazetteer_resolver()
            return self._resolver


def _gazetteer_resolver() -> PlaceResolver:
    """The same name -> place reading as ``marsad truce add`` (``Geoparser.resolve_name``)."""
    from marsad.extract.gazetteer import Geoparser, load_gazetteer

    return Geoparser(load_gazetteer()).resolve_name


def context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.marsad
    return ctx


def require_read(request: Request) -> None:
    """Dependency of every read route and page: the token, when ``server.protect_reads`` is on."""
    context(request).guard.check_read(request)
    refuse_nul_bytes(request)


def require_write(request: Request) -> None:
    """Dependency of every write route: the token, always."""
    context(request).guard.check_write(request)
    refuse_nul_bytes(request)


def refuse_nul_bytes(request: Request) -> None:
    """A 400 for a NUL byte in the path or a query parameter.

    No stored text holds one, and PostgreSQL refuses NUL in a text parameter outright: passed
    on, ``/api/events?q=%00`` was a 500 there (and an empty answer on SQLite).
    """
    if "\x00" in request.url.path:
        raise bad_request("the path holds a NUL byte", ("path",))
    for name, value in request.query_params.multi_items():
        if "\x00" in name or "\x00" in value:
            raise bad_request(f"query parameter {name!r} holds a NUL byte", ("query", name))
