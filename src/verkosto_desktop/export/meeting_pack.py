"""Koordinaatiokokous: the pack for the organisations' coordination meeting. The agenda follows
the network's model (situation assessment, each organisation's situation, jointly agreed action
plan, division of tasks, informing residents, next meeting), then an attendance sheet with
every member actor and blank rows, and, when there is an incident, what the network can offer
for its situation types, its open tasks and its log so far. When the pack is for one of the
incident's meetings, that meeting's time, convener, place, attendance, decisions and next
meeting come first. A4 portrait, confidential."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.enums import ActionStatus, IncidentPhase, LogKind, Phase
from verkosto_desktop.domain.incidents import assessment_lines
from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.export.consent_marks import consent_note
from verkosto_desktop.export.formatting import catalogue_name
from verkosto_desktop.export.situation_card import phase_section
from verkosto_desktop.export.template import (
    BOLD,
    SMALL,
    Block,
    Column,
    Letterhead,
    PageFormat,
    Part,
    TableLook,
    cell,
    markup,
    paragraph_styles,
    table,
    titled_table,
)
from verkosto_desktop.export.template.forms import FillInFields, WriteInLines
from verkosto_desktop.export.template.tables import Cell
from verkosto_desktop.i18n import N_, _

if TYPE_CHECKING:
    from verkosto_desktop.data.incident.incidents import IncidentDetail
    from verkosto_desktop.data.incident.log import LogEntryRow
    from verkosto_desktop.data.incident.meetings import MeetingRow
    from verkosto_desktop.data.incident.tasks import TaskRow
    from verkosto_desktop.data.register.offers import CapabilityOffer

PAGE_FORMAT = PageFormat.A4_PORTRAIT
BLANK_ROWS = 12

AGENDA = (
    (
        N_("Situation assessment"),
        N_("What has happened, whom it concerns, what is known now and what is expected."),
    ),
    (
        N_("Each organisation's situation"),
        N_(
            "What each organisation is doing now and what it can offer: people, premises, supplies."
        ),
    ),
    (
        N_("Jointly agreed action plan"),
        N_("What the network does together, in which order, and who coordinates."),
    ),
    (
        N_("Division of tasks"),
        N_("Who does what, by when, and whom they report to."),
    ),
    (
        N_("Informing residents"),
        N_(
            "What residents are told, by whom and through which channels that work in an "
            "outage (notice boards, local radio, runners)."
        ),
    ),
    (N_("Next meeting"), N_("Time, place and who convenes it.")),
)


@dataclass(frozen=True)
class Attendee:
    """A member actor on the attendance sheet (its name; the people write their own)."""

    organisation: str


@dataclass(frozen=True)
class MeetingContent:
    """Everything the pack prints. ``incident`` is None when there is no incident; then the pack
    holds the agenda and the attendance sheet only. ``meeting`` is one of the incident's
    coordination meetings (None: the pack is for a meeting not yet held)."""

    members: Sequence[Attendee]
    incident: IncidentDetail | None = None
    meeting: MeetingRow | None = None
    offers: Sequence[CapabilityOffer] = ()
    tasks: Sequence[TaskRow] = ()
    log: Sequence[LogEntryRow] = ()
    situations: Sequence[CatalogueEntry] = field(default_factory=tuple)
    categories: Sequence[CatalogueEntry] = field(default_factory=tuple)
    # Contact persons left out because the pack is shared (``printouts.shared``).
    left_out: int | None = None


def title() -> str:
    return _("Coordination meeting")


def _incident_facts(content: MeetingContent) -> Iterator[Flowable]:
    incident = content.incident
    if incident is None:
        return
    styles = paragraph_styles()
    names = ", ".join(catalogue_name(content.situations, key) for key in incident.situations)
    facts = [
        # Distinct labels: "Incident" and "Disruption" are both "Häiriötilanne" in Finnish.
        (_("Name of the incident"), incident.title),
        (_("Area"), incident.area),
        (_("Situation types"), names),
        (_("Started"), format_datetime(incident.started_at)),
        (_("Phase"), IncidentPhase.label_of(incident.phase)),
        (_("Convened by"), incident.convened_by),
    ]
    for name, value in facts:
        if value:
            yield Paragraph(f"<b>{markup(name)}:</b> {markup(value)}", styles["body"])
    if incident.description:
        yield Paragraph(markup(incident.description), styles["body"])


def _meeting(content: MeetingContent) -> Iterator[Flowable]:
    """The chosen meeting: when and where, who convened and attended, what was decided."""
    meeting = content.meeting
    if meeting is None:
        return
    styles = paragraph_styles()
    yield CondPageBreak(120)
    yield Paragraph(markup(_("Meeting: {title}").format(title=meeting.title)), styles["h1"])
    names = ", ".join(name for _id, name in meeting.attendees) or "—"
    facts = [
        (_("Time"), format_datetime(meeting.starts_at)),
        (_("Convened by"), meeting.convened_by or "—"),
        (_("Place"), meeting.place or "—"),
        (_("Attendance ({count})").format(count=len(meeting.attendees)), names),
        (_("Next meeting"), format_datetime(meeting.next_meeting_at) or "—"),
    ]
    for name, value in facts:
        yield Paragraph(f"<b>{markup(name)}:</b> {markup(value)}", styles["body"])
    if meeting.notes:
        yield Paragraph(markup(meeting.notes), styles["body"])
    decisions_label = _("Decisions")
    yield Paragraph(f"<b>{markup(decisions_label)}:</b>", styles["body"])
    for number, decision in enumerate(meeting.decisions, start=1):
        text = markup(decision.text)
        if decision.is_corrected:
            text = f"<strike>{text}</strike>"
        when = markup(format_datetime(decision.happened_at))
        yield Paragraph(f"{number}. {text} <font size='8'>({when})</font>", styles["body"])
    if not meeting.decisions:
        yield Paragraph(markup(_("No decisions yet.")), styles["body"])
    yield Spacer(1, 6)


def _latest_assessment(log: Sequence[LogEntryRow]) -> LogEntryRow | None:
    assessments = [line for line in log if line.kind == LogKind.ASSESSMENT.value]
    return assessments[-1] if assessments else None


def _assessment(content: MeetingContent) -> Iterator[Flowable]:
    latest = _latest_assessment(content.log)
    if latest is None:
        return
    styles = paragraph_styles()
    when = format_datetime(latest.happened_at)
    yield Paragraph(
        markup(_("Latest recorded assessment ({time}):").format(time=when)), styles["note"]
    )
    for name, value in assessment_lines(latest.details):
        yield Paragraph(f"<b>{markup(name)}:</b> {markup(value)}", styles["note"])


def _agenda(content: MeetingContent) -> Iterator[Flowable]:
    styles = paragraph_styles()
    yield Paragraph(markup(_("Agenda")), styles["h1"])
    for number, (heading, guidance) in enumerate(AGENDA, start=1):
        yield CondPageBreak(120)
        yield Paragraph(markup(f"{number}. {_(heading)}"), styles["agenda"])
        yield Paragraph(markup(_(guidance)), styles["note"])
        if number == 1:
            yield from _assessment(content)
        yield WriteInLines(4 if number != 6 else 2)
        yield Spacer(1, 4)


def _attendance(content: MeetingContent) -> Iterator[Flowable]:
    columns = [
        Column(_("Name"), 2.2),
        Column(_("Organisation"), 2.6),
        Column(_("Phone"), 1.5),
        Column(_("Signature"), 2.0),
    ]
    rows = [
        Block(rows=((cell(""), cell(member.organisation), cell(""), cell("")),))
        for member in content.members
    ]
    rows.extend(
        Block(rows=((cell(""), cell(""), cell(""), cell("")),)) for _row in range(BLANK_ROWS)
    )
    yield from titled_table(
        _("Attendance"), columns, rows, look=TableLook(grid=True, min_row_height=22, zebra=False)
    )


def _phase_for(incident: IncidentDetail) -> Phase:
    return Phase.RECOVERY if incident.phase == IncidentPhase.RECOVERY.value else Phase.RESPONSE


def _offers(content: MeetingContent) -> Iterator[Flowable]:
    incident = content.incident
    assert incident is not None
    phase = _phase_for(incident)
    yield from phase_section(
        phase,
        content.offers,
        content.categories,
        title=_("What the network can offer now ({phase})").format(phase=phase.label()),
        continued=_("What the network can offer now") + " " + _("(continued)"),
    )


def _tasks(content: MeetingContent) -> Iterator[Flowable]:
    styles = paragraph_styles()
    open_tasks = [t for t in content.tasks if t.is_open]
    columns = [
        Column(_("Task"), 3.0),
        Column(_("Responsible"), 2.2),
        Column(_("Status"), 1.3),
        Column(_("Since"), 1.9),
        Column(_("Due"), 1.3),
    ]
    blocks = (
        Block(
            rows=(
                (
                    cell((task.title, BOLD), (task.notes, SMALL)),
                    cell(task.actor_name),
                    cell(ActionStatus.label_of(task.status)),
                    cell(format_datetime(task.status_since)),
                    cell(format_date(task.due_on)),
                ),
            )
        )
        for task in open_tasks
    )
    yield from table(
        columns,
        blocks,
        heading=[Paragraph(markup(_("Open tasks")), styles["h1"])],
        empty_text=_("No open tasks."),
    )


def _log(content: MeetingContent) -> Iterator[Flowable]:
    columns = [
        Column(_("Time"), 1.9),
        Column(_("Entry"), 1.3),
        Column(_("Recorded by"), 1.8),
        Column(_("What was recorded"), 5.0),
    ]

    def text(line: LogEntryRow) -> Cell:
        details = [f"{name}: {value}" for name, value in assessment_lines(line.details)]
        return cell(line.text, *((d, SMALL) for d in details))

    blocks = (
        Block(
            rows=(
                (
                    cell(format_datetime(line.happened_at)),
                    cell(LogKind.label_of(line.kind)),
                    cell(line.author, (line.actor_name, SMALL)),
                    text(line),
                ),
            )
        )
        for line in content.log
    )
    yield from titled_table(
        _("Log so far"), columns, blocks, empty_text=_("Nothing has been logged yet.")
    )


def meeting_pack_part(letterhead: Letterhead, content: MeetingContent) -> Part:
    """The coordination-meeting pack of ``content`` as a :class:`Part`."""
    subtitle = content.incident.title if content.incident else ""
    info = letterhead.document(
        title(), page_format=PAGE_FORMAT, subtitle=subtitle, audience=Audience.SHARED
    )

    def story() -> Iterator[Flowable]:
        styles = paragraph_styles()
        yield Paragraph(markup(_("Coordination meeting of the organisations")), styles["title"])
        yield from consent_note(content.left_out)
        yield from _incident_facts(content)
        yield from _meeting(content)
        if content.meeting is None:  # the meeting's own time and place are printed above
            yield FillInFields([_("Date:"), _("Time:"), _("Place:")])
        yield FillInFields([_("Chair:"), _("Secretary:")])
        yield from _agenda(content)
        yield PageBreak()
        yield from _attendance(content)
        if content.incident is not None:
            yield PageBreak()
            yield from _offers(content)
            yield from _tasks(content)
            yield from _log(content)

    return Part(info, story())
