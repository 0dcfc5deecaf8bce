"""Actor mentions: the actor dictionary, generic force patterns, and persons named after a title.

Three matchers run left to right over the normalized words, the longest match winning at
each position:

* the dictionary (``lexicons/actors.tsv``): government forces, militias, factions, states
  and their capitals as metonyms (``اتهمت دمشق``), international bodies, monitors, media,
  well-known persons, civilians;
* a force noun followed by a nationality adjective (``مقاتلات روسية``, ``القوات الأردنية``);
* a title (``lexicons/titles.tsv``) with its modifiers, then one to three name words
  (``وزير الخارجية الروسي، سيرغي لافروف``). Arabic has no capitals, so a name ends at
  punctuation, a function or time word (``lexicons/name_stopwords.tsv``) or a verb-like word;
  a title with no name after it (``الناطق العسكري الروسي``) is still a person mention.

A person found with a title is then also recognised by the last word of the name alone
(``وقال بوزداغ`` after ``بكر بوزداغ``), with the same actor id.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from marsad.article import ActorMention, Article, Words
from marsad.event import Actor
from marsad.extract.phrases import PhraseMatch, PhraseMatcher, Word, article_words, body_span, joined
from marsad.normalize import fold
from marsad.normalize.lexicon import read_wordlist, word_set
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)

MAX_ROLE_WORDS = 7
MAX_NAME_WORDS = 3
#: Words inside a name that glue the next word to it ("عبد الرحمن", "ابو محمد", "بن علي").
NAME_CONNECTORS = frozenset(
    fold(w) for w in ("عبد", "أبو", "أبي", "بن", "ابن", "بنت", "نصر", "سيف", "جار", "عز", "نور")
)
#: Linking words inside a title ("المتحدث باسم ...", "السفير الروسي لدى ...").
ROLE_LINKS = frozenset(
    fold(w)
    for w in ("باسم", "لدى", "لشؤون", "بشؤون", "عن", "شؤون", "إلى", "لحقوق", "حقوق", "لمكافحة", "مكافحة")
)
#: Words after a title that are an audience or medium, not part of the title ("قال ... للصحافيين").
ROLE_AUDIENCE = frozenset(
    fold(w) for w in ("للصحافيين", "للصحفيين", "لوكالة", "للتلفزيون", "لقناة", "لإذاعة", "لصحيفة", "لموقع")
)
NAME_GAP = frozenset(" _#\"'")
UNQUOTED_GAP = frozenset(" _#")
FIRST_NAME_GAP = frozenset(" _#\"',()")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    actor_id: str
    name_en: str
    side: str
    kind: str


@dataclass(frozen=True, slots=True)
class Demonym:
    country: str
    name_en: str
    side: str


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """Everything the actor matcher needs, loaded once per pipeline."""

    names: PhraseMatcher[ActorEntry]
    titles: PhraseMatcher[str]
    forces: PhraseMatcher[tuple[str, str]]
    demonyms: dict[str, Demonym]
    stopwords: frozenset[str]
    first_names: frozenset[str]
    role_modifiers: frozenset[str]
    org_heads: frozenset[str]
    event_words: frozenset[str]

    @classmethod
    def load(cls) -> ActorLexicon:
        names: PhraseMatcher[ActorEntry] = PhraseMatcher()
        for row in read_wordlist("actors.tsv").rows:
            names.add(row["alias"], ActorEntry(row["actor_id"], row["name_en"], row["side"], row["kind"]))
        titles: PhraseMatcher[str] = PhraseMatcher()
        for row in read_wordlist("titles.tsv").rows:
            titles.add(row["title"], row["role_en"])
        forces: PhraseMatcher[tuple[str, str]] = PhraseMatcher()
        for row in read_wordlist("force_nouns.tsv").rows:
            forces.add(row["noun"], (row["force_en"], row["kind"]))
        demonyms = {
            row["adjective"]: Demonym(row["country"], row["name_en"], row["side"])
            for row in read_wordlist("demonyms.tsv").rows
        }
        return cls(
            names,
            titles,
            forces,
            demonyms,
            word_set("name_stopwords.tsv") | word_set("speech_verbs.tsv"),
            word_set("first_names.tsv"),
            word_set("role_modifiers.tsv"),
            word_set("org_heads.tsv"),
            _event_words(),
        )


@dataclass(frozen=True, slots=True)
class _Found:
    """A match before it becomes an ActorMention: words [first, last) and how to name it."""

    first: int
    last: int
    start: int
    end: int
    actor_id: str
    name_en: str | None
    side: str | None
    kind: str
    name_range: tuple[int, int] | None = None  # normalized offsets of the name inside a titled match
    role_range: tuple[int, int] | None = None


class ActorFinder:
    """Finds actor mentions in one article's words."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lex = lexicon
        self._prepositions: set[int] = set()
        self._place_words: set[int] = set()

    def find(self, article: Article) -> list[ActorMention]:
        assert article.normalized is not None
        text = article.normalized.text
        words = article_words(article)
        # "على" and "علي" fold alike; only the written word tells the preposition from the name
        self._prepositions = {
            i
            for i in words.by_form.get("علي", ())
            if words[i].text == "علي" and article.text_of(words.body_span(i)).endswith("ى")
        }
        self._place_words = _place_words(article, words)
        found = self._scan(words, text)
        found = self._add_surname_mentions(found, words, text)
        mentions = [self._mention(article, f) for f in found]
        return [m for m in mentions if not _inside_a_place_name(m, article)]

    # ------------------------------------------------------------------ scanning

    def _scan(self, words: Words, text: str) -> list[_Found]:
        found: list[_Found] = []
        free = 0  # the first word not inside an earlier mention
        for i in self._starts(words):
            if i < free:
                continue
            best = self._best_at(words, i, text)
            if best is not None:
                found.append(best)
                free = best.last
        return found

    def _starts(self, words: Words) -> list[int]:
        """The words a mention may start at: where a name, force or title begins, or a first name."""
        lex = self.lex
        starts = {w.index for w in words if w.text in lex.first_names}
        for matcher in (lex.names, lex.forces, lex.titles):
            starts.update(matcher.starts(words))
        return sorted(starts)

    def _best_at(self, words: list[Word], i: int, text: str) -> _Found | None:
        candidates = [
            self._dictionary_at(words, i, text),
            self._force_at(words, i, text),
            self._person_at(words, i, text),
            self._first_name_at(words, i, text),
        ]
        present = [c for c in candidates if c is not None]
        return max(present, key=lambda c: c.last) if present else None

    def _dictionary_at(self, words: list[Word], i: int, text: str) -> _Found | None:
        match = self.lex.names.match_at(words, i, text)
        if match is None:
            return None
        entry = match.payload
        return _Found(
            i, match.last, match.start, match.end, entry.actor_id, entry.name_en, entry.side, entry.kind
        )

    def _force_at(self, words: list[Word], i: int, text: str) -> _Found | None:
        """A force noun then a nationality adjective: ``الطيران الروسي``, ``مقاتلات تركية``."""
        match = self.lex.forces.match_at(words, i, text)
        if match is None or match.last >= len(words):
            return None
        adjective = words[match.last]
        demonym = self.lex.demonyms.get(adjective.text)
        if demonym is None or not joined(text, words[match.last - 1].end, adjective.start):
            return None
        force_en, kind = match.payload
        return _Found(
            i,
            match.last + 1,
            match.start,
            adjective.end,
            f"{demonym.country}.{force_en.replace(' ', '_')}",
            f"{demonym.name_en} {force_en}",
            demonym.side,
            kind,
        )

    # ------------------------------------------------------------------ persons

    def _person_at(self, words: list[Word], i: int, text: str) -> _Found | None:
        title = self.lex.titles.match_at(words, i, text)
        if title is None:
            return None
        role_last, role_side = self._role_end(words, title.last, text)
        name_first, name_last = self._name_after(words, role_last, text)
        role_range = (title.start, words[role_last - 1].end)
        if name_last > name_first:
            return self._named_person(words, i, title, role_range, role_side, name_first, name_last, text)
        return _Found(
            i,
            role_last,
            title.start,
            role_range[1],
            "role:" + text[role_range[0] : role_range[1]],
            None,
            role_side,
            "person",
            None,
            role_range,
        )

    def _named_person(
        self,
        words: list[Word],
        i: int,
        title: PhraseMatch[str],
        role_range: tuple[int, int],
        role_side: str | None,
        name_first: int,
        name_last: int,
        text: str,
    ) -> _Found:
        name_range = (words[name_first].start, words[name_last - 1].end)
        name = text[name_range[0] : name_range[1]]
        known = self.lex.names.match_at(words, name_first, text)
        if known is not None and known.payload.kind == "person":
            name_last = known.last  # the dictionary knows where the name ends ("رامي عبد الرحمن")
            name_range = (words[name_first].start, words[name_last - 1].end)
            entry = known.payload
            return _Found(
                i,
                name_last,
                title.start,
                name_range[1],
                entry.actor_id,
                entry.name_en,
                entry.side,
                "person",
                name_range,
                role_range,
            )
        return _Found(
            i,
            name_last,
            title.start,
            name_range[1],
            "person:" + name,
            None,
            role_side,
            "person",
            name_range,
            role_range,
        )

    def _role_end(self, words: list[Word], j: int, text: str) -> tuple[int, str | None]:
        """Extend a title over its modifiers (``الخارجية الروسي``, ``باسم البيت الابيض``)."""
        side: str | None = None
        limit = min(len(words), j + MAX_ROLE_WORDS)
        while j < limit and joined(text, words[j - 1].end, words[j].start):
            word = words[j]
            demonym = self.lex.demonyms.get(word.text)
            if demonym is not None:
                side = side or demonym.side
                j += 1
                continue
            inner = self.lex.names.match_at(words, j, text)
            if inner is not None and inner.payload.kind != "person":
                side = side or inner.payload.side
                j = inner.last
                continue
            if (
                word.text in self.lex.org_heads
                and j + 1 < len(words)
                and joined(text, word.end, words[j + 1].start)
            ):
                j += 1  # "رئيس وكالة المخابرات": the body's name follows
                continue
            if j in self._place_words:
                j = self._place_end(j)  # "محافظ حمص", "قائد شرطه البصره": the place is part of the title
                continue
            if word.text == "في" and j + 1 < len(words):
                place_actor = self.lex.names.match_at(words, j + 1, text)
                if place_actor is not None and place_actor.payload.kind == "organisation":
                    j = place_actor.last  # "محرر ... في بي بي سي"
                    continue
            if not self._is_role_word(word):
                break
            j += 1
        return j, side

    def _place_end(self, j: int) -> int:
        while j in self._place_words:
            j += 1
        return j

    def _is_role_word(self, word: Word) -> bool:
        if word.text in self.lex.first_names or word.text in self.lex.event_words:
            return False  # "الكسندر" looks definite once folded; "المندوب الروسي الهجوم" is no title
        if word.text in ROLE_LINKS or word.text in self.lex.role_modifiers:
            return True
        if word.text in self.lex.stopwords or word.text in ROLE_AUDIENCE:
            return False
        return word.text.startswith(("ال", "لل", "بال")) and len(word.text) > 3

    def _name_after(self, words: list[Word], j: int, text: str) -> tuple[int, int]:
        """The name words after a title: ``[j, k)`` (empty when none)."""
        if j >= len(words) or not _gap_ok(text, words[j - 1].end, words[j].start, FIRST_NAME_GAP):
            return j, j
        k = j
        while k < len(words) and k - j < self._name_limit(words, j):
            if k > j and not _gap_ok(text, words[k - 1].end, words[k].start, NAME_GAP):
                break
            if not self._is_name_word(words, j, k, text):
                break
            k += 1
        return j, k

    def _name_limit(self, words: list[Word], j: int) -> int:
        has_connector = any(w.text in NAME_CONNECTORS for w in words[j : j + 2])
        return MAX_NAME_WORDS + 1 if has_connector else MAX_NAME_WORDS

    def _is_name_word(self, words: list[Word], j: int, k: int, text: str) -> bool:
        word = words[k].text
        position = k - j
        if k in self._prepositions or _purpose_infinitive(word):
            return False
        if position == 0 and k in self._place_words:
            return False  # a place after a title is its seat ("محافظ حمص"); a surname may be a town's name
        if position == 0 and word in self.lex.first_names and self._name_follows(words, k, text):
            return True  # "علي ميهوب": a first name that is also a preposition ("على")
        if len(word) < 2 or not word.isalpha() or word in self.lex.stopwords or word in self.lex.demonyms:
            return False
        if self.lex.titles.match_at(words, k, text) is not None and word not in self.lex.first_names:
            return False
        if word in self.lex.first_names:
            return True
        if word.startswith(("لل", "بال", "وال", "فال", "كال")) or word in ROLE_AUDIENCE:
            return False
        if word in self.lex.role_modifiers:
            return False
        if word.startswith("ال"):
            # "بشار الاسد"; a third definite word only when the name ends there ("زيد رعد الحسين،")
            return position == 1 or (position == 2 and not self._name_follows_loose(words, k, text))
        if word.startswith(("و", "ف")) and position > 0 and word[1:] in self.lex.stopwords:
            return False  # "... وقال", "... فيما"; a surname may begin with و ("ويلسون")
        # a word that looks like an imperfect verb ("يحمل", "ليشبه") is no name, except as a
        # surname right after a first name ("دونالد ترمب")
        verb_like = word.startswith(("ي", "ت", "ن", "لي", "لت", "سي"))
        if position == 0:
            return not (verb_like or word.startswith(("و", "ف", "ل", "ب")))
        return position == 1 or not (verb_like or word.startswith("ل"))

    @staticmethod
    def _name_follows_loose(words: list[Word], k: int, text: str) -> bool:
        return k + 1 < len(words) and joined(text, words[k].end, words[k + 1].start)

    def _name_follows(self, words: list[Word], k: int, text: str) -> bool:
        # a quote opens a quotation, not a surname ('خان يونس "لتفكيك ...')
        if k + 1 >= len(words) or not _gap_ok(text, words[k].end, words[k + 1].start, UNQUOTED_GAP):
            return False
        nxt = words[k + 1].text
        return (
            nxt.isalpha()
            and len(nxt) > 1
            and nxt not in self.lex.stopwords
            and not _purpose_infinitive(nxt)
            and not nxt.startswith(("ال", "و"))
        )

    def _first_name_at(self, words: list[Word], i: int, text: str) -> _Found | None:
        """A known first name and one or two name words, with no title: ``ليندا توم``; never
        inside a place name ("خان يونس")."""
        if words[i].text not in self.lex.first_names or i in self._prepositions or i in self._place_words:
            return None
        if not self._name_follows(words, i, text):
            return None
        _, last = self._name_after(words, i, text) if i > 0 else (i, i)
        if i == 0:
            _, last = self._name_after([words[0], *words], 1, text)
            last -= 1
        if last - i < 2:
            return None
        name_range = (words[i].start, words[last - 1].end)
        name = text[name_range[0] : name_range[1]]
        return _Found(
            i, last, name_range[0], name_range[1], "person:" + name, None, None, "person", name_range
        )

    # ------------------------------------------------------------------ coreference by surname

    def _add_surname_mentions(self, found: list[_Found], words: list[Word], text: str) -> list[_Found]:
        surnames: PhraseMatcher[_Found] = PhraseMatcher()
        for f in found:
            if f.kind != "person" or f.actor_id.startswith("role:"):
                continue
            name_range = f.name_range or (f.start, f.end)
            name_words = text[name_range[0] : name_range[1]].replace("_", " ").replace("#", " ").split()
            if len(name_words) >= 3:
                surnames.add(" ".join(name_words[1:]), f)  # "عبد الرحمن" for "رامي عبد الرحمن"
            surname = name_words[-1] if len(name_words) >= 2 else ""
            if len(surname) > 2 and surname not in self.lex.stopwords and surname not in surnames:
                surnames.add(surname, f)
        taken = {i for f in found for i in range(f.first, f.last)}
        extra: list[_Found] = []
        for match in surnames.iter_matches(words, text):
            if any(i in taken for i in range(match.first, match.last)):
                continue
            person = match.payload
            extra.append(
                _Found(
                    match.first,
                    match.last,
                    match.start,
                    match.end,
                    person.actor_id,
                    person.name_en,
                    person.side,
                    "person",
                )
            )
        return sorted(found + extra, key=lambda f: f.start)

    # ------------------------------------------------------------------ output

    def _mention(self, article: Article, found: _Found) -> ActorMention:
        span = body_span(article, found.start, found.end)
        written = article.text_of(span)
        name = written
        role = ""
        if found.name_range is not None:
            name = article.text_of(body_span(article, *found.name_range))
        if found.role_range is not None:
            role = article.text_of(body_span(article, *found.role_range))
        actor = Actor(
            name=clean_name(name), name_en=found.name_en or None, actor_id=found.actor_id, side=found.side
        )
        return ActorMention(span=span, text=written, actor=actor, kind=found.kind, role=role)


