"""The lists the test run and the import show: each record changed (or left alone), and every
problem or warning with its row and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from verkosto_desktop.data.exchange.apply import run_import
from verkosto_desktop.data.exchange.results import (
    ACTIONS_SHOWN,
    ChangeLine,
    ImportPlan,
    ImportProblems,
)
from verkosto_desktop.data.exchange.table import Problem
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import N_, _
from verkosto_desktop.ui.row_table import Column, RowTableModel

RECORDS = {"actor": N_("Actor"), "contact": N_("Contact person"), "capability": N_("Capability")}


def _rows(rows: tuple[int, ...]) -> str:
    return ", ".join(str(r) for r in rows[:6]) + ("…" if len(rows) > 6 else "")


def change_model() -> RowTableModel[ChangeLine]:
    return RowTableModel(
        [
            Column(lambda: _("Rows"), lambda line: _rows(line.rows)),
            Column(lambda: _("Record"), lambda line: _(RECORDS[line.record])),
            Column(lambda: _("Name"), lambda line: line.name),
            Column(lambda: _("What happens"), lambda line: _(ACTIONS_SHOWN[line.action])),
            Column(lambda: _("Fields"), lambda line: line.details, lambda line: line.details),
        ]
    )


def problem_model() -> RowTableModel[Problem]:
    return RowTableModel(
        [
            Column(lambda: _("Where"), lambda p: p.where()),
            Column(lambda: _("Problem"), lambda p: p.message, lambda p: p.message),
        ]
    )


def import_work(store: Store, plan: ImportPlan, dry_run: bool) -> Callable[[Progress], object]:
    """The work of a test run or an import for the wizard's runner: its result, or the
    ``ImportProblems`` found (returned, so that the page can list them one by one)."""

    def work(progress: Progress) -> object:
        try:
            return run_import(
                store,
                plan,
                dry_run=dry_run,
                progress=lambda done, total: progress.update(done, total),
            )
        except ImportProblems as problems:
            return problems

    return work


def list_view(
    name: str,
    model: RowTableModel[Any],
    stretch: int,
    widths: tuple[int, ...] = (),
) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
