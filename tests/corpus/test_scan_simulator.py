"""The scan fixture builder other tests and the benches rely on."""

from pathlib import Path

import numpy as np

from sohoa.corpus import scan_simulator as scans


def test_degrade_is_deterministic_and_keeps_shape() -> None:
    page = np.full((400, 300), 255, np.uint8)
    page[100:110, 50:250] = 0
    first = scans.degrade(page, "heavy", seed=7)
    assert first.shape == page.shape and first.dtype == np.uint8
    assert np.array_equal(first, scans.degrade(page, "heavy", seed=7))
    assert not np.array_equal(first, scans.degrade(page, "heavy", seed=8))
    assert (
        np.abs(first.astype(int) - page).mean()
        > np.abs(scans.degrade(page, "light", seed=7).astype(int) - page).mean()
    )


def test_make_scan_writes_image_only_pdf_with_reference(tmp_path: Path) -> None:
    scan = scans.make_scan(
        ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"],
        tmp_path / "scan.pdf",
        dpi=100,
        table=[["TT", "Nội dung"], ["1", "Kiểm định"]],
    )
    assert "Tổ chức chính quyền" in scan.reference[0] and "Kiểm định" in scan.reference[0]
    assert scans.pdf_page_texts(scan.path) == [""]  # no text layer: a real scan
    (image,) = scans.rasterize_pdf(scan.path, 100)
    assert abs(image.shape[0] - 1169) <= 3 and abs(image.shape[1] - 827) <= 3  # A4 at 100 dpi


def test_seed_text_becomes_headings_paragraphs_and_tables() -> None:
    paragraphs = scans.text_to_paragraphs(scans.seed_text("004"))
    kinds = {p.kind for p in paragraphs}
    assert kinds == {"heading", "paragraph", "table"}
    assert any(p.text == "QUYẾT ĐỊNH" for p in paragraphs)
