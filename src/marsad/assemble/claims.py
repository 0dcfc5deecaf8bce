"""Claims: who said what, with which stance, about what.

Every attribution (``marsad.assemble.attribution``) with a named speaker and reported words
is a claim: ``speaker`` as written (a person's name without the title, else the title or
the organisation), ``speaker_en`` from the actor dictionary, ``text`` the reported words
verbatim, ``stance`` from the cue word (``نفى`` deny, ``اتهم`` accuse, ``هدد``/``توعد``/
``حذر`` threaten, ``وعد``/``تعهد`` promise, ``طالب``/``دعا`` demand, else assert). A plain
"said" is sharpened by the first words it reports (``lexicons/stance_cues.tsv``):
``لن``/``سنواصل`` threaten, ``مسؤولية``/``وراء`` accuse, ``يجب``/``ضرورة`` demand,
``لم``/``مختلق`` deny. ``about`` is the event type of the first event word reported,
``ceasefire`` for a truce word, else ``other``.

One claim is kept per (speaker, stance) per article: the first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from marsad.article import Article
from marsad.assemble.attribution import Attribution, AttributionFinder, AttributionLexicon
from marsad.assemble.context import ArticleView
from marsad.assemble.modality import ModalityJudge, ModalityLexicon
from marsad.event import Claim, Span, Stance
from marsad.extract.phrases import PhraseMatch, PhraseMatcher
from marsad.normalize.lexicon import read_wordlist
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)

STANCE_REACH = 4
STANCE_ORDER = (Stance.THREATEN, Stance.ACCUSE, Stance.DEMAND, Stance.DENY)
TRUCE_KINDS = frozenset({"ceasefire", "calm", "corridor", "evacuation"})


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    attribution: AttributionLexicon
    stance_cues: PhraseMatcher[Stance]
    truce_terms: PhraseMatcher[str]
    modality: ModalityLexicon

    @classmethod
    def load(cls) -> ClaimLexicon:
        cues: PhraseMatcher[Stance] = PhraseMatcher()
        for row in read_wordlist("stance_cues.tsv").rows:
            cues.add(row["form"], Stance(row["stance"]))
        terms: PhraseMatcher[str] = PhraseMatcher()
        for row in read_wordlist("truce_terms.tsv").rows:
            if row["kind"] in TRUCE_KINDS:
                terms.add(row["form"], row["kind"])
        return cls(AttributionLexicon.load(), cues, terms, ModalityLexicon.load())


class ClaimAssembler:
    def __init__(self, lexicon: ClaimLexicon) -> None:
        self.lex = lexicon
        self.finder = AttributionFinder(lexicon.attribution)

    def assemble(self, article: Article) -> list[Claim]:
        view = ArticleView.of(article)
        stance_words = view.match_all(self.lex.stance_cues)
        truce_words = view.match_all(self.lex.truce_terms)
        judge = ModalityJudge.of(view, self.lex.modality)
        claims: list[Claim] = []
        seen: set[tuple[str, Stance]] = set()
        for attribution in self.finder.find(view, article.mentions.actors):
            if not attribution.speakers or attribution.content is None:
                continue
            if judge.conditional(attribution.cue_first, attribution.sentence):
                continue
            stance = self._stance(view, attribution, stance_words)
            about = self._about(article, attribution.content, truce_words, view)
            for speaker in attribution.speakers:
                key = (speaker.key, stance)
                if key in seen:
                    continue
                seen.add(key)
                claims.append(
                    self._claim(view, attribution, speaker.name, speaker.name_en, speaker.span, stance, about)
                )
        return claims

    @staticmethod
    def _stance(view: ArticleView, attribution: Attribution, cues: list[PhraseMatch[Stance]]) -> Stance:
        if attribution.stance is not Stance.ASSERT or attribution.content is None:
            return attribution.stance
        first, _ = view.word_range(attribution.content)
        near = {m.payload for m in cues if first <= m.first < first + STANCE_REACH}
        return next((s for s in STANCE_ORDER if s in near), Stance.ASSERT)

    @staticmethod
    def _about(
        article: Article, content: Span, truce_words: list[PhraseMatch[str]], view: ArticleView
    ) -> str:
        for trigger in article.mentions.triggers:
            if content.contains(trigger.span) and not trigger.weak:
                return trigger.sub_event_type.event_type.value
        c_first, c_last = view.word_range(content)
        if any(c_first <= m.first < c_last for m in truce_words):
            return "ceasefire"
        return "other"

    @staticmethod
    def _claim(
        view: ArticleView,
        attribution: Attribution,
        speaker: str,
        speaker_en: str | None,
        speaker_span: Span,
        stance: Stance,
        about: str,
    ) -> Claim:
        assert attribution.content is not None
        fields = (("speaker", speaker_span), ("cue", attribution.cue_span), ("text", attribution.content))
        return Claim(
            speaker=speaker,
            stance=stance,
            text=view.body_text(attribution.content).strip(" \"'«»“”،,."),
            evidence=view.evidence(attribution.sentence, fields),
            speaker_en=speaker_en,
            about=about,
        )


def claim_stage(settings: Settings) -> Stage:
    assembler = ClaimAssembler(ClaimLexicon.load())

    @stage(
        "assemble.claims", requires={"sentences", "mentions.actors", "mentions.triggers"}, assigns={"claims"}
    )
    def run(article: Article) -> Article:
        article.claims = assembler.assemble(article)
        return article

    return run
