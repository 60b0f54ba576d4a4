"""Henkilön tiedot: an access request as a readable PDF — for every person found, each section of
``data.register.person_data`` as a table of fields and values. Internal and confidential (it is
handed to the person concerned, never shared)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.export.template import (
    BOLD,
    Block,
    Column,
    Letterhead,
    Part,
    atomic_output,
    build_pdf,
    cell,
    markup,
    paragraph_styles,
    table,
)
from verkosto_desktop.export.template.tables import Cell
from verkosto_desktop.i18n import N_, _

SECTIONS = {
    "person": N_("Contact details now"),
    "consent": N_("Consent"),
    "organisation": N_("Organisation"),
    "previous_versions": N_("Every past version"),
    "contact_person_for_capabilities": N_("Named as the person for these capabilities"),
    "key_holder_for_premises": N_("Key holder of these premises"),
    "call_round_results": N_("Call-round results"),
    "log_entries": N_("Incident log entries they wrote or are named in"),
    "meetings_and_activities_naming_them": N_("Meetings and activities that name them"),
    "meetings_and_activities_of_their_organisation": N_(
        "Meetings and activities their organisation attended"
    ),
    "survey_answers_naming_them": N_("Survey answers that name them"),
    "survey_answers_of_their_organisation": N_("Survey answers of their organisation"),
    "other_records_naming_them": N_("Other records that name them"),
    "past_versions_of_other_records_naming_them": N_("Past versions of records that name them"),
}

FIELDS = {
    "id": N_("Id"),
    "actor_id": N_("Organisation's id"),
    "name": N_("Name"),
    "name_key": N_("Sort key"),
    "role": N_("Role"),
    "mobile": N_("Mobile"),
    "landline": N_("Landline"),
    "email": N_("Email"),
    "radio": N_("Radio"),
    "walk_in": N_("Walk-in or runner"),
    "without_mobile_network": N_("Without mobile network"),
    "reachable_24_7": N_("24/7"),
    "is_primary": N_("Primary contact"),
    "consent_on": N_("Consent recorded"),
    "consent_method": N_("Consent given how"),
    "consent_share_with_authorities": N_("May be shared with authorities"),
    "consent_note": N_("Consent note"),
    "notes": N_("Notes"),
    "last_verified_on": N_("Last verified"),
    "created_at": N_("Created"),
    "updated_at": N_("Changed"),
    "updated_by": N_("Changed by"),
    "revision": N_("Version"),
    "deleted_at": N_("Moved to the trash"),
    "recorded_on": N_("Consent recorded"),
    "method": N_("Consent given how"),
    "may_be_shared_with_authorities": N_("May be shared with authorities"),
    "note": N_("Note"),
    "replaced_at": N_("Replaced"),
    "data": N_("Contents"),
    "category": N_("Category"),
    "description": N_("Description"),
    "call_round": N_("Call round"),
    "result": N_("Result"),
    "called_at": N_("Called"),
    "incident": N_("Incident"),
    "happened_at": N_("Time"),
    "kind": N_("Kind"),
    "wrote_it": N_("Written by them"),
    "author": N_("Recorded by"),
    "text": N_("Text"),
    "details": N_("Details"),
    "title": N_("Title"),
    "starts_at": N_("Starts"),
    "place": N_("Place"),
    "decisions": N_("Decisions"),
    "round": N_("Round"),
    "question": N_("Question"),
    "answer": N_("Answer"),
    "answered_on": N_("Answered"),
    "table": N_("Kind of record"),
    "key": N_("Record"),
    "texts": N_("Texts"),
}


def title() -> str:
    return _("Person's data")


def _label(key: str) -> str:
    known = FIELDS.get(key)
    return _(known) if known else key


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return _moment(value)
    if isinstance(value, Mapping):
        return "\n".join(f"{_label(str(k))}: {_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "\n".join(_value(v) for v in value) or "—"
    return str(value)


def _moment(text: str) -> str:
    """An ISO date or time written the Finnish way; any other text as it is."""
    if len(text) < 10 or not text[:4].isdigit() or text[4:5] != "-":
        return text
    try:
        if len(text) == 10:
            return format_date(date.fromisoformat(text))
        return format_datetime(datetime.fromisoformat(text))
    except ValueError:
        return text


def _rows(item: Mapping[str, Any]) -> tuple[tuple[Cell, ...], ...]:
    return tuple((cell((_label(k), BOLD)), cell(_value(v))) for k, v in item.items())


def _section(key: str, value: Any, above: tuple[Flowable, ...] = ()) -> Iterator[Flowable]:
    styles = paragraph_styles()
    heading = [*above, Paragraph(markup(_(SECTIONS.get(key, key))), styles["h2"])]
    columns = [Column(_("Field"), 1.0), Column(_("Value"), 3.0)]
    items = value if isinstance(value, list) else ([value] if value else [])
    blocks = (Block(rows=_rows(item)) for item in items if isinstance(item, Mapping))
    yield from table(columns, blocks, heading=heading, empty_text=_("Nothing."))


def _story(data: Mapping[str, Any]) -> Iterator[Flowable]:
    styles = paragraph_styles()
    people = data.get("people", [])
    yield Paragraph(markup(title()), styles["title"])
    yield Paragraph(
        markup(
            _(
                "Everything this Verkosto file holds about the people found with “{query}”: "
                "{count} found. Exported {time}."
            ).format(
                query=data.get("query", ""),
                count=len(people),
                time=_moment(str(data.get("exported_at", ""))),
            )
        ),
        styles["small"],
    )
    for person in people:
        name = (person.get("person") or {}).get("name", "")
        # The name goes with its first section's heading, never alone at a page's foot.
        above: tuple[Flowable, ...] = (Paragraph(markup(name), styles["h1"]),)
        for key in SECTIONS:
            yield from _section(key, person.get(key), above)
            above = ()


def person_report_part(letterhead: Letterhead, data: Mapping[str, Any]) -> Part:
    """The access request ``data`` (``data.register.person_data.people_data``) as a part."""
    info = letterhead.document(title(), subtitle=str(data.get("query", "")))
    return Part(info, _story(data))


def write_person_report(letterhead: Letterhead, data: Mapping[str, Any], path: Path) -> Path:
    """Write the report to ``path`` (all or nothing, readable by its owner only)."""
    with atomic_output(path) as out:
        build_pdf(out, [person_report_part(letterhead, data)])
    return Path(path)
