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
* a sentence with exclusions but no zone adds them to the last truce of that kind (a place
  before ``خارج`` or ``غير مشمولة`` is such an exclusion, not a denial of the truce).

Demands, plans and conditions (``دعا إلى وقف إطلاق النار``, ``تسعى إلى توسيع التهدئة``) and
a truce's collapse (``انهيار الهدنة``) name no truce. Mentions of one kind in one article over
one area (named alike, close, nested, or overlapping in a province) are one truce. Parties are
read by :class:`PartyReader`. A sentence that reports a deal being made (``اتفاق``,
``أبرمت``, ``أعلنتا``) also yields an agreement event at each zone it names
(``marsad.assemble.events``).
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
from marsad.assemble.agents import AGENT_LINKS, PATIENT_LINKS
from marsad.assemble.anaphora import AnaphorLexicon, place_references
from marsad.assemble.arguments import km_between
from marsad.assemble.attribution import FILLERS
from marsad.assemble.ceasefire_zones import Inside, Zone, ZoneRelation, zone_contains, zone_relation
from marsad.assemble.context import ArticleView, Sentence, shared
from marsad.assemble.event_dates import DateCues
from marsad.assemble.modality import ModalityJudge, ModalityLexicon
from marsad.event import VIOLENT_EVENT_TYPES, Place, PlaceKind, Span, Truce, TruceKind
from marsad.extract.actors import clean_name
from marsad.extract.phrases import PhraseMatch, PhraseMatcher
from marsad.normalize import fold
from marsad.normalize.lexicon import read_wordlist
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)

MAX_PARTIES = 4
#: How far after a deal word "بين" / "مع" may stand, and a verb's subject after the verb.
PARTY_REACH = 3
#: Words between a subject and its verb ("روسيا، الاثنين، أعلنت").
SUBJECT_GAP = 2
#: Words that follow a verb of agreeing before its subject ("توصلت إليه الحكومة").
VERB_COMPLEMENTS = frozenset(fold(w) for w in ("إليه", "إليها", "عليه", "عليها", "بينها", "رسميا", "قد"))
#: Words before a side that make it the agent or target of an event ("من قبل", "ضد").
ROLE_LINKS = AGENT_LINKS | (PATIENT_LINKS - {fold("بين")})
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
#: "خارج وقف إطلاق النار" leaves a place out of a truce; it does not deny the truce; nor does
#: condemning its breach ("نددت بخرق الهدنة") deny it, and "هذه الهدنة" is a mention of it too.
STATE = frozenset({"state", "condemn", "retold"})
#: Except phrases that follow the place they leave out ("جسر الشغور خارج الهدنة", "غير مشمولة").
OUTSIDE = frozenset(fold(w) for w in ("خارج", "غير مشمولة", "غير مشمول", "غير مشمولين", "ليست مشمولة"))


@dataclass(frozen=True, slots=True)
class TruceLexicon:
    terms: PhraseMatcher[tuple[str, int]]
    party_cues: dict[str, str]  # lexicons/truce_parties.tsv: word -> agree | genitive | between | with

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
        party_cues = {row["form"]: row["role"] for row in read_wordlist("truce_parties.tsv").rows}
        return cls(terms, party_cues)


@dataclass(frozen=True, slots=True)
class Deal:
    """One sentence that reports a truce's deal being made: what it names, as it names it."""

    sentence: Sentence
    zones: tuple[PlaceMention, ...]
    start: DateMention | None
    parties: tuple[ActorMention, ...]
    retold: bool = False  # only "بموجب الاتفاق": the deal told before, named again


@dataclass(slots=True)
class FoundTruce:
    """A truce before it becomes a :class:`Truce`; events read ``deals`` (each sentence that
    reports the deal, kept apart when mentions merge: the truce's start or zones from another
    sentence are not what that sentence agreed)."""

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
    retold: bool = False
    deals: list[Deal] = field(default_factory=list)


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
                if (
                    _collapsed(view, term, inside)
                    or judge.blocked_at(term.first, sentence, STATE) is not None
                ):
                    continue  # "يدعو إلى وقف إطلاق النار", "انهيار الهدنة"
                if judge.negated(term.first) and not _left_out(term, inside):
                    continue  # "لا هدنة مع"; but "غير مشمولة بوقف إطلاق النار" leaves a place out
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
            parties=PartyReader(view, sentence, self.lex.party_cues).parties(term, cues),
            deal=deal,
            retold=deal and all(_refers_back(view, c) for c in cues if c.payload[0] == "deal"),
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
            if any(c.last <= p_first and c.first > term.first and c.phrase not in OUTSIDE for c in excepts):
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
            parties=[party_name(p) for p in found.parties],
        )


