"""An Arabic gazetteer and geoparser: place names found in Arabic news, resolved to coordinates.

Public surface:

- :func:`load_gazetteer` -> :class:`Gazetteer` (cached on disk, see ``index``);
- :class:`Geoparser` (``parse(text)`` / ``mentions(body, normalized)`` -> ``PlaceMention``s);
- :func:`import_geonames` and :func:`import_ocha_csv`: add villages from a GeoNames dump or an
  OCHA admin-boundary table to the user's gazetteer.
"""

from marsad.extract.gazetteer.entries import GazetteerEntry
from marsad.extract.gazetteer.geoparser import Geoparser
from marsad.extract.gazetteer.importers import ImportReport, import_geonames, import_ocha_csv
from marsad.extract.gazetteer.index import Gazetteer, load_gazetteer

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "Geoparser",
    "ImportReport",
    "import_geonames",
    "import_ocha_csv",
    "load_gazetteer",
]
