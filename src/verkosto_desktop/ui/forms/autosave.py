"""A form whose every edit is saved as it is made: on focus-out, on Return, or after a short pause.

Each input is bound to a field key of a data-layer operation. A commit hands that one field to
the operation. ``ValidationError`` marks the field with the reason and keeps the typed text;
``WriteFailed`` keeps the text too and reports the failure, and ``retry()`` tries again. Nothing
the user typed is ever thrown away by the form itself.

A form without a record (``record_id is None``) is a draft: the first commit that has the
required field creates the record with everything typed so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from verkosto_desktop.data.errors import NotFound, WriteFailed
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.field_box import FieldBox
from verkosto_desktop.ui.forms.limits import limit_text

DEBOUNCE_MS = 800
CREATE = "__create__"

Saver = Callable[[str, dict[str, Any]], Any]
Creator = Callable[[dict[str, Any]], Any]


@dataclass
class _Binding:
    key: str
    box: FieldBox
    widget: QWidget
    state: Callable[[], Any]  # what the widget shows now
    show: Callable[[Any], None]  # show a stored value
    value: Callable[[], Any]  # the value for the data layer; may raise ValidationError
    synced: Any = None  # the widget's state when it last matched what is stored
    text_input: bool = False


def _plain_text(value: Any) -> str:
    return "" if value is None else str(value)


def _stored(detail: Any, key: str) -> Any:
    if isinstance(detail, Mapping):
        return detail.get(key)
    return getattr(detail, key, None)


class AutosaveForm(QObject):
    """Binds inputs to fields and saves each change through ``save(record_id, {field: value})``.

    Signals: ``saved(detail)`` after each stored change, ``created(detail)`` when a draft became a
    record, ``write_failed(message)`` when the disk refused, ``write_recovered()`` when every
    failed change has since been stored.
    """

    saved = Signal(object)
    created = Signal(object)
    write_failed = Signal(str)
    write_recovered = Signal()

    def __init__(
        self,
        parent: QObject,
        *,
        save: Saver,
        create: Creator | None = None,
        required: str | None = None,
        required_hint: str = "",
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._required_hint = required_hint
        self._save = save
        self._create = create
        self._required = required
        self._bindings: dict[str, _Binding] = {}
        self._typing: set[str] = set()
        self._failed: set[str] = set()
        self._loading = False
        self.record_id: str | None = None
        self.create_defaults: dict[str, Any] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.flush)

    # -- binding inputs ---------------------------------------------------------------------

    def _add(self, binding: _Binding) -> FieldBox:
        self._bindings[binding.key] = binding
        return binding.box

    def line(
        self,
        key: str,
        edit: QLineEdit,
        *extras: QWidget,
        display: Callable[[Any], str] = _plain_text,
        parse: Callable[[str, str], Any] | None = None,
    ) -> FieldBox:
        """A one-line text; ``display`` shows a stored value, ``parse(text, key)`` reads one."""
        box = FieldBox(edit, *extras)
        limit_text(edit, key)
        edit.textEdited.connect(lambda _text: self._typed(key))
        edit.editingFinished.connect(lambda: self.commit(key, finished=True))
        return self._add(
            _Binding(
                key,
                box,
                edit,
                state=edit.text,
                show=lambda value: _show_from_start(edit, display(value)),
                value=(lambda: parse(edit.text(), key)) if parse else edit.text,
                text_input=True,
            )
        )

    def plain(self, key: str, edit: QPlainTextEdit) -> FieldBox:
        """A longer text, saved after a pause and when the focus leaves it."""
        box = FieldBox(edit)
        limit_text(edit, key)
        edit.setTabChangesFocus(True)
        edit.textChanged.connect(lambda: None if self._loading else self._typed(key))
        edit.installEventFilter(self)
        edit.setProperty("autosaveKey", key)
        return self._add(
            _Binding(
                key,
                box,
                edit,
                state=edit.toPlainText,
                show=lambda value: edit.setPlainText(_plain_text(value)),
                value=edit.toPlainText,
                text_input=True,
            )
        )

    def check(self, key: str, box_widget: QCheckBox) -> FieldBox:
        """A yes/no choice, saved when it is clicked."""
        box = FieldBox(box_widget)
        box_widget.toggled.connect(lambda _on: None if self._loading else self.commit(key))
        return self._add(
            _Binding(
                key,
                box,
                box_widget,
                state=box_widget.isChecked,
                show=lambda value: box_widget.setChecked(bool(value)),
                value=box_widget.isChecked,
            )
        )

    def combo(self, key: str, combo: QComboBox) -> FieldBox:
        """A choice among keys (each item's data is the stored key), saved when chosen."""
        box = FieldBox(combo)
        combo.activated.connect(lambda _index: self.commit(key))

        def show(value: Any) -> None:
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))

        return self._add(
            _Binding(key, box, combo, state=combo.currentData, show=show, value=combo.currentData)
        )

    def checks(self, key: str, boxes: Mapping[str, QCheckBox], container: QWidget) -> FieldBox:
        """A set of keys chosen with check boxes (e.g. phases), saved on every click."""
        box = FieldBox(container)

        def state() -> list[str]:
            return sorted(k for k, b in boxes.items() if b.isChecked())

        def show(value: Any) -> None:
            chosen = set(value or ())
            for k, b in boxes.items():
                b.setChecked(k in chosen)

        for check_box in boxes.values():
            check_box.toggled.connect(lambda _on: None if self._loading else self.commit(key))
        return self._add(_Binding(key, box, container, state=state, show=show, value=state))

    def checklist(self, key: str, items: QListWidget) -> FieldBox:
        """A set of keys chosen in a list of checkable items (their data is the key)."""
        box = FieldBox(items)

        def state() -> list[str]:
            found = []
            for row in range(items.count()):
                item = items.item(row)
                if item.checkState() == Qt.CheckState.Checked:
                    found.append(str(item.data(Qt.ItemDataRole.UserRole)))
            return sorted(found)

        def show(value: Any) -> None:
            chosen = set(value or ())
            for row in range(items.count()):
                item = items.item(row)
                on = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

        items.itemChanged.connect(lambda _item: None if self._loading else self.commit(key))
        return self._add(_Binding(key, box, items, state=state, show=show, value=state))

    def box(self, key: str) -> FieldBox:
        """The field box of ``key`` (tests and owners look at its message)."""
        return self._bindings[key].box

    # -- loading ------------------------------------------------------------------------------

    def is_dirty(self, key: str) -> bool:
        """Whether the input shows something that is not stored (typed, or refused)."""
        binding = self._bindings[key]
        return binding.state() != binding.synced or binding.box.has_error

    def has_failed(self) -> bool:
        """Whether a refused write is waiting for a retry."""
        return bool(self._failed)

    def load(self, detail: Any, force: Iterable[str] = ()) -> None:
        """Show ``detail``'s values. Inputs holding unsaved text keep it; a text input that has
        the focus is left alone too (so nothing moves under the cursor) unless forced."""
        forced = set(force)
        self._loading = True
        try:
            for key, binding in self._bindings.items():
                if key not in forced:
                    if self.is_dirty(key):
                        continue
                    if binding.text_input and binding.widget.hasFocus():
                        continue
                binding.show(_stored(detail, key))
                binding.synced = binding.state()
                binding.box.clear()
        finally:
            self._loading = False

    def reset(self, record_id: str | None, detail: Any) -> None:
        """Switch to another record (or a draft with ``record_id=None``), dropping marks."""
        self._timer.stop()
        self._typing.clear()
        self._failed.clear()
        self.record_id = record_id
        for binding in self._bindings.values():
            binding.box.clear()
        self.load(detail, force=self._bindings)

    # -- saving -------------------------------------------------------------------------------

    def _typed(self, key: str) -> None:
        self._typing.add(key)
        self._timer.start()

    def flush(self) -> None:
        """Save whatever was typed and not yet saved."""
        self._timer.stop()
        for key in sorted(self._typing):
            self.commit(key)

    def commit(self, key: str, finished: bool = False) -> bool:
        """Save field ``key`` if it differs from what is stored. True when nothing is left unsaved.

        ``finished`` (focus-out or Return) also re-shows the stored value in its normal form,
        e.g. a phone number typed ``0401234567`` becomes ``040 123 4567``.
        """
        if self._loading or key not in self._bindings:
            return True
        binding = self._bindings[key]
        self._typing.discard(key)
        if not self._typing:
            self._timer.stop()
        if binding.state() == binding.synced and key not in self._failed:
            binding.box.clear()
            return True
        try:
            value = binding.value()
        except ValidationError as error:
            self._mark(error.field, error.message, key)
            return False
        if self.record_id is None:
            return self._create_record(key, finished)
        return self._store({key: value}, [key], finished)

    def retry(self) -> bool:
        """Try the failed writes again; True when everything is stored now."""
        pending = sorted(self._failed)
        ok = True
        for key in pending:
            ok = (self._create_record(key, True) if key == CREATE else self.commit(key)) and ok
        return ok

    def _mark(self, field: str, message: str, fallback: str) -> None:
        binding = self._bindings.get(field) or self._bindings[fallback]
        binding.box.show_error(message)

    def _store(self, values: dict[str, Any], keys: list[str], finished: bool) -> bool:
        assert self.record_id is not None
        try:
            detail = self._save(self.record_id, values)
        except ValidationError as error:
            self._mark(error.field, error.message, keys[0])
            return False
        except (WriteFailed, NotFound) as error:
            self._failed.update(keys)
            self.write_failed.emit(str(error))
            return False
        self._after_store(detail, keys, finished)
        self.saved.emit(detail)
        return True

    def _after_store(self, detail: Any, keys: Iterable[str], finished: bool) -> None:
        for key in keys:
            self._failed.discard(key)
            binding = self._bindings[key]
            binding.box.clear()
            binding.synced = binding.state()
        if finished:
            self.load(detail, force=keys)
        if not self._failed:
            self.write_recovered.emit()

    def _create_record(self, trigger: str, finished: bool) -> bool:
        if self._create is None:
            return False
        values = dict(self.create_defaults)
        for key, binding in self._bindings.items():
            try:
                values[key] = binding.value()
            except ValidationError as error:
                self._mark(error.field, error.message, key)
                return False
        required = self._required
        if required and not str(values.get(required) or "").strip() and trigger != required:
            # Typing elsewhere first is fine: say what is missing, without calling it an error.
            hint = self._required_hint or _("Type a name to save this.")
            self._bindings[required].box.show_hint(hint)
            return False
        try:
            detail = self._create(values)
        except ValidationError as error:
            self._mark(error.field, error.message, trigger)
            return False
        except (WriteFailed, NotFound) as error:
            self._failed.add(CREATE)
            self.write_failed.emit(str(error))
            return False
        self._failed.discard(CREATE)
        self.record_id = detail.id
        self._typing.clear()
        self._after_store(detail, list(self._bindings), finished)
        self.created.emit(detail)
        return True

    # -- focus-out of multi-line texts --------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            key = watched.property("autosaveKey")
            if isinstance(key, str):
                self.commit(key, finished=True)
        return False


def _show_from_start(edit: QLineEdit, text: str) -> None:
    # A long name in a narrow field reads from its beginning, not its end.
    edit.setText(text)
    edit.setCursorPosition(0)
