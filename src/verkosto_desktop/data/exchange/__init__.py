"""Bringing lists in and taking them back: spreadsheets and phone contacts (import), bundles."""
