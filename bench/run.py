"""marsad's speed benchmark, in one command: ``.venv/bin/python bench/run.py [--quick]``.

Generates reproducible corpora (bench/corpus.py, fixed seed), runs each measurement in a fresh
process (bench/jobs.py), writes everything to ``bench/results/bench-<time>.json`` (and
``latest.json``) and prints a markdown table with the targets. See bench/README.md for what
each column means. ``--quick`` is CI-sized (well under two minutes while extraction runs at
a few hundred articles a second); the full run takes a few minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))
DEV_CORPUS = SHARED / "data" / "corpus" / "ant_conflict.jsonl"

sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402  (bench/ is not a package)

SOURCE_TAG = corpus.source_tag()

TARGETS = {
    "one-core articles/s (~3 KB)": (">=", 300.0),
    "speed-up with 2 workers": (">=", 1.8),
    "peak RSS MB": ("<=", 500.0),
    "gazetteer + lexicons load s": ("<=", 1.0),
    "cost per article, largest/smallest corpus": ("<=", 1.25),
}


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...]  # synthetic corpus sizes, one worker: is cost linear?
    parallel_size: int  # the corpus the worker counts are compared on
    workers: tuple[int, ...]
    html_size: int
    stage_size: int
    dev_workers: tuple[int, ...]
    dev_limit: int | None  # first N articles of the dev corpus (None: all)
    profile_docs: int
    budget_s: float  # jobs whose estimated time would overrun this are skipped (and listed)


FULL = Plan(
    sizes=(1000, 5000, 20000),
    parallel_size=5000,
    workers=(1, 2),
    html_size=1000,
    stage_size=5000,
    dev_workers=(1, 2),
    dev_limit=None,
    profile_docs=1000,
    budget_s=1500,
)
QUICK = Plan(
    sizes=(200, 400, 800),
    parallel_size=800,
    workers=(1, 2),
    html_size=150,
    stage_size=400,
    dev_workers=(1,),
    dev_limit=400,
    profile_docs=300,
    budget_s=110,
)


class Budget:
    """Skips jobs that would overrun the plan's time budget, from the articles/s seen so far."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + seconds
        self.per_s: float | None = None  # one worker, steady state
        self.skipped: list[str] = []

    def allows(self, what: str, docs: int, workers: int = 1) -> bool:
        if self.per_s is None:
            return True
        estimate = docs / (self.per_s * min(workers, os.cpu_count() or 1)) + 2.0
        if time.perf_counter() + estimate <= self.deadline:
            return True
        self.skipped.append(f"{what} (~{estimate:.0f} s)")
        sys.stderr.write(f"bench: skipping {what}: ~{estimate:.0f} s would overrun the budget\n")
        return False

    def observe(self, row: dict[str, Any]) -> None:
        if row["workers"] == 1 and row["steady_per_s"]:
            self.per_s = row["steady_per_s"]


