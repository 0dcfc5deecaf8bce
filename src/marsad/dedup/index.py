"""Copy groups of articles: which documents are syndicated copies of one story.

A :class:`DedupIndex` is passed explicitly to whatever needs it (no module-global state). The
:class:`NullIndex` treats every article as original; the :class:`MemoryIndex` finds copies
with MinHash LSH; the store may add one that keeps fingerprints and band keys in tables
(``article_fingerprints``) and answers the same protocol.

A copy group is named by its first-indexed member. Joining a group is single-link: a document
joins the group of its most similar indexed copy, so a chain of lightly edited reprints stays
one group.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Protocol, runtime_checkable

from marsad.dedup.minhash import COPY_THRESHOLD, NUM_PERM, Fingerprint, band_keys, fingerprint, lsh_params

log = logging.getLogger(__name__)


@runtime_checkable
class DedupIndex(Protocol):
    def add(self, doc_id: str, text: str) -> str:
        """Index one article; return its copy group (a doc id). Adding a doc id again is a no-op."""
        ...

    def group_of(self, doc_id: str) -> str:
        """The copy group of an indexed article; an unknown doc id is its own group."""
        ...


class NullIndex:
    """Every article is its own original: no copies are ever found."""

    def add(self, doc_id: str, text: str) -> str:
        return doc_id

    def group_of(self, doc_id: str) -> str:
        return doc_id


class MemoryIndex:
    """MinHash LSH over word 3-grams, held in memory.

    Args:
        threshold: estimated Jaccard similarity at or above which two articles are copies.
        num_perm: signature size.
    """

    def __init__(self, threshold: float = COPY_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = lsh_params(threshold, num_perm)
        self._fingerprints: dict[str, Fingerprint] = {}
        self._group: dict[str, str] = {}
        self._buckets: defaultdict[bytes, list[str]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._fingerprints)

    def add(self, doc_id: str, text: str) -> str:
        if doc_id in self._group:
            return self._group[doc_id]
        return self.add_fingerprint(fingerprint(doc_id, text, self.num_perm))

    def add_fingerprint(self, fp: Fingerprint) -> str:
        """Index a precomputed fingerprint (e.g. one read back from the store)."""
        if fp.doc_id in self._group:
            return self._group[fp.doc_id]
        keys = band_keys(fp, self.bands, self.rows)
        original = self._closest_copy(fp, keys)
        group = self._group[original] if original else fp.doc_id
        if original:
            log.debug("%s is a copy of %s (group %s)", fp.doc_id, original, group)
        self._fingerprints[fp.doc_id] = fp
        self._group[fp.doc_id] = group
        for key in keys:
            self._buckets[key].append(fp.doc_id)
        return group

    def group_of(self, doc_id: str) -> str:
        return self._group.get(doc_id, doc_id)

    def copies_of(self, doc_id: str) -> list[str]:
        """Other indexed members of ``doc_id``'s copy group, sorted."""
        group = self.group_of(doc_id)
        return sorted(d for d, g in self._group.items() if g == group and d != doc_id)

    def groups(self) -> dict[str, list[str]]:
        """Copy groups with more than one member: group id -> sorted doc ids."""
        members: defaultdict[str, list[str]] = defaultdict(list)
        for doc_id, group in self._group.items():
            members[group].append(doc_id)
        return {g: sorted(docs) for g, docs in members.items() if len(docs) > 1}

    def _closest_copy(self, fp: Fingerprint, keys: list[bytes]) -> str | None:
        candidates = {doc for key in keys for doc in self._buckets.get(key, ())}
        scored = [(fp.similarity(self._fingerprints[doc]), doc) for doc in candidates]
        copies = [(score, doc) for score, doc in scored if score >= self.threshold]
        if not copies:
            return None
        # Highest similarity first; the doc id breaks ties so the result does not depend on set order.
        return min(copies, key=lambda pair: (-pair[0], pair[1]))[1]
