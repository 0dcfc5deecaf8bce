"""One error shape for every failure the server answers, JSON or HTML.

Every error is ``{"ok": false, "error": <one sentence>, "errors": [<details>], "status": <code>}``
whatever raised it: a bad parameter (400, 422), a missing or wrong token (401), an unknown
path or record (404), a body over ``server.max_body_bytes`` (413), or a bug (500, with no
internals in the answer; the traceback goes to the log). Browser pages get the same fields
rendered as an HTML page (see :mod:`marsad.web.views`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.errors import ConfigError, MarsadError

log = logging.getLogger(__name__)

#: Pydantic error types meaning "the body is not JSON at all": a 400, not a 422.
_MALFORMED_BODY = {"json_invalid", "json_type"}


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One problem: where (``loc``: "query", "bbox"...), what, and its kind."""

    msg: str
    type: str = "error"
    loc: tuple[str | int, ...] = ()

    def as_record(self) -> dict[str, Any]:
        return {"loc": list(self.loc), "msg": self.msg, "type": self.type}


class ApiError(Exception):
    """Raised by routes and views; answered in the one error shape with ``status``."""

    def __init__(self, status: int, error: str, errors: Sequence[ErrorDetail] = ()) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = tuple(errors) or (ErrorDetail(error, _type_for(status)),)


@dataclass(frozen=True)
class ErrorBody:
    status: int
    error: str
    errors: tuple[ErrorDetail, ...] = field(default=())

    def as_record(self) -> dict[str, Any]:
        return {
            "ok": False,
            "error": self.error,
            "errors": [e.as_record() for e in self.errors],
            "status": self.status,
        }


def not_found(what: str, key: object) -> ApiError:
    return ApiError(404, f"no {what} {key!r}", (ErrorDetail(f"no {what} {key!r}", "not_found", ("path",)),))


def bad_request(msg: str, loc: tuple[str | int, ...] = ()) -> ApiError:
    return ApiError(400, msg, (ErrorDetail(msg, "bad_request", loc),))


#: Renders an error as a browser page (the web views supply one).
HtmlErrorRenderer = Callable[[Request, ErrorBody, dict[str, str] | None], Response]


def error_body(exc: BaseException) -> ErrorBody:
    """The error shape for any exception (a 500 that says nothing of the internals for bugs)."""
    if isinstance(exc, ApiError):
        return ErrorBody(exc.status, exc.error, exc.errors)
    if isinstance(exc, RequestValidationError):
        return _validation_body(exc.errors())
    if isinstance(exc, StarletteHTTPException):
        text = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return ErrorBody(exc.status_code, text, (ErrorDetail(text, _type_for(exc.status_code)),))
    if isinstance(exc, ConfigError):
        return ErrorBody(422, exc.message, (ErrorDetail(str(exc), exc.code),))
    if isinstance(exc, MarsadError):
        # The message may quote the database driver (table names, the backend): log it, and
        # answer only the code, like any other 500.
        log.error("request failed: %s", exc)
        text = f"internal server error ({exc.code})"
        return ErrorBody(500, text, (ErrorDetail(text, exc.code),))
    log.error("unexpected error", exc_info=exc)
    return ErrorBody(500, "internal server error", (ErrorDetail("internal server error", "internal"),))


def _validation_body(problems: Sequence[Any]) -> ErrorBody:
    details = tuple(
        ErrorDetail(str(p.get("msg", "invalid")), str(p.get("type", "invalid")), tuple(p.get("loc", ())))
        for p in problems
    )
    if any(d.type in _MALFORMED_BODY for d in details):
        return ErrorBody(400, "the request body is not valid JSON", details)
    first = details[0] if details else ErrorDetail("invalid request")
    where = ".".join(str(part) for part in first.loc)
    summary = f"{where}: {first.msg}" if where else first.msg
    return ErrorBody(422, f"invalid request: {summary}", details)


def _type_for(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_")
    except ValueError:
        return "error"


def json_error(body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body.as_record(), status_code=body.status, headers=headers)


def error_bytes(body: ErrorBody) -> bytes:
    """The JSON error as bytes, for middleware answering before any route runs."""
    return json.dumps(body.as_record(), ensure_ascii=False).encode("utf-8")


def wants_html(request: Request) -> bool:
    """Browser pages get HTML errors; the API (``/api``), scripts and tests get JSON."""
    path = request.url.path
    if path.startswith(("/api", "/openapi", "/healthz", "/static")):
        return False
    return "text/html" in request.headers.get("accept", "")


def install_error_handlers(app: FastAPI, render_html: HtmlErrorRenderer | None = None) -> None:
    """Answer every error raised in a route or by request validation in the one shape."""

    def handle(request: Request, exc: Exception) -> Response:
        body = error_body(exc)
        headers = {"WWW-Authenticate": "Bearer"} if body.status == 401 else None
        if render_html is not None and wants_html(request):
            return render_html(request, body, headers)
        return json_error(body, headers)

    app.add_exception_handler(ApiError, handle)
    app.add_exception_handler(RequestValidationError, handle)
    app.add_exception_handler(StarletteHTTPException, handle)
    app.add_exception_handler(MarsadError, handle)
