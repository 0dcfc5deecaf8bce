"""An open-loop load driver: requests start at a fixed rate whatever the server's speed.

Each request's latency is measured from the moment it was *scheduled*, not from when it got a
connection, so a server that falls behind is charged for the queue it builds up (a closed-loop
client that waits for each answer would hide that: "coordinated omission").
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit


@dataclass(frozen=True)
class Sample:
    kind: str
    status: int | None  # None: no answer (connection error, timeout)
    latency_s: float  # from the scheduled start to the last byte of the answer
    error: str | None = None


@dataclass
class LoadResult:
    rate: float
    duration_s: float
    samples: list[Sample] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status != 200]

    def percentile(self, share: float, kind: str | None = None) -> float:
        """Latency in seconds at ``share`` (0.99 for p99), nearest rank; over one kind if given."""
        values = sorted(s.latency_s for s in self.samples if kind is None or s.kind == kind)
        if not values:
            return math.nan
        return values[min(len(values) - 1, max(0, math.ceil(share * len(values)) - 1))]

    def as_record(self) -> dict[str, Any]:
        kinds = sorted({s.kind for s in self.samples})
        served = len(self.samples) - len(self.errors)
        return {
            "target_rate_per_s": self.rate,
            "duration_s": self.duration_s,
            "requests_sent": len(self.samples),
            "requests_served": served,
            "errors": len(self.errors),
            "error_examples": sorted({f"{s.kind}: {s.status} {s.error or ''}" for s in self.errors})[:10],
            "achieved_rate_per_s": round(served / self.wall_s, 1) if self.wall_s else None,
            "latency_ms": _milliseconds(self),
            "latency_ms_by_kind": {kind: _milliseconds(self, kind) for kind in kinds},
            "requests_by_kind": {kind: sum(1 for s in self.samples if s.kind == kind) for kind in kinds},
        }


def _milliseconds(result: LoadResult, kind: str | None = None) -> dict[str, float]:
    return {
        name: round(result.percentile(share, kind) * 1000, 1)
        for name, share in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))
    }


async def drive(
    base_url: str, plan: Sequence[tuple[str, str]], rate: float, duration_s: float, timeout_s: float = 10
) -> LoadResult:
    """Send ``rate`` requests a second for ``duration_s`` seconds, cycling through ``plan`` ((kind, path))."""
    result = LoadResult(rate, duration_s)
    parts = urlsplit(base_url)
    pool = ConnectionPool(parts.hostname or "127.0.0.1", parts.port or 80, timeout_s)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    began = time.perf_counter()
    tasks = []
    try:
        for number in range(int(rate * duration_s)):
            scheduled = start + number / rate
            delay = scheduled - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            kind, path = plan[number % len(plan)]
            tasks.append(asyncio.create_task(_one(pool, kind, path, scheduled)))
        result.samples = list(await asyncio.gather(*tasks))
    finally:
        pool.close()
    result.wall_s = time.perf_counter() - began
    return result


async def _one(pool: ConnectionPool, kind: str, path: str, scheduled: float) -> Sample:
    loop = asyncio.get_running_loop()
    try:
        status, body = await pool.get(path)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
        return Sample(kind, None, loop.time() - scheduled, type(exc).__name__)
    error = None if status == 200 else body[:200].decode("utf-8", "replace")
    return Sample(kind, status, loop.time() - scheduled, error)


class ConnectionPool:
    """Minimal HTTP/1.1 GETs over kept-alive connections to one server.

    A general client (httpx) spends ~2 ms of CPU a request, which on a small machine is the
    client, not the server, being measured; this spends a fraction of that.
    """

    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self.host = host
        self.port = port
        self.timeout_s = timeout_s
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._open: set[asyncio.StreamWriter] = set()

    async def get(self, path: str) -> tuple[int, bytes]:
        reused = bool(self._idle)
        connection = self._idle.pop() if reused else await self._connect()
        try:
            status, body, keep = await asyncio.wait_for(self._exchange(*connection, path), self.timeout_s)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            self._close(connection[1])
            if not reused or (isinstance(exc, asyncio.IncompleteReadError) and exc.partial):
                raise
            # The server closed this idle connection (its keep-alive timeout) as we reused it:
            # a GET may be sent again, on a new connection, as browsers do.
            connection = await self._connect()
            status, body, keep = await asyncio.wait_for(self._exchange(*connection, path), self.timeout_s)
        except BaseException:
            self._close(connection[1])
            raise
        if keep:
            self._idle.append(connection)
        else:
            self._close(connection[1])
        return status, body

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), self.timeout_s)
        self._open.add(writer)
        return reader, writer

    async def _exchange(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str
    ) -> tuple[int, bytes, bool]:
        target = quote(path, safe="/?=&%:+,;@!$'()*~-_.")
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if headers.get("transfer-encoding") == "chunked":
            body = await _chunked(reader)
        else:
            body = await reader.readexactly(int(headers.get("content-length", "0")))
        return int(status_line.split(" ", 2)[1]), body, headers.get("connection") != "close"

    def _close(self, writer: asyncio.StreamWriter) -> None:
        self._open.discard(writer)
        writer.close()

    def close(self) -> None:
        for writer in list(self._open):
            self._close(writer)
        self._idle.clear()


async def _chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
