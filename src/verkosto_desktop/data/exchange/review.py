"""What the wizard asks the user before a test run, as plain rows: words nobody knows (a kind, a
category …), actors already in the register side by side with the file's values, and people
erased on request. Read in one session; nothing is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from verkosto_desktop.data.exchange.apply import prepare_in
from verkosto_desktop.data.exchange.duplicates import erased_decision_key, plan_fields
from verkosto_desktop.data.exchange.mapping import field_label
from verkosto_desktop.data.exchange.results import ImportPlan, shown_field
from verkosto_desktop.data.exchange.table import Problem
from verkosto_desktop.data.models import Actor
from verkosto_desktop.data.storage.store import Store


@dataclass(frozen=True)
class WordRow:
    """A word of a column that needs a meaning: the target, the word and the rows using it."""

    target: str
    word: str
    rows: tuple[int, ...]


@dataclass(frozen=True)
class FieldRow:
    """One field of a matched actor, side by side: ``outcome`` is ``fill`` (the register's is
    blank), ``same`` or ``differs``."""

    label: str
    file: str
    register: str
    outcome: str


@dataclass(frozen=True)
class MatchRow:
    """An actor of the file that is in the register already."""

    key: str
    name: str
    rows: tuple[int, ...]
    candidates: tuple[tuple[str, str], ...]  # (id, "name — area")
    action: str
    target_id: str | None
    # Candidate id → its fields beside the file's.
    fields: dict[str, tuple[FieldRow, ...]]
    contacts: int
    capabilities: int


@dataclass(frozen=True)
class ErasedRow:
    """A person of the file who was erased from the register on request."""

    decision_key: str
    actor: str
    person: str
    rows: tuple[int, ...]


@dataclass(frozen=True)
class Review:
    rows: int
    actors: int
    words: tuple[WordRow, ...]
    matches: tuple[MatchRow, ...]
    erased: tuple[ErasedRow, ...]
    # Every other problem found so far (the test run lists them too).
    problems: tuple[Problem, ...]


def review(store: Store, plan: ImportPlan) -> Review:
    """The questions ``plan`` leaves open; see the module."""
    with store.read() as session:
        prepared = prepare_in(session, plan)
        gathered, matching = prepared.gathered, prepared.matching
        wanted = {actor_id for m in matching.matches for actor_id, _n in m.candidates}
        actors = (
            {
                actor.id: actor
                for actor in session.scalars(select(Actor).where(Actor.id.in_(sorted(wanted))))
            }
            if wanted
            else {}
        )
        matches: list[MatchRow] = []
        for match in matching.matches:
            if not match.candidates:
                continue
            fields: dict[str, tuple[FieldRow, ...]] = {}
            for actor_id, _name in match.candidates:
                actor = actors[actor_id]
                fields[actor_id] = _compare(actor, match.incoming.fields)
            matches.append(
                MatchRow(
                    key=match.key,
                    name=match.incoming.name,
                    rows=tuple(match.incoming.rows),
                    candidates=tuple(
                        (actor_id, _label(actors[actor_id])) for actor_id, _n in match.candidates
                    ),
                    action=match.action,
                    target_id=match.target_id,
                    fields=fields,
                    contacts=len(match.incoming.contacts),
                    capabilities=len(match.incoming.capabilities),
                )
            )
        erased = [
            ErasedRow(
                erased_decision_key(actor_key, person_key),
                next((m.incoming.name for m in matching.matches if m.key == actor_key), ""),
                next(
                    (
                        str(c.fields.get("name", ""))
                        for m in matching.matches
                        if m.key == actor_key
                        for c in m.incoming.contacts
                        if c.name_key == person_key
                    ),
                    "",
                ),
                tuple(rows),
            )
            for (actor_key, person_key), rows in matching.erased.items()
        ]
    problems = [p for p in gathered.problems + matching.problems if not p.kind]
    return Review(
        rows=gathered.rows,
        actors=len(gathered.actors),
        words=tuple(
            WordRow(target, word, tuple(rows))
            for (target, word), rows in sorted(gathered.unknown.items())
        ),
        matches=tuple(matches),
        erased=tuple(erased),
        problems=tuple(problems),
    )


def _label(actor: Actor) -> str:
    return f"{actor.name} — {actor.area}" if actor.area else actor.name


def _compare(actor: Actor, incoming: dict[str, object]) -> tuple[FieldRow, ...]:
    current = {name: getattr(actor, name, None) for name in incoming}
    plan = plan_fields(current, incoming, update=False)
    differs = {name for name, _old, _new in plan.review}
    rows: list[FieldRow] = []
    for name, value in incoming.items():
        if name == "name":
            continue
        outcome = "fill" if name in plan.filled else "differs" if name in differs else "same"
        rows.append(
            FieldRow(
                field_label("actor", name),
                shown_field(name, value),
                shown_field(name, current[name]),
                outcome,
            )
        )
    return tuple(rows)
