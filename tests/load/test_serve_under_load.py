"""``marsad serve`` under load while ``marsad ingest`` writes into the same SQLite store (WAL).

The store holds the demo corpus plus a few thousand generated events. An open-loop client
(tests/load/driver.py) sends 200 requests a second for 30 s, a mix of what the dashboard and
API users read: filtered event lists, the map, the timeline, article pages, statistics,
incidents and truces. Meanwhile a second corpus is being ingested. Every request must succeed
and the 99th percentile latency stay within 200 ms. The figures go to
``$MARSAD_ARTIFACTS/load-serve.json`` (default ./artifacts). MARSAD_LOAD_RATE and
MARSAD_LOAD_SECONDS change the load (e.g. for a quick local run).
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from marsad.store import open_store
from marsad.store.tracking import recompute_tracking
from tests.load.corpus import ACTORS, PLACES, generated_articles, write_ingest_corpus
from tests.load.driver import LoadResult, drive
from tests.security.live import marsad_serve
from tests.web.browser import artifacts_dir

pytestmark = pytest.mark.slow

RATE = float(os.environ.get("MARSAD_LOAD_RATE", "200"))
SECONDS = float(os.environ.get("MARSAD_LOAD_SECONDS", "30"))
P99_LIMIT_S = 0.200
GENERATED_ARTICLES = 3000
INGEST_DOCUMENTS = 8000  # more than can be ingested during the run: the writer is busy throughout
VERSION = "0.0.0+load"


def build_store(db: Path) -> dict[str, int]:
    """The demo corpus (through the pipeline) and generated articles (through the writer)."""
    subprocess.run(
        [sys.executable, "-m", "marsad", "demo", "--no-serve", "--db", str(db)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with open_store(str(db)) as store:
        for item in generated_articles(GENERATED_ARTICLES, seed=7):
            store.save_article(item, VERSION)
        recompute_tracking(store)
    return _counts(db)


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        documents, events = (
            connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events")
        )
        ingested = connection.execute(
            "SELECT count(*) FROM documents WHERE doc_id LIKE 'ingest-%'"
        ).fetchone()[0]
    return {"documents": documents, "events": events, "ingested": ingested}


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.loads(response.read())


def request_plan(base: str) -> list[tuple[str, str]]:
    """The mix, in a fixed interleaved order: (kind, path) pairs the driver cycles through."""
    demo_articles = [a["doc_id"] for a in _get(base, "/api/articles?limit=200")["items"] if a["events"]]
    incidents = [i["incident_id"] for i in _get(base, "/api/incidents?limit=50&grade=corroborated")["items"]]
    truces = [t["truce_id"] for t in _get(base, "/api/truces?limit=20")["items"]]
    assert demo_articles
    assert truces
    per_kind: dict[str, list[str]] = {
        "events": [
            _url("/api/events", type="battles"),
            _url("/api/events", place=PLACES[0].name),
            _url("/api/events", since="2016-04-01", until="2016-06-30", sort="fatalities_desc"),
            _url("/api/events", q="مدنيين سوق"),
            _url("/api/events", bbox="35.5,32.0,42.5,37.5", limit=100),
            _url("/api/events", actor=ACTORS[2].name, offset=50),
            _url("/api/events", type="explosions_remote_violence", country="SY"),
            _url("/api/events", truce=truces[0]),
        ],
        "map": [
            _url("/api/map"),
            _url("/api/map", type="battles"),
            _url("/api/map", since="2016-01-01", until="2017-12-31"),
        ],
        "timeline": [_url("/api/timeline"), _url("/api/timeline", type="violence_against_civilians")],
        "article": [f"/articles/{doc_id}" for doc_id in demo_articles]
        + ["/articles/load-17", "/articles/load-2500"],
        "stats": ["/api/stats"],
        "incidents": [_url("/api/incidents"), _url("/api/incidents", grade="corroborated"), "/incidents"]
        + [f"/api/incidents/{i}" for i in incidents[:5]],
        "truces": ["/api/truces", "/truces", _url("/api/violations", truce=truces[0])]
        + [f"/truces/{t}" for t in truces[:3]],
        "dashboard": ["/", _url("/", type="battles")],
    }
    weights = {
        "events": 6,
        "map": 2,
        "timeline": 2,
        "article": 4,
        "stats": 1,
        "incidents": 2,
        "truces": 2,
        "dashboard": 1,
    }
    plan = []
    for round_number in range(60):
        for kind, weight in weights.items():
            for k in range(weight):
                paths = per_kind[kind]
                plan.append((kind, paths[(round_number * weight + k) % len(paths)]))
    return plan


def _url(path: str, **params: object) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def warm_up(base: str, plan: list[tuple[str, str]]) -> None:
    """Each distinct request once (templates compiled, caches and connections opened)."""
    for path in sorted({path for _, path in plan}):
        with urllib.request.urlopen(base + path, timeout=60) as response:
            assert response.status == 200, path


def start_ingest(corpus: Path, db: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", str(db), "--format", "json"]
    with log.open("wb") as sink:
        return subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)


def wait_for_first_write(db: Path, ingest: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while _counts(db)["ingested"] == 0:
        assert ingest.poll() is None, "the ingest ended before writing anything"
        assert time.monotonic() < deadline, "the ingest wrote nothing in time"
        time.sleep(0.2)


def test_serve_meets_its_latency_target_while_ingesting(tmp_path: Path) -> None:
    db = tmp_path / "load.db"
    store_counts = build_store(db)
    corpus = write_ingest_corpus(tmp_path / "second.jsonl", INGEST_DOCUMENTS, seed=11)
    with marsad_serve(db, tmp_path / "server.log") as server:
        plan = request_plan(server.url)
        warm_up(server.url, plan)
        ingest = start_ingest(corpus, db, tmp_path / "ingest.log")
        try:
            wait_for_first_write(db, ingest)
            before = _counts(db)["ingested"]
            result = asyncio.run(drive(server.url, plan, RATE, SECONDS))
            written = _counts(db)["ingested"] - before
            still_ingesting = ingest.poll() is None
        finally:
            ingest.terminate()
            ingest.wait(timeout=30)
    report = _report(result, store_counts, written, still_ingesting)
    (artifacts_dir() / "load-serve.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    assert report["errors"] == 0, report["error_examples"]
    assert written > 0
    assert still_ingesting, "the ingest ended before the load did: give it a larger corpus"
    assert report["achieved_rate_per_s"] >= 0.95 * RATE
    assert result.percentile(0.99) <= P99_LIMIT_S, report["latency_ms"]


def _report(result: LoadResult, store: dict[str, int], written: int, still_ingesting: bool) -> dict[str, Any]:
    return {
        **result.as_record(),
        "p99_limit_ms": P99_LIMIT_S * 1000,
        "store_before": {"documents": store["documents"], "events": store["events"]},
        "ingest_documents_written_during_run": written,
        "ingest_still_running_at_end": still_ingesting,
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "python": sys.version.split()[0],
    }