def job(name: str, env: dict[str, str] | None = None, **options: object) -> dict[str, Any]:
    """Run one job of bench/jobs.py in a fresh interpreter and return its JSON."""
    command = [sys.executable, str(BENCH / "jobs.py"), name]
    for key, value in options.items():
        command += [f"--{key}", str(value)]
    sys.stderr.write(f"bench: {name} {' '.join(command[3:])}\n")
    began = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, cwd=REPO, env={**os.environ, **(env or {})}
    )
    if done.returncode != 0:
        raise SystemExit(f"bench job {name} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = time.perf_counter() - began
    return result


def corpus_file(count: int, seed: int, kind: str = "text") -> Path:
    name = f"{kind}-{count}-{seed}-{SOURCE_TAG}.jsonl"
    return corpus.write(RESULTS / "corpora" / name, count, seed, kind)


def measure_load(repeats: int) -> dict[str, Any]:
    """Warm: the resources' disk caches exist (median of ``repeats``); cold: an empty cache folder."""
    runs = [job("load") for _ in range(repeats)]
    with tempfile.TemporaryDirectory(prefix="marsad-bench-cache-") as empty:
        cold = job("load", env={"XDG_CACHE_HOME": empty})
    return {
        "cold": cold,
        "runs": runs,
        "median_load_s": statistics.median(r["load_s"] for r in runs),
        "median_import_s": statistics.median(r["import_s"] for r in runs),
        "median_build_s": statistics.median(r["build_s"] for r in runs),
        "median_first_article_s": statistics.median(r["first_article_s"] for r in runs),
        "median_rss_mb": statistics.median(r["rss_mb"] for r in runs),
    }


def extract_row(label: str, path: Path, workers: int, limit: int | None = None) -> dict[str, Any]:
    result = job("extract", input=path, workers=workers, **({"limit": limit} if limit else {}))
    docs = result["docs"]
    result.update(
        label=label,
        corpus=path.name,
        mb=path.stat().st_size / 1e6,
        total_per_s=docs / result["wall_s"],
        steady_per_s=(docs - 1) / result["steady_s"] if result["steady_s"] > 0 else None,
        us_per_article=1e6 * result["steady_s"] / max(docs - 1, 1),
    )
    return result


def run(plan: Plan, seed: int, with_dev: bool, profile: bool) -> dict[str, Any]:
    report: dict[str, Any] = {"plan": plan.__dict__, "seed": seed, "machine": machine(), "rows": []}
    budget = Budget(plan.budget_s)
    report["load"] = measure_load(3)
    rows: list[dict[str, Any]] = report["rows"]

    def extract(label: str, path: Path, docs: int, workers: int, limit: int | None = None) -> None:
        if budget.allows(f"extract {label} with {workers} worker(s)", docs, workers):
            rows.append(extract_row(label, path, workers, limit))
            budget.observe(rows[-1])

    for size in plan.sizes:
        extract(f"synthetic {size}", corpus_file(size, seed), size, 1)
    for workers in plan.workers:
        if workers != 1 or plan.parallel_size not in plan.sizes:
            extract(
                f"synthetic {plan.parallel_size}",
                corpus_file(plan.parallel_size, seed),
                plan.parallel_size,
                workers,
            )
    html = corpus_file(plan.html_size, seed, "html")
    extract(f"synthetic HTML {plan.html_size}", html, plan.html_size, 1)
    report["references"] = {
        "floor": job("floor", input=corpus_file(plan.parallel_size, seed)),
        "trafilatura": job("trafilatura", input=html),
    }
    if budget.allows("per-stage timings", plan.stage_size):
        report["stages"] = job("stages", input=corpus_file(plan.stage_size, seed))
    report["payload"] = job("payload", input=corpus_file(plan.sizes[0], seed), limit=min(500, plan.sizes[0]))
    if with_dev and DEV_CORPUS.exists():
        dev_docs = plan.dev_limit or 1774
        label = "dev corpus (real)" + (f", first {plan.dev_limit}" if plan.dev_limit else "")
        for workers in plan.dev_workers:
            extract(label, DEV_CORPUS, dev_docs, workers, plan.dev_limit)
        if plan.dev_limit is None and budget.allows("per-stage timings, dev corpus", dev_docs):
            report["dev_stages"] = job("stages", input=DEV_CORPUS)
    if profile and budget.allows("profile", plan.profile_docs):
        out = RESULTS / f"profile-{stamp()}.txt"
        source = corpus_file(plan.sizes[-1], seed)
        report["profile"] = job("profile", input=source, limit=plan.profile_docs, out=out)
    report["skipped"] = budget.skipped
    report["summary"] = summarize(report, plan)
    return report


def summarize(report: dict[str, Any], plan: Plan) -> dict[str, Any]:
    rows = report["rows"]
    synthetic = [r for r in rows if r["label"].startswith("synthetic ") and "HTML" not in r["label"]]
    one = {r["docs"]: r for r in synthetic if r["workers"] == 1}
    two = [r for r in synthetic if r["workers"] == 2 and r["docs"] == plan.parallel_size]
    base = one.get(plan.parallel_size) or (one[max(one)] if one else None)
    smallest, largest = (one[min(one)], one[max(one)]) if len(one) > 1 else (None, None)
    return {
        "one-core articles/s (~3 KB)": base["steady_per_s"] if base else None,
        "speed-up with 2 workers": (
            two[0]["steady_per_s"] / base["steady_per_s"]
            if two and base and base["docs"] == two[0]["docs"]
            else None
        ),
        "peak RSS MB": max((r["peak_tree_rss_mb"] for r in rows), default=None),
        "gazetteer + lexicons load s": report["load"]["median_load_s"],
        "cost per article, largest/smallest corpus": (
            largest["us_per_article"] / smallest["us_per_article"] if largest and smallest else None
        ),
    }


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_avg": os.getloadavg(),
        "platform": platform.platform(),
        "commit": _commit(),
        "when": dt.datetime.now().isoformat(),
    }


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO, check=False
    )
    return done.stdout.strip() or "unknown"


def stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "| run | docs | workers | wall s | startup s | art/s total | art/s steady | µs/article "
        "| peak RSS MB (all processes) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["rows"]:
        lines.append(
            f"| {r['label']} | {r['docs']} | {r['workers']} | {r['wall_s']:.2f} "
            f"| {r['startup_s']:.2f} | {r['total_per_s']:.0f} | {r['steady_per_s'] or 0:.0f} "
            f"| {r['us_per_article']:.0f} "
            f"| {r['peak_tree_rss_mb']:.0f} |"
        )
    refs = report["references"]
    lines += ["", "| reference | docs | wall s | art/s |", "|---|---|---|---|"]
    for name, ref in refs.items():
        lines.append(f"| {name} | {ref['docs']} | {ref['wall_s']:.2f} | {ref['docs'] / ref['wall_s']:.0f} |")
    load = report["load"]
    lines += [
        "",
        f"load, warm caches (fresh process, median of 3): import {load['median_import_s']:.2f} s + "
        f"build_pipeline {load['median_build_s']:.2f} s + "
        f"first article {load['median_first_article_s']:.2f} s "
        f"= {load['median_load_s']:.2f} s, RSS {load['median_rss_mb']:.0f} MB",
        f"load, cold caches (empty XDG_CACHE_HOME: the gazetteer index is rebuilt): "
        f"{load['cold']['load_s']:.2f} s, peak RSS {load['cold']['rss_mb']:.0f} MB",
    ]
    if "stages" in report:
        lines += ["", *stage_table(report["stages"], "per stage, synthetic corpus")]
    if "dev_stages" in report:
        lines += ["", *stage_table(report["dev_stages"], "per stage, dev corpus")]
    lines += ["", "| payload per article | pickled bytes | dumps µs | loads µs |", "|---|---|---|---|"]
    for kind, cost in report["payload"].items():
        if isinstance(cost, dict):
            lines.append(
                f"| {kind} | {cost['bytes_per_doc']:.0f} | {cost['dumps_us']:.1f} | {cost['loads_us']:.1f} |"
            )
    lines += ["", "| target | wanted | measured | ok |", "|---|---|---|---|"]
    for name, (sign, wanted) in TARGETS.items():
        value = report["summary"][name]
        ok = value is not None and (value >= wanted if sign == ">=" else value <= wanted)
        shown = "n/a" if value is None else f"{value:.2f}"
        lines.append(f"| {name} | {sign} {wanted:g} | {shown} | {'yes' if ok else 'NO'} |")
    if report["skipped"]:
        lines.append("\nskipped to stay within the time budget: " + "; ".join(report["skipped"]))
    lines.append(
        f"\nmachine: {report['machine']['cpus']} CPUs, load average at start "
        f"{report['machine']['load_avg'][0]:.2f}, commit {report['machine']['commit']}"
    )
    return "\n".join(lines)


def stage_table(stages: dict[str, Any], title: str) -> list[str]:
    docs = max(stages["docs"], 1)
    parts = {
        **stages["stages_s"],
        "(read + parse input)": stages["read_s"],
        "(record + JSON)": stages["record_json_s"],
    }
    total = sum(parts.values()) or 1.0
    lines = [f"| {title} ({docs} docs) | ms/article | share |", "|---|---|---|"]
    for name, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {1e3 * seconds / docs:.3f} | {100 * seconds / total:.1f} % |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="CI-sized corpora (about a minute).")
    parser.add_argument("--seed", type=int, default=20261122, help="Corpus seed (same seed, same corpus).")
    parser.add_argument("--no-dev", action="store_true", help="Skip the real dev corpus even if present.")
    parser.add_argument("--profile", action="store_true", help="Also write a pyinstrument profile.")
    parser.add_argument("--sizes", help="Corpus sizes for the linearity rows, e.g. 1000,5000,20000.")
    parser.add_argument("--workers", help="Worker counts to compare on the parallel corpus, e.g. 1,2,4.")
    parser.add_argument("--parallel-size", type=int, help="Corpus size for the workers comparison.")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.sizes:
        plan = replace(plan, sizes=tuple(int(n) for n in args.sizes.split(",")))
    if args.workers:
        plan = replace(plan, workers=tuple(int(n) for n in args.workers.split(",")))
    if args.parallel_size:
        plan = replace(plan, parallel_size=args.parallel_size, stage_size=args.parallel_size)
    began = time.perf_counter()
    report = run(plan, args.seed, not args.no_dev, args.profile)
    report["bench_wall_s"] = time.perf_counter() - began
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-{stamp()}{'-quick' if args.quick else ''}.json"
    text = json.dumps(report, indent=2, ensure_ascii=False)
    out.write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    sys.stdout.write(markdown(report) + f"\n\nresults: {out} ({report['bench_wall_s']:.0f} s)\n")


if __name__ == "__main__":
    main()
