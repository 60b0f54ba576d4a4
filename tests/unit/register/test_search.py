from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pg_support import second_store
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.register.search import (
    ActorFilter,
    actor_rows,
    build_match,
    search_actor_ids,
    search_actors,
)
from verkosto_desktop.data.register.search_phones import digit_match
from verkosto_desktop.data.register.text_match import TextMatch
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key


@pytest.fixture
def fixture_store(store: Store) -> dict[str, str]:
    """A known register: four actors with contacts and capabilities."""
    ids: dict[str, str] = {}
    martat = actors.create_actor(
        store,
        {
            "name": "Esimerkkilän Martat",
            "kind": "association",
            "area": "Keskusta",
            "last_verified_on": date(2026, 10, 1),
        },
    )
    contacts.add_contact(
        store,
        martat.id,
        {
            "name": "Maija Meikäläinen",
            "mobile": "040 123 4567",
            "email": "maija@example.fi",
            "is_primary": True,
        },
    )
    capabilities.add_capability(
        store,
        martat.id,
        {
            "category_key": "catering",
            "description": "Soppatykki",
            "phases": ["response"],
            "situations": ["power_outage"],
        },
    )
    ids["martat"] = martat.id
    vpk = actors.create_actor(
        store,
        {
            "name": "Öljymäen VPK",
            "kind": "readiness_organisation",
            "area": "Kirkonkylä",
            "last_verified_on": date(2024, 1, 1),
        },
    )
    contacts.add_contact(store, vpk.id, {"name": "Timo Hämäläinen", "landline": "09 765 4321"})
    capabilities.add_capability(
        store,
        vpk.id,
        {
            "category_key": "power_supply",
            "description": "Aggregaatti",
            "phases": ["response", "recovery"],
            "situations": ["power_outage", "storm"],
        },
    )
    ids["vpk"] = vpk.id
    parish = actors.create_actor(
        store,
        {
            "name": "Ähtärin seurakunta",
            "kind": "parish",
            "area": "Keskusta",
            "membership_status": "candidate",
        },
    )
    capabilities.add_capability(
        store,
        parish.id,
        {
            "category_key": "catering",
            "description": "Keittiö",
            "phases": ["recovery"],
            "situations": ["storm"],
        },
    )
    ids["parish"] = parish.id
    school = actors.create_actor(
        store,
        {
            "name": "Aapiskoulu",
            "kind": "municipality",
            "area": "Ylikylä",
            "last_verified_on": date(2026, 11, 1),
        },
    )
    ids["school"] = school.id
    store.fixture_ids = ids  # type: ignore[attr-defined]
    return ids


def _names(store: Store, **filters: object) -> list[str]:
    return [
        row.name for row in search_actors(store, ActorFilter(today=date(2026, 11, 28), **filters))
    ]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "typed", ["0401234567", "040 123", "040-1234", "+358 40 123", "00358401", "1234567", "4567"]
)
def test_phone_digits_in_any_format_find_the_contact(
    store: Store, fixture_store: dict, typed: str
) -> None:
    assert _names(store, text=typed) == ["Esimerkkilän Martat"]


def test_landline_digits_find_the_actor(store: Store, fixture_store: dict) -> None:
    assert _names(store, text="09 765") == ["Öljymäen VPK"]
    assert _names(store, text="7654321") == ["Öljymäen VPK"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("martat", ["Esimerkkilän Martat"]),
        ("meikäläinen", ["Esimerkkilän Martat"]),
        ("maija@example", ["Esimerkkilän Martat"]),
        ("soppa", ["Esimerkkilän Martat"]),
        ("aggregaatti", ["Öljymäen VPK"]),
        ("hämäl", ["Öljymäen VPK"]),
        ("keskusta", ["Esimerkkilän Martat", "Ähtärin seurakunta"]),
        ("KESKUSTA martat", ["Esimerkkilän Martat"]),
        ("ruokahuolto", ["Esimerkkilän Martat", "Ähtärin seurakunta"]),
        ("nobody", []),
    ],
)
def test_free_text_finds_names_areas_contacts_emails_and_capabilities(
    store: Store, fixture_store: dict, typed: str, expected: list[str]
) -> None:
    assert _names(store, text=typed) == expected


