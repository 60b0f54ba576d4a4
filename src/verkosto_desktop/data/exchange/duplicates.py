"""Finding what an import would duplicate, and what to do about it.

An incoming actor matches the live actors of the same name (``domain.matching.actor_key``). One
match is filled by default: blank fields get the file's values, and values that differ go to
review (``update`` overwrites them, ``skip`` leaves the actor alone, ``new`` imports it beside
the old one). Several matches make the actor a problem until the user picks one. A person
matches a contact of the same actor with the same e-mail address, or with the same name (the
rule's phone number in E.164 then only tells them apart when the names agree); several matches
are a problem too. A person erased on request is recognised by the hashes of their numbers and
addresses and stopped for review."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.exchange.erased import known_hashes
from verkosto_desktop.data.exchange.incoming import Gathered, IncomingActor, IncomingContact
from verkosto_desktop.data.exchange.table import Problem
from verkosto_desktop.data.models import Actor, Contact
from verkosto_desktop.domain.erased import identifier_hashes
from verkosto_desktop.domain.matching import actor_key, email_key, person_key
from verkosto_desktop.i18n import N_, _

ACTIONS: dict[str, str] = {
    "fill": N_("Fill in blanks"),
    "update": N_("Update with the file's values"),
    "skip": N_("Skip (keep the register as it is)"),
    "new": N_("Import as a new actor"),
}
LEAVE_OUT = "leave_out"


@dataclass(frozen=True)
class FieldPlan:
    """What a matched record gets: the values to set, and the fields filled, updated or left
    for review (register value, file value)."""

    values: dict[str, Any]
    filled: tuple[str, ...]
    updated: tuple[str, ...]
    review: tuple[tuple[str, Any, Any], ...]


def _blank(value: Any) -> bool:
    return value is None or value == "" or value is False


def plan_fields(current: Mapping[str, Any], incoming: Mapping[str, Any], update: bool) -> FieldPlan:
    """Compare a record's ``current`` values with the file's; see the module's rules. A blank
    or "no" in the file never erases what the register holds."""
    values: dict[str, Any] = {}
    filled: list[str] = []
    updated: list[str] = []
    review: list[tuple[str, Any, Any]] = []
    for name, value in incoming.items():
        old = current.get(name)
        if _blank(value) or value == old:
            continue
        if name == "email" and email_key(value) == email_key(old):
            continue  # the same address written in other letters
        if _blank(old):
            values[name] = value
            filled.append(name)
        elif update:
            values[name] = value
            updated.append(name)
        else:
            review.append((name, old, value))
    return FieldPlan(values, tuple(filled), tuple(updated), tuple(review))


@dataclass
class ActorMatch:
    """An incoming actor and the live actors it matches; ``action`` is what will be done:
    ``new`` (no match or chosen), ``fill``, ``update`` or ``skip``; ``target_id`` the actor
    filled or updated."""

    incoming: IncomingActor
    candidates: list[tuple[str, str]]
    action: str = "new"
    target_id: str | None = None

    @property
    def key(self) -> str:
        return self.incoming.key


@dataclass
class Matching:
    """The matches of every incoming actor, and the problems left to resolve."""

    matches: list[ActorMatch]
    problems: list[Problem] = field(default_factory=list)
    # (actor key, person key) of incoming people erased on request, with their rows.
    erased: dict[tuple[str, str], list[int]] = field(default_factory=dict)


def live_actor_index(session: Session) -> dict[str, list[tuple[str, str]]]:
    """Actor key → (id, name) of every live actor with that key."""
    index: dict[str, list[tuple[str, str]]] = {}
    rows = session.execute(select(Actor.id, Actor.name).where(Actor.deleted_at.is_(None)))
    for actor_id, name in rows:
        index.setdefault(actor_key(name), []).append((actor_id, name))
    return index


def match_actors(
    session: Session,
    gathered: Gathered,
    decisions: Mapping[str, str],
    default_action: str = "fill",
    unit: str = "row",
) -> Matching:
    """Match every incoming actor and apply the user's ``decisions``: actor key → an action of
    ``ACTIONS``; ``target_decision_key(key)`` → which of several matching actors;
    ``erased_decision_key(…)`` → ``leave_out``. ``default_action`` is for the rest."""
    index = live_actor_index(session)
    matching = Matching([])
    for incoming in gathered.actors:
        candidates = index.get(incoming.key, [])
        match = ActorMatch(incoming, candidates)
        action = decisions.get(incoming.key, default_action)
        ids = [actor_id for actor_id, _name in candidates]
        chosen = decisions.get(target_decision_key(incoming.key))
        if not candidates or action == "new":
            match.action = "new"
        elif action not in ("fill", "update"):
            match.action = "skip"
        elif len(ids) == 1 or chosen in ids:
            match.action, match.target_id = action, chosen if chosen in ids else ids[0]
        else:
            matching.problems.append(
                Problem(
                    incoming.rows[0],
                    None,
                    _(
                        "{name} matches {count} actors in the register: choose which one, "
                        "or import it as a new actor."
                    ).format(name=incoming.name, count=len(ids)),
                    unit,
                    kind="match",
                )
            )
            match.action = "skip"
        matching.matches.append(match)
    _check_erased(session, matching, decisions, unit)
    return matching


def _check_erased(
    session: Session, matching: Matching, decisions: Mapping[str, str], unit: str
) -> None:
    wanted: dict[str, list[tuple[IncomingActor, IncomingContact]]] = {}
    for match in matching.matches:
        if match.action == "skip":
            continue
        for contact in match.incoming.contacts:
            for digest in identifier_hashes(contact.phones, [contact.email_key]):
                wanted.setdefault(digest, []).append((match.incoming, contact))
    if not wanted:
        return
    for digest in known_hashes(session, wanted):
        for actor, contact in wanted[digest]:
            key = (actor.key, contact.name_key)
            if key in matching.erased:
                continue
            matching.erased[key] = contact.rows
            if decisions.get(erased_decision_key(actor.key, contact.name_key)) == LEAVE_OUT:
                continue
            matching.problems.append(
                Problem(
                    contact.rows[0],
                    None,
                    _(
                        "{name}: a person with this phone number or e-mail address was erased "
                        "from the register on request, and is not imported again. Leave the "
                        "person out, or remove the row."
                    ).format(name=contact.fields.get("name", "")),
                    unit,
                    kind="erased",
                )
            )


def target_decision_key(actor: str) -> str:
    """The decision key naming which of several matching actors to fill or update."""
    return f"{actor}:target"


def erased_decision_key(actor: str, person: str) -> str:
    """The decision key that leaves an erased person out of the import."""
    return f"erased:{actor}:{person}"


def contact_candidates(contacts: Iterable[Contact], incoming: IncomingContact) -> list[Contact]:
    """The live contacts of an actor that are the incoming person (see the module)."""
    found: list[Contact] = []
    for contact in contacts:
        if contact.deleted_at is not None:
            continue
        same_email = bool(incoming.email_key) and email_key(contact.email) == incoming.email_key
        same_name = person_key(contact.name) == incoming.name_key
        if same_email or same_name:
            found.append(contact)
    return found
