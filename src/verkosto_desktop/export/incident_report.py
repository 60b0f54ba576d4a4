"""The after-action report of an incident (PDF): the timeline of the log, the situation
assessments, the coordination meetings and who attended, the tasks and who did them, the
recovery activities and the lessons learned. While the incident is open it is the report so far.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.enums import ActionStatus, ActivityKind, IncidentPhase, LogKind
from verkosto_desktop.domain.incidents import assessment_lines, format_elapsed
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_datetime, format_short
from verkosto_desktop.export.consent_marks import consent_note
from verkosto_desktop.export.template import (
    NORMAL,
    Block,
    Column,
    Letterhead,
    Part,
    TextStyle,
    atomic_output,
    build_pdf,
    cell,
    markup,
    paragraph_styles,
    table,
)
from verkosto_desktop.i18n import _

if TYPE_CHECKING:  # plain values of the data layer; the report reads nothing itself
    from verkosto_desktop.data.incident.after_action import IncidentReport
    from verkosto_desktop.data.incident.log import LogEntryRow


def _entry_text(entry: LogEntryRow, by_id: dict[str, LogEntryRow]) -> str:
    parts = []
    if entry.corrects_id and entry.corrects_id in by_id:
        parts.append(
            _("Correction of the entry of {time}:").format(
                time=format_short(by_id[entry.corrects_id].happened_at)
            )
        )
    if entry.text:
        parts.append(entry.text)
    if entry.kind == LogKind.ASSESSMENT:
        parts.extend(f"{name}: {value}" for name, value in assessment_lines(entry.details))
    who = ", ".join(p for p in (entry.actor_name, entry.author) if p)
    if who:
        parts.append(f"({who})")
    return "\n".join(parts)


def _key_values(
    heading: str, value: str, rows: Sequence[tuple[str, str]], struck: bool
) -> list[Flowable]:
    """A two-column table of labels and values (the summary, an assessment)."""
    style = NORMAL.crossed_out() if struck else NORMAL
    columns = [Column(heading, 0.28), Column(value, 0.72)]
    blocks = [
        Block(rows=((cell(label, style=style), cell(text, style=style)),)) for label, text in rows
    ]
    return list(table(columns, blocks))


def _summary(report: IncidentReport) -> list[Flowable]:
    incident = report.incident
    end = incident.closed_at or report.generated_at
    rows = [
        (_("Situation types"), ", ".join(report.situation_names)),
        (_("Area"), incident.area),
        (_("Convened by"), incident.convened_by),
        (_("Started"), format_datetime(incident.started_at)),
        (_("Recovery phase from"), format_datetime(incident.recovery_at)),
        (_("Closed"), format_datetime(incident.closed_at)),
        (_("Duration"), format_elapsed(incident.started_at, end)),
        (_("Description"), incident.description),
    ]
    counts = _("{entries} log entries, {meetings} meetings, {tasks} tasks.").format(
        entries=len(report.log), meetings=len(report.meetings), tasks=len(report.tasks)
    )
    return [
        *_key_values(_("Incident"), incident.title, [(k, v) for k, v in rows if v], struck=False),
        Spacer(1, 2 * mm),
        Paragraph(markup(counts), paragraph_styles()["small"]),
    ]


def _row(texts: Sequence[str], style: TextStyle) -> Block:
    return Block(rows=(tuple(cell(text, style=style) for text in texts),))


def _timeline(report: IncidentReport) -> list[Flowable]:
    by_id = {entry.id: entry for entry in report.log}
    columns = [Column(_("Time"), 0.2), Column(_("Kind"), 0.18), Column(_("Entry"), 0.62)]
    blocks = [
        _row(
            (format_short(e.happened_at), LogKind(e.kind).label(), _entry_text(e, by_id)),
            NORMAL.crossed_out() if e.is_corrected else NORMAL,
        )
        for e in report.log
    ]
    return list(table(columns, blocks))


def _section(title: str, groups: list[list[Flowable]]) -> list[Flowable]:
    """A heading and its groups, each kept on one page; the heading stays with the first group
    (a heading's keepWithNext cannot reach into a KeepTogether)."""
    heading = Paragraph(markup(title), paragraph_styles()["h1"])
    if not groups:
        return [heading]
    first, *rest = groups
    return [KeepTogether([heading, *first]), *(KeepTogether(group) for group in rest)]


def _assessments(report: IncidentReport) -> list[list[Flowable]]:
    styles = paragraph_styles()
    groups: list[list[Flowable]] = []
    for entry in report.assessments:
        heading = _("Assessment of {time}").format(time=format_datetime(entry.happened_at))
        if entry.is_corrected:
            heading += " — " + _("corrected later")
        rows = assessment_lines(entry.details)
        if entry.text:
            rows.insert(0, (_("Summary"), entry.text))
        groups.append(
            [
                Paragraph(markup(heading), styles["h2"]),
                *_key_values(_("Field"), _("State"), rows, struck=entry.is_corrected),
            ]
        )
    return groups or [[Paragraph(markup(_("No assessments.")), styles["body"])]]


def _meetings(report: IncidentReport) -> list[list[Flowable]]:
    styles = paragraph_styles()
    groups: list[list[Flowable]] = []
    for meeting in report.meetings:
        names = ", ".join(name for _id, name in meeting.attendees) or "—"
        fields = [
            (_("Time"), format_datetime(meeting.starts_at)),
            (_("Convened by"), meeting.convened_by or "—"),
            (_("Place"), meeting.place),
            (_("Attendance ({count})").format(count=len(meeting.attendees)), names),
            (_("Next meeting"), format_datetime(meeting.next_meeting_at)),
        ]
        lines = [f"<b>{markup(label)}:</b> {markup(value)}" for label, value in fields if value]
        decisions_label = _("Decisions")
        lines.append(f"<b>{markup(decisions_label)}:</b>")
        lines.extend(
            "• " + (f"<strike>{markup(d.text)}</strike>" if d.is_corrected else markup(d.text))
            for d in meeting.decisions
        )
        if not meeting.decisions:
            lines.append("—")
        groups.append(
            [
                Paragraph(markup(meeting.title), styles["h2"]),
                *(Paragraph(line, styles["body"]) for line in lines),
            ]
        )
    return groups or [[Paragraph(markup(_("No coordination meetings.")), styles["body"])]]


def _tasks(report: IncidentReport) -> list[Flowable]:
    if not report.tasks:
        return [Paragraph(markup(_("No tasks.")), paragraph_styles()["body"])]
    columns = [
        Column(_("Task"), 0.34),
        Column(_("Who"), 0.24),
        Column(_("Status"), 0.14),
        Column(_("Changes"), 0.28),
    ]
    blocks = []
    for task in report.tasks:
        history = "\n".join(
            f"{format_short(change.changed_at)} {ActionStatus(change.status).label()}"
            for change in task.changes
        )
        texts = (task.title, task.actor_name or "—", ActionStatus(task.status).label(), history)
        style = NORMAL.crossed_out() if task.status == ActionStatus.CANCELLED else NORMAL
        blocks.append(_row(texts, style))
    return list(table(columns, blocks))


def _recovery(report: IncidentReport) -> list[Flowable]:
    if not report.recovery:
        return [Paragraph(markup(_("No recovery activities.")), paragraph_styles()["body"])]
    columns = [
        Column(_("Starts"), 0.2),
        Column(_("Activity"), 0.34),
        Column(_("Kind"), 0.22),
        Column(_("Organiser"), 0.24),
    ]
    blocks = [
        _row(
            (
                format_short(a.starts_at),
                a.title,
                ActivityKind(a.kind).label()
                + " · "
                + (_("permanent") if a.permanent else _("one-off")),
                a.organiser or "—",
            ),
            NORMAL,
        )
        for a in report.recovery
    ]
    return list(table(columns, blocks))


def story(report: IncidentReport) -> list[Flowable]:
    """The report's flowables, in order."""
    styles = paragraph_styles()
    incident = report.incident
    if report.is_final:
        status = _("After-action report")
    else:
        status = _("Report so far — the incident is still open (phase: {phase})").format(
            phase=IncidentPhase(incident.phase).label()
        )
    lessons = incident.lessons_learned.strip()
    return [
        Paragraph(markup(incident.title), styles["title"]),
        Paragraph(markup(status), styles["body"]),
        *consent_note(report.left_out),
        Spacer(1, 4 * mm),
        *_summary(report),
        Paragraph(markup(_("Timeline of the log")), styles["h1"]),
        *_timeline(report),
        *_section(_("Situation assessments"), _assessments(report)),
        *_section(_("Coordination meetings"), _meetings(report)),
        Paragraph(markup(_("Tasks and who did them")), styles["h1"]),
        *_tasks(report),
        Paragraph(markup(_("Recovery activities")), styles["h1"]),
        *_recovery(report),
        Paragraph(markup(_("Lessons learned")), styles["h1"]),
        Paragraph(markup(lessons or _("Not written yet.")), styles["body"]),
    ]


def incident_report_part(
    letterhead: Letterhead, report: IncidentReport, progress: Progress | None = None
) -> Part:
    """The after-action report (the report so far while the incident is open) as a
    :class:`Part`; ``progress`` hears how far the layout is and may cancel it."""
    kind = _("After-action report") if report.is_final else _("Report so far")
    info = letterhead.document(kind, subtitle=report.incident.title, audience=Audience.SHARED)
    flowables = story(report)

    def counted() -> Iterator[Flowable]:
        tick = progress.ticker(len(flowables), every=1) if progress is not None else None
        for flowable in flowables:
            if tick is not None:
                tick()
            yield flowable

    return Part(info, counted())


def write_incident_report(
    report: IncidentReport, out: Path, *, progress: Progress | None = None
) -> Path:
    """Write the report to ``out`` (all or nothing); returns the path. ``progress`` reports how
    far it is and may cancel it (``Cancelled``, nothing is written). Like every sheet, it
    makes no folder: a folder that is gone (a USB stick pulled out) is an ``ExportFailed`` that
    says so, instead of a new folder on the local disk where the stick's was."""
    out = Path(out)
    letterhead = Letterhead(report.network_name, report.data_changed_at, report.generated_at)
    part = incident_report_part(letterhead, report, progress)
    with atomic_output(out) as target:
        build_pdf(target, [part], title=report.incident.title, progress=progress)
    return out
