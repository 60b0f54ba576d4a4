"""Take the README's screenshots of the register and the dashboard on the demo network.

Run under a real X server so fonts and styles look as on a laptop:

    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python packaging/screenshots.py docs/

It works on a fresh demo file in a temporary folder (settings too), so nothing of the user's
is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1680, 960)


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
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
