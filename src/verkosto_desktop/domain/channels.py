"""The one value for how a contact person can be reached: shared by every row that shows a
contact (the register's editor, printed lists, call rounds, whom to call)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ContactChannels:
    """Every channel of a contact person that may still work in an outage. Rows that show a
    contact extend it with what else they need (name, role, …), so the channels are named and
    typed once. Keyword-only, in the rows too: their fields are not in the order of any query's
    columns."""

    mobile: str | None  # E.164
    landline: str | None  # E.164
    email: str | None
    radio: str  # VIRVE, PMR channel or amateur call sign
    walk_in: str  # where to find the person when no phone works
    reachable_24_7: bool
    without_mobile_network: bool  # reachable even when the mobile network is down

    @property
    def phone(self) -> str | None:
        """The number to ring: the mobile, else the landline."""
        return self.mobile or self.landline
