"""Every word the program shows goes through the catalog, and the catalog sees every one of them.

The sources are read with ``ast`` (which, unlike the catalog's extractor, looks inside
f-strings): a ``_("…")`` the extractor cannot see stays English in every language, and a string
literal handed to a Qt text setter or a widget's constructor without ``_()`` is never translated.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "src" / "verkosto_desktop"
sys.path.insert(0, str(ROOT / "packaging"))

import catalogs  # noqa: E402

MARKERS = {"_", "N_", "ngettext"}
# Qt calls whose string arguments the user reads.
TEXT_CALLS = {
    "setText",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setWindowTitle",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setTabText",
    "setTabToolTip",
    "addTab",
    "insertTab",
    "addItem",
    "insertItem",
    "addItems",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "showMessage",
    "setLabelText",
    "setCancelButtonText",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
    "addRow",
    "addAction",
    "addMenu",
    "information",
    "warning",
    "critical",
    "question",
    "about",
    "getSaveFileName",
    "getOpenFileName",
    "getExistingDirectory",
}
TEXT_WIDGETS = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QMessageBox",
    "QProgressDialog",
    "ElidedLabel",
}
_TAGS = re.compile(r"<[^>]*>|&\w+;")
PROPER_NOUNS = {"Verkosto"}  # the program's own name, the same in every language
_WORD = re.compile(r"[^\W\d_]{2,}")
_FILE_NAME = re.compile(r"[\w-]+\.[a-z0-9]{2,4}")


def _files() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(SOURCES.rglob("*.py")):
        if "migrations" in path.parts or "demo" in path.parts:
            continue  # schema history and the fictional network's own (Finnish) data
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _words(node: ast.expr) -> str:
    """The literal words of a string or an f-string (markup and placeholders left out); a
    suggested file name ("mapping.json") is a name, not words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        if _FILE_NAME.fullmatch(text):
            return ""
    elif isinstance(node, ast.JoinedStr):
        text = " ".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    else:
        return ""
    words = _WORD.findall(_TAGS.sub(" ", text))
    return " ".join(word for word in words if word not in PROPER_NOUNS)


def _marked_messages() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path, tree in _files():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in MARKERS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, []).append(f"{path.name}:{node.lineno}")
    return found


def test_every_marked_message_is_seen_by_the_catalog() -> None:
    # A _("…") inside an f-string is invisible to the extractor: English in every language.
    extracted = set(catalogs.source_messages())
    hidden = {
        message: places
        for message, places in _marked_messages().items()
        if message not in extracted
    }
    assert not hidden, "\n".join(f"{m!r} at {p}" for m, p in hidden.items())


def test_markers_hold_plain_strings() -> None:
    # _(f"…") or _("…" + x) can never be in the catalog (a constant marked with N_ and
    # translated as _(name) is fine: the catalog has it from where it is marked).
    wrong = []
    for path, tree in _files():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in MARKERS and node.args:
                count = 2 if _name(node.func) == "ngettext" else 1
                if any(isinstance(arg, ast.JoinedStr | ast.BinOp) for arg in node.args[:count]):
                    wrong.append(f"{path.name}:{node.lineno}")
    assert not wrong, wrong


def _unmarked_texts() -> list[str]:
    found = []
    for path, tree in _files():
        parts = path.relative_to(SOURCES).parts
        window = "ui" in parts
        terminal = "commands" in parts or path.name in ("cli.py", "app.py", "__main__.py")
        if not window and not terminal:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = _name(node.func)
            if terminal:  # the command line's help texts
                for keyword in node.keywords:
                    words = _words(keyword.value)
                    if keyword.arg in ("help", "description", "epilog") and words:
                        place = f"{path.relative_to(SOURCES)}:{node.lineno}"
                        found.append(f"{place} {keyword.arg}=: {words!r}")
            said = called in TEXT_CALLS or called in TEXT_WIDGETS if window else False
            # What the command line prints (to the terminal or its error stream).
            said = said or (terminal and called in ("print", "error", "exit", "fail"))
            if not said:
                continue
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                words = _words(argument)
                if words:
                    found.append(f"{path.relative_to(SOURCES)}:{node.lineno} {called}: {words!r}")
    return found


def test_no_words_reach_the_screen_without_the_catalog() -> None:
    found = _unmarked_texts()
    assert not found, "\n".join(found)


def test_the_scan_finds_what_it_looks_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The checks above can fail: an f-string with words, and a marked message inside one.
    sample = tmp_path / "verkosto_desktop" / "ui"
    sample.mkdir(parents=True)
    (sample / "page.py").write_text(
        "label.setText(f'{count} meetings so far')\n"
        "QPushButton('Close')\n"
        "button.setToolTip('24/7')\n"
        "window.setWindowTitle(f'{name} — Verkosto')\n"
        "QLabel(f'<p>{escape(_(\"No meetings yet.\"))}</p>')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "SOURCES", tmp_path / "verkosto_desktop")
    assert [line.split(" ", 1)[1] for line in _unmarked_texts()] == [
        "setText: 'meetings so far'",
        "QPushButton: 'Close'",
    ]
    assert _marked_messages() == {"No meetings yet.": ["page.py:5"]}
