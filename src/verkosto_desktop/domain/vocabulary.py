"""Words lists use for the register's stable keys, in Finnish, Swedish and English: actor kinds,
membership and readiness phases as a spreadsheet writes them ("Yhdistys", "förening", "NGO").

Catalogue entries (situation types, capability categories) are data with names in three
languages; ``resolve_entry`` finds one by key or by any of its names. A word found nowhere stays
unknown: an import asks the user what it means rather than guessing or dropping it."""

from __future__ import annotations

from collections.abc import Iterable

from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.matching import actor_key

ACTOR_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "association": (
        "yhdistys",
        "järjestö",
        "kansalaisjärjestö",
        "seura",
        "kerho",
        "förening",
        "organisation",
        "association",
        "ngo",
        "non governmental organization",
        "non governmental organisation",
    ),
    "readiness_organisation": (
        "valmiusjärjestö",
        "valmiusorganisaatio",
        "vapepa",
        "vpk",
        "punainen risti",
        "beredskapsorganisation",
        "frivilliga räddningstjänsten",
        "röda korset",
        "readiness organisation",
        "readiness organization",
        "red cross",
        "red cross red crescent",
        "volunteer rescue service",
    ),
    "municipality": (
        "kunta",
        "kaupunki",
        "kunnan yksikkö",
        "kommun",
        "stad",
        "municipality",
        "municipal unit",
        "city",
        "local government",
    ),
    "parish": (
        "seurakunta",
        "seurakuntayhtymä",
        "församling",
        "parish",
        "church",
        "faith based",
        "faith based organization",
        "faith based organisation",
    ),
    "authority": (
        "viranomainen",
        "virasto",
        "myndighet",
        "authority",
        "government",
        "government agency",
        "public authority",
    ),
    "company": (
        "yritys",
        "yhtiö",
        "oy",
        "företag",
        "bolag",
        "company",
        "business",
        "private",
        "private sector",
        "corporation",
    ),
    "other": ("muu", "annan", "övrig", "other"),
}

MEMBERSHIP_WORDS: dict[str, tuple[str, ...]] = {
    "member": ("jäsen", "kyllä", "x", "1", "medlem", "ja", "member", "yes"),
    "candidate": ("ehdokas", "ei", "0", "kandidat", "candidate", "no"),
    "invited": ("kutsuttu", "inbjuden", "invited"),
    "declined": ("kieltäytyi", "kieltäytynyt", "avböjde", "avböjt", "declined"),
    "left": ("eronnut", "erosi", "utträtt", "left"),
}

PHASE_WORDS: dict[str, tuple[str, ...]] = {
    "preparedness": (
        "v",
        "varautuminen",
        "ennaltaehkäisy",
        "beredskap",
        "förebyggande",
        "preparedness",
        "prevention",
    ),
    "response": (
        "t",
        "toiminta",
        "toiminta häiriötilanteessa",
        "häiriötilanne",
        "insats",
        "insats vid störning",
        "response",
    ),
    "recovery": (
        "j",
        "jälkihuolto",
        "toipuminen",
        "återhämtning",
        "eftervård",
        "recovery",
        "aftercare",
    ),
}


def _lookup(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {actor_key(key): key for key in words}
    for key, synonyms in words.items():
        for word in synonyms:
            table.setdefault(actor_key(word), key)
    return table


_KINDS = _lookup(ACTOR_KIND_WORDS)
_MEMBERSHIP = _lookup(MEMBERSHIP_WORDS)
_PHASES = _lookup(PHASE_WORDS)


def resolve_kind(word: str) -> str | None:
    """The actor kind a word names (a key, or a word in fi/sv/en), or None when unknown."""
    return _KINDS.get(actor_key(word))


def resolve_membership(word: str) -> str | None:
    """The membership status a word names, or None when unknown."""
    return _MEMBERSHIP.get(actor_key(word))


def resolve_phase(word: str) -> str | None:
    """The readiness phase a word names (``V``/``T``/``J`` too), or None when unknown."""
    return _PHASES.get(actor_key(word))


def entry_table(entries: Iterable[CatalogueEntry]) -> dict[str, str]:
    """Word → key for catalogue entries (their keys and names in every language), for
    ``resolve_entry``."""
    table: dict[str, str] = {}
    for entry in entries:
        for name in (entry.key, entry.name_fi, entry.name_sv, entry.name_en):
            if name:
                table.setdefault(actor_key(name), entry.key)
    return table


def resolve_entry(word: str, table: dict[str, str]) -> str | None:
    """The key of the catalogue entry a word names (its key or a name in any language), from
    an ``entry_table``; None when unknown."""
    return table.get(actor_key(word))
