"""The dashboard's lower half: register health (``healthList``, each line opens the register
filtered), activities of the coming 30 days (``upcomingActivities``) and open items of the
action plan (``openActions``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.dashboard.glance import UPCOMING_DAYS, OpenAction, UpcomingActivity
from verkosto_desktop.data.dashboard.readiness import ReadinessPicture
from verkosto_desktop.domain.enums import ActionStatus, ActivityKind
from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.i18n import N_, _
from verkosto_desktop.ui.dashboard.choice_table import ChoiceTable
from verkosto_desktop.ui.dashboard.health_model import FILTER_ROLE, HealthModel
from verkosto_desktop.ui.row_table import Column, RowTableModel

# A header and a row or two: on a small screen the coverage grid above needs the room.
MIN_LIST_HEIGHT = 44


def _activity_columns() -> list[Column[UpcomingActivity]]:
    def details(a: UpcomingActivity) -> str:
        parts = [format_datetime(a.starts_at), a.title, ActivityKind.label_of(a.kind), a.place]
        return " · ".join(p for p in parts if p)

    return [
        Column(lambda: _("When"), lambda a: format_datetime(a.starts_at), details),
        Column(lambda: _("Activity title"), lambda a: a.title, details),
        Column(lambda: _("Organiser"), lambda a: a.organiser, details),
    ]


def _action_columns() -> list[Column[OpenAction]]:
    def column(header: str, text: Callable[[OpenAction], str]) -> Column[OpenAction]:
        # The whole text as a tooltip: the narrow list may cut it short.
        return Column(lambda: _(header), text, text)

    return [
        column(N_("Plan item"), lambda a: a.title),
        column(N_("Responsible"), lambda a: a.responsible),
        column(N_("Due"), lambda a: format_date(a.due_on)),
        column(N_("Status"), lambda a: ActionStatus.label_of(a.status)),
    ]


def _list_view(name: str, model: RowTableModel[Any], stretch: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.setMinimumHeight(MIN_LIST_HEIGHT)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:  # the long texts share the room; the rest fit their contents
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view


def _box(title: str, view: QWidget, empty: QLabel) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(view, 1)
    layout.addWidget(empty)
    empty.setWordWrap(True)
    empty.hide()
    return box


class ListsPanel(QWidget):
    chosen = Signal(object)  # ActorFilter of a health line
    print_requested = Signal(object)  # ActorFilter of the health line to print

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.health_model = HealthModel()
        self.health = ChoiceTable()
        self.health.setObjectName("healthList")
        self.health.setAccessibleName(_("Register health"))
        self.health.setModel(self.health_model)
        self.health.setShowGrid(False)
        self.health.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.health.verticalHeader().hide()
        self.health.setMinimumHeight(MIN_LIST_HEIGHT)
        self.health.setTabKeyNavigation(False)
        self.health.setCursor(Qt.CursorShape.PointingHandCursor)
        header = self.health.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.health.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.health.chosen.connect(self._choose)
        self.print_health = QPushButton(_("Print the chosen list…"))
        self.print_health.setObjectName("healthPrint")
        self.print_health.setEnabled(False)
        self.print_health.clicked.connect(self._print_current)
        self.health.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.print_health.setEnabled(
                current.isValid() and current.data(FILTER_ROLE) is not None
            )
        )

        self.activity_model: RowTableModel[UpcomingActivity] = RowTableModel(_activity_columns())
        self.action_model: RowTableModel[OpenAction] = RowTableModel(_action_columns())
        self.activities = _list_view("upcomingActivities", self.activity_model, (1, 2))
        self.actions_view = _list_view("openActions", self.action_model, (0, 1))
        self.activities.setAccessibleName(_("Coming {days} days").format(days=UPCOMING_DAYS))
        self.actions_view.setAccessibleName(_("Open action plan items"))
        self._no_activities = QLabel(
            _("No activities in the next {days} days.").format(days=UPCOMING_DAYS)
        )
        self._no_actions = QLabel(_("No open items in the action plan."))

        agenda = QVBoxLayout()
        agenda.addWidget(
            _box(
                _("Coming {days} days").format(days=UPCOMING_DAYS),
                self.activities,
                self._no_activities,
            )
        )
        agenda.addWidget(_box(_("Open action plan items"), self.actions_view, self._no_actions))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        health_box = _box(_("Register health"), self.health, QLabel())
        box_layout = health_box.layout()
        if box_layout is not None:
            box_layout.addWidget(self.print_health)
        layout.addWidget(health_box, 1)
        layout.addLayout(agenda, 1)

    def set_picture(self, picture: ReadinessPicture) -> None:
        self.health_model.set_health(picture.health)
        self.activity_model.set_rows(picture.activities)
        self.action_model.set_rows(picture.actions)
        self.activities.setVisible(bool(picture.activities))
        self._no_activities.setVisible(not picture.activities)
        self.actions_view.setVisible(bool(picture.actions))
        self._no_actions.setVisible(not picture.actions)

    def _print_current(self) -> None:
        index = self.health.currentIndex()
        flt = index.data(FILTER_ROLE) if index.isValid() else None
        if flt is not None:
            self.print_requested.emit(flt)

    def _choose(self, index: QModelIndex) -> None:
        flt = index.data(FILTER_ROLE)
        if flt is not None:
            self.chosen.emit(flt)
