"""Who says what: speech cues, their speakers and the words they report.

A cue (``lexicons/speech_verbs.tsv``) is a speech verb (``قال``, ``نفت``, ``اتهمت``), an
"according to" phrase (``وفقا لـ``, ``بحسب``) or a participle that continues the last
speaker (``مشيرا``, ``مضيفا``). The speaker of a verb is, in order of preference:

1. the actor mention right after it (news Arabic is mostly verb-subject-object), skipping
   time words (``الاثنين``, ``مجددا``): ``واتهمت دمشق وموسكو وطهران`` gives three speakers;
2. an actor right before it (``وكان ماكرون وترمب قد طالبا``);
3. nobody named (``وأضاف أن``, ``وقال: "...``): the previous speaker continues;
4. otherwise the noun phrase after the verb (``وقال المجلس المحلي في دوما``).

A title without a name (``الوزير الروسي``) that repeats the title of a person named earlier
is that person. Anonymous heads (``مصدر``, ``ناشطون``; ``lexicons/anonymous_speakers.tsv``)
name nobody: their words are attributed to no one.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.article import ActorMention
from marsad.assemble.context import ArticleView, Sentence, shared
from marsad.event import Span, Stance
from marsad.extract.actors import clean_name
from marsad.extract.phrases import PhraseMatcher
from marsad.normalize import fold
from marsad.normalize.lexicon import read_wordlist, word_set

CARRY_SENTENCES = 3
MIN_CONTENT_WORDS = 3
CONTENT_LEAD = 8  # words between a speaker and the أن / quote that opens what they said
SUBJECT_KINDS = frozenset({"state", "group", "person", "organisation", "monitor"})
NAME_LOOKAHEAD = 3
MAX_CHUNK_WORDS = 4
SVO_GAP = 2
#: Words between a verb and its subject that are not the subject ("قال، الاثنين، ...").
FILLERS = frozenset(
    fold(w)
    for w in (
        "اليوم",
        "أمس",
        "الأحد",
        "الاثنين",
        "الإثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الماضي",
        "الماضية",
        "مجددا",
        "أيضا",
        "كذلك",
        "بدوره",
        "بدورها",
        "صباح",
        "مساء",
        "ليل",
        "فجر",
        "يوم",
        "مرة",
        "أخرى",
        "اخرى",
        "غداة",
        "حينها",
        "آنذاك",
        "فيه",
        "قد",
        "البيان",
        "بيانه",
        "بيانها",
        "قوله",
        "قولها",
        "فقد",
        "لقد",
    )
)
#: What opens the reported words after a speaker ("قال X إن ...", "بأن", "أن").
COMPLEMENTIZERS = frozenset(
    fold(w)
    for w in (
        "أن",
        "إن",
        "بأن",
        "أنه",
        "إنه",
        "أنها",
        "إنها",
        "بأنه",
        "بأنها",
        "أنّ",
        "إنّ",
        "ان",
        "انه",
        "انها",
        "أنهم",
        "إنهم",
        "بأنهم",
        "أنهما",
        "بأنهما",
        "أننا",
        "إننا",
        "أنني",
        "إنني",
        "لأن",
    )
)
#: The reported words stop before another cue or these words.
RELATIVES = frozenset(fold(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين"))
#: Nouns naming a denial: a deny verb whose object is one rebuts it ("كذّب النفي الروسي").
DENIAL_NOUNS = frozenset(
    fold(w) for w in ("النفي", "نفي", "نفيها", "نفيه", "نفيهم", "الإنكار", "إنكار", "إنكارها", "إنكاره")
)
#: Nouns naming someone's account; rebutted when a denial follows ("رواية الوزارة التي نفت").
ACCOUNT_NOUNS = frozenset(
    fold(w) for w in ("رواية", "روايات", "بيان", "تصريحات", "ادعاءات", "مزاعم", "تأكيدات", "إعلان")
)
#: How far after a rebuttal verb its object is looked for.
REBUTTAL_REACH = 8


@dataclass(frozen=True, slots=True)
class CueEntry:
    stance: Stance
    kind: str  # verb | according | participle


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as written, with the key that says two mentions are the same speaker."""

    name: str
    key: str
    span: Span
    name_en: str | None = None
    kind: str = "group"


