"""Who acted and who was acted on: actor1 and actor2 of an event word, within its sentence.

actor1, strongest reading first (the :class:`Strength` travels with it, so that when mentions
of one event merge the best-founded actor wins, not the one of the best-filled mention):

1. **linked**: the agent after a link word ("غارات شنها الطيران الروسي", "قصف من قبل قوات
   النظام", "قتلوا على يد مسلحين"); the actor right after an event noun, its genitive
   ("قصف القوات الحكومية", "خروج مسلحين معارضين", "وصول 150 جنديا أمريكيا", the count
   skipped); the subject right after an event verb ("سيطرت قوات النظام");
2. **clause**: the nearest actor before the event word in its clause, the subject of an SVO
   sentence or the accused of "اتهمت A B بشن" (A, the speaker, is never an agent);
3. **sentence**: the nearest armed actor before it in the sentence, else the first after it
   that nothing marks as acted on; else an armed side that reports its own fight ("أعلنت
   تركيا مقتل أربعة من جنودها في اشتباكات").

Never an agent: a reporter, a monitor, an organisation, civilians, a state named as a place
("في سوريا"); a backer ("بدعم من روسيا", "التي تدعمها روسيا وإيران", and what is joined to
it by "و"); a side acted on ("ضد إيران", "مع الولايات المتحدة") when looking before the
event word; the counted dead ("مقتل 3 جنود أتراك").

A force named with a pronoun ("استيلاء قواته", "أن طائراته") is the armed side that speaks in
the sentence ("أكد الجيش السوري استيلاء قواته"). Sides joined by "و" act together: actor1 is
written "قوات النظام والميليشيات الشيعية" (except in a clash, where the second is the other
side). In "اشتباكات بين A وB" A is actor1 and B actor2.

actor2 is the actor after "ضد" / "على" / "مع" close after the event word, else the other
side of a clash, else the civilians the sentence names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from marsad.article import ActorMention, QuantityKind, TriggerMention
from marsad.assemble.attribution import Attribution
from marsad.assemble.context import ArticleView, Sentence
from marsad.event import VIOLENT_EVENT_TYPES, Actor, EventType, Span, Stance, SubEventType
from marsad.extract.phrases import PhraseMatcher
from marsad.normalize import fold
from marsad.normalize.lexicon import read_wordlist

AGENT_REACH = 4
#: The actor id of protesters as a group ("المتظاهرون", "المحتجين"; lexicons/actors.tsv).
PROTESTERS = "PROTESTERS"
#: Type words ("جويه", "مدفعي") that may stand between an event noun and its nationality adjective.
MAX_EVENT_ADJECTIVES = 2
#: Event types whose nationality adjective names the forces that acted ("قصف تركي", "هجوم روسي").
ATTRIBUTED_BY_ADJECTIVE = frozenset({EventType.EXPLOSIONS_REMOTE_VIOLENCE, EventType.BATTLES})
#: A nationality adjective followed by one of these tells where a weapon was made ("روسيه الصنع").
MAKE_WORDS = frozenset({fold("الصنع")})
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
#: How many words a backer may stand after its support word ("بدعم جوي من روسيا").
SUPPORT_REACH = 3
#: Words between an attack noun and its agent ("غارات شنها الطيران", "هجوم من قبل", "على يد").
AGENT_LINKS = frozenset(
    fold(w)
    for w in (
        "شنها",
        "شنتها",
        "شنه",
        "شنته",
        "نفذها",
        "نفذتها",
        "نفذه",
        "نفذته",
        "ألقتها",
        "ألقاها",
        "أطلقتها",
        "أطلقها",
        "قبل",
        "جانب",
        "يد",
        "أيدي",
        "بواسطة",
        "يشنها",
        "تشنها",
        "يشنه",
        "تشنه",
        "تنفذه",
        "ينفذه",
    )
)
#: Words after which an actor is the side acted on.
PATIENT_LINKS = frozenset(fold(w) for w in ("ضد", "على", "مع", "لمواقع", "مواقع", "بين"))
#: Words opening a clause about someone else ("فيما دعت المعارضة ...", "بينما", "في حين").
CONTRAST = frozenset(fold(w) for w in ("فيما", "بينما", "حين"))
#: Prepositions that make a state or capital name a place, not an actor ("في سوريا").
LOCATIVES = frozenset(
    fold(w) for w in ("في", "إلى", "الى", "من", "داخل", "نحو", "قرب", "شمال", "جنوب", "شرق", "غرب")
)
NON_AGENT_KINDS = frozenset({"civilians", "monitor", "organisation"})
ARMED = frozenset({"state", "group"})
ACTING = frozenset({"state", "group", "person"})
PRONOUNS = ("هما", "هم", "ها", "ه")
#: Event nouns whose genitive is the one acted on ("اعتقال 5 ناشطين"), not the actor.
PATIENT_GENITIVE = frozenset({SubEventType.ARRESTS, SubEventType.ABDUCTION_FORCED_DISAPPEARANCE})
_S = SubEventType


class Strength(IntEnum):
    """How actor1 was read; a merge keeps the strongest."""

    NONE = 0
    SENTENCE = 1
    CLAUSE = 2
    LINKED = 3


@dataclass(frozen=True, slots=True)
class Nationality:
    """What a nationality adjective ("روسيه") names: the state, in English, and its side."""

    country: str
    name_en: str
    side: str


@dataclass(frozen=True, slots=True)
class AgentCues:
    support: PhraseMatcher[str]
    between: frozenset[str]
    forces: frozenset[str]  # indefinite force nouns that take a pronoun: "قوات" in "قواته"
    definite_forces: frozenset[str]
    nationalities: dict[str, Nationality]  # every form of each adjective (demonyms.tsv)
    modifiers: frozenset[str]  # type words between an event noun and its adjectives ("جويه")

    @classmethod
    def load(cls) -> AgentCues:
        support: PhraseMatcher[str] = PhraseMatcher()
        rows = read_wordlist("argument_cues.tsv").rows
        for row in rows:
            if row["role"] == "support":
                support.add(row["form"], "support")
        nouns = [r["noun"] for r in read_wordlist("force_nouns.tsv").rows if " " not in r["noun"]]
        between = frozenset(r["form"] for r in rows if r["role"] == "clash_between")
        nationalities = {
            row["adjective"]: Nationality(row["country"], row["name_en"], row["side"])
            for row in read_wordlist("demonyms.tsv").rows
        }
        return cls(
            support,
            between,
            frozenset(n for n in nouns if not n.startswith("ال")),
            frozenset(n for n in nouns if n.startswith("ال")),
            nationalities,
            frozenset(read_wordlist("trigger_modifiers.tsv").column("form")),
        )


@dataclass(frozen=True, slots=True)
class Agents:
    actor1: ActorMention | None
    actor2: ActorMention | None
    strength: Strength = Strength.NONE


class AgentReader:
    """Reads actor1 and actor2 for the triggers of one article."""

    def __init__(self, view: ArticleView, cues: AgentCues) -> None:
        self.view = view
        self.cues = cues
        self._support_ends = [m.last for m in view.match_all(cues.support)]
        self._trigger_ends = sorted(view.word_range(t.span)[1] for t in view.article.mentions.triggers)
        # (first word, last word) of every count, in order: "وصول أكثر من 150 جنديا"
        self._counts = [
            view.word_range(q.span) for q in view.article.mentions.quantities if q.kind is QuantityKind.COUNT
        ]

    # ------------------------------------------------------------------ entry point

    def agents(
        self,
        sentence: Sentence,
        trigger: TriggerMention,
        actors: Sequence[ActorMention],
        said: Sequence[Attribution],
        counted: Sequence[Span],
    ) -> Agents:
        """actor1, actor2 and how actor1 was read; ``counted`` are the sentence's casualty numbers."""
        first, last = self.view.word_range(trigger.span)
        everyone = sorted([*actors, *self._pronoun_forces(sentence, said)], key=lambda a: a.span.start)
        reporters = [s.span for a in said for s in a.speakers]
        backers = self._backers(everyone)
        victims = self._victim_words(counted)
        candidates = [
            a
            for a in everyone
            if self._can_act(a, reporters)
            and id(a) not in backers
            and self.view.first_word(a.span) not in victims
        ]
        between = self._between(last, candidates)
        if between is not None:
            return between
        protesters = self._protesters(trigger, everyone)
        if protesters is not None:
            return Agents(protesters, None, Strength.CLAUSE)
        actor1, strength = self._agent(trigger, first, last, candidates)
        implied = self._adjectival(trigger, last)
        # "قصفا روسيا": the adjective beats a weaker reading, and the country read as its genitive
        if implied is not None and (strength < Strength.LINKED or _same_word(self.view, actor1, implied)):
            actor1, strength = implied, Strength.LINKED
        if actor1 is None:
            after = trigger.sub_event_type not in PATIENT_GENITIVE  # "القبض على عناصر من داعش"
            free = self._not_sides_of_a_fight(sentence, last, candidates)
            actor1, strength = self._fallback_agent(first, last, free, after), Strength.SENTENCE
        if actor1 is None:  # "أعلنت تركيا مقتل أربعة من جنودها في اشتباكات": the reporter is the party
            own = _own_reporters(said, trigger)
            armed = [a for a in actors if a.kind in ARMED and any(r.overlaps(a.span) for r in own)]
            actor1 = armed[0] if armed else None
        if actor1 is None:
            return Agents(None, self._patient(trigger, [a for a in everyone if id(a) not in backers]))
        actor1 = self._head(actor1, candidates)
        partner = self._joined(actor1, candidates)
        if partner is not None and trigger.sub_event_type is not _S.ARMED_CLASH:
            actor1, partner = _together(self.view, actor1, partner), None
        others = [a for a in everyone if a is not actor1 and id(a) not in backers]
        return Agents(actor1, partner or self._patient(trigger, others), strength)

    @staticmethod
    def _protesters(trigger: TriggerMention, actors: Sequence[ActorMention]) -> ActorMention | None:
        """ "خرج مئات المتظاهرين": those who protest are the acting side of a protest."""
        if trigger.sub_event_type.event_type is not EventType.PROTESTS:
            return None
        return next((a for a in actors if a.actor.actor_id == PROTESTERS), None)

    def _victim_words(self, counted: Sequence[Span]) -> set[int]:
        """First words of what a casualty number counts ("مقتل 3 جنود", "أربعة من جنودها")."""
        words: set[int] = set()
        for span in counted:
            q_last = self.view.word_range(span)[1]
            words.add(q_last)
            if q_last < len(self.view.words) and self.view.words[q_last].text == "من":
                words.add(q_last + 1)
        return words

    # ------------------------------------------------------------------ who may act

    def _can_act(self, mention: ActorMention, reporters: Sequence[Span]) -> bool:
        if mention.kind in NON_AGENT_KINDS or any(r.overlaps(mention.span) for r in reporters):
            return False
        a_first = self.view.first_word(mention.span)
        if a_first == 0:
            return True
        before = self.view.words[a_first - 1].text
        word = self.view.words[a_first].text
        locative = before in LOCATIVES or (word.startswith(("في", "ب")) and mention.kind == "state")
        return not (mention.kind == "state" and locative)

    def _backers(self, actors: Sequence[ActorMention]) -> set[int]:
        """Actors named as support ("بدعم من روسيا", "التي تدعمها روسيا وإيران"), by id."""
        backers: set[int] = set()
        previous_end: int | None = None
        for mention in actors:
            a_first, a_last = self.view.word_range(mention.span)
            supported = any(
                0 <= a_first - end <= SUPPORT_REACH and self.view.same_clause(end - 1, a_first)
                for end in self._support_ends
            )
            joined = previous_end is not None and self._coordinated(previous_end, a_first)
            if supported or joined:
                backers.add(id(mention))
                previous_end = a_last
            else:
                previous_end = None
        return backers

    def _coordinated(self, end: int, a_first: int) -> bool:
        """The actor at ``a_first`` is joined by "و" right after words ending at ``end``, maybe
        through a force noun ("وميليشيات الحشد")."""
        if end >= len(self.view.words) or not self.view.words[end].text.startswith("و"):
            return False
        if not self.view.same_clause(end - 1, end):
            return False
        return a_first == end or (a_first == end + 1 and self._is_force(end))

    def _is_force(self, k: int) -> bool:
        return k in self.view.words_with(self.cues.forces) or k in self.view.words_with(
            self.cues.definite_forces
        )

    def _pronoun_forces(self, sentence: Sentence, said: Sequence[Attribution]) -> list[ActorMention]:
        """ "قواته", "طائراتها": forces of the armed side speaking in the sentence."""
        speakers = [s for a in said for s in a.speakers if s.kind in ARMED]
        if not speakers:
            return []
        speaker = speakers[0]
        found = []
        forces = self.view.words_with(_with_pronouns(self.cues.forces))
        for k in range(sentence.first, sentence.last):
            if k in forces and self.view.word_span(k).start > speaker.span.start:
                actor = Actor(speaker.name, speaker.name_en, speaker.key)
                span = self.view.word_span(k)
                found.append(ActorMention(span, self.view.body_text(span), actor, speaker.kind))
        return found

    # ------------------------------------------------------------------ actor1

    def _agent(
        self, trigger: TriggerMention, first: int, last: int, candidates: Sequence[ActorMention]
    ) -> tuple[ActorMention | None, Strength]:
        positioned = [(self.view.word_range(a.span), a) for a in candidates]
        for (a_first, _), mention in positioned:
            links = range(last, a_first)
            if 0 <= a_first - last <= AGENT_REACH and any(
                self.view.words[k].text in AGENT_LINKS for k in links
            ):
                return mention, Strength.LINKED
        genitive = trigger.verbal or trigger.sub_event_type not in PATIENT_GENITIVE
        start = self._after_count(last)
        for (a_first, _), mention in positioned:
            if genitive and a_first in (last, start) and self.view.same_clause(last - 1, a_first):
                return mention, Strength.LINKED  # "قصف القوات الحكومية", "سيطرت قوات النظام"
        if trigger.verbal:
            for (a_first, _), mention in positioned:
                if (
                    0 < a_first - last <= 2
                    and self.view.same_clause(last - 1, a_first)
                    and not self.view.words[a_first].text.startswith("لل")  # "استهدف تجمعات للارهابيين"
                ):
                    return mention, Strength.LINKED
        before = [
            (a_last, m)
            for (a_first, a_last), m in positioned
            if a_last <= first and self.view.same_clause(a_last - 1, first) and not self._acted_on(a_first)
        ]
        if before:
            return max(before, key=lambda x: x[0])[1], Strength.CLAUSE
        return None, Strength.NONE

    def _adjectival(self, trigger: TriggerMention, last: int) -> ActorMention | None:
        """ "قصف مدفعي اسراييلي", "غارات روسيه": a nationality adjective on the event noun, past
        its type words ("جويه", "مدفعي"), names that state's forces, or its air force for an air
        strike. Not an adjective of make ("قذايف روسيه الصنع") nor one on a later noun ("قصف
        مواقع تركيه")."""
        if trigger.sub_event_type.event_type not in ATTRIBUTED_BY_ADJECTIVE:
            return None  # "اتفاق روسي": a state's deal, not its forces'
        words = self.view.words
        limit = min(len(words), last + MAX_EVENT_ADJECTIVES + 1)
        for k in range(last, limit):
            if k == 0 or self.view.gap(k - 1, k).strip() or not self.view.same_clause(k - 1, k):
                return None
            nationality = self.cues.nationalities.get(words[k].text)
            if nationality is not None:
                if k + 1 < len(words) and words[k + 1].text in MAKE_WORDS:
                    return None
                return self._implied_force(trigger, k, nationality)
            if words[k].text not in self.cues.modifiers:
                return None
        return None

    def _implied_force(self, trigger: TriggerMention, k: int, nationality: Nationality) -> ActorMention:
        span = self.view.word_span(k)
        written = self.view.body_text(span)
        air = trigger.sub_event_type is _S.AIR_DRONE_STRIKE
        stem = _masculine(written)
        name = written if stem is None else f"الطيران ال{stem}" if air else f"القوات ال{stem}ة"
        force_en = "air force" if air else "forces"
        actor_id = f"{nationality.country}.{force_en.replace(' ', '_')}"
        actor = Actor(name, f"{nationality.name_en} {force_en}", actor_id, nationality.side)
        return ActorMention(span, written, actor, "state")

    def _after_count(self, last: int) -> int:
        """The word after a count that follows the event noun ("وصول أكثر من 150 جنديا")."""
        for q_first, q_last in self._counts:
            if q_first in (last, last + 1):
                return q_last
        return last

    def _acted_on(self, a_first: int) -> bool:
        """ "ضد إيران", "مع الولايات المتحدة": the actor is the object of a preposition."""
        if a_first == 0:
            return False
        word = self.view.words[a_first].text
        return self.view.words[a_first - 1].text in PATIENT_LINKS or word.startswith(("ضد", "علي"))

    def _fallback_agent(
        self, first: int, last: int, candidates: Sequence[ActorMention], after: bool = True
    ) -> ActorMention | None:
        """The nearest armed actor before the trigger in the sentence, else (``after``) the first
        after it unless acted on; after an arrest word everyone named is among the arrested."""
        armed = [(self.view.word_range(a.span), a) for a in candidates if a.kind in ARMED]
        before = [
            (a_last, a) for (a_first, a_last), a in armed if a_last <= first and not self._acted_on(a_first)
        ]
        if before:
            return max(before, key=lambda x: x[0])[1]
        if not after:
            return None
        for (a_first, _), mention in armed:
            between = [self.view.words[k].text for k in range(max(last, a_first - 2), a_first)]
            if a_first >= last and not any(w in PATIENT_LINKS for w in between):
                if any(self.view.words[k].text in CONTRAST for k in range(last, a_first)):
                    return None  # "استهداف المشفى، فيما دعت المعارضة": another side's doing
                return mention
        return None

    def _between(self, last: int, candidates: Sequence[ActorMention]) -> Agents | None:
        """ "اشتباكات بين قوات الأمن والمتمردين": the two sides, in the order written."""
        for k in range(last, min(last + 3, len(self.view.words))):
            if self.view.words[k].text in self.cues.between and self.view.same_clause(last - 1, k):
                sides = [a for a in candidates if self.view.first_word(a.span) == k + 1]
                if not sides:
                    return None
                second = self._joined(sides[0], candidates)
                return Agents(sides[0], second, Strength.LINKED)
        return None

    def _not_sides_of_a_fight(
        self, sentence: Sentence, last: int, candidates: Sequence[ActorMention]
    ) -> list[ActorMention]:
        """The candidates less the two sides of a fight told in the sentence ("اشتباكات بين
        الفصائل وقوات النظام، تزامنت مع قصف مدفعي"): they fight each other, and the shelling
        beside their fight is by neither as far as the words tell."""
        sides: set[int] = set()
        ends = self._trigger_ends
        for k in range(sentence.first, sentence.last - 1):
            if self.view.words[k].text not in self.cues.between:
                continue
            governor = max((e for e in ends if e <= k and self.view.same_clause(e - 1, k)), default=None)
            if governor is None or governor == last:
                continue  # the sides of this trigger's own fight ("اشتباكات عنيفة صباح السبت بين")
            first_side = next((a for a in candidates if self.view.first_word(a.span) == k + 1), None)
            if first_side is not None:
                second = self._joined(first_side, candidates)
                sides.update(id(a) for a in (first_side, second) if a is not None)
        return [a for a in candidates if id(a) not in sides]

    def _joined(self, mention: ActorMention, candidates: Sequence[ActorMention]) -> ActorMention | None:
        """An acting side joined to ``mention`` by "و" right after it ("وروسيا", "وميليشيات الحشد")."""
        end = self.view.word_range(mention.span)[1]
        for other in candidates:
            if other.kind in ACTING and self._coordinated(end, self.view.first_word(other.span)):
                return other
        return None

    def _head(self, mention: ActorMention, candidates: Sequence[ActorMention]) -> ActorMention:
        """The first of sides joined by "و" ("قوات النظام والمليشيات" read from its second half)."""
        by_end = {self.view.word_range(a.span)[1]: a for a in candidates if a.kind in ACTING}
        for _ in range(2):
            a_first = self.view.first_word(mention.span)
            before = by_end.get(a_first)
            if before is None or self._joined(before, [mention]) is None:
                break
            mention = before
        return mention

    # ------------------------------------------------------------------ actor2

    def _patient(self, trigger: TriggerMention, actors: Sequence[ActorMention]) -> ActorMention | None:
        """The side acted on: after "ضد / على / مع", else the civilians the sentence of a violent
        event or an arrest names (troops that move or a deal that is made act on nobody there)."""
        last = self.view.word_range(trigger.span)[1]
        for mention in actors:
            a_first, _ = self.view.word_range(mention.span)
            if a_first >= last and a_first - last <= AGENT_REACH + 2 and mention.kind != "monitor":
                links = [self.view.words[k].text for k in range(max(last, a_first - 2), a_first)]
                if any(w in PATIENT_LINKS for w in links) or self.view.words[a_first].text.startswith(
                    ("ضد", "علي")
                ):
                    return mention
        if (
            trigger.sub_event_type.event_type not in VIOLENT_EVENT_TYPES
            and trigger.sub_event_type not in PATIENT_GENITIVE
        ):
            return None
        civilians = [m for m in actors if m.kind == "civilians"]
        return civilians[0] if civilians else None


