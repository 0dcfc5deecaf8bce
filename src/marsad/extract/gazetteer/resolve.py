"""Decide what each place phrase refers to, and build its :class:`~marsad.event.Place`.

A name can stand for several entries (a town in Syria and one in Iraq, a city and its
governorate, Oman and Amman). Each reading is scored with:

- a prior: where the entry comes from (our curated files beat GeoNames), its population, its kind;
- the article's countries and provinces, counted over the names that have only one reading;
- the admin hierarchy written next to it ("رميلان في محافظه الحسكه", "X بريف حلب");
- distance to the places the article names without ambiguity;
- consistency: once "محافظه ادلب" is written, a bare "ادلب" in the same article is the governorate.

Composed phrases ("ريف حلب الشمالي", "جنوب غرب سوريا") resolve to a curated region when
there is one, otherwise to a region computed from the base place: shifted towards the compass
direction by half its radius, with a wider precision.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from marsad.event import Place, PlaceKind
from marsad.extract.gazetteer.compose import Phrase, PhraseBuilder
from marsad.extract.gazetteer.entries import GazetteerEntry, Source
from marsad.extract.gazetteer.index import Gazetteer

SOURCE_PRIOR = {Source.CURATED: 4.0, Source.COUNTRY: 2.0, Source.IMPORTED: 1.0, Source.GEONAMES: 0.5}
KIND_PRIOR = {PlaceKind.COUNTRY: 3.0, PlaceKind.CITY: 0.5}
#: A capital is the usual reading of its name ("موسكو" is Moscow before any Texan town).
CAPITAL_PRIOR = 2.0
BARE_ADMIN1_PENALTY = 1.0
COUNTRY_WEIGHT = 4.0
ADMIN1_WEIGHT = 2.0
NEAR_KM = 50.0
NEAR_BONUS = 2.0
HIERARCHY_COUNTRY_BONUS = 3.0
HIERARCHY_ADMIN1_BONUS = 6.0
COREFERENCE_BONUS = 8.0
#: Words allowed between a place and the province or country that locates it ("X في محافظه Y").
HIERARCHY_LINKS = frozenset(
    {"في", "ب", "قرب", "من", "التابعه", "التابع", "بمحافظه", "بريف", "شمال", "جنوب", "شرق", "غرب"}
)

DIRECTION_EN = {
    "n": "northern",
    "s": "southern",
    "e": "eastern",
    "w": "western",
    "c": "central",
    "nw": "northwestern",
    "ne": "northeastern",
    "sw": "southwestern",
    "se": "southeastern",
}
#: Unit vectors (north, east) of each direction; the centre has none.
DIRECTION_VECTOR = {
    "n": (1.0, 0.0),
    "s": (-1.0, 0.0),
    "e": (0.0, 1.0),
    "w": (0.0, -1.0),
    "c": (0.0, 0.0),
    "nw": (0.7071, -0.7071),
    "ne": (0.7071, 0.7071),
    "sw": (-0.7071, -0.7071),
    "se": (-0.7071, 0.7071),
}
#: Head roles whose place is the base place itself when the base already has the right kind.
_SAME_PLACE_KINDS = {
    "admin1": {PlaceKind.ADMIN1},
    "area": {PlaceKind.REGION, PlaceKind.ADMIN2, PlaceKind.ADMIN1, PlaceKind.NEIGHBOURHOOD},
    "neighbourhoods": {PlaceKind.NEIGHBOURHOOD},
    "facility": {PlaceKind.FACILITY},
    "road": {PlaceKind.ROAD},
    "region": {PlaceKind.REGION},
    "mountain": {PlaceKind.REGION},
    "outskirts": set(),
    "countryside": set(),
    "subdistrict": set(),
}
_SETTLEMENTS = {PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE}
_PROVINCE_HEADS = {"admin1", "countryside"}


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a phrase refers to: the base entry its name reads as, and the place of the whole phrase."""

    base: GazetteerEntry
    place: Place


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, phrases: Sequence[Phrase], view: str, builder: PhraseBuilder) -> list[Resolved | None]:
        """One result per phrase (None where nothing fits); ``Place.name`` is left empty for the caller."""
        options = [self._options(phrase) for phrase in phrases]
        context = _Context.of(options)
        links = [_hierarchy(phrases, i, view, builder, options) for i in range(len(phrases))]
        admin_cores = {p.hit.core for p in phrases if p.hit and p.head and p.head.role == "admin1"}
        bases: list[GazetteerEntry | None] = []
        for phrase, choices, link in zip(phrases, options, links, strict=True):
            bases.append(self._choose(phrase, choices, context, link, admin_cores))
        _corefer_settlements(phrases, options, bases)
        results = [self._resolved(p, bases[i], bases, phrases, context) for i, p in enumerate(phrases)]
        return _corefer_areas(phrases, results)

    def _options(self, phrase: Phrase) -> list[GazetteerEntry]:
        if phrase.hit is None:
            return []
        entries = [self.gazetteer.entries[ref.entry] for ref in phrase.hit.refs]
        role = phrase.head.role if phrase.head else None
        if role in _PROVINCE_HEADS:
            preferred = [e for e in entries if e.kind is PlaceKind.ADMIN1]
        elif role == "settlement":
            preferred = [
                e for e in entries if e.kind not in {PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION}
            ]
        else:
            preferred = []
        return preferred or entries

    def _choose(
        self,
        phrase: Phrase,
        choices: list[GazetteerEntry],
        context: _Context,
        link: _Link | None,
        admin_cores: set[str],
    ) -> GazetteerEntry | None:
        if len(choices) <= 1:
            return choices[0] if choices else None
        bare = phrase.head is None and phrase.hit is not None
        coreferent = bare and phrase.hit is not None and phrase.hit.core in admin_cores

        def score(entry: GazetteerEntry) -> float:
            value = _prior(entry) + context.bonus(entry)
            if bare and entry.kind is PlaceKind.ADMIN1:
                value += COREFERENCE_BONUS if coreferent else -BARE_ADMIN1_PENALTY
            if link is not None:
                value += link.bonus(entry)
            return value

        return max(choices, key=score)

    def _resolved(
        self,
        phrase: Phrase,
        base: GazetteerEntry | None,
        bases: list[GazetteerEntry | None],
        phrases: Sequence[Phrase],
        context: _Context,
    ) -> Resolved | None:
        if phrase.of_country:
            base = context.main_country(self.gazetteer)
        elif phrase.hit is None and phrase.antecedent is not None:
            base = self._province_of(bases[phrase.antecedent], phrases[phrase.antecedent])
        if base is None:
            return None
        return Resolved(base, self._compose(phrase, base))

    def _province_of(self, base: GazetteerEntry | None, phrase: Phrase) -> GazetteerEntry | None:
        """For "ريفها": the governorate named like the antecedent city, else the city itself."""
        if base is None or phrase.hit is None:
            return base
        for ref in phrase.hit.refs:
            entry = self.gazetteer.entries[ref.entry]
            if entry.kind is PlaceKind.ADMIN1 and entry.country == base.country:
                return entry
        return base

    def _compose(self, phrase: Phrase, base: GazetteerEntry) -> Place:
        head, direction = phrase.head, phrase.direction
        if head is None and direction is None:
            return _place(base)
        role = head.role if head else ""
        if head is not None and head.role == "settlement":
            kind = head.kind if base.kind in _SETTLEMENTS else base.kind
            return replace(_place(base), kind=kind)
        curated = self.gazetteer.composed(role if role == "countryside" else "", base.gid, direction or "")
        if curated is not None:
            return _place(curated)
        if head is not None and direction is None and base.kind in _SAME_PLACE_KINDS.get(role, set()):
            return _place(base)
        return _synthesized(base, phrase)