def test_results_are_in_finnish_order(store: Store, fixture_store: dict) -> None:
    assert _names(store) == [
        "Aapiskoulu",
        "Esimerkkilän Martat",
        "Ähtärin seurakunta",
        "Öljymäen VPK",
    ]
    assert _names(store, descending=True)[0] == "Öljymäen VPK"


def test_filters_narrow_to_exactly_the_expected_rows(store: Store, fixture_store: dict) -> None:
    assert _names(store, kind="parish") == ["Ähtärin seurakunta"]
    assert _names(store, phase="recovery") == ["Ähtärin seurakunta", "Öljymäen VPK"]
    assert _names(store, situation="power_outage") == ["Esimerkkilän Martat", "Öljymäen VPK"]
    assert _names(store, category="catering") == ["Esimerkkilän Martat", "Ähtärin seurakunta"]
    # Phase, situation and category apply to one and the same capability.
    assert _names(store, category="catering", phase="recovery", situation="power_outage") == []
    assert _names(store, category="catering", phase="recovery", situation="storm") == [
        "Ähtärin seurakunta"
    ]
    assert _names(store, membership="candidate") == ["Ähtärin seurakunta"]
    assert _names(store, stale_months=12) == ["Ähtärin seurakunta", "Öljymäen VPK"]
    assert _names(store, area="Keskusta", phase="response") == ["Esimerkkilän Martat"]


def test_health_filters(store: Store, fixture_store: dict) -> None:
    assert _names(store, health="no_capability") == ["Aapiskoulu"]
    assert _names(store, health="no_24_7") == [
        "Aapiskoulu",
        "Esimerkkilän Martat",
        "Ähtärin seurakunta",
        "Öljymäen VPK",
    ]
    assert _names(store, health="no_phone") == ["Aapiskoulu", "Ähtärin seurakunta"]
    assert _names(store, health="no_consent") == ["Esimerkkilän Martat", "Öljymäen VPK"]


# What each column shows for the fixture's actors, written out by hand (None: empty cell).
_COLUMNS: dict[str, dict[str, object]] = {
    "kind": {  # the Finnish labels the table shows
        "Esimerkkilän Martat": "Yhdistys",
        "Öljymäen VPK": "Valmiusjärjestö",
        "Ähtärin seurakunta": "Seurakunta",
        "Aapiskoulu": "Kunta",
    },
    "area": {
        "Esimerkkilän Martat": "Keskusta",
        "Öljymäen VPK": "Kirkonkylä",
        "Ähtärin seurakunta": "Keskusta",
        "Aapiskoulu": "Ylikylä",
    },
    "contact": {
        "Esimerkkilän Martat": "Maija Meikäläinen",
        "Öljymäen VPK": "Timo Hämäläinen",
        "Ähtärin seurakunta": None,
        "Aapiskoulu": None,
    },
    "phone": {
        "Esimerkkilän Martat": "+358401234567",
        "Öljymäen VPK": "+35897654321",
        "Ähtärin seurakunta": None,
        "Aapiskoulu": None,
    },
    "capabilities": {
        "Esimerkkilän Martat": 1,
        "Öljymäen VPK": 1,
        "Ähtärin seurakunta": 1,
        "Aapiskoulu": 0,
    },
    "phases": {
        "Esimerkkilän Martat": 1,
        "Öljymäen VPK": 2,
        "Ähtärin seurakunta": 1,
        "Aapiskoulu": 0,
    },
    "verified": {
        "Esimerkkilän Martat": date(2026, 10, 1),
        "Öljymäen VPK": date(2024, 1, 1),
        "Ähtärin seurakunta": None,
        "Aapiskoulu": date(2026, 11, 1),
    },
}
_COLUMNS["name"] = {name: name for name in _COLUMNS["area"]}


