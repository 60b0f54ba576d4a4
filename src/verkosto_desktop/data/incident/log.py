"""The incident log: an append-only, timestamped journal. Entries are never changed or deleted
(triggers in the database refuse it); a correction is a new entry pointing to the one it
corrects. Situation assessments are entries of kind ``assessment`` with structured details."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.incident.incidents import actor_names_by_id, require_incident
from verkosto_desktop.data.models import Activity, Actor, IncidentLogEntry
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.recording import apply_change
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.enums import LogKind
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.incidents import ASSESSMENT_KEYS, clean_assessment
from verkosto_desktop.domain.records import LOG_ENTRY_FIELDS, clean
from verkosto_desktop.domain.writes import LogEntryFields
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class LogEntryRow:
    """One journal entry, with what corrects it (if anything)."""

    id: str
    incident_id: str
    kind: str
    happened_at: datetime
    recorded_at: datetime
    author: str
    actor_id: str | None
    actor_name: str
    text: str
    details: Mapping[str, Any]
    corrects_id: str | None
    corrected_by: tuple[str, ...] = ()

    @property
    def is_corrected(self) -> bool:
        """A later entry corrects this one (it is shown struck through)."""
        return bool(self.corrected_by)


@dataclass(frozen=True)
class LogFilter:
    """What the log view shows: kinds (none = all), one actor, and words in the text."""

    kinds: frozenset[str] = field(default_factory=frozenset)
    actor_id: str | None = None
    text: str = ""


def _without_missing_time(fields: Mapping[str, Any]) -> dict[str, Any]:
    # No time given means "now" (or the original's time for a correction), not an error.
    return {k: v for k, v in fields.items() if not (k == "happened_at" and v is None)}


def _now_if_missing(values: dict[str, Any]) -> None:
    if values.get("happened_at") is None:
        values["happened_at"] = utcnow()


def _add(session: Session, incident_id: str, values: dict[str, Any]) -> IncidentLogEntry:
    if values.get("actor_id") and session.get(Actor, values["actor_id"]) is None:
        raise ValidationError("actor_id", _("The actor no longer exists."))
    if values.get("kind") != LogKind.ASSESSMENT and not (values.get("text") or "").strip():
        raise ValidationError("text", _("Write something to log"))
    entry = IncidentLogEntry(incident_id=incident_id, recorded_at=utcnow(), **values)
    session.add(entry)
    session.flush()
    record_change(session, ChangeKind.INCIDENT_LOG_ENTRY, entry.id)
    return entry


def add_entry(store: Store, incident_id: str, fields: LogEntryFields) -> LogEntryRow:
    """Append an entry. ``fields``: ``kind`` and ``text``; optional ``happened_at`` (default
    now; the recording time is always now), ``author``, ``actor_id`` and ``details``."""
    values = clean(LOG_ENTRY_FIELDS, _without_missing_time(fields))
    values.pop("corrects_id", None)
    if values.get("kind") == LogKind.PHASE_CHANGE:
        raise ValidationError("kind", _("Phase changes are logged by moving the incident."))
    _now_if_missing(values)
    with store.write() as session:
        require_incident(session, incident_id, open_only=True)
        entry = _add(session, incident_id, values)
        return _rows(session, [entry])[0]


def add_assessment(
    store: Store,
    incident_id: str,
    details: Mapping[str, Any],
    *,
    text: str = "",
    happened_at: datetime | None = None,
    author: str = "",
    actor_id: str | None = None,
) -> LogEntryRow:
    """Append a situation assessment (who assessed; area and people affected; the state of
    power, water, telecom, roads and heating; needs). Each one is kept."""
    cleaned = clean_assessment(details)
    if not any(cleaned.values()) and not text.strip():
        raise ValidationError("details", _("The assessment is empty"))
    return add_entry(
        store,
        incident_id,
        {
            "kind": LogKind.ASSESSMENT.value,
            "text": text,
            "details": cleaned,
            "happened_at": happened_at,
            "author": author,
            "actor_id": actor_id,
        },
    )


def correct_entry(store: Store, entry_id: str, fields: LogEntryFields) -> LogEntryRow:
    """Append a correction of ``entry_id``: a new entry (kind, time, actor and details default
    to the original's) that points to it. The original stays as it was."""
    values = clean(LOG_ENTRY_FIELDS, _without_missing_time(fields))
    with store.write() as session:
        original = session.get(IncidentLogEntry, entry_id)
        if original is None:
            raise NotFound(_("The log entry does not exist."))
        require_incident(session, original.incident_id)
        values["corrects_id"] = original.id
        values.setdefault("kind", original.kind)
        if values["kind"] == LogKind.PHASE_CHANGE:
            raise ValidationError("kind", _("Phase changes are logged by moving the incident."))
        values.setdefault("happened_at", original.happened_at)
        values.setdefault("actor_id", original.actor_id)
        # A correction keeps the original's links (e.g. to its meeting) unless it says otherwise.
        values.setdefault("details", original.details)
        if values["kind"] == LogKind.ASSESSMENT:
            merged = dict(original.details or {})
            merged.update(values.get("details") or {})
            values["details"] = clean_assessment(
                {k: v for k, v in merged.items() if k in ASSESSMENT_KEYS}
            )
        _now_if_missing(values)
        entry = _add(session, original.incident_id, values)
        meeting_id = (original.details or {}).get("meeting_id")
        if meeting_id:
            sync_meeting_decisions(session, meeting_id)
        return _rows(session, [entry])[0]


def sync_meeting_decisions(session: Session, meeting_id: str) -> None:
    """Rewrite a meeting's decisions text (what a printed meeting pack shows) from its decision
    entries in the log, leaving out corrected ones; the previous text goes to the history."""
    meeting = session.get(Activity, meeting_id)
    if meeting is None or meeting.incident_id is None:
        return
    entries = list(
        session.scalars(
            select(IncidentLogEntry)
            .where(
                IncidentLogEntry.incident_id == meeting.incident_id,
                IncidentLogEntry.kind == LogKind.DECISION.value,
            )
            .order_by(IncidentLogEntry.happened_at, IncidentLogEntry.recorded_at)
        )
    )
    corrected = {e.corrects_id for e in entries if e.corrects_id}
    text = "\n".join(
        e.text
        for e in entries
        if (e.details or {}).get("meeting_id") == meeting_id and e.id not in corrected
    )
    if apply_change(session, meeting, {"decisions": text}):
        record_change(session, ChangeKind.ACTIVITY, meeting.id)


def _rows(session: Session, entries: Sequence[IncidentLogEntry]) -> list[LogEntryRow]:
    if not entries:
        return []
    ids = [e.id for e in entries]
    corrections: dict[str, list[str]] = defaultdict(list)
    for entry_id, corrects_id in session.execute(
        select(IncidentLogEntry.id, IncidentLogEntry.corrects_id)
        .where(IncidentLogEntry.corrects_id.in_(ids))
        .order_by(IncidentLogEntry.recorded_at)
    ):
        if corrects_id is not None:  # the query asks for corrections only
            corrections[corrects_id].append(entry_id)
    actor_ids = {e.actor_id for e in entries if e.actor_id}
    names = actor_names_by_id(session, actor_ids)
    return [
        LogEntryRow(
            id=e.id,
            incident_id=e.incident_id,
            kind=e.kind,
            happened_at=e.happened_at,
            recorded_at=e.recorded_at,
            author=e.author,
            actor_id=e.actor_id,
            actor_name=names.get(e.actor_id or "", ""),
            text=e.text,
            details=MappingProxyType(dict(e.details or {})),
            corrects_id=e.corrects_id,
            corrected_by=tuple(corrections.get(e.id, ())),
        )
        for e in entries
    ]


def _matches(row: LogEntryRow, words: list[str]) -> bool:
    haystack = " ".join(
        [row.text, row.author, row.actor_name, *(str(v) for v in row.details.values())]
    ).casefold()
    return all(word in haystack for word in words)


def log_entries(
    store: Store,
    incident_id: str,
    flt: LogFilter | None = None,
    *,
    newest_first: bool = True,
) -> list[LogEntryRow]:
    """The incident's entries matching ``flt``, by the time they happened (newest first unless
    asked otherwise; entries of the same moment in the order they were recorded)."""
    flt = flt or LogFilter()
    query = select(IncidentLogEntry).where(IncidentLogEntry.incident_id == incident_id)
    if flt.kinds:
        query = query.where(IncidentLogEntry.kind.in_(sorted(flt.kinds)))
    if flt.actor_id:
        query = query.where(IncidentLogEntry.actor_id == flt.actor_id)
    order = [IncidentLogEntry.happened_at, IncidentLogEntry.recorded_at, IncidentLogEntry.id]
    query = query.order_by(*(column.desc() if newest_first else column for column in order))
    with store.read() as session:
        rows = _rows(session, list(session.scalars(query)))
    words = flt.text.casefold().split()
    if words:
        # In Python, not SQL: SQLite's LIKE folds only ASCII case ("ä" would not find "Ä"), and
        # one incident's log holds at most a few thousand entries.
        rows = [row for row in rows if _matches(row, words)]
    return rows


def assessments(store: Store, incident_id: str) -> list[LogEntryRow]:
    """The incident's situation assessments, newest first."""
    return log_entries(store, incident_id, LogFilter(kinds=frozenset({LogKind.ASSESSMENT.value})))


def get_entry(store: Store, entry_id: str) -> LogEntryRow:
    """One log entry; ``NotFound`` if it does not exist."""
    with store.read() as session:
        entry = session.get(IncidentLogEntry, entry_id)
        if entry is None:
            raise NotFound(_("The log entry does not exist."))
        return _rows(session, [entry])[0]
