"""The two catalogues: situation types and capability categories (built-in and user-added)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import CapabilityCategory, SituationType
from verkosto_desktop.data.models.register import CatalogueEntry as CatalogueRow
from verkosto_desktop.data.recording import apply_change
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.domain.validation import clean_text, require_text
from verkosto_desktop.i18n import _

_MODELS: dict[str, type[CatalogueRow]] = {
    "situation": SituationType,
    "category": CapabilityCategory,
}


def _entries_in(session: Session, model: type[CatalogueRow]) -> list[CatalogueEntry]:
    return [
        CatalogueEntry(e.key, e.name_fi, e.name_sv, e.name_en, e.builtin, e.position)
        for e in session.scalars(
            select(model).where(model.deleted_at.is_(None)).order_by(model.position, model.name_fi)
        )
    ]


def _entries(store: Store, model: type[CatalogueRow]) -> list[CatalogueEntry]:
    with store.read() as session:
        return _entries_in(session, model)


def entries_in(session: Session) -> tuple[list[CatalogueEntry], list[CatalogueEntry]]:
    """Situation types and capability categories in display order, read in ``session``."""
    return _entries_in(session, SituationType), _entries_in(session, CapabilityCategory)


def situation_types(store: Store) -> list[CatalogueEntry]:
    """Situation types in display order: built-ins first, then those users added."""
    return _entries(store, SituationType)


def capability_categories(store: Store) -> list[CatalogueEntry]:
    """Capability categories in display order."""
    return _entries(store, CapabilityCategory)


def add_entry(
    store: Store,
    catalogue: str,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    key: str | None = None,
) -> CatalogueEntry:
    """Add a user-defined situation type (``catalogue="situation"``) or category."""
    model = _MODELS[catalogue]
    name = require_text(name_fi, "name_fi", _("Finnish name"))
    with store.write() as session:
        base = slug(key or name, separator="_", empty="custom")
        if key and session.get(model, base) is not None:
            raise ValidationError("key", _("The key {key} is already in use").format(key=base))
        candidate, n = base, 2
        while session.get(model, candidate) is not None:
            candidate, n = f"{base}_{n}", n + 1
        position = (session.scalar(select(func.max(model.position))) or 0) + 1
        entry = model(
            key=candidate,
            name_fi=name,
            name_sv=clean_text(name_sv, "name_sv"),
            name_en=clean_text(name_en, "name_en"),
            builtin=False,
            position=max(position, 100),
        )
        session.add(entry)
        record_change(session, ChangeKind.CATALOGUE, candidate)
        return CatalogueEntry(
            candidate, entry.name_fi, entry.name_sv, entry.name_en, False, entry.position
        )


def rename_entry(
    store: Store, catalogue: str, key: str, name_fi: str, name_sv: str, name_en: str
) -> None:
    """Change the names of a catalogue entry (the key stays, so stored data keeps its meaning)."""
    model = _MODELS[catalogue]
    name = require_text(name_fi, "name_fi", _("Finnish name"))
    with store.write() as session:
        entry = session.get(model, key)
        if entry is None:
            raise ValidationError("key", _("Unknown key '{key}'").format(key=key))
        if apply_change(
            session,
            entry,
            {
                "name_fi": name,
                "name_sv": clean_text(name_sv, "name_sv"),
                "name_en": clean_text(name_en, "name_en"),
            },
        ):
            record_change(session, ChangeKind.CATALOGUE, key)
