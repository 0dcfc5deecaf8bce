"""Extract records from JSONL, Parquet or WARC inputs with Spark and write them as Parquet.

Run it with ``marsad spark extract --input PATH --output PATH [--master local[2]]`` or
``spark-submit src/marsad/spark/job.py --input PATH --output PATH``. Each input document
becomes one output row in the SCHEMA.md record layout (:mod:`marsad.spark.layout`); a
document that fails keeps its row, with the ``error`` column set, so nothing is lost silently.

Inputs are read with the project's own readers (:mod:`marsad.ingest`), so doc ids, dates and
errors are the same as ``marsad extract``'s: JSONL lines with Spark's text reader, Parquet
rows (the JSONL fields as columns: ``id``, ``text`` or ``html``, ``title``, ``published``,
``url``, ``source``), WARC files whole with ``binaryFiles``.

Resources: every Spark Python worker builds the pipeline (gazetteer, lexicons) once, the
first time a partition reaches it, and keeps it in :data:`_PIPELINES` for the tasks after it
(Spark reuses its Python workers between tasks by default, ``spark.python.worker.reuse``).
That cache is why the partition functions live in this module and are shipped by
reference, never defined in ``__main__``: a function pickled by value would carry an empty
cache to every task.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError, ExtractionError, IngestError, MarsadError
from marsad.ingest.records import line_result, record_document
from marsad.ingest.warc import read_warc
from marsad.parallel import InputItem, extract_records
from marsad.pipeline import Pipeline, build_pipeline
from marsad.settings import Settings, load_settings
from marsad.spark.layout import RECORD, conform, spark_schema

log = logging.getLogger(__name__)

#: One pipeline per Settings per Python worker process; see the module docstring.
_PIPELINES: dict[Settings, Pipeline] = {}


class InputKind(StrEnum):
    AUTO = "auto"
    JSONL = "jsonl"
    PARQUET = "parquet"
    WARC = "warc"


@dataclass(frozen=True)
class JobSummary:
    documents: int
    failed: int
    dropped: int
    events: int
    output: str


def cached_pipeline(settings: Settings) -> Pipeline:
    """The pipeline for ``settings``, built once in this process."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        log.info("building the marsad pipeline in Spark worker pid %s", os.getpid())
        pipeline = _PIPELINES[settings] = build_pipeline(settings)
    return pipeline


# ---------------------------------------------------------------------------------------------
# Rows: what one partition turns into


def _row(result: object) -> tuple[Any, ...]:
    if isinstance(result, ExtractionError):
        record = _failed(result.doc_id, result.code, result.stage, result.message)
    elif isinstance(result, IngestError):
        record = _failed(result.origin, result.code, "ingest", result.reason)
    else:
        assert isinstance(result, dict)
        record = result
    row: tuple[Any, ...] = conform(record, RECORD)
    return row


def _failed(doc_id: str, code: str, stage: str, message: str) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "body": "",
        "comments": [],
        "places": [],
        "events": [],
        "claims": [],
        "truces": [],
        "error": {"code": code, "stage": stage, "message": message},
    }


def extract_partition(settings: Settings, items: Iterable[InputItem]) -> Iterator[tuple[Any, ...]]:
    """Rows for one partition's documents (in-process, with the per-document time limit)."""
    for result in extract_records(items, settings, workers=1, pipeline_factory=cached_pipeline):
        yield _row(result)


def jsonl_items(lines: Iterable[tuple[tuple[str, str], int]], settings: Settings) -> Iterator[InputItem]:
    """Documents from ``((line, file), index)`` pairs (``zipWithIndex`` over the text reader).

    Each line goes through the JSONL reader's own line function, so ids (``line<N>`` when a
    record has none), dates and errors are those of ``marsad extract``.
    """
    for (line, origin), index in lines:
        if line.strip():
            yield line_result(line, f"{origin}:{index + 1}", index + 1, settings.ingest, None)


def parquet_items(
    rows: Iterable[tuple[dict[str, Any], int]], origin: str, settings: Settings
) -> Iterator[InputItem]:
    """Documents from ``(row as dict, index)`` pairs of a Parquet input (columns as JSONL fields)."""
    for record, index in rows:
        plain = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
        yield record_document(plain, f"{origin}#{index + 1}", index + 1, settings.ingest)


def warc_items(files: Iterable[tuple[str, bytes]], settings: Settings) -> Iterator[InputItem]:
    """Documents from ``(path, bytes)`` pairs of ``binaryFiles``, parsed by marsad's WARC reader."""
    for origin, data in files:
        yield from read_warc(io.BytesIO(data), origin, settings.ingest)


# ---------------------------------------------------------------------------------------------
# The job


def detect_kind(path: str) -> InputKind:
    """The input kind from the path: *.parquet (or a folder of them), *.warc[.gz], else JSONL."""
    lowered = path.lower().rstrip("/")
    if lowered.endswith(".parquet"):
        return InputKind.PARQUET
    if lowered.endswith((".warc", ".warc.gz")):
        return InputKind.WARC
    local = Path(path)
    if local.is_dir():
        names = [p.name.lower() for p in local.iterdir()]
        if any(n.endswith(".parquet") for n in names):
            return InputKind.PARQUET
        if any(n.endswith((".warc", ".warc.gz")) for n in names):
            return InputKind.WARC
    return InputKind.JSONL


