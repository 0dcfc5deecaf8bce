"""Truces: ceasefires, calm regimes, safe corridors and evacuation deals, with zones and durations.

A truce term (``lexicons/truce_terms.tsv``: ``هدنة``, ``وقف إطلاق النار``, ``نظام هدوء``,
``منطقة خفض التصعيد``, ``ممرات آمنة``, ``اتفاق لإجلاء``) names a truce when its sentence
names a place for it. Within the sentence, from the term on:

* each place is a zone, unless an exception word precedes it (``مع استثناء حلب``,
  ``باستثناء``, ``لا يشمل``) or it is a destination (``إلى إدلب``); a place just before
  ``خارج`` is left out (``ستبقى خارج قرار وقف إطلاق النار``);
* each duration (a number before a unit word: ``لمدة 72 ساعة``, ``ثلاثين يوماً``,
  ``ستة أسابيع``) belongs to the zone before it; when zones have durations of their own
  (``في ريف اللاذقية لمدة 72 ساعة وفي غوطة دمشق لمدة 24 ساعة``) each zone is its own truce,
  and exclusions apply to all of them;
* a sentence with exclusions but no zone adds them to the last truce of that kind.

Demands, plans and conditions (``دعا إلى وقف إطلاق النار``) name no truce. A sentence that
reports a deal being made (``اتفاق``, ``أبرمت``, ``أعلنتا``) also yields an agreement event
at each zone (``marsad.assemble.events``).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from marsad.article import (
    ActorMention,
    Article,
    DateKind,
    DateMention,
    PlaceMention,
    QuantityKind,
    QuantityMention,
)
from marsad.assemble.anaphora import AnaphorLexicon, place_references
from marsad.assemble.arguments import km_between
from marsad.assemble.context import ArticleView, Sentence, shared
from marsad.assemble.event_dates import DateCues
from marsad.assemble.modality import ModalityJudge, ModalityLexicon
from marsad.event import Place, PlaceKind, Span, Truce, TruceKind
from marsad.extract.actors import clean_name
from marsad.extract.phrases import PhraseMatch, PhraseMatcher
from marsad.extract.wordlists import read_wordlist
from marsad.normalize import fold
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)

MAX_PARTIES = 4
ZONE_STEP = 8
FIRST_ZONE_STEP = 12
OUTSIDE_REACH = 15
ZONE_KM = 25.0
UNIT_REACH = 2
#: A start or end date follows its cue word within this many words ("اعتبارا من منتصف ليل الجمعة").
CUE_REACH = 2
#: "وقف إطلاق النار الساري منذ منتصف ليل الجمعة": a "منذ" date this close after the truce word starts it.
SINCE_REACH = 6
#: Words that make the following place a destination, not a zone ("إجلاء ... إلى إدلب").
DESTINATIONS = frozenset(fold(w) for w in ("إلى", "الى", "نحو", "باتجاه", "وصولا", "لنقلهم", "لتوطينهم"))
PARTY_KINDS = frozenset({"state", "group", "organisation"})
TRUCE_KINDS = frozenset(k.value for k in TruceKind)
#: "خارج وقف إطلاق النار" leaves a place out of a truce; it does not deny the truce.
STATE = frozenset({"state"})


@dataclass(frozen=True, slots=True)
class TruceLexicon:
    terms: PhraseMatcher[tuple[str, int]]

    @classmethod
    @functools.cache  # one per process: stages that share it can share what it finds
    def load(cls) -> TruceLexicon:
        terms: PhraseMatcher[tuple[str, int]] = PhraseMatcher()
        for row in read_wordlist("truce_terms.tsv").rows:
            payload = (row["kind"], int(row["hours"] or 0))
            forms = [row["form"]]
            if row["kind"] in TRUCE_KINDS or row["kind"] == "leaving":
                forms.append(_definite(row["form"]))
            for form in forms:
                if form not in terms:
                    terms.add(form, payload)
        return cls(terms)


@dataclass(slots=True)
class FoundTruce:
    """A truce before it becomes a :class:`Truce`; events read ``deal``, zones and parties."""

    kind: TruceKind
    sentence: Sentence
    term: Span
    zones: list[PlaceMention]
    excluded: list[PlaceMention] = field(default_factory=list)
    duration: int | None = None
    duration_span: Span | None = None
    start: DateMention | None = None
    end: DateMention | None = None
    parties: list[ActorMention] = field(default_factory=list)
    deal: bool = False


class TruceFinder:
    def __init__(self, lexicon: TruceLexicon, modality: ModalityLexicon) -> None:
        self.lex = lexicon
        self.modality = modality
        self.complementizers = DateCues.load().complementizers
        self.anaphors = AnaphorLexicon.load()

    def find(self, view: ArticleView, judge: ModalityJudge | None = None) -> Sequence[FoundTruce]:
        """The truces the article tells of (found once per article: events and truces ask).

        ``judge``: the article's modality judge when the caller has built one.
        """
        if judge is not None and (judge.view is not view or judge.lexicon is not self.modality):
            return self._find(view, judge)  # judged with other words: not what others would find
        mentions = view.article.mentions
        inputs = (
            self.lex,
            self.modality,
            self.complementizers,
            self.anaphors,
            mentions.places,
            mentions.dates,
            mentions.quantities,
            mentions.actors,
        )
        return shared(view.article, "truces", inputs, lambda: tuple(self._find(view, judge)))

    def _find(self, view: ArticleView, judge: ModalityJudge | None) -> list[FoundTruce]:
        judge = judge or ModalityJudge.of(view, self.modality)
        matches = view.match_all(self.lex.terms)
        references = place_references(view, self.anaphors)  # "في المحافظة": the one named before
        places = sorted([*view.article.mentions.places, *references], key=lambda p: p.span.start)
        found: list[FoundTruce] = []
        for sentence in view.sentences:
            inside = [m for m in matches if sentence.first <= m.first < sentence.last]
            for term in _first_of_each_kind(inside):
                if judge.blocked_at(term.first, sentence, STATE) is not None or judge.negated(term.first):
                    continue  # "يدعو إلى وقف إطلاق النار", "لا هدنة مع"
                here = view.in_sentence(places, sentence)
                found.extend(self._truces(view, sentence, term, inside, found, here))
        return _merged(found)

    def _truces(
        self,
        view: ArticleView,
        sentence: Sentence,
        term: PhraseMatch[tuple[str, int]],
        cues: list[PhraseMatch[tuple[str, int]]],
        earlier: list[FoundTruce],
        places: list[PlaceMention],
    ) -> list[FoundTruce]:
        """The truces one term names, with ``places`` the sentence's named and referred-to places."""
        kind = TruceKind.EVACUATION if term.payload[0] == "leaving" else TruceKind(term.payload[0])
        article = view.article
        zones, excluded = self._zones(view, sentence, term, places, cues)
        if not zones:
            if excluded:
                for truce in reversed(earlier):
                    if truce.kind is kind:
                        truce.excluded.extend(p for p in excluded if p not in truce.excluded)
                        break
            return []
        durations = self._durations(view, sentence, term, cues)
        deal = any(c.payload[0] == "deal" for c in cues)
        dates = view.in_sentence(article.mentions.dates, sentence)
        start, end = _period(view, dates, cues, term, deal, self.complementizers)
        base = FoundTruce(
            kind=kind,
            sentence=sentence,
            term=view.words_span(term.first, term.last),
            zones=[],
            excluded=excluded,
            start=start,
            end=end,
            parties=self._parties(view, sentence, article, term.first),
            deal=deal,
        )
        return _split_by_duration(view, base, zones, durations)

    # ------------------------------------------------------------------ zones

    def _zones(
        self,
        view: ArticleView,
        sentence: Sentence,
        term: PhraseMatch[tuple[str, int]],
        places: Sequence[PlaceMention],
        cues: list[PhraseMatch[tuple[str, int]]],
    ) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """Zones and exclusions: the places that follow the term in a chain of short steps."""
        excepts = [c for c in cues if c.payload[0] == "except"]
        located = sorted(((view.word_range(p.span), p) for p in places if p.as_location), key=lambda x: x[0])
        zones: list[PlaceMention] = []
        excluded = [p for (first, last), p in located if _before_outside(view, first, last, excepts)]
        anchor = term.last - 1
        for (p_first, p_last), place in located:
            if p_first < term.last or place in excluded:
                continue
            step = FIRST_ZONE_STEP if anchor == term.last - 1 else ZONE_STEP
            if p_first - anchor > step or not _continues(view, anchor, p_first):
                break
            if self._destination(view, p_first, sentence):
                break  # "إلى إدلب في شمال غرب سوريا": the rest describes where they go
            if any(c.last <= p_first and c.first > term.first and c.phrase != "خارج" for c in excepts):
                excluded.append(place)
            else:
                zones.append(place)
            anchor = p_last - 1
        if not zones:
            before = [p for (_, _), p in located if p not in excluded and not is_country(p.place)]
            zones = _nearest_before(view, before, term.first)
        return zones, excluded

    @staticmethod
    def _destination(view: ArticleView, p_first: int, sentence: Sentence) -> bool:
        return any(
            view.words[k].text in DESTINATIONS for k in range(max(sentence.first, p_first - 2), p_first)
        )

    # ------------------------------------------------------------------ durations

    def _durations(
        self,
        view: ArticleView,
        sentence: Sentence,
        term: PhraseMatch[tuple[str, int]],
        cues: list[PhraseMatch[tuple[str, int]]],
    ) -> list[tuple[int, Span, int]]:
        """(hours, span, word) for each number followed by a unit word, or a dual unit alone."""
        units = {c.first: c for c in cues if c.payload[0] == "unit"}
        quantities = [
            q
            for q in view.in_sentence(view.article.mentions.quantities, sentence)
            if q.kind is QuantityKind.COUNT
        ]
        found = []
        used_units: set[int] = set()
        for quantity in quantities:
            q_first, q_last = view.word_range(quantity.span)
            hours = self._unit_hours(view, quantity, q_last, units, used_units)
            if hours is not None:
                found.append((quantity.value * hours, quantity.span, q_first))
        for k, unit in units.items():
            word = view.words[k].text
            if k not in used_units and word.endswith("ين") and k > term.first:  # "يومين", "أسبوعين"
                found.append((unit.payload[1], view.words_span(k, unit.last), k))
        return sorted(found, key=lambda d: d[2])

    @staticmethod
    def _unit_hours(
        view: ArticleView,
        quantity: QuantityMention,
        q_last: int,
        units: dict[int, PhraseMatch[tuple[str, int]]],
        used: set[int],
    ) -> int | None:
        for k in range(q_last - 1, q_last + UNIT_REACH):
            if k in units:
                used.add(k)
                return units[k].payload[1]
        return None

    # ------------------------------------------------------------------ parties

    def _parties(
        self, view: ArticleView, sentence: Sentence, article: Article, term_first: int
    ) -> list[ActorMention]:
        """States, groups and bodies named before the truce word: who agreed it."""
        parties: list[ActorMention] = []
        seen: set[str] = set()
        for mention in view.in_sentence(article.mentions.actors, sentence):
            key = mention.actor.actor_id or mention.actor.name
            if view.first_word(mention.span) >= term_first:
                break
            if mention.kind not in PARTY_KINDS or key in seen or _is_place_word(view, mention):
                continue
            seen.add(key)
            parties.append(mention)
        return parties[:MAX_PARTIES]

    # ------------------------------------------------------------------ output

    def to_truce(self, view: ArticleView, found: FoundTruce) -> Truce:
        fields: list[tuple[str, Span]] = [("kind", found.term)]
        fields += [("zone", z.span) for z in found.zones]
        fields += [("excluded", p.span) for p in found.excluded]
        if found.duration_span is not None:
            fields.append(("duration", found.duration_span))
        if found.start is not None:
            fields.append(("start", found.start.span))
        if found.end is not None:
            fields.append(("end", found.end.span))
        fields += [("party", p.span) for p in found.parties]
        return Truce(
            kind=found.kind,
            evidence=view.evidence(found.sentence, fields),
            zones=_places(found.zones),
            excluded=_places(found.excluded),
            start=found.start.date if found.start else None,
            end=_end_date(found),
            duration_hours=found.duration,
            parties=[clean_name(p.actor.name) for p in found.parties],
        )