def _finnish(text: str) -> str:
    """Finnish alphabetical order, independently of the program's collation: å, ä, ö after z."""
    after_z = {"å": "{", "ä": "|", "ö": "}"}  # the three characters after "z" in ASCII
    return "".join(after_z.get(c, c) for c in text.lower())


def _comparable(value: object) -> object:
    return _finnish(value) if isinstance(value, str) else value


@pytest.mark.parametrize("key", sorted(_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_by_each_column_gives_the_expected_order(
    store: Store, fixture_store: dict, key: str, descending: bool
) -> None:
    values = _COLUMNS[key]
    by_name = sorted(values, key=_finnish)
    filled = [n for n in by_name if values[n] is not None]
    empty = [n for n in by_name if values[n] is None]
    # Python's sort is stable also in reverse: ties stay in name order, as the table keeps them.
    ordered = sorted(filled, key=lambda n: _comparable(values[n]), reverse=descending)
    # Empty cells come first going up and last going down (SQLite's NULL order).
    expected = ordered + empty if descending else empty + ordered
    assert _names(store, sort=key, descending=descending) == expected


def test_the_expected_orders_are_the_finnish_ones(store: Store, fixture_store: dict) -> None:
    # A few orders written out, so that the computation above cannot drift with the program.
    assert _names(store, sort="name") == [
        "Aapiskoulu",
        "Esimerkkilän Martat",
        "Ähtärin seurakunta",
        "Öljymäen VPK",
    ]
    assert _names(store, sort="kind") == [
        "Aapiskoulu",
        "Ähtärin seurakunta",
        "Öljymäen VPK",
        "Esimerkkilän Martat",
    ]
    assert _names(store, sort="area") == [
        "Esimerkkilän Martat",
        "Ähtärin seurakunta",
        "Öljymäen VPK",
        "Aapiskoulu",
    ]
    assert _names(store, sort="verified") == [
        "Ähtärin seurakunta",
        "Öljymäen VPK",
        "Esimerkkilän Martat",
        "Aapiskoulu",
    ]


def test_deleted_actors_are_not_found(store: Store, fixture_store: dict) -> None:
    actors.delete_actor(store, fixture_store["martat"])
    assert _names(store, text="martat") == []
    actors.restore_actor(store, fixture_store["martat"])
    assert _names(store, text="martat") == ["Esimerkkilän Martat"]


def test_rows_carry_what_the_table_shows(store: Store, fixture_store: dict) -> None:
    (row,) = search_actors(store, ActorFilter(text="martat"))
    assert (row.contact_name, row.phone, row.categories) == (
        "Maija Meikäläinen",
        "+358401234567",
        ("catering",),
    )
    assert row.phases == frozenset({"response"}) and row.situations == frozenset({"power_outage"})


@pytest.fixture
def searchable(store: Store, fixture_store: dict) -> list[str]:
    """The known register plus two actors in the trash whose names match common searches;
    returns the live actors' ids in name order (Finnish order, then id), worked out here."""
    for name in ("Esimerkkilän Marttakerho", "Öljymäen VPK:n nuoret"):
        gone = actors.create_actor(store, {"name": name})
        contacts.add_contact(store, gone.id, {"name": "Maija Poistettu", "mobile": "040 123 9999"})
        actors.delete_actor(store, gone.id)
    live = actors.actor_names(store)
    return [actor_id for actor_id, name in sorted(live, key=lambda a: (sort_key(a[1]), a[0]))]


def _assert_a_proper_result(store: Store, text: str, live_in_order: list[str]) -> list[str]:
    """No error; only live actors, each once, in name order."""
    found = search_actor_ids(store, ActorFilter(text=text))
    assert len(found) == len(set(found)), text
    assert set(found) <= set(live_in_order), text
    positions = [live_in_order.index(actor_id) for actor_id in found]
    assert positions == sorted(positions), text
    return found


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "*",
        "-",
        "OR",
        "AND",
        "NOT",
        "(",
        ")",
        "a OR b",
        'mar"tat',
        "NEAR(",
        "^",
        "'",
        ":",
        "{x}",
        "e*",
        "-martat",
        "maija NOT timo",
    ],
)
def test_fts_syntax_typed_by_the_user_is_just_a_search(
    store: Store, searchable: list[str], typed: str
) -> None:
    _assert_a_proper_result(store, typed, searchable)


