"""Writing what an import brings, inside the import's one transaction.

New actors, with their contacts and capabilities, are inserted in bulk (a 10,000-row list in a
few seconds). Matched actors are changed record by record through ``recording.apply_change``, so
that each keeps its previous version in the history. Every record created or changed is stamped
with the batch and the revision it was left at (``ImportBatchItem``): that is what "Undo import"
reverses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from verkosto_desktop.data.exchange.bulk import (
    ACTOR_DEFAULTS,
    CAPABILITY_DEFAULTS,
    CONTACT_DEFAULTS,
    bookkeeping,
    insert_rows,
)
from verkosto_desktop.data.exchange.duplicates import ActorMatch, contact_candidates, plan_fields
from verkosto_desktop.data.exchange.incoming import IncomingCapability, IncomingContact
from verkosto_desktop.data.exchange.mapping import field_label
from verkosto_desktop.data.exchange.results import ChangeLine, ImportPlan, new_counts, shown_field
from verkosto_desktop.data.exchange.table import Problem
from verkosto_desktop.data.models import (
    Actor,
    Capability,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
    ImportBatchItem,
    MembershipChange,
)
from verkosto_desktop.data.models.types import device_user, link_key, new_id, utcnow
from verkosto_desktop.data.recording import apply_change
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.i18n import _

_CHUNK = 250


def _details(record: str, names: Iterable[str]) -> str:
    return ", ".join(field_label(record, name) for name in names)


class Writer:
    """Applies matches in one session; ``lines`` and ``counts`` say what was done, ``problems``
    what stopped it (several matching contacts)."""

    def __init__(
        self,
        session: Session,
        plan: ImportPlan,
        batch_id: str,
        erased: dict[tuple[str, str], list[int]],
        category_names: dict[str, str],
    ) -> None:
        self.category_names = category_names
        self.session = session
        # People erased on request, left out by the user's decision (the others stopped the
        # import before anything was written).
        self.erased = erased
        self.plan = plan
        self.batch_id = batch_id
        self.now = utcnow()
        self.who = device_user()
        self.counts = new_counts()
        self.lines: list[ChangeLine] = []
        self.problems: list[Problem] = []
        self.items: list[dict[str, Any]] = []
        # Entity → ids of the records created or changed (for the change report).
        self.changed: dict[str, list[str]] = {}
        self.touched: set[str] = set()
        self.unit = plan.table.unit
        self._rows: dict[str, list[dict[str, Any]]] = {
            "actor": [],
            "contact": [],
            "capability": [],
            "phase": [],
            "situation": [],
            "membership": [],
        }
        self._existing: dict[str, Actor] = {}

    # -- preparing --------------------------------------------------------------------------

    def apply_all(self, matches: list[ActorMatch], report: Callable[[int, int], None]) -> None:
        """Apply every match, a few hundred at a time: each chunk's matched actors are read,
        changed, written, and let go, so that memory stays small however long the list."""
        total = len(matches) + 1
        for start in range(0, len(matches), _CHUNK):
            chunk = matches[start : start + _CHUNK]
            report(start, total)
            self._load(chunk)
            for match in chunk:
                self.apply(match)
            self.flush()
            self._existing.clear()
            self.session.expunge_all()

    def _load(self, matches: list[ActorMatch]) -> None:
        """Read the matched actors with their contacts and capabilities."""
        ids = sorted({m.target_id for m in matches if m.target_id and m.action != "new"})
        if not ids:
            return
        query = (
            select(Actor)
            .where(Actor.id.in_(ids))
            .options(selectinload(Actor.contacts), selectinload(Actor.capabilities))
        )
        for actor in self.session.scalars(query):
            self._existing[actor.id] = actor

    def _erased(self, match: ActorMatch, contact: IncomingContact) -> bool:
        return (match.incoming.key, contact.name_key) in self.erased

    def _item(self, entity: str, record_id: str, before: int | None, after: int) -> None:
        self.changed.setdefault(entity, []).append(record_id)
        self.items.append(
            {
                "batch_id": self.batch_id,
                "entity": entity,
                "record_id": record_id,
                "action": "created" if before is None else "changed",
                "revision_before": before,
                "revision_after": after,
            }
        )

    def _line(
        self, rows: Iterable[int], record: str, name: str, action: str, details: str = ""
    ) -> None:
        self.lines.append(ChangeLine(tuple(rows), record, name, action, details))

    # -- applying ---------------------------------------------------------------------------

    def apply(self, match: ActorMatch) -> None:
        incoming = match.incoming
        if match.action == "skip":
            self.counts["actors_skipped"] += 1
            self._line(incoming.rows, "actor", incoming.name, "skipped")
            return
        if match.action == "new" or match.target_id is None:
            self._new_actor(match)
        else:
            self._existing_actor(match, self._existing[match.target_id])

    def _contacts_in(self, match: ActorMatch) -> list[IncomingContact]:
        kept: list[IncomingContact] = []
        for contact in match.incoming.contacts:
            if self._erased(match, contact):
                self.counts["left_out"] += 1
                self._line(contact.rows, "contact", contact.fields.get("name", ""), "left_out")
                continue
            kept.append(contact)
        return kept

    def _new_actor(self, match: ActorMatch) -> None:
        incoming = match.incoming
        actor_id = new_id()
        values = {**ACTOR_DEFAULTS, **incoming.fields}
        values.update(
            id=actor_id, name_key=sort_key(values["name"]), **bookkeeping(self.now, self.who)
        )
        self._rows["actor"].append(values)
        self._rows["membership"].append(
            {
                "id": new_id(),
                "actor_id": actor_id,
                "status": values["membership_status"],
                "changed_on": values["membership_changed_on"] or self.now.date(),
                "invited_by_id": None,
                "note": "",
                **bookkeeping(self.now, self.who),
            }
        )
        self._item("actor", actor_id, None, 1)
        self.touched.add(actor_id)
        self.counts["actors_new"] += 1
        self._line(incoming.rows, "actor", incoming.name, "new")
        contacts = self._contacts_in(match)
        primary_given = any(c.fields.get("is_primary") for c in contacts)
        for index, contact in enumerate(contacts):
            primary = (index == 0) if not primary_given else bool(contact.fields.get("is_primary"))
            if primary_given and primary:
                primary_given = False  # only the first one flagged stays primary
            self._new_contact(actor_id, contact, primary)
        for capability in incoming.capabilities:
            self._new_capability(actor_id, capability)

    def _new_contact(self, actor_id: str, contact: IncomingContact, primary: bool) -> None:
        contact_id = new_id()
        values = {**CONTACT_DEFAULTS, **contact.fields, "is_primary": primary}
        values.update(
            id=contact_id,
            actor_id=actor_id,
            name_key=sort_key(values["name"]),
            **bookkeeping(self.now, self.who),
        )
        self._rows["contact"].append(values)
        self._item("contact", contact_id, None, 1)
        self.counts["contacts_new"] += 1
        self._line(contact.rows, "contact", values["name"], "new")

    def _new_capability(self, actor_id: str, capability: IncomingCapability) -> None:
        capability_id = new_id()
        values = {**CAPABILITY_DEFAULTS, **capability.fields}
        key = link_key(capability_id)
        # (Inserted by the driver itself: no column default runs.)
        values.update(
            id=capability_id,
            link_key=key,
            actor_id=actor_id,
            category_key=capability.category_key,
            **bookkeeping(self.now, self.who),
        )
        self._rows["capability"].append(values)
        self._rows["phase"].extend(
            {"capability_key": key, "phase": p} for p in sorted(capability.phases)
        )
        self._rows["situation"].extend(
            {"capability_key": key, "situation_key": s} for s in sorted(capability.situations)
        )
        self._item("capability", capability_id, None, 1)
        self.counts["capabilities_new"] += 1
        name = self.category_names.get(capability.category_key, capability.category_key)
        self._line(capability.rows, "capability", name, "new")

    def _changed(
        self,
        record: str,
        obj: Any,
        rows: list[int],
        name: str,
        incoming: dict[str, Any],
        update: bool,
    ) -> str:
        """Fill or update one existing record; returns ``filled``, ``updated`` or ``""``."""
        current = {key: getattr(obj, key, None) for key in incoming}
        plan = plan_fields(current, incoming, update)
        for field, old, new in plan.review:
            self.counts["review"] += 1
            self._line(
                rows,
                record,
                name,
                "review",
                _("{field}: register {old}, file {new}").format(
                    field=_details(record, [field]),
                    old=shown_field(field, old),
                    new=shown_field(field, new),
                ),
            )
        if not plan.values:
            return ""
        values = dict(plan.values)
        if "name" in values:
            values["name_key"] = sort_key(values["name"])
        before = obj.revision
        if record == "actor" and "membership_status" in values:
            self.session.add(
                MembershipChange(
                    actor_id=obj.id,
                    status=values["membership_status"],
                    changed_on=self.now.date(),
                    invited_by_id=obj.invited_by_id,
                )
            )
        apply_change(self.session, obj, values)
        self._item(record, obj.id, before, obj.revision)
        action = "updated" if plan.updated else "filled"
        self._line(rows, record, name, action, _details(record, plan.filled + plan.updated))
        return action

    def _existing_actor(self, match: ActorMatch, actor: Actor) -> None:
        incoming = match.incoming
        update = match.action == "update"
        fields = {k: v for k, v in incoming.fields.items() if k != "name"}
        action = self._changed("actor", actor, incoming.rows, actor.name, fields, update)
        changed_children = False
        live_contacts = [c for c in actor.contacts if c.deleted_at is None]
        has_primary = any(c.is_primary for c in live_contacts)
        for contact in self._contacts_in(match):
            found = contact_candidates(live_contacts, contact)
            if len(found) > 1:
                self.problems.append(
                    Problem(
                        contact.rows[0],
                        None,
                        _(
                            "{name} matches {count} contact people of {actor}: the register "
                            "has the same person twice. Merge them first."
                        ).format(name=contact.fields["name"], count=len(found), actor=actor.name),
                        self.unit,
                    )
                )
                continue
            if not found:
                # The actor's first contact is its primary one, as is the one the file marks
                # primary when the actor has none yet.
                primary = not has_primary and (
                    not live_contacts or bool(contact.fields.get("is_primary"))
                )
                self._new_contact(actor.id, contact, primary)
                has_primary = has_primary or primary
                changed_children = True
                continue
            fields = dict(contact.fields)
            fields.pop("name", None)
            if fields.get("is_primary") and has_primary and not found[0].is_primary:
                fields.pop("is_primary")
            done = self._changed("contact", found[0], contact.rows, found[0].name, fields, update)
            if done:
                self.counts[f"contacts_{done}"] += 1
                changed_children = True
        for capability in incoming.capabilities:
            changed_children |= self._existing_capability(actor, capability, update)
        if action:
            self.counts[f"actors_{action}"] += 1
        elif changed_children:
            self.counts["actors_filled"] += 1
        else:
            self.counts["actors_unchanged"] += 1
        if action or changed_children:
            self.touched.add(actor.id)

    def _existing_capability(
        self, actor: Actor, capability: IncomingCapability, update: bool
    ) -> bool:
        same = [
            c
            for c in actor.capabilities
            if c.deleted_at is None and c.category_key == capability.category_key
        ]
        if not same:
            self._new_capability(actor.id, capability)
            return True
        wanted = str(capability.fields.get("description", "")).casefold()
        existing = next((c for c in same if c.description.casefold() == wanted), same[0])
        phases = sorted(set(existing.phases) | capability.phases)
        situations = sorted(set(existing.situations) | capability.situations)
        relink = phases != existing.phases or situations != existing.situations
        current = {key: getattr(existing, key) for key in capability.fields}
        plan = plan_fields(current, capability.fields, update)
        if not plan.values and not relink:
            return False
        before = existing.revision

        def links() -> None:
            existing.phase_links = [CapabilityPhase(phase=p) for p in phases]
            existing.situation_links = [CapabilitySituation(situation_key=s) for s in situations]

        apply_change(self.session, existing, plan.values, links if relink else None)
        self._item("capability", existing.id, before, existing.revision)
        done = "updated" if plan.updated else "filled"
        self.counts[f"capabilities_{done}"] += 1
        names = list(plan.filled + plan.updated) + (["phases/situations"] if relink else [])
        self._line(
            capability.rows,
            "capability",
            self.category_names.get(existing.category_key, existing.category_key),
            done,
            _details("capability", names),
        )
        return True

    # -- finishing --------------------------------------------------------------------------

    def flush(self) -> None:
        """Insert what was gathered so far in bulk, with the batch's items (called every few
        hundred actors, so that a long list never waits in memory whole)."""
        self.session.flush()
        for table, rows in (
            (Actor.__table__, self._rows["actor"]),
            (MembershipChange.__table__, self._rows["membership"]),
            (Contact.__table__, self._rows["contact"]),
            (Capability.__table__, self._rows["capability"]),
            (CapabilityPhase.__table__, self._rows["phase"]),
            (CapabilitySituation.__table__, self._rows["situation"]),
            (ImportBatchItem.__table__, self.items),
        ):
            insert_rows(self.session, table, rows)
            rows.clear()
