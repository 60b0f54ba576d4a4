"""Python's cycle collector runs on the UI thread only.

The collector normally runs in whichever thread happens to allocate when a generation fills up:
in the window, often a background job's worker. If that collection frees the last reference to a
widget's Python wrapper (a closed dialog caught in a reference cycle with its lambdas), the
widget is deleted on the worker thread, which Qt does not allow and which can crash the program.
So automatic collection is switched off and the UI thread collects instead: shortly after input
or when a dialog closes, never on a timer while the window is idle (see ``idle.py``).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication

from verkosto_desktop.ui.app_watch import ActivityWatch

# Soon enough after activity that garbage never piles up, seldom enough that typing never
# waits for a collection.
COLLECT_AFTER_MS = 1_500
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.Close,
        QEvent.Type.Hide,
    }
)


class UiThreadCollector(ActivityWatch):
    """Installed once on the application (``UiThreadCollector(app)``); parented to it."""

    EVENTS = _ACTIVITY

    def __init__(self, app: QGuiApplication, collect_after_ms: int = COLLECT_AFTER_MS) -> None:
        super().__init__(app, collect_after_ms)
        self.collections = 0
        self._was_enabled = gc.isenabled()
        self._frozen = False
        self._retired = False
        gc.disable()

    def freeze(self) -> None:
        """Once the window is up: what start-up made lives as long as the program, so the
        collector need never scan it again (collections stay short while typing)."""
        if self._retired or self._frozen:
            return
        gc.collect()
        gc.freeze()
        self._frozen = True

    def on_activity(self) -> None:
        """Collect a little later (after input, or when a dialog closes). Not restarted by more
        activity, so that steady typing still collects now and then."""
        if not self._timer.isActive():
            self._timer.start()

    def on_timeout(self) -> None:
        self.collect_due()

    def collect_due(self) -> int:
        """Collect the generations that the automatic collector would have collected by now;
        returns the generation collected, or -1 when nothing was due."""
        threshold = gc.get_threshold()
        count = gc.get_count()
        if count[0] <= threshold[0]:
            return -1
        generation = 0
        if count[1] > threshold[1]:
            generation = 2 if count[2] > threshold[2] else 1
        gc.collect(generation)
        self.collections += 1
        return generation

    def retire(self) -> None:
        """Hand collection back to Python (the window is gone for good)."""
        self._retired = True
        if self._frozen:
            gc.unfreeze()
        if self._was_enabled:
            gc.enable()
        super().retire()
