"""Events: a trigger and its arguments within a sentence, merged per (sub-type, place) per article.

For every trigger of a sentence (``marsad.extract.triggers``):

1. modality: a trigger under a future, plan, threat, condition, question or purpose word
   is no event (``marsad.assemble.modality``); a negated one is kept with ``negated``;
2. a weak trigger (``هجوم``, ``عملية``, ``ضربة`` with no modifier) needs an acting force in
   its clause or a casualty count in its sentence;
3. arguments (``marsad.assemble.arguments``): the place (no place, no event: a location is
   what makes a report an event), actors, date, casualties, weapon, target, and who
   reports it (``marsad.assemble.attribution``);
4. triggers of one event type at one place in one sentence are one event (the most
   specific sub-type wins: ``الغارات الجوية والقصف المدفعي`` is one air strike event).

A sentence that only counts victims (``ووثق المرصد مقتل 18 مدنيا``) adds them to the event
of the sentence before. Across the article, mentions of one sub-type at one place are one
event when their dates agree (a missing date agrees with any); the best-filled mention is
kept and the others fill its gaps. A weak-only event at a place where a stronger event of
another type is reported is the same incident told vaguely (``الهجوم`` after
``الهجوم الكيماوي``) and is dropped. A ceasefire, calm or evacuation deal (``assemble.truces``)
adds an agreement event at each of its zones.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from marsad.article import (
    ActorMention,
    Article,
    DateMention,
    PlaceMention,
    QuantityMention,
    TriggerMention,
)
from marsad.assemble.agents import PROTESTERS, AgentCues, AgentReader, Strength
from marsad.assemble.anaphora import AnaphorLexicon, place_references
from marsad.assemble.arguments import SPECIFICITY as PLACE_SPECIFICITY
from marsad.assemble.arguments import ArgumentLexicon, ArgumentReader, Casualty, km_between
from marsad.assemble.attribution import Attribution, AttributionFinder, AttributionLexicon
from marsad.assemble.context import ArticleView, Sentence
from marsad.assemble.event_dates import DateCues, DateReader, Toll
from marsad.assemble.modality import ModalityJudge, ModalityLexicon
from marsad.assemble.truces import FoundTruce, TruceFinder, TruceLexicon, is_country, place_key
from marsad.event import (
    VIOLENT_EVENT_TYPES,
    Actor,
    DatePrecision,
    Event,
    EventType,
    PlaceKind,
    Span,
    SubEventType,
)
from marsad.extract.actors import clean_name
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)

_S = SubEventType
#: Within one event type, the more specific sub-type wins when mentions merge (lower first).
SPECIFICITY = {
    _S.CHEMICAL_WEAPON: 0,
    _S.SUICIDE_BOMB: 1,
    _S.AIR_DRONE_STRIKE: 2,
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: 3,
    _S.GRENADE: 3,
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: 4,
    _S.GOVERNMENT_REGAINS_TERRITORY: 0,
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: 0,
    _S.ARMED_CLASH: 1,
    _S.ABDUCTION_FORCED_DISAPPEARANCE: 0,
    _S.ATTACK: 1,
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: 0,
    _S.PROTEST_WITH_INTERVENTION: 1,
    _S.PEACEFUL_PROTEST: 2,
}
TERRITORY = frozenset({_S.GOVERNMENT_REGAINS_TERRITORY, _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY})
#: What force used on protesters may be told as besides the protest: a fight, shooting, a raid.
FORCE_ON_PROTESTERS = frozenset({EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS})
#: Sides that are not a state: their territorial gains are non-state overtakes.
NON_STATE_SIDES = frozenset(
    {"opposition", "isis", "jihadist", "sdf", "pkk", "houthis", "unknown", "lna", "hamas", "pij"}
)
ACTING_KINDS = frozenset({"state", "group", "person"})
ARMED_KINDS = frozenset({"state", "group"})
SAME_PLACE_KM = 2.0
#: Deals and handovers happen where people leave from, not where they are taken to.
MOVEMENTS = frozenset({_S.AGREEMENT, _S.NON_VIOLENT_TRANSFER_OF_TERRITORY})
CONTINUATION_SENTENCES = 1
#: An undated "الغارات" continues the event of its kind told at most this many sentences before.
CONTINUED_SENTENCES = 3
NESTED_KM = 25.0
BOMBARDMENT = frozenset({_S.AIR_DRONE_STRIKE, _S.SHELLING_ARTILLERY_MISSILE_ATTACK})
AREA_KINDS = frozenset({PlaceKind.REGION, PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.OTHER})


@dataclass(slots=True)
class _Candidate:
    """One event mention before merging."""

    sub_type: SubEventType
    place: PlaceMention
    sentence: Sentence
    trigger: TriggerMention | None = None
    weak: bool = False
    date: DateMention | None = None
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    strength: Strength = Strength.NONE  # how actor1 was read
    fatalities: Casualty | None = None
    injuries: Casualty | None = None
    weapons: list[tuple[str, Span | None]] = field(default_factory=list)
    target: tuple[str, Span | None] | None = None
    negated: bool = False
    aggregate: bool = False
    reported_by: Attribution | None = None
    fresh: bool = False  # told as news of the day: dated at the published date when no mention dates it
    referred: bool = False  # a definite event noun ("الهجوم"): an event already known
    anchored: bool = False  # after "منذ", "بعد", "ردا على": a fact before the clause's own event

    @property
    def event_type(self) -> EventType:
        return self.sub_type.event_type

    @property
    def filled(self) -> int:
        values = (
            self.date,
            self.actor1,
            self.actor2,
            self.fatalities,
            self.injuries,
            self.target,
            self.reported_by,
        )
        return sum(v is not None for v in values) + bool(self.weapons)


@dataclass(frozen=True, slots=True)
class EventLexicons:
    modality: ModalityLexicon
    arguments: ArgumentLexicon
    attribution: AttributionLexicon
    truces: TruceLexicon
    dates: DateCues
    anaphors: AnaphorLexicon
    agents: AgentCues

    @classmethod
    def load(cls) -> EventLexicons:
        return cls(
            ModalityLexicon.load(),
            ArgumentLexicon.load(),
            AttributionLexicon.load(),
            TruceLexicon.load(),
            DateCues.load(),
            AnaphorLexicon.load(),
            AgentCues.load(),
        )


@dataclass(slots=True)
class _Readers:
    """What the assembler reads one article with: its words, cue judges and attributions."""

    view: ArticleView
    judge: ModalityJudge
    arguments: ArgumentReader
    agents: AgentReader
    dates: DateReader
    attributions: Sequence[Attribution]
    places: list[PlaceMention]  # named places and places referred back to ("المدينة")
    by_sentence: _BySentence


@dataclass(frozen=True, slots=True)
class _BySentence:
    """The mentions of each sentence (``ArticleView.by_sentence``), indexed by sentence."""

    places: list[list[PlaceMention]]  # of _Readers.places
    actors: list[list[ActorMention]]
    dates: list[list[DateMention]]
    quantities: list[list[QuantityMention]]
    triggers: list[list[TriggerMention]]

    @classmethod
    def of(cls, view: ArticleView, places: list[PlaceMention]) -> _BySentence:
        mentions = view.article.mentions
        return cls(
            view.by_sentence(places),
            view.by_sentence(mentions.actors),
            view.by_sentence(mentions.dates),
            view.by_sentence(mentions.quantities),
            view.by_sentence(mentions.triggers),
        )


@dataclass(slots=True)
class _SentenceMentions:
    """The mentions of one sentence that a trigger's arguments are read from."""

    sentence: Sentence
    places: list[PlaceMention]
    actors: list[ActorMention]
    dates: list[DateMention]
    said: list[Attribution]
    counted: list[Span]  # casualty numbers: what they count are victims, not actors


