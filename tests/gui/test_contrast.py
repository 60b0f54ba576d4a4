"""Every text/background pair of both themes reads at 4.5:1 or better (WCAG AA for text), computed
from the palettes, the colour tables the views draw with, and the style sheets of the widgets on
screen; the focus ring stands out at 3:1 (WCAG for non-text marks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_walk import every_page

from verkosto_desktop.app import build_window
from verkosto_desktop.ui.dashboard.colours import banner_colours, level_colours
from verkosto_desktop.ui.focus_ring import ring_colour
from verkosto_desktop.ui.forms.field_box import ERROR_DARK, ERROR_LIGHT
from verkosto_desktop.ui.incident.assessments_tab import CHANGED_BACKGROUND
from verkosto_desktop.ui.incident.banner import STATUS_COLOURS
from verkosto_desktop.ui.incident.common import MUTED
from verkosto_desktop.ui.incident.header import PHASE_COLOURS
from verkosto_desktop.ui.network.call_entry_model import RESULT_COLOURS
from verkosto_desktop.ui.register.phase_delegate import faint_alpha
from verkosto_desktop.ui.theme import apply_theme, palette_for

TEXT = 4.5
MARK = 3.0
Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor | str, second: QColor | str) -> float:
    a, b = luminance(QColor(first)), luminance(QColor(second))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def over(top: QColor, below: QColor) -> QColor:
    """A translucent colour as painted over an opaque one."""
    alpha = top.alphaF()
    return QColor.fromRgbF(
        top.redF() * alpha + below.redF() * (1 - alpha),
        top.greenF() * alpha + below.greenF() * (1 - alpha),
        top.blueF() * alpha + below.blueF() * (1 - alpha),
    )


def test_the_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert over(QColor(0, 0, 0, 128), QColor("#ffffff")).name() in ("#7f7f7f", "#808080")


def _pairs(dark: bool) -> Iterator[tuple[str, QColor, QColor]]:
    palette = palette_for(dark)

    def colour(role: Role, group: Group = Group.Active) -> QColor:
        return palette.color(group, role)

    for text, ground in (
        (Role.WindowText, Role.Window),
        (Role.Text, Role.Base),
        (Role.Text, Role.AlternateBase),
        (Role.ButtonText, Role.Button),
        (Role.HighlightedText, Role.Highlight),
        (Role.ToolTipText, Role.ToolTipBase),
        (Role.PlaceholderText, Role.Base),
        (Role.Link, Role.Base),
        (Role.Link, Role.Window),
        (Role.Link, Role.AlternateBase),
    ):
        yield f"palette {text.name} on {ground.name}", colour(text), colour(ground)
    for text, ground in (
        (Role.WindowText, Role.Window),
        (Role.Text, Role.Base),
        (Role.ButtonText, Role.Button),
    ):
        yield (
            f"palette disabled {text.name} on {ground.name}",
            colour(text, Group.Disabled),
            colour(ground, Group.Disabled),
        )
    base, window, text = colour(Role.Base), colour(Role.Window), colour(Role.Text)
    for level in range(4):
        background, ink = level_colours(level, dark)
        yield f"coverage level {level}", ink, background
    background, ink, _border = banner_colours(dark)
    yield "dashboard incident banner", QColor(ink), QColor(background)
    for phase, colours in PHASE_COLOURS.items():
        badge = QColor(colours[1 if dark else 0])
        yield f"incident phase badge {phase}", QColor("black" if dark else "white"), badge
    error = QColor(ERROR_DARK if dark else ERROR_LIGHT)
    for name, ground in (
        ("window", window),
        ("base", base),
        ("alternate", colour(Role.AlternateBase)),
    ):
        yield f"error text on {name}", error, ground
    yield "status bar incident", QColor(STATUS_COLOURS[dark]), window
    yield "corrected log entry", QColor(MUTED[dark]), base
    yield "changed assessment row", text, QColor(CHANGED_BACKGROUND[dark])
    for result, tint in RESULT_COLOURS.items():
        yield f"call result {result.value}", text, over(tint, base)
    ink = QColor(text)
    ink.setAlphaF(faint_alpha(selected=False))
    yield "phase not covered (register)", over(ink, base), base
    ink.setAlphaF(faint_alpha(selected=False))
    yield (
        "phase not covered (alternate row)",
        over(ink, colour(Role.AlternateBase)),
        colour(Role.AlternateBase),
    )
    selected_ink = colour(Role.HighlightedText)
    selected_ink.setAlphaF(faint_alpha(selected=True))
    highlight = colour(Role.Highlight)
    yield "phase not covered (selected row)", over(selected_ink, highlight), highlight
    yield "phase covered (register)", colour(Role.HighlightedText), colour(Role.Highlight)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_colour_pair_of_the_theme_reads(dark: bool) -> None:
    weak = [
        f"{name}: {contrast(ink, ground):.2f}:1 ({QColor(ink).name()} on {QColor(ground).name()})"
        for name, ink, ground in _pairs(dark)
        if contrast(ink, ground) < TEXT
    ]
    assert not weak, "\n".join(weak)
    palette = palette_for(dark)
    for ground in (Role.Window, Role.Base, Role.Button):
        assert contrast(ring_colour(palette), palette.color(ground)) >= MARK, ground


def _background(widget: QWidget) -> QColor:
    """What is painted behind ``widget``: the nearest widget (itself included) that paints a
    background of its own — by style sheet, by filling, or a view's viewport — or the window."""
    current: QWidget | None = widget
    while current is not None:
        sheet = current.styleSheet()
        own = "background" in sheet and (
            "{" not in sheet or (f"#{current.objectName()}" in sheet and current.objectName())
        )
        parent = current.parentWidget()
        viewport = isinstance(parent, QAbstractScrollArea) and current is parent.viewport()
        if current.isWindow() or own or current.autoFillBackground() or viewport:
            return current.palette().color(current.backgroundRole())
        current = parent
    return QApplication.palette().color(Role.Window)


