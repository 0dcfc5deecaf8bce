"""Cross-article logic: syndicated copies, incidents linked across sources, contradictions.

Pure functions over typed records (:mod:`marsad.dedup.records`); the store builds the records
from its rows and keeps what these functions return. See docs/corroboration.md.
"""

from marsad.dedup.contradictions import Contradiction, Denial, DenialKind, denials_from, find_contradictions
from marsad.dedup.corroborate import Corroboration, corroborate
from marsad.dedup.incidents import (
    Grade,
    Incident,
    IncidentMember,
    LinkResult,
    LinkRules,
    Range,
    link_incidents,
)
from marsad.dedup.index import DedupIndex, MemoryIndex, NullIndex
from marsad.dedup.keys import EventFamily, event_family
from marsad.dedup.minhash import Fingerprint, fingerprint
from marsad.dedup.records import DateWindow, SourcedClaim, SourcedEvent, SourcedTruce, sourced_records

__all__ = [
    "Contradiction",
    "Corroboration",
    "DateWindow",
    "DedupIndex",
    "Denial",
    "DenialKind",
    "EventFamily",
    "Fingerprint",
    "Grade",
    "Incident",
    "IncidentMember",
    "LinkResult",
    "LinkRules",
    "MemoryIndex",
    "NullIndex",
    "Range",
    "SourcedClaim",
    "SourcedEvent",
    "SourcedTruce",
    "corroborate",
    "denials_from",
    "event_family",
    "find_contradictions",
    "fingerprint",
    "link_incidents",
    "sourced_records",
]