class EventAssembler:
    def __init__(self, lexicons: EventLexicons) -> None:
        self.lex = lexicons
        self.attributions = AttributionFinder(lexicons.attribution)
        self.truces = TruceFinder(lexicons.truces, lexicons.modality)

    def assemble(self, article: Article) -> list[Event]:
        view = ArticleView.of(article)
        places = sorted(
            [*article.mentions.places, *place_references(view, self.lex.anaphors)],
            key=lambda p: p.span.start,
        )
        readers = _Readers(
            view,
            ModalityJudge.of(view, self.lex.modality),
            ArgumentReader(view, self.lex.arguments),
            AgentReader(view, self.lex.agents),
            DateReader(view, self.lex.dates),
            self.attributions.find(view, article.mentions.actors),
            places,
            _BySentence.of(view, places),
        )
        candidates: list[_Candidate] = []
        previous: list[_Candidate] = []
        pending: list[tuple[list[PlaceMention], list[Casualty]]] = []
        last_index = -10
        for sentence in view.sentences:
            quantities = readers.by_sentence.quantities[sentence.index]
            casualties = readers.arguments.casualties(sentence, quantities)
            found = self._sentence_events(readers, sentence, casualties)
            if found:
                _assign_casualties(view, found, casualties)
                previous, last_index = found, sentence.index
            elif casualties:
                last_index = self._orphan_casualties(
                    readers, sentence, casualties, candidates, previous, last_index, pending
                )
            candidates.extend(found)
        _attach_pending(view, candidates, pending)
        candidates.extend(self._agreements(readers, self.truces.find(view, readers.judge)))
        merged = _drop_shadowed(_merge_nested(_merge(_continuations(candidates))))
        return [_to_event(view, c, readers.dates) for c in merged]

    @staticmethod
    def _orphan_casualties(
        readers: _Readers,
        sentence: Sentence,
        casualties: list[Casualty],
        candidates: list[_Candidate],
        previous: list[_Candidate],
        last_index: int,
        pending: list[tuple[list[PlaceMention], list[Casualty]]],
    ) -> int:
        """Counts in a sentence with no event of its own, in order of preference:

        the sentence right after an event continues it ("ووثق المرصد مقتل 18"); a sentence
        naming a place counts the dead of the event told at that place, before or after it
        ("تلقت 770 قتيلا من الغوطة الشرقية"); a violent word with no place counts those of the
        last event of its type ("ما أدى إلى مقتل 14").
        """
        view = readers.view
        if previous and sentence.index - last_index <= CONTINUATION_SENTENCES:
            _assign_casualties(view, previous[-1:], casualties)
            return sentence.index
        places = [
            p for p in readers.by_sentence.places[sentence.index] if p.as_location and not is_country(p.place)
        ]
        if places:
            pending.append((places, casualties))
            return last_index
        types = {t.sub_event_type.event_type for t in readers.by_sentence.triggers[sentence.index]}
        earlier = [c for c in candidates if c.event_type in types and c.event_type in VIOLENT_EVENT_TYPES]
        if earlier:
            _assign_casualties(view, earlier[-1:], casualties)
        return last_index

    # ------------------------------------------------------------------ one sentence

    def _sentence_events(
        self, readers: _Readers, sentence: Sentence, casualties: list[Casualty]
    ) -> list[_Candidate]:
        """The candidate events of one sentence; ``casualties`` are the victims it counts."""
        view = readers.view
        grouped = readers.by_sentence
        said = [a for a in readers.attributions if a.sentence.index == sentence.index and a.speakers]
        killed = any(c.kind == "killed" for c in casualties)
        mentions = _SentenceMentions(
            sentence,
            grouped.places[sentence.index],
            grouped.actors[sentence.index],
            grouped.dates[sentence.index],
            said,
            [c.span for c in casualties],
        )
        found: list[_Candidate] = []
        for trigger in grouped.triggers[sentence.index]:
            first, last = view.word_range(trigger.span)
            if last <= first or readers.judge.blocked(trigger, first, sentence) is not None:
                continue
            if trigger.weak and not killed and not self._acted(view, trigger, first, mentions.actors):
                continue
            if trigger.sub_event_type is _S.LOOTING_PROPERTY_DESTRUCTION and killed:
                # destruction that kills is the bombardment's work ("تدمير ... واستشهاد 65")
                trigger = replace(trigger, sub_event_type=_S.AIR_DRONE_STRIKE, weak=False)
            movement = trigger.sub_event_type in MOVEMENTS
            told = _outside_speakers(trigger, mentions.places, readers.attributions, sentence)
            chosen = readers.arguments.places(sentence, first, last, told, movement) or (
                readers.arguments.places(sentence, first, last, mentions.places, movement)
            )
            for place in chosen:
                found.append(self._candidate(readers, mentions, trigger, place, killed))
        return _force_on_protesters(_merge_in_sentence(found), casualties)

    @staticmethod
    def _acted(
        view: ArticleView, trigger: TriggerMention, first: int, actors: Sequence[ActorMention]
    ) -> bool:
        """A weak trigger is an event when a force acts in its sentence (an armed one for movements)."""
        kinds = (
            ARMED_KINDS
            if trigger.sub_event_type.event_type is EventType.STRATEGIC_DEVELOPMENTS
            else ACTING_KINDS
        )
        protest = trigger.sub_event_type.event_type is EventType.PROTESTS
        for mention in actors:
            a_first = view.first_word(mention.span)
            if protest and mention.actor.actor_id == PROTESTERS:
                return True  # "خرج مئات المتظاهرين": the protesters are the ones acting
            if mention.kind in kinds and not view.words[a_first].text.startswith("في"):
                return True
        return False

    @staticmethod
    def _candidate(
        readers: _Readers,
        mentions: _SentenceMentions,
        trigger: TriggerMention,
        place: PlaceMention,
        killed: bool,
    ) -> _Candidate:
        sentence = mentions.sentence
        first, last = readers.view.word_range(trigger.span)
        reader = readers.arguments
        agents = readers.agents.agents(sentence, trigger, mentions.actors, mentions.said, mentions.counted)
        actor1, actor2 = agents.actor1, agents.actor2
        sub_type = trigger.sub_event_type
        if sub_type in TERRITORY and readers.judge.attempted(first, sentence):
            sub_type = _S.ARMED_CLASH  # "حاولت قوات النظام التقدم": fighting, no territory changed hands
        if (
            sub_type is _S.GOVERNMENT_REGAINS_TERRITORY
            and actor1 is not None
            and actor1.actor.side in NON_STATE_SIDES
        ):
            sub_type = _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY
        weapons: list[tuple[str, Span | None]] = [(trigger.weapon, trigger.span)] if trigger.weapon else []
        weapons += [(w, s) for w, s in reader.weapons(first, sentence)]
        target = reader.target(first, last, sentence)
        if target is None and trigger.target:
            target = (trigger.target, trigger.span)
        if target is None and actor2 is not None and actor2.kind == "civilians":
            target = ("civilians", actor2.span)
        aggregate = readers.judge.aggregate(first, sentence)
        return _Candidate(
            sub_type=sub_type,
            place=place,
            sentence=sentence,
            trigger=trigger,
            weak=trigger.weak,
            date=readers.dates.date(sentence, trigger, first, last, mentions.dates),
            actor1=actor1,
            actor2=actor2,
            strength=agents.strength,
            weapons=weapons,
            target=(target[0], target[1]) if target else None,
            negated=readers.judge.negated(first),
            aggregate=aggregate,
            reported_by=_reporter(trigger.span, mentions.said),
            fresh=readers.dates.fresh(sentence, trigger, first, Toll(killed, aggregate)),
            referred=readers.dates.referred(trigger, first),
            anchored=readers.dates.anchor(sentence, first) != sentence.first,
        )

    # ------------------------------------------------------------------ agreements from truces

    @staticmethod
    def _agreements(readers: _Readers, truces: Sequence[FoundTruce]) -> list[_Candidate]:
        """An agreement event at each zone a sentence reporting the deal names, with that
        sentence's start date and parties, less who only reports it."""
        found = []
        for deal in (d for truce in truces for i, d in enumerate(truce.deals) if i == 0 or not d.retold):
            said = [
                s.span
                for a in readers.attributions
                if a.sentence.index == deal.sentence.index
                for s in a.speakers
            ]
            parties = [p for p in deal.parties if not any(s.overlaps(p.span) for s in said)]
            parties = [p for i, p in enumerate(parties) if _actor_key(p) not in map(_actor_key, parties[:i])]
            for zone in deal.zones:
                if is_country(zone.place):
                    continue
                found.append(
                    _Candidate(
                        sub_type=_S.AGREEMENT,
                        place=zone,
                        sentence=deal.sentence,
                        date=deal.start,
                        actor1=parties[0] if parties else None,
                        actor2=parties[1] if len(parties) > 1 else None,
                    )
                )
        return found


