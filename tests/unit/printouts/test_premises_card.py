"""The premises card ("Tilat ja varavoima") on the demo network: it lists exactly the premises
the register's filters count, by area with backup power first, each with what matters in a power
cut and whom to call about the key; the command line prints the same card."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop.cli import main
from verkosto_desktop.data.register import facilities
from verkosto_desktop.data.register.premises import premises_rows
from verkosto_desktop.data.register.search import ActorFilter, areas, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.printouts import DocumentKind, PrintRequest
from verkosto_desktop.printouts.render import render

PAGE = re.compile(r"Sivu\s*(\d+)\s*/\s*(\d+)")


def card_text(store: Store, flt: ActorFilter) -> str:
    out = io.BytesIO()
    render(store, PrintRequest(DocumentKind.PREMISES, filter=flt), out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        found = PAGE.search(text)
        assert found is not None and (int(found[1]), int(found[2])) == (number, len(texts))
        assert "LUOTTAMUKSELLINEN" in text
    return re.sub(r"\s+", " ", "\n".join(texts))


FILTERS = [
    ActorFilter(),
    ActorFilter(premises=("backup_power",)),
    ActorFilter(premises=("heating",)),
    ActorFilter(premises=("backup_power", "heating", "kitchen")),
    ActorFilter(premises=("accessible",), min_capacity=100),
    ActorFilter(premises=("water",), area="Kirkonkylä"),
]


@pytest.mark.parametrize("flt", FILTERS)
def test_the_card_lists_exactly_the_premises_the_filters_count(
    demo_store: Store, flt: ActorFilter
) -> None:
    every_name = {row.name for row in premises_rows(demo_store)}
    rows = premises_rows(demo_store, flt)
    text = card_text(demo_store, flt)
    printed = {name for name in every_name if name in text}
    assert printed == {row.name for row in rows}
    if flt.narrows_premises:
        # The register's count of actors is the card's count of actors.
        assert {row.actor_id for row in rows} == set(search_actor_ids(demo_store, flt))
    assert rows, "each filter finds something on the demo"


def test_the_card_orders_by_area_with_backup_power_first_and_names_whom_to_call(
    demo_store: Store,
) -> None:
    rows = premises_rows(demo_store)
    text = card_text(demo_store, ActorFilter())
    positions = [text.index(row.name) for row in rows]
    assert positions == sorted(positions)
    for area in {row.area for row in rows}:
        in_area = [row for row in rows if row.area == area]
        flags = [row.backup_power for row in in_area]
        assert flags == sorted(flags, reverse=True)
        power = sum(flags)
        heat = sum(row.heating_without_mains for row in in_area)
        assert f"{area} — {len(in_area)} tilaa · varavoima {power} · lämmitys" in text
        assert f"sähkökatkossa {heat}" in text
    school = next(row for row in rows if row.name == "Kirkonkylän koulu")
    assert "Varavoimakone 100 kVA" in text and "polttoaine 36 h" in text
    assert school.key_holder is not None and school.key_holder.phone
    assert format_phone(school.key_holder.phone) in text
    # Areas with no premises that has power are named in words.
    no_power = [a for a in areas(demo_store) if a not in {r.area for r in rows if r.backup_power}]
    assert no_power and f"Ei yhtään varavoimallista tilaa: {', '.join(no_power)}" in text


def test_a_change_in_the_register_reaches_the_card(demo_store: Store) -> None:
    flt = ActorFilter(premises=("backup_power",))
    hut = next(row for row in premises_rows(demo_store) if row.name == "Partiokolo")
    assert "Partiokolo" not in card_text(demo_store, flt)
    facilities.update_facility(
        demo_store, hut.id, {"backup_power": True, "backup_power_kind": "Aurinkopaneelit"}
    )
    text = card_text(demo_store, flt)
    assert "Partiokolo" in text and "Aurinkopaneelit" in text


def test_export_premises_on_the_command_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tilat.pdf"
    args = ["export", "premises", "--database", str(demo_path), "--out", str(out)]
    assert main([*args, "--facility", "backup_power", "--facility", "heating"]) == 0
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(out).pages))
    with Store.open(demo_path) as store:
        flt = ActorFilter(premises=("backup_power", "heating"))
        names = {row.name for row in premises_rows(store, flt)}
        others = {row.name for row in premises_rows(store)} - names
    assert names and all(name in text for name in names)
    assert not any(name in text for name in others)
    assert "Varavoima · Lämmitys ilman verkkosähköä" in text  # the filter, said in the header