def test_the_properties_hold_on_results_that_are_not_empty(
    store: Store, searchable: list[str]
) -> None:
    # The checks of the fuzz tests below bite: these searches find several actors, one of
    # them only in the trash as well.
    assert len(_assert_a_proper_result(store, "k", searchable)) >= 3
    assert len(_assert_a_proper_result(store, "maija", searchable)) == 1
    assert len(_assert_a_proper_result(store, "", searchable)) == len(searchable)


FRAGMENTS = st.sampled_from(
    ["e", "es", "mar", "Martat", "öljy", "VPK", "maija", "040", "040 123", "ähtä", "a", "x"]
)


@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.one_of(st.text(max_size=40), FRAGMENTS, st.lists(FRAGMENTS, max_size=3).map(" ".join)))
def test_any_text_is_a_search_never_a_syntax_error(
    store: Store, searchable: list[str], text: str
) -> None:
    _assert_a_proper_result(store, text, searchable)


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(data=st.data())
def test_the_beginning_of_any_word_of_a_name_finds_the_actor(
    store: Store, searchable: list[str], data: st.DataObject
) -> None:
    actor_id, name = data.draw(st.sampled_from(actors.actor_names(store)))
    word = data.draw(st.sampled_from(name.split()))
    typed = word[: data.draw(st.integers(min_value=1, max_value=len(word)))]
    assert actor_id in _assert_a_proper_result(store, typed, searchable), typed


def test_build_match_quotes_every_term() -> None:
    assert build_match("") is None
    assert build_match("  -- ") is None
    assert build_match("mar tat") == TextMatch('"mar"* AND "tat"*', None)
    assert build_match('a"b') == TextMatch('"a b"*', None)
    # Digits alone are looked for among the phone numbers and the words starting with digits.
    assert build_match("040 123") == TextMatch(None, f"({digit_match('040123')})")
    assert build_match("tie 47") == TextMatch('"tie"*', f"({digit_match('47')})")


def test_kept_order_follows_writes_from_this_and_other_programs(
    store: Store, fixture_store: dict
) -> None:
    assert _names(store, text="a")[:1] == ["Aapiskoulu"]
    actors.create_actor(store, {"name": "Aaltosen kerho"})
    assert _names(store, text="a")[:2] == ["Aaltosen kerho", "Aapiskoulu"]
    # Another program (a second store on the same file, like the command line beside the window).
    other = second_store(store)
    try:
        actors.create_actor(other, {"name": "Aakkosseura"})
        actors.delete_actor(other, fixture_store["school"])
    finally:
        other.close()
    assert _names(store, text="a")[:2] == ["Aakkosseura", "Aaltosen kerho"]
    assert "Aapiskoulu" not in _names(store)


def test_a_change_by_another_program_is_found_at_once(store: Store, fixture_store: dict) -> None:
    # No order is kept between searches (a file's time stamp may not change, e.g. on FAT):
    # every search asks the file.
    assert _names(store, text="uusi") == []
    assert _names(store)[0] == "Aapiskoulu"
    with second_store(store) as other:
        added = actors.create_actor(other, {"name": "Uusi yhdistys"}).id
        actors.delete_actor(other, fixture_store["school"])
    assert search_actor_ids(store, ActorFilter(text="uusi")) == [added]
    assert [row.name for row in actor_rows(store, search_actor_ids(store, ActorFilter()))] == [
        "Esimerkkilän Martat",
        "Uusi yhdistys",
        "Ähtärin seurakunta",
        "Öljymäen VPK",
    ]
