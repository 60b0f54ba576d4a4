"""``python no_network_exec.py PROGRAM ARGS…``: run PROGRAM under the kernel's ban on network
sockets (seccomp: any socket but AF_UNIX kills the process with SIGSYS). The ban is the one the
reliability tests use, and it stays in force across ``exec``, so it covers the frozen program
and every library it loads."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability" / "workers"))
from _common import forbid_network_sockets

if __name__ == "__main__":
    if not forbid_network_sockets():
        print("no_network_exec: seccomp is not available", file=sys.stderr)
        sys.exit(97)
    os.execv(sys.argv[1], sys.argv[1:])