# ---------------------------------------------------------------------- helpers


def _outside_speakers(
    trigger: TriggerMention,
    places: Sequence[PlaceMention],
    attributions: Sequence[Attribution],
    sentence: Sentence,
) -> list[PlaceMention]:
    """The places not named with the speakers of the words telling the event: in "أفاد سكان في
    الحي بأن الغارات تجددت على حي الكلاسة" the residents' neighbourhood is where they speak from.
    (When it is the only place the sentence names, the caller falls back on it.)"""
    regions = [
        Span(a.cue_span.start, a.content.start)
        for a in attributions
        if a.sentence.index == sentence.index
        and a.content is not None
        and a.content.contains(trigger.span)
        and a.cue_span.start < a.content.start
    ]
    return [p for p in places if not any(r.contains(p.span) for r in regions)]


def _reporter(span: Span, said: Sequence[Attribution]) -> Attribution | None:
    for attribution in said:
        if attribution.content is not None and attribution.content.contains(span):
            return attribution
    according = [a for a in said if a.kind == "according"]
    if according:
        return according[0]
    # a speaker inside a relative clause ("الوزارة التي نفت ...، مؤكدين أن") reports only its own words
    before = [a for a in said if a.cue_span.end <= span.start and a.kind == "verb" and not a.relative]
    return before[-1] if before else None


