"""Qt's print support asks CUPS for printers on Linux; the program points libcups at the local
socket there (no TCP fallback to localhost:631). Windows and macOS print through their own
systems, where the variable means nothing, so it is left alone."""

from __future__ import annotations

import os
import sys

import pytest

from verkosto_desktop import app


@pytest.mark.parametrize(
    ("platform", "expected"),
    [("linux", "/run/cups/cups.sock"), ("win32", None), ("darwin", None)],
)
def test_cups_is_pointed_at_its_socket_on_linux_only(
    platform: str, expected: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set, then removed: the monkeypatch then puts back whatever was there before the test.
    monkeypatch.setenv("CUPS_SERVER", "")
    monkeypatch.delenv("CUPS_SERVER")
    monkeypatch.setattr(sys, "platform", platform)
    app.keep_printing_local()
    assert os.environ.get("CUPS_SERVER") == expected


def test_a_cups_server_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", "/var/run/cups-alt.sock")
    monkeypatch.setattr(sys, "platform", "linux")
    app.keep_printing_local()
    assert os.environ["CUPS_SERVER"] == "/var/run/cups-alt.sock"
