"""Benchmark jobs, each run by bench/run.py in a fresh Python process (clean memory, cold caches).

``python bench/jobs.py JOB --input FILE [...]`` prints one JSON object on stdout. Jobs:

    load        import marsad and build the pipeline (gazetteer, lexicons): seconds, RSS
    floor       read the JSONL, parse each line, one regex pass over the text (the floor)
    trafilatura trafilatura.extract alone on each page of an HTML corpus
    extract     end to end: read -> pipeline -> SCHEMA JSON -> /dev/null, with --workers N
    stages      single process, each stage timed from outside (wrappers, not in the library)
    payload     what one result costs to pickle across processes, per payload kind
    profile     pyinstrument over a single-process extract; the text report goes to --out
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


class TreeMemory:
    """Samples the resident memory of this process and all its descendants (workers included).

    Workers started by 'forkserver' are not our children, so ``RUSAGE_CHILDREN`` misses them;
    /proc sees them as descendants of the forkserver, which is our child.
    """

    def __init__(self, interval_s: float = 0.2) -> None:
        self.interval_s = interval_s
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def sample(self) -> None:
        self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in _descendants(os.getpid())))


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


INGEST_ERRORS: list[str] = []


def _documents(path: str, limit: int | None = None) -> Iterator[Any]:
    """The documents of ``path`` (the first ``limit``); unreadable ones are counted and skipped."""
    from marsad.errors import IngestError
    from marsad.ingest import iter_documents

    count = 0
    for item in iter_documents([path]):
        if isinstance(item, IngestError):
            INGEST_ERRORS.append(str(item))
            continue
        if limit is not None and count >= limit:
            return
        count += 1
        yield item


#: A short article naming places, dates, numbers and actors: the first one wakes every lazy resource.
FIRST_ARTICLE = (
    "قصفت طائرات حربية مدينة حلب يوم الثلاثاء وقتل 5 مدنيين، وقال المرصد إن قوات النظام تقدمت في ريف إدلب."
)


def job_load(args: argparse.Namespace) -> dict[str, Any]:
    """Import, build_pipeline, then one short article (resources some stages load lazily)."""
    began = time.perf_counter()
    from marsad.article import InputFormat, RawDocument
    from marsad.pipeline import build_pipeline
    from marsad.settings import Settings

    imported = time.perf_counter()
    pipeline = build_pipeline(Settings())
    built = time.perf_counter()
    pipeline.process(RawDocument("first", FIRST_ARTICLE, InputFormat.TEXT, "<bench>"))
    first = time.perf_counter()
    return {
        "import_s": imported - began,
        "build_s": built - imported,
        "first_article_s": first - built,
        "load_s": first - began,
        "stages": len(pipeline.stages),
        "pipeline_version": pipeline.version,
        "rss_mb": _self_peak_mb(),
    }


def job_floor(args: argparse.Namespace) -> dict[str, Any]:
    arabic_word = re.compile(r"[\u0621-\u064a]+")
    began = time.perf_counter()
    docs = words = 0
    with open(args.input, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            words += len(arabic_word.findall(record.get("text") or record.get("html") or ""))
            docs += 1
    return {"docs": docs, "wall_s": time.perf_counter() - began, "words": words, "rss_mb": _self_peak_mb()}


def job_trafilatura(args: argparse.Namespace) -> dict[str, Any]:
    import trafilatura

    began = time.perf_counter()
    docs = chars = 0
    with open(args.input, encoding="utf-8") as lines:
        for line in lines:
            chars += len(trafilatura.extract(json.loads(line)["html"]) or "")
            docs += 1
    return {"docs": docs, "wall_s": time.perf_counter() - began, "chars": chars, "rss_mb": _self_peak_mb()}


def job_extract(args: argparse.Namespace) -> dict[str, Any]:
    from marsad.errors import MarsadError
    from marsad.parallel import extract_json_lines
    from marsad.settings import Settings

    began = time.perf_counter()
    docs = failed = 0
    first = None
    with TreeMemory() as memory, open(os.devnull, "w", encoding="utf-8") as sink:
        for result in extract_json_lines(
            _documents(args.input, args.limit), Settings(), workers=args.workers
        ):
            first = first or time.perf_counter()
            docs += 1
            if isinstance(result, MarsadError):
                failed += 1
            else:
                sink.write(result + "\n")
    ended = time.perf_counter()
    first = first or ended
    return {
        "docs": docs,
        "failed": failed,
        "workers": args.workers,
        "wall_s": ended - began,
        "since_interpreter_s": ended - STARTED,
        "startup_s": first - began,
        "steady_s": ended - first,
        "peak_tree_rss_mb": memory.peak_kb / 1024,
        "rss_mb": _self_peak_mb(),
    }


def _timed(item: Any, totals: dict[str, float]) -> Any:
    name = item.spec.name

    def run_stage(article: Any) -> Any:
        began = time.perf_counter()
        try:
            return item(article)
        finally:
            totals[name] += time.perf_counter() - began

    run_stage.spec = item.spec  # type: ignore[attr-defined]
    return run_stage


def job_stages(args: argparse.Namespace) -> dict[str, Any]:
    from marsad.assemble.record import to_record
    from marsad.errors import ExtractionError
    from marsad.pipeline import Pipeline, build_pipeline

    pipeline = build_pipeline()
    totals = dict.fromkeys(pipeline.names, 0.0)
    timed = Pipeline([_timed(item, totals) for item in pipeline.stages])
    docs = failed = dropped = 0
    began = time.perf_counter()
    read = serialize = 0.0
    source = _documents(args.input)
    while True:
        mark = time.perf_counter()
        raw = next(source, None)
        read += time.perf_counter() - mark
        if raw is None:
            break
        docs += 1
        try:
            article = timed.process(raw)
        except ExtractionError:
            failed += 1
            continue
        dropped += article.dropped is not None
        mark = time.perf_counter()
        json.dumps(to_record(article), ensure_ascii=False)
        serialize += time.perf_counter() - mark
    wall = time.perf_counter() - began
    return {
        "docs": docs,
        "failed": failed,
        "dropped": dropped,
        "wall_s": wall,
        "stages_s": totals,
        "read_s": read,
        "record_json_s": serialize,
    }


def job_payload(args: argparse.Namespace) -> dict[str, Any]:
    from marsad.errors import ExtractionError
    from marsad.parallel import Payload, pack
    from marsad.pipeline import build_pipeline

    pipeline = build_pipeline()
    articles = []
    for raw in _documents(args.input):
        try:
            articles.append(pipeline.process(raw))
        except ExtractionError:
            continue
        if len(articles) >= (args.limit or 500):
            break
    report: dict[str, Any] = {"docs": len(articles)}
    for payload in Payload:
        values = [pack(_copy(a), payload) for a in articles]
        began = time.perf_counter()
        blobs = [pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for v in values]
        dumped = time.perf_counter()
        for blob in blobs:
            pickle.loads(blob)
        loaded = time.perf_counter()
        report[payload.value] = {
            "bytes_per_doc": sum(map(len, blobs)) / max(len(blobs), 1),
            "dumps_us": 1e6 * (dumped - began) / max(len(blobs), 1),
            "loads_us": 1e6 * (loaded - dumped) / max(len(blobs), 1),
        }
    return report


def _copy(article: Any) -> Any:
    return pickle.loads(pickle.dumps(article))


def job_profile(args: argparse.Namespace) -> dict[str, Any]:
    from pyinstrument import Profiler

    from marsad.assemble.record import to_record
    from marsad.errors import ExtractionError
    from marsad.pipeline import build_pipeline

    pipeline = build_pipeline()
    raws = list(_documents(args.input, args.limit or 500))
    profiler = Profiler(interval=0.0005)
    began = time.perf_counter()
    with profiler:
        for raw in raws:
            try:
                json.dumps(to_record(pipeline.process(raw)), ensure_ascii=False)
            except ExtractionError:
                continue
    wall = time.perf_counter() - began
    report = profiler.output_text(unicode=True, color=False, show_all=False)
    Path(args.out).write_text(report, encoding="utf-8")
    html_out = Path(args.out).with_suffix(".html")
    html_out.write_text(profiler.output_html(), encoding="utf-8")
    return {"docs": len(raws), "wall_s": wall, "report": args.out, "html": str(html_out)}


JOBS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "load": job_load,
    "floor": job_floor,
    "trafilatura": job_trafilatura,
    "extract": job_extract,
    "stages": job_stages,
    "payload": job_payload,
    "profile": job_profile,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("--input", default="")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    parser.add_argument("--out", default="")
    args = parser.parse_args(argv)
    result = JOBS[args.job](args)
    result["ingest_errors"] = INGEST_ERRORS
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