def _assign_casualties(
    view: ArticleView, found: Sequence[_Candidate], casualties: Sequence[Casualty]
) -> None:
    """Each number goes to the violent event whose trigger is nearest it."""
    violent = [c for c in found if c.event_type in VIOLENT_EVENT_TYPES]
    if not violent:
        return
    for casualty in casualties:
        nearest = min(violent, key=lambda c: _distance(view, c, casualty))
        slot = "fatalities" if casualty.kind == "killed" else "injuries"
        current: Casualty | None = getattr(nearest, slot)
        if current is None or (current.vague and not casualty.vague):
            setattr(nearest, slot, casualty)


def _attach_pending(
    view: ArticleView, candidates: list[_Candidate], pending: list[tuple[list[PlaceMention], list[Casualty]]]
) -> None:
    """Counts held for a place go to the first violent event told at that place (or inside it)."""
    for places, casualties in pending:
        for candidate in candidates:
            if candidate.event_type not in VIOLENT_EVENT_TYPES:
                continue
            if any(_same_place(candidate.place, p) or _nested(candidate.place, p) for p in places):
                for casualty in casualties:
                    slot = "fatalities" if casualty.kind == "killed" else "injuries"
                    setattr(candidate, slot, _larger(getattr(candidate, slot), casualty))
                break


