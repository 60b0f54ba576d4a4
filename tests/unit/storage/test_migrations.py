from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text as sa_text

from old_files import downgrade_file, older_rows
from verkosto_desktop.data.models import Base
from verkosto_desktop.data.storage.migrate import head_revision
from verkosto_desktop.data.storage.schema_extras import include_object
from verkosto_desktop.data.storage.store import Store


def test_migrations_produce_exactly_the_models_schema(tmp_path: Path) -> None:
    with Store.open(tmp_path / "m.verkosto") as store, store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_file_is_at_the_head_revision_and_has_the_search_index(tmp_path: Path) -> None:
    path = tmp_path / "m.verkosto"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    try:
        assert (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == head_revision()
        )
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert {"search_index", "incident_log_no_update", "incident_log_no_delete"} <= names


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "m.verkosto"
    Store.open(path).close()
    calls: list[Path] = []
    Store.open(path, before_migration=calls.append).close()
    assert calls == []


def test_a_file_from_before_0002_gets_name_keys_in_its_search_documents(tmp_path: Path) -> None:
    from verkosto_desktop.data.register import actors
    from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids

    path = tmp_path / "old.verkosto"
    with Store.open(path) as store:
        ids = {
            name: actors.create_actor(store, {"name": name, "area": "Kylä"}).id
            for name in ("Öljymäen VPK", "Zeta-kerho", "Ähtärin seurakunta", "Aapiskukon kerho")
        }
    # The file as version 0001 wrote it: no name keys beside the documents.
    downgrade_file(path, "0001")
    connection = sqlite3.connect(path)
    try:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(search_doc)")}
    finally:
        connection.close()
    assert "name_key" not in columns

    migrated: list[Path] = []
    with Store.open(path, before_migration=migrated.append) as store:
        assert migrated == [path]
        found = search_actor_ids(store, ActorFilter(text="kylä"))
    order = ["Aapiskukon kerho", "Zeta-kerho", "Ähtärin seurakunta", "Öljymäen VPK"]
    assert found == [ids[name] for name in order]


def test_a_file_from_before_0006_keeps_its_premises_and_finds_their_heating(
    tmp_path: Path,
) -> None:
    from verkosto_desktop.data.register import actors, facilities
    from verkosto_desktop.data.register.premises import premises_rows
    from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids

    path = tmp_path / "old.verkosto"
    with Store.open(path) as store:
        hall = actors.create_actor(store, {"name": "Kylätalon yhdistys", "area": "Kylä"})
        facilities.add_facility(
            store,
            hall.id,
            {"name": "Kylätalo", "capacity": 80, "heating": "kaukolämpö", "backup_power": True},
        )
        school = actors.create_actor(store, {"name": "Koulun vanhemmat", "area": "Kylä"})
        facilities.add_facility(
            store,
            school.id,
            {"name": "Koulu", "heating": "maalämpö", "notes": "avain vahtimestarilla"},
        )
    downgrade_file(path, "0002")
    connection = sqlite3.connect(path)
    try:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(facility)")}
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        # The documents as 0002 wrote them: names and addresses of premises only.
        connection.execute(
            "UPDATE search_index SET body = replace(replace(replace(body, 'kaukolämpö', ''),"
            " 'maalämpö', ''), 'vahtimestarilla', '')"
        )
        connection.commit()
        found = connection.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH '\"kaukolämpö\"'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert "heating_without_mains" not in columns and "print_pack" not in tables
    assert found == 0

    migrated: list[Path] = []
    with Store.open(path, before_migration=migrated.append) as store:
        assert migrated == [path]
        assert search_actor_ids(store, ActorFilter(text="kaukolämpö")) == [hall.id]
        assert search_actor_ids(store, ActorFilter(text="vahtimestari")) == [school.id]
        rows = {row.name: row for row in premises_rows(store)}
    assert rows["Kylätalo"].capacity == 80 and rows["Kylätalo"].backup_power
    assert not rows["Kylätalo"].heating_without_mains and rows["Kylätalo"].fuel_hours is None


