"""The truce registry: truces merged across articles, and the events that violate them.

Articles announce the same truce many times, each with part of it: one gives the zone,
another the 72 hours, a third the parties. :func:`merge_truces` folds announcements of one
truce (same kind, overlapping zones, compatible dates) into one :class:`TruceRecord`, and
attaches them to a user-declared truce (:mod:`marsad.assemble.ceasefire_file`) when one
matches. :func:`detect_violations` then checks reported events against each truce: a violent,
non-negated event inside a zone, outside the exclusions, within the window, is a violation
attributed to its ``actor1``; what cannot be decided is listed as undetermined with a reason.
See docs/ceasefires.md.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import TypeVar

from marsad.assemble.ceasefire_zones import Inside, Zone, ZoneRelation, zone_contains, zone_relation
from marsad.dedup.geo import same_place
from marsad.dedup.keys import actor_label, name_words
from marsad.dedup.records import DateWindow, SourcedEvent, SourcedTruce
from marsad.event import VIOLENT_EVENT_TYPES, Actor, SubEventType, TruceKind

log = logging.getLogger(__name__)

K = TypeVar("K", str, dt.date)


class TruceOrigin(StrEnum):
    EXTRACTED = "extracted"
    USER = "user"


@dataclass(frozen=True, slots=True)
class TruceRecord:
    """One truce regime: where, when, between whom, and the articles that announced it.

    ``end`` None means open-ended. ``start_inferred`` says the start is the publication date
    of the first article that mentioned it (no start was stated).
    """

    truce_id: str
    name: str
    kind: TruceKind
    start: dt.date
    zones: tuple[Zone, ...]
    exclusions: tuple[Zone, ...] = ()
    parties: tuple[str, ...] = ()
    end: dt.date | None = None
    duration_hours: int | None = None
    origin: TruceOrigin = TruceOrigin.EXTRACTED
    start_inferred: bool = False
    articles: tuple[str, ...] = ()  # doc ids
    announcements: tuple[str, ...] = ()  # truce keys merged into this record
    evidence: tuple[str, ...] = ()  # the announcing sentences
    notes: str | None = None
    last_mentioned: dt.date | None = None  # the latest publication date among its articles

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"truce {self.truce_id!r} ends ({self.end}) before it starts ({self.start})")

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def window_until(self, horizon: dt.date) -> DateWindow:
        """Its window, an open end cut at ``horizon``."""
        end = self.end if self.end is not None else max(horizon, self.start)
        return DateWindow(self.start, end)


def truce_end(start: dt.date, end: dt.date | None, duration_hours: int | None) -> dt.date | None:
    """The stated end, else start + duration (a partial day counts as a day), else open."""
    if end is not None:
        return end
    if duration_hours is not None:
        return start + dt.timedelta(days=math.ceil(duration_hours / 24))
    return None


def truce_id_for(anchor_key: str) -> str:
    return "tru-" + hashlib.sha1(anchor_key.encode("utf-8")).hexdigest()[:12]


def truce_name(kind: TruceKind, zones: Sequence[Zone]) -> str:
    where = "، ".join(zone.name for zone in zones[:3]) or "?"
    return f"{kind.value}: {where}"


def record_from_announcement(sourced: SourcedTruce) -> TruceRecord | None:
    """One announcement as a record of its own; None when it has no date at all."""
    truce = sourced.truce
    start = truce.start or sourced.published
    if start is None:
        log.debug("truce %s has no start and no publication date; skipped", sourced.truce_key)
        return None
    if truce.start is None and truce.end is not None:
        start = min(start, truce.end)  # reported after it ended: it began by its end at the latest
    if truce.end is not None and truce.end < start:
        log.debug("truce %s ends before it starts; end dropped", sourced.truce_key)
        truce = replace(truce, end=None)
    zones = tuple(Zone.of_place(p) for p in truce.zones)
    return TruceRecord(
        truce_id=truce_id_for(sourced.truce_key),
        name=truce_name(truce.kind, zones),
        kind=truce.kind,
        start=start,
        zones=zones,
        exclusions=tuple(Zone.of_place(p) for p in truce.excluded),
        parties=tuple(truce.parties),
        end=truce_end(start, truce.end, truce.duration_hours),
        duration_hours=truce.duration_hours,
        start_inferred=truce.start is None,
        articles=(sourced.doc_id,),
        announcements=(sourced.truce_key,),
        evidence=(truce.evidence.sentence,),
        last_mentioned=sourced.published or start,
    )


@dataclass(frozen=True, slots=True)
class MergeRules:
    """When two announcements are one truce.

    Attributes:
        start_tolerance_days: two stated starts this close are one truce.
        announce_days: two announcements (either without a stated start) this close are one.
        reference_days: a later mention without a start refers to an open-ended truce for
            this long after its start.
    """

    start_tolerance_days: int = 2
    announce_days: int = 3
    reference_days: int = 60


def merge_truces(
    announcements: Iterable[SourcedTruce],
    *,
    known: Sequence[TruceRecord] = (),
    rules: MergeRules | None = None,
) -> list[TruceRecord]:
    """Fold announcements of one truce into one record; attach them to a known truce if they match.

    Announcements are taken in a canonical order (start, then key), so the result does not
    depend on input order. An announcement joins a group only if it is compatible with every
    announcement already in it (and with the known truce the group started from).
    """
    rules = rules or MergeRules()
    records = sorted(
        (r for r in map(record_from_announcement, announcements) if r is not None),
        key=lambda r: (r.start, r.announcements[0]),
    )
    groups: list[list[TruceRecord]] = [[seed] for seed in known]
    for record in records:
        best = _best_group(record, groups, rules)
        if best is None:
            groups.append([record])
        else:
            groups[best].append(record)
    merged = [_merge_group(group) for group in groups]
    log.info("merged %d truce announcements into %d truces", len(records), len(merged))
    return merged


def _best_group(record: TruceRecord, groups: list[list[TruceRecord]], rules: MergeRules) -> int | None:
    fitting = [
        (max(abs((record.start - other.start).days) for other in group), position)
        for position, group in enumerate(groups)
        if all(same_truce(record, other, rules) for other in group)
    ]
    return min(fitting)[1] if fitting else None


#: Kinds that name one regime in different words: a "هدنة" and a "نظام تهدئة" are both a halt
#: to the fighting; a corridor or an evacuation deal is only ever itself.
HALTS = frozenset({TruceKind.CEASEFIRE, TruceKind.CALM})


def compatible_kinds(a: TruceKind, b: TruceKind) -> bool:
    return a is b or (a in HALTS and b in HALTS)


def same_truce(a: TruceRecord, b: TruceRecord, rules: MergeRules | None = None) -> bool:
    """Could two records be one truce: compatible kinds, overlapping zones, compatible dates,
    and read from different articles?

    A later announcement for the *same* area while the earlier truce runs re-announces it
    ("the ceasefire in Aleppo" on the 22nd and on the 27th), unless it sets terms of its own
    (a 48-hour calm regime declared inside a running ceasefire is another regime). A mention
    that only *refers* to a running truce (no stated start, weeks after it began) must name the
    same area, or a nested one with the same stated duration ("the 30-day truce" in Eastern
    Ghouta and in all of Syria): a regional deal announced within a country-wide truce's window
    is another deal.
    """
    rules = rules or MergeRules()
    if not compatible_kinds(a.kind, b.kind) or not a.zones or not b.zones:
        return False
    if set(a.articles) & set(b.articles):
        return False  # one article naming two truces means two truces
    if a.duration_hours and b.duration_hours and a.duration_hours != b.duration_hours:
        return False
    relation = max(zone_relation(za, zb) for za in a.zones for zb in b.zones)
    if relation is ZoneRelation.APART:
        return False
    if _announced_together(a, b, rules):
        return True
    if relation is ZoneRelation.SAME and _re_announced(a, b, rules):
        return True
    same_terms = relation is ZoneRelation.SAME or (
        a.duration_hours is not None and a.duration_hours == b.duration_hours
    )
    return same_terms and _refers_to_running(a, b, rules)


def _announced_together(a: TruceRecord, b: TruceRecord, rules: MergeRules) -> bool:
    gap = abs((a.start - b.start).days)
    if not a.start_inferred and not b.start_inferred:
        return gap <= rules.start_tolerance_days
    return gap <= rules.announce_days


def _re_announced(a: TruceRecord, b: TruceRecord, rules: MergeRules) -> bool:
    """The later record starts while the earlier runs and brings no end of its own that the
    earlier does not share."""
    earlier, later = (a, b) if (a.start, a.announcements) <= (b.start, b.announcements) else (b, a)
    horizon = (
        earlier.end if earlier.end is not None else earlier.start + dt.timedelta(days=rules.reference_days)
    )
    if later.start > horizon:
        return False
    return later.end is None or (
        later.duration_hours is not None and later.duration_hours == earlier.duration_hours
    )


def _refers_to_running(a: TruceRecord, b: TruceRecord, rules: MergeRules) -> bool:
    """A later mention without a stated start falls while the earlier truce runs."""
    for earlier, later in ((a, b), (b, a)):
        if later.start_inferred and earlier.start <= later.start:
            horizon = earlier.start + dt.timedelta(days=rules.reference_days)
            end = earlier.end if earlier.end is not None else horizon
            if later.start <= end:
                return True
    return False


def _merge_group(group: list[TruceRecord]) -> TruceRecord:
    seed = group[0]
    articles = _unique(doc for record in group for doc in record.articles)
    announcements = _unique(key for record in group for key in record.announcements)
    evidence = _unique(sentence for record in group for sentence in record.evidence)
    mentioned = [r.last_mentioned for r in group if r.last_mentioned is not None]
    last_mentioned = max(mentioned) if mentioned else None
    if seed.origin is TruceOrigin.USER:
        return replace(
            seed,
            articles=articles,
            announcements=announcements,
            evidence=evidence,
            last_mentioned=last_mentioned,
        )
    stated = [r for r in group if not r.start_inferred]
    start = min(r.start for r in stated) if stated else min(r.start for r in group)
    duration = next((r.duration_hours for r in group if r.duration_hours), None)
    # An end read from the text (not computed from a duration) wins; else start + duration.
    stated_ends = sorted(r.end for r in group if r.end is not None and r.duration_hours is None)
    end = truce_end(start, max(stated_ends[0], start) if stated_ends else None, duration)
    zones = _unique_zones(zone for record in group for zone in record.zones)
    return TruceRecord(
        truce_id=seed.truce_id,
        name=truce_name(seed.kind, zones),
        kind=seed.kind,
        start=start,
        zones=zones,
        exclusions=_unique_zones(zone for record in group for zone in record.exclusions),
        parties=_unique_parties(party for record in group for party in record.parties),
        end=end,
        duration_hours=duration,
        start_inferred=not stated,
        articles=articles,
        announcements=announcements,
        evidence=evidence,
        last_mentioned=last_mentioned,
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _unique_zones(zones: Iterable[Zone]) -> tuple[Zone, ...]:
    kept: list[Zone] = []
    for zone in zones:
        if not any(_same_zone(zone, other) for other in kept):
            kept.append(zone)
    return tuple(kept)


def _same_zone(a: Zone, b: Zone) -> bool:
    if a.place is not None and b.place is not None:
        return same_place(a.place, b.place)
    return a == b


def _unique_parties(parties: Iterable[str]) -> tuple[str, ...]:
    kept: dict[frozenset[str], str] = {}
    for party in parties:
        kept.setdefault(name_words(party) or frozenset({party}), party)
    return tuple(kept.values())


# --- violations ---------------------------------------------------------------------------


#: How long after its last mention an extracted truce with no stated end is still checked.
OPEN_HORIZON_DAYS = 30


class UndeterminedReason(StrEnum):
    """Why an event near a truce is neither a violation nor clear of it."""

    NO_DATE = "no_date"  # no event date and no publication date
    DATE_STRADDLES = "date_straddles"  # a week/month-precision date partly inside the window
    PLACE_TOO_VAGUE = "place_too_vague"  # e.g. located only as "Syria" for a regional truce
    EXCLUSION_UNCLEAR = "exclusion_unclear"  # may lie in an excluded area
    AGGREGATE = "aggregate"  # a summary of many incidents, not one violation


@dataclass(frozen=True, slots=True)
class Violation:
    truce_id: str
    event_key: str
    doc_id: str
    day: dt.date  # the event's date, else its article's publication date
    zone: str  # the zone it fell in
    sub_event_type: SubEventType
    actor: str | None  # actor1, as shown; None: unattributed
    actor_is_party: bool | None  # actor1 is one of the truce's parties (None: unknown)
    evidence: str
    incident_id: str | None = None
    date_from_published: bool = False
    on_boundary: bool = False  # on the first or last day (the truce's hour is unknown)
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Undetermined:
    truce_id: str
    event_key: str
    doc_id: str
    reason: UndeterminedReason
    evidence: str


@dataclass(frozen=True, slots=True)
class ViolationReport:
    violations: tuple[Violation, ...]
    undetermined: tuple[Undetermined, ...]


def detect_violations(
    truces: Iterable[TruceRecord],
    events: Iterable[SourcedEvent],
    *,
    incident_of: Mapping[str, str] | None = None,
    open_horizon_days: int | None = OPEN_HORIZON_DAYS,
) -> ViolationReport:
    """Check every violent, non-negated event against every truce.

    Args:
        truces: the registry.
        events: reported events with their sources.
        incident_of: event key -> incident id (from linking), so that counts can count each
            real-world incident once however many articles report it.
        open_horizon_days: an *extracted* truce with no end is checked until this many days
            after the last article that mentioned it (None: forever). A user truce's open
            end is taken at its word.
    """
    candidates = _ByDate(e for e in events if _violent(e))
    violations: list[Violation] = []
    undetermined: list[Undetermined] = []
    for declared in truces:
        if not declared.zones:
            continue
        truce = checked_window(declared, open_horizon_days)
        for sourced in candidates.around(truce):
            outcome = check_event(truce, sourced, (incident_of or {}).get(sourced.event_key))
            if isinstance(outcome, Violation):
                violations.append(outcome)
            elif isinstance(outcome, Undetermined):
                undetermined.append(outcome)
    violations.sort(key=lambda v: (v.truce_id, v.day, v.event_key))
    undetermined.sort(key=lambda u: (u.truce_id, u.event_key))
    return ViolationReport(tuple(violations), tuple(undetermined))


def checked_window(truce: TruceRecord, open_horizon_days: int | None = OPEN_HORIZON_DAYS) -> TruceRecord:
    """The truce as checked: an extracted open-ended truce ends ``open_horizon_days`` after
    its last mention, since news stops naming a truce that has lapsed, not announcing its end."""
    if truce.end is not None or truce.origin is TruceOrigin.USER or open_horizon_days is None:
        return truce
    last = max(truce.last_mentioned or truce.start, truce.start)
    return replace(truce, end=last + dt.timedelta(days=open_horizon_days))


def _violent(sourced: SourcedEvent) -> bool:
    event = sourced.event
    return event.event_type in VIOLENT_EVENT_TYPES and not event.negated


def check_event(
    truce: TruceRecord, sourced: SourcedEvent, incident_id: str | None = None
) -> Violation | Undetermined | None:
    """One event against one truce: a violation, undetermined (with why), or None (clear of it)."""
    zone, inside = _zone_hit(truce.zones, sourced)
    if inside is Inside.NO:
        return None
    window = sourced.window()
    verdict = _verdict(truce, sourced, window, inside)
    if verdict is _Verdict.CLEAR:
        return None
    if isinstance(verdict, UndeterminedReason):
        evidence = sourced.event.evidence.sentence
        return Undetermined(truce.truce_id, sourced.event_key, sourced.doc_id, verdict, evidence)
    assert zone is not None
    assert window is not None
    return _violation(truce, sourced, zone, window, incident_id)


class _Verdict(Enum):
    CLEAR = "clear"  # outside the window or in an exclusion
    VIOLATION = "violation"


def _verdict(
    truce: TruceRecord, sourced: SourcedEvent, window: DateWindow | None, inside: Inside
) -> UndeterminedReason | _Verdict:
    """For an event inside (or perhaps inside) a zone: violation, clear, or why undetermined."""
    if window is None:
        return UndeterminedReason.NO_DATE
    in_time = _in_window(truce, window)
    if in_time is Inside.NO:
        return _Verdict.CLEAR
    if in_time is Inside.UNKNOWN:
        return UndeterminedReason.DATE_STRADDLES
    if inside is Inside.UNKNOWN:
        return UndeterminedReason.PLACE_TOO_VAGUE
    excluded = _zone_hit(truce.exclusions, sourced)[1] if truce.exclusions else Inside.NO
    if excluded is Inside.YES:
        return _Verdict.CLEAR
    if excluded is Inside.UNKNOWN:
        return UndeterminedReason.EXCLUSION_UNCLEAR
    if sourced.event.aggregate:
        return UndeterminedReason.AGGREGATE
    return _Verdict.VIOLATION


def _violation(
    truce: TruceRecord, sourced: SourcedEvent, zone: Zone, window: DateWindow, incident_id: str | None
) -> Violation:
    event = sourced.event
    return Violation(
        truce_id=truce.truce_id,
        event_key=sourced.event_key,
        doc_id=sourced.doc_id,
        day=event.date or window.start,
        zone=zone.name,
        sub_event_type=event.sub_event_type,
        actor=actor_label(event.actor1),
        actor_is_party=_is_party(event.actor1, truce.parties),
        evidence=event.evidence.sentence,
        incident_id=incident_id,
        date_from_published=sourced.date_from_published,
        on_boundary=window.start == truce.start or window.end == truce.end,
        source=sourced.source,
        url=sourced.url,
    )


def _zone_hit(zones: Sequence[Zone], sourced: SourcedEvent) -> tuple[Zone | None, Inside]:
    """The first zone the event is inside; else UNKNOWN if any zone might hold it; else NO."""
    place = sourced.event.location
    verdicts = [(zone, zone_contains(zone, place)) for zone in zones]
    for zone, verdict in verdicts:
        if verdict is Inside.YES:
            return zone, Inside.YES
    if any(verdict is Inside.UNKNOWN for _, verdict in verdicts):
        return None, Inside.UNKNOWN
    return None, Inside.NO


def _in_window(truce: TruceRecord, window: DateWindow) -> Inside:
    starts_in = truce.start <= window.start
    ends_in = truce.end is None or window.end <= truce.end
    if starts_in and ends_in:
        return Inside.YES
    if window.end < truce.start or (truce.end is not None and window.start > truce.end):
        return Inside.NO
    return Inside.UNKNOWN


def _is_party(actor: Actor | None, parties: Sequence[str]) -> bool | None:
    if actor is None or not parties:
        return None
    words = name_words(actor.name)
    if actor.name_en:
        words |= {actor.name_en.casefold()}
    return any(words & (name_words(party) | {party.casefold()}) for party in parties)


class _ByDate:
    """Events sorted by the start of their date window, to pick those near a truce's window."""

    def __init__(self, events: Iterable[SourcedEvent]) -> None:
        dated: list[tuple[dt.date, str, SourcedEvent]] = []
        self.undated: list[SourcedEvent] = []
        self.longest = 0
        for sourced in events:
            window = sourced.window()
            if window is None:
                self.undated.append(sourced)
            else:
                dated.append((window.start, sourced.event_key, sourced))
                self.longest = max(self.longest, window.days)
        dated.sort(key=lambda item: (item[0], item[1]))
        self.starts = [item[0] for item in dated]
        self.events = [item[2] for item in dated]

    def around(self, truce: TruceRecord) -> list[SourcedEvent]:
        """Events whose window may touch the truce's, and the undated ones."""
        low = bisect.bisect_left(self.starts, truce.start - dt.timedelta(days=self.longest))
        high = len(self.starts) if truce.end is None else bisect.bisect_right(self.starts, truce.end)
        return self.events[low:high] + self.undated


