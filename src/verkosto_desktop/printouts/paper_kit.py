"""The sheets of the paper kit beyond the register's lists: the readiness sheet, the premises
card, the tick-off sheet of the contacts due for checking, an incident's after-action report and
the blank survey form. Each reads what it needs from ``data`` and lays it out with ``export``."""

from __future__ import annotations

from dataclasses import dataclass

from verkosto_desktop.data.dashboard.readiness import read_readiness
from verkosto_desktop.data.incident.incidents import list_incidents, resolve_incident_id
from verkosto_desktop.data.network.call_targets import CallTarget, select_targets
from verkosto_desktop.data.network.survey import latest_round
from verkosto_desktop.data.register.actors import today
from verkosto_desktop.data.register.premises import premises_rows
from verkosto_desktop.data.register.search import areas
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.call_rounds import CallSelection
from verkosto_desktop.domain.enums import CallResult, IncidentPhase, Phase
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.export.call_sheet import SheetHeading, call_sheet_part
from verkosto_desktop.export.incident_report import incident_report_part
from verkosto_desktop.export.premises_card import premises_card_part
from verkosto_desktop.export.readiness_sheet import readiness_sheet_part
from verkosto_desktop.export.survey_form import survey_forms_part
from verkosto_desktop.export.template import Letterhead, Part
from verkosto_desktop.i18n import _
from verkosto_desktop.printouts.incident import shared_incident_report
from verkosto_desktop.printouts.requests import PrintRequest, describe_filter
from verkosto_desktop.printouts.shared import SharedView


def readiness_part(store: Store, request: PrintRequest, head: Letterhead) -> Part:
    """The one-page readiness sheet ("Valmiustilanne"); ``request.phase`` chooses the phase of
    the capability grid (response unless given)."""
    shared = SharedView.of(store)  # the sheet may lie on a table with authorities
    picture = shared.readiness(read_readiness(store))
    phase = request.phase or Phase.RESPONSE.value
    return readiness_sheet_part(head, picture, phase, left_out=len(shared.left_out))


def premises_part(store: Store, request: PrintRequest, head: Letterhead) -> Part:
    """The premises card of the premises ``request.filter`` counts (every premises when the
    filter is empty, with the areas that have none with power or heat said in words)."""
    flt = request.filter
    rows = premises_rows(store, flt)
    whole = flt.is_empty()
    subtitle = request.subtitle
    if subtitle is None:
        subtitle = "" if whole else describe_filter(store, flt)
    return premises_card_part(head, rows, subtitle=subtitle, areas=areas(store) if whole else ())


@dataclass(frozen=True)
class DueCall:
    """One row of the tick-off sheet of the contacts due for checking (not called yet)."""

    position: int
    target: CallTarget
    result: str = CallResult.PENDING.value
    note: str = ""


def due_calls(store: Store) -> list[DueCall]:
    """The contacts not verified within the network's period, in a call round's order, numbered
    from 1 (the rows of the tick-off sheet)."""
    targets = select_targets(store, CallSelection.STALE.value)
    return [DueCall(number, target) for number, target in enumerate(targets, start=1)]


def due_call_sheet_part(store: Store, head: Letterhead, progress: Progress) -> Part:
    """The tick-off sheet of the contacts due for checking: call them and tick the result."""
    heading = SheetHeading(
        head.network_name,
        _("Contacts due for checking"),
        today(),
        data_changed_at=head.data_changed_at,
    )
    return call_sheet_part(head, heading, due_calls(store), progress)


def last_closed_incident_id(store: Store) -> str | None:
    """The incident closed most recently (its after-action report goes into the pack)."""
    closed = [i for i in list_incidents(store) if i.phase == IncidentPhase.CLOSED]
    closed.sort(key=lambda i: i.closed_at or i.started_at, reverse=True)
    return closed[0].id if closed else None


def incident_part(
    store: Store, request: PrintRequest, head: Letterhead, progress: Progress
) -> Part:
    """The after-action report of ``request.incident_id`` (an id or its unique beginning; the
    newest incident when None); the report so far while the incident is open."""
    report = shared_incident_report(store, resolve_incident_id(store, request.incident_id))
    return incident_report_part(head, report, progress)


def survey_part(store: Store, head: Letterhead, progress: Progress) -> Part:
    """A blank mapping-survey form for the current round."""
    return survey_forms_part(head, [], latest_round(store), progress)
