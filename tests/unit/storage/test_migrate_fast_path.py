"""Opening a file already at the head revision needs no Alembic (it costs time at every start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from verkosto_desktop.data.storage.migrate import _head_from_files, head_revision
from verkosto_desktop.data.storage.store import Store


def test_the_head_read_from_the_files_is_alembics() -> None:
    assert _head_from_files() == head_revision()


def test_opening_an_up_to_date_file_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "m.verkosto"
    Store.open(path).close()
    code = (
        "import sys\n"
        "from verkosto_desktop.data.storage.store import Store\n"
        f"Store.open({str(path)!r}).close()\n"
        "print(any(name.split('.')[0] == 'alembic' for name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
