"""The after-action report PDF and the ``incidents`` / ``export incident`` commands."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop.cli import main
from verkosto_desktop.data.incident import incidents, meetings, tasks
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.incident.after_action import incident_report
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Cancelled, Progress
from verkosto_desktop.export.errors import ExportFailed
from verkosto_desktop.export.incident_report import write_incident_report


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_incidents_lists_one_per_line_newest_first(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["incidents", "--database", str(demo_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    with Store.open(demo_path) as store:
        expected = incidents.list_incidents(store)
    assert len(lines) == len(expected) == 2
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 5 for row in rows)
    assert [row[0] for row in rows] == [i.id for i in expected]
    active = rows[0]
    assert active[2] == "response" and active[4] == ""
    closed = rows[1]
    assert closed[2] == "closed"
    assert datetime.fromisoformat(closed[4]) > datetime.fromisoformat(closed[3])


def test_export_incident_defaults_to_the_newest_and_marks_an_open_one(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "raportti.pdf"
    assert main(["export", "incident", "--database", str(demo_path), "--out", str(out)]) == 0
    text = _flat(pdf_text(out))
    assert "Sähkökatko Kirkonkylässä ja Koivuniemessä" in text
    assert "yhä käynnissä" in text  # the report so far
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left beside it


def test_export_of_a_chosen_closed_incident(demo_path: Path, tmp_path: Path) -> None:
    with Store.open(demo_path) as store:
        storm = next(i for i in incidents.list_incidents(store) if not i.is_open)
    out = tmp_path / "myrsky.pdf"
    args = ["export", "incident", "--database", str(demo_path), "--out", str(out)]
    assert main([*args, "--incident", storm.id[:8]]) == 0
    text = _flat(pdf_text(out))
    assert "Syysmyrsky Aila" in text and "Jälkiraportti" in text
    assert storm.lessons_learned.split(";")[0] in text


def test_export_errors_are_one_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    args = ["export", "incident", "--database", str(demo_path), "--out", str(out)]
    assert main([*args, "--incident", "no-such-id"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no-such-id" in error
    assert not out.exists()


def test_report_holds_everything_with_the_timeline_in_order(
    demo_store: Store, tmp_path: Path
) -> None:
    incident = incidents.active_incidents(demo_store)[0]
    meeting = meetings.hold_meeting(
        demo_store, incident.id, {"organiser_id": incident.convened_by_id, "place": "Kunnantalo"}
    )
    meetings.add_decision(demo_store, meeting.id, "Koulu avataan lämpimäksi tilaksi")
    task = tasks.create_task(
        demo_store, incident.id, incident.convened_by_id, "Vesipisteet kylille"
    )
    tasks.set_task_status(demo_store, task.id, "done")
    wrong = incident_log.add_entry(
        demo_store, incident.id, {"kind": "message_in", "text": "Pelastuslaitos: tie 12 suljettu"}
    )
    incident_log.correct_entry(demo_store, wrong.id, {"text": "Pelastuslaitos: tie 21 suljettu"})
    incidents.close_incident(demo_store, incident.id, "Aggregaatti piti varata aiemmin.")
    report = incident_report(demo_store, incident.id)
    out = write_incident_report(report, tmp_path / "report.pdf")
    text = _flat(pdf_text(out))
    positions = [text.find(_flat(entry.text)) for entry in report.log if entry.text]
    assert -1 not in positions
    assert positions == sorted(positions)
    for expected in (
        "Koulu avataan lämpimäksi tilaksi",
        "Vesipisteet kylille",
        "Kunnantalo",
        "Aggregaatti piti varata aiemmin.",
    ):
        assert expected in text
    assert re.search(r"Sivu 1\s*/\s*\d", text)


def test_a_cancelled_report_leaves_nothing_behind(demo_store: Store, tmp_path: Path) -> None:
    incident = incidents.active_incidents(demo_store)[0]
    report = incident_report(demo_store, incident.id)
    folder = tmp_path / "tulosteet"
    folder.mkdir()
    with pytest.raises(Cancelled):
        write_incident_report(
            report, folder / "kesken.pdf", progress=Progress(cancelled=lambda: True)
        )
    assert list(folder.iterdir()) == []


def test_a_report_to_a_folder_that_is_gone_says_so_and_makes_no_folder(
    demo_store: Store, tmp_path: Path
) -> None:
    report = incident_report(demo_store, incidents.active_incidents(demo_store)[0].id)
    stick = tmp_path / "media" / "USB"  # the stick was pulled out: its mount folder is gone
    with pytest.raises(ExportFailed) as failed:
        write_incident_report(report, stick / "raportti.pdf")
    assert failed.value.reason == "folder_missing"
    assert str(failed.value).startswith(f"Kansiota {stick} ei tavoiteta (irrotettiinko USB-tikku?)")
    assert not stick.exists() and not stick.parent.exists()


def test_export_incident_to_a_missing_folder_is_a_one_line_error(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "poistettu" / "raportti.pdf"
    assert main(["export", "incident", "--database", str(demo_path), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "poistettu" in error
    assert not out.parent.exists()
