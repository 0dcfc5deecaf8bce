"""The dashboard: HTML views (views.py, tracking_views.py) over :mod:`marsad.store.query`, Jinja2
templates, and offline static assets: our scripts (the map's grid clusterer among them), CSS and
country outlines, plus Leaflet served from its Python wheel (assets.py). See docs/dashboard.md.
"""
