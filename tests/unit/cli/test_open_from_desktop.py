"""A file manager, a file association (Windows) or the macOS bundle runs ``verkosto FILE`` for a
double-clicked ``.verkosto`` file: that means ``--database FILE``; sub-commands are untouched."""

from __future__ import annotations

from verkosto_desktop.cli import _file_opened_from_desktop, build_parser


def rewritten(*args: str) -> list[str]:
    return _file_opened_from_desktop(list(args), build_parser())


def test_a_file_alone_is_the_database() -> None:
    assert rewritten("/home/me/Esimerkkilä.verkosto") == [
        "--database",
        "/home/me/Esimerkkilä.verkosto",
    ]
    assert rewritten("--lang", "sv", "C:\\Data\\VERKOSTO.VERKOSTO") == [
        "--lang",
        "sv",
        "--database",
        "C:\\Data\\VERKOSTO.VERKOSTO",
    ]


def test_the_parser_reads_the_rewritten_line() -> None:
    parser = build_parser()
    args = parser.parse_args(_file_opened_from_desktop(["kunta.verkosto", "--demo"], parser))
    assert str(args.database) == "kunta.verkosto" and args.demo and args.command is None


def test_sub_commands_and_explicit_options_are_left_alone() -> None:
    for line in (
        ["demo", "uusi.verkosto"],
        ["check", "--database", "a.verkosto"],
        ["--database", "a.verkosto"],
        ["export", "contacts", "--database", "a.verkosto", "--out", "b.verkosto"],
        ["a.verkosto", "b.verkosto"],  # two files: not a double-click; argparse explains
        ["muistio.txt"],
    ):
        assert rewritten(*line) == line


def test_opening_the_window_parses_as_the_whole_command_line_does() -> None:
    # Without a sub-command the window's options are read without importing the sub-commands;
    # the answer must be the one the whole parser gives.
    from verkosto_desktop.cli import _window_only

    parser = build_parser()
    for args in (
        [],
        ["--database", "kunta.verkosto"],
        ["kunta.verkosto", "--demo"],
        ["--lang", "sv", "--self-test", "--database=kunta.verkosto"],
    ):
        fast = _window_only(_file_opened_from_desktop(list(args)))
        assert fast is not None, args
        full = parser.parse_args(_file_opened_from_desktop(list(args), parser))
        assert vars(fast) == vars(full), args
    for args in (
        ["find", "kerho"],
        ["--help"],
        ["--database", "postgresql://alue@palvelin/rekisteri"],
        ["kunta.verkosto", "toinen.verkosto"],
        ["--database", "kunta.verkosto", "demo"],
        ["--database=postgresql://alue@palvelin/rekisteri"],
        ["--bogus"],
        ["-d"],
    ):
        assert _window_only(_file_opened_from_desktop(list(args))) is None, args
