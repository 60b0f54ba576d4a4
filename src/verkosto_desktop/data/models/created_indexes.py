"""Indexes on the creation time of what printed sheets are made of: counting the changes since
the last print pack (``data.printouts.packs``) then reads only the rows made after it."""

from __future__ import annotations

from sqlalchemy import Index

from verkosto_desktop.data.models.incident import Incident, IncidentLogEntry
from verkosto_desktop.data.models.network import ActionItem, NetworkInfo
from verkosto_desktop.data.models.register import Actor, Capability, Contact, Facility

PRINTED_TABLES = (
    Actor,
    Contact,
    Capability,
    Facility,
    NetworkInfo,
    ActionItem,
    Incident,
    IncidentLogEntry,
)

# Made here rather than in each class: an Index of a mapped column joins that column's table.
CREATED_AT_INDEXES = tuple(
    Index(f"ix_{model.__tablename__}_created_at", model.created_at) for model in PRINTED_TABLES
)
