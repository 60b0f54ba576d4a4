"""How consent shows on paper (``domain.consent``): the note on a shared document about the
contact persons it left out, and the mark beside a person without recorded consent on an
internal one."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from verkosto_desktop.domain.consent import left_out_note, no_consent_mark
from verkosto_desktop.export.template import SMALL, TextStyle, markup, paragraph_styles


def consent_note(left_out: int | None) -> list[Flowable]:
    """The note of a shared document (nothing when the values were not made for sharing)."""
    if left_out is None:
        return []
    return [Paragraph(markup(left_out_note(left_out)), paragraph_styles()["small"])]


def no_consent_piece(has_consent: bool) -> tuple[str, TextStyle] | None:
    """A table-cell line marking a person without recorded consent (None when recorded)."""
    return None if has_consent else ("⚠ " + no_consent_mark(), SMALL)
