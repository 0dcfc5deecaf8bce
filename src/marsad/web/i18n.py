"""Interface labels in English and Arabic (Arabic pages are laid out right to left).

The language comes from ``?lang=ar|en`` (remembered in a cookie), else the cookie, else
English. Labels are looked up by key; a key missing in Arabic falls back to English, and an
unknown key shows itself, so a missing label is visible rather than an error.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marsad.event import EventType, Stance, SubEventType, TruceKind
from marsad.store.export import ACLED_EVENT_TYPES, ACLED_SUB_EVENT_TYPES


class Lang(StrEnum):
    EN = "en"
    AR = "ar"

    @property
    def direction(self) -> str:
        return "rtl" if self is Lang.AR else "ltr"

    @property
    def other(self) -> Lang:
        return Lang.EN if self is Lang.AR else Lang.AR


DEFAULT_LANG = Lang.EN

_UI_EN = {
    "app": "marsad",
    "tagline": "Arabic conflict news as a record: events, places, actors, ceasefires",
    "nav.map": "Map",
    "nav.articles": "Articles",
    "nav.truces": "Truces",
    "nav.incidents": "Incidents",
    "nav.contradictions": "Contradictions",
    "nav.api": "API",
    "lang.switch": "العربية",
    "filters": "Filters",
    "f.type": "Event type",
    "f.any_type": "any type",
    "f.actor": "Actor",
    "f.place": "Place",
    "f.since": "From",
    "f.until": "To",
    "f.truce": "Truce",
    "f.any_truce": "any (no truce filter)",
    "f.source": "Source",
    "f.any_source": "any source",
    "f.q": "Words",
    "f.apply": "Apply",
    "f.clear": "Clear filters",
    "map": "Map",
    "map.offline": "Offline base map: country outlines (set server.tile_url for map tiles).",
    "map.status": "{shown} events on the map; {unlocated} without coordinates.",
    "map.loading": "Loading events…",
    "map.group": "{count} events, mostly {type}: click to zoom in",
    "map.here": "{count} events here",
    "map.more": "… and {count} more: narrow the dates with the timeline.",
    "timeline": "Timeline",
    "timeline.help": "Drag across the bars to show only those dates on the map.",
    "timeline.reset": "Show all dates",
    "timeline.range": "Showing {since} – {until}",
    "events.latest": "Matching events",
    "events.none": "No events match these filters.",
    "events.total": "{total} events match.",
    "date": "Date",
    "type": "Type",
    "sub_type": "Sub-type",
    "place": "Place",
    "actors": "Actors",
    "actor1": "Actor",
    "actor2": "Against",
    "fatalities": "Killed",
    "injuries": "Injured",
    "source": "Source",
    "published": "Published",
    "evidence": "Evidence",
    "read_article": "Read the article",
    "open_source": "Original page",
    "article": "Article",
    "articles": "Articles",
    "articles.none": "No articles.",
    "article.body": "Text",
    "article.legend": "Highlighted spans",
    "article.events": "Events in this article",
    "article.claims": "Claims",
    "article.truces": "Truces announced",
    "article.comments": "Reader comments",
    "article.comments_note": "Reader comments are shown apart: they are not used as evidence.",
    "article.dropped": "This article produced no records: {reason} ({stage}).",
    "article.no_events": "No events were extracted.",
    "kind.place": "place",
    "kind.actor": "actor",
    "kind.quantity": "number",
    "kind.date": "date",
    "kind.trigger": "event word",
    "kind.evidence": "evidence sentence",
    "kind.field": "field of a record",
    "speaker": "Speaker",
    "stance": "Stance",
    "claim": "Claim",
    "truce": "Truce",
    "truces": "Truces",
    "truces.none": "No truces are recorded.",
    "truce.kind": "Kind",
    "truce.window": "Window",
    "truce.open": "open-ended",
    "truce.zones": "Zones",
    "truce.exclusions": "Excluded",
    "truce.parties": "Parties",
    "truce.duration": "Duration (hours)",
    "truce.origin": "Origin",
    "truce.violations": "Violations",
    "truce.violations_over_time": "Violations over time",
    "truce.no_violations": "No violations recorded.",
    "truce.articles": "Announced in",
    "truce.by_party": "By party",
    "truce.undetermined": "Undetermined",
    "truce.show_on_map": "Show its violations on the map",
    "incident": "Incident",
    "incidents": "Incidents",
    "incidents.none": "No incidents are recorded.",
    "incident.grade": "Grade",
    "incident.fatality_range": "Killed (range over sources)",
    "incident.sources": "Sources side by side",
    "incident.independent": "Independent sources",
    "incident.reasons": "Why",
    "contradictions": "Contradictions",
    "contradictions.none": "No contradictions are recorded.",
    "contradiction.denial": "Denial",
    "contradiction.report": "Report",
    "pager.prev": "Previous",
    "pager.next": "Next",
    "pager.of": "{start}–{end} of {total}",
    "error": "Error",
    "error.back": "Back to the map",
    "api.title": "API reference",
    "api.intro": "JSON endpoints; the machine-readable spec is at /openapi.json.",
    "yes": "yes",
    "no": "no",
    "unknown": "unknown",
    "unattributed": "unattributed",
}

_UI_AR = {
    "app": "مرصد",
    "tagline": "أخبار النزاع العربية سجلاً: أحداث وأماكن وأطراف وهدن",
    "nav.map": "الخريطة",
    "nav.articles": "المقالات",
    "nav.truces": "الهدن",
    "nav.incidents": "الحوادث",
    "nav.contradictions": "التناقضات",
    "nav.api": "واجهة البرمجة",
    "lang.switch": "English",
    "filters": "التصفية",
    "f.type": "نوع الحدث",
    "f.any_type": "كل الأنواع",
    "f.actor": "الطرف",
    "f.place": "المكان",
    "f.since": "من",
    "f.until": "إلى",
    "f.truce": "الهدنة",
    "f.any_truce": "أي هدنة (بلا تصفية)",
    "f.source": "المصدر",
    "f.any_source": "كل المصادر",
    "f.q": "كلمات",
    "f.apply": "تطبيق",
    "f.clear": "مسح التصفية",
    "map": "الخريطة",
    "map.offline": "خريطة أساس دون اتصال: حدود الدول (اضبط server.tile_url لعرض البلاطات).",
    "map.status": "{shown} حدثاً على الخريطة، و{unlocated} بلا إحداثيات.",
    "map.loading": "جارٍ تحميل الأحداث…",
    "map.group": "{count} حدثاً، أغلبها {type}: انقر للتكبير",
    "map.here": "{count} حدثاً في هذا الموضع",
    "map.more": "… و{count} غيرها: ضيّق التواريخ بالخط الزمني.",
    "timeline": "الخط الزمني",
    "timeline.help": "اسحب عبر الأعمدة لعرض تلك التواريخ فقط على الخريطة.",
    "timeline.reset": "عرض كل التواريخ",
    "timeline.range": "المعروض: {since} – {until}",
    "events.latest": "الأحداث المطابقة",
    "events.none": "لا أحداث تطابق هذه التصفية.",
    "events.total": "{total} حدثاً مطابقاً.",
    "date": "التاريخ",
    "type": "النوع",
    "sub_type": "النوع الفرعي",
    "place": "المكان",
    "actors": "الأطراف",
    "actor1": "الفاعل",
    "actor2": "ضد",
    "fatalities": "القتلى",
    "injuries": "الجرحى",
    "source": "المصدر",
    "published": "تاريخ النشر",
    "evidence": "الدليل",
    "read_article": "اقرأ المقال",
    "open_source": "الصفحة الأصلية",
    "article": "المقال",
    "articles": "المقالات",
    "articles.none": "لا مقالات.",
    "article.body": "النص",
    "article.legend": "المقاطع المظللة",
    "article.events": "أحداث هذا المقال",
    "article.claims": "التصريحات",
    "article.truces": "الهدن المعلنة",
    "article.comments": "تعليقات القراء",
    "article.comments_note": "تعليقات القراء معروضة على حدة: لا تُستخدم دليلاً.",
    "article.dropped": "لم ينتج هذا المقال أي سجل: {reason} ({stage}).",
    "article.no_events": "لم تُستخرج أحداث.",
    "kind.place": "مكان",
    "kind.actor": "طرف",
    "kind.quantity": "عدد",
    "kind.date": "تاريخ",
    "kind.trigger": "كلمة الحدث",
    "kind.evidence": "جملة الدليل",
    "kind.field": "حقل في سجل",
    "speaker": "المتحدث",
    "stance": "الموقف",
    "claim": "التصريح",
    "truce": "الهدنة",
    "truces": "الهدن",
    "truces.none": "لا هدن مسجلة.",
    "truce.kind": "النوع",
    "truce.window": "الفترة",
    "truce.open": "مفتوحة",
    "truce.zones": "المناطق",
    "truce.exclusions": "المستثنى",
    "truce.parties": "الأطراف",
    "truce.duration": "المدة (ساعات)",
    "truce.origin": "المصدر",
    "truce.violations": "الخروقات",
    "truce.violations_over_time": "الخروقات عبر الزمن",
    "truce.no_violations": "لا خروقات مسجلة.",
    "truce.articles": "أُعلنت في",
    "truce.by_party": "حسب الطرف",
    "truce.undetermined": "غير محسوم",
    "truce.show_on_map": "اعرض خروقاتها على الخريطة",
    "incident": "الحادثة",
    "incidents": "الحوادث",
    "incidents.none": "لا حوادث مسجلة.",
    "incident.grade": "التقدير",
    "incident.fatality_range": "القتلى (المدى بين المصادر)",
    "incident.sources": "المصادر جنباً إلى جنب",
    "incident.independent": "مصادر مستقلة",
    "incident.reasons": "الأسباب",
    "contradictions": "التناقضات",
    "contradictions.none": "لا تناقضات مسجلة.",
    "contradiction.denial": "النفي",
    "contradiction.report": "الخبر",
    "pager.prev": "السابق",
    "pager.next": "التالي",
    "pager.of": "{start}–{end} من {total}",
    "error": "خطأ",
    "error.back": "العودة إلى الخريطة",
    "api.title": "مرجع واجهة البرمجة",
    "api.intro": "نقاط JSON؛ المواصفة الآلية في /openapi.json.",
    "yes": "نعم",
    "no": "لا",
    "unknown": "غير معروف",
    "unattributed": "غير منسوب",
}

_EVENT_TYPES_AR = {
    EventType.BATTLES: "معارك",
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: "انفجارات وعنف عن بعد",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "عنف ضد المدنيين",
    EventType.PROTESTS: "احتجاجات",
    EventType.RIOTS: "أعمال شغب",
    EventType.STRATEGIC_DEVELOPMENTS: "تطورات استراتيجية",
}

_S = SubEventType
_SUB_TYPES_AR = {
    _S.ARMED_CLASH: "اشتباك مسلح",
    _S.GOVERNMENT_REGAINS_TERRITORY: "استعادة الحكومة أرضاً",
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: "سيطرة جماعة غير حكومية على أرض",
    _S.CHEMICAL_WEAPON: "سلاح كيميائي",
    _S.AIR_DRONE_STRIKE: "غارة جوية أو بمسيّرة",
    _S.SUICIDE_BOMB: "تفجير انتحاري",
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: "قصف مدفعي أو صاروخي",
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: "عبوة ناسفة أو لغم",
    _S.GRENADE: "قنبلة يدوية",
    _S.SEXUAL_VIOLENCE: "عنف جنسي",
    _S.ATTACK: "هجوم",
    _S.ABDUCTION_FORCED_DISAPPEARANCE: "خطف أو إخفاء قسري",
    _S.PEACEFUL_PROTEST: "احتجاج سلمي",
    _S.PROTEST_WITH_INTERVENTION: "احتجاج مع تدخل",
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: "قوة مفرطة ضد المحتجين",
    _S.VIOLENT_DEMONSTRATION: "تظاهرة عنيفة",
    _S.MOB_VIOLENCE: "عنف جماعي",
    _S.AGREEMENT: "اتفاق",
    _S.ARRESTS: "اعتقالات",
    _S.CHANGE_TO_GROUP_ACTIVITY: "تغير في نشاط جماعة",
    _S.DISRUPTED_WEAPONS_USE: "إحباط استخدام سلاح",
    _S.HEADQUARTERS_OR_BASE_ESTABLISHED: "إنشاء مقر أو قاعدة",
    _S.LOOTING_PROPERTY_DESTRUCTION: "نهب أو تدمير ممتلكات",
    _S.NON_VIOLENT_TRANSFER_OF_TERRITORY: "انتقال سلمي للسيطرة",
    _S.OTHER: "أخرى",
}

_STANCES = {
    Stance.ASSERT: ("asserts", "يؤكد"),
    Stance.DENY: ("denies", "ينفي"),
    Stance.ACCUSE: ("accuses", "يتهم"),
    Stance.THREATEN: ("threatens", "يهدد"),
    Stance.PROMISE: ("promises", "يتعهد"),
    Stance.DEMAND: ("demands", "يطالب"),
}

_TRUCE_KINDS = {
    TruceKind.CEASEFIRE: ("ceasefire", "وقف إطلاق النار"),
    TruceKind.CALM: ("calm regime", "تهدئة"),
    TruceKind.CORRIDOR: ("humanitarian corridor", "ممر إنساني"),
    TruceKind.EVACUATION: ("evacuation deal", "اتفاق إجلاء"),
}

_TRUCE_ORIGINS = {
    "extracted": ("from the news", "من الأخبار"),
    "user": ("declared by a user", "أعلنها مستخدم"),
}

_GRADES = {
    "single_source": ("single source", "مصدر واحد"),
    "corroborated": ("corroborated", "مؤكَّد من مصادر عدة"),
    "contested": ("contested", "متنازع عليه"),
}


def parse_lang(value: str | None) -> Lang | None:
    try:
        return Lang(value) if value else None
    except ValueError:
        return None


def ui_labels(lang: Lang) -> dict[str, str]:
    return {**_UI_EN, **_UI_AR} if lang is Lang.AR else dict(_UI_EN)


def event_type_labels(lang: Lang) -> dict[str, str]:
    if lang is Lang.AR:
        return {t.value: _EVENT_TYPES_AR[t] for t in EventType}
    return {t.value: ACLED_EVENT_TYPES[t] for t in EventType}


def sub_type_labels(lang: Lang) -> dict[str, str]:
    if lang is Lang.AR:
        return {t.value: _SUB_TYPES_AR[t] for t in SubEventType}
    return {t.value: ACLED_SUB_EVENT_TYPES[t] for t in SubEventType}


def vocabulary(lang: Lang) -> dict[str, dict[str, str]]:
    """Labels of the closed vocabularies: event types, sub-types, stances, truce kinds, grades."""
    pick = 1 if lang is Lang.AR else 0
    return {
        "event_type": event_type_labels(lang),
        "sub_event_type": sub_type_labels(lang),
        "stance": {s.value: names[pick] for s, names in _STANCES.items()},
        "truce_kind": {k.value: names[pick] for k, names in _TRUCE_KINDS.items()},
        "grade": {g: names[pick] for g, names in _GRADES.items()},
        "truce_origin": {o: names[pick] for o, names in _TRUCE_ORIGINS.items()},
    }


class Labels:
    """What templates call: ``t("key", n=3)`` and ``v("event_type", "battles")``."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.ui = ui_labels(lang)
        self.vocab = vocabulary(lang)

    def t(self, key: str, **values: Any) -> str:
        text = self.ui.get(key, key)
        return text.format(**values) if values else text

    def v(self, vocabulary_name: str, value: str | None) -> str:
        if value is None:
            return ""
        return self.vocab.get(vocabulary_name, {}).get(value, value)

    def for_script(self) -> dict[str, Any]:
        """The labels the dashboard script needs (sent as a JSON data block, never as code)."""
        keys = [k for k in self.ui if k.startswith(("map.", "timeline.")) or "." not in k]
        return {"ui": {k: self.ui[k] for k in keys}, "vocab": self.vocab, "lang": self.lang.value}
