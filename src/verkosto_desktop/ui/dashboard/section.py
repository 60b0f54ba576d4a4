"""The dashboard section ("Tilannekuva"), the first screen a coordinator sees.

It refreshes itself from the event hub's change reports (no polling); only the elapsed time of an
active incident ticks, once a minute. It asks the window for other sections through two signals,
which ``ui/sections.py`` connects: ``open_register(ActorFilter)`` and ``open_incident(id)``.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.dashboard.readiness import ReadinessPicture
from verkosto_desktop.domain.pack_age import pack_age_text, pack_is_stale
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.readiness import GAP_SYMBOL
from verkosto_desktop.domain.timefmt import format_datetime, format_time
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.dashboard.colours import palette_is_dark
from verkosto_desktop.ui.dashboard.coverage_model import entry_name
from verkosto_desktop.ui.dashboard.coverage_panel import CoveragePanel
from verkosto_desktop.ui.dashboard.incident_banner import IncidentBanner
from verkosto_desktop.ui.dashboard.lists_panel import ListsPanel
from verkosto_desktop.ui.dashboard.refresher import ReadinessRefresher
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.jobs import JobRunner

MINUTE_MS = 60_000


class DashboardSection(QWidget):
    open_register = Signal(object)  # ActorFilter
    open_incident = Signal(str)  # incident id
    refreshed = Signal()  # a new picture is on screen
    printed = Signal(Path)  # the readiness sheet was written
    print_list = Signal(object)  # ActorFilter: print this health list as shown
    open_network = Signal()  # the founding progress was clicked
    print_pack = Signal()  # "make a new print pack" was clicked

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.context = context
        self.picture: ReadinessPicture | None = None
        self._incident_link = False
        # One worker for the reads and the sheet: a sheet is written from a settled picture.
        self._runner = JobRunner(self)
        self._refresher = ReadinessRefresher(context.store, self._runner, self)
        self._refresher.ready.connect(self._show)
        self._refresher.failed.connect(self._show_failure)

        self._title = QLabel(_("Situation overview"))
        self._title.setObjectName("dashboardTitle")
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self._title.setFont(font)
        self._status = QLabel(_("Reading the situation…"))
        self._status.setObjectName("dashboardStatus")
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(_("Print readiness sheet (PDF)…"))
        self.print_button.setObjectName("dashboardPrint")
        self.print_button.clicked.connect(self.print_as_shown)
        self.print_button.setEnabled(False)

        # How far the network's founding has come (the founding steps of the network model).
        self.founding = QLabel()
        self.founding.setObjectName("dashboardFounding")
        self.founding.setTextFormat(Qt.TextFormat.RichText)
        self.founding.linkActivated.connect(lambda _link: self.open_network.emit())
        # How old the paper is, and a link that makes a new print pack.
        self.pack = QLabel()
        self.pack.setObjectName("dashboardPack")
        self.pack.setTextFormat(Qt.TextFormat.RichText)
        self.pack.linkActivated.connect(lambda _link: self.print_pack.emit())
        # Both lines wrap rather than widen the window past 1024 pixels.
        self.founding.setWordWrap(True)
        self.pack.setWordWrap(True)
        self.pack.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self._banners = QVBoxLayout()
        self._banner_widgets: list[IncidentBanner] = []
        self._banners.setSpacing(6)
        self.coverage = CoveragePanel()
        self.coverage.chosen.connect(self.open_register)
        self.lists = ListsPanel()
        self.lists.chosen.connect(self.open_register)
        self.lists.print_requested.connect(self.print_list)
        self._splitter = QSplitter(Qt.Orientation.Vertical)
        self._splitter.setObjectName("dashboardSplitter")
        self._splitter.addWidget(self.coverage)
        self._splitter.addWidget(self.lists)
        self._splitter.setStretchFactor(0, 3)
        self._splitter.setStretchFactor(1, 2)
        self._splitter.setChildrenCollapsible(False)

        self._title.setWordWrap(True)  # a long network name wraps instead of widening the window
        self.founding.setWordWrap(True)
        header = FlowLayout()
        header.addWidget(self._title, 1)
        header.addWidget(self._status)
        header.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(self._banners)
        layout.addLayout(header)
        facts = FlowLayout()  # side by side when there is room, one under the other if not
        facts.addWidget(self.founding, 1)
        facts.addWidget(self.pack, 1)
        layout.addLayout(facts)
        layout.addWidget(self._splitter, 1)

        self._minute = QTimer(self)
        self._minute.setInterval(MINUTE_MS)
        self._minute.timeout.connect(self._tick)
        context.hub.listen(self._refresher.request)
        self._apply_colours()
        self.coverage.restore_settings(context.settings)
        # The coverage grid gets the height to show all its rows, the lists the rest, unless the
        # user moves the divider (a divider saved on another screen would hide rows).
        self._splitter.setSizes([380, 340])
        self._user_split = False
        self._splitter.splitterMoved.connect(lambda _pos, _index: self._divider_moved())
        self.coverage.installEventFilter(self)  # its own size settles after ours
        self._refresher.request(None)

    # -- wiring from ui/sections.py -----------------------------------------------------------

    def set_incident_link(self, available: bool) -> None:
        """Whether the window has an incident section the banner can open."""
        self._incident_link = available
        for banner in self.banners():
            banner.set_linkable(available)

    def banners(self) -> list[IncidentBanner]:
        """One banner per active incident, newest first."""
        return list(self._banner_widgets)

    def refresh(self) -> None:
        """Read everything again (after something replaced the whole file, such as a restore)."""
        self._refresher.request(None)

    @property
    def busy(self) -> bool:
        return self._refresher.busy

    # -- showing a picture --------------------------------------------------------------------

    def _show(self, picture: ReadinessPicture) -> None:
        self.picture = picture
        name = picture.network_name
        self._title.setText(
            _("Situation overview — {network}").format(network=name)
            if name
            else _("Situation overview")
        )
        self._status.setText(
            _("Updated at {time}").format(time=format_time(picture.computed_at, seconds=True))
        )
        self._show_banners(picture)
        self._show_founding(picture)
        self._show_pack(picture)
        self.coverage.set_picture(picture)
        self.lists.set_picture(picture)
        QTimer.singleShot(0, self, self.fit_coverage)
        self.print_button.setEnabled(True)
        self.refreshed.emit()

    def _show_banners(self, picture: ReadinessPicture) -> None:
        banners = self._banner_widgets
        while len(banners) > len(picture.incidents):
            banner = banners.pop()
            self._banners.removeWidget(banner)
            banner.deleteLater()
        while len(banners) < len(picture.incidents):
            banner = IncidentBanner(self)
            banner.clicked.connect(self.open_incident)
            banner.set_linkable(self._incident_link)
            banner.apply_colours(palette_is_dark(self.palette()))
            self._banners.addWidget(banner)
            banners.append(banner)
        now = datetime.now(UTC)
        for banner, incident in zip(banners, picture.incidents, strict=True):
            names = [
                entry_name(entry) if (entry := picture.situation(key)) else key
                for key in incident.situations
            ]
            banner.set_incident(incident, names, now)
        if picture.incidents and not self._minute.isActive():
            self._minute.start()
        elif not picture.incidents:
            self._minute.stop()

    def _tick(self) -> None:
        now = datetime.now(UTC)
        for banner in self.banners():
            banner.tick(now)

    def _show_founding(self, picture: ReadinessPicture) -> None:
        founding = picture.founding
        if founding.total == 0:
            self.founding.hide()
            return
        text = _("Founding the network: {done} of {total} steps done").format(
            done=founding.done, total=founding.total
        )
        if founding.next_step:
            text += " · " + _("next: {step}").format(step=html.escape(founding.next_step))
        self.founding.setText(f'<a href="network">{text}</a>')
        self.founding.show()

    def _show_pack(self, picture: ReadinessPicture) -> None:
        pack = picture.pack
        days = pack.days if pack is not None else None
        changes = pack.changes if pack is not None else 0
        text = html.escape(pack_age_text(days, changes))
        if pack_is_stale(days, changes):
            text = f"{GAP_SYMBOL} <b>{text}</b>"
        link = html.escape(_("Print a new pack…"))
        self.pack.setText(f'{text} · <a href="pack">{link}</a>')
        if pack is not None:
            self.pack.setToolTip(
                _("Made {time} into {folder}").format(
                    time=format_datetime(pack.pack.made_at), folder=pack.pack.folder
                )
            )

    def _show_failure(self, message: str) -> None:
        self._status.setText(_("Could not read the situation: {reason}").format(reason=message))

    # -- room -------------------------------------------------------------------------------------

    def _divider_moved(self) -> None:
        self._user_split = True

    def fit_coverage(self) -> None:
        """Give the coverage grid the height to show every row (as far as the lists below keep
        their least height)."""
        if self._user_split:
            return
        total = sum(self._splitter.sizes())
        if total <= 0:
            return
        wanted = self.coverage.rows_height() + self.coverage.around_grid()
        lists = self.lists.minimumSizeHint().height()
        coverage = max(min(wanted, total - lists), self.coverage.minimumSizeHint().height())
        self._splitter.setSizes([coverage, total - coverage])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.fit_coverage)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.coverage and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self.fit_coverage)
        return False

    # -- theme --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        dark = palette_is_dark(self.palette())
        self.coverage.set_dark(dark)
        for banner in self.banners():
            banner.apply_colours(dark)
        if self.picture is not None:
            # A rich-text label keeps the link colour it was laid out with: lay it out again.
            self.founding.clear()
            self._show_founding(self.picture)
            self.pack.clear()
            self._show_pack(self.picture)

    # -- printing -----------------------------------------------------------------------------

    def print_as_shown(self) -> QWidget | None:
        """The readiness sheet of what is on screen in the preview, with Save as PDF and Print
        (the print button; Ctrl+P). ``printed`` reports where it was saved."""
        if self.picture is None or not self.print_button.isEnabled():
            return None  # nothing read yet
        picture, phase, store = self.picture, self.coverage.phase(), self.context.store

        def write(path: Path, _progress: Progress) -> Path:
            from verkosto_desktop.printouts.dashboard import save_readiness_sheet

            return save_readiness_sheet(store, path, phase, picture)

        # Imported when first printed: the print support is not needed to open the window.
        from verkosto_desktop.ui.printouts.document_dialog import show_document

        dialog = show_document(_("Readiness status"), write, self.context.settings, self)
        dialog.saved.connect(self.printed.emit)
        return dialog

    def print_to(self, path: Path) -> None:
        """Write the one-page readiness sheet of what is on screen to ``path`` (off the UI
        thread); ``printed`` reports the path."""
        picture = self.picture
        if picture is None:
            return
        phase = self.coverage.phase()
        store = self.context.store
        self.print_button.setEnabled(False)
        self._status.setText(_("Writing {name}…").format(name=path.name))

        def work(_progress: Progress) -> Path:
            from verkosto_desktop.printouts.dashboard import save_readiness_sheet

            return save_readiness_sheet(store, path, phase, picture)

        def done(written: object) -> None:
            assert isinstance(written, Path)
            self.print_button.setEnabled(True)
            self._status.setText(_("Saved {path}").format(path=written))
            self.printed.emit(written)

        def failed(message: str) -> None:
            self.print_button.setEnabled(True)
            self._status.setText("")
            QMessageBox.warning(
                self,
                _("The readiness sheet was not saved"),
                _("Could not write {path}: {reason}").format(path=path, reason=message),
            )

        job = self._runner.submit(work)
        if job is not None:
            job.succeeded.connect(done)
            job.failed.connect(failed)

    # -- the window's hooks -------------------------------------------------------------------

    def save_settings(self, settings: QSettings) -> None:
        self.coverage.save_settings(settings)

    def shutdown(self) -> None:
        self._minute.stop()
        self._refresher.stop()
        self._runner.shutdown()
