"""The after-action report of an incident (PDF): the timeline of the log, the situation
assessments, the coordination meetings and who attended, the tasks and who did them, the
recovery activities and the lessons learned. While the incident is open it is the report so far.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from verkosto_desktop.data.after_action_views import IncidentReport
from verkosto_desktop.data.incident_log import LogEntryRow
from verkosto_desktop.domain.enums import ActionStatus, ActivityKind, IncidentPhase, LogKind
from verkosto_desktop.domain.incidents import ASSESSMENT_FIELDS, format_elapsed
from verkosto_desktop.domain.timefmt import format_date, format_datetime, format_time
from verkosto_desktop.export.incident_template import (
    build_pdf,
    content_width,
    styles,
    table,
    text,
)
from verkosto_desktop.i18n import _


def _when(moment: object) -> str:
    return format_datetime(moment) if moment else ""  # type: ignore[arg-type]


def _short(moment: object) -> str:
    # Date and time in a narrow column: "28.11.2026 12.03".
    if not moment:
        return ""
    return f"{format_date(moment)} {format_time(moment)}"  # type: ignore[arg-type]


def _entry_text(entry: LogEntryRow, by_id: dict[str, LogEntryRow]) -> str:
    parts = []
    if entry.corrects_id and entry.corrects_id in by_id:
        parts.append(
            _("Correction of the entry of {time}:").format(
                time=_short(by_id[entry.corrects_id].happened_at)
            )
        )
    if entry.text:
        parts.append(entry.text)
    if entry.kind == LogKind.ASSESSMENT:
        parts.extend(
            f"{field.label()}: {entry.details[field.key]}"
            for field in ASSESSMENT_FIELDS
            if entry.details.get(field.key)
        )
    who = ", ".join(p for p in (entry.actor_name, entry.author) if p)
    if who:
        parts.append(f"({who})")
    return "\n".join(parts)


def _summary(report: IncidentReport) -> list[Flowable]:
    style = styles()
    incident = report.incident
    end = incident.closed_at or report.generated_at
    rows = [
        (_("Situation types"), ", ".join(report.situation_names)),
        (_("Area"), incident.area),
        (_("Convened by"), incident.convened_by),
        (_("Started"), _when(incident.started_at)),
        (_("Recovery phase from"), _when(incident.recovery_at)),
        (_("Closed"), _when(incident.closed_at)),
        (_("Duration"), format_elapsed(incident.started_at, end)),
        (_("Description"), incident.description),
    ]
    width = content_width()
    return [
        *table(
            (_("Incident"), incident.title),
            [(label, value) for label, value in rows if value],
            (width * 0.28, width * 0.72),
        ),
        Spacer(1, 2 * mm),
        Paragraph(
            text(
                _("{entries} log entries, {meetings} meetings, {tasks} tasks.").format(
                    entries=len(report.log), meetings=len(report.meetings), tasks=len(report.tasks)
                )
            ),
            style["small"],
        ),
    ]


def _timeline(report: IncidentReport) -> list[Flowable]:
    by_id = {entry.id: entry for entry in report.log}
    width = content_width()
    rows = [
        (_short(e.happened_at), LogKind(e.kind).label(), _entry_text(e, by_id)) for e in report.log
    ]
    return table(
        (_("Time"), _("Kind"), _("Entry")),
        rows,
        (width * 0.2, width * 0.18, width * 0.62),
        struck=lambda i: report.log[i].is_corrected,
    )


def _section(title: str, groups: list[list[Flowable]]) -> list[Flowable]:
    """A heading and its groups, each kept on one page; the heading stays with the first group
    (a heading's keepWithNext cannot reach into a KeepTogether)."""
    heading = Paragraph(text(title), styles()["h1"])
    if not groups:
        return [heading]
    first, *rest = groups
    return [KeepTogether([heading, *first]), *(KeepTogether(group) for group in rest)]


def _assessments(report: IncidentReport) -> list[list[Flowable]]:
    style = styles()
    width = content_width()
    groups: list[list[Flowable]] = []
    for entry in report.assessments:
        heading = _("Assessment of {time}").format(time=_when(entry.happened_at))
        if entry.is_corrected:
            heading += " — " + _("corrected later")
        rows = [
            (field.label(), entry.details.get(field.key, ""))
            for field in ASSESSMENT_FIELDS
            if entry.details.get(field.key)
        ]
        if entry.text:
            rows.insert(0, (_("Summary"), entry.text))
        groups.append(
            [
                Paragraph(text(heading), style["h2"]),
                *table(
                    (_("Field"), _("State")),
                    rows,
                    (width * 0.28, width * 0.72),
                    struck=lambda _i, e=entry: e.is_corrected,
                ),
            ]
        )
    return groups or [[Paragraph(text(_("No assessments.")), style["body"])]]


def _meetings(report: IncidentReport) -> list[list[Flowable]]:
    style = styles()
    groups: list[list[Flowable]] = []
    for meeting in report.meetings:
        names = ", ".join(name for _id, name in meeting.attendees) or "—"
        fields = [
            (_("Time"), _when(meeting.starts_at)),
            (_("Convened by"), meeting.convened_by or "—"),
            (_("Place"), meeting.place),
            (_("Attendance ({count})").format(count=len(meeting.attendees)), names),
            (_("Next meeting"), _when(meeting.next_meeting_at)),
        ]
        lines = [f"<b>{text(label)}:</b> {text(value)}" for label, value in fields if value]
        decisions_label = _("Decisions")
        lines.append(f"<b>{text(decisions_label)}:</b>")
        lines.extend(
            "• " + (f"<strike>{text(d.text)}</strike>" if d.is_corrected else text(d.text))
            for d in meeting.decisions
        )
        if not meeting.decisions:
            lines.append("—")
        groups.append(
            [
                Paragraph(text(meeting.title), style["h2"]),
                *(Paragraph(line, style["body"]) for line in lines),
            ]
        )
    return groups or [[Paragraph(text(_("No coordination meetings.")), style["body"])]]


def _tasks(report: IncidentReport) -> list[Flowable]:
    style = styles()
    if not report.tasks:
        return [Paragraph(text(_("No tasks.")), style["body"])]
    width = content_width()
    rows = []
    for task in report.tasks:
        history = "\n".join(
            f"{_short(change.changed_at)} {ActionStatus(change.status).label()}"
            for change in task.changes
        )
        rows.append(
            (task.title, task.actor_name or "—", ActionStatus(task.status).label(), history)
        )
    return table(
        (_("Task"), _("Who"), _("Status"), _("Changes")),
        rows,
        (width * 0.34, width * 0.24, width * 0.14, width * 0.28),
        struck=lambda i: report.tasks[i].status == ActionStatus.CANCELLED,
    )


def _recovery(report: IncidentReport) -> list[Flowable]:
    style = styles()
    if not report.recovery:
        return [Paragraph(text(_("No recovery activities.")), style["body"])]
    width = content_width()
    rows = [
        (
            _short(a.starts_at),
            a.title,
            ActivityKind(a.kind).label()
            + " · "
            + (_("permanent") if a.permanent else _("one-off")),
            a.organiser or "—",
        )
        for a in report.recovery
    ]
    return table(
        (_("Starts"), _("Activity"), _("Kind"), _("Organiser")),
        rows,
        (width * 0.2, width * 0.34, width * 0.22, width * 0.24),
    )


def story(report: IncidentReport) -> list[Flowable]:
    """The report's flowables, in order."""
    style = styles()
    incident = report.incident
    if report.is_final:
        status = _("After-action report")
    else:
        status = _("Report so far — the incident is still open (phase: {phase})").format(
            phase=IncidentPhase(incident.phase).label()
        )
    lessons = incident.lessons_learned.strip()
    return [
        Paragraph(text(incident.title), style["title"]),
        Paragraph(text(status), style["subtitle"]),
        Spacer(1, 4 * mm),
        *_summary(report),
        Paragraph(text(_("Timeline of the log")), style["h1"]),
        *_timeline(report),
        *_section(_("Situation assessments"), _assessments(report)),
        *_section(_("Coordination meetings"), _meetings(report)),
        Paragraph(text(_("Tasks and who did them")), style["h1"]),
        *_tasks(report),
        Paragraph(text(_("Recovery activities")), style["h1"]),
        *_recovery(report),
        Paragraph(text(_("Lessons learned")), style["h1"]),
        Paragraph(
            text(lessons or _("Not written yet.")),
            style["body"],
        ),
    ]


def write_incident_report(
    report: IncidentReport,
    out: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Write the report to ``out`` (atomically); returns the path. Raises ``Cancelled``."""
    kind = _("After-action report") if report.is_final else _("Report so far")
    header = " — ".join(part for part in (report.network_name, kind, report.incident.title) if part)
    return build_pdf(
        Path(out),
        story(report),
        title=report.incident.title,
        header=header,
        footer_lines=(
            _("Confidential: contains names of people. Do not leave lying around."),
            _("Printed {time}").format(time=format_datetime(report.generated_at)),
        ),
        page_label=lambda number, total: _("Page {number}/{total}").format(
            number=number, total=total
        ),
        progress=progress,
        cancelled=cancelled,
    )
