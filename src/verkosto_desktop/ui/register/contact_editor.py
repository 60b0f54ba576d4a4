"""One contact person: every channel that may still work in an outage, consent, verification."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtWidgets import QPushButton

from verkosto_desktop.data.details import ContactDetail
from verkosto_desktop.data.register import contacts
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.writes import ContactFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.register.record_form import ChildForm


class ContactForm(ChildForm):
    """Edits one contact of ``actor_id``; a draft until it has a name."""

    def __init__(self, store: Store) -> None:
        super().__init__(
            # The keys are this form's field names; tests/gui/test_form_fields.py checks them.
            save=lambda contact_id, values: contacts.update_contact(
                store, contact_id, cast(ContactFields, values)
            ),
            create=self._create,
            required="name",
        )
        self._store = store
        self.name = self.add_line("name", _("Name"), name="contactName")
        self.role = self.add_line("role", _("Role"), placeholder=_("e.g. chair, on-call"))
        self.mobile = self.add_phone("mobile", _("Mobile"), name="contactMobile")
        self.landline = self.add_phone("landline", _("Landline"), name="contactLandline")
        self.email = self.add_line(
            "email",
            _("E-mail"),
            placeholder=_("e.g. {example}").format(example="etunimi@example.fi"),
        )
        self.radio = self.add_line(
            "radio", _("Radio"), placeholder=_("VIRVE, PMR channel or call sign")
        )
        self.walk_in = self.add_line(
            "walk_in", _("Walk-in or runner"), placeholder=_("where to find them on foot")
        )
        self.is_primary = self.add_check("is_primary", _("Primary contact"))
        self.reachable = self.add_check("reachable_24_7", _("Reachable 24/7"))
        self.without_mobile = self.add_check(
            "without_mobile_network", _("Reachable without the mobile network")
        )
        self.consent_on = self.add_date("consent_on", _("Consent given"))
        self.consent_method = self.add_line(
            "consent_method", _("How consent was given"), placeholder=_("e.g. signed form")
        )
        self.consent_share = self.add_check(
            "consent_share_with_authorities", _("May be shared with authorities")
        )
        self.consent_note = self.add_plain("consent_note", _("Consent note"), lines=2)
        self.notes = self.add_plain("notes", _("Notes"), lines=2)
        self.add_verified_row()

        self.erase_button = QPushButton(_("Erase person permanently…"))
        self.erase_button.setObjectName("eraseContact")
        self.erase_button.setToolTip(
            _("For a data-protection request: removes the person and every past version.")
        )
        self.delete_button = self.add_delete_row(
            "deleteContact", _("Move the contact to the trash"), self.erase_button
        )

    def _create(self, values: dict[str, Any]) -> ContactDetail:
        assert self.actor_id is not None
        return contacts.add_contact(self._store, self.actor_id, cast(ContactFields, values))
