"""Odd but possible data and files, each made for real: a file edited with plain SQL to hold what
the program would refuse, a zero-byte file, an older file, a device node and a FIFO, a full disk
(``RLIMIT_FSIZE`` in the child process) and a loose umask. Every command runs as a real process,
so what reaches the terminal is the bytes a terminal would get."""

from __future__ import annotations

import hashlib
import os
import resource
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from reliability_harness import tally

from old_files import downgrade_file
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.export.template.safe_text import missing_glyphs

LONG_NAME = ("Esimerkkilän kyläyhdistyksen pitkä nimi " * 80)[:3000]
NASTY_NAME = "Bad\x00Name\x07 \x1b]0;pwned\x07\x1b[31mRed\x9b2J \u202eevil\u202c"
# What must never reach a terminal, a CSV file or a vCard (UTF-8 bytes).
FORBIDDEN = [b"\x00", b"\x07", b"\x1b", "\x9b".encode(), "\u202e".encode(), "\u202c".encode()]


def run(
    *args: str, umask: int | None = None, file_size: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``verkosto ARGS`` in a child process (Finnish), optionally under a umask or a file-size
    limit (a full disk), returning the raw bytes it printed."""

    def limits() -> None:
        if umask is not None:
            os.umask(umask)
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    env = {**os.environ, "VERKOSTO_LANG": "fi"}
    return subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", *args],
        capture_output=True,
        timeout=180,
        env=env,
        preexec_fn=limits,
    )


def sql(path: Path, statement: str, *params: object) -> None:
    """A hand edit: plain SQL past every check of the program."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(statement, params)
    connection.close()


def fingerprint(path: Path) -> tuple[str, int, list[str]]:
    """The file's bytes, its modification time and what lies beside it."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_mtime_ns,
        sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)),
    )


def test_a_3000_character_name_prints_and_the_whole_pack_is_written(
    demo_path: Path, tmp_path: Path
) -> None:
    sql(demo_path, "UPDATE actor SET name = ? WHERE kind = 'company'", LONG_NAME)
    out = tmp_path / "lista.pdf"
    result = run("export", "contacts", "--database", str(demo_path), "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert len(PdfReader(out).pages) > 1
    pack = tmp_path / "usb"
    pack.mkdir()
    result = run("export", "pack", "--database", str(demo_path), "--out", str(pack))
    assert result.returncode == 0, result.stderr.decode()
    (folder,) = pack.iterdir()
    written = list(folder.iterdir())
    assert len(written) >= 15 and all(p.stat().st_size > 0 for p in written)
    tally("hostile data: 3,000-character name printed (contact list and whole pack)")


def test_control_characters_never_reach_the_terminal_a_csv_or_a_vcard(
    demo_path: Path, tmp_path: Path
) -> None:
    sql(demo_path, "UPDATE actor SET name = ? WHERE kind = 'parish'", NASTY_NAME)
    sql(demo_path, "UPDATE contact SET name = ?, role = ?", NASTY_NAME, "\x1b[2J")
    # The search index is rebuilt the way an older version would have left it: with the name.
    with Store.open(demo_path) as store, store.write() as session:
        from verkosto_desktop.data.register.search_index import rebuild

        rebuild(session)
    outputs = {}
    for form in ("tsv", "json"):
        result = run("find", "Bad", "--database", str(demo_path), "--format", form)
        assert result.returncode == 0, result.stderr.decode()
        assert b"Name" in result.stdout
        outputs[form] = result.stdout
    for kind, suffix in (("csv", ".csv"), ("vcard", ".vcf")):
        out = tmp_path / f"rekisteri{suffix}"
        result = run("export", kind, "--database", str(demo_path), "--out", str(out))
        assert result.returncode == 0, result.stderr.decode()
        outputs[kind] = out.read_bytes()
        assert b"Name" in outputs[kind]
    for what, data in outputs.items():
        assert [b for b in FORBIDDEN if b in data] == [], what
        assert "\ufffd".encode() in data, what  # shown as a visible replacement
    tally("hostile data: control characters kept from terminal, CSV and vCard")


def test_text_that_is_not_utf8_reads_as_replacement_characters(
    demo_path: Path, tmp_path: Path
) -> None:
    sql(demo_path, "UPDATE actor SET name = CAST(x'4b796cc3a4ff41' AS TEXT) WHERE kind = 'parish'")
    result = run("find", "--database", str(demo_path))
    assert result.returncode == 0, result.stderr.decode()
    assert "Kylä\ufffdA".encode() in result.stdout
    out = tmp_path / "lista.pdf"
    result = run("export", "contacts", "--database", str(demo_path), "--out", str(out))
    assert result.returncode == 0 and "Kylä\ufffdA" in "".join(
        p.extract_text() for p in PdfReader(out).pages
    )
    tally("hostile data: invalid UTF-8 read as replacement characters")


READING = [
    ("find",),
    ("incidents",),
    ("export", "contacts", "--out", "{tmp}/x.pdf"),
    ("export", "pack", "--out", "{tmp}"),
    ("person", "Aino"),
]


def test_reading_commands_report_a_zero_byte_file_as_empty_and_leave_it_so(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "tyhja.verkosto"
    empty.touch()
    for command in [*READING, ("check",)]:
        args = [part.format(tmp=tmp_path) for part in command]
        result = run(*args, "--database", str(empty))
        assert result.returncode == 1, (command, result.stdout)
        assert "tyhjä" in result.stderr.decode(), (command, result.stderr.decode())
        assert empty.stat().st_size == 0
        assert sorted(p.name for p in tmp_path.iterdir()) == ["tyhja.verkosto"], command
        tally("hostile data: zero-byte file left empty by a reading command")


def test_reading_commands_never_change_a_file(demo_path: Path, tmp_path: Path) -> None:
    before = fingerprint(demo_path)
    out = tmp_path / "out"
    out.mkdir()
    for command in READING:
        args = [part.format(tmp=out) for part in command]
        result = run(*args, "--database", str(demo_path))
        assert result.returncode == 0, (command, result.stderr.decode())
        assert fingerprint(demo_path) == before, command
        tally("hostile data: reading commands left the file as it was")


def test_an_older_file_is_read_through_a_copy_and_left_as_it_was(demo_path: Path) -> None:
    downgrade_file(demo_path, "0005")  # the file as the version before this one left it
    before = fingerprint(demo_path)
    result = run("find", "martta", "--database", str(demo_path))
    assert result.returncode == 0, result.stderr.decode()
    assert b"Martta" in result.stdout
    assert fingerprint(demo_path) == before
    tally("hostile data: older file read without migrating it")


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    """A FIFO, a folder, a character device (``mknod``, root only) and links to them."""
    folder = tmp_path / "erikoiset"
    folder.mkdir()
    made = {"fifo": folder / "putki", "folder": folder / "kansio"}
    os.mkfifo(made["fifo"])
    made["folder"].mkdir()
    try:
        os.mknod(folder / "laite", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
        made["device"] = folder / "laite"
    except PermissionError:
        pass  # not root: the device case is skipped below, the others still run
    for name, target in list(made.items()):
        link = folder / f"linkki-{name}"
        link.symlink_to(target)
        made[f"link to {name}"] = link
    return made


def test_exports_refuse_a_device_a_fifo_a_folder_and_links_to_them(
    demo_path: Path, specials: dict[str, Path]
) -> None:
    if "device" not in specials:
        pytest.skip("mknod needs root (CI runs as root); FIFO and folder cases run elsewhere")
    for name, target in specials.items():
        kind = stat.S_IFMT(target.stat().st_mode)
        what = "contacts" if "device" in name else "csv"  # a PDF and a text file, both refused
        result = run("export", what, "--database", str(demo_path), "--out", str(target))
        assert result.returncode == 1, (name, what)
        assert str(target.name).encode() in result.stderr, result.stderr.decode()
        assert stat.S_IFMT(target.stat().st_mode) == kind, name
        tally(f"hostile data: export refused onto a {name}")
    leftovers = [p.name for p in specials["fifo"].parent.iterdir() if p.name.endswith(".part")]
    assert leftovers == []


def test_fifo_and_folder_targets_are_refused_without_root(
    demo_path: Path, specials: dict[str, Path]
) -> None:
    for name in ("fifo", "folder", "link to fifo"):
        target = specials[name]
        result = run("export", "vcard", "--database", str(demo_path), "--out", str(target))
        assert result.returncode == 1, name
        assert not target.is_file()


def test_a_bundle_is_refused_onto_a_device_a_fifo_a_folder_and_links_to_them(
    demo_path: Path, specials: dict[str, Path], tmp_path: Path
) -> None:
    passphrase = tmp_path / "tunnuslause.txt"
    passphrase.write_text("pitkä yhteinen tunnuslause\n", encoding="utf-8")
    for name, target in specials.items():
        kind = stat.S_IFMT(target.stat().st_mode)
        result = run(
            "bundle", "--database", str(demo_path), "--out", str(target), "--full",
            "--passphrase-file", str(passphrase),
        )  # fmt: skip
        assert result.returncode == 1, name
        assert str(target.name).encode() in result.stderr, result.stderr.decode()
        assert stat.S_IFMT(target.stat().st_mode) == kind, name
        tally(f"hostile data: bundle refused onto a {name}")
    assert [p.name for p in specials["fifo"].parent.iterdir() if "partial" in p.name] == []


@pytest.fixture(scope="module")
def pack_sizes(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, int], int]:
    """The sizes of the demo's pack files on a roomy disk, and a file-size limit between them:
    above the 32 KiB SQLite needs beside a file to read it and the index page, below the
    contact list."""
    roomy = tmp_path_factory.mktemp("tila")
    assert (
        run("export", "pack", "--database", str(demo_template), "--out", str(roomy)).returncode == 0
    )
    (pack,) = roomy.iterdir()
    sizes = {p.name: p.stat().st_size for p in pack.iterdir()}
    contact_list = next(size for name, size in sizes.items() if "yhteystietolista" in name)
    index = next(size for name, size in sizes.items() if name.startswith("01_"))
    # Room for the index page (it lists what is missing), not for the contact list.
    limit = max(40 * 1024, index + 4096, (contact_list + min(sizes.values())) // 2)
    assert contact_list > limit
    return sizes, limit


def test_a_full_disk_names_the_file_being_written(
    demo_path: Path, tmp_path: Path, pack_sizes: tuple[dict[str, int], int]
) -> None:
    _sizes, limit = pack_sizes

    out = tmp_path / "lista.pdf"
    # No room even to read the database (the case: it said "cannot read the file"),
    # and room to read it but not to write the whole list.
    for room in (16 * 1024, limit):
        result = run(
            "export", "contacts", "--database", str(demo_path), "--out", str(out), file_size=room
        )
        message = result.stderr.decode()
        assert result.returncode == 1
        assert "levy on täynnä" in message.lower() and "lista.pdf" in message, message
        assert "lukea" not in message  # not reported as an error reading the database
        assert not out.exists() and not list(tmp_path.glob(".lista.pdf*"))
    tally("hostile data: full disk (RLIMIT_FSIZE) named the file being written")


def test_the_print_pack_writes_what_it_can_and_lists_what_failed(
    demo_path: Path, tmp_path: Path, pack_sizes: tuple[dict[str, int], int]
) -> None:
    """A disk with room for the small documents only: the pack is written without the large
    ones, its index page and the command name each one left out and why."""
    sizes, limit = pack_sizes

    usb = tmp_path / "usb"
    usb.mkdir()
    result = run("export", "pack", "--database", str(demo_path), "--out", str(usb), file_size=limit)
    message = result.stderr.decode()
    assert result.returncode == 1
    assert "yhteystietolista" in message.lower() and "täynnä" in message, message
    (pack,) = usb.iterdir()
    written = {p.name for p in pack.iterdir()}
    # Each document as on the roomy disk: the small ones written, the large ones named (the
    # combined PDF and the index page hold only what was written, so their sizes differ).
    documents = {n: size for n, size in sizes.items() if not n.startswith(("00_", "01_"))}
    assert written - {n for n in sizes if n.startswith(("00_", "01_"))} == {
        name for name, size in documents.items() if size < limit
    }
    assert all(name in message for name, size in documents.items() if size >= limit), message
    assert not any(name.endswith(".part") for name in written)
    index = next(p for p in pack.iterdir() if p.name.startswith("01_"))
    text = " ".join(page.extract_text() for page in PdfReader(index).pages)
    assert "Yhteystietolista" in text and "ei kirjoitettu" in text and "täynnä" in text
    tally("hostile data: print pack wrote the rest and listed the failures")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_personal_data_is_private_whatever_the_umask(tmp_path: Path) -> None:
    home = tmp_path / "koti"
    database = tmp_path / "oma.verkosto"
    assert run("demo", str(database), umask=0).returncode == 0
    assert _mode(database) == 0o600
    result = run("backup", "--database", str(database), umask=0)
    assert result.returncode == 0, result.stderr.decode()
    backup = Path(result.stdout.decode().strip())
    assert _mode(backup) == 0o600
    assert _mode(backup.parent) == 0o700 and _mode(backup.parent.parent) == 0o700
    out = tmp_path / "lista.csv"
    assert (
        run("export", "csv", "--database", str(database), "--out", str(out), umask=0).returncode
        == 0
    )
    assert _mode(out) == 0o600
    passphrase = tmp_path / "salasana.txt"
    passphrase.write_text("pitkä salasana tähän\n", encoding="utf-8")
    bundle = tmp_path / "paketti.verkostobundle"
    result = run(
        "bundle", "--database", str(database), "--out", str(bundle), "--full",
        "--passphrase-file", str(passphrase), umask=0,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert _mode(bundle) == 0o600
    script = (
        "import os, sys; os.umask(0); "
        "from verkosto_desktop.app import make_settings; from verkosto_desktop.paths import locations; "
        "s = make_settings(locations()); s.setValue('ui/language', 'fi'); s.sync()"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "VERKOSTO_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
        check=True,
        timeout=60,
    )
    settings = home / "settings" / "verkosto.ini"
    assert "language" in settings.read_text() and _mode(settings) == 0o600
    assert _mode(settings.parent) == 0o700

    # A file made by an older version (readable by all) is tightened when it is opened.
    database.chmod(0o644)
    with Store.open(database) as store:
        assert _mode(database) == 0o600
        wal = database.with_name(database.name + "-wal")
        assert wal.exists() and _mode(wal) == 0o600
        store.checkpoint()
    tally("hostile data: file modes checked under umask 000")


def test_a_glyph_the_font_lacks_prints_as_a_visible_replacement(
    demo_path: Path, tmp_path: Path
) -> None:
    lacking = next(ch for ch in "ሰ漢ꦲ𓀀" if missing_glyphs(ch))
    sql(demo_path, "UPDATE actor SET name = ? WHERE kind = 'parish'", f"Seurakunta {lacking}")
    out = tmp_path / "lista.pdf"
    assert (
        run("export", "contacts", "--database", str(demo_path), "--out", str(out)).returncode == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Seurakunta \ufffd" in text and lacking not in text
    tally("hostile data: missing glyph printed as a visible replacement")
