"""Fault tests: kill -9, a full disk, a read-only store, concurrent readers and writers."""

from __future__ import annotations

import pytest

from tests.hardening.harness import Figures

FIGURES = Figures("faults")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    FIGURES.write()


# PostgreSQL: the store tests' fixtures (MARSAD_TEST_PG; skip unless MARSAD_REQUIRE_PG=1).
from tests.store.conftest import pg_server_url, pg_url  # noqa: E402

__all__ = ["FIGURES", "pg_server_url", "pg_url"]