def input_units(spark: Any, path: str, kind: InputKind) -> Any:
    """An RDD of raw input units for ``path``: numbered JSONL lines, numbered Parquet rows or WARC files.

    Units are parsed into documents in the same task that extracts them, so the shuffle that
    spreads a small input over the cores moves plain strings, not documents.
    """
    if kind is InputKind.JSONL:
        return spark.read.text(path).select("value", "_metadata.file_path").rdd.map(tuple).zipWithIndex()
    if kind is InputKind.PARQUET:
        return spark.read.parquet(path).rdd.map(lambda row: row.asDict()).zipWithIndex()
    return spark.sparkContext.binaryFiles(path)


def parse_units(units: Iterable[Any], kind: InputKind, path: str, settings: Settings) -> Iterator[InputItem]:
    if kind is InputKind.JSONL:
        return jsonl_items(units, settings)
    if kind is InputKind.PARQUET:
        return parquet_items(units, path, settings)
    return warc_items(units, settings)


def extract_to_parquet(
    spark: Any,
    input_path: str,
    output_path: str,
    settings: Settings,
    *,
    kind: InputKind = InputKind.AUTO,
    overwrite: bool = False,
) -> JobSummary:
    """Run the pipeline over ``input_path`` and write the records to ``output_path`` (Parquet)."""
    from pyspark.errors import AnalysisException

    kind = detect_kind(input_path) if kind is InputKind.AUTO else kind
    try:
        units = input_units(spark, input_path, kind)
        cores = spark.sparkContext.defaultParallelism
        if units.getNumPartitions() < cores:  # a small input: spread it over the cores
            units = units.repartition(cores)
        rows = units.mapPartitions(
            lambda part: extract_partition(settings, parse_units(part, kind, input_path, settings))
        )
        frame = spark.createDataFrame(rows, spark_schema(RECORD))
        frame.write.mode("overwrite" if overwrite else "errorifexists").parquet(output_path)
    except AnalysisException as exc:  # an input that is not there, an output that already is
        raise ConfigError(f"Spark refused the job: {exc.getMessage() or exc}", code="M011") from exc
    return summarize(spark, output_path)


def summarize(spark: Any, output_path: str) -> JobSummary:
    from pyspark.sql import functions as F

    totals = (
        spark.read.parquet(output_path)
        .agg(
            F.count("*").alias("documents"),
            F.count("error").alias("failed"),
            F.count("dropped").alias("dropped"),
            F.coalesce(F.sum(F.size("events")), F.lit(0)).alias("events"),
        )
        .first()
    )
    return JobSummary(totals["documents"], totals["failed"], totals["dropped"], totals["events"], output_path)


def session(master: str | None, app_name: str = "marsad-extract") -> Any:
    """A SparkSession; ``master`` None keeps whatever spark-submit set."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError("the Spark job needs pyspark: pip install 'marsad[spark]'", code="M014") from exc
    if master and master.startswith("local"):
        # Local executors must run this interpreter (the one with marsad installed).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run_job(
    input_path: str,
    output_path: str,
    *,
    master: str | None = None,
    kind: InputKind = InputKind.AUTO,
    overwrite: bool = False,
    settings: Settings | None = None,
) -> JobSummary:
    """Start (or join) a Spark session, run the extraction, stop the session if we started it."""
    spark = session(master)
    try:
        return extract_to_parquet(
            spark, input_path, output_path, settings or Settings(), kind=kind, overwrite=overwrite
        )
    finally:
        if master:
            spark.stop()


def main(argv: list[str] | None = None) -> int:
    """``spark-submit src/marsad/spark/job.py --input PATH --output PATH [...]``."""
    parser = argparse.ArgumentParser(prog="marsad-spark-extract", description=__doc__.split("\n")[0])
    parser.add_argument("--input", required=True, help="JSONL file/folder, Parquet, or WARC files (globs ok)")
    parser.add_argument("--output", required=True, help="Parquet folder to write")
    parser.add_argument("--format", default="auto", choices=[k.value for k in InputKind])
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: what spark-submit set")
    parser.add_argument("--config", default=None, help="a marsad.toml")
    parser.add_argument("--overwrite", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(Path(args.config) if args.config else None)
        summary = run_job(
            args.input,
            args.output,
            master=args.master,
            kind=InputKind(args.format),
            overwrite=args.overwrite,
            settings=settings,
        )
    except MarsadError as exc:
        log.error("%s", exc)
        return 2
    log.info(
        "%s documents (%s failed, %s dropped), %s events -> %s",
        summary.documents,
        summary.failed,
        summary.dropped,
        summary.events,
        summary.output,
    )
    return 1 if summary.failed else 0


if __name__ == "__main__":
    # Run by path (spark-submit): re-import so the functions shipped to executors are
    # marsad.spark.job's, not __main__'s (see the module docstring).
    from marsad.spark.job import main as _main

    sys.exit(_main())
