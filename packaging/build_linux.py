"""`make dist`: the Linux program as a portable archive and a Debian package.

    python packaging/build_linux.py [--reuse]

- ``dist/verkosto-VERSION-linux-x86_64.tar.gz``: the one-folder program and a short README; a
  ``verkosto-data`` folder made beside the program turns on portable mode (a USB stick).
- ``dist/verkosto_VERSION_amd64.deb`` (``dpkg-deb``): the program under ``/opt/verkosto``,
  ``/usr/bin/verkosto``, a desktop entry, the icon in the hicolor theme and the
  ``application/x-verkosto`` type for ``*.verkosto`` files. Debian's triggers refresh the menu,
  MIME and icon caches, so the package needs no maintainer scripts.

``--reuse`` keeps a frozen program made from exactly the same inputs (``freeze.build_key``).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from freeze import BUILD, ROOT, freeze, version

LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
DIST = ROOT / "dist"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Loaded by Qt's Wayland plugin on a Wayland desktop, where they are always present; the build
# host may not have them, so they cannot be found by looking at what the program links to.
WAYLAND_PACKAGES = ("libwayland-client0", "libwayland-cursor0", "libwayland-egl1")
# Python's zoneinfo reads the system's zone database (Europe/Helsinki), which no library names;
# psycopg (the regional server) loads the system's libpq when first used, by name.
DATA_PACKAGES = ("tzdata", "libpq5")


def archive_name(ver: str) -> str:
    return f"verkosto-{ver}-linux-{platform.machine()}"


def make_archive(program: Path, ver: str) -> Path:
    """The portable archive: ``verkosto-VERSION-linux-ARCH/`` with the program and a README."""
    DIST.mkdir(exist_ok=True)
    top = archive_name(ver)
    target = DIST / f"{top}.tar.gz"
    partial = target.with_name(target.name + ".partial")
    readme = (LINUX / "README-archive.txt").read_text(encoding="utf-8").format(version=ver)
    readme_path = BUILD / "README.txt"
    readme_path.write_text(readme, encoding="utf-8")

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    # The spec leaves PyInstaller's symbolic links out, so the archive unpacks onto FAT sticks.
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(program, arcname=top, filter=owned_by_root)
        tar.add(readme_path, arcname=f"{top}/README.txt", filter=owned_by_root)
    partial.replace(target)
    return target


def _elf_files(program: Path) -> list[Path]:
    candidates = [program / "verkosto", *program.rglob("*.so*")]
    return [p for p in candidates if p.is_file() and not p.is_symlink()]


def _needed(binary: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\).*\[(.+?)\]", out)


def system_libraries(program: Path) -> set[Path]:
    """Libraries outside the program that its own binaries name (ELF ``NEEDED``), where the
    system's loader finds them. What those pull in is their packages' business."""
    bundled = {p.name for p in program.rglob("*.so*")}
    wanted = {name for binary in _elf_files(program) for name in _needed(binary)} - bundled
    found: set[Path] = set()
    env = {**os.environ, "LD_LIBRARY_PATH": str(program / "_internal")}
    for binary in _elf_files(program):
        result = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            name, _, where = line.strip().partition(" => ")
            path = where.split(" (")[0].strip()
            if name in wanted and path.startswith("/"):
                found.add(Path(path))
    return found


def glibc_version() -> str:
    return platform.libc_ver()[1] or "2.36"


def debian_depends(program: Path) -> str:
    """The Depends line: the Debian packages holding the system libraries the program links
    to (found with ``dpkg -S`` on the build host), the Wayland client libraries, the zone
    database, and a C library at least as new as the build host's."""
    packages: set[str] = {*WAYLAND_PACKAGES, *DATA_PACKAGES}
    for library in sorted(system_libraries(program)):
        for candidate in (library, library.resolve()):
            result = subprocess.run(
                ["dpkg", "-S", str(candidate)], capture_output=True, text=True, check=False
            )
            if result.returncode == 0:
                packages.add(result.stdout.split(":", 1)[0].strip())
                break
    packages.discard("libc6")
    return ", ".join([f"libc6 (>= {glibc_version()})", *sorted(packages)])


def _folder_size_kb(folder: Path) -> int:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())
    return total // 1024 + 1


def make_deb(program: Path, ver: str) -> Path:
    """The Debian package, built with ``dpkg-deb --root-owner-group``."""
    root = BUILD / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / "verkosto"
    shutil.copytree(program, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "verkosto").symlink_to("/opt/verkosto/verkosto")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(LINUX / "verkosto.desktop", share / "applications" / "verkosto.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(LINUX / "verkosto-mime.xml", share / "mime" / "packages" / "verkosto.xml")
    hicolor = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        for context, name in (("apps", "verkosto"), ("mimetypes", "application-x-verkosto")):
            folder = hicolor / f"{size}x{size}" / context
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ICONS / f"verkosto-{size}.png", folder / f"{name}.png")
    for context, name in (("apps", "verkosto"), ("mimetypes", "application-x-verkosto")):
        folder = hicolor / "scalable" / context
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ICONS / "verkosto.svg", folder / f"{name}.svg")
    docs = share / "doc" / "verkosto"
    docs.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt", docs / "LICENSE-DejaVu.txt")
    control = (
        (LINUX / "control")
        .read_text(encoding="utf-8")
        .format(
            version=ver,
            installed_kb=_folder_size_kb(root),
            depends=debian_depends(program),
        )
    )
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    DIST.mkdir(exist_ok=True)
    target = DIST / f"verkosto_{ver}_amd64.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def build(*, reuse: bool = False) -> tuple[Path, Path, Path]:
    """Freeze (or reuse), then write the archive and the package; returns the program folder,
    the archive and the package."""
    program = freeze(reuse=reuse)
    ver = version()
    archive = make_archive(program, ver)
    deb = make_deb(program, ver)
    for path in (archive, deb):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1e6:.1f} MB")
    return program, archive, deb


if __name__ == "__main__":
    build(reuse="--reuse" in sys.argv[1:])
