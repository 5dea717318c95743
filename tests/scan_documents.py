"""A real degraded scan, read by the real ingest (Tesseract), for the writer tests.

A short plan with a small table is typeset, rasterised at 200 dpi, damaged like an office
scanner (``scans.make_scan``, level "light") into an image-only PDF, then ingested.
Restorer edits are recorded on it the way the restorer does: the word keeps the restored
text, the Edit keeps what the OCR had (here: the same word with its marks stripped).
"""

from __future__ import annotations

from pathlib import Path

from sohoa.corpus import scan_simulator as scans
from sohoa.model import Alternative, Document, Edit, Metadata, Page
from sohoa.normalize.unicode import strip_marks
from sohoa.ocr.ingest import ingest
from sohoa.settings import Settings

DPI = 200
TEXT = [
    scans.Paragraph("heading", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"),
    scans.Paragraph("heading", "KẾ HOẠCH"),
    scans.Paragraph("heading", "Tăng cường hoạt động đo lường trên địa bàn tỉnh"),
    "Thực hiện Quyết định số 996/QĐ-TTg của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban "
    "hành kế hoạch kiểm tra chất lượng sản phẩm, hàng hóa và đổi mới công tác quản lý nhà "
    "nước về đo lường trên địa bàn tỉnh.",
    "Kinh phí thực hiện: 2.450 triệu đồng từ ngân sách tỉnh, bố trí theo dự toán hằng năm.",
]
TABLE = [
    ("TT", "Nội dung", "Kinh phí"),
    ("1", "Kiểm định phương tiện đo", "300"),
    ("2", "Đào tạo chuyên gia đo lường", "250"),
]


def record_restorer_edits(page: Page, every: int = 3) -> list[Edit]:
    """An Edit for every ``every``-th word that has marks, confidence varying from 0.3 to 1."""
    marked = [i for i, w in enumerate(page.words) if strip_marks(w.text) != w.text]
    edits = []
    for n, index in enumerate(marked[::every]):
        word = page.words[index].text
        confidence = round(0.3 + 0.7 * ((n * 37) % 10) / 9, 2)
        edits.append(
            Edit(
                original=strip_marks(word),
                result=word,
                confidence=confidence,
                alternatives=[Alternative(word, confidence), Alternative(strip_marks(word), 0.1)],
                page=page.number,
                word=index,
            )
        )
    return edits


def scanned_document(folder: Path) -> Document:
    scan = scans.make_scan(TEXT, folder / "scan.pdf", dpi=DPI, level="light", seed=3, table=TABLE)
    doc = ingest(scan.path, Settings(dpi=DPI, restore=False))
    doc.metadata = Metadata(loai_van_ban="Kế hoạch", trich_yeu=TEXT[2].text)
    doc.edits = record_restorer_edits(doc.pages[0])
    return doc