def _corefer_settlements(
    phrases: Sequence[Phrase], options: Sequence[list[GazetteerEntry]], bases: list[GazetteerEntry | None]
) -> None:
    """Once "مدينة حلب" is written, a bare "حلب" in the same article is that city, not the
    governorate named alike (unless "محافظة حلب" is written too: then the bare name is ambiguous
    and the usual scores decide)."""
    towns: dict[str, GazetteerEntry] = {}
    provinces: set[str] = set()
    for phrase, base in zip(phrases, bases, strict=True):
        if base is None or phrase.hit is None or phrase.head is None or phrase.direction:
            continue
        if phrase.head.role == "settlement":
            towns.setdefault(phrase.hit.core, base)
        elif phrase.head.role in _PROVINCE_HEADS:
            provinces.add(phrase.hit.core)
    for index, phrase in enumerate(phrases):
        if phrase.hit is None or phrase.head is not None or phrase.direction or phrase.hit.core in provinces:
            continue
        town = towns.get(phrase.hit.core)
        if town is not None and town in options[index]:
            bases[index] = town


def _corefer_areas(phrases: Sequence[Phrase], results: list[Resolved | None]) -> list[Resolved | None]:
    """Once "منطقه عفرين" is written, a bare "عفرين" in the same article names that area too."""
    areas: dict[tuple[str, str], Place] = {}
    for phrase, result in zip(phrases, results, strict=True):
        if result and phrase.hit and phrase.head and phrase.head.role == "area" and not phrase.direction:
            areas.setdefault((phrase.hit.core, result.base.gid), result.place)
    if not areas:
        return results
    out: list[Resolved | None] = []
    for phrase, result in zip(phrases, results, strict=True):
        bare = result is not None and phrase.hit is not None and phrase.head is None and not phrase.direction
        area = areas.get((phrase.hit.core, result.base.gid)) if bare and phrase.hit and result else None
        out.append(Resolved(result.base, area) if area is not None and result is not None else result)
    return out


