"""Words for lexicon matching: each token with the forms its proclitics allow, and its body range.

Actor names, trigger words, speech verbs and truce terms are matched on these forms
(``marsad.extract.phrases``). Five stages used to rebuild them per article and map every
word back to the body one bisect at a time; ``normalize.tokens`` now builds them once
(:class:`~marsad.article.Words`) and every stage reads ``Article.words``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from marsad.article import NormalizedText, Token, Word, Words

#: Proclitic strings stripped from a word's front, longest first ("وب" before "و").
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
MIN_STEM = 2

Form = tuple[str, int, str]


def word_forms(text: str, start: int = 0) -> tuple[Form, ...]:
    """``(form, start offset, proclitics stripped)`` for each reading of ``text``, literal first.

    ``وللنظام`` at 10 gives ``("وللنظام", 10, "")``, ``("لنظام", 12, "ول")``,
    ``("النظام", 11, "ول")``, ``("للنظام", 11, "و")`` (longest proclitics first).
    """
    relative = _relative_forms(text)
    if not start:
        return relative
    return tuple([(form, start + offset, prefix) for form, offset, prefix in relative])


@functools.lru_cache(maxsize=65536)
def _relative_forms(text: str) -> tuple[Form, ...]:
    """The forms of ``text`` with offsets from its first letter; cached: news reuses words."""
    forms: list[Form] = [(text, 0, "")]
    for prefix in PROCLITICS:
        rest = text[len(prefix) :]
        if not text.startswith(prefix) or len(rest) < MIN_STEM:
            continue
        if prefix.endswith("ك") and not rest.startswith("ال"):
            continue  # "كـ" comes before definite words ("كالنظام"); "كيري" is no ك + "يري"
        forms.append((rest, len(prefix), prefix))
        if prefix.endswith("ل") and rest.startswith("ل") and len(rest) > MIN_STEM:
            # ل + ال is written لل: the match keeps both lams so the text reads "للجيش"
            forms.append(("ا" + rest, len(prefix) - 1, prefix))
    return tuple(dict.fromkeys(forms))


def build_words(tokens: list[Token], normalized: NormalizedText) -> Words:
    """The :class:`Words` of ``tokens`` (offsets into ``normalized.text``).

    Every word of every article passes here, so this is :func:`word_forms` and the
    :class:`Words` form index written out in one loop; most words (four in five in news)
    have no proclitic and take the short way.
    """
    words: list[Word] = []
    by_form: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        text, start = token.text, token.start
        relative = _relative_forms(text)
        if len(relative) == 1:
            forms: tuple[Form, ...] = ((text, start, ""),)
            holders = by_form.get(text)
            if holders is None:
                by_form[text] = [index]
            else:
                holders.append(index)
        else:
            forms = tuple([(form, start + offset, prefix) for form, offset, prefix in relative])
            for form in _form_names(text):
                holders = by_form.get(form)
                if holders is None:
                    by_form[form] = [index]
                else:
                    holders.append(index)
        words.append(_new_word(index, text, start, token.end, forms))
    starts, ends = normalized.offsets.source_ranges([t.start for t in tokens], [t.end for t in tokens])
    return Words(words, tokens, starts, ends, by_form)


@functools.lru_cache(maxsize=65536)
def _form_names(text: str) -> tuple[str, ...]:
    """The distinct forms of ``text``, in order."""
    return tuple(dict.fromkeys(form for form, _, _ in _relative_forms(text)))


def plain_words(tokens: Sequence[Token]) -> list[Word]:
    """Words without body ranges or form index, for token lists that belong to no article."""
    return [_new_word(i, t.text, t.start, t.end, word_forms(t.text, t.start)) for i, t in enumerate(tokens)]


def _word_builder() -> Callable[[int, str, int, int, tuple[Form, ...]], Word]:
    """A constructor for the frozen Word that fills its slots directly (as tokens.py does for
    Token): the dataclass ``__init__`` routes each field through ``object.__setattr__``."""
    index, text, start, end, forms = (
        getattr(Word, name).__set__ for name in ("index", "text", "start", "end", "forms")
    )
    new = object.__new__

    def build(i: int, t: str, s: int, e: int, f: tuple[Form, ...]) -> Word:
        word = new(Word)
        index(word, i)
        text(word, t)
        start(word, s)
        end(word, e)
        forms(word, f)
        return word

    return build


_new_word = _word_builder()
