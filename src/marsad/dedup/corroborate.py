"""One call for the store/CLI layer: contradictions first, then incidents graded with them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from marsad.dedup.contradictions import Contradiction, denials_from, find_contradictions
from marsad.dedup.incidents import Incident, LinkResult, LinkRules, link_incidents
from marsad.dedup.index import DedupIndex
from marsad.dedup.records import DEFAULT_DENIAL_LOOKBACK_DAYS, SourcedClaim, SourcedEvent


@dataclass(frozen=True, slots=True)
class Corroboration:
    incidents: tuple[Incident, ...]
    incident_of: dict[str, str]  # event key -> incident id
    contradictions: tuple[Contradiction, ...]  # each with the incident of its report side


def corroborate(
    events: Iterable[SourcedEvent],
    claims: Iterable[SourcedClaim] = (),
    *,
    copies: DedupIndex | None = None,
    rules: LinkRules | None = None,
    lookback_days: int = DEFAULT_DENIAL_LOOKBACK_DAYS,
) -> Corroboration:
    """Find contradictions, link incidents, and mark the incidents that a denial contradicts."""
    rules = rules or LinkRules()
    events = list(events)
    denials = denials_from(events, claims, lookback_days)
    contradictions = find_contradictions(denials, events, day_slack=rules.day_slack)
    contested: defaultdict[str, list[str]] = defaultdict(list)
    for contradiction in contradictions:
        contested[contradiction.report.event_key].append(contradiction.summary())
    linked: LinkResult = link_incidents(events, copies=copies, rules=rules, contested=contested)
    incident_of = dict(linked.incident_of)
    placed = tuple(c.with_incident(incident_of.get(c.report.event_key)) for c in contradictions)
    return Corroboration(linked.incidents, incident_of, placed)
