"""Gazetteer entries and the Arabic name keys they are found by.

A name key is the folded name (``marsad.normalize.fold``) with its words single-spaced. Names
that start with the article are stored without it (``الرقه`` -> core ``رقه``) and flagged, so
the matcher can accept ``والرقه``, ``بالرقه`` and ``للرقه`` while refusing ``السوريه`` for
``سوريه`` (an adjective, not the country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

from marsad.event import PlaceKind
from marsad.normalize import fold

ARTICLE = "ال"
_ARABIC_OR_LATIN = re.compile(r"^[\u0621-\u064a a-z0-9]+$")
MIN_CORE_LETTERS = 3
#: Our own lists may hold shorter names that always carry the article ("التح").
MIN_CURATED_CORE_LETTERS = 2


class Source(IntEnum):
    """Where an entry comes from; a higher value wins a tie between two readings of a name."""

    GEONAMES = 1
    IMPORTED = 2
    COUNTRY = 3
    CURATED = 4


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place in the gazetteer.

    ``metonym`` marks places whose name often stands for a government (countries, capitals,
    "البيت الابيض"); they count as locations only where the text places something in them.
    """

    gid: str
    name_en: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    kind: PlaceKind
    population: int = 0
    radius_km: float = 1.0
    source: Source = Source.CURATED
    metonym: bool = False


class NameRef(NamedTuple):
    """One reading of a name key: which entry, and whether the name carries the article."""

    entry: int
    article: bool


def name_key(name: str) -> str:
    """The folded, single-spaced match form of a name ("دير الزور" -> "دير الزور", "T4" -> "t4")."""
    folded = fold(name).replace("_", " ").replace("-", " ")
    return " ".join(folded.split())


def split_article(key: str) -> tuple[str, bool]:
    """``الرقه`` -> ("رقه", True); a short word such as ``الي`` keeps its letters."""
    first = key.split(" ", 1)[0]
    if first.startswith(ARTICLE) and len(first) >= len(ARTICLE) + 2:
        return key[len(ARTICLE) :], True
    return key, False


def usable_key(key: str, min_core: int = MIN_CORE_LETTERS) -> bool:
    """Whether a folded name can be matched safely: Arabic or Latin letters, no one-letter word,
    and at least ``min_core`` letters once the article is set aside."""
    if not key or not _ARABIC_OR_LATIN.match(key):
        return False
    words = key.split(" ")
    if any(len(word) < 2 for word in words):
        return False
    core, _ = split_article(key)
    return len(core.replace(" ", "")) >= min_core
