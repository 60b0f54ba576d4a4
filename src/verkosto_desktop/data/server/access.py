"""Who may write what on the regional register: one writer role per municipal network, one
reader role for the region, and the rules that keep a network's records its own.

The roles carry the database's name, so that two registers on one server keep theirs apart:
``<db>_reader`` (the region: reads everything), ``<db>_writers`` (every writer: reads everything
and writes the shared tables) and ``<db>_network_<key>`` (the writers of one network). A login
role (a person, or a laptop's sync) is made a member of one of them.

The rules, installed by ``verkosto server init`` after the schema (all PostgreSQL, none on a
laptop): row-level security on the networks' own tables (``actor``, ``incident``, and the
network's plans: ``activity``, ``action_item``, ``call_round``) lets a writer insert or change a
row only into its own network; a trigger refuses, with the record's network named (SQLSTATE
``VK001``), any change to or deletion of another network's row, or of a row belonging to one
(an actor's contacts, capabilities and premises; an incident's situations and log; an
activity's attendance, an action item's status changes, a call round's calls). Row-level
security alone would silently skip such rows, and a user must hear why nothing was saved. A row
written by a writer without a network gets the writer's network. The table's owner (the
administrator who ran ``server init``) and superusers may write every network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from verkosto_desktop.data.errors import StoreError
from verkosto_desktop.data.storage.schema_extras import CAPABILITY_SUMMARY_TABLE
from verkosto_desktop.i18n import _

# Tables whose rows carry their network.
NETWORK_TABLES = ("actor", "incident", "activity", "action_item", "call_round")
# Tables whose rows belong to a network through a parent: (table, parent table, key column).
CHILD_TABLES = (
    ("contact", "actor", "actor_id"),
    ("facility", "actor", "actor_id"),
    ("capability", "actor", "actor_id"),
    ("membership_change", "actor", "actor_id"),
    ("survey_answer", "actor", "actor_id"),
    # A capability's link rows name it by its link key (migration 0015).
    ("capability_phase", "capability", "capability_key"),
    ("capability_situation", "capability", "capability_key"),
    ("incident_situation", "incident", "incident_id"),
    ("incident_log_entry", "incident", "incident_id"),
    ("activity_attendance", "activity", "activity_id"),
    ("action_status_change", "action_item", "action_item_id"),
    ("call_round_entry", "call_round", "call_round_id"),
)
# SQLSTATE of the network guard's refusal (its message is the record's network).
OTHER_NETWORK = "VK001"

if TYPE_CHECKING:
    from psycopg.sql import Composable

_NETWORK_KEY = re.compile(r"[a-z0-9][a-z0-9_]{0,29}")
_USER_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

# One statement each (the driver sends parameterless statements one at a time).
_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION verkosto_writes_for() RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(substr(r.rolname, length(current_database()) + 10)
                              ORDER BY r.rolname), '{}')
    FROM pg_roles r
    WHERE left(r.rolname, length(current_database()) + 9) = current_database() || '_network_'
      AND pg_has_role(current_user, r.oid, 'USAGE')
$$;
CREATE OR REPLACE FUNCTION verkosto_is_writer() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND EXISTS (SELECT 1 FROM pg_roles r
                   WHERE r.rolname = current_database() || '_writers'
                     AND pg_has_role(current_user, r.oid, 'USAGE'))
$$;
CREATE OR REPLACE FUNCTION verkosto_may_write(network text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT network IS NULL OR NOT verkosto_is_writer() OR network = ANY (verkosto_writes_for())
$$;
CREATE OR REPLACE FUNCTION verkosto_network_of(parent text, id text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found text;
BEGIN
    IF id IS NULL THEN
        RETURN NULL;
    ELSIF parent = 'capability' THEN
        SELECT a.network INTO found FROM capability c JOIN actor a ON a.id = c.actor_id
        WHERE c.link_key = verkosto_network_of.id::bigint;
    ELSE
        EXECUTE format('SELECT network FROM %I WHERE id = $1', parent) INTO found USING id;
    END IF;
    RETURN found;
END
$$;
CREATE OR REPLACE FUNCTION verkosto_refuse(network text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT verkosto_may_write(network) THEN
        RAISE EXCEPTION USING ERRCODE = 'VK001', MESSAGE = network;
    END IF;
END
$$;
CREATE OR REPLACE FUNCTION verkosto_guard_network() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM verkosto_refuse(OLD.network);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.network = '' AND verkosto_is_writer() THEN
        NEW.network := coalesce((verkosto_writes_for())[1], '');
    END IF;
    PERFORM verkosto_refuse(NEW.network);
    RETURN NEW;
END
$$;
CREATE OR REPLACE FUNCTION verkosto_guard_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM verkosto_refuse(verkosto_network_of(TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1]));
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    PERFORM verkosto_refuse(verkosto_network_of(TG_ARGV[0], to_jsonb(NEW) ->> TG_ARGV[1]));
    RETURN NEW;
END
$$;
"""


@dataclass(frozen=True)
class GroupRoles:
    """The register's group roles on its server."""

    reader: str
    writers: str
    prefix: str  # of a network's writer role

    def network(self, key: str) -> str:
        return self.prefix + key


def group_roles(database: str) -> GroupRoles:
    """The group roles of the register in ``database``."""
    return GroupRoles(f"{database}_reader", f"{database}_writers", f"{database}_network_")


def check_network_key(key: str) -> str:
    """``key`` when it can name a network (a–z, 0–9 and _, at most 30), else ``StoreError``."""
    if not _NETWORK_KEY.fullmatch(key):
        raise StoreError(
            _(
                "'{key}' cannot name a network: use lower-case letters a–z, digits and _ "
                "(at most 30)."
            ).format(key=key)
        )
    return key


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _role_exists(connection: Connection, name: str) -> bool:
    return bool(
        connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    )


