"""The dashboard: HTML views (views.py, tracking_views.py) over :mod:`marsad.store.query`, Jinja2
templates, and offline static assets (Leaflet, markercluster, country outlines, our scripts).
See docs/dashboard.md.
"""
