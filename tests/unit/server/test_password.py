"""The server's password is asked for, never stored: without one in the address, libpq's own
sources (a password file, ``PGPASSWORD``) come first, then the keyring, then a prompt; a wrong
or missing one is a clear refusal that names the user and never the password. The test cluster
checks passwords (scram-sha-256 on 127.0.0.1), so these run against a real check."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from verkosto_desktop.data.server import store as server_store
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import add_user, init_register
from verkosto_desktop.data.server.store import ServerRefused, connect_engine

PASSWORD = "Aluetoimiston salasana 7"  # unlike any user name, so any echo of it shows


def reader_of(owner: ServerAddress) -> ServerAddress:
    """A reader of the region with a password of its own (the address without it)."""
    init_register(owner)  # roles named after this test's own database
    user = f"{owner.database}_lukija"
    add_user(owner, user, PASSWORD, network=None)
    return owner.with_user(user).with_password(None)


@pytest.fixture
def no_stored_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No password from the environment, a password file or a keyring."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "ei-ole.pgpass"))
    monkeypatch.setattr(server_store, "keyring_password", lambda _address: None)
    yield


def _works(address: ServerAddress, **kwargs: object) -> bool:
    engine = connect_engine(address, **kwargs)  # type: ignore[arg-type]
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_the_prompt_is_asked_once_and_a_wrong_answer_is_refused(
    pg_address: ServerAddress, no_stored_password: None
) -> None:
    bare = reader_of(pg_address)
    asked: list[str] = []

    def prompt(address: ServerAddress) -> str:
        asked.append(address.shown())
        return PASSWORD

    assert _works(bare, prompt=prompt)
    assert asked == [bare.shown()]

    with pytest.raises(ServerRefused) as refused:
        connect_engine(bare, prompt=lambda _address: "Kuusi kuusta 6")
    message = str(refused.value)
    assert (bare.user or "") in message and "Kuusi" not in message

    with pytest.raises(ServerRefused):
        connect_engine(bare)  # nothing to ask with (a command without a terminal)


def test_libpqs_password_file_is_used_before_any_prompt(
    pg_address: ServerAddress,
    no_stored_password: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    bare = reader_of(pg_address)
    url = bare.url
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"{url.host}:{url.port}:{url.database}:{url.username}:{PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    asked: list[str] = []

    def prompt(address: ServerAddress) -> None:
        asked.append(address.shown())

    assert _works(bare, prompt=prompt)
    assert asked == []


def _read_until(fd: int, wanted: bytes, seconds: float = 60) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{wanted!r} never came: {seen!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_the_command_line_asks_on_the_terminal_and_echoes_nothing(
    pg_demo_address: ServerAddress, no_stored_password: None
) -> None:
    bare = reader_of(pg_demo_address).url._replace(drivername="postgresql")
    address = bare.render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if k not in ("PGPASSWORD", "VERKOSTO_LANG")}
    pid, terminal = pty.fork()
    if pid == 0:  # the child: on its own terminal, as a user at a prompt
        os.execve(
            sys.executable,
            [sys.executable, "-m", "verkosto_desktop", "--lang", "en", "find", "kylä",
             "--database", address],
            env,
        )  # fmt: skip
    try:
        _read_until(terminal, b"Password of ")
        os.write(terminal, PASSWORD.encode() + b"\n")
        rest = _read_until(terminal, b"\x00", seconds=120)  # to the end of the output
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(terminal)
    assert os.waitstatus_to_exitcode(status) == 0, rest
    assert PASSWORD.encode() not in rest  # not echoed
    assert "kylä".encode() in rest.lower()
