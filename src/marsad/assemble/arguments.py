"""An event word's arguments within its sentence: where, who, when, how many, with what, on what.

* **Place**: the place mention nearest the trigger, after it first (``غارات على دوما``),
  then before it (``وفي جنوب دمشق، قتل``), preferring its own clause; countries are never
  an event's location (too coarse to be one). Places listed after the chosen one
  (``بصر الحرير والحراك والصورة``, ``هي X وY``) each get their own event; the two ends of
  a stretch (``الطريق الرابط بين كركوك والحويجة``) are one event at the first.
* **Actors** are read by ``marsad.assemble.agents``, **dates** by ``marsad.assemble.event_dates``.
* **Casualties**: a number next to a casualty word (``lexicons/casualty_words.tsv``):
  ``مقتل 18``, ``250 شخصا قتلوا``, ``500شهيد``; a number after ``بينهم`` is a subset and
  is skipped. The value is the number engineer's (``أكثر من 65`` -> 65, ranges -> the low end).
* **Weapon / target**: ``lexicons/weapons.tsv`` and ``lexicons/targets.tsv`` words in the
  trigger's clause; a target word after a landmark word (``ملاصقاً للمشفى``, ``قرب المدرسة``)
  says where, not what was hit.
* **Origins** are no location: a place after "من" that follows a departure or arrival word
  (``إقلاع طائرتين من مطار حميميم``, ``وصول تعزيزات من الرقة``; ``argument_cues.tsv``, role
  ``origin``) is where forces came from. Deals and handovers keep them (people leave from
  where the deal holds) and skip destinations instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from marsad.article import (
    PlaceMention,
    Qualifier,
    QuantityKind,
    QuantityMention,
)
from marsad.assemble.context import ArticleView, Sentence
from marsad.event import Place, PlaceKind, Span
from marsad.extract.phrases import PhraseMatcher
from marsad.normalize import fold
from marsad.normalize.lexicon import read_wordlist

CASUALTY_REACH = 3
CASUALTY_REACH_AFTER = 4  # "150 شخصا على الأقل قتلوا"
BEFORE_PENALTY = 2
CLAUSE_PENALTY = 6
#: How specific a place kind is (lower is more specific): used to break distance ties.
SPECIFICITY = {
    PlaceKind.FACILITY: 0,
    PlaceKind.NEIGHBOURHOOD: 1,
    PlaceKind.ROAD: 1,
    PlaceKind.VILLAGE: 2,
    PlaceKind.TOWN: 2,
    PlaceKind.CITY: 3,
    PlaceKind.ADMIN2: 4,
    PlaceKind.REGION: 4,
    PlaceKind.OTHER: 5,
    PlaceKind.ADMIN1: 6,
    PlaceKind.COUNTRY: 9,
}
#: Words before a number that make it a part of a total already counted ("بينهم 5 أطفال").
SUBSET_WORDS = frozenset(fold(w) for w in ("بينهم", "منهم", "بينها", "بينهن", "منهن", "بينهما"))
#: Words between a destination or origin and a place describing it ("معبر سيمالكا الحدودي مع كردستان").
DESTINATION_TAIL = 3
DESTINATIONS = frozenset(fold(w) for w in ("إلى", "الى", "نحو", "باتجاه", "وصولا"))
FROM = fold("من")
BETWEEN = fold("بين")
#: Words between a departure or arrival word and the "من" of its origin ("وصول تعزيزات كبيرة للتنظيم من").
ORIGIN_REACH = 5
#: A landmark word stands this close before the target word it makes a landmark ("بالقرب من المشفى").
LANDMARK_REACH = 2
#: Words before a trigger that make it a fact referred back to ("بعد هجوم كيميائي").
ANCHORS = frozenset(fold(w) for w in ("بعد", "منذ", "إثر", "عقب", "أعقاب", "غداة", "بسبب", "جراء"))


@dataclass(frozen=True, slots=True)
class Casualty:
    value: int
    kind: str  # killed | injured
    span: Span
    word: int
    vague: bool = False  # "عشرات القتلى": a later exact count replaces it


@dataclass(frozen=True, slots=True)
class ArgumentLexicon:
    casualties: PhraseMatcher[str]
    casualty_forms: dict[str, str]
    weapons: PhraseMatcher[str]
    targets: PhraseMatcher[str]
    origins: frozenset[str] = frozenset()  # argument_cues.tsv, role origin
    landmarks: frozenset[str] = frozenset()  # argument_cues.tsv, role landmark

    @classmethod
    def load(cls) -> ArgumentLexicon:
        rows = read_wordlist("casualty_words.tsv").rows
        forms = {row["form"]: row["kind"] for row in rows} | {"ال" + row["form"]: row["kind"] for row in rows}
        cues = read_wordlist("argument_cues.tsv").rows
        return cls(
            _matcher("casualty_words.tsv", "form", "kind"),
            forms,
            _matcher("weapons.tsv", "form", "weapon_en"),
            _matcher("targets.tsv", "form", "target_en"),
            frozenset(r["form"] for r in cues if r["role"] == "origin"),
            frozenset(r["form"] for r in cues if r["role"] == "landmark"),
        )


def _matcher(name: str, key: str, value: str) -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for row in read_wordlist(name).rows:
        matcher.add(row[key], row[value])
        if not row[key].startswith("ال"):
            matcher.add("ال" + row[key], row[value])
    return matcher


class ArgumentReader:
    """Reads arguments for triggers of one article."""

    def __init__(self, view: ArticleView, lexicon: ArgumentLexicon) -> None:
        self.view = view
        self.lex = lexicon
        self.casualty_words = {m.first: m for m in view.match_all(lexicon.casualties)}
        self.weapon_words = view.match_all(lexicon.weapons)
        self.target_words = view.match_all(lexicon.targets)

    # ------------------------------------------------------------------ places

    def places(
        self,
        sentence: Sentence,
        first: int,
        last: int,
        places: Sequence[PlaceMention],
        skip_destinations: bool = False,
    ) -> list[PlaceMention]:
        """The place(s) of a trigger at words ``[first, last)``: nearest first, then its list.

        Distance counts in words, plus half the place's specificity rank (a town beats
        the region next to it: "في عفرين، شمالي البلاد"). A trigger referred to as a past
        fact ("بعد هجوم كيميائي") looks only after itself: what comes before belongs to
        the main clause.
        """
        anchored = first > sentence.first and self.view.words[first - 1].text in ANCHORS
        if skip_destinations:
            skipped = self._chained(places, lambda p_first: self.is_destination(p_first, sentence))
        else:  # an origin is no location, but people leave from where a deal holds
            skipped = self._chained(places, lambda p_first: self._is_origin(p_first, sentence))
        ranked: list[tuple[float, int, PlaceMention, int, int]] = []
        for place in places:
            if not place.as_location or place.place.kind is PlaceKind.COUNTRY:
                continue
            p_first, p_last = self.view.word_range(place.span)
            if p_last <= p_first or p_first in skipped or (anchored and p_first < last):
                continue
            distance = self._place_distance(first, last, p_first, p_last) + _specificity(place) / 2
            ranked.append((distance, _specificity(place), place, p_first, p_last))
        if not ranked:
            return []
        ranked.sort(key=lambda r: (r[0], r[1]))
        _, _, chosen, chosen_first, chosen_last = ranked[0]
        if chosen_first > sentence.first and self.view.words[chosen_first - 1].text == BETWEEN:
            return [chosen]  # "الطريق الرابط بين كركوك والحويجة": the ends of one stretch, one event
        return [chosen, *self._listed_after(chosen_last, places)]

    def is_destination(self, p_first: int, sentence: Sentence) -> bool:
        """The place is where people are taken ("إلى إدلب"), not where the event is."""
        lo = max(sentence.first, p_first - 2)
        return any(self.view.words[k].text in DESTINATIONS for k in range(lo, p_first))

    def _is_origin(self, p_first: int, sentence: Sentence) -> bool:
        """ "إقلاع طائرتين من مطار حميميم", "وصول تعزيزات للتنظيم من الرقة": where they came from."""
        words = self.view.words
        if p_first - 1 <= sentence.first or words[p_first - 1].text != FROM:
            return False
        lo = max(sentence.first, p_first - 1 - ORIGIN_REACH)
        return any(
            words[k].text in self.lex.origins and self.view.same_clause(k, p_first)
            for k in range(lo, p_first - 1)
        )

    def _chained(self, places: Sequence[PlaceMention], starts: Callable[[int], bool]) -> set[int]:
        """Places where ``starts`` holds and the places that follow them in a short chain
        ("إلى إدلب في شمال غرب سوريا", "من الرقة ودير الزور")."""
        found: set[int] = set()
        chain_end: int | None = None
        for place in sorted(places, key=lambda p: p.span.start):
            p_first, p_last = self.view.word_range(place.span)
            follows = (
                chain_end is not None
                and p_first - chain_end <= DESTINATION_TAIL
                and self.view.same_clause(chain_end, p_first)
            )
            if starts(p_first) or follows:
                found.add(p_first)
                chain_end = p_last - 1
            else:
                chain_end = None
        return found

    def _place_distance(self, first: int, last: int, p_first: int, p_last: int) -> float:
        if p_first >= last:
            distance = float(p_first - last)
            anchor = last - 1
        else:
            distance = float(max(0, first - p_last) + BEFORE_PENALTY)
            anchor = first
        if not self.view.same_clause(anchor, p_first):
            distance += CLAUSE_PENALTY
        return distance

    def _listed_after(self, end: int, places: Sequence[PlaceMention]) -> list[PlaceMention]:
        """Places coordinated after the chosen one: ``X وY وZ``, ``X، Y``."""
        listed: list[PlaceMention] = []
        by_first = {}
        for place in places:
            if place.as_location and place.place.kind is not PlaceKind.COUNTRY:
                p_first, p_last = self.view.word_range(place.span)
                by_first[p_first] = (p_last, place)
        j = end
        while j < len(self.view.words):
            word = self.view.words[j]
            if j in by_first and word.text.startswith("و") and self.view.same_clause(j - 1, j):
                p_last, place = by_first[j]
            elif j + 1 in by_first and word.text in ("و", "هي", "هما") and self.view.same_clause(j, j + 1):
                p_last, place = by_first[j + 1]
            else:
                break
            listed.append(place)
            j = p_last
        return listed

    # ------------------------------------------------------------------ casualties

    def casualties(self, sentence: Sentence, quantities: Sequence[QuantityMention]) -> list[Casualty]:
        found = []
        for quantity in quantities:
            if quantity.kind is not QuantityKind.COUNT:
                continue
            q_first, q_last = self.view.word_range(quantity.span)
            if q_last <= q_first or self._is_subset(q_first, sentence):
                continue
            kind = self._casualty_kind(quantity, q_first, q_last, sentence)
            if kind is not None:
                vague = quantity.qualifier is Qualifier.VAGUE
                found.append(Casualty(quantity.value, kind, quantity.span, q_first, vague))
        return found

    def _is_subset(self, q_first: int, sentence: Sentence) -> bool:
        return any(
            self.view.words[k].text in SUBSET_WORDS for k in range(max(sentence.first, q_first - 2), q_first)
        )

    def _casualty_kind(
        self, quantity: QuantityMention, q_first: int, q_last: int, sentence: Sentence
    ) -> str | None:
        glued = self._glued_kind(quantity, q_last)
        if glued is not None:
            return glued
        best: tuple[int, str] | None = None
        lo = max(sentence.first, q_first - CASUALTY_REACH)
        for k in range(lo, min(sentence.last, q_last + CASUALTY_REACH_AFTER)):
            match = self.casualty_words.get(k)
            if match is None or q_first <= k < q_last or not self.view.same_clause(k, q_first):
                continue
            distance = q_first - match.last if k < q_first else k - q_last
            if best is None or distance < best[0]:
                best = (distance, match.payload)
        return best[1] if best else None

    def _glued_kind(self, quantity: QuantityMention, q_last: int) -> str | None:
        """The counted noun itself is a casualty word: "500شهيد", "عشرات القتلى"."""
        nouns = [quantity.noun] if quantity.noun else []
        word = self.view.words[q_last - 1].text
        nouns.append(word.lstrip("0123456789.,"))
        for noun in nouns:
            kind = self.lex.casualty_forms.get(noun)
            if kind is not None:
                return kind
        return None

    # ------------------------------------------------------------------ weapon, target

    def weapons(self, first: int, sentence: Sentence) -> list[tuple[str, Span]]:
        lo, hi = self.view.clause_of(first, sentence)
        return [
            (m.payload, self.view.words_span(m.first, m.last))
            for m in self.weapon_words
            if lo <= m.first < hi
        ]

    def target(self, first: int, last: int, sentence: Sentence) -> tuple[str, Span] | None:
        lo, hi = self.view.clause_of(first, sentence)
        words = [m for m in self.target_words if lo <= m.first < hi and not self._landmark(m.first, lo)]
        after = [m for m in words if m.first >= last]
        around = after or words
        if not around:
            return None
        match = around[0]
        return match.payload, self.view.words_span(match.first, match.last)

    def _landmark(self, k: int, lo: int) -> bool:
        """ "مبنى سكنياً ملاصقاً للمشفى", "بالقرب من المدرسة": the word names where, not what."""
        return any(
            self.view.words[j].text in self.lex.landmarks for j in range(max(lo, k - LANDMARK_REACH), k)
        )


def _specificity(place: PlaceMention) -> int:
    return SPECIFICITY.get(place.place.kind, 5) if place.place.kind else 5


def km_between(a: Place, b: Place) -> float | None:
    """Great-circle distance in km, None when either place has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
