"""Progress out, cancel in: the one object any slow work is given (a document being laid out, a
backup, an import), whichever layer does it. Documents report through it and the page template
asks it after every flowable, so a cancel stops the layout promptly. It lives in ``domain``
because every layer (``data``, ``export``, ``printouts``, the UI's job runner) passes it on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

Report = Callable[[int, int, str], None]


class Cancelled(VerkostoError):
    """The user stopped the work; nothing was written (a half-written file is removed)."""


@dataclass
class Progress:
    """``report(done, total, message)`` receives progress; ``cancelled()`` asks whether to stop.

    :meth:`update` and :meth:`check` raise ``Cancelled`` once a cancel was asked for, from
    inside the export, so that it unwinds and removes its half-written file.
    """

    report: Report | None = None
    cancelled: Callable[[], bool] | None = None
    start: int = 0
    span: int = 0
    total: int = 0
    message: str = ""

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled(_("The export was cancelled; nothing was saved."))

    def update(self, done: int, total: int, message: str | None = None) -> None:
        """``done`` of ``total`` units of this (sub-)task are finished."""
        self.check()
        if self.report is None:
            return
        text = self.message if message is None else message
        if self.total:  # a stage of a bigger task: map onto its share of the whole
            share = self.span * done // total if total else self.span
            self.report(self.start + share, self.total, text)
        else:
            self.report(done, total, text)

    def stage(self, index: int, count: int, message: str) -> Progress:
        """A sub-progress for stage ``index`` of ``count`` equal stages (scaled to 1000 each);
        reports the stage's start."""
        stage = Progress(self.report, self.cancelled, index * 1000, 1000, count * 1000, message)
        stage.update(0, 1)
        return stage

    def ticker(self, total: int, every: int = 50) -> Callable[[], None]:
        """A callable to call once per item (of ``total``): reports every ``every`` items."""
        state = {"done": 0}

        def tick() -> None:
            state["done"] += 1
            done = state["done"]
            if done % every == 0 or done == total:
                self.update(done, max(total, 1))

        return tick
