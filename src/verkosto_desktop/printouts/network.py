"""The network section's documents: a call round's tick-off sheet, the mapping survey's paper
forms and the activities as an iCalendar file. The network section's buttons and
``verkosto export call-sheet|survey|ics`` call these."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.network import activities, call_rounds, survey
from verkosto_desktop.data.network.info import last_change_at, network_info
from verkosto_desktop.data.register.actors import actor_names
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.export.call_sheet import SheetHeading, write_call_sheet
from verkosto_desktop.export.ics import write_ics
from verkosto_desktop.export.survey_form import SurveyFormSheet, write_survey_forms
from verkosto_desktop.i18n import _


def resolve_round_id(store: Store, text: str | None) -> str:
    """The call round meant by ``text`` (an id or a unique beginning of one); with no text, the
    newest round. ``NotFound`` when there is none or the beginning is ambiguous."""
    rounds = call_rounds.call_rounds(store)  # newest first
    if not text:
        if not rounds:
            raise NotFound(_("The file holds no call rounds."))
        return rounds[0].id
    prefix = text.strip().lower()
    matches = [r.id for r in rounds if r.id.startswith(prefix)]
    if len(matches) != 1:
        raise NotFound(_("No single call round starts with {text}.").format(text=text))
    return matches[0]


def save_call_sheet(
    store: Store, round_id: str | None, path: Path, progress: Progress | None = None
) -> Path:
    """Write the tick-off sheet of the round ``round_id`` (None: the newest; a unique beginning
    will do) to ``path``, all or nothing: the round's list in calling order, as on screen."""
    chosen = call_rounds.get_round(store, resolve_round_id(store, round_id))
    heading = SheetHeading(
        network_info(store).name,
        chosen.title,
        chosen.started_at.date(),
        chosen.incident_title,
        last_change_at(store),
    )
    entries = call_rounds.round_entries(store, chosen.id)
    return write_call_sheet(path, heading, entries, progress)


def save_survey_forms(
    store: Store,
    path: Path,
    round_no: int | None = None,
    actor_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the mapping survey's forms of round ``round_no`` (None: the latest) to ``path``,
    all or nothing: one per actor of ``actor_ids`` (in that order; None: everyone expected who
    has not answered the round, as the survey tab lists them) with what the register says it
    offers, or one blank form when there are none."""
    if round_no is None:
        round_no = survey.latest_round(store)
    if actor_ids is None:
        actor_ids = [r.actor_id for r in survey.overview(store, round_no).not_answered]
    names = dict(actor_names(store))
    wanted = [actor_id for actor_id in actor_ids if actor_id in names]
    offers = survey.recorded_offers(store, wanted)
    sheets = [SurveyFormSheet(names[actor_id], offers.get(actor_id, ())) for actor_id in wanted]
    return write_survey_forms(
        path,
        sheets,
        network_name=network_info(store).name,
        round_no=round_no,
        data_changed_at=last_change_at(store),
        progress=progress,
    )


def save_calendar(
    store: Store,
    path: Path,
    *,
    activity_ids: Sequence[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> int:
    """Write the activities starting in ``[start, end)`` (only ``activity_ids`` of them, when
    given: what a list shows) to ``path`` as an iCalendar file; returns how many."""
    found = activities.calendar_activities(store, start, end)
    if activity_ids is not None:
        wanted = set(activity_ids)
        found = [a for a in found if a.id in wanted]
    write_ics(path, found, network_info(store).name)
    return len(found)
