"""Suggested mappings for known column sets, the mapping file, and the Finnish cell values."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from exchange_fixtures import GOOGLE_NEW, GOOGLE_OLD, OUTLOOK, SAHANA
from verkosto_desktop.data.exchange.mapping import (
    Mapping,
    headers_signature,
    load_mapping,
    suggest,
)
from verkosto_desktop.data.exchange.reading import read_table
from verkosto_desktop.data.exchange.table import ImportRefused
from verkosto_desktop.domain.catalogues import CAPABILITY_CATEGORIES
from verkosto_desktop.domain.cell_values import (
    parse_decimal,
    parse_whole_number,
    parse_yes,
    phone_text,
    split_values,
)
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.matching import actor_key, email_key, person_key, phone_key
from verkosto_desktop.domain.vocabulary import resolve_kind, resolve_membership, resolve_phase


def suggested(text: str) -> dict[str, str | None]:
    table = read_table(text.encode("utf-8"))
    return suggest(table.headers, CAPABILITY_CATEGORIES).columns


def test_finnish_swedish_and_english_headers() -> None:
    fi = suggest(
        ["Nimi", "Tyyppi", "Alue", "Yhteyshenkilö", "Puhelin", "Sähköposti", "Ensiapu"],
        CAPABILITY_CATEGORIES,
    ).columns
    assert fi == {
        "Nimi": "actor.name",
        "Tyyppi": "actor.kind",
        "Alue": "actor.area",
        "Yhteyshenkilö": "contact.name",
        "Puhelin": "contact.phone",  # a person is listed: the number is theirs
        "Sähköposti": "contact.email",
        "Ensiapu": "capability.offers:first_aid",
    }
    sv = suggest(["Namn", "Kontaktperson", "Mobil", "E-post", "Område"]).columns
    assert sv == {
        "Namn": "actor.name",
        "Kontaktperson": "contact.name",
        "Mobil": "contact.mobile",
        "E-post": "contact.email",
        "Område": "actor.area",
    }
    # No person in the list: the phone and e-mail are the actor's own.
    en = suggest(["Name", "Phone", "E-mail", "Website", "Notes", "Mystery"]).columns
    assert en == {
        "Name": "actor.name",
        "Phone": "actor.phone",
        "E-mail": "actor.email",
        "Website": "actor.website",
        "Notes": "actor.notes",
        "Mystery": None,
    }


def test_google_contacts_old_and_new_exports() -> None:
    old = suggested(GOOGLE_OLD)
    assert old["Name"] == "contact.name"
    assert old["Given Name"] == "contact.first_name"
    assert old["E-mail 1 - Value"] == "contact.email"
    assert old["Phone 1 - Value"] == old["Phone 2 - Value"] == "contact.phone"
    assert old["Phone 1 - Type"] is None
    assert old["Organization 1 - Name"] == "actor.name"
    assert old["Organization 1 - Title"] == "contact.role"
    new = suggested(GOOGLE_NEW)
    assert new["First Name"] == "contact.first_name"
    assert new["Last Name"] == "contact.last_name"
    assert new["Organization Name"] == "actor.name"
    assert new["Organization Title"] == "contact.role"
    assert new["Phone 1 - Label"] is None
    assert new["Phone 1 - Value"] == "contact.phone"
    assert new["Address 1 - Formatted"] == "contact.walk_in"


def test_outlook_and_sahana() -> None:
    outlook = suggested(OUTLOOK)
    assert outlook["Company"] == "actor.name"
    assert outlook["Title"] is None  # Mr or Ms: "Job Title" is the role
    assert outlook["Job Title"] == "contact.role"
    assert outlook["Mobile Phone"] == "contact.mobile"
    assert outlook["Business Phone"] == "contact.landline"
    assert outlook["Company Main Phone"] == "actor.phone"
    assert outlook["E-mail Address"] == "contact.email"
    assert outlook["Business City"] == "actor.area"
    assert outlook["Web Page"] == "actor.website"
    sahana = suggested(SAHANA)
    assert sahana == {
        "Organisation": "actor.name",
        "Branch": "actor.name",
        "Acronym": "actor.description",
        "Type": "actor.kind",
        "Sectors": "actor.basic_activity",
        "Services": "actor.basic_activity",
        "Country": None,
        "Region": "actor.area",
        "Website": "actor.website",
        "Phone": "actor.phone",
        "Phone2": "actor.phone",
        "Comments": "actor.notes",
    }


def test_mapping_file_round_trip_and_errors(tmp_path: Path) -> None:
    mapping = Mapping(
        columns={"Nimi": "actor.name", "Muuta": None, "Ensiapu": "capability.offers:first_aid"},
        defaults={"actor.kind": "association"},
        values={"actor.kind": {"Säätiö": "other"}},
    )
    path = tmp_path / "mapping.json"
    mapping.save(path)
    assert load_mapping(path) == mapping
    assert json.loads(path.read_text(encoding="utf-8"))["columns"]["Muuta"] is None
    path.write_text('{"columns": {"Nimi": "actor.nonsense"}}', encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"actor\.nonsense"):
        load_mapping(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportRefused, match="JSON"):
        load_mapping(path)
    with pytest.raises(ImportRefused):
        load_mapping(tmp_path / "missing.json")


def test_header_signature_ignores_case_and_spacing() -> None:
    assert headers_signature(["Nimi", "Puhelin"]) == headers_signature([" NIMI ", "puhelin"])
    assert headers_signature(["Nimi", "Puhelin"]) != headers_signature(["Puhelin", "Nimi"])


def test_actor_person_and_email_keys() -> None:
    assert actor_key("Esimerkkilän Martat r.y.") == actor_key("ESIMERKKILÄN  MARTAT ry")
    assert actor_key("Esimerkkilän Martat rf") == actor_key("Esimerkkilän Martat")
    assert actor_key("Esimerkkilän Martat") != actor_key("Esimerkkilän Marttayhdistys")
    assert person_key("Virtanen Helena") == person_key("helena  VIRTANEN")
    assert email_key(" Helena.Virtanen @Example.FI ") == "helena.virtanen@example.fi"
    assert phone_key("040 123 4567") == phone_key("tel:+358-40-123-4567"[4:]) == "+358401234567"
    assert phone_key("not a number") is None


def test_finnish_cell_values() -> None:
    assert parse_decimal("1 200,50", "x") == Decimal("1200.50")
    assert parse_decimal("1\u00a0200", "x") == Decimal("1200")
    assert parse_decimal("12.5", "x") == Decimal("12.5")
    assert parse_whole_number("1 200,00", "x") == 1200
    assert parse_whole_number("12,0", "x") == 12
    for bad in ("12,5", "-3", "paljon", "nan"):
        with pytest.raises(ValidationError):
            parse_whole_number(bad, "x")
    assert [parse_yes(v, "x") for v in ("x", "Kyllä", "1", "ja", "", "ei", "0")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    with pytest.raises(ValidationError):
        parse_yes("ehkä", "x")
    assert phone_text(401234567) == ("0401234567", True)
    assert phone_text(358401234567) == ("+358401234567", True)
    assert phone_text("040 123") == ("040 123", False)
    assert split_values("ensiapu, kuljetus;  ruoka ::: vesi") == [
        "ensiapu",
        "kuljetus",
        "ruoka",
        "vesi",
    ]


def test_words_for_kinds_memberships_and_phases() -> None:
    assert resolve_kind("Yhdistys") == "association"
    assert resolve_kind("förening") == "association"
    assert resolve_kind("Red Cross / Red Crescent") == "readiness_organisation"
    assert resolve_kind("seurakunta") == "parish"
    assert resolve_kind("parish") == "parish"
    assert resolve_kind("Säätiö") is None
    assert resolve_membership("jäsen") == "member"
    assert resolve_phase("V") == "preparedness"
    assert resolve_phase("jälkihuolto") == "recovery"
    assert resolve_phase("insats") == "response"
