"""Build hooks: ship the top-level ``resources/`` inside the package and compile the catalogs."""

import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).parent / "packaging"))
from catalogs import compile_catalogs  # noqa: E402

HERE = Path(__file__).parent


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        compile_catalogs(HERE / "resources" / "locale")
        super().run()


setup(
    package_dir={"": "src", "verkosto_desktop.resources": "resources"},
    packages=[*find_packages("src"), "verkosto_desktop.resources"],
    package_data={
        "verkosto_desktop.resources": [
            "fonts/*",
            "icons/*",
            "locale/*/LC_MESSAGES/*.mo",
            "locale/*/LC_MESSAGES/*.po",
        ],
        "verkosto_desktop.data.migrations": ["script.py.mako", "versions/*.py"],
    },
    cmdclass={"build_py": BuildWithCatalogs},
)
