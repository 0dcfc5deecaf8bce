"""One article seen by the assemblers: its words, sentences and clause breaks, and the way
from a mention's body span to the words it covers.

Mentions carry body spans; cue words (speech verbs, negation, modality) are matched on the
normalized words. :class:`ArticleView` joins the two so that rules can say "the two words
before the trigger" or "the same clause" without re-deriving offsets.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Protocol, TypeVar, cast

from marsad.article import Article, Words
from marsad.event import Evidence, Span
from marsad.extract.phrases import PhraseMatch, PhraseMatcher, article_words
from marsad.normalize import split_sentences

#: Punctuation that ends a clause inside a sentence (normalized text: "،" is already ",").
_PUNCTUATION_BREAK = r"[,;:.!?()\[\]\n]"
CLAUSE_BREAK = re.compile(_PUNCTUATION_BREAK + r"|\s-\s")
#: The same breaks but a spaced dash: one character class the regex engine scans for fast.
_PUNCTUATION = re.compile(_PUNCTUATION_BREAK)


class HasSpan(Protocol):
    @property
    def span(self) -> Span: ...


M = TypeVar("M", bound=HasSpan)
T = TypeVar("T")
V = TypeVar("V")


def shared(article: Article, name: str, inputs: tuple[object, ...], compute: Callable[[], V]) -> V:
    """``compute()``, or the value an earlier stage computed under ``name`` from the same inputs.

    Events, claims and truces all read an article's speech attributions, and events and
    truces its truce mentions; the first assembler computes them, the next reuses them.
    ``inputs`` are the objects the value is derived from besides the article's words and
    sentences (the lexicons, the mention lists): a value computed from other objects, even
    equal ones, is computed afresh. The value must not be modified by whoever gets it.
    """
    inputs = (article.body, article.normalized, article.tokens, article.words, article.sentences, *inputs)
    entry = article.shared.get(name)
    if entry is not None and len(entry[0]) == len(inputs) and all(map(operator.is_, entry[0], inputs)):
        return cast(V, entry[1])
    value = compute()
    article.shared[name] = (inputs, value)
    return value


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span  # into the body
    first: int  # word range [first, last)
    last: int


def _breaks_in(text: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` at which ``CLAUSE_BREAK`` matches in ``text``, overlaps included.

    The punctuation comes from one scan for a character class, which the regex engine does
    fast; the spaced dashes from looking around each dash (scanning for the whole pattern
    tries a match at every space, and was most of the cost of building a view).
    """
    found = [match.span() for match in _PUNCTUATION.finditer(text)]
    dash = text.find("-")
    while dash != -1:
        if dash > 0 and text[dash - 1].isspace() and text[dash + 1 : dash + 2].isspace():
            found.append((dash - 1, dash + 2))
        dash = text.find("-", dash + 1)
    return found


