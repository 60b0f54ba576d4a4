"""vCards 2.1, 3.0 and 4.0 as phones and mail programs export them, read with ``vobject``.

Android writes names in quoted-printable with soft line breaks (a line ending in ``=`` goes on
on the next line); ``vobject`` cannot parse those, so they are joined first, and its custom
labels ``X-CUSTOM(…)`` are dropped. Each card becomes one row of fixed columns: a person with
their organisation, mobile (``CELL``) and landline (``HOME``, ``WORK``, ``VOICE``) numbers,
e-mail, address, note. A card that is an organisation's own (no person's name, or the name is
the organisation's) gives the organisation's number and e-mail instead."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

from verkosto_desktop.data.exchange.decode import decode
from verkosto_desktop.data.exchange.table import MAX_ROWS, ImportRefused, Row, Table
from verkosto_desktop.domain.matching import actor_key
from verkosto_desktop.i18n import _

NAME = "FN"
ORG = "ORG"
TITLE = "TITLE"
MOBILE = "TEL;CELL"
LANDLINE = "TEL;VOICE"
EMAIL = "EMAIL"
ORG_TEL = "ORG TEL"
ORG_EMAIL = "ORG EMAIL"
ADDRESS = "ADR"
URL = "URL"
NOTE = "NOTE"
MORE = "TEL/EMAIL (more)"
CATEGORIES = "CATEGORIES"
HEADERS = (
    NAME,
    ORG,
    TITLE,
    MOBILE,
    LANDLINE,
    EMAIL,
    ORG_TEL,
    ORG_EMAIL,
    ADDRESS,
    URL,
    NOTE,
    MORE,
    CATEGORIES,
)
MAPPING: dict[str, str | None] = {
    NAME: "contact.name",
    ORG: "actor.name",
    TITLE: "contact.role",
    MOBILE: "contact.mobile",
    LANDLINE: "contact.landline",
    EMAIL: "contact.email",
    ORG_TEL: "actor.phone",
    ORG_EMAIL: "actor.email",
    ADDRESS: "contact.walk_in",
    URL: "actor.website",
    NOTE: "contact.notes",
    MORE: "contact.notes",
    CATEGORIES: None,
}

_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_CUSTOM_LABEL = re.compile(r";X-CUSTOM\([^)]*\)", re.IGNORECASE)
_MOBILE_TYPES = {"CELL", "MOBILE", "IPHONE"}
_LANDLINE_TYPES = {"HOME", "WORK", "VOICE", "MAIN"}
_SKIPPED_TYPES = {"FAX", "PAGER"}


def _join_soft_breaks(lines: list[str]) -> list[str]:
    """Quoted-printable values split over lines ending in ``=`` joined into one line each."""
    joined: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None:
            pending = pending[:-1] + line
        else:
            head = line.split(":", 1)[0].upper()
            if "QUOTED-PRINTABLE" not in head or not line.endswith("="):
                joined.append(line)
                continue
            pending = line
        if not pending.endswith("="):
            joined.append(pending)
            pending = None
    if pending is not None:
        joined.append(pending[:-1])
    return joined


def _cards(text: str) -> list[tuple[int, list[str]]]:
    cards: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if _BEGIN.match(line):
            current = [line.strip()]
            continue
        if current is None:
            continue
        if _END.match(line):
            current.append(line.strip())
            cards.append((len(cards) + 1, current))
            if len(cards) > MAX_ROWS:
                raise ImportRefused(
                    _("The file has more than {limit} cards.").format(limit=MAX_ROWS)
                )
            current = None
        else:
            current.append(_CUSTOM_LABEL.sub("", line))
    return cards


def _types(prop: Any) -> set[str]:
    found: set[str] = set()
    for value in prop.params.get("TYPE", []):
        found.update(part.strip().upper() for part in str(value).split(","))
    found.update(str(value).upper() for value in getattr(prop, "singletonparams", []))
    return found


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _number(prop: Any) -> str:
    value = _text(prop.value)
    return value[4:] if value.lower().startswith("tel:") else value


def _is_mobile(number: str) -> bool:
    try:
        parsed = phonenumbers.parse(number, "FI")
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(parsed)
    return kind in (phonenumbers.PhoneNumberType.MOBILE,)


def _address(prop: Any) -> str:
    value = prop.value
    if hasattr(value, "street"):
        place = " ".join(p for p in (_text(value.code), _text(value.city)) if p)
        return ", ".join(p for p in (_text(value.street), place) if p)
    return _text(value).replace(";", " ").strip()


def _person_name(card: Any) -> str:
    if hasattr(card, "fn") and _text(card.fn.value):
        return _text(card.fn.value)
    if hasattr(card, "n"):
        name = card.n.value
        parts = (_text(getattr(name, "given", "")), _text(getattr(name, "family", "")))
        return " ".join(p for p in parts if p)
    return ""


def _row(card: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    org_parts = card.org.value if hasattr(card, "org") else []
    if isinstance(org_parts, str):
        org_parts = [org_parts]
    organisation = str(org_parts[0]).strip() if org_parts else ""
    department = ", ".join(str(p).strip() for p in org_parts[1:] if str(p).strip())
    name = _person_name(card)
    own_card = bool(organisation) and (not name or actor_key(name) == actor_key(organisation))
    values[NAME] = "" if own_card else name
    values[ORG] = organisation
    role = _text(card.title.value) if hasattr(card, "title") else ""
    values[TITLE] = ", ".join(p for p in (role, department) if p)
    more: list[str] = []
    mobiles: list[str] = []
    landlines: list[str] = []
    for prop in card.contents.get("tel", []):
        number = _number(prop)
        if not number:
            continue
        types = _types(prop)
        if types & _SKIPPED_TYPES:
            more.append(number)
        elif types & _MOBILE_TYPES or (not types & _LANDLINE_TYPES and _is_mobile(number)):
            mobiles.append(number)
        else:
            landlines.append(number)
    emails = [_text(p.value) for p in card.contents.get("email", []) if _text(p.value)]
    if own_card:
        numbers = mobiles + landlines
        values[ORG_TEL] = numbers[0] if numbers else ""
        values[ORG_EMAIL] = emails[0] if emails else ""
        more.extend(numbers[1:] + emails[1:])
    else:
        values[MOBILE] = mobiles[0] if mobiles else ""
        values[LANDLINE] = landlines[0] if landlines else ""
        values[EMAIL] = emails[0] if emails else ""
        more.extend(mobiles[1:] + landlines[1:] + emails[1:])
    addresses = [_address(p) for p in card.contents.get("adr", [])]
    values[ADDRESS] = "; ".join(a for a in addresses if a)
    urls = [_text(p.value) for p in card.contents.get("url", [])]
    values[URL] = urls[0] if urls else ""
    notes = [_text(p.value) for p in card.contents.get("note", [])]
    values[NOTE] = "\n".join(n for n in notes if n)
    values[MORE] = "; ".join(more)
    categories = [_text(p.value) for p in card.contents.get("categories", [])]
    values[CATEGORIES] = ", ".join(c for c in categories if c)
    return values


def read_vcards(data: bytes, encoding: str | None = None) -> Table:
    """Every card as a row of ``HEADERS``; a card that cannot be read is a problem of its own."""
    import vobject

    decoded = decode(data, encoding)
    lines = _join_soft_breaks(decoded.text.splitlines())
    table = Table(
        kind="vcard",
        headers=HEADERS,
        rows=[],
        unit="card",
        encoding=decoded.encoding,
        known_mapping=dict(MAPPING),
    )
    cards = _cards("\n".join(lines))
    if not cards:
        raise ImportRefused(_("The file holds no vCards."))
    for number, card_lines in cards:
        try:
            card = vobject.readOne("\r\n".join(card_lines) + "\r\n")
            values = _row(card)
        except Exception as error:  # vobject raises many kinds of errors on broken cards
            table.problem(
                number,
                None,
                _("The card cannot be read ({reason}).").format(reason=str(error)[:120]),
            )
            continue
        table.rows.append(Row(number, tuple(values.get(h, "") for h in HEADERS)))
    return table
