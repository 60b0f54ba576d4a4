"""Faults while running, each really made in a worker process: a full disk (a file-size limit,
and a real full tmpfs where the machine allows mounts), a read-only medium (a real read-only
remount), no permission (an unprivileged user; root ignores permissions), and the file vanishing
(removed, or its folder gone as when a USB stick is pulled). Each time: a clear message, the
database unchanged, and the same write succeeds once the fault is gone."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reliability_harness import Worker, integrity, tally

from verkosto_desktop.data.storage.store import Store


def _names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in connection.execute("SELECT name FROM actor"))
    finally:
        connection.close()


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder an unprivileged user may enter (pytest's own temporary folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="verkosto-faults-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o777 if path.is_dir() else 0o666)
    shutil.rmtree(folder)


def test_disk_full_by_file_size_limit(demo_path: Path, worker: Callable[..., Worker]) -> None:
    store = worker("fault_store.py")
    assert store.ask(op="open", db=str(demo_path)) == {"ok": True}
    assert "ok" in store.ask(op="write", name="Ennen rajaa")
    before = _names(demo_path)
    sizes = [p.stat().st_size for p in demo_path.parent.glob(demo_path.name + "*")]
    store.ask(op="limit_file_size", size=max(sizes) + 16 * 1024)

    for _attempt in range(2):
        answer = store.ask(op="write", name="Iso kirjoitus", size=1_000_000)
        assert answer["reason"] == "disk_full", answer
        assert "levy on täynnä" in answer["failed"].lower()
        assert _names(demo_path) == before
        tally("faults tried: disk full (file-size limit)")

    store.ask(op="limit_file_size", size=None)
    assert "ok" in store.ask(op="write", name="Iso kirjoitus", size=1_000_000)
    store.ask(op="close")
    assert integrity(demo_path) == "ok"
    assert _names(demo_path) == sorted([*before, "Iso kirjoitus"])


def test_no_permission_while_running_and_at_open(
    shared_folder: Path, worker: Callable[..., Worker]
) -> None:
    database = shared_folder / "oikeudet.verkosto"
    with Store.open(database) as store:
        from verkosto_desktop.data.register import actors

        actors.create_actor(store, {"name": "Alkuperäinen"})
    database.chmod(0o666)
    store = worker("fault_store.py")
    if store.ask(op="drop_privileges")["uid"] == 0:
        pytest.skip("root ignores permissions and cannot become another user here")
    assert store.ask(op="open", db=str(database)) == {"ok": True}
    assert "ok" in store.ask(op="write", name="Ensimmäinen")
    before = _names(database)

    database.chmod(0o444)
    answer = store.ask(op="write", name="Toinen")
    assert answer["reason"] == "permission", answer
    assert "oikeutta" in answer["failed"]
    assert _names(database) == before
    tally("faults tried: permission denied while running")

    # A second program opening the file now is told, and may still read it.
    reader = worker("fault_store.py")
    reader.ask(op="drop_privileges")
    refused = reader.ask(op="open", db=str(database))
    assert refused["reason"] == "permission", refused
    assert reader.ask(op="open", db=str(database), readonly=True) == {"ok": True}
    assert reader.ask(op="count") == {"count": len(before)}
    tally("faults tried: permission denied at open")

    database.chmod(0o666)
    assert "ok" in store.ask(op="write", name="Toinen")
    store.ask(op="close")
    assert integrity(database) == "ok"
    assert _names(database) == sorted([*before, "Toinen"])


def test_read_only_folder_opens_read_only(
    shared_folder: Path, worker: Callable[..., Worker]
) -> None:
    folder = shared_folder / "kirjoitussuojattu"
    folder.mkdir()
    database = folder / "suojattu.verkosto"
    with Store.open(database) as store:
        from verkosto_desktop.data.register import actors

        actors.create_actor(store, {"name": "Luettava"})
    database.chmod(0o444)
    folder.chmod(
        stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH
    )
    reader = worker("fault_store.py")
    if reader.ask(op="drop_privileges")["uid"] == 0:
        pytest.skip("root ignores permissions and cannot become another user here")
    assert reader.ask(op="open", db=str(database))["reason"] == "permission"
    # No WAL index can be made in the folder; the file is read as it is.
    assert reader.ask(op="open", db=str(database), readonly=True) == {"ok": True}
    assert reader.ask(op="count") == {"count": 1}
    assert sorted(p.name for p in folder.iterdir()) == ["suojattu.verkosto"]
    tally("faults tried: read-only folder")


def test_file_removed_under_the_running_store(
    tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    database = tmp_path / "poistuva.verkosto"
    Store.open(database).close()
    store = worker("fault_store.py")
    store.ask(op="open", db=str(database))
    assert "ok" in store.ask(op="write", name="Ennen")
    database.unlink()

    for _attempt in range(2):
        answer = store.ask(op="write", name="Jälkeen")
        assert answer["reason"] == "vanished", answer
        assert "usb" in answer["failed"].lower()
        # Above all, no new empty database appears where the file was.
        assert not database.exists()
    tally("faults tried: file removed while open")


def test_usb_stick_pulled_and_put_back(tmp_path: Path, worker: Callable[..., Worker]) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    database = stick / "verkosto.verkosto"
    Store.open(database).close()
    store = worker("fault_store.py")
    store.ask(op="open", db=str(database))
    assert "ok" in store.ask(op="write", name="Ennen irrotusta")
    before = _names(database)

    pulled = tmp_path / "elsewhere"
    stick.rename(pulled)
    answer = store.ask(op="write", name="Irrotettuna")
    assert answer["reason"] == "vanished", answer
    assert not stick.exists()
    tally("faults tried: USB stick pulled")

    pulled.rename(stick)
    assert "ok" in store.ask(op="write", name="Irrotettuna")
    store.ask(op="close")
    assert integrity(database) == "ok"
    assert _names(database) == sorted([*before, "Irrotettuna"])


def test_file_replaced_by_another_is_not_written(
    tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    database = tmp_path / "vaihtuva.verkosto"
    Store.open(database).close()
    store = worker("fault_store.py")
    store.ask(op="open", db=str(database))
    other = tmp_path / "toinen.verkosto"
    shutil.copy(database, other)
    os.replace(other, database)
    answer = store.ask(op="write", name="Väärään tiedostoon")
    assert answer["reason"] == "vanished", answer
    assert _names(database) == []
    tally("faults tried: file replaced while open")


def _namespace_prefix() -> list[str] | None:
    """``unshare`` arguments giving a private mount namespace, or None where not allowed."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return None
    for prefix in (["unshare", "-m"], ["unshare", "-rm"]):
        probe = subprocess.run(
            [*prefix, "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
            capture_output=True,
            timeout=30,
        )
        if probe.returncode == 0:
            return prefix
    return None


def test_real_full_disk_and_read_only_medium(
    demo_path: Path, tmp_path: Path, worker: Callable[..., Worker]
) -> None:
    prefix = _namespace_prefix()
    if prefix is None:
        pytest.skip("this machine does not allow private mounts (unshare -m)")
    medium = tmp_path / "medium"
    medium.mkdir()
    database = medium / "demo.verkosto"
    size_kib = demo_path.stat().st_size // 1024 + 200
    store = worker("fault_store.py", prefix=prefix)
    assert (
        store.ask(
            op="mount", args=["-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(medium)]
        )["rc"]
        == 0
    )
    store.ask(op="copy", source=str(demo_path), target=str(database))
    assert store.ask(op="open", db=str(database)) == {"ok": True}
    before = store.ask(op="inspect", db=str(database))["names"]

    answer = store.ask(op="write", name="Liian iso", size=1_000_000)
    assert answer["reason"] == "disk_full", answer
    assert store.ask(op="inspect", db=str(database)) == {"integrity": "ok", "names": before}
    tally("faults tried: real full disk (tmpfs)")
    remount = f"remount,size={size_kib + 4000}k"
    assert store.ask(op="mount", args=["-o", remount, str(medium)])["rc"] == 0
    assert "ok" in store.ask(op="write", name="Liian iso", size=1_000_000)

    # A medium cannot be remounted read-only under open files, so the store closes first: the
    # medium is then write-protected (as a USB stick with its switch moved) and opened again.
    store.ask(op="close")
    assert store.ask(op="mount", args=["-o", "remount,ro", str(medium)])["rc"] == 0
    refused = store.ask(op="open", db=str(database))
    assert refused["reason"] == "read_only", refused
    assert "vain luku" in refused["refused"]
    assert store.ask(op="open", db=str(database), readonly=True) == {"ok": True}
    assert store.ask(op="write", name="Kirjoitussuojattu")["reason"] == "read_only"
    tally("faults tried: real read-only medium")
    store.ask(op="close")
    assert store.ask(op="mount", args=["-o", "remount,rw", str(medium)])["rc"] == 0
    assert store.ask(op="open", db=str(database)) == {"ok": True}
    assert "ok" in store.ask(op="write", name="Kirjoitussuojattu")
    after = store.ask(op="inspect", db=str(database))
    assert after == {
        "integrity": "ok",
        "names": sorted([*before, "Liian iso", "Kirjoitussuojattu"]),
    }
