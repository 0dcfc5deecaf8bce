"""When an event happened: which date mention of its sentence belongs to the event word.

A news sentence often holds two dates: when something was said and when it happened
("أعلنت المنظمة السبت أن خبراءها زاروا موقع الهجوم الذي وقع في 7 أبريل"). The rules:

* **Nearest in its clause.** Distance counts words between the date and the trigger; a date
  in another clause costs :data:`CLAUSE_PENALTY` more, so "(9 أبريل)" or "في 19 حزيران" next
  to the trigger wins over a date behind a comma; a date before a "أن/إن" that opens the
  reported words costs :data:`REPORTED_PENALTY` more ("قالت المنظمة الأحد إن غارة استهدفت
  البلدة في 3 مايو": 3 May). A date inside a relative clause of another word ("روسيا، التي
  تدخلت عام 2015،") is not the event's.
* **A fact referred to takes only its own date.** A definite event noun ("الهجوم",
  "القصف") names an event the reader already knows; a date far before it (or before a
  "أن/إن" that opens reported speech) dates the verb that governs the clause ("تمكن الخبراء
  السبت من ... التحقيق في الهجوم"), and a date behind a comma dates another clause. It keeps
  a date right after it ("الهجوم الذي وقع الخميس الماضي") or a few words before it.
* **Anchored events.** After "منذ", "غداة", "عشية", or a counted offset ("بعد أسبوع على
  القصف"), the event is earlier than the clause around it: dates before the anchor are not its.
* **Ongoing since** ("منذ ثلاثة أسابيع", ``DateKind.SINCE``) and **the current period**
  ("هذا الشهر", "الشهر الجاري") describe something still going on when the report was written:
  the event is dated at the published date, at the precision of the expression.
* **Another event's verb.** A date after the verb of an event of another kind that stands
  between it and the trigger ("ناشطين اعتقلتهم جبهة النصرة قبل أسبوعين") is that verb's.
* **No date in the sentence.** An event reported as news of the day (a verb or an indefinite
  noun, not background "وكان ... قد", not anchored) is dated at the published date: SCHEMA.md
  leaves a date null only when the text has none *and* there is no published date. This
  default is applied after mentions are merged, so an undated mention still takes the date
  another mention of the same event gives.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from marsad.article import DateKind, DateMention, QuantityKind, TriggerMention
from marsad.assemble.context import ArticleView, Sentence
from marsad.event import DatePrecision
from marsad.extract.phrases import PhraseMatcher
from marsad.normalize.lexicon import read_wordlist

CLAUSE_PENALTY = 6
#: A date before "أن/إن" dates the statement; one in the reported words is preferred.
REPORTED_PENALTY = 6
#: A definite event noun keeps a date before it only this close ("أدى القصف الثلاثاء").
REFERRED_BEFORE_REACH = 3
#: Words a counted offset may take between its anchor and its link ("بعد مرور أسبوع تماما على").
OFFSET_REACH = 4
#: How far back a pluperfect "كان" reaches to mark the trigger's clause as background.
PLUPERFECT_REACH = 6


@dataclass(frozen=True, slots=True)
class DateCues:
    """``argument_cues.tsv`` rows that matter for dates, as phrase matchers and word sets."""

    current_periods: PhraseMatcher[str]
    complementizers: frozenset[str]
    time_anchors: frozenset[str]
    offset_anchors: frozenset[str]
    offset_links: frozenset[str]
    pluperfect: frozenset[str]
    relatives: frozenset[str]
    reactions: frozenset[str]

    @classmethod
    @functools.cache  # one per process: stages that share it can share what it finds
    def load(cls) -> DateCues:
        rows = read_wordlist("argument_cues.tsv").rows

        def role(name: str) -> frozenset[str]:
            return frozenset(r["form"] for r in rows if r["role"] == name)

        current: PhraseMatcher[str] = PhraseMatcher()
        for form in role("current_period"):
            current.add(form, "current")
        return cls(
            current,
            role("complementizer"),
            role("time_anchor"),
            role("offset_anchor"),
            role("offset_link"),
            role("pluperfect"),
            role("relative"),
            role("reaction"),
        )


@dataclass(frozen=True, slots=True)
class Toll:
    """What the trigger's sentence counts: any dead, and whether over a period."""

    killed: bool
    aggregate: bool


