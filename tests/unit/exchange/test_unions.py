"""Catalogues merge by key; append-only records (survey answers, call results) are unions that
never conflict, and every laptop shows the same one of them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sharing_support import content, send
from sqlalchemy import select

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.exchange import conflicts
from verkosto_desktop.data.models import History
from verkosto_desktop.data.network import call_rounds, survey
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store


@pytest.fixture
def pair(demo_path: Path, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two laptops with copies of the demo."""
    shutil.copy(demo_path, tmp_path / "b.verkosto")
    a, b = Store.open(demo_path), Store.open(tmp_path / "b.verkosto")
    yield a, b
    a.close()
    b.close()


def _exchange(a: Store, b: Store) -> None:
    send(a, b)
    send(b, a)
    assert send(a, b).changes == 0
    assert content(a) == content(b)


def _custom(store: Store) -> list[tuple[str, str]]:
    return sorted((e.key, e.name_fi) for e in catalogues.situation_types(store) if not e.builtin)


def test_catalogue_entries_merge_by_key(pair: tuple[Store, Store]) -> None:
    a, b = pair
    catalogues.add_entry(a, "situation", "Metsäpalo", "Skogsbrand")
    catalogues.add_entry(b, "situation", "Metsäpalo", "", "Forest fire")
    catalogues.add_entry(b, "situation", "Tulva")
    _exchange(a, b)
    # One entry per key on both laptops, not a second "Metsäpalo".
    assert _custom(a) == _custom(b) == [("metsapalo", "Metsäpalo"), ("tulva", "Tulva")]
    # The names given at once on both are kept for a person to choose, not dropped.
    kept = {
        (c.field, c.shown.value, c.other.value)
        for c in conflicts.open_conflicts(a)
        if c.record_id == "metsapalo"
    }
    assert {field for field, *_values in kept} == {"name_sv", "name_en"}
    assert any("Skogsbrand" in values for _field, *values in kept)


def test_two_laptops_answering_one_question_show_the_same_later_answer(
    pair: tuple[Store, Store],
) -> None:
    a, b = pair
    actor_id = actors.actor_names(a)[0][0]
    round_no = survey.latest_round(a) + 1
    question = survey.QUESTION_KEYS[0]
    survey.save_answers(a, actor_id, round_no, {question: "Sauna ja aggregaatti"})
    survey.save_answers(b, actor_id, round_no, {question: "Kahvila"})
    _exchange(a, b)
    assert conflicts.count(a) == conflicts.count(b) == 0
    for store in (a, b):
        # Both answers are kept (a union), the later one is the answer everywhere.
        assert survey.answers(store, actor_id, round_no)[question].answer == "Kahvila"
        groups = survey.answer_groups(store, round_no, question)
        assert [g.text for g in groups if actor_id in g.actor_ids] == ["Kahvila"]
        history = survey.actor_answer_history(store, actor_id)
        assert [r.answer for r in history if r.round == round_no] == ["Kahvila"]
    # An edit after the merge changes the answer shown, on either laptop.
    survey.save_answers(a, actor_id, round_no, {question: "Kahvila ja sauna"})
    send(a, b)
    assert survey.answers(b, actor_id, round_no)[question].answer == "Kahvila ja sauna"


def test_call_results_from_two_laptops_merge_without_conflict(pair: tuple[Store, Store]) -> None:
    a, b = pair
    started = call_rounds.start_round(a, "Soittokierros", "members")
    send(a, b)
    first, second = call_rounds.round_entries(a, started.id)[:2]
    call_rounds.record_result(a, first.id, "reached")
    call_rounds.record_result(b, first.id, "no_answer")
    call_rounds.record_result(b, second.id, "wrong_number")
    _exchange(a, b)
    assert conflicts.count(a) == conflicts.count(b) == 0
    results = [
        [e.result for e in call_rounds.round_entries(store, started.id)[:2]] for store in (a, b)
    ]
    assert results[0] == results[1]
    assert results[0][1] == "wrong_number"
    # The result that lost is not dropped where it was recorded: it is in that laptop's history
    # of the entry (the other laptop keeps it in the change log only).
    loser = ({"reached", "no_answer"} - {results[0][0]}).pop()
    where = a if loser == "reached" else b
    with where.read() as session:
        past = {
            h.data["result"]
            for h in session.scalars(
                select(History).where(
                    History.entity == "call_round_entry", History.record_id == first.id
                )
            )
        }
    assert loser in past