def _distance(view: ArticleView, candidate: _Candidate, casualty: Casualty) -> int:
    if candidate.trigger is None:
        return 10_000
    return abs(view.first_word(candidate.trigger.span) - casualty.word)


def _merge_in_sentence(found: list[_Candidate]) -> list[_Candidate]:
    """One event per (event type, place) in a sentence: the most specific sub-type, gaps filled."""
    kept: list[_Candidate] = []
    for candidate in found:
        same = next(
            (
                k
                for k in kept
                if k.event_type is candidate.event_type
                and place_key(k.place.place) == place_key(candidate.place.place)
            ),
            None,
        )
        if same is None:
            kept.append(candidate)
            continue
        best, other = _better(same, candidate)
        _fill(best, other)
        best.negated = same.negated and candidate.negated
        best.weak = same.weak and candidate.weak
        kept[kept.index(same)] = best
    return kept


def _force_on_protesters(found: list[_Candidate], casualties: Sequence[Casualty]) -> list[_Candidate]:
    """Force used at a protest, or violence by its protesters, told in its sentence is part of
    the protest event, not a battle.

    Where the sentence tells of an intervention ("تفريق", "قمع", tear gas), the shooting and
    storming at the protest's place are the protest's: a protest with intervention, or with dead
    excessive force against protesters ("قتل متظاهران عندما أطلقت قوات الأمن الرصاص لتفريق
    محتجين حاولوا اقتحام المبنى"). Without one, a fight the protesters are a side of ("اقتحم
    المتظاهرون القنصلية", "مواجهات بين متظاهرين وقوات الشرطة") is a violent demonstration. The
    sentence's counts are the event's. An event referred to ("الهجوم التركي على عفرين" on the
    protesters' banners) is not what happened at the protest.
    """
    protests = [c for c in found if c.event_type is EventType.PROTESTS]
    if not protests:
        return found
    intervened = any(c.sub_type is _S.PROTEST_WITH_INTERVENTION for c in protests)
    kept = []
    for candidate in found:
        protest = next((p for p in protests if _same_place(p.place, candidate.place)), None)
        at_protest = (
            protest is not None
            and candidate.event_type in FORCE_ON_PROTESTERS
            and not candidate.negated
            and not candidate.referred
        )
        if protest is not None and at_protest and intervened:
            protest.sub_type = _S.PROTEST_WITH_INTERVENTION
        elif protest is not None and at_protest and _fights_protesters(candidate):
            protest.sub_type = _S.VIOLENT_DEMONSTRATION
        else:
            kept.append(candidate)
    killed = any(c.kind == "killed" for c in casualties)
    for protest in protests:
        if protest.sub_type is _S.PROTEST_WITH_INTERVENTION and killed:
            protest.sub_type = _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS
        if protest.sub_type is not _S.PEACEFUL_PROTEST:
            for casualty in casualties:
                slot = "fatalities" if casualty.kind == "killed" else "injuries"
                setattr(protest, slot, _larger(getattr(protest, slot), casualty))
    return kept


