"""A short-lived cache of read answers: a busy dashboard costs one query per URL every few seconds.

A GET of an API read or a dashboard page that was answered 200 less than ``server.cache_ttl_s``
seconds ago, for the same path, query string and interface language, is answered again from
memory. An older answer (up to twice that age) is still served while a fresh one is computed
in the background, so a URL in steady use never makes a reader wait for its query; nothing
older than ``2 * cache_ttl_s`` is served. Every write through this server (any other method)
empties the cache, so a client sees its own writes at once; writes made by another process
(``marsad ingest`` into the same store) show within ``2 * cache_ttl_s``. With
``server.protect_reads`` only a request carrying the token is answered from it (the others go
on to the route and its 401). ``cache_ttl_s = 0`` turns it off.

Why: at 200 requests a second the same few dozen URLs (the map, the timeline, the counts) were
each queried and serialized many times a second, and one server process could not keep up
(docs/security.md, "Load").
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from marsad.api.security import ASGIApp, Guard, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

#: Background recomputations at once, at most: after a pause, the many URLs that went stale
#: together are refreshed a few at a time (the others are served as they are meanwhile).
MAX_REFRESHES = 4
#: Not cached: files and exports (streamed, often large), the liveness probe, the schema.
UNCACHED_PREFIXES = ("/static", "/healthz", "/api/export", "/openapi.json")
LANG_COOKIE = "marsad_lang"
_READ_METHODS = {"GET", "HEAD", "OPTIONS"}

CacheKey = tuple[str, bytes, str, bool]


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    stored_at: float


class AnswerStore:
    """Answers by key, least recently used dropped first once over ``max_bytes`` in all.

    ``generation`` counts writes: an answer computed while a write ran is not kept, so a read
    that started before a write cannot put the old data back after the write emptied the cache.
    """

    def __init__(self, ttl_s: float, max_bytes: int) -> None:
        self.ttl_s = ttl_s
        self.max_bytes = max_bytes
        self.generation = 0
        self._answers: OrderedDict[CacheKey, CachedAnswer] = OrderedDict()
        self._bytes = 0
        self._refreshing: set[CacheKey] = set()
        self._lock = threading.Lock()

    def get(self, key: CacheKey, now: float) -> CachedAnswer | None:
        """The answer kept for ``key`` if younger than twice the time to live (else None)."""
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                return None
            if now - answer.stored_at >= 2 * self.ttl_s:
                self._drop(key)
                return None
            self._answers.move_to_end(key)
            return answer

    def put(self, key: CacheKey, answer: CachedAnswer, generation: int) -> None:
        if len(answer.body) > self.max_bytes // 4:
            return  # one huge answer would push out everything else
        with self._lock:
            if generation != self.generation:
                return
            if key in self._answers:
                self._drop(key)
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._answers)))

    def claim_refresh(self, key: CacheKey) -> bool:
        """True for the one caller that is to recompute ``key`` (until :meth:`release`)."""
        with self._lock:
            if key in self._refreshing or len(self._refreshing) >= MAX_REFRESHES:
                return False
            self._refreshing.add(key)
            return True

    def release(self, key: CacheKey) -> None:
        with self._lock:
            self._refreshing.discard(key)

    def invalidate(self) -> None:
        with self._lock:
            self.generation += 1
            self._answers.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._answers)

    def _drop(self, key: CacheKey) -> None:
        self._bytes -= len(self._answers.pop(key).body)


class ReadCacheMiddleware:
    """Answers repeated GETs from an :class:`AnswerStore`; any other method empties it."""

    def __init__(
        self,
        app: ASGIApp,
        ttl_s: float,
        guard: Guard,
        max_bytes: int = 64 * 1024 * 1024,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.guard = guard
        self.answers = AnswerStore(ttl_s, max_bytes)
        self.clock = clock
        self._refreshes: set[asyncio.Task[None]] = set()  # kept referenced until they end

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.answers.ttl_s <= 0:
            await self.app(scope, receive, send)
            return
        if scope["method"] not in _READ_METHODS:
            await self._write(scope, receive, send)
            return
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        now = self.clock()
        answer = self.answers.get(key, now)
        if answer is None:
            await self._answer_and_keep(key, scope, receive, send)
            return
        if now - answer.stored_at >= self.answers.ttl_s and self.answers.claim_refresh(key):
            task = asyncio.get_running_loop().create_task(self._refresh(key, dict(scope)))
            self._refreshes.add(task)
            task.add_done_callback(self._refreshes.discard)
        await _replay(send, answer, now)

    async def _write(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.answers.invalidate()
        try:
            await self.app(scope, receive, send)
        finally:
            self.answers.invalidate()  # also drops what was read while the write ran

    def _key(self, scope: Scope) -> CacheKey | None:
        path: str = scope["path"]
        if scope["method"] != "GET" or path.startswith(UNCACHED_PREFIXES):
            return None
        request = Request(scope)
        if not self.guard.allows_read(request):
            return None
        wants_html = "text/html" in request.headers.get("accept", "")
        return (path, scope.get("query_string", b""), request.cookies.get(LANG_COOKIE, ""), wants_html)

    async def _answer_and_keep(self, key: CacheKey, scope: Scope, receive: Receive, send: Send) -> None:
        generation = self.answers.generation
        recorder = _Recorder(send)
        await self.app(scope, receive, recorder.send)
        self._keep(key, recorder, generation)

    async def _refresh(self, key: CacheKey, scope: Scope) -> None:
        """Recompute a kept answer with no client waiting (the request is replayed as it came)."""
        generation = self.answers.generation
        recorder = _Recorder(None)
        try:
            await self.app(scope, _no_body, recorder.send)
            self._keep(key, recorder, generation)
        except Exception:  # the next request recomputes in the foreground and reports it
            log.warning("refreshing %s failed", scope.get("path"), exc_info=True)
        finally:
            self.answers.release(key)

    def _keep(self, key: CacheKey, recorder: _Recorder, generation: int) -> None:
        start = recorder.start
        if start is not None and recorder.complete and _cacheable(start):
            headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", []))
            answer = CachedAnswer(headers, b"".join(recorder.chunks), self.clock())
            self.answers.put(key, answer, generation)


class _Recorder:
    """Keeps the answer's start and body while passing them on (to ``send``, when there is one)."""

    def __init__(self, send: Send | None) -> None:
        self.forward = send
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.complete = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))
            self.complete = not message.get("more_body", False)
        if self.forward is not None:
            await self.forward(message)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _cacheable(start: Message) -> bool:
    """Only plain successes, and never an answer that sets a cookie (the language toggle)."""
    if start.get("status") != 200:
        return False
    return all(name.lower() != b"set-cookie" for name, _ in start.get("headers", []))


async def _replay(send: Send, answer: CachedAnswer, now: float) -> None:
    age = str(int(now - answer.stored_at)).encode("ascii")
    headers: list[Any] = [*answer.headers, (b"age", age)]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
