"""Take the README's screenshots of the register and the dashboard on the demo network, and
every section at the laptop sizes (1024×600 and 1366×768) in Finnish and Swedish
(``docs/fit-<language>-<size>-<section>.png``).

Run under a real X server so fonts and styles look as on a laptop:

    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python packaging/screenshots.py docs/

It works on a fresh demo file in a temporary folder (settings too), so nothing of the user's
is touched. ``--sizes`` takes only the laptop-size pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1680, 960)
LAPTOPS = ((1024, 600), (1366, 768))
FIT_LANGUAGES = ("fi", "sv")
FIT_SECTIONS = ("dashboard", "register", "incident", "network", "printouts")


def save_small(image, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save a screenshot with at most 256 colours (they live in git: a fraction of the size,
    and a user interface has few colours anyway)."""
    from io import BytesIO

    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(BytesIO(bytes(buffer.data())))
    picture.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        path, optimize=True
    )


def fit_shots(out: Path, home: Path) -> None:
    """Every section at 1024×600 and 1366×768 in Finnish and Swedish."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from verkosto_desktop.app import build_window
    from verkosto_desktop.i18n import set_language
    from verkosto_desktop.ui.qt_words import install_qt_translations

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for language in FIT_LANGUAGES:
        set_language(language)
        install_qt_translations(app)
        for width, height in LAPTOPS:
            # A first start at this size: settings of its own (no divider saved elsewhere).
            fresh = Path(tempfile.mkdtemp(prefix="verkosto-fit-", dir=home))
            os.environ["VERKOSTO_HOME"] = str(fresh)
            window = build_window(fresh / "demo-esimerkkila.verkosto", demo=True)
            window.resize(width, height)
            window.show()
            window.activateWindow()
            QTest.qWaitForWindowActive(window)
            dashboard = window.show_section("dashboard")
            for _ in range(200):
                if getattr(dashboard, "picture", None) is not None:
                    break
                QTest.qWait(50)
            for key in FIT_SECTIONS:
                section = window.show_section(key)
                if key == "register":
                    section.select_actor(section.visible_ids()[3])  # type: ignore[union-attr]
                if key == "printouts":
                    section.show_document("contacts")  # type: ignore[union-attr]
                    panel = section.panel  # type: ignore[union-attr]
                    for _ in range(200):
                        if panel.built is not None:
                            break
                        QTest.qWait(50)
                for _ in range(6):
                    QApplication.processEvents()
                    QTest.qWait(60)
                name = out / f"fit-{language}-{width}x{height}-{key}.png"
                save_small(window.grab().toImage(), name)
                print(name)
            window.close()


def main(out: Path) -> int:
    home = Path(tempfile.mkdtemp(prefix="verkosto-shots-"))
    os.environ["VERKOSTO_HOME"] = str(home)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from verkosto_desktop.app import build_window
    from verkosto_desktop.data.register.search import ActorFilter
    from verkosto_desktop.i18n import set_language
    from verkosto_desktop.ui.register.section import RegisterSection
    from verkosto_desktop.ui.theme import apply_theme

    app = QApplication(sys.argv)
    set_language("fi")
    apply_theme(app)
    window = build_window(home / "demo-esimerkkila.verkosto", demo=True)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)  # focus-out (which saves and checks a field) needs it

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()
            QTest.qWait(60)

    def shot(name: str) -> None:
        settle()
        window.grab().save(str(out / name))
        print(out / name)

    dashboard = window.show_section("dashboard")
    for _ in range(200):  # the dashboard reads the register off the UI thread
        if getattr(dashboard, "picture", None) is not None:
            break
        QTest.qWait(50)
    shot("dashboard-light.png")

    register = window.show_section("register")
    assert isinstance(register, RegisterSection)
    ids = {
        register.model.actor_row(r).name: register.model.actor_row(r).id  # type: ignore[union-attr]
        for r in range(register.model.rowCount())
    }
    martat = ids["Esimerkkilän Marttayhdistys"]
    register.select_actor(martat)
    shot("register-list.png")

    page = register.editor.page
    page.tabs.setCurrentIndex(2)
    page.capabilities.records.setCurrentRow(0)
    shot("register-capabilities.png")

    register.apply_filter(ActorFilter(text="kirkonkylä", phase="recovery"))
    shot("register-search.png")
    register.apply_filter(ActorFilter())

    register.select_actor(martat)
    page.tabs.setCurrentIndex(1)
    page.contacts.records.setCurrentRow(0)
    mobile = page.contact_form.mobile
    mobile.setFocus()
    mobile.selectAll()
    QTest.keyClicks(mobile, "040 12")
    QTest.keyClick(mobile, Qt.Key.Key_Tab)
    shot("register-invalid-phone.png")
    mobile.setFocus()
    mobile.selectAll()
    QTest.keyClick(mobile, Qt.Key.Key_Escape)

    apply_theme(app, dark=True)
    page.tabs.setCurrentIndex(0)
    shot("register-dark.png")
    window.show_section("dashboard")
    shot("dashboard-dark.png")
    window.close()
    apply_theme(app)
    fit_shots(out, home)
    return 0


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(arguments[0] if arguments else "docs")
    if "--sizes" in sys.argv:
        folder = Path(tempfile.mkdtemp(prefix="verkosto-shots-"))
        os.environ["VERKOSTO_HOME"] = str(folder)
        from PySide6.QtWidgets import QApplication

        from verkosto_desktop.ui.theme import apply_theme

        application = QApplication(sys.argv)
        apply_theme(application)
        fit_shots(target, folder)
        sys.exit(0)
    sys.exit(main(target))
