"""A process killed with SIGKILL in the middle of an ingest leaves no partial article.

The child ingests generated documents (each with many events, so a transaction takes a
while) and prints a line after each one; the parent kills it mid-batch, checks the database
is intact, re-runs the same batch to the end and checks that every document is there once,
with all of its events.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

DOCUMENTS = 40
EVENTS_PER_DOCUMENT = 60

CHILD = f"""
import sys
from marsad.article import Article, InputFormat, RawDocument
from marsad.event import Event, Evidence, Span, SubEventType
from marsad.store import open_store
from marsad.store.batch import ingest, sequential

def process(raw):
    events = [
        Event(SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK, Evidence(raw.content, Span(0, len(raw.content)),
              (("location", Span(0, 3)),)), fatalities=n)
        for n in range({EVENTS_PER_DOCUMENT})
    ]
    return Article(raw=raw, body=raw.content, language="ar", events=events)

def announce(origin, status):
    print(origin, status, flush=True)

raws = (RawDocument(f"doc{{n}}", f"قصف على حلب رقم {{n}}", InputFormat.TEXT, f"/batch/doc{{n}}.txt")
        for n in range({DOCUMENTS}))
with open_store(sys.argv[1]) as store:
    ingest(store, raws, sequential(process), "0.1.0+kill", on_item=announce)
"""


def run_child(db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True, env=env
    )


def check_consistent(db: Path) -> dict[str, int]:
    """Every stored document has all of its events; returns events per document."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute(
            "SELECT d.doc_id, COUNT(e.id) FROM documents d LEFT JOIN events e ON e.document_id = d.id "
            "GROUP BY d.id"
        ).fetchall()
    per_document = dict(rows)
    assert set(per_document.values()) <= {EVENTS_PER_DOCUMENT}
    return per_document


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    child = run_child(db)
    assert child.stdout is not None
    for saved, _line in enumerate(child.stdout, 1):
        if saved == 10:
            time.sleep(0.01)  # land inside the next article's transaction, most likely
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    before = check_consistent(db)
    assert 10 <= len(before) < DOCUMENTS

    rerun = run_child(db)
    output, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    statuses = [line.rsplit(" ", 1)[-1] for line in output.splitlines()]
    assert statuses.count("duplicate") == len(before)
    assert statuses.count("new") == DOCUMENTS - len(before)

    after = check_consistent(db)
    assert sorted(after) == sorted(f"doc{n}" for n in range(DOCUMENTS))
