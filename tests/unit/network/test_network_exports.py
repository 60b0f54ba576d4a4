"""The network's files: ``verkosto export ics``, the survey form and the call tick-off sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from pypdf import PdfReader

from verkosto_desktop.cli import main
from verkosto_desktop.data.network import activities, call_rounds
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.export.call_sheet import SheetHeading, write_call_sheet
from verkosto_desktop.export.survey_form import SurveyFormSheet, write_survey_forms


def test_export_ics_command_writes_every_activity(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "toiminta.ics"
    assert main(["export", "ics", "--database", str(demo_path), "--out", str(out)]) == 0
    calendar = vobject.readOne(out.read_text(encoding="utf-8"))
    with Store.open(demo_path) as store:
        expected = {a.title for a in activities.activities(store, "all")}
    assert {e.summary.value for e in calendar.vevent_list} == expected


def test_export_ics_period_and_errors(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(demo_path) as store:
        upcoming = activities.activities(store, "upcoming")
    first_day = upcoming[0].starts_at.date().isoformat()
    out = tmp_path / "yksi.ics"
    code = main(
        [
            "export",
            "ics",
            "--database",
            str(demo_path),
            "--out",
            str(out),
            "--from",
            first_day,
            "--to",
            first_day,
        ]
    )
    assert code == 0
    events = vobject.readOne(out.read_text(encoding="utf-8")).vevent_list
    assert [e.summary.value for e in events] == [upcoming[0].title]
    capsys.readouterr()
    assert (
        main(
            [
                "export",
                "ics",
                "--database",
                str(demo_path),
                "--out",
                str(out),
                "--from",
                "32.1.2026",
            ]
        )
        == 1
    )
    assert "32.1.2026" in capsys.readouterr().err
    missing_folder = tmp_path / "ei" / "ole.ics"
    assert main(["export", "ics", "--database", str(demo_path), "--out", str(missing_folder)]) == 1


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_survey_forms_print_questions_and_capabilities(tmp_path: Path) -> None:
    path = write_survey_forms(
        tmp_path / "kartoitus.pdf",
        [SurveyFormSheet("Äänekosken Martat", ("Ruokahuolto", "Tilat")), SurveyFormSheet()],
        network_name="Esimerkkilän verkosto",
        round_no=2,
    )
    text = _text(path)
    assert "Äänekosken Martat" in text and "Ruokahuolto" in text
    assert "Mitä huolia tai uhkia" in text
    assert len(PdfReader(path).pages) == 2  # one page per form


def test_call_sheet_lists_the_round_in_order(demo_store: Store, tmp_path: Path) -> None:
    started = call_rounds.start_round(demo_store, "Vuositarkistus", "members")
    entries = call_rounds.round_entries(demo_store, started.id)
    path = write_call_sheet(
        tmp_path / "soittolista.pdf",
        SheetHeading("Esimerkkilän järjestöverkosto", started.title, started.started_at.date()),
        entries,
    )
    text = _text(path)
    assert "Vuositarkistus" in text
    assert text.index(entries[0].target.contact_name) < text.index(entries[5].target.contact_name)
    assert "Tavoitettu ja tarkistettu" in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(path).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("DejaVu" in font for font in fonts)
