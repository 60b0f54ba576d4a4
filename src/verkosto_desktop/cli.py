"""Entry point: the GUI by default, headless sub-commands for scripting (the design's contract).

Exit codes: 0 success, 1 user error (one clear line on stderr, no traceback), 2 usage error.
Sub-commands print nothing but their result unless ``--verbose``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from verkosto_desktop import __version__
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.text_safety import one_line
from verkosto_desktop.i18n import LANGUAGES, N_, _, set_language
from verkosto_desktop.paths import DATABASE_SUFFIX

# argparse's own words (usage, section titles, errors), for the catalog: argparse asks
# ``gettext`` for them, and :func:`translate_argparse` makes it ask ours. Only those a user can
# meet; the ones about mistakes in a program's own parser definition never reach a user.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def translate_argparse() -> None:
    """Make argparse's own words come from the program's catalog (it imports ``gettext`` and
    ``ngettext`` by name, so its module globals are what it calls)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = lambda singular, plural, n: _(singular if n == 1 else plural)  # type: ignore[attr-defined]


def _language_from(argv: Sequence[str]) -> str | None:
    # The language must be known before the parser's help texts are built.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: global options, the GUI options and every sub-command."""
    from verkosto_desktop.commands import COMMAND_MODULES
    from verkosto_desktop.commands.common import location_argument

    parser = _window_parser(location_argument)
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def _window_parser(location: Callable[[str], Any]) -> argparse.ArgumentParser:
    """The global options and the window's options (``location``: the type of --database)."""
    parser = argparse.ArgumentParser(
        prog="verkosto",
        description=_(
            "Verkosto: the register and coordination tool of a network of civic organisations."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"verkosto {__version__}",
        help=_("show the program's version number and exit"),
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, help=_("language of the program (default: fi)")
    )
    parser.add_argument(
        "--database",
        type=location,
        metavar=_("FILE"),
        help=_("the database file to open, or the regional register's postgresql:// address"),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("fill an empty file with the demo network")
    )
    parser.add_argument("--verbose", action="store_true", help=_("tell what is being done"))
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "start-up check: open the window, wait until the register is shown, close it "
            "and exit (0 when it worked)"
        ),
    )
    return parser


def _window_only(args: list[str]) -> argparse.Namespace | None:
    """The options when ``args`` only open the window on a file (no sub-command, no help, no
    server address): parsed without importing the sub-commands and the data layer behind them,
    which the window's first paint does not wait for. None: parse the whole command line."""
    after_option = {"--database", "--lang"}
    flags = {"--demo", "--verbose", "--self-test", "--version"}
    for i, arg in enumerate(args):
        if i > 0 and args[i - 1] in after_option:
            if arg.lower().startswith("postgres") or "://" in arg:
                return None
            continue
        known = arg in after_option or arg in flags or arg.startswith(("--database=", "--lang="))
        # Anything else (help, a sub-command, a mistake) is for the whole parser to answer.
        if not known or "://" in arg or arg.lower().startswith("--database=postgres"):
            return None
    parsed = _window_parser(Path).parse_args(args)
    parsed.command = None
    return parsed


def _file_opened_from_desktop(
    args: list[str], parser: argparse.ArgumentParser | None = None
) -> list[str]:
    """``verkosto FILE.verkosto`` is what a file manager, a file association or the macOS
    program bundle runs for a double-clicked file: it means ``verkosto --database FILE``
    (without ``parser``, sub-command names are not known: the caller sees them as positionals)."""
    commands = {
        name
        for action in (parser._actions if parser is not None else [])
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    if any(arg in commands for arg in args):
        return args
    takes_value = {"--database", "--lang"}
    files = [
        i
        for i, arg in enumerate(args)
        if arg.lower().endswith(DATABASE_SUFFIX)
        and not arg.startswith("-")
        and (i == 0 or args[i - 1] not in takes_value)
    ]
    if len(files) != 1 or "--database" in args:
        return args
    i = files[0]
    return [*args[:i], "--database", args[i], *args[i + 1 :]]


def _survive_file_size_limit() -> None:
    # Past a file-size limit (ulimit -f) the kernel sends SIGXFSZ, which kills by default.
    # Ignored, the write fails with EFBIG and the user reads "the disk is full" instead.
    if hasattr(signal, "SIGXFSZ") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _survive_file_size_limit()
    set_language(_language_from(args_list))
    translate_argparse()
    args = _window_only(_file_opened_from_desktop(args_list))
    if args is None:
        parser = build_parser()
        args = parser.parse_args(_file_opened_from_desktop(args_list, parser))
    try:
        if args.command is None:
            from verkosto_desktop.startup import start_gui

            return start_gui(
                args.database, demo=args.demo, language=args.lang, self_test=args.self_test
            )
        return int(args.handler(args) or 0)
    except VerkostoError as error:
        print(_("verkosto: {message}").format(message=one_line(str(error))), file=sys.stderr)
        return 1
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        print(_("verkosto: {message}").format(message=one_line(reason + where)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