def test_a_file_from_before_0007_gets_its_search_documents_in_name_order(tmp_path: Path) -> None:
    from verkosto_desktop.data.register import actors
    from verkosto_desktop.data.register.pages import actor_id_page
    from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids

    path = tmp_path / "old.verkosto"
    names = ["Öljymäen VPK", "Zeta-kerho", "Ähtärin seurakunta", "Aapiskukon kerho", "Kylä ry"]
    with Store.open(path) as store:
        ids = {
            name: actors.create_actor(store, {"name": name, "area": "Kylä"}).id for name in names
        }
    downgrade_file(path, "0008")
    # Documents numbered as 0003 left them: in the order the actors were added.
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE search_doc SET doc_id = -doc_id")
        for n, name in enumerate(names, start=1):
            connection.execute(
                "UPDATE search_doc SET doc_id = ? WHERE actor_id = ?", (n, ids[name])
            )
        connection.execute("DELETE FROM search_index")
        connection.execute(
            "INSERT INTO search_index (rowid, body) SELECT d.doc_id, a.name || ' ' || a.area "
            "FROM search_doc d JOIN actor a ON a.id = d.actor_id"
        )
        connection.commit()
    finally:
        connection.close()

    migrated: list[Path] = []
    with Store.open(path, before_migration=migrated.append) as store:
        assert migrated == [path]
        in_order = ["Aapiskukon kerho", "Kylä ry", "Zeta-kerho", "Ähtärin seurakunta"]
        in_order.append("Öljymäen VPK")
        assert search_actor_ids(store, ActorFilter(text="kylä")) == [ids[n] for n in in_order]
        first = actor_id_page(store, ActorFilter(text="kylä"), None, 2)
        assert first.ids == [ids[n] for n in in_order[:2]]
        rest = actor_id_page(store, ActorFilter(text="kylä"), first.more, 10)
        assert rest.ids == [ids[n] for n in in_order[2:]] and rest.more is None
        with store.read() as session:
            kept = session.execute(sa_text("SELECT count(*) FROM search_doc")).scalar()
    assert kept == len(names)


_LINK_TABLES = ("capability_phase", "capability_situation")


def _by_capability_id(connection: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """A link table's rows as (capability id, element), whichever key the file's rows carry
    (the capability's link key from migration 0015 on)."""
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    if "capability_id" in columns:
        rows = connection.execute(f"SELECT * FROM {table}").fetchall()
    else:
        rows = connection.execute(
            f"SELECT c.id, t.{columns[1]} FROM {table} t "
            "JOIN capability c ON c.link_key = t.capability_key"
        ).fetchall()
    # (The ids as text, whichever form the file keeps them in.)
    return sorted(older_rows(rows))  # type: ignore[arg-type]


def _links(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]], set[str]]:
    connection = sqlite3.connect(path)
    try:
        phases, situations = (_by_capability_id(connection, t) for t in _LINK_TABLES)
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        for table in ("capability_phase", "capability_situation"):
            sql = connection.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
            ).fetchone()[0]
            if "WITHOUT ROWID" in sql:
                names.add(f"{table} without rowid")
    finally:
        connection.close()
    return phases, situations, names


def test_0009_keeps_every_capability_link_both_ways_and_counts_the_coverage(
    demo_path: Path,
) -> None:
    from verkosto_desktop.data.dashboard.coverage import count_coverage

    phases, situations, names = _links(demo_path)
    assert len(phases) > 100 and len(situations) > 100
    assert {"coverage_cell", "capability_phase without rowid"} <= names
    assert "ix_capability_phase_phase" not in names

    downgrade_file(demo_path, "0007")
    old_phases, old_situations, old_names = _links(demo_path)
    assert (old_phases, old_situations) == (phases, situations)
    assert "coverage_cell" not in old_names and "ix_capability_phase_phase" in old_names
    assert not any(name.endswith("without rowid") for name in old_names)
    assert not any(name.startswith("coverage_") for name in old_names)  # no trigger left
    # An older program edits the file: the coverage is counted afresh when it comes back.
    connection = sqlite3.connect(demo_path)
    try:
        with connection:
            connection.execute("DELETE FROM capability_phase WHERE phase = 'recovery'")
    finally:
        connection.close()

    migrated: list[Path] = []
    with Store.open(demo_path, before_migration=migrated.append) as store:
        assert migrated == [demo_path]
        with store.read() as session:
            counted = count_coverage(session)
    new_phases, new_situations, new_names = _links(demo_path)
    assert new_phases == [row for row in phases if row[1] != "recovery"]
    assert new_situations == situations
    assert "capability_situation without rowid" in new_names
    connection = sqlite3.connect(demo_path)
    try:
        kept = {
            (k, s, p): (a, n) for k, s, p, a, n in connection.execute("SELECT * FROM coverage_cell")
        }
    finally:
        connection.close()
    assert kept == counted and not any(p == "recovery" for _k, _s, p in kept)


_REBUILDING = """
import sqlalchemy as sa
from alembic import op

revision = "9998_rebuild"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # What Alembic does on SQLite for most changes of a table: copy, drop, rename.
    for table in ("actor", "capability", "capability_phase"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("later", sa.Integer(), nullable=True))
"""


