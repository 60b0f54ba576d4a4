"""``verkosto check --database FILE``: integrity and schema check, without changing the file."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from verkosto_desktop.commands.common import (
    CommandError,
    add_database_option,
    database_arg,
    require_database,
)
from verkosto_desktop.data.store import inspect_file
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check", help=_("check the database file's integrity and schema")
    )
    add_database_option(parser)
    parser.set_defaults(handler=run)


def check_file(path: Path) -> str:
    """``"ok"``, or raise ``CommandError``/``StoreError`` with the reason the file is not sound."""
    from verkosto_desktop.data.migrate import head_revision

    if inspect_file(path) != "verkosto":
        raise CommandError(_("{path} is empty, not a Verkosto database.").format(path=path))
    try:
        connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=10)
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            problems = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        # A damaged schema can make even the error message undecodable.
        raise CommandError(
            _("{path} is damaged: {reason}").format(path=path, reason=error)
        ) from None
    if problems != ["ok"]:
        raise CommandError(
            _("{path} is damaged: {reason}").format(path=path, reason="; ".join(problems[:3]))
        )
    head = head_revision()
    if revision is None or revision[0] != head:
        from alembic.script import ScriptDirectory

        from verkosto_desktop.data.migrate import alembic_config

        known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if revision is None or revision[0] not in known:
            raise CommandError(
                _("{path} was saved by a newer version of Verkosto.").format(path=path)
            )
        return _("ok (the schema will be updated when the file is next opened)")
    return "ok"


def run(args: argparse.Namespace) -> int:
    path = require_database(database_arg(args))
    print(check_file(path))
    return 0
