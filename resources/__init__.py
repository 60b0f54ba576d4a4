"""Fonts, icons and message catalogs shipped with Verkosto (found via importlib.resources)."""
