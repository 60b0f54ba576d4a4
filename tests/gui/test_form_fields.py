"""The register's autosaving forms save by field name: every name a form binds is a field of
the typed value its write operation takes (``domain.writes``), so the one cast each form makes
from its values to that type is sound."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain import writes
from verkosto_desktop.ui.register.actor_details import ActorDetailsForm
from verkosto_desktop.ui.register.capability_editor import CapabilityForm
from verkosto_desktop.ui.register.catalogue_cache import read_catalogues
from verkosto_desktop.ui.register.contact_editor import ContactForm
from verkosto_desktop.ui.register.facility_editor import FacilityForm
from verkosto_desktop.ui.register.record_form import RecordForm


def _forms(store: Store) -> list[tuple[RecordForm, type]]:
    return [
        (ActorDetailsForm(store), writes.ActorFields),
        (ContactForm(store), writes.ContactFields),
        (FacilityForm(store), writes.FacilityFields),
        (CapabilityForm(store, read_catalogues(store)), writes.CapabilityFields),
    ]


@pytest.mark.parametrize("index", range(4))
def test_every_field_a_form_saves_is_a_typed_field(qtbot: QtBot, store: Store, index: int) -> None:
    form, typed = _forms(store)[index]
    qtbot.addWidget(form)
    bound = set(form.form._bindings)  # the names the form saves values under
    assert len(bound) >= 3
    assert bound <= set(typed.__optional_keys__), bound - set(typed.__optional_keys__)
