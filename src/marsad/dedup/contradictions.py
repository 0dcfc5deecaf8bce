"""Contradictions: a denial confronted with the reports it denies.

A denial is either an event the text says did not happen (``Event.negated``: "the aircraft
carried out no strike on Aleppo in the last seven days") or a claim with stance ``deny``
about an event type, with the places and period named in its sentence. Every report (a
non-negated event, from any article, including the denial's own) that falls in the denial's
event family, place and period, with a compatible actor, makes one :class:`Contradiction`:
both sides, each with its evidence sentence, spans and source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from marsad.dedup.geo import (
    SAME_SPOT_KM,
    GridIndex,
    PlaceLevel,
    admin1_of,
    has_point,
    place_level,
    place_reach_km,
    places_compatible,
)
from marsad.dedup.keys import EventFamily, actor_label, actors_compatible, event_family, families_of_type
from marsad.dedup.records import DEFAULT_DENIAL_LOOKBACK_DAYS, DateWindow, SourcedClaim, SourcedEvent
from marsad.event import Actor, EventType, Evidence, Place, Stance, SubEventType
from marsad.normalize import fold

log = logging.getLogger(__name__)

#: Grid cell for indexing reports; denials look around their place's reach.
REPORT_CELL_KM = 15.0


class DenialKind(StrEnum):
    NEGATED_EVENT = "negated_event"
    DENY_CLAIM = "deny_claim"


@dataclass(frozen=True, slots=True)
class Denial:
    """What is denied, where and when, by whom, and the words that say so."""

    key: str  # the negated event's or the claim's key
    kind: DenialKind
    doc_id: str
    families: frozenset[EventFamily]
    places: tuple[Place, ...]
    window: DateWindow
    evidence: Evidence
    text: str  # the claim's words, or the negated event's sentence
    speaker: str | None = None
    actor: Actor | None = None  # whose conduct is denied; None: anyone's
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ReportSide:
    """The report a denial is confronted with."""

    event_key: str
    doc_id: str
    sub_event_type: SubEventType
    evidence: Evidence
    window: DateWindow | None
    place: Place | None
    actor: str | None = None
    fatalities: int | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Contradiction:
    contradiction_id: str
    denial: Denial
    report: ReportSide
    incident_id: str | None = None

    def with_incident(self, incident_id: str | None) -> Contradiction:
        return replace(self, incident_id=incident_id)

    def summary(self) -> str:
        who = self.denial.speaker or self.denial.source or self.denial.doc_id
        return f"denied by {who} ({self.denial.doc_id}): {self.denial.text}"


def denial_from_event(
    sourced: SourcedEvent, lookback_days: int = DEFAULT_DENIAL_LOOKBACK_DAYS
) -> Denial | None:
    """A negated event with a place, as a denial; its period is its date window, else the
    ``lookback_days`` before its article's publication."""
    event = sourced.event
    if not event.negated or event.location is None:
        return None
    window = sourced.window() if event.date is not None else _lookback(sourced.published, lookback_days)
    if window is None:
        return None
    return Denial(
        key=sourced.event_key,
        kind=DenialKind.NEGATED_EVENT,
        doc_id=sourced.doc_id,
        families=frozenset({event_family(event.sub_event_type)}),
        places=(event.location,),
        window=window,
        evidence=event.evidence,
        text=event.evidence.sentence,
        speaker=event.reported_by,
        actor=event.actor1,
        source=sourced.source,
        url=sourced.url,
        published=sourced.published,
    )


def denial_from_claim(
    sourced: SourcedClaim, lookback_days: int = DEFAULT_DENIAL_LOOKBACK_DAYS
) -> Denial | None:
    """A deny claim about an event type, naming at least one place, as a denial."""
    claim = sourced.claim
    if claim.stance is not Stance.DENY or not sourced.places:
        return None
    event_types = {t.value: t for t in EventType}
    if claim.about not in event_types:
        return None
    window = sourced.period(lookback_days)
    if window is None:
        return None
    return Denial(
        key=sourced.claim_key,
        kind=DenialKind.DENY_CLAIM,
        doc_id=sourced.doc_id,
        families=families_of_type(event_types[claim.about]),
        places=sourced.places,
        window=window,
        evidence=claim.evidence,
        text=claim.text,
        speaker=claim.speaker_en or claim.speaker,
        actor=sourced.actor,
        source=sourced.source,
        url=sourced.url,
        published=sourced.published,
    )


def denials_from(
    events: Iterable[SourcedEvent],
    claims: Iterable[SourcedClaim] = (),
    lookback_days: int = DEFAULT_DENIAL_LOOKBACK_DAYS,
) -> list[Denial]:
    """Every denial among these events and claims."""
    found = [denial_from_event(e, lookback_days) for e in events]
    found += [denial_from_claim(c, lookback_days) for c in claims]
    return [d for d in found if d is not None]