class DateReader:
    """Picks and resolves the date of each trigger of one article."""

    def __init__(self, view: ArticleView, cues: DateCues) -> None:
        self.view = view
        self.cues = cues
        self.published = view.article.published
        current = view.match_all(cues.current_periods)
        self._current_spans = [view.words_span(m.first, m.last) for m in current]
        counts = (q for q in view.article.mentions.quantities if q.kind is QuantityKind.COUNT)
        self._count_ends = {view.word_range(q.span)[1] - 1 for q in counts}
        triggers = view.article.mentions.triggers
        self._verbs = sorted(
            (view.first_word(t.span), t.sub_event_type.event_type) for t in triggers if t.verbal
        )

    def date(
        self,
        sentence: Sentence,
        trigger: TriggerMention,
        first: int,
        last: int,
        dates: Sequence[DateMention],
    ) -> DateMention | None:
        """The date of the trigger at words ``[first, last)``, resolved for an event; None if none fits."""
        floor = self.anchor(sentence, first)
        referred = self.referred(trigger, first)
        best: tuple[float, DateMention] | None = None
        for mention in dates:
            d_first, d_last = self.view.word_range(mention.span)
            if d_last <= d_first or d_first < floor:
                continue
            if self._dates_another_verb(trigger, last, d_first):
                continue
            distance = self._distance(first, last, d_first, d_last, referred)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, mention)
        return self.resolved(best[1]) if best else None

    def _distance(self, first: int, last: int, d_first: int, d_last: int, referred: bool) -> float | None:
        """Words between the date and the trigger, or None when the date cannot be the trigger's."""
        if first <= d_first < last:
            return 0.0
        after = d_first >= last
        gap = d_first - last if after else first - d_last
        same = self.view.same_clause(last - 1, d_first) if after else self.view.same_clause(d_last - 1, first)
        if not same and self._in_relative_clause(d_first):
            return None  # "روسيا، التي تدخلت عام 2015، ...": the date of the relative clause's verb
        if referred and not same:
            return None
        reported = not after and self._reported_between(d_last, first)
        if referred and not after and (gap > REFERRED_BEFORE_REACH or reported):
            return None
        return float(gap) + (0 if same else CLAUSE_PENALTY) + (REPORTED_PENALTY if reported else 0)

    def _dates_another_verb(self, trigger: TriggerMention, last: int, d_first: int) -> bool:
        """ "هتافات تطالب بإطلاق سراح ناشطين اعتقلتهم جبهة النصرة قبل أسبوعين": a date after the
        verb of an event of another kind, which stands between, is that event's date."""
        kind = trigger.sub_event_type.event_type
        return any(last <= k < d_first and other is not kind for k, other in self._verbs)

    def _in_relative_clause(self, word: int) -> bool:
        """The comma-delimited clause holding ``word`` opens with a relative pronoun."""
        k = word
        while k > 0 and self.view.same_clause(k - 1, word):
            k -= 1
        return self._is(self.cues.relatives, k)

    def _reported_between(self, lo: int, hi: int) -> bool:
        """A complementizer ("أن", "إن") between two words: the later one is reported content."""
        return any(self._is(self.cues.complementizers, k) for k in range(lo, hi))

    def _is(self, words: frozenset[str], k: int) -> bool:
        """One of the forms of word ``k`` is in ``words``."""
        return k in self.view.words_with(words)

    def referred(self, trigger: TriggerMention, first: int) -> bool:
        """A definite event noun ("الهجوم", "للقصف"): an event the text refers to rather than reports."""
        if trigger.verbal:
            return False
        return any(form.startswith("ال") for form, _, _ in self.view.words[first].forms)

    def anchor(self, sentence: Sentence, first: int) -> int:
        """The first word that may date a trigger anchored to an earlier time (else the sentence start).

        "منذ الهجوم", "غداة القصف": the anchor word itself; "بعد أسبوع على القصف": the offset
        word; "ردا على الهجوم": the reaction word.
        """
        if first > sentence.first and self._is(self.cues.time_anchors, first - 1):
            return first - 1
        return self.reaction(sentence, first)

    def reaction(self, sentence: Sentence, first: int) -> int:
        """ "بعد أسبوع على القصف", "ردا على الهجوم": the word that sets the trigger before its
        clause's own event (else the sentence start)."""
        if first <= sentence.first or not self._is(self.cues.offset_links, first - 1):
            return sentence.first
        if first - 2 >= sentence.first and self._is(self.cues.reactions, first - 2):
            return first - 2
        for k in range(first - 2, max(sentence.first, first - 2 - OFFSET_REACH) - 1, -1):
            if self._is(self.cues.offset_anchors, k) and k < first - 2:  # a duration in between
                return k
        return sentence.first

    def background(self, sentence: Sentence, first: int) -> bool:
        """ "وكانت القوات قد سيطرت", "وكان الهجوم أوقع": a clause told as earlier background."""
        lo = max(sentence.first, first - PLUPERFECT_REACH)
        return any(
            self._is(self.cues.pluperfect, k) and self.view.same_clause(k, first) for k in range(lo, first)
        )

    def fresh(self, sentence: Sentence, trigger: TriggerMention, first: int, toll: Toll) -> bool:
        """Reported as news of the day: may take the published date when its sentence gives none.

        It is told, not referred to (no definite noun, no anchor, no "كان" background, no
        relative clause describing a side: "داعش الذي سيطر على الموصل"), and told
        as a report: a verb ("سيطرت"), a count of the dead in its sentence, or a counted noun
        ("نفذت ثماني ضربات"). A noun alone ("ردا على هجوم كيماوي") is commentary on a known
        event. A death toll over a period ("قتل 500 منذ بدء القصف") runs up to the report.
        """
        if self.background(sentence, first) or self._described(sentence, first):
            return False
        if toll.killed and toll.aggregate:
            return True
        if self.referred(trigger, first) or self.anchor(sentence, first) != sentence.first:
            return False
        return trigger.verbal or toll.killed or (first - 1) in self._count_ends

    def _described(self, sentence: Sentence, first: int) -> bool:
        """ "داعش الذي سيطر على الموصل": a relative clause describing a side by its past."""
        return first > sentence.first and self._is(self.cues.relatives, first - 1)

    def resolved(self, mention: DateMention) -> DateMention | None:
        """ "منذ ثلاثة أسابيع", "هذا الشهر": still going on, so dated at the report's own date."""
        ongoing = mention.kind is DateKind.SINCE or any(s.overlaps(mention.span) for s in self._current_spans)
        if not ongoing:
            return mention
        if self.published is None:
            return None
        return replace(mention, date=self.published, kind=DateKind.POINT)

    def published_date(self, aggregate: bool) -> tuple[dt.date, DatePrecision] | None:
        """The default date of a fresh, undated event: a summary covers the week up to the report."""
        if self.published is None:
            return None
        return self.published, DatePrecision.WEEK if aggregate else DatePrecision.DAY
