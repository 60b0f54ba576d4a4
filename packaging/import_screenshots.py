"""Take the README's pictures of the import wizard on the demo network (offscreen is enough:
each picture is one window).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/import_screenshots.py docs/ [fi|sv|en]

A fresh demo file and a generated list in a temporary folder; nothing of the user's is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

LIST = (
    "Nimi;Tyyppi;Alue;Yhteyshenkilö;Rooli;Puhelin;Sähköposti;Ensiapu;Ruokahuolto;Kapasiteetti;"
    "Lisätiedot\r\n"
    "Äänekosken Nuorisoseura ry;yhdistys;Keskusta;Anna Ähkiö;puheenjohtaja;040 111 2222;"
    "anna@example.fi;x;;1 200;Kokoontuu tiistaisin\r\n"
    "Öljymäen Kyläyhdistys r.y.;Yhdistys;Öljymäki;Östen Åberg;sihteeri;+358 50 333 4444;"
    "osten@example.fi;;x;40;\r\n"
    "Esimerkkilän Marttayhdistys;yhdistys;Keskusta;Helena Virtanen;puheenjohtaja;040 556 1200;"
    "helena@example.fi;;x;;\r\n"
    "Björkbackan kylätoimikunta;muu;Björkbacka;Åsa Lindqvist;;09 765 4321;;kyllä;;12;\r\n"
    "Keskustan Kulttuurisäätiö;säätiö;Keskusta;;;;;;;;\r\n"
)


def main(out: Path, language: str) -> int:
    home = Path(tempfile.mkdtemp(prefix="verkosto-shots-"))
    os.environ["VERKOSTO_HOME"] = str(home)
    from PySide6.QtCore import QEventLoop
    from PySide6.QtGui import QAction
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QComboBox, QTabWidget, QWizard

    from verkosto_desktop.app import build_window
    from verkosto_desktop.i18n import set_language
    from verkosto_desktop.ui.exchange.import_wizard import ImportWizard
    from verkosto_desktop.ui.theme import apply_theme

    app = QApplication(sys.argv)
    set_language(language)
    apply_theme(app)
    source = home / "yhdistykset.csv"
    source.write_bytes(LIST.encode("cp1252"))
    window = build_window(home / "demo-esimerkkila.verkosto", demo=True)
    window.resize(1024, 600)
    window.show()
    window.findChild(QAction, "actionImport").trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None

    def wait(condition: object) -> None:
        for _ in range(600):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if callable(condition) and condition():
                QTest.qWait(100)
                return
            QTest.qWait(50)
        raise TimeoutError

    def shot(name: str) -> None:
        app.processEvents()
        target = out / f"{name}{'' if language == 'fi' else '-' + language}.png"
        wizard.grab().save(str(target))
        print(target)

    def forward() -> None:
        kind = (
            QWizard.WizardButton.CommitButton
            if wizard.currentPage().isCommitPage()
            else QWizard.WizardButton.NextButton
        )
        wizard.button(kind).click()

    wizard.currentPage().path.setText(str(source))
    forward()
    wait(wizard.currentPage().isComplete)
    shot("import-preview")
    forward()
    wait(lambda: True)
    shot("import-mapping")
    forward()
    page = wizard.currentPage()
    wait(lambda: page._review is not None)
    combo = page.words.cellWidget(0, 3)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("other"))
    combo.activated.emit(combo.currentIndex())
    page.findChild(QTabWidget, "importReviewTabs").setCurrentIndex(1)
    shot("import-duplicates")
    forward()
    wait(wizard.currentPage().isComplete)
    shot("import-test-run")
    forward()
    wait(wizard.currentPage().isComplete)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait(lambda: not wizard.isVisible())
    window.show_section("register")
    app.processEvents()
    target = out / f"import-register-bar{'' if language == 'fi' else '-' + language}.png"
    window.grab().save(str(target))
    print(target)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "fi"))
