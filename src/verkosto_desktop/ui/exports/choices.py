"""The choices of the export section: which document, and the filters that apply to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.incidents import active_incidents
from verkosto_desktop.data.search import ActorFilter, areas
from verkosto_desktop.data.store import Store
from verkosto_desktop.domain.enums import ActorKind, Phase
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.printouts import DocumentKind, PrintRequest


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    return combo


class ExportChoices(QWidget):
    """A form: document, grouping, situation type, filters, members only, incident.
    ``changed`` fires whenever the resulting :meth:`request` may have changed."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.document = _combo("exportDocument")
        for kind in DocumentKind:
            self.document.addItem(kind.label(), kind.value)
        self.group_by = _combo("exportGroupBy")
        for key, text in (("kind", _("by kind")), ("area", _("by area")), ("none", _("none"))):
            self.group_by.addItem(text, key)
        self.situation = _combo("exportSituation")
        self.kind = _combo("exportKindFilter")
        self.area = _combo("exportArea")
        self.phase = _combo("exportPhase")
        self.category = _combo("exportCategory")
        self.incident = _combo("exportIncident")
        self.members_only = QCheckBox(_("Members only"))
        self.members_only.setObjectName("exportMembersOnly")
        self.form = QFormLayout(self)
        self.form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(_("Document"), self.document)
        self.form.addRow(_("Grouping"), self.group_by)
        self.form.addRow(_("Disruption"), self.situation)
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("Area"), self.area)
        self.form.addRow(_("Phase"), self.phase)
        self.form.addRow(_("Capability"), self.category)
        self.form.addRow(_("Incident"), self.incident)
        self.form.addRow("", self.members_only)
        self.reload()
        for combo in (
            self.document,
            self.group_by,
            self.situation,
            self.kind,
            self.area,
            self.phase,
            self.category,
            self.incident,
        ):
            combo.currentIndexChanged.connect(self._on_changed)
        self.members_only.toggled.connect(self._on_changed)
        self._on_changed()

    def reload(self) -> None:
        """Fill the choices from the data (catalogues, areas and incidents may have changed)."""
        language = current_language()
        self._fill(self.kind, [(k.value, k.label()) for k in ActorKind])
        self._fill(self.area, [(a, a) for a in areas(self.store)])
        self._fill(self.phase, [(p.value, p.label()) for p in Phase])
        self._fill(
            self.category,
            [(e.key, e.name(language)) for e in catalogues.capability_categories(self.store)],
        )
        self._fill_situations()
        known = [
            (i.id, f"{i.title} ({format_date(i.started_at)})") for i in active_incidents(self.store)
        ]
        self._fill(self.incident, known, all_text=_("The active incident"))

    def _fill_situations(self) -> None:
        entries = [
            (e.key, e.name(current_language())) for e in catalogues.situation_types(self.store)
        ]
        # The situation card is always about one type; as a filter, "all" is a choice.
        all_text = None if self.kind_chosen() is DocumentKind.SITUATION else _("All")
        self._fill(self.situation, entries, all_text=all_text)

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]], all_text: str | None = "") -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if all_text is not None:
            combo.addItem(all_text or _("All"), None)
        for key, text in items:
            combo.addItem(text, key)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def choose(self, document: str, incident_id: str | None = None) -> None:
        """Select a document (and the meeting pack's incident) as if the user had."""
        self.reload()
        index = self.document.findData(DocumentKind(document).value)
        if index >= 0:
            self.document.setCurrentIndex(index)
        if incident_id is not None:
            found = self.incident.findData(incident_id)
            if found >= 0:
                self.incident.setCurrentIndex(found)

    def kind_chosen(self) -> DocumentKind:
        return DocumentKind(self.document.currentData())

    def _on_changed(self) -> None:
        kind = self.kind_chosen()
        has_all = self.situation.findData(None) >= 0
        if has_all == (kind is DocumentKind.SITUATION):
            self._fill_situations()
            if kind is not DocumentKind.SITUATION:
                self.situation.setCurrentIndex(0)  # as a filter, start from "all"
        actor_filters = kind.uses_actor_filter
        visible = {
            self.group_by: kind is DocumentKind.CONTACTS,
            self.situation: actor_filters or kind is DocumentKind.SITUATION,
            self.kind: actor_filters,
            self.area: actor_filters,
            self.phase: actor_filters or kind in (DocumentKind.SITUATION, DocumentKind.PLAN),
            self.category: actor_filters,
            self.incident: kind is DocumentKind.MEETING,
            self.members_only: actor_filters or kind is DocumentKind.SITUATION,
        }
        for widget, show in visible.items():
            self.form.setRowVisible(widget, show)
        self.changed.emit()

    def request(self) -> PrintRequest:
        """The document and choices as they stand."""
        kind = self.kind_chosen()
        situation = self.situation.currentData()
        phase = self.phase.currentData()
        flt = ActorFilter()
        if kind.uses_actor_filter:
            flt = ActorFilter(
                kind=self.kind.currentData(),
                area=self.area.currentData(),
                phase=phase,
                situation=situation,
                category=self.category.currentData(),
                membership="member" if self.members_only.isChecked() else None,
            )
        return PrintRequest(
            kind,
            filter=flt,
            group_by=self.group_by.currentData() or "none",
            situation=situation if kind is DocumentKind.SITUATION else None,
            phase=phase if kind in (DocumentKind.SITUATION, DocumentKind.PLAN) else None,
            incident_id=self.incident.currentData() if kind is DocumentKind.MEETING else None,
            members_only=self.members_only.isChecked() and kind is DocumentKind.SITUATION,
        )
