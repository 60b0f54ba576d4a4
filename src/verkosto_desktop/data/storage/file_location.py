"""Is the database somewhere SQLite cannot keep it safe: a network share or a cloud-synced folder?

SQLite's WAL relies on shared memory and byte-range locks that network file systems do not
provide faithfully, and sync clients (Dropbox, OneDrive …) copy the database file and its WAL
separately, at different moments, which can leave a damaged or stale copy. Such a location gets a
warning; the file still opens.
"""

from __future__ import annotations

import ntpath
import sys
from pathlib import Path, PurePath, PureWindowsPath

from verkosto_desktop.i18n import _

NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "9p",
        "sshfs",
        "davfs",
        "webdav",
    }
)
# FUSE file systems name their driver after "fuse."; these reach over the network.
NETWORK_FUSE_DRIVERS = ("sshfs", "davfs", "rclone", "s3fs", "gcsfuse", "glusterfs", "gvfsd")
# Folder names sync clients create (compared case-insensitively, by prefix where marked).
CLOUD_FOLDER_PREFIXES = ("dropbox", "onedrive", "pcloud", "megasync", "nextcloud", "owncloud")
CLOUD_FOLDERS = frozenset(
    {
        "google drive",
        "googledrive",
        "my drive",
        "icloud drive",
        "iclouddrive",
        "mobile documents",
        "cloudstorage",
        "seafile",
        "tresorit",
        "yandex.disk",
        "jottacloud",
        "box sync",
    }
)


def _unescape(field: str) -> str:
    # /proc/mounts writes spaces, tabs and backslashes in paths as octal escapes.
    return (field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")).replace(
        "\\134", "\\"
    )


def mount_of(path: Path, mounts: str) -> tuple[str, str] | None:
    """(mount point, file system type) of the mount holding ``path``, from /proc/mounts text."""
    best: tuple[str, str] | None = None
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    return best


def is_network_file_system(fstype: str) -> bool:
    """True for file system types that live on another machine."""
    fstype = fstype.lower()
    if fstype in NETWORK_FILE_SYSTEMS:
        return True
    if fstype.startswith("fuse."):
        return any(fstype[5:].startswith(driver) for driver in NETWORK_FUSE_DRIVERS)
    return False


def cloud_folder(path: PurePath) -> str | None:
    """The name of the synced folder ``path`` is in, if it looks like one."""
    for part in path.parts:
        lowered = part.lower()
        if lowered in CLOUD_FOLDERS or lowered.startswith(CLOUD_FOLDER_PREFIXES):
            return part
    return None


DRIVE_REMOTE = 4  # what GetDriveTypeW answers for a mapped network drive


def _windows_network_drive(text: str) -> bool:
    """A UNC path (``\\\\server\\share\\…``) or a drive letter mapped to a network share."""
    if text.startswith(("\\\\", "//")):
        return True
    drive = ntpath.splitdrive(text)[0]
    if not drive:
        return False
    import ctypes

    # ctypes.windll exists on Windows only (the tests stand a fake in for it).
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)  # type: ignore[attr-defined]


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def location_warning(path: Path, mounts: str | None = None) -> str | None:
    """A warning when ``path`` is on a network share or in a cloud-synced folder, else None.

    ``mounts`` is the text of ``/proc/mounts`` (read from the system when not given).
    """
    on_network = False
    resolved: PurePath
    if sys.platform == "win32":
        # Judged by the drive the path names (a letter or a UNC share), with Windows' rules
        # for separators and drives, whatever system runs this code.
        text = str(path) if ntpath.isabs(str(path)) else str(path.absolute())
        on_network = _windows_network_drive(text)
        resolved = PureWindowsPath(text)
    else:
        resolved = path.resolve()
        found = mount_of(resolved, _read_mounts() if mounts is None else mounts)
        on_network = found is not None and is_network_file_system(found[1])
    if on_network:
        return _(
            "{path} is on a network drive. SQLite cannot keep a database safe there: two "
            "computers or a broken connection can damage it. Keep the file on this computer "
            "(or a USB stick) and share copies instead."
        ).format(path=path)
    folder = cloud_folder(resolved)
    if folder is not None:
        return _(
            "{path} is in a cloud-synced folder ({folder}). Syncing can copy the database half "
            "written and damage it, or bring back an older copy. Keep the file outside synced "
            "folders; the automatic backups protect it."
        ).format(path=path, folder=folder)
    return None
