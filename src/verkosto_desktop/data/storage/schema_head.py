"""Which schema revision this program writes, read from the migration files' text.

Kept apart from ``migrate`` (which needs SQLAlchemy and, to migrate, Alembic): the first paint
of the window (``data.register.first_paint``) asks whether a file is already up to date before
either is imported.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:None|[\"']([^\"']+)[\"'])\s*$", re.MULTILINE)


def scripts_folder() -> Path:
    """The folder of the Alembic scripts, found through ``importlib.resources`` like every other
    resource of the package. The frozen program keeps its modules in an archive and their data
    files in a folder beside it, so the package's ``files()`` is a combination of places there
    (not a path); a file inside it is a real file in either case, and Alembic needs its folder.
    """
    env = resources.files("verkosto_desktop.data.migrations").joinpath("env.py")
    return Path(str(env)).parent


def head_in(scripts: Path) -> str | None:
    """The single head revision of the migration files in ``scripts``; None when unsure (a
    merge, a computed id: Alembic decides then)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (scripts / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None
