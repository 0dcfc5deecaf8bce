"""Read the TSV word lists in ``marsad/lexicons``: ``#`` comments (one ``# source:``), a header, rows.

Every lexicon file has the same shape, so one reader serves them all::

    # source: marsad authors, Modern Standard Arabic number words
    word	value	kind
    ثلاثه	3	unit

Blank lines and lines starting with ``#`` are skipped; each row becomes a dict keyed by the
header (cells stripped; a row with fewer cells than the header gets ``""`` for the rest, one
with more is an error). Match keys are stored folded (``fold(key) == key``) so that loading
costs no normalization; the lexicon tests check every file for that and for duplicates.
Files are package data and never change at run time, so reads are cached.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from importlib import resources

from marsad.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WordList:
    """One lexicon file: its name, its columns, its rows (column -> cell, '' when empty), its source."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    source: str

    def column(self, name: str) -> list[str]:
        return [row[name] for row in self.rows]


@functools.cache
def read_wordlist(name: str) -> WordList:
    """Parse ``marsad/lexicons/<name>`` (cached)."""
    try:
        text = resources.files("marsad").joinpath("lexicons", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"lexicon file lexicons/{name} is missing from the package", code="M013") from exc
    return parse_wordlist(name, text)


def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``lexicons/<name>`` as dicts keyed by its header line (cached, read-only)."""
    return read_wordlist(name).rows


def source_line(name: str) -> str | None:
    """The ``# source:`` comment of a lexicon file, if it has one."""
    return read_wordlist(name).source or None


def word_set(name: str, column: str | None = None) -> frozenset[str]:
    """The keys of a one-column list (or of ``column``) as a set."""
    words = read_wordlist(name)
    return frozenset(words.column(column or words.columns[0]))


def parse_wordlist(name: str, text: str) -> WordList:
    """Parse the text of a lexicon file (split out so tests can feed it their own)."""
    source = ""
    columns: tuple[str, ...] = ()
    rows: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if line[1:].strip().startswith("source:"):
                source = line[1:].strip()[len("source:") :].strip()
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not columns:
            columns = tuple(cells)
            continue
        if len(cells) > len(columns):
            raise ConfigError(
                f"lexicons/{name} line {number}: {len(cells)} cells, header has {len(columns)}", code="M013"
            )
        rows.append(dict(zip(columns, cells + [""] * (len(columns) - len(cells)), strict=True)))
    if not columns:
        raise ConfigError(f"lexicons/{name} has no header line", code="M013")
    log.debug("loaded lexicons/%s: %d rows", name, len(rows))
    return WordList(name, columns, tuple(rows), source)
