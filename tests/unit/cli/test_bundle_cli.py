"""``verkosto site``, ``bundle``, ``import BUNDLE`` and ``conflicts`` on the command line."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from verkosto_desktop.cli import main
from verkosto_desktop.data.exchange.bundle import read_bundle
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store


@pytest.fixture
def laptops(demo_path: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    other = tmp_path / "toinen.verkosto"
    shutil.copy(demo_path, other)
    for path in (demo_path, other):
        Store.open(path).close()  # each copy becomes its own site on its first open
    secret = tmp_path / "salasana.txt"
    secret.write_text("pitkä yhteinen salalause\n", encoding="utf-8")
    return demo_path, other, secret


def _digest(path: Path) -> str:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(data + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


def _bundle(database: Path, out: Path, secret: Path, *how: str) -> int:
    """``verkosto bundle`` (``how``: ``--full``, ``--peer NAME`` or nothing)."""
    return main(
        [
            "bundle",
            "--out",
            str(out),
            *how,
            "--database",
            str(database),
            "--passphrase-file",
            str(secret),
        ]
    )


def _import(bundle: Path, database: Path, secret: Path) -> int:
    return main(
        ["import", str(bundle), "--database", str(database), "--passphrase-file", str(secret)]
    )


def test_site_shows_and_renames(
    laptops: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, _other, _secret = laptops
    assert (
        main(["site", "--database", str(first), "--name", "SPR Esimerkkilän osasto, Liisan kone"])
        == 0
    )
    line = capsys.readouterr().out.splitlines()[0].split("\t")
    assert line[0] == "self" and line[2] == "SPR Esimerkkilän osasto, Liisan kone"


def test_bundle_import_and_conflicts(
    laptops: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, other, secret = laptops
    with Store.open(first) as a, Store.open(other) as b:
        actor_id = actors.actor_names(a)[0][0]
        actors.update_actor(a, actor_id, {"area": "Vaara"})
        actors.update_actor(b, actor_id, {"area": "Harju"})
    out = tmp_path / "a.verkostobundle"
    assert _bundle(first, out, secret, "--full") == 0
    assert capsys.readouterr().out.strip() == str(out)

    before = _digest(other)
    args = ["import", str(out), "--database", str(other), "--passphrase-file", str(secret)]
    assert main([*args, "--dry-run"]) == 0
    preview = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert preview["conflicts"] == "1"
    assert _digest(other) == before  # the test run changed nothing

    assert main(args) == 0
    summary = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert summary == preview
    assert main(["conflicts", "--database", str(other), "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["field"] == "area" and {row["shown_value"], row["other_value"]} == {"Vaara", "Harju"}
    assert main(["conflicts", "--database", str(other)]) == 0
    assert capsys.readouterr().out.count("\n") == 1

    # Incremental for a named peer: B answers, then A sends only what B lacks.
    back = tmp_path / "b.verkostobundle"
    assert _bundle(other, back, secret) == 0
    assert _import(back, first, secret) == 0
    capsys.readouterr()
    assert main(["site", "--database", str(first)]) == 0
    peer_name = next(
        line.split("\t")[2]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("peer") and "toinen" in line
    )
    assert _bundle(first, out, secret, "--peer", peer_name) == 0
    sent = read_bundle(out, "pitkä yhteinen salalause")
    assert not sent.full and {(c[0], c[2]) for c in sent.changes} <= {("actor", "area")}


def test_refusals_exit_1_with_one_line(
    laptops: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, other, secret = laptops
    # A file that is neither a list nor a bundle (a bundle's first bytes, cut short, are one).
    cut = tmp_path / "katkennut.verkostobundle"
    cut.write_bytes(b"VERKOSTO-BUNDLE\x01\x00\x00")
    before = _digest(other)
    assert _import(cut, other, secret) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert _digest(other) == before
    out = tmp_path / "a.verkostobundle"
    assert _bundle(first, out, secret, "--peer", "Ei ketään") == 1
    assert "Ei ketään" in capsys.readouterr().err
    assert _bundle(first, out, secret, "--full") == 0
    wrong = tmp_path / "väärä.txt"
    wrong.write_text("arvaus\n", encoding="utf-8")
    before = _digest(other)
    assert _import(out, other, wrong) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _digest(other) == before


def test_without_a_passphrase_file_and_no_terminal_import_exits_1(
    laptops: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    first, other, secret = laptops
    out = tmp_path / "a.verkostobundle"
    assert _bundle(first, out, secret, "--full") == 0
    env = {k: v for k, v in os.environ.items() if k != "VERKOSTO_LANG"}
    result = subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", "import", str(out), "--database", str(other)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1
    assert "--passphrase-file" in result.stderr and "Traceback" not in result.stderr
