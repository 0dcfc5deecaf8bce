"""What guards every request: the token, the body size limit, and the security headers.

* Write endpoints need the token held in the environment variable that
  ``server.token_env`` names (``MARSAD_TOKEN`` by default), sent as ``Authorization: Bearer
  <token>`` or ``X-Marsad-Token: <token>``, compared in constant time. With no token set on
  the server, writes are refused. With ``server.protect_reads``, reads need it too.
* A request body over ``server.max_body_bytes`` is answered 413 before any route reads it.
* Every response carries a Content-Security-Policy that allows scripts, styles and requests
  from the server itself only (no inline script, no CDN; images also from the tile server
  when ``server.tile_url`` is set), and refuses framing, MIME sniffing and referrers.

The two middlewares are plain ASGI so they also wrap the answers of the other middlewares
and of unexpected exceptions (which they turn into the one error shape, status 500).
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request

from marsad.api.errors import ApiError, ErrorBody, ErrorDetail, error_body, error_bytes
from marsad.settings import ServerSettings

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

TOKEN_HEADER = "x-marsad-token"
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Guard:
    """The server's token (None: none configured) and whether reads need it."""

    token: str | None
    protect_reads: bool

    @classmethod
    def from_settings(cls, server: ServerSettings, env: dict[str, str] | None = None) -> Guard:
        environment = os.environ if env is None else env
        token = environment.get(server.token_env) or None
        return cls(token, server.protect_reads)

    def check_write(self, request: Request) -> None:
        if self.token is None:
            raise ApiError(
                401,
                "writes are disabled: the server has no token (set the variable named by server.token_env)",
                (ErrorDetail("no token configured on the server", "token_not_configured", ("header",)),),
            )
        _check(request, self.token)

    def allows_read(self, request: Request) -> bool:
        """Whether :meth:`check_read` would let ``request`` through (without raising)."""
        if not self.protect_reads:
            return True
        sent = presented_token(request)
        if self.token is None or sent is None:
            return False
        return hmac.compare_digest(sent.encode("utf-8"), self.token.encode("utf-8"))

    def check_read(self, request: Request) -> None:
        if not self.protect_reads:
            return
        if self.token is None:
            raise ApiError(401, "reads are protected but the server has no token configured")
        _check(request, self.token)


def _check(request: Request, token: str) -> None:
    sent = presented_token(request)
    if sent is None:
        raise ApiError(
            401,
            "a token is required: send 'Authorization: Bearer <token>'",
            (ErrorDetail("missing token", "token_missing", ("header", "authorization")),),
        )
    if not hmac.compare_digest(sent.encode("utf-8"), token.encode("utf-8")):
        raise ApiError(
            401, "the token is not valid", (ErrorDetail("invalid token", "token_invalid", ("header",)),)
        )


def presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    header = request.headers.get(TOKEN_HEADER, "").strip()
    return header or None


def content_security_policy(tile_url: str) -> str:
    """The CSP: everything from 'self'; map tiles also from the tile server's origin."""
    images = ["'self'", "data:"]
    tile_origin = _origin_of(tile_url)
    if tile_origin:
        images.append(tile_origin)
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": " ".join(images),
        "connect-src": "'self'",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _origin_of(template: str) -> str | None:
    """``https://{s}.tile.example/{z}/{x}/{y}.png`` -> ``https://*.tile.example``."""
    if not template:
        return None
    parts = urlsplit(template.replace("{s}", "subdomain"))
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.netloc.replace("subdomain", "*")
    return f"{parts.scheme}://{host}"


def security_headers(tile_url: str) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": content_security_policy(tile_url),
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "permissions-policy": "geolocation=(), camera=(), microphone=()",
    }
    return [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, and answers unexpected errors with a 500."""

    def __init__(self, app: ASGIApp, tile_url: str = "") -> None:
        self.app = app
        self.headers = security_headers(tile_url)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # the last line of defence: answer in the error shape
            if started:
                raise
            await _send_error(send_with_headers, error_body(exc))


class BodyLimitMiddleware:
    """Refuses request bodies over ``limit`` bytes with a 413 (declared or streamed)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _send_error(send, self._too_large())
            return
        body, too_large = await self._read(receive)
        if too_large:
            await _send_error(send, self._too_large())
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> tuple[bytes, bool]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(chunks), False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), False

    def _too_large(self) -> ErrorBody:
        text = f"the request body is larger than {self.limit} bytes (server.max_body_bytes)"
        return ErrorBody(413, text, (ErrorDetail(text, "body_too_large", ("body",)),))


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return dict(await receive())

    return replay


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_error(send: Send, body: ErrorBody) -> None:
    payload = error_bytes(body)
    await send(
        {
            "type": "http.response.start",
            "status": body.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
