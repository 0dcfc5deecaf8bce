"""Incident linking time: ``.venv/bin/python bench/bench_incidents.py [--sizes 10000 100000] [--corpus F]``.

Generates reproducible synthetic reports (seeded): a few hundred towns scattered over a
Syria-sized box, true incidents spread over a year, each told by one to four articles whose
reports jitter the way sources do (sub-event type within its family, the date a day off,
the place given as the town, its countryside or its province, tolls that disagree). Times
:func:`marsad.dedup.link_incidents` at each size, prints a table (time per report should stay
flat if linking is near-linear) with the pairwise precision/recall of the links against the
true incidents, and writes ``bench/results/incidents.json``.

``--corpus F`` (a JSONL file with ``id`` and ``text``) also times MinHash copy detection on
real articles and counts the copy groups found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from marsad.dedup import MemoryIndex, SourcedEvent, link_incidents
from marsad.event import Actor, DatePrecision, Event, Evidence, Place, PlaceKind, Span, SubEventType

RESULTS = Path(__file__).resolve().parent / "results"
SEED = 20261122
TOWNS = 400
YEAR_START = dt.date(2018, 1, 1)

S = SubEventType
FAMILIES = [
    [S.AIR_DRONE_STRIKE, S.SHELLING_ARTILLERY_MISSILE_ATTACK],
    [S.ARMED_CLASH, S.GOVERNMENT_REGAINS_TERRITORY],
    [S.REMOTE_EXPLOSIVE_LANDMINE_IED, S.SUICIDE_BOMB],
    [S.ATTACK],
    [S.PEACEFUL_PROTEST, S.VIOLENT_DEMONSTRATION],
]
ACTORS = [
    None,
    Actor("قوات النظام", "Syrian government forces", "SY.gov", "syria_gov"),
    Actor("الطيران الروسي", "Russian air force", "RU.air", "russia"),
    Actor("فصائل المعارضة", "Opposition factions", "SY.opp", "opposition"),
    Actor("تنظيم الدولة", "Islamic State", "ISIS", "isis"),
]
OUTLETS = [f"outlet{n:02d}" for n in range(15)]
EVIDENCE = Evidence("تقرير", Span(0, 5))


@dataclass(frozen=True)
class Geography:
    towns: list[Place]
    regions: dict[str, Place]  # admin1 -> its countryside
    provinces: dict[str, Place]  # admin1 -> the province itself


def geography(rng: random.Random) -> Geography:
    towns = []
    kinds = [PlaceKind.VILLAGE] * 5 + [PlaceKind.TOWN] * 4 + [PlaceKind.CITY]
    for n in range(TOWNS):
        lat, lon = rng.uniform(32.5, 37.0), rng.uniform(35.8, 41.5)
        admin1 = f"P{int((lat - 32.5) // 1.5)}{int((lon - 35.8) // 1.9)}"
        towns.append(Place(f"بلدة{n}", f"town{n}", lat, lon, "SY", admin1, rng.choice(kinds), f"g{n}"))
    regions, provinces = {}, {}
    for admin1 in sorted({t.admin1 for t in towns if t.admin1}):
        members = [t for t in towns if t.admin1 == admin1]
        lat = sum(t.lat or 0 for t in members) / len(members)
        lon = sum(t.lon or 0 for t in members) / len(members)
        regions[admin1] = Place(
            f"ريف {admin1}", None, lat, lon, "SY", admin1, PlaceKind.REGION, f"r-{admin1}"
        )
        provinces[admin1] = Place(
            f"محافظة {admin1}", admin1, None, None, "SY", admin1, PlaceKind.ADMIN1, f"a-{admin1}"
        )
    return Geography(towns, regions, provinces)


def synthetic_reports(n_reports: int, seed: int = SEED) -> tuple[list[SourcedEvent], dict[str, int]]:
    """``n_reports`` reports and, for each event key, the true incident it tells."""
    rng = random.Random(seed)
    geo = geography(rng)
    reports: list[SourcedEvent] = []
    truth: dict[str, int] = {}
    incident = 0
    while len(reports) < n_reports:
        incident += 1
        for report in _tell(rng, geo, incident, n_reports - len(reports)):
            truth[report.event_key] = incident
            reports.append(report)
    return reports, truth


def _tell(rng: random.Random, geo: Geography, incident: int, room: int) -> list[SourcedEvent]:
    town = rng.choice(geo.towns)
    family = rng.choice(FAMILIES)
    day = YEAR_START + dt.timedelta(days=rng.randrange(365))
    actor = rng.choice(ACTORS)
    toll = rng.choice([None, 0, 1, 2, 3, 5, 8, 12, 20, 40])
    told = []
    for n in range(min(room, rng.choice([1, 1, 2, 2, 3, 4]))):
        doc = f"doc{incident}-{n}"
        event = Event(
            rng.choice(family),
            EVIDENCE,
            date=day + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1])),
            date_precision=DatePrecision.DAY,
            location=_as_told(rng, geo, town),
            actor1=actor if rng.random() < 0.7 else None,
            fatalities=None if toll is None else max(0, toll + rng.choice([0, 0, 1, -1, 2])),
        )
        source = rng.choice(OUTLETS)
        told.append(SourcedEvent(f"{doc}:e", doc, event, source=source, published=day))
    return told


def _as_told(rng: random.Random, geo: Geography, town: Place) -> Place:
    roll = rng.random()
    assert town.admin1 is not None
    if roll < 0.08:
        return geo.regions[town.admin1]
    if roll < 0.12:
        return geo.provinces[town.admin1]
    return town


def pair_scores(incidents: list[tuple[str, ...]], truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of the links against the true incidents."""
    linked_pairs = sum(len(keys) * (len(keys) - 1) // 2 for keys in incidents)
    correct = 0
    for keys in incidents:
        counts = Counter(truth[k] for k in keys)
        correct += sum(c * (c - 1) // 2 for c in counts.values())
    true_pairs = sum(c * (c - 1) // 2 for c in Counter(truth.values()).values())
    precision = correct / linked_pairs if linked_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    return precision, recall


def time_linking(size: int) -> dict[str, float | int]:
    reports, truth = synthetic_reports(size)
    started = time.perf_counter()
    result = link_incidents(reports)
    seconds = time.perf_counter() - started
    precision, recall = pair_scores([i.event_keys for i in result.incidents], truth)
    return {
        "reports": size,
        "true_incidents": len(set(truth.values())),
        "incidents": len(result.incidents),
        "seconds": round(seconds, 3),
        "us_per_report": round(seconds / size * 1e6, 1),
        "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4),
    }


def time_copies(corpus: Path) -> dict[str, float | int]:
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    index = MemoryIndex()
    started = time.perf_counter()
    for row in rows:
        index.add(row["id"], row.get("text") or "")
    seconds = time.perf_counter() - started
    groups = index.groups()
    return {
        "articles": len(rows),
        "seconds": round(seconds, 2),
        "copy_groups": len(groups),
        "articles_in_groups": sum(len(g) for g in groups.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--corpus", type=Path, help="JSONL articles (id, text) to time copy detection on")
    args = parser.parse_args(argv)
    rows = [time_linking(size) for size in args.sizes]
    header = f"{'reports':>9} {'incidents':>9} {'seconds':>8} {'us/report':>10} {'pair P':>7} {'pair R':>7}"
    print(header)
    for row in rows:
        print(
            f"{row['reports']:>9} {row['incidents']:>9} {row['seconds']:>8.2f} {row['us_per_report']:>10.1f}"
            f" {row['pair_precision']:>7.3f} {row['pair_recall']:>7.3f}"
        )
    if len(rows) > 1:
        growth = rows[-1]["us_per_report"] / rows[0]["us_per_report"]
        print(
            f"time per report grows x{growth:.2f} from {rows[0]['reports']} to {rows[-1]['reports']} reports"
        )
    results: dict[str, object] = {"seed": SEED, "towns": TOWNS, "linking": rows}
    if args.corpus:
        copies = time_copies(args.corpus)
        print(f"copy detection: {copies}")
        results["copies"] = copies
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "incidents.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
