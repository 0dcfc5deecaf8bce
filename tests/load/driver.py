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

import httpx


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
    limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout_s) as client:
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.05
        began = time.perf_counter()
        tasks = []
        for number in range(int(rate * duration_s)):
            scheduled = start + number / rate
            delay = scheduled - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            kind, path = plan[number % len(plan)]
            tasks.append(asyncio.create_task(_one(client, kind, path, scheduled)))
        result.samples = list(await asyncio.gather(*tasks))
        result.wall_s = time.perf_counter() - began
    return result


async def _one(client: httpx.AsyncClient, kind: str, path: str, scheduled: float) -> Sample:
    loop = asyncio.get_running_loop()
    try:
        response = await client.get(path)
    except httpx.HTTPError as exc:
        return Sample(kind, None, loop.time() - scheduled, type(exc).__name__)
    error = None if response.status_code == 200 else response.text[:200]
    return Sample(kind, response.status_code, loop.time() - scheduled, error)
