"""Opens a file with a program whose schema has one more migration than the real one.

The extra migration rebuilds the actor table (as Alembic does on SQLite), rewrites every actor,
fills a new table, and reports ``{"started"}`` and ``{"halfway"}`` on the way (and
``{"migrated"}`` once committed, before the file is vacuumed); with
``VERKOSTO_KILLTEST_MODE=halfway`` it then waits to be killed. The file is opened exactly as the
window opens it: with a checked backup before the migration.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from _common import say

from verkosto_desktop.data.storage import migrate
from verkosto_desktop.data.storage.backups import backup_before_migration
from verkosto_desktop.data.storage.store import Store

MIGRATION = """
import os
import time

import sqlalchemy as sa
from alembic import op
from _common import say

revision = "9999_killtest"
down_revision = "{head}"
branch_labels = None
depends_on = None
ROWS = 3000


def upgrade() -> None:
    say(started=True)
    with op.batch_alter_table("actor", recreate="always") as batch:
        batch.add_column(sa.Column("kill_test", sa.Integer(), nullable=True))
    op.execute("UPDATE actor SET kill_test = 1, notes = notes || ' (migrated)'")
    op.create_table(
        "kill_test_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text()),
    )
    for i in range(ROWS):
        op.execute(f"INSERT INTO kill_test_log (text) VALUES ('row {i}')")
    say(halfway=True)
    if os.environ.get("VERKOSTO_KILLTEST_MODE") == "halfway":
        time.sleep(120)
    for i in range(ROWS):
        op.execute(f"UPDATE kill_test_log SET text = text || ' done' WHERE id = {i + 1}")
"""


def main(database: Path) -> None:
    scripts = Path(tempfile.mkdtemp(prefix="verkosto-migrations-"))
    shutil.copytree(migrate.MIGRATIONS, scripts, dirs_exist_ok=True)
    head = migrate.head_revision()  # the real program's newest revision
    (scripts / "versions" / "9999_killtest.py").write_text(
        MIGRATION.replace("{head}", head), encoding="utf-8"
    )
    migrate.MIGRATIONS = scripts
    compact = migrate.compact_after_upgrade

    def compact_and_say(store: Store, *, repack: bool = False) -> bool:
        # The migration's own work ends here; the VACUUM that follows is not part of its timing.
        say(migrated=True)
        return compact(store, repack=repack)

    migrate.compact_after_upgrade = compact_and_say
    try:
        with Store.open(database, before_migration=backup_before_migration):
            pass
        say(done=migrate.head_revision())
    finally:
        shutil.rmtree(scripts, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
