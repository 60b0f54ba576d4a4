from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from verkosto_desktop import __version__
from verkosto_desktop.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VERKOSTO_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"verkosto {__version__}"


def test_python_m_and_entry_point_behave_the_same(demo_path: Path) -> None:
    script = Path(sys.executable).with_name("verkosto")
    via_script = subprocess.run(
        [str(script), "find", "martta", "--database", str(demo_path)],
        capture_output=True,
        text=True,
    )
    via_module = run("find", "martta", "--database", str(demo_path))
    assert via_script.returncode == via_module.returncode == 0
    assert via_script.stdout == via_module.stdout != ""


def test_find_prints_tab_separated_rows(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["find", "marttayhdistys", "--database", str(demo_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    fields = lines[0].split("\t")
    assert len(fields) == 7
    assert fields[1] == "Esimerkkilän Marttayhdistys"
    assert fields[2] == "association"
    assert fields[3] == "Helena Virtanen"
    assert fields[4] == "+358405561200"
    assert fields[5] == "preparedness,response,recovery"
    assert "power_outage" in fields[6].split(",")


def test_find_json_with_filters(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "find",
                "--database",
                str(demo_path),
                "--situation",
                "water_outage",
                "--phase",
                "response",
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(
        "response" in r["phases"] and "water_outage" in r["situations"] for r in rows
    )
    assert all(r["phone"].startswith("+") or r["phone"] == "" for r in rows)


def test_demo_writes_a_new_file_and_refuses_an_existing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "d.verkosto"
    assert main(["demo", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["demo", str(target)]) == 1
    assert "d.verkosto" in capsys.readouterr().err


@pytest.mark.parametrize(("size", "actors"), [("large", 10_000), ("national", 100_000)])
def test_demo_sizes_write_generated_registers_of_their_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: str, actors: int
) -> None:
    import verkosto_desktop.data.demo as demo

    asked: list[int] = []
    real = demo.write_large_demo
    # The national register takes a minute to write; a small one shows the wiring.
    monkeypatch.setattr(
        demo,
        "write_large_demo",
        lambda store, actors, **kw: asked.append(actors) or real(store, 50),
    )
    target = tmp_path / f"{size}.verkosto"
    assert main(["demo", str(target), "--size", size]) == 0
    assert asked == [actors]
    assert main(["find", "--database", str(target)]) == 0


def test_check_ok_and_damaged(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--database", str(demo_path)]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    damaged = tmp_path / "damaged.verkosto"
    data = bytearray(demo_path.read_bytes())
    for offset in range(4096 * 2 + 100, len(data) // 2, 13):
        data[offset] ^= 0xFF
    damaged.write_bytes(bytes(data))
    assert main(["check", "--database", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged.verkosto" in err


@pytest.mark.parametrize("command", ["find", "check"])
def test_missing_and_foreign_files_give_one_line_and_exit_1(tmp_path: Path, command: str) -> None:
    missing = run(command, "--database", str(tmp_path / "nope.verkosto"))
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "nope.verkosto" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert not (tmp_path / "nope.verkosto").exists()
    foreign = tmp_path / "foreign.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = foreign.read_bytes()
    result = run(command, "--database", str(foreign))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert foreign.read_bytes() == before


def test_usage_error_exits_2() -> None:
    assert run("find", "--phase", "someday").returncode == 2
    assert run("no-such-command").returncode == 2


def test_messages_are_finnish_by_default_and_english_on_request(tmp_path: Path) -> None:
    finnish = run("find", "--database", str(tmp_path / "x.verkosto"))
    english = run("--lang", "en", "find", "--database", str(tmp_path / "x.verkosto"))
    assert "Tiedostoa ei löydy" in finnish.stderr
    assert "File not found" in english.stderr


@pytest.mark.parametrize("command", ["backup", "backups"])
def test_backup_commands_refuse_a_foreign_file_and_make_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    foreign = tmp_path / "foreign.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    text = tmp_path / "notes.verkosto"
    text.write_text("not a database", encoding="utf-8")
    for path in (foreign, text):
        before = path.read_bytes()
        assert main([command, "--database", str(path)]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.count("\n") == 1 and path.name in err and "Traceback" not in err
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.db", "notes.verkosto"]


def test_backup_of_an_empty_file_is_refused_but_its_backups_are_listed(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--database", str(demo_path)]) == 0
    made = capsys.readouterr().out.strip()
    demo_path.write_bytes(b"")  # emptied, e.g. by a failed copy
    assert main(["backup", "--database", str(demo_path)]) == 1
    assert "tyhjä" in capsys.readouterr().err
    assert main(["backups", "--database", str(demo_path)]) == 0
    assert capsys.readouterr().out.split("\t")[-1].strip() == made


ARGPARSE_ENGLISH = ("usage:", "error:", "options:", "positional arguments", "show this help")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ("käyttö:", "virhe:", "tuntemattomat argumentit: --bogus")),
        ("sv", ("användning:", "fel:", "okända argument: --bogus")),
    ],
)
def test_argparse_speaks_the_language_too(
    language: str, words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["--lang", language, "find", "--bogus"])
    assert leaving.value.code == 2
    error = capsys.readouterr().err
    assert all(word in error for word in words), error
    assert not any(word in error for word in ARGPARSE_ENGLISH), error
    for command in ("find", "export", "person", "erase", "backup", "check", "incidents", "demo"):
        with pytest.raises(SystemExit):
            main(["--lang", language, command, "--help"])
        shown = capsys.readouterr().out
        assert not any(word in shown for word in ARGPARSE_ENGLISH), (command, shown)
        assert "FILE" not in shown and "DATABASE" not in shown, (command, shown)
