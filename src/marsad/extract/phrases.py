"""Multi-word lexicon matching over the normalized text, tolerant of Arabic proclitics.

Actor names, trigger words, speech verbs and truce terms are all phrases of one to a few
words. A phrase matches a run of tokens when its first word equals the token or the token
without its proclitics (``والنظام``, ``بالنظام``, ``للنظام`` all give ``النظام``) and every
following word equals the next token exactly, with only spaces (or the ``_`` of a hashtag)
between them: a phrase never spans a comma or a full stop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from marsad.article import Article, Token
from marsad.event import Span
from marsad.normalize import tokenize

T = TypeVar("T")

#: Proclitic strings stripped from a word's front, longest first ("وب" before "و").
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
MIN_STEM = 2
_JOINERS = frozenset(" _#")


@dataclass(frozen=True, slots=True)
class Word:
    """One token and the forms it can take once proclitics are stripped.

    ``forms`` pairs each form with its start offset in the normalized text: ``وللنظام`` gives
    ``("وللنظام", s)``, ``("للنظام", s+1)``, ``("النظام", s+1)`` (ل + ال is written لل, and
    the match keeps the preposition so that it reads as a word), ``("لنظام", s+2)``.
    """

    index: int
    text: str
    start: int
    end: int
    forms: tuple[tuple[str, int, str], ...]  # (form, start offset, proclitics stripped)

    def has_form(self, form: str) -> bool:
        return any(f == form for f, _, _ in self.forms)


def word_forms(text: str, start: int = 0) -> tuple[tuple[str, int, str], ...]:
    forms: list[tuple[str, int, str]] = [(text, start, "")]
    for prefix in PROCLITICS:
        rest = text[len(prefix) :]
        if not text.startswith(prefix) or len(rest) < MIN_STEM:
            continue
        if prefix.endswith("ك") and not rest.startswith("ال"):
            continue  # "كـ" comes before definite words ("كالنظام"); "كيري" is no ك + "يري"
        forms.append((rest, start + len(prefix), prefix))
        if prefix.endswith("ل") and rest.startswith("ل") and len(rest) > MIN_STEM:
            # ل + ال is written لل: the match keeps both lams so the text reads "للجيش"
            forms.append(("ا" + rest, start + len(prefix) - 1, prefix))
    return tuple(dict.fromkeys(forms))


def article_words(article: Article) -> list[Word]:
    """The article's tokens as :class:`Word` values (tokenizing here if the stage did not)."""
    assert article.normalized is not None, "needs text.normalized"
    tokens = article.tokens or tokenize(article.normalized.text)
    return words_of(tokens)


def words_of(tokens: Iterable[Token]) -> list[Word]:
    return [Word(i, t.text, t.start, t.end, word_forms(t.text, t.start)) for i, t in enumerate(tokens)]


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """Words ``[first, last)`` matched a phrase; ``start``/``end`` index the normalized text."""

    first: int
    last: int
    start: int
    end: int
    phrase: str
    payload: T
    prefix: str = ""  # proclitics before the first word ("ل" in "لاستعادة", "و" in "والنظام")


class PhraseMatcher(Generic[T]):
    """Leftmost-longest matching of folded phrases against :class:`Word` sequences."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, T]]] = {}

    def add(self, phrase: str, payload: T) -> None:
        parts = tuple(phrase.split())
        if not parts:
            return
        entries = self._by_first.setdefault(parts[0], [])
        entries.append((parts[1:], phrase, payload))
        entries.sort(key=lambda e: -len(e[0]))

    def __contains__(self, phrase: str) -> bool:
        parts = tuple(phrase.split())
        return any(rest == parts[1:] for rest, _, _ in self._by_first.get(parts[0], ())) if parts else False

    def match_at(self, words: list[Word], i: int, text: str) -> PhraseMatch[T] | None:
        """The longest phrase starting at word ``i`` (any proclitic form of it), or None."""
        best: PhraseMatch[T] | None = None
        for form, start, prefix in words[i].forms:
            for rest, phrase, payload in self._by_first.get(form, ()):
                last = i + 1 + len(rest)
                if best is not None and last <= best.last:
                    break
                if _continues(words, i, rest, text):
                    best = PhraseMatch(i, last, start, words[last - 1].end, phrase, payload, prefix)
                    break
        return best

    def find_all(self, words: list[Word], text: str) -> list[PhraseMatch[T]]:
        """Non-overlapping matches, leftmost first, longest at each position."""
        return list(self.iter_matches(words, text))

    def iter_matches(self, words: list[Word], text: str) -> Iterator[PhraseMatch[T]]:
        i = 0
        while i < len(words):
            match = self.match_at(words, i, text)
            if match is None:
                i += 1
                continue
            yield match
            i = match.last


def _continues(words: list[Word], i: int, rest: tuple[str, ...], text: str) -> bool:
    if i + len(rest) >= len(words):
        return False
    for offset, part in enumerate(rest, start=1):
        word = words[i + offset]
        if word.text != part or not joined(text, words[i + offset - 1].end, word.start):
            return False
    return True


def joined(text: str, end: int, start: int) -> bool:
    """Only spaces (or a hashtag's ``#`` and ``_``) lie between two words."""
    return all(c in _JOINERS for c in text[end:start])


def body_span(article: Article, start: int, end: int) -> Span:
    """The body span of normalized ``[start, end)``."""
    assert article.normalized is not None
    return article.normalized.body_span(start, end)
