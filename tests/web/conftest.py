"""Web fixtures: the API tests' hand-built store and client (tests/api/conftest.py), shared here."""

from __future__ import annotations

from tests.api.conftest import client, filled_path, read_store

__all__ = ["client", "filled_path", "read_store"]
