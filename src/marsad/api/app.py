"""The web application: the JSON API under ``/api`` and the dashboard pages, over one store.

``create_app(settings, store=None)`` is what ``marsad serve`` and ``marsad demo`` run (with
uvicorn, on 127.0.0.1 by default). Routes and pages read through :mod:`marsad.store.query`
and :mod:`marsad.store.tracking`; nothing here writes SQL. The OpenAPI document is at
``/openapi.json`` and a readable reference at ``/api/docs`` (served by us: the usual
interactive docs load their scripts from a CDN, which the dashboard's CSP and offline use
rule out). See docs/api.md and docs/dashboard.md.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse

from marsad import __version__
from marsad.api import exports, routes, tracking_routes, writes
from marsad.api.cache import ReadCacheMiddleware
from marsad.api.context import AppContext, require_read
from marsad.api.errors import install_error_handlers
from marsad.api.security import BodyLimitMiddleware, Guard, SecurityHeadersMiddleware
from marsad.settings import Settings
from marsad.store import Store, open_store
from marsad.web import tracking_views, views
from marsad.web.assets import mount_static

log = logging.getLogger(__name__)

DESCRIPTION = """Arabic conflict news as a queryable record: events (ACLED types), places,
actors, claims, truces and their violations, incidents across sources, contradictions.

Every success has `"ok": true`; every error is `{"ok": false, "error", "errors", "status"}`.
Writes need `Authorization: Bearer <token>` (the token is the value of the environment
variable named by `server.token_env`, `MARSAD_TOKEN` by default)."""


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The API and dashboard over ``store`` (default: open the store the settings name)."""
    store = store or open_store(settings.store.url, busy_timeout_s=settings.store.busy_timeout_s)
    app = FastAPI(
        title="marsad",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    guard = Guard.from_settings(settings.server)
    app.state.marsad = AppContext(settings, store, guard)
    install_error_handlers(app, views.render_error)
    for router in (
        routes.router,
        tracking_routes.router,
        exports.router,
        writes.router,
        tracking_routes.writes,
        _service_router(),
        views.router,
        tracking_views.router,
    ):
        app.include_router(router)
    mount_static(app, views.static_dir())  # Leaflet from its wheel, then our files
    # Added last = outermost: the size limit answers before anything reads the body, and the
    # headers wrap every response, the size limit's, cached answers' and unexpected errors'
    # included. The cache is innermost: it sees the query string as the routes do.
    app.add_middleware(ReadCacheMiddleware, ttl_s=settings.server.cache_ttl_s, guard=guard)
    app.add_middleware(views.BlankFieldsMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=settings.server.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware, tile_url=settings.server.tile_url)
    return app


def _service_router() -> APIRouter:
    router = APIRouter()

    @router.get("/healthz", tags=["overview"])
    def health() -> dict[str, Any]:
        """Liveness: the server answers (no store access, no token)."""
        return {"ok": True, "status": "ok", "version": __version__}

    @router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request, _: None = Depends(require_read)) -> HTMLResponse:
        return views.render(request, "api_docs.html", routes=describe_routes(request.app.openapi()))

    return router


def describe_routes(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The OpenAPI document flattened for the reference page: one entry per method and path."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            out.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("description") or operation.get("summary", ""),
                    "token": "writes" in operation.get("tags", []),
                    "params": [_parameter(p) for p in operation.get("parameters", [])],
                    "body": body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1],
                }
            )
    return out


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema", {})
    kinds = [s.get("type") or s.get("$ref", "").rsplit("/", 1)[-1] for s in schema.get("anyOf", [schema])]
    return {
        "name": parameter.get("name"),
        "where": parameter.get("in"),
        "required": parameter.get("required", False),
        "type": " | ".join(k for k in kinds if k and k != "null"),
        "description": parameter.get("description", ""),
    }
