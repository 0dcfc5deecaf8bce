"""Dates in Arabic news: regional month names, Hijri dates, weekdays, relative expressions.

Everything is matched on the normalized text (``marsad.normalize``), so hamza, ta marbuta and
digit variants need no special cases here, and every mention maps back to the exact body
characters. The word lists live in ``lexicons/`` (months, hijri_months, weekdays,
relative_dates, time_units, ordinal_words, number_words).

Resolution follows SCHEMA.md ("Dates") against an *anchor*: the article's published date,
else the crawl date.

* A day and month ("9 ابريل", "السادس من تموز/يوليو", "20 يناير الماضي") give that day;
  without a year, the latest such date no more than a fortnight after the anchor (news
  mostly reports the past, but announces the next few days). ``الماضي`` forces the past,
  ``المقبل``/``القادم`` the future and ``الجاري`` the anchor's year.
* A named month or year ("في مارس 2018", "نوفمبر الماضي", "عام 2011") gives its first day,
  precision month / year; a month without a year is the latest one starting on or before
  the anchor.
* A weekday ("اليوم الثلاثاء", "مساء امس السبت", "الاثنين الماضي") is the latest such day on
  or before the anchor; ``الماضي`` means strictly before it, ``المقبل`` strictly after.
* Fixed phrases (امس, اول امس, الليله الماضيه, الاسبوع الماضي, الشهر الماضي, العام الفائت)
  shift the anchor: by days; by seven days for a week (precision week); to the first day of
  the calendar month or year for months and years.
* A count back with قبل / منذ ("قبل اسبوع", "منذ 7 سنوات 6 اشهر", "منذ سته اسابيع") is the
  anchor minus that much, at the precision of its finest unit. ``منذ`` is marked
  ``DateKind.SINCE`` because in running text it often opens a period that lasts until the
  anchor ("لم تقترب منذ 7 ايام"); as a comment timestamp it just means "ago".
* A period counted back from the report ("الايام السبعه الاخيره", "خلال ال24 ساعه الماضيه")
  and a day range ("18-27 فبراير") give the period's end date (``DateKind.PERIOD_END``),
  precision day (<= 1 day), week (<= 14 days), month (<= 93 days) or year.
* Hijri dates ("15 رمضان 1439 ه", "شهر رمضان") are converted with ``hijridate``
  (Umm al-Qura); a Hijri month name counts only beside a day, a Hijri year or the word شهر.
* "غداه" (the day after) before a date adds a day; "عشيه" (the eve of) takes one away.
* "منذ" before any date ("منذ الشهر الماضي", "منذ عام 2011") marks it ``DateKind.SINCE``:
  the period from that date to the anchor. The dev gold dates such events at the anchor.
* "الشهر التالي", "في اليوم التالي" are one unit after the closest date mentioned before
  them in the same text ("في يونيو حزيران ... في الشهر التالي" -> July).

dateparser was measured and is not used: it misses most of the forms above (see
docs/arabic-normalization.md) and costs ~1 ms a call.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

from marsad.article import Article, DateKind, DateMention, NormalizedText
from marsad.event import DatePrecision
from marsad.normalize.lexicon import read_rows
from marsad.normalize.numerals import number_words, parse_digits, parse_number_words
from marsad.normalize.text import normalize
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)

#: How far after the anchor a day-and-month without a year may fall before we take last year's.
FUTURE_GRACE = dt.timedelta(days=14)
#: Years outside this range are not dates (counts, identifiers).
MIN_YEAR, MAX_YEAR = 1900, 2100
#: Days per unit, to size a period ("the last 24 hours" is a day, "six weeks" a month).
UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
UNIT_PRECISION = {
    "minute": DatePrecision.DAY,
    "hour": DatePrecision.DAY,
    "day": DatePrecision.DAY,
    "week": DatePrecision.WEEK,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
}
_FINENESS = [DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR]


@functools.cache
def cue_words(role: str) -> frozenset[str]:
    """Words of one role in ``date_cues.tsv``: past, current, future, cue, time_of_day, ..."""
    return frozenset(r["word"] for r in read_rows("date_cues.tsv") if r["role"] == role)


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True, slots=True)
class TimeUnit:
    unit: str  # day | week | month | year | hour | minute
    count: int  # what the word alone means; 0 for a plural that needs a number


@dataclass(frozen=True, slots=True)
class RelativePhrase:
    unit: str
    offset: int
    precision: DatePrecision


@dataclass(frozen=True)
class DateLexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    relative: dict[str, RelativePhrase]
    units: dict[str, TimeUnit]
    ordinals: dict[str, int]

    @classmethod
    @functools.cache
    def load(cls) -> DateLexicon:
        months = read_rows("months.tsv")
        weekdays = read_rows("weekdays.tsv")
        return cls(
            months={r["name"]: int(r["month"]) for r in months},
            ambiguous_months=frozenset(r["name"] for r in months if r["ambiguous"] == "yes"),
            hijri_months={r["name"]: int(r["month"]) for r in read_rows("hijri_months.tsv")},
            weekdays={r["name"]: int(r["weekday"]) for r in weekdays},
            ambiguous_weekdays=frozenset(r["name"] for r in weekdays if r["ambiguous"] == "yes"),
            relative={
                r["phrase"]: RelativePhrase(r["unit"], int(r["offset"]), DatePrecision(r["precision"]))
                for r in read_rows("relative_dates.tsv")
            },
            units={r["word"]: TimeUnit(r["unit"], int(r["count"])) for r in read_rows("time_units.tsv")},
            ordinals={r["word"]: int(r["value"]) for r in read_rows("ordinal_words.tsv")},
        )


def _alt(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first, any whitespace between words."""
    words = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"