def _prior(entry: GazetteerEntry) -> float:
    capital = CAPITAL_PRIOR if entry.metonym and entry.kind is not PlaceKind.COUNTRY else 0.0
    return (
        SOURCE_PRIOR[entry.source]
        + KIND_PRIOR.get(entry.kind, 0.0)
        + capital
        + 0.6 * math.log10(entry.population + 1)
    )


def _place(entry: GazetteerEntry) -> Place:
    return Place(
        name="",
        name_en=entry.name_en,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        admin1=entry.admin1,
        kind=entry.kind,
        gazetteer_id=entry.gid,
        precision_km=entry.radius_km,
    )


def _synthesized(base: GazetteerEntry, phrase: Phrase) -> Place:
    """A place computed from its base: "جنوب دمشق" is Damascus shifted south, with a wider radius."""
    head, direction = phrase.head, phrase.direction
    name_en = head.name_en.format(base.name_en) if head else base.name_en
    kind = head.kind if head else PlaceKind.REGION
    radius = base.radius_km
    if head is not None and head.role in {"countryside", "outskirts", "area"}:
        radius = max(radius * 1.5, 15.0)
    lat, lon = base.lat, base.lon
    if direction:
        name_en = f"{DIRECTION_EN[direction]} {name_en}"
        lat, lon = shift(base.lat, base.lon, direction, radius * 0.5)
        radius = max(radius * 0.6, 1.0)
        kind = PlaceKind.REGION if kind in _SETTLEMENTS | {PlaceKind.COUNTRY, PlaceKind.ADMIN1} else kind
    suffix = "/".join(part for part in ((head.role if head else ""), direction or "") if part)
    return Place(
        name="",
        name_en=name_en,
        lat=_round(lat),
        lon=_round(lon),
        country=base.country,
        admin1=base.admin1,
        kind=kind,
        gazetteer_id=f"{base.gid}/{suffix}",
        precision_km=round(radius, 1),
    )


