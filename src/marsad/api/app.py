"""A minimal web app over the store: one page with the counts and the latest events.

Placeholder for the real API and dashboard (``create_app(settings, store=None)`` is the
entry point ``marsad serve`` and ``marsad demo`` run; keep the signature when replacing it).
Everything it shows comes from :mod:`marsad.store.query`.
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from marsad import __version__
from marsad.settings import Settings
from marsad.store import EventRow, Store, StoreStats, open_store

RECENT = 50


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The web app; opens the configured store unless one is given."""
    store = store or open_store(settings.store.url, busy_timeout_s=settings.store.busy_timeout_s)
    app = FastAPI(title="marsad", version=__version__)

    @app.get("/", response_class=HTMLResponse)
    def first_page() -> str:
        return _page(store.stats(), store.list_events(limit=RECENT))

    @app.get("/api/stats")
    def stats() -> dict[str, object]:
        return store.stats().as_record()

    @app.get("/healthz")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app


def _page(stats: StoreStats, events: list[EventRow]) -> str:
    counts = "".join(
        f"<li>{escape(label)}: <b>{n}</b></li>"
        for label, n in (
            ("documents", stats.documents),
            ("dropped", stats.dropped),
            ("events", stats.events),
            ("claims", stats.claims),
            ("truces", stats.truces),
            ("failed inputs", stats.failures),
        )
    )
    by_type = "".join(f"<li>{escape(t)}: {n}</li>" for t, n in stats.events_by_type.items())
    rows = "".join(_event_row(e) for e in events)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>marsad</title>
<style>body{{font-family:sans-serif;margin:2em}} td{{padding:.2em .6em;vertical-align:top}}
.ar{{direction:rtl;text-align:right}}</style></head>
<body><h1>marsad (مرصد)</h1>
<ul>{counts}</ul><h2>Events by type</h2><ul>{by_type}</ul>
<h2>Latest events</h2>
<table><tr><th>date</th><th>type</th><th>place</th><th>killed</th><th>source</th><th>evidence</th></tr>
{rows}</table></body></html>"""


def _event_row(event: EventRow) -> str:
    place = event.place.name_en or event.place.name if event.place else ""
    cells = (
        event.date.isoformat() if event.date else "",
        event.sub_event_type,
        place or "",
        "" if event.fatalities is None else str(event.fatalities),
        event.source or "",
    )
    plain = "".join(f"<td>{escape(c)}</td>" for c in cells)
    return f'<tr>{plain}<td class="ar">{escape(event.evidence)}</td></tr>'
