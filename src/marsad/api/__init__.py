"""The REST API: ``create_app`` (app.py) serves the JSON endpoints under ``/api`` and the dashboard.

Pydantic lives only here (schemas.py). Routes read through :mod:`marsad.store.query` and
:mod:`marsad.store.tracking`; errors have one shape (errors.py); the token, the body limit and
the security headers are in security.py. See docs/api.md.
"""
