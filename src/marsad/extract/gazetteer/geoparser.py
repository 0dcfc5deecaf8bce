"""The geoparser: normalized Arabic text in, place mentions with spans and coordinates out.

    find names (matcher) -> build phrases (compose) -> resolve them (resolve) -> judge
    location or actor (locative) -> PlaceMention with a span into the body

Build one :class:`Geoparser` per process (it holds the gazetteer and the word lists) and call
:meth:`Geoparser.mentions` per article, or :meth:`Geoparser.parse` on any text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from marsad.article import NormalizedText, PlaceMention
from marsad.errors import ConfigError
from marsad.event import Place
from marsad.extract.gazetteer.compose import (
    Phrase,
    PhraseBuilder,
    PhraseLexicon,
    WordToken,
    strip_proclitics,
    tokens_of,
)
from marsad.extract.gazetteer.entries import GazetteerEntry, Source
from marsad.extract.gazetteer.index import Gazetteer
from marsad.extract.gazetteer.locative import CueLexicon, LocationJudge
from marsad.extract.gazetteer.matcher import PhraseMask, find_names, matching_view
from marsad.extract.gazetteer.resolve import Resolved, Resolver
from marsad.extract.gazetteer.sources import REGION_COUNTRIES, lexicon_rows
from marsad.normalize import normalize
from marsad.normalize.lexicon import read_rows

_NAME_NOISE = re.compile(r"[#_\s]+")
#: Tanween on a word marks an indefinite noun or adverb ("دوماً" = always), never a name.
_TANWEEN = re.compile("[\u064b-\u064d]")
#: A GeoNames town this small whose name is followed by an adjective is read as a noun phrase.
NOUN_PHRASE_POPULATION = 100_000
#: GeoNames towns this large are never read as the first word of an operation's codename.
CODENAME_POPULATION = 1_000_000
#: A foreign GeoNames town smaller than this needs a cue or a compatriot to count (see
#: ``_stray_foreign_towns``); larger cities are named for themselves. In the countries covered
#: at village level (``REGION_COUNTRIES``) only villages do.
FOREIGN_TOWN_POPULATION = 150_000
REGION_TOWN_POPULATION = 10_000


class Geoparser:
    """Finds and resolves the places of a text with one gazetteer and the place word lists."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.mask = PhraseMask([row["phrase"] for row in lexicon_rows("not_place_phrases.tsv")])
        self.lexicon = PhraseLexicon()
        self.cues = CueLexicon()
        self.resolver = Resolver(gazetteer)
        self.demonyms = _demonyms()
        self.operations = OperationWords(self.demonyms)

    def parse(self, body: str) -> list[PlaceMention]:
        """Place mentions of raw text (normalizes it first); spans index ``body``."""
        return self.mentions(body, normalize(body))

    def resolve_name(self, name: str) -> Place | None:
        """A place name given on its own (a truce file, an API request) -> the place, or None.

        The name is read as it would be in an article, so "حلب" is the city, "محافظة حلب" the
        province and "ريف اللاذقية" the Latakia countryside; the whole name must be one place
        phrase, so a sentence or two names give None rather than a guess.
        """
        written = name.strip()
        whole = [m for m in self.parse(written) if (m.span.start, m.span.end) == (0, len(written))]
        return replace(whole[0].place, name=written) if whole else None

    def mentions(
        self, body: str, normalized: NormalizedText, tokens: Sequence[WordToken] | None = None
    ) -> list[PlaceMention]:
        """Place mentions of an article body, given its normalized form; spans index ``body``.

        ``tokens``: the tokenizer's tokens of ``normalized.text`` when the caller has them
        (``normalize.tokens``), so that the words are not split a second time.
        """
        view = matching_view(normalized.text)
        tokens = tokens_of(view) if tokens is None else tokens
        hits = find_names(self.gazetteer, normalized.text, self.mask.spans(view))
        builder = PhraseBuilder(self.lexicon, view, tokens)
        phrases = builder.build(hits)
        resolved = self.resolver.resolve(phrases, view, builder)
        judge = LocationJudge(self.cues, view, tokens)
        strays = _stray_foreign_towns(phrases, resolved, judge)
        starts = {phrase.word_start for phrase in phrases}
        for index, result in enumerate(resolved):
            if result is not None and (
                index in strays
                or self._noun_phrase(builder, phrases[index], result.base)
                or self.operations.codename(builder, phrases[index], result.base, starts)
            ):
                resolved[index] = None
        bases = [r.base if r else None for r in resolved]
        locations = judge.judge(phrases, bases)
        out: list[PlaceMention] = []
        for phrase, result, location in zip(phrases, resolved, locations, strict=True):
            if result is None:
                continue
            mention = _mention(body, normalized, phrase, result.place, location)
            if not _TANWEEN.search(mention.text):
                out.append(mention)
        return out

    def _noun_phrase(self, builder: PhraseBuilder, phrase: Phrase, base: GazetteerEntry) -> bool:
        """ "الطبقه الثريه" is "the wealthy class", not Tabqa: a small GeoNames town whose one-word
        name takes a definite adjective that is neither a compass word nor a nationality."""
        if phrase.head or phrase.direction or phrase.hit is None or " " in phrase.hit.core:
            return False
        if base.source > Source.IMPORTED or base.population >= NOUN_PHRASE_POPULATION:
            return False
        word = builder.next_word(phrase)
        return word is not None and _definite_adjective(word) and word not in self.demonyms


