"""``verkosto find --health KEY`` on the small demo: every register health count of the dashboard
equals the number of rows the command prints, with the network's period and after changing it.

The dashboard counts with per-actor flags summed in a tally (``register_health``); ``find`` lists
through the register's search. For the checks about an actor's own records the rows are also
worked out here from every actor's details, without any of the data layer's SQL conditions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from verkosto_desktop.cli import main
from verkosto_desktop.data.dashboard.readiness import read_readiness
from verkosto_desktop.data.details import ActorDetail
from verkosto_desktop.data.network.info import update_network_info
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import HEALTH_KEYS
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.clock import now_local


def _months_ago(today: date, months: int) -> date:
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28))


def _by_hand(detail: ActorDetail, today: date, months: int) -> dict[str, bool]:
    """The health checks of one actor, from its details."""
    cutoff = _months_ago(today, months)
    contacts = [c for c in detail.contacts if c.deleted_at is None]
    stale = [c.last_verified_on is None or c.last_verified_on < cutoff for c in contacts]
    return {
        "stale_contacts": any(stale),
        "all_contacts_stale": bool(contacts) and all(stale),
        "no_24_7": not any(c.reachable_24_7 for c in contacts),
        "no_phone": detail.phone is None and not any(c.mobile or c.landline for c in contacts),
        "no_capability": not any(c.deleted_at is None for c in detail.capabilities),
        "no_consent": any(c.consent_on is None for c in contacts),
    }


def _find_ids(capsys: pytest.CaptureFixture[str], database: Path, key: str) -> list[str]:
    assert main(["find", "--health", key, "--database", str(database)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return [line.split("\t")[0] for line in captured.out.splitlines()]


@pytest.mark.parametrize("months", [12, 3])
def test_every_dashboard_health_count_equals_find_health(
    demo_path: Path, capsys: pytest.CaptureFixture[str], months: int
) -> None:
    with Store.open(demo_path) as store:
        if months != 12:
            update_network_info(store, {"stale_after_months": months})
        health = read_readiness(store).health
        today = now_local().date()
        by_hand: dict[str, set[str]] = {}
        for actor_id, _name in actors.actor_names(store):
            for key, found in _by_hand(actors.get_actor(store, actor_id), today, months).items():
                if found:
                    by_hand.setdefault(key, set()).add(actor_id)
    assert health.months == months
    # Every list the dashboard shows (the demo has activities, so all seven).
    assert [item.key for item in health.items] == list(HEALTH_KEYS)
    assert any(item.actors for item in health.items)
    for item in health.items:
        listed = _find_ids(capsys, demo_path, item.key)
        assert len(listed) == item.actors, item.key
        assert len(set(listed)) == len(listed)
        if item.key != "inactive_members":  # activities are not the actor's own records
            assert set(listed) == by_hand.get(item.key, set()), item.key


def test_the_period_changes_what_find_health_lists(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = _find_ids(capsys, demo_path, "stale_contacts")
    with Store.open(demo_path) as store:
        update_network_info(store, {"stale_after_months": 3})
    quarter = _find_ids(capsys, demo_path, "stale_contacts")
    assert set(year) < set(quarter)


def test_find_health_from_the_real_command_line(demo_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "VERKOSTO_LANG"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "verkosto_desktop", "find", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    with Store.open(demo_path) as store:
        expected = read_readiness(store).health.item("no_24_7")
    assert expected is not None and expected.actors > 0
    result = run("--health", "no_24_7", "--database", str(demo_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == expected.actors
    helped = run("--help")
    # The metavar is translated too.
    assert "--health AVAIN" in helped.stdout and "no_24_7" in helped.stdout
    wrong = run("--health", "nonsense", "--database", str(demo_path))
    assert wrong.returncode == 2 and wrong.stdout == ""
