"""Speed of marsad's Arabic core, one stage at a time: ``.venv/bin/python bench/bench_core.py``.

Measures tokens per second on one core for normalization, tokenization, sentence and clause
splitting, quantities, dates and the whole core (the five pipeline stages in a row, as the
pipeline runs them; clause splitting is a function callers use, timed apart and added) over
the dev corpus (../shared/data/corpus/ant_conflict.jsonl) when it is present, else over a
generated text. Each stage runs ``--repeat`` times and the best run counts (the machine is
shared; the best run is the least disturbed). Prints a table and writes
``bench/results/core-<time>.json`` and ``bench/results/core-latest.json``.

Targets (issue 4): normalization >= 1 M tokens/s, the whole core >= 200 k tokens/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
SHARED = Path(os.environ.get("MARSAD_SHARED", BENCH.parent.parent / "shared"))
DEV_CORPUS = SHARED / "data" / "corpus" / "ant_conflict.jsonl"
TARGETS = {"normalize": 1_000_000, "whole core": 200_000}

from marsad.extract.dates import DateGrammar, find_dates  # noqa: E402
from marsad.extract.numbers import find_quantities  # noqa: E402
from marsad.normalize import fold, normalize, split_clauses, split_sentences, tokenize  # noqa: E402


def load_texts(limit: int | None) -> tuple[list[tuple[str, dt.date | None]], str]:
    """(body, published) pairs from the dev corpus, or a generated corpus when it is absent."""
    if DEV_CORPUS.exists():
        texts = []
        with DEV_CORPUS.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                published = dt.date.fromisoformat(record["published"]) if record.get("published") else None
                texts.append((record.get("text") or "", published))
        return texts[:limit], str(DEV_CORPUS)
    return _generated(limit or 500), "generated"


def _generated(count: int) -> list[tuple[str, dt.date | None]]:
    """Sentences with the constructs the core reads: diacritics, numbers, dates, clitics."""
    rng = random.Random(4)
    parts = [
        "قُتِلَ أكثر من {n} مدنياً في غارات جوية على بلدة {p} أمس الثلاثاء،",
        "وقال المرصد السوري إن {n} شخصاً سقطوا منذ 7 أيام في ريف {p} الشمالي.",
        "وأعلنت روسيا «نظام هدوء» لمدة ٧٢ ساعة في {p} اعتباراً من 9 أبريل/نيسان 2018.",
        "ووصل نحو ثلاثة آلاف نازح إلى مخيمات قرب {p} خلال الأيام السبعة الأخيرة.",
        "وتشن القوات الحكومية هجوماً على {p} منذ الشهر الماضي بدعم من اللواء 65.",
    ]
    places = ["حلب", "إدلب", "الرقة", "دوما", "الموصل", "درعا", "حمص", "منبج"]
    texts = []
    for _ in range(count):
        body = " ".join(
            rng.choice(parts).format(n=rng.randint(2, 900), p=rng.choice(places)) for _ in range(25)
        )
        texts.append((body, dt.date(2018, 4, 15)))
    return texts


def count_tokens(texts: list[tuple[str, dt.date | None]]) -> int:
    return sum(len(re.findall(r"\S+", body)) for body, _ in texts)


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def stages(texts: list[tuple[str, dt.date | None]]) -> dict[str, Callable[[], object]]:
    normalized = [normalize(body) for body, _ in texts]
    sentences = [split_sentences(body) for body, _ in texts]

    def whole_core(clauses: bool) -> None:
        """The core's pipeline stages (normalize.text, .tokens, .sentences, extract.quantities, .dates)."""
        for body, published in texts:
            norm = normalize(body)
            tokenize(norm.text)
            for sentence in split_sentences(body):
                if clauses:
                    split_clauses(body, sentence)
            find_quantities(body, norm)
            find_dates(body, norm, published)

    pairs = list(zip(texts, normalized, strict=True))
    # each stage drops its result per article, as the pipeline does: keeping 600 k tokens
    # alive would make the garbage collector rescan a growing heap and time that instead
    return {
        "normalize": lambda: _each(normalize(body) for body, _ in texts),
        "fold (no offsets)": lambda: _each(fold(body) for body, _ in texts),
        "tokenize": lambda: _each(tokenize(n.text) for n in normalized),
        "sentences": lambda: _each(split_sentences(body) for body, _ in texts),
        "clauses": lambda: _each(
            split_clauses(body, s) for (body, _), spans in zip(texts, sentences, strict=True) for s in spans
        ),
        "quantities": lambda: _each(find_quantities(body, n) for (body, _), n in pairs),
        "dates": lambda: _each(find_dates(body, n, published) for (body, published), n in pairs),
        "whole core": lambda: whole_core(clauses=False),
        "whole core + clauses": lambda: whole_core(clauses=True),
    }


def _each(results: Iterable[object]) -> None:
    for _ in results:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the best counts")
    args = parser.parse_args(argv)

    texts, source = load_texts(args.limit)
    tokens = count_tokens(texts)
    started = time.perf_counter()
    DateGrammar.load()  # compile the date patterns outside the timings
    load_s = time.perf_counter() - started
    rows: list[dict[str, Any]] = []
    for name, run in stages(texts).items():
        seconds = best_time(run, args.repeat)
        rate = tokens / seconds
        target = TARGETS.get(name)
        rows.append(
            {
                "stage": name,
                "seconds": round(seconds, 4),
                "tokens_per_s": round(rate),
                "target": target,
                "meets_target": None if target is None else rate >= target,
            }
        )
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": source,
        "articles": len(texts),
        "tokens": tokens,
        "characters": sum(len(body) for body, _ in texts),
        "repeat": args.repeat,
        "grammar_load_s": round(load_s, 3),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "stages": rows,
    }
    _print_table(report)
    _write(report)
    return 0


def _print_table(report: dict[str, Any]) -> None:
    print(f"corpus: {report['corpus']} ({report['articles']} articles, {report['tokens']:,} tokens)")
    print(f"| {'stage':<20} | {'seconds':>8} | {'tokens/s':>12} | {'target':>10} | ok  |")
    print(f"|{'-' * 22}|{'-' * 10}|{'-' * 14}|{'-' * 12}|-----|")
    for row in report["stages"]:
        target = f"{row['target']:,}" if row["target"] else ""
        ok = {True: "yes", False: "NO", None: ""}[row["meets_target"]]
        name, seconds, rate = row["stage"], row["seconds"], row["tokens_per_s"]
        print(f"| {name:<20} | {seconds:>8.3f} | {rate:>12,} | {target:>10} | {ok:<3} |")


def _write(report: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = json.dumps(report, ensure_ascii=False, indent=2)
    (RESULTS / f"core-{stamp}.json").write_text(text + "\n", encoding="utf-8")
    (RESULTS / "core-latest.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