def _before_outside(
    view: ArticleView, first: int, last: int, excepts: list[PhraseMatch[tuple[str, int]]]
) -> bool:
    """ "ضواحي دمشق ... ستبقى خارج قرار وقف إطلاق النار": the place the sentence leaves outside."""
    return any(c.phrase == "خارج" and 0 <= c.first - last <= OUTSIDE_REACH for c in excepts)


def _definite(form: str) -> str:
    """ "هدنه" -> "الهدنه", "وقف اطلاق النار" -> "وقف اطلاق النار" (the head only takes ال)."""
    head, _, rest = form.partition(" ")
    definite = head if head.startswith("ال") else "ال" + head
    return f"{definite} {rest}".strip()


def _continues(view: ArticleView, anchor: int, p_first: int) -> bool:
    """No clause break between, or the next clause carries on the list ("وفي غوطة دمشق", "مع استثناء")."""
    if view.same_clause(anchor, p_first):
        return True
    k = p_first
    while k > anchor + 1 and view.same_clause(k - 1, p_first):
        k -= 1
    return view.words[k].text.startswith(("و", "مع", "باستثناء", "استثناء"))


def _first_of_each_kind(matches: list[PhraseMatch[tuple[str, int]]]) -> list[PhraseMatch[tuple[str, int]]]:
    """The first term of each truce kind; a leaving word ("خروج") counts only beside a deal word."""
    firsts: dict[str, PhraseMatch[tuple[str, int]]] = {}
    for match in matches:
        if match.payload[0] in TRUCE_KINDS:
            firsts.setdefault(match.payload[0], match)
    has_deal = any(m.payload[0] == "deal" for m in matches)
    leaving = next((m for m in matches if m.payload[0] == "leaving"), None)
    if not firsts and has_deal and leaving is not None:
        firsts["leaving"] = leaving
    return list(firsts.values())


