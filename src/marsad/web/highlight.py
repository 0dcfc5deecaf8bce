"""Cut an article body into runs of text, each with the kinds of span that cover it.

The article page shows the cleaned body with every recognised span highlighted: the
extractors' mentions (places, actors, numbers, dates, event words), the evidence sentences of
the article's events, claims and truces, and the spans each record's fields were read from.
Spans overlap (an actor phrase holds a place name, an evidence sentence holds everything), so
the body is cut at every span boundary and each run lists all the spans over it; the template
renders a run as one ``<mark>`` with a class per kind. Offsets are half-open ranges into the
body; a span outside it is clipped, an empty one dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from marsad.store.query import ArticleView, FieldSpan, MentionView

#: Kinds in drawing order: a run covered by several shows the colour of the last one.
KINDS = ("evidence", "field", "trigger", "date", "quantity", "actor", "place")


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    note: str  # what the span is, for the tooltip: "place: Aleppo (SY)"
    ref: str = ""  # the record it belongs to ("ev-12"), so the page can link a record to its words


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    start: int
    kinds: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()

    @property
    def css(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(self.notes))


def runs(body: str, marks: Iterable[Mark]) -> list[Run]:
    """The body cut at every mark boundary; runs without marks have empty ``kinds``."""
    clipped = [_clip(mark, len(body)) for mark in marks]
    kept = [mark for mark in clipped if mark is not None]
    cuts = sorted({0, len(body), *(m.start for m in kept), *(m.end for m in kept)})
    order = {kind: i for i, kind in enumerate(KINDS)}
    out = []
    for start, end in pairwise(cuts):
        covering = (m for m in kept if m.start <= start and end <= m.end)
        over = sorted(covering, key=lambda m: order.get(m.kind, 0))
        out.append(
            Run(
                body[start:end],
                start,
                tuple(dict.fromkeys(m.kind for m in over)),
                tuple(m.note for m in over if m.note),
                tuple(dict.fromkeys(m.ref for m in over if m.ref)),
            )
        )
    return out


def _clip(mark: Mark, length: int) -> Mark | None:
    start, end = max(mark.start, 0), min(mark.end, length)
    if start >= end:
        return None
    return Mark(start, end, mark.kind, mark.note, mark.ref)


def article_marks(view: ArticleView, kind_names: dict[str, str] | None = None) -> list[Mark]:
    """Every span of a stored article: mentions, evidence sentences and record fields."""
    names = kind_names or {}
    marks = [_mention_mark(m, names) for m in view.mentions]
    for event in view.events:
        ref = f"ev-{event.id}"
        marks.append(Mark(event.evidence_start, event.evidence_end, "evidence", "", ref))
        marks += _field_marks(event.spans, f"{event.sub_event_type} #{event.id}", ref)
    for claim in view.claims:
        ref = f"cl-{claim.id}"
        marks.append(Mark(claim.evidence_start, claim.evidence_end, "evidence", "", ref))
        marks += _field_marks(claim.spans, f"claim #{claim.id}", ref)
    for truce in view.truces:
        ref = f"tr-{truce.id}"
        marks.append(Mark(truce.evidence_start, truce.evidence_end, "evidence", "", ref))
        marks += _field_marks(truce.spans, f"{truce.kind} #{truce.id}", ref)
    return marks


def _mention_mark(mention: MentionView, names: dict[str, str]) -> Mark:
    kind = mention.kind if mention.kind in KINDS else "field"
    return Mark(mention.start, mention.end, kind, f"{names.get(kind, kind)}: {_reading(mention)}")


def _reading(mention: MentionView) -> str:
    """What the extractor read in the span: the place resolved, the number, the date..."""
    if mention.kind == "place" and mention.place is not None:
        place = mention.place
        where = ", ".join(p for p in (place.admin1, place.country) if p)
        return f"{place.name_en or place.name}" + (f" ({where})" if where else "")
    if mention.kind == "quantity" and mention.value is not None:
        upper = f"-{mention.value_upper}" if mention.value_upper else ""
        return f"{mention.qualifier + ' ' if mention.qualifier else ''}{mention.value}{upper}"
    if mention.kind == "date" and mention.date is not None:
        return mention.date.isoformat() + (f" ({mention.date_precision})" if mention.date_precision else "")
    return mention.label or mention.text


def _field_marks(spans: tuple[FieldSpan, ...], owner: str, ref: str) -> list[Mark]:
    return [Mark(s.start, s.end, "field", f"{owner}: {s.field}", ref) for s in spans]
