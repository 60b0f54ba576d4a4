"""The choices of the printouts section: which document, and the filters that apply to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.incident.incidents import IncidentDetail, list_incidents
from verkosto_desktop.data.incident.meetings import incident_meetings
from verkosto_desktop.data.register.search import ActorFilter, areas
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.enums import ActorKind, IncidentPhase, Phase
from verkosto_desktop.domain.timefmt import format_date, format_short
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.printouts import DocumentKind, PrintRequest

# Documents narrowed to one phase of readiness when one is chosen.
PHASE_DOCUMENTS = (DocumentKind.SITUATION, DocumentKind.PLAN)


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    # A long incident or situation name must not widen the window (the list shows it whole).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    return combo


class PrintChoices(QWidget):
    """A form: document, grouping, situation type, filters, members only, incident and meeting.
    ``changed`` fires whenever the resulting :meth:`request` may have changed.

    The meeting pack's incident may be any incident, closed ones too (their packs are printed
    for the record); its meeting is one of that incident's coordination meetings, or none (a
    pack for a meeting not yet held)."""

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
        self.meeting = _combo("exportMeeting")
        self._incidents: list[IncidentDetail] = []
        self.members_only = QCheckBox(_("Members only"))
        self.members_only.setObjectName("exportMembersOnly")
        self.form = QFormLayout(self)
        self.form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(_("Document"), self.document)
        self.form.addRow(_("Grouping"), self.group_by)
        # Told apart from the incident below (both "häiriötilanne" in Finnish).
        self.form.addRow(_("Kind of disruption"), self.situation)
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("Area"), self.area)
        self.form.addRow(_("Phase"), self.phase)
        self.form.addRow(_("Capability"), self.category)
        self.form.addRow(_("For the incident"), self.incident)
        self.form.addRow(_("Which meeting"), self.meeting)
        self.form.addRow("", self.members_only)
        self.reload()
        # The meetings follow the incident before anyone hears that the choices changed.
        self.incident.currentIndexChanged.connect(self._fill_meetings)
        for combo in (
            self.document,
            self.group_by,
            self.situation,
            self.kind,
            self.area,
            self.phase,
            self.category,
            self.meeting,
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
        # Open incidents first (newest first), then the closed ones.
        self._incidents = sorted(list_incidents(self.store), key=lambda i: not i.is_open)
        known = [(i.id, self._incident_text(i)) for i in self._incidents]
        self._fill(self.incident, known, all_text=_("The active incident"))
        self._fill_meetings()

    @staticmethod
    def _incident_text(incident: IncidentDetail) -> str:
        text = f"{incident.title} ({format_date(incident.started_at)})"
        if not incident.is_open:
            text += f" – {IncidentPhase.CLOSED.label().lower()}"
        return text

    def _chosen_incident_id(self) -> str | None:
        """The incident the pack is for: the chosen one, or the newest active one."""
        chosen = self.incident.currentData()
        if chosen is not None:
            return str(chosen)
        return next((i.id for i in self._incidents if i.is_open), None)

    def _fill_meetings(self) -> None:
        """The chosen incident's coordination meetings (the newest first)."""
        incident_id = self._chosen_incident_id()
        rows = incident_meetings(self.store, incident_id) if incident_id else []
        items = [(m.id, f"{m.title} ({format_short(m.starts_at)})") for m in reversed(rows)]
        self._fill(self.meeting, items, all_text=_("None: a pack for the next meeting"))

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

    def choose(
        self, document: str, incident_id: str | None = None, meeting_id: str | None = None
    ) -> None:
        """Select a document (and the meeting pack's incident and meeting) as if the user had."""
        self.reload()
        index = self.document.findData(DocumentKind(document).value)
        if index >= 0:
            self.document.setCurrentIndex(index)
        if incident_id is not None:
            found = self.incident.findData(incident_id)
            if found >= 0:
                self.incident.setCurrentIndex(found)
        found = self.meeting.findData(meeting_id) if meeting_id is not None else 0
        self.meeting.setCurrentIndex(max(found, 0))

    def _incident_for(self, kind: DocumentKind) -> str | None:
        if kind is DocumentKind.MEETING:
            return self.incident.currentData()
        if kind is DocumentKind.INCIDENT:
            # The report of the active incident (else of the newest) unless one is chosen.
            return self._chosen_incident_id()
        return None

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
            self.phase: actor_filters or kind in PHASE_DOCUMENTS,
            self.category: actor_filters,
            self.incident: kind in (DocumentKind.MEETING, DocumentKind.INCIDENT),
            self.meeting: kind is DocumentKind.MEETING,
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
            phase=phase if kind in PHASE_DOCUMENTS else None,
            incident_id=self._incident_for(kind),
            meeting_id=self.meeting.currentData() if kind is DocumentKind.MEETING else None,
            members_only=self.members_only.isChecked() and kind is DocumentKind.SITUATION,
        )
