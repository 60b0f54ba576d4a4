"""Founding steps and the mapping survey (data layer)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from verkosto_desktop.data.models import History
from verkosto_desktop.data.network import founding, survey
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.concerns import answer_items, item_key
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.founding import FOUNDING_STEPS


def test_every_file_has_the_founding_steps_in_order(store: Store) -> None:
    steps = founding.founding_steps(store)
    assert [s.key for s in steps] == [d.key for d in FOUNDING_STEPS]
    assert all(s.status == "not_started" for s in steps)
    done, total, next_title = founding.progress(store)
    assert (done, total) == (0, len(FOUNDING_STEPS))
    assert next_title == steps[0].title


def test_ticking_a_step_dates_it_and_moves_progress_on(store: Store) -> None:
    first, second = founding.founding_steps(store)[:2]
    updated = founding.update_step(store, first.id, {"status": "done", "who": "Liisa"})
    assert updated.status == "done" and updated.done_on is not None and updated.who == "Liisa"
    founding.update_step(store, second.id, {"status": "not_needed"})
    done, total, next_title = founding.progress(store)
    assert done == 1
    assert total == len(FOUNDING_STEPS) - 1
    assert next_title == founding.founding_steps(store)[2].title


def test_reopening_a_step_clears_its_date_and_keeps_history(store: Store) -> None:
    step = founding.founding_steps(store)[0]
    founding.update_step(store, step.id, {"status": "done", "done_on": date(2025, 3, 1)})
    reopened = founding.update_step(store, step.id, {"status": "in_progress"})
    assert reopened.done_on is None
    assert reopened.revision == 3


def test_a_step_refuses_an_unknown_status(store: Store) -> None:
    step = founding.founding_steps(store)[0]
    with pytest.raises(ValidationError) as raised:
        founding.update_step(store, step.id, {"status": "finished"})
    assert raised.value.field == "status"


def test_answer_items_split_lists_and_group_spellings() -> None:
    assert answer_items("- Sähkökatkot;\n2. yksinäisyys • Tiedonkulku.") == [
        "Sähkökatkot",
        "yksinäisyys",
        "Tiedonkulku",
    ]
    assert item_key("  Yksinäisyys  ja syrjäytyminen. ") == item_key("yksinäisyys ja syrjäytyminen")


@pytest.fixture
def three_actors(store: Store) -> list[str]:
    return [
        actors.create_actor(store, {"name": name, "membership_status": status}).id
        for name, status in (
            ("Ääneläisten kyläseura", "member"),
            ("Alakylän Martat", "member"),
            ("Kutsuttu ry", "invited"),
        )
    ]


def test_a_new_round_keeps_the_old_answers(store: Store, three_actors: list[str]) -> None:
    actor = three_actors[0]
    survey.save_answers(store, actor, 1, {"concerns": "Sähkökatkot"}, date(2025, 1, 10))
    survey.save_answers(store, actor, 2, {"concerns": "Yksinäisyys"}, date(2026, 1, 10))
    assert survey.survey_rounds(store) == [1, 2]
    assert survey.answers(store, actor, 1)["concerns"].answer == "Sähkökatkot"
    assert survey.answers(store, actor, 2)["concerns"].answered_on == date(2026, 1, 10)
    history_rows = survey.actor_answer_history(store, actor)
    assert [(r.round, r.answer) for r in history_rows] == [(2, "Yksinäisyys"), (1, "Sähkökatkot")]


def test_changing_an_answer_keeps_the_previous_text(store: Store, three_actors: list[str]) -> None:
    actor = three_actors[0]
    first = survey.save_answers(store, actor, 1, {"concerns": "Myrskyt"})["concerns"]
    survey.save_answers(store, actor, 1, {"concerns": "Myrskyt ja tulvat", "ready_to_act": ""})
    again = survey.answers(store, actor, 1)
    assert again["concerns"].answer == "Myrskyt ja tulvat"
    assert "ready_to_act" not in again  # an empty answer to a new question stores nothing
    with store.read() as session:
        kept = session.scalars(
            select(History.data).where(
                History.entity == "survey_answer", History.record_id == first.id
            )
        ).all()
    assert [version["answer"] for version in kept] == ["Myrskyt"]


def test_unknown_questions_and_rounds_are_refused(store: Store, three_actors: list[str]) -> None:
    with pytest.raises(ValidationError):
        survey.save_answers(store, three_actors[0], 1, {"favourite_colour": "sininen"})
    with pytest.raises(ValidationError):
        survey.save_answers(store, three_actors[0], 0, {"concerns": "x"})
    assert survey.survey_rounds(store) == []


def test_overview_tells_who_answered_and_groups_concerns(
    store: Store, three_actors: list[str]
) -> None:
    first, second, invited = three_actors
    survey.save_answers(store, first, 1, {"concerns": "Sähkökatkot\nYksinäisyys"})
    survey.save_answers(store, second, 1, {"concerns": "sähkökatkot."})
    declined = actors.create_actor(store, {"name": "Ei mukana", "membership_status": "declined"})
    view = survey.overview(store, 1)
    assert {r.actor_id for r in view.answered} == {first, second}
    assert [r.actor_id for r in view.not_answered] == [invited]
    assert declined.id not in {r.actor_id for r in view.not_answered}
    top = view.concerns[0]
    assert top.count == 2 and item_key(top.text) == "sähkökatkot"
    # Actor names behind the group, in Finnish order (Ä after A).
    assert top.actor_names == ("Alakylän Martat", "Ääneläisten kyläseura")
    assert [g.count for g in view.concerns] == [2, 1]
    # The next round starts with nobody answered.
    assert len(survey.overview(store, 2).not_answered) == 3


def test_recorded_offers_name_the_actors_capabilities(store: Store) -> None:
    from verkosto_desktop.data.register import capabilities

    actor = actors.create_actor(store, {"name": "Martat"})
    capabilities.add_capability(
        store, actor.id, {"category_key": "catering", "description": "Keittoa 200 annosta"}
    )
    other = actors.create_actor(store, {"name": "Tyhjä ry"})
    offers = survey.recorded_offers(store, [actor.id, other.id])
    assert offers == {actor.id: ("Ruokahuolto (Keittoa 200 annosta)",)}
