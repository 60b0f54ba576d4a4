"""The register table's model: the ids of the matching actors in order, read a page at a time as
the view scrolls (``canFetchMore``/``fetchMore``), and their rows fetched a page at a time when
the view paints them. Filtering and sorting are new queries; the count of all matches comes from
its own query (the full-text index counts a search without reading the matches)."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from verkosto_desktop.data.register.pages import (
    Mark,
    actor_id_page,
    first_page,
    position_of,
)
from verkosto_desktop.data.register.search import (
    SORT_KEYS,
    ActorFilter,
    ActorRow,
    actor_rows,
    search_actor_ids,
)
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.dates import months_before
from verkosto_desktop.domain.enums import ActorKind, Phase
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import N_, _
from verkosto_desktop.ui.forms.field_box import error_colour
from verkosto_desktop.ui.register.catalogue_cache import Catalogues

(
    COL_NAME,
    COL_KIND,
    COL_AREA,
    COL_CONTACT,
    COL_PHONE,
    COL_CAPABILITIES,
    COL_PHASES,
    COL_VERIFIED,
    COL_24_7,
) = range(9)
HEADERS = (
    N_("Name"),
    N_("Kind"),
    N_("Area"),
    N_("Contact"),
    N_("Phone"),
    N_("Capabilities"),
    N_("Phases"),
    N_("Last verified"),
    N_("24/7"),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
PHASES_ROLE = Qt.ItemDataRole.UserRole + 2
PHONE_ROLE = Qt.ItemDataRole.UserRole + 3
PAGE_SIZE = 32  # rows fetched at once: about a screenful, so one small fetch fills the view
FIRST_IDS = 96  # ids read for a new search: three screenfuls
MORE_IDS = 512  # ids read each time the view scrolls to the last one read
PHONE_CACHE = 4096
RECENT_QUERIES = 16
RECENT_SECONDS = 30.0
PHASE_ORDER = (Phase.PREPAREDNESS, Phase.RESPONSE, Phase.RECOVERY)
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


@lru_cache(maxsize=PHONE_CACHE)
def _shown_phone(e164: str | None) -> str:
    # Parsing a number costs a fraction of a millisecond; a screenful is redrawn on every key.
    return format_phone(e164)


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
        self._category_names: dict[str, str] = {}
        self._stale_before = date.min
        self._queried = False
        # Answers to the last few searches, so that Backspace and retyping cost no query. A
        # change made here empties it (``refresh``); answers also expire, since another program
        # may be writing to the same file.
        self._recent: OrderedDict[ActorFilter, tuple[float, _Answer]] = OrderedDict()
        self.stale_months = 12
        self.set_catalogues(catalogues)

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
        self._stale_before = months_before(date.today(), self.stale_months)

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
        self._category_names = names_by_key(catalogues.categories)
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
            return self._text(row, column, True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == ID_ROLE:
            return row.id
        if role == PHASES_ROLE:
            return row.phases
        if role == PHONE_ROLE:
            return row.phone
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_VERIFIED and self._stale(row):
            return QColor(error_colour())
        return None

    def _display(self, row_number: int) -> tuple[str, ...]:
        shown = self._shown.get(row_number)
        if shown is None:
            row = self.actor_row(row_number)
            if row is None:
                return ("",) * len(SORT_KEYS)
            shown = tuple(self._text(row, column, False) for column in range(len(SORT_KEYS)))
            self._shown[row_number] = shown
        return shown

    def _text(self, row: ActorRow, column: int, spoken: bool) -> str:
        if column == COL_NAME:
            return row.name
        if column == COL_KIND:
            return ActorKind.label_of(row.kind)
        if column == COL_AREA:
            return row.area
        if column == COL_CONTACT:
            return row.contact_name
        if column == COL_PHONE:
            return _shown_phone(row.phone)
        if column == COL_CAPABILITIES:
            return self.capability_summary(row)
        if column == COL_PHASES:
            covered = [p for p in PHASE_ORDER if p.value in row.phases]
            if spoken:
                return ", ".join(p.label() for p in covered) or _("No phases")
            return " ".join(p.label()[:1] for p in covered)
        if column == COL_24_7:
            # The number beside it is the one to call, the 24/7 contact's (whom_to_call).
            if spoken:
                return _("Reachable 24/7") if row.has_24_7 else _("not 24/7")
            return "24/7" if row.has_24_7 else ""
        if column == COL_VERIFIED:
            shown = format_date(row.last_verified_on) if row.last_verified_on else _("never")
            if not self._stale(row):
                return shown
            # Red alone does not reach a greyscale screen or a colour-blind reader.
            if spoken:
                return shown + ", " + self._stale_text()
            return "⚠ " + shown
        return ""

    def capability_summary(self, row: ActorRow) -> str:
        names = [self._category_names.get(key, key) for key in row.categories]
        if len(names) <= 2:
            return ", ".join(names)
        return _("{first}, {second} and {count} more").format(
            first=names[0], second=names[1], count=len(names) - 2
        )

    def _tooltip(self, row: ActorRow, column: int) -> str | None:
        if column == COL_CAPABILITIES and row.categories:
            return "\n".join(self._category_names.get(k, k) for k in row.categories)
        if column == COL_PHASES:
            return "\n".join(
                ("✓ " if p.value in row.phases else "– ") + p.label() for p in PHASE_ORDER
            )
        if column == COL_PHONE and row.phone:
            return _("Double-click to copy the number")
        if column == COL_24_7:
            if not row.has_24_7:
                return _("Nobody of this actor is marked as reachable 24/7")
            return _("Someone of this actor is reachable 24/7: the number beside is theirs")
        if column == COL_VERIFIED and self._stale(row):
            return self._stale_text()
        return None

    def _stale_text(self) -> str:
        return _("Not verified in {months} months").format(months=self.stale_months)

    def _stale(self, row: ActorRow) -> bool:
        return row.last_verified_on is None or row.last_verified_on < self._stale_before


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
