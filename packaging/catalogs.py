"""Extract, update and compile the single gettext catalog (used by the Makefile and setup.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "verkosto"
LANGUAGES = ("fi", "sv")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> None:
    """Write a .mo next to every .po whose .mo is missing or older."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


def extract() -> None:
    """Extract message ids from the sources and merge them into every language's .po."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project="Verkosto", charset="utf-8")
    src = ROOT / "src"
    for filename, lineno, message, comments, context in extract_from_dir(
        str(src), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for lang in LANGUAGES:
        po_path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        po_path.parent.mkdir(parents=True, exist_ok=True)
        if po_path.exists():
            with po_path.open("rb") as f:
                catalog = read_po(f, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Verkosto", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        with po_path.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False, ignore_obsolete=True)


def source_messages() -> dict[str, list[tuple[str, int]]]:
    """Every message id marked in the sources, with where it is used."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "src"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        found.setdefault(key, []).append((filename, lineno))
        if not isinstance(message, str):
            found.setdefault(message[1], []).append((filename, lineno))
    return found


def missing(language: str = "fi") -> list[str]:
    """Message ids used in the sources that the language's catalog does not translate."""
    from babel.messages.pofile import read_po

    po_path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    translated: set[str] = set()
    if po_path.exists():
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=language)
        for message in catalog:
            if not message.id or not message.string:
                continue
            if isinstance(message.id, tuple):  # singular and plural, each form translated
                if all(message.string):
                    translated.update(message.id)
            else:
                translated.add(message.id)
    return sorted(set(source_messages()) - translated)


def append_missing(language: str = "fi") -> None:
    """Append entries with empty translations for every untranslated id, to be filled in.

    Appending (instead of rewriting the file) keeps parallel branches mergeable.
    """
    todo = missing(language)
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("a", encoding="utf-8") as f:
        for message in todo:
            f.write("\nmsgid " + _po_string(message) + '\nmsgstr ""\n')
    print(f"{len(todo)} entries appended to {po_path}")


def _po_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + '"'


def dedupe(language: str = "fi") -> None:
    """Drop repeated entries (parallel branches merged by union may add the same id twice);
    the first translation is kept and differing ones are printed for review."""
    import re

    po_path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    blocks = po_path.read_text(encoding="utf-8").split("\n\n")
    seen: dict[str, str] = {}
    kept: list[str] = []
    for block in blocks:
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, flags=re.M)
        translation = re.search(r'^msgstr ((?:".*"\n?)+)', block, flags=re.M)
        if match is None:
            kept.append(block)
            continue
        key = match.group(1).strip()
        value = translation.group(1).strip() if translation else ""
        if key in seen and key != '""':
            if value != seen[key] and value != '""':
                print(f"kept {seen[key]} over {value} for {key}")
            continue
        seen[key] = value
        kept.append(block)
    po_path.write_text("\n\n".join(kept), encoding="utf-8")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "compile":
        compile_catalogs()
    elif command == "extract":
        extract()
    elif command == "missing":
        lang = sys.argv[2] if len(sys.argv) > 2 else "fi"
        for message in missing(lang):
            print(message)
    elif command == "dedupe":
        dedupe(sys.argv[2] if len(sys.argv) > 2 else "fi")
    elif command == "append-missing":
        append_missing(sys.argv[2] if len(sys.argv) > 2 else "fi")
    else:
        raise SystemExit(f"unknown command {command}")