def test_a_later_migration_may_rebuild_the_tables_the_coverage_watches(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from verkosto_desktop.data.dashboard.coverage import count_coverage
    from verkosto_desktop.data.register import capabilities
    from verkosto_desktop.data.storage import migrate

    def triggers() -> set[str]:
        connection = sqlite3.connect(demo_path)
        try:
            return {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                    "AND name LIKE 'coverage_%'"
                )
            }
        finally:
            connection.close()

    before = triggers()
    assert len(before) > 10
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    (scripts / "versions" / "9998_rebuild.py").write_text(
        _REBUILDING.replace("{head}", migrate.head_revision()), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    with Store.open(demo_path) as store:
        assert triggers() == before
        with store.read() as session:
            offer = session.execute(
                sa_text("SELECT id FROM capability WHERE deleted_at IS NULL LIMIT 1")
            ).scalar_one()
        capabilities.delete_capability(store, offer)
        with store.read() as session:
            counted = count_coverage(session)
            kept = {
                (k, s, p): (a, n)
                for k, s, p, a, n in session.execute(
                    sa_text("SELECT * FROM coverage_cell WHERE actors != 0 OR capabilities != 0")
                )
            }
    assert kept == counted


def test_a_file_from_before_0003_lets_an_erasure_through_the_log_and_nothing_else(
    tmp_path: Path,
) -> None:
    import pytest

    from verkosto_desktop.data.incident import log
    from verkosto_desktop.data.incident.incidents import start_incident

    path = tmp_path / "old.verkosto"
    with Store.open(path) as store:
        incident = start_incident(store, {"title": "Myrsky", "situations": ["storm"]})
        log.add_entry(store, incident.id, {"kind": "observation", "text": "Tuuli yltyy"})
    downgrade_file(path, "0005")
    connection = sqlite3.connect(path)
    try:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(incident_log_entry)")}
        with pytest.raises(sqlite3.IntegrityError):  # before 0003 every change is refused
            connection.execute("UPDATE incident_log_entry SET text = 'x'")
    finally:
        connection.close()
    assert "erased_at" not in columns
    Store.open(path).close()
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE incident_log_entry SET text = 'muutettu'")
        with pytest.raises(sqlite3.IntegrityError):  # nor may an erasure move anything else
            connection.execute(
                "UPDATE incident_log_entry SET kind = 'decision', "
                "erased_at = '2026-01-01T00:00:00.000000Z'"
            )
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("DELETE FROM incident_log_entry")
        connection.execute(
            "UPDATE incident_log_entry SET text = '[poistettu]', "
            "erased_at = '2026-01-01T00:00:00.000000Z' WHERE text = 'Tuuli yltyy'"
        )
        connection.commit()
        texts = [r[0] for r in connection.execute("SELECT text FROM incident_log_entry")]
    finally:
        connection.close()
    assert "[poistettu]" in texts and "Tuuli yltyy" not in texts


def _indexes(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(path)
    try:
        return dict(
            connection.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name IN ('actor', 'contact', 'capability') AND sql IS NOT NULL"
            ).fetchall()
        )
    finally:
        connection.close()


_HEALTH_INDEXES = ("ix_contact_actor_health", "ix_capability_actor_live", "ix_actor_live_area")


def _bytes_of(path: Path, names: tuple[str, ...]) -> int:
    connection = sqlite3.connect(path)
    try:
        marks = ",".join("?" * len(names))
        query = f"SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ({marks})"
        return int(connection.execute(query, names).fetchone()[0])
    finally:
        connection.close()


def test_0011_gives_a_file_from_before_it_the_health_indexes(demo_path: Path) -> None:
    from verkosto_desktop.data.dashboard.readiness import read_readiness

    with Store.open(demo_path) as store:
        before = read_readiness(store)
    new = set(_HEALTH_INDEXES)
    old = {"ix_contact_actor_id", "ix_capability_actor_id"}
    assert new <= set(_indexes(demo_path)) and not old & set(_indexes(demo_path))

    downgrade_file(demo_path, "0014")
    assert old <= set(_indexes(demo_path)) and not new & set(_indexes(demo_path))
    migrated: list[Path] = []
    with Store.open(demo_path, before_migration=migrated.append) as store:
        after = read_readiness(store, before.computed_at)
    assert migrated == [demo_path]
    assert new <= set(_indexes(demo_path)) and not old & set(_indexes(demo_path))
    assert after.health == before.health and after.premises == before.premises
    assert after.coverage == before.coverage


def _index_state(path: Path) -> tuple[dict[str, int], list[tuple[str, int, int]], list[int]]:
    """Rows of every register table, the index's words (word, document, position) and the
    documents a few searches find, read with plain SQL."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
                "AND name NOT LIKE 'search_index%' AND name <> 'search_body'"
            )
        ]
        counts = {
            t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
        }
        connection.execute(
            "CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, search_index, instance)"
        )
        words = sorted(connection.execute("SELECT term, doc, offset FROM temp.words"))
        found = [
            doc
            for match in ('"kyla"*', '"040"*', '"martat"*', '"ensiapu" AND "ky"*')
            for (doc,) in connection.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid", (match,)
            )
        ]
    finally:
        connection.close()
    return counts, words, found


def test_a_file_from_before_0012_keeps_its_words_without_the_copy_of_its_texts(
    tmp_path: Path,
) -> None:
    from verkosto_desktop.data.demo import write_large_demo
    from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids

    path = tmp_path / "old.verkosto"
    with Store.open(path) as store:
        write_large_demo(store, actors=300)
        found_before = search_actor_ids(store, ActorFilter(text="ensiapu"))
    downgrade_file(path, "0009")
    connection = sqlite3.connect(path)
    connection.execute("VACUUM")  # the file as 0009 left it, with no free pages
    connection.close()
    size_before = path.stat().st_size
    replaced = _bytes_of(path, ("ix_contact_actor_id", "ix_capability_actor_id"))
    before = _index_state(path)
    assert before[1] and before[2], "the demo has words and finds actors"

    with Store.open(path) as store:
        assert search_actor_ids(store, ActorFilter(text="ensiapu")) == found_before
    connection = sqlite3.connect(path)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        kept = connection.execute("SELECT count(*) FROM search_body").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
    finally:
        connection.close()
    assert "search_index_content" not in tables and kept == before[0]["search_doc"]
    # The upgrade vacuumed the file: it gave the pages of the texts' copy back to the disk
    # (beside them, migration 0011's indexes for the dashboard's health counts came, and
    # 0016's index of a network's actors).
    added = _bytes_of(path, (*_HEALTH_INDEXES, "ix_actor_network_name")) - replaced
    assert free == 0 and path.stat().st_size - added < 0.95 * size_before
    # The words as one index held them until 0024 gave the phone numbers an index of their own.
    downgrade_file(path, "0022_capability_summary")
    after = _index_state(path)
    # Opening the file made it a site of its own (a copied file is a new site): not 0012's.
    for name in ("site", "clock_vector"):
        after[0].pop(name), before[0].pop(name)
    assert after == before

    downgrade_file(path, "0009")
    again = _index_state(path)
    for name in ("site", "clock_vector"):
        again[0].pop(name)
    assert again == before
    connection = sqlite3.connect(path)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        texts = connection.execute("SELECT count(*) FROM search_index WHERE body <> ''").fetchone()
    finally:
        connection.close()
    assert "search_body" not in tables and texts[0] == before[0]["search_doc"]


def test_a_file_from_before_0015_keeps_every_link_under_the_capabilities_keys(
    demo_path: Path,
) -> None:
    from verkosto_desktop.data.dashboard.coverage import count_coverage
    from verkosto_desktop.data.models.types import link_key

    phases, situations, _names = _links(demo_path)
    downgrade_file(demo_path, "0011")
    connection = sqlite3.connect(demo_path)
    try:
        old = [row[1] for row in connection.execute("PRAGMA table_info(capability_situation)")]
        # An older program adds a link: it comes along.
        (capability_id,) = connection.execute("SELECT min(id) FROM capability").fetchone()
        with connection:
            connection.execute(
                "INSERT OR IGNORE INTO capability_phase VALUES (?, 'recovery')", (capability_id,)
            )
    finally:
        connection.close()
    assert old == ["capability_id", "situation_key"]
    old_phases, old_situations, _old_names = _links(demo_path)
    assert old_situations == situations and set(phases) <= set(old_phases)

    with Store.open(demo_path) as store, store.read() as session:
        counted = count_coverage(session)
    connection = sqlite3.connect(demo_path)
    try:
        keys = older_rows(connection.execute("SELECT id, link_key FROM capability").fetchall())
        kept = {
            (k, s, p): (a, n) for k, s, p, a, n in connection.execute("SELECT * FROM coverage_cell")
        }
        columns = [row[1] for row in connection.execute("PRAGMA table_info(capability_phase)")]
    finally:
        connection.close()
    assert columns == ["capability_key", "phase"]
    assert keys and all(key == link_key(record_id) for record_id, key in keys)
    assert _links(demo_path)[:2] == (old_phases, old_situations)
    assert kept == counted
