"""Consent decides what a document shows: who may be named on paper that lies on a table with
authorities, and who is marked on the network's own lists.

Every printed sheet and export has an :class:`Audience`:

- *shared* documents (coordination meeting pack, situation cards, readiness sheet,
  after-action report, action plan) name only contact persons with recorded consent who
  agreed to their details being shared with authorities; the others are left out, the
  organisation's own number stays, and the sheet says how many were left out and why;
- *internal* documents (contact list, pocket list, call sheet, survey forms, CSV, vCards, a
  person's data) name everyone, mark those without recorded consent, and say on every page
  that they are for internal use only.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from verkosto_desktop.i18n import _


class Audience(StrEnum):
    """Who a document may be shown to."""

    SHARED = "shared"
    INTERNAL = "internal"


def has_consent(consent_on: date | None) -> bool:
    """The person's consent to be kept in the register is recorded."""
    return consent_on is not None


def may_share(consent_on: date | None, share_with_authorities: bool) -> bool:
    """The person may be named on a shared document: consent recorded, and sharing with
    authorities allowed."""
    return has_consent(consent_on) and bool(share_with_authorities)


def may_show(audience: Audience, consent_on: date | None, share_with_authorities: bool) -> bool:
    """The person may be named on a document for ``audience``."""
    return audience is Audience.INTERNAL or may_share(consent_on, share_with_authorities)


def no_consent_mark() -> str:
    """The mark beside a person without recorded consent on internal documents."""
    return _("no consent recorded")


def left_out_note(count: int) -> str:
    """What a shared document says about the contact persons it leaves out."""
    if count == 0:
        return _(
            "Shared document: only contact persons who agreed to their details being shared "
            "with authorities are named."
        )
    return _(
        "Shared document: contact persons left out: {count}. They have not agreed to their "
        "details being shared with authorities, or their consent is not recorded. The "
        "organisations' own numbers are shown."
    ).format(count=count)


def withheld_placeholder() -> str:
    """What a shared document shows where a log entry names a person left out."""
    return _("[contact person]")


def erased_placeholder() -> str:
    """What stands where a text named a person who has since been erased."""
    return _("[erased]")
