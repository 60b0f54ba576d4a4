"""What differs between the two databases Verkosto runs on (a SQLite file on a laptop, the
regional register on PostgreSQL), in one place: the statements stay the same, these few pieces
are written for each.

- Sort keys (``domain.collation``) are ordered by their code points: SQLite's BINARY order, and
  PostgreSQL's ``"C"`` collation (the server's own locale might order them otherwise).
- The Finnish order of a plain column: SQLite's ``fi`` collation (registered on each
  connection), PostgreSQL's ICU ``fi-x-icu``.
- Placeholders in plain driver-level SQL: ``?`` for sqlite3, ``%s`` for psycopg.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

POSTGRESQL = "postgresql"
SQLITE = "sqlite"


def sort_key_type(length: int) -> String:
    """A column type for a sort key: binary order on both databases."""
    return String(length).with_variant(String(length, collation="C"), POSTGRESQL)


def dialect_name(bind: Any) -> str:
    """``"sqlite"`` or ``"postgresql"`` for a session, connection or engine."""
    get_bind = getattr(bind, "get_bind", None)
    if get_bind is not None:
        bind = get_bind()
    return str(bind.dialect.name)


def is_postgresql(bind: Any) -> bool:
    """Whether ``bind`` (session, connection or engine) talks to PostgreSQL."""
    return dialect_name(bind) == POSTGRESQL


def marks(bind: Any, count: int) -> str:
    """``count`` driver-level placeholders, comma-separated, for ``bind``'s driver."""
    mark = "%s" if is_postgresql(bind) else "?"
    return ",".join([mark] * count)


def driver_sql(bind: Any, sql: str) -> str:
    """``sql`` written with ``?`` placeholders, as ``bind``'s driver wants it."""
    return sql.replace("?", "%s") if is_postgresql(bind) else sql


class binary_order(FunctionElement[str]):
    """``expr`` compared by code points (for sort keys computed in the statement itself)."""

    type = String()
    inherit_cache = True


@compiles(binary_order)
def _binary_order_default(element: binary_order, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)  # type: ignore[no-any-return]


@compiles(binary_order, POSTGRESQL)
def _binary_order_postgresql(element: binary_order, compiler: Any, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "C"'


class finnish_order(FunctionElement[str]):
    """``expr`` compared in Finnish alphabetical order."""

    type = String()
    inherit_cache = True


@compiles(finnish_order)
def _finnish_order_default(element: finnish_order, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)}) COLLATE fi"


@compiles(finnish_order, POSTGRESQL)
def _finnish_order_postgresql(element: finnish_order, compiler: Any, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "fi-x-icu"'