def _nearest_before(view: ArticleView, zones: list[PlaceMention], first: int) -> list[PlaceMention]:
    before = [z for z in zones if view.first_word(z.span) < first]
    return before[-1:] if before else []


def _split_by_duration(
    view: ArticleView, base: FoundTruce, zones: list[PlaceMention], durations: list[tuple[int, Span, int]]
) -> list[FoundTruce]:
    """One truce per zone when zones carry durations of their own, else one for all zones."""
    own: dict[int, tuple[int, Span]] = {}
    for hours, span, word in durations:
        before = [i for i, z in enumerate(zones) if view.first_word(z.span) < word]
        if before:
            own.setdefault(before[-1], (hours, span))
    if len(zones) > 1 and len(own) > 1:
        truces = []
        for i, zone in enumerate(zones):
            hours_span = own.get(i)
            truces.append(_copy(base, [zone], hours_span))
        return truces
    first_duration = (durations[0][0], durations[0][1]) if durations else None
    return [_copy(base, zones, first_duration)]


def _copy(base: FoundTruce, zones: list[PlaceMention], duration: tuple[int, Span] | None) -> FoundTruce:
    return FoundTruce(
        kind=base.kind,
        sentence=base.sentence,
        term=base.term,
        zones=zones,
        excluded=list(base.excluded),
        duration=duration[0] if duration else None,
        duration_span=duration[1] if duration else None,
        start=base.start,
        end=base.end,
        parties=list(base.parties),
        deal=base.deal,
    )


