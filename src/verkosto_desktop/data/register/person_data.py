"""An access request: everything the file holds about a person, gathered for handing over.

For each contact person matching a name (live or in the trash): the contact row, every past
version, the consent recorded, the organisation, the capabilities and premises they are named
for, their call-round results, the meetings and activities that name them (and those their
organisation attended: attendance is kept per organisation), the incident-log entries they
wrote or are named in, the survey answers that name them (and their organisation's), and any
other record whose text names them. Plain JSON-ready values; ``export.person_report`` lays the
same out as a PDF.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.models import (
    Activity,
    ActivityAttendance,
    Actor,
    CallRound,
    CallRoundEntry,
    Capability,
    Contact,
    Facility,
    History,
    Incident,
    IncidentLogEntry,
    SurveyAnswer,
)
from verkosto_desktop.data.register import erasure
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.mentions import Mentions
from verkosto_desktop.i18n import _

FORMAT = "verkosto-person-export/2"
# Tables reported in sections of their own; other records naming the person are listed apart.
_OWN_SECTIONS = frozenset(
    {"contact", "incident_log_entry", "activity", "survey_answer", "call_round_entry", "history"}
)
# The sharing change log holds copies of the records' own values (now or before), which the
# sections above show already; an erasure still reaches it (``erasure.scrub_free_text``).
_COPIES = frozenset({"change"})


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data (dates and times as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def find_people(store: Store, name: str) -> list[str]:
    """Ids of the contact persons (live or in the trash) whose name, now or in a past
    version, holds every word of ``name`` (any case); in name order."""
    words = name.casefold().split()
    if not words:
        return []
    with store.read() as session:
        rows = session.execute(select(Contact.id, Contact.name, Contact.name_key)).all()
        found = {cid: key for cid, text, key in rows if _holds(text, words)}
        for record_id, data in session.execute(
            select(History.record_id, History.data).where(History.entity == "contact")
        ):
            if isinstance(data, dict) and _holds(str(data.get("name") or ""), words):
                key = next((k for cid, _t, k in rows if cid == record_id), None)
                if key is not None:
                    found.setdefault(record_id, key)
    return sorted(found, key=lambda cid: (found[cid], cid))


def _holds(text: str, words: list[str]) -> bool:
    folded = text.casefold()
    return all(word in folded for word in words)


def person_data(store: Store, contact_id: str) -> dict[str, Any]:
    """Everything the file holds about one contact person (see the module's description)."""
    with store.read() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFound(_("The person is not in this file (perhaps already erased)."))
        identity = erasure.identify(session, [contact_id])
        mentions = identity.mentions()
        actor = session.get(Actor, contact.actor_id)
        named = list(erasure.records_naming(session, mentions)) if mentions else []
        own_versions = set(
            session.scalars(
                select(History.id).where(
                    History.entity == "contact", History.record_id == contact_id
                )
            )
        )
        return {
            "person": plain(contact.snapshot()),
            "consent": {
                "recorded_on": plain(contact.consent_on),
                "method": contact.consent_method,
                "may_be_shared_with_authorities": contact.consent_share_with_authorities,
                "note": contact.consent_note,
            },
            "organisation": {"id": actor.id, "name": actor.name} if actor else None,
            "previous_versions": _versions(session, contact_id),
            "contact_person_for_capabilities": [
                {"id": c.id, "category": c.category_key, "description": c.description}
                for c in session.scalars(
                    select(Capability).where(Capability.contact_id == contact_id)
                )
            ],
            "key_holder_for_premises": [
                {"id": f.id, "name": f.name}
                for f in session.scalars(
                    select(Facility).where(Facility.key_holder_id == contact_id)
                )
            ],
            "call_round_results": _calls(session, contact_id),
            "log_entries": _log(session, mentions, named),
            "meetings_and_activities_naming_them": _activities(session, named),
            "meetings_and_activities_of_their_organisation": _attended(session, contact.actor_id),
            "survey_answers_naming_them": _answers(session, named),
            "survey_answers_of_their_organisation": _organisation_answers(
                session, contact.actor_id
            ),
            "other_records_naming_them": [
                {"table": n.table.name, "key": plain(n.key), "texts": plain(n.texts)}
                for n in named
                if n.table.name not in _OWN_SECTIONS | _COPIES
            ],
            "past_versions_of_other_records_naming_them": [
                {"key": plain(n.key), "texts": plain(n.texts)}
                for n in named
                if n.table.name == "history" and n.key.get("id") not in own_versions
            ],
        }


def people_data(store: Store, name: str) -> dict[str, Any]:
    """The access request for ``name``: every matching person's data (``person_data``)."""
    ids = find_people(store, name)
    return {
        "format": FORMAT,
        "exported_at": plain(datetime.now().astimezone()),
        "query": name,
        "people": [person_data(store, contact_id) for contact_id in ids],
    }


def as_json(data: dict[str, Any]) -> str:
    """Indented JSON text, ready to hand over."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _versions(session: Session, contact_id: str) -> list[dict[str, Any]]:
    return [
        {"revision": h.revision, "replaced_at": plain(h.replaced_at), "data": plain(h.data)}
        for h in session.scalars(
            select(History)
            .where(History.entity == "contact", History.record_id == contact_id)
            .order_by(History.revision)
        )
    ]


def _calls(session: Session, contact_id: str) -> list[dict[str, Any]]:
    rows = session.execute(
        select(CallRoundEntry, CallRound.title)
        .join(CallRound, CallRound.id == CallRoundEntry.call_round_id)
        .where(CallRoundEntry.contact_id == contact_id)
        .order_by(CallRound.started_at)
    )
    return [
        {
            "call_round": title,
            "result": entry.result,
            "note": entry.note,
            "called_at": plain(entry.called_at),
        }
        for entry, title in rows
    ]


def _log(session: Session, mentions: Mentions, named: list[erasure.Naming]) -> list[dict[str, Any]]:
    ids = [n.key["id"] for n in named if n.table.name == "incident_log_entry"]
    if not ids:
        return []
    rows = session.execute(
        select(IncidentLogEntry, Incident.title)
        .join(Incident, Incident.id == IncidentLogEntry.incident_id)
        .where(IncidentLogEntry.id.in_(ids))
        .order_by(IncidentLogEntry.happened_at, IncidentLogEntry.recorded_at)
    )
    return [
        {
            "incident": title,
            "happened_at": plain(entry.happened_at),
            "kind": entry.kind,
            "wrote_it": mentions.is_whole(entry.author),
            "author": entry.author,
            "text": entry.text,
            "details": plain(entry.details or {}),
        }
        for entry, title in rows
    ]


def _activity(activity: Activity) -> dict[str, Any]:
    return {
        "title": activity.title,
        "kind": activity.kind,
        "starts_at": plain(activity.starts_at),
        "place": activity.place,
        "notes": activity.notes,
        "decisions": activity.decisions,
    }


def _activities(session: Session, named: list[erasure.Naming]) -> list[dict[str, Any]]:
    ids = [n.key["id"] for n in named if n.table.name == "activity"]
    found = session.scalars(
        select(Activity).where(Activity.id.in_(ids)).order_by(Activity.starts_at)
    )
    return [_activity(a) for a in found]


def _attended(session: Session, actor_id: str) -> list[dict[str, Any]]:
    found = session.scalars(
        select(Activity)
        .join(ActivityAttendance, ActivityAttendance.activity_id == Activity.id)
        .where(ActivityAttendance.actor_id == actor_id)
        .order_by(Activity.starts_at)
    )
    return [
        {k: v for k, v in _activity(a).items() if k not in ("notes", "decisions")} for a in found
    ]


def _answer(answer: SurveyAnswer) -> dict[str, Any]:
    return {
        "round": answer.round,
        "question": answer.question_key,
        "answer": answer.answer,
        "answered_on": plain(answer.answered_on),
    }


def _answers(session: Session, named: list[erasure.Naming]) -> list[dict[str, Any]]:
    ids = [n.key["id"] for n in named if n.table.name == "survey_answer"]
    return [
        _answer(a) for a in session.scalars(select(SurveyAnswer).where(SurveyAnswer.id.in_(ids)))
    ]


def _organisation_answers(session: Session, actor_id: str) -> list[dict[str, Any]]:
    return [
        _answer(a)
        for a in session.scalars(
            select(SurveyAnswer)
            .where(SurveyAnswer.actor_id == actor_id)
            .order_by(SurveyAnswer.round, SurveyAnswer.question_key)
        )
    ]
