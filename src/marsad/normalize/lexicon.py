"""Read the TSV word lists in ``marsad/lexicons``: a ``# source:`` comment, a header, then rows.

Every lexicon file has the same shape, so one reader serves them all::

    # source: marsad authors, Modern Standard Arabic number words
    word	value	kind
    ثلاثه	3	unit

Lines starting with ``#`` and blank lines are skipped; each row becomes a dict keyed by the
header. Match keys are stored folded (``fold(key) == key``); tests check every file.
"""

from __future__ import annotations

import functools
from importlib import resources

from marsad.errors import ConfigError

PACKAGE = "marsad.lexicons"


@functools.cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``lexicons/<name>`` as dicts keyed by its header line (cached, read-only)."""
    try:
        text = resources.files("marsad").joinpath("lexicons", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"lexicon {name!r} is missing from marsad/lexicons", code="M013") from exc
    return tuple(_parse(text, name))


def _parse(text: str, name: str) -> list[dict[str, str]]:
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ConfigError(
                f"lexicon {name!r} line {number}: {len(cells)} columns, header has {len(header)}",
                code="M013",
            )
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def source_line(name: str) -> str | None:
    """The ``# source:`` comment of a lexicon file, if it has one."""
    text = resources.files("marsad").joinpath("lexicons", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("# source:"):
            return line[len("# source:") :].strip()
    return None
