"""Reading one row's cells for their targets: each target's way of reading (phone, yes/no, date,
kind, category …), with every problem and warning named by row and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import phonenumbers

from verkosto_desktop.data.exchange.mapping import OFFERS, Mapping, target
from verkosto_desktop.data.exchange.table import Problem
from verkosto_desktop.domain import vocabulary
from verkosto_desktop.domain.cell_values import (
    cell_text,
    parse_day,
    parse_whole_number,
    parse_yes,
    phone_text,
    split_multi,
    split_values,
)
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.matching import actor_key
from verkosto_desktop.domain.phones import normalise_phone
from verkosto_desktop.domain.validation import normalise_email
from verkosto_desktop.i18n import _

Cell = tuple[str, Any]  # (header, raw value)


T = TypeVar("T")


@dataclass
class Vocabulary:
    """The words this file's cells may use for keys: built once per import."""

    categories: dict[str, str]
    situations: dict[str, str]
    values: dict[str, dict[str, str | None]] = field(default_factory=dict)
    today: date = field(default_factory=local_today)
    # Category key → its name in the language in use (for the test run's lines).
    category_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The mapping's meanings compared as words, like the built-in ones.
        self._meanings = {
            target_key: {actor_key(word): meaning for word, meaning in words.items()}
            for target_key, words in self.values.items()
        }
        self._resolved: dict[tuple[str, str], tuple[bool, str | None]] = {}

    def resolve(self, target_key: str, word: str) -> tuple[bool, str | None]:
        """(known, key) of a word of a kind, membership, category, phase or situation column:
        the meaning the mapping gives it, else the register's own words. A word the mapping
        leaves out on purpose is known with no key; an unknown word is (False, None)."""
        found = self._resolved.get((target_key, word))
        if found is None:
            found = self._resolve(target_key, word)
            self._resolved[(target_key, word)] = found
        return found

    def _resolve(self, target_key: str, word: str) -> tuple[bool, str | None]:
        words = self._meanings.get(target_key, {})
        wanted = actor_key(word)
        if wanted in words:
            return True, words[wanted]
        if target_key == "actor.kind":
            key = vocabulary.resolve_kind(word)
        elif target_key == "actor.membership_status":
            key = vocabulary.resolve_membership(word)
        elif target_key == "capability.phases":
            key = vocabulary.resolve_phase(word)
        elif target_key == "capability.situations":
            key = vocabulary.resolve_entry(word, self.situations)
        else:
            key = vocabulary.resolve_entry(word, self.categories)
        return key is not None, key


@dataclass
class RowReader:
    """Reads the cells of one row; ``problems``/``warnings`` collect what was found wrong.
    ``unknown`` collects words no one knows: (target, word) → the rows that use it."""

    number: int
    unit: str
    vocabulary: Vocabulary
    problems: list[Problem]
    warnings: list[Problem]
    unknown: dict[tuple[str, str], list[int]]

    def problem(self, header: str | None, message: str) -> None:
        self.problems.append(Problem(self.number, header, message, self.unit))

    def warn(self, header: str | None, message: str) -> None:
        self.warnings.append(Problem(self.number, header, message, self.unit))

    def _guard(self, header: str, read: Callable[..., T], *args: Any) -> T | None:
        """``read(*args)``, or None with the problem noted under ``header``."""
        try:
            return read(*args)
        except ValidationError as error:
            self.problem(header, error.message)
            return None

    # -- one kind of reading each -------------------------------------------------------------

    def phones(self, cells: list[Cell]) -> list[tuple[str, str]]:
        """Every number in the cells, as (header, E.164)."""
        found: list[tuple[str, str]] = []
        for header, raw in cells:
            text, was_number = phone_text(raw)
            for part in split_multi(text) or []:
                number = self._guard(header, normalise_phone, part, "phone")
                if number is None:
                    continue
                if was_number:
                    self.warn(
                        header,
                        _(
                            "The phone number was stored as a number ({raw}); it was read as "
                            "{number}. Check it."
                        ).format(raw=cell_text(raw), number=text),
                    )
                found.append((header, number))
        return found

    def emails(self, cells: list[Cell]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for header, raw in cells:
            for part in split_multi(cell_text(raw)):
                compact = "".join(part.split())
                email = self._guard(header, normalise_email, compact, "email")
                if email:
                    found.append((header, email))
        return found

    def yes(self, cells: list[Cell]) -> bool | None:
        result: bool | None = None
        for header, raw in cells:
            value = self._guard(header, parse_yes, raw, header)
            if value is not None:
                result = bool(result) or value
        return result

    def day(self, cells: list[Cell]) -> date | None:
        for header, raw in cells:
            value = self._guard(header, parse_day, raw, header)
            if value is not None:
                return value
        return None

    def consent(self, cells: list[Cell]) -> date | None:
        """A consent cell holds its date, or says yes (consent given: recorded today)."""
        for header, raw in cells:
            try:
                return parse_day(raw, header)
            except ValidationError:
                pass
            if self._guard(header, parse_yes, raw, header):
                return self.vocabulary.today
        return None

    def whole(self, cells: list[Cell]) -> int | None:
        for header, raw in cells:
            value = self._guard(header, parse_whole_number, raw, header)
            if value is not None:
                return value
        return None

    def word(self, target_key: str, cells: list[Cell]) -> str | None:
        """A kind or membership written as a word."""
        for header, raw in cells:
            text = cell_text(raw)
            if not text:
                continue
            known, key = self.vocabulary.resolve(target_key, text)
            if key is not None or known:
                return key
            self._unknown(target_key, header, text)
        return None

    def keys(self, target_key: str, cells: list[Cell]) -> list[str]:
        """Categories, phases or situation types listed in cells (``ensiapu, kuljetus``)."""
        found: list[str] = []
        for header, raw in cells:
            for word in split_values(cell_text(raw)):
                known, key = self.vocabulary.resolve(target_key, word)
                if key is None and not known:
                    self._unknown(target_key, header, word)
                elif key is not None and key not in found:
                    found.append(key)
        return found

    def offered(self, cells: list[Cell], target_key: str) -> str | None:
        """The category of a yes/no column, when this row says yes."""
        key = target_key[len(OFFERS) :]
        if key not in self.vocabulary.categories.values():
            self.problem(
                cells[0][0] if cells else None,
                _("Unknown capability category: {key}").format(key=key),
            )
            return None
        return key if self.yes(cells) else None

    def _unknown(self, target_key: str, header: str, word: str) -> None:
        rows = self.unknown.setdefault((target_key, word), [])
        rows.append(self.number)
        label = _(target(target_key).label)
        message = _("{target}: the word \u201c{word}\u201d is not known; say what it means.")
        self.problems.append(
            Problem(
                self.number,
                header,
                message.format(target=label, word=word),
                self.unit,
                kind="word",
            )
        )


def is_mobile(e164: str) -> bool:
    """Whether a number is a mobile number (else it is taken as a landline)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def cells_by_target(
    headers: tuple[str, ...], row: tuple[Any, ...], mapping: Mapping
) -> dict[str, list[Cell]]:
    """Target → the non-empty cells of this row that go there, in column order; targets
    without a cell get the mapping's default."""
    found: dict[str, list[Cell]] = {}
    for header, value in zip(headers, row, strict=False):
        key = mapping.columns.get(header)
        if key is None or value is None or (isinstance(value, str) and not value.strip()):
            continue
        found.setdefault(key, []).append((header, value))
    for key, value in mapping.defaults.items():
        if key not in found and str(value).strip():
            found[key] = [("", value)]
    return found
