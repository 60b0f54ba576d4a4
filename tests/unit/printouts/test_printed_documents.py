"""Each printed document on the demo network: the text a reader finds in the PDF (pypdf), in
Finnish order, with Finnish phone numbers, the confidentiality line and page numbers."""

from __future__ import annotations

import csv
import io
import re

import pytest
import vobject
from pypdf import PdfReader

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.incident import meetings
from verkosto_desktop.data.incident.incidents import active_incidents, list_incidents
from verkosto_desktop.data.incident.log import log_entries
from verkosto_desktop.data.incident.tasks import incident_tasks
from verkosto_desktop.data.network.action_plan import network_action_plan
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.register.contact_sheet import sheet_actor_ids, sheet_actors
from verkosto_desktop.data.register.offers import capability_offers
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.i18n import current_language
from verkosto_desktop.printouts import DocumentKind, PrintRequest
from verkosto_desktop.printouts.render import render

PAGE = re.compile(r"Sivu\s*(\d+)\s*/\s*(\d+)")
# Shared sheets say "sisältää henkilötietoja", internal ones "sisäiseen käyttöön".
CONFIDENTIAL = "LUOTTAMUKSELLINEN — "
SAMI_ACTOR = "Čáhcegeađgi sámesearvi Ŋuoŧŧos"
SAMI_PERSON = "Áile Đuŋŋá-Šiŋŋá"


