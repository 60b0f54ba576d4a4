"""The register as CSV for Finnish Excel: UTF-8 with a byte-order mark, ``;`` between fields,
one row per contact person (an actor without contacts gets one row; an internal list: a person
without recorded consent is marked), and every cell that a
spreadsheet would take for a formula (starting with ``= + - @``, a tab or a carriage return)
prefixed with ``'`` so that opening the file can never run anything."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from verkosto_desktop.domain.consent import no_consent_mark
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus
from verkosto_desktop.domain.limits import DEFAULT_LIMIT
from verkosto_desktop.domain.text_safety import printable
from verkosto_desktop.export.formatting import phone, yes
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.register.contact_sheet import SheetActor

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """``value`` made inert for spreadsheets (formula injection): ``'=1+1`` stays text."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def csv_cell(value: object) -> str:
    """One cell as written: no control characters (``domain.text_safety.printable``), at most
    the longest field's length (a spreadsheet cell holds 32,767), and inert."""
    return neutralise(printable(str(value), limit=DEFAULT_LIMIT.length))


def headers() -> list[str]:
    return [
        _("Actor"),
        _("Kind"),
        _("Area"),
        _("Membership"),
        _("Actor's phone"),
        _("Actor's email"),
        _("Address"),
        _("Contact person"),
        _("Role"),
        _("Mobile"),
        _("Landline"),
        _("Email"),
        _("Radio"),
        _("Walk-in or runner"),
        _("24/7"),
        _("Without mobile network"),
        _("Primary contact"),
        _("Checked"),
        _("Consent recorded"),
        _("May be shared with authorities"),
    ]


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def write_register_csv(
    out: BinaryIO, actors: Iterable[SheetActor], tick: Callable[[], None] | None = None
) -> int:
    """Write ``actors`` as CSV to the binary ``out``; returns the number of data rows."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([csv_cell(header) for header in headers()])
    count = 0
    try:
        for actor in actors:
            if tick is not None:
                tick()
            base = [
                actor.name,
                ActorKind.label_of(actor.kind),
                actor.area,
                MembershipStatus.label_of(actor.membership_status),
                phone(actor.phone),
                actor.email or "",
                actor.address,
            ]
            people = actor.contacts or (None,)
            for contact in people:
                if contact is None:
                    row = [
                        *base,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        _iso(actor.last_verified_on),
                        "",
                        "",
                    ]
                else:
                    row = [
                        *base,
                        contact.name,
                        contact.role,
                        phone(contact.mobile),
                        phone(contact.landline),
                        contact.email or "",
                        contact.radio,
                        contact.walk_in,
                        yes(contact.reachable_24_7),
                        yes(contact.without_mobile_network),
                        yes(contact.is_primary),
                        _iso(contact.last_verified_on),
                        _iso(contact.consent_on) or no_consent_mark(),
                        yes(contact.share_with_authorities and contact.has_consent),
                    ]
                writer.writerow([csv_cell(cell) for cell in row])
                count += 1
        text.flush()
    finally:
        text.detach()  # the caller owns ``out``; closing the wrapper would close it
    return count
