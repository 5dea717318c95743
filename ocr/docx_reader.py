"""DOCX input (python-docx): paragraphs in document order, headings marked, table text kept."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from sohoa.errors import SohoaError
from sohoa.model import Block, Line, Page, Word
from sohoa.ocr.legacy_encoding import Encoding, decode_font_text, font_encoding
from sohoa.ocr.table_docx import find_tables_in_docx
from sohoa.ocr.tesseract import looks_like_heading
from sohoa.settings import Settings


def read_docx(path: Path, settings: Settings) -> tuple[Page, Encoding | None]:
    """One Page (DOCX has no fixed pages): a block per paragraph, a line per table row; and
    the legacy encoding decoded ("tcvn3"/"vni") when runs are set in ``.VnTime``-style or
    ``VNI-`` fonts (old Word files keep the 8-bit codes as characters: "Qu¶n lý")."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise SohoaError(
            path, f"is a damaged Word file ({error})", "open and re-save it in Word"
        ) from None

    page = Page(number=1, width=0, height=0, dpi=0, origin="docx")
    found: set[str] = set()  # legacy encodings met
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(child, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            text = _paragraph_text(paragraph, found)
            heading = style.startswith(("Heading", "Title")) or looks_like_heading(text)
            _add_block(page, text.split("\n"), "heading" if heading else "paragraph")
        elif tag == "tbl":
            rows = _table_cells(DocxTable(child, document), found)
            if _is_laid_out_text(rows):
                _add_block(page, [p for row in rows for cell in row for p in cell], "paragraph")
            else:
                rows_text = [" ".join(" ".join(cell) for cell in row) for row in rows]
                _add_block(page, [" ".join(text.split()) for text in rows_text], "table")
    if not page.words and settings.ocr_mode != "skip":
        _read_pictures(document, page, path, settings)  # a scan pasted into Word
    if settings.extract_tables:
        page.tables = find_tables_in_docx(document, lambda p: _paragraph_text(p, found))
    return page, (sorted(found)[0] if found else None)  # type: ignore[return-value]


def _read_pictures(document: Any, page: Page, path: Path, settings: Settings) -> None:
    """OCR the pictures of a DOCX that has no text, in the order Word stores them; their
    words join the page without boxes (a DOCX has no page geometry)."""
    import io

    import numpy as np
    from PIL import Image, UnidentifiedImageError

    from sohoa.model import ImageRef
    from sohoa.ocr.page_ocr import ocr_page

    parts = [
        part
        for part in document.part.related_parts.values()
        if str(getattr(part, "content_type", "")).startswith("image/")
    ]
    read = 0
    for index, part in enumerate(sorted(parts, key=lambda part: str(part.partname))):
        try:
            with Image.open(io.BytesIO(part.blob)) as picture:
                pixels = np.asarray(picture.convert("RGB"))
                dpi = round(float(picture.info.get("dpi", (0, 0))[0] or 0)) or settings.dpi
        except (UnidentifiedImageError, OSError, ValueError):
            continue
        if pixels.shape[0] < 32 or pixels.shape[1] < 32:
            continue  # a logo or bullet, not a page
        scanned = ocr_page(pixels, ImageRef(str(path), index, dpi), page.number, settings).page
        offset_words, offset_lines = len(page.words), len(page.lines)
        for word in scanned.words:
            word.bbox = None
            page.words.append(word)
        for line in scanned.lines:
            page.lines.append(type(line)(words=[i + offset_words for i in line.words]))
        for block in scanned.blocks:
            page.blocks.append(
                type(block)(lines=[i + offset_lines for i in block.lines], kind=block.kind)
            )
        read += 1
    if read:
        page.provenance = {"text": "ocr of the pictures", "pictures": read}


def _table_cells(table: Any, found: set[str]) -> list[list[list[str]]]:
    """Each row's cells, each cell as its paragraphs' texts (merged cells kept once)."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # merged cells repeat: keep each once
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                texts = [_paragraph_text(p, found) for p in cell.paragraphs]
                cells.append([line for text in texts for line in text.split("\n") if line.strip()])
        rows.append(cells)
    return rows


def _is_laid_out_text(rows: list[list[list[str]]]) -> bool:
    """A borderless table that only places text side by side, as Nghị định 30/2020 lays out
    the header (issuer and number | quốc hiệu, place and date) and the signature block
    (Nơi nhận | authority, position, name): at most two cells a row, and a cell holding
    several lines. It is read cell by cell, a line a paragraph, so that each block keeps its
    lines apart; a data table (more columns, one value a cell) stays a row a line."""
    return all(len(row) <= 2 for row in rows) and any(len(cell) > 1 for row in rows for cell in row)


def _paragraph_text(paragraph: Any, found: set[str]) -> str:
    """The paragraph's text, runs in legacy Vietnamese fonts decoded (``found`` collects
    the encodings met). A run without its own font takes its style's."""
    default = _style_font(paragraph.style)
    if not any(font_encoding(run.font.name or default or "") for run in paragraph.runs):
        return str(paragraph.text)
    pieces = []
    for run in paragraph.runs:
        font = run.font.name or _style_font(run.style) or default or ""
        encoding = font_encoding(font)
        if encoding:
            found.add(encoding[0])
        pieces.append(decode_font_text(run.text, font))
    return "".join(pieces)


def _style_font(style: Any) -> str | None:
    while style is not None:
        if style.font.name:
            return str(style.font.name)
        style = style.base_style
    return None


def _add_block(page: Page, texts: list[str], kind: str) -> None:
    block = Block(kind=kind)  # type: ignore[arg-type]
    for text in texts:
        tokens = unicodedata.normalize("NFC", text).split()
        if not tokens:
            continue
        first = len(page.words)
        page.words.extend(Word(text=token, origin="docx") for token in tokens)
        block.lines.append(len(page.lines))
        page.lines.append(Line(words=list(range(first, len(page.words)))))
    if block.lines:
        page.blocks.append(block)
