"""The mapping survey ("kartoitus"): dated answers per actor, question and round (a new round
keeps the old answers), and the overview across actors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Row, Select, exists, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from verkosto_desktop.data.models import Actor, Capability, CapabilityCategory, SurveyAnswer
from verkosto_desktop.data.recording import apply_change
from verkosto_desktop.data.register.actors import require_actor, today
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.concerns import answer_items, item_key, representative
from verkosto_desktop.domain.enums import MembershipStatus
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.founding import SURVEY_QUESTIONS
from verkosto_desktop.domain.validation import clean_text
from verkosto_desktop.i18n import _, current_language

QUESTION_KEYS = tuple(q.key for q in SURVEY_QUESTIONS)
# Who is expected to answer a round: the network and those on their way into it.
EXPECTED = (
    MembershipStatus.MEMBER.value,
    MembershipStatus.INVITED.value,
    MembershipStatus.CANDIDATE.value,
)


@dataclass(frozen=True)
class AnswerRow:
    id: str
    actor_id: str
    round: int
    question_key: str
    answer: str
    answered_on: date


@dataclass(frozen=True)
class Respondent:
    """An actor in the overview; ``answered_on`` is None when it has not answered the round."""

    actor_id: str
    name: str
    membership_status: str
    answered_on: date | None


@dataclass(frozen=True)
class AnswerGroup:
    """Answers (or items of answers) that say the same thing, with the actors behind them."""

    text: str
    actor_ids: tuple[str, ...]
    actor_names: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.actor_ids)


@dataclass(frozen=True)
class SurveyOverview:
    round: int
    answered: tuple[Respondent, ...]
    not_answered: tuple[Respondent, ...]
    concerns: tuple[AnswerGroup, ...]


def _row(answer: SurveyAnswer) -> AnswerRow:
    return AnswerRow(
        answer.id,
        answer.actor_id,
        answer.round,
        answer.question_key,
        answer.answer,
        answer.answered_on,
    )


def _current() -> ColumnElement[bool]:
    """A live answer that no later live answer to the same question replaces. Two laptops that
    both answer a question for the first time each add a row, and merging keeps both (answers
    are a union by id); every laptop then shows the later one, by answering date, creation time
    and id, which are the same in every file."""
    later = aliased(SurveyAnswer)
    return SurveyAnswer.deleted_at.is_(None) & ~exists().where(
        later.deleted_at.is_(None),
        later.actor_id == SurveyAnswer.actor_id,
        later.round == SurveyAnswer.round,
        later.question_key == SurveyAnswer.question_key,
        tuple_(later.answered_on, later.created_at, later.id)
        > tuple_(SurveyAnswer.answered_on, SurveyAnswer.created_at, SurveyAnswer.id),
    )


def _live_answers() -> Select[SurveyAnswer]:
    return select(SurveyAnswer).where(_current())


def survey_rounds(store: Store) -> list[int]:
    """The rounds that hold answers, oldest first (``[]`` before the first answer)."""
    with store.read() as session:
        rounds = session.scalars(
            select(SurveyAnswer.round)
            .where(SurveyAnswer.deleted_at.is_(None))
            .distinct()
            .order_by(SurveyAnswer.round)
        )
        return list(rounds)


def latest_round(store: Store) -> int:
    """The newest round with answers, or 1 when there are none yet."""
    with store.read() as session:
        latest = session.scalar(
            select(func.max(SurveyAnswer.round)).where(SurveyAnswer.deleted_at.is_(None))
        )
    return int(latest or 1)


def answers(store: Store, actor_id: str, round_no: int) -> dict[str, AnswerRow]:
    """One actor's answers of one round, by question key."""
    with store.read() as session:
        rows = session.scalars(
            _live_answers().where(SurveyAnswer.actor_id == actor_id, SurveyAnswer.round == round_no)
        )
        return {row.question_key: _row(row) for row in rows}


def actor_answer_history(store: Store, actor_id: str) -> list[AnswerRow]:
    """Every answer the actor has given, newest round first, in the questions' order."""
    order = {key: i for i, key in enumerate(QUESTION_KEYS)}
    with store.read() as session:
        rows = [
            _row(r)
            for r in session.scalars(_live_answers().where(SurveyAnswer.actor_id == actor_id))
        ]
    rows.sort(key=lambda r: (-r.round, order.get(r.question_key, len(order))))
    return rows


def _check(actor_id: str, round_no: int, given: Mapping[str, str]) -> None:
    if round_no < 1:
        raise ValidationError("round", _("The survey round must be 1 or more"))
    unknown = sorted(set(given) - set(QUESTION_KEYS))
    if unknown:
        raise ValidationError(
            "question_key", _("Unknown survey question: {keys}").format(keys=", ".join(unknown))
        )
    if not actor_id:
        raise ValidationError("actor_id", _("Choose an actor"))


