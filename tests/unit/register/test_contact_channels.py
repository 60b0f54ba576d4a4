"""One value for a contact person's channels: every row that shows a contact extends
``ContactChannels`` instead of repeating its fields, and each reads the same channels."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from verkosto_desktop.data.details import ContactDetail
from verkosto_desktop.data.network import call_targets
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.register.contact_sheet import SheetContact, sheet_actors
from verkosto_desktop.data.register.whom_to_call import CallPerson
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.channels import ContactChannels

ROWS = (ContactDetail, SheetContact, call_targets.CallTarget, CallPerson)
CHANNELS = [f.name for f in dataclasses.fields(ContactChannels)]


@pytest.mark.parametrize("row", ROWS)
def test_rows_extend_the_one_value_and_never_repeat_its_fields(row: type) -> None:
    assert issubclass(row, ContactChannels)
    assert not set(CHANNELS) & set(inspect.get_annotations(row)), row


def _channels(value: ContactChannels) -> dict[str, object]:
    return {name: getattr(value, name) for name in CHANNELS}


def test_the_editor_the_sheet_and_the_call_round_read_the_same_channels(store: Store) -> None:
    actor = actors.create_actor(store, {"name": "Kylätalo ry", "membership_status": "member"})
    detail = contacts.add_contact(
        store,
        actor.id,
        {
            "name": "Sirpa",
            "landline": "09 123 4567",
            "email": "sirpa@example.fi",
            "radio": "PMR kanava 7",
            "walk_in": "Kylätalon kanslia",
            "reachable_24_7": True,
            "without_mobile_network": True,
        },
    )
    ((sheet,),) = [a.contacts for a in sheet_actors(store, [actor.id])]
    (target,) = call_targets.select_targets(store, "members")
    expected = _channels(detail)
    assert expected["mobile"] is None and expected["landline"] == "+35891234567"
    assert _channels(sheet) == expected == _channels(target)
    assert detail.phone == sheet.phone == target.phone == "+35891234567"