def _own_reporters(said: Sequence[Attribution], trigger: TriggerMention) -> list[Span]:
    """Speakers who may report their own fight ("أعلنت تركيا مقتل أربعة من جنودها"): they speak
    before the event word, and not as a denier ("نفت الوزارة تنفيذ غارات" does not make the
    ministry the side that struck) nor in a relative clause."""
    return [
        s.span
        for a in said
        if a.stance is not Stance.DENY and not a.relative and a.cue_span.end <= trigger.span.start
        for s in a.speakers
    ]


def _same_word(view: ArticleView, found: ActorMention | None, implied: ActorMention) -> bool:
    return found is not None and view.first_word(found.span) == view.first_word(implied.span)


def _masculine(written: str) -> str | None:
    """The masculine indefinite form of a nationality adjective as written: "الإسرائيلية",
    "روسياً" -> "إسرائيلي", "روسي"; None for a form that is not one (a dual, a plural)."""
    bare = _DIACRITICS.sub("", written)
    bare = bare.removeprefix("ال")
    if bare.endswith("ة") or bare.endswith("يا"):
        bare = bare[:-1]
    return bare if len(bare) > 2 and bare.endswith("ي") else None


@functools.cache
def _with_pronouns(forces: frozenset[str]) -> frozenset[str]:
    """Every force noun with every pronoun suffix: "قواته", "طائراتها" (a word is a pronoun
    force when one of its forms is one of these)."""
    return frozenset(force + pronoun for force in forces for pronoun in PRONOUNS)


def _together(view: ArticleView, first: ActorMention, second: ActorMention) -> ActorMention:
    """Two sides acting together, written as in the text ("قوات النظام والميليشيات الشيعية")."""
    span = Span(first.span.start, second.span.end)
    names_en = [n for n in (first.actor.name_en, second.actor.name_en) if n]
    name_en = " and ".join(names_en) if len(names_en) == 2 else None
    actor = Actor(view.body_text(span), name_en, first.actor.actor_id, first.actor.side)
    return ActorMention(span, view.body_text(span), actor, first.kind, first.role)
