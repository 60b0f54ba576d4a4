"""What the editor shows for one actor: its fields, contacts, capabilities and premises, with the
actions on it. Every change is saved as it is made; a refused write shows a bar with Retry."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.details import ActorDetail, CapabilityDetail, ContactDetail
from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.register import actors, capabilities, contacts, facilities
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.data.storage.store import Change, ChangeKind, Store
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.fitting_tabs import FittingTabs
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.forms.attempt import attempt
from verkosto_desktop.ui.forms.autosave import AutosaveForm
from verkosto_desktop.ui.forms.write_error import WriteErrorBar
from verkosto_desktop.ui.register.actor_details import NEW_ACTOR_DEFAULTS, ActorDetailsForm
from verkosto_desktop.ui.register.capability_editor import CapabilityForm
from verkosto_desktop.ui.register.catalogue_cache import Catalogues
from verkosto_desktop.ui.register.child_panel import ChildKind, ChildPanel
from verkosto_desktop.ui.register.contact_editor import ContactForm
from verkosto_desktop.ui.register.erase import erase_person
from verkosto_desktop.ui.register.facility_editor import FacilityForm
from verkosto_desktop.ui.register.history_dialog import HistoryDialog

TAB_DETAILS, TAB_CONTACTS, TAB_CAPABILITIES, TAB_FACILITIES = range(4)
# A capability that matches the register's filter (a dashboard cell, the phase, situation or
# category filters) is marked with this symbol and in bold, listed first, and explained in words.
MATCH_MARK = "◆"
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1  # True on the list items that match the filter


def _contact_number(contact: ContactDetail) -> str:
    return format_phone(contact.mobile or contact.landline)


def _describe_contact(contact: ContactDetail) -> str:
    parts = [("★ " if contact.is_primary else "") + contact.name]
    if number := _contact_number(contact):
        parts.append(number)
    if contact.reachable_24_7:
        parts.append("24/7")
    return "  ·  ".join(parts)


class ActorPage(QWidget):
    """What the editor shows for one actor (or a new one). ``actor_created(id)`` when a new actor
    was first saved; ``write_failed(message)`` when the disk refused a change (the bar offers
    Retry); ``emptied()`` when the actor shown is gone (trash, erasure)."""

    actor_created = Signal(str)
    write_failed = Signal(str)
    emptied = Signal()

    def __init__(self, store: Store, catalogues: Catalogues) -> None:
        super().__init__()
        self._store = store
        self._actor: ActorDetail | None = None
        self._new = False
        self._category_names: dict[str, str] = {}
        self._match = ActorFilter()  # the register's filter: which capabilities to mark

        self.title = QLabel()
        self.title.setObjectName("actorTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.verified = QLabel()
        self.verified.setObjectName("actorVerified")
        self.verified.setWordWrap(True)  # so the editor can be narrow
        self.verify_button = self._button(_("Verified today"), "actorVerify", self.verify)
        self.verify_button.setAccessibleName(_("Mark the actor verified today"))
        self.history_button = self._button(_("Histor&y…"), "actorHistory", self.open_history)
        self.delete_button = self._button(_("Move to trash"), "actorDelete", self.delete_actor)
        self.delete_button.setAccessibleName(_("Move the actor to the trash"))
        self.error_bar = WriteErrorBar()
        self.error_bar.retry_requested.connect(self.retry)

        self.details = ActorDetailsForm(store)
        self.details.form.created.connect(self._on_actor_created)
        self.contact_form = ContactForm(store)
        self.contact_form.erase_button.clicked.connect(self.erase_contact)
        self.contacts = ChildPanel(self._contact_kind(), self.contact_form)
        self.capability_form = CapabilityForm(store, catalogues)
        self.capabilities = ChildPanel(self._capability_kind(), self.capability_form)
        self.match_note = QLabel()
        self.match_note.setObjectName("capabilityMatchNote")
        self.match_note.setWordWrap(True)
        self.match_note.setContentsMargins(9, 6, 9, 0)  # in line with the list below it
        self.match_note.hide()
        self.facility_form = FacilityForm(store)
        self.facilities = ChildPanel(self._facility_kind(), self.facility_form)
        for form in self._forms():
            form.write_failed.connect(self._on_write_failed)
            form.write_recovered.connect(self._on_write_recovered)

        details_scroll = QScrollArea()
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it follows the focused field
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        details_scroll.setWidget(self.details)
        self.tabs = FittingTabs()
        self.tabs.setObjectName("actorTabs")
        self.tabs.setAccessibleName(_("Actor"))
        self.tabs.addTab(details_scroll, "")
        self.tabs.addTab(self.contacts, "")
        capability_tab = QWidget()
        capability_layout = QVBoxLayout(capability_tab)
        capability_layout.setContentsMargins(0, 0, 0, 0)
        capability_layout.setSpacing(0)
        capability_layout.addWidget(self.match_note)
        capability_layout.addWidget(self.capabilities, 1)
        self.tabs.addTab(capability_tab, "")
        self.tabs.addTab(self.facilities, "")

        # The name on its own lines, the buttons under it: in a narrow editor (1024 pixels) the
        # buttons wrap instead of squeezing a long name into a column of single words.
        actions = FlowLayout()
        actions.addWidget(self.verified)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.history_button)
        actions.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(actions)
        layout.addWidget(self.error_bar)
        layout.addWidget(self.tabs, 1)
        self.set_catalogues(catalogues)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- the kinds of child records -----------------------------------------------------------

    def _contact_kind(self) -> ChildKind:
        return ChildKind(
            name="contact",
            add_text=_("&Add contact"),
            empty_text=_("No contact persons yet. Add one: in a crisis, people call people."),
            title=_("Contacts"),
            records=lambda actor: actor.contacts,
            describe=_describe_contact,
            delete=lambda i: contacts.delete_contact(self._store, i),
            verify=lambda i: contacts.mark_contact_verified(self._store, i),
            # Entered today from what the person said: verified today, not "never".
            defaults=lambda actor: {
                "is_primary": not actor.contacts,
                "last_verified_on": actors.today(),
            },
            number=_contact_number,
        )

    def _capability_kind(self) -> ChildKind:
        return ChildKind(
            name="capability",
            add_text=_("&Add capability"),
            empty_text=_("No capabilities yet. What could this actor offer in a disruption?"),
            title=_("Capabilities"),
            records=self._capabilities_in_order,
            describe=self._describe_capability,
            delete=lambda i: capabilities.delete_capability(self._store, i),
            verify=lambda i: capabilities.update_capability(
                self._store, i, {"last_verified_on": actors.today()}
            ),
            defaults=lambda actor: {},
        )

    def _facility_kind(self) -> ChildKind:
        return ChildKind(
            name="facility",
            add_text=_("&Add premises"),
            empty_text=_("No premises recorded."),
            title=_("Premises"),
            records=lambda actor: actor.facilities,
            describe=lambda f: (
                f.name + (_(" · {count} people").format(count=f.capacity) if f.capacity else "")
            ),
            delete=lambda i: facilities.delete_facility(self._store, i),
            verify=lambda i: facilities.update_facility(
                self._store, i, {"last_verified_on": actors.today()}
            ),
            defaults=lambda actor: {},
        )

    def _describe_capability(self, capability: CapabilityDetail) -> str:
        name = self._category_names.get(capability.category_key, capability.category_key)
        text = f"{name}: {capability.description}" if capability.description else name
        phases = "".join(p.label()[:1] for p in Phase if p.value in capability.phases)
        text = f"{text}  [{phases}]" if phases else text
        return f"{MATCH_MARK} {text}" if self._matches(capability) else text

    # -- capabilities that match the register's filter ------------------------------------------

    def _matches(self, capability: CapabilityDetail) -> bool:
        return self._match.matches_capability(
            capability.category_key, capability.phases, capability.situations
        )

    def _capabilities_in_order(self, actor: ActorDetail) -> tuple[CapabilityDetail, ...]:
        """The actor's capabilities, those matching the filter first (each group in its order)."""
        return tuple(sorted(actor.capabilities, key=lambda c: not self._matches(c)))

    def set_match(self, flt: ActorFilter) -> None:
        """Mark the capabilities that ``flt`` (the register's filter) asks for."""
        if flt.narrows_capabilities == self._match.narrows_capabilities and (
            (flt.category, flt.phase, flt.situation)
            == (self._match.category, self._match.phase, self._match.situation)
        ):
            return
        self._match = ActorFilter(category=flt.category, phase=flt.phase, situation=flt.situation)
        if self._actor is not None:
            self._show_capabilities(self._actor)
            self._update_header()

    def matching_capabilities(self) -> list[str]:
        """Ids of the capabilities shown as matching the filter, in the list's order."""
        records = self.capabilities.records
        return [
            records.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(records.count())
            if records.item(row).data(MATCH_ROLE)
        ]

    def _show_capabilities(self, detail: ActorDetail | None) -> None:
        self.capabilities.show_actor(detail)
        records = self.capabilities.records
        by_id = {c.id: c for c in detail.capabilities} if detail is not None else {}
        matching = 0
        for row in range(records.count()):
            item = records.item(row)
            capability = by_id.get(item.data(Qt.ItemDataRole.UserRole))
            hit = capability is not None and self._matches(capability)
            item.setData(MATCH_ROLE, hit)
            if not hit:
                continue
            matching += 1
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(_("Matches the filter"))
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                _("Matches the filter: {capability}").format(
                    capability=item.text().removeprefix(MATCH_MARK).strip()
                ),
            )
        self._show_match_note(detail, matching)

    def _show_match_note(self, detail: ActorDetail | None, matching: int) -> None:
        if detail is None or not self._match.narrows_capabilities or not detail.capabilities:
            self.match_note.hide()
            return
        if matching:
            text = _("{mark} {count} of {total} capabilities match the register's filter.")
        else:
            text = _("None of the {total} capabilities matches the register's filter.")
        self.match_note.setText(
            text.format(mark=MATCH_MARK, count=matching, total=len(detail.capabilities))
        )
        self.match_note.show()

    def _forms(self) -> list[AutosaveForm]:
        return [
            self.details.form,
            self.contact_form.form,
            self.capability_form.form,
            self.facility_form.form,
        ]

    # -- showing an actor ---------------------------------------------------------------------

    @property
    def actor_id(self) -> str | None:
        return self.details.form.record_id

    @property
    def is_active(self) -> bool:
        """Whether it shows an actor, or a new one being typed in."""
        return self._actor is not None or self._new

    def flush(self) -> None:
        """Save whatever is typed and waiting for its pause."""
        for form in self._forms():
            form.flush()

    def show_actor(self, actor_id: str | None) -> None:
        """Show an actor (None: nothing). Does nothing when it is already shown."""
        if actor_id is not None and actor_id == self.actor_id:
            return
        self.flush()
        self._new = False
        self.error_bar.hide()
        detail = None
        if actor_id is not None:
            try:
                detail = actors.get_actor(self._store, actor_id)
            except NotFound:
                detail = None
        self._show(detail)

    def _show(self, detail: ActorDetail | None, reset: bool = True) -> None:
        self._actor = detail
        if detail is not None:
            self._new = False
        if reset:
            self.details.form.reset(detail.id if detail else None, detail or {})
        elif detail is not None:
            self.details.form.load(detail)
        self.details.show_actor_extras(detail)
        self.contacts.show_actor(detail)
        self._show_capabilities(detail)
        self.facilities.show_actor(detail)
        self._update_header()

    def _update_header(self) -> None:
        detail = self._actor
        new = detail is None and self._new
        self.title.setText(_("New actor") if new else (detail.name if detail else ""))
        if detail is None:
            self.verified.setText(_("Not saved yet: type a name first.") if new else "")
        elif detail.last_verified_on:
            self.verified.setText(
                _("Last verified {date}").format(date=format_date(detail.last_verified_on))
            )
        else:
            self.verified.setText(_("Never verified"))
        for button in (self.verify_button, self.history_button, self.delete_button):
            button.setEnabled(detail is not None)
        counts = (
            (len(detail.contacts), len(detail.capabilities), len(detail.facilities))
            if detail
            else (0, 0, 0)
        )
        # The short forms: for a narrow editor, where the full ones would not all be in sight.
        self.tabs.set_titles(TAB_DETAILS, _("Details"), _("Info"))
        self.tabs.set_titles(
            TAB_CONTACTS,
            _("Contacts ({count})").format(count=counts[0]),
            _("People ({count})").format(count=counts[0]),
        )
        capabilities_title = _("Capabilities ({count})").format(count=counts[1])
        capabilities_short = _("Can do ({count})").format(count=counts[1])
        matching = len(self.matching_capabilities()) if detail is not None else 0
        if matching:
            capabilities_title += f" {MATCH_MARK} {matching}"
            capabilities_short += f" {MATCH_MARK} {matching}"
        self.tabs.set_titles(TAB_CAPABILITIES, capabilities_title, capabilities_short)
        self.tabs.setTabToolTip(
            TAB_CAPABILITIES,
            _("{mark} {count} match the filter").format(mark=MATCH_MARK, count=matching)
            if matching
            else "",
        )
        self.tabs.set_titles(
            TAB_FACILITIES,
            _("Premises ({count})").format(count=counts[2]),
            _("Places ({count})").format(count=counts[2]),
        )
        for tab in (TAB_CONTACTS, TAB_CAPABILITIES, TAB_FACILITIES):
            self.tabs.setTabEnabled(tab, detail is not None)

    def start_new(self) -> None:
        """A new actor in the editor, with the name field focused; saved once it has a name."""
        self.flush()
        self.error_bar.hide()
        self._actor = None
        self._new = True
        self.details.form.reset(None, NEW_ACTOR_DEFAULTS)
        self.details.show_actor_extras(None)
        self.contacts.show_actor(None)
        self._show_capabilities(None)
        self.facilities.show_actor(None)
        self.tabs.setCurrentIndex(TAB_DETAILS)
        self._update_header()
        self.details.reload_areas()
        self.details.name.setFocus()

    def _on_actor_created(self, detail: ActorDetail) -> None:
        self._show(actors.get_actor(self._store, detail.id), reset=False)
        self.actor_created.emit(detail.id)

    def on_changes(self, changes: tuple[Change, ...]) -> None:
        """Show what another part of the program (or this editor) changed in the actor shown."""
        if any(c.kind is ChangeKind.ACTOR for c in changes):
            self.details.forget_names()
        actor_id = self.actor_id
        if actor_id is None or not any(
            c.kind is ChangeKind.ACTOR and actor_id in c.ids for c in changes
        ):
            return
        try:
            detail = actors.get_actor(self._store, actor_id)
        except NotFound:  # moved to the trash or erased, here or elsewhere
            self._show(None)
            self.emptied.emit()
            return
        self._show(detail, reset=False)

    def set_catalogues(self, catalogues: Catalogues) -> None:
        """Category and situation names (after the catalogues changed)."""
        self._category_names = names_by_key(catalogues.categories)
        self.capability_form.set_catalogues(catalogues)
        if self._actor is not None:
            self._show_capabilities(self._actor)

    # -- actions ------------------------------------------------------------------------------

    def verify(self) -> None:
        actor_id = self.actor_id
        if actor_id is not None:
            attempt(self, _("Verify"), lambda: actors.mark_actor_verified(self._store, actor_id))

    def delete_actor(self) -> None:
        """Move the actor shown to the trash (Edit → Trash brings it back)."""
        actor_id = self.actor_id
        if actor_id is None:
            return
        self.flush()
        attempt(self, _("Move to trash"), lambda: actors.delete_actor(self._store, actor_id))

    def open_history(self) -> None:
        """Past versions of the actor, with restore."""
        if self._actor is None:
            return
        self.flush()
        dialog = HistoryDialog(self._store, "actor", self._actor.id, self._actor.name, self)
        dialog.open()
        self.history_dialog = dialog

    def erase_contact(self) -> None:
        """Erase the contact shown, for good, after asking (a data-protection request)."""
        contact_id = self.contact_form.form.record_id
        contact = self._actor.contact(contact_id) if self._actor and contact_id else None
        if contact is None:
            return
        erase_person(self, self._store, contact.id, contact.name)

    # -- failed writes ------------------------------------------------------------------------

    def _on_write_failed(self, message: str) -> None:
        self.error_bar.show_failure(message)
        self.write_failed.emit(message)

    def _on_write_recovered(self) -> None:
        if not any(form.has_failed() for form in self._forms()):
            self.error_bar.hide()

    def retry(self) -> None:
        """Try every refused change again."""
        ok = True
        for form in self._forms():
            ok = form.retry() and ok
        if ok:
            self.error_bar.hide()
