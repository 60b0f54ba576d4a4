"""The first paint's plain read answers what the data layer answers for the register as it opens."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from verkosto_desktop.data.network.info import network_info
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.first_paint import read_first_paint
from verkosto_desktop.data.register.pages import first_page
from verkosto_desktop.data.register.search import ActorFilter, actor_rows
from verkosto_desktop.data.storage.store import Store


def test_the_first_rows_are_the_data_layers_first_page_of_the_demo(demo_path: Path) -> None:
    for descending in (False, True):
        with Store.open(demo_path) as store:
            page, count = first_page(store, ActorFilter(descending=descending), 20)
            expected = actor_rows(store, page.ids)
            info = network_info(store)
        paint = read_first_paint(demo_path, 20, descending=descending)
        assert paint is not None
        assert count > 20 and paint.more
        assert [r.id for r in paint.rows] == page.ids
        assert paint.rows == expected  # every value of every line, not only the order
        assert (paint.network_name, paint.stale_months) == (info.name, info.stale_after_months)


def test_a_whole_small_register_and_the_trash(tmp_path: Path) -> None:
    path = tmp_path / "pieni.verkosto"
    with Store.open(path) as store:
        for name in ("Örkin kerho", "Aapelin seura", "Ääneksen VPK", "Bertan kahvila"):
            actors.create_actor(store, {"name": name})
        gone = actors.create_actor(store, {"name": "Aaa poistettu"})
        actors.delete_actor(store, gone.id)
        page, count = first_page(store, ActorFilter(), 10)
    paint = read_first_paint(path, 10)
    assert paint is not None and not paint.more
    # Finnish order (Å, Ä, Ö last), without the actor in the trash.
    assert [r.name for r in paint.rows] == [
        "Aapelin seura",
        "Bertan kahvila",
        "Ääneksen VPK",
        "Örkin kerho",
    ]
    assert [r.id for r in paint.rows] == page.ids and count == 4


def test_a_file_to_migrate_or_not_ours_takes_the_normal_way(
    demo_path: Path, tmp_path: Path
) -> None:
    older = tmp_path / "vanha.verkosto"
    shutil.copy(demo_path, older)
    connection = sqlite3.connect(older)
    connection.execute("UPDATE alembic_version SET version_num = '0008'")
    connection.commit()
    connection.close()
    before = older.read_bytes()
    assert read_first_paint(older, 10) is None
    assert older.read_bytes() == before  # only read
    other = tmp_path / "muu.verkosto"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert read_first_paint(other, 10) is None
    assert read_first_paint(tmp_path / "ei ole.verkosto", 10) is None
    (tmp_path / "roska.verkosto").write_bytes(b"not a database at all" * 100)
    assert read_first_paint(tmp_path / "roska.verkosto", 10) is None
