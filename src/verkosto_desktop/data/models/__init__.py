"""All models, importable from one place."""

# Its indexes on creation times join their tables' metadata when it is imported.
from verkosto_desktop.data.models import created_indexes  # noqa: F401
from verkosto_desktop.data.models.base import Base, Record, Tracked
from verkosto_desktop.data.models.exchange import ErasedIdentifier, ImportBatch, ImportBatchItem
from verkosto_desktop.data.models.incident import Incident, IncidentLogEntry, IncidentSituation
from verkosto_desktop.data.models.network import (
    ActionItem,
    ActionStatusChange,
    Activity,
    ActivityAttendance,
    CallRound,
    CallRoundEntry,
    FoundingStep,
    MembershipChange,
    NetworkInfo,
    SurveyAnswer,
)
from verkosto_desktop.data.models.register import (
    Actor,
    Capability,
    CapabilityCategory,
    CapabilityPhase,
    CapabilitySituation,
    Contact,
    Facility,
    SituationType,
)
from verkosto_desktop.data.models.sharing import (
    BundleLog,
    ChangeRecord,
    ClockVector,
    Conflict,
    PeerKnowledge,
    PendingRecord,
    Site,
)
from verkosto_desktop.data.models.system import Erasure, History, PrintPack, SearchDoc

__all__ = [
    "ActionItem",
    "ActionStatusChange",
    "Activity",
    "ActivityAttendance",
    "Actor",
    "Base",
    "BundleLog",
    "CallRound",
    "CallRoundEntry",
    "Capability",
    "CapabilityCategory",
    "CapabilityPhase",
    "CapabilitySituation",
    "ChangeRecord",
    "ClockVector",
    "Conflict",
    "Contact",
    "ErasedIdentifier",
    "Erasure",
    "Facility",
    "FoundingStep",
    "History",
    "ImportBatch",
    "ImportBatchItem",
    "Incident",
    "IncidentLogEntry",
    "IncidentSituation",
    "MembershipChange",
    "NetworkInfo",
    "PeerKnowledge",
    "PendingRecord",
    "PrintPack",
    "Record",
    "SearchDoc",
    "Site",
    "SituationType",
    "SurveyAnswer",
    "Tracked",
]
