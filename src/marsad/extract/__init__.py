"""Mention extractors: numbers, dates, places, actors and event triggers, each with spans."""
