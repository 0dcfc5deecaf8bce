"""Quantities in Arabic news: digits in any script, number words, duals, vague plurals, qualifiers.

Reads the normalized text (digits are ASCII there, ٬ ٫ are "," and ".") and emits one
:class:`~marsad.article.QuantityMention` per number with its body span:

* the value: ``500شهيد`` -> 500, ``ثمانيه`` -> 8, ``ثلاثه الاف`` -> 3000, ``350 الف`` ->
  350000, ``1.5 مليون`` -> 1500000, ``طفلان``/``جنديين`` -> 2 (duals of the countable
  nouns in ``lexicons/dual_nouns.tsv``), ``عشرات``/``مئات``/``الاف`` -> 10/100/1000 and
  ``عشرات الالاف`` -> 10000 (qualifier ``vague``), as SCHEMA.md's number rules ask;
* the qualifier: ``اكثر من``/``ما لا يقل عن``/``على الاقل`` (at_least), ``نحو``/``حوالي``
  (about), ``اقل من`` (at_most), ``بين 5 و7``/``من 5 الى 7``/``5-7`` (range: value 5,
  upper 7; the conservative figure first);
* the counted noun (``noun``): the next word, past a partitive من ("65 من المرضى").

**Non-counts are marked, not dropped.** Every number gets a ``kind``
(:class:`~marsad.article.QuantityKind`) and only ``COUNT`` can be a casualty or troop
figure: ``YEAR`` (عام 2011, a 4-digit year at a clause end), ``DATE`` (the day in
"9 ابريل", parts of 15/4/2018), ``TIME`` (الساعه 5, 10:30), ``PERCENT`` (85 في المئه, 90%)
and ``IDENTIFIER`` (اللواء 65, القرار 2401, F16, رقم 3). Marking keeps them for whoever
needs them (a truce reads ``لمده 72 ساعه`` as a COUNT with noun ``ساعه``). Ordinal words
(السادس) are not quantities at all; the date extractor reads them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.article import Article, NormalizedText, Qualifier, QuantityKind, QuantityMention
from marsad.normalize.lexicon import read_rows
from marsad.normalize.numerals import WordKind, lookup, number_words, parse_digits, parse_number_words
from marsad.normalize.text import normalize
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+)|(?P<sym>[%:/\-])|(?P<stop>[.,;?!\n()\"])"
)
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_RANGE_JOINERS = frozenset({"الي", "حتي", "او"})


@dataclass(slots=True)  # not frozen: one is built per token, and frozen construction costs 5x more
class _Tok:
    kind: str  # num | word | sym | stop
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Core:
    """A bare number: tokens [first, last) and what they say."""

    first: int
    last: int
    value: int
    vague: bool = False
    noun: str = ""  # set for duals: the noun is the number


@dataclass(frozen=True)
class NumberLexicon:
    qualifiers_pre: dict[tuple[str, ...], Qualifier]
    qualifiers_post: dict[tuple[str, ...], Qualifier]
    duals: dict[str, str]  # dual form -> stem
    months: frozenset[str]  # first words of month names, to spot "9 ابريل"
    context: dict[str, frozenset[str]]  # role -> words (number_context.tsv)

    def role(self, role: str) -> frozenset[str]:
        return self.context.get(role, frozenset())

    @classmethod
    @functools.cache
    def load(cls) -> NumberLexicon:
        pre: dict[tuple[str, ...], Qualifier] = {}
        post: dict[tuple[str, ...], Qualifier] = {}
        for row in read_rows("quantity_qualifiers.tsv"):
            target = pre if row["position"] == "pre" else post
            target[tuple(row["phrase"].split())] = Qualifier(row["qualifier"])
        duals: dict[str, str] = {}
        for row in read_rows("dual_nouns.tsv"):
            stem = row["stem"]
            duals[stem + "ان"] = stem
            if row["sound_plural"] == "no":
                duals[stem + "ين"] = stem
        months = frozenset(
            row["name"].split()[0] for name in ("months.tsv", "hijri_months.tsv") for row in read_rows(name)
        )
        roles: dict[str, set[str]] = {}
        for row in read_rows("number_context.tsv"):
            roles.setdefault(row["role"], set()).add(row["word"])
        return cls(pre, post, duals, months, {k: frozenset(v) for k, v in roles.items()})


class QuantityReader:
    """Finds quantities in one normalized text; built once, used for every article."""

    def __init__(self, lexicon: NumberLexicon) -> None:
        self.lex = lexicon
        self.max_pre = max(len(k) for k in lexicon.qualifiers_pre)
        self.max_post = max(len(k) for k in lexicon.qualifiers_post)
        # every written form a number word or a dual can take, so most words are rejected by one lookup
        bases = set(number_words()) | set(lexicon.duals)
        bases |= {"ال" + b for b in bases}
        # الاثنين is Monday, not "the two"; bare اثنين and احد (احد عشر) stay numbers
        weekdays = {row["name"] for row in read_rows("weekdays.tsv") if row["ambiguous"] == "no"}
        self.starters = frozenset(p + b for b in bases - weekdays for p in ("", *_PROCLITICS))

    def read(self, text: str) -> list[_Found]:
        toks = [_Tok(m.lastgroup or "", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        # a number starts only at digits or at a number word: try no other token
        starters = self.starters
        candidates = [i for i, tok in enumerate(toks) if tok.kind == "num" or tok.text in starters]
        found: list[_Found] = []
        free = 0  # the first token after the last quantity
        for index in candidates:
            if index < free:
                continue
            core = self._core(toks, index)
            if core is None:
                continue
            result = self._qualify(text, toks, core)
            found.append(result)
            free = max(result.last, core.last)
        return found

    # ---- the bare number

    def _core(self, toks: list[_Tok], i: int) -> _Core | None:
        if i >= len(toks):  # a range joiner at the very end ("ثلاثه -") has no second number
            return None
        tok = toks[i]
        if tok.kind == "num":
            return self._digits(toks, i)
        if tok.kind != "word" or tok.text not in self.starters:
            return None
        return self._words(toks, i) or self._dual(toks, i)

    def _digits(self, toks: list[_Tok], i: int) -> _Core | None:
        value = parse_digits(toks[i].text)
        if value is None:
            return None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.kind == "word":
            entry = lookup(nxt.text)
            if entry and not entry[1] and entry[0].kind in (WordKind.SCALE, WordKind.SCALE_PLURAL):
                return _Core(i, i + 2, round(value * entry[0].value))
        return _Core(i, i + 1, round(value))

    def _words(self, toks: list[_Tok], i: int) -> _Core | None:
        words: list[str] = []
        for tok in toks[i : i + 8]:
            if tok.kind != "word":
                break
            words.append(tok.text)
        for variant in _strip_variants(words[0]):
            parsed = parse_number_words([variant, *words[1:]])
            if parsed is not None:
                return _Core(i, i + parsed.words, parsed.value, parsed.vague)
        return None

    def _dual(self, toks: list[_Tok], i: int) -> _Core | None:
        for variant in _strip_variants(toks[i].text):
            stem = self.lex.duals.get(variant) or self.lex.duals.get(_without_article(variant))
            if stem is None:
                continue
            last = i + 1
            nxt = toks[last] if last < len(toks) else None
            if nxt is not None and nxt.kind == "word" and lookup(nxt.text) and lookup(nxt.text)[0].value == 2:  # type: ignore[index]
                last += 1  # طفلين اثنين
            return _Core(i, last, 2, noun=stem)
        return None

    # ---- around the number: qualifiers, ranges, kind, noun

    def _qualify(self, text: str, toks: list[_Tok], core: _Core) -> _Found:
        first, last = core.first, core.last
        qualifier = Qualifier.VAGUE if core.vague else Qualifier.EXACT
        upper: int | None = None
        ranged = self._range(toks, core)
        if ranged is not None:
            first, last, upper = ranged
            qualifier = Qualifier.RANGE
        else:
            pre = self._pre_qualifier(toks, first)
            if pre is not None:
                first, qualifier = pre
            post = self._post_qualifier(toks, last)
            if post is not None:
                last, qualifier = post
        kind = self._kind(text, toks, core)
        noun = core.noun or self._noun(toks, max(core.last, last if ranged else core.last))
        return _Found(toks[first].start, toks[last - 1].end, core.value, qualifier, upper, kind, noun, last)

    def _range(self, toks: list[_Tok], core: _Core) -> tuple[int, int, int] | None:
        """بين 5 و7, من 5 الى 7, 5-7, 5 او 6: (first token, end token, upper value)."""
        i, j = core.first, core.last
        before = toks[i - 1].text if i > 0 else ""
        before2 = toks[i - 2].text if i > 1 else ""
        joiner = toks[j].text if j < len(toks) else ""
        if (before == "بين" and joiner == "و") or (before == "من" and joiner in ("الي", "حتي")):
            second = self._core(toks, j + 1)
        elif joiner in _RANGE_JOINERS or joiner == "-":
            second = self._core(toks, j + 1)
            before = ""
        elif before == "بين" and joiner.startswith("و") and len(joiner) > 1:
            second = self._words(toks, j)  # بين خمسه وسبعه: و glued to the second number
        else:
            return None
        if second is None or second.value <= core.value or core.vague:
            return None
        start = i - 1 if before in ("بين", "من") else i
        if before == "بين" and before2 == "ما":
            start -= 1
        return start, second.last, second.value

    def _pre_qualifier(self, toks: list[_Tok], first: int) -> tuple[int, Qualifier] | None:
        words_before = 0  # the words right before the number (a qualifier is words only)
        while words_before < min(self.max_pre, first) and toks[first - words_before - 1].kind == "word":
            words_before += 1
        for size in range(words_before, 0, -1):
            words = [t.text for t in toks[first - size : first]]
            for variant in _strip_variants(words[0]):
                qualifier = self.lex.qualifiers_pre.get((variant, *words[1:]))
                if qualifier is not None:
                    return first - size, qualifier
        return None

    def _post_qualifier(self, toks: list[_Tok], last: int) -> tuple[int, Qualifier] | None:
        """على الاقل / تقريبا right after the number or after its noun (8 ضربات على الاقل)."""
        words_after = 0  # the words right after the number: noun and qualifier are words only
        while (
            words_after < self.max_post + 2
            and last + words_after < len(toks)
            and toks[last + words_after].kind == "word"
        ):
            words_after += 1
        for gap in (0, 1, 2):
            for size in range(self.max_post, 0, -1):
                if gap + size > words_after:
                    continue
                window = toks[last + gap : last + gap + size]
                qualifier = self.lex.qualifiers_post.get(tuple(t.text for t in window))
                if qualifier is not None:
                    return (last + gap + size if gap == 0 else last), qualifier
        return None

    def _kind(self, text: str, toks: list[_Tok], core: _Core) -> QuantityKind:
        i, j = core.first, core.last
        tok = toks[i]
        if tok.kind != "num":
            return QuantityKind.COUNT
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[j] if j < len(toks) else None
        nxt2 = toks[j + 1] if j + 1 < len(toks) else None
        prev_word = _without_clitics(prev.text) if prev is not None and prev.kind == "word" else ""
        if self._is_percent(nxt, nxt2):
            return QuantityKind.PERCENT
        identifiers = self.lex.role("identifier")
        after_cue = prev_word in identifiers or (prev is not None and prev.text in identifiers)
        if after_cue or _looks_like_code(text, tok):
            return QuantityKind.IDENTIFIER
        if _is_time(toks, i, j, self.lex.role("time")):
            return QuantityKind.TIME
        if self._is_date_part(toks, i, j):
            return QuantityKind.DATE
        if self._is_year(tok.text, prev, nxt):
            return QuantityKind.YEAR
        return QuantityKind.COUNT

    def _is_date_part(self, toks: list[_Tok], i: int, j: int) -> bool:
        value = parse_digits(toks[i].text)
        if value is None:
            return False
        around = [t.text for t in toks[max(0, i - 2) : j + 3]]
        if "/" in around[1:-1] and sum(t.kind == "num" for t in toks[max(0, i - 4) : j + 4]) >= 3:
            return True  # 15/4/2018
        if not 1 <= value <= 31:
            return False
        rest = [t.text for t in toks[j : j + 4] if t.kind == "word"]
        rest = [w for w in rest if w not in ("من", "شهر")][:1]
        return bool(rest) and _without_clitics(rest[0]) in self.lex.months

    def _is_percent(self, nxt: _Tok | None, nxt2: _Tok | None) -> bool:
        if nxt is None:
            return False
        if nxt.text == "%" or nxt.text in self.lex.role("percent"):
            return True
        return nxt.text == "في" and nxt2 is not None and nxt2.text in self.lex.role("percent_after_fi")

    def _is_year(self, digits: str, prev: _Tok | None, nxt: _Tok | None) -> bool:
        if len(digits) != 4 or not digits.isdigit() or not 1900 <= int(digits) <= 2100:
            return False
        prev_word = prev.text if prev is not None and prev.kind == "word" else ""
        months = self.lex.months
        if prev_word in self.lex.role("year") or _without_clitics(prev_word) in months or prev_word in months:
            return True
        if prev is not None and prev.text in ("/", "-"):
            return True
        clause_end = nxt is None or nxt.kind in ("stop", "sym") or nxt.text in ("م", "ه")
        # "في 2011" is a year, "في 2011 غاره" a count: the same test as the date grammar
        after_preposition = prev_word in self.lex.role("preposition")
        # "في 2011 غاره" counts raids; "منذ 2015 على الجزء" is a year: no noun follows it
        no_noun = nxt is not None and (nxt.kind != "word" or nxt.text in self.lex.role("function"))
        return clause_end or (after_preposition and no_noun)

    def _noun(self, toks: list[_Tok], j: int) -> str:
        if j < len(toks) and toks[j].text == '"':
            j += 1  # ثمانيه "ممرات امنه"
        if j < len(toks) and toks[j].text == "من" and j + 1 < len(toks):
            j += 1
        return toks[j].text if j < len(toks) and toks[j].kind == "word" else ""


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # offsets into the normalized text
    end: int
    value: int
    qualifier: Qualifier
    upper: int | None
    kind: QuantityKind
    noun: str
    last: int  # token index after the mention


@functools.lru_cache(maxsize=16384)
def _strip_variants(word: str) -> tuple[str, ...]:
    """``word`` then ``word`` without a proclitic (وبثلاثه -> ثلاثه) and the article (cached)."""
    variants = [word]
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            variants.append(word[len(prefix) :])
    variants += [_without_article(v) for v in list(variants) if v.startswith("ال") and len(v) > 4]
    return tuple(variants)


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _without_clitics(word: str) -> str:
    """The article-bearing form of a word without و/ف/ب/ل/ك (والقرار -> القرار, للواء -> اللواء)."""
    for prefix in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ك"):
        if word.startswith(prefix + "ال"):
            return word[len(prefix) :]
    if word.startswith("لل"):
        return "ا" + word[1:]
    return word


def _is_time(toks: list[_Tok], i: int, j: int, cues: frozenset[str]) -> bool:
    """الساعه 5, 10:30 (both numbers)."""
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.text in cues:
        return True
    if prev is not None and prev.text == ":" and i > 1 and toks[i - 2].kind == "num":
        return True
    return j + 1 < len(toks) and toks[j].text == ":" and toks[j + 1].kind == "num"


def _looks_like_code(text: str, tok: _Tok) -> bool:
    """File names and ids (13062333_1057..., ten digits and more) and model names (F16, اف-16)."""
    if len(tok.text) > 9 and tok.text.isdigit():
        return True
    if text[tok.start - 1 : tok.start] == "_" or text[tok.end : tok.end + 1] == "_":
        return True
    return _glued_to_latin(text, tok.start)


def _glued_to_latin(text: str, start: int) -> bool:
    """F16, S-300, M5, اف-16: a Latin letter right before the digits, or a word joined by a hyphen."""
    k = start - 1
    if k >= 0 and text[k] == "-":
        k -= 1
        return k >= 0 and text[k].isalpha()
    return k >= 0 and text[k].isascii() and text[k].isalpha()


@functools.cache
def _reader() -> QuantityReader:
    return QuantityReader(NumberLexicon.load())


def find_quantities(body: str, normalized: NormalizedText) -> list[QuantityMention]:
    """Every quantity in ``body`` (``normalized`` is ``normalize(body)``), spans into ``body``."""
    mentions: list[QuantityMention] = []
    for found in _reader().read(normalized.text):
        span = normalized.body_span(found.start, found.end)
        mentions.append(
            QuantityMention(
                span, found.value, found.qualifier, found.upper, span.slice(body), found.kind, found.noun
            )
        )
    return mentions


def parse_quantity(text: str) -> QuantityMention | None:
    """The first quantity in a short phrase ("أكثر من 65", "عشرات الآلاف"); spans index ``text``."""
    mentions = find_quantities(text, normalize(text))
    return mentions[0] if mentions else None


def quantity_stage(settings: Settings) -> Stage:
    _reader()  # load the lexicons once per process, before the first article

    @stage("extract.quantities", requires={"text.normalized", "tokens"}, assigns={"mentions.quantities"})
    def run(article: Article) -> Article:
        assert article.normalized is not None
        article.mentions.quantities = find_quantities(article.body, article.normalized)
        return article

    return run