def save_answers(
    store: Store,
    actor_id: str,
    round_no: int,
    given: Mapping[str, str],
    answered_on: date | None = None,
) -> dict[str, AnswerRow]:
    """Store an actor's answers to some questions of a round, all at once.

    An answer that is already there is changed (its previous text stays in the history) only if
    its text differs; an empty answer to a question never answered stores nothing. Answers of
    other rounds are never touched. Returns the actor's answers of the round.
    """
    _check(actor_id, round_no, given)
    on = answered_on or today()
    with store.write() as session:
        require_actor(session, actor_id)
        existing = {
            row.question_key: row
            for row in session.scalars(
                _live_answers().where(
                    SurveyAnswer.actor_id == actor_id, SurveyAnswer.round == round_no
                )
            )
        }
        for key, raw in given.items():
            text = clean_text(raw, "answer")
            row = existing.get(key)
            if row is None:
                if not text:
                    continue
                row = SurveyAnswer(
                    actor_id=actor_id,
                    round=round_no,
                    question_key=key,
                    answer=text,
                    answered_on=on,
                )
                session.add(row)
                session.flush()
                existing[key] = row
                record_change(session, ChangeKind.SURVEY_ANSWER, row.id)
            elif row.answer != text and apply_change(
                session, row, {"answer": text, "answered_on": on}
            ):
                record_change(session, ChangeKind.SURVEY_ANSWER, row.id)
        return {key: _row(row) for key, row in existing.items()}


def _answered(session: Session, round_no: int) -> dict[str, date]:
    """Actor id → the latest date it answered the round (non-empty answers only)."""
    rows = session.execute(
        select(SurveyAnswer.actor_id, func.max(SurveyAnswer.answered_on))
        .where(
            _current(),
            SurveyAnswer.round == round_no,
            SurveyAnswer.answer != "",
        )
        .group_by(SurveyAnswer.actor_id)
    )
    return {actor_id: on for actor_id, on in rows}


def answer_groups(store: Store, round_no: int, question_key: str) -> list[AnswerGroup]:
    """The answers to one question in one round, grouped by normalised text; the groups named
    by most actors come first, then alphabetically (Finnish order)."""
    with store.read() as session:
        rows = session.execute(
            select(SurveyAnswer.actor_id, Actor.name, SurveyAnswer.answer)
            .join(Actor, Actor.id == SurveyAnswer.actor_id)
            .where(
                _current(),
                Actor.deleted_at.is_(None),
                SurveyAnswer.round == round_no,
                SurveyAnswer.question_key == question_key,
            )
        ).all()
    return _group(rows)


def _group(rows: Sequence[Row[str, str, str]]) -> list[AnswerGroup]:
    variants: dict[str, list[str]] = defaultdict(list)
    actors: dict[str, dict[str, str]] = defaultdict(dict)
    for actor_id, name, answer in rows:
        for item in answer_items(answer):
            key = item_key(item)
            variants[key].append(item)
            actors[key][actor_id] = name
    groups = []
    for key, names in actors.items():
        people = sorted(names.items(), key=lambda pair: sort_key(pair[1]))
        groups.append(
            AnswerGroup(
                text=representative(variants[key]),
                actor_ids=tuple(actor_id for actor_id, _name in people),
                actor_names=tuple(name for _id, name in people),
            )
        )
    groups.sort(key=lambda g: (-g.count, sort_key(g.text)))
    return groups


def overview(store: Store, round_no: int) -> SurveyOverview:
    """Who has answered the round and who has not (of members, invited and candidates), and
    the concerns named most often."""
    with store.read() as session:
        answered_on = _answered(session, round_no)
        actors = session.execute(
            select(Actor.id, Actor.name, Actor.membership_status)
            .where(Actor.deleted_at.is_(None))
            .order_by(Actor.name_key, Actor.id)
        ).all()
    answered = tuple(
        Respondent(a.id, a.name, a.membership_status, answered_on[a.id])
        for a in actors
        if a.id in answered_on
    )
    waiting = tuple(
        Respondent(a.id, a.name, a.membership_status, None)
        for a in actors
        if a.id not in answered_on and a.membership_status in EXPECTED
    )
    concerns = tuple(answer_groups(store, round_no, "concerns"))
    return SurveyOverview(round_no, answered, waiting, concerns)


def recorded_offers(store: Store, actor_ids: list[str]) -> dict[str, tuple[str, ...]]:
    """What the register says each actor can offer (capability category names in the current
    language, with the description when there is one), shown beside "what can you offer"."""
    if not actor_ids:
        return {}
    language = current_language()
    offers: dict[str, list[str]] = defaultdict(list)
    with store.read() as session:
        rows = session.execute(
            select(Capability.actor_id, Capability.description, CapabilityCategory)
            .join(CapabilityCategory, CapabilityCategory.key == Capability.category_key)
            .where(Capability.actor_id.in_(actor_ids), Capability.deleted_at.is_(None))
            .order_by(CapabilityCategory.position, Capability.description)
        ).all()
        for actor_id, description, category in rows:
            entry = CatalogueEntry(
                category.key, category.name_fi, category.name_sv, category.name_en
            )
            name = entry.name(language)
            offers[actor_id].append(f"{name} ({description})" if description else name)
    return {actor_id: tuple(items) for actor_id, items in offers.items()}
