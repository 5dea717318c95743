"""The half-resolution gate in front of grid detection: never misses a table, skips prose;
rules seen through the paper from the back page are no table."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from table_samples import render_sample_table

from sohoa.corpus import scan_simulator as scans
from sohoa.extract.grid_lines import find_grids, may_hold_grid
from sohoa.ocr.preprocess import DEFAULT_OPTIONS, prepare_page


@pytest.mark.parametrize(("level", "dpi"), [("light", 300), ("heavy", 200)])
def test_gate_passes_a_ruled_table_the_full_detector_finds(tmp_path, level, dpi):
    pdf = render_sample_table(tmp_path / "bang.pdf")
    gray = scans.degrade(scans.rasterize_pdf(pdf, dpi)[0], level=level, seed=3)
    prepared = prepare_page(gray, dpi, DEFAULT_OPTIONS)
    assert find_grids(prepared.gray, dpi)
    assert may_hold_grid(prepared.gray, dpi)


def test_gate_skips_a_page_of_prose(tmp_path):
    scan = scans.make_scan(scans.seed_text("001"), tmp_path / "prose.pdf", dpi=200, level="heavy")
    prepared = prepare_page(scans.rasterize_pdf(scan.path, 200)[0], 200, DEFAULT_OPTIONS)
    assert not may_hold_grid(prepared.gray, 200)


def test_a_table_on_the_back_of_the_sheet_seen_through_the_paper_is_no_table(tmp_path):
    """The back page's rules, mirrored and faint (as bench/corpus/degrade.show_through
    makes them), pass the adaptive threshold but are far lighter than the page's print."""
    dpi = 300
    table = scans.rasterize_pdf(render_sample_table(tmp_path / "bang.pdf"), dpi)[0]
    scan = scans.make_scan(scans.seed_text("001")[:1500], tmp_path / "prose.pdf", dpi=dpi)
    prose = scans.rasterize_pdf(scan.path, dpi)[0]
    back = cv2.resize(cv2.flip(table, 1), (prose.shape[1], prose.shape[0]))
    back = cv2.GaussianBlur(back.astype(np.float32), (0, 0), 1.5)
    page = np.minimum(prose.astype(np.float32), 255 - (255 - back) * 0.3).astype(np.uint8)
    assert find_grids(prepare_page(table, dpi, DEFAULT_OPTIONS).gray, dpi)  # printed: a table
    assert not find_grids(prepare_page(page, dpi, DEFAULT_OPTIONS).gray, dpi)