def _merged(found: list[FoundTruce]) -> list[FoundTruce]:
    """Truces of one kind over the same zone are one truce, filled from all its mentions."""
    kept: list[FoundTruce] = []
    for truce in found:
        same = next((k for k in kept if k.kind is truce.kind and _same_zone(k, truce)), None)
        if same is None:
            kept.append(truce)
            continue
        same.duration = same.duration if same.duration is not None else truce.duration
        same.duration_span = same.duration_span or truce.duration_span
        same.start = same.start or truce.start
        same.end = same.end or truce.end
        same.excluded.extend(p for p in truce.excluded if p not in same.excluded)
        same.parties.extend(p for p in truce.parties if p not in same.parties)
        same.deal = same.deal or truce.deal
    return kept


def _same_zone(a: FoundTruce, b: FoundTruce) -> bool:
    """Zones named alike, or one inside the other ("حلب" and "أحياء حلب الشرقية")."""
    if _zone_keys(a) & _zone_keys(b):
        return True
    return any(
        not is_country(x.place)
        and not is_country(y.place)
        and (km_between(x.place, y.place) or ZONE_KM + 1) <= ZONE_KM
        for x in a.zones
        for y in b.zones
    )


def _zone_keys(truce: FoundTruce) -> set[str]:
    return {place_key(z.place) for z in truce.zones}


