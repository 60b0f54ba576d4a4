"""``verkosto import``, ``verkosto import --undo`` and ``verkosto imports``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exchange_fixtures import database_dump, finnish_csv_cp1252, workbook, write
from verkosto_desktop.cli import main
from verkosto_desktop.data.register.search import count_live_actors
from verkosto_desktop.data.storage.store import Store


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "uusi.verkosto"
    Store.open(path).close()
    return path


def count_actors(path: Path) -> int:
    with Store.open(path) as store:
        return count_live_actors(store)


def test_the_register_exported_for_excel_comes_back_in(
    demo_path: Path, empty_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "rekisteri.csv"
    assert main(["export", "csv", "--database", str(demo_path), "--out", str(exported)]) == 0
    capsys.readouterr()
    assert main(["import", str(exported), "--database", str(empty_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Tuotu eränä ")
    assert "Toimijat: 40 uutta, 0 täydennetty, 0 päivitetty, 0 ennallaan, 0 ohitettu" in out
    assert count_actors(empty_file) == count_actors(demo_path) == 40
    # Importing the same file again finds every actor and person: nothing new.
    assert main(["import", str(exported), "--database", str(empty_file)]) == 0
    assert "Toimijat: 0 uutta" in capsys.readouterr().out
    assert count_actors(empty_file) == 40

    assert main(["imports", "--database", str(empty_file)]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    first = lines[-1]  # newest first: the first import is the last line
    assert first[2:6] == ["rekisteri.csv", "csv", "40", "48"]
    assert first[6] == ""

    assert main(["import", "--undo", first[0][:8], "--database", str(empty_file)]) == 0
    assert "roskakoriin" in capsys.readouterr().out
    assert count_actors(empty_file) == 0
    assert main(["import", "--undo", first[0], "--database", str(empty_file)]) == 1
    assert "jo peruttu" in capsys.readouterr().err


def test_dry_run_changes_nothing(
    empty_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "yhdistykset.csv", finnish_csv_cp1252())
    before = database_dump(empty_file)
    assert main(["import", str(source), "--database", str(empty_file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Koeajo: mitään ei muutettu.")
    assert "3 riviä luettu" in out and "Toimijat: 3 uutta" in out
    assert database_dump(empty_file) == before


def test_problems_are_listed_with_row_and_column_and_nothing_changes(
    empty_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "virheet.csv", "Nimi;Puhelin\nA;040 123 4567\nB;12\n")
    before = database_dump(empty_file)
    assert main(["import", str(source), "--database", str(empty_file)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.splitlines()
    assert err[0] == "verkosto: Tiedostossa on 1 ongelma; mitään ei tuotu."
    assert err[1].startswith("  Rivi 3, sarake Puhelin:")
    assert database_dump(empty_file) == before


def test_no_name_column_lists_the_columns_and_the_mapping_tried(
    empty_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "numerot.csv", "Numero;Alue\n040 123 4567;Keskusta\n")
    assert main(["import", str(source), "--database", str(empty_file)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("verkosto: Mikään sarake ei anna toimijan tai henkilön nimeä")
    assert err[2:] == ["  Numero\t-", "  Alue\tactor.area"]


def test_a_mapping_file_sheet_and_separator(
    empty_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "kartta.json"
    mapping.write_text(
        json.dumps(
            {
                "columns": {"Seura": "actor.name", "Laatu": "actor.kind", "Muuta": None},
                "defaults": {"actor.area": "Kirkonkylä"},
                "values": {"actor.kind": {"Säätiö": "other"}},
            }
        ),
        encoding="utf-8",
    )
    source = write(tmp_path, "seurat.txt", "Seura|Laatu|Muuta\nSoutuseura|Säätiö|x\n")
    args = ["import", str(source), "--database", str(empty_file), "--mapping", str(mapping)]
    assert main([*args, "--delimiter", "|"]) == 0
    book = write(
        tmp_path,
        "seurat.xlsx",
        workbook([["Seura", "Laatu"], ["Hiihtoseura", "yhdistys"]], sheet="Seurat"),
    )
    args = ["import", str(book), "--database", str(empty_file), "--mapping", str(mapping)]
    assert main([*args, "--sheet", "Ohjeet"]) == 1  # that sheet has no names
    assert main([*args, "--sheet", "Seurat"]) == 0
    capsys.readouterr()
    assert main(["find", "--database", str(empty_file)]) == 0
    rows = sorted(line.split("\t")[1:3] for line in capsys.readouterr().out.splitlines())
    assert rows == [["Hiihtoseura", "association"], ["Soutuseura", "other"]]


def test_duplicates_option(
    empty_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path, "a.csv", "Nimi;Alue\nMartat;Keskusta\n")
    second = write(tmp_path, "b.csv", "Nimi;Alue\nMartat ry;Kirkonkylä\n")
    assert main(["import", str(first), "--database", str(empty_file)]) == 0
    assert main(["import", str(second), "--database", str(empty_file)]) == 0
    assert "1 arvo eroaa rekisteristä" in capsys.readouterr().out
    assert (
        main(["import", str(second), "--database", str(empty_file), "--duplicates", "update"]) == 0
    )
    assert main(["find", "martat", "--database", str(empty_file), "--format", "json"]) == 0
    capsys.readouterr()
    args = ["import", str(second), "--database", str(empty_file), "--duplicates", "new"]
    assert main(args) == 0
    assert count_actors(empty_file) == 2


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n\x00\x01binary", "PDF"),
        (b"\x00\x01\x02\x03" * 100, "vCard"),
        (b"PK\x03\x04" + b"\x00" * 50, "työkirja"),
    ],
)
def test_files_that_are_no_list_get_one_clear_line(
    empty_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    words: str,
) -> None:
    source = write(tmp_path, "outo.csv", data)
    before = database_dump(empty_file)
    assert main(["import", str(source), "--database", str(empty_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words.casefold() in err.casefold()
    assert database_dump(empty_file) == before
