"""Incidents: start one, move it from response to recovery to closed (each transition with its
time and a log entry), and list them. Several may be open at once; usually one is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import dialect_name
from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.exchange.networks import held_for, own_network
from verkosto_desktop.data.models import (
    Actor,
    Incident,
    IncidentLogEntry,
    IncidentSituation,
    SituationType,
)
from verkosto_desktop.data.models.types import id_begins, utcnow
from verkosto_desktop.data.recording import apply_change, get_live
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.enums import IncidentPhase, LogKind
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.incidents import INCIDENT_FIELDS, can_move
from verkosto_desktop.domain.records import clean
from verkosto_desktop.domain.validation import clean_text
from verkosto_desktop.domain.writes import IncidentFields
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class IncidentDetail:
    """One incident as the UI, the command line and the report see it."""

    id: str
    title: str
    area: str
    phase: str
    situations: tuple[str, ...]
    started_at: datetime
    recovery_at: datetime | None
    closed_at: datetime | None
    convened_by_id: str | None
    convened_by: str  # the convening actor's name, or the free text
    description: str
    lessons_learned: str
    revision: int
    # Another network's incident, received read-only from the regional server: its network.
    held_for: str = ""

    @property
    def is_open(self) -> bool:
        return self.phase != IncidentPhase.CLOSED

    @property
    def writable(self) -> bool:
        """Whether this laptop may add to it: open, and of its own network."""
        return self.is_open and not self.held_for


def _detail(session: Session, incident: Incident, own: str | None = None) -> IncidentDetail:
    if own is None:  # a list reads it once for all its incidents
        own = own_network(session.connection())
    convened = incident.convened_by_text
    if incident.convened_by_id:
        actor = session.get(Actor, incident.convened_by_id)
        if actor is not None:
            convened = actor.name
    return IncidentDetail(
        id=incident.id,
        title=incident.title,
        area=incident.area,
        phase=incident.phase,
        situations=tuple(incident.situations),
        started_at=incident.started_at,
        recovery_at=incident.recovery_at,
        closed_at=incident.closed_at,
        convened_by_id=incident.convened_by_id,
        convened_by=convened,
        description=incident.description,
        lessons_learned=incident.lessons_learned,
        revision=incident.revision,
        # The network column is read only where networks are in use (a file from before them,
        # opened read-only, has no such column).
        held_for=held_for(own, incident.network or "") if own else "",
    )


def require_incident(session: Session, incident_id: str, *, open_only: bool = False) -> Incident:
    """The live incident; ``NotFound`` if it is gone, ``ValidationError`` if closed and
    ``open_only`` (a closed incident takes no new tasks, meetings or activities)."""
    incident = get_live(session, Incident, incident_id)
    if open_only and incident.phase == IncidentPhase.CLOSED:
        raise ValidationError("incident_id", _("The incident is closed."))
    return incident


def actor_names_by_id(session: Session, actor_ids: Iterable[str | None]) -> dict[str, str]:
    """Names of the given actors (also those in the trash: history keeps its names)."""
    wanted = {i for i in actor_ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(wanted)))
    return {actor_id: name for actor_id, name in rows}


def _check_situations(session: Session, keys: list[str]) -> None:
    known = set(
        session.scalars(select(SituationType.key).where(SituationType.deleted_at.is_(None)))
    )
    unknown = sorted(set(keys) - known)
    if unknown:
        raise ValidationError(
            "situations", _("Unknown situation type: {keys}").format(keys=", ".join(unknown))
        )


def _check_convener(session: Session, values: dict[str, Any]) -> None:
    actor_id = values.get("convened_by_id")
    if actor_id and session.get(Actor, actor_id) is None:
        raise ValidationError("convened_by_id", _("The actor no longer exists."))


def _phase_entry(
    session: Session, incident: Incident, at: datetime, text: str, author: str
) -> None:
    entry = IncidentLogEntry(
        incident_id=incident.id,
        kind=LogKind.PHASE_CHANGE.value,
        happened_at=at,
        author=author,
        text=text,
        details={"phase": incident.phase},
    )
    session.add(entry)
    session.flush()
    record_change(session, ChangeKind.INCIDENT_LOG_ENTRY, entry.id)


def start_incident(store: Store, fields: IncidentFields, author: str = "") -> IncidentDetail:
    """Start an incident in the response phase. ``fields``: ``title`` and ``situations`` (keys,
    at least one) are required; ``area``, ``started_at`` (default now), ``convened_by_id`` or
    ``convened_by_text`` and ``description`` are optional. Raises ``ValidationError``."""
    values = clean(INCIDENT_FIELDS, {"title": fields.get("title"), **fields})
    situations = values.pop("situations", [])
    if not situations:
        raise ValidationError("situations", _("Choose at least one situation type"))
    values["started_at"] = values.get("started_at") or utcnow()
    with store.write() as session:
        _check_situations(session, situations)
        _check_convener(session, values)
        incident = Incident(phase=IncidentPhase.RESPONSE.value, **values)
        session.add(incident)
        session.flush()
        _set_situations(incident, situations)
        _phase_entry(session, incident, incident.started_at, _("The incident was started."), author)
        session.flush()
        record_change(session, ChangeKind.INCIDENT, incident.id)
        return _detail(session, incident)


def _set_situations(incident: Incident, situations: list[str]) -> None:
    incident.situation_links = [
        IncidentSituation(incident_id=incident.id, situation_key=key) for key in situations
    ]


def update_incident(store: Store, incident_id: str, fields: IncidentFields) -> IncidentDetail:
    """Change the incident's title, area, situation types, convener or description."""
    values = clean(INCIDENT_FIELDS, fields)
    with store.write() as session:
        incident = require_incident(session, incident_id)
        situations = values.pop("situations", None)
        if situations is not None and not situations:
            raise ValidationError("situations", _("Choose at least one situation type"))
        _check_convener(session, values)
        if values.get("convened_by_id"):
            values.setdefault("convened_by_text", "")
        relink = None
        if situations is not None and situations != incident.situations:
            _check_situations(session, situations)
            relink = partial(_set_situations, incident, situations)
        if apply_change(session, incident, values, relink):
            session.flush()
            record_change(session, ChangeKind.INCIDENT, incident.id)
        return _detail(session, incident)


