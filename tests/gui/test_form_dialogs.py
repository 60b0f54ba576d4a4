"""Every dialog that asks for values is a ``FormDialog``: it hands the values back and its owner
saves them through ``data`` (``FormDialog.save``); the dialogs that are not forms say why."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtWidgets import QDialog

import verkosto_desktop.ui
from verkosto_desktop.ui.forms.form_dialog import FormDialog

NOT_FORMS = {
    "SurveyEntryDialog": "an entry session: saves each actor's answers, then goes to the next",
    "TrashDialog": "a list of deleted records to bring back",
    "HistoryDialog": "a list of versions to restore",
    "PrintPreviewDialog": "a preview with print and save buttons",
    "DocumentDialog": "a sheet's preview with Save as PDF and Print (the print panel)",
    "RestoreDialog": "a list of backups to choose from",
    "ImportsDialog": "a list of past imports, each with Undo",
    "ImportWizard": "a wizard of several pages (file, columns, preview), not one form",
    "PersonDataDialog": "an access request: a search whose findings are saved to a file",
    "SendDialog": "writes a bundle in a background job with progress; stays open until it ends",
    "ReceiveDialog": "two steps in background jobs: a preview (a test run), then the merge",
    "ConflictsDialog": "a list of conflicts side by side, each settled on its own",
}


def _dialogs() -> dict[str, type]:
    found: dict[str, type] = {}
    for module_info in pkgutil.walk_packages(verkosto_desktop.ui.__path__, "verkosto_desktop.ui."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, QDialog)
                and value.__module__ == module.__name__
            ):
                found[name] = value
    return found


def test_every_form_is_a_form_dialog() -> None:
    dialogs = _dialogs()
    assert len(dialogs) > len(NOT_FORMS) + 5
    others = {
        name
        for name, cls in dialogs.items()
        if cls is not FormDialog and not issubclass(cls, FormDialog)
    }
    assert others == set(NOT_FORMS)
