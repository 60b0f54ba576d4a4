"""``verkosto server``: the regional register's administration, as the database's owner.

``server init --server URL`` creates the register (or brings it to this version) with its roles
and network rules; ``server user --server URL --user NAME --network KEY`` makes a network's
writer (``--reader``: a reader of the whole region). The new user's password is read from the
terminal, twice, or from the first line of standard input with ``--password-stdin``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from verkosto_desktop.commands.common import (
    CommandError,
    add_server_option,
    terminal_prompt,
    verbose,
)
from verkosto_desktop.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "server", help=_("set up the regional register on a PostgreSQL server")
    )
    actions = parser.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", help=_("create or update the register, its roles and network rules")
    )
    add_server_option(init, _("the register's postgresql:// address, as its owner"))
    init.set_defaults(handler=run_init)
    user = actions.add_parser("user", help=_("add a network's writer or a reader of the region"))
    add_server_option(user, _("the register's postgresql:// address, as its owner"))
    user.add_argument("--user", required=True, help=_("the new user's name"))
    which = user.add_mutually_exclusive_group(required=True)
    which.add_argument("--network", metavar="KEY", help=_("the network the user writes"))
    which.add_argument(
        "--reader", action="store_true", help=_("the user reads every network, writes none")
    )
    user.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the new user's password from standard input"),
    )
    user.set_defaults(handler=run_user)


def run_init(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.server.admin import init_register

    result = init_register(args.server, terminal_prompt)
    if result.created:
        message = _("The regional register was created at {address}.")
    elif result.changed:
        message = _("The regional register at {address} was updated.")
    else:
        message = _("The regional register at {address} is up to date; its roles were checked.")
    print(message.format(address=args.server.shown()))
    return 0


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandError(_("Give the new user's password with --password-stdin."))
    first = getpass.getpass(_("Password for {user}: ").format(user=args.user))
    if first != getpass.getpass(_("The same password again: ")):
        raise CommandError(_("The passwords differ; no user was added."))
    return first


def run_user(args: argparse.Namespace) -> int:
    from verkosto_desktop.data.server.admin import add_user

    password = _new_password(args)
    network = None if args.reader else args.network
    group = add_user(args.server, args.user, password, network=network, prompt=terminal_prompt)
    verbose(args, _("{user} joined {group}").format(user=args.user, group=group))
    if network is None:
        print(_("{user} may read every network.").format(user=args.user))
    else:
        print(_("{user} may write the network {network}.").format(user=args.user, network=network))
    return 0
