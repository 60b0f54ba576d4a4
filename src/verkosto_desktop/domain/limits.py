"""How long each text field may be, and whether it may hold line breaks: one table for the
checks at input (``domain.validation``), the window's fields (their maximum length) and the
printed sheets (text longer than its field's limit, from an older file or a bundle, is cut there).

Fields are named by their key, the same in every kind of record ("name" is an actor's, a
contact's, a facility's and the network's name alike).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldLimit:
    """At most ``length`` characters; ``multiline`` fields may hold line breaks and tabs."""

    length: int
    multiline: bool = False


NAME = FieldLimit(200)
SHORT = FieldLimit(200)
LINE = FieldLimit(300)
NOTE = FieldLimit(4000, multiline=True)
LONG = FieldLimit(10000, multiline=True)

FIELD_LIMITS: dict[str, FieldLimit] = {
    # names and titles
    "name": NAME,
    "name_fi": NAME,
    "name_sv": NAME,
    "name_en": NAME,
    "title": LINE,
    # keys of catalogue entries
    "category_key": FieldLimit(60),
    # one-line facts
    "area": SHORT,
    "role": SHORT,
    "radio": SHORT,
    "heating": SHORT,
    "backup_power_kind": SHORT,
    "capacity_unit": FieldLimit(100),
    "consent_method": SHORT,
    "coordinator": LINE,
    "who": LINE,
    "author": LINE,
    "place": LINE,
    "convened_by_text": LINE,
    "address": LINE,
    "website": LINE,
    "email": FieldLimit(254),
    # longer texts, with line breaks
    "walk_in": FieldLimit(1000, multiline=True),
    "description": NOTE,
    "basic_activity": NOTE,
    "notes": NOTE,
    "note": NOTE,
    "consent_note": NOTE,
    "goal": NOTE,
    "residents_note": NOTE,
    "residents_involvement": NOTE,
    "how_it_works": NOTE,
    "answer": NOTE,
    "decisions": LONG,
    "lessons_learned": LONG,
    "text": LONG,
}

# Anything printed that has no field of its own (a heading made of several values).
DEFAULT_LIMIT = LONG


def limit_for(field: str) -> FieldLimit:
    """The limit of ``field``; a field missing from the table is a programming error."""
    return FIELD_LIMITS[field]
