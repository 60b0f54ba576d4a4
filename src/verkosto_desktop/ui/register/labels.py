"""Names the register shows for stored field keys and health filters (translated when shown)."""

from __future__ import annotations

from verkosto_desktop.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "kind": N_("Kind"),
    "area": N_("Area"),
    "description": N_("Description"),
    "basic_activity": N_("Everyday activity"),
    "address": N_("Address"),
    "website": N_("Website"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "membership_status": N_("Membership"),
    "membership_changed_on": N_("Membership changed"),
    "invited_by_id": N_("Invited by"),
    "notes": N_("Notes"),
    "last_verified_on": N_("Last verified"),
    "deleted_at": N_("In the trash"),
    "role": N_("Role"),
    "mobile": N_("Mobile"),
    "landline": N_("Landline"),
    "radio": N_("Radio"),
    "walk_in": N_("Walk-in or runner"),
    "without_mobile_network": N_("Reachable without the mobile network"),
    "reachable_24_7": N_("Reachable 24/7"),
    "is_primary": N_("Primary contact"),
    "consent_on": N_("Consent given"),
    "consent_method": N_("How consent was given"),
    "consent_share_with_authorities": N_("May be shared with authorities"),
    "consent_note": N_("Consent note"),
    "category_key": N_("Category"),
    "capacity": N_("Capacity"),
    "capacity_unit": N_("Unit"),
    "activation_minutes": N_("Ready in (minutes)"),
    "contact_id": N_("Contact person"),
    "phases": N_("Phases"),
    "situations": N_("Situation types"),
    "heating": N_("Heating"),
    "backup_power": N_("Backup power"),
    "water": N_("Water"),
    "kitchen": N_("Kitchen"),
    "accessible": N_("Accessible"),
    "key_holder_id": N_("Key holder"),
}


def field_label(key: str) -> str:
    """The translated name of a stored field (the key itself when it has none)."""
    label = FIELD_LABELS.get(key)
    return _(label) if label else key
