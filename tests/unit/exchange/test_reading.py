"""Reading lists: decoding in fixed steps, the separator, the kind by content, each reader."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from exchange_fixtures import (
    ANDROID_21,
    IPHONE_30,
    VCARD_40,
    finnish_csv_cp1252,
    finnish_csv_utf8,
    phones_workbook,
    workbook,
    write,
)
from verkosto_desktop.data.exchange.decode import decode
from verkosto_desktop.data.exchange.readers.vcard import (
    EMAIL,
    LANDLINE,
    MOBILE,
    NAME,
    NOTE,
    ORG,
    TITLE,
)
from verkosto_desktop.data.exchange.reading import ReadOptions, read_file, read_table
from verkosto_desktop.data.exchange.sniff import detect_kind, sniff_delimiter
from verkosto_desktop.data.exchange.table import ImportRefused


def cells(table, header: str) -> list[object]:
    index = table.headers.index(header)
    return [row.cells[index] for row in table.rows]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (finnish_csv_cp1252(), "cp1252"),
        (finnish_csv_utf8(bom=True), "utf-8-sig"),
        (finnish_csv_utf8(bom=False), "utf-8"),
    ],
)
def test_finnish_excel_csv_reads_the_same_in_every_encoding(data: bytes, encoding: str) -> None:
    table = read_table(data, name="yhdistykset.csv")
    assert table.encoding == encoding
    assert table.delimiter == ";"
    assert table.headers[0] == "Nimi"  # no BOM left in the first header
    assert cells(table, "Nimi") == [
        "Äänekosken Nuorisoseura ry",
        "Öljymäen Kyläyhdistys r.y.",
        "Björkbackan kylätoimikunta",
    ]
    # The quoted field holds a separator and a line break; the next row keeps its number.
    assert cells(table, "Lisätiedot")[0] == "Kokoontuu; tiistaisin\r\nklo 18"
    assert [row.number for row in table.rows] == [2, 3, 4]
    assert table.problems == []


def test_cp1252_is_never_taken_for_another_code_page() -> None:
    # A short file whose only non-ASCII letter is "Ä": guessing libraries miss it.
    assert decode("Ä;1\n".encode("cp1252")).text == "Ä;1\n"
    assert decode("Ä;1\n".encode("cp1252")).encoding == "cp1252"


def test_the_user_can_name_the_encoding() -> None:
    data = "Nimi\nÅbo\n".encode()
    assert read_table(data, ReadOptions(encoding="cp1252")).rows[0].cells[0] == "Ã…bo"
    with pytest.raises(ImportRefused, match=r"koodaus|encoding"):
        read_table(data, ReadOptions(encoding="no-such-encoding"))


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_separator_is_sniffed_among_the_four(delimiter: str) -> None:
    rows = [
        ["Nimi", "Puhelin", "Alue"],
        ["Martat, ry", "040 1", "Keskusta"],
        ["VPK", "050 2", "Kylä"],
    ]
    quote = lambda cell: f'"{cell}"' if any(c in cell for c in ";,\t|") else cell  # noqa: E731
    text = "\n".join(delimiter.join(quote(c) for c in row) for row in rows) + "\n"
    assert sniff_delimiter(text) == delimiter
    table = read_table(text.encode())
    assert table.delimiter == delimiter
    assert cells(table, "Nimi") == ["Martat, ry", "VPK"]


def test_separator_can_be_overridden_and_wrong_ones_are_refused() -> None:
    table = read_table(b"a,b;c\n1,2;3\n", ReadOptions(delimiter=","))
    assert table.headers == ("a", "b;c")
    table = read_table(b"a\tb\n1\t2\n", ReadOptions(delimiter="tab"))
    assert table.headers == ("a", "b")
    with pytest.raises(ImportRefused):
        read_table(b"a:b\n", ReadOptions(delimiter=":"))


def test_a_row_wider_than_the_header_is_a_problem_at_that_row() -> None:
    table = read_table(b"Nimi;Alue\nA;B\nC;D;extra\nE;;\n")
    assert [(p.row, p.column) for p in table.problems] == [(3, None)]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (finnish_csv_cp1252(), "csv"),
        (ANDROID_21.encode(), "vcard"),
        ("\ufeff" + VCARD_40, "vcard"),
        (phones_workbook(), "xlsx"),
        (phones_workbook()[:300], "xlsx"),  # cut short on its way: the reader says so
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "unknown"),
        (b"%PDF-1.7\n\x00\x01\x02", "unknown"),
        (bytes(range(256)) * 4, "unknown"),
        (b"", "unknown"),
    ],
)
def test_kind_is_recognised_by_content(data: bytes | str, kind: str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    assert detect_kind(raw) == kind


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), ".xls"),
        (b"%PDF-1.7\n\x00\x01\x02", "PDF"),
        (bytes(range(256)) * 4, "vCard"),
        (b"", "tyhjä"),
        (b"   \n\n", "tyhjä"),
    ],
)
def test_files_that_are_no_list_are_refused_in_words(data: bytes, words: str) -> None:
    with pytest.raises(ImportRefused) as error:
        read_table(data)
    assert words in str(error.value)


def test_a_file_whose_name_lies_is_read_by_its_content_with_a_warning() -> None:
    table = read_table(finnish_csv_cp1252(), name="toimijat.xlsx")
    assert table.kind == "csv"
    assert any("XLSX" in str(w) and "CSV" in str(w) for w in table.warnings)


def test_truncated_workbook_is_refused_clearly(tmp_path: Path) -> None:
    data = phones_workbook()
    for cut in (30, len(data) // 2, len(data) - 40):
        with pytest.raises(ImportRefused, match=r"vaurioitunut|keskeneräinen"):
            read_file(write(tmp_path, "cut.xlsx", data[:cut]))


def test_a_workbook_whose_compressed_part_is_garbled_is_refused_clearly() -> None:
    """A byte changed inside a compressed part: zlib's own error, found by the fuzz test."""
    data = phones_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = archive.getinfo("xl/worksheets/sheet1.xml")
    start = part.header_offset + 30 + len(part.filename.encode()) + len(part.extra)
    garbled = None
    for position in range(start, start + part.compress_size):
        attempt = bytearray(data)
        attempt[position] ^= 0xFF
        try:
            with zipfile.ZipFile(io.BytesIO(bytes(attempt))) as archive:
                archive.testzip()
        except zlib.error:
            garbled = bytes(attempt)
            break
    assert garbled is not None, "no byte of the part garbles its stream"
    with pytest.raises(ImportRefused, match=r"vaurioitunut|keskeneräinen"):
        read_table(garbled, name="toimijat.xlsx")


