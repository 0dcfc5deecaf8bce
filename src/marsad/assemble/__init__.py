"""Assembly: from mentions to events, claims and truces, and from an Article to its record."""
