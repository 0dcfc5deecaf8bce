"""One article seen by the assemblers: its words, sentences and clause breaks, and the way
from a mention's body span to the words it covers.

Mentions carry body spans; cue words (speech verbs, negation, modality) are matched on the
normalized words. :class:`ArticleView` joins the two so that rules can say "the two words
before the trigger" or "the same clause" without re-deriving offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from marsad.article import Article
from marsad.event import Evidence, Span
from marsad.extract.phrases import PhraseMatch, PhraseMatcher, Word, article_words, body_span
from marsad.normalize import split_sentences

#: Punctuation that ends a clause inside a sentence (normalized text: "،" is already ",").
CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\n]|\s-\s")


class HasSpan(Protocol):
    @property
    def span(self) -> Span: ...


M = TypeVar("M", bound=HasSpan)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span  # into the body
    first: int  # word range [first, last)
    last: int


class ArticleView:
    """Words, sentences and offsets of one article, built once per assembler call."""

    def __init__(self, article: Article) -> None:
        assert article.normalized is not None, "needs text.normalized"
        self.article = article
        self.text = article.normalized.text
        self.words: list[Word] = article_words(article)
        self.word_spans: list[Span] = [body_span(article, w.start, w.end) for w in self.words]
        self._word_starts = [s.start for s in self.word_spans]
        self._word_ends = [s.end for s in self.word_spans]
        spans = article.sentences or split_sentences(article.body)
        self.sentences = [self._sentence(i, s) for i, s in enumerate(spans)]
        self._sentence_starts = [s.span.start for s in self.sentences]

    def _sentence(self, index: int, span: Span) -> Sentence:
        first, last = self.word_range(span)
        return Sentence(index, span, first, last)

    # ------------------------------------------------------------------ offsets

    def word_range(self, span: Span) -> tuple[int, int]:
        """Words overlapping a body span: ``[first, last)``."""
        first = bisect_right(self._word_ends, span.start)
        last = bisect_left(self._word_starts, span.end)
        return first, max(first, last)

    def first_word(self, span: Span) -> int:
        return self.word_range(span)[0]

    def sentence_of(self, span: Span) -> Sentence | None:
        k = bisect_right(self._sentence_starts, span.start) - 1
        if k >= 0 and self.sentences[k].span.contains(span):
            return self.sentences[k]
        return None

    def in_sentence(self, mentions: Iterable[M], sentence: Sentence) -> list[M]:
        return [m for m in mentions if sentence.span.contains(m.span)]

    # ------------------------------------------------------------------ clauses

    def gap(self, i: int, j: int) -> str:
        """Normalized text between the end of word ``i`` and the start of word ``j``."""
        return self.text[self.words[i].end : self.words[j].start]

    def same_clause(self, i: int, j: int) -> bool:
        """No clause-breaking punctuation between words ``i`` and ``j`` (either order)."""
        lo, hi = (i, j) if i <= j else (j, i)
        if lo == hi:
            return True
        return CLAUSE_BREAK.search(self.text, self.words[lo].end, self.words[hi].start) is None

    def clause_of(self, i: int, sentence: Sentence) -> tuple[int, int]:
        """The word range of the clause around word ``i`` within its sentence."""
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

    def words_span(self, first: int, last: int) -> Span:
        """The body span from word ``first`` to word ``last - 1``."""
        return Span(self.word_spans[first].start, self.word_spans[last - 1].end)

    def evidence(self, sentence: Sentence, fields: Sequence[tuple[str, Span]] = ()) -> Evidence:
        return Evidence(self.body_text(sentence.span), sentence.span, tuple(fields))

    def match_all(self, matcher: PhraseMatcher[T]) -> list[PhraseMatch[T]]:
        return matcher.find_all(self.words, self.text)
