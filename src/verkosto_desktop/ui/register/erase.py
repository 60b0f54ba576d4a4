"""Erasing a person for good (a data-protection request), asked for from the contact editor and
from the trash: the same question, the same operation."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from verkosto_desktop.data.register import privacy
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.attempt import attempt


def erase_person(parent: QWidget, store: Store, contact_id: str, name: str) -> bool:
    """Ask whether to erase ``name`` permanently and do it; True when the person was erased."""
    title = _("Erase person permanently")
    answer = QMessageBox.question(
        parent,
        title,
        _(
            "Erase {name} permanently? Every past version is removed too, and wherever the "
            "incident log, meeting notes, call rounds or survey answers name the person, the "
            "name is replaced with a placeholder. The person can no longer be found. This "
            "cannot be undone."
        ).format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    ok, _result = attempt(parent, title, lambda: privacy.erase_person(store, contact_id))
    return ok
