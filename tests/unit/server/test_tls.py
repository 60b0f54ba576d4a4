"""TLS to the regional server: an address asking for ``sslmode=verify-full`` is served only by
a server whose certificate the named authority signed, for the name in the address. Against a
small cluster of the test's own that speaks only TLS (a throwaway authority and certificate);
skipped, saying so, where PostgreSQL's server programs are not installed."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pg_tls import TlsCluster, server_programs, start_cluster
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import init_register
from verkosto_desktop.data.server.store import ServerStore, ServerUnreachable
from verkosto_desktop.data.server.sync import sync
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.i18n import set_language

# psycopg's own connect, taken before the suite's guard replaces it for each test.
_CONNECT = psycopg.Connection.connect.__func__  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def cluster() -> Iterator[TlsCluster]:
    programs = server_programs()
    if programs is None:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    # Not under pytest's temporary folder: the server runs as the postgres user, who may not
    # enter root's folders.
    folder = Path(tempfile.mkdtemp(prefix="verkosto-tls-"))
    started = start_cluster(folder, programs)
    try:
        started.create_database("alue")
        yield started
    finally:
        started.stop()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def reachable(cluster: TlsCluster, monkeypatch: pytest.MonkeyPatch, no_network: None) -> None:
    """The suite lets the program reach its one test server; this test's cluster as well."""
    guarded = psycopg.Connection.connect.__func__  # type: ignore[attr-defined]

    def connect(cls: type, conninfo: str = "", **kwargs: object) -> object:
        params = psycopg.conninfo.conninfo_to_dict(conninfo, **kwargs)  # type: ignore[arg-type]
        if (params.get("host"), str(params.get("port"))) == ("127.0.0.1", str(cluster.port)):
            return _CONNECT(cls, conninfo, **kwargs)
        return guarded(cls, conninfo, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "connect", classmethod(connect))


def test_a_laptop_syncs_over_tls_with_the_servers_authority(
    cluster: TlsCluster, reachable: None, tmp_path: Path
) -> None:
    address = ServerAddress.parse(cluster.url("alue", cluster.authority))
    init_register(address)
    with Store.open(tmp_path / "kyla.verkosto") as laptop:
        made = actors.create_actor(laptop, {"name": "Kylän VPK"})
        with ServerStore.connect(address) as server:
            with server.read() as session:
                ssl = (
                    session.connection()
                    .exec_driver_sql("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .scalar()
                )
            assert ssl is True
            sync(laptop, server, backup=False)
            assert search_actor_ids(server, ActorFilter(text="vpk")) == [made.id]


def test_a_server_whose_certificate_another_authority_signed_is_refused(
    cluster: TlsCluster, reachable: None
) -> None:
    set_language("en")
    address = ServerAddress.parse(cluster.url("alue", cluster.stranger))
    with pytest.raises(ServerUnreachable) as refused:
        ServerStore.connect(address)
    message = str(refused.value)
    assert "127.0.0.1" in message and "certificate" in message
    assert "could not be verified" in message
