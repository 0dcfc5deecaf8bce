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
from marsad.extract.gazetteer.compose import Phrase, PhraseBuilder, PhraseLexicon, WordToken, tokens_of
from marsad.extract.gazetteer.entries import GazetteerEntry, Source
from marsad.extract.gazetteer.index import Gazetteer
from marsad.extract.gazetteer.locative import CueLexicon, LocationJudge
from marsad.extract.gazetteer.matcher import PhraseMask, find_names, matching_view
from marsad.extract.gazetteer.resolve import Resolver
from marsad.extract.gazetteer.sources import lexicon_rows
from marsad.normalize import normalize
from marsad.normalize.lexicon import read_rows

_NAME_NOISE = re.compile(r"[#_\s]+")
#: Tanween on a word marks an indefinite noun or adverb ("دوماً" = always), never a name.
_TANWEEN = re.compile("[\u064b-\u064d]")
#: A GeoNames town this small whose name is followed by an adjective is read as a noun phrase.
NOUN_PHRASE_POPULATION = 100_000


class Geoparser:
    """Finds and resolves the places of a text with one gazetteer and the place word lists."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.mask = PhraseMask([row["phrase"] for row in lexicon_rows("not_place_phrases.tsv")])
        self.lexicon = PhraseLexicon()
        self.cues = CueLexicon()
        self.resolver = Resolver(gazetteer)
        self.demonyms = _demonyms()

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
        for index, result in enumerate(resolved):
            if result is not None and self._noun_phrase(builder, phrases[index], result.base):
                resolved[index] = None
        bases = [r.base if r else None for r in resolved]
        locations = LocationJudge(self.cues, view, tokens).judge(phrases, bases)
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