class OperationWords:
    """``lexicons/places/operations.tsv``: tells an operation's codename from a battle's place.

    "عمليه بركان الغضب" (Operation Volcano of Rage) is not Berkane, nor "عمليه حارس الاسوار"
    the village of Haris: after a word naming an operation, a bare one-word name followed by a
    definite noun is the first half of a construct (volcano of rage, guardian of the walls).
    "معركه حلب", "عمليه الموصل", "معركه تحرير الموصل" and "معركه حلب الكبري" keep their place:
    nothing follows the name, it carries the article, the operation word is not right before
    it, or what follows is an adjective.
    """

    def __init__(self, demonyms: frozenset[str]) -> None:
        rows = lexicon_rows("operations.tsv")
        self.heads = frozenset(row["word"] for row in rows if row["role"] == "head")
        self.adjectives = frozenset(row["word"] for row in rows if row["role"] == "adjective") | demonyms

    def codename(
        self, builder: PhraseBuilder, phrase: Phrase, base: GazetteerEntry, phrase_starts: set[int]
    ) -> bool:
        """Whether the phrase is the first word of a codename; ``phrase_starts``: where the text's
        place phrases begin ("معركه عفرين الولايات المتحده": a place follows, not a noun)."""
        hit = phrase.hit
        if phrase.head or phrase.direction or hit is None or " " in hit.core:
            return False
        if base.source > Source.IMPORTED or base.population >= CODENAME_POPULATION:
            return False
        if builder.view[hit.start : hit.end] != hit.core:  # "عمليه الموصل": a name with the article
            return False
        before = builder.previous_word(phrase)
        if before is None or not any(stem in self.heads for _, stem in strip_proclitics(before)):
            return False
        after = builder.next_token(phrase)
        return (
            after is not None
            and after.start not in phrase_starts
            and after.text.startswith("ال")
            and after.text not in self.adjectives
            and not _nisba(after.text)
        )


def _stray_foreign_towns(
    phrases: Sequence[Phrase], resolved: Sequence[Resolved | None], judge: LocationJudge
) -> set[int]:
    """Indexes of small GeoNames towns that only a common word put in the article.

    "بركان" (volcano) in a Libyan article is not Berkane in Morocco: a bare one-word name read
    from GeoNames or an import, smaller than FOREIGN_TOWN_POPULATION, in a country none of the
    article's other names is in, with no locative cue before it ("في بركان" stays).
    """
    named = [(r.base.gid, r.base.country) for r in resolved if r is not None]
    strays: set[int] = set()
    for index, (phrase, result) in enumerate(zip(phrases, resolved, strict=True)):
        if result is None or not _bare_one_word(phrase):
            continue
        base = result.base
        if base.source > Source.IMPORTED or base.metonym or base.population >= _small_town(base):
            continue
        # the same town named twice is no compatriot of itself
        others = {country for gid, country in named if gid != base.gid and country is not None}
        if others and base.country not in others and not judge.cued(phrase, base):
            strays.add(index)
    return strays


def _small_town(base: GazetteerEntry) -> int:
    """Below this population a town counts as small: villages only in the countries we cover
    at village level (a Syrian town of 100,000 is often named bare), towns elsewhere."""
    return REGION_TOWN_POPULATION if base.country in REGION_COUNTRIES else FOREIGN_TOWN_POPULATION


def _bare_one_word(phrase: Phrase) -> bool:
    return (
        phrase.hit is not None
        and phrase.head is None
        and phrase.direction is None
        and " " not in phrase.hit.core
    )


def _nisba(word: str) -> bool:
    return word.endswith("يه") or word.endswith("ي")


def _definite_adjective(word: str) -> bool:
    return word.startswith("ال") and len(word) > 4 and (word.endswith("يه") or word.endswith("ي"))


def _demonyms() -> frozenset[str]:
    """Nationality adjectives ("السوريه") from the shared lexicon, when it is installed."""
    try:
        return frozenset(row["adjective"] for row in read_rows("demonyms.tsv"))
    except (ConfigError, KeyError):
        return frozenset()


def _mention(
    body: str, normalized: NormalizedText, phrase: Phrase, place: Place, location: bool
) -> PlaceMention:
    span = normalized.body_span(phrase.start, phrase.end)
    name_span = normalized.body_span(phrase.name_start, phrase.name_end)
    name = written_name(name_span.slice(body))
    if phrase.hit is not None and phrase.hit.elided_article and phrase.name_start == phrase.hit.start:
        name = "ا" + name  # "للرقة" names "الرقة"
    return PlaceMention(
        span=span, text=span.slice(body), place=replace(place, name=name), as_location=location
    )


def written_name(text: str) -> str:
    """The name as written, without hashtag marks: "#مطار_التيفور" -> "مطار التيفور"."""
    return _NAME_NOISE.sub(" ", text).strip()
