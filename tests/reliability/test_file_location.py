"""A file on a network share or in a cloud-synced folder gets a warning (SQLite's WAL is not
safe there); a local file does not. The command line's check says it too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from verkosto_desktop.data.storage.file_location import location_warning
from verkosto_desktop.data.storage.store import Store

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
palvelin:/koti /mnt/yhteinen nfs4 rw,relatime 0 0
//nas/jako /media/nas\\040levy cifs rw 0 0
kayttaja@kone:/data /mnt/etä fuse.sshfs rw 0 0
/dev/sdb1 /media/usb vfat rw 0 0
"""


def test_network_file_systems_are_warned_about() -> None:
    for path in (
        "/mnt/yhteinen/verkosto.verkosto",
        "/media/nas levy/a.verkosto",
        "/mnt/etä/x.verkosto",
    ):
        warning = location_warning(Path(path), mounts=MOUNTS)
        assert warning is not None and "verkkolevyllä" in warning, path
    for path in ("/media/usb/verkosto.verkosto", "/home/koordinaattori/verkosto.verkosto"):
        assert location_warning(Path(path), mounts=MOUNTS) is None, path


def test_cloud_synced_folders_are_warned_about(tmp_path: Path) -> None:
    for folder in ("Dropbox", "OneDrive - Esimerkkilän kunta", "Google Drive", "Nextcloud"):
        warning = location_warning(tmp_path / folder / "verkosto.verkosto", mounts="")
        assert warning is not None and "pilveen" in warning and folder in warning
    assert location_warning(tmp_path / "Asiakirjat" / "verkosto.verkosto", mounts="") is None


def test_this_machines_temporary_folder_is_fine(tmp_path: Path) -> None:
    assert location_warning(tmp_path / "verkosto.verkosto") is None


def test_check_warns_on_stderr_and_still_checks(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    database = synced / "verkosto.verkosto"
    Store.open(database).close()
    result = subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", "check", "--database", str(database)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == "ok"
    assert "pilveen" in result.stderr
