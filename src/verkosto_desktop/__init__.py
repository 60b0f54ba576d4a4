"""Verkosto: offline-first register and coordination tool for a network of civic organisations."""

__version__ = "0.1.0"
