"""The one table model over frozen rows: headers that follow the language, the same items
updated in place (no reset, the selection stays), other rows reset the model."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from verkosto_desktop.i18n import _, set_language
from verkosto_desktop.ui.row_table import ID_ROLE, Column, RowTableModel


@dataclass(frozen=True)
class Item:
    id: str
    name: str


def _model() -> RowTableModel[Item]:
    return RowTableModel(
        [Column(lambda: _("Name"), lambda i: i.name), Column("Id", lambda i: i.id)],
        key=lambda i: i.id,
    )


def test_same_items_update_in_place_others_reset(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = _model()
    model.set_rows([Item("a", "Martat"), Item("b", "VPK")])
    qtmodeltester.check(model)
    resets: list[int] = []
    changes: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda *_a: changes.append(1))
    model.set_rows([Item("a", "Martat"), Item("b", "VPK")])  # equal: nothing
    assert resets == [] and changes == []
    model.set_rows([Item("a", "Marttayhdistys"), Item("b", "VPK")])  # the same items
    assert resets == [] and changes == [1]
    assert model.index(0, 0).data() == "Marttayhdistys"
    model.set_rows([Item("b", "VPK"), Item("a", "Marttayhdistys")])  # other order: reset
    assert resets == [1]
    assert model.index(0, 0).data(ID_ROLE) == "b" and model.row_of("a") == 1


def test_headers_follow_the_language() -> None:
    model = _model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nimi"
    set_language("en")
    try:
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    finally:
        set_language("fi")
