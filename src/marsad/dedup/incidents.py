"""Incidents: reports of one real-world event from many articles, linked and graded.

Two reports are linked when they are in one event family, their places are compatible (the
same place, or one inside the other's reach), their date windows are at most
``LinkRules.day_slack`` days apart, their actors are compatible (unknown fits anything) and
they come from different articles (an article that reports two strikes means two strikes).
Linking is *complete-link*: a report joins an incident only if it fits every report already
in it, so daily strikes on one city do not chain into one endless incident.

Reports are taken in a canonical order (town-level reports before region- and province-level
ones, then earliest date, then key), so the result does not depend on input order. A coarse
report (a region or a province) joins an incident only when exactly one fits it. Candidates
come from a lat/lon grid keyed by day (and an admin1 index for province-level reports): each
report looks at a bounded number of cells and days, never at all pairs. See
docs/corroboration.md and docs/decisions/0002-grid-cells.md, 0003-complete-link.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from marsad.dedup.geo import (
    SAME_SPOT_KM,
    GridIndex,
    PlaceLevel,
    admin1_of,
    has_point,
    place_distance_km,
    place_level,
    place_reach_km,
    places_compatible,
)
from marsad.dedup.index import DedupIndex, NullIndex
from marsad.dedup.keys import EventFamily, actor_label, actors_compatible, event_family
from marsad.dedup.records import DateWindow, SourcedEvent
from marsad.event import Place, SubEventType
from marsad.normalize import fold

log = logging.getLogger(__name__)

#: Reports whose date may span more than this many days (year precision) are not linked.
MAX_LINKABLE_WINDOW_DAYS = 62
#: Grid cell sizes (km); a report goes in the smallest grid whose cells are at least its reach.
GRID_CELLS_KM = (5.0, 15.0, 60.0)


class Grade(StrEnum):
    SINGLE_SOURCE = "single_source"
    CORROBORATED = "corroborated"
    CONTESTED = "contested"


@dataclass(frozen=True, slots=True)
class Range:
    """The lowest and highest figure the sources give."""

    low: int
    high: int

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


@dataclass(frozen=True, slots=True)
class LinkRules:
    """The knobs of linking and grading.

    Attributes:
        day_slack: day-precision reports this many days apart can be one incident ("today" in
            one outlet is "yesterday" in the next morning's).
        toll_ratio, toll_gap: tolls differ wildly (the incident is contested) when the highest
            figure is at least ``toll_ratio`` times the lowest *and* at least ``toll_gap`` more.
        same_relay_is_one_source: reports that relay one monitor ("according to SOHR") count
            as one source, whichever outlet printed them.
    """

    day_slack: int = 1
    toll_ratio: float = 3.0
    toll_gap: int = 5
    same_relay_is_one_source: bool = True


@dataclass(frozen=True, slots=True)
class IncidentMember:
    """One report of an incident, with its source."""

    event_key: str
    doc_id: str
    copy_group: str
    sub_event_type: SubEventType
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    place: str | None = None
    actor: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    reported_by: str | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    """A canonical incident: its reports, the range of their figures and how well sourced it is."""

    incident_id: str
    family: EventFamily
    window: DateWindow | None
    place: Place | None
    members: tuple[IncidentMember, ...]
    fatalities: Range | None
    injuries: Range | None
    independent_sources: int
    grade: Grade
    reasons: tuple[str, ...] = ()
    aggregate: bool = False

    @property
    def event_keys(self) -> tuple[str, ...]:
        return tuple(m.event_key for m in self.members)

    @property
    def sub_event_types(self) -> tuple[SubEventType, ...]:
        return tuple(sorted({m.sub_event_type for m in self.members}, key=lambda s: s.value))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({m.source for m in self.members if m.source}))


@dataclass(frozen=True, slots=True)
class LinkResult:
    incidents: tuple[Incident, ...]
    incident_of: Mapping[str, str] = field(default_factory=dict)  # event key -> incident id

    def by_id(self) -> dict[str, Incident]:
        return {incident.incident_id: incident for incident in self.incidents}


@dataclass(slots=True)
class _Report:
    """A report prepared for linking: the parts every comparison needs, computed once."""

    sourced: SourcedEvent
    family: EventFamily
    window: DateWindow | None
    place: Place | None
    copy_group: str

    @property
    def coarse(self) -> bool:
        """Located only by a region or province: it can fit several incidents at once."""
        return self.place is not None and place_level(self.place) >= PlaceLevel.AREA

    @property
    def linkable(self) -> bool:
        event, place, window = self.sourced.event, self.place, self.window
        if event.aggregate or place is None or window is None or window.days > MAX_LINKABLE_WINDOW_DAYS:
            return False
        level = place_level(place)
        if level is PlaceLevel.COUNTRY:
            return False
        return level is PlaceLevel.ADMIN1 or has_point(place)


def link_incidents(
    events: Iterable[SourcedEvent],
    *,
    copies: DedupIndex | None = None,
    rules: LinkRules | None = None,
    contested: Mapping[str, Sequence[str]] | None = None,
) -> LinkResult:
    """Link reports of one real-world event into incidents and grade each incident.

    Args:
        events: every extracted event with its source; negated events are denials, not
            reports, and are left out (see :mod:`marsad.dedup.contradictions`).
        copies: the article copy groups (syndicated copies are one source); default: none.
        rules: linking and grading knobs.
        contested: event key -> reasons it is contested (from the contradictions), which
            makes its incident ``contested``.

    Raises:
        ValueError: two events share an event key.
    """
    rules = rules or LinkRules()
    index = copies or NullIndex()
    reports = _prepare(events, index)
    linker = _Linker(reports, rules)
    for position in range(len(reports)):
        linker.place(position)
    incidents = [_build_incident(members, rules, contested or {}) for members in linker.clusters()]
    incident_of = {key: incident.incident_id for incident in incidents for key in incident.event_keys}
    log.info("linked %d reports into %d incidents", len(reports), len(incidents))
    return LinkResult(tuple(incidents), incident_of)


def _prepare(events: Iterable[SourcedEvent], index: DedupIndex) -> list[_Report]:
    reports: list[_Report] = []
    seen: set[str] = set()
    for sourced in events:
        if sourced.event_key in seen:
            raise ValueError(f"duplicate event key {sourced.event_key!r}")
        seen.add(sourced.event_key)
        if sourced.event.negated:
            continue
        event = sourced.event
        family = event_family(event.sub_event_type)
        group = index.group_of(sourced.doc_id)
        reports.append(_Report(sourced, family, sourced.window(), event.location, group))
    reports.sort(key=_canonical_order)
    return reports


def _canonical_order(report: _Report) -> tuple[bool, int, str]:
    start = report.window.start.toordinal() if report.window else 10**9
    return report.coarse, start, report.sourced.event_key


class _Linker:
    """Greedy complete-link clustering over a grid/day index of the reports placed so far."""

    def __init__(self, reports: list[_Report], rules: LinkRules) -> None:
        self.reports = reports
        self.rules = rules
        self.cluster_of: list[int] = [-1] * len(reports)
        self.members: list[list[int]] = []
        self.grids = [GridIndex[int](cell) for cell in GRID_CELLS_KM]
        self.grid_reach = [0.0] * len(GRID_CELLS_KM)
        self.admin_level: defaultdict[tuple[str, str, int], list[int]] = defaultdict(list)
        self.in_admin: defaultdict[tuple[str, str, int], list[int]] = defaultdict(list)

    def place(self, position: int) -> None:
        report = self.reports[position]
        if not report.linkable:
            self._new_cluster(position)
            return
        best = self._best_cluster(position)
        if best is None:
            self._new_cluster(position)
        else:
            self.members[best].append(position)
            self.cluster_of[position] = best
        self._register(position)

    def clusters(self) -> list[list[_Report]]:
        return [[self.reports[p] for p in members] for members in self.members]

    def _new_cluster(self, position: int) -> None:
        self.cluster_of[position] = len(self.members)
        self.members.append([position])

    def _best_cluster(self, position: int) -> int | None:
        report = self.reports[position]
        candidates = {self.cluster_of[other] for other in self._candidates(report)}
        scored = []
        for cluster in candidates:
            score = self._fit(report, self.members[cluster])
            if score is not None:
                scored.append((score, cluster))
        if not scored or (report.coarse and len(scored) > 1):
            # "Shelling in the Idlib countryside" that fits two incidents is left on its own.
            return None
        return min(scored)[1]

    def _fit(self, report: _Report, cluster: list[int]) -> tuple[int, float] | None:
        """(largest day gap, largest distance) to the cluster's reports, or None if any does not fit."""
        worst_gap, worst_km = 0, 0.0
        for other_position in cluster:
            other = self.reports[other_position]
            if not _same_incident(report, other, self.rules):
                return None
            assert report.window is not None  # linkable reports have windows
            assert other.window is not None
            worst_gap = max(worst_gap, report.window.gap_days(other.window))
            distance = _distance(report, other)
            worst_km = max(worst_km, distance)
        return worst_gap, worst_km

    def _days(self, report: _Report, slack: int) -> range:
        assert report.window is not None
        return report.window.ordinals(slack)

    def _candidates(self, report: _Report) -> set[int]:
        assert report.place is not None
        place, days = report.place, self._days(report, self.rules.day_slack)
        found: set[int] = set()
        admin1 = _admin_key(place)
        if place_level(place) is PlaceLevel.ADMIN1:
            if admin1:
                found.update(p for day in days for p in self.in_admin.get((*admin1, day), ()))
            return found
        assert place.lat is not None
        assert place.lon is not None
        reach = place_reach_km(place)
        for grid, grid_reach in zip(self.grids, self.grid_reach, strict=True):
            if grid_reach:
                radius = max(reach, grid_reach, SAME_SPOT_KM)
                found.update(grid.near(place.lat, place.lon, radius, days))
        if admin1:
            found.update(p for day in days for p in self.admin_level.get((*admin1, day), ()))
        return found

    def _register(self, position: int) -> None:
        report = self.reports[position]
        assert report.place is not None
        place, days = report.place, self._days(report, 0)
        admin1 = _admin_key(place)
        if admin1:
            for day in days:
                self.in_admin[(*admin1, day)].append(position)
        if place_level(place) is PlaceLevel.ADMIN1:
            if admin1:
                for day in days:
                    self.admin_level[(*admin1, day)].append(position)
            return
        assert place.lat is not None
        assert place.lon is not None
        reach = place_reach_km(place)
        slot = next((i for i, cell in enumerate(GRID_CELLS_KM) if reach <= cell), len(GRID_CELLS_KM) - 1)
        self.grid_reach[slot] = max(self.grid_reach[slot], reach)
        for day in days:
            self.grids[slot].add(place.lat, place.lon, day, position)


def _admin_key(place: Place) -> tuple[str, str] | None:
    admin1 = admin1_of(place)
    if not admin1:
        return None
    return place.country or "", fold(admin1).casefold()


def _same_incident(a: _Report, b: _Report, rules: LinkRules) -> bool:
    if a.sourced.doc_id == b.sourced.doc_id or a.family is not b.family:
        return False
    if a.window is None or b.window is None or not a.window.near(b.window, rules.day_slack):
        return False
    if a.place is None or b.place is None or not places_compatible(a.place, b.place):
        return False
    return _actors_fit(a, b)


def _actors_fit(a: _Report, b: _Report) -> bool:
    ea, eb = a.sourced.event, b.sourced.event
    if actors_compatible(ea.actor1, eb.actor1) and actors_compatible(ea.actor2, eb.actor2):
        return True
    # In a battle either side may be named first.
    return a.family is EventFamily.GROUND_BATTLE and (
        actors_compatible(ea.actor1, eb.actor2) and actors_compatible(ea.actor2, eb.actor1)
    )


def _distance(a: _Report, b: _Report) -> float:
    if a.place is None or b.place is None:
        return 0.0
    distance = place_distance_km(a.place, b.place)
    return 0.0 if distance is None else distance


def _build_incident(
    reports: list[_Report], rules: LinkRules, contested: Mapping[str, Sequence[str]]
) -> Incident:
    members = tuple(_member(report) for report in reports)
    fatalities = _range(m.fatalities for m in members)
    injuries = _range(m.injuries for m in members)
    reasons = [reason for m in members for reason in contested.get(m.event_key, ())]
    reasons += _toll_disputes(fatalities, injuries, rules)
    sources = independent_sources(reports, rules)
    if reasons:
        grade = Grade.CONTESTED
    elif sources >= 2:
        grade = Grade.CORROBORATED
    else:
        grade = Grade.SINGLE_SOURCE
    anchor = reports[0]
    return Incident(
        incident_id=incident_id(anchor.sourced.event_key),
        family=anchor.family,
        window=_union_window(reports),
        place=_most_specific_place(reports),
        members=members,
        fatalities=fatalities,
        injuries=injuries,
        independent_sources=sources,
        grade=grade,
        reasons=tuple(dict.fromkeys(reasons)),
        aggregate=anchor.sourced.event.aggregate,
    )


def incident_id(anchor_event_key: str) -> str:
    """An incident is named after its first report (earliest date, then key)."""
    return "inc-" + hashlib.sha1(anchor_event_key.encode("utf-8")).hexdigest()[:12]


def _member(report: _Report) -> IncidentMember:
    sourced, event = report.sourced, report.sourced.event
    return IncidentMember(
        event_key=sourced.event_key,
        doc_id=sourced.doc_id,
        copy_group=report.copy_group,
        sub_event_type=event.sub_event_type,
        source=sourced.source,
        url=sourced.url,
        published=sourced.published,
        place=event.location.name if event.location else None,
        actor=actor_label(event.actor1),
        fatalities=event.fatalities,
        injuries=event.injuries,
        reported_by=event.reported_by,
    )


def _range(values: Iterable[int | None]) -> Range | None:
    known = [v for v in values if v is not None]
    return Range(min(known), max(known)) if known else None


def _toll_disputes(fatalities: Range | None, injuries: Range | None, rules: LinkRules) -> list[str]:
    disputes = []
    for label, figures in (("fatalities", fatalities), ("injuries", injuries)):
        if figures and _wildly_apart(figures, rules):
            disputes.append(f"{label} differ widely between sources: {figures}")
    return disputes


def _wildly_apart(figures: Range, rules: LinkRules) -> bool:
    far_apart = figures.high - figures.low >= rules.toll_gap
    return far_apart and figures.high >= rules.toll_ratio * max(figures.low, 1)


def independent_sources(reports: Sequence[_Report], rules: LinkRules) -> int:
    """How many independent sources the reports come from.

    Reports are one source when they are in one copy group (syndicated copies), come from one
    outlet, or (by default) relay one named reporter ("according to SOHR").
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for report in reports:
        nodes = _source_nodes(report, rules)
        for node in nodes[1:]:
            parent[root(node)] = root(nodes[0])
    return len({root(_source_nodes(report, rules)[0]) for report in reports})


def _source_nodes(report: _Report, rules: LinkRules) -> list[tuple[str, str]]:
    nodes = [("copies", report.copy_group)]
    if report.sourced.source:
        nodes.append(("outlet", fold(report.sourced.source).casefold()))
    relay = report.sourced.event.reported_by
    if relay and rules.same_relay_is_one_source:
        nodes.append(("relay", fold(relay).casefold()))
    return nodes


def _union_window(reports: list[_Report]) -> DateWindow | None:
    windows = [r.window for r in reports if r.window is not None]
    if not windows:
        return None
    return DateWindow(min(w.start for w in windows), max(w.end for w in windows))


def _most_specific_place(reports: list[_Report]) -> Place | None:
    placed = [r for r in reports if r.place is not None]
    if not placed:
        return None

    def specificity(report: _Report) -> tuple[int, float, str]:
        assert report.place is not None
        return place_level(report.place), place_reach_km(report.place), report.sourced.event_key

    best = min(placed, key=specificity)
    return best.place