def change_phase(
    store: Store,
    incident_id: str,
    target: str,
    *,
    at: datetime | None = None,
    author: str = "",
    lessons_learned: str | None = None,
) -> IncidentDetail:
    """Move the incident forward (response → recovery → closed, or response → closed), record
    the time and write a phase-change log entry. Closing may store the lessons learned."""
    moment = at or utcnow()
    with store.write() as session:
        incident = require_incident(session, incident_id)
        if not can_move(incident.phase, target):
            raise ValidationError(
                "phase",
                _("An incident in phase {current} cannot move to {target}.").format(
                    current=IncidentPhase(incident.phase).label(),
                    target=IncidentPhase(target).label(),
                ),
            )
        if moment < incident.started_at:
            raise ValidationError("at", _("The time is before the incident started."))
        values: dict[str, Any] = {"phase": target}
        if target == IncidentPhase.RECOVERY:
            values["recovery_at"] = moment
            text = _("Moved to the recovery phase.")
        else:
            values["closed_at"] = moment
            text = _("The incident was closed.")
            if lessons_learned is not None:
                values["lessons_learned"] = clean_text(lessons_learned, "lessons_learned")
        apply_change(session, incident, values)
        _phase_entry(session, incident, moment, text, author)
        session.flush()
        record_change(session, ChangeKind.INCIDENT, incident.id)
        return _detail(session, incident)


def move_to_recovery(
    store: Store, incident_id: str, *, at: datetime | None = None, author: str = ""
) -> IncidentDetail:
    """Response is over: the incident moves to recovery."""
    return change_phase(store, incident_id, IncidentPhase.RECOVERY.value, at=at, author=author)


def close_incident(
    store: Store,
    incident_id: str,
    lessons_learned: str,
    *,
    at: datetime | None = None,
    author: str = "",
) -> IncidentDetail:
    """Close the incident and keep its lessons learned."""
    return change_phase(
        store,
        incident_id,
        IncidentPhase.CLOSED.value,
        at=at,
        author=author,
        lessons_learned=lessons_learned,
    )


def get_incident(store: Store, incident_id: str) -> IncidentDetail:
    """One incident; ``NotFound`` if it does not exist."""
    with store.read() as session:
        return _detail(session, require_incident(session, incident_id))


def list_incidents(store: Store, *, open_only: bool = False) -> list[IncidentDetail]:
    """Incidents, newest start first (``open_only``: those not closed)."""
    query = select(Incident).where(Incident.deleted_at.is_(None))
    if open_only:
        query = query.where(Incident.phase != IncidentPhase.CLOSED.value)
    query = query.order_by(Incident.started_at.desc(), Incident.id)
    with store.read() as session:
        own = own_network(session.connection())
        return [_detail(session, incident, own) for incident in session.scalars(query)]


def active_incidents(store: Store) -> list[IncidentDetail]:
    """Incidents in response or recovery, newest first."""
    return list_incidents(store, open_only=True)


def resolve_incident_id(store: Store, text: str | None) -> str:
    """The incident meant by ``text`` (an id or a unique beginning of one); with no text, the
    newest incident. ``NotFound`` when there is none or the beginning is ambiguous."""
    with store.read() as session:
        query = select(Incident.id).where(Incident.deleted_at.is_(None))
        if not text:
            found = session.scalar(query.order_by(Incident.started_at.desc()).limit(1))
            if found is None:
                raise NotFound(_("The file holds no incidents."))
            return found
        prefix = text.strip().lower()
        matches = list(
            session.scalars(
                query.where(id_begins(Incident.id, prefix, dialect_name(session))).limit(2)
            )
        )
    if not matches:
        raise NotFound(_("No incident with the id {id}.").format(id=text))
    if len(matches) > 1:
        raise NotFound(_("More than one incident's id begins with {id}.").format(id=text))
    return matches[0]
