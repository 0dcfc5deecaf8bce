"""Cleaning: from a raw document to title, body, reader comments and publication date."""
