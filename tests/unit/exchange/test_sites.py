"""A site is bound to one file on one machine: a copy becomes a new site on its first open."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from verkosto_desktop.data.errors import ValidationError
from verkosto_desktop.data.exchange import site
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store


def test_a_new_file_gets_a_site_that_stays_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "a.verkosto"
    with Store.open(path) as store:
        first = site.this_site(store)
    with Store.open(path) as store:
        assert site.this_site(store).uuid == first.uuid
        assert site.peers(store) == []


def test_a_copy_is_a_new_site_that_knows_everything_of_the_original(tmp_path: Path) -> None:
    original = tmp_path / "a.verkosto"
    with Store.open(original) as store:
        actor = actors.create_actor(store, {"name": "Martat"})
        actors.update_actor(store, actor.id, {"area": "Kylä"})
        source = site.this_site(store)
    copy = tmp_path / "b.verkosto"
    shutil.copy(original, copy)
    with Store.open(copy) as store:
        mine = site.this_site(store)
        (peer,) = site.peers(store)
    assert mine.uuid != source.uuid
    assert peer.uuid == source.uuid and peer.clock == source.clock > 0
    # The original keeps its own site.
    with Store.open(original) as store:
        assert site.this_site(store).uuid == source.uuid


def test_a_file_moved_in_place_by_a_copy_over_another_path_is_new(tmp_path: Path) -> None:
    path = tmp_path / "a.verkosto"
    with Store.open(path) as store:
        before = site.this_site(store).uuid
    moved = tmp_path / "sub"
    moved.mkdir()
    shutil.move(path, moved / "a.verkosto")
    with Store.open(moved / "a.verkosto") as store:
        assert site.this_site(store).uuid != before


def test_a_read_only_open_does_not_make_a_site(tmp_path: Path) -> None:
    path = tmp_path / "a.verkosto"
    Store.open(path).close()
    copy = tmp_path / "b.verkosto"
    shutil.copy(path, copy)
    with Store.open(copy, readonly=True) as store:
        assert site.peers(store) == []


def test_renaming_the_site(store: Store) -> None:
    info = site.rename(store, "  SPR Esimerkkilän osasto,   Liisan kone ")
    assert info.name == "SPR Esimerkkilän osasto, Liisan kone"
    assert site.this_site(store).name == info.name
    with pytest.raises(ValidationError):
        site.rename(store, "   ")


def test_a_restored_backup_is_a_new_site(tmp_path: Path) -> None:
    from verkosto_desktop.data.storage import backups, restore

    path = tmp_path / "a.verkosto"
    with Store.open(path) as store:
        actors.create_actor(store, {"name": "Martat"})
        before = site.this_site(store)
        backup = backups.make_backup(path, "manual")
        restore.restore_into(store, backup.path)
        after = site.this_site(store)
        known = {p.uuid for p in site.peers(store)}
    assert after.uuid != before.uuid
    assert before.uuid in known
