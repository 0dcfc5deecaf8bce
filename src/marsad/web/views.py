"""The dashboard's HTML pages. Each view calls :mod:`marsad.store.query` (the same functions as
the API) and renders a Jinja2 template with autoescaping on, so text from articles and reader
comments is always inert.

Pages take the API's filter parameters (``type``, ``actor``, ``place``, ``since``, ``until``,
``truce``, ``source``, ``q``...) so every view is a linkable URL; ``lang=ar|en`` switches the
interface language (remembered in a cookie).
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from marsad import __version__
from marsad.api.context import AppContext, context, require_read
from marsad.api.errors import ErrorBody, not_found
from marsad.api.filters import Paging, event_query, paging, text_param
from marsad.event import EventType
from marsad.store import query, tracking
from marsad.store.query import MAX_LIMIT, EventFilter
from marsad.web.highlight import KINDS, article_marks, runs
from marsad.web.i18n import DEFAULT_LANG, Labels, Lang, parse_lang

LANG_COOKIE = "marsad_lang"
EVENTS_ON_PAGE = 50

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)
Ctx = Annotated[AppContext, Depends(context)]


def templates_dir() -> Path:
    return Path(str(resources.files("marsad.web").joinpath("templates")))


def static_dir() -> Path:
    return Path(str(resources.files("marsad.web").joinpath("static")))


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment (autoescaping everything), built once."""
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["safe_href"] = safe_href
    env.globals["version"] = __version__
    return env


def safe_href(url: str | None) -> str | None:
    """A link target only for http(s) URLs: a stored ``javascript:`` URL must not become a link."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in {"http", "https"} else None


def page_lang(request: Request) -> Lang:
    return (
        parse_lang(request.query_params.get("lang"))
        or parse_lang(request.cookies.get(LANG_COOKIE))
        or DEFAULT_LANG
    )


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """This page's URL (or ``path``) with some query parameters replaced (None removes them)."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for key, value in changes.items():
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        kept += [(key, str(v)) for v in values]
    query_string = urlencode(kept)
    return (path or request.url.path) + (f"?{query_string}" if query_string else "")


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    lang = page_lang(request)
    labels = Labels(lang)
    compiled = environment().get_template(template)
    html = compiled.render(
        request=request,
        lang=lang,
        L=labels,
        t=labels.t,
        v=labels.v,
        url_with=lambda path=None, **changes: url_with(request, path, **changes),
        **values,
    )
    response = HTMLResponse(html, status_code=status)
    asked = parse_lang(request.query_params.get("lang"))
    if asked is not None and request.cookies.get(LANG_COOKIE) != asked.value:
        year = 365 * 24 * 3600
        response.set_cookie(LANG_COOKIE, asked.value, max_age=year, samesite="strict", httponly=True)
    return response


def render_error(request: Request, body: ErrorBody, headers: dict[str, str] | None) -> Response:
    """The one error shape as a page (for browsers); the same fields as the JSON."""
    response = render(request, "error.html", status=body.status, error=body)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


# --- the dashboard ------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request,
    ctx: Ctx,
    events: Annotated[EventFilter, Depends(event_query)],
    page: Annotated[Paging, Depends(paging)],
) -> HTMLResponse:
    """Map and timeline first, then the matching events with their evidence."""
    engine = ctx.store.engine
    rows = query.list_events(engine, events, min(page.limit, EVENTS_ON_PAGE), page.offset)
    limit = min(page.limit, EVENTS_ON_PAGE)
    counted = query.count_events_capped(engine, events, cap=max(query.COUNT_CAP, page.offset + limit + 1))
    labels = Labels(page_lang(request))
    return render(
        request,
        "dashboard.html",
        events=rows,
        total=counted.as_text(),
        pager=pager_for(request, page.offset, limit, counted.count),
        event_types=[t.value for t in EventType],
        chosen_types={t.value for t in events.event_types},
        sources=query.list_sources(engine),
        truces=_truce_choices(ctx),
        params=request.query_params,
        tile_url=ctx.settings.server.tile_url,
        script_labels=labels.for_script(),
        api_query=_filter_query(request),
    )


def _truce_choices(ctx: AppContext) -> list[tuple[str, str]]:
    """(id, name) of every registry truce, for the truce filter."""
    return [(row.truce_id, row.name) for row in tracking.list_truces(ctx.store.engine, limit=MAX_LIMIT)]


def _filter_query(request: Request) -> str:
    """The page's filter parameters, for the API calls the dashboard script makes."""
    page_only = {"lang", "limit", "offset"}
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in page_only])


# --- articles -----------------------------------------------------------------------------


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    ctx: Ctx,
    page: Annotated[Paging, Depends(paging)],
    source: Annotated[str | None, text_param("The outlet, as stored.")] = None,
    q: Annotated[str | None, text_param("Words in the title or body (folded).")] = None,
) -> HTMLResponse:
    engine = ctx.store.engine
    limit = min(page.limit, EVENTS_ON_PAGE)
    rows = query.list_articles(engine, limit, page.offset, source, q)
    total = query.count_articles(engine, source, q)
    return render(
        request,
        "articles.html",
        articles=rows,
        total=total,
        pager=pager_for(request, page.offset, limit, total),
        params=request.query_params,
    )


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse)
def article(request: Request, ctx: Ctx, doc_id: str) -> HTMLResponse:
    """The article, right to left, with every extracted span highlighted, its records, its comments."""
    view = query.get_article(ctx.store.engine, doc_id)
    if view is None:
        raise not_found("article", doc_id)
    labels = Labels(page_lang(request))
    kind_names = {kind: labels.t(f"kind.{kind}") for kind in KINDS}
    body_runs = runs(view.body, article_marks(view, kind_names))
    present = {kind for run in body_runs for kind in run.kinds}
    legend = [(kind, kind_names[kind]) for kind in reversed(KINDS) if kind in present]
    return render(request, "article.html", article=view, runs=body_runs, legend=legend)


# --- helpers ------------------------------------------------------------------------------


def pager_for(request: Request, offset: int, limit: int, total: int) -> dict[str, Any]:
    previous = max(offset - limit, 0) if offset > 0 else None
    following = offset + limit if offset + limit < total else None
    return {
        "start": offset + 1 if total else 0,
        "end": min(offset + limit, total),
        "total": total,
        "prev": url_with(request, offset=previous) if previous is not None else None,
        "next": url_with(request, offset=following) if following is not None else None,
        "pages": math.ceil(total / limit) if limit else 0,
    }


class BlankFieldsMiddleware:
    """Drops empty query parameters on page URLs: an HTML form sends ``since=`` for an empty
    date field, which means "no filter" there (the API itself refuses a blank date)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept).encode("latin-1")}
        await self.app(scope, receive, send)
