"""Shared fixtures. ``shared_dir`` is ../shared (dev data, seeds, scorer) when present.

Outside CI the dev-gold tests skip when ../shared is absent; with MARSAD_REQUIRE_SHARED=1
(set by .ci/run) its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad.article import Article, InputFormat, RawDocument
from marsad.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "score.py").exists():
        if os.environ.get("MARSAD_REQUIRE_SHARED") == "1":
            pytest.fail(f"MARSAD_REQUIRE_SHARED=1 but {SHARED} has no eval/score.py")
        pytest.skip(f"{SHARED} not present")
    return SHARED


@pytest.fixture
def settings() -> Settings:
    return Settings()


def make_article(text: str, doc_id: str = "t1", **raw_fields: object) -> Article:
    raw = RawDocument(doc_id, text, InputFormat.TEXT, "<test>", **raw_fields)  # type: ignore[arg-type]
    return Article(raw=raw, body=text)
