"""What can be checked here of the recipes for the systems that cannot be built here: the release
workflow (actionlint, and each job freezing with the same spec and running the same smoke test),
the Inno Setup script, the macOS signing script, and the Linux desktop files and icon."""

from __future__ import annotations

import configparser
import plistlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
PACKAGING = ROOT / "packaging"


def _check_workflows() -> object:
    sys.path.insert(0, str(PACKAGING))
    try:
        import check_workflows
    finally:
        sys.path.remove(str(PACKAGING))
    return check_workflows


def test_the_release_workflow_passes_actionlint(tmp_path: Path) -> None:
    checker = _check_workflows()
    try:
        result = checker.check([WORKFLOW])  # type: ignore[attr-defined]
    except checker.Unavailable as missing:  # type: ignore[attr-defined]
        pytest.skip(str(missing))
    assert result.returncode == 0, result.stdout + result.stderr
    # The linter really reads the file: a wrong context and an unknown runner are found.
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8")
        .replace("runs-on: macos-latest", "runs-on: macos-lastest")
        .replace("secrets.MACOS_CERTIFICATE != ''", "secret.MACOS_CERTIFICATE != ''"),
        encoding="utf-8",
    )
    result = checker.check([broken])  # type: ignore[attr-defined]
    assert result.returncode == 1
    assert "macos-lastest" in result.stdout and "secret" in result.stdout


def _jobs(text: str) -> dict[str, str]:
    """The workflow's jobs by name, each as its own text (the file is plain two-space YAML)."""
    body = text.split("\njobs:\n", 1)[1]
    parts = re.split(r"^  ([a-z]+):\n", body, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_system_freezes_with_the_same_spec_and_runs_the_same_smoke_test() -> None:
    jobs = _jobs(WORKFLOW.read_text(encoding="utf-8"))
    assert set(jobs) == {"linux", "windows", "macos"}
    for name, job in jobs.items():
        assert "packaging/build_linux.py" in job or "packaging/freeze.py" in job, name
        assert "tests/packaging/test_frozen_build.py" in job, name
        assert '".[test,dist]"' in job, name
    assert "verkosto-cli.exe" in jobs["windows"] and "verkosto.iss" in jobs["windows"]
    assert "Verkosto.app/Contents/MacOS/verkosto" in jobs["macos"]
    assert "sign_and_notarize.sh" in jobs["macos"] and "hdiutil create" in jobs["macos"]
    # Signing runs only with a certificate configured; the rest of the job does not need one.
    for name in ("windows", "macos"):
        assert "HAVE_CERTIFICATE: ${{ secrets." in jobs[name]
        assert "if: env.HAVE_CERTIFICATE == 'true'" in jobs[name]
    spec = (PACKAGING / "verkosto.spec").read_text(encoding="utf-8")
    assert 'name="verkosto-cli", console=True' in spec.replace("\n", " ").replace("  ", " ")


def _inno_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (PACKAGING / "windows" / "verkosto.iss").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def test_the_windows_installer_has_a_start_menu_entry_and_the_file_association() -> None:
    iss = (PACKAGING / "windows" / "verkosto.iss").read_text(encoding="utf-8")
    sections = _inno_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["AppName"] == "Verkosto" and setup["ChangesAssociations"] == "yes"
    assert setup["PrivilegesRequired"] == "lowest"  # no administrator needed
    assert (PACKAGING / "windows" / setup["SetupIconFile"].replace("\\", "/")).is_file()
    # The installer takes the folder freeze.py writes.
    default_source = re.search(r'#define SourceDir "([^"]+)"', iss)
    assert default_source is not None
    source = (PACKAGING / "windows" / default_source.group(1).replace("\\", "/")).resolve()
    assert source == ROOT / "build" / "pyinstaller" / "dist" / "verkosto"
    assert any(line.startswith('Name: "{autoprograms}\\Verkosto"') for line in sections["Icons"])
    registry = "\n".join(sections["Registry"])
    assert 'Subkey: "Software\\Classes\\.verkosto"' in registry
    assert 'ValueData: "Verkosto.Register"' in registry
    assert 'ValueData: """{app}\\verkosto.exe"" ""%1"""' in registry
    # An update replaces the libraries of the older version.
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in sections["InstallDelete"]


def test_the_macos_recipe_signs_each_binary_before_the_bundle() -> None:
    entitlements = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
    script = PACKAGING / "macos" / "sign_and_notarize.sh"
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    text = script.read_text(encoding="utf-8")
    assert "--deep" not in text.replace("`codesign --deep`", "")
    assert text.index('sign "$file"') < text.index('sign "$app"')
    assert "notarytool submit" in text and "stapler staple" in text


def test_the_desktop_entry_and_the_file_type_agree() -> None:
    desktop = PACKAGING / "linux" / "verkosto.desktop"
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(desktop, encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Exec"] == "verkosto %f" and fields["Icon"] == "verkosto"
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ElementTree.parse(PACKAGING / "linux" / "verkosto-mime.xml").getroot()
    (mime_type,) = mime.findall("m:mime-type", namespace)
    assert fields["MimeType"] == mime_type.get("type") + ";"
    globs = [g.get("pattern") for g in mime_type.findall("m:glob", namespace)]
    assert globs == ["*.verkosto"]


def test_the_mime_database_takes_the_file_type(tmp_path: Path) -> None:
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database (shared-mime-info) is not installed")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / "verkosto-mime.xml", packages / "verkosto.xml")
    subprocess.run(["update-mime-database", str(tmp_path / "mime")], check=True)
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert "80:application/x-verkosto:*.verkosto" in globs


def test_the_icon_keeps_its_three_parts_at_16_pixels() -> None:
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert Image.open(icons / f"verkosto-{size}.png").size == (size, size)
    small = Image.open(icons / "verkosto-16.png").convert("RGBA")
    pixels = [small.getpixel((x, y)) for x in range(16) for y in range(16)]
    pixels = [p for p in pixels if p[3] > 200]

    def near(colour: tuple[int, int, int], pixel: tuple[int, int, int, int]) -> bool:
        return sum(abs(a - b) for a, b in zip(colour, pixel[:3], strict=False)) < 90

    shield = sum(near((0x1F, 0x5F, 0x8B), p) for p in pixels)
    ready = sum(near((0xF5, 0xB3, 0x01), p) for p in pixels)
    links = sum(near((0xFF, 0xFF, 0xFF), p) for p in pixels)
    # The shield (network's ground), the amber node (readiness) and the white links all survive.
    assert shield >= 60 and ready >= 4 and links >= 8, (shield, ready, links)
    windows = Image.open(icons / "verkosto.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(windows.info["sizes"])
