"""What the hardening, fault and fuzz tests share: figures written as artifacts, a time limit.

Each suite keeps a :class:`Figures` and writes it at the end of the session to
``$MARSAD_ARTIFACTS/<suite>.json`` (default ``./artifacts``): inputs tried per fuzz target,
kills survived, documents checked. CI keeps the folder, so the figures travel with the run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any


def artifacts_dir() -> Path:
    return Path(os.environ.get("MARSAD_ARTIFACTS") or "artifacts")


class Figures:
    """Named measurements of one suite, merged as the tests run and written once."""

    def __init__(self, suite: str) -> None:
        self.suite = suite
        self.values: dict[str, Any] = {}

    def add(self, key: str, value: Any) -> None:
        self.values[key] = value

    def count(self, key: str, amount: int = 1) -> None:
        self.values[key] = int(self.values.get(key, 0)) + amount

    def write(self) -> Path | None:
        """Write ``<suite>.json`` into the artifacts folder (nothing when no test recorded)."""
        if not self.values:
            return None
        folder = artifacts_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.suite}.json"
        record = {
            "suite": self.suite,
            "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "figures": self.values,
        }
        path.write_text(
            json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return path


class TimeLimitExceeded(Exception):
    """An input took longer than the test allows: a hang, as far as the test is concerned."""


@contextmanager
def time_limit(seconds: float, what: str = "input") -> Iterator[None]:
    """Fail the code inside with :class:`TimeLimitExceeded` after ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"{what} still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
