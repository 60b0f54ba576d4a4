"""The founding steps of the network (a checklist seeded for every file from ``domain.founding``):
listing them, changing one, and the progress the dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import FoundingStep
from verkosto_desktop.data.recording import apply_change, get_live
from verkosto_desktop.data.register.actors import today
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.enums import StepStatus
from verkosto_desktop.domain.founding import FOUNDING_STEPS
from verkosto_desktop.domain.records import FOUNDING_STEP_FIELDS, clean
from verkosto_desktop.domain.writes import FoundingStepFields

_DEFINITIONS = {step.key: step for step in FOUNDING_STEPS}
# Steps that need no more work: the checklist counts them as settled.
SETTLED = (StepStatus.DONE.value, StepStatus.NOT_NEEDED.value)


@dataclass(frozen=True)
class FoundingStepRow:
    """One step of the checklist as the UI shows it."""

    id: str
    key: str
    position: int
    status: str
    done_on: date | None
    who: str
    notes: str
    residents_involvement: str
    revision: int

    @property
    def title(self) -> str:
        """The step's translated title (a step unknown to this version shows its key)."""
        definition = _DEFINITIONS.get(self.key)
        return definition.label() if definition else self.key

    @property
    def settled(self) -> bool:
        return self.status in SETTLED


def _row(step: FoundingStep) -> FoundingStepRow:
    return FoundingStepRow(
        id=step.id,
        key=step.key,
        position=step.position,
        status=step.status,
        done_on=step.done_on,
        who=step.who,
        notes=step.notes,
        residents_involvement=step.residents_involvement,
        revision=step.revision,
    )


def steps_in(session: Session) -> list[FoundingStepRow]:
    """Every live step in the order of the network model, read in ``session``."""
    steps = session.scalars(
        select(FoundingStep)
        .where(FoundingStep.deleted_at.is_(None))
        .order_by(FoundingStep.position, FoundingStep.key)
    )
    return [_row(step) for step in steps]


def founding_steps(store: Store) -> list[FoundingStepRow]:
    """Every live step in the order of the network model."""
    with store.read() as session:
        return steps_in(session)


def update_step(store: Store, step_id: str, fields: FoundingStepFields) -> FoundingStepRow:
    """Change some fields of a step (status, done_on, who, notes, residents_involvement).

    Marking a step done without a date dates it today; reopening it clears the date, so the
    checklist never shows a "done on" for a step that is not done. Raises ``ValidationError``.
    """
    values = clean(FOUNDING_STEP_FIELDS, fields)
    with store.write() as session:
        step = get_live(session, FoundingStep, step_id)
        status = values.get("status", step.status)
        if status == StepStatus.DONE and "done_on" not in values and step.done_on is None:
            values["done_on"] = today()
        if status != StepStatus.DONE and "status" in values and "done_on" not in values:
            values["done_on"] = None
        if apply_change(session, step, values):
            record_change(session, ChangeKind.FOUNDING_STEP, step.id)
        return _row(step)


@dataclass(frozen=True)
class FoundingProgress:
    """How far the founding of the network has come, for the dashboard."""

    done: int
    total: int
    next_step: str  # the next step's translated title, "" when every step is settled


def progress_of(steps: list[FoundingStepRow]) -> FoundingProgress:
    """Steps done out of those needed, and the first step (in the model's order) still open;
    steps marked not needed leave the total."""
    done = sum(1 for s in steps if s.status == StepStatus.DONE)
    total = sum(1 for s in steps if s.status != StepStatus.NOT_NEEDED)
    upcoming = next((s for s in steps if not s.settled), None)
    return FoundingProgress(done, total, upcoming.title if upcoming else "")


def progress(store: Store) -> tuple[int, int, str]:
    """``(done, total, next_step_title)`` for the dashboard.

    ``total`` leaves out the steps marked not needed; the next step is the first one (in the
    model's order) that is neither done nor not needed, or ``""`` when all are settled.
    """
    found = progress_of(founding_steps(store))
    return found.done, found.total, found.next_step
