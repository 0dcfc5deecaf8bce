"""Dashboard responsiveness with many events: ``.venv/bin/python bench/bench_dashboard.py [--events N]``.

Fills a SQLite store with N synthetic events (default 10,000; the same generator as
bench_query.py), serves the app on 127.0.0.1 and opens the dashboard in headless Chromium
(Debian's, via Playwright; ``$MARSAD_CHROMIUM`` or /usr/bin/chromium), several times, each in a
fresh browser context. Measures, from the start of navigation:

* ``map_ready_ms``: the points loaded, the view fitted and the clusters of the view drawn (the
  page's ``data-ready``): the first render the target is about (<= 2,000 ms for 10 k events);
* ``timeline_ms``: the timeline bars drawn;
* ``dom_content_loaded_ms``;
* ``brush_ms``: re-filtering the map to half of the timeline (what a brush does);
* ``zoom_ms``: zooming in three levels on the newest event, re-clustering included (no
  animation), and ``markers_zoomed`` then;
* ``pan_ms``: panning by a whole view width (the clusters of the new area drawn);
* ``markers``: markers (clusters and single dots) in the page after the first render;

plus the ``/api/map`` answer (bytes, server time). Prints a table and writes
``bench/results/dashboard-<N>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))
from bench_query import fill  # noqa: E402  (bench/ is not a package)

from marsad.api.app import create_app  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.store import open_store  # noqa: E402

TARGET_MS = 2000.0
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def _map_answer(base: str) -> dict[str, float]:
    began = time.perf_counter()
    with urllib.request.urlopen(base + "/api/map", timeout=60) as response:
        payload = response.read()
    elapsed = (time.perf_counter() - began) * 1000
    return {"bytes": len(payload), "ms": round(elapsed, 1), "points": len(json.loads(payload)["points"])}


def _one_load(browser: Any, base: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "/", wait_until="commit")
    page.wait_for_selector('#map[data-ready="1"]', timeout=60_000)
    page.wait_for_selector("#timeline[data-bins]", timeout=60_000)
    timings = page.evaluate(
        """() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const board = window.marsadDashboard;
            const markers = document.querySelectorAll('#map .leaflet-marker-icon').length;
            const points = board.entries().map(e => e.date).filter(Boolean).sort();
            const middle = points[Math.floor(points.length / 2)];
            const began = performance.now();
            board.applyRange(points[0], middle);
            const brush = performance.now() - began;
            board.reset();
            const zoomBegan = performance.now();
            const newest = board.entries()[0];
            board.map.setView([newest.lat, newest.lon], board.map.getZoom() + 3, { animate: false });
            const zoom = performance.now() - zoomBegan;
            const zoomed = document.querySelectorAll('#map .leaflet-marker-icon').length;
            const panBegan = performance.now();
            board.map.panBy([board.map.getSize().x, 0], { animate: false });
            const pan = performance.now() - panBegan;
            return {
                map_ready_ms: board.readyAt,
                timeline_ms: board.timelineAt,
                dom_content_loaded_ms: nav.domContentLoadedEventEnd,
                brush_ms: brush,
                zoom_ms: zoom,
                pan_ms: pan,
                markers: markers,
                markers_zoomed: zoomed,
                shown: Number(document.getElementById('map').getAttribute('data-shown')),
            };
        }"""
    )
    context.close()
    if errors:
        raise RuntimeError(f"script errors on the dashboard: {errors}")
    return {key: round(float(value), 1) for key, value in timings.items()}


def measure(events: int, runs: int, seed: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("MARSAD_CHROMIUM") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "dash.db")) as store:
        fill_s = fill(store, events, seed)
        server, thread, base = _start(create_app(Settings(), store))
        try:
            answer = _map_answer(base)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, args=CHROMIUM_ARGS, headless=True
                )
                _one_load(browser, base)  # warm-up: static files and the SQLite page cache
                loads = [_one_load(browser, base) for _ in range(runs)]
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    return {"events": events, "fill_s": round(fill_s, 2), "map_api": answer, "loads": loads}


def summary(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    keys = ("map_ready_ms", "timeline_ms", "dom_content_loaded_ms", "brush_ms", "zoom_ms", "pan_ms")
    keys += ("markers", "markers_zoomed")
    return {
        key: {
            "median": round(statistics.median(load[key] for load in report["loads"]), 1),
            "max": round(max(load[key] for load in report["loads"]), 1),
        }
        for key in keys
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    report = measure(args.events, args.runs, args.seed)
    report["summary"] = summary(report)
    report["target"] = {"map_ready_ms": f"<= {TARGET_MS:.0f}"}
    report["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count()}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"dashboard-{args.events}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    api = report["map_api"]
    size = f"{api['bytes'] / 1024:.0f} KiB"
    print(f"{args.events} events; /api/map: {api['points']} points, {size}, {api['ms']} ms")
    print("| measure | median ms | max ms |")
    print("|---|---|---|")
    for key, values in report["summary"].items():
        print(f"| {key} | {values['median']} | {values['max']} |")
    ready = report["summary"]["map_ready_ms"]["max"]
    verdict = "meets" if ready <= TARGET_MS else "MISSES"
    print(
        f"first render (map ready, worst of {args.runs}): {ready} ms, {verdict} the {TARGET_MS:.0f} ms target"
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
