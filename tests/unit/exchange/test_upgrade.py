"""The migration that adds sites and clocks keeps every record and its history."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

from old_files import as_older_text, downgrade_file, older_rows
from verkosto_desktop.data.exchange import site
from verkosto_desktop.data.models.types import stable_id
from verkosto_desktop.data.network import founding
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.storage.store import Store


def _before_sharing() -> str:
    """The revision before the one that added sites and clocks."""
    from alembic.script import ScriptDirectory

    from verkosto_desktop.data.storage.migrate import alembic_config

    previous = ScriptDirectory.from_config(alembic_config()).get_revision("0005").down_revision
    assert isinstance(previous, str)
    return previous


KEPT = (
    "actor",
    "contact",
    "capability",
    "capability_phase",
    "capability_situation",
    "facility",
    "incident",
    "incident_log_entry",
    "activity",
    "activity_attendance",
    "action_item",
    "action_status_change",
    "survey_answer",
    "membership_change",
    "erasure",
    "situation_type",
    "capability_category",
)


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        found = {}
        for table in KEPT:
            columns = [
                r[1]
                for r in connection.execute(f"PRAGMA table_info({table})")
                # Columns the upgrade adds: 0005's origin of an erasure, 0003's mark of one,
                # 0008's network, 0015's link key.
                if r[1] not in ("origin_site", "erased_at", "network", "link_key")
            ]
            query = f"SELECT {', '.join(columns)} FROM {table}"
            if "capability_key" in columns:  # 0015: a capability's links by its link key
                query = (
                    f"SELECT c.id, t.{columns[1]} FROM {table} t "
                    "JOIN capability c ON c.link_key = t.capability_key"
                )
            found[table] = sorted(older_rows(connection.execute(query).fetchall()), key=repr)
        found["history"] = sorted(
            connection.execute(
                "SELECT entity, revision, data FROM history WHERE entity != 'founding_step'"
            ).fetchall(),
            key=repr,
        )
        return found
    finally:
        connection.close()


def test_a_file_from_before_sites_keeps_every_record_and_its_history(demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        actor = actors.create_actor(store, {"name": "Vanhan tiedoston yhdistys"})
        person = contacts.add_contact(store, actor.id, {"name": "Aino Vanha"})
        contacts.update_contact(store, person.id, {"role": "sihteeri"})
        actors.update_actor(store, actor.id, {"area": "Kylä"})
        step = founding.founding_steps(store)[0]
        founding.update_step(store, step.id, {"notes": "Hallitus päätti"})
    downgrade_file(demo_path, _before_sharing())
    connection = sqlite3.connect(demo_path)
    try:
        # Before 0005 the built-in rows had random ids, different in every file.
        for (old,) in connection.execute("SELECT id FROM founding_step").fetchall():
            new = str(uuid.uuid4())
            connection.execute("UPDATE founding_step SET id = ? WHERE id = ?", (new, old))
            connection.execute("UPDATE history SET record_id = ? WHERE record_id = ?", (new, old))
        connection.commit()
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        step_ids = dict(connection.execute("SELECT key, id FROM founding_step"))
    finally:
        connection.close()
    assert "change" not in tables and "site" not in tables
    before = _rows(demo_path)
    assert len(before["history"]) >= 2

    with Store.open(demo_path) as store:
        mine = site.this_site(store)
    assert _rows(demo_path) == before
    connection = sqlite3.connect(demo_path)
    try:
        new_ids = dict(older_rows(connection.execute("SELECT key, id FROM founding_step")))
        history_ids = {
            as_older_text(r[0])
            for r in connection.execute(
                "SELECT record_id FROM history WHERE entity = 'founding_step'"
            )
        }
    finally:
        connection.close()
    # Built-in rows get the ids every file gives them; their history follows.
    assert new_ids == {key: stable_id("founding_step", key) for key in step_ids}
    assert history_ids == {stable_id("founding_step", step.key)}
    assert mine.uuid


def test_a_file_from_before_sites_can_send_and_receive(demo_path: Path, tmp_path: Path) -> None:
    from sharing_support import content

    from verkosto_desktop.data.exchange import bundle

    current = tmp_path / "nykyinen.verkosto"
    shutil.copy(demo_path, current)
    # The same network, in a file an older Verkosto left.
    downgrade_file(demo_path, _before_sharing())
    with Store.open(demo_path) as old, Store.open(current) as new:
        actor_id = actors.actor_names(old)[0][0]
        actors.update_actor(old, actor_id, {"notes": "Vanhasta tiedostosta"})
        person = contacts.add_contact(new, actor_id, {"name": "Uusi Henkilö"})
        for sender, receiver in ((old, new), (new, old), (old, new)):
            target = tmp_path / "siirto.verkostobundle"
            bundle.write_bundle(sender, target, "yhteinen salalause", full=True, cost=10)
            bundle.receive_bundle(receiver, target, "yhteinen salalause", backup=False)
        assert actors.get_actor(new, actor_id).notes == "Vanhasta tiedostosta"
        assert person.id in {c.id for c in actors.get_actor(old, actor_id).contacts}
        assert content(old) == content(new)
