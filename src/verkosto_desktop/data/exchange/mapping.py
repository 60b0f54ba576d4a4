"""Which column of a list goes where: targets, suggestions from known headers, and the mapping file.

A mapping file is JSON, the same file the wizard saves and ``verkosto import --mapping`` reads::

    {"columns": {"Nimi": "actor.name", "Puhelin": "contact.mobile", "Muuta": null},
     "defaults": {"actor.kind": "association"},
     "values": {"actor.kind": {"Säätiö": "other"},
                "capability.category_key": {"Ruoka": "catering"}}}

``columns`` maps a header to a target (``actor.FIELD``, ``contact.FIELD``, ``capability.FIELD``
with the models' field names, or ``capability.offers:KEY`` for a yes/no column of one category)
or to null (not imported). ``defaults`` fill empty cells of a target. ``values`` say what the
words of a column mean where the program does not know them (kinds, categories …); null there
leaves that word out on purpose.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verkosto_desktop.data.exchange import known_headers
from verkosto_desktop.data.exchange.table import ImportRefused
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.i18n import N_, _

OFFERS = "capability.offers:"


@dataclass(frozen=True)
class Target:
    """A place a column can go: ``key`` as in mapping files, an English label (translated when
    shown) and how its cells are read (``text``, ``long``, ``phone``, ``email``, ``yes``,
    ``date``, ``whole``, ``kind``, ``membership``, ``consent``, ``categories``, ``phases``,
    ``situations``)."""

    key: str
    label: str
    reads: str = "text"

    @property
    def record(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def field(self) -> str:
        return self.key.split(".", 1)[1]


TARGETS: tuple[Target, ...] = (
    Target("actor.name", N_("Actor: name")),
    Target("actor.kind", N_("Actor: kind"), "kind"),
    Target("actor.area", N_("Actor: area")),
    Target("actor.address", N_("Actor: address")),
    Target("actor.website", N_("Actor: website")),
    Target("actor.email", N_("Actor: e-mail"), "email"),
    Target("actor.phone", N_("Actor: phone"), "phone"),
    Target("actor.basic_activity", N_("Actor: everyday activity"), "long"),
    Target("actor.description", N_("Actor: description"), "long"),
    Target("actor.notes", N_("Actor: notes"), "long"),
    Target("actor.membership_status", N_("Actor: membership"), "membership"),
    Target("actor.last_verified_on", N_("Actor: last verified"), "date"),
    Target("contact.name", N_("Contact: name")),
    Target("contact.first_name", N_("Contact: first name")),
    Target("contact.middle_name", N_("Contact: middle name")),
    Target("contact.last_name", N_("Contact: last name")),
    Target("contact.role", N_("Contact: role")),
    Target("contact.mobile", N_("Contact: mobile"), "phone"),
    Target("contact.landline", N_("Contact: landline"), "phone"),
    Target("contact.phone", N_("Contact: phone (mobile or landline)"), "phone"),
    Target("contact.email", N_("Contact: e-mail"), "email"),
    Target("contact.radio", N_("Contact: radio")),
    Target("contact.walk_in", N_("Contact: walk-in address or runner"), "long"),
    Target("contact.reachable_24_7", N_("Contact: reachable 24/7"), "yes"),
    Target(
        "contact.without_mobile_network", N_("Contact: reachable without mobile network"), "yes"
    ),
    Target("contact.is_primary", N_("Contact: primary contact"), "yes"),
    Target("contact.consent_on", N_("Contact: consent (date or yes)"), "consent"),
    Target("contact.consent_method", N_("Contact: how consent was given")),
    Target("contact.notes", N_("Contact: notes"), "long"),
    Target("contact.last_verified_on", N_("Contact: last verified"), "date"),
    Target("capability.category_key", N_("Capability: category"), "categories"),
    Target("capability.description", N_("Capability: description"), "long"),
    Target("capability.capacity", N_("Capability: capacity"), "whole"),
    Target("capability.capacity_unit", N_("Capability: capacity unit")),
    Target("capability.activation_minutes", N_("Capability: activation time (minutes)"), "whole"),
    Target("capability.phases", N_("Capability: phases"), "phases"),
    Target("capability.situations", N_("Capability: situation types"), "situations"),
)
_BY_KEY = {target.key: target for target in TARGETS}
# Targets whose words may need the user's help (unknown kinds, categories …).
WORD_TARGETS = ("actor.kind", "actor.membership_status", "capability.category_key")
WORD_LIST_TARGETS = ("capability.phases", "capability.situations")


def target(key: str) -> Target:
    """The target for ``key`` (``capability.offers:KEY`` too); ``ImportRefused`` if unknown."""
    found = _BY_KEY.get(key)
    if found is not None:
        return found
    if key.startswith(OFFERS) and key[len(OFFERS) :]:
        return Target(key, N_("Capability offered: {category}"), "yes")
    raise ImportRefused(_("Unknown target in the mapping: {key}").format(key=key))


def field_label(record: str, name: str) -> str:
    """A field's name as the user reads it (``area`` of an actor: "area"), translated."""
    try:
        label = _(target(f"{record}.{name}").label)
    except ImportRefused:  # a field with no target of its own (phases and situations)
        return name
    return label.split(": ", 1)[-1]