def _ensure_group(connection: Connection, name: str, *member_of: str) -> None:
    if not _role_exists(connection, name):
        connection.execute(text(f"CREATE ROLE {_quoted(name)} NOLOGIN"))
    for group in member_of:
        connection.execute(text(f"GRANT {_quoted(group)} TO {_quoted(name)}"))


def install_access(connection: Connection) -> GroupRoles:
    """Create (or bring up to date) the group roles, their grants and the network rules, in
    the caller's transaction. Run again after every schema upgrade (new tables get grants)."""
    database = str(connection.execute(text("SELECT current_database()")).scalar_one())
    roles = group_roles(database)
    _ensure_group(connection, roles.reader)
    _ensure_group(connection, roles.writers, roles.reader)
    reader, writers = _quoted(roles.reader), _quoted(roles.writers)
    for statement in (
        f'GRANT CONNECT ON DATABASE "{database}" TO {reader}',
        f"GRANT USAGE ON SCHEMA public TO {reader}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}",
        f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {writers}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {writers}",
    ):
        connection.execute(text(statement))
    # Kept by triggers running as the register's owner: no writer changes it by hand (a
    # network's writer could otherwise alter another network's summary).
    if connection.execute(text(f"SELECT to_regclass('{CAPABILITY_SUMMARY_TABLE}')")).scalar():
        connection.execute(
            text(f"REVOKE INSERT, UPDATE, DELETE ON {CAPABILITY_SUMMARY_TABLE} FROM {writers}")
        )
    for statement in _FUNCTIONS.split("\n$$;\n"):
        if statement.strip():
            _driver_execute(connection, statement + "\n$$")
    for table in NETWORK_TABLES:
        connection.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        for policy in ("read", "insert", "change", "remove"):
            connection.execute(text(f"DROP POLICY IF EXISTS verkosto_{policy} ON {table}"))
        for statement in (
            f"CREATE POLICY verkosto_read ON {table} FOR SELECT USING (true)",
            f"CREATE POLICY verkosto_insert ON {table} FOR INSERT "
            "WITH CHECK (verkosto_may_write(network))",
            # USING (true): another network's row is refused by the guard, which says why (a
            # USING condition would skip the row silently).
            f"CREATE POLICY verkosto_change ON {table} FOR UPDATE USING (true) "
            "WITH CHECK (verkosto_may_write(network))",
            f"CREATE POLICY verkosto_remove ON {table} FOR DELETE USING (true)",
        ):
            connection.execute(text(statement))
        _guard(connection, table, "verkosto_guard_network()")
    for table, parent, column in CHILD_TABLES:
        _guard(connection, table, f"verkosto_guard_child('{parent}', '{column}')")
    return roles


def _driver_execute(connection: Connection, statement: str | Composable) -> None:
    # Straight to psycopg without parameters: nothing in the text is read as a placeholder
    # (the functions use format's %I, a password may hold anything).
    driver = connection.connection.driver_connection
    assert driver is not None  # the caller's connection is open
    with driver.cursor() as cursor:
        cursor.execute(statement)


def _guard(connection: Connection, table: str, function: str) -> None:
    connection.execute(text(f"DROP TRIGGER IF EXISTS verkosto_network_guard ON {table}"))
    connection.execute(
        text(
            "CREATE TRIGGER verkosto_network_guard BEFORE INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {function}"
        )
    )


def missing_access(connection: Connection) -> str | None:
    """The first network rule missing on the server (as a sentence), None when all are there."""
    guarded = set(
        connection.execute(
            text(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'verkosto_network_guard'"
            )
        ).scalars()
    )
    wanted = set(NETWORK_TABLES) | {table for table, _p, _c in CHILD_TABLES}
    if wanted - guarded:
        return _("the network rules are missing on {tables}").format(
            tables=", ".join(sorted(wanted - guarded))
        )
    secured = set(
        connection.execute(
            text("SELECT relname FROM pg_class WHERE relrowsecurity AND relname = ANY(:names)"),
            {"names": list(NETWORK_TABLES)},
        ).scalars()
    )
    if secured != set(NETWORK_TABLES):
        return _("row-level security is off on {tables}").format(
            tables=", ".join(sorted(set(NETWORK_TABLES) - secured))
        )
    return None


def add_login(connection: Connection, user: str, password: str, *, network: str | None) -> str:
    """Create the login role ``user`` (or give an existing one a new password) as a writer of
    ``network``, or as a reader of the region when ``network`` is None; returns the group it
    joined. The password is sent to the server once and kept nowhere here."""
    if not _USER_NAME.fullmatch(user):
        raise StoreError(
            _(
                "'{user}' cannot name a user: use lower-case letters a–z, digits and _ "
                "(at most 63)."
            ).format(user=user)
        )
    if not password:
        raise StoreError(_("The user needs a password."))
    database = str(connection.execute(text("SELECT current_database()")).scalar_one())
    roles = group_roles(database)
    if not _role_exists(connection, roles.writers):
        raise StoreError(_("Run 'verkosto server init' first: the register has no roles yet."))
    if network is None:
        group = roles.reader
    else:
        group = roles.network(check_network_key(network))
        _ensure_group(connection, group, roles.writers)
    from psycopg import sql

    # CREATE ROLE takes no parameters: the driver quotes the password as a literal.
    verb = "ALTER" if _role_exists(connection, user) else "CREATE"
    statement = sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
        sql.Identifier(user), sql.Literal(password)
    )
    _driver_execute(connection, statement)
    connection.execute(text(f"GRANT {_quoted(group)} TO {_quoted(user)}"))
    return group
