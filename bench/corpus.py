"""Reproducible synthetic Arabic conflict-news corpora for the benchmark.

``generate(count, seed)`` yields JSONL-ready records (``id``, ``title``, ``published``,
``url``, ``source`` and ``text``; or ``html``, a whole news page around the same article).
The same (count, seed, kind) always gives the same bytes.

Where the articles come from: the packaged demo corpus (``marsad/demo/*.jsonl``) when it
ships, otherwise the sentence templates below (written for this benchmark). Either way each
article is varied: place names, actors, numbers, weekdays and dates are drawn afresh and the
sentence order is shuffled, so the pipeline cannot profit from repeated identical texts.
Articles are about 3 KB of UTF-8 (~1,700 characters), the median of real news pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

TARGET_CHARS = 1700
TEMPLATE_VERSION = 2  # bump when the templates below change (cached corpora are then rebuilt)

PLACES = [
    "حلب",
    "إدلب",
    "حماة",
    "حمص",
    "دير الزور",
    "الرقة",
    "درعا",
    "دوما",
    "منبج",
    "عفرين",
    "الباب",
    "جرابلس",
    "معرة النعمان",
    "خان شيخون",
    "سراقب",
    "أريحا",
    "تدمر",
    "القامشلي",
    "الحسكة",
    "البوكمال",
    "الموصل",
    "الفلوجة",
    "الرمادي",
    "تكريت",
    "كركوك",
    "سامراء",
    "بعقوبة",
    "صنعاء",
    "تعز",
    "الحديدة",
    "مأرب",
    "عدن",
    "سرت",
    "بنغازي",
    "طرابلس",
    "مصراتة",
    "درنة",
    "غزة",
    "رفح",
    "خان يونس",
    "جنين",
    "نابلس",
]
REGIONS = ["ريف {p} الشمالي", "ريف {p} الجنوبي", "ريف {p} الغربي", "ريف {p} الشرقي", "محيط {p}", "أطراف {p}"]
ACTORS = [
    "قوات النظام",
    "فصائل المعارضة",
    "تنظيم داعش",
    "قوات سوريا الديمقراطية",
    "الجيش العراقي",
    "قوات الحشد الشعبي",
    "جماعة الحوثي",
    "قوات التحالف",
    "الجيش الوطني الليبي",
    "الجيش الروسي",
    "هيئة تحرير الشام",
    "القوات الحكومية",
]
SOURCES = [
    "المرصد السوري لحقوق الإنسان",
    "مصادر محلية",
    "الدفاع المدني",
    "وكالة الأنباء الرسمية",
    "ناشطون",
    "مصدر عسكري",
    "منظمة أطباء بلا حدود",
    "الأمم المتحدة",
]
WEEKDAYS = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]
MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
TARGETS = ["مستشفى", "سوق شعبي", "مدرسة", "مخبز", "مسجد", "حي سكني", "مخيم للنازحين"]
WEAPONS = ["البراميل المتفجرة", "القذائف الصاروخية", "الطائرات المسيرة", "المدفعية الثقيلة", "صواريخ أرض أرض"]

EVENT_SENTENCES = [
    "قتل {n} مدنيين وأصيب {n2} آخرون بجروح في غارات جوية استهدفت {target} في {place} يوم {weekday}.",
    "شنت طائرات حربية {n} غارة على {region} فجر {weekday}، بحسب {source}.",
    "قال {source} إن {actor} قصفت {place} بـ{weapon} ما أدى إلى مقتل {n} أشخاص بينهم أطفال.",
    "اندلعت اشتباكات عنيفة بين {actor} و{actor2} على محور {place} أسفرت عن سقوط {n} قتلى من الطرفين.",
    "سيطرت {actor} على بلدة {place} بعد معارك استمرت {n} أيام مع {actor2}.",
    "انفجرت عبوة ناسفة بسيارة مدنية على الطريق الواصل إلى {place}، ما أدى إلى مقتل {n} أشخاص.",
    "فجر انتحاري نفسه بحزام ناسف قرب حاجز لـ{actor} في {place}، وقتل {n} عناصر على الأقل.",
    "اعتقلت {actor} أكثر من {n} شابا خلال حملة مداهمات في {region} يوم {weekday} الماضي.",
    "خرج مئات المتظاهرين في {place} للمطالبة بالإفراج عن المعتقلين ووقف القصف.",
    "أعلن {actor} التوصل إلى اتفاق لوقف إطلاق النار في {place} لمدة {hours} ساعة يبدأ من منتصف الليل.",
    "نفى {source} وقوع أي غارات على {place} خلال الساعات الأربع والعشرين الماضية.",
    "وثق {source} مقتل {big} شخص منذ مطلع شهر {month} في {region}.",
    "استهدفت {actor} بالمدفعية الثقيلة مواقع {actor2} في {place}، ولم ترد أنباء عن إصابات.",
    "وصلت تعزيزات عسكرية تضم {n} آلية إلى {place} قادمة من {place2}.",
    "اتهم المتحدث باسم {actor} {actor2} بخرق الهدنة في {place} أكثر من {n} مرة.",
    "أسقطت {actor} طائرة مسيرة قرب {place} صباح {weekday}، حسب ما أفاد {source}.",
]
CONTEXT_SENTENCES = [
    "وتشهد المنطقة تصعيدا عسكريا منذ عدة أسابيع وسط تحذيرات أممية من كارثة إنسانية.",
    "وأشار {source} إلى أن فرق الإسعاف واجهت صعوبة في الوصول إلى المصابين بسبب استمرار القصف.",
    "ويعيش آلاف النازحين في ظروف صعبة مع نقص حاد في الغذاء والدواء ومياه الشرب.",
    "وكانت الأمم المتحدة قد دعت جميع الأطراف إلى احترام القانون الدولي الإنساني وحماية المدنيين.",
    "وتعد {place} من أبرز المناطق التي شهدت معارك متكررة خلال السنوات الماضية.",
    "وأكد شهود عيان أن أصوات الانفجارات سمعت في أرجاء المدينة حتى ساعات الصباح الأولى.",
    "ولم تعلق {actor} على هذه الأنباء حتى ساعة إعداد هذا الخبر.",
    "ويأتي ذلك بعد {n} أيام من جولة مفاوضات لم تسفر عن نتائج ملموسة.",
    "وطالبت منظمات حقوقية بفتح تحقيق مستقل في الهجوم ومحاسبة المسؤولين عنه.",
    "وأفادت مصادر طبية بأن حالة عدد من الجرحى خطيرة، ما يرجح ارتفاع حصيلة القتلى.",
    "وتحدث سكان عن موجة نزوح جديدة باتجاه القرى الحدودية هربا من المعارك.",
    "وقال مدير المستشفى الميداني في {place} إن الطواقم الطبية تعمل بطاقتها القصوى.",
]
TITLES = [
    "قتلى وجرحى بقصف على {place}",
    "اشتباكات عنيفة في {region}",
    "هدنة جديدة في {place}",
    "تصعيد عسكري في {place} و{place2}",
    "{actor} تعلن السيطرة على {place}",
    "غارات تستهدف {region}",
]

_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="article:published_time" content="{published}T08:30:00+03:00"></head>
<style>body{{font-family:sans-serif}} .share a{{margin:0 4px}} aside li{{list-style:none}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>
<body><header><nav><ul>{nav}</ul></nav><div class="logo">{site}</div></header>
<main><article><h1>{title}</h1><div class="meta"><span class="date">{published}</span></div>
<div class="share">شارك على فيسبوك تويتر واتساب</div>
<div class="entry-content">{paragraphs}</div></article>
<aside class="most-read"><h3>الأكثر قراءة</h3><ul>{most_read}</ul></aside>
<section id="comments"><h3>التعليقات</h3>{comments}</section></main>
<footer><p>جميع الحقوق محفوظة {year} {site}</p><ul>{nav}</ul></footer></body></html>"""
_NAV = [
    "الرئيسية",
    "أخبار",
    "سياسة",
    "اقتصاد",
    "رياضة",
    "ثقافة",
    "تقارير",
    "منوعات",
    "صحة",
    "تكنولوجيا",
    "فيديو",
    "صور",
    "رأي",
    "حوارات",
    "من نحن",
    "اتصل بنا",
]
_COMMENTS = ["الله يحمي الأبرياء", "متى ينتهي هذا الكابوس", "حسبنا الله ونعم الوكيل", "رحم الله الشهداء"]


