"""Malicious articles, reader comments and a truce, sent in through the write API like any other.

Each markup payload sets ``window.__marsadXss`` (or opens a dialog) if it ever runs. They sit in
the event's evidence sentence (shown on the map popup, the event cards and the article page), in
the title, the outlet, reader comments and their authors, and a declared truce's name and
parties. Text with right-to-left overrides (U+202E) checks that one field cannot reverse the
text around it.
"""

from __future__ import annotations

import html
from typing import Any

FLAG = "__marsadXss"

MARKUP = [
    f"<script>window.{FLAG}=1</script>",
    f'<img src=x onerror="window.{FLAG}=2">',
    f'<svg onload="window.{FLAG}=3"></svg>',
    f"<svg><script>window.{FLAG}=4</script></svg>",
    f'"><script>window.{FLAG}=5</script>',
    f"'><img src=x onerror=window.{FLAG}=6>",
    f"</textarea></title></style><script>window.{FLAG}=7</script>",
    f'<iframe src="javascript:window.parent.{FLAG}=8"></iframe>',
    f'<a href="javascript:window.{FLAG}=9">انقر هنا</a>',
    f'<body onload="window.{FLAG}=10">',
    f'<math><mtext></p><img src=x onerror="window.{FLAG}=11"></mtext></math>',
    f'<style>body{{background:url("javascript:window.{FLAG}=12")}}</style>',
    f'<meta http-equiv="refresh" content="0;url=javascript:window.{FLAG}=13">',
    f'<details open ontoggle="window.{FLAG}=14">',
    f'<input autofocus onfocus="window.{FLAG}=15">',
    "<img src=x onerror=alert(1)>",
    '<svg/onload=confirm("x")>',
    "{{ 7*7 }}{% print(49) %}",
]
#: A right-to-left override left open: displayed, it reverses the text after it in its box.
RLO = "\u202e"
JS_URL = f"javascript:window.{FLAG}=20"

TEXT_ID = "xss-text"
HTML_ID = "xss-html"
RLO_ID = "xss-rlo"
TRUCE_ID = "xss-truce"

_STRIKE = "قتل ثلاثة مدنيين {payload} في قصف جوي على مدينة دوما صباح اليوم."
_MORE = "وقال الدفاع المدني {payload} إن الحصيلة مرشحة للارتفاع."


def text_document() -> dict[str, Any]:
    """Every payload in the body (the first inside the event's sentence), title and outlet."""
    sentences = [_STRIKE.format(payload=MARKUP[1])]
    sentences += [_MORE.format(payload=payload) for payload in MARKUP]
    return {
        "id": TEXT_ID,
        "text": " ".join(sentences),
        "title": f"غارة على دوما {MARKUP[0]} {MARKUP[4]}",
        "source": f"وكالة {MARKUP[5]}",
        "url": JS_URL,
        "published": "2016-05-02",
    }


def html_document() -> dict[str, Any]:
    """A news page whose paragraphs and reader comments hold the payloads as text (entities)."""
    escaped = [html.escape(payload) for payload in MARKUP]
    comments = "".join(
        f'<li id="comment-{n}" class="comment"><div class="comment-author">زائر {payload}</div>'
        f'<div class="comment-content"><p>تعليق {payload} حسبنا الله</p></div></li>'
        for n, payload in enumerate(escaped)
    )
    page = f"""<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>قصف على حلب</title>
<meta property="article:published_time" content="2016-05-03T10:00:00+03:00"></head><body>
<article class="post"><h1 class="entry-title">قصف على حلب {escaped[0]}</h1><div class="entry-content">
<p>{_STRIKE.format(payload=escaped[2]).replace("دوما", "حلب")}</p>
<p>{_MORE.format(payload=escaped[3])}</p></div></article>
<section id="comments" class="comments-area"><ol class="comment-list">{comments}</ol></section>
</body></html>"""
    return {"id": HTML_ID, "html": page, "url": JS_URL, "source": "مدونة"}


def rlo_document() -> dict[str, Any]:
    """Overrides left open in the title, the outlet and the body."""
    return {
        "id": RLO_ID,
        "text": _STRIKE.format(payload=f"{RLO}تقرير مزور") + " " + _MORE.format(payload=RLO),
        "title": f"{RLO}عنوان معكوس",
        "source": f"{RLO}gnitroper",
        "published": "2016-05-04",
    }


def truce() -> dict[str, Any]:
    return {
        "id": TRUCE_ID,
        "name": f"هدنة {MARKUP[0]} {RLO}",
        "kind": "calm",
        "parties": [MARKUP[1], f"{RLO}طرف"],
        "start": "2016-05-01",
        "end": "2016-05-10",
        "zones": [{"lat": 33.57, "lon": 36.40, "radius_km": 15}],
        "notes": MARKUP[2],
    }


def documents() -> list[dict[str, Any]]:
    return [text_document(), html_document(), rlo_document()]