# --- counts ---------------------------------------------------------------------------------

UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class TruceCounts:
    """Violations of one truce, each real-world incident counted once.

    ``reports`` counts violation rows (articles); the other figures count incidents (the
    event key stands in for an event that was not linked).
    """

    truce_id: str
    incidents: int
    reports: int
    by_party: tuple[tuple[str, int], ...]
    by_zone: tuple[tuple[str, int], ...]
    by_day: tuple[tuple[dt.date, int], ...]
    undetermined: int = 0


def count_violations(report: ViolationReport) -> dict[str, TruceCounts]:
    """Counts per truce: total, per party (attributed actor), per zone, per day."""
    rows: defaultdict[str, list[Violation]] = defaultdict(list)
    for violation in report.violations:
        rows[violation.truce_id].append(violation)
    undetermined = Counter(u.truce_id for u in report.undetermined)
    counts = {}
    for truce_id in sorted(set(rows) | set(undetermined)):
        violations = rows.get(truce_id, [])
        counts[truce_id] = TruceCounts(
            truce_id=truce_id,
            incidents=len({_incident(v) for v in violations}),
            reports=len(violations),
            by_party=_tally(violations, lambda v: v.actor or UNATTRIBUTED),
            by_zone=_tally(violations, lambda v: v.zone),
            by_day=tuple(sorted(_tally(violations, lambda v: v.day))),
            undetermined=undetermined.get(truce_id, 0),
        )
    return counts


@dataclass(frozen=True, slots=True)
class HeadlineCounts:
    """Violations over the whole registry: an incident inside two overlapping truces (a calm
    regime declared within a running ceasefire) is one incident here, however many truce rows
    it makes."""

    incidents: int
    reports: int  # violation rows, one per truce and event
    truces: int  # truces with at least one violation

    def as_record(self) -> dict[str, int]:
        return {"incidents": self.incidents, "reports": self.reports, "truces": self.truces}


def headline_counts(report: ViolationReport) -> HeadlineCounts:
    """Distinct incidents violating any truce, the rows behind them, and the truces they touch."""
    violations = report.violations
    return HeadlineCounts(
        incidents=len({_incident(v) for v in violations}),
        reports=len(violations),
        truces=len({v.truce_id for v in violations}),
    )


def _incident(violation: Violation) -> str:
    return violation.incident_id or violation.event_key


def _tally(violations: Sequence[Violation], label: Callable[[Violation], K]) -> tuple[tuple[K, int], ...]:
    """Distinct incidents per label, most first (ties by label)."""
    seen = {(label(v), _incident(v)) for v in violations}
    counts = Counter(name for name, _ in seen)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))))
