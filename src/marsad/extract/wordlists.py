"""Loading the TSV word lists in ``marsad/lexicons`` that the actor, trigger, claim and truce code use.

Every file has ``#`` comment lines (one of them ``# source: ...``), then a header line naming
the columns, then one entry a line. Match keys are stored already folded
(``marsad.normalize.fold(key) == key``) so that loading costs no normalization; the lexicon
tests check that, and that no key appears twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WordList:
    """One lexicon file: its name, its columns and its rows (column name -> cell, '' when empty)."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    source: str

    def column(self, name: str) -> list[str]:
        return [row[name] for row in self.rows]


def read_wordlist(name: str) -> WordList:
    """Parse ``marsad/lexicons/<name>`` (cached; the files are package data and never change at run time)."""
    return _read(name)


@lru_cache(maxsize=64)
def _read(name: str) -> WordList:
    try:
        text = resources.files("marsad").joinpath("lexicons", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"lexicon file lexicons/{name} is missing from the package", code="M013") from exc
    return parse_wordlist(name, text)


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
            raise ConfigError(f"lexicons/{name} line {number}: {len(cells)} cells, header has {len(columns)}")
        rows.append(dict(zip(columns, cells + [""] * (len(columns) - len(cells)), strict=True)))
    if not columns:
        raise ConfigError(f"lexicons/{name} has no header line")
    log.debug("loaded lexicons/%s: %d rows", name, len(rows))
    return WordList(name, columns, tuple(rows), source)


def word_set(name: str, column: str | None = None) -> frozenset[str]:
    """The keys of a one-column list (or of ``column``) as a set."""
    words = read_wordlist(name)
    return frozenset(words.column(column or words.columns[0]))
