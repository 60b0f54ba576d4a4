"""What the worker processes of the reliability tests share (imported by path: the workers are
run as scripts, so their folder is first on ``sys.path``)."""

from __future__ import annotations

import ctypes
import json
import os
import platform
import sys
from typing import Any

# Address families are small integers; only AF_UNIX (1) may be created.
_AF_UNIX = 1
_SYSCALL_SOCKET = {"x86_64": 41, "aarch64": 198}
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}


def say(**fields: Any) -> None:
    """One JSON line to the parent, written straight to the pipe (no buffering to lose)."""
    os.write(1, (json.dumps(fields) + "\n").encode())


def forbid_network_sockets() -> bool:
    """Install a seccomp filter: creating any socket but AF_UNIX kills this process (SIGSYS).

    This covers native code too (Qt, CUPS, fontconfig), which the Python-level guard of the test
    suite cannot see. Returns False where seccomp is not available (the caller then skips).
    """
    machine = platform.machine()
    if not sys.platform.startswith("linux") or machine not in _SYSCALL_SOCKET:
        return False

    class SockFilter(ctypes.Structure):
        _fields_ = [
            ("code", ctypes.c_ushort),
            ("jt", ctypes.c_ubyte),
            ("jf", ctypes.c_ubyte),
            ("k", ctypes.c_uint32),
        ]

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]

    load, jump_eq, ret = 0x20, 0x15, 0x06
    allow, kill_process = 0x7FFF0000, 0x80000000
    program = [
        SockFilter(load, 0, 0, 4),  # seccomp_data.arch
        SockFilter(jump_eq, 0, 5, _AUDIT_ARCH[machine]),
        SockFilter(load, 0, 0, 0),  # seccomp_data.nr
        SockFilter(jump_eq, 0, 3, _SYSCALL_SOCKET[machine]),
        SockFilter(load, 0, 0, 16),  # seccomp_data.args[0] (low half): the address family
        SockFilter(jump_eq, 1, 0, _AF_UNIX),
        SockFilter(ret, 0, 0, kill_process),
        SockFilter(ret, 0, 0, allow),
    ]
    array = (SockFilter * len(program))(*program)
    fprog = SockFprog(len(program), array)
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(fprog), 0, 0) == 0
