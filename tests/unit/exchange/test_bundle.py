"""Bundle files: encrypted, compressed, checked before anything is written; a refused bundle
leaves the database byte for byte as it was."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from verkosto_desktop.data.exchange import bundle, crypto
from verkosto_desktop.data.exchange.changeset import collect
from verkosto_desktop.data.exchange.merge import BundleRefused
from verkosto_desktop.data.exchange.site import peers, this_site
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store

PASS = "kolme kirahvia keittää kahvia"
COST = 10  # scrypt 2^10: the format is the same, the tests stay quick


def _digest(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def pair(demo_path: Path, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    other = tmp_path / "toinen.verkosto"
    shutil.copy(demo_path, other)
    a, b = Store.open(demo_path), Store.open(other)
    yield a, b
    a.close()
    b.close()


def test_a_bundle_round_trip_carries_the_edits(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    actor_id = actors.actor_names(a)[0][0]
    actors.update_actor(a, actor_id, {"notes": "Aggregaatti huollettu 5.12."})
    target = tmp_path / "stick" / "esimerkkila.verkostobundle"
    target.parent.mkdir()
    written = bundle.write_bundle(a, target, PASS, full=True, cost=COST)
    assert written.full and written.path == target and target.stat().st_size == written.size
    assert bundle.looks_like_bundle(target)
    assert not any(p.name.startswith(".") for p in target.parent.iterdir())
    summary = bundle.receive_bundle(b, target, PASS)
    assert summary.changed >= 1
    assert actors.get_actor(b, actor_id).notes == "Aggregaatti huollettu 5.12."
    # A bundle is far smaller than the file it comes from (compressed), and unreadable.
    assert b"Aggregaatti" not in target.read_bytes()
    assert written.size < a.path.stat().st_size / 3


def test_the_next_bundle_for_a_peer_holds_only_what_it_lacks(
    pair: tuple[Store, Store], tmp_path: Path
) -> None:
    a, b = pair
    first = tmp_path / "1.verkostobundle"
    bundle.write_bundle(b, first, PASS, cost=COST)
    bundle.receive_bundle(a, first, PASS)  # A learns what B holds
    peer = this_site(b).uuid
    assert peer in {p.uuid for p in peers(a)}
    actor_id = actors.actor_names(a)[0][0]
    actors.update_actor(a, actor_id, {"notes": "Vain tämä"})
    incremental = collect(a, peer=peer)
    assert not incremental.full
    assert {(c[0], c[2]) for c in incremental.changes} == {("actor", "notes")}
    assert collect(a, full=True).full


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda data: data[: len(data) // 2], "damaged"),
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), "damaged"),
        (lambda data: data[:200] + bytes([data[200] ^ 0x40]) + data[201:], "damaged"),
        (lambda data: b"id;name\n1;Martat\n", "foreign"),
        (lambda data: data[:20], "damaged"),
    ],
    ids=["truncated", "last-byte-changed", "byte-changed", "foreign", "header-cut"],
)
def test_a_spoilt_bundle_is_refused_and_nothing_changes(
    pair: tuple[Store, Store], tmp_path: Path, spoil: object, reason: str
) -> None:
    a, b = pair
    good = tmp_path / "hyvä.verkostobundle"
    bundle.write_bundle(a, good, PASS, full=True, cost=COST)
    bad = tmp_path / "paha.verkostobundle"
    bad.write_bytes(spoil(good.read_bytes()))  # type: ignore[operator]
    before = _digest(b.path)
    with pytest.raises(crypto.BundleError) as refused:
        bundle.receive_bundle(b, bad, PASS)
    assert refused.value.reason == reason
    assert "nothing was changed" in str(refused.value) or "ei muutettu" in str(refused.value)
    assert _digest(b.path) == before


def test_a_wrong_passphrase_is_said_plainly(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    target = tmp_path / "x.verkostobundle"
    bundle.write_bundle(a, target, PASS, full=True, cost=COST)
    before = _digest(b.path)
    with pytest.raises(crypto.BundleError) as refused:
        bundle.receive_bundle(b, target, "väärä")
    assert refused.value.reason == "passphrase"
    assert _digest(b.path) == before


def test_a_bundle_from_a_newer_schema_is_refused(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, b = pair
    change_set = collect(a, full=True)
    change_set.schema = "9999_future"
    target = tmp_path / "uusi.verkostobundle"
    target.write_bytes(crypto.encrypt(bundle.encode(change_set), PASS, cost=COST))
    before = _digest(b.path)
    with pytest.raises(BundleRefused, match=r"newer|uudemmalla"):
        bundle.receive_bundle(b, target, PASS)
    assert _digest(b.path) == before


def test_a_folder_that_is_gone_leaves_no_file(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, _b = pair
    with pytest.raises(bundle.BundleWriteFailed):
        bundle.write_bundle(a, tmp_path / "pulled" / "x.verkostobundle", PASS, cost=COST)
    assert not (tmp_path / "pulled").exists()


def test_an_empty_passphrase_is_refused(pair: tuple[Store, Store], tmp_path: Path) -> None:
    a, _b = pair
    with pytest.raises(crypto.BundleError):
        bundle.write_bundle(a, tmp_path / "x.verkostobundle", "", cost=COST)
    assert not (tmp_path / "x.verkostobundle").exists()


def test_the_encryption_format_is_authenticated_end_to_end() -> None:
    data = crypto.encrypt(b"salaisuus" * 100, PASS, cost=COST)
    assert crypto.decrypt(data, PASS) == b"salaisuus" * 100
    header_end = len(crypto.MAGIC) + 4 + int.from_bytes(data[16:20], "big")
    # Any change to the authenticated header (here: the cost) is noticed.
    tampered = data.replace(b'"log2_n":10', b'"log2_n":11', 1)
    assert len(tampered) == len(data) and tampered[:header_end] != data[:header_end]
    with pytest.raises(crypto.BundleError):
        crypto.decrypt(tampered, PASS)
