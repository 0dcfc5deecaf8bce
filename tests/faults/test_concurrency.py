"""Readers and writers at once: a SQLite reader during an ingest, two PostgreSQL ingests of
overlapping folders at the same time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.conftest import FIGURES
from tests.faults.corpus import child_env, marsad, write_crawl

READER = """
import json, sys, time
from pathlib import Path
from marsad.store import open_store
from marsad.store.query import EventFilter, count_events, list_events

stop = Path(sys.argv[2])
with open_store(sys.argv[1], busy_timeout_s=5) as store:
    while True:
        last = stop.exists()
        try:
            events = count_events(store.engine, EventFilter())
            page = list_events(store.engine, EventFilter(), 20, 0)
            documents = store.stats().documents
        except Exception as exc:
            print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
            sys.exit(1)
        print(json.dumps({"events": events, "page": len(page), "documents": documents}), flush=True)
        if last:
            break
        time.sleep(0.05)
"""


def test_a_sqlite_reader_reads_while_an_ingest_writes(tmp_path: Path) -> None:
    crawl = write_crawl(tmp_path / "crawl", range(80))
    db = tmp_path / "store.db"
    assert marsad("stats", "--db", str(db)).returncode == 0  # created and migrated
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)], stdout=subprocess.PIPE, text=True, env=child_env()
    )
    writer = marsad("ingest", str(crawl), "--db", str(db), "--format", "json")
    stop.touch()
    output, _ = reader.communicate(timeout=120)
    reads = [json.loads(line) for line in output.splitlines()]
    assert writer.returncode == 0, writer.stderr
    assert reader.returncode == 0, reads[-1:]
    assert not [r for r in reads if "error" in r]
    documents = [r["documents"] for r in reads]
    events = [r["events"] for r in reads]
    assert documents == sorted(documents), "counts only grow"
    assert events == sorted(events)
    assert documents[-1] == 80
    assert len(set(documents)) > 3, "the reader saw the store while it was being written"
    FIGURES.add(
        "sqlite_reader_during_ingest",
        {"reads": len(reads), "distinct_counts_seen": len(set(documents)), "reader_errors": 0},
    )


@pytest.mark.postgres
def test_two_postgres_ingests_of_overlapping_folders(tmp_path: Path, pg_url: str) -> None:
    """Folders 0-49 and 25-74 at once: 75 documents once each, no deadlock, no failed run."""
    everything = write_crawl(tmp_path / "all", range(75))
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, numbers in ((first, range(50)), (second, range(25, 75))):
        folder.mkdir()
        for number in numbers:
            name = f"report-{number:04d}.txt"
            shutil.copy(everything / name, folder / name)
    reference = tmp_path / "reference.db"
    assert marsad("ingest", str(everything), "--db", str(reference)).returncode == 0
    assert marsad("stats", "--db", pg_url).returncode == 0  # migrated before the race

    started = time.perf_counter()
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "marsad", "ingest", str(folder), "--db", pg_url, "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        for folder in (first, second)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    seconds = time.perf_counter() - started
    for run, (_, errors) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, errors[-2000:]
        assert "deadlock" not in errors.lower()
    summaries = [json.loads(out) for out, _ in outputs]
    assert sum(s["new"] for s in summaries) == 75
    assert sum(s["new"] + s["duplicate"] for s in summaries) == 100

    stored = _postgres_counts(pg_url)
    expected = _sqlite_counts(reference)
    assert stored == expected, "each document once, with all of its rows"
    FIGURES.add(
        "postgres_overlapping_ingests",
        {"documents": stored["documents"], "events": stored["events"], "seconds": round(seconds, 1)},
    )


COUNTED = ("documents", "events", "mentions", "field_spans", "incidents", "article_fingerprints")


def _postgres_counts(url: str) -> dict[str, int]:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as connection:
        counts = {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}  # type: ignore[index]
        duplicated = connection.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM documents"
        ).fetchone()[0]  # type: ignore[index]
    assert duplicated == 0
    return counts


def _sqlite_counts(db: Path) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}
