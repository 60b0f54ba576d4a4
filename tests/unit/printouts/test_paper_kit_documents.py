"""Each document of the paper kit on its own, from the command line (``verkosto export
readiness|call-sheet|incident|survey``): the same printouts path as the window, with what each
sheet must hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop.cli import main
from verkosto_desktop.data.incident.incidents import list_incidents
from verkosto_desktop.data.network.call_targets import select_targets
from verkosto_desktop.data.register import contacts
from verkosto_desktop.data.register.actors import today
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.call_rounds import CallSelection
from verkosto_desktop.printouts.paper_kit import due_calls, last_closed_incident_id


def export(demo_path: Path, out: Path, what: str, *options: str) -> str:
    code = main(["export", what, "--database", str(demo_path), "--out", str(out), *options])
    assert code == 0
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(out).pages))


def test_readiness_sheet(demo_path: Path, tmp_path: Path) -> None:
    text = export(demo_path, tmp_path / "valmius.pdf", "readiness")
    assert "Valmiustilanne" in text and "Sähkökatko" in text
    assert len(PdfReader(tmp_path / "valmius.pdf").pages) == 1


def test_call_sheet_lists_the_contacts_due_for_checking(demo_path: Path, tmp_path: Path) -> None:
    with Store.open(demo_path) as store:
        due = due_calls(store)
        assert [d.target for d in due] == select_targets(store, CallSelection.STALE.value)
        fresh = [
            c
            for c in select_targets(store, CallSelection.MEMBERS.value)
            if c.contact_id not in {d.target.contact_id for d in due}
        ]
        # One due contact is checked today: it leaves the sheet.
        checked = due[0].target
        contacts.update_contact(store, checked.contact_id, {"last_verified_on": today()})
    assert due and fresh
    text = export(demo_path, tmp_path / "rasti.pdf", "call-sheet", "--due")
    assert "Tarkistettavat yhteystiedot" in text
    for call in due[1:]:
        assert call.target.contact_name in text
    assert checked.contact_name not in text
    assert not any(c.contact_name in text for c in fresh)


def test_after_action_report_of_the_last_closed_incident(demo_path: Path, tmp_path: Path) -> None:
    with Store.open(demo_path) as store:
        closed = last_closed_incident_id(store)
        incidents = {i.id: i for i in list_incidents(store)}
    assert closed is not None and not incidents[closed].is_open
    text = export(demo_path, tmp_path / "raportti.pdf", "incident", "--incident", closed[:8])
    assert "Jälkiraportti" in text and incidents[closed].title in text


def test_blank_survey_form(demo_path: Path, tmp_path: Path) -> None:
    text = export(demo_path, tmp_path / "lomake.pdf", "survey")
    assert "Kartoituslomake" in text
    assert "LUOTTAMUKSELLINEN" not in text  # a blank form holds nobody's data


@pytest.mark.parametrize(
    "what", [["readiness"], ["call-sheet", "--due"], ["premises"], ["survey"], ["incident"]]
)
def test_a_missing_folder_is_a_one_line_error_and_writes_nothing(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], what: list[str]
) -> None:
    out = tmp_path / "tikku" / "paperi.pdf"
    assert main(["export", *what, "--database", str(demo_path), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "tikku" in error
    assert not out.parent.exists()
