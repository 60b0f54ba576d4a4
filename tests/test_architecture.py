"""Layers point one way: ``data``, ``domain`` and ``export`` never import Qt; ``domain`` imports
no SQLAlchemy either; the UI never builds SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "verkosto_desktop"


def _imports(folder: Path) -> dict[Path, set[str]]:
    found: dict[Path, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[path] = names
    return found


@pytest.mark.parametrize("layer", ["data", "domain", "export"])
def test_layer_does_not_import_qt(layer: str) -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in names if n.split(".")[0] == "PySide6")
        for path, names in _imports(PACKAGE / layer).items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_domain_imports_neither_sqlalchemy_nor_data() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            n
            for n in names
            if n.split(".")[0] in {"sqlalchemy", "alembic"} or n.startswith("verkosto_desktop.data")
        )
        for path, names in _imports(PACKAGE / "domain").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_ui_builds_no_sql() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            n for n in names if n.split(".")[0] in {"sqlalchemy", "sqlite3"}
        )
        for path, names in _imports(PACKAGE / "ui").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_data_and_export_loads_no_qt() -> None:
    code = (
        "import sys, importlib, pkgutil, verkosto_desktop.data, verkosto_desktop.domain, verkosto_desktop.export\n"
        "for pkg in (verkosto_desktop.data, verkosto_desktop.domain, verkosto_desktop.export):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
