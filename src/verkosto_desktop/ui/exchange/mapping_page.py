"""The wizard's third page: which column goes where. The suggestion (or the mapping used before
for a file with the same columns) is filled in; every target is in a drop-down, and columns
that are not imported are listed. A mapping can be saved to a file and loaded from one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from verkosto_desktop.data.catalogues import capability_categories
from verkosto_desktop.data.exchange.batches import initial_mapping
from verkosto_desktop.data.exchange.mapping import load_mapping
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.exchange.mapping_model import (
    COL_HEADER,
    COL_TARGET,
    COL_VALUES,
    MappingModel,
    TargetDelegate,
    target_choices,
)
from verkosto_desktop.ui.forms.message_line import MessageLine

if TYPE_CHECKING:
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard

# Drop-downs for every column are made up front up to this many columns; beyond, a column's
# drop-down opens when its "goes to" cell is clicked.
OPEN_EDITORS = 150


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Which column goes where"))
        self.setSubTitle(
            _(
                "Suggestions are filled in. Choose where each column goes; a column marked "
                "not imported is left out."
            )
        )
        self.model = MappingModel(target_choices(capability_categories(wizard.store)))
        self.model.changed.connect(self._changed)
        self.view = QTableView()
        self.view.setObjectName("importMapping")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(COL_TARGET, TargetDelegate(self.view))
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_HEADER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_VALUES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_HEADER, 190)
        header.resizeSection(COL_TARGET, 340)
        self.note = MessageLine()
        self.note.setObjectName("importMappingNote")
        self.unmapped = QLabel()
        self.unmapped.setObjectName("importUnmapped")
        self.unmapped.setWordWrap(True)
        self.default_actor = QComboBox()
        self.default_actor.setObjectName("importDefaultActor")
        self.default_actor.activated.connect(lambda _i: self._default_actor_chosen())
        actor_row = QHBoxLayout()
        actor_row.addWidget(QLabel(_("Rows without an actor (e.g. phone contacts) belong to:")))
        actor_row.addWidget(self.default_actor, 1)
        load = QPushButton(_("&Load a mapping…"))
        load.setObjectName("importLoadMapping")
        load.clicked.connect(self._load)
        save = QPushButton(_("&Save the mapping…"))
        save.setObjectName("importSaveMapping")
        save.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.unmapped)
        layout.addLayout(actor_row)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        state = self._wizard.state
        table = state.table
        assert table is not None
        if state.mapped_headers != table.headers:
            mapping, used_before = initial_mapping(self._wizard.store, table)
            state.mapping = mapping
            state.mapped_headers = table.headers
            if used_before is not None:
                self.note.show_info(
                    _(
                        "The mapping used for {file} on {date} is filled in: the file has the "
                        "same columns."
                    ).format(file=used_before.file_name, date=format_date(used_before.imported_at))
                )
            else:
                self.note.clear_message()
        self.model.set_table(table, state.mapping)
        if len(table.headers) <= OPEN_EDITORS:
            for row in range(self.model.rowCount()):
                self.view.openPersistentEditor(self.model.index(row, COL_TARGET))
        self._fill_actors()
        self._changed()

    def _fill_actors(self) -> None:
        self.default_actor.clear()
        self.default_actor.addItem(_("— none: each row names its actor —"), None)
        for _actor_id, name in actor_names(self._wizard.store):
            self.default_actor.addItem(name, name)
        chosen = self._wizard.state.mapping.defaults.get("actor.name")
        if chosen:
            index = self.default_actor.findData(chosen)
            if index < 0:
                self.default_actor.addItem(chosen, chosen)
                index = self.default_actor.count() - 1
            self.default_actor.setCurrentIndex(index)

    def _default_actor_chosen(self) -> None:
        name = self.default_actor.currentData()
        defaults = self._wizard.state.mapping.defaults
        if name:
            defaults["actor.name"] = name
        else:
            defaults.pop("actor.name", None)
        self._changed()

    def _changed(self) -> None:
        missing = self.model.unmapped()
        self.unmapped.setText(
            _("Not imported: {columns}").format(columns=", ".join(missing))
            if missing
            else _("Every column is imported.")
        )
        # Later pages start again from the new mapping.
        self._wizard.state.review = None
        self._wizard.state.trial = None
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        table = self._wizard.state.table
        return table is not None and self._wizard.state.mapping.has_name(table.headers)

    def _load(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Load a mapping"), "", _("Mappings (*.json);;All files (*)")
        )
        if not path:
            return
        self.load_from(Path(path))

    def load_from(self, path: Path) -> None:
        """Use the mapping in ``path`` (columns it does not name are not imported)."""
        state = self._wizard.state
        assert state.table is not None
        try:
            mapping = load_mapping(path)
        except VerkostoError as error:
            self.note.show_error(str(error))
            return
        for header in state.table.headers:
            mapping.columns.setdefault(header, None)
        state.mapping = mapping
        self.note.show_info(_("The mapping in {name} is in use.").format(name=path.name))
        self.model.set_table(state.table, mapping)
        for row in range(min(self.model.rowCount(), OPEN_EDITORS)):
            self.view.openPersistentEditor(self.model.index(row, COL_TARGET))
        self._fill_actors()
        self._changed()

    def _save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the mapping"), "mapping.json", _("Mappings (*.json)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Write the mapping in use to ``path`` (the file ``verkosto import --mapping`` reads)."""
        try:
            self._wizard.state.mapping.save(path)
        except OSError as error:
            self.note.show_error(
                _("The mapping could not be saved: {reason}").format(reason=error.strerror)
            )
            return
        self.note.show_info(_("The mapping was saved in {name}.").format(name=path.name))
