"""Call rounds ("soittokierros"): which contacts a round covers, and the short codes used on the
printed tick-off sheet and when typing its results back (digits, so they read the same in every
language)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verkosto_desktop.domain.enums import CallResult, LabelledEnum
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import N_, _


class CallSelection(LabelledEnum):
    MEMBERS = "members"
    REACHABLE_24_7 = "reachable_24_7"
    STALE = "stale"
    SITUATION = "situation"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "members": N_("All members"),
            "reachable_24_7": N_("Contacts reachable 24/7"),
            "stale": N_("Contacts not verified recently"),
            "situation": N_("Actors relevant to a situation type"),
        }


# Code → result; the sheet prints this legend and the fast entry reads it.
RESULT_CODES: dict[str, CallResult] = {
    "1": CallResult.REACHED,
    "2": CallResult.NO_ANSWER,
    "3": CallResult.WRONG_NUMBER,
    "4": CallResult.UPDATED,
    "0": CallResult.PENDING,
}
CODE_OF: dict[CallResult, str] = {result: code for code, result in RESULT_CODES.items()}
# Results after which the contact's details count as checked.
VERIFYING = (CallResult.REACHED, CallResult.UPDATED)

_ENTRY = re.compile(r"^\s*(\d+)\s*[\s:=,.-]\s*([0-4])(?:\s+(.*?))?\s*$", re.DOTALL)


@dataclass(frozen=True)
class FastEntry:
    """One typed line of results: the row number on the sheet, the result and a note."""

    position: int
    result: CallResult
    note: str


def parse_fast_entry(text: str) -> FastEntry:
    """Read ``"12 1"``, ``"12:3 number changed"``: row, result code, optional note.

    Raises ``ValidationError`` (field ``entry``) explaining the expected form.
    """
    match = _ENTRY.match(text or "")
    if match is None:
        raise ValidationError(
            "entry",
            _("Type the row number and a result code 0–4, e.g. “12 1” or “12 3 new number”"),
        )
    return FastEntry(int(match.group(1)), RESULT_CODES[match.group(2)], match.group(3) or "")


def other_channels(radio: str, walk_in: str, email: str | None) -> list[str]:
    """A contact's channels besides the phone, as a caller reads them (radio, walk-in, e-mail):
    the call round's list and its printed tick-off sheet say the same."""
    parts = []
    if radio:
        parts.append(_("Radio: {value}").format(value=radio))
    if walk_in:
        parts.append(_("Walk-in: {value}").format(value=walk_in))
    if email:
        parts.append(email)
    return parts
