"""Security fixtures: the API tests' hand-built store and clients (tests/api/conftest.py), the
routes as the app itself declares them (so a new route is tested the day it is added), real
path values for their templates, and row counts that prove a request changed nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.routing import BaseRoute

from marsad.store import Store
from marsad.store.models import Base
from tests.api.conftest import ALEPPO_TRUCE, client, filled_path, read_store, write_store, writer

__all__ = ["client", "filled_path", "read_store", "write_store", "writer"]

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PARAM = re.compile(r"\{([^}:]+)(?::[^}]*)?\}")


@dataclass(frozen=True)
class Operation:
    """One method on one route template, with the names of its path and query parameters."""

    method: str
    path: str
    path_params: tuple[str, ...] = ()
    query_params: tuple[str, ...] = ()

    def url(self, values: dict[str, str]) -> str:
        """The template with every ``{name}`` (or ``{name:path}``) replaced from ``values``."""
        return _PARAM.sub(lambda m: values[m.group(1)], self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def spec_operations(app: FastAPI) -> list[Operation]:
    """Every operation of ``/openapi.json``."""
    found = []
    for path, methods in app.openapi()["paths"].items():
        for method, operation in methods.items():
            params = operation.get("parameters", [])
            found.append(
                Operation(
                    method.upper(),
                    path,
                    tuple(p["name"] for p in params if p["in"] == "path"),
                    tuple(p["name"] for p in params if p["in"] == "query"),
                )
            )
    return found


def write_operations(app: FastAPI) -> list[Operation]:
    """The operations of the OpenAPI document that change data (any method but GET/HEAD/OPTIONS)."""
    return [op for op in spec_operations(app) if op.method in WRITE_METHODS]


def route_operations(app: FastAPI) -> list[Operation]:
    """Every method of every route the app serves, pages left out of the OpenAPI document included."""
    found = []
    for route in _api_routes(app.routes):
        path_params = tuple(dict.fromkeys(_params(route.dependant, "path_params")))
        query_params = tuple(dict.fromkeys(_params(route.dependant, "query_params")))
        found += [Operation(m, route.path_format, path_params, query_params) for m in sorted(route.methods)]
    return found


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """The API routes, also those of included routers (FastAPI >= 0.16x keeps those nested)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            assert not getattr(route.include_context, "prefix", ""), "give the routers their prefix"  # type: ignore[attr-defined]
            yield from _api_routes(included.routes)
        elif isinstance(route, APIRoute):
            yield route


def _params(dependant: Dependant, kind: str) -> Iterator[str]:
    """The names of a route's parameters of one kind, its dependencies' included."""
    for field in getattr(dependant, kind):
        yield field.alias
    for sub in dependant.dependencies:
        yield from _params(sub, kind)


def read_operations(app: FastAPI) -> list[Operation]:
    """Every GET route (API and pages) but the liveness probe, which is open by design."""
    return [op for op in route_operations(app) if op.method == "GET" and op.path != "/healthz"]


@pytest.fixture(scope="session")
def path_values(client: TestClient) -> dict[str, str]:
    """A real value for every path parameter of the app, read from the filled store."""
    event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    incident_id = client.get("/api/incidents", params={"limit": 1}).json()["items"][0]["incident_id"]
    values = {
        "event_id": str(event_id),
        "doc_id": "aleppo-1",
        "truce_id": ALEPPO_TRUCE,
        "incident_id": incident_id,
        "export_format": "jsonl",
    }
    declared = {name for op in route_operations(client.app) for name in op.path_params}  # type: ignore[arg-type]
    assert declared <= set(values), f"give a sample value for {declared - set(values)}"
    return values


def row_counts(store: Store) -> dict[str, int]:
    """The number of rows in every table of the store's schema."""
    with Session(store.engine) as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def unchanged(read_store: Store) -> Iterator[dict[str, int]]:
    """Fails the test if the shared read store's row counts differ at its end."""
    before = row_counts(read_store)
    assert before["documents"] > 0
    assert before["events"] > 0
    yield before
    assert row_counts(read_store) == before


def body_items(body: dict[str, Any]) -> list[Any] | None:
    """The rows a read answered (list items, map points, timeline days); None for other shapes."""
    for key in ("items", "points", "days"):
        if key in body:
            rows = body[key]
            assert isinstance(rows, list)
            return rows
    return None
