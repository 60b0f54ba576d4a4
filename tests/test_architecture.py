"""Layers point one way: ``ui → printouts → data, export → domain``, with the command line beside
the UI (``commands/``, ``cli.py``).

- ``domain``, ``data``, ``export``, ``printouts`` and the command line never import Qt;
- ``domain`` imports no SQLAlchemy and nothing of the other layers;
- ``data`` imports nothing of ``export``, ``printouts``, the UI or the command line;
- ``export`` writes file formats from plain values: it reads ``data``'s row classes only for type
  hints (under ``TYPE_CHECKING``), never ``data``'s functions, and nothing above it;
- ``printouts`` (request → rows → document) may import ``data``, ``export`` and ``domain``;
- the UI and the command line never build SQL, and reach paper only through ``printouts``: they
  import nothing from ``export`` (see :data:`UI_MAY_IMPORT_FROM_EXPORT`).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "verkosto_desktop"
ROOT = "verkosto_desktop"

# What the UI and the command line may still import from ``export`` directly, with the reason.
# Nothing today: progress and cancel (``Progress``, ``Cancelled``) moved to ``domain.progress``
# because every layer passes them on; saving a rendered preview goes through
# ``printouts.render.save_rendered``; every document is made by a ``printouts`` module.
UI_MAY_IMPORT_FROM_EXPORT: dict[str, str] = {}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _names(tree: ast.AST, *, runtime_only: bool) -> set[str]:
    names: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if runtime_only and isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)  # the ``else`` of ``if TYPE_CHECKING`` runs
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # ``from verkosto_desktop import export`` names the layer in the alias.
            if node.module == ROOT:
                names.update(f"{ROOT}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return names


def _imports(*places: str, runtime_only: bool = False) -> dict[str, set[str]]:
    """Every module under ``places`` (folders or files of the package) and what it imports."""
    found: dict[str, set[str]] = {}
    for place in places:
        target = PACKAGE / place
        paths = [target] if target.is_file() else sorted(target.rglob("*.py"))
        for path in paths:
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found[str(path.relative_to(PACKAGE))] = _names(tree, runtime_only=runtime_only)
    return found


def _offenders(imports: dict[str, set[str]], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    def hit(name: str) -> bool:
        return any(name == f or name.startswith(f + ".") for f in forbidden)

    result = {module: sorted(n for n in names if hit(n)) for module, names in imports.items()}
    return {module: names for module, names in result.items() if names}


LAYERS_WITHOUT_QT = ("data", "domain", "export", "printouts", "commands", "cli.py")
SQL = ("sqlalchemy", "sqlite3", "alembic")


@pytest.mark.parametrize("layer", LAYERS_WITHOUT_QT)
def test_layer_does_not_import_qt(layer: str) -> None:
    assert _offenders(_imports(layer), ("PySide6", "shiboken6", f"{ROOT}.ui")) == {}


def test_domain_imports_neither_sql_nor_other_layers() -> None:
    layers = tuple(f"{ROOT}.{name}" for name in ("data", "export", "printouts", "ui", "commands"))
    assert _offenders(_imports("domain"), (*SQL, *layers)) == {}


def test_data_imports_nothing_above_it() -> None:
    above = tuple(
        f"{ROOT}.{name}" for name in ("export", "printouts", "ui", "commands", "app", "startup")
    )
    assert _offenders(_imports("data"), above) == {}


def test_export_writes_from_plain_values() -> None:
    above = tuple(f"{ROOT}.{name}" for name in ("printouts", "ui", "commands", "app", "startup"))
    assert _offenders(_imports("export"), above) == {}
    # ``data``'s row classes appear in type hints only: at run time export is handed values.
    assert _offenders(_imports("export", runtime_only=True), (f"{ROOT}.data", *SQL)) == {}


def test_printouts_sit_between_the_ui_and_the_documents() -> None:
    above = tuple(f"{ROOT}.{name}" for name in ("ui", "commands", "app", "startup"))
    assert _offenders(_imports("printouts"), (*above, *SQL)) == {}


@pytest.mark.parametrize("layer", ["ui", "commands", "cli.py", "startup.py"])
def test_ui_and_command_line_build_no_sql(layer: str) -> None:
    assert _offenders(_imports(layer), SQL) == {}


@pytest.mark.parametrize("layer", ["ui", "commands", "cli.py"])
def test_paper_only_through_printouts(layer: str) -> None:
    offenders = _offenders(_imports(layer), (f"{ROOT}.export",))
    allowed = {f"{ROOT}.export.{name}" for name in UI_MAY_IMPORT_FROM_EXPORT}
    left = {module: [n for n in names if n not in allowed] for module, names in offenders.items()}
    assert {module: names for module, names in left.items() if names} == {}


def test_the_command_line_does_not_start_the_window_by_itself() -> None:
    # Sub-commands run headless; only ``cli.main`` opens the window when no command is given.
    assert _offenders(_imports("commands"), (f"{ROOT}.app", f"{ROOT}.startup")) == {}


def test_the_checks_see_the_imports_they_forbid(tmp_path: Path) -> None:
    # The walker must find imports inside functions (the UI imports documents lazily) and skip
    # only ``if TYPE_CHECKING`` blocks, or the tests above would pass on anything.
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from verkosto_desktop.data.x import Row\n"
        "def work():\n    from verkosto_desktop.export.ics import write_ics\n"
        "from verkosto_desktop import export\n"
    )
    tree = ast.parse(source)
    runtime = _names(tree, runtime_only=True)
    assert "verkosto_desktop.export.ics" in runtime and "verkosto_desktop.export" in runtime
    assert "verkosto_desktop.data.x" not in runtime
    assert "verkosto_desktop.data.x" in _names(tree, runtime_only=False)


def test_importing_the_lower_layers_loads_no_qt() -> None:
    packages = ", ".join(f"verkosto_desktop.{name}" for name in ("data", "domain", "export"))
    code = (
        f"import sys, importlib, pkgutil, {packages}, verkosto_desktop.printouts, "
        "verkosto_desktop.commands, verkosto_desktop.cli\n"
        "for pkg in (verkosto_desktop.data, verkosto_desktop.domain, verkosto_desktop.export,\n"
        "            verkosto_desktop.printouts, verkosto_desktop.commands):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
