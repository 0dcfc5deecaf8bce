"""Recompute time of the cross-article tracking tables.

    .venv/bin/python bench/bench_tracking.py [--sizes 500 2000] [--db STORE]

Builds a throw-away SQLite store per size from reproducible synthetic articles (seeded, no
extraction: each article carries one to three events at towns of a Syria-sized box, some a
truce announcement or a denial), then times :func:`marsad.store.tracking.recompute_tracking`
twice: the first run also fingerprints every article for copy detection, the second finds
nothing new (the cost of a batch that changed little). ``--db`` times an existing store
instead (e.g. one filled by ``marsad ingest`` from the dev corpus). Prints a table and writes
``bench/results/tracking.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from marsad.article import Article, InputFormat, Mentions, PlaceMention, RawDocument
from marsad.event import (
    Claim,
    DatePrecision,
    Event,
    Evidence,
    Place,
    PlaceKind,
    Span,
    Stance,
    SubEventType,
    Truce,
    TruceKind,
)
from marsad.store import Store, open_store
from marsad.store.tracking import recompute_tracking

RESULTS = Path(__file__).resolve().parent / "results"
SEED = 20261122
TOWNS = 200
START = dt.date(2018, 1, 1)
DAYS = 365
VERSION = "0.0.0+bench"
SUB_TYPES = (
    SubEventType.AIR_DRONE_STRIKE,
    SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK,
    SubEventType.ARMED_CLASH,
)


def towns(rng: random.Random) -> list[Place]:
    return [
        Place(
            f"بلدة {n}",
            f"Town {n}",
            round(rng.uniform(32.5, 37.0), 4),
            round(rng.uniform(35.8, 41.5), 4),
            "SY",
            f"Province {n % 14}",
            PlaceKind.TOWN,
            f"bench:{n}",
        )
        for n in range(TOWNS)
    ]


def synthetic_article(n: int, rng: random.Random, places: list[Place]) -> Article:
    """One article: events at towns on nearby days, sometimes a truce or a denial."""
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    sentences, events, truces, claims, mentions = [], [], [], [], []
    offset = 0

    def sentence(text: str) -> Evidence:
        nonlocal offset
        span = Span(offset, offset + len(text))
        sentences.append(text)
        offset += len(text) + 1
        return Evidence(text, span)

    for k in range(rng.randint(1, 3)):
        place = rng.choice(places)
        when = day - dt.timedelta(days=rng.randint(0, 1))
        killed = rng.randint(0, 30)
        text = f"قصف على {place.name} في اليوم {when.isoformat()} أسفر عن مقتل {killed} شخصا {n}-{k}."
        events.append(
            Event(
                rng.choice(SUB_TYPES),
                sentence(text),
                date=when,
                date_precision=DatePrecision.DAY,
                location=place,
                fatalities=killed,
            )
        )
    if rng.random() < 0.05:
        zone = rng.choice(places)
        text = f"أعلن عن وقف لإطلاق النار في {zone.name} لمدة 72 ساعة {n}."
        truces.append(Truce(TruceKind.CEASEFIRE, sentence(text), zones=[zone], start=day, duration_hours=72))
    if rng.random() < 0.05:
        target = rng.choice(places)
        text = f"نفت الوزارة تنفيذ أي غارة على {target.name} {n}."
        evidence = sentence(text)
        claims.append(Claim("الوزارة", Stance.DENY, text, evidence, about="explosions_remote_violence"))
        start = evidence.sentence_span.start + text.index(target.name)
        mentions.append(PlaceMention(Span(start, start + len(target.name)), target.name, target))
    body = " ".join(sentences)
    raw = RawDocument(
        f"bench-{n}", body, InputFormat.TEXT, f"bench-{n}", published=day, source=f"outlet-{n % 40}"
    )
    return Article(
        raw=raw,
        body=body,
        published=day,
        language="ar",
        events=events,
        truces=truces,
        claims=claims,
        mentions=Mentions(places=mentions),
    )


def fill(store: Store, size: int) -> None:
    rng = random.Random(SEED)
    places = towns(rng)
    for n in range(size):
        store.save_article(synthetic_article(n, rng, places), VERSION)


def time_recompute(store: Store) -> dict[str, Any]:
    started = time.perf_counter()
    first = recompute_tracking(store)
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    recompute_tracking(store)
    again_s = time.perf_counter() - started
    return {"first_s": round(first_s, 2), "again_s": round(again_s, 2), **first.as_record()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[500, 2000], help="articles per synthetic store"
    )
    parser.add_argument("--db", help="time this existing store instead of synthetic ones")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    if args.db:
        with open_store(args.db) as store:
            rows.append({"store": args.db, **time_recompute(store)})
    else:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "b.db")) as store:
                fill(store, size)
                rows.append({"store": f"synthetic {size} articles", **time_recompute(store)})
    columns = ["store", "events", "first_s", "again_s", "incidents", "truces", "violations", "contradictions"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "tracking.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
