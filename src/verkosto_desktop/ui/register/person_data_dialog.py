"""Edit → "Person's data…": an access request. Type a name, see who matches, save everything the
file holds about them as JSON or as a readable PDF (``printouts.person``, as ``verkosto person``).
Gathering and writing run off the UI thread: a large register is searched through every text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.domain.text_safety import one_line
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.jobs import Job, JobRunner


class PersonDataDialog(QDialog):
    """Find people by name and save their data (see the module's description)."""

    def __init__(self, store: Store, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("personDataDialog")
        self.setWindowTitle(_("Person's data"))
        self.store = store
        self.data: dict[str, Any] | None = None
        self._runner = JobRunner(self)
        self.name = QLineEdit(name)
        self.name.setObjectName("personDataName")
        self.name.setPlaceholderText(_("Name or part of it"))
        self.name.setAccessibleName(_("Name"))
        self.find_button = QPushButton(_("&Find"))
        self.find_button.setObjectName("personDataFind")
        self.find_button.setDefault(True)
        self.matches = QListWidget()
        self.matches.setObjectName("personDataMatches")
        self.matches.setAccessibleName(_("People found"))
        self.status = QLabel(
            _(
                "Everything the file holds about a person: contact details and every past "
                "version, consent, call rounds, meetings, log entries and survey answers."
            )
        )
        self.status.setWordWrap(True)
        self.save_json = QPushButton(_("Save as &JSON…"))
        self.save_json.setObjectName("personDataSaveJson")
        self.save_pdf = QPushButton(_("Save as &PDF…"))
        self.save_pdf.setObjectName("personDataSavePdf")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        search = QHBoxLayout()
        search.addWidget(self.name, 1)
        search.addWidget(self.find_button)
        saving = QHBoxLayout()
        saving.addWidget(self.save_json)
        saving.addWidget(self.save_pdf)
        saving.addStretch(1)
        saving.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(search)
        layout.addWidget(self.status)
        layout.addWidget(self.matches, 1)
        layout.addLayout(saving)
        self.resize(560, 420)

        self.find_button.clicked.connect(self.look_up)
        self.name.returnPressed.connect(self.look_up)
        self.save_json.clicked.connect(lambda: self.save("json"))
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self._set_found(None)

    def _set_found(self, data: dict[str, Any] | None) -> None:
        self.data = data
        people = (data or {}).get("people", [])
        self.matches.clear()
        for person in people:
            organisation = (person.get("organisation") or {}).get("name", "")
            name = (person.get("person") or {}).get("name", "")
            self.matches.addItem(one_line(f"{name} — {organisation}" if organisation else name))
        enabled = bool(people)
        self.save_json.setEnabled(enabled)
        self.save_pdf.setEnabled(enabled)
        if data is not None:
            self.status.setText(
                _("People found: {count}").format(count=len(people))
                if people
                else _("Nobody in this file is called “{name}”.").format(name=data["query"])
            )

    def look_up(self) -> Job | None:
        """Gather the data of everyone matching the name typed (in the background)."""
        name = self.name.text().strip()
        if not name or self._runner.busy():
            return None
        store = self.store

        def work(_progress: Progress) -> dict[str, Any]:
            from verkosto_desktop.printouts.person import gather

            return gather(store, name)

        self.status.setText(_("Searching…"))
        job = self._runner.submit(work)
        if job is not None:
            job.succeeded.connect(lambda data: self._set_found(data))
            job.failed.connect(self._failed)
        return job

    def ask_path(self, form: str) -> Path | None:
        """Where to save (the system's dialog; None if cancelled)."""
        assert self.data is not None
        stem = slug(_("person's data") + " " + str(self.data["query"]), empty="data")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the person's data"),
            str(Path.home() / f"{stem}.{form}"),
            _("JSON files (*.json)") if form == "json" else _("PDF documents (*.pdf)"),
        )
        if not path:
            return None
        target = Path(path)
        return target if target.suffix else target.with_suffix(f".{form}")

    def save(self, form: str) -> Job | None:
        """Write the data found as ``json`` or ``pdf`` (in the background)."""
        if self.data is None or self._runner.busy():
            return None
        target = self.ask_path(form)
        if target is None:
            return None
        store, data = self.store, self.data

        def work(_progress: Progress) -> Path:
            from verkosto_desktop.printouts.person import write_person_data

            return write_person_data(store, data, target, form)

        job = self._runner.submit(work)
        if job is not None:
            job.succeeded.connect(
                lambda path: self.status.setText(_("Saved {path}").format(path=path))
            )
            job.failed.connect(self._failed)
        return job

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, _("Person's data"), message)

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)
