"""A file manager, a file association (Windows) or the macOS bundle runs ``verkosto FILE`` for a
double-clicked ``.verkosto`` file: that means ``--database FILE``; sub-commands are untouched."""

from __future__ import annotations

from verkosto_desktop.cli import _file_opened_from_desktop, build_parser


def rewritten(*args: str) -> list[str]:
    return _file_opened_from_desktop(build_parser(), list(args))


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
    args = parser.parse_args(_file_opened_from_desktop(parser, ["kunta.verkosto", "--demo"]))
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
