"""Importing into the register: all or nothing, the test run, duplicates, erased people, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from exchange_support import live_register, plan_for

from exchange_fixtures import (
    ANDROID_21,
    GOOGLE_NEW,
    GOOGLE_OLD,
    IPHONE_30,
    OUTLOOK,
    SAHANA,
    database_dump,
    finnish_csv_cp1252,
    phones_workbook,
)
from verkosto_desktop.data.exchange.apply import preview, run_import
from verkosto_desktop.data.exchange.batches import (
    UndoRefused,
    initial_mapping,
    latest_batch,
    list_batches,
    undo_batch,
)
from verkosto_desktop.data.exchange.duplicates import erased_decision_key, target_decision_key
from verkosto_desktop.data.exchange.mapping import Mapping
from verkosto_desktop.data.exchange.results import ImportProblems
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.register.privacy import erase_person
from verkosto_desktop.data.register.search import ActorFilter, search_actors
from verkosto_desktop.data.storage.backups import list_backups
from verkosto_desktop.data.storage.store import Store


def problems_of(error: ImportProblems) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.column) for p in error.problems]


def test_finnish_excel_list_comes_in_as_actors_contacts_and_capabilities(store: Store) -> None:
    result = run_import(store, plan_for(store, finnish_csv_cp1252(), "yhdistykset.csv"))
    assert result.counts["rows"] == 3
    assert result.counts["actors_new"] == 3
    assert result.counts["contacts_new"] == 3
    assert result.counts["capabilities_new"] == 2
    register = live_register(store.path)
    assert register["actors"] == [
        ("Björkbackan kylätoimikunta", "other", "Björkbacka", "", "", None, None, "", "member"),
        (
            "Äänekosken Nuorisoseura ry",
            "association",
            "Keskusta",
            "",
            "",
            None,
            None,
            "Kokoontuu; tiistaisin\r\nklo 18",
            "member",
        ),
        ("Öljymäen Kyläyhdistys r.y.", "association", "Öljymäki", "", "", None, None, "", "member"),
    ]
    assert sorted(register["contacts"]) == [
        ("Björkbackan kylätoimikunta", "Åsa Lindqvist", "", None, "+35897654321", None, "", 1),
        (
            "Äänekosken Nuorisoseura ry",
            "Anna Ähkiö",
            "puheenjohtaja",
            "+358401112222",
            None,
            "anna@example.fi",
            "",
            1,
        ),
        (
            "Öljymäen Kyläyhdistys r.y.",
            "Östen Åberg",
            "sihteeri",
            "+358503334444",
            None,
            "osten@example.fi",
            "",
            1,
        ),
    ]
    assert register["capabilities"] == [
        ("Björkbackan kylätoimikunta", "first_aid", "", 12, None),
        ("Äänekosken Nuorisoseura ry", "first_aid", "", 1200, None),
    ]
    detail = actors.get_actor(store, search_actors(store, ActorFilter(text="Äänekosken"))[0].id)
    # "Tarkistettu" in a list of people is when the person's details were checked.
    assert detail.contacts[0].last_verified_on == date(2026, 4, 3)
    # The search index knows the new actors, by name and by phone number typed any way.
    assert [r.name for r in search_actors(store, ActorFilter(text="0401112222"))] == [
        "Äänekosken Nuorisoseura ry"
    ]


def test_test_run_changes_nothing_and_reports_what_the_import_does(store: Store) -> None:
    actors.create_actor(store, {"name": "Björkbackan kylätoimikunta", "area": "Björkbacka"})
    plan = plan_for(store, finnish_csv_cp1252())
    before = database_dump(store.path)
    trial = run_import(store, plan, dry_run=True)
    assert database_dump(store.path) == before
    assert trial.dry_run and trial.batch_id is None
    done = run_import(store, plan, backup=False)
    assert done.counts == trial.counts
    assert done.lines == trial.lines
    assert done.counts["actors_new"] == 2 and done.counts["actors_filled"] == 1


def test_a_problem_on_any_row_stops_everything_with_row_and_column(store: Store) -> None:
    text = (
        "Nimi;Puhelin;Tyyppi\n"
        "Hyvä Yhdistys;040 123 4567;yhdistys\n"
        "Huono Yhdistys;123;yhdistys\n"
        "Kolmas;040 765 4321;Säätiö\n"
    )
    before = database_dump(store.path)
    with pytest.raises(ImportProblems) as error:
        run_import(store, plan_for(store, text))
    assert problems_of(error.value) == [(3, "Puhelin"), (4, "Tyyppi")]
    assert error.value.unknown == {("actor.kind", "Säätiö"): [4]}
    assert database_dump(store.path) == before
    # Saying what the unknown word means (and fixing the number) lets it through.
    plan = plan_for(store, text.replace(";123;", ";040 999 8888;"))
    plan.mapping.values["actor.kind"] = {"säätiö": "other"}
    result = run_import(store, plan)
    assert result.counts["actors_new"] == 3
    kinds = {r.name: r.kind for r in search_actors(store, ActorFilter())}
    assert kinds["Kolmas"] == "other"


def test_a_real_import_is_backed_up_first(store: Store) -> None:
    run_import(store, plan_for(store, "Nimi\nA\n"))
    assert [b.reason for b in list_backups(store.path)] == ["import"]


def seed_martat(store: Store) -> tuple[str, str]:
    actor = actors.create_actor(
        store,
        {"name": "Esimerkkilän Martat ry", "area": "Keskusta", "phone": "014 111 222"},
    )
    contact = contacts.add_contact(
        store,
        actor.id,
        {"name": "Helena Virtanen", "mobile": "040 556 1200", "email": "helena@example.fi"},
    )
    return actor.id, contact.id


def test_duplicates_across_name_forms_phone_formats_and_email_case(store: Store) -> None:
    actor_id, contact_id = seed_martat(store)
    text = (
        "Yhdistys;Alue;Osoite;Yhteyshenkilö;Matkapuhelin;Sähköposti;Rooli\n"
        "ESIMERKKILÄN MARTAT r.y.;Kirkonkylä;Kotitie 1;Virtanen Helena;+358 40 5561200;;"
        "puheenjohtaja\n"
        "Esimerkkilän  Martat;;;H. Virtanen;;HELENA@Example.FI ;\n"
    )
    result = run_import(store, plan_for(store, text))
    assert result.counts["actors_new"] == 0
    assert result.counts["contacts_new"] == 0
    assert result.counts["contacts_filled"] == 1
    detail = actors.get_actor(store, actor_id)
    assert [c.id for c in detail.contacts] == [contact_id]
    assert detail.contacts[0].role == "puheenjohtaja"  # a blank filled
    assert detail.address == "Kotitie 1"
    assert detail.area == "Keskusta"  # a differing value is not changed: it is listed
    review = [line for line in result.lines if line.action == "review"]
    assert [(line.rows, line.record) for line in review] == [((2, 3), "actor")]
    assert "Keskusta" in review[0].details and "Kirkonkylä" in review[0].details
    assert result.counts["review"] == 1


@pytest.mark.parametrize(
    ("action", "area", "actor_count"),
    [
        ("fill", "Keskusta", 1),
        ("update", "Kirkonkylä", 1),
        ("skip", "Keskusta", 1),
        ("new", None, 2),
    ],
)
def test_what_to_do_with_a_match(
    store: Store, action: str, area: str | None, actor_count: int
) -> None:
    actor_id, _contact = seed_martat(store)
    text = "Nimi;Alue;Yhteyshenkilö\nEsimerkkilän Martat;Kirkonkylä;Uusi Henkilö\n"
    result = run_import(store, plan_for(store, text, default_action=action))
    found = search_actors(store, ActorFilter(text="Martat"))
    assert len(found) == actor_count
    if area is not None:
        assert actors.get_actor(store, actor_id).area == area
    people = {c.name for c in actors.get_actor(store, actor_id).contacts}
    assert ("Uusi Henkilö" in people) == (action in ("fill", "update"))
    assert result.counts[f"actors_{'skipped' if action == 'skip' else 'new'}"] == (
        1 if action in ("skip", "new") else 0
    )


def test_several_matching_actors_are_a_problem_until_one_is_chosen(store: Store) -> None:
    first = actors.create_actor(store, {"name": "Kyläyhdistys", "area": "Ylikylä"})
    actors.create_actor(store, {"name": "Kyläyhdistys ry", "area": "Alakylä"})
    text = "Nimi;Osoite\nKyläyhdistys;Kylätie 5\n"
    with pytest.raises(ImportProblems) as error:
        run_import(store, plan_for(store, text))
    assert problems_of(error.value) == [(2, None)]
    key = "kyläyhdistys"
    plan = plan_for(store, text, decisions={target_decision_key(key): first.id})
    assert not preview(store, plan).problems
    run_import(store, plan, backup=False)
    assert actors.get_actor(store, first.id).address == "Kylätie 5"


def test_an_erased_person_is_never_brought_back(store: Store) -> None:
    _actor_id, contact_id = seed_martat(store)
    erase_person(store, contact_id)
    text = (
        "Nimi;Yhteyshenkilö;Puhelin;Sähköposti\n"
        "Esimerkkilän Martat;Helena V.;0405561200;\n"
        "Esimerkkilän Martat;Toinen Jäsen;;toinen@example.fi\n"
        "Uusi Yhdistys;Joku Muu;;Helena@EXAMPLE.fi\n"
    )
    with pytest.raises(ImportProblems) as error:
        run_import(store, plan_for(store, text))
    assert problems_of(error.value) == [(2, None), (4, None)]
    decisions = {
        erased_decision_key("esimerkkilän martat", "helena v"): "leave_out",
        erased_decision_key("uusi yhdistys", "joku muu"): "leave_out",
    }
    result = run_import(store, plan_for(store, text, decisions=decisions))
    assert result.counts["left_out"] == 2
    people = [c[1] for c in live_register(store.path)["contacts"]]
    assert people == ["Toinen Jäsen"]
    # Nothing of the person is kept in the file: only hashes, no name, number or address.
    dump = repr(database_dump(store.path))
    assert "Helena" not in dump and "5561200" not in dump


def test_undo_reverses_exactly_the_batch(store: Store) -> None:
    seed_martat(store)
    before = live_register(store.path)
    text = (
        "Nimi;Osoite;Yhteyshenkilö;Puhelin;Ensiapu\n"
        "Esimerkkilän Martat;Kotitie 1;Helena Virtanen;040 556 1200;x\n"
        "Esimerkkilän Martat;;Uusi Henkilö;050 111 2222;\n"
        "Uusi Yhdistys;Uusitie 2;Ulla Uusi;044 333 4444;x\n"
    )
    result = run_import(store, plan_for(store, text, "uudet.csv"))
    assert live_register(store.path) != before
    batch = latest_batch(store)
    assert batch is not None and batch.id == result.batch_id
    undone = undo_batch(store, batch.id)
    assert undone.conflicts == ()
    assert undone.trashed == 5 and undone.restored == 1
    assert live_register(store.path) == before
    assert latest_batch(store) is None
    with pytest.raises(UndoRefused):
        undo_batch(store, batch.id)
    # Taken back to the trash, not destroyed: the new actor can be brought back.
    assert any(r.name == "Uusi Yhdistys" for r in actors.trash(store))


def test_undo_lists_records_edited_since_instead_of_overwriting(store: Store) -> None:
    actor_id, _contact = seed_martat(store)
    text = (
        "Nimi;Osoite;Yhteyshenkilö\n"
        "Esimerkkilän Martat;Kotitie 1;\n"
        "Uusi Yhdistys;Uusitie 2;Ulla Uusi\n"
        "Kolmas Yhdistys;Kolmostie 3;\n"
    )
    result = run_import(store, plan_for(store, text))
    actors.update_actor(store, actor_id, {"address": "Korjattu tie 9"})
    third = search_actors(store, ActorFilter(text="Kolmas"))[0].id
    contacts.add_contact(store, third, {"name": "Lisätty Myöhemmin"})
    assert result.batch_id is not None
    undone = undo_batch(store, result.batch_id[:8])
    assert sorted((c.entity, c.name) for c in undone.conflicts) == [
        ("actor", "Esimerkkilän Martat ry"),
        ("actor", "Kolmas Yhdistys"),
    ]
    assert actors.get_actor(store, actor_id).address == "Korjattu tie 9"
    live = {name for name, *_rest in live_register(store.path)["actors"]}
    assert live == {"Esimerkkilän Martat ry", "Kolmas Yhdistys"}
    assert [b.undone_at is not None for b in list_batches(store)] == [True]


def test_workbook_numbers_are_read_as_finnish_phones_with_a_warning(store: Store) -> None:
    with pytest.raises(ImportProblems) as error:
        run_import(store, plan_for(store, phones_workbook(), "toimijat.xlsx"))
    # The formula in "Alue" stops the import; the one in the column not imported does not.
    assert problems_of(error.value) == [(3, "Alue")]
    result = run_import(
        store, plan_for(store, phones_workbook(with_formula=False), "toimijat.xlsx")
    )
    phones = {row[0]: row[6] for row in live_register(store.path)["actors"]}
    assert phones == {"Esimerkkilän Martat": "+358401234567", "Öljymäen VPK": "+358503334444"}
    assert [(w.row, w.column) for w in result.warnings] == [
        (3, "Jäseniä"),
        (2, "Puhelin"),
        (3, "Puhelin"),
    ]


def test_google_contacts_with_several_values_in_one_field(store: Store) -> None:
    run_import(store, plan_for(store, GOOGLE_NEW, "contacts.csv"))
    [contact] = live_register(store.path)["contacts"]
    assert contact[:6] == (
        "Öljymäen VPK",
        "Liisa Ström",
        "Varapäällikkö",
        "+358507654321",
        "+35892223333",
        "liisa@example.fi",
    )
    assert "liisa.strom@example.fi" in contact[6]  # the second address is kept in the notes


def test_google_contacts_old_export(store: Store) -> None:
    run_import(store, plan_for(store, GOOGLE_OLD, "google.csv"))
    people = {row[1]: row for row in live_register(store.path)["contacts"]}
    helena = people["Helena Virtanen"]
    assert helena[0] == "Esimerkkilän Marttayhdistys" and helena[2] == "Puheenjohtaja"
    assert helena[3:6] == ("+358405561200", "+35814123456", "HELENA.VIRTANEN@Example.fi")
    pekka = people["Pekka Nieminen"]
    assert pekka[0] == "Esimerkkilän VPK" and pekka[3] == "+358449876543"
    assert "+358451234567" in pekka[6]  # the second mobile number, kept in the notes


def test_outlook_contacts(store: Store) -> None:
    run_import(store, plan_for(store, OUTLOOK, "outlook.csv"))
    [actor] = live_register(store.path)["actors"]
    assert actor[0] == "Esimerkkilän seurakunta"
    assert actor[2] == "Esimerkkilä" and actor[4] == "https://seurakunta.example.fi"
    assert actor[6] == "+35814100200"  # the company's main number is the actor's own
    [person] = live_register(store.path)["contacts"]
    assert person[1:6] == (
        "Matti Meikäläinen",
        "Kirkkoherra",
        "+358401234567",
        "+35814222333",
        "matti@example.fi",
    )
    assert person[6] == "Avaimet kirkkoherranvirastossa"


def test_sahana_template_and_phone_vcards(store: Store) -> None:
    run_import(store, plan_for(store, SAHANA, "organisations.csv"))
    names = {row[0]: row for row in live_register(store.path)["actors"]}
    red_cross = names["Suomen Punainen Risti, Esimerkkilän osasto"]
    assert red_cross[1] == "readiness_organisation" and red_cross[6] == "+358207012000"
    assert "+358407001000" in red_cross[7]  # Phone2 kept, in the notes
    run_import(store, plan_for(store, IPHONE_30, "helena.vcf"))
    people = live_register(store.path)["contacts"]
    assert ("Esimerkkilän Marttayhdistys", "Helena Virtanen") in [p[:2] for p in people]


def test_cards_without_an_organisation_join_the_actor_chosen(store: Store) -> None:
    martat, _contact = seed_martat(store)
    with pytest.raises(ImportProblems) as error:
        run_import(store, plan_for(store, ANDROID_21, "android.vcf"))
    assert [(p.row, p.unit) for p in error.value.problems] == [(2, "card")]
    plan = plan_for(store, ANDROID_21, "android.vcf")
    plan.mapping.defaults["actor.name"] = "Esimerkkilän Martat ry"
    result = run_import(store, plan)
    people = {c.name for c in actors.get_actor(store, martat).contacts}
    assert "Sanna Seppälä" in people
    assert result.counts["actors_new"] == 0  # "Esimerkkilän Martat" is the same actor


def test_a_mapping_used_before_is_offered_for_the_same_headers(store: Store) -> None:
    text = "Järjestö;Kännykkä numero;Outo\nA;040 123 4567;x\n"
    plan = plan_for(store, text)
    assert plan.mapping.columns["Kännykkä numero"] is None
    mapping = Mapping(
        columns={"Järjestö": "actor.name", "Kännykkä numero": "actor.phone", "Outo": None}
    )
    run_import(store, plan_for(store, text, mapping=mapping))
    again = plan_for(store, "JÄRJESTÖ;kännykkä  numero;Outo\nB;050 1;\n")
    offered, batch = initial_mapping(store, again.table)
    assert batch is not None
    assert offered.columns["Kännykkä numero"] == "actor.phone"


def test_nothing_to_import_without_a_name_column(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportProblems) as error:
        run_import(store, plan_for(store, "Puhelin;Alue\n040 123 4567;Keskusta\n"))
    assert problems_of(error.value) == [(None, None)]
