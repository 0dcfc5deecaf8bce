"""The dashboard's pages as HTML (no browser): filters in the URL, escaping, RTL, languages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.store import Store
from tests.api.conftest import ALEPPO_TRUCE, make_settings

HTML = {"accept": "text/html"}


def page(client: TestClient, path: str, **params: object) -> str:
    response = client.get(path, params=params or None, headers=HTML)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_dashboard_keeps_its_filters_in_the_form(client: TestClient) -> None:
    html = page(client, "/", type="battles", actor="داعش", since="2016-01-01", truce=ALEPPO_TRUCE)
    assert re.search(r'value="battles" checked', html)
    assert 'name="actor" value="داعش"' in html
    assert 'id="f-since" value="2016-01-01"' in html
    assert f'<option value="{ALEPPO_TRUCE}" selected>' in html
    assert 'data-api-query="type=battles&amp;actor=' in html
    assert '<option value="furat-news">furat-news</option>' in html  # every outlet is a choice


def test_dashboard_lists_the_matching_events_with_their_evidence(client: TestClient) -> None:
    html = page(client, "/", type="battles")
    assert html.count('class="event-card"') == 1
    assert "/articles/mosul-1#ev-" in html
    assert "Counter Terrorism Service" in html


def test_dashboard_loads_only_local_scripts(client: TestClient) -> None:
    html = page(client, "/")
    scripts = re.findall(r"<script([^>]*)>", html)
    sources = [re.search(r'src="([^"]+)"', attrs) for attrs in scripts]
    assert all(s.group(1).startswith("/static/") for s in sources if s)
    inline = [attrs for attrs, s in zip(scripts, sources, strict=True) if s is None]
    assert inline == [' type="application/json" id="labels"']  # data, not code
    assert "http://" not in html.split("<body", 1)[0]
    assert "https://" not in html.split("<body", 1)[0]


def test_article_page_is_rtl_with_highlighted_spans_and_a_legend(client: TestClient) -> None:
    html = page(client, "/articles/aleppo-1")
    assert '<div class="article-body" id="article-body" lang="ar" dir="rtl">' in html
    for kind, text in (
        ("place", "بحلب"),
        ("quantity", "27"),
        ("actor", "الدفاع المدني"),
        ("trigger", "قصفت"),
    ):
        assert re.search(rf'<mark class="hl [^"]*hl-{kind}[^"]*"[^>]*>{text}</mark>', html), kind
    assert 'id="span-legend"' in html
    assert "Reader comments" in html


def test_article_page_lists_the_records_with_anchors(client: TestClient) -> None:
    html = page(client, "/articles/aleppo-1")
    assert re.search(r'id="ev-\d+" data-ref="ev-\d+"', html)
    assert re.search(r'id="cl-\d+"', html)
    assert re.search(r'id="tr-\d+"', html)


def test_markup_in_articles_and_comments_is_escaped(client: TestClient) -> None:
    html = page(client, "/articles/evil-1")
    assert "<script>window" not in html
    assert "&lt;script&gt;window.__marsadPwned" in html
    assert "<img src" not in html
    assert "&lt;img src=" in html
    listing = page(client, "/articles")
    assert "<script>window" not in listing


def test_language_toggle_sets_rtl_and_remembers_it(client: TestClient) -> None:
    response = client.get("/", params={"lang": "ar"}, headers=HTML)
    assert '<html lang="ar" dir="rtl">' in response.text
    assert "الخريطة" in response.text
    assert response.cookies.get("marsad_lang") == "ar"
    english = client.get("/", params={"lang": "en"}, headers=HTML).text
    assert '<html lang="en" dir="ltr">' in english


def test_language_toggle_link_keeps_the_filters(client: TestClient) -> None:
    html = page(client, "/", type="battles", lang="en")
    link = re.search(r'id="lang-toggle" href="([^"]+)"', html)
    assert link is not None
    assert link.group(1) == "/?type=battles&amp;lang=ar"


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/articles", 'href="/articles/aleppo-1"'),
        ("/truces", f'href="/truces/{ALEPPO_TRUCE}"'),
        (f"/truces/{ALEPPO_TRUCE}", 'id="violations-chart"'),
        ("/incidents", 'id="incident-list"'),
        ("/contradictions", 'class="side denial"'),
        ("/api/docs", "/api/events"),
    ],
)
def test_pages_render(client: TestClient, path: str, marker: str) -> None:
    assert marker in page(client, path)


def test_truce_page_shows_terms_and_violations_over_time(client: TestClient) -> None:
    html = page(client, f"/truces/{ALEPPO_TRUCE}")
    assert "2016-04-20 – 2016-05-04" in html
    assert html.count('<rect class="bar"') == 1  # one day with a violation
    assert "/articles/aleppo-1#ev-" in html
    assert f'href="/?truce={ALEPPO_TRUCE}"' in html


def test_incident_page_shows_sources_side_by_side(client: TestClient) -> None:
    incident_id = client.get("/api/incidents", params={"grade": "contested"}).json()["items"][0][
        "incident_id"
    ]
    html = page(client, f"/incidents/{incident_id}")
    assert 'id="fatality-range">5<' in html
    assert 'class="badge grade-contested"' in html
    assert html.count('class="side member"') == 1
    assert 'class="sides contradiction"' in html


def test_missing_pages_are_html_errors_for_browsers(client: TestClient) -> None:
    response = client.get("/truces/none-such", headers=HTML)
    assert response.status_code == 404
    assert "no truce" in response.text
    assert 'data-status="404"' in response.text


def test_bad_filters_on_the_dashboard_are_an_html_400(client: TestClient) -> None:
    response = client.get("/", params={"bbox": "10,50,20,40"}, headers=HTML)
    assert response.status_code == 400
    assert "bbox" in response.text


def test_stored_javascript_urls_are_not_links() -> None:
    from marsad.web.views import safe_href

    assert safe_href("javascript:alert(1)") is None
    assert safe_href(" JavaScript:alert(1)") is None
    assert safe_href("https://example.org/a") == "https://example.org/a"


def test_blank_form_fields_mean_no_filter(client: TestClient) -> None:
    html = page(client, "/?type=battles&since=&until=&actor=&truce=&source=&q=")
    assert html.count('class="event-card"') == 1
    assert 'data-api-query="type=battles"' in html


def test_the_api_refuses_a_blank_date(client: TestClient) -> None:
    assert client.get("/api/events", params={"since": ""}).status_code == 422


def test_tile_url_reaches_the_map_and_the_policy(read_store: Store) -> None:
    template = "https://tiles.example.org/{z}/{x}/{y}.png"
    with TestClient(create_app(make_settings(tile_url=template), read_store)) as tiled:
        response = tiled.get("/", headers=HTML)
    assert f'data-tile-url="{template}"' in response.text
    assert "https://tiles.example.org" in response.headers["content-security-policy"]


def test_offline_page_has_no_tile_url(client: TestClient) -> None:
    assert 'data-tile-url=""' in page(client, "/")


def test_bundled_assets_are_served_with_their_licences(client: TestClient) -> None:
    for path in (
        "/static/vendor/leaflet/leaflet.js",  # from its wheel: tests/web/test_assets.py
        "/static/js/cluster.js",
        "/static/geo/LICENSE-world-atlas",
    ):
        assert client.get(path).status_code == 200, path
    outlines = client.get("/static/geo/region.geojson").json()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Syria", "Iraq", "Yemen", "Libya", "Sudan", "Palestine"} <= names
    assert all(f["geometry"]["type"] in {"Polygon", "MultiPolygon"} for f in outlines["features"])


def test_our_scripts_never_write_html_from_data() -> None:
    from marsad.web.views import static_dir

    for script in (static_dir() / "js").glob("*.js"):
        code = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{script.name} uses {sink}"
