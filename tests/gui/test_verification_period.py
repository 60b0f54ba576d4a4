"""The network's verification period, typed in the network section: the register's filter, its
red dates and a health list it shows, and the dashboard's register health all follow it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.network.info import network_info
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import search_actor_ids
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.ui.dashboard import DashboardSection
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.network import NetworkSection
from verkosto_desktop.ui.register.row_text import COL_VERIFIED
from verkosto_desktop.ui.register.section import RegisterSection


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    built = build_window(demo_path)
    qtbot.addWidget(built)
    built.resize(1300, 850)
    with qtbot.waitActive(built):
        built.show()
        built.activateWindow()
    dashboard = built.section("dashboard")
    assert isinstance(dashboard, DashboardSection)
    qtbot.waitUntil(lambda: dashboard.picture is not None, timeout=10_000)
    yield built
    built.close()


def _type_period(qtbot: QtBot, window: MainWindow, months: str) -> QSpinBox:
    network = window.show_section("network")
    assert isinstance(network, NetworkSection)
    network.show_page(network.founding)
    spin = window.findChild(QSpinBox, "networkStaleMonths")
    assert spin is not None and spin.isVisible()
    qtbot.mouseClick(spin, Qt.MouseButton.LeftButton)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, months)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    return spin


def _months_ago(today: date, months: int) -> date:
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28))


def test_typing_the_period_is_saved_and_the_register_follows(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.context.store
    register = window.section("register")
    assert isinstance(register, RegisterSection)
    assert network_info(store).stale_after_months == 12
    assert register.filter_bar.stale.text() == "Ei tarkistettu 12 kuukauteen"
    # The register shows actors not verified in the period (the user ticked the check box).
    window.show_section("register")
    qtbot.mouseClick(register.filter_bar.stale, Qt.MouseButton.LeftButton)
    assert register.current_filter().stale_months == 12
    year_old = set(register.visible_ids())

    spin = _type_period(qtbot, window, "3")
    qtbot.waitUntil(lambda: network_info(store).stale_after_months == 3)
    assert spin.value() == 3

    assert register.filter_bar.stale.text() == "Ei tarkistettu 3 kuukauteen"
    assert register.filter_bar.stale.isChecked()
    assert register.current_filter().stale_months == 3
    cutoff = _months_ago(local_today(), 3)
    expected = {
        actor_id
        for actor_id, _name in actors.actor_names(store)
        if (verified := actors.get_actor(store, actor_id).last_verified_on) is None
        or verified < cutoff
    }
    assert set(register.visible_ids()) == expected
    assert expected > year_old  # a shorter period finds more actors
    # The table's dates are red (and say why) by the new period too.
    model = register.model
    row = next(r for r in range(model.rowCount()) if model.id_at(r) not in year_old)
    index = model.index(row, COL_VERIFIED)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Ei tarkistettu 3 kuukauteen"


def test_the_dashboard_health_and_its_register_list_follow_the_period(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.context.store
    dashboard = window.section("dashboard")
    register = window.section("register")
    assert isinstance(dashboard, DashboardSection) and isinstance(register, RegisterSection)
    picture = dashboard.picture
    assert picture is not None and picture.health.months == 12
    stale = picture.health.item("stale_contacts")
    assert stale is not None
    # The health line opened in the register, as a click on it does.
    dashboard.open_register.emit(stale.filter)
    assert register.current_filter().health_months == 12
    assert len(register.visible_ids()) == stale.actors

    _type_period(qtbot, window, "3")
    qtbot.waitUntil(
        lambda: dashboard.picture is not None and dashboard.picture.health.months == 3,
        timeout=5000,
    )
    after = dashboard.picture.health.item("stale_contacts")  # type: ignore[union-attr]
    assert after is not None and after.actors > stale.actors
    assert after.filter.health_months == 3
    expected = search_actor_ids(store, after.filter)
    assert len(expected) == after.actors
    # What the dashboard's list says, in words and numbers.
    lists = dashboard.lists.health_model
    keys = [item.key for item in dashboard.picture.health.items]  # type: ignore[union-attr]
    row = keys.index("stale_contacts")
    assert lists.index(row, 1).data() == (
        f"Yhteystiedot tarkistamatta yli 3 kk ({after.contacts} yhteyshenkilöä)"
    )
    assert lists.index(row, 0).data() == f"⚠ {after.actors}"
    # The register still showing the health list follows the new period as well.
    assert register.current_filter().health_months == 3
    assert register.visible_ids() == expected


def test_a_period_out_of_range_cannot_be_typed(qtbot: QtBot, window: MainWindow) -> None:
    spin = _type_period(
        qtbot, window, "99"
    )  # the box takes no more than 60: the second 9 is refused
    assert (spin.minimum(), spin.maximum()) == (1, 60)
    assert spin.value() == 9
    qtbot.waitUntil(lambda: network_info(window.context.store).stale_after_months == 9)


def test_the_network_name_is_typed_in_the_same_group(qtbot: QtBot, window: MainWindow) -> None:
    _type_period(qtbot, window, "12")
    name = window.findChild(QLineEdit, "networkName")
    assert name is not None and name.text() == network_info(window.context.store).name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name, "Kylien verkosto")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: network_info(window.context.store).name == "Kylien verkosto")
