"""What every part of the window needs, built once in ``app.py`` and passed down (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal

from verkosto_desktop.data.storage.store import Change, Store
from verkosto_desktop.paths import Locations

ChangesListener = Callable[[tuple[Change, ...]], None]


class EventHub(QObject):
    """Fans out what the data layer changed, so every view refreshes from the same event.

    ``changed`` carries a ``tuple[Change, ...]``; listen with ``listen(slot)``, which checks the
    slot's type. ``saved`` fires after every successful write (the status bar shows the time).
    The store may report from a worker thread: the signals are delivered on the UI thread by
    Qt's queued connections.
    """

    # Qt signals carry no Python generics: ``object`` passes the tuple through untouched, and
    # ``listen`` is the typed way in.
    changed = Signal(object)
    saved = Signal()
    write_failed = Signal(str)
    _unsubscribe: Callable[[], None] | None = None

    def listen(self, slot: ChangesListener) -> None:
        """Call ``slot`` on the UI thread with the changes of every committed write."""
        self.changed.connect(slot)

    def attach(self, store: Store) -> None:
        """Listen to ``store``'s committed writes."""
        self._unsubscribe = store.subscribe(self._on_changes)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_changes(self, changes: tuple[Change, ...]) -> None:
        self.changed.emit(changes)
        self.saved.emit()


@dataclass
class AppContext:
    """The open store, the settings, the event hub and the folders in use."""

    store: Store
    settings: QSettings
    hub: EventHub
    locations: Locations
