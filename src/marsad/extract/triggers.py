"""Event trigger words mapped to ACLED sub-event types, with their weapon and default target.

``lexicons/triggers.tsv`` lists each trigger as written (nouns in their indefinite form; the
matcher adds the definite form ``الغارات`` and pronoun suffixes ``هجومه``; verbs are listed
conjugated). A generic attack word with no weapon of its own (``قصف``, ``ضربة``, ``هجوم``,
``استهداف``) takes its sub-type from the words right next to it
(``lexicons/trigger_modifiers.tsv``): ``قصف جوي`` and ``ضربات الطيران`` are air strikes,
``هجوم كيماوي`` a chemical attack, ``هجوم صاروخي`` a missile attack.

The stage only finds words; whether a trigger is an event (not a threat, a plan or a
question; negated or not) is decided in ``marsad.assemble``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from marsad.article import Article, TriggerMention
from marsad.event import SubEventType
from marsad.extract.phrases import PhraseMatch, PhraseMatcher, Word, article_words, body_span, joined
from marsad.normalize.lexicon import read_wordlist
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)

#: Pronoun suffixes a trigger noun may carry ("هجومه", "قصفها", "هجماتهم").
NOUN_SUFFIXES = ("ه", "ها", "هم", "هما")
MODIFIER_WINDOW = 3
EXCLUSION_WINDOW = 3  # the subject may stand between a verb and its object ("نشر الجيش صورا")
#: A modifier after these words describes support, not the attack ("هجوما واسعا بدعم جوي").
SUPPORT_WORDS = frozenset({"دعم", "بدعم", "غطاء", "بغطاء", "بمسانده", "مسانده", "اسناد", "باسناد"})
_S = SubEventType
#: Sub-types a generic word may be turned into by a modifier, by effect.
EFFECTS: dict[str, tuple[SubEventType, str | None]] = {
    "chemical": (_S.CHEMICAL_WEAPON, "chemical weapons"),
    "suicide": (_S.SUICIDE_BOMB, "suicide bomber"),
    "air": (_S.AIR_DRONE_STRIKE, "air strikes"),
    "missile": (_S.SHELLING_ARTILLERY_MISSILE_ATTACK, "missiles"),
    "artillery": (_S.SHELLING_ARTILLERY_MISSILE_ATTACK, "artillery"),
}
EFFECT_ORDER = ("chemical", "suicide", "air", "missile", "artillery")
GENERIC_TYPES = frozenset({_S.AIR_DRONE_STRIKE, _S.SHELLING_ARTILLERY_MISSILE_ATTACK, _S.ARMED_CLASH})


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    lemma: str
    sub_event_type: SubEventType
    weapon: str | None
    target: str | None
    strong: bool
    verbal: bool

    @property
    def generic(self) -> bool:
        """A word with no weapon of its own whose type the neighbouring words decide."""
        return self.weapon is None and self.sub_event_type in GENERIC_TYPES


def noun_variants(form: str) -> list[str]:
    """``غارات جويه`` -> itself, ``الغارات الجويه``; one-word nouns also with pronoun suffixes."""
    words = form.split()
    variants = [form]
    if not words[0].startswith("ال"):
        variants.append(
            " ".join("ال" + w if not w.startswith("ال") and _agrees(i, w) else w for i, w in enumerate(words))
        )
    if len(words) == 1 and not form.endswith("ا"):
        stem = form[:-1] + "ت" if form.endswith("ه") else form
        variants.extend(stem + suffix for suffix in NOUN_SUFFIXES)
    return variants


def _agrees(position: int, word: str) -> bool:
    """Only the head and its adjectives take the article, not a genitive after "ل"/"ب"."""
    return position == 0 or not word.startswith(("ل", "ب", "ا"))


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    triggers: PhraseMatcher[TriggerEntry]
    modifiers: PhraseMatcher[str]
    exclusions: frozenset[tuple[str, str]]

    @classmethod
    def load(cls) -> TriggerLexicon:
        triggers: PhraseMatcher[TriggerEntry] = PhraseMatcher()
        for row in read_wordlist("triggers.tsv").rows:
            entry = TriggerEntry(
                lemma=row["form"],
                sub_event_type=SubEventType(row["sub_event_type"]),
                weapon=row["weapon"] or None,
                target=row["target"] or None,
                strong=row["strength"] == "strong",
                verbal=row["pos"] == "verb",
            )
            forms = [row["form"]] if entry.verbal else noun_variants(row["form"])
            for form in forms:
                if form not in triggers:
                    triggers.add(form, entry)
        modifiers: PhraseMatcher[str] = PhraseMatcher()
        for row in read_wordlist("trigger_modifiers.tsv").rows:
            modifiers.add(row["form"], row["effect"])
        exclusions = frozenset(
            (r["trigger"], r["next"]) for r in read_wordlist("trigger_exclusions.tsv").rows
        )
        return cls(triggers, modifiers, exclusions)


class TriggerFinder:
    def __init__(self, lexicon: TriggerLexicon) -> None:
        self.lex = lexicon

    def find(self, article: Article) -> list[TriggerMention]:
        assert article.normalized is not None
        text = article.normalized.text
        words = article_words(article)
        mentions = []
        for match in self.lex.triggers.iter_matches(words, text):
            if self._excluded(match, words):
                continue
            entry = self._resolve(match, words, text)
            span = body_span(article, match.start, match.end)
            mentions.append(
                TriggerMention(
                    span=span,
                    text=article.text_of(span),
                    sub_event_type=entry.sub_event_type,
                    weapon=entry.weapon,
                    lemma=entry.lemma,
                    target=entry.target,
                    verbal=entry.verbal,
                    weak=not entry.strong,
                    prefix=match.prefix,
                )
            )
        return mentions

    def _excluded(self, match: PhraseMatch[TriggerEntry], words: list[Word]) -> bool:
        """ "نشر (الجيش) صورا": a word just after shows the trigger means something else here."""
        form = next(f for f, start, _ in words[match.first].forms if start == match.start)
        following = [w.text for w in words[match.last : match.last + EXCLUSION_WINDOW]]
        return any((key, nxt) in self.lex.exclusions for key in (form, match.phrase) for nxt in following)

    def _resolve(self, match: PhraseMatch[TriggerEntry], words: list[Word], text: str) -> TriggerEntry:
        """Apply the strongest modifier next to a generic word (chemical > suicide > air > missile)."""
        entry = match.payload
        if not entry.generic:
            return entry
        effects = self._effects_near(match, words, text)
        for effect in EFFECT_ORDER:
            if effect in effects:
                sub_type, weapon = EFFECTS[effect]
                return replace(entry, sub_event_type=sub_type, weapon=weapon, strong=True)
        return entry

    def _effects_near(self, match: PhraseMatch[TriggerEntry], words: list[Word], text: str) -> set[str]:
        effects: set[str] = set()
        after = range(match.last, min(len(words), match.last + MODIFIER_WINDOW))
        before = range(max(0, match.first - 2), match.first)
        for i in (*before, *after):
            if not _same_clause(words, text, i, match):
                continue
            found = self.lex.modifiers.match_at(words, i, text)
            if found is not None and not (i > 0 and words[i - 1].text in SUPPORT_WORDS):
                effects.add(found.payload)
        return effects


def _same_clause(words: list[Word], text: str, i: int, match: PhraseMatch[TriggerEntry]) -> bool:
    """No punctuation between word ``i`` and the trigger."""
    lo, hi = (i, match.first) if i < match.first else (match.last - 1, i)
    return all(joined(text, words[k].end, words[k + 1].start) for k in range(lo, hi))


def trigger_stage(settings: Settings) -> Stage:
    finder = TriggerFinder(TriggerLexicon.load())

    @stage("extract.triggers", requires={"text.normalized", "tokens"}, assigns={"mentions.triggers"})
    def run(article: Article) -> Article:
        article.mentions.triggers = finder.find(article)
        return article

    return run