def _text_colour(widget: QWidget) -> QColor:
    if (
        isinstance(widget, QPushButton)
        and not widget.isFlat()
        and "border" not in widget.styleSheet()
    ):
        return widget.palette().color(Role.ButtonText)
    return widget.palette().color(widget.foregroundRole())


def _ground_of(widget: QWidget) -> QColor:
    if isinstance(widget, QPushButton) and not widget.isFlat() and not widget.styleSheet():
        return widget.palette().color(Role.Button)
    return _background(widget)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_on_screen_reads(qtbot: QtBot, demo_path: Path, dark: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, dark=False)
    try:
        window = build_window(demo_path)
        qtbot.addWidget(window)
        window.resize(1280, 760)
        window.show()
        qtbot.waitExposed(window)
        dashboard = window.section("dashboard")
        qtbot.waitUntil(lambda: getattr(dashboard, "picture", None) is not None, timeout=10_000)
        # Switched while the window is open, as View → Dark theme does: nothing may keep the
        # other theme's colours.
        apply_theme(app, dark=dark)
        qtbot.wait(50)
        weak: set[str] = set()
        checked = 0
        for key in every_page(qtbot, window):
            for widget in window.findChildren(QWidget):
                if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
                    continue
                if not widget.text().strip() or not widget.isEnabled():
                    continue
                widget.ensurePolished()
                ink, ground = _text_colour(widget), _ground_of(widget)
                checked += 1
                if contrast(ink, ground) < TEXT:
                    weak.add(
                        f"{key}: {type(widget).__name__} {widget.objectName()!r} "
                        f"{widget.text()[:30]!r} {ink.name()} on {ground.name()} "
                        f"= {contrast(ink, ground):.2f}:1"
                    )
                if isinstance(widget, QLabel) and "<a " in widget.text():
                    link = widget.palette().color(Role.Link)
                    if contrast(link, ground) < TEXT:
                        weak.add(f"{key}: link in {widget.objectName()!r} {link.name()}")
        assert checked > 200
        assert not weak, "\n".join(sorted(weak))
    finally:
        apply_theme(app, dark=False)