def _fights_protesters(candidate: _Candidate) -> bool:
    """ "مواجهات بين متظاهرين وقوات الشرطة": the protesters are a side of the fight."""
    return any(a is not None and a.actor.actor_id == PROTESTERS for a in (candidate.actor1, candidate.actor2))


def _better(a: _Candidate, b: _Candidate) -> tuple[_Candidate, _Candidate]:
    rank_a = (a.weak, SPECIFICITY.get(a.sub_type, 5), -a.filled)
    rank_b = (b.weak, SPECIFICITY.get(b.sub_type, 5), -b.filled)
    return (a, b) if rank_a <= rank_b else (b, a)


def _fill(best: _Candidate, other: _Candidate) -> None:
    if other.actor1 is not None and _actor_rank(other) > _actor_rank(best):
        replaced = best.actor1
        best.actor1, best.strength = other.actor1, other.strength  # the best-founded reading wins
        if best.actor2 is not None and _actor_key(best.actor2) == _actor_key(best.actor1):
            best.actor2 = replaced or other.actor2  # "بين A وB" read A, B; "B حاولت التقدم": B fought A
    for name in ("date", "actor1", "actor2", "target", "reported_by"):
        if getattr(best, name) is None and getattr(other, name) is not None:
            setattr(best, name, getattr(other, name))
    best.fatalities = _larger(best.fatalities, other.fatalities)
    best.injuries = _larger(best.injuries, other.injuries)
    if not best.weapons:
        best.weapons = other.weapons
    best.aggregate = best.aggregate or other.aggregate
    best.fresh = best.fresh or other.fresh


def _actor_rank(c: _Candidate) -> tuple[int, bool]:
    """How well actor1 is founded: how it was read, then a name over a bare title ("القائد الأعلى")."""
    if c.actor1 is None:
        return (-1, False)
    return (int(c.strength), not (c.actor1.actor.actor_id or "").startswith("role:"))


def _larger(a: Casualty | None, b: Casualty | None) -> Casualty | None:
    """The better of two counts of one event: an exact count over a vague one, then the total."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=lambda c: (not c.vague, c.value))


def _continuations(candidates: list[_Candidate]) -> list[_Candidate]:
    """An undated definite event noun continues the latest event of its kind told a few
    sentences before: "وطالت الغارات أيضاً سوقاً في حي بستان القصر" takes that event's date;
    "ويأتي القصف ... في المدينة" over the place it was told at (or an area holding it) is that
    event told again, and merges into it."""
    kept: list[_Candidate] = []
    for candidate in candidates:
        earlier = _continued(candidate, kept)
        if earlier is None:
            kept.append(candidate)
        elif _retold(candidate, earlier):
            _fill(earlier, candidate)
        else:
            candidate.date, candidate.fresh = _date_of(earlier, kept)
            kept.append(candidate)
    return kept


def _continued(candidate: _Candidate, earlier: Sequence[_Candidate]) -> _Candidate | None:
    """The event an undated "الغارات" continues, if any."""
    if candidate.date is not None or candidate.fresh or candidate.negated or candidate.aggregate:
        return None
    if not candidate.referred or candidate.anchored or candidate.weak:
        return None  # "العملية العسكرية الأخيرة": a generic word names an operation known by itself
    index = candidate.sentence.index
    before = (
        c for c in reversed(earlier) if _alike(c.sub_type, candidate.sub_type) and c.sentence.index < index
    )
    found = next(before, None)
    if found is None or found.negated or index - found.sentence.index > CONTINUED_SENTENCES:
        return None
    # of the events of that sentence, the one its date belongs to
    told = [c for c in earlier if c.sentence is found.sentence and _alike(c.sub_type, candidate.sub_type)]
    return next((c for c in told if c.date is not None and not c.negated), found)


def _retold(candidate: _Candidate, earlier: _Candidate) -> bool:
    """At the earlier event's place or over an area holding it, counting no dead of its own."""
    if candidate.fatalities is not None or candidate.injuries is not None:
        return False  # "أسبوع دامي أوقع 500 شهيد ... في حلب": a toll of its own is another event
    return _same_place(earlier.place, candidate.place) or _holds(candidate.place, earlier.place)