def generate(count: int, seed: int = 20261122, kind: str = "text") -> Iterator[dict[str, object]]:
    """``count`` records; ``kind`` is "text" (a ``text`` field) or "html" (a whole page)."""
    rng = random.Random(f"{seed}:{count}")
    bases = demo_bodies()
    for number in range(count):
        record = _article(rng, number, bases)
        if kind == "html":
            record["html"] = _page(rng, record)
            del record["text"]
        yield record


def write(path: Path, count: int, seed: int = 20261122, kind: str = "text") -> Path:
    """Write the corpus to ``path`` once (kept if it is already there) and return the path."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for record in generate(count, seed, kind):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def demo_bodies() -> list[str]:
    """Clean article texts of the packaged demo corpus (its JSONL feed), when it ships.

    Only the feed is used: its ``text`` fields are article bodies already, where the demo's
    scraped pages and HTML would need marsad's own cleaner (and change with it).
    """
    try:
        from marsad.demo import corpus_paths
    except ImportError:
        return []
    bodies = []
    for path in corpus_paths():
        if path.suffix != ".jsonl":
            continue
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str) and len(text) > 200:
                    bodies.append(text)
    return bodies


def source_tag() -> str:
    """Names what the articles are made from, so a cached corpus is rebuilt when that changes."""
    bases = demo_bodies()
    if not bases:
        return f"templates-v{TEMPLATE_VERSION}"
    return "demo-" + hashlib.sha1("\n".join(bases).encode()).hexdigest()[:8]


def _slots(rng: random.Random, published: dt.date) -> dict[str, object]:
    place, place2 = rng.sample(PLACES, 2)
    actor, actor2 = rng.sample(ACTORS, 2)
    return {
        "place": place,
        "place2": place2,
        "region": rng.choice(REGIONS).format(p=place),
        "actor": actor,
        "actor2": actor2,
        "source": rng.choice(SOURCES),
        "weekday": rng.choice(WEEKDAYS),
        "month": MONTHS[published.month - 1],
        "target": rng.choice(TARGETS),
        "weapon": rng.choice(WEAPONS),
        "n": rng.randint(2, 60),
        "n2": rng.randint(2, 90),
        "big": rng.randint(100, 3000),
        "hours": rng.choice([24, 48, 72, 96]),
    }


def _article(rng: random.Random, number: int, bases: list[str]) -> dict[str, object]:
    published = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
    slots = _slots(rng, published)
    body = _from_demo(rng, bases) if bases else _from_templates(rng, slots, published)
    return {
        "id": f"bench-{number:07d}",
        "title": rng.choice(TITLES).format(**slots),
        "published": published.isoformat(),
        "url": f"https://news.example/{published:%Y/%m/%d}/{number}",
        "source": "bench",
        "text": body,
    }


def _from_templates(rng: random.Random, slots: dict[str, object], published: dt.date) -> str:
    dateline = f"{slots['place']} - {published.day} {slots['month']} {published.year}: "
    events = rng.sample(EVENT_SENTENCES, len(EVENT_SENTENCES))
    context = rng.sample(CONTEXT_SENTENCES, len(CONTEXT_SENTENCES))
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < TARGET_CHARS and (events or context):
        pool = events if events and (rng.random() < 0.55 or not context) else context
        fresh = _slots(rng, published)  # numbers always, places and actors now and then
        local = slots | {k: fresh[k] for k in ("n", "n2", "big", "hours")}
        sentences.append(pool.pop().format(**(fresh if rng.random() < 0.3 else local)))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return dateline + "\n".join(paragraphs)


_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"(?<=[.!؟])\s+")


def _from_demo(rng: random.Random, bases: list[str]) -> str:
    """Demo articles are short: several, each varied, make one ~3 KB article (one per paragraph)."""
    picked = rng.sample(bases, len(bases))
    paragraphs: list[str] = []
    while picked and sum(len(p) + 1 for p in paragraphs) < TARGET_CHARS:
        paragraphs.append(_vary_demo(rng, picked.pop()))
    return "\n".join(paragraphs)


def _vary_demo(rng: random.Random, base: str) -> str:
    """A demo article with its numbers redrawn, known places swapped and sentences shuffled."""
    text = _DIGITS.sub(lambda m: _redraw(rng, m.group()), base)
    for place in PLACES:
        if place in text and rng.random() < 0.5:
            text = text.replace(place, rng.choice(PLACES))
    sentences = _SENTENCE_END.split(text)
    head, rest = sentences[:1], sentences[1:]
    rng.shuffle(rest)
    return " ".join(head + rest)


def _redraw(rng: random.Random, number: str) -> str:
    """A new number of the same size; a year stays a plausible year."""
    if len(number) == 4 and number[:2] in ("19", "20"):
        return str(rng.randint(2011, 2024))
    return str(rng.randint(1, 10 ** len(number) - 1))


def _page(rng: random.Random, record: dict[str, object]) -> str:
    body = str(record["text"])
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n"))
    nav = "".join(f'<li><a href="/{i}">{name}</a></li>' for i, name in enumerate(_NAV))
    headlines = [rng.choice(TITLES).format(**_slots(rng, dt.date(2018, 1, 1))) for _ in range(10)]
    most_read = "".join(f'<li><a href="/r/{i}">{line}</a></li>' for i, line in enumerate(headlines))
    comments = "".join(
        f'<div class="comment"><b>زائر {i}</b><p>{rng.choice(_COMMENTS)}</p></div>'
        for i in range(rng.randint(0, 4))
    )
    return _PAGE.format(
        title=html.escape(str(record["title"])),
        site="أخبار الاختبار",
        published=record["published"],
        nav=nav,
        paragraphs=paragraphs,
        most_read=most_read,
        comments=comments,
        year=str(record["published"])[:4],
    )
