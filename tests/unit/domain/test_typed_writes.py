"""Typed writes: each write operation takes a TypedDict whose keys are exactly the fields its
cleaner knows, so a misspelt field fails the type check (not only a KeyError at run time)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mypy import api

from verkosto_desktop.domain import records, writes
from verkosto_desktop.domain.incidents import INCIDENT_FIELDS

ROOT = Path(__file__).resolve().parents[3]

PAIRS = [
    (writes.ActorFields, records.ACTOR_FIELDS),
    (writes.ContactFields, records.CONTACT_FIELDS),
    (writes.FacilityFields, records.FACILITY_FIELDS),
    (writes.CapabilityFields, records.CAPABILITY_FIELDS),
    (writes.ActivityFields, records.ACTIVITY_FIELDS),
    (writes.ActionItemFields, records.ACTION_ITEM_FIELDS),
    (writes.FoundingStepFields, records.FOUNDING_STEP_FIELDS),
    (writes.NetworkFields, records.NETWORK_FIELDS),
    (writes.LogEntryFields, records.LOG_ENTRY_FIELDS),
    (writes.IncidentFields, INCIDENT_FIELDS),
]


@pytest.mark.parametrize(("typed", "cleaners"), PAIRS, ids=lambda p: getattr(p, "__name__", ""))
def test_the_typed_fields_are_the_fields_the_operation_cleans(
    typed: type, cleaners: dict[str, object]
) -> None:
    assert set(typed.__optional_keys__) | set(typed.__required_keys__) == set(cleaners)


def test_a_misspelt_field_fails_the_type_check(tmp_path: Path) -> None:
    snippet = tmp_path / "misspelt.py"
    snippet.write_text(
        textwrap.dedent(
            """
            from verkosto_desktop.data.register import actors
            from verkosto_desktop.data.storage.store import Store

            def rename(store: Store, actor_id: str) -> None:
                actors.update_actor(store, actor_id, {"name": "Martat"})
                actors.update_actor(store, actor_id, {"nmae": "Martat"})
            """
        )
    )
    out, _err, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            str(snippet),
        ]
    )
    assert status == 1, out
    (line,) = [text for text in out.splitlines() if ": error:" in text]
    assert "misspelt.py:7:" in line and '"nmae"' in line and "typeddict-unknown-key" in line
