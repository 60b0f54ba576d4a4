"""The Windows branches of the file lock and of the file-location warning, run on Linux.

``msvcrt`` and ``ctypes.windll`` exist only on Windows, so they are stood in for: ``msvcrt`` by a
byte-range lock table with Windows' semantics (a range locked by one descriptor refuses every
other, ``LK_NBLCK`` fails at once with ``OSError``), ``windll`` by a drive-type table. What runs
is the program's own Windows code: which byte it locks, how a refusal is told, how UNC paths and
mapped drives are recognised."""

from __future__ import annotations

import ctypes
import os
import sys
import types
from pathlib import Path

import pytest

from verkosto_desktop.data.storage import file_location, file_lock
from verkosto_desktop.data.storage.file_lock import FileInUse, FileLock
from verkosto_desktop.i18n import set_language


class WindowsLocks(types.ModuleType):
    """``msvcrt.locking`` over an in-memory table of (file, offset) -> descriptor."""

    LK_NBLCK = 2
    LK_UNLCK = 0

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        stat = os.fstat(fd)
        key = (stat.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        self.calls.append((key[1], nbytes))
        owner = self.held.get(key)
        if mode == self.LK_NBLCK:
            if owner is not None and owner != fd:
                raise PermissionError(13, "Permission denied")
            self.held[key] = fd


@pytest.fixture
def windows_locks(monkeypatch: pytest.MonkeyPatch) -> WindowsLocks:
    fake = WindowsLocks()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(file_lock.sys, "platform", "win32")
    return fake


def test_windows_locks_one_byte_past_the_holders_text(
    windows_locks: WindowsLocks, tmp_path: Path
) -> None:
    database = tmp_path / "verkosto.verkosto"
    first = FileLock(database)
    first.acquire()
    # Windows cannot read a locked range: the lock sits past the text naming the holder.
    assert windows_locks.calls == [(1 << 20, 1)]
    second = FileLock(database)
    with pytest.raises(FileInUse) as refused:
        second.acquire()
    assert refused.value.holder is not None
    assert refused.value.holder.pid == os.getpid()
    first.release()
    windows_locks.held.clear()  # the descriptor was closed: Windows drops its locks
    second.acquire()
    assert second.held
    second.release()


def test_lock_holder_is_read_through_the_windows_branch(
    windows_locks: WindowsLocks, tmp_path: Path
) -> None:
    database = tmp_path / "verkosto.verkosto"
    lock = FileLock(database)
    lock.acquire()
    holder = file_lock.lock_holder(database)
    assert holder is not None and holder.pid == os.getpid()
    lock.release()


class Kernel32:
    def __init__(self, types_by_root: dict[str, int]) -> None:
        self.types_by_root = types_by_root
        self.asked: list[str] = []

    def GetDriveTypeW(self, root: str) -> int:
        self.asked.append(root)
        return self.types_by_root.get(root, 3)  # DRIVE_FIXED


@pytest.fixture
def windows_drives(monkeypatch: pytest.MonkeyPatch) -> Kernel32:
    kernel32 = Kernel32({"N:\\": file_location.DRIVE_REMOTE})
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(file_location.sys, "platform", "win32")
    set_language("en")  # the suite's next test sets Finnish again
    return kernel32


def test_a_unc_path_is_a_network_drive(windows_drives: Kernel32) -> None:
    warning = file_location.location_warning(Path("\\\\palvelin\\yhteiset\\verkosto.verkosto"))
    assert warning is not None and "is on a network drive" in warning
    assert windows_drives.asked == []  # recognised from the path alone


def test_a_mapped_drive_letter_asks_windows(windows_drives: Kernel32) -> None:
    warning = file_location.location_warning(Path("N:\\Verkosto\\verkosto.verkosto"))
    assert warning is not None and "is on a network drive" in warning
    assert windows_drives.asked == ["N:\\"]
    assert file_location.location_warning(Path("C:\\Users\\me\\verkosto.verkosto")) is None
    assert windows_drives.asked == ["N:\\", "C:\\"]


def test_a_windows_onedrive_folder_is_seen_by_its_name(windows_drives: Kernel32) -> None:
    warning = file_location.location_warning(
        Path("C:\\Users\\me\\OneDrive - Kunta\\Verkosto\\verkosto.verkosto")
    )
    assert warning is not None and "cloud-synced folder (OneDrive - Kunta)" in warning
