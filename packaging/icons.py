"""Render the program's icon from its SVG drawings into the PNG, ICO and ICNS files the builds use.

    python packaging/icons.py      (needs rsvg-convert: apt-get install librsvg2-bin)

The PNGs, the .ico (Windows) and the .icns (macOS) are committed, so builds need no renderer.
Sizes up to 32 px come from ``verkosto-small.svg`` (heavier strokes), larger ones from
``verkosto.svg``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_UP_TO = 32


def png_path(size: int) -> Path:
    return ICONS / f"verkosto-{size}.png"


def render() -> None:
    for size in SIZES:
        source = ICONS / ("verkosto-small.svg" if size <= SMALL_UP_TO else "verkosto.svg")
        subprocess.run(
            [
                "rsvg-convert",
                "-w",
                str(size),
                "-h",
                str(size),
                str(source),
                "-o",
                str(png_path(size)),
            ],
            check=True,
        )
    images = {size: Image.open(png_path(size)).convert("RGBA") for size in SIZES}
    # Windows picks the nearest size from the .ico: give it every drawn size up to 256.
    largest = images[256]
    largest.save(
        ICONS / "verkosto.ico",
        sizes=[(s, s) for s in SIZES if s <= 256],
        append_images=[images[s] for s in SIZES if s < 256],
    )
    images[512].save(
        ICONS / "verkosto.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256)]
    )


if __name__ == "__main__":
    render()
