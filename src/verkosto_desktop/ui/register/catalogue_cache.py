"""The two catalogues, read once and handed to every part of the register that shows them (the
filters, the table and the capability editor), and read again only when a catalogue changes."""

from __future__ import annotations

from dataclasses import dataclass

from verkosto_desktop.data.catalogues import capability_categories, situation_types
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.catalogues import CatalogueEntry


@dataclass(frozen=True)
class Catalogues:
    situations: tuple[CatalogueEntry, ...]
    categories: tuple[CatalogueEntry, ...]


def read_catalogues(store: Store) -> Catalogues:
    """Both catalogues in display order."""
    return Catalogues(tuple(situation_types(store)), tuple(capability_categories(store)))
