"""Syndicated copies, kept in the store: article fingerprints and LSH band keys in two tables.

:class:`StoreCopyIndex` answers the :class:`~marsad.dedup.index.DedupIndex` protocol inside one
session (one transaction): ``article_fingerprints`` holds each article's MinHash signature and
copy group, ``article_lsh_bands`` one row per band key, so candidate copies of a new article
are found with one indexed lookup instead of comparing it with every stored article. Banding,
threshold and tie-breaking are those of :class:`~marsad.dedup.index.MemoryIndex`, so both
indexes group the same articles the same way (docs/decisions/0001-minhash.md).

An article is fingerprinted once; again only when its content changes (an updated article).
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from marsad.dedup.minhash import COPY_THRESHOLD, NUM_PERM, Fingerprint, band_keys, fingerprint, lsh_params
from marsad.store.models import ArticleFingerprintModel, ArticleLshBandModel, DocumentModel

log = logging.getLogger(__name__)


class StoreCopyIndex:
    """Copy groups of stored articles, read and extended within ``session``.

    Args:
        session: an open session; what :meth:`add` and :meth:`refresh` write is committed
            (or rolled back) with it.
        threshold: estimated Jaccard similarity at or above which two articles are copies.
        num_perm: signature size (must match the stored signatures).
    """

    def __init__(self, session: Session, threshold: float = COPY_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.session = session
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = lsh_params(threshold, num_perm)
        statement = select(ArticleFingerprintModel.doc_id, ArticleFingerprintModel.copy_group)
        self._group: dict[str, str] = {doc: group for doc, group in session.execute(statement)}

    def __len__(self) -> int:
        return len(self._group)

    def group_of(self, doc_id: str) -> str:
        return self._group.get(doc_id, doc_id)

    def add(self, doc_id: str, text: str) -> str:
        """Index the stored document ``doc_id`` with ``text``; a document already indexed keeps its group.

        Raises:
            KeyError: no stored document has this id (fingerprints hang off documents).
        """
        if doc_id in self._group:
            return self._group[doc_id]
        document = self.session.execute(
            select(DocumentModel.id, DocumentModel.content_hash).where(DocumentModel.doc_id == doc_id)
        ).first()
        if document is None:
            raise KeyError(f"no stored document {doc_id!r} to fingerprint")
        return self._index(document.id, doc_id, document.content_hash, text)

    def refresh(self) -> int:
        """Fingerprint every stored article not indexed yet (or changed since), oldest first.

        Returns how many were fingerprinted. Dropped and empty documents are left out: they
        hold no events to count twice.
        """
        self._forget_changed()
        fingerprinted = ArticleFingerprintModel.document_id
        statement = (
            select(DocumentModel.id, DocumentModel.doc_id, DocumentModel.content_hash, DocumentModel.body)
            .where(DocumentModel.id.not_in(select(fingerprinted)))
            .where(DocumentModel.dropped.is_(False), DocumentModel.body != "")
            .order_by(DocumentModel.id)
        )
        added = 0
        for row in self.session.execute(statement).all():
            self._index(row.id, row.doc_id, row.content_hash, row.body)
            added += 1
        if added:
            log.info("fingerprinted %d articles (%d indexed)", added, len(self._group))
        return added

    def copies_of(self, doc_id: str) -> list[str]:
        """Other indexed members of ``doc_id``'s copy group, sorted."""
        group = self.group_of(doc_id)
        return sorted(d for d, g in self._group.items() if g == group and d != doc_id)

    def _forget_changed(self) -> None:
        """Drop the fingerprints of documents whose content changed since (or that were dropped)."""
        changed = select(ArticleFingerprintModel.id, ArticleFingerprintModel.doc_id).join(
            DocumentModel, DocumentModel.id == ArticleFingerprintModel.document_id
        )
        changed = changed.where(
            or_(
                DocumentModel.content_hash != ArticleFingerprintModel.content_hash,
                DocumentModel.dropped.is_(True),
            )
        )
        stale = self.session.execute(changed).all()
        if not stale:
            return
        ids = [row.id for row in stale]
        self.session.execute(delete(ArticleLshBandModel).where(ArticleLshBandModel.fingerprint_id.in_(ids)))
        self.session.execute(delete(ArticleFingerprintModel).where(ArticleFingerprintModel.id.in_(ids)))
        for row in stale:
            self._group.pop(row.doc_id, None)

    def _index(self, document_id: int, doc_id: str, content_hash: str, text: str) -> str:
        fp = fingerprint(doc_id, text, self.num_perm)
        keys = band_keys(fp, self.bands, self.rows)
        original = self._closest_copy(fp, keys)
        group = self.group_of(original) if original else doc_id
        row = ArticleFingerprintModel(
            document_id=document_id,
            doc_id=doc_id,
            content_hash=content_hash,
            signature=fp.to_bytes(),
            copy_group=group,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(ArticleLshBandModel(fingerprint_id=row.id, band_key=key) for key in keys)
        self._group[doc_id] = group
        return group

    def _closest_copy(self, fp: Fingerprint, keys: list[bytes]) -> str | None:
        statement = (
            select(ArticleFingerprintModel.doc_id, ArticleFingerprintModel.signature)
            .join(ArticleLshBandModel, ArticleLshBandModel.fingerprint_id == ArticleFingerprintModel.id)
            .where(ArticleLshBandModel.band_key.in_(keys))
            .distinct()
        )
        scored = [
            (fp.similarity(Fingerprint.from_bytes(doc, signature)), doc)
            for doc, signature in self.session.execute(statement)
        ]
        copies = [(score, doc) for score, doc in scored if score >= self.threshold]
        if not copies:
            return None
        # Highest similarity first, then the doc id: the same choice MemoryIndex makes.
        return min(copies, key=lambda pair: (-pair[0], pair[1]))[1]
