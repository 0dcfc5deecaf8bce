"""The marsad command line. Each command parses its options and calls a function that returns data.

Exit codes: 0 success; 1 some inputs failed (the rest were processed); 2 bad usage or
configuration; 3 storage error; 4 nothing could be processed.
"""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from marsad import __version__
from marsad.errors import ConfigError, IngestError, MarsadError
from marsad.settings import Settings, load_settings

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


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="A marsad.toml overriding the defaults.", dir_okay=False)
]


def _settings(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except ConfigError as exc:
        err.print(f"[red]{exc}[/red]")
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
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt .html .jsonl ...); '-' reads stdin.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl (SCHEMA.md) or table.")] = (
        OutputFormat.jsonl
    ),
    config: ConfigOption = None,
) -> None:
    """Extract records from documents and print them (no database): one record per document, in input order."""
    from marsad.assemble.record import to_record
    from marsad.ingest import iter_documents
    from marsad.pipeline import build_pipeline

    settings = _settings(config)
    pipeline = build_pipeline(settings)
    processed = failed = 0
    for item in iter_documents(paths, settings.ingest):
        if isinstance(item, IngestError):
            failed += 1
            err.print(f"[yellow]skipped[/yellow] {item}")
            continue
        try:
            article = pipeline.process(item)
        except MarsadError as exc:
            failed += 1
            err.print(f"[red]failed[/red] {exc}")
            continue
        processed += 1
        record = to_record(article)
        if output_format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            _print_record_table(record)
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
            event["event_type"], event["sub_event_type"],
            (event["location"] or {}).get("name") or "", event["date"] or "",
            (event["actor1"] or {}).get("name") or "", str(event["fatalities"] or ""),
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
        typer.echo(f"{spec.name:24s} v{spec.version}  requires={sorted(spec.requires)} assigns={sorted(spec.assigns)}")
    typer.echo(f"ok: {len(pipeline.stages)} stages, pipeline version {pipeline.version}")


def main() -> None:
    app()
