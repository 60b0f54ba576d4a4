"""The register table's model: the ids of the matching actors in order, read a page at a time as
the view scrolls (``canFetchMore``/``fetchMore``), and their rows fetched a page at a time when
the view paints them. Filtering and sorting are new queries; the count of all matches comes from
its own query (the full-text index counts a search without reading the matches)."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from verkosto_desktop.data.register.pages import (
    Mark,
    actor_id_page,
    first_page,
    position_of,
)
from verkosto_desktop.data.register.plain_rows import ActorRow
from verkosto_desktop.data.register.search import (
    SORT_KEYS,
    ActorFilter,
    actor_rows,
    search_actor_ids,
)
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.field_box import error_colour
from verkosto_desktop.ui.register.catalogue_cache import Catalogues
from verkosto_desktop.ui.register.row_text import (
    COL_PHASES,
    COL_VERIFIED,
    HEADERS,
    PHASE_ORDER,
    RowText,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PHASES_ROLE = Qt.ItemDataRole.UserRole + 2
PHONE_ROLE = Qt.ItemDataRole.UserRole + 3
PAGE_SIZE = 32  # rows fetched at once: about a screenful, so one small fetch fills the view
FIRST_IDS = 96  # ids read for a new search: three screenfuls
MORE_IDS = 512  # ids read each time the view scrolls to the last one read
RECENT_QUERIES = 16
RECENT_SECONDS = 30.0
Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        ID_ROLE,
        PHASES_ROLE,
        PHONE_ROLE,
    }
)


class ActorTableModel(QAbstractTableModel):
    """Holds ids only; ``ActorRow`` values come from ``actor_rows`` in pages and are cached."""

    def __init__(self, store: Store, catalogues: Catalogues, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._filter = ActorFilter()
        self._ids: list[str] = []  # the ids read so far, in order
        self._more: Mark | None = None  # where the next ids start; None when all are read
        self._count = 0  # how many actors match in all
        self._rows: dict[int, list[ActorRow]] = {}
        self._positions: dict[str, int] | None = None
        self._shown: dict[int, tuple[str, ...]] = {}
        self._texts = RowText({})
        self._queried = False
        # Answers to the last few searches, so that Backspace and retyping cost no query. A
        # change made here empties it (``refresh``); answers also expire, since another program
        # may be writing to the same file.
        self._recent: OrderedDict[ActorFilter, tuple[float, _Answer]] = OrderedDict()
        self.set_catalogues(catalogues)

    @property
    def stale_months(self) -> int:
        """The network's verification period: older checks show as stale."""
        return self._texts.stale_months

    @stale_months.setter
    def stale_months(self, months: int) -> None:
        self._texts.set_stale_months(months)

    # -- queries ------------------------------------------------------------------------------

    @property
    def filter(self) -> ActorFilter:
        return self._filter

    def set_filter(self, flt: ActorFilter) -> None:
        """Show the actors matching ``flt`` (a new query; the view is reset)."""
        self._filter = flt
        self._queried = True
        remembered = self._recent.get(flt)
        now = time.monotonic()
        if remembered is not None and now - remembered[0] < RECENT_SECONDS:
            answer = remembered[1]
            self._recent.move_to_end(flt)
        else:
            answer = self._query(flt, FIRST_IDS)
            self._remember(flt, answer)
        self.beginResetModel()
        self._forget_all(answer)
        self.endResetModel()

    def _query(self, flt: ActorFilter, at_least: int) -> _Answer:
        page, count = first_page(self._store, flt, at_least)
        return _Answer(page.ids, page.more, count)

    def _remember(self, flt: ActorFilter, answer: _Answer) -> None:
        self._recent[flt] = (time.monotonic(), answer)
        if len(self._recent) > RECENT_QUERIES:
            self._recent.popitem(last=False)

    def _forget_all(self, answer: _Answer) -> None:
        self._ids = list(answer.ids)
        self._more = answer.more
        self._count = answer.count
        self._rows.clear()
        self._shown.clear()
        self._positions = None
        self._texts.set_stale_months(self._texts.stale_months)  # "today" may have moved on

    def refresh(self) -> None:
        """Run the same query again after a change (as far as it was read). When the same actors
        are still shown the view keeps its selection and scroll position; only the rows are
        fetched again."""
        if not self._queried:
            return
        self._recent.clear()  # the register changed: every remembered answer may be stale
        answer = self._query(self._filter, max(FIRST_IDS, len(self._ids)))
        self._remember(self._filter, answer)
        if len(answer.ids) != len(self._ids):
            self.beginResetModel()
            self._forget_all(answer)
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else "" for i in persistent]
        self._forget_all(answer)
        replaced = [
            self.index(row, index.column())
            if (row := self.row_of(actor_id)) is not None
            else QModelIndex()
            for actor_id, index in zip(old_ids, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, replaced)
        self.layoutChanged.emit()

    def set_catalogues(self, catalogues: Catalogues) -> None:
        """The capability category names shown (again after the catalogue changed)."""
        self._texts.category_names = names_by_key(catalogues.categories)
        self._shown.clear()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._filter.sort, self._filter.descending) == (SORT_KEYS[column], descending):
            return
        sorted_filter = replace(self._filter, sort=SORT_KEYS[column], descending=descending)
        if self._queried:
            self.set_filter(sorted_filter)
        else:  # the view sets up its sort order before the first query: nothing to re-run yet
            self._filter = sorted_filter

    # -- ids and rows -------------------------------------------------------------------------

    def ids(self) -> list[str]:
        """The ids of every matching actor, in order (also those not read into the table yet)."""
        if self._more is None:
            return list(self._ids)
        return search_actor_ids(self._store, self._filter)

    def match_count(self) -> int:
        """How many actors match: the rows of the table once it is scrolled to the end."""
        return self._count

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, actor_id: str) -> int | None:
        """The row of ``actor_id`` among the rows read so far."""
        if self._positions is None:
            self._positions = {actor_id: row for row, actor_id in enumerate(self._ids)}
        return self._positions.get(actor_id)

    def locate(self, actor_id: str) -> int | None:
        """The row of ``actor_id``, reading the ids down to it when it matches but was not read
        yet; None when it does not match."""
        row = self.row_of(actor_id)
        if row is not None or self._more is None:
            return row
        position = position_of(self._store, self._filter, actor_id)
        if position is None:
            return None
        self._read_more(position + 1 - len(self._ids) + MORE_IDS)
        return self.row_of(actor_id)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._read_more(MORE_IDS)

    def _read_more(self, count: int) -> None:
        if self._more is None or count <= 0:
            return
        page = actor_id_page(self._store, self._filter, self._more, count)
        # Another program may have changed the register since: ids already shown stay once.
        known = set(self._ids)
        fresh = [actor_id for actor_id in page.ids if actor_id not in known]
        if fresh:
            start = len(self._ids)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._ids.extend(fresh)
            self._positions = None
            self._more = page.more
            self.endInsertRows()
        else:
            self._more = page.more
        if self._more is None:
            self._count = len(self._ids)  # now known exactly, whatever changed meanwhile

    def actor_row(self, row: int) -> ActorRow | None:
        """The row's values, fetching its page when not cached."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        rows = self._rows.get(page)
        if rows is None:
            start = page * PAGE_SIZE
            fetched = {
                r.id: r for r in actor_rows(self._store, self._ids[start : start + PAGE_SIZE])
            }
            # An actor deleted between the two queries has no row: show a blank one until the
            # change notification arrives and the list is queried again.
            rows = [
                fetched.get(actor_id) or _blank(actor_id)
                for actor_id in self._ids[start : start + PAGE_SIZE]
            ]
            if len(self._rows) > 100:  # keep memory flat while scrolling a huge register
                self._rows.clear()
                self._shown.clear()
            self._rows[page] = rows
        return rows[row % PAGE_SIZE]

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SORT_KEYS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_PHASES:
            return " · ".join(phase.label() for phase in PHASE_ORDER)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles per cell on every repaint: answer the unused ones
        # before touching any row.
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column != COL_VERIFIED:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row())[column]
        row = self.actor_row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._texts.text(row, column, True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._texts.tooltip(row, column)
        if role == ID_ROLE:
            return row.id
        if role == PHASES_ROLE:
            return row.phases
        if role == PHONE_ROLE:
            return row.phone
        stale = column == COL_VERIFIED and self._texts.stale(row)
        if role == Qt.ItemDataRole.ForegroundRole and stale:
            return QColor(error_colour())
        return None

    def _display(self, row_number: int) -> tuple[str, ...]:
        shown = self._shown.get(row_number)
        if shown is None:
            row = self.actor_row(row_number)
            if row is None:
                return ("",) * len(SORT_KEYS)
            shown = self._texts.display(row)
            self._shown[row_number] = shown
        return shown

    def capability_summary(self, row: ActorRow) -> str:
        return self._texts.capability_summary(row)


@dataclass(frozen=True)
class _Answer:
    """What a query answered: the first ids, where the rest start, and the count of all."""

    ids: list[str]
    more: Mark | None
    count: int


def _blank(actor_id: str) -> ActorRow:
    return ActorRow(
        id=actor_id,
        name="",
        kind="",
        area="",
        membership_status="",
        contact_name="",
        phone=None,
        categories=(),
        phases=frozenset(),
        situations=frozenset(),
        last_verified_on=None,
        contact_count=0,
        has_24_7=False,
    )
