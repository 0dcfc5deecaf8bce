"""The output contract: an Article as one SCHEMA.md record (what `marsad extract` prints)."""

from __future__ import annotations

from typing import Any

from marsad.article import Article


def to_record(article: Article) -> dict[str, Any]:
    """The SCHEMA.md record of ``article`` (a dropped article keeps its id and an empty body)."""
    record: dict[str, Any] = {
        "doc_id": article.doc_id,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "body": article.body if article.dropped is None else "",
        "comments": [c.as_record() for c in article.comments],
        "places": [p.as_record() for p in article.places],
        "events": [e.as_record() for e in article.events],
        "claims": [c.as_record() for c in article.claims],
        "truces": [t.as_record() for t in article.truces],
    }
    if article.dropped is not None:
        record["dropped"] = {"stage": article.dropped.stage, "reason": article.dropped.reason}
    return record
