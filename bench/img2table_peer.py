"""img2table as the benches run it: one page image in, its tables' rows out.

Given every chance: img2table finds no table at all on these pages at 300 dpi (even clean
ones) and often none on skewed pages without ``detect_rotation``, so each page is tried as
is, then at 200 dpi, then with rotation detection, and the first try that finds a table is
kept. Used by bench/tables.py and bench/corpus.py.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np


def page_rows(image: np.ndarray, dpi: int, ocr: Any, borderless: bool = False) -> list[list[str]]:
    """The rows of every table img2table finds on ``image``, a cell's text as img2table gives
    it (its literal "None " prefix dropped); a merged cell, which img2table repeats in every
    column it spans (same box), is blank after its first column, as is a cell with no value."""
    from img2table.document import Image

    tries = [(1.0, False)]
    if dpi > 200:
        tries += [(200 / dpi, False), (200 / dpi, True)]
    tries.append((1.0, True))
    extracted = []
    for scale, rotation in tries:
        scaled = (
            image
            if scale == 1.0
            else cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        )
        _, png = cv2.imencode(".png", scaled)
        try:
            extracted = Image(png.tobytes(), detect_rotation=rotation).extract_tables(
                ocr=ocr, implicit_rows=False, borderless_tables=borderless, min_confidence=50
            )
        except TypeError:  # img2table 2.0.0 fails on some photos (a word with no text):
            extracted = []  # that try finds no table
        if extracted:
            break
    return [
        [
            ""
            if (k and c.bbox == cells[k - 1].bbox) or c.value in (None, "None")
            else str(c.value).removeprefix("None ")
            for k, c in enumerate(cells)
        ]
        for table in extracted
        for cells in table.content.values()
    ]
