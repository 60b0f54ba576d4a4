"""What a shared document may show (``domain.consent``): the values read for it, with the
people who did not agree to be named on paper shared with authorities taken out.

Contact persons chosen for a shared document are already chosen among those who may be named
(``data.register.offers``); free text (log entries, tasks, meeting notes, decisions) may still
name anyone, so every text of the values is searched for the names of the people left out and
each mention becomes "[contact person]". The sheet then says how many people were left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from verkosto_desktop.data.dashboard.readiness import ReadinessPicture
from verkosto_desktop.data.register.offers import CapabilityOffer
from verkosto_desktop.data.register.withheld import withheld_people
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.consent import withheld_placeholder
from verkosto_desktop.domain.mentions import Mentions

T = TypeVar("T")

# Fields that hold keys, ids or codes, never a person's words.
_CODES = frozenset({"id", "kind", "status", "phase", "category_key", "question_key", "result"})


def _is_code(name: str) -> bool:
    return name in _CODES or name.endswith(("_id", "_ids", "_key", "_keys"))


class SharedView:
    """Makes values ready for a shared document and counts the people it left out."""

    def __init__(self, mentions: Mentions) -> None:
        self._mentions = mentions
        self._placeholder = withheld_placeholder()
        self.left_out: set[str] = set()

    @classmethod
    def of(cls, store: Store) -> SharedView:
        return cls(withheld_people(store))

    def readiness(self, picture: ReadinessPicture) -> ReadinessPicture:
        """The readiness picture with the texts people write (incidents' latest log entries,
        activities, action plan items) made ready for sharing."""
        return dataclasses.replace(
            picture,
            incidents=self.value(picture.incidents),
            activities=self.value(picture.activities),
            actions=self.value(picture.actions),
        )

    def count_offers(self, offers: Iterable[CapabilityOffer]) -> None:
        """Note the people the offers left out (their chosen contacts who may not be named)."""
        self.left_out.update(o.withheld_contact_id for o in offers if o.withheld_contact_id)

    def text(self, text: str) -> str:
        """``text`` with every person left out replaced by "[contact person]"."""
        if not text or not self._mentions:
            return text
        owners = self._mentions.owners_in(text)
        if not owners:
            return text
        self.left_out.update(owners)
        return self._mentions.replace(text, self._placeholder)

    def value(self, value: T) -> T:
        """``value`` (frozen dataclasses, tuples, lists, mappings of them) with every text
        field passed through :meth:`text`; ids, keys and codes are kept as they are."""
        return self._walk(value)  # type: ignore[no-any-return]

    def _walk(self, value: Any, name: str = "") -> Any:
        if isinstance(value, str):
            return value if _is_code(name) else self.text(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: self._walk(getattr(value, f.name), f.name)
                for f in dataclasses.fields(value)
                if f.init
            }
            return dataclasses.replace(value, **changes)
        if isinstance(value, tuple):
            return tuple(self._walk(item, name) for item in value)
        if isinstance(value, list):
            return [self._walk(item, name) for item in value]
        if isinstance(value, Mapping):
            walked = {key: self._walk(item, str(key)) for key, item in value.items()}
            return MappingProxyType(walked) if isinstance(value, MappingProxyType) else walked
        return value