class ArticleView:
    """Words, sentences and offsets of one article; :meth:`of` builds it once per article."""

    @classmethod
    def of(cls, article: Article) -> ArticleView:
        """The article's view, shared by the assemblers (with what it has found out so far)."""
        return shared(article, "view", (), lambda: cls(article))

    def __init__(self, article: Article) -> None:
        assert article.normalized is not None, "needs text.normalized"
        self.article = article
        self.text = article.normalized.text
        self.words: Words = article_words(article)
        self._word_starts = self.words.body_starts
        self._word_ends = self.words.body_ends
        # rules ask again and again about the same mentions and the same cue words
        self._ranges: dict[tuple[int, int], tuple[int, int]] = {}
        self._holders: dict[frozenset[str], frozenset[int]] = {}
        spans = article.sentences or split_sentences(article.body)
        self.sentences = [self._sentence(i, s) for i, s in enumerate(spans)]
        self._sentence_starts = [s.span.start for s in self.sentences]
        self._sentences_apart = all(a.span.end <= b.span.start for a, b in pairwise(self.sentences))
        self._breaks_after = self._clause_breaks()
        breaks = self._breaks_after
        self._breaks_before = None if breaks is None else list(accumulate(breaks, initial=0))

    def _sentence(self, index: int, span: Span) -> Sentence:
        first, last = self.word_range(span)
        return Sentence(index, span, first, last)

    # ------------------------------------------------------------------ offsets

    def word_range(self, span: Span) -> tuple[int, int]:
        """Words overlapping a body span: ``[first, last)``."""
        key = (span.start, span.end)
        found = self._ranges.get(key)
        if found is None:
            first = bisect_right(self._word_ends, span.start)
            last = bisect_left(self._word_starts, span.end)
            found = self._ranges[key] = (first, max(first, last))
        return found

    def words_with(self, forms: frozenset[str]) -> frozenset[int]:
        """The words one of whose forms (``Word.forms``) is in ``forms``."""
        found = self._holders.get(forms)
        if found is None:
            found = self._holders[forms] = frozenset(self.words.starting_with(forms))
        return found

    def first_word(self, span: Span) -> int:
        return self.word_range(span)[0]

    def sentence_of(self, span: Span) -> Sentence | None:
        k = bisect_right(self._sentence_starts, span.start) - 1
        if k >= 0 and self.sentences[k].span.contains(span):
            return self.sentences[k]
        return None

    def in_sentence(self, mentions: Iterable[M], sentence: Sentence) -> list[M]:
        return [m for m in mentions if sentence.span.contains(m.span)]

    def by_sentence(self, mentions: Iterable[M]) -> list[list[M]]:
        """``in_sentence(mentions, s)`` for every sentence ``s`` at once, by index."""
        groups: list[list[M]] = [[] for _ in self.sentences]
        if not self._sentences_apart:
            for sentence in self.sentences:
                groups[sentence.index] = self.in_sentence(mentions, sentence)
            return groups
        starts, sentences = self._sentence_starts, self.sentences
        for mention in mentions:
            span = mention.span
            k = bisect_right(starts, span.start) - 1
            # the one sentence that can hold it, and those before it ending where it starts (empty spans)
            while k >= 0 and sentences[k].span.end >= span.end:
                if sentences[k].span.start <= span.start:
                    groups[k].append(mention)
                k -= 1
        return groups

    # ------------------------------------------------------------------ clauses

    def gap(self, i: int, j: int) -> str:
        """Normalized text between the end of word ``i`` and the start of word ``j``."""
        return self.text[self.words[i].end : self.words[j].start]

    def _clause_breaks(self) -> bytearray | None:
        """Which gaps between words hold clause-breaking punctuation: ``[k]`` is the gap after word k.

        The breaks are all non-word characters, so each lies in one gap between two words; one
        scan of the text answers every ``same_clause`` question. None when a break overlaps a
        word (hand-made tokens): ``same_clause`` then searches the text each time.
        """
        words = self.words
        if not words.in_order:
            return None
        breaks = bytearray(len(words))
        starts, ends = words.starts, words.ends
        for start, end in _breaks_in(self.text):
            k = bisect_right(ends, start) - 1  # the last word before the break
            if k + 1 < len(words) and end > starts[k + 1]:
                return None  # the break runs into a word
            if 0 <= k < len(words) - 1:
                breaks[k] = 1
        return breaks

    def same_clause(self, i: int, j: int) -> bool:
        """No clause-breaking punctuation between words ``i`` and ``j`` (either order)."""
        lo, hi = (i, j) if i <= j else (j, i)
        if lo == hi:
            return True
        if self._breaks_before is not None and lo >= 0 and hi < len(self.words):
            return self._breaks_before[hi] == self._breaks_before[lo]
        return CLAUSE_BREAK.search(self.text, self.words[lo].end, self.words[hi].start) is None

    def clause_of(self, i: int, sentence: Sentence) -> tuple[int, int]:
        """The word range of the clause around word ``i`` within its sentence."""
        breaks = self._breaks_after
        if breaks is None:
            return self._clause_by_search(i, sentence)
        first = i
        while first > sentence.first and not breaks[first - 1]:
            first -= 1
        last = i + 1
        while last < sentence.last and not breaks[last - 1]:
            last += 1
        return first, last

    def _clause_by_search(self, i: int, sentence: Sentence) -> tuple[int, int]:
        first = i
        while first > sentence.first and self.same_clause(first - 1, i):
            first -= 1
        last = i + 1
        while last < sentence.last and self.same_clause(i, last):
            last += 1
        return first, last

    # ------------------------------------------------------------------ text

    def body_text(self, span: Span) -> str:
        return span.slice(self.article.body)

    def word_span(self, index: int) -> Span:
        """The body span of word ``index``."""
        return Span(self._word_starts[index], self._word_ends[index])

    def words_span(self, first: int, last: int) -> Span:
        """The body span from word ``first`` to word ``last - 1``."""
        return Span(self._word_starts[first], self._word_ends[last - 1])

    def evidence(self, sentence: Sentence, fields: Sequence[tuple[str, Span]] = ()) -> Evidence:
        return Evidence(self.body_text(sentence.span), sentence.span, tuple(fields))

    def match_all(self, matcher: PhraseMatcher[T]) -> list[PhraseMatch[T]]:
        return matcher.find_all(self.words, self.text)