def pdf(store: Store, request: PrintRequest) -> tuple[PdfReader, list[str]]:
    out = io.BytesIO()
    render(store, request, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return reader, [page.extract_text() for page in reader.pages]


def flat(texts: list[str]) -> str:
    return re.sub(r"\s+", " ", "\n".join(texts))


def assert_paged(texts: list[str], confidential: bool = True) -> None:
    for number, text in enumerate(texts, start=1):
        found = PAGE.search(text)
        assert found is not None and (int(found[1]), int(found[2])) == (number, len(texts))
        assert (CONFIDENTIAL in text) is confidential


@pytest.fixture
def sami_store(demo_store: Store) -> Store:
    actor = actors.create_actor(
        demo_store, {"name": SAMI_ACTOR, "kind": "association", "area": "Keskusta"}
    )
    contacts.add_contact(
        demo_store,
        actor.id,
        {
            "name": SAMI_PERSON,
            "role": "Sátnejođiheaddji",
            "mobile": "040 987 6543",
            "reachable_24_7": True,
        },
    )
    return demo_store


def test_contact_list_holds_every_actor_and_phone_in_finnish_order(sami_store: Store) -> None:
    reader, texts = pdf(sami_store, PrintRequest(DocumentKind.CONTACTS))
    text = flat(texts)
    people = sheet_actors(sami_store, search_actor_ids(sami_store, ActorFilter()))
    positions = []
    for actor in people:
        assert actor.name in text
        positions.append(text.index(actor.name))
        for contact in actor.contacts:
            assert contact.name in text
            if contact.mobile:
                assert format_phone(contact.mobile) in text
    assert positions == sorted(positions)
    assert [a.name for a in people] == sorted((a.name for a in people), key=sort_key)
    assert SAMI_ACTOR in text and SAMI_PERSON in text and "040 987 6543" in text
    assert_paged(texts)
    assert all(round(float(p.mediabox.width)) == 842 for p in reader.pages)  # A4 landscape


def test_contact_list_grouped_by_kind_has_each_group_once(demo_store: Store) -> None:
    _reader, texts = pdf(demo_store, PrintRequest(DocumentKind.CONTACTS, group_by="kind"))
    text = flat(texts)
    assert text.index("Kunta") < text.index("Seurakunta") < text.index("Yhdistys")
    ids = sheet_actor_ids(demo_store, ActorFilter(), "kind")
    names = [a.name for a in sheet_actors(demo_store, ids)]
    assert [text.index(n) for n in names] == sorted(text.index(n) for n in names)


def test_print_as_shown_holds_exactly_the_filtered_rows(demo_store: Store) -> None:
    shown = ActorFilter(text="esimerkkilän", kind="association", sort="name", descending=True)
    ids = search_actor_ids(demo_store, shown)
    assert 1 < len(ids) < len(search_actor_ids(demo_store, ActorFilter()))
    _reader, texts = pdf(demo_store, PrintRequest(DocumentKind.CONTACTS, shown))
    text = flat(texts)
    printed = sheet_actors(demo_store, ids)
    everyone = sheet_actors(demo_store, search_actor_ids(demo_store, ActorFilter()))
    for actor in everyone:
        assert (actor.name in text) == (actor.id in ids), actor.name
    # In the register's order (here descending by name), not re-sorted.
    assert [text.index(a.name) for a in printed] == sorted(text.index(a.name) for a in printed)
    assert "Haku: ”esimerkkilän”" in text and "Yhdistys" in texts[0]


def test_situation_card_lists_offers_per_phase_and_the_gaps(demo_store: Store) -> None:
    _reader, texts = pdf(demo_store, PrintRequest(DocumentKind.SITUATION, situation="power_outage"))
    text = flat(texts)
    assert "Tilannekortti" in text and "Sähkökatko" in text
    assert (
        text.index("Varautuminen")
        < text.index("Toiminta häiriötilanteessa")
        < text.index("Jälkihuolto")
    )
    offers = capability_offers(demo_store, ["power_outage"], audience=Audience.SHARED)
    categories = catalogues.capability_categories(demo_store)
    for offer in offers:
        assert offer.actor_name in text
        if offer.phone:
            assert format_phone(offer.phone) in text
    for phase in ("preparedness", "response", "recovery"):
        offered = {o.category_key for o in offers if phase in o.phases}
        missing = [c.name(current_language()) for c in categories if c.key not in offered]
        if missing:
            assert "Ei toimijaa: " + ", ".join(missing) in text
    assert_paged(texts)


def _activation_order(offers: list) -> list[tuple[bool, int]]:  # type: ignore[type-arg]
    return [
        (not o.reachable_24_7, o.activation_minutes if o.activation_minutes is not None else 10**6)
        for o in offers
    ]


def test_offers_put_24_7_first_then_the_quickest(demo_store: Store, store: Store) -> None:
    # The demo's offers: every 24/7 one first, and within each, the quickest to start first.
    offers = capability_offers(demo_store, ["power_outage"])
    order = _activation_order(offers)
    assert order == sorted(order) and any(o.reachable_24_7 for o in offers)
    assert len({minutes for _flag, minutes in order}) > 2
    # On the printed card, in one category of one phase, made so that neither the order of
    # entry nor the names nor the times alone give the expected order.
    made = [
        ("Aamukaste ry", False, 30),
        ("Betania ry", True, 120),
        ("Ceres ry", True, 15),
        ("Delta ry", False, 10),
        ("Elonkorjuu ry", False, None),
        ("Fiilis ry", True, None),
        ("Gamma ry", False, 1440),
    ]
    for name, always, minutes in made:
        actor = actors.create_actor(store, {"name": name, "kind": "association"})
        contacts.add_contact(
            store,
            actor.id,
            {
                "name": f"{name[:4]} Yhteyshenkilö",
                "mobile": "040 123 4567",
                "reachable_24_7": always,
                # Agreed to be named on shared sheets such as the situation card.
                "consent_on": "2026-01-15",
                "consent_share_with_authorities": True,
            },
        )
        capabilities.add_capability(
            store,
            actor.id,
            {
                "category_key": "catering",
                "description": "Keittoa",
                "activation_minutes": minutes,
                "phases": ["response"],
                "situations": ["power_outage"],
            },
        )
    expected = [
        ("Ceres ry", "15 min"),
        ("Betania ry", "2 h"),
        ("Fiilis ry", ""),
        ("Delta ry", "10 min"),
        ("Aamukaste ry", "30 min"),
        ("Gamma ry", "1 vrk"),
        ("Elonkorjuu ry", ""),
    ]
    assert [o.actor_name for o in capability_offers(store, ["power_outage"])] == [
        name for name, _time in expected
    ]
    request = PrintRequest(DocumentKind.SITUATION, situation="power_outage", phase="response")
    _reader, texts = pdf(store, request)
    text = flat(texts)
    places = [text.index(name) for name, _time in expected]
    assert places == sorted(places)  # printed in that order
    ends = [*places[1:], text.index("Ei toimijaa")]
    for (name, time), start, end in zip(expected, places, ends, strict=True):
        row = text[start:end]
        assert (time in row) if time else not re.search(r"\d+ (min|h|vrk)", row), (name, row)


def test_meeting_pack_follows_the_model_and_lists_members(demo_store: Store) -> None:
    _reader, texts = pdf(demo_store, PrintRequest(DocumentKind.MEETING))
    text = flat(texts)
    agenda = [
        "Tilannearvio",
        "Kunkin järjestön tilanne",
        "Yhdessä sovittu toimintasuunnitelma",
        "Tehtävänjako",
        "Asukkaiden tiedottaminen",
        "Seuraava kokous",
    ]
    places = [text.index(f"{n}. {item}") for n, item in enumerate(agenda, start=1)]
    assert places == sorted(places)
    for row in sheet_actors(
        demo_store, search_actor_ids(demo_store, ActorFilter(membership="member"))
    ):
        assert row.name in text
    incident = active_incidents(demo_store)[0]
    assert incident.title in text
    # The incident's facts, each under its own label (two "Häiriötilanne:" lines were confusing).
    assert f"Häiriötilanteen nimi: {incident.title}" in text
    assert "Häiriötilanteen tyypit: Sähkökatko, Tietoliikennekatko" in text
    assert "Häiriötilanne:" not in text
    for line in log_entries(demo_store, incident.id):
        assert line.text in text
    for task in incident_tasks(demo_store, incident.id):
        assert (task.title in text) == task.is_open
    assert "Allekirjoitus" in text and "Osallistujat" in text
    # What the network can offer now: the capabilities for the incident's situation types in
    # its current phase (response), and only those.
    start = text.index("Mitä verkosto voi tarjota nyt (Toiminta häiriötilanteessa)")
    offered = text[start : text.index("Avoimet tehtävät", start)]
    relevant = [
        o for o in capability_offers(demo_store, incident.situations) if "response" in o.phases
    ]
    assert relevant
    for offer in relevant:
        assert offer.actor_name in offered and flat([offer.description]) in offered
    relevant_ids = {o.id for o in relevant}
    texts_of_relevant = {flat([o.description]) for o in relevant}
    others = [
        o
        for o in capability_offers(
            demo_store, [e.key for e in catalogues.situation_types(demo_store)]
        )
        if o.id not in relevant_ids and flat([o.description]) not in texts_of_relevant
    ]
    assert others  # capabilities only for other situation types or other phases
    for offer in others:
        assert flat([offer.description]) not in offered, offer.description
    assert_paged(texts)


def test_meeting_pack_of_a_meeting_prints_its_details_and_decisions(demo_store: Store) -> None:
    (incident,) = active_incidents(demo_store)
    names = actors.actor_names(demo_store)
    held = meetings.hold_meeting(
        demo_store,
        incident.id,
        {
            "organiser_id": names[0][0],
            "attendees": [names[1][0], names[2][0]],
            "place": "Kunnantalo, valtuustosali",
        },
    )
    meetings.add_decision(demo_store, held.id, "Lämpimät tilat auki ympäri vuorokauden.")
    request = PrintRequest(DocumentKind.MEETING, meeting_id=held.id)  # the incident follows
    _reader, texts = pdf(demo_store, request)
    text = flat(texts)
    part = text[text.index(f"Kokous: {held.title}") : text.index("Esityslista")]
    assert incident.title in text
    assert f"Koolle kutsuja: {names[0][1]}" in part and "Kunnantalo, valtuustosali" in part
    assert "Osallistujat (2)" in part and names[1][1] in part and names[2][1] in part
    assert "1. Lämpimät tilat auki ympäri vuorokauden." in part
    assert "Päivä:" not in text  # its date and place are printed, not left blank
    # A meeting of another incident does not go into this incident's pack.
    storm = next(i for i in list_incidents(demo_store) if not i.is_open)
    with pytest.raises(ValidationError):
        pdf(
            demo_store, PrintRequest(DocumentKind.MEETING, incident_id=storm.id, meeting_id=held.id)
        )


def test_meeting_pack_without_an_incident_has_agenda_and_attendance(store: Store) -> None:
    actors.create_actor(store, {"name": "Kylän Martat", "membership_status": "member"})
    _reader, texts = pdf(store, PrintRequest(DocumentKind.MEETING))
    text = flat(texts)
    assert "1. Tilannearvio" in text and "Kylän Martat" in text and "Loki tähän asti" not in text


def test_action_plan_by_phase_without_personal_data(demo_store: Store) -> None:
    _reader, texts = pdf(demo_store, PrintRequest(DocumentKind.PLAN))
    text = flat(texts)
    items = network_action_plan(demo_store)
    assert items
    for item in items:
        assert item.title in text and item.responsible_name in text
    assert text.index("Varautuminen") < text.index("Jälkihuolto")
    assert_paged(texts, confidential=False)


def test_pocket_list_is_a6_with_only_24_7_contacts(demo_store: Store) -> None:
    reader, texts = pdf(demo_store, PrintRequest(DocumentKind.POCKET))
    text = flat(texts)
    everyone = sheet_actors(demo_store, search_actor_ids(demo_store, ActorFilter()))
    on_call = [c for a in everyone for c in a.contacts if c.reachable_24_7]
    others = [c for a in everyone for c in a.contacts if not c.reachable_24_7 and c.mobile]
    assert on_call and others
    for contact in on_call:
        assert contact.name in text
        if contact.mobile:
            assert format_phone(contact.mobile) in text
    for contact in others:
        assert format_phone(contact.mobile) not in text
    assert all(round(float(p.mediabox.width)) == 298 for p in reader.pages)
    assert_paged(texts)


def test_csv_opens_in_finnish_excel_and_neutralises_formulas(demo_store: Store) -> None:
    actors.create_actor(demo_store, {"name": '=HYPERLINK("http://x")', "area": "@Keskusta"})
    out = io.BytesIO()
    render(demo_store, PrintRequest(DocumentKind.CSV), out)
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "Toimija" and "Matkapuhelin" in header
    everyone = sheet_actors(demo_store, search_actor_ids(demo_store, ActorFilter()))
    assert len(body) == sum(max(len(a.contacts), 1) for a in everyone)
    for row in body:
        assert not row[0].startswith(("=", "+", "-", "@")) and all(
            not cell.startswith(("=", "+", "@")) for cell in row
        )
    assert any(row[0] == '\'=HYPERLINK("http://x")' and row[2] == "'@Keskusta" for row in body)


def test_vcards_hold_every_contact_with_its_numbers(demo_store: Store) -> None:
    out = io.BytesIO()
    count = render(demo_store, PrintRequest(DocumentKind.VCARD), out)
    cards = list(vobject.readComponents(out.getvalue().decode("utf-8")))
    assert len(cards) == count
    everyone = sheet_actors(demo_store, search_actor_ids(demo_store, ActorFilter()))
    by_name = {card.fn.value: card for card in cards}
    for actor in everyone:
        for contact in actor.contacts:
            card = by_name[contact.name]
            numbers = {tel.value for tel in card.contents.get("tel", [])}
            assert {n for n in (contact.mobile, contact.landline) if n} <= numbers