def test_one_enormous_line_and_a_column_bomb_are_refused_quickly() -> None:
    with pytest.raises(ImportRefused, match="1 000 000"):
        read_table(b"x" * 50_000_000)  # 50 MB of one line
    with pytest.raises(ImportRefused, match=r"1 000 000|1000"):
        read_table(b"Nimi" + b";" * 3_000_000 + b"\n")
    with pytest.raises(ImportRefused, match="1000"):
        read_table(b"Nimi" + b";" * 5_000 + b"\n")


def test_workbook_with_numeric_phones_and_a_formula_without_stored_value() -> None:
    table = read_table(phones_workbook(), name="toimijat.xlsx")
    assert table.kind == "xlsx"
    assert table.sheets == ("Toimijat", "Ohjeet")
    assert cells(table, "Puhelin") == [401234567, 503334444]  # numbers, as stored
    assert [(p.row, p.column) for p in table.problems] == [(3, "Alue"), (3, "Jäseniä")]
    assert "CONCATENATE" in table.problems[0].message


def test_workbook_sheet_can_be_chosen_and_an_unknown_sheet_is_refused() -> None:
    data = workbook([["Nimi"], ["A"]])
    assert read_table(data, ReadOptions(sheet="Ohjeet")).headers == (
        "Täytä toimijat ensimmäiselle välilehdelle.",
    )
    with pytest.raises(ImportRefused, match="Toimijat, Ohjeet"):
        read_table(data, ReadOptions(sheet="Ei ole"))


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "paketti.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(ImportRefused, match=r"\.ods"):
        read_file(path)


def test_android_vcard_21_with_multiline_quoted_printable() -> None:
    table = read_table(ANDROID_21.encode("utf-8"), name="contacts.vcf")
    assert table.kind == "vcard" and table.unit == "card"
    assert table.problems == []
    assert cells(table, NAME) == ["Matti Äijälä Järvinen", "Sanna Seppälä"]
    assert cells(table, ORG) == ["Esimerkkilän Martat", ""]
    assert cells(table, MOBILE) == ["040 123 4567", ""]
    assert cells(table, LANDLINE) == ["09 123 4567", "014 555 666"]
    assert cells(table, EMAIL)[0] == "matti.aijala@example.fi"


def test_iphone_vcard_30_and_vcard_40() -> None:
    iphone = read_table(IPHONE_30.encode("utf-8"))
    assert cells(iphone, NAME) == ["Helena Virtanen"]
    assert cells(iphone, ORG) == ["Esimerkkilän Marttayhdistys"]
    assert cells(iphone, TITLE) == ["Puheenjohtaja"]
    assert cells(iphone, MOBILE) == ["+358 40 556 1200"]
    assert cells(iphone, LANDLINE) == ["014 123 456"]
    four = read_table(VCARD_40.encode("utf-8"))
    assert cells(four, MOBILE) == ["+358-50-765-4321"]  # "tel:" taken off
    assert cells(four, ORG) == ["Öljymäen VPK"]
    assert cells(four, TITLE) == ["Hallitus"]  # the department, when there is no title
    assert cells(four, NOTE) == ["Aggregaatti, 20 kW"]


def test_a_broken_card_is_a_problem_of_its_own() -> None:
    text = VCARD_40 + "BEGIN:VCARD\r\nVERSION:3.0\r\nthis is not a property\r\nEND:VCARD\r\n"
    table = read_table(text.encode())
    assert len(table.rows) == 1
    assert [(p.row, p.unit) for p in table.problems] == [(2, "card")]
    assert str(table.problems[0]).startswith("Kortti 2")
