"""``--database postgresql://…`` wherever a file is accepted: find, incidents, export and check
answer from the regional register as from a file; commands that only make sense for a file
say so; a server out of reach is one clear line. ``server init`` and ``server user`` set the
register up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from pg_support import PgServer
from verkosto_desktop.data.server.address import ServerAddress


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    # In English, so that the messages can be read back (the program speaks Finnish by default).
    env = {k: v for k, v in os.environ.items() if k != "VERKOSTO_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", "--lang", "en", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def url(address: ServerAddress) -> str:
    # What a user types: the plain scheme, the password (for the test) in the URL.
    return address.url._replace(drivername="postgresql").render_as_string(hide_password=False)


def without_ids(output: str) -> list[list[str]]:
    return [line.split("\t")[1:] for line in output.splitlines()]


@pytest.mark.parametrize(
    "query",
    [
        ["kylä"],
        ["040"],
        ["--situation", "power_outage", "--phase", "response"],
        ["--kind", "parish"],
    ],
)
def test_find_on_the_server_answers_as_on_the_file(
    pg_demo_address: ServerAddress, demo_path: Path, query: list[str]
) -> None:
    on_server = run("find", *query, "--database", url(pg_demo_address))
    on_file = run("find", *query, "--database", str(demo_path))
    assert on_server.returncode == on_file.returncode == 0, on_server.stderr
    assert on_server.stdout.strip()
    assert without_ids(on_server.stdout) == without_ids(on_file.stdout)


def test_incidents_and_export_read_the_server(
    pg_demo_address: ServerAddress, tmp_path: Path
) -> None:
    listed = run("incidents", "--database", url(pg_demo_address))
    assert listed.returncode == 0, listed.stderr
    titles = [line.split("\t")[1] for line in listed.stdout.splitlines()]
    assert "Syysmyrsky Aila" in titles and len(titles) == 2
    out = tmp_path / "yhteystiedot.pdf"
    exported = run("export", "contacts", "--database", url(pg_demo_address), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    words = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Kirkonkylän kyläyhdistys" in words and "Kalle Räsänen" in words


def test_check_says_ok_and_finds_a_damaged_register(pg_demo_address: ServerAddress) -> None:
    checked = run("check", "--database", url(pg_demo_address))
    assert (checked.returncode, checked.stdout.strip()) == (0, "ok")
    engine = create_engine(pg_demo_address.url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP TRIGGER incident_log_no_delete ON incident_log_entry"))
    finally:
        engine.dispose()
    damaged = run("check", "--database", url(pg_demo_address))
    assert damaged.returncode == 1
    assert "incident log" in damaged.stderr and "Traceback" not in damaged.stderr


def test_file_only_commands_refuse_the_server_and_never_show_its_password(
    pg_demo_address: ServerAddress,
) -> None:
    for command in (["backup"], ["backups"], ["restore"]):
        result = run(*command, "--database", url(pg_demo_address))
        assert result.returncode == 1, command
        assert "regional register" in result.stderr and "Traceback" not in result.stderr
        assert f":{pg_demo_address.password}@" not in result.stderr


def test_a_server_that_cannot_be_reached_is_one_clear_line(pg_demo_address: ServerAddress) -> None:
    missing = pg_demo_address.url._replace(database="no_such_register", drivername="postgresql")
    result = run("find", "kylä", "--database", missing.render_as_string(hide_password=False))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot be reached" in result.stderr
    assert (
        "no_such_register" in result.stderr and f":{pg_demo_address.password}@" not in result.stderr
    )
    bad = run("find", "kylä", "--database", "postgresql://")
    assert bad.returncode == 2 and "names no database" in bad.stderr


def test_server_init_and_a_writer_from_the_command_line(pg_server: PgServer) -> None:
    name = pg_server.create_database()
    owner = ServerAddress(pg_server.url_for(name))
    created = run("server", "init", "--server", url(owner))
    assert created.returncode == 0, created.stderr
    assert "created" in created.stdout
    again = run("server", "init", "--server", url(owner))
    assert again.returncode == 0 and "up to date" in again.stdout
    user = f"{name}_anna"
    added = run(
        "server",
        "user",
        "--server",
        url(owner),
        "--user",
        user,
        "--network",
        "kirkonkyla",
        "--password-stdin",
        stdin="Anna'n salasana\n",
    )
    assert added.returncode == 0, added.stderr
    assert "kirkonkyla" in added.stdout and "salasana" not in added.stdout + added.stderr
    writer = owner.with_user(user).with_password("Anna'n salasana")
    listed = run("find", "--database", url(writer))
    assert listed.returncode == 0, listed.stderr
    bad = run(
        "server",
        "user",
        "--server",
        url(owner),
        "--user",
        user,
        "--network",
        "Iso Kylä",
        "--password-stdin",
        stdin="x\n",
    )
    assert bad.returncode == 1 and "cannot name a network" in bad.stderr


def test_server_init_refuses_a_database_of_another_program(pg_server: PgServer) -> None:
    name = pg_server.create_database()
    owner = ServerAddress(pg_server.url_for(name))
    engine = create_engine(owner.url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE invoices (id integer)"))
    finally:
        engine.dispose()
    refused = run("server", "init", "--server", url(owner))
    assert refused.returncode == 1 and "invoices" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_sync_from_the_command_line(pg_server: PgServer, tmp_path: Path) -> None:
    from verkosto_desktop.data.exchange.networks import network_choice
    from verkosto_desktop.data.register import actors
    from verkosto_desktop.data.server.admin import add_user, init_register
    from verkosto_desktop.data.storage.store import Store

    name = pg_server.create_database()
    owner = ServerAddress(pg_server.url_for(name))
    init_register(owner)
    add_user(owner, f"{name}_kyla", "kylän salasana", network="kyla")
    writer = owner.with_user(f"{name}_kyla").with_password("kylän salasana")
    laptop = tmp_path / "kylä.verkosto"
    with Store.open(laptop) as store:
        actors.create_actor(store, {"name": "Komentorivin yhdistys"})
    synced = run("sync", "--database", str(laptop), "--server", url(writer))
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.startswith("Received ") and "sent " in synced.stdout
    found = run("find", "Komentorivin", "--database", url(writer))
    assert found.returncode == 0 and "Komentorivin yhdistys" in found.stdout
    again = run("sync", "--database", str(laptop), "--server", url(writer))
    assert again.returncode == 0 and "sent 0 changes" in again.stdout, again.stdout
    bad = run("sync", "--database", str(laptop), "--server", url(writer), "--also", "Böle!")
    assert bad.returncode == 1 and "'böle!' is not a network key" in bad.stderr, bad.stderr
    chosen = run("sync", "--database", str(laptop), "--server", url(writer), "--also", "naapuri")
    assert chosen.returncode == 0, chosen.stderr
    assert "Neighbouring networks received read-only: naapuri" in chosen.stdout
    with Store.open(laptop) as store:
        assert network_choice(store).received == ("", "kyla", "naapuri")
