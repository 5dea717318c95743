"""The half-resolution gate in front of grid detection: never misses a table, skips prose."""

from __future__ import annotations

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
