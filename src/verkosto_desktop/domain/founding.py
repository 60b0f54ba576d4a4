"""The founding steps of a network, in the order of the network model, and the survey questions."""

from __future__ import annotations

from dataclasses import dataclass

from verkosto_desktop.i18n import N_, _


@dataclass(frozen=True)
class FoundingStepDef:
    key: str
    title: str  # English message id; translate with ``label()``

    def label(self) -> str:
        return _(self.title)


FOUNDING_STEPS: tuple[FoundingStepDef, ...] = (
    FoundingStepDef(
        "check_existing", N_("Check whether an existing network can take the theme on")
    ),
    FoundingStepDef(
        "board_decision", N_("Present the idea to the association's board and record the decision")
    ),
    FoundingStepDef(
        "present_to_associations", N_("Present the idea to the area's other associations")
    ),
    FoundingStepDef("mapping", N_("Map the area's networks, associations and activities")),
    FoundingStepDef("contact_municipality", N_("Contact the municipality")),
    FoundingStepDef("first_meeting", N_("First network meeting")),
    FoundingStepDef("agree_operation", N_("Agree how the network works")),
    FoundingStepDef("action_plan", N_("Write the action plan")),
    FoundingStepDef("regular_activities", N_("Regular events, trainings, exercises and meetings")),
)


@dataclass(frozen=True)
class SurveyQuestion:
    key: str
    text: str  # English message id

    def label(self) -> str:
        return _(self.text)


SURVEY_QUESTIONS: tuple[SurveyQuestion, ...] = (
    SurveyQuestion(
        "concerns",
        N_("What concerns or threats do you see for wellbeing and safety in the future?"),
    ),
    SurveyQuestion(
        "ready_to_act", N_("In what situations would your association be ready to act?")
    ),
    SurveyQuestion("can_offer", N_("What can your association offer?")),
    SurveyQuestion("suggest_actors", N_("Which other actors should be asked to join?")),
    SurveyQuestion("existing_networks", N_("Which existing networks do you already belong to?")),
)
