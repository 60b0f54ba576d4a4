"""Which document to print and with which choices."""

from __future__ import annotations

from dataclasses import dataclass, field

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.enums import ActorKind, LabelledEnum, MembershipStatus, Phase
from verkosto_desktop.domain.premises import PremisesFeature
from verkosto_desktop.domain.readiness import health_name
from verkosto_desktop.export.formatting import catalogue_name
from verkosto_desktop.i18n import N_, _


class DocumentKind(LabelledEnum):
    """The printable documents and exports (keys as on the command line)."""

    CONTACTS = "contacts"
    SITUATION = "situation"
    MEETING = "meeting"
    PLAN = "plan"
    POCKET = "pocket"
    PREMISES = "premises"
    READINESS = "readiness"
    CALL_SHEET = "call-sheet"
    INCIDENT = "incident"
    SURVEY = "survey"
    CSV = "csv"
    VCARD = "vcard"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "contacts": N_("Contact list"),
            "situation": N_("Situation card"),
            "meeting": N_("Coordination meeting"),
            "plan": N_("Action plan"),
            "pocket": N_("Pocket call list"),
            "premises": N_("Premises and backup power"),
            "readiness": N_("Readiness status"),
            "call-sheet": N_("Tick-off sheet: contacts due for checking"),
            "incident": N_("After-action report"),
            "survey": N_("Mapping survey form (blank)"),
            "csv": N_("Register as CSV (Excel)"),
            "vcard": N_("Contacts as vCards (phones)"),
        }

    @property
    def suffix(self) -> str:
        return {"csv": ".csv", "vcard": ".vcf"}.get(self.value, ".pdf")

    @property
    def is_pdf(self) -> bool:
        return self.suffix == ".pdf"

    @property
    def uses_actor_filter(self) -> bool:
        return self in (self.CONTACTS, self.POCKET, self.PREMISES, self.CSV, self.VCARD)


@dataclass(frozen=True)
class PrintRequest:
    """A document and its choices.

    ``filter`` chooses the actors of the contact list, pocket list, premises card, CSV and
    vCards (exactly the register's search and filters for "print as shown"); ``group_by``
    groups the contact list (``none`` keeps the filter's order); ``situation`` is the situation
    card's type (required there); ``phase`` narrows the situation card and the action plan to
    one phase, and chooses the readiness sheet's; ``incident_id`` is the meeting pack's
    incident (None: the active one, if any; a closed one too), or the after-action report's
    (None: the newest); ``meeting_id`` adds one of the incident's coordination meetings (time,
    convener, place, attendance, decisions, next meeting) to the pack (None: a pack for a
    meeting not yet held);
    ``members_only`` keeps the situation card to member actors; ``subtitle`` replaces the
    generated description of the choices in the header.
    """

    kind: DocumentKind
    filter: ActorFilter = field(default_factory=ActorFilter)
    group_by: str = "none"
    situation: str | None = None
    phase: str | None = None
    incident_id: str | None = None
    meeting_id: str | None = None
    members_only: bool = False
    subtitle: str | None = None


def describe_filter(store: Store, flt: ActorFilter, count: int | None = None) -> str:
    """The choices of ``flt`` in words for a sheet's header ("Yhdistys · Keskusta · …")."""
    parts: list[str] = []
    if flt.text.strip():
        parts.append(_("Search: “{text}”").format(text=flt.text.strip()))
    if flt.kind:
        parts.append(ActorKind.label_of(flt.kind))
    if flt.area:
        parts.append(flt.area)
    if flt.membership == "member":
        parts.append(_("members only"))
    elif flt.membership:
        parts.append(MembershipStatus.label_of(flt.membership))
    if flt.category:
        parts.append(catalogue_name(catalogues.capability_categories(store), flt.category))
    if flt.situation:
        parts.append(catalogue_name(catalogues.situation_types(store), flt.situation))
    if flt.phase:
        parts.append(Phase.label_of(flt.phase))
    if flt.health:
        parts.append(health_name(flt.health))
    parts.extend(PremisesFeature.label_of(key) for key in flt.premises)
    if flt.min_capacity is not None:
        parts.append(_("premises for at least {count} people").format(count=flt.min_capacity))
    if flt.ids is not None:
        parts.append(_("chosen actors"))
    if not parts:
        parts.append(_("All actors"))
    if count is not None:
        parts.append(_("Actors: {count}").format(count=count))
    return " · ".join(parts)
