"""A real degraded scan, OCR'd by real Tesseract into the data model, for the writer tests.

The page is typeset with a Vietnamese-capable font at 200 dpi, slightly rotated, blurred
and noised like an office scanner, saved as PNG and read back with ``tesseract -l vie``.
Restorer edits are recorded on it the way the restorer does: the word keeps the restored
text, the Edit keeps what the OCR had (here: the same word with its marks stripped).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sohoa.model import Alternative, Block, Document, Edit, ImageRef, Line, Metadata, Page, Word

DPI = 200
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = [
    "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
    "",
    "KẾ HOẠCH",
    "Tăng cường hoạt động đo lường trên địa bàn tỉnh",
    "",
    "Thực hiện Quyết định số 996/QĐ-TTg của Thủ tướng Chính phủ,",
    "Ủy ban nhân dân tỉnh ban hành kế hoạch kiểm tra chất lượng",
    "sản phẩm, hàng hóa và đổi mới công tác quản lý nhà nước.",
    "Kinh phí thực hiện: 2.450 triệu đồng từ ngân sách tỉnh.",
]


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def make_scan(path: Path) -> Path:
    font = ImageFont.truetype(FONT, size=round(14 * DPI / 72))
    width, height = round(6.5 * DPI), round(4.2 * DPI)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    y = round(0.35 * DPI)
    for line in LINES:
        if line:
            draw.text((round(0.4 * DPI), y), line, font=font, fill=20)
        y += round(font.size * (1.45 if line else 0.7))
    page = page.rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.8))
    rng = np.random.default_rng(5)
    pixels = np.asarray(page, dtype=np.float32) + rng.normal(0, 14, (height, width))
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, dpi=(DPI, DPI))
    return path


def ocr_page(path: Path) -> Page:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with Image.open(path) as image:
        data = pytesseract.image_to_data(
            image, lang="vie", config="--psm 4", output_type=pytesseract.Output.DICT
        )
        width, height = image.size
    page = Page(number=1, width=width, height=height, dpi=DPI, image=ImageRef(str(path), 0, DPI))
    blocks: dict[tuple[int, int], Block] = {}
    lines: dict[tuple[int, int, int], Line] = {}
    for i, text in enumerate(data["text"]):
        text = unicodedata.normalize("NFC", text.strip())
        if not text:
            continue
        left, top = data["left"][i], data["top"][i]
        box = (left, top, left + data["width"][i], top + data["height"][i])
        page.words.append(Word(text, box, float(data["conf"][i])))
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key not in lines:
            lines[key] = Line()
            page.lines.append(lines[key])
            block = blocks.setdefault(key[:2], Block())
            if block not in page.blocks:
                page.blocks.append(block)
            block.lines.append(len(page.lines) - 1)
        lines[key].words.append(len(page.words) - 1)
    for line in page.lines:
        boxes = [page.words[i].bbox for i in line.words]
        line.bbox = _union(boxes)  # type: ignore[arg-type]
    for block in page.blocks:
        block.bbox = _union([page.lines[i].bbox for i in block.lines])  # type: ignore[misc]
    confidences = [w.confidence for w in page.words if w.confidence is not None]
    page.mean_confidence = sum(confidences) / len(confidences) if confidences else None
    return page


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def record_restorer_edits(page: Page, every: int = 3) -> list[Edit]:
    """An Edit for every ``every``-th word that has marks, confidence varying from 0.3 to 1."""
    marked = [i for i, w in enumerate(page.words) if strip_marks(w.text) != w.text]
    edits = []
    for n, index in enumerate(marked[::every]):
        word = page.words[index].text
        confidence = 0.3 + 0.7 * ((n * 37) % 10) / 9
        edits.append(
            Edit(
                original=strip_marks(word),
                result=word,
                confidence=round(confidence, 2),
                alternatives=[Alternative(word, confidence), Alternative(strip_marks(word), 0.1)],
                page=page.number,
                word=index,
            )
        )
    return edits


def scanned_document(folder: Path) -> Document:
    scan = make_scan(folder / "scan.png")
    page = ocr_page(scan)
    return Document(
        source=str(scan),
        input_kind="image",
        pages=[page],
        metadata=Metadata(loai_van_ban="Kế hoạch", trich_yeu=" ".join(LINES[3].split())),
        edits=record_restorer_edits(page),
    )
