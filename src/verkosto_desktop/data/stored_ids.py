"""How SQLite stores a record's id: the 16 bytes of its UUID (migration 0026).

Plain Python with no SQLAlchemy, so that the first screenful (``register.first_paint``) can read
ids before the models are imported; the column type ``models.types.RecordId`` uses the same
functions.
"""

from __future__ import annotations

# On SQLite a record's id is stored as the 16 bytes of its UUID instead of 36 characters of
# text: ids repeat in every foreign key and index, so this is most of a large register's keys.
# The bytes compare in the same order as the canonical (lower-case) text does, so name order's
# tie-break by id, keyset pages and merges see the same order as PostgreSQL, which keeps text.
# A value that is not a canonical UUID (a category's key named in the change log) is kept as
# the text it is.
ID_STORED_SIZE = 16
_HYPHENS = (8, 13, 18, 23)
_HEX = frozenset("0123456789abcdef")


def id_stored(value: str) -> bytes | str:
    """A record id as SQLite stores it: the UUID's 16 bytes, or the text itself when it is not
    a canonical lower-case UUID (so that reading it back gives exactly what was written)."""
    if len(value) != 36 or any(value[i] != "-" for i in _HYPHENS):
        return value
    digits = value.replace("-", "")
    try:
        packed = bytes.fromhex(digits)
    except ValueError:
        return value
    # fromhex also takes upper case and spaces: only a value that comes back the same is packed.
    return packed if len(packed) == ID_STORED_SIZE and packed.hex() == digits else value


def id_from_stored(value: bytes | str) -> str:
    """The text of a record id as ``id_stored`` keeps it."""
    if isinstance(value, str):
        return value
    h = value.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def id_for(dialect_name: str, value: str) -> bytes | str:
    """A record id as an id column holds it on ``dialect_name`` (for rows written or looked up
    with the driver, past the column type): 16 bytes on SQLite, text on PostgreSQL."""
    return id_stored(value) if dialect_name == "sqlite" else value


def id_prefix_range(prefix: str) -> tuple[bytes, bytes] | None:
    """The least and greatest stored ids whose text begins with ``prefix`` (a short id typed by
    a user), or None when no canonical UUID's text can begin so."""
    if len(prefix) > 36 or any(
        (c != "-") if i in _HYPHENS else (c not in _HEX) for i, c in enumerate(prefix)
    ):
        return None
    digits = prefix.replace("-", "")
    return bytes.fromhex(digits.ljust(32, "0")), bytes.fromhex(digits.ljust(32, "f"))
