"""Whether an event word reports something that happened: negation, modality and summaries.

* **Negation** (``lexicons/negation.tsv``): a particle a few words before the trigger in the
  same clause (``لم تنفذا أي ضربة``), or a denial verb governing it (``تنفيان وقوع هجوم``).
  Reports dismissed by their speaker deny the event they tell of (``واصفا التقارير عن قصف
  المشفى بأنها حملة تضليل``, ``نفت الوزارة الأنباء عن غارات``). A negated event is kept
  with ``negated: true``.
* **Modality** (``lexicons/modality.tsv``): future, plan, threat, condition, question,
  possibility, demand and purpose words put the event in a world that has not happened
  (``سنواصل``, ``يعتزم``, ``إذا``, ``هل``, ``بهدف``); such triggers make no event (a named
  speaker's threat becomes a Claim instead). A masdar with the preposition ل (``لاستعادة``,
  ``للسيطرة``) is a purpose too, except after verbs of undergoing (``تعرضت لقصف``).
  A trigger anchored to a past fact (``الرد على الهجوم``, ``منذ الهجوم``) escapes modality
  words further back: the threat is about the response, not the attack.
* **Aggregates** (``lexicons/aggregate_cues.tsv``): period and repetition words in the
  trigger's clause (``خلال ستة أسابيع``, ``منذ أشهر``, ``حملة``) mark a summary.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass

from marsad.article import TriggerMention
from marsad.assemble.context import ArticleView, Sentence, shared
from marsad.event import SubEventType
from marsad.extract.phrases import PhraseMatcher
from marsad.normalize import fold
from marsad.normalize.lexicon import read_wordlist

NEGATION_WINDOW = 3
UNDERGOING_REACH = 3
DENIAL_WINDOW = 8
#: How far a denial reaches into the clause it introduces with "أن".
DENIAL_COMPLEMENT_WINDOW = 14
#: Words that open a denied clause ("نفت أن", "بأن").
COMPLEMENTIZERS = frozenset(fold(w) for w in ("أن", "بأن", "أنه", "أنها", "بأنه", "بأنها"))
MODALITY_WINDOW = 5
AFTER_WINDOW = 2
#: Words right before a trigger that make it a fact referred to ("الرد على الهجوم").
ANCHORS = frozenset(
    fold(w)
    for w in (
        "على",
        "بعد",
        "منذ",
        "إثر",
        "عقب",
        "أعقاب",
        "جراء",
        "مسؤولية",
        "ضحايا",
        "موقع",
        "وراء",
        "خلف",
        "منفذي",
        "مرتكبي",
        "حول",
        "بشأن",
        "تداعيات",
        "نتيجة",
        "بسبب",
        "ضلوعها",
        "تورط",
        "وقوع",
    )
)
#: Verbs of undergoing after which ل + masdar is no purpose ("تعرضت لقصف").
UNDERGOING = frozenset(fold(w) for w in ("تعرض", "تعرضت", "تتعرض", "يتعرض", "تعرضوا", "عرضة", "تعرضها"))
PREPOSITIONS = frozenset(fold(w) for w in ("على", "في", "عن", "إلى", "من", "مع", "حول", "بشأن"))
#: Modality cues that negation overrides ("لم تنفذا أي ضربة" is a denial, not a hypothesis).
NEGATABLE = frozenset({"possible"})
ATTEMPT = "attempt"
#: Prepositions that join a noun of reports to the event reported ("التقارير عن قصف").
ABOUT = frozenset(fold(w) for w in ("عن", "بشأن", "حول"))
#: Words between a noun of reports and "عن" ("التقارير الإعلامية عن").
REPORT_REACH = 3
#: How far after the reported event a dismissal may stand ("... بأنها حملة تضليل إعلامي").
DISMISS_REACH = 8


@dataclass(frozen=True, slots=True)
class ModalCue:
    kind: str
    scope: str  # before | around | clause | sentence | adjacent


@dataclass(frozen=True, slots=True)
class ModalityLexicon:
    negation: PhraseMatcher[str]
    modality: PhraseMatcher[ModalCue]
    aggregate: PhraseMatcher[str]

    @classmethod
    @functools.cache  # one per process: stages that share it can share what it finds
    def load(cls) -> ModalityLexicon:
        negation: PhraseMatcher[str] = PhraseMatcher()
        for row in read_wordlist("negation.tsv").rows:
            negation.add(row["form"], row["kind"])
        modality: PhraseMatcher[ModalCue] = PhraseMatcher()
        for row in read_wordlist("modality.tsv").rows:
            modality.add(row["form"], ModalCue(row["kind"], row["scope"]))
        aggregate: PhraseMatcher[str] = PhraseMatcher()
        for row in read_wordlist("aggregate_cues.tsv").rows:
            aggregate.add(row["form"], "aggregate")
        return cls(negation, modality, aggregate)


class ModalityJudge:
    """Answers negation, modality and aggregate questions about triggers of one article."""

    @classmethod
    def of(cls, view: ArticleView, lexicon: ModalityLexicon) -> ModalityJudge:
        """The judge of ``view`` with ``lexicon``, built once per article."""
        return shared(view.article, "modality", (view, lexicon), lambda: cls(view, lexicon))

    def __init__(self, view: ArticleView, lexicon: ModalityLexicon) -> None:
        self.view = view
        self.lexicon = lexicon
        found = view.match_all(lexicon.negation)
        self.negations = {m.first: m.payload for m in found if m.payload in ("particle", "deny")}
        self.reports = {m.first for m in found if m.payload == "report"}
        self.dismissals = sorted(m.first for m in found if m.payload == "dismiss")
        self.sentence_lasts = [s.last for s in view.sentences]
        self.modal = {m.first: (m.last, m.payload) for m in view.match_all(lexicon.modality)}
        self.aggregates = {m.first for m in view.match_all(lexicon.aggregate)}

    # ------------------------------------------------------------------ negation

    def negated(self, first: int) -> bool:
        """A negation particle or denial verb governs the trigger starting at word ``first``, or
        the trigger is what reports tell of and the speaker dismisses them."""
        return self._denied(first) or self._dismissed(first)

    def _denied(self, first: int) -> bool:
        for k, kind in self.negations.items():
            window = NEGATION_WINDOW if kind == "particle" else self._denial_window(k, first)
            if (
                k < first
                and first - k <= window
                and self.view.same_clause(k, first)
                and self._governs(k, first)
            ):
                return True
        return False

    def _denial_window(self, k: int, first: int) -> int:
        """A denial reaches its complement clause: "نفت الوزارة اليوم الجمعة أن تكون طائراتها قد
        قصفت" (a "أن" between the verb and the trigger) reaches further than a bare object."""
        if first - k <= DENIAL_WINDOW:
            return DENIAL_WINDOW
        words = self.view.words
        opened = any(words[j].text in COMPLEMENTIZERS for j in range(k + 1, first))
        return DENIAL_COMPLEMENT_WINDOW if opened else DENIAL_WINDOW

    def _dismissed(self, first: int) -> bool:
        """ "واصفا التقارير عن قصف المشفى بأنها حملة تضليل", "نفت الوزارة الأنباء عن غارات": the
        event is the subject of reports that a denial verb governs or a dismissal word follows."""
        words = self.view.words
        if first == 0 or words[first - 1].text not in ABOUT:
            return False
        reach = range(first - 2, max(-1, first - 2 - REPORT_REACH), -1)
        report = next((r for r in reach if r in self.reports), None)
        if report is None or not self.view.same_clause(report, first):
            return False
        if self._denied(report):  # "نفت الوزارة التقارير عن": the denial governs the reports
            return True
        k = bisect_right(self.sentence_lasts, first)
        sentence_last = self.sentence_lasts[k] if k < len(self.sentence_lasts) else len(words)
        end = min(first + DISMISS_REACH, sentence_last)
        d = bisect_right(self.dismissals, first)
        return d < len(self.dismissals) and self.dismissals[d] < end

    def _governs(self, k: int, first: int) -> bool:
        """ "لن يؤثر على عملية": a preposition between makes the event the object of another verb."""
        return not any(self.view.words[i].text in PREPOSITIONS for i in range(k + 1, first))

    # ------------------------------------------------------------------ modality

    def blocked(self, trigger: TriggerMention, first: int, sentence: Sentence) -> str | None:
        """Why the trigger is no event (``"future"``, ``"question"`` ...), or None."""
        if self._purpose(trigger, first):
            return "purpose"
        return self.blocked_at(first, sentence, trigger_last=self.view.word_range(trigger.span)[1])

    def blocked_at(
        self,
        first: int,
        sentence: Sentence,
        ignore: frozenset[str] = frozenset(),
        trigger_last: int | None = None,
    ) -> str | None:
        """Why words starting at ``first`` report nothing real, ignoring purpose; or None."""
        if self._question(sentence):
            return "question"
        anchored = first > sentence.first and self.view.words[first - 1].text in ANCHORS
        negated = self.negated(first)
        for k, (last, cue) in self.modal.items():
            if not sentence.first <= k < first or (cue.kind in NEGATABLE and negated) or cue.kind in ignore:
                continue
            if cue.kind == ATTEMPT:
                continue  # what was attempted happened as an attempt: see attempted()
            if k > sentence.first and self.view.words[k - 1].text in ANCHORS:
                continue  # "منذ بدء القصف": the cue itself is a past fact
            near = first - last < MODALITY_WINDOW and self.view.same_clause(k, first)
            if cue.scope == "object" and near:  # "تندد بالاعتقالات", "احتجاجا على اعتقال"
                return cue.kind
            if cue.scope == "clause":  # a condition reaches its consequence: "إذا ...، فإن ..."
                return cue.kind
            if cue.scope == "adjacent" and last == first:  # "تحت سيطرة": a state, not a change
                return cue.kind
            if cue.scope in ("before", "around") and near and not anchored:
                return cue.kind
        return self._after(first, trigger_last)

    def _after(self, first: int, trigger_last: int | None) -> str | None:
        """ "عمليات عسكرية مرتقبة": a plan word right after the trigger."""
        if trigger_last is None:
            return None
        for k in range(trigger_last, trigger_last + AFTER_WINDOW):
            found = self.modal.get(k)
            if found is not None and found[1].scope == "around" and self.view.same_clause(first, k):
                return found[1].kind
        return None

    def attempted(self, first: int, sentence: Sentence) -> bool:
        """ "حاولت قوات النظام التقدم", "محاولة السيطرة": the trigger tells of an attempt."""
        return any(
            cue.kind == ATTEMPT
            and sentence.first <= k < first
            and first - last < MODALITY_WINDOW
            and self.view.same_clause(k, first)
            for k, (last, cue) in self.modal.items()
        )

    def conditional(self, first: int, sentence: Sentence) -> bool:
        """A condition word earlier in the clause ("إذا قالت بغداد ...")."""
        return any(
            cue.scope == "clause" and sentence.first <= k < first and self.view.same_clause(k, first)
            for k, (_, cue) in self.modal.items()
        )

    def _question(self, sentence: Sentence) -> bool:
        if any(
            cue.scope == "sentence"
            for k, (_, cue) in self.modal.items()
            if sentence.first <= k < sentence.last
        ):
            return True
        return "?" in self.view.text[self.view.words[sentence.last - 1].end : self._sentence_end(sentence)]

    def _sentence_end(self, sentence: Sentence) -> int:
        nxt = sentence.last
        return self.view.words[nxt].start if nxt < len(self.view.words) else len(self.view.text)

    def _purpose(self, trigger: TriggerMention, first: int) -> bool:
        if trigger.verbal or not trigger.prefix.endswith("ل"):
            return False
        if trigger.sub_event_type is SubEventType.PROTEST_WITH_INTERVENTION:
            return False  # "أطلقت الرصاص لتفريق محتجين": the force was used; dispersing was its aim
        lo = max(0, first - UNDERGOING_REACH)  # "تعرضت سراقب لغارة": the town underwent a strike
        return not any(self.view.words[k].text in UNDERGOING for k in range(lo, first))

    # ------------------------------------------------------------------ aggregates

    def aggregate(self, first: int, sentence: Sentence) -> bool:
        lo, hi = self.view.clause_of(first, sentence)
        return any(lo <= k < hi for k in self.aggregates)
