"""The event hub hands every listener the typed change reports of a write, on the UI thread,
also when the write was made on another thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store
from verkosto_desktop.ui.context import EventHub


def test_listeners_get_typed_changes_on_the_ui_thread(qtbot: QtBot, store: Store) -> None:
    hub = EventHub()
    hub.attach(store)
    heard: list[tuple[tuple[Change, ...], bool]] = []

    def listener(changes: tuple[Change, ...]) -> None:
        heard.append((changes, threading.current_thread() is threading.main_thread()))

    hub.listen(listener)
    with qtbot.waitSignal(hub.changed, timeout=5000):
        worker = threading.Thread(target=actors.create_actor, args=(store, {"name": "Martat"}))
        worker.start()
        worker.join()
    hub.detach()
    ((changes, on_ui_thread),) = heard
    assert on_ui_thread
    assert [c.kind for c in changes] == [ChangeKind.ACTOR]
    assert changes[0].kind is ChangeKind.ACTOR and len(changes[0].ids) == 1
