"""Files as other programs write them, made by the tests themselves: Finnish Excel's CSV in
Windows-1252, UTF-8 with and without a byte-order mark, Google Contacts (old and new), Outlook,
Sahana Eden's organisation template, vCards from Android (2.1, quoted-printable over several
lines), an iPhone (3.0) and vCard 4.0, and an Excel workbook with numeric phone numbers and a
formula cell whose value was never stored."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

# Finnish Excel: ";", decimal comma, d.m.yyyy, a quoted field holding ";" and a line break, and
# a field that begins with "Ä" (a letter cp1252 and UTF-8 write differently).
FINNISH_ROWS = (
    "Nimi;Tyyppi;Alue;Yhteyshenkilö;Rooli;Puhelin;Sähköposti;Ensiapu;Kapasiteetti;Tarkistettu;Lisätiedot\r\n"
    'Äänekosken Nuorisoseura ry;yhdistys;Keskusta;Anna Ähkiö;puheenjohtaja;040 111 2222;anna@example.fi;x;1 200;3.4.2026;"Kokoontuu; tiistaisin\r\nklo 18"\r\n'
    "Öljymäen Kyläyhdistys r.y.;Yhdistys;Öljymäki;Östen Åberg;sihteeri;+358 50 333 4444;osten@example.fi;;;28.11.2025;\r\n"
    "Björkbackan kylätoimikunta;muu;Björkbacka;Åsa Lindqvist;;09 765 4321;;kyllä;12,0;;\r\n"
)


def finnish_csv_cp1252() -> bytes:
    return FINNISH_ROWS.encode("cp1252")


def finnish_csv_utf8(bom: bool) -> bytes:
    data = FINNISH_ROWS.encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Nickname,Birthday,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,"
    "Phone 2 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n"
    "Helena Virtanen,Helena,,Virtanen,,,Avainhenkilö,* myContacts,* Home,"
    "HELENA.VIRTANEN@Example.fi,Mobile,040 556 1200,Work,014 123 456,,"
    "Esimerkkilän Marttayhdistys,Puheenjohtaja\n"
    "Pekka Nieminen,Pekka,,Nieminen,,,,* myContacts,,pekka@example.fi,Mobile,"
    "+358 44 987 6543 ::: 045 123 4567,,,,Esimerkkilän VPK,Päällikkö\n"
)

GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted\n"
    "Liisa,,Ström,,,,Öljymäen VPK,Varapäällikkö,,,,myContacts,Work,"
    "liisa@example.fi ::: liisa.strom@example.fi,Mobile,050 765 4321 ::: 09 222 3333,Home,"
    '"Kyläntie 1, 12345 Öljymäki"\n'
)

OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address,E-mail 2 Address,"
    "Home Phone,Business Phone,Mobile Phone,Company Main Phone,Job Title,Department,Company,"
    "Business Street,Business City,Web Page,Notes,Categories\n"
    "Matti,,Meikäläinen,Mr.,,,matti@example.fi,,,014 222 333,0401234567,014 100 200,"
    "Kirkkoherra,,Esimerkkilän seurakunta,Kirkkotie 3,Esimerkkilä,https://seurakunta.example.fi,"
    "Avaimet kirkkoherranvirastossa,Verkosto\n"
)

SAHANA = (
    "Organisation,Branch,Acronym,Type,Sectors,Services,Country,Region,Website,Phone,Phone2,Comments\n"
    "Suomen Punainen Risti,Esimerkkilän osasto,SPR,Red Cross / Red Crescent,Health,"
    "First aid; Psychosocial support,FI,Esimerkkilä,https://spr.example.fi,020 701 2000,"
    "040 700 1000,Ensiapuryhmä\n"
    "Esimerkkilän Vapaaehtoinen Pelastuspalvelu,,Vapepa,NGO,Search and rescue,,FI,Esimerkkilä,,,"
    ",\n"
)

# Android writes each name in quoted-printable, broken over lines that end in "=".
ANDROID_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=84ij=C3=A4l=C3=A4;Matti;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Matti =C3=84ij=C3=A4l=C3=A4=20J=C3=\r\n"
    "=A4rvinen\r\n"
    "TEL;CELL;PREF:040 123 4567\r\n"
    "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=6B=6F=74=69):09 123 4567\r\n"
    "EMAIL;HOME:matti.aijala@example.fi\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Esimerkkil=C3=A4n Martat\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Sepp=C3=A4l=C3=A4;Sanna;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Sanna Sepp=C3=A4l=C3=A4\r\n"
    "TEL;HOME:014 555 666\r\n"
    "END:VCARD\r\n"
)

IPHONE_30 = (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\n"
    "N:Virtanen;Helena;;;\n"
    "FN:Helena Virtanen\n"
    "ORG:Esimerkkilän Marttayhdistys;\n"
    "TITLE:Puheenjohtaja\n"
    "EMAIL;type=INTERNET;type=HOME;type=pref:helena@example.fi\n"
    "item1.TEL;type=CELL;type=VOICE;type=pref:+358 40 556 1200\n"
    "TEL;type=WORK;type=VOICE:014 123 456\n"
    "item2.ADR;type=HOME;type=pref:;;Kotikatu 2;Esimerkkilä;;12345;Suomi\n"
    "item2.X-ABADR:fi\n"
    "END:VCARD\n"
)

VCARD_40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Liisa Ström\r\n"
    "N:Ström;Liisa;;;\r\n"
    'TEL;TYPE="cell,voice";VALUE=uri:tel:+358-50-765-4321\r\n'
    "EMAIL;TYPE=work:Liisa.Strom@Example.fi\r\n"
    "ORG:Öljymäen VPK;Hallitus\r\n"
    "NOTE:Aggregaatti\\, 20 kW\r\n"
    "END:VCARD\r\n"
)


def workbook(rows: list[list[object]], sheet: str = "Toimijat", extra_sheet: bool = True) -> bytes:
    """An .xlsx of ``rows`` as openpyxl writes it: formulas are stored without a value, as by
    a program other than Excel."""
    from openpyxl import Workbook

    book = Workbook()
    sheet_obj = book.active
    sheet_obj.title = sheet
    for row in rows:
        sheet_obj.append(row)
    if extra_sheet:
        book.create_sheet("Ohjeet").append(["Täytä toimijat ensimmäiselle välilehdelle."])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def phones_workbook(with_formula: bool = True) -> bytes:
    """Numeric phone numbers (leading 0 lost) and, optionally, a formula cell."""
    return workbook(
        [
            ["Nimi", "Puhelin", "Alue", "Jäseniä"],
            ["Esimerkkilän Martat", 401234567, "Keskusta", 40],
            [
                "Öljymäen VPK",
                503334444,
                '=CONCATENATE("Öljy","mäki")' if with_formula else "Öljymäki",
                "=20*2",
            ],
        ]
    )


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def database_dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the full-text index's content too): equal dumps, equal files."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'search_index_%'"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()
