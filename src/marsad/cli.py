"""The marsad command line. Each command parses its options and calls a function that returns data.

Exit codes: 0 success; 1 some inputs failed (the rest were processed); 2 bad usage or
configuration; 3 storage error; 4 nothing could be processed.

Every command takes ``--config``; commands that use the store take ``--db`` (a SQLite file
path or a ``postgresql://`` URL), which overrides ``store.url`` and ``MARSAD_DB``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from marsad import __version__
from marsad.errors import ConfigError, IngestError, MarsadError, StorageError
from marsad.event import EventType, Place, SubEventType, TruceKind
from marsad.settings import Settings, load_settings

if TYPE_CHECKING:
    from marsad.store import EventFilter, EventRow, Store
    from marsad.store.batch import IngestSummary
    from marsad.store.tracking import ContradictionRow, IncidentDetail, IncidentRow, TruceRow

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_STORAGE, EXIT_NOTHING = 0, 1, 2, 3, 4

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): Arabic conflict news -> events, places, actors, claims and ceasefires.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
pipeline_app = typer.Typer(help="Inspect the extraction pipeline.", no_args_is_help=True)
app.add_typer(pipeline_app, name="pipeline")

err = Console(stderr=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="A marsad.toml overriding the defaults.", dir_okay=False)
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", "-w", min=1, help="Worker processes (default: extract.workers; 1: in this one)."
    ),
]


def _settings(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except ConfigError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(EXIT_USAGE) from exc


def _version(value: bool) -> None:
    if value:
        typer.echo(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (.txt .html .jsonl ...); '-' reads stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl (SCHEMA.md) or table.")
    ] = (OutputFormat.jsonl),
    workers: WorkersOption = None,
    config: ConfigOption = None,
) -> None:
    """Extract records from documents and print them (no database): one per document, in input order."""
    from marsad.ingest import iter_documents
    from marsad.parallel import extract_json_lines, extract_records

    settings = _settings(config).with_overrides("extract", workers=workers)
    items = iter_documents(paths, settings.ingest)
    jsonl = output_format is OutputFormat.jsonl
    results = extract_json_lines(items, settings) if jsonl else extract_records(items, settings)
    processed = failed = 0
    for result in results:
        if isinstance(result, MarsadError):
            failed += 1
            what = "[yellow]skipped[/yellow]" if isinstance(result, IngestError) else "[red]failed[/red]"
            err.print(f"{what} {escape(str(result))}")
            continue
        processed += 1
        if isinstance(result, str):
            sys.stdout.write(result + "\n")
        else:
            _print_record_table(result)
    sys.stdout.flush()
    if failed:
        raise typer.Exit(EXIT_PARTIAL if processed else EXIT_NOTHING)


def _print_record_table(record: dict[str, object]) -> None:
    from rich.table import Table

    out = Console()
    table = Table(title=f"{record['doc_id']}: {record.get('title') or ''}")
    for column in ("type", "sub-type", "place", "date", "actor1", "killed", "evidence"):
        table.add_column(column)
    for event in record["events"]:  # type: ignore[attr-defined]
        table.add_row(
            event["event_type"],
            event["sub_event_type"],
            (event["location"] or {}).get("name") or "",
            event["date"] or "",
            (event["actor1"] or {}).get("name") or "",
            str(event["fatalities"] or ""),
            event["evidence"][:80],
        )
    out.print(table)


@pipeline_app.command("check")
def pipeline_check(config: ConfigOption = None) -> None:
    """Build the pipeline, check the stage order, and list each stage with what it requires and assigns."""
    from marsad.pipeline import build_pipeline

    pipeline = build_pipeline(_settings(config))
    for item in pipeline.stages:
        spec = item.spec
        typer.echo(
            f"{spec.name:24s} v{spec.version}  "
            f"requires={sorted(spec.requires)} assigns={sorted(spec.assigns)}"
        )
    typer.echo(f"ok: {len(pipeline.stages)} stages, pipeline version {pipeline.version}")


# --- the store ---------------------------------------------------------------------------

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite file path or a postgresql:// URL (overrides store.url)."),
]


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


@contextmanager
def _open_store(settings: Settings, db: str | None, default_name: str | None = None) -> Iterator[Store]:
    """The store named by ``--db`` or the settings; storage errors exit with code 3."""
    from marsad.store import DEFAULT_DB_NAME, open_store

    url = settings.store.url if db is None else db
    try:
        store = open_store(
            url, busy_timeout_s=settings.store.busy_timeout_s, default_name=default_name or DEFAULT_DB_NAME
        )
    except StorageError as exc:
        _fail(exc, EXIT_STORAGE)
    try:
        yield store
    except StorageError as exc:
        _fail(exc, EXIT_STORAGE)
    finally:
        store.close()


def _fail(exc: MarsadError | str, code: int) -> typer.Exit:
    err.print(f"[red]{escape(str(exc))}[/red]")
    raise typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (.txt .html .jsonl ...); '-' reads stdin.")
    ],
    db: DbOption = None,
    reprocess: Annotated[
        bool,
        typer.Option("--reprocess", help="Extract again documents already stored, replacing their rows."),
    ] = False,
    output_format: Annotated[
        TableOrJson, typer.Option("--format", "-f", help="Summary as a table or JSON.")
    ] = (TableOrJson.table),
    workers: WorkersOption = None,
    config: ConfigOption = None,
) -> None:
    """Extract documents and save them in the store; the same document twice is stored once."""
    settings = _settings(config).with_overrides("extract", workers=workers)
    with _open_store(settings, db) as store:
        summary = _ingest(store, paths, settings, reprocess)
    _print_summary(summary, output_format)
    _exit_for(summary)


def _ingest(store: Store, paths: list[str], settings: Settings, reprocess: bool) -> IngestSummary:
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from marsad.ingest import iter_documents
    from marsad.parallel import extract_articles
    from marsad.pipeline import pipeline_version
    from marsad.store.batch import ingest

    version = pipeline_version()  # the pipeline itself is built where it runs (in each worker)
    columns = (
        SpinnerColumn(),
        TextColumn("ingesting"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("", total=None)

        def advance(origin: str, _status: object) -> None:
            progress.update(task, advance=1, description=Path(origin).name[:60])

        return ingest(
            store,
            iter_documents(paths, settings.ingest),
            lambda items: extract_articles(items, settings),
            version,
            reprocess=reprocess,
            on_item=advance,
        )


def _print_summary(summary: IngestSummary, output_format: TableOrJson) -> None:
    from rich.table import Table

    if output_format is TableOrJson.json:
        typer.echo(json.dumps(summary.as_record(), ensure_ascii=False))
        return
    for failure in summary.failures:
        err.print(
            f"[yellow]failed[/yellow] {escape(failure.origin)}: "
            f"{escape(f'[{failure.code}]')} {escape(failure.reason)}"
        )
    table = Table(title="ingest")
    table.add_column("outcome")
    table.add_column("documents", justify="right")
    for status, count in summary.counts.items():
        table.add_row(status.value, str(count))
    table.add_row("failed", str(summary.failed))
    table.add_row("events written", str(summary.events))
    Console().print(table)


def _exit_for(summary: IngestSummary) -> None:
    if summary.total == 0:
        _fail("no documents found in the given paths", EXIT_NOTHING)
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL if summary.failed < summary.total else EXIT_NOTHING)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from exc


TypeOption = Annotated[
    list[EventType] | None,
    typer.Option("--type", "-t", metavar="TYPE", help="Event type, e.g. battles (repeatable)."),
]
SubTypeOption = Annotated[
    list[SubEventType] | None,
    typer.Option(
        "--sub-type", "-s", metavar="SUB_TYPE", help="Sub-event type, e.g. air_drone_strike (repeatable)."
    ),
]
PlaceOption = Annotated[
    str | None, typer.Option("--place", help="Text in the place name (Arabic or English).")
]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Text in either actor's name.")]
CountryOption = Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-2 code, e.g. SY.")]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Events on or before this date (YYYY-MM-DD).")
]
SourceOption = Annotated[str | None, typer.Option("--source", help="Only this outlet (as stored).")]
TextOption = Annotated[str | None, typer.Option("--text", help="Words that must occur in the evidence.")]
BBoxOption = Annotated[str | None, typer.Option("--bbox", help="Map box: west,south,east,north (degrees).")]


def _event_filter(
    types: list[EventType] | None,
    sub_types: list[SubEventType] | None,
    place: str | None,
    actor: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    source: str | None,
    text: str | None,
    bbox: str | None,
) -> EventFilter:
    from marsad.store import BBox, EventFilter

    try:
        box = BBox.parse(bbox) if bbox else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--bbox") from exc
    return EventFilter(
        event_types=tuple(types or ()),
        sub_event_types=tuple(sub_types or ()),
        place=place,
        actor=actor,
        country=country,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        source=source,
        text=text,
        bbox=box,
    )


@app.command()
def events(
    types: TypeOption = None,
    sub_types: SubTypeOption = None,
    place: PlaceOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceOption = None,
    text: TextOption = None,
    bbox: BBoxOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10_000, help="At most this many.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    output_format: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json.")] = (
        TableOrJson.table
    ),
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List stored events, newest first, filtered by type, place, actor, country and date."""
    settings = _settings(config)
    event_filter = _event_filter(types, sub_types, place, actor, country, since, until, source, text, bbox)
    with _open_store(settings, db) as store:
        rows = store.list_events(event_filter, limit=limit, offset=offset)
        total = store.count_events(event_filter)
    if output_format is TableOrJson.json:
        typer.echo(json.dumps([row.as_record() for row in rows], ensure_ascii=False))
        return
    _print_events_table(rows, total, offset)


