"""Activities: upcoming and past meetings, trainings, exercises and events with their
participants, and the calendar file (.ics) people can put into their own calendars."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.network import activities
from verkosto_desktop.data.network.activities import ActivityRow
from verkosto_desktop.data.storage.store import ChangeKind
from verkosto_desktop.domain.enums import ActivityKind
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_date, format_time
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.jobs import JobRunner, run_with_dialog
from verkosto_desktop.ui.network.activity_dialog import ActivityDialog
from verkosto_desktop.ui.network.page import NetworkPage
from verkosto_desktop.ui.network.widgets import make_table
from verkosto_desktop.ui.row_table import Column, RowTableModel

WHEN = ("upcoming", "past")


def _when(row: ActivityRow) -> str:
    text = f"{format_date(row.starts_at)} {format_time(row.starts_at)}"
    if row.ends_at is not None:
        text += f"–{format_time(row.ends_at)}"
    return text


class ActivitiesPage(NetworkPage):
    kinds = frozenset({ChangeKind.ACTIVITY, ChangeKind.ACTOR, ChangeKind.FACILITY})

    def __init__(self, context: AppContext, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.jobs = jobs
        self.when = QTabBar()
        self.when.setObjectName("activitiesWhen")
        self.when.addTab(_("Upcoming"))
        self.when.addTab(_("Past"))
        self.when.currentChanged.connect(lambda _i: self.refresh_now())
        new = QPushButton(_("New activity…"))
        new.setObjectName("newActivity")
        new.clicked.connect(lambda: self.edit(None))
        edit = QPushButton(_("Open…"))
        edit.clicked.connect(lambda: self.edit(self.current_id()))
        delete = QPushButton(_("Delete"))
        delete.setObjectName("deleteActivity")
        delete.clicked.connect(self.delete)
        export = QPushButton(_("To calendars (.ics)…"))
        export.setObjectName("activitiesIcs")
        export.setToolTip(_("Save the activities shown as a calendar file people can import"))
        export.clicked.connect(self.export_ics)
        top = QHBoxLayout()
        top.addWidget(self.when)
        top.addStretch(1)
        top.addWidget(export)
        top.addWidget(delete)
        top.addWidget(edit)
        top.addWidget(new)
        self.model: RowTableModel[ActivityRow] = RowTableModel(
            [
                Column(_("When"), _when),
                Column(_("Kind"), lambda r: ActivityKind.label_of(r.kind)),
                Column(_("Title"), lambda r: r.title, lambda r: r.title),
                Column(_("Place"), lambda r: r.place, lambda r: r.place),
                Column(_("Organiser"), lambda r: r.organiser_name),
                Column(_("Participants"), lambda r: str(r.attendee_count), align_right=True),
                Column(_("Residents"), lambda r: _("yes") if r.residents_involved else ""),
            ],
            key=lambda r: r.id,
        )
        self.table = make_table(self.model, "activitiesTable", stretch=2)
        self.table.setAccessibleName(_("Activities"))
        header = self.table.horizontalHeader()
        for column, width in ((0, 150), (1, 130), (3, 200), (4, 220), (5, 90), (6, 80)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit(self.current_id()))
        self.message = MessageLine()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def showing(self) -> str:
        return WHEN[self.when.currentIndex()]

    def current_id(self) -> str | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row else None

    def refresh(self) -> None:
        current = self.current_id()
        self.model.set_rows(activities.activities(self.store, self.showing()))
        row = self.model.row_of(current) if current else -1
        self.table.selectRow(max(row, 0))

    def edit(self, activity_id: str | None) -> ActivityDialog | None:
        """Open the editor for an activity (a new one when ``activity_id`` is None)."""
        try:
            detail = activities.get_activity(self.store, activity_id) if activity_id else None
        except VerkostoError as error:
            self.message.show_error(str(error))
            return None
        dialog = ActivityDialog(self.store, detail, self)
        dialog.submitted.connect(self._save)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def _save(self, dialog: ActivityDialog) -> None:
        store, editing = self.store, dialog.activity
        dialog.save(
            lambda: (
                activities.create_activity(store, dialog.fields())
                if editing is None
                else activities.update_activity(store, editing.id, dialog.fields())
            )
        )

    def delete(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            return
        answer = QMessageBox.question(
            self, _("Delete activity"), _("Move “{title}” to the trash?").format(title=row.title)
        )
        if answer == QMessageBox.StandardButton.Yes:
            activities.delete_activity(self.store, row.id)

    def export_ics(self) -> None:
        """Write the activities shown (upcoming or past) as an .ics file, in the background."""
        start = str(self.context.locations.data / _("activities.ics"))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the calendar file"), start, _("Calendar files (*.ics)")
        )
        if not path:
            return
        store, target = self.store, Path(path)
        ids = [r.id for r in self.model.rows()]

        def work(_progress: Progress) -> Path:
            from verkosto_desktop.printouts.network import save_calendar

            save_calendar(store, target, activity_ids=ids)
            return target

        run_with_dialog(
            self.jobs,
            self,
            _("Writing the calendar file…"),
            work,
            lambda written: self.show_status(_("Saved {path}").format(path=written)),
            lambda message: QMessageBox.warning(
                self, _("The calendar file was not saved"), message
            ),
        )
