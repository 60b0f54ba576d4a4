"""One gettext catalog for every user-facing string: windows, printed sheets and the command line.

Message ids are English; Finnish is the default language. ``domain`` and ``export`` have no Qt, so
they translate with the same ``_`` as the windows do. Strings are translated when they are used,
never at import time, so that switching the language takes effect everywhere; constants are marked
with ``N_`` and translated where they are shown.
"""

from __future__ import annotations

import gettext
import os
from importlib import resources
from pathlib import Path

DOMAIN = "verkosto"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/verkosto.mo``, inside the installed package."""
    return Path(str(resources.files("verkosto_desktop.resources") / "locale"))


def _load(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    base = locale_dir()
    mo_path = base / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po_path = mo_path.with_suffix(".po")
    if mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as f:
            return gettext.GNUTranslations(f)
    if po_path.exists():
        # A source checkout whose catalog has not been compiled yet: compile in memory.
        return _compile_in_memory(po_path, language)
    return gettext.NullTranslations()


def _compile_in_memory(po_path: Path, language: str) -> gettext.NullTranslations:
    import io

    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:  # pragma: no cover - only without babel and without a compiled catalog
        return gettext.NullTranslations()
    with po_path.open("rb") as f:
        catalog = read_po(f, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str | None) -> str:
    """Switch every later ``_()`` call to ``language`` (fi, sv or en); returns the one in use."""
    global _translations, _language
    chosen = (language or os.environ.get("VERKOSTO_LANG") or DEFAULT_LANGUAGE).lower()
    if chosen not in LANGUAGES:
        chosen = DEFAULT_LANGUAGE
    _translations = _load(chosen)
    _language = chosen
    return chosen


def current_language() -> str:
    """The language code now in use."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` (an English message id) into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def available_languages() -> list[tuple[str, str]]:
    """(code, the language's own name) of each language with a catalog, and English."""
    base = locale_dir()
    return [
        (code, LANGUAGE_NAMES[code])
        for code in LANGUAGES
        if code == "en"
        or any((base / code / "LC_MESSAGES" / f"{DOMAIN}{ext}").exists() for ext in (".po", ".mo"))
    ]


set_language(None)
