"""The frozen program, built as `make dist` builds it, run as a user runs it.

Slow: the first test builds the Linux program (PyInstaller, then the archive and the .deb) unless
a build made from exactly the same inputs is already there (``freeze.build_key``: the sources,
the spec, the scripts, the Python and every installed package's version); CI starts from a clean
clone and always builds. On the Windows and macOS runners of the release workflow the program is
built by the workflow and named in ``VERKOSTO_FROZEN_PROGRAM``; the same tests then run on it,
less those about the Linux archive and package.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop import __version__
from verkosto_desktop.paths import PORTABLE_FOLDER

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NO_SOCKETS = Path(__file__).with_name("no_network_exec.py")
# What Qt's offscreen platform says about window features it does not have; nothing else may
# reach stderr.
OFFSCREEN_NOTICES = {
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
    "This plugin does not support setting window opacity",
    "This plugin does not support setParent!",
}
ARCHIVE_BUDGET_MB = 80
UNPACKED_BUDGET_MB = 200


@dataclass(frozen=True)
class Build:
    executable: Path
    folder: Path
    archive: Path | None
    deb: Path | None


@pytest.fixture(scope="module")
def build() -> Build:
    named = os.environ.get("VERKOSTO_FROZEN_PROGRAM")
    if named:
        executable = Path(named).resolve()
        folder = executable.parent
        if folder.parent.name == "Contents":  # macOS: the whole Verkosto.app
            folder = folder.parent.parent
        return Build(executable, folder, None, None)
    if not sys.platform.startswith("linux"):
        pytest.skip("builds here on Linux; elsewhere name the build in VERKOSTO_FROZEN_PROGRAM")
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build_linux
        import freeze
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    folder, archive, deb = build_linux.build(reuse=True)
    return Build(freeze.executable(), folder, archive, deb)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def run(
    build: Build, *args: str, home: Path, cwd: Path, guard: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the frozen program as a user's shell would: offscreen, in the user's language, with
    nothing from this test's Python around it; ``guard`` runs it under the kernel's ban on
    network sockets (any socket but AF_UNIX kills the process with SIGSYS)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VERKOSTO_", "QT_", "LD_", "XDG_"))
    }
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        VERKOSTO_HOME=str(home / "verkosto"),
        QT_QPA_PLATFORM="offscreen",
        VERKOSTO_LANG="fi",
    )
    command = [str(build.executable), *args]
    if guard:
        command = [sys.executable, str(NO_SOCKETS), *command]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout, check=False
    )


def run_offline(
    build: Build, *args: str, home: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """``run`` under the socket ban where the kernel has it (Linux)."""
    return run(build, *args, home=home, cwd=cwd, guard=sys.platform.startswith("linux"))


@pytest.fixture
def demo(build: Build, home: Path, tmp_path: Path) -> Path:
    path = tmp_path / "Esimerkkilä.verkosto"
    result = run(build, "demo", str(path), home=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return path


def test_version(build: Build, home: Path, tmp_path: Path) -> None:
    result = run(build, "--version", home=home, cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, f"verkosto {__version__}")


def test_the_demo_is_written_with_every_migration_and_found(
    build: Build, demo: Path, home: Path, tmp_path: Path
) -> None:
    connection = sqlite3.connect(demo)
    try:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        (actors,) = connection.execute("SELECT count(*) FROM actor").fetchone()
    finally:
        connection.close()
    assert revision == _head()
    assert actors == 40
    result = run(build, "find", "kylä", "--database", str(demo), home=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(row) == 7 for row in rows)
    assert "Kirkonkylän kyläyhdistys" in {row[1] for row in rows}


def _head() -> str:
    from verkosto_desktop.data.storage.migrate import head_revision

    return head_revision()


def _first_revision() -> str:
    from alembic.script import ScriptDirectory

    from verkosto_desktop.data.storage.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return next(rev.revision for rev in script.walk_revisions() if rev.down_revision is None)


def _revision(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return str(revision)


def test_an_older_file_is_backed_up_and_migrated_by_the_frozen_program(
    build: Build, demo: Path, home: Path, tmp_path: Path
) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from verkosto_desktop.data.storage.migrate import alembic_config

    first, head = _first_revision(), _head()
    if first == head:
        pytest.skip("only one schema revision exists: nothing to migrate from")
    # The file as the first version of the program left it, taken back by the source's scripts.
    engine = create_engine(f"sqlite:///{demo}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, first)
    engine.dispose()
    # A reading command reads it through an updated copy and leaves the file as it was.
    result = run(build, "find", "--database", str(demo), home=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 40
    assert _revision(demo) == first
    # A command that changes the file migrates it, after a backup.
    result = run(
        build, "site", "--database", str(demo), "--name", "Testikone", home=home, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert _revision(demo) == head
    backups = list((demo.parent / "backups" / demo.stem).glob("*.verkosto"))
    assert len(backups) == 1  # taken before the migration, at the old revision
    old = sqlite3.connect(backups[0])
    try:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
    finally:
        old.close()


def test_the_contact_list_embeds_the_bundled_font_under_the_socket_ban(
    build: Build, demo: Path, home: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "yhteystiedot.pdf"
    result = run_offline(
        build,
        "export",
        "contacts",
        "--database",
        str(demo),
        "--out",
        str(pdf),
        home=home,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(pdf)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values()), fonts  # every font embedded
    assert any(name.endswith("+DejaVuSans") for name in fonts), fonts
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Kirkonkylän kyläyhdistys" in text


def test_check_says_the_file_is_sound(build: Build, demo: Path, home: Path, tmp_path: Path) -> None:
    result = run(build, "check", "--database", str(demo), home=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def _unexpected_stderr(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and line not in OFFSCREEN_NOTICES]


def test_the_window_starts_shows_the_register_and_closes(
    build: Build, demo: Path, home: Path, tmp_path: Path
) -> None:
    result = run_offline(build, "--database", str(demo), "--self-test", home=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # In Finnish: the catalog was found inside the frozen program.
    expected = "Käynnistystarkistus onnistui: toimijarekisteri on näkyvissä. Toimijoita: 40"
    assert result.stdout.strip() == expected, result.stdout
    assert _unexpected_stderr(result.stderr) == []


def test_the_socket_ban_kills_a_program_that_opens_an_internet_socket(
    build: Build, demo: Path, home: Path, tmp_path: Path
) -> None:
    # The same ban, with the test's own interpreter opening an internet socket: killed.
    if not sys.platform.startswith("linux"):
        pytest.skip("the kernel's socket ban is Linux's seccomp")
    probe = subprocess.run(
        [sys.executable, str(NO_SOCKETS), sys.executable, "-c", "import socket; socket.socket()"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert probe.returncode == -31  # SIGSYS


def test_the_build_is_lean(build: Build) -> None:
    names = [p.relative_to(build.folder).as_posix() for p in build.folder.rglob("*")]
    forbidden = ("WebEngine", "Qt6Qml", "Qt6Quick", "QtQml", "QtQuick", "/qml/", "designer")
    assert [n for n in names if any(f in n for f in forbidden)] == []
    translations = sorted(Path(n).name for n in names if n.endswith(".qm"))
    assert translations == ["qtbase_fi.qm", "qtbase_sv.qm"]
    platforms = sorted(Path(n).name for n in names if "/plugins/platforms/" in n)
    assert set(platforms) <= {
        "libqxcb.so",
        "libqwayland.so",
        "libqoffscreen.so",
        "libqminimal.so",
        "qwindows.dll",
        "qoffscreen.dll",
        "qminimal.dll",
        "libqcocoa.dylib",
        "libqoffscreen.dylib",
        "libqminimal.dylib",
    }
    dialects = {n.split("/")[-1] for n in names if "sqlalchemy/dialects/" in n}
    assert not dialects & {"mysql", "mssql", "oracle"}
    unpacked = sum(p.lstat().st_size for p in build.folder.rglob("*") if not p.is_dir()) / 1e6
    assert unpacked <= UNPACKED_BUDGET_MB


def _unpacked_archive(build: Build, into: Path) -> Path:
    assert build.archive is not None
    with tarfile.open(build.archive) as tar:
        tar.extractall(into, filter="tar")
    (top,) = into.iterdir()
    return top


@pytest.fixture
def linux_build(build: Build) -> Iterator[Build]:
    if build.archive is None or build.deb is None:
        pytest.skip("the archive and the .deb are made on Linux")
    yield build


def test_the_archive_runs_portably_from_a_usb_stick(
    linux_build: Build, home: Path, tmp_path: Path
) -> None:
    assert linux_build.archive is not None
    assert linux_build.archive.stat().st_size / 1e6 <= ARCHIVE_BUDGET_MB
    stick = tmp_path / "USB"
    stick.mkdir()
    top = _unpacked_archive(linux_build, stick)
    assert top.name == f"verkosto-{__version__}-linux-x86_64"
    assert "verkosto-data" in (top / "README.txt").read_text(encoding="utf-8")
    # No symbolic links: a stick formatted FAT or exFAT could not hold them.
    with tarfile.open(linux_build.archive) as tar:
        assert [m.name for m in tar.getmembers() if m.issym() or m.islnk()] == []
    (top / PORTABLE_FOLDER).mkdir()
    program = Build(top / "verkosto", top, None, None)
    env_home = home / "untouched"
    env_home.mkdir()
    result = subprocess.run(
        [str(program.executable), "--demo", "--self-test"],
        capture_output=True,
        text=True,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(env_home),
            "QT_QPA_PLATFORM": "offscreen",
            "VERKOSTO_LANG": "fi",
        },
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = top / PORTABLE_FOLDER / "data"
    assert (data / "demo-esimerkkila.verkosto").exists()
    assert (top / PORTABLE_FOLDER / "settings" / "verkosto.ini").exists()
    assert list(env_home.rglob("*")) == []  # nothing written to the computer's home


def test_the_debian_package_installs_a_desktop_program(linux_build: Build, tmp_path: Path) -> None:
    deb = linux_build.deb
    assert deb is not None and deb.name == f"verkosto_{__version__}_amd64.deb"

    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == "verkosto" and field("Version") == __version__
    assert field("Architecture") == "amd64"
    depends = field("Depends")
    assert depends.startswith("libc6 (>= ") and "libcups2" in depends and "tzdata" in depends
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert " root/root " in listing and "./usr/bin/verkosto -> /opt/verkosto/verkosto" in listing
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    desktop = root / "usr/share/applications/verkosto.desktop"
    validated = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    entry = desktop.read_text(encoding="utf-8")
    assert "MimeType=application/x-verkosto;" in entry and "Icon=verkosto" in entry
    mime = (root / "usr/share/mime/packages/verkosto.xml").read_text(encoding="utf-8")
    assert 'type="application/x-verkosto"' in mime and 'pattern="*.verkosto"' in mime
    hicolor = root / "usr/share/icons/hicolor"
    for size in ("16x16", "32x32", "48x48", "256x256", "scalable"):
        assert any((hicolor / size / "apps").glob("verkosto.*")), size
    # The installed program runs from where the package put it.
    program = root / "opt/verkosto/verkosto"
    result = subprocess.run(
        [str(program), "--version"], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == f"verkosto {__version__}"