@dataclass(frozen=True, slots=True)
class Attribution:
    sentence: Sentence
    cue_first: int
    cue_last: int
    cue_span: Span
    stance: Stance
    kind: str
    speakers: tuple[Speaker, ...]
    content: Span | None
    carried: bool = False
    relative: bool = False  # spoken in a relative clause ("الوزارة التي نفت"): not the sentence's speaker


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    cues: PhraseMatcher[CueEntry]
    anonymous: frozenset[str]
    stopwords: frozenset[str]
    org_heads: frozenset[str]
    first_names: frozenset[str]

    @classmethod
    @functools.cache  # one per process: stages that share it can share what it finds
    def load(cls) -> AttributionLexicon:
        cues: PhraseMatcher[CueEntry] = PhraseMatcher()
        for row in read_wordlist("speech_verbs.tsv").rows:
            cues.add(row["form"], CueEntry(Stance(row["stance"]), row["kind"]))
        return cls(
            cues,
            word_set("anonymous_speakers.tsv"),
            word_set("name_stopwords.tsv"),
            word_set("org_heads.tsv"),
            word_set("first_names.tsv"),
        )


class AttributionFinder:
    """Finds every attribution of one article, in order, resolving carried-over speakers."""

    def __init__(self, lexicon: AttributionLexicon) -> None:
        self.lex = lexicon

    def find(self, view: ArticleView, actors: Sequence[ActorMention]) -> Sequence[Attribution]:
        """The attributions of the article, in order (found once per article: events and claims ask)."""
        inputs = (self.lex, actors, view.article.mentions.dates)
        return shared(view.article, "attributions", inputs, lambda: self._find(view, actors))

    def _find(self, view: ArticleView, actors: Sequence[ActorMention]) -> tuple[Attribution, ...]:
        resolver = _Resolver(view, actors, self.lex)
        found: list[Attribution] = []
        for match in view.match_all(self.lex.cues):
            sentence = _sentence_at(view, match.first)
            if sentence is None or resolver.is_subordinate_cue(match.first, match.last, match.payload):
                continue
            entry = resolver.rebuttal(sentence, match.last, match.payload)
            if entry is None:
                continue
            attribution = resolver.attribute(sentence, match.first, match.last, entry, found)
            if attribution is not None:
                found.append(attribution)
        return tuple(found)


def _sentence_at(view: ArticleView, word: int) -> Sentence | None:
    for sentence in view.sentences:
        if sentence.first <= word < sentence.last:
            return sentence
    return None


