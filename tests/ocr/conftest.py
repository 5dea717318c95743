"""Scans shared by the OCR tests: built once per session, small (200 dpi, one page)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from sohoa.corpus import scan_simulator as scans
from sohoa.model import Document
from sohoa.ocr.ingest import ingest
from sohoa.settings import Settings

FAST = Settings(dpi=200, restore=False)
SKEW = 1.5  # degrees, counter-clockwise, applied to the rotated PNG fixture


@pytest.fixture(scope="session")
def scan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scans")


@pytest.fixture(scope="session")
def heavy_scan(scan_dir: Path) -> scans.Scan:
    """Page 1 of seed 001 as a heavily degraded 200-dpi image-only PDF."""
    return scans.make_scan(scans.seed_text("001"), scan_dir / "heavy.pdf", level="heavy", seed=5)


@pytest.fixture(scope="session")
def heavy_doc(heavy_scan: scans.Scan) -> Document:
    return ingest(heavy_scan.path, FAST)


SHORT_TEXT = [
    scans.Paragraph("heading", "QUYẾT ĐỊNH"),
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Căn cứ Luật "
    "Khoa học và Công nghệ ngày 18 tháng 6 năm 2013; theo đề nghị của Sở Khoa học và "
    "Công nghệ tại Tờ trình số 838/TTr-SKH-CN ngày 14/9/2020.",
    "Điều 1. Phê duyệt Kế hoạch triển khai Đề án tăng cường, đổi mới hoạt động đo lường "
    "hỗ trợ doanh nghiệp Việt Nam nâng cao năng lực cạnh tranh và hội nhập quốc tế.",
]


@pytest.fixture(scope="session")
def short_pdf(scan_dir: Path) -> Path:
    """A digital (text-layer) PDF with a heading and two paragraphs."""
    return scans.render_text_pdf(SHORT_TEXT, scan_dir / "short.pdf")


@pytest.fixture(scope="session")
def short_page_image(short_pdf: Path) -> np.ndarray:
    """The top part of the short PDF at 200 dpi (gray): quick to OCR."""
    (page,) = scans.rasterize_pdf(short_pdf, 200)
    return page[:700]


@pytest.fixture(scope="session")
def rotated_png(scan_dir: Path, short_page_image: np.ndarray) -> tuple[Path, np.ndarray]:
    """The short page turned by SKEW degrees (known matrix), saved as a 200-dpi PNG."""
    height, width = short_page_image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), SKEW, 1.0)
    turned = cv2.warpAffine(short_page_image, matrix, (width, height), borderValue=255)
    path = scan_dir / "rotated.png"
    Image.fromarray(turned).save(path, dpi=(200, 200))
    return path, matrix
