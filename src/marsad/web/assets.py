"""Where the dashboard's static files come from, and how they are mounted.

Our own files (CSS, scripts, the country outlines) live in ``marsad/web/static``. Leaflet is not
copied into the repository: it is taken at install time from the wheel ``django-js-lib-leaflet``,
which carries Leaflet's built files under ``js_lib_leaflet/static/js_lib_leaflet/``. Only that
folder is read. The package's Django app module is never imported (it needs Django), and
``find_spec`` locates the folder without importing anything.
"""

from __future__ import annotations

import logging
from importlib.util import find_spec
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from marsad.errors import ConfigError

log = logging.getLogger(__name__)

LEAFLET_PACKAGE = "js_lib_leaflet"
#: The URL the templates load Leaflet from (leaflet.js, leaflet.css, images/).
LEAFLET_URL = "/static/vendor/leaflet"
#: A file every Leaflet build of the wheel has; its absence means a broken or foreign package.
_LEAFLET_PROBE = "leaflet.js"
_MISSING = (
    "the dashboard needs Leaflet from the Python package 'django-js-lib-leaflet' ({problem}); "
    "install it into this environment (pip install 'django-js-lib-leaflet>=1.9.4')"
)


def leaflet_dir() -> Path:
    """The folder holding leaflet.js, leaflet.css and images/, or a ConfigError naming the fix."""
    spec = find_spec(LEAFLET_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise ConfigError(_MISSING.format(problem=f"package '{LEAFLET_PACKAGE}' not found"), code="M016")
    folder = Path(locations[0]) / "static" / LEAFLET_PACKAGE
    if not (folder / _LEAFLET_PROBE).is_file():
        problem = f"no {_LEAFLET_PROBE} in {folder}"
        raise ConfigError(_MISSING.format(problem=problem), code="M016")
    return folder


def mount_static(app: FastAPI, static_dir: Path) -> None:
    """Serve Leaflet at :data:`LEAFLET_URL` and our files at ``/static``.

    Leaflet's mount is added first so its longer prefix wins. Both are Starlette ``StaticFiles``:
    they resolve a request path and refuse it unless it stays inside their folder, serve no
    directory listings, and pass through the security-header middleware like every response.
    """
    leaflet = leaflet_dir()
    log.info("serving Leaflet from %s", leaflet)
    app.mount(LEAFLET_URL, StaticFiles(directory=leaflet), name="leaflet")
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