def header_key(header: str) -> str:
    """A header as compared with known ones: its words, lower case."""
    folded = unicodedata.normalize("NFC", header).casefold()
    return " ".join(re.findall(r"[^\W_]+", folded))


@dataclass
class Mapping:
    """Header → target key (None: not imported), defaults and value meanings; see the module."""

    columns: dict[str, str | None] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def targets(self, headers: Iterable[str] | None = None) -> set[str]:
        """Every target some column (of ``headers``, when given) or default goes to."""
        columns = self.columns if headers is None else {h: self.columns.get(h) for h in headers}
        return {t for t in columns.values() if t} | set(self.defaults)

    def has_name(self, headers: Iterable[str] | None = None) -> bool:
        """Whether rows can get an actor's or a person's name (the import needs one)."""
        names = {"actor.name", "contact.name", "contact.first_name", "contact.last_name"}
        return bool(self.targets(headers) & names)

    def to_json(self) -> str:
        """The mapping file's text."""
        data = {"columns": self.columns, "defaults": self.defaults, "values": self.values}
        return json.dumps(data, ensure_ascii=False, indent=2)

    def save(self, path: Path) -> None:
        """Write the mapping file (UTF-8)."""
        path.write_text(self.to_json() + "\n", encoding="utf-8")


def mapping_from_data(data: Any) -> Mapping:
    """A mapping from parsed JSON; ``ImportRefused`` naming what is wrong with it."""
    if not isinstance(data, dict):
        raise ImportRefused(_("The mapping file must hold a JSON object."))
    columns = data.get("columns", {})
    defaults = data.get("defaults", {})
    values = data.get("values", {})
    if not isinstance(columns, dict) or not isinstance(defaults, dict):
        raise ImportRefused(_('The mapping file needs "columns" and "defaults" as objects.'))
    if not isinstance(values, dict):
        raise ImportRefused(_('The mapping file\'s "values" must be an object.'))
    mapping = Mapping()
    for header, key in columns.items():
        if key is not None:
            target(str(key))
        mapping.columns[str(header)] = None if key is None else str(key)
    for key, value in defaults.items():
        target(str(key))
        mapping.defaults[str(key)] = str(value)
    for key, meanings in values.items():
        target(str(key))
        if not isinstance(meanings, dict):
            raise ImportRefused(_('The mapping file\'s "values" must be an object.'))
        mapping.values[str(key)] = {
            str(word): None if meaning is None else str(meaning)
            for word, meaning in meanings.items()
        }
    return mapping


def load_mapping(path: Path) -> Mapping:
    """Read a mapping file; ``ImportRefused`` when it is missing or not a mapping."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ImportRefused(
            _("Cannot read the mapping file {path}: {reason}").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            _("The mapping file {path} is not JSON (line {line}).").format(
                path=path, line=error.lineno
            )
        ) from None
    return mapping_from_data(data)


def headers_signature(headers: Iterable[str]) -> str:
    """One text standing for a header row (compared to offer a mapping used before)."""
    joined = "\x1f".join(header_key(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _known_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, headers in known_headers.KNOWN.items():
        for header in headers:
            table.setdefault(header_key(header), key)
    return table


_KNOWN = _known_table()
_IGNORED = {header_key(h) for h in known_headers.IGNORED}


def suggest(headers: Iterable[str], categories: Iterable[CatalogueEntry] = ()) -> Mapping:
    """The mapping suggested for a header row: known headers, and a column named after a
    capability category as that category's yes/no column. Unknown headers map to None."""
    headers = list(headers)
    keys = {h: header_key(h) for h in headers}
    present = set(keys.values())
    category_names: dict[str, str] = {}
    for entry in categories:
        for name in (entry.key, entry.name_fi, entry.name_sv, entry.name_en):
            if name:
                category_names.setdefault(header_key(name), entry.key)
    person_list = bool(present & set(known_headers.PERSON_LISTS))
    columns: dict[str, str | None] = {}
    for header in headers:
        key = keys[header]
        found = _KNOWN.get(key)
        if person_list and key in ("name", "nimi", "namn"):
            found = "contact.name"
        if key == "title" and "job title" in present:
            found = None  # Outlook's "Title" is Mr or Ms; "Job Title" is the role
        if found is None and key in category_names and key not in _IGNORED:
            found = OFFERS + category_names[key]
        columns[header] = found
    has_person = any(
        value in ("contact.name", "contact.first_name", "contact.last_name")
        for value in columns.values()
    )
    # A list naming people: a bare phone or e-mail is the person's. Notes are the person's only
    # in lists of people (contacts exported from a phone or a mail program).
    record = "contact" if has_person else "actor"
    for header, value in columns.items():
        if value == known_headers.NOTES:
            columns[header] = "contact.notes" if person_list else "actor.notes"
        elif value is not None and value.startswith("?."):
            columns[header] = f"{record}.{value[2:]}"
    return Mapping(columns=columns)