def _date_of(candidate: _Candidate, candidates: Sequence[_Candidate]) -> tuple[DateMention | None, bool]:
    """The date of the event a mention belongs to: its own, or that of a mention of the event at
    its place that dates it ("شنت أربع غارات على المبنى" after "ليل الأربعاء ... غارات على المشفى")."""
    if candidate.date is not None:
        return candidate.date, candidate.fresh
    for other in candidates:
        if (
            other.date is not None
            and _alike(other.sub_type, candidate.sub_type)
            and _same_place(other.place, candidate.place)
            and not other.negated
        ):
            return other.date, other.fresh
    return None, candidate.fresh


def _holds(broad: PlaceMention, specific: PlaceMention) -> bool:
    """ "في المدينة" after "حي الميدان في حلب": a city or an area within reach of the other place."""
    if _specificity(broad) <= max(_specificity(specific), PLACE_SPECIFICITY[PlaceKind.TOWN]):
        return False  # a neighbourhood next to the hospital struck is another place
    distance = km_between(specific.place, broad.place)
    return distance is not None and distance <= NESTED_KM


def _dates_agree(a: _Candidate, b: _Candidate) -> bool:
    return a.date is None or b.date is None or a.date.date == b.date.date


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    """Two mentions can tell one event: their dates agree, and a denial is not merged into a report."""
    return _dates_agree(a, b) and a.negated == b.negated


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    """Across the article: one event per (sub-type, place) among mentions whose dates agree."""
    kept: list[_Candidate] = []
    for candidate in candidates:
        same = next(
            (
                k
                for k in kept
                if _alike(k.sub_type, candidate.sub_type)
                and _same_place(k.place, candidate.place)
                and _compatible(k, candidate)
            ),
            None,
        )
        if same is None:
            kept.append(candidate)
            continue
        merged_negated = same.negated and candidate.negated
        merged_weak = same.weak and candidate.weak
        best, other = (same, candidate) if same.filled >= candidate.filled else (candidate, same)
        sub_type = min(same.sub_type, candidate.sub_type, key=lambda t: SPECIFICITY.get(t, 5))
        _fill(best, other)
        best.negated, best.weak, best.sub_type = merged_negated, merged_weak, sub_type
        kept[kept.index(same)] = best
    return kept


def _merge_nested(candidates: list[_Candidate]) -> list[_Candidate]:
    """An event over an area and the same event at a town inside it are one event at the town.

    A toll over a period for the area ("500 قتيل في الغوطة منذ بدء القصف") is not one day's
    toll at a town inside it.
    """
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: _specificity(c.place)):
        same = next(
            (
                k
                for k in kept
                if _alike(k.sub_type, candidate.sub_type)
                and _compatible(k, candidate)
                and not _separate_tolls(k, candidate)
                and _nested(k.place, candidate.place)
            ),
            None,
        )
        if same is None:
            kept.append(candidate)
            continue
        negated, weak = same.negated and candidate.negated, same.weak and candidate.weak
        _fill(same, candidate)
        same.negated, same.weak = negated, weak
        if SPECIFICITY.get(candidate.sub_type, 5) < SPECIFICITY.get(same.sub_type, 5):
            same.sub_type = candidate.sub_type  # "غارات على جنوب إدلب" + "قصف على خان شيخون": an air strike
    order = {id(c): i for i, c in enumerate(candidates)}
    return sorted(kept, key=lambda c: order[id(c)])


def _separate_tolls(a: _Candidate, b: _Candidate) -> bool:
    """A summary and a single incident that each count their own dead are two events."""
    return a.aggregate != b.aggregate and a.fatalities is not None and b.fatalities is not None


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    """One place named twice ("مطار التيفور", "مطار التيفور العسكري")."""
    if place_key(a.place) == place_key(b.place):
        return True
    distance = km_between(a.place, b.place)
    return distance is not None and distance <= SAME_PLACE_KM and a.place.kind is b.place.kind


def _alike(a: SubEventType, b: SubEventType) -> bool:
    """Same sub-type, or bombardment told once as shelling and once as air strikes."""
    return a is b or {a, b} <= BOMBARDMENT


def _nested(specific: PlaceMention, broad: PlaceMention) -> bool:
    if broad.place.kind not in AREA_KINDS or _specificity(broad) <= _specificity(specific):
        return False
    distance = km_between(specific.place, broad.place)
    return distance is not None and distance <= NESTED_KM


