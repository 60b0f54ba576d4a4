"""The sharing dialogs (send, receive with its preview, conflicts side by side) fit a small
laptop (1024×600) in Finnish, Swedish and English, with no button or label cut."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from test_small_screens import LANGUAGES, SMALL_INSIDE, _cut_text, _sideways_scrolling

from verkosto_desktop.app import build_window
from verkosto_desktop.data.exchange import site
from verkosto_desktop.data.exchange.bundle import receive_bundle, write_bundle
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.i18n import set_language
from verkosto_desktop.ui.exchange.conflicts_dialog import ConflictsDialog
from verkosto_desktop.ui.exchange.receive_dialog import ReceiveDialog
from verkosto_desktop.ui.exchange.send_dialog import SendDialog
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.theme import apply_theme

PASSPHRASE = "kolme kirahvia kahvilla"


@pytest.fixture
def conflicted(demo_path: Path, tmp_path: Path) -> Path:
    """A demo file that has received a bundle with a conflict (a long value on one side)."""
    other = tmp_path / "kunta.verkosto"
    shutil.copy(demo_path, other)
    with Store.open(demo_path) as a, Store.open(other) as b:
        site.rename(a, "SPR Esimerkkilän osasto, Liisan kone")
        actor_id = next(i for i, name in actors.actor_names(a) if "Martta" in name)
        actors.update_actor(a, actor_id, {"area": "Kirkonkylä, Vaara, Harju ja Koivuniemi " * 3})
        actors.update_actor(b, actor_id, {"area": "Harju"})
        bundle = tmp_path / "a.verkostobundle"
        write_bundle(a, bundle, PASSPHRASE, full=True, cost=10)
        receive_bundle(b, bundle, PASSPHRASE, backup=False)
    return other


def _problems(dialog: QWidget, place: str) -> list[str]:
    for _ in range(3):
        QApplication.processEvents()
    found = []
    least, size = dialog.minimumSizeHint(), dialog.size()
    if least.width() > SMALL_INSIDE.width() or least.height() > SMALL_INSIDE.height():
        found.append(f"{place} needs at least {least.toTuple()}")
    if size.width() > SMALL_INSIDE.width() or size.height() > SMALL_INSIDE.height():
        found.append(f"{place} opens at {size.toTuple()}")
    found += [f"{place}: {p}" for p in _cut_text(dialog) + _sideways_scrolling(dialog)]  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sharing_dialogs_fit_1024_by_600(qtbot: QtBot, conflicted: Path, language: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)
    set_language(language)
    window = build_window(conflicted)
    qtbot.addWidget(window)
    window.resize(QSize(1024, 600))
    window.show()
    problems: list[str] = []
    try:
        store, runner = window.context.store, JobRunner(window)
        dialogs: list[tuple[str, QDialog]] = [
            ("send", SendDialog(store, runner, window.context.settings, window)),
            ("receive", ReceiveDialog(store, runner, window)),
            ("conflicts", ConflictsDialog(store, window.context.hub, window)),
        ]
        for name, dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            problems += _problems(dialog, f"{language} {name}")
            dialog.close()
    finally:
        window.close()
    assert not problems, "\n".join(problems)
