"""The suite's socket guard itself: only AF_UNIX sockets can be made, however they are asked for."""

from __future__ import annotations

import _socket
import os
import socket

import pytest


def test_a_socket_with_no_arguments_is_refused() -> None:
    # socket.socket() makes an AF_INET socket: the default family must not slip through.
    with pytest.raises(RuntimeError, match="network"):
        socket.socket()
    with pytest.raises(RuntimeError, match="network"):
        socket.socket(type=socket.SOCK_DGRAM)


@pytest.mark.parametrize("family", ["AF_INET", "AF_INET6"])
def test_network_families_are_refused(family: str) -> None:
    with pytest.raises(RuntimeError, match="network"):
        socket.socket(getattr(socket, family), socket.SOCK_STREAM)
    with pytest.raises(RuntimeError, match="network"):
        socket.socket(family=getattr(socket, family))


def test_a_network_socket_wrapped_from_its_descriptor_is_refused() -> None:
    raw = _socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # below the guard, never connected
    try:
        with pytest.raises(RuntimeError, match="network"):
            socket.socket(fileno=raw.fileno())
        with pytest.raises(RuntimeError, match="network"):
            socket.fromfd(raw.fileno(), socket.AF_INET, socket.SOCK_STREAM)
        os.fstat(raw.fileno())  # the descriptor was not closed under its owner
    finally:
        raw.close()


def test_unix_sockets_still_work() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
        assert unix.family == socket.AF_UNIX