def shift(
    lat: float | None, lon: float | None, direction: str, km: float
) -> tuple[float | None, float | None]:
    """``(lat, lon)`` moved ``km`` towards ``direction`` (n, se, ...)."""
    if lat is None or lon is None:
        return lat, lon
    north, east = DIRECTION_VECTOR[direction]
    dlat = north * km / 111.0
    dlon = east * km / (111.0 * max(math.cos(math.radians(lat)), 0.1))
    return lat + dlat, lon + dlon


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Context:
    """What the article's unambiguous names say: its countries, provinces and fixed points."""

    countries: Counter[str]
    provinces: Counter[tuple[str | None, str | None]]
    anchors: list[GazetteerEntry]
    named: list[str]  # the country of every unambiguous name, actors included, in text order
    _points: list[tuple[float, float, float]] | None = None  # the anchors' (lat, lon, cos lat) in radians

    @classmethod
    def of(cls, options: Sequence[list[GazetteerEntry]]) -> _Context:
        countries: Counter[str] = Counter()
        provinces: Counter[tuple[str | None, str | None]] = Counter()
        anchors: list[GazetteerEntry] = []
        named: list[str] = []
        for choices in options:
            found = {e.country for e in choices}
            if len(found) != 1 or None in found:
                continue
            country = next(iter(found))
            assert country is not None
            named.append(country)
            if any(e.metonym for e in choices):
                continue  # countries and capitals are often actors: they say little about where things are
            countries[country] += 1
            admin = {(e.country, e.admin1) for e in choices if e.admin1}
            if len(admin) == 1:
                provinces[next(iter(admin))] += 1
            if len(choices) == 1 and choices[0].radius_km < NEAR_KM:
                anchors.append(choices[0])
        return cls(countries, provinces, anchors, named)

    def bonus(self, entry: GazetteerEntry) -> float:
        value = 0.0
        total = sum(self.countries.values())
        if total and entry.country:
            value += COUNTRY_WEIGHT * self.countries[entry.country] / total
        total = sum(self.provinces.values())
        if total and entry.admin1:
            value += ADMIN1_WEIGHT * self.provinces[(entry.country, entry.admin1)] / total
        if self._near_an_anchor(entry):
            value += NEAR_BONUS
        return value

    def _near_an_anchor(self, entry: GazetteerEntry) -> bool:
        """``0 < distance_km(entry, anchor) < NEAR_KM`` for some anchor, with the same arithmetic
        but each point's radians and cosine worked out once (every candidate meets every anchor)."""
        if entry.lat is None or entry.lon is None:
            return False
        la1, lo1 = math.radians(entry.lat), math.radians(entry.lon)
        cos1 = math.cos(la1)
        for la2, lo2, cos2 in self._anchor_points():
            h = math.sin((la2 - la1) / 2) ** 2 + cos1 * cos2 * math.sin((lo2 - lo1) / 2) ** 2
            if 0 < 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h))) < NEAR_KM:
                return True
        return False

    def _anchor_points(self) -> list[tuple[float, float, float]]:
        if self._points is None:
            self._points = []
            for anchor in self.anchors:
                if anchor.lat is not None and anchor.lon is not None:
                    la2 = math.radians(anchor.lat)
                    self._points.append((la2, math.radians(anchor.lon), math.cos(la2)))
        return self._points

    def main_country(self, gazetteer: Gazetteer) -> GazetteerEntry | None:
        """The country the article is about: the most named one (places first, then any name)."""
        votes = self.countries or Counter(self.named)
        if not votes:
            return None
        best = max(votes.values())
        country = next(c for c in self.named if votes[c] == best)
        return gazetteer.by_gid(f"iso:{country}")


@dataclass(frozen=True, slots=True)
class _Link:
    """The province or country a place is said to be in, read from the phrase right after it."""

    provinces: frozenset[tuple[str | None, str | None]]
    countries: frozenset[str | None]

    def bonus(self, entry: GazetteerEntry) -> float:
        if entry.admin1 and (entry.country, entry.admin1) in self.provinces:
            return HIERARCHY_ADMIN1_BONUS
        if entry.country in self.countries:
            return HIERARCHY_COUNTRY_BONUS
        return 0.0


def _hierarchy(
    phrases: Sequence[Phrase],
    index: int,
    view: str,
    builder: PhraseBuilder,
    options: Sequence[list[GazetteerEntry]],
) -> _Link | None:
    """The next phrase, when only linking words ("في", "بريف", ",") separate it from this one."""
    if index + 1 >= len(phrases):
        return None
    here, after = phrases[index], phrases[index + 1]
    between = builder.words_between(here.end, after.word_start)
    if len(between) > 2 or any(word not in HIERARCHY_LINKS for word in between):
        return None
    if (
        not between
        and "," not in view[here.end : after.word_start]
        and not after.proclitics
        and after.head is None
    ):
        return None
    return _link_from(options[index + 1])


def _link_from(choices: list[GazetteerEntry]) -> _Link | None:
    wide = [
        e
        for e in choices
        if e.kind in {PlaceKind.ADMIN1, PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.CITY}
    ]
    if not wide:
        return None
    provinces = frozenset((e.country, e.admin1) for e in wide if e.kind is not PlaceKind.COUNTRY and e.admin1)
    countries = frozenset(e.country for e in wide)
    return _Link(provinces, countries)