class PartyReader:
    """Who agreed or declared a truce, among the actors of its sentence.

    Read from the words that tie a side to the deal (``lexicons/truce_parties.tsv``): the
    subject of a verb of agreeing or declaring, before or after it, also in a relative clause
    after the truce word ("نظام التهدئة الذي أعلنته موسكو وواشنطن", "الاتفاق الذي توصلت إليه
    الحكومة وجماعة الحوثيين"); the genitive of "قرار" or "إعلان" ("قرار مجلس الأمن"); both
    sides after "بين" (the sides of a clash "رغم الهدنة" are its sides too); the side after "مع"
    close after a deal word ("اتفاق مع الولايات المتحدة"). Sides joined by "و" come along.
    When no such word names anybody and the sentence reports the deal (a deal word), the
    states, groups and bodies named before the truce word are its parties, except a side that
    acts or is acted on in the sentence ("قصف لقوات النظام", "من قبل الطيران الروسي", "على
    روسيا"); a sentence that only refers to the truce names commentators there, no parties.
    """

    def __init__(self, view: ArticleView, sentence: Sentence, cues: dict[str, str]) -> None:
        self.view = view
        self.sentence = sentence
        self.cues = cues
        actors = view.in_sentence(view.article.mentions.actors, sentence)
        located = [p.span for p in view.in_sentence(view.article.mentions.places, sentence) if p.as_location]
        self.actors = [
            m
            for m in actors
            if m.kind in PARTY_KINDS
            and not _is_place_word(view, m)
            and not any(span.overlaps(m.span) for span in located)  # "جنوب دمشق" is a place
        ]
        self.by_first = {view.first_word(m.span): m for m in self.actors}

    def parties(
        self, term: PhraseMatch[tuple[str, int]], cues: Sequence[PhraseMatch[tuple[str, int]]]
    ) -> list[ActorMention]:
        anchors = {term.first, *(c.first for c in cues if c.payload[0] == "deal")}
        named: list[ActorMention] = []
        for k in range(self.sentence.first, self.sentence.last):
            role = self._role(k)
            if role == "agree":
                named += self._subject(k)
            elif role in ("genitive", "between") or (role == "with" and self._after_deal(k, anchors)):
                named += self._side_at(k + 1)  # "بين" anywhere: "بين A وB حيث جرى اتفاق بينهما"
        deal = any(c.payload[0] == "deal" for c in cues)
        # a sentence that only refers to the truce ("قالت الوزارة إن التهدئة ...") names its
        # commentators before the truce word, not the sides that made it
        found = _distinct(named) or (self._before_term(term.first) if deal else [])
        return found[:MAX_PARTIES]

    def _role(self, k: int) -> str | None:
        forms = self.view.words[k].forms
        return next((self.cues[f] for f, _, _ in forms if f in self.cues), None)

    def _after_deal(self, k: int, anchors: set[int]) -> bool:
        return any(0 < k - a <= PARTY_REACH and self.view.same_clause(a, k) for a in anchors)

    def _subject(self, k: int) -> list[ActorMention]:
        """The sides after the verb ("أعلنت روسيا وتركيا"), else the one just before it."""
        j = k + 1
        while j < self.sentence.last and j - k <= PARTY_REACH and self._filler(j):
            j += 1
        after = self._side_at(j)
        if after:
            return after
        for mention in reversed(self.actors):
            m_first, m_last = self.view.word_range(mention.span)
            if m_last <= k and k - m_last <= SUBJECT_GAP and self.view.same_clause(m_first, k):
                return [mention]
        return []

    def _filler(self, j: int) -> bool:
        """Words between a verb and its subject: a time word, a date, "إليه"."""
        if j in self.by_first:
            return False
        word = self.view.words[j].text
        span = self.view.word_span(j)
        return (
            word in FILLERS
            or word in VERB_COMPLEMENTS
            or any(d.span.overlaps(span) for d in self.view.article.mentions.dates)
        )

    def _side_at(self, j: int) -> list[ActorMention]:
        """The actor starting at word ``j`` and those joined to it by "و"."""
        sides: list[ActorMention] = []
        mention = self.by_first.get(j)
        while mention is not None and (not sides or self.view.same_clause(j - 1, j)):
            sides.append(mention)
            j = self.view.word_range(mention.span)[1]
            if j >= self.sentence.last or not self.view.words[j].text.startswith("و"):
                break
            mention = self.by_first.get(j)
        return sides

    def _before_term(self, term_first: int) -> list[ActorMention]:
        sides = []
        for mention in self.actors:
            m_first = self.view.first_word(mention.span)
            if m_first >= term_first:
                break
            if not self._acting(m_first):
                sides.append(mention)
        return _distinct(sides)

    def _acting(self, m_first: int) -> bool:
        """ "قصف لقوات النظام", "من قبل الطيران الروسي", "ضد روسيا": a side of an event, no party."""
        before = [self.view.words[k].text for k in range(max(self.sentence.first, m_first - 2), m_first)]
        if any(w in ROLE_LINKS for w in before):
            return True
        triggers = self.view.article.mentions.triggers
        return any(
            0 <= m_first - self.view.word_range(t.span)[1] <= 1
            and t.sub_event_type.event_type in VIOLENT_EVENT_TYPES
            for t in triggers
        )


