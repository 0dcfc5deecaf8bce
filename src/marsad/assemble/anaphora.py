"""Places referred back to: "المدينة", "البلدة", "المحافظة", "المنطقة" after a place was named.

News text names a place once and then refers to it by its kind: "قصفت الطائرات دوما ...
وقالت مصادر إن المدينة تعرضت لعشرات الغارات". Without this, the second sentence's event has no
place and is dropped. A referring noun (``lexicons/place_anaphors.tsv``) resolves to the most
recent place of a kind it can name (a city or town for "المدينة", a governorate for
"المحافظة", a region for "المنطقة"), named as a location before it within
:data:`MAX_SENTENCES_BACK` sentences. It is no reference when another definite word follows
it ("المنطقة الآمنة", "المدينة القديمة": a new place) unless that word only repeats it
("المنطقة المحاصرة", "البلدة نفسها"), nor when a word like "على" follows it ("المحافظة على
الهدنة": keeping the truce).

The references are :class:`~marsad.article.PlaceMention` values with the referring word's
span and the earlier place; they serve event assembly only and never enter the article's
place list (the place was already listed where it was named).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.article import PlaceMention
from marsad.assemble.context import ArticleView, shared
from marsad.event import PlaceKind
from marsad.extract.phrases import PhraseMatch, PhraseMatcher
from marsad.normalize import fold
from marsad.normalize.lexicon import read_wordlist

MAX_SENTENCES_BACK = 3
DESTINATIONS = frozenset(fold(w) for w in ("إلى", "الى", "نحو", "باتجاه"))


@dataclass(frozen=True, slots=True)
class AnaphorLexicon:
    anaphors: PhraseMatcher[tuple[PlaceKind, ...]]
    modifiers: frozenset[str]
    blockers: frozenset[str]

    @classmethod
    @functools.cache  # one per process: stages that share it can share what it finds
    def load(cls) -> AnaphorLexicon:
        rows = read_wordlist("place_anaphors.tsv").rows
        anaphors: PhraseMatcher[tuple[PlaceKind, ...]] = PhraseMatcher()
        for row in rows:
            if row["role"] == "anaphor":
                anaphors.add(row["form"], tuple(PlaceKind(k) for k in row["kinds"].split(",")))
        return cls(
            anaphors,
            frozenset(r["form"] for r in rows if r["role"] == "modifier"),
            frozenset(r["form"] for r in rows if r["role"] == "blocker"),
        )


def place_references(view: ArticleView, lexicon: AnaphorLexicon) -> Sequence[PlaceMention]:
    """A place mention for each referring noun that resolves to an earlier place.

    Found once per article (events and truces both ask); the result must not be modified.
    """
    inputs = (view, lexicon, view.article.mentions.places)
    return shared(view.article, "place_references", inputs, lambda: tuple(_references(view, lexicon)))


def _references(view: ArticleView, lexicon: AnaphorLexicon) -> list[PlaceMention]:
    named = sorted(
        (p for p in view.article.mentions.places if p.as_location and p.place.kind is not PlaceKind.COUNTRY),
        key=lambda p: p.span.start,
    )
    found: list[PlaceMention] = []
    for match in view.match_all(lexicon.anaphors):
        span = view.words_span(match.first, match.last)
        if any(p.span.overlaps(span) for p in view.article.mentions.places):
            continue
        if not _refers(view, match, lexicon):
            continue
        antecedent = _antecedent(view, named, match)
        if antecedent is not None:
            found.append(PlaceMention(span, view.body_text(span), antecedent.place, True))
    return found


def _refers(view: ArticleView, match: PhraseMatch[tuple[PlaceKind, ...]], lexicon: AnaphorLexicon) -> bool:
    """No new place ("المنطقة الآمنة") and no other sense ("المحافظة على") follows the noun."""
    if match.last >= len(view.words) or not view.same_clause(match.last - 1, match.last):
        return True
    following = view.words[match.last].text
    if following in lexicon.blockers:
        return False
    return following in lexicon.modifiers or not following.startswith("ال")


def _antecedent(
    view: ArticleView, named: Sequence[PlaceMention], match: PhraseMatch[tuple[PlaceKind, ...]]
) -> PlaceMention | None:
    """The latest place of a kind the noun can name, before it and at most a few sentences back.
    A facility named only as where someone went ("حولت الرحلات إلى مطار مصراتة") is taken only
    when no other fits: "المطار" is still the airport that was struck. (A town named as a
    destination often is the topic: "متوجها إلى مدينة دوما، حيث ...".)"""
    here = view.sentence_of(view.words_span(match.first, match.last))
    start = view.word_span(match.first).start
    fitting: list[PlaceMention] = []
    for place in reversed(named):
        if place.span.start >= start:
            continue
        there = view.sentence_of(place.span)
        if here is not None and there is not None and here.index - there.index > MAX_SENTENCES_BACK:
            break
        if place.place.kind in match.payload and _named_alike(view, match, place):
            fitting.append(place)
    facility = match.payload == (PlaceKind.FACILITY,)
    settled = [place for place in fitting if not (facility and _destination(view, place))]
    chosen = settled or fitting
    return chosen[0] if chosen else None


def _destination(view: ArticleView, place: PlaceMention) -> bool:
    p_first = view.first_word(place.span)
    return any(view.words[k].text in DESTINATIONS for k in range(max(0, p_first - 2), p_first))


def _named_alike(view: ArticleView, match: PhraseMatch[tuple[PlaceKind, ...]], place: PlaceMention) -> bool:
    """ "المطار" names an airport ("مطار معيتيقة"), not the hospital named after it."""
    if place.place.kind is not PlaceKind.FACILITY:
        return True
    noun = view.words[match.first].text.removeprefix("ال")
    return noun in fold(place.text)
