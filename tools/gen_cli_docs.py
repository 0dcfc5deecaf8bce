"""Write docs/cli.md from the commands' own --help texts (tests/test_cli.py checks it is current).

Usage: .venv/bin/python tools/gen_cli_docs.py
"""

from __future__ import annotations

from pathlib import Path

import click
import typer

from marsad.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 100

HEADER = """# marsad command line

Generated from `--help` by `tools/gen_cli_docs.py`; do not edit by hand.

Exit codes: 0 success; 1 some inputs failed (the rest were processed); 2 bad usage or
configuration; 3 storage error; 4 nothing could be processed.

Every command takes `--config FILE` (a `marsad.toml`); the store commands take `--db`, a
SQLite file path or a `postgresql://` URL, which overrides `store.url` and `MARSAD_DB`.
Without either, the store is `marsad.db` in the user data folder (`marsad demo` uses
`demo.db` there). Filters are shared by `events` and `export`.
"""


def _help(command: click.Command, path: list[str], parent: click.Context | None) -> str:
    context = click.Context(
        command, info_name=path[-1], parent=parent, terminal_width=WIDTH, max_content_width=WIDTH
    )
    return command.get_help(context)


def _sections(command: click.Command, path: list[str], parent: click.Context | None = None) -> list[str]:
    context = click.Context(command, info_name=path[-1], parent=parent)
    title = " ".join(path)
    sections = [f"## `{title}`\n\n```text\n{_help(command, path, parent)}\n```\n"]
    if hasattr(command, "list_commands"):  # a group (typer may vendor its own click classes)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                sections += _sections(sub, [*path, name], context)
    return sections


def render() -> str:
    """The full text of docs/cli.md."""
    root = typer.main.get_command(app)
    return HEADER + "\n" + "\n".join(_sections(root, ["marsad"]))


def main() -> None:
    DOCS.write_text(render(), encoding="utf-8")
    print(f"wrote {DOCS}")


if __name__ == "__main__":
    main()
