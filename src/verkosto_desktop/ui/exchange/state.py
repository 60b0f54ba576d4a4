"""What the import wizard's pages share: the file, how it was read, the mapping, the user's
decisions and the results so far (plain values; no widgets)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from verkosto_desktop.data.exchange.mapping import Mapping
from verkosto_desktop.data.exchange.reading import ReadOptions
from verkosto_desktop.data.exchange.results import ImportPlan, ImportResult
from verkosto_desktop.data.exchange.review import Review
from verkosto_desktop.data.exchange.table import Table


@dataclass
class ImportState:
    path: Path | None = None
    options: ReadOptions = field(default_factory=ReadOptions)
    table: Table | None = None
    mapping: Mapping = field(default_factory=Mapping)
    # The header row the mapping was made for (a new file starts the mapping afresh).
    mapped_headers: tuple[str, ...] = ()
    decisions: dict[str, str] = field(default_factory=dict)
    default_action: str = "fill"
    review: Review | None = None
    trial: ImportResult | None = None
    result: ImportResult | None = None

    def plan(self) -> ImportPlan:
        assert self.table is not None and self.path is not None
        return ImportPlan(
            self.table, self.mapping, self.path.name, dict(self.decisions), self.default_action
        )
