"""Stable keys of the domain. Keys are used in files, on the command line and in tests; the
``label()`` of each member is the translated name the user sees."""

from __future__ import annotations

from enum import StrEnum

from verkosto_desktop.i18n import N_, _


class LabelledEnum(StrEnum):
    """A string enum whose members carry an English label that is translated when shown."""

    def label(self) -> str:
        return _(self._labels()[self.value])

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def label_of(cls, key: str | None) -> str:
        """The translated label of a stored key; an unknown key (from a newer version of the
        program, or a damaged file) is shown as it is rather than failing; empty for None."""
        if not key:
            return ""
        try:
            return cls(key).label()
        except ValueError:
            return key

    @classmethod
    def parse(cls, key: str) -> LabelledEnum:
        """The member for ``key``; raises ``ValueError`` naming the valid keys."""
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise ValueError(
                _("Unknown key '{key}'. Valid: {valid}").format(key=key, valid=valid)
            ) from None


class Phase(LabelledEnum):
    PREPAREDNESS = "preparedness"
    RESPONSE = "response"
    RECOVERY = "recovery"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "preparedness": N_("Preparedness"),
            "response": N_("Response"),
            "recovery": N_("Recovery"),
        }


class ActorKind(LabelledEnum):
    ASSOCIATION = "association"
    READINESS_ORGANISATION = "readiness_organisation"
    MUNICIPALITY = "municipality"
    PARISH = "parish"
    AUTHORITY = "authority"
    COMPANY = "company"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "association": N_("Association"),
            "readiness_organisation": N_("Readiness organisation"),
            "municipality": N_("Municipality"),
            "parish": N_("Parish"),
            "authority": N_("Authority"),
            "company": N_("Company"),
            "other": N_("Other"),
        }


class MembershipStatus(LabelledEnum):
    CANDIDATE = "candidate"
    INVITED = "invited"
    MEMBER = "member"
    DECLINED = "declined"
    LEFT = "left"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "candidate": N_("Candidate"),
            "invited": N_("Invited"),
            "member": N_("Member"),
            "declined": N_("Declined"),
            "left": N_("Left"),
        }


class ActivityKind(LabelledEnum):
    MEETING = "meeting"
    COORDINATION_MEETING = "coordination_meeting"
    TRAINING = "training"
    EXERCISE = "exercise"
    EVENT = "event"
    CLUB = "club"
    RECOVERY_ACTIVITY = "recovery_activity"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "meeting": N_("Meeting"),
            "coordination_meeting": N_("Coordination meeting"),
            "training": N_("Training"),
            "exercise": N_("Exercise"),
            "event": N_("Event"),
            "club": N_("Club"),
            "recovery_activity": N_("Recovery activity"),
            "other": N_("Other"),
        }


class ActionStatus(LabelledEnum):
    PLANNED = "planned"
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "planned": N_("Planned"),
            "requested": N_("Requested"),
            "accepted": N_("Accepted"),
            "in_progress": N_("In progress"),
            "done": N_("Done"),
            "cancelled": N_("Cancelled"),
        }

    @property
    def is_open(self) -> bool:
        return self not in (ActionStatus.DONE, ActionStatus.CANCELLED)


class IncidentPhase(LabelledEnum):
    RESPONSE = "response"
    RECOVERY = "recovery"
    CLOSED = "closed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "response": N_("Response"),
            "recovery": N_("Recovery"),
            "closed": N_("Closed"),
        }


class LogKind(LabelledEnum):
    OBSERVATION = "observation"
    ASSESSMENT = "assessment"
    DECISION = "decision"
    REQUEST = "request"
    TASK_UPDATE = "task_update"
    MESSAGE_IN = "message_in"
    MESSAGE_OUT = "message_out"
    PHASE_CHANGE = "phase_change"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "observation": N_("Observation"),
            "assessment": N_("Situation assessment"),
            "decision": N_("Decision"),
            "request": N_("Request"),
            "task_update": N_("Task update"),
            "message_in": N_("Message in"),
            "message_out": N_("Message out"),
            "phase_change": N_("Phase change"),
        }


class StepStatus(LabelledEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_NEEDED = "not_needed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "not_started": N_("Not started"),
            "in_progress": N_("In progress"),
            "done": N_("Done"),
            "not_needed": N_("Not needed"),
        }


class CallResult(LabelledEnum):
    PENDING = "pending"
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"
    UPDATED = "updated"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "pending": N_("Not called yet"),
            "reached": N_("Reached and checked"),
            "no_answer": N_("No answer"),
            "wrong_number": N_("Wrong number"),
            "updated": N_("Details updated"),
        }
