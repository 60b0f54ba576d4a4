"""Built-in catalogue entries. Their names are data (fi/sv/en columns), not catalog strings,
because users add their own entries beside them with names in the same three languages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from verkosto_desktop.i18n import current_language


@dataclass(frozen=True)
class CatalogueEntry:
    """One situation type or capability category, with its stable key and names."""

    key: str
    name_fi: str
    name_sv: str
    name_en: str
    builtin: bool = True
    position: int = 0

    def name(self, language: str) -> str:
        """The name in ``language``, falling back to Finnish, then to the key."""
        value = {"fi": self.name_fi, "sv": self.name_sv, "en": self.name_en}.get(language, "")
        return value or self.name_fi or self.key


def names_by_key(entries: Iterable[CatalogueEntry]) -> dict[str, str]:
    """Key → name in the current language, for showing stored keys."""
    language = current_language()
    return {entry.key: entry.name(language) for entry in entries}


SITUATION_TYPES: tuple[CatalogueEntry, ...] = tuple(
    CatalogueEntry(key, fi, sv, en, True, i)
    for i, (key, fi, sv, en) in enumerate(
        [
            ("storm", "Myrsky", "Storm", "Storm"),
            ("power_outage", "Sähkökatko", "Strömavbrott", "Power outage"),
            ("accident", "Onnettomuus", "Olycka", "Accident"),
            (
                "telecom_outage",
                "Tietoliikennekatko",
                "Avbrott i telekommunikation",
                "Telecom outage",
            ),
            (
                "water_outage",
                "Vedenjakelun häiriö",
                "Störning i vattenförsörjningen",
                "Water supply disruption",
            ),
            ("epidemic", "Epidemia", "Epidemi", "Epidemic"),
            ("social_crisis", "Sosiaalinen kriisi", "Social kris", "Social crisis"),
            (
                "unemployment",
                "Äkillinen työttömyys tai työkyvyttömyys",
                "Plötslig arbetslöshet eller arbetsoförmåga",
                "Sudden unemployment or incapacity",
            ),
            ("illness", "Sairastuminen", "Insjuknande", "Illness"),
            ("other", "Muu häiriötilanne", "Annan störning", "Other disruption"),
        ]
    )
)

CAPABILITY_CATEGORIES: tuple[CatalogueEntry, ...] = tuple(
    CatalogueEntry(key, fi, sv, en, True, i)
    for i, (key, fi, sv, en) in enumerate(
        [
            ("premises", "Tilat", "Lokaler", "Premises"),
            ("catering", "Ruokahuolto", "Matförsörjning", "Catering"),
            ("transport", "Kuljetus", "Transport", "Transport"),
            ("first_aid", "Ensiapu", "Första hjälpen", "First aid"),
            ("psychosocial_support", "Henkinen tuki", "Psykosocialt stöd", "Psychosocial support"),
            (
                "outreach",
                "Haavoittuvien asukkaiden tavoittaminen",
                "Att nå sårbara invånare",
                "Reaching vulnerable residents",
            ),
            ("information", "Tiedottaminen", "Information", "Information"),
            ("childcare", "Lastenhoito", "Barnomsorg", "Childcare"),
            ("interpreting", "Tulkkaus", "Tolkning", "Interpreting"),
            ("power_supply", "Varavoima", "Reservkraft", "Generators and power"),
            ("heating", "Lämmitys", "Uppvärmning", "Heating"),
            ("water_supply", "Vedenjakelu", "Vattenutdelning", "Water supply"),
            (
                "communications",
                "Viestiyhteydet (radio)",
                "Radiokommunikation",
                "Radio communications",
            ),
            ("activities", "Kerhot ja tapahtumat", "Klubbar och evenemang", "Clubs and events"),
            ("peer_support", "Vertaistuki", "Kamratstöd", "Peer support"),
            ("logistics", "Logistiikka", "Logistik", "Logistics"),
            ("it_support", "Tietotekninen tuki", "IT-stöd", "IT support"),
        ]
    )
)

SITUATION_KEYS: tuple[str, ...] = tuple(entry.key for entry in SITUATION_TYPES)
CATEGORY_KEYS: tuple[str, ...] = tuple(entry.key for entry in CAPABILITY_CATEGORIES)
