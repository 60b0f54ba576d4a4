"""Call rounds: starting one over a selection (see ``call_targets``), the list in calling order,
and each call's result.

"Reached and checked" (and "details updated") sets the contact's last-verified date through the
contacts operation. A round linked to an incident also writes each result into the incident log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, insert, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.exchange.networks import of_own_network
from verkosto_desktop.data.models import (
    Actor,
    CallRound,
    CallRoundEntry,
    Contact,
    Incident,
    IncidentLogEntry,
)
from verkosto_desktop.data.models.types import AnySelect, device_user, new_id, utcnow
from verkosto_desktop.data.network.call_targets import (
    TARGET_COLUMNS,
    CallTarget,
    select_targets,
    target_from_row,
)
from verkosto_desktop.data.recording import apply_change, get_live
from verkosto_desktop.data.register import contacts as contact_ops
from verkosto_desktop.data.register.actors import today
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.call_rounds import VERIFYING, CallSelection
from verkosto_desktop.domain.enums import CallResult
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.domain.validation import clean_text
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class CallEntryRow:
    """One line of a round: the contact and what came of the call."""

    id: str
    round_id: str
    position: int
    result: str
    note: str
    called_at: datetime | None
    target: CallTarget
    contact_deleted: bool


@dataclass(frozen=True)
class CallRoundRow:
    id: str
    title: str
    selection: str
    situation_key: str | None
    incident_id: str | None
    incident_title: str
    started_at: datetime
    finished_at: datetime | None
    results: dict[str, int]  # result key → number of entries

    @property
    def total(self) -> int:
        return sum(self.results.values())

    @property
    def pending(self) -> int:
        return self.results.get(CallResult.PENDING.value, 0)

    @property
    def called(self) -> int:
        """Calls made (any result but pending): the one count the chooser, the summary and the
        progress bar all show."""
        return self.total - self.pending


def start_round(
    store: Store,
    title: str,
    selection: str,
    situation_key: str | None = None,
    incident_id: str | None = None,
    contact_ids: Sequence[str] | None = None,
    on: date | None = None,
) -> CallRoundRow:
    """Start a round over ``selection`` (only ``contact_ids`` of it, when given).

    Raises ``ValidationError`` when the title is empty or nobody would be called.
    """
    title = clean_text(title, "title")
    if not title:
        raise ValidationError("title", _("Give the call round a title"))
    targets = select_targets(store, selection, situation_key, urgent=incident_id is not None, on=on)
    if contact_ids is not None:
        chosen = set(contact_ids)
        targets = [t for t in targets if t.contact_id in chosen]
    if not targets:
        raise ValidationError("selection", _("Nobody to call with this choice"))
    with store.write() as session:
        if incident_id is not None:
            get_live(session, Incident, incident_id)
        call_round = CallRound(
            title=title,
            selection=selection,
            situation_key=situation_key if selection == CallSelection.SITUATION else None,
            incident_id=incident_id,
        )
        session.add(call_round)
        session.flush()
        # One bulk insert: a round over a large register has tens of thousands of entries.
        entries = [
            {
                "id": new_id(),
                "call_round_id": call_round.id,
                "contact_id": t.contact_id,
                "position": i,
            }
            for i, t in enumerate(targets, start=1)
        ]
        for start in range(0, len(entries), 5000):
            session.execute(insert(CallRoundEntry), entries[start : start + 5000])
        record_change(session, ChangeKind.CALL_ROUND, call_round.id)
        round_id = call_round.id
    return get_round(store, round_id)


def _round_rows(session: Session, round_ids: Sequence[str] | None) -> list[CallRoundRow]:
    query = (
        select(CallRound, Incident.title)
        .outerjoin(Incident, Incident.id == CallRound.incident_id)
        .where(CallRound.deleted_at.is_(None))
        .order_by(CallRound.started_at.desc())
    )
    if round_ids is not None:
        query = query.where(CallRound.id.in_(round_ids))
    else:
        query = query.where(of_own_network(session, CallRound.__table__))
    rounds = session.execute(query).all()
    counts: dict[str, dict[str, int]] = {r.id: {} for r, _title in rounds}
    for round_id, result, count in session.execute(
        select(CallRoundEntry.call_round_id, CallRoundEntry.result, func.count())
        .where(CallRoundEntry.call_round_id.in_(list(counts)))
        .group_by(CallRoundEntry.call_round_id, CallRoundEntry.result)
    ):
        counts[round_id][result] = count
    return [
        CallRoundRow(
            r.id,
            r.title,
            r.selection,
            r.situation_key,
            r.incident_id,
            incident_title or "",
            r.started_at,
            r.finished_at,
            counts[r.id],
        )
        for r, incident_title in rounds
    ]


def call_rounds(store: Store) -> list[CallRoundRow]:
    """Every round (of this laptop's own network), newest first, with how many calls had
    each result."""
    with store.read() as session:
        return _round_rows(session, None)


def get_round(store: Store, round_id: str) -> CallRoundRow:
    """One round; ``NotFound`` when it is gone."""
    with store.read() as session:
        rows = _round_rows(session, [round_id])
    if not rows:
        raise NotFound(_("The call round no longer exists."))
    return rows[0]


def _entry_query() -> AnySelect:
    return (
        select(
            *TARGET_COLUMNS,
            CallRoundEntry.id,
            CallRoundEntry.call_round_id,
            CallRoundEntry.position,
            CallRoundEntry.result,
            CallRoundEntry.note,
            CallRoundEntry.called_at,
            Contact.deleted_at,
        )
        .join(Contact, Contact.id == CallRoundEntry.contact_id)
        .join(Actor, Actor.id == Contact.actor_id)
        .where(CallRoundEntry.deleted_at.is_(None))
    )


def _entry(row: Row[*tuple[Any, ...]]) -> CallEntryRow:
    n = len(TARGET_COLUMNS)
    entry_id, round_id, position, result, note, called_at, deleted = row[n:]
    return CallEntryRow(
        entry_id,
        round_id,
        position,
        result,
        note,
        called_at,
        target_from_row(row),
        deleted is not None,
    )


def round_entries(store: Store, round_id: str) -> list[CallEntryRow]:
    """The round's list in calling order."""
    with store.read() as session:
        # Core execution: plain column reads, the ORM's row machinery only costs time.
        rows = (
            session.connection()
            .execute(
                _entry_query()
                .where(CallRoundEntry.call_round_id == round_id)
                .order_by(CallRoundEntry.position)
            )
            .all()
        )
        return [_entry(row) for row in rows]


def get_entry(store: Store, entry_id: str) -> CallEntryRow:
    """One line of a round; ``NotFound`` when it is gone."""
    with store.read() as session:
        row = session.execute(_entry_query().where(CallRoundEntry.id == entry_id)).first()
    if row is None:
        raise NotFound(_("The call no longer exists."))
    return _entry(row)


def _log_result(
    session: Session, call_round: CallRound, entry: CallEntryRow, result: CallResult, note: str
) -> None:
    # The incident engineer's data/incident_log.py is the home of log writing; this is the one
    # minimal insert a call round needs (the log is append-only: a later result is a new entry).
    text = _("Call round “{round}”: {contact} ({actor}) — {result}").format(
        round=call_round.title,
        contact=entry.target.contact_name,
        actor=entry.target.actor_name,
        result=result.label(),
    )
    if note:
        text += f". {note}"
    log_entry = IncidentLogEntry(
        incident_id=call_round.incident_id,
        kind="observation",
        happened_at=entry.called_at or utcnow(),
        author=device_user(),
        actor_id=entry.target.actor_id,
        text=text,
    )
    session.add(log_entry)
    session.flush()
    record_change(session, ChangeKind.INCIDENT_LOG_ENTRY, log_entry.id)


def record_result(
    store: Store,
    entry_id: str,
    result: str,
    note: str | None = None,
    at: datetime | None = None,
) -> CallEntryRow:
    """Record what came of one call (``note`` unchanged when None; ``at`` now by default).

    "Reached" and "updated" first mark the contact verified today (a separate, committed step:
    the fact that the contact was reached stays true even if recording the call then fails).
    The round is finished when no call is pending, and reopened if one is set back to pending.
    """
    try:
        outcome = CallResult(result)
    except ValueError:
        raise ValidationError(
            "result", _("Unknown call result: {key}").format(key=result)
        ) from None
    entry = get_entry(store, entry_id)
    if outcome in VERIFYING and not entry.contact_deleted:
        contact_ops.mark_contact_verified(store, entry.target.contact_id)
    with store.write() as session:
        row = get_live(session, CallRoundEntry, entry_id)
        call_round = get_live(session, CallRound, row.call_round_id)
        values: dict[str, object] = {
            "result": outcome.value,
            "called_at": None if outcome == CallResult.PENDING else (at or utcnow()),
        }
        if note is not None:
            values["note"] = clean_text(note, "note")
        if apply_change(session, row, values):
            record_change(session, ChangeKind.CALL_ROUND_ENTRY, row.id)
            if call_round.incident_id and outcome != CallResult.PENDING:
                updated = get_entry_in(session, row.id)
                _log_result(session, call_round, updated, outcome, row.note)
        pending = session.scalar(
            select(func.count()).where(
                CallRoundEntry.call_round_id == call_round.id,
                CallRoundEntry.deleted_at.is_(None),
                CallRoundEntry.result == CallResult.PENDING.value,
            )
        )
        finished = utcnow() if pending == 0 else None
        if (call_round.finished_at is None) != (finished is None) and apply_change(
            session, call_round, {"finished_at": finished}
        ):
            record_change(session, ChangeKind.CALL_ROUND, call_round.id)
        record_change(session, ChangeKind.CALL_ROUND, call_round.id)
    return get_entry(store, entry_id)


def get_entry_in(session: Session, entry_id: str) -> CallEntryRow:
    """One line of a round, read inside an open session."""
    row = session.execute(_entry_query().where(CallRoundEntry.id == entry_id)).first()
    if row is None:
        raise NotFound(_("The call no longer exists."))
    return _entry(row)


def record_by_position(
    store: Store, round_id: str, position: int, result: str, note: str | None = None
) -> CallEntryRow:
    """Record a result by the row number printed on the tick-off sheet."""
    with store.read() as session:
        entry_id = session.scalar(
            select(CallRoundEntry.id).where(
                CallRoundEntry.call_round_id == round_id,
                CallRoundEntry.position == position,
                CallRoundEntry.deleted_at.is_(None),
            )
        )
    if entry_id is None:
        raise ValidationError(
            "entry", _("The call round has no row {number}").format(number=position)
        )
    return record_result(store, entry_id, result, note)


def finish_round(store: Store, round_id: str) -> CallRoundRow:
    """Close a round now, even with calls still pending."""
    with store.write() as session:
        call_round = get_live(session, CallRound, round_id)
        if call_round.finished_at is None:
            apply_change(session, call_round, {"finished_at": utcnow()})
            record_change(session, ChangeKind.CALL_ROUND, call_round.id)
    return get_round(store, round_id)


def open_incidents(store: Store) -> list[tuple[str, str]]:
    """(id, title) of incidents not closed, newest first, for linking a round to one."""
    with store.read() as session:
        rows = session.execute(
            select(Incident.id, Incident.title)
            .where(Incident.deleted_at.is_(None), Incident.closed_at.is_(None))
            .order_by(Incident.started_at.desc())
        )
        return [(incident_id, title) for incident_id, title in rows]


def default_title(selection: str, situation_name: str = "", on: date | None = None) -> str:
    """A title for a new round such as "Kaikki jäsenet 14.3.2026"."""
    label = CallSelection(selection).label()
    if selection == CallSelection.SITUATION and situation_name:
        label = situation_name
    return f"{label} {format_date(on or today())}"