def _specificity(place: PlaceMention) -> int:
    return PLACE_SPECIFICITY.get(place.place.kind, 5) if place.place.kind else 5


def _drop_shadowed(candidates: list[_Candidate]) -> list[_Candidate]:
    """A weak-only event where a stronger event of another type is told is that event retold,
    also when a definite word tells it over an area the stronger event's place lies in ("الرد
    على الهجوم على الغوطة" after "هجوم كيماوي على دوما")."""
    strong = {place_key(c.place.place): c for c in reversed(candidates) if not c.weak}
    kept = []
    for candidate in candidates:
        shadow = strong.get(place_key(candidate.place.place)) or _shadow_inside(candidate, candidates)
        retold = candidate.weak and not candidate.negated  # a denial is a statement of its own
        if retold and shadow is not None and shadow.event_type is not candidate.event_type:
            if shadow.event_type in VIOLENT_EVENT_TYPES and candidate.event_type in VIOLENT_EVENT_TYPES:
                _fill(shadow, candidate)  # "الهجوم ... أوقع 40 قتيلا" counts the chemical attack's dead
            continue
        kept.append(candidate)
    return kept


def _shadow_inside(candidate: _Candidate, candidates: Sequence[_Candidate]) -> _Candidate | None:
    """The first strong event at a place inside the area a weak, referred-to event is told over."""
    if not candidate.weak or not candidate.referred:
        return None
    return next((c for c in candidates if not c.weak and _nested(c.place, candidate.place)), None)


def _actor_key(mention: ActorMention) -> str:
    return mention.actor.actor_id or mention.actor.name


def _actor(mention: ActorMention | None) -> Actor | None:
    if mention is None:
        return None
    actor = mention.actor
    return Actor(_without_lam(clean_name(actor.name)), actor.name_en, actor.actor_id, actor.side)


def _without_lam(name: str) -> str:
    """ "للطيران الروسي" (ل + ال, "by the Russian air force") names "الطيران الروسي"."""
    return "ال" + name[2:] if name.startswith("لل") and len(name) > 3 else name


def _event_date(c: _Candidate, dates: DateReader) -> tuple[dt.date | None, DatePrecision | None]:
    if c.date is not None:
        return c.date.date, c.date.precision
    if c.fresh and not c.negated:
        default = dates.published_date(c.aggregate)
        if default is not None:
            return default
    return None, None


def _to_event(view: ArticleView, c: _Candidate, dates: DateReader) -> Event:
    fields: list[tuple[str, Span]] = []
    if c.trigger is not None:
        fields.append(("trigger", c.trigger.span))
    fields.append(("location", c.place.span))
    for name, mention in (("actor1", c.actor1), ("actor2", c.actor2), ("date", c.date)):
        if mention is not None:
            fields.append((name, mention.span))
    for name, casualty in (("fatalities", c.fatalities), ("injuries", c.injuries)):
        if casualty is not None:
            fields.append((name, casualty.span))
    fields += [("weapon", span) for _, span in c.weapons if span is not None]
    if c.target is not None and c.target[1] is not None:
        fields.append(("target", c.target[1]))
    if c.reported_by is not None:
        fields.append(("reported_by", c.reported_by.speakers[0].span))
    weapons = list(dict.fromkeys(w for w, _ in c.weapons))
    date, precision = _event_date(c, dates)
    return Event(
        sub_event_type=c.sub_type,
        evidence=view.evidence(c.sentence, fields),
        date=date,
        date_precision=precision,
        location=c.place.place,
        actor1=_actor(c.actor1),
        actor2=_actor(c.actor2),
        fatalities=c.fatalities.value if c.fatalities else None,
        injuries=c.injuries.value if c.injuries else None,
        target=c.target[0] if c.target else None,
        weapon=", ".join(weapons) if weapons else None,
        negated=c.negated,
        aggregate=c.aggregate,
        reported_by=", ".join(s.name for s in c.reported_by.speakers) if c.reported_by else None,
    )


def event_stage(settings: Settings) -> Stage:
    assembler = EventAssembler(EventLexicons.load())

    @stage(
        "assemble.events",
        requires={
            "sentences",
            "mentions.triggers",
            "mentions.places",
            "mentions.actors",
            "mentions.quantities",
            "mentions.dates",
        },
        assigns={"events"},
    )
    def run(article: Article) -> Article:
        article.events = assembler.assemble(article)
        return article

    return run
