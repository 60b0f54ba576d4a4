from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.i18n import _, current_language, set_language

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "packaging"))

import catalogs  # noqa: E402


def test_every_message_id_has_a_finnish_translation() -> None:
    missing = catalogs.missing("fi")
    assert missing == [], (
        f"{len(missing)} message ids without Finnish: run `python packaging/catalogs.py append-missing fi`"
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_translations_keep_their_placeholders(language: str) -> None:
    import re

    from babel.messages.pofile import read_po

    with (ROOT / f"resources/locale/{language}/LC_MESSAGES/verkosto.po").open("rb") as f:
        catalog = read_po(f, locale=language)
    broken = [
        m.id
        for m in catalog
        if m.id
        and m.string
        and set(re.findall(r"{\w*}", str(m.id))) != set(re.findall(r"{\w*}", str(m.string)))
    ]
    assert broken == []


def test_finnish_is_the_default_and_languages_switch() -> None:
    assert set_language(None) == "fi"
    assert Phase.PREPAREDNESS.label() == "Varautuminen"
    set_language("en")
    assert current_language() == "en" and Phase.PREPAREDNESS.label() == "Preparedness"
    set_language("xx")
    assert current_language() == "fi"
    assert _("Saved at {time}") == "Tallennettu klo {time}"


@pytest.mark.slow
def test_wheel_carries_the_font_and_the_compiled_catalog(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("verkosto_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "verkosto_desktop/resources/fonts/DejaVuSans.ttf" in names
    assert "verkosto_desktop/resources/locale/fi/LC_MESSAGES/verkosto.mo" in names
    assert "verkosto_desktop/data/migrations/versions/0001_initial_schema.py" in names
    assert "verkosto_desktop/data/migrations/env.py" in names


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogs_compile_with_msgfmt_check(language: str, tmp_path: Path) -> None:
    """GNU msgfmt refuses what Babel lets through (a message id defined twice, broken
    formats): the catalogs must pass its strict check (gettext is installed by .ci/run)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (Debian package gettext) is not installed")
    po = ROOT / f"resources/locale/{language}/LC_MESSAGES/verkosto.po"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "out.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
