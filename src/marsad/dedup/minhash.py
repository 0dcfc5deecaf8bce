"""MinHash fingerprints of article text, for finding syndicated copies of one story.

datasketch computes the signatures; the LSH banding is ours (:func:`band_keys`) so that the
in-memory index and a store-backed one band identically.

A wire story reprinted by several outlets is one source, however many sites carry it. Copies
are rarely byte-identical (a headline changed, a paragraph added, a dateline moved), so we
compare sets of word 3-grams of the folded text: Jaccard similarity survives such edits, and
MinHash estimates it from a fixed-size signature that can be stored and banded for LSH
(see docs/decisions/0001-minhash.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from marsad.normalize import fold

NUM_PERM = 128
SHINGLE_WORDS = 3
#: Estimated Jaccard similarity of word 3-grams at or above which two articles are copies.
COPY_THRESHOLD = 0.7
SEED = 1
#: datasketch's hashing scheme, pinned: stored fingerprints stay comparable if its default changes.
SCHEME = "affine32"

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams of the folded text; a text shorter than that is one shingle."""
    words = _WORD.findall(fold(text).casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A document's MinHash signature: ``num_perm`` 32-bit minima, storable as bytes."""

    doc_id: str
    hashvalues: tuple[int, ...]

    @property
    def num_perm(self) -> int:
        return len(self.hashvalues)

    def to_bytes(self) -> bytes:
        return np.asarray(self.hashvalues, dtype=np.uint32).tobytes()

    @classmethod
    def from_bytes(cls, doc_id: str, data: bytes) -> Fingerprint:
        return cls(doc_id, tuple(int(v) for v in np.frombuffer(data, dtype=np.uint32)))

    def similarity(self, other: Fingerprint) -> float:
        """Estimated Jaccard similarity of the two documents' shingle sets."""
        if other.num_perm != self.num_perm:
            raise ValueError("fingerprints of different sizes cannot be compared")
        same = sum(1 for a, b in zip(self.hashvalues, other.hashvalues, strict=True) if a == b)
        return same / self.num_perm


def fingerprint(doc_id: str, text: str, num_perm: int = NUM_PERM) -> Fingerprint:
    """The MinHash signature of ``text``'s word 3-grams."""
    # imported here, not above: datasketch's package imports SciPy (0.6 s), and extraction,
    # which imports this module by way of the ceasefire zones, never makes a fingerprint
    from datasketch import MinHash

    signature = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return Fingerprint(doc_id, tuple(int(v) for v in signature.hashvalues))


@functools.cache
def lsh_params(threshold: float = COPY_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) that datasketch picks for this threshold; a SQL index should use the same."""
    from datasketch import MinHashLSH  # imported here: see fingerprint()

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(fp: Fingerprint, bands: int, rows: int) -> list[bytes]:
    """One key per LSH band: documents sharing any key are candidate copies.

    The band number is part of the key, so a store can keep all bands in one indexed column.
    """
    values = np.asarray(fp.hashvalues, dtype=np.uint32)
    return [bytes([band]) + values[band * rows : (band + 1) * rows].tobytes() for band in range(bands)]