def _print_events_table(rows: list[EventRow], total: int, offset: int) -> None:
    from rich.table import Table

    table = Table(title=f"events {offset + 1 if rows else 0}-{offset + len(rows)} of {total}")
    for column in ("id", "date", "sub-type", "place", "actor1", "killed", "source", "evidence"):
        table.add_column(column)
    for row in rows:
        place = (row.place.name_en or row.place.name) if row.place else ""
        table.add_row(
            str(row.id),
            row.date.isoformat() if row.date else "",
            row.sub_event_type,
            escape(place),
            escape(row.actor1_en or row.actor1 or ""),
            "" if row.fatalities is None else str(row.fatalities),
            escape(row.source or ""),
            escape(row.evidence[:80]),
        )
    Console().print(table)


class ExportChoice(StrEnum):
    csv = "csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(
    export_format: Annotated[
        ExportChoice, typer.Option("--format", "-f", help="File format.")
    ] = ExportChoice.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write here (default: stdout).")
    ] = None,
    types: TypeOption = None,
    sub_types: SubTypeOption = None,
    place: PlaceOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceOption = None,
    text: TextOption = None,
    bbox: BBoxOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Export stored events: CSV (ACLED column names), GeoJSON points, JSON Lines or Parquet."""
    from marsad.store.export import ExportFormat, export_events

    fmt = ExportFormat(export_format.value)
    if fmt.is_binary and output is None:
        raise typer.BadParameter("Parquet needs a file: add --output FILE.parquet", param_hint="--output")
    settings = _settings(config)
    event_filter = _event_filter(types, sub_types, place, actor, country, since, until, source, text, bbox)
    with _open_store(settings, db) as store:
        try:
            result = export_events(store.iter_events(event_filter), fmt, output or sys.stdout)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
    sys.stdout.flush()
    skipped = f" ({result.skipped} without coordinates left out)" if result.skipped else ""
    err.print(f"exported {result.written} events{skipped}")


@app.command()
def stats(
    output_format: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json.")] = (
        TableOrJson.table
    ),
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Counts: documents, events per type, drops per reason, failed inputs, events per day."""
    settings = _settings(config)
    with _open_store(settings, db) as store:
        result = store.stats()
    if output_format is TableOrJson.json:
        typer.echo(json.dumps(result.as_record(), ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title="store", show_header=False)
    for label in ("documents", "dropped", "events", "claims", "truces", "places", "failures"):
        table.add_row(label, str(getattr(result, label)))
    for title, counts in (
        ("events by type", result.events_by_type),
        ("drops by reason", result.drops_by_reason),
        ("failures by code", result.failures_by_code),
    ):
        for key, count in counts.items():
            table.add_row(f"{title}: {escape(key)}", str(count))
    if result.first_event:
        table.add_row("event dates", f"{result.first_event} .. {result.last_event}")
    Console().print(table)


HostOption = Annotated[str | None, typer.Option("--host", help="Address to bind (default: server.host).")]
PortOption = Annotated[
    int | None, typer.Option("--port", min=1, max=65535, help="Port (default: server.port).")
]


@app.command()
def serve(
    host: HostOption = None,
    port: PortOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the API and the dashboard over the store (127.0.0.1 by default)."""
    settings = _settings(config).with_overrides("server", host=host, port=port)
    with _open_store(settings, db) as store:
        _serve(settings, store)


def _serve(settings: Settings, store: Store) -> None:
    import uvicorn

    from marsad.api.app import create_app

    try:
        application = create_app(settings, store)
    except MarsadError as exc:
        raise _fail(exc, EXIT_USAGE) from exc
    err.print(f"serving {escape(repr(store))} on http://{settings.server.host}:{settings.server.port}/")
    uvicorn.run(application, host=settings.server.host, port=settings.server.port, log_level="warning")


@app.command()
def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Ingest the demo corpus and stop.")] = False,
    host: HostOption = None,
    port: PortOption = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Demo database (default: demo.db in the user data folder).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Ingest the bundled demo corpus (invented Arabic news) into a demo database, then serve it."""
    from marsad.demo import corpus_paths
    from marsad.store import DEMO_DB_NAME

    settings = _settings(config).with_overrides("server", host=host, port=port)
    with _open_store(settings, db or "", default_name=DEMO_DB_NAME) as store:
        summary = _ingest(store, [str(p) for p in corpus_paths()], settings, reprocess=False)
        _print_summary(summary, TableOrJson.table)
        if not no_serve:
            _serve(settings, store)


# --- Spark ------------------------------------------------------------------------------------

spark_app = typer.Typer(help="Run the pipeline on Apache Spark (needs pyspark, Java).", no_args_is_help=True)
app.add_typer(spark_app, name="spark")


class SparkInput(StrEnum):
    auto = "auto"
    jsonl = "jsonl"
    parquet = "parquet"
    warc = "warc"


@spark_app.command("extract")
def spark_extract(
    input_path: Annotated[str, typer.Option("--input", help="JSONL, Parquet or WARC: file, folder or glob.")],
    output: Annotated[str, typer.Option("--output", help="Parquet folder to write (SCHEMA.md layout).")],
    master: Annotated[str, typer.Option("--master", help="Spark master URL.")] = "local[*]",
    input_format: Annotated[SparkInput, typer.Option("--format", help="Input kind.")] = SparkInput.auto,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the output folder.")] = False,
    config: ConfigOption = None,
) -> None:
    """Extract records with Spark and write them as Parquet, one row per document (docs/scale.md)."""
    from marsad.spark.job import InputKind, run_job

    settings = _settings(config)
    try:
        summary = run_job(
            input_path,
            output,
            master=master,
            kind=InputKind(input_format.value),
            overwrite=overwrite,
            settings=settings,
        )
    except MarsadError as exc:
        _fail(exc, EXIT_USAGE)
    err.print(
        f"{summary.documents} documents ({summary.failed} failed, {summary.dropped} dropped), "
        f"{summary.events} events -> {escape(summary.output)}"
    )
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL if summary.failed < summary.documents else EXIT_NOTHING)


# --- Gazetteer ---------------------------------------------------------------------------------

gazetteer_app = typer.Typer(help="Inspect and extend the place gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


class GazetteerFormat(StrEnum):
    geonames = "geonames"
    ocha = "ocha"


@gazetteer_app.command("import")
def gazetteer_import(
    path: Annotated[Path, typer.Argument(help="GeoNames dump (.txt) or OCHA table (.csv).", exists=True)],
    source_format: Annotated[GazetteerFormat, typer.Option("--format", help="geonames or ocha.")],
    alternate_names: Annotated[
        Path | None, typer.Option("--alternate-names", help="GeoNames alternateNamesV2 file (Arabic names).")
    ] = None,
    countries: Annotated[str | None, typer.Option("--countries", help="ISO2 codes, e.g. SY,IQ.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="OCHA: ISO2 country of the table.")] = None,
    min_population: Annotated[int, typer.Option("--min-population", help="Smallest kept.")] = 0,
) -> None:
    """Import villages and admin areas into the gazetteer (used by every later extract/ingest)."""
    from marsad.extract.gazetteer import import_geonames, import_ocha_csv

    wanted = {c.strip().upper() for c in countries.split(",") if c.strip()} if countries else None
    try:
        if source_format is GazetteerFormat.geonames:
            report = import_geonames(
                path, alternate_names=alternate_names, countries=wanted, min_population=min_population
            )
        else:
            report = import_ocha_csv(path, country=country)
    except (MarsadError, OSError, ValueError) as exc:
        raise _fail(exc if isinstance(exc, MarsadError) else f"{path}: {exc}", EXIT_USAGE) from exc
    typer.echo(
        f"imported {report.places} places ({report.names} names, {report.without_coordinates} without "
        f"coordinates) from {report.source} into {report.output}"
    )


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name, in Arabic or English.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or jsonl.")] = (
        OutputFormat.table
    ),
) -> None:
    """List the gazetteer entries a name can refer to (kind, country, admin1, coordinates)."""
    from marsad.extract.gazetteer import load_gazetteer

    entries = load_gazetteer().lookup(name)
    if not entries:
        raise _fail(f"no gazetteer entry for {name!r}", EXIT_NOTHING)
    for entry in entries:
        record = {
            "id": entry.gid,
            "name_en": entry.name_en,
            "kind": entry.kind.value,
            "country": entry.country,
            "admin1": entry.admin1,
            "lat": entry.lat,
            "lon": entry.lon,
            "population": entry.population,
        }
        if output_format is OutputFormat.jsonl:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo("\t".join("" if v is None else str(v) for v in record.values()))


# --- Ceasefires, incidents, contradictions (issue 7) -------------------------------------------
#
# The cross-article results are recomputed after every ingest batch; these commands read them
# (marsad.store.tracking) and declare truces from a file.

truce_app = typer.Typer(
    help="Declare truces from a YAML/JSON file (the registry also holds truces read in the news).",
    no_args_is_help=True,
)
app.add_typer(truce_app, name="truce")

FormatOption = Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, max=10_000, help="At most this many.")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")]


class GradeChoice(StrEnum):
    """The incident grades (marsad.dedup.incidents.Grade; kept here so --help stays fast)."""

    single_source = "single_source"
    corroborated = "corroborated"
    contested = "contested"


class OriginChoice(StrEnum):
    extracted = "extracted"
    user = "user"


def _place_resolver() -> Callable[[str], Place | None]:
    """A truce file's place names -> gazetteer places (see ``Geoparser.resolve_name``)."""
    from marsad.extract.gazetteer import Geoparser, load_gazetteer

    return Geoparser(load_gazetteer()).resolve_name


def _emit_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False))


