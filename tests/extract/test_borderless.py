"""Tables without rules in OCR'd pages: columns from the alignment of the words' boxes."""

from __future__ import annotations

import cv2
from table_samples import render_sample_table

from sohoa.corpus.scan_simulator import rasterize_pdf
from sohoa.extract.borderless import find_borderless_tables
from sohoa.model import Line, Page, Word
from sohoa.pipeline import convert_document
from sohoa.settings import Settings


def page_of(lines: list[list[tuple[str, float]]], width: float = 2480) -> Page:
    """A page whose lines hold words at the given right edges (x1), 30 px per character."""
    page = Page(number=1, width=width, height=3508, dpi=300, origin="ocr")
    for row, words in enumerate(lines):
        top = 500 + 70 * row
        indices = []
        for text, right in words:
            page.words.append(Word(text=text, bbox=(right - 30 * len(text), top, right, top + 40)))
            indices.append(len(page.words) - 1)
        boxes = [page.words[i].bbox for i in indices]
        page.lines.append(Line(words=indices, bbox=(boxes[0][0], top, boxes[-1][2], top + 40)))
    return page


def test_right_aligned_amounts_make_columns_and_text_beside_them_is_kept():
    page = page_of(
        [
            [("STT", 200), ("Nội", 500), ("dung", 650), ("Năm", 1280), ("2026", 1400),
             ("Năm", 1680), ("2027", 1800), ("Nguồn", 2100)],
            [("I.", 150), ("Hạ", 250), ("tầng", 400)],
            [("1", 150), ("Mạng", 400), ("diện", 550), ("1.500", 1400), ("900", 1800),
             ("Tỉnh", 2100)],
            [("2", 150), ("Máy", 400), ("tính", 550), ("12.800", 1400), ("-", 1800),
             ("Xã", 2100)],
            [("3", 150), ("Dữ", 400), ("liệu", 550), ("450", 1400), ("150", 1800)],
        ]
    )  # fmt: skip
    (table,) = find_borderless_tables(page)
    assert table.source == "words"
    assert table.columns == ["STT", "Nội dung", "Năm 2026", "Năm 2027", "Nguồn"]
    assert table.rows[0].section == "I. Hạ tầng"
    assert [r.cells for r in table.rows[1:]] == [
        ["1", "Mạng diện", "1.500", "900", "Tỉnh"],
        ["2", "Máy tính", "12.800", "-", "Xã"],
        ["3", "Dữ liệu", "450", "150", ""],
    ]
    assert table.confidence == 1.0


def test_prose_with_numbers_is_not_a_table():
    page = page_of(
        [
            [("Năm", 200), ("2025", 400), ("tỉnh", 600), ("chi", 800), ("1.200", 1000),
             ("triệu", 1200), ("đồng", 1400)],
            [("cho", 200), ("300", 400), ("hộ", 600), ("và", 800), ("các", 1000),
             ("xã", 1200), ("khác.", 1400)],
            [("Kế", 200), ("hoạch", 400), ("gồm", 600), ("45", 800), ("nhiệm", 1000),
             ("vụ", 1200), ("mới.", 1400)],
        ]
    )  # fmt: skip
    assert find_borderless_tables(page) == []


def test_a_scanned_budget_table_without_rules_is_read(tmp_path):
    """The shared sample table printed without rules, rasterised and run through the
    pipeline: real Tesseract words, columns from their alignment."""
    (image,) = rasterize_pdf(render_sample_table(tmp_path / "bang.pdf", ruled=False), 300)
    cv2.imwrite(str(tmp_path / "bang.png"), image)
    doc = convert_document(tmp_path / "bang.png", Settings(restore=False, dpi=300))
    (table,) = doc.tables
    assert table.source == "words" and table.kind == "phu_luc_2"
    assert table.columns[:4] == ["STT", "Nội dung", "Kinh phí", "Năm 2026 / NSNN"]
    assert table.rows[0].section == "I. Hoạt động hỗ trợ"
    assert [r.cells[:4] for r in table.rows[1:]] == [
        ["1", "Đào tạo nghiệp vụ đo lường", "540", "540"],
        ["2", "Khảo sát chất lượng", "1.200", "1.200"],
        ["", "Tổng", "1.740", "1.740"],
    ]
    records = table.records
    assert [r.kinh_phi.tong for r in records] == [540, 1200, 1740]
    assert records[-1].tong_cong
    assert "Sở KH&CN" in records[0].extra.values()  # the text right of the amounts
