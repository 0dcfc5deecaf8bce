"""Query latency of the store: ``.venv/bin/python bench/bench_query.py [--events N] [--quick]``.

Fills a SQLite store with N synthetic events (default 1,000,000; ``--quick`` 100,000) and
measures the latency of the filters the dashboard, the API and ``marsad events`` run, through
``marsad.store.query``: ``list_events`` for one page of 50 (newest first unless the filter's
name says otherwise), ``count_events`` (the exact total) and ``count_events_capped`` (the
total counted up to 1,000, what a page needs). Prints p50 / p95 / p99 per filter and writes
``bench/results/query-<N>.json``. The first filters are the common ones (the issue-9 target:
p95 <= 50 ms for the page and its total); the rest probe harder cases (rare words, deep
pages, other sorts).

The store is filled with bulk inserts into the store's own tables (``save_article`` writes
one article per transaction, far too slow to reach a million events in a benchmark), with
the searchable ``*_folded`` columns computed by the writer's own ``folded()``, so every filter
sees rows shaped exactly as the write path shapes them. The database file is kept and
reused on the next run with the same N (delete it to rebuild; ``--db`` names another file).
Opening a store made by an older schema migrates it first (0003 builds the search index:
about a minute for a million events).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from marsad.event import SUB_EVENT_PARENT, EventType, SubEventType
from marsad.store import BBox, EventFilter, EventSort, Store, open_store, query
from marsad.store.models import DocumentModel, EventModel, PlaceModel
from marsad.store.writer import folded

RESULTS = Path(__file__).resolve().parent / "results"
EVENTS_PER_DOCUMENT = 5
BATCH = 20_000
VERSION = "bench"
QS = ("p50", "p95", "p99")

# (Arabic, English, country, admin1, lat, lon): real places, jittered below into many.
SEED_PLACES = [
    ("حلب", "Aleppo", "SY", "Aleppo", 36.20, 37.16),
    ("إدلب", "Idlib", "SY", "Idlib", 35.93, 36.63),
    ("درعا", "Daraa", "SY", "Daraa", 32.62, 36.10),
    ("دوما", "Douma", "SY", "Rif Dimashq", 33.57, 36.40),
    ("الرقة", "Raqqa", "SY", "Ar-Raqqa", 35.95, 39.01),
    ("دير الزور", "Deir ez-Zor", "SY", "Deir ez-Zor", 35.33, 40.14),
    ("الموصل", "Mosul", "IQ", "Nineveh", 36.34, 43.13),
    ("الفلوجة", "Fallujah", "IQ", "Anbar", 33.35, 43.78),
    ("كركوك", "Kirkuk", "IQ", "Kirkuk", 35.47, 44.39),
    ("صنعاء", "Sanaa", "YE", "Amanat al Asimah", 15.37, 44.19),
    ("تعز", "Taiz", "YE", "Taiz", 13.58, 44.02),
    ("الحديدة", "Hodeidah", "YE", "Al Hudaydah", 14.80, 42.95),
    ("بنغازي", "Benghazi", "LY", "Benghazi", 32.12, 20.07),
    ("سرت", "Sirte", "LY", "Sirte", 31.21, 16.59),
    ("غزة", "Gaza", "PS", "Gaza", 31.50, 34.47),
]
ACTORS = [
    ("قوات النظام", "Syrian government forces"),
    ("فصائل المعارضة", "Opposition factions"),
    ("تنظيم داعش", "Islamic State"),
    ("قوات سوريا الديمقراطية", "SDF"),
    ("الجيش العراقي", "Iraqi army"),
    ("جماعة الحوثي", "Houthis"),
    ("قوات التحالف", "Coalition forces"),
    ("الجيش الوطني الليبي", "Libyan National Army"),
]
TARGETS = [None, None, "مستشفى", "سوق", "مدرسة", "مخبز"]
WEAPONS = [None, None, "براميل متفجرة", "مدفعية", "طائرة مسيرة"]
SOURCES = ["aljazeera", "alarabiya", "bbc", "sana", "enab", "rudaw"]
START = dt.date(2011, 3, 1)
DAYS = 15 * 365


def fill(store: Store, events: int, seed: int) -> float:
    """Insert ``events`` synthetic events (and their documents and places); returns seconds."""
    rng = random.Random(seed)
    began = time.perf_counter()
    with store.engine.begin() as connection:
        places = _places(rng)
        connection.execute(insert(PlaceModel), places)
        for batch in _batches(_documents(rng, events // EVENTS_PER_DOCUMENT)):
            connection.execute(insert(DocumentModel), batch)
        for batch in _batches(_events(rng, events, places)):
            connection.execute(insert(EventModel), batch)
    return time.perf_counter() - began


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _places(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for n in range(600):
        name, name_en, country, admin1, lat, lon = SEED_PLACES[n % len(SEED_PLACES)]
        rows.append(
            {
                "id": n + 1,
                "place_key": f"bench:{n}",
                "name": f"{name} {n}" if n >= len(SEED_PLACES) else name,
                "name_en": name_en,
                "country": country,
                "admin1": admin1,
                "kind": "town",
                "lat": lat + rng.uniform(-0.6, 0.6),
                "lon": lon + rng.uniform(-0.6, 0.6),
            }
        )
    return rows


def _documents(rng: random.Random, count: int) -> Iterator[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    for n in range(count):
        published = START + dt.timedelta(days=rng.randrange(DAYS))
        yield {
            "id": n + 1,
            "doc_id": f"q{n}",
            "content_hash": f"{n:064x}",
            "origin": "bench",
            "url": None,
            "source": rng.choice(SOURCES),
            "title": None,
            "published": published,
            "body": "",
            "content": "",
            "language": "ar",
            "format": "text",
            "ingested_at": now,
            "processed_at": now,
            "pipeline_version": VERSION,
            "dropped": False,
            "text_folded": "",
        }


def _events(rng: random.Random, count: int, places: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    sub_types = list(SubEventType)
    documents = count // EVENTS_PER_DOCUMENT
    for n in range(count):
        sub = rng.choice(sub_types)
        place = rng.choice(places)
        (a1, a1_en), (a2, a2_en) = rng.sample(ACTORS, 2)
        target, weapon = rng.choice(TARGETS), rng.choice(WEAPONS)
        evidence = f"قصفت {a1} مواقع {a2} في {place['name']} وقتل {rng.randint(1, 40)} أشخاص"
        if target:
            evidence += f" في {target}"
        yield {
            "document_id": n % documents + 1,
            "position": n // documents,
            "event_type": SUB_EVENT_PARENT[sub].value,
            "sub_event_type": sub.value,
            "date": START + dt.timedelta(days=rng.randrange(DAYS)),
            "date_precision": "day",
            "place_name": place["name"],
            "place_id": place["id"],
            "place_name_en": place["name_en"],
            "lat": place["lat"],
            "lon": place["lon"],
            "country": place["country"],
            "admin1": place["admin1"],
            "place_kind": "town",
            "actor1": a1,
            "actor1_en": a1_en,
            "actor2": a2,
            "actor2_en": a2_en,
            "fatalities": rng.choice([None, rng.randint(0, 60)]),
            "injuries": None,
            "target": target,
            "weapon": weapon,
            "negated": rng.random() < 0.03,
            "aggregate": rng.random() < 0.02,
            "reported_by": None,
            "evidence": evidence,
            "evidence_start": 0,
            "evidence_end": len(evidence),
            "text_folded": folded(evidence, place["name"], target, weapon),
            "actors_folded": folded(a1, a1_en, a2, a2_en),
            "place_folded": folded(place["name"], place["name_en"], place["admin1"]),
            "pipeline_version": VERSION,
        }


@dataclass(frozen=True)
class Case:
    """One filter to measure: a maker of fresh random instances, and how its page is asked for."""

    make: Callable[[], EventFilter]
    sort: EventSort = EventSort.DATE_DESC
    offset: int = 0
    common: bool = True  # one of the API's common filters (the p95 target applies)


def cases(rng: random.Random) -> dict[str, Case]:
    """Each filter, as a maker of a fresh random instance (so caches do not flatter it)."""

    def window(days: int) -> tuple[dt.date, dt.date]:
        since = START + dt.timedelta(days=rng.randrange(DAYS - days))
        return since, since + dt.timedelta(days=days)

    def box(half: float) -> BBox:
        _, _, _, _, lat, lon = rng.choice(SEED_PLACES)
        return BBox(lon - half, lat - half, lon + half, lat + half)

    def numbered_place() -> str:  # one of the 600 places: about 1,700 events
        name = rng.choice(SEED_PLACES)[0]
        return f"{name} {rng.randrange(len(SEED_PLACES), 600)}"

    return {
        "none (newest first)": Case(lambda: EventFilter()),
        "type": Case(lambda: EventFilter(event_types=(rng.choice(list(EventType)),))),
        "date range (30 days)": Case(lambda: EventFilter(since=(w := window(30))[0], until=w[1])),
        "country": Case(lambda: EventFilter(country=rng.choice(SEED_PLACES)[2])),
        "country + admin1": Case(lambda: EventFilter(country=(p := rng.choice(SEED_PLACES))[2], place=p[3])),
        "bbox (1°)": Case(lambda: EventFilter(bbox=box(0.5))),
        "actor": Case(lambda: EventFilter(actor=rng.choice(ACTORS)[0])),
        "text": Case(lambda: EventFilter(text=rng.choice(["مستشفى", "مدرسة", "سوق"]))),
        "type + dates + country": Case(
            lambda: EventFilter(
                event_types=(rng.choice(list(EventType)),),
                since=(w := window(365))[0],
                until=w[1],
                country=rng.choice(SEED_PLACES)[2],
            )
        ),
        "source": Case(lambda: EventFilter(source=rng.choice(SOURCES)), common=False),
        "two types": Case(
            lambda: EventFilter(event_types=tuple(rng.sample(list(EventType), 2))), common=False
        ),
        "rare place (1 of 600)": Case(lambda: EventFilter(place=numbered_place()), common=False),
        "rare place + type": Case(
            lambda: EventFilter(place=numbered_place(), event_types=(rng.choice(list(EventType)),)),
            common=False,
        ),
        "actor + text": Case(
            lambda: EventFilter(actor=rng.choice(ACTORS)[0], text=rng.choice(["مستشفى", "مدرسة"])),
            common=False,
        ),
        "bbox (0.1°)": Case(lambda: EventFilter(bbox=box(0.05)), common=False),
        "country, oldest first": Case(
            lambda: EventFilter(country=rng.choice(SEED_PLACES)[2]), sort=EventSort.DATE_ASC, common=False
        ),
        "type, deadliest first": Case(
            lambda: EventFilter(event_types=(rng.choice(list(EventType)),)),
            sort=EventSort.FATALITIES_DESC,
            common=False,
        ),
        "text, recently stored": Case(
            lambda: EventFilter(text=rng.choice(["مستشفى", "مدرسة"])), sort=EventSort.RECENT, common=False
        ),
        "country, page 21 (offset 1000)": Case(
            lambda: EventFilter(country=rng.choice(SEED_PLACES)[2]), offset=1000, common=False
        ),
    }


def measure(store: Store, case: Case, repeats: int) -> dict[str, float]:
    """Milliseconds per call: the page, the exact count and the capped count of each instance."""
    engine = store.engine
    capped = getattr(query, "count_events_capped", None)  # absent before issue 9
    timings: dict[str, list[float]] = {"page": [], "count": [], "capped": []}
    for _ in range(repeats):
        event_filter = case.make()
        calls: list[tuple[str, Callable[[], object]]] = [
            ("page", partial(query.list_events, engine, event_filter, 50, case.offset, case.sort)),
            ("count", partial(query.count_events, engine, event_filter)),
        ]
        if capped is not None:
            calls.append(("capped", partial(capped, engine, event_filter)))
        for name, call in calls:
            began = time.perf_counter()
            call()
            timings[name].append(1e3 * (time.perf_counter() - began))
    result = {"common": case.common}
    for name, values in timings.items():
        if values:
            result |= {f"{name}_p50_ms": statistics.median(values), f"{name}_p95_ms": _quantile(values, 0.95)}
            result |= {f"{name}_p99_ms": _quantile(values, 0.99), f"{name}_max_ms": max(values)}
    return result


def _quantile(values: list[float], q: float) -> float:
    """The value ``q`` of the way up the sorted values (nearest rank; with 30 runs p99 is the max)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 events, 10 repeats")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="the SQLite file to fill or reuse (default: bench/results/query-N.db)")
    parser.add_argument("--only", help="measure the filters whose name contains this text")
    parser.add_argument("--out", help="the JSON report to write (default: bench/results/query-N.json)")
    args = parser.parse_args(argv)
    events, repeats = (100_000, 10) if args.quick else (args.events, args.repeats)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = Path(args.db) if args.db else RESULTS / f"query-{events}.db"
    opened = time.perf_counter()
    store = open_store(str(path))
    open_s = time.perf_counter() - opened
    with store:
        stored = _count(store)
        fill_s = None
        if stored != events:
            if stored:
                raise SystemExit(f"{path} holds {stored} events, not {events}: delete it to rebuild")
            fill_s = fill(store, events, args.seed)
        rng = random.Random(args.seed)
        chosen = {name: case for name, case in cases(rng).items() if not args.only or args.only in name}
        report = {
            "events": events,
            "repeats": repeats,
            "fill_s": fill_s,
            "open_s": open_s,
            "db_mb": path.stat().st_size / 1e6,
            "filters": {name: measure(store, case, repeats) for name, case in chosen.items()},
        }
    out = Path(args.out) if args.out else RESULTS / f"query-{events}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    sys.stdout.write(table(report) + f"\nresults: {out}\n")


def _count(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(EventModel)).scalar_one())


def table(report: dict[str, Any]) -> str:
    fill_s = report["fill_s"]
    lines = [
        f"{report['events']:,} events, {report['db_mb']:.0f} MB SQLite"
        + (f", filled in {fill_s:.0f} s" if fill_s else " (reused)")
        + f", opened (and migrated) in {report.get('open_s', 0):.1f} s, {report['repeats']} runs each",
        "",
        "| filter | page p50 | p95 | p99 | count p50 | p95 | p99 | capped count p50 | p95 | p99 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, m in report["filters"].items():
        cells = [
            f"{m.get(f'{kind}_{q}_ms', float('nan')):.1f}" for kind in ("page", "count", "capped") for q in QS
        ]
        label = name if m.get("common", True) else f"*{name}*"
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("milliseconds; *italic*: harder cases beyond the common filters")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
