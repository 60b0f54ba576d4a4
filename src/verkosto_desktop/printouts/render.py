"""One document: read what it needs from the store, lay it out, write it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.incident.incidents import (
    IncidentDetail,
    active_incidents,
    get_incident,
    resolve_incident_id,
)
from verkosto_desktop.data.incident.log import log_entries
from verkosto_desktop.data.incident.meetings import get_meeting
from verkosto_desktop.data.incident.tasks import incident_tasks
from verkosto_desktop.data.network.action_plan import network_action_plan
from verkosto_desktop.data.network.info import last_change_at, network_info
from verkosto_desktop.data.register.contact_sheet import (
    SheetActor,
    iter_sheet_actors,
    sheet_actor_ids,
)
from verkosto_desktop.data.register.offers import capability_offers
from verkosto_desktop.data.register.search import ActorFilter, search_actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.export.action_plan import action_plan_part
from verkosto_desktop.export.contact_list import contact_list_part
from verkosto_desktop.export.meeting_pack import Attendee, MeetingContent, meeting_pack_part
from verkosto_desktop.export.pocket_list import pocket_list_part
from verkosto_desktop.export.register_csv import write_register_csv
from verkosto_desktop.export.situation_card import situation_card_part
from verkosto_desktop.export.template import (
    Letterhead,
    Part,
    atomic_output,
    build_pdf,
    write_bytes_atomically,
)
from verkosto_desktop.export.vcards import write_vcards
from verkosto_desktop.i18n import _
from verkosto_desktop.printouts import paper_kit
from verkosto_desktop.printouts.requests import DocumentKind, PrintRequest, describe_filter
from verkosto_desktop.printouts.shared import SharedView


def letterhead(store: Store) -> Letterhead:
    """The network's name and the newest change, shared by every sheet printed now."""
    return Letterhead(network_info(store).name, last_change_at(store))


def _ids(store: Store, request: PrintRequest) -> list[str]:
    group = request.group_by if request.kind is DocumentKind.CONTACTS else "none"
    return sheet_actor_ids(store, request.filter, group)


def _subtitle(store: Store, request: PrintRequest, count: int) -> str:
    if request.subtitle is not None:
        return request.subtitle
    return describe_filter(store, request.filter, count)


def contacts_part(
    store: Store,
    request: PrintRequest,
    head: Letterhead,
    progress: Progress,
    actors: Iterable[SheetActor] | None = None,
    count: int | None = None,
) -> Part:
    """The contact list of ``request`` (``actors`` given: already read, in print order)."""
    if actors is None:
        ids = _ids(store, request)
        actors, count = iter_sheet_actors(store, ids), len(ids)
    total = count or 0
    return contact_list_part(
        head,
        actors,
        request.group_by,
        subtitle=_subtitle(store, request, total),
        tick=progress.ticker(total),
    )


def situation_part(store: Store, request: PrintRequest, head: Letterhead) -> Part:
    """The situation card of ``request.situation``."""
    entries = catalogues.situation_types(store)
    situation = next((e for e in entries if e.key == request.situation), None)
    if situation is None:
        valid = ", ".join(e.key for e in entries)
        raise ValidationError(
            "situation",
            _("Choose a situation type for the situation card. Valid: {valid}").format(valid=valid),
        )
    shared = SharedView.of(store)
    offers = capability_offers(
        store, [situation.key], members_only=request.members_only, audience=Audience.SHARED
    )
    offers = shared.value(offers)
    shared.count_offers(offers)
    phases = [Phase(request.phase)] if request.phase else list(Phase)
    categories = catalogues.capability_categories(store)
    return situation_card_part(
        head, situation, offers, categories, phases, left_out=len(shared.left_out)
    )