def _event_words() -> frozenset[str]:
    """Definite one-word event nouns ("الهجوم", "القصف"): a title never runs over them."""
    words = set()
    for row in read_wordlist("triggers.tsv").rows:
        form = row["form"]
        if " " not in form and row["pos"] == "noun":
            words.add(form if form.startswith("ال") else "ال" + form)
    return frozenset(words)


def clean_name(written: str) -> str:
    """A name as written, without hashtag syntax or quotes ("#تيريزا_ماي" -> "تيريزا ماي")."""
    return " ".join(written.replace("_", " ").replace("#", " ").replace('"', " ").split())


def _place_words(article: Article, words: Words) -> set[int]:
    """Indexes of the words inside the article's place mentions read as locations (a country
    read as an actor may be a person's first name: "اسراييل كاتس")."""
    inside: set[int] = set()
    for mention in article.mentions.places:
        if not mention.as_location:
            continue
        first = bisect_right(words.body_ends, mention.span.start)
        last = bisect_left(words.body_starts, mention.span.end)
        inside.update(range(first, last))
    return inside


def _inside_a_place_name(mention: ActorMention, article: Article) -> bool:
    """ "ريف دمشق", "الغوطة الشرقية لدمشق", "كردستان العراق", "جبل الأكراد": a capital, a country
    or a people inside a longer place named as a location is part of that name, not a side."""
    if mention.kind not in ("state", "group"):
        return False
    return any(
        p.as_location and p.span.contains(mention.span) and len(p.span) > len(mention.span)
        for p in article.mentions.places
    )


def _purpose_infinitive(word: str) -> bool:
    """ "لتفكيك", "لتدمير": ل and a verbal noun of purpose, never a name."""
    return word.startswith("لت") and len(word) >= 5


def _gap_ok(text: str, end: int, start: int, allowed: frozenset[str]) -> bool:
    return all(c in allowed for c in text[end:start])


def person_key(name: str) -> str:
    """The key under which a person's name is compared (folded, single-spaced)."""
    return " ".join(fold(name).split())


def actor_stage(settings: Settings) -> Stage:
    finder = ActorFinder(ActorLexicon.load())

    @stage(
        "extract.actors",
        requires={"text.normalized", "tokens", "mentions.places"},
        assigns={"mentions.actors"},
    )
    def run(article: Article) -> Article:
        article.mentions.actors = finder.find(article)
        return article

    return run
