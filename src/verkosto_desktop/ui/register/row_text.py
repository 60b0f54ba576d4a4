"""What the register table writes in each cell of an actor's line, and how its columns and the
editor beside it are laid out: the section and the window's first paint (``first_paint_view``)
both ask here, so that the two look the same.

Imports neither SQLAlchemy nor the data layer's queries: the first paint comes before them.
"""

from __future__ import annotations

from functools import lru_cache

from verkosto_desktop.data.register.plain_rows import ActorRow
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.dates import months_before
from verkosto_desktop.domain.enums import ActorKind, Phase
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.i18n import N_, _

(
    COL_NAME,
    COL_KIND,
    COL_AREA,
    COL_CONTACT,
    COL_PHONE,
    COL_CAPABILITIES,
    COL_PHASES,
    COL_VERIFIED,
    COL_24_7,
) = range(9)
HEADERS = (
    N_("Name"),
    N_("Kind"),
    N_("Area"),
    N_("Contact"),
    N_("Phone"),
    N_("Capabilities"),
    N_("Phases"),
    N_("Last verified"),
    N_("24/7"),
)
COLUMN_WIDTHS = (210, 110, 100, 140, 115, 170, 70, 90, 52)
# Name, phone and 24/7 first: on a 1024-pixel screen they are the columns that show.
FIRST_COLUMNS = (COL_NAME, COL_PHONE, COL_24_7)
EDITOR_WIDTH = 480
EDITOR_SHARE = 0.42  # of a narrow register, for the editor
PHASE_ORDER = (Phase.PREPAREDNESS, Phase.RESPONSE, Phase.RECOVERY)
PHONE_CACHE = 4096


@lru_cache(maxsize=PHONE_CACHE)
def shown_phone(e164: str | None) -> str:
    """The number as the table shows it."""
    # Parsing a number costs a fraction of a millisecond; a screenful is redrawn on every key.
    return format_phone(e164)


class RowText:
    """The texts of an actor's line: category names and the verification period decide some."""

    def __init__(self, category_names: dict[str, str], stale_months: int = 12) -> None:
        self.category_names = category_names
        self.stale_months = stale_months
        self.stale_before = months_before(local_today(), stale_months)

    def set_stale_months(self, months: int) -> None:
        self.stale_months = months
        self.stale_before = months_before(local_today(), months)

    def display(self, row: ActorRow) -> tuple[str, ...]:
        """Every cell's text as shown."""
        return tuple(self.text(row, column, False) for column in range(len(HEADERS)))

    def text(self, row: ActorRow, column: int, spoken: bool) -> str:
        """The cell's text; ``spoken``: for a screen reader (words instead of marks)."""
        if column == COL_NAME:
            return row.name
        if column == COL_KIND:
            return ActorKind.label_of(row.kind)
        if column == COL_AREA:
            return row.area
        if column == COL_CONTACT:
            return row.contact_name
        if column == COL_PHONE:
            return shown_phone(row.phone)
        if column == COL_CAPABILITIES:
            return self.capability_summary(row)
        if column == COL_PHASES:
            covered = [p for p in PHASE_ORDER if p.value in row.phases]
            if spoken:
                return ", ".join(p.label() for p in covered) or _("No phases")
            return " ".join(p.label()[:1] for p in covered)
        if column == COL_24_7:
            # The number beside it is the one to call, the 24/7 contact's (whom_to_call).
            if spoken:
                return _("Reachable 24/7") if row.has_24_7 else _("not 24/7")
            return "24/7" if row.has_24_7 else ""
        if column == COL_VERIFIED:
            shown = format_date(row.last_verified_on) if row.last_verified_on else _("never")
            if not self.stale(row):
                return shown
            # Red alone does not reach a greyscale screen or a colour-blind reader.
            if spoken:
                return shown + ", " + self.stale_text()
            return "⚠ " + shown
        return ""

    def capability_summary(self, row: ActorRow) -> str:
        names = [self.category_names.get(key, key) for key in row.categories]
        if len(names) <= 2:
            return ", ".join(names)
        return _("{first}, {second} and {count} more").format(
            first=names[0], second=names[1], count=len(names) - 2
        )

    def tooltip(self, row: ActorRow, column: int) -> str | None:
        if column == COL_CAPABILITIES and row.categories:
            return "\n".join(self.category_names.get(k, k) for k in row.categories)
        if column == COL_PHASES:
            return "\n".join(
                ("✓ " if p.value in row.phases else "– ") + p.label() for p in PHASE_ORDER
            )
        if column == COL_PHONE and row.phone:
            return _("Double-click to copy the number")
        if column == COL_24_7:
            if not row.has_24_7:
                return _("Nobody of this actor is marked as reachable 24/7")
            return _("Someone of this actor is reachable 24/7: the number beside is theirs")
        if column == COL_VERIFIED and self.stale(row):
            return self.stale_text()
        return None

    def stale_text(self) -> str:
        return _("Not verified in {months} months").format(months=self.stale_months)

    def stale(self, row: ActorRow) -> bool:
        return row.last_verified_on is None or row.last_verified_on < self.stale_before