def meeting_part(store: Store, request: PrintRequest, head: Letterhead) -> Part:
    """The coordination-meeting pack for the chosen (or the active) incident, with the chosen
    meeting's details when ``request.meeting_id`` is given."""
    meeting = get_meeting(store, request.meeting_id) if request.meeting_id else None
    incident: IncidentDetail | None
    if request.incident_id:
        # Named as on the command line: an id or a unique beginning of one.
        incident = get_incident(store, resolve_incident_id(store, request.incident_id))
    elif meeting is not None:
        incident = get_incident(store, meeting.incident_id)
    else:
        incident = next(iter(active_incidents(store)), None)  # the newest active one
    if meeting is not None and (incident is None or meeting.incident_id != incident.id):
        raise ValidationError("meeting_id", _("The meeting is not one of the incident's."))
    members = [Attendee(row.name) for row in search_actors(store, ActorFilter(membership="member"))]
    content = MeetingContent(members=members)
    if incident is not None:
        content = MeetingContent(
            members=members,
            incident=incident,
            meeting=meeting,
            offers=capability_offers(store, incident.situations, audience=Audience.SHARED),
            tasks=incident_tasks(store, incident.id),
            log=log_entries(store, incident.id, newest_first=False),
            situations=catalogues.situation_types(store),
            categories=catalogues.capability_categories(store),
        )
    # Shared: the pack lies on the table with authorities (``domain.consent``).
    shared = SharedView.of(store)
    content = shared.value(content)
    shared.count_offers(content.offers)
    return meeting_pack_part(head, replace(content, left_out=len(shared.left_out)))


def plan_part(store: Store, request: PrintRequest, head: Letterhead) -> Part:
    """The network's action plan (one phase only when ``request.phase`` is given)."""
    items = network_action_plan(store)
    if request.phase:
        items = [i for i in items if i.phase == request.phase]
    # Shared (the jointly agreed plan): its free text names nobody who did not agree to it.
    items = SharedView.of(store).value(items)
    return action_plan_part(head, items, catalogues.situation_types(store))


def pocket_part(
    store: Store,
    request: PrintRequest,
    head: Letterhead,
    actors: Iterable[SheetActor] | None = None,
) -> Part:
    """The pocket call list of the actors ``request.filter`` chooses."""
    if actors is None:
        actors = iter_sheet_actors(store, _ids(store, request))
    subtitle = request.subtitle if request.subtitle is not None else ""
    if not subtitle and not request.filter.is_empty():
        subtitle = describe_filter(store, request.filter)
    return pocket_list_part(head, actors, subtitle=subtitle)


def pdf_part(store: Store, request: PrintRequest, head: Letterhead, progress: Progress) -> Part:
    """The :class:`Part` of a PDF document request."""
    builders: dict[DocumentKind, Callable[[], Part]] = {
        DocumentKind.CONTACTS: lambda: contacts_part(store, request, head, progress),
        DocumentKind.SITUATION: lambda: situation_part(store, request, head),
        DocumentKind.MEETING: lambda: meeting_part(store, request, head),
        DocumentKind.PLAN: lambda: plan_part(store, request, head),
        DocumentKind.POCKET: lambda: pocket_part(store, request, head),
        DocumentKind.PREMISES: lambda: paper_kit.premises_part(store, request, head),
        DocumentKind.READINESS: lambda: paper_kit.readiness_part(store, request, head),
        DocumentKind.CALL_SHEET: lambda: paper_kit.due_call_sheet_part(store, head, progress),
        DocumentKind.INCIDENT: lambda: paper_kit.incident_part(store, request, head, progress),
        DocumentKind.SURVEY: lambda: paper_kit.survey_part(store, head, progress),
    }
    return builders[request.kind]()


def render(
    store: Store, request: PrintRequest, out: BinaryIO, progress: Progress | None = None
) -> int:
    """Write the document of ``request`` to ``out``: PDF pages, CSV rows or vCards written."""
    progress = progress or Progress()
    progress.update(0, 1, request.kind.label())
    if request.kind.is_pdf:
        part = pdf_part(store, request, letterhead(store), progress)
        return build_pdf(out, [part], progress=progress)
    ids = _ids(store, request)
    actors = iter_sheet_actors(store, ids)
    tick = progress.ticker(len(ids))
    if request.kind is DocumentKind.CSV:
        return write_register_csv(out, actors, tick=tick)
    return write_vcards(out, actors, category=network_info(store).name, tick=tick)


def save_document(
    store: Store, request: PrintRequest, path: Path | str, progress: Progress | None = None
) -> int:
    """:func:`render` into ``path``, all or nothing (``ExportFailed`` on disk problems)."""
    with atomic_output(path) as out:
        return render(store, request, out, progress)


def save_rendered(path: Path | str, data: bytes) -> None:
    """Save a document already rendered (the preview's bytes) to ``path``, all or nothing."""
    write_bytes_atomically(path, data)