def find_contradictions(
    denials: Iterable[Denial], events: Iterable[SourcedEvent], *, day_slack: int = 1
) -> list[Contradiction]:
    """Pair each denial with every report that matches it in family, place, period and actor.

    ``day_slack`` widens the denial's period on both sides, as for linking reports.
    """
    index = _ReportIndex()
    for sourced in events:
        if not sourced.event.negated:
            index.add(sourced)
    found: dict[str, Contradiction] = {}
    for denial in denials:
        for report in index.matching(denial, day_slack):
            contradiction = _contradiction(denial, report)
            found.setdefault(contradiction.contradiction_id, contradiction)
    log.info("found %d contradictions", len(found))
    return sorted(found.values(), key=lambda c: (c.denial.key, c.report.event_key))


def contradiction_id(denial_key: str, report_key: str) -> str:
    return "con-" + hashlib.sha1(f"{denial_key}|{report_key}".encode()).hexdigest()[:12]


def _contradiction(denial: Denial, sourced: SourcedEvent) -> Contradiction:
    event = sourced.event
    report = ReportSide(
        event_key=sourced.event_key,
        doc_id=sourced.doc_id,
        sub_event_type=event.sub_event_type,
        evidence=event.evidence,
        window=sourced.window(),
        place=event.location,
        actor=actor_label(event.actor1),
        fatalities=event.fatalities,
        source=sourced.source,
        url=sourced.url,
        published=sourced.published,
    )
    return Contradiction(contradiction_id(denial.key, sourced.event_key), denial, report)


def _lookback(published: dt.date | None, days: int) -> DateWindow | None:
    if published is None:
        return None
    return DateWindow(published - dt.timedelta(days=days), published)


class _ReportIndex:
    """Reports by day and grid cell, by day and admin1, and by day and country."""

    def __init__(self) -> None:
        self.grid = GridIndex[SourcedEvent](REPORT_CELL_KM)
        self.max_reach = 0.0
        self.admin_level: defaultdict[tuple[str, int], list[SourcedEvent]] = defaultdict(list)
        self.by_country: defaultdict[tuple[str, int], list[SourcedEvent]] = defaultdict(list)

    def add(self, sourced: SourcedEvent) -> None:
        place, window = sourced.event.location, sourced.window()
        if place is None or window is None:
            return
        for day in window.ordinals():
            if place.country:
                self.by_country[(place.country, day)].append(sourced)
            if place_level(place) is PlaceLevel.ADMIN1 and admin1_of(place):
                self.admin_level[(_admin(place), day)].append(sourced)
            elif place.lat is not None and place.lon is not None and place_level(place) < PlaceLevel.ADMIN1:
                self.grid.add(place.lat, place.lon, day, sourced)
                self.max_reach = max(self.max_reach, place_reach_km(place))

    def matching(self, denial: Denial, day_slack: int) -> Iterator[SourcedEvent]:
        days = denial.window.ordinals(day_slack)
        seen: set[str] = set()
        for place in denial.places:
            for report in self._near(place, days):
                if report.event_key not in seen and _denies(denial, place, report, day_slack):
                    seen.add(report.event_key)
                    yield report

    def _near(self, place: Place, days: range) -> Iterator[SourcedEvent]:
        level = place_level(place)
        if level is PlaceLevel.COUNTRY:
            if place.country:
                for day in days:
                    yield from self.by_country.get((place.country, day), ())
            return
        if level is PlaceLevel.ADMIN1:
            # Everything in the province: look through the country's reports of those days.
            if place.country:
                for day in days:
                    yield from self.by_country.get((place.country, day), ())
            return
        if has_point(place):
            assert place.lat is not None
            assert place.lon is not None
            radius = max(place_reach_km(place), self.max_reach, SAME_SPOT_KM)
            yield from self.grid.near(place.lat, place.lon, radius, days)
        if admin1_of(place):
            for day in days:
                yield from self.admin_level.get((_admin(place), day), ())


def _admin(place: Place) -> str:
    return fold(admin1_of(place) or "").casefold()


def _denies(denial: Denial, denied_place: Place, sourced: SourcedEvent, day_slack: int) -> bool:
    event, window = sourced.event, sourced.window()
    if _same_sentence(denial, sourced):
        return False  # a sentence that reports a denial is not also the report it contradicts
    if event.location is None or window is None or event_family(event.sub_event_type) not in denial.families:
        return False
    if not denial.window.near(window, day_slack):
        return False
    if not actors_compatible(denial.actor, event.actor1):
        return False
    if place_level(denied_place) is PlaceLevel.COUNTRY:
        return bool(denied_place.country) and denied_place.country == event.location.country
    return places_compatible(denied_place, event.location)


def _same_sentence(denial: Denial, sourced: SourcedEvent) -> bool:
    return sourced.doc_id == denial.doc_id and sourced.event.evidence.sentence_span.overlaps(
        denial.evidence.sentence_span
    )
