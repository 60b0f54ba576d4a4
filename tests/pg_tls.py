"""A small PostgreSQL cluster of its own that speaks only TLS, with a throwaway certificate
authority, for the tests of ``sslmode=verify-full``. The shared test server is left alone: it
serves other tests (and other people) and cannot be restarted with TLS under them.

Started from Debian's (or any) PostgreSQL server programs; as the ``postgres`` user when the
tests run as root (``pg_ctl`` refuses root)."""

from __future__ import annotations

import datetime
import ipaddress
import os
import pwd
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SUPERUSER = "verkosto_tls"


def server_programs() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl), None when not installed."""
    found = shutil.which("pg_config")
    if found:
        folder = subprocess.run(
            [found, "--bindir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if folder and (Path(folder) / "initdb").exists():
            return Path(folder)
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def make_authority(folder: Path, name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A throwaway certificate authority; its certificate is written to ``folder/name.crt``."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    (folder / f"{name}.crt").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key, certificate


def make_server_certificate(
    folder: Path, authority: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """``server.crt`` and ``server.key`` for 127.0.0.1 and localhost, signed by ``authority``."""
    ca_key, ca_certificate = authority
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "server.crt").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    _write_key(key, folder / "server.key")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class TlsCluster:
    """A running cluster on 127.0.0.1:``port`` that accepts TLS connections only."""

    folder: Path
    programs: Path
    port: int

    @property
    def authority(self) -> Path:
        """The certificate of the authority that signed the server's certificate."""
        return self.folder / "verkosto-test-ca.crt"

    @property
    def stranger(self) -> Path:
        """The certificate of an authority that signed nothing of this server's."""
        return self.folder / "some-other-ca.crt"

    def url(self, database: str, root: Path) -> str:
        return (
            f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"
            f"?sslmode=verify-full&sslrootcert={root}"
        )

    def _run(self, *command: str) -> None:
        line = " ".join(f"'{part}'" for part in command)
        if os.geteuid() == 0:
            argv = ["su", "postgres", "-s", "/bin/sh", "-c", line]
        else:
            argv = ["/bin/sh", "-c", line]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        data = self.folder / "data"
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            for path in self.folder.iterdir():
                os.chown(path, owner.pw_uid, owner.pw_gid)
        self._run(
            str(self.programs / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.folder}'\n"
                f"ssl = on\nssl_cert_file = '{self.folder / 'server.crt'}'\n"
                f"ssl_key_file = '{self.folder / 'server.key'}'\n"
                "fsync = off\nshared_buffers = 16MB\nmax_connections = 20\n"
            )
        # TLS or nothing over the network; the socket in the folder for starting and stopping.
        (data / "pg_hba.conf").write_text(
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\n", encoding="utf-8"
        )
        self._run(
            str(self.programs / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"),
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(
            str(self.programs / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
            "-w", "stop",
        )  # fmt: skip

    def create_database(self, name: str) -> None:
        self._run(
            str(self.programs / "createdb"), "-h", str(self.folder), "-p", str(self.port),
            "-U", SUPERUSER, name,
        )  # fmt: skip


def start_cluster(folder: Path, programs: Path) -> TlsCluster:
    """Certificates (the server's and two authorities) in ``folder`` and a cluster using them."""
    authority = make_authority(folder, "verkosto-test-ca")
    make_authority(folder, "some-other-ca")
    make_server_certificate(folder, authority)
    cluster = TlsCluster(folder, programs, _free_port())
    cluster.start()
    return cluster
