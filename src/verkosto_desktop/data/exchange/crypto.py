"""Passphrase encryption of bundles: AES-256-GCM with a key from scrypt (``cryptography``).

Why not age (pyrage): ``cryptography`` is already a dependency of the program and of its
packaged builds, the scrypt cost is ours to choose and is written in the file (so a slow old
laptop can still open what a fast one made), and a separate passphrase check lets the program
say "wrong passphrase" apart from "damaged or changed". The format is small and documented
here, so a bundle can be opened with a few lines of Python if ever needed.

File layout::

    MAGIC (16 bytes) | header length (4 bytes, big-endian) | header (JSON) | ciphertext

The header holds the scrypt parameters and salt, the GCM nonce and a passphrase check
(HMAC-SHA256 with a second key from scrypt, 16 bytes); the magic and the header are
authenticated with the ciphertext (GCM's associated data), so changing any byte is detected.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

MAGIC = b"VERKOSTO-BUNDLE\x01"
# A passphrase is typed by hand and told by phone: a short one would be guessed.
MIN_PASSPHRASE = 10
# 2^17 with r=8: 128 MiB and about half a second on a laptop of 2026 (OWASP's floor is 2^17).
DEFAULT_COST = 17
MAX_COST = 22  # refuse headers that would take minutes and gigabytes (a crafted file)
_CHECK = b"verkosto bundle passphrase check"
_HEADER_LIMIT = 4096


class BundleError(VerkostoError):
    """A bundle that cannot be opened; ``reason`` is one of ``foreign``, ``damaged``,
    ``passphrase``."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class _Keys:
    cipher: bytes
    check: bytes


def _derive(passphrase: str, salt: bytes, cost: int) -> _Keys:
    material = Scrypt(salt=salt, length=64, n=2**cost, r=8, p=1).derive(passphrase.encode("utf-8"))
    return _Keys(material[:32], material[32:])


def _check_value(keys: _Keys) -> bytes:
    return hmac.new(keys.check, _CHECK, hashlib.sha256).digest()[:16]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encrypt(plaintext: bytes, passphrase: str, *, cost: int = DEFAULT_COST) -> bytes:
    """The whole encrypted file for ``plaintext``."""
    if not passphrase:
        raise BundleError(_("Give a passphrase: bundles always hold personal data."), "passphrase")
    if len(passphrase) < MIN_PASSPHRASE:
        raise BundleError(
            _("The passphrase must be at least {count} characters long.").format(
                count=MIN_PASSPHRASE
            ),
            "passphrase",
        )
    salt, nonce = os.urandom(16), os.urandom(12)
    keys = _derive(passphrase, salt, cost)
    header = json.dumps(
        {
            "version": 1,
            "cipher": "AES-256-GCM",
            "kdf": {"name": "scrypt", "log2_n": cost, "r": 8, "p": 1, "salt": _b64(salt)},
            "nonce": _b64(nonce),
            "check": _b64(_check_value(keys)),
        },
        separators=(",", ":"),
    ).encode("ascii")
    prefix = MAGIC + len(header).to_bytes(4, "big") + header
    return prefix + AESGCM(keys.cipher).encrypt(nonce, plaintext, prefix)


def is_bundle(head: bytes) -> bool:
    """True when the first bytes of a file are a bundle's."""
    return head.startswith(MAGIC)


def _damaged() -> BundleError:
    return BundleError(
        _(
            "The bundle is damaged or incomplete (perhaps cut short when copied); "
            "nothing was changed."
        ),
        "damaged",
    )


def decrypt(data: bytes, passphrase: str) -> bytes:
    """The plaintext of an encrypted bundle; ``BundleError`` saying why when it cannot be had."""
    if not is_bundle(data):
        raise BundleError(_("This is not a Verkosto bundle; nothing was changed."), "foreign")
    try:
        length = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
        if length > _HEADER_LIMIT:
            raise ValueError
        end = len(MAGIC) + 4 + length
        header = json.loads(data[len(MAGIC) + 4 : end])
        kdf = header["kdf"]
        cost, salt = int(kdf["log2_n"]), base64.b64decode(kdf["salt"])
        nonce, check = base64.b64decode(header["nonce"]), base64.b64decode(header["check"])
        if header.get("cipher") != "AES-256-GCM" or not 10 <= cost <= MAX_COST or len(nonce) != 12:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise _damaged() from None
    keys = _derive(passphrase, salt, cost)
    if not hmac.compare_digest(_check_value(keys), check):
        raise BundleError(_("The passphrase is wrong; nothing was changed."), "passphrase")
    try:
        return AESGCM(keys.cipher).decrypt(nonce, data[end:], data[:end])
    except InvalidTag:
        raise BundleError(
            _("The bundle is damaged or has been changed after it was made; nothing was changed."),
            "damaged",
        ) from None
