"""Finding actors: free text through the full-text index, filters and sorting in SQL.

Whatever the user types is a search, never a syntax error: the text is cut into words, every word
becomes a quoted prefix term, and a text that looks like a phone number becomes its digits.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    SQLColumnExpression,
    and_,
    case,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import binary_order, finnish_order, is_postgresql
from verkosto_desktop.data.models import (
    Activity,
    ActivityAttendance,
    Actor,
    Capability,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
)
from verkosto_desktop.data.models.types import RecordId
from verkosto_desktop.data.register.health_checks import (
    VERDICT_KEYS,
    counted_per_actor,
    verdict,
)
from verkosto_desktop.data.register.plain_rows import ActorRow, read_rows
from verkosto_desktop.data.register.premises_filter import has_premises
from verkosto_desktop.data.register.search_terms import tsquery_text
from verkosto_desktop.data.register.text_match import TextMatch
from verkosto_desktop.data.register.whom_to_call import call_order
from verkosto_desktop.data.storage.driver import driver_cursor
from verkosto_desktop.data.storage.schema_extras import SEARCH_TABLE
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.data.stored_ids import id_from_stored
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.dates import months_before
from verkosto_desktop.domain.enums import ActorKind

_PHONE_LIKE = re.compile(r"^[\d\s()+\-/.]+$")
_WORD = re.compile(r"[^\W_]+")
_ASKS_24_7 = re.compile(r"(?<![\w/])24\s*(?:/\s*7|h)(?![\w/])", re.IGNORECASE)

# The checks on the actor's own records (``health_checks.verdict``), then the members' activity.
HEALTH_KEYS = (*VERDICT_KEYS, "inactive_members")
# The orders the register can be sorted in, in the order of its table's columns.
SORT_KEYS = (
    "name",
    "kind",
    "area",
    "contact",
    "phone",
    "capabilities",
    "phases",
    "verified",
    "24_7",
)
# The order of a list of whom to call: those reachable around the clock first, then by name.
CALL_FIRST = "24_7"


@dataclass(frozen=True)
class ActorFilter:
    """What the register shows: free text plus filters. Phase, situation and category apply to
    one and the same capability ("who can offer catering in a power outage during recovery")."""

    text: str = ""
    kind: str | None = None
    area: str | None = None
    phase: str | None = None
    situation: str | None = None
    category: str | None = None
    membership: str | None = None
    stale_months: int | None = None
    health: str | None = None
    # Only actors with a contact person reachable around the clock.
    reachable_24_7: bool = False
    # The period of the health checks (contacts unverified, members inactive), in months; it is
    # separate from ``stale_months``, which also narrows to actors not verified themselves.
    health_months: int | None = None
    sort: str = "name"
    descending: bool = False
    today: date | None = None
    ids: tuple[str, ...] | None = field(default=None, compare=True)
    # Premises: the actor has one live premises with every feature named (``PremisesFeature``
    # keys) and room for at least ``min_capacity`` people.
    premises: tuple[str, ...] = ()
    min_capacity: int | None = None

    def is_empty(self) -> bool:
        """True when nothing narrows the list (sorting aside)."""
        plain = replace(self, sort="name", descending=False, today=None)
        return plain == ActorFilter()

    @property
    def narrows_premises(self) -> bool:
        """Whether the filter asks for premises of some kind."""
        return bool(self.premises) or self.min_capacity is not None

    @property
    def narrows_capabilities(self) -> bool:
        """Whether the filter asks for a kind of capability (phase, situation or category)."""
        return bool(self.phase or self.situation or self.category)

    def matches_capability(
        self, category_key: str, phases: Collection[str], situations: Collection[str]
    ) -> bool:
        """Whether one capability is what the filter asks for: the same rule as the search's
        (``offers_capability``), applied to one capability the editor shows."""
        if not self.narrows_capabilities:
            return False
        return (
            (not self.category or category_key == self.category)
            and (not self.phase or self.phase in phases)
            and (not self.situation or self.situation in situations)
        )


def asks_24_7(query: str) -> tuple[str, bool]:
    """The search text without a "24/7" (or "24h") in it, and whether it had one: typing 24/7
    asks for the actors reachable around the clock, not for numbers containing 247."""
    rest, found = _ASKS_24_7.subn(" ", query)
    return (" ".join(rest.split()) if found else query), bool(found)


def understood(flt: ActorFilter) -> ActorFilter:
    """``flt`` as the search understands it: a "24/7" typed in the text asks for the actors
    reachable around the clock."""
    text, always = asks_24_7(flt.text)
    if not always:
        return flt
    return replace(flt, text=text, reachable_24_7=True)


def match_phrases(query: str) -> list[str] | None:
    """The prefix phrases all of which a document must hold to match what the user typed, or
    None when it holds no words.

    Digits typed in any phone format (``040 123``, ``+358 40…``) become one digit phrase; each
    other piece becomes a phrase of its words.
    """
    stripped = query.strip()
    if not stripped:
        return None
    digits = re.sub(r"\D", "", stripped)
    if _PHONE_LIKE.match(stripped) and len(digits) >= 3:
        if stripped.startswith("00"):  # 00358… is how +358… is dialled from a landline
            digits = digits[2:]
        return [digits]
    phrases: list[str] = []
    for piece in stripped.split():
        words = _WORD.findall(piece)
        if words:
            phrases.append(" ".join(words))
    return phrases or None


def build_match(query: str) -> TextMatch | None:
    """What the user typed as a search of the laptop's full-text indexes (quoted prefix phrases
    all of which must match; a phrase of digits alone is also looked for among the phone
    numbers), or None when it holds no words."""
    phrases = match_phrases(query)
    if phrases is None:
        return None
    return TextMatch.of(phrases)


def server_match(query: str) -> str | None:
    """The same search as :func:`build_match` as a PostgreSQL ``tsquery`` literal; an empty
    string when it can match nothing, None when it holds no words."""
    phrases = match_phrases(query)
    if phrases is None:
        return None
    return tsquery_text(phrases) or ""


T = TypeVar("T")


def _today(flt: ActorFilter) -> date:
    return flt.today or local_today()


def _live_contact() -> Select[int]:
    return select(literal(1)).where(Contact.actor_id == Actor.id, Contact.deleted_at.is_(None))


def health_condition(key: str, today: date, months: int) -> ColumnElement[bool]:
    """The condition on ``Actor`` of one register health check (a key of ``HEALTH_KEYS``).

    The dashboard counts with the very same verdicts (``health_checks.verdict``) the register
    filters with, so a count and the list it opens always agree.
    """
    return _health_condition(key, today, months)


def _health_condition(key: str, today: date, months: int) -> ColumnElement[bool]:
    if key in VERDICT_KEYS:
        return verdict(key, counted_per_actor(today, months), offers_capability())
    if key == "inactive_members":
        since = datetime.combine(months_before(today, months), datetime.min.time(), tzinfo=UTC)
        attended = (
            select(literal(1))
            .select_from(ActivityAttendance)
            .join(Activity, Activity.id == ActivityAttendance.activity_id)
            .where(
                ActivityAttendance.actor_id == Actor.id,
                Activity.deleted_at.is_(None),
                Activity.starts_at >= since,
            )
        )
        return and_(Actor.membership_status == "member", not_(exists(attended)))
    raise ValueError(f"unknown health key {key!r}")


def offers_capability(
    category: str | None = None, phase: str | None = None, situation: str | None = None
) -> ColumnElement[bool]:
    """Condition on ``Actor``: it has a live capability (of ``category``, for ``phase``, for the
    situation type ``situation``, each when given)."""
    capability = select(literal(1)).where(
        Capability.actor_id == Actor.id, Capability.deleted_at.is_(None)
    )
    if category:
        capability = capability.where(Capability.category_key == category)
    if phase:
        capability = capability.where(
            exists(
                select(literal(1)).where(
                    CapabilityPhase.capability_key == Capability.link_key,
                    CapabilityPhase.phase == phase,
                )
            )
        )
    if situation:
        capability = capability.where(
            exists(
                select(literal(1)).where(
                    CapabilitySituation.capability_key == Capability.link_key,
                    CapabilitySituation.situation_key == situation,
                )
            )
        )
    return exists(capability)


def conditions(flt: ActorFilter) -> list[ColumnElement[bool]]:
    """The conditions on ``Actor`` of everything ``flt`` asks for except its text."""
    return _where(flt)


def _where(flt: ActorFilter, stale_default: int = 12) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Actor.deleted_at.is_(None)]
    if flt.kind:
        conditions.append(Actor.kind == flt.kind)
    if flt.area:
        conditions.append(Actor.area == flt.area)
    if flt.membership:
        conditions.append(Actor.membership_status == flt.membership)
    if flt.phase or flt.situation or flt.category:
        conditions.append(offers_capability(flt.category, flt.phase, flt.situation))
    today = _today(flt)
    if flt.stale_months is not None:
        cutoff = months_before(today, flt.stale_months)
        conditions.append(or_(Actor.last_verified_on.is_(None), Actor.last_verified_on < cutoff))
    if flt.health:
        months = flt.health_months or flt.stale_months or stale_default
        conditions.append(_health_condition(flt.health, today, months))
    if flt.ids is not None:
        conditions.append(Actor.id.in_(flt.ids))
    if flt.reachable_24_7:
        conditions.append(reachable_around_the_clock())
    if flt.narrows_premises:
        conditions.append(has_premises(flt.premises, flt.min_capacity))
    return conditions


def reachable_around_the_clock() -> ColumnElement[bool]:
    """Condition on ``Actor``: one of its live contact persons is reachable 24/7."""
    return exists(_live_contact().where(Contact.reachable_24_7.is_(True)))


def actor_query(flt: ActorFilter, *, postgresql: bool = False) -> Select[str]:
    """The ids of the actors matching ``flt`` as a statement, unordered (to use as a subquery:
    the premises card reads the premises of exactly these actors); ``postgresql`` when it runs
    on the regional register."""
    return _query(flt, postgresql).order_by(None)


def _called_contact_column(column: SQLColumnExpression[T]) -> ScalarSelect[T]:
    # ``column`` of the person to call about the actor (``domain.whom_to_call``).
    return (
        select(column)
        .where(Contact.actor_id == Actor.id, Contact.deleted_at.is_(None))
        .order_by(*call_order())
        .limit(1)
        .scalar_subquery()
    )


def _sort_column(key: str) -> SQLColumnExpression[Any]:
    if key == "kind":
        labels = {kind.value: sort_key(kind.label()) for kind in ActorKind}
        return binary_order(case(labels, value=Actor.kind, else_=""))
    if key == "area":
        return finnish_order(Actor.area)
    if key == "contact":
        return _called_contact_column(Contact.name_key)
    if key == "phone":
        phone = _called_contact_column(func.coalesce(Contact.mobile, Contact.landline))
        return func.coalesce(phone, Actor.phone)
    if key == "capabilities":
        return (
            select(func.count())
            .where(Capability.actor_id == Actor.id, Capability.deleted_at.is_(None))
            .scalar_subquery()
        )
    if key == "phases":
        return (
            select(func.count(func.distinct(CapabilityPhase.phase)))
            .join(Capability, Capability.link_key == CapabilityPhase.capability_key)
            .where(Capability.actor_id == Actor.id, Capability.deleted_at.is_(None))
            .scalar_subquery()
        )
    if key == "verified":
        return Actor.last_verified_on
    if key == "24_7":
        # Whom to call first: those reachable around the clock (then by name).
        return case((reachable_around_the_clock(), 0), else_=1)
    return Actor.name_key


def _order(flt: ActorFilter) -> list[SQLColumnExpression[Any]]:
    column = _sort_column(flt.sort)
    if column is Actor.name_key:
        # Exactly the (deleted_at, name_key, id) index, forwards or backwards: the register in
        # name order is read without sorting (a repeated key would make SQLite sort again).
        if flt.descending:
            return [Actor.name_key.desc(), Actor.id.desc()]
        return [Actor.name_key.asc(), Actor.id.asc()]
    # Empty cells first going up, last going down: SQLite's own NULL order, asked for on
    # PostgreSQL too (which would put them the other way round).
    first = column.desc().nulls_last() if flt.descending else column.asc().nulls_first()
    return [first, Actor.name_key, Actor.id]


_SERVER_MATCHING = (
    f"SELECT search_doc.actor_id AS actor_id FROM {SEARCH_TABLE} "
    f"JOIN search_doc ON search_doc.doc_id = {SEARCH_TABLE}.rowid "
    f"WHERE {SEARCH_TABLE}.terms @@ CAST(:match AS tsquery)"
)


def _query(flt: ActorFilter, postgresql: bool = False) -> Select[str]:
    flt = understood(flt)
    query = select(Actor.id)
    # Joining the (small) set of matches is far faster than testing every actor against it.
    if postgresql:
        tsquery = server_match(flt.text)
        matching = (
            None
            if tsquery is None
            else text(_SERVER_MATCHING).bindparams(match=tsquery).columns(actor_id=RecordId())
        )
    else:
        match = build_match(flt.text)
        matching = (
            None
            if match is None
            else text(match.select()).bindparams(**match.params()).columns(actor_id=RecordId())
        )
    if matching is not None:
        matches = matching.subquery("matches")
        query = query.join(matches, matches.c.actor_id == Actor.id)
    return query.where(*_where(flt)).order_by(*_order(flt))


# The register's common case (typing in the search box, default order) as plain SQL on the
# driver's cursor: building and compiling the general statement costs more than running it.
_IN_NAME_ORDER = "SELECT id FROM actor WHERE deleted_at IS NULL ORDER BY name_key, id"
# Only live actors have documents, and their ids follow the actors' name order (see
# search_index): the matches come in order (``TextMatch.select``) without sorting or touching
# the actor table.
# The same on PostgreSQL, where the ids are ordered by code points too, like the sort keys.
_SERVER_IN_NAME_ORDER = (
    'SELECT id FROM actor WHERE deleted_at IS NULL ORDER BY name_key, id COLLATE "C"'
)
# Its index's rows carry their actor and name key (migration 0016): no join with search_doc.
_SERVER_MATCHES_IN_NAME_ORDER = (
    f"SELECT actor_id FROM {SEARCH_TABLE} WHERE terms @@ CAST(%s AS tsquery) "
    'ORDER BY name_key, actor_id COLLATE "C"'
)


def search_actor_ids(store: Store, flt: ActorFilter) -> list[str]:
    """Ids of the live actors matching ``flt``, in the requested order.

    Everything happens in SQL: the full-text index finds the matching documents, and the
    matches are sorted by the actors' stored sort keys (the whole register, unfiltered, is read
    in the order of the ``(deleted_at, name_key, id)`` index without sorting).
    """
    flt = understood(flt)
    if replace(flt, text="", today=None) == ActorFilter():
        with store.read() as session:
            postgresql = is_postgresql(session)
            tsquery = server_match(flt.text) if postgresql else None
            match = None if postgresql else build_match(flt.text)
            if tsquery == "":
                return []
            raw = driver_cursor(session)
            try:
                if tsquery is not None:
                    raw.execute(_SERVER_MATCHES_IN_NAME_ORDER, (tsquery,))
                elif match is not None:
                    raw.execute(match.select(order="ASC"), match.params())
                else:
                    raw.execute(_SERVER_IN_NAME_ORDER if postgresql else _IN_NAME_ORDER)
                if postgresql:
                    return [row[0] for row in raw.fetchall()]
                return [id_from_stored(row[0]) for row in raw.fetchall()]
            finally:
                raw.close()
    with store.read() as session:
        query = _query(flt, is_postgresql(session))
        return list(session.connection().execute(query).scalars())


def count_live_actors(store: Store) -> int:
    """How many actors the register holds (not counting the trash)."""
    with store.read() as session:
        return session.scalar(select(func.count()).where(Actor.deleted_at.is_(None))) or 0


def rows_for(session: Session, ids: Sequence[str]) -> list[ActorRow]:
    """Table rows for the given actor ids, in the same order."""
    if not ids:
        return []
    # The table asks for a page of rows on every keystroke: plain reads on the driver's own
    # cursor, without building statements or wrapping every row.
    cursor = driver_cursor(session)
    try:
        return read_rows(cursor, ids, server=is_postgresql(session))
    finally:
        cursor.close()


def actor_rows(store: Store, ids: Sequence[str]) -> list[ActorRow]:
    """Table rows for the given ids (the register model fetches pages of these)."""
    with store.read() as session:
        return rows_for(session, ids)


def search_actors(store: Store, flt: ActorFilter, limit: int | None = None) -> list[ActorRow]:
    """Rows of the actors matching ``flt`` (at most ``limit``), in the requested order."""
    with store.read() as session:
        query = _query(flt, is_postgresql(session))
        if limit is not None:
            query = query.limit(limit)
        ids = list(session.connection().execute(query).scalars())
        return rows_for(session, ids)


def areas(store: Store) -> list[str]:
    """The distinct areas in use, in Finnish order (for filter choices)."""
    with store.read() as session:
        values = session.scalars(
            select(Actor.area).where(Actor.deleted_at.is_(None), Actor.area != "").distinct()
        )
        return sorted(values, key=sort_key)