@truce_app.command("add")
def truce_add(
    file: Annotated[
        Path, typer.Argument(help="A truce file (.yaml, .yml or .json); see docs/ceasefires.md.")
    ],
    output_format: FormatOption = TableOrJson.table,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Add the truces of a file (replacing those with the same id) and recompute their violations."""
    from marsad.assemble.ceasefire_file import load_truce_file
    from marsad.store.tracking import add_user_truces

    settings = _settings(config)
    try:
        records = load_truce_file(file, _place_resolver())
    except ConfigError as exc:
        raise _fail(exc, EXIT_USAGE) from exc
    with _open_store(settings, db) as store:
        try:
            summary = add_user_truces(store, records, source_file=str(file))
        except ConfigError as exc:
            raise _fail(exc, EXIT_USAGE) from exc
    if output_format is TableOrJson.json:
        _emit_json({"added": [r.truce_id for r in records], "recompute": summary.as_record()})
        return
    for record in records:
        typer.echo(f"added {record.truce_id}: {record.name}")
    typer.echo(
        f"{summary.violations} violations, {summary.undetermined} undetermined in {summary.truces} truces"
    )


@truce_app.command("remove")
def truce_remove(
    truce_id: Annotated[str, typer.Argument(help="The id of a truce added from a file.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Remove a truce added from a file, and recompute (extracted truces come and go with the news)."""
    from marsad.store.tracking import remove_user_truce

    with _open_store(_settings(config), db) as store:
        summary = remove_user_truce(store, truce_id)
    if summary is None:
        raise _fail(f"no truce {truce_id!r} was added from a file", EXIT_NOTHING)
    typer.echo(f"removed {truce_id}; {summary.truces} truces left")


@app.command()
def truces(
    kind: Annotated[
        TruceKind | None, typer.Option("--kind", help="ceasefire, calm, corridor or evacuation.")
    ] = None,
    origin: Annotated[OriginChoice | None, typer.Option("--origin", help="extracted or user.")] = None,
    active_on: Annotated[
        str | None, typer.Option("--active-on", help="Checked on this day (YYYY-MM-DD).")
    ] = None,
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
    output_format: FormatOption = TableOrJson.table,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List the truce registry: zones, window, parties and violation totals of each truce."""
    from marsad.assemble.ceasefire import TruceOrigin
    from marsad.store.tracking import list_truces

    day = _date(active_on, "--active-on")
    with _open_store(_settings(config), db) as store:
        rows = list_truces(
            store.engine,
            kind=kind,
            origin=TruceOrigin(origin.value) if origin else None,
            active_on=day,
            limit=limit,
            offset=offset,
        )
    if output_format is TableOrJson.json:
        _emit_json([row.as_record() for row in rows])
        return
    _print_truces(rows)


def _print_truces(rows: list[TruceRow]) -> None:
    from rich.table import Table

    table = Table(title=f"truces ({len(rows)})")
    for column in (
        "id",
        "kind",
        "origin",
        "start",
        "end",
        "zones",
        "excluded",
        "parties",
        "violations",
        "undet.",
    ):
        table.add_column(column)
    for row in rows:
        end = row.end.isoformat() if row.end else f"open (checked to {row.checked_until or '-'})"
        table.add_row(
            escape(row.truce_id),
            row.kind.value,
            row.origin.value,
            row.start.isoformat() + ("*" if row.start_inferred else ""),
            end,
            escape("، ".join(z.name for z in row.zones)),
            escape("، ".join(z.name for z in row.exclusions)),
            escape("، ".join(row.parties)),
            f"{row.incidents} ({row.reports} reports)",
            str(row.undetermined),
        )
    Console().print(table)


@app.command()
def violations(
    truce: Annotated[
        str | None, typer.Option("--truce", help="Only this truce (an id from `marsad truces`).")
    ] = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    undetermined: Annotated[
        bool, typer.Option("--undetermined", help="List the events that could not be decided, with why.")
    ] = False,
    counts: Annotated[
        bool, typer.Option("--counts", help="Violations of --truce per party, zone and day (incidents once).")
    ] = False,
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
    output_format: FormatOption = TableOrJson.table,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List truce violations (violent events in a truce's zone during its window), newest first."""
    if counts and truce is None:
        raise typer.BadParameter("--counts needs --truce ID", param_hint="--counts")
    with _open_store(_settings(config), db) as store:
        if counts:
            assert truce is not None
            _show_counts(store, truce, output_format)
        elif undetermined:
            _show_undetermined(store, truce, limit, offset, output_format)
        else:
            _show_violations(
                store,
                truce,
                actor,
                (_date(since, "--since"), _date(until, "--until")),
                limit,
                offset,
                output_format,
            )


def _show_violations(
    store: Store,
    truce: str | None,
    actor: str | None,
    period: tuple[dt.date | None, dt.date | None],
    limit: int,
    offset: int,
    output_format: TableOrJson,
) -> None:
    from rich.table import Table

    from marsad.store.tracking import list_violations

    since, until = period
    rows = list_violations(
        store.engine, truce_id=truce, actor=actor, since=since, until=until, limit=limit, offset=offset
    )
    if output_format is TableOrJson.json:
        _emit_json([row.as_record() for row in rows])
        return
    table = Table(title=f"violations ({len(rows)})")
    for column in ("day", "truce", "zone", "place", "sub-type", "actor", "party", "incident", "evidence"):
        table.add_column(column)
    for row in rows:
        party = "" if row.actor_is_party is None else ("yes" if row.actor_is_party else "no")
        table.add_row(
            row.day.isoformat() + ("*" if row.date_from_published else ""),
            escape(row.truce_id),
            escape(row.zone),
            escape(row.place_name or ""),
            row.sub_event_type.value,
            escape(row.actor or "unattributed"),
            party,
            row.incident_id or "",
            escape(row.evidence[:70]),
        )
    Console().print(table)


def _show_undetermined(
    store: Store, truce: str | None, limit: int, offset: int, output_format: TableOrJson
) -> None:
    from rich.table import Table

    from marsad.store.tracking import list_undetermined

    rows = list_undetermined(store.engine, truce_id=truce, limit=limit, offset=offset)
    if output_format is TableOrJson.json:
        _emit_json([row.as_record() for row in rows])
        return
    table = Table(title=f"undetermined ({len(rows)})")
    for column in ("day", "truce", "reason", "place", "sub-type", "doc", "evidence"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row.day.isoformat() if row.day else "",
            escape(row.truce_id),
            row.reason.value,
            escape(row.place_name or ""),
            row.sub_event_type.value,
            escape(row.doc_id),
            escape(row.evidence[:70]),
        )
    Console().print(table)


def _show_counts(store: Store, truce: str, output_format: TableOrJson) -> None:
    from rich.table import Table

    from marsad.store.tracking import violation_counts

    counts = violation_counts(store.engine, truce)
    if counts is None:
        raise _fail(f"no truce {truce!r} in the registry (see `marsad truces`)", EXIT_NOTHING)
    if output_format is TableOrJson.json:
        _emit_json(counts.as_record())
        return
    totals = f"{counts.incidents} incidents, {counts.reports} reports, {counts.undetermined} undetermined"
    table = Table(title=escape(f"{truce}: {totals}"))
    table.add_column("by")
    table.add_column("value")
    table.add_column("incidents", justify="right")
    for label, tally in (("party", counts.by_party), ("zone", counts.by_zone), ("day", counts.by_day)):
        for value, n in tally:
            table.add_row(label, escape(str(value)), str(n))
    Console().print(table)


@app.command()
def incidents(
    grade: Annotated[
        GradeChoice | None, typer.Option("--grade", help="Only incidents of this grade.")
    ] = None,
    place: PlaceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_sources: Annotated[
        int | None, typer.Option("--min-sources", min=1, help="At least this many independent sources.")
    ] = None,
    incident_id: Annotated[
        str | None, typer.Option("--id", help="Show one incident: its reports side by side.")
    ] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    output_format: FormatOption = TableOrJson.table,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List incidents (one per real-world event, however many articles report it), newest first."""
    from marsad.dedup.incidents import Grade
    from marsad.store.tracking import get_incident, list_incidents

    with _open_store(_settings(config), db) as store:
        if incident_id is not None:
            detail = get_incident(store.engine, incident_id)
            if detail is None:
                raise _fail(f"no incident {incident_id!r}", EXIT_NOTHING)
            _show_incident(detail, output_format)
            return
        rows = list_incidents(
            store.engine,
            grade=Grade(grade.value) if grade else None,
            place=place,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            min_sources=min_sources,
            limit=limit,
            offset=offset,
        )
    if output_format is TableOrJson.json:
        _emit_json([row.as_record() for row in rows])
        return
    _print_incidents(rows)


def _print_incidents(rows: list[IncidentRow]) -> None:
    from rich.table import Table

    table = Table(title=f"incidents ({len(rows)})")
    for column in ("id", "days", "family", "place", "grade", "sources", "reports", "killed", "outlets"):
        table.add_column(column)
    for row in rows:
        days = f"{row.first_day or ''}" + (f"..{row.last_day}" if row.last_day != row.first_day else "")
        table.add_row(
            row.incident_id,
            days,
            row.family.value,
            escape(row.place.name if row.place else ""),
            row.grade.value,
            str(row.independent_sources),
            str(row.reports),
            str(row.fatalities or ""),
            escape(", ".join(row.outlets)),
        )
    Console().print(table)


def _show_incident(detail: IncidentDetail, output_format: TableOrJson) -> None:
    from rich.table import Table

    if output_format is TableOrJson.json:
        _emit_json(detail.as_record())
        return
    incident = detail.incident
    where = incident.place.name if incident.place else "?"
    title = (
        f"{incident.incident_id} {incident.family.value} at {where}: {incident.grade.value}, "
        f"{incident.independent_sources} independent sources, killed {incident.fatalities or '?'}"
    )
    table = Table(title=escape(title))
    for column in ("doc", "outlet", "copy of", "date", "sub-type", "place", "actor", "killed", "evidence"):
        table.add_column(column)
    for member in detail.members:
        table.add_row(
            escape(member.doc_id),
            escape(member.source or ""),
            escape("" if member.copy_group == member.doc_id else member.copy_group),
            member.date.isoformat() if member.date else "",
            member.sub_event_type.value,
            escape(member.place_name or ""),
            escape(member.actor or ""),
            "" if member.fatalities is None else str(member.fatalities),
            escape(member.evidence[:70]),
        )
    Console().print(table)
    for reason in incident.reasons:
        typer.echo(f"contested: {reason}")


@app.command()
def contradictions(
    incident: Annotated[
        str | None, typer.Option("--incident", help="Only those about this incident.")
    ] = None,
    doc: Annotated[
        str | None, typer.Option("--doc", help="Only those with this document on either side.")
    ] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    output_format: FormatOption = TableOrJson.table,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List denials next to the reports they deny, each side with its sentence and source."""
    from marsad.store.tracking import list_contradictions

    with _open_store(_settings(config), db) as store:
        rows = list_contradictions(store.engine, incident_id=incident, doc_id=doc, limit=limit, offset=offset)
    if output_format is TableOrJson.json:
        _emit_json([row.as_record() for row in rows])
        return
    _print_contradictions(rows)


def _print_contradictions(rows: list[ContradictionRow]) -> None:
    from rich.table import Table

    table = Table(title=f"contradictions ({len(rows)})")
    for column in ("denied by", "denial", "period", "report", "report doc", "date", "incident"):
        table.add_column(column)
    for row in rows:
        denial, report = row.denial, row.report
        table.add_row(
            escape(denial.speaker or denial.source or denial.doc_id),
            escape(denial.text[:60]),
            f"{denial.first_day}..{denial.last_day}",
            escape(report.evidence[:60]),
            escape(f"{report.doc_id} ({report.source or '?'})"),
            str(report.first_day or ""),
            row.incident_id or "",
        )
    Console().print(table)


@app.command()
def recompute(
    output_format: FormatOption = TableOrJson.table,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Recompute copies, incidents, contradictions and truce violations over the whole store."""
    from marsad.store.tracking import recompute_tracking

    with _open_store(_settings(config), db) as store:
        summary = recompute_tracking(store)
    if output_format is TableOrJson.json:
        _emit_json(summary.as_record())
        return
    typer.echo(", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in summary.as_record().items()))


def main() -> None:
    app()