def place_key(place: Place) -> str:
    """Identity of a place for merging: its gazetteer id, else its folded name."""
    return place.gazetteer_id or fold(place.name)


def _places(mentions: Sequence[PlaceMention]) -> list[Place]:
    places: list[Place] = []
    seen: set[str] = set()
    for mention in mentions:
        key = place_key(mention.place)
        if key not in seen:
            seen.add(key)
            places.append(mention.place)
    return places


def _period(
    view: ArticleView,
    dates: Sequence[DateMention],
    cues: Sequence[PhraseMatch[tuple[str, int]]],
    term: PhraseMatch[tuple[str, int]],
    deal: bool,
    complementizers: frozenset[str],
) -> tuple[DateMention | None, DateMention | None]:
    """Start and end: the dates right after "اعتبارا من" / "حتى" words; a "منذ" date after the
    truce word ("يسري منذ منتصف ليل الجمعة") starts it; in a sentence that makes the deal, the
    date nearest the truce word, when it was made, unless "أن" sets it apart ("أعلن الأحد أن
    قرار الهدنة": the day of the statement). Other dates of the sentence date the report."""
    marked: dict[str, DateMention] = {}
    for cue in cues:
        role = cue.payload[0]
        if role not in ("start", "end") or role in marked:
            continue
        after = [d for d in dates if 0 <= view.first_word(d.span) - cue.last <= CUE_REACH]
        if after:
            marked[role] = after[0]
    end = marked.get("end")
    since = [
        d
        for d in dates
        if d.kind is DateKind.SINCE and 0 <= view.first_word(d.span) - term.last <= SINCE_REACH
    ]
    made = min(
        (d for d in dates if d is not end and deal and not _reported_apart(view, d, term, complementizers)),
        key=lambda d: abs(view.first_word(d.span) - term.first),
        default=None,
    )
    return marked.get("start") or (since[0] if since else None) or made, end


def _reported_apart(
    view: ArticleView, date: DateMention, term: PhraseMatch[tuple[str, int]], complementizers: frozenset[str]
) -> bool:
    """A "أن" / "إن" between a date before the truce word and the word: the date is the statement's."""
    d_last = view.word_range(date.span)[1]
    return any(
        form in complementizers for k in range(d_last, term.first) for form, _, _ in view.words[k].forms
    )


def _end_date(found: FoundTruce) -> dt.date | None:
    """The end as written, else the start plus the duration (whole days, rounded up)."""
    if found.end is not None:
        return found.end.date
    if found.start is None or found.duration is None:
        return None
    return found.start.date + dt.timedelta(days=-(-found.duration // 24))


def _is_place_word(view: ArticleView, mention: ActorMention) -> bool:
    """A state named where something happens ("في سوريا") is a place there, not a party."""
    first = view.first_word(mention.span)
    if mention.kind != "state" or first == 0:
        return False
    return view.words[first].text.startswith(("في", "ب")) or view.words[first - 1].text in (
        "في",
        "الى",
        "إلى",
        "من",
    )


def is_country(place: Place) -> bool:
    return place.kind is PlaceKind.COUNTRY


def truce_stage(settings: Settings) -> Stage:
    finder = TruceFinder(TruceLexicon.load(), ModalityLexicon.load())

    @stage(
        "assemble.truces",
        requires={"sentences", "mentions.places", "mentions.quantities", "mentions.dates", "mentions.actors"},
        assigns={"truces"},
    )
    def run(article: Article) -> Article:
        view = ArticleView.of(article)
        article.truces = [finder.to_truce(view, t) for t in finder.find(view)]
        return article

    return run