# --------------------------------------------------------------------------- grammar


#: A match found in normalized text, before its span is mapped back to the body.
@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    date: dt.date
    precision: DatePrecision
    relative: bool
    kind: DateKind = DateKind.POINT


Resolver = Callable[["re.Match[str]", "dt.date | None"], "Found | None"]


class DateGrammar:
    """The date patterns, compiled once from the lexicons, each with the function resolving it."""

    def __init__(self, lexicon: DateLexicon) -> None:
        self.lex = lexicon
        self.patterns: list[tuple[re.Pattern[str], Resolver, tuple[str, ...]]] = [
            (re.compile(pattern), resolver, kinds) for pattern, resolver, kinds in self._build()
        ]
        self._triggers = self._trigger_words()
        calendar_units = ("day", "week", "month", "year")
        units = _alt(w for w, u in lexicon.units.items() if u.count == 1 and u.unit in calendar_units)
        self._following = re.compile(
            rf"(?<![^\W_])(?:[وف]?[بل]?)ال(?P<unit>{units})\s+{_alt(cue_words('following'))}(?![^\W_])"
        )

    @classmethod
    @functools.cache
    def load(cls) -> DateGrammar:
        return cls(DateLexicon.load())

    # ---- patterns

    def _build(self) -> list[tuple[str, Resolver, tuple[str, ...]]]:
        lex = self.lex
        b, e = r"(?<![^\W_])", r"(?![^\W_])"
        pre = r"(?:[وف]?[بلك]?)"
        month = _alt(lex.months)
        monthx = rf"(?P<m1>{month})(?:\s*[/\\(-]\s*(?P<m2>{month})\s*\)?|\s+\(?(?P<m3>{month})\)?(?![^\W_]))?"
        ordinal = rf"(?P<ord>{_alt(lex.ordinals)}(?:\s+(?:عشر|عشره)|\s+و\s*(?:العشرين|الثلاثين))?)"
        day = r"(?P<day>[0-3]?\d)(?!\d)"
        year_cue = r"(?:(?:من\s+)?(?:ال|لل|ل)?(?:عام|سنه)\s*)?"
        year = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)(?:\s*م(?![^\W_]))?"
        opt_year = rf"(?:\s*,?\s*{year_cue}{year})?"
        modifiers = _alt(cue_words("past") | cue_words("current") | cue_words("future"))
        cues = _alt(cue_words("cue"))
        mod = rf"(?:\s+(?P<mod>{modifiers}))?"
        weekday = _alt(lex.weekdays)
        tod = rf"(?:{_alt(cue_words('time_of_day'))}\s+)?"
        number = rf"(?:\d+(?:\.\d+)?|{_alt(number_words())}(?:\s+و?{_alt(number_words())}){{0,4}})"
        unit = _alt(lex.units)
        amount = rf"(?:{number}\s*)?(?:ال)?{unit}"
        qualifier = _alt(r["phrase"] for r in read_rows("quantity_qualifiers.tsv") if r["position"] == "pre")
        digit, numeric = ("digit",), self._numeric_dmy
        function = _alt(r["word"] for r in read_rows("number_context.tsv") if r["role"] == "function")
        return [
            (rf"{b}(?P<d>\d{{1,2}})[/.-](?P<mo>\d{{1,2}})[/.-](?P<y>\d{{4}})(?!\d)", numeric, digit),
            (rf"{b}(?P<y>\d{{4}})[/.-](?P<mo>\d{{1,2}})[/.-](?P<d>\d{{1,2}})(?!\d)", numeric, digit),
            (
                rf"{b}(?:ما\s+)?(?:بين\s+)?(?P<day0>[0-3]?\d)\s*(?:-|الي|حتي|و)\s*{day}\s*(?:من\s+)?"
                rf"(?:شهر\s+)?{monthx}{opt_year}{mod}{e}",
                self._day_range,
                ("month",),
            ),
            (
                rf"{b}{pre}(?:(?:يوم\s+)?(?P<wd>{weekday})\s*,?\s*)?(?:يوم\s+)?(?:{day}|{ordinal})\s*"
                rf"(?:من\s+)?(?:شهر\s+)?{monthx}{opt_year}{mod}{e}",
                self._day_month,
                ("month",),
            ),
            (
                rf"{b}{pre}(?:{day}|{ordinal})\s+من\s+(?:هذا\s+)?ال?شهر(?:\s+(?P<mod>{modifiers}))?{e}",
                self._day_of_relative_month,
                ("unit",),
            ),
            (rf"{b}{pre}(?:شهر\s+)?{monthx}\s*,?\s*{year_cue}{year}{e}", self._month_year, ("month",)),
            (
                rf"{b}(?:(?P<cue>{cues})\s+)?{pre}(?P<shahr>شهر\s+)?{monthx}{mod}{e}",
                self._month_alone,
                ("month",),
            ),
            (
                rf"{b}{pre}(?:(?P<hday>[0-3]?\d)(?!\d)\s*|{ordinal}\s+)?(?:من\s+)?(?P<shahr>شهر\s+)?"
                rf"(?P<hm>{_alt(lex.hijri_months)})(?:\s*,?\s*{year_cue}(?P<hyear>1[34]\d\d)(?!\d)"
                rf"(?:\s*(?:ه|هجري|هجريه|للهجره)(?![^\W_]))?)?{e}",
                self._hijri,
                ("hijri",),
            ),
            (rf"{b}{pre}(?:(?:ال|لل|ل)?(?:عام|سنه)|صيف|شتاء|خريف|ربيع)\s*{year}{e}", self._year, ("year",)),
            # "في 2011": the year alone after a preposition, unless a counted noun follows (في 2011 غاره)
            # rather than a function word (منذ 2015 على)
            (rf"{b}{cues}\s+(?P<yonly>){year}{e}(?!\s*(?!{function}{e})[^\W\d_])", self._year, ("year",)),
            (
                rf"{b}{pre}{tod}(?P<yawm>يوم\s+)?{tod}(?:(?P<rel>اليوم|امس|غدا|البارحه)\s+)?"
                rf"(?P<wd>{weekday})(?:\s+(?P<wmod>{modifiers}))?{e}",
                self._weekday,
                ("weekday",),
            ),
            (
                rf"{b}{pre}{tod}(?P<phrase>{_alt(lex.relative)}){e}(?!\s+{_alt(cue_words('not_today'))}{e})",
                self._relative,
                ("relative",),
            ),
            (
                rf"{b}{pre}(?P<since>منذ|قبل|من\s+قبل)\s+(?:{qualifier}\s+)?"
                rf"(?P<amount>{amount}(?:\s*,?\s*و?\s*{amount})*){e}(?!\s*\d{{4}}(?!\d))",
                self._ago,
                ("unit",),
            ),
            (
                rf"{b}{pre}(?:(?:خلال|في|طوال|طيله|علي\s+مدي|علي\s+مدار)\s+)?(?:ال|لل)"
                rf"(?:(?P<n1>\d+)\s*)?(?P<unit>{unit})(?:\s+(?:ال)?(?P<n2>\d+|{number}))?\s+"
                rf"(?P<adj>{_alt(cue_words('period_end'))}){e}",
                self._period,
                ("unit",),
            ),
        ]

    def _trigger_words(self) -> dict[str, tuple[str, ...]]:
        """Every written form of a word some pattern needs, with the kinds of trigger it is.

        Each pattern runs only in windows around its own triggers (a month name, a weekday, a
        unit, a four-digit year ...): most of a news text holds no date, and Python's regex
        engine would otherwise try every pattern at every character.
        """
        lex = self.lex
        kinds: dict[str, set[str]] = {}

        def add(kind: str, words: Iterable[str]) -> None:
            for word in words:
                forms = {prefix + word for prefix in _TRIGGER_PREFIXES}
                if word.startswith("ال"):
                    forms |= {prefix + "ل" + word[1:] for prefix in ("", "و", "ف")}
                for form in forms:
                    kinds.setdefault(form, set()).add(kind)

        add("month", {name.split()[0] for name in lex.months})
        add("hijri", {name.split()[0] for name in lex.hijri_months})
        add("weekday", lex.weekdays)
        add("relative", {w for phrase in lex.relative for w in phrase.split()} - _COMMON_WORDS)
        add("unit", {*lex.units, *("ال" + unit for unit in lex.units)})
        return {form: tuple(sorted(k)) for form, k in kinds.items()}

    def _windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """For each trigger kind, merged stretches of ``text`` around its triggers, cut at whitespace."""
        hits: dict[str, list[tuple[int, int]]] = {}
        for match in _WORDISH.finditer(text):
            for kind in self._triggers.get(match.group(), ()):
                hits.setdefault(kind, []).append(match.span())
        for match in _DIGIT_RUN.finditer(text):
            hits.setdefault("digit", []).append(match.span())
            if match.end() - match.start() == 4:
                hits.setdefault("year", []).append(match.span())
        return {kind: _merge(text, spans) for kind, spans in hits.items()}

    # ---- scanning

    def find(self, text: str, anchor: dt.date | None) -> list[Found]:
        """Every date in normalized ``text``, longest match first where they overlap."""
        windows = self._windows(text)
        candidates: list[Found] = []
        for pattern, resolver, kinds in self.patterns:
            stretches = windows.get(kinds[0], []) if len(kinds) == 1 else _union(windows, kinds)
            for start, end in stretches:
                for match in pattern.finditer(text, start, end):
                    found = self._resolve(resolver, match, anchor)
                    if found is not None:
                        candidates.append(found)
        chosen = [_shift_by_context(text, f) for f in _longest_first(candidates)]
        return self._add_following(text, chosen, windows.get("unit", []))

    def _add_following(self, text: str, chosen: list[Found], windows: list[tuple[int, int]]) -> list[Found]:
        """ "في الشهر التالي", "اليوم التالي": one unit after the closest date mentioned before."""
        found = list(chosen)
        matches = [m for start, end in windows for m in self._following.finditer(text, start, end)]
        for match in matches:
            if any(f.start < match.end() and match.start() < f.end for f in chosen):
                continue
            previous = [f for f in chosen if f.end <= match.start()]
            if not previous:
                continue
            unit = self.lex.units[match["unit"]].unit
            date = _one_unit_after(previous[-1].date, unit)
            found.append(Found(match.start(), match.end(), date, UNIT_PRECISION[unit], True))
        return sorted(found, key=lambda f: f.start)

    @staticmethod
    def _resolve(resolver: Resolver, match: re.Match[str], anchor: dt.date | None) -> Found | None:
        try:
            return resolver(match, anchor)
        except (ValueError, OverflowError) as exc:  # an impossible date such as 31 شباط
            log.debug("date %r not resolved: %s", match.group(), exc)
            return None

    # ---- resolvers: each turns one match into a Found (or None)

    def _numeric_dmy(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        year = int(m["y"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        date = dt.date(year, int(m["mo"]), int(m["d"]))
        return Found(m.start(), m.end(), date, DatePrecision.DAY, False)

    def _day_range(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        month = self._month_of(m)
        first, last = int(m["day0"]), int(m["day"])
        if month is None or not 1 <= first < last <= 31:
            return None
        end = self._day_date(last, month, m["year"], m["mod"], anchor)
        if end is None:
            return None
        length = last - first + 1
        precision = DatePrecision.WEEK if length <= 14 else DatePrecision.MONTH
        return Found(m.start(), m.end(), end, precision, m["year"] is None, DateKind.PERIOD_END)

    def _day_month(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        month = self._month_of(m)
        day = int(m["day"]) if m["day"] else self._ordinal(m["ord"])
        if month is None or day is None:
            return None
        date = self._day_date(day, month, m["year"], m["mod"], anchor)
        if date is None:
            return None
        return Found(m.start(), m.end(), date, DatePrecision.DAY, m["year"] is None)

    def _day_of_relative_month(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        day = int(m["day"]) if m["day"] else self._ordinal(m["ord"])
        if anchor is None or day is None:
            return None
        offset = -1 if m["mod"] in cue_words("past") else 1 if m["mod"] in cue_words("future") else 0
        first = _add_months(anchor.replace(day=1), offset)
        return Found(m.start(), m.end(), first.replace(day=day), DatePrecision.DAY, True)

    def _month_year(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        month = self._month_of(m)
        year = int(m["year"])
        if month is None or not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return Found(m.start(), m.end(), dt.date(year, month, 1), DatePrecision.MONTH, False)

    def _month_alone(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        month = self._month_of(m)
        if month is None or anchor is None:
            return None
        doubled = m["m2"] is not None or m["m3"] is not None
        name = re.sub(r"\s+", " ", m["m1"])
        if name in self.lex.ambiguous_months and not (doubled or m["shahr"] or m["mod"] or m["cue"]):
            return None
        year = _year_for_month(month, m["mod"], anchor)
        start = m.start("m1") if m["shahr"] is None else m.start("shahr")
        return Found(start, m.end(), dt.date(year, month, 1), DatePrecision.MONTH, True)

    def _hijri(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        day = int(m["hday"]) if m["hday"] else self._ordinal(m["ord"]) if m["ord"] else None
        if day is None and m["hyear"] is None and m["shahr"] is None:
            return None  # رمضان, رجب, شعبان are also names; صفر is also zero
        month = self.lex.hijri_months[re.sub(r"\s+", " ", m["hm"])]
        if m["hyear"] is not None:
            hijri_year = int(m["hyear"])
        elif anchor is not None:
            hijri_year = _latest_hijri_year(month, day or 1, anchor)
        else:
            return None
        date = dt.date(*Hijri(hijri_year, month, day or 1).to_gregorian().datetuple())
        precision = DatePrecision.DAY if day else DatePrecision.MONTH
        return Found(m.start(), m.end(), date, precision, m["hyear"] is None)

    def _year(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        year = int(m["year"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        start = m.start("yonly") if "yonly" in m.re.groupindex else m.start()
        return Found(start, m.end(), dt.date(year, 1, 1), DatePrecision.YEAR, False)

    def _weekday(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        name = m["wd"]
        if anchor is None or (name in self.lex.ambiguous_weekdays and not m["yawm"]):
            return None
        target = self.lex.weekdays[name]
        back = (anchor.weekday() - target) % 7
        modifier = m["wmod"]
        if modifier in cue_words("future") or m["rel"] == "غدا":
            date = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
        elif modifier in cue_words("past"):
            date = anchor - dt.timedelta(days=back or 7)
        else:
            date = anchor - dt.timedelta(days=back)
        return Found(m.start(), m.end(), date, DatePrecision.DAY, True)

    def _relative(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        if anchor is None:
            return None
        phrase = self.lex.relative[re.sub(r"\s+", " ", m["phrase"])]
        if phrase.unit == "day":
            date = anchor + dt.timedelta(days=phrase.offset)
        elif phrase.unit == "week":
            date = anchor + dt.timedelta(days=7 * phrase.offset)
        elif phrase.unit == "month":
            date = _add_months(anchor.replace(day=1), phrase.offset)
        else:
            date = dt.date(anchor.year + phrase.offset, 1, 1)
        return Found(m.start(), m.end(), date, phrase.precision, True)

    def _ago(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        parts = self.read_amounts(m["amount"])
        if anchor is None or not parts:
            return None
        if m["since"] != "منذ" and _BEFORE_EVENT.match(m.string, m.end()):
            return None  # قبل ثلاثه اسابيع من الانتخابات: before an event, not before the report
        date = anchor
        for count, unit in parts:
            date = _subtract(date, count, unit)
        precision = min((UNIT_PRECISION[u] for _, u in parts), key=_FINENESS.index)
        kind = DateKind.SINCE if m["since"] == "منذ" else DateKind.POINT
        return Found(m.start(), m.end(), date, precision, True, kind)

    def _period(self, m: re.Match[str], anchor: dt.date | None) -> Found | None:
        unit = self.lex.units[m["unit"]]
        count_text = m["n1"] or m["n2"]
        if anchor is None or (count_text is None and unit.count == 1):
            return None  # الاسبوع الماضي is last week (a relative phrase), not a period
        if count_text is not None:
            count = self._count(count_text)
            if count is None:
                return None
        else:
            count = unit.count or 3  # الايام الاخيره: "recent days", a few
        days = count * UNIT_DAYS[unit.unit]
        return Found(m.start(), m.end(), anchor, _period_precision(days), True, DateKind.PERIOD_END)

    # ---- helpers

    def read_amounts(self, text: str) -> list[tuple[int, str]]:
        """``"7 سنوات و6 اشهر"`` -> [(7, "year"), (6, "month")]; [] if any part has no count."""
        words = re.findall(r"\d+(?:\.\d+)?|[^\W\d_]+", text)
        parts: list[tuple[int, str]] = []
        pending: int | None = None
        index = 0
        while index < len(words):
            word = words[index]
            unit = self._unit(word)
            if unit is not None:
                count = pending if pending is not None else unit.count
                if not count:
                    return []
                parts.append((count, unit.unit))
                pending, index = None, index + 1
                continue
            parsed = self._count_at(words, index)
            if parsed is None:
                index += 1
                continue
            pending, index = parsed[0], index + parsed[1]
        return parts

    def _unit(self, word: str) -> TimeUnit | None:
        """A time unit word, also with the article or و (سنه وشهرين, الاسبوع)."""
        units = self.lex.units
        return units.get(word) or units.get(_strip_article(word)) or units.get(word.removeprefix("و"))

    def _count_at(self, words: list[str], index: int) -> tuple[int, int] | None:
        digits = parse_digits(words[index])
        if digits is not None:
            return int(digits), 1
        phrase = words[index:]
        if phrase and phrase[0].startswith("و") and phrase[0][1:] and parse_digits(phrase[0][1:]):
            return int(float(phrase[0][1:])), 1
        first = _strip_article(phrase[0])
        parsed = parse_number_words([first, *phrase[1:]])
        return (parsed.value, parsed.words) if parsed and not parsed.vague else None

    def _count(self, text: str) -> int | None:
        words = re.findall(r"\d+(?:\.\d+)?|[^\W\d_]+", text)
        parsed = self._count_at(words, 0) if words else None
        return parsed[0] if parsed else None

    def _month_of(self, m: re.Match[str]) -> int | None:
        """The month number; a doubled name ("تموز/يوليو") must agree with the first."""
        first = self.lex.months[re.sub(r"\s+", " ", m["m1"])]
        for group in ("m2", "m3"):
            second = m[group]
            if second is not None and self.lex.months[re.sub(r"\s+", " ", second)] != first:
                return None
        return first

    def _ordinal(self, text: str | None) -> int | None:
        if not text:
            return None
        words = text.split()
        value = self.lex.ordinals.get(words[0])
        if value is None:
            return None
        if len(words) > 1:
            tail = words[-1].removeprefix("و")
            value += 10 if tail in ("عشر", "عشره") else self.lex.ordinals.get(tail, 0)
        return value if 1 <= value <= 31 else None

    def _day_date(
        self, day: int, month: int, year: str | None, modifier: str | None, anchor: dt.date | None
    ) -> dt.date | None:
        if year is not None:
            value = int(year)
            return dt.date(value, month, day) if MIN_YEAR <= value <= MAX_YEAR else None
        if anchor is None:
            return None
        return _year_for_day(day, month, modifier, anchor)


# --------------------------------------------------------------------------- calendar helpers


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Windows of WINDOW characters around each span, ending at whitespace, overlaps merged."""
    windows: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        left = max(0, start - WINDOW)
        space = _SPACE.search(text, min(len(text), end + WINDOW))
        right = space.start() if space else len(text)
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return windows


def _union(windows: dict[str, list[tuple[int, int]]], kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(w for kind in kinds for w in windows.get(kind, [])):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _longest_first(candidates: list[Found]) -> list[Found]:
    """Non-overlapping matches, preferring the longer; ties go to the earlier pattern."""
    chosen: list[Found] = []
    for found in sorted(candidates, key=lambda f: f.start - f.end):
        if all(found.end <= c.start or c.end <= found.start for c in chosen):
            chosen.append(found)
    return sorted(chosen, key=lambda f: f.start)


#: Characters of context kept on each side of a trigger: the widest reach from a trigger is
#: a qualifier or a number phrase before a unit ("منذ ما لا يقل عن ثلاثه" ~ 25 characters).
WINDOW = 32
_WORDISH = re.compile(r"[^\W\d_]+")
_DIGIT_RUN = re.compile(r"\d+")
_SPACE = re.compile(r"\s")
_TRIGGER_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
#: Words of relative phrases too common to open a window on their own (هذا in هذا العام).
_COMMON_WORDS = frozenset({"هذا", "هذه", "بعد", "اول", "من"})

_BEFORE_EVENT = re.compile(r"\s+(?:من|علي)\s")
_BEFORE = re.compile(r"(?:^|(?<=[^\w]))(?P<word>[وف]?(?:غداه|عشيه))\s+$")
_SINCE = re.compile(r"(?<![^\W_])[وف]?منذ\s+$")


def _shift_by_context(text: str, found: Found) -> Found:
    """غداه X is the day after X; عشيه X the eve of X; منذ X opens a period running to the anchor."""
    if found.kind is DateKind.POINT and _SINCE.search(text, max(0, found.start - 8), found.start):
        return Found(found.start, found.end, found.date, found.precision, found.relative, DateKind.SINCE)
    match = _BEFORE.search(text, max(0, found.start - 12), found.start)
    if match is None or found.precision is not DatePrecision.DAY:
        return found
    days = 1 if match["word"].endswith("غداه") else -1
    return Found(
        match.start("word"),
        found.end,
        found.date + dt.timedelta(days=days),
        found.precision,
        found.relative,
        found.kind,
    )


def _strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _period_precision(days: float) -> DatePrecision:
    if days <= 1:
        return DatePrecision.DAY
    if days <= 14:
        return DatePrecision.WEEK
    if days <= 93:
        return DatePrecision.MONTH
    return DatePrecision.YEAR


def _add_months(date: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic, clamping the day (31 March - 1 month = 28/29 February)."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(date.day, last))


def _one_unit_after(date: dt.date, unit: str) -> dt.date:
    """The following day/week (a date), month or year (its first day)."""
    if unit == "month":
        return _add_months(date.replace(day=1), 1)
    if unit == "year":
        return dt.date(date.year + 1, 1, 1)
    return date + dt.timedelta(days=UNIT_DAYS[unit])


def _subtract(date: dt.date, count: int, unit: str) -> dt.date:
    if unit == "month":
        return _add_months(date, -count)
    if unit == "year":
        return _add_months(date, -12 * count)
    return date - dt.timedelta(days=count * UNIT_DAYS[unit]) if unit in ("day", "week") else date


def _year_for_month(month: int, modifier: str | None, anchor: dt.date) -> int:
    if modifier in cue_words("current"):
        return anchor.year
    if modifier in cue_words("future"):
        return anchor.year if month > anchor.month else anchor.year + 1
    if modifier in cue_words("past"):
        return anchor.year if month < anchor.month else anchor.year - 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _year_for_day(day: int, month: int, modifier: str | None, anchor: dt.date) -> dt.date | None:
    candidates = []
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # 29 February
            continue
    if modifier in cue_words("current"):
        return next((c for c in candidates if c.year == anchor.year), None)
    if modifier in cue_words("future"):
        return min((c for c in candidates if c > anchor), default=None)
    limit = anchor - dt.timedelta(days=1) if modifier in cue_words("past") else anchor + FUTURE_GRACE
    return max((c for c in candidates if c <= limit), default=None)


def _latest_hijri_year(month: int, day: int, anchor: dt.date) -> int:
    today = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri()
    year = today.year
    if (month, day) > (today.month, today.day):
        year -= 1
    return year


# --------------------------------------------------------------------------- public API


def find_dates(body: str, normalized: NormalizedText, anchor: dt.date | None) -> list[DateMention]:
    """Every date expression in ``body``, resolved against ``anchor`` where it is relative.

    ``normalized`` is ``normalize(body)``; spans index ``body``. Relative expressions are
    skipped when ``anchor`` is None; absolute ones ("9 ابريل 2018") are kept.
    """
    mentions: list[DateMention] = []
    for found in DateGrammar.load().find(normalized.text, anchor):
        span = normalized.body_span(found.start, found.end)
        mentions.append(
            DateMention(span, found.date, found.precision, span.slice(body), found.relative, found.kind)
        )
    return mentions


def resolve_expression(text: str, anchor: dt.date) -> tuple[dt.date, DatePrecision] | None:
    """Resolve one date expression ("منذ 7 سنوات 6 اشهر", "امس", "9 ابريل") against ``anchor``.

    The longest date found in ``text`` wins; None when ``text`` holds no date.
    """
    found = DateGrammar.load().find(normalize(text).text, anchor)
    if not found:
        return None
    best = max(found, key=lambda f: f.end - f.start)
    return best.date, best.precision


def anchor_date(article: Article, settings: Settings) -> dt.date | None:
    """The anchor for relative dates: the published date, else the document's or the configured crawl date."""
    candidates = (article.published, article.raw.published, article.raw.crawl_date, settings.ingest.crawl_day)
    return next((c for c in candidates if c is not None), None)


def date_stage(settings: Settings) -> Stage:
    DateGrammar.load()  # compile the patterns once per process, before the first article

    @stage("extract.dates", requires={"text.normalized", "tokens"}, assigns={"mentions.dates"})
    def run(article: Article) -> Article:
        assert article.normalized is not None
        anchor = anchor_date(article, settings)
        article.mentions.dates = find_dates(article.body, article.normalized, anchor)
        return article

    return run