class _Resolver:
    def __init__(self, view: ArticleView, actors: Sequence[ActorMention], lex: AttributionLexicon) -> None:
        self.view = view
        self.lex = lex
        self.by_first: dict[int, tuple[int, ActorMention]] = {}
        self.by_last: dict[int, tuple[int, ActorMention]] = {}
        for mention in actors:
            first, last = view.word_range(mention.span)
            if last > first:
                self.by_first[first] = (last, mention)
                self.by_last[last] = (first, mention)
        # the words a cue may start at, and the words inside a date: asked about word by word
        self._cue_starts = lex.cues.starts(view.words)
        self._cue_start_set = frozenset(self._cue_starts)
        self._date_words = _words_overlapping(view, [d.span for d in view.article.mentions.dates])
        self.named_roles: list[tuple[int, str, Speaker, str | None]] = [
            (m.span.start, fold(m.role), self._plain_speaker(m), m.actor.side)
            for m in actors
            if m.kind == "person" and m.role and m.actor.actor_id and not m.actor.actor_id.startswith("role:")
        ]

    # ------------------------------------------------------------------ cues

    def is_subordinate_cue(self, first: int, last: int, entry: CueEntry) -> bool:
        """ "بحسب ما أفاد X": the verb after the phrase carries the speaker, not the phrase;
        "موافقة غير معلنة": a negated participle is an adjective ("undeclared"), no speech."""
        if entry.kind == "participle" and first > 0 and self.view.words[first - 1].text == "غير":
            return True
        if entry.kind != "according" or last >= len(self.view.words):
            return False
        return self.view.words[last].text in ("ما", "افاد", "افادت", "ذكر", "ذكرت", "اعلن", "اعلنت")

    def rebuttal(self, sentence: Sentence, last: int, entry: CueEntry) -> CueEntry | None:
        """A denial of a denial asserts: "كذّب X النفي الروسي", "فنّد X رواية الوزارة التي نفت"
        say the event happened. A ``rebuttal`` verb ("نقض") speaks only then ("نقض الهدنة" is a
        breach, no speech). Other cues are returned as they are."""
        if entry.stance is not Stance.DENY and entry.kind != "rebuttal":
            return entry
        if self._rebuts_denial(sentence, last):
            return CueEntry(Stance.ASSERT, "verb")
        return None if entry.kind == "rebuttal" else entry

    def _rebuts_denial(self, sentence: Sentence, last: int) -> bool:
        words = self.view.words
        end = min(sentence.last, last + REBUTTAL_REACH)
        account = False
        for k in range(last, end):
            if not self.view.same_clause(last - 1, k):
                break
            word = words[k].text
            if word in DENIAL_NOUNS:
                return True
            account = account or word in ACCOUNT_NOUNS
            if account and word in RELATIVES and k + 1 < sentence.last:
                cue = self.lex.cues.match_at(words, k + 1, self.view.text)
                if cue is not None and cue.payload.stance is Stance.DENY:
                    return True
        return False

    def attribute(
        self, sentence: Sentence, first: int, last: int, entry: CueEntry, previous: list[Attribution]
    ) -> Attribution | None:
        view = self.view
        cue_span = view.words_span(first, last)
        speakers: tuple[Speaker, ...] = ()
        after = last
        relative = False
        if entry.kind == "verb" and first > 0 and view.words[first - 1].text in ("قد", "فقد", "لقد"):
            speakers = self._speakers_before(first, sentence)  # "وكان X قد قال": X said
        if not speakers and self._continues_sentence(sentence, first, entry, previous):
            pass  # "انتقد X روسيا ... وحث موسكو على": the speaker goes on, Moscow is addressed
        elif not speakers and entry.kind != "participle":
            speakers, after = self._speakers_after(last, sentence, entry)
            if not speakers and entry.kind == "verb":
                speakers = self._speakers_before(first, sentence)
            if not speakers and entry.kind == "verb":
                speakers = self._antecedent(first, sentence)  # "رواية الوزارة التي نفت"
                relative = bool(speakers)
        carried = False
        if not speakers and entry.kind == "participle":
            speakers = self._sentence_subject(sentence, first, previous)
        if not speakers:
            if self._names_somebody(last, sentence):
                # "قال مصدر": nobody is named, and nobody is carried over to the next "وأضاف";
                # what they said is still marked, so that their own whereabouts stay apart
                content = self._content(sentence, first, last, self._skip_anonymous(last, sentence), entry)
                return Attribution(sentence, first, last, cue_span, entry.stance, entry.kind, (), content)
            if entry.kind == "according":
                return None
            speakers = self._carry(sentence, previous)
            carried = True
            if not speakers:
                return None
        content = self._content(sentence, first, last, after, entry)
        return Attribution(
            sentence, first, last, cue_span, entry.stance, entry.kind, speakers, content, carried, relative
        )

    def _antecedent(self, first: int, sentence: Sentence) -> tuple[Speaker, ...]:
        """ "وزارة الدفاع التي نفت": the actor a relative pronoun right before the verb refers to."""
        k = first - 1
        if k <= sentence.first or self.view.words[k].text not in RELATIVES or k not in self.by_last:
            return ()
        start, mention = self.by_last[k]
        if start < sentence.first or not self.view.same_clause(start, first):
            return ()
        speaker = self._speaker_of(mention)
        return (speaker,) if speaker is not None else ()

    # ------------------------------------------------------------------ speakers

    def _continues_sentence(
        self, sentence: Sentence, first: int, entry: CueEntry, previous: list[Attribution]
    ) -> bool:
        """A demand verb after an earlier speaker of the same sentence addresses, not speaks."""
        if entry.kind != "verb" or entry.stance is not Stance.DEMAND:
            return False
        return any(a.sentence.index == sentence.index and a.cue_first < first for a in previous)

    def _speakers_after(
        self, j: int, sentence: Sentence, entry: CueEntry | None = None
    ) -> tuple[tuple[Speaker, ...], int]:
        view = self.view
        j = self._skip_fillers(j, sentence)
        if (
            entry is not None
            and entry.kind == "according"
            and j < sentence.last
            and view.words[j].text in ("ما", "لما")
        ):
            j = self._skip_fillers(j + 2, sentence)  # "بحسب ما أعلنه X": past the verb to X
        if j >= sentence.last or view.words[j].text in COMPLEMENTIZERS or '"' in view.gap(j - 1, j):
            return (), j
        found = self.by_first.get(j)
        if found is None and self.lex.cues.match_at(view.words, j, view.text) is not None:
            return (), j  # "وأضاف قائلا": no subject named
        if found is not None:
            speakers, end = self._coordinated(j, sentence)
            named = self._named_after_role(found[1], end, sentence)
            if named is not None:
                return named
            return self._relayed(speakers, end, sentence)
        chunk = self._chunk(j, sentence)
        if chunk is None:
            return (), j
        return (chunk[0],), chunk[1]

    def _named_after_role(
        self, mention: ActorMention, end: int, sentence: Sentence
    ) -> tuple[tuple[Speaker, ...], int] | None:
        """ "سفيرها لدى الأمم المتحدة في جنيف بورودافكين": a title, then the named person."""
        if not (mention.actor.actor_id or "").startswith("role:"):
            return None
        for k in range(end, min(sentence.last, end + NAME_LOOKAHEAD)):
            found = self.by_first.get(k)
            if found is not None and found[1].kind == "person" and self.view.same_clause(end - 1, k):
                speaker = self._speaker_of(found[1])
                return ((speaker,), found[0]) if speaker is not None else None
        return None

    def _relayed(
        self, speakers: tuple[Speaker, ...], end: int, sentence: Sentence
    ) -> tuple[tuple[Speaker, ...], int]:
        """ "نقلت وكالات أنباء روسية عن عقيد": the words are the source's after عن, if named."""
        k = self._skip_fillers(end, sentence)
        if k >= sentence.last or self.view.words[k].text != "عن" or not self.view.same_clause(end - 1, k):
            return speakers, end
        source, after = self._speakers_after(k + 1, sentence)
        return source, after

    def _skip_fillers(self, j: int, sentence: Sentence) -> int:
        while j < sentence.last and (self.view.words[j].text in FILLERS or self._in_date_words(j)):
            j += 1
        return j

    def _in_date_words(self, j: int) -> bool:
        if self._date_words is not None:
            return j in self._date_words
        span = self.view.word_span(j)
        return any(d.span.overlaps(span) for d in self.view.article.mentions.dates)

    def _coordinated(self, j: int, sentence: Sentence) -> tuple[tuple[Speaker, ...], int]:
        """``دمشق وموسكو وطهران``: each actor joined to the previous one by و."""
        speakers: list[Speaker] = []
        while j in self.by_first and j < sentence.last:
            last, mention = self.by_first[j]
            speaker = self._speaker_of(mention)
            if speaker is not None:
                speakers.append(speaker)
            nxt = self.by_first.get(last)
            if (
                nxt is None
                or not self.view.words[last].text.startswith("و")
                or not self.view.same_clause(j, last)
            ):
                return tuple(speakers), last
            j = last
        return tuple(speakers), j

    def _speakers_before(self, first: int, sentence: Sentence) -> tuple[Speaker, ...]:
        """``وكان X وY قد طالبا`` / ``X أكد``: actors ending at most two words before the verb."""
        for gap in range(SVO_GAP + 1):
            end = first - gap
            if end <= sentence.first:
                break
            between = [self.view.words[k].text for k in range(end, first)]
            in_place = len(between) == 2 and between[0] == "في"  # "السفارة البريطانية في لاهاي كتبت"
            if end in self.by_last and (in_place or all(w in FILLERS for w in between)):
                start, mention = self.by_last[end]
                if start >= sentence.first and self.view.same_clause(start, first):
                    mentions = [mention, *self._coordinated_before(start, sentence)]
                    speakers = [s for s in (self._speaker_of(m) for m in reversed(mentions)) if s is not None]
                    return tuple(speakers)
        return ()

    def _coordinated_before(self, start: int, sentence: Sentence) -> list[ActorMention]:
        """Actors joined by و before an actor: "ماكرون والأميركي دونالد ترمب" gives ماكرون."""
        found: list[ActorMention] = []
        while True:
            joined_at = next(
                (
                    k
                    for k in (start, start - 1)
                    if k > sentence.first and self.view.words[k].text.startswith("و")
                ),
                None,
            )
            if joined_at is None:
                return found
            prev = next((self.by_last[e] for e in (joined_at, joined_at - 1) if e in self.by_last), None)
            if prev is None or prev[0] < sentence.first or not self.view.same_clause(prev[0], start):
                return found
            found.append(prev[1])
            start = prev[0]

    def _skip_anonymous(self, j: int, sentence: Sentence) -> int:
        """The word after an anonymous speaker's noun ("قال ناشطون في ..." -> "في")."""
        return min(self._skip_fillers(j, sentence) + 1, sentence.last)

    def _names_somebody(self, j: int, sentence: Sentence) -> bool:
        """A noun follows the verb but is anonymous ("قال مصدر"): not a carried-over speaker."""
        j = self._skip_fillers(j, sentence)
        if j >= sentence.last:
            return False
        word = self.view.words[j].text
        return word not in COMPLEMENTIZERS and (
            word in self.lex.anonymous or _bare(word) in self.lex.anonymous
        )

    def _chunk(self, j: int, sentence: Sentence) -> tuple[Speaker, int] | None:
        """A noun phrase after the verb: up to four words, ending at a function word or verb."""
        view = self.view
        k = j
        named = False  # an actor already inside the chunk: "جماعة الحوثيين"
        while k < sentence.last and k - j < MAX_CHUNK_WORDS:
            word = view.words[k].text
            if k > j and not view.same_clause(k - 1, k):
                break
            if k in self.by_first:
                if named:
                    break  # "اتهمت جماعة الحوثيين طيران التحالف": the accused begins
                named = True
            if word in self.lex.stopwords or word in COMPLEMENTIZERS or word in RELATIVES:
                break
            if k > j and self.lex.cues.match_at(view.words, k, view.text) is not None:
                break
            if k > j and word.startswith(("ي", "ت")) and not word.startswith("تح"):
                break
            k += 1
        head = view.words[j].text
        if k == j or _bare(head) in self.lex.anonymous or head in self.lex.anonymous:
            return None
        if k - j == 1 and _bare(head) in self.lex.org_heads and head.startswith("ال"):
            referent = self._referent(j, _bare(head))  # "وقالت المنظمة": the body named before
            return (referent, k) if referent is not None else None
        if not (head.startswith("ال") or head in self.lex.org_heads) or (k - j == 1 and len(head) < 5):
            return None
        span = view.words_span(j, k)
        name = clean_name(view.body_text(span))
        return Speaker(name, "np:" + fold(name), span, None, "group"), k

    def _referent(self, j: int, head: str) -> Speaker | None:
        """The last actor before word ``j`` whose name has ``head`` in it ("منظمة", "مركز")."""
        best: ActorMention | None = None
        for first, (_, mention) in self.by_first.items():
            if (
                first < j
                and head in fold(mention.text).split()
                and (best is None or mention.span.start > best.span.start)
            ):
                best = mention
        return self._speaker_of(best) if best is not None else None

    def _speaker_of(self, mention: ActorMention) -> Speaker | None:
        actor = mention.actor
        if mention.kind == "civilians":
            return None
        if mention.kind == "person" and actor.actor_id and actor.actor_id.startswith("role:"):
            return self._role_speaker(mention)
        return self._plain_speaker(mention)

    @staticmethod
    def _plain_speaker(mention: ActorMention) -> Speaker:
        actor = mention.actor
        return Speaker(
            actor.name, actor.actor_id or fold(actor.name), mention.span, actor.name_en, mention.kind
        )

    def _role_speaker(self, mention: ActorMention) -> Speaker | None:
        """A title with no name: the person named earlier with that title, or the title itself."""
        role = fold(mention.role or mention.text)
        head = _bare(role.split()[0]) if role.split() else ""
        if head in self.lex.anonymous or role in self.lex.anonymous:
            return None
        for position, earlier_role, speaker, side in reversed(self.named_roles):
            if position < mention.span.start and _same_role(
                role, earlier_role, side is not None and side == mention.actor.side
            ):
                return speaker
        name = clean_name(mention.actor.name)
        return Speaker(name, "role:" + fold(name), mention.span, None, "person")

    # ------------------------------------------------------------------ carry-over

    def _carry(self, sentence: Sentence, previous: list[Attribution]) -> tuple[Speaker, ...]:
        """The last speaker within three sentences (an anonymous one stops the search)."""
        for attribution in reversed(previous):
            if sentence.index - attribution.sentence.index > CARRY_SENTENCES:
                break
            if attribution.relative:
                continue  # "... التي نفت، مؤكدين": the relative clause's speaker says no more
            return attribution.speakers
        return ()

    def _sentence_subject(
        self, sentence: Sentence, first: int, previous: list[Attribution]
    ) -> tuple[Speaker, ...]:
        """ "يذكر أن إسرائيل شنت ...، مشيرة إلى": a participle with no speaker earlier in its
        sentence continues the sentence's first actor."""
        if any(a.sentence.index == sentence.index and not a.relative for a in previous):
            return ()
        for start in range(sentence.first, first):
            found = self.by_first.get(start)
            if found is not None and found[1].kind in SUBJECT_KINDS:
                speaker = self._speaker_of(found[1])
                return (speaker,) if speaker is not None else ()
        return ()

    # ------------------------------------------------------------------ content

    def _content(self, sentence: Sentence, first: int, last: int, after: int, entry: CueEntry) -> Span | None:
        view = self.view
        if entry.kind == "according":
            start = sentence.first
            if first - start >= MIN_CONTENT_WORDS:
                return view.words_span(start, first)
            end = self._content_end(after, sentence)  # "بحسب سانا، فقد قتل 13": the words follow
            return view.words_span(after, end) if end > after else None
        start = after if entry.kind != "participle" else last
        limit = min(sentence.last, start + CONTENT_LEAD)
        j = start
        while j < limit and not self._opens_content(j):
            if j > start and j in self._cue_start_set:
                j = limit  # "نفت تنفيذ غارات، مؤكدين أن": that أن opens the next speaker's words
                break
            j += 1
        if j >= limit:
            j = start if start < sentence.last else last  # "اتهمت دمشق إسرائيل بشن ...": the object
        if j < sentence.last and view.words[j].text in COMPLEMENTIZERS:
            j += 1
        end = self._content_end(j, sentence)
        return view.words_span(j, end) if end > j else None

    def _opens_content(self, j: int) -> bool:
        view = self.view
        return view.words[j].text in COMPLEMENTIZERS or (j > 0 and '"' in view.gap(j - 1, j))

    def _content_end(self, j: int, sentence: Sentence) -> int:
        """The reported words run to the sentence end or to the next cue of the sentence."""
        starts = self._cue_starts
        for k in starts[bisect_right(starts, j) : bisect_left(starts, sentence.last)]:
            match = self.lex.cues.match_at(self.view.words, k, self.view.text)
            if (
                match is not None
                and match.payload.kind == "participle"
                and not self.view.same_clause(k - 1, k)
            ):
                return k
        return sentence.last


def _words_overlapping(view: ArticleView, spans: Sequence[Span]) -> set[int] | None:
    """The words whose body span overlaps one of ``spans``; None unless the words are in order."""
    if not view.words.in_order:
        return None
    found: set[int] = set()
    for span in spans:
        first, last = view.word_range(span)
        found.update(range(first, last))
    return found


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _same_role(role: str, earlier: str, same_side: bool = False) -> bool:
    """``الوزير الروسي`` is ``وزير الخارجية الروسي``: same head word, and its other words inside
    or the same side (``السفيرة الأميركية`` is ``سفيرة الولايات المتحدة``)."""
    words = [_bare(w) for w in role.split()]
    earlier_words = {_bare(w) for w in earlier.split()}
    if not words or words[0] not in earlier_words:
        return False
    return same_side or all(w in earlier_words for w in words)
