"""The premises filter as SQL conditions: the register's filter ("has premises with backup
power") and the premises card ("these premises") are built from the one condition, so the card
lists exactly the premises the filter counted."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, exists, literal, select

from verkosto_desktop.data.models import Actor, Facility
from verkosto_desktop.domain.premises import PremisesFeature


def premises_condition(
    features: Collection[str], min_capacity: int | None = None
) -> ColumnElement[bool]:
    """Condition on ``Facility``: live, with every feature of ``features`` (``PremisesFeature``
    keys) and room for at least ``min_capacity`` people."""
    conditions: list[ColumnElement[bool]] = [Facility.deleted_at.is_(None)]
    for key in features:
        conditions.append(getattr(Facility, PremisesFeature(key).column).is_(True))
    if min_capacity is not None:
        conditions.append(Facility.capacity >= min_capacity)
    return and_(*conditions)


def has_premises(features: Collection[str], min_capacity: int | None = None) -> ColumnElement[bool]:
    """Condition on ``Actor``: it has premises matching :func:`premises_condition`."""
    return exists(
        select(literal(1)).where(
            Facility.actor_id == Actor.id, premises_condition(features, min_capacity)
        )
    )
