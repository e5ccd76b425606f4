"""Turn the pictogram and figure SVGs into the PNGs the DOCX renderer embeds.

Run after editing an SVG in letterforge/render/pictograms/:
    .venv/bin/pip install cairosvg && .venv/bin/python tools/make_pictograms.py
Word cannot show SVG without a PNG fallback, and rasterising at build time keeps
cairo out of the runtime dependencies. The PNGs are committed.
"""

from __future__ import annotations

from pathlib import Path

import cairosvg  # type: ignore[import-not-found]

RENDER = Path(__file__).resolve().parent.parent / "letterforge/render"
FOLDER = RENDER / "pictograms"
SIZE_PX = 128  # sharp at 5.5 mm up to about 600 dpi
FIGURE_WIDTH_PX = 1800  # figures span the text width (160 mm): about 280 dpi


def main() -> None:
    for svg in sorted(FOLDER.glob("*.svg")):
        png = svg.with_suffix(".png")
        cairosvg.svg2png(
            url=str(svg), write_to=str(png), output_width=SIZE_PX, output_height=SIZE_PX
        )
    for svg in sorted((RENDER / "figures").glob("*.svg")):
        cairosvg.svg2png(
            url=str(svg),
            write_to=str(svg.with_suffix(".png")),
            output_width=FIGURE_WIDTH_PX,
        )


if __name__ == "__main__":
    main()
