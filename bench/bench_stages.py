"""CPU time per pipeline stage, robust to a busy machine: ``.venv/bin/python bench/bench_stages.py``.

``run.py``'s ``stages`` job times each stage with the wall clock; on a machine shared with
other work that measures the neighbours too. This script takes the process's CPU time
(``time.process_time``) around each stage and keeps the best of ``--repeat`` passes over the
same articles, which is what a quiet core would see. The per-stage figures of
``docs/scale.md`` (Performance) come from here.

    .venv/bin/python bench/bench_stages.py [--input FILE.jsonl] [--limit N] [--repeat 3]
    .venv/bin/python bench/bench_stages.py --profile   # also a pyinstrument tree of one pass

The default input is the synthetic 400-article corpus of ``run.py --quick`` (written if
missing). To compare with another checkout, run the script with ``PYTHONPATH=<its src>``.
Prints a markdown table and writes ``bench/results/stages-<time>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402  (bench/ is not a package)

RECORD = "(record + JSON)"


def default_input() -> Path:
    name = f"text-400-20261122-{corpus.source_tag()}.jsonl"
    return corpus.write(RESULTS / "corpora" / name, 400, 20261122, "text")


def one_pass(pipeline: Any, raws: list[Any], totals: dict[str, float]) -> float:
    """Run every article through the pipeline, adding each stage's CPU seconds to ``totals``."""
    from marsad.article import Article
    from marsad.assemble.record import to_record

    clock = time.process_time
    began = clock()
    for raw in raws:
        article = Article(raw=raw)
        for item in pipeline.stages:
            if article.dropped is not None:
                break
            mark = clock()
            article = item(article)
            totals[item.spec.name] += clock() - mark
        getattr(article, "shared", {}).clear()  # as Pipeline.__call__ does when it leaves
        mark = clock()
        json.dumps(to_record(article), ensure_ascii=False)
        totals[RECORD] += clock() - mark
    return clock() - began


def measure(path: Path, limit: int | None, repeat: int) -> dict[str, Any]:
    from marsad.ingest import iter_documents
    from marsad.pipeline import build_pipeline

    pipeline = build_pipeline()
    raws = [d for d in iter_documents([str(path)]) if not isinstance(d, Exception)][:limit]
    pipeline.process(raws[0])  # wake resources that load on first use
    best: dict[str, float] = {}
    best_total = float("inf")
    for _ in range(repeat):
        totals: dict[str, float] = defaultdict(float)
        total = one_pass(pipeline, raws, totals)
        best_total = min(best_total, total)
        best = {name: min(best.get(name, float("inf")), seconds) for name, seconds in totals.items()}
    return {
        "input": str(path),
        "docs": len(raws),
        "repeat": repeat,
        "cpu_s": best_total,
        "stages_cpu_s": best,
        "load_avg": os.getloadavg(),
    }


def profile(path: Path, limit: int | None) -> str:
    from pyinstrument import Profiler

    from marsad.ingest import iter_documents
    from marsad.pipeline import build_pipeline

    pipeline = build_pipeline()
    raws = [d for d in iter_documents([str(path)]) if not isinstance(d, Exception)][:limit]
    pipeline.process(raws[0])
    profiler = Profiler(interval=0.0005)
    with profiler:
        one_pass(pipeline, raws, defaultdict(float))
    out = RESULTS / f"stages-profile-{stamp()}.txt"
    out.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    return str(out)


def table(report: dict[str, Any]) -> str:
    docs = report["docs"]
    lines = [
        f"| stage ({docs} docs, best of {report['repeat']}) | CPU ms/article | share |",
        "|---|---|---|",
    ]
    stages = report["stages_cpu_s"]
    total = sum(stages.values()) or 1.0
    for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {1e3 * seconds / docs:.3f} | {100 * seconds / total:.1f} % |")
    per_article = report["cpu_s"] / docs
    lines.append(f"| **all** | **{1e3 * per_article:.3f}** | {docs / report['cpu_s']:.0f} articles/s |")
    return "\n".join(lines)


def stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--input", type=Path, help="A JSONL corpus (default: synthetic, 400 articles).")
    parser.add_argument("--limit", type=int, help="Only the first N articles.")
    parser.add_argument("--repeat", type=int, default=3, help="Passes; the best counts per stage.")
    parser.add_argument("--profile", action="store_true", help="Also write a pyinstrument tree.")
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = args.input or default_input()
    report = measure(path, args.limit, args.repeat)
    if args.profile:
        report["profile"] = profile(path, args.limit)
    (RESULTS / f"stages-{stamp()}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    sys.stdout.write(table(report) + "\n")
    if args.profile:
        sys.stdout.write(f"profile: {report['profile']}\n")


if __name__ == "__main__":
    main()
