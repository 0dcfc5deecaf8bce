"""Where the dashboard's static files come from: Leaflet from its wheel (never copied into the
repository), our own scripts from marsad/web/static, each served with the security headers and
never beyond its folder.
"""

from __future__ import annotations

import importlib.machinery
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.errors import ConfigError
from marsad.settings import Settings
from marsad.store import Store, open_store
from marsad.web import assets
from marsad.web.views import static_dir
from tests.web.browser import serve

HTML = {"accept": "text/html"}


def test_leaflet_comes_from_the_installed_wheel() -> None:
    folder = assets.leaflet_dir()
    assert folder.parts[-3:] == ("js_lib_leaflet", "static", "js_lib_leaflet")
    assert "site-packages" in folder.parts or "dist-packages" in folder.parts
    head = (folder / "leaflet.js").read_text(encoding="utf-8")[:300]
    assert re.search(r"Leaflet 1\.9\.\d", head)


def test_leaflet_is_served_with_the_security_headers(client: TestClient) -> None:
    folder = assets.leaflet_dir()
    for name, media in (
        ("leaflet.js", "text/javascript"),
        ("leaflet.css", "text/css"),
        ("images/marker-icon.png", "image/png"),
    ):
        response = client.get(f"{assets.LEAFLET_URL}/{name}")
        assert response.status_code == 200, name
        assert response.content == (folder / name).read_bytes()
        assert response.headers["content-type"].startswith(media)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_repository_ships_no_third_party_scripts() -> None:
    assert not (static_dir() / "vendor").exists()
    ours = {path.name for path in (static_dir() / "js").glob("*.js")}
    assert {"dashboard.js", "cluster.js", "article.js"} <= ours
    for script in (static_dir() / "js").glob("*.js"):
        head = script.read_text(encoding="utf-8")[:400]
        assert head.startswith("/* marsad"), script.name  # ours, by its first line


def test_every_asset_the_dashboard_names_is_served(client: TestClient) -> None:
    html = client.get("/", headers=HTML).text
    urls = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert f"{assets.LEAFLET_URL}/leaflet.js" in urls
    assert "/static/js/cluster.js" in urls
    assert not [url for url in urls if "markercluster" in url]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_leaflet_css_finds_its_images(client: TestClient) -> None:
    css = client.get(f"{assets.LEAFLET_URL}/leaflet.css").text
    images = set(re.findall(r"url\((images/[^)]+)\)", css))
    assert images
    for image in images:
        assert client.get(f"{assets.LEAFLET_URL}/{image}").status_code == 200, image


def test_a_missing_leaflet_package_stops_the_app_at_start(
    monkeypatch: pytest.MonkeyPatch, read_store: Store
) -> None:
    monkeypatch.setattr(assets, "find_spec", lambda name: None)
    with pytest.raises(ConfigError) as caught:
        create_app(Settings(), read_store)
    assert "django-js-lib-leaflet" in str(caught.value)
    assert caught.value.code == "M016"


def test_a_leaflet_package_without_its_files_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "js_lib_leaflet" / "static" / "js_lib_leaflet").mkdir(parents=True)
    spec = importlib.machinery.ModuleSpec("js_lib_leaflet", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path / "js_lib_leaflet")]
    monkeypatch.setattr(assets, "find_spec", lambda name: spec)
    with pytest.raises(ConfigError, match=r"no leaflet\.js"):
        assets.leaflet_dir()


# --- the Leaflet mount cannot be climbed out of (raw request lines, as in tests/security) ---------

LEAFLET_TRAVERSALS = [
    "/static/vendor/leaflet/../../apps.py",  # the package's Django module, two folders up
    "/static/vendor/leaflet/../../__init__.py",
    "/static/vendor/leaflet/images/../../../apps.py",
    "/static/vendor/leaflet/%2e%2e/%2e%2e/apps.py",
    "/static/vendor/leaflet/..%2f..%2fapps.py",
    "/static/vendor/leaflet/.%2e/.%2e/__init__.py",
    "/static/vendor/leaflet/..%5c..%5capps.py",
    "/static/vendor/leaflet/../../../../../../../../etc/passwd",
    "/static/vendor/leaflet//etc/passwd",
    "/static/vendor/leaflet/%2fetc%2fpasswd",
    "/static/vendor/leaflet/leaflet.js%00.png",
    "/static/vendor/leaflet/",
    "/static/vendor/leaflet/images/",
    "/static/vendor/",
    "/static/vendor/markercluster/leaflet.markercluster.js",
]


@pytest.fixture(scope="module")
def live_url(filled_path: Path) -> Iterator[str]:
    with open_store(str(filled_path)) as store, serve(create_app(Settings(), store)) as url:
        yield url


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    port = urlsplit(base).port
    assert port is not None
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.mark.parametrize("target", LEAFLET_TRAVERSALS)
def test_leaflet_paths_cannot_leave_its_folder(live_url: str, target: str) -> None:
    status, body = raw_get(live_url, target)
    assert status in {400, 404, 405}, (target, status)
    for leaked in (b"import ", b"AppConfig", b"root:", b"__version__"):
        assert leaked not in body, (target, leaked)


def test_leaflet_itself_is_served_on_the_live_server(live_url: str) -> None:
    status, body = raw_get(live_url, "/static/vendor/leaflet/leaflet.js")
    assert status == 200
    assert b"Leaflet" in body[:300]
