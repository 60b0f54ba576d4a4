"""Freeze Verkosto into a one-folder program with PyInstaller (any system; `make dist` on Linux).

The package is first installed, without dependencies, into a staging folder: the frozen program
then holds Verkosto exactly as `pip install` lays it out (resources inside the package, compiled
catalogs, the Alembic scripts), whatever kind of install the build's virtualenv has (an editable
one maps `resources/` from outside the package, which PyInstaller cannot follow).

    python packaging/freeze.py [--reuse]   -> build/pyinstaller/dist/verkosto/
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "pyinstaller"
STAGED = BUILD / "staged"
DIST = BUILD / "dist"
SPEC = ROOT / "packaging" / "verkosto.spec"


def version() -> str:
    """The program's version, read from the package without importing it."""
    text = (ROOT / "src" / "verkosto_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert found is not None
    return found.group(1)


def program_folder() -> Path:
    """Where the frozen one-folder program lands (the folder holding the executable)."""
    return DIST / "verkosto"


def executable() -> Path:
    """The frozen program's executable."""
    name = "verkosto.exe" if sys.platform == "win32" else "verkosto"
    return program_folder() / name


def stage() -> None:
    """Install the package (no dependencies) into ``STAGED``, as an installed program has it."""
    shutil.rmtree(STAGED, ignore_errors=True)
    # The build must not reuse setuptools' own build folder from an earlier layout.
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-compile",
            "--target",
            str(STAGED),
            str(ROOT),
        ],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    # The entry point and metadata pip adds are not part of the program.
    for extra in (STAGED / "bin", *STAGED.glob("*.dist-info")):
        shutil.rmtree(extra, ignore_errors=True)


# Everything the frozen program is made from: the key of a build changes whenever any of it does.
# (The archive and the package are made anew from the program every time.)
INPUTS = (
    "src",
    "resources",
    "setup.py",
    "pyproject.toml",
    "packaging/verkosto.spec",
    "packaging/freeze.py",
    "packaging/catalogs.py",
)
KEY_FILE = BUILD / "build-key.txt"


def build_key() -> str:
    """A digest of every input of the build: the sources (by content, the compiled catalogs
    excepted, as they are made from the .po files), the spec and scripts, the Python and
    the exact versions of the installed packages."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for item in INPUTS:
        path = ROOT / item
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or file.suffix in (".pyc", ".mo"):
                continue
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0")
            digest.update(file.read_bytes())
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    digest.update(frozen.encode())
    return digest.hexdigest()


def freeze(*, reuse: bool = False) -> Path:
    """Stage and run PyInstaller; returns the program folder. With ``reuse``, a build made from
    exactly the same inputs (see ``build_key``) is kept instead of being made again."""
    key = build_key()
    if reuse and executable().exists() and KEY_FILE.exists() and KEY_FILE.read_text() == key:
        print(f"unchanged since the last build: {program_folder()}", file=sys.stderr)
        return program_folder()
    KEY_FILE.unlink(missing_ok=True)
    started = time.monotonic()
    stage()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "work"),
            str(SPEC),
        ],
        check=True,
        env={**os.environ, "VERKOSTO_STAGED": str(STAGED), "VERKOSTO_VERSION": version()},
    )
    KEY_FILE.write_text(key)
    print(f"frozen in {time.monotonic() - started:.0f} s: {program_folder()}", file=sys.stderr)
    return program_folder()


if __name__ == "__main__":
    freeze(reuse="--reuse" in sys.argv[1:])