def _distinct(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    out = []
    for mention in mentions:
        key = mention.actor.actor_id or mention.actor.name
        if key not in seen:
            seen.add(key)
            out.append(mention)
    return out


def _before_outside(
    view: ArticleView, first: int, last: int, excepts: list[PhraseMatch[tuple[str, int]]]
) -> bool:
    """ "ضواحي دمشق ... ستبقى خارج قرار وقف إطلاق النار", "تعز غير مشمولة بوقف إطلاق النار":
    the place the sentence leaves outside."""
    return any(c.phrase in OUTSIDE for c in excepts if 0 <= c.first - last <= OUTSIDE_REACH)


def _left_out(term: PhraseMatch[tuple[str, int]], cues: Sequence[PhraseMatch[tuple[str, int]]]) -> bool:
    """An "outside" phrase right before the truce word: its negation is no denial of the truce."""
    return any(c.phrase in OUTSIDE and 0 <= term.first - c.last <= 1 for c in cues)


def _collapsed(
    view: ArticleView, term: PhraseMatch[tuple[str, int]], cues: Sequence[PhraseMatch[tuple[str, int]]]
) -> bool:
    """ "انهيار الهدنة": the words tell of a truce's end, not of a truce."""
    return any(
        c.payload[0] == "collapse" and 0 <= term.first - c.last <= 1 and view.same_clause(c.first, term.first)
        for c in cues
    )


def _refers_back(view: ArticleView, cue: PhraseMatch[tuple[str, int]]) -> bool:
    """ "بموجب الاتفاق": a deal word that names a deal already told (a definite one), not one made."""
    after = cue.last
    return cue.phrase == fold("بموجب") and after < len(view.words) and view.words[after].text.startswith("ال")


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
    deal = Deal(base.sentence, tuple(zones), base.start, tuple(base.parties), base.retold)
    deals = [deal] if base.deal else []
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
        retold=base.retold,
        deals=deals,
    )


def _merged(found: list[FoundTruce]) -> list[FoundTruce]:
    """Truces of one kind over the same zone are one truce, filled from all its mentions (its
    zones are all the places the mentions name)."""
    kept: list[FoundTruce] = []
    for truce in found:
        same = next((k for k in kept if k.kind is truce.kind and _same_zone(k, truce)), None)
        if same is None:
            kept.append(truce)
            continue
        same.zones.extend(z for z in truce.zones if not _covered(z, same.zones))
        same.duration = same.duration if same.duration is not None else truce.duration
        same.duration_span = same.duration_span or truce.duration_span
        same.start = same.start or truce.start
        same.end = same.end or truce.end
        same.excluded.extend(p for p in truce.excluded if p not in same.excluded)
        same.parties = _distinct([*same.parties, *truce.parties])
        same.deal = same.deal or truce.deal
        same.deals.extend(truce.deals)
    return kept


def _same_zone(a: FoundTruce, b: FoundTruce) -> bool:
    """Zones named alike, close, or one inside the other ("حلب" and "أحياء حلب الشرقية", "جبل
    التركمان" and "ريف اللاذقية"); a country holds every zone, so it only matches itself."""
    if _zone_keys(a) & _zone_keys(b):
        return True
    return any(
        not is_country(x.place) and not is_country(y.place) and _near_or_nested(x.place, y.place)
        for x in a.zones
        for y in b.zones
    )


def _near_or_nested(x: Place, y: Place) -> bool:
    """Within ZONE_KM, one inside the other, or two overlapping areas of one province ("جبل
    التركمان" and "ريف اللاذقية"): in one article, one truce's area named two ways."""
    km = km_between(x, y)
    if km is not None and km <= ZONE_KM:
        return True
    if zone_relation(Zone.of_place(x), Zone.of_place(y)) is not ZoneRelation.APART:
        return True
    reach = (x.precision_km or 0.0) + (y.precision_km or 0.0)
    return km is not None and x.admin1 is not None and x.admin1 == y.admin1 and km <= reach


def _covered(zone: PlaceMention, zones: Sequence[PlaceMention]) -> bool:
    """The zone is one of ``zones`` or lies inside one ("حلب" twice, a town in its countryside)."""
    key = place_key(zone.place)
    return any(
        place_key(z.place) == key or zone_contains(Zone.of_place(z.place), zone.place) is Inside.YES
        for z in zones
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


def party_name(mention: ActorMention) -> str:
    """A party as written, without a preposition: "للجيش السوري" (ل + ال) names "الجيش السوري"."""
    name = clean_name(mention.actor.name)
    return "ال" + name[2:] if name.startswith("لل") and len(name) > 3 else name


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
        requires={
            "sentences",
            "mentions.places",
            "mentions.quantities",
            "mentions.dates",
            "mentions.actors",
            "mentions.triggers",
        },
        assigns={"truces"},
    )
    def run(article: Article) -> Article:
        view = ArticleView.of(article)
        article.truces = [finder.to_truce(view, t) for t in finder.find(view)]
        return article

    return run
