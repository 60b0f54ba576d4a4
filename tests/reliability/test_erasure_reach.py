"""Erasure reaches everywhere: a person who wrote log entries, attended a coordination meeting,
was called in a call round of the incident and was named in a survey answer is erased; then the
bytes of the database, its WAL and a backup made afterwards hold no trace of them, the log keeps
its number of entries, and the entries that named them say an erasure happened. Sent in a
bundle, the erasure leaves no trace in the bundle nor on the laptop that receives it."""

from __future__ import annotations

import shutil
import sqlite3
import zlib
from datetime import date
from pathlib import Path

import pytest
from reliability_harness import tally

from verkosto_desktop.cli import main
from verkosto_desktop.data.exchange import bundle, crypto
from verkosto_desktop.data.incident import log, meetings
from verkosto_desktop.data.incident.incidents import start_incident
from verkosto_desktop.data.network import call_rounds, survey
from verkosto_desktop.data.register import actors, contacts, privacy
from verkosto_desktop.data.storage import backups
from verkosto_desktop.data.storage.store import Store

NAME = "Zyxwe Qqvarsdottir"  # found nowhere else in the file by accident
PHONE = "044 987 6543"
EMAIL = "zyxwe.q@example.fi"
SECRETS = [
    NAME.encode(),
    b"Qqvarsdottir",
    b"qqvarsdottir",  # the search index keeps tokens in lower case
    b"zyxwe.q@example",
    b"449876543",
    NAME.encode("utf-16-le"),
]


def _bytes(path: Path) -> bytes:
    found = path.read_bytes()
    for companion in ("-wal", "-journal"):
        other = path.with_name(path.name + companion)
        if other.exists():
            found += other.read_bytes()
    return found


def _log_rows(path: Path) -> list[tuple[str, str, str | None]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT author, text, erased_at FROM incident_log_entry ORDER BY recorded_at, id"
        ).fetchall()
    finally:
        connection.close()


def _a_person_everywhere(store: Store) -> str:
    """The person in the register, the log, a meeting, a call round and a survey answer."""
    actor = actors.create_actor(store, {"name": "Kylätalo ry", "kind": "association"})
    person = contacts.add_contact(
        store,
        actor.id,
        {"name": NAME, "mobile": PHONE, "email": EMAIL, "consent_on": date(2026, 1, 2)},
    )
    contacts.update_contact(store, person.id, {"role": "Puheenjohtaja"})  # a past version
    actors.update_actor(store, actor.id, {"notes": f"Avaimet: {NAME}, {PHONE}"})
    actors.update_actor(store, actor.id, {"notes": "Avaimet kunnalla"})  # the old note: history
    incident = start_incident(store, {"title": "Myrsky", "situations": ["storm"]}, author=NAME)
    log.add_entry(
        store, incident.id, {"kind": "observation", "text": "Tuuli yltyy", "author": NAME}
    )
    log.add_entry(
        store, incident.id, {"kind": "message_in", "text": f"{NAME} ilmoitti: tie poikki"}
    )
    log.add_assessment(store, incident.id, {"assessed_by": NAME, "power": "poikki"}, author=NAME)
    meeting = meetings.hold_meeting(
        store, incident.id, {"attendees": [actor.id], "notes": f"Paikalla: {NAME} ({EMAIL})"}
    )
    meetings.add_decision(store, meeting.id, f"{NAME} avaa kylätalon", author=NAME)
    called = call_rounds.start_round(
        store, "Soittokierros", "members", incident_id=incident.id, contact_ids=[person.id]
    )
    entry = call_rounds.round_entries(store, called.id)[0]
    call_rounds.record_result(store, entry.id, "reached", note=f"{NAME} tavoitettu")
    survey.save_answers(store, actor.id, 1, {"can_offer": f"Kahvia, kysy {NAME}"})
    return person.id


def test_erasure_leaves_no_trace_in_the_file_its_wal_or_later_backups(tmp_path: Path) -> None:
    path = tmp_path / "verkosto.verkosto"
    with Store.open(path) as store:
        person_id = _a_person_everywhere(store)
        store.checkpoint()
    assert NAME.encode() in _bytes(path)
    before = _log_rows(path)
    assert sum(NAME in (author or "") + (text or "") for author, text, _at in before) >= 6

    with Store.open(path) as store:
        report = privacy.erase_person(store, person_id)
        assert report.log_entries >= 6 and report.other_records >= 2
        assert report.past_versions >= 1
        # Looked at while the file is open: the file and its WAL.
        raw = _bytes(path)
        assert [s for s in SECRETS if s in raw] == []
        backup = backups.make_backup(path, "manual").path

    after = _log_rows(path)
    assert len(after) == len(before)  # the log keeps every entry
    changed = [row for row in after if row[2] is not None]
    assert len(changed) == report.log_entries
    assert all("[poistettu]" in (author or "") + (text or "") for author, text, _at in changed)
    for place in (path, backup):
        raw = _bytes(place)
        assert [s for s in SECRETS if s in raw] == [], place
        tally("erasure: files grepped with no trace left")
    # Still append-only for everything else.
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE incident_log_entry SET text = 'muutettu'")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("DELETE FROM incident_log_entry")
    finally:
        connection.close()


def test_verkosto_erase_does_the_same_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "verkosto.verkosto"
    with Store.open(path) as store:
        person_id = _a_person_everywhere(store)
    before = len(_log_rows(path))

    assert main(["erase", person_id, "--database", str(path)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert NAME.encode() in _bytes(path)  # nothing was done without --yes

    assert main(["erase", person_id[:8], "--database", str(path), "--yes"]) == 0
    assert len(_log_rows(path)) == before
    raw = _bytes(path)
    assert [s for s in SECRETS if s in raw] == []
    assert main(["erase", person_id, "--database", str(path), "--yes"]) == 1
    assert "poistettu" in capsys.readouterr().err
    tally("erasure: files grepped with no trace left")


def test_an_erasure_sent_in_a_bundle_leaves_no_trace_on_either_laptop(tmp_path: Path) -> None:
    passphrase = "kolme kirahvia keittää kahvia"
    mine, theirs = tmp_path / "oma.verkosto", tmp_path / "toinen.verkosto"
    with Store.open(mine) as store:
        person_id = _a_person_everywhere(store)
    shutil.copy(mine, theirs)  # the other laptop holds the person and every text naming them
    with Store.open(theirs):
        assert NAME.encode() in _bytes(theirs)
    stick = tmp_path / "paketti.verkostobundle"
    with Store.open(mine) as store:
        privacy.erase_person(store, person_id)
        bundle.write_bundle(store, stick, passphrase, full=True, cost=10)
    sent = zlib.decompress(crypto.decrypt(stick.read_bytes(), passphrase))
    assert [s for s in SECRETS if s in sent] == []
    with Store.open(theirs) as other:
        summary = bundle.receive_bundle(other, stick, passphrase)
        assert summary.erased == 1
        other.checkpoint()
        raw = _bytes(theirs)
        assert [s for s in SECRETS if s in raw] == []
    tally("erasure: files grepped with no trace left")
