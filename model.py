"""The document model every stage reads and returns.

Plain dataclasses, modelled on pdfplumber's small object model: a Document holds Pages,
a Page holds Words (in reading order) grouped into Lines and Blocks. Stages are functions
``Document -> Document``; only ingest and the writers touch files.

Coordinates: every bounding box is ``(x0, top, x1, bottom)`` in pixels of the page as it
was rasterised at ``Page.dpi`` from the ORIGINAL file (before any deskew), origin top-left.
Digital PDF pages use ``dpi = 72``, so their boxes are PDF points. DOCX and TXT input has
no geometry: boxes are ``None``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sohoa.records import Amount, Record

# 1.1: Phụ lục II agencies named co_quan_* as in I; records keep `extra`
# 1.2: a table row keeps what old OCR read that no cell takes (`unplaced`)
# 1.3: a row of a table rebuilt from old OCR text, and its record, carry a `confidence`
SCHEMA_VERSION = "1.3"

InputKind = Literal["scanned-pdf", "digital-pdf", "image", "docx", "txt"]
WordOrigin = Literal["ocr", "text-layer", "docx", "txt"]
BBox = tuple[float, float, float, float]


def union_box(boxes: Iterable[BBox | None]) -> BBox | None:
    """The smallest box holding every given box (missing ones skipped); None if none."""
    present = [b for b in boxes if b is not None]
    if not present:
        return None
    return (
        min(b[0] for b in present),
        min(b[1] for b in present),
        max(b[2] for b in present),
        max(b[3] for b in present),
    )


PixelBox = tuple[int, int, int, int]  # a box in whole pixels (Tesseract's word boxes)


def pixel_union(boxes: Iterable[PixelBox]) -> PixelBox:
    """``union_box`` of boxes in whole pixels, at least one: a box in whole pixels too."""
    return typing.cast(PixelBox, union_box(boxes))


@dataclass
class Word:
    """One whitespace-delimited token as the source gave it (punctuation attached)."""

    text: str
    bbox: BBox | None = None
    confidence: float | None = None  # OCR confidence 0..100; None when not OCR'd
    origin: WordOrigin = "ocr"


@dataclass
class Line:
    words: list[int] = field(default_factory=list)  # indices into Page.words
    bbox: BBox | None = None
    raw_text: str | None = None  # TXT input: the line as read, tabs kept (tab-separated tables)


@dataclass
class Block:
    """A paragraph, heading or table region; ``lines`` index into Page.lines."""

    lines: list[int] = field(default_factory=list)
    bbox: BBox | None = None
    kind: Literal["paragraph", "heading", "table"] = "paragraph"
    # the header's two columns, "Nơi nhận" and the signature block (extract/page_layout.py)
    part: Literal["header_left", "header_right", "recipients", "signature"] | None = None


@dataclass
class ImageRef:
    """Where a page's image can be rendered again (we never keep page pixels in the model)."""

    path: str
    frame: int  # 0-based page of a PDF or frame of a (multi-page) image
    dpi: int


# Page.provenance of a TXT page: the lines (indices into Page.lines) that start a page of the
# source, which its export joined to the one before with a run of blank lines (no form feed).
JOINED_PAGES_AT = "joined_pages_at"


@dataclass
class Page:
    number: int  # 1-based
    width: float  # in pixels at ``dpi`` (points for digital PDFs)
    height: float
    dpi: int = 72
    rotation: int = 0  # whole-page rotation applied before OCR: 0, 90, 180, 270
    deskew_angle: float = 0.0  # degrees, measured and corrected before OCR
    image: ImageRef | None = None
    origin: WordOrigin = "ocr"
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # raw tables found on this page
    mean_confidence: float | None = None
    # text layer (legacy font decoded?) or OCR variant chosen, and the measures that chose it
    provenance: dict[str, Any] = field(default_factory=dict)  # how this page's text was read

    def line_text(self, line: Line) -> str:
        return " ".join(self.words[i].text for i in line.words)

    def text(self) -> str:
        """Reading-order text: lines joined by newlines, blocks by a blank line."""
        return "\n\n".join(
            "\n".join(self.line_text(self.lines[i]) for i in block.lines) for block in self.blocks
        )


# --- tables -------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    bbox: BBox | None = None
    confidence: float | None = None
    page: int | None = None  # 1-based page the cell was read on (tables joined across pages)


@dataclass
class TableRow:
    """A body row: either ``cells`` (one text per leaf column) or a full-width ``section``."""

    cells: list[str] | None = None
    section: str | None = None
    # What was read in the row that no cell takes (old OCR's amounts beyond the amount
    # columns, a second run of amounts): kept as read, never dropped
    unplaced: str | None = None
    # 0..1, how sure the rebuild of flattened old OCR text is of this row
    # (extract/row_confidence.py); None for the rows of other tables (grids read cell by cell)
    confidence: float | None = None


@dataclass
class Mismatch:
    row: int  # index into Table.rows
    column: str
    expected: Amount | None
    found: Amount | None
    message: str
    suggestion: Amount | None = None  # value implied by the sums, for the reviewer only


@dataclass
class Validation:
    ok: bool = True
    checked: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)


@dataclass
class Table:
    kind: Literal["phu_luc_1", "phu_luc_2", "table"] = "table"
    caption: str | None = None  # "Phụ lục I"
    title: str | None = None
    attached_to: str | None = None  # "(Kèm theo Kế hoạch số …)"
    unit: str | None = None  # "Triệu đồng"
    pages: list[int] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)  # the grid as found, with spans and boxes
    records: list[Record] = field(default_factory=list)  # one typed record per body row
    validation: Validation | None = None
    source: Literal["grid", "text-layer", "docx", "tsv", "flattened", "words"] = "grid"
    confidence: float | None = None  # 0..1, how sure we are of the reconstruction
    bbox: BBox | None = None
    # per column: "stt", "amount", "year", "period", "date" or "text" (generic tables)
    column_types: list[str] = field(default_factory=list)


# --- metadata -----------------------------------------------------------------------------


@dataclass
class Issuer:
    ten: str | None = None  # "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    cap_tren: str | None = None  # parent body, where the header names one


@dataclass
class Signer:
    ho_ten: str | None = None
    chuc_vu: str | None = None  # "PHÓ CHỦ TỊCH"
    tham_quyen: list[str] = field(default_factory=list)  # ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]


@dataclass
class Reference:
    so_hieu: str | None = None
    loai_van_ban: str | None = None
    ngay_ban_hanh: str | None = None  # ISO 8601
    co_quan_ban_hanh: str | None = None
    quan_he: str | None = None  # căn cứ, thực hiện, thay thế, kèm theo
    trich_dan: str | None = None  # the sentence it was read from


@dataclass
class FieldSource:
    """Where one metadata field was read and how sure the reading is (for the review report)."""

    field: str  # "so_hieu", "co_quan_ban_hanh.ten", "nguoi_ky.ho_ten", ...
    confidence: float  # 0..1
    page: int | None = None  # 1-based page the field was read on
    bbox: BBox | None = None  # the line or block it was read from, in that page's pixels
    method: str = "text"  # layout (header/signature blocks), line, text, code, citation, reread


@dataclass
class Metadata:
    so_hieu: str | None = None
    loai_van_ban: str | None = None
    ngay_ban_hanh: str | None = None
    dia_danh: str | None = None
    co_quan_ban_hanh: Issuer = field(default_factory=Issuer)
    trich_yeu: str | None = None
    nguoi_ky: Signer = field(default_factory=Signer)
    noi_nhan: list[str] = field(default_factory=list)
    tham_chieu: list[Reference] = field(default_factory=list)
    ky_hieu: str | None = None  # the code part of the number ("KH-UBND"), kept for drafts
    suy_dien: list[str] = field(default_factory=list)  # fields inferred, not read in place
    so_viet_tay: bool = False  # the number space holds handwriting: so_hieu null, ky_hieu kept
    nguon: list[FieldSource] = field(default_factory=list)  # where each field was read


# --- restoration edits ----------------------------------------------------------------------


@dataclass
class Alternative:
    text: str
    score: float


@dataclass
class Edit:
    """One change the restorer made. Nothing is changed without one of these."""

    original: str
    result: str
    confidence: float  # 0..1
    alternatives: list[Alternative] = field(default_factory=list)
    page: int | None = None  # 1-based page number
    word: int | None = None  # index into Page.words
    line: int | None = None  # 0-based line of a text input (restore command)
    column: int | None = None  # character offset within that line
    table: int | None = None  # index into Document.tables, for edits inside cells
    row: int | None = None  # index into that table's rows (when known)
    reason: str = "restore"


@dataclass
class Document:
    source: str
    input_kind: InputKind
    sha256: str = ""
    pages: list[Page] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    tables: list[Table] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)  # tool versions, settings, timings
    schema_version: str = SCHEMA_VERSION

    def text(self) -> str:
        return "\n\n".join(page.text() for page in self.pages)


# --- JSON -----------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        # Amounts are exact; integral ones become ints, others keep their digits as a string
        # rather than pass through a binary float.
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def document_to_dict(doc: Document) -> dict[str, Any]:
    data = _jsonable(doc)
    assert isinstance(data, dict)
    return {"schema_version": data.pop("schema_version"), **data}


def document_to_json(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=1)


def _build(tp: Any, data: Any) -> Any:
    """Rebuild typed values from ``document_to_dict`` output, guided by the type hints."""
    if data is None:
        return None
    if dataclasses.is_dataclass(tp) and isinstance(data, dict):
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _build(hints[k], v) for k, v in data.items() if k in names})
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        return [_build(args[0], v) for v in data]
    if origin is dict:
        return {k: _build(args[1], v) for k, v in data.items()}
    if origin is tuple:
        return tuple(data)
    if origin in (types.UnionType, typing.Union):
        return _build_union(args, data)
    if tp is Decimal and isinstance(data, str):
        return Decimal(data)
    return data


def _build_union(options: tuple[Any, ...], data: Any) -> Any:
    """One of several types: a tuple for a list, an exact amount for a decimal string
    where an amount is expected (``int | Decimal``), the dataclass whose fields hold the
    object's keys with fewest left over (records of each kind differ in their keys; an
    older file lacks the fields added since), else the value as it is."""
    for option in options:
        if typing.get_origin(option) is tuple and isinstance(data, list):
            return tuple(data)
    if Decimal in options and isinstance(data, str):
        return Decimal(data)
    if isinstance(data, dict):
        # the dataclass whose fields hold all the object's keys, fewest missing first: an
        # older file's object lacks the fields added since (a record's "confidence", 1.3)
        fits = [
            (len(names - set(data)), k)
            for k, option in enumerate(options)
            if dataclasses.is_dataclass(option)
            and set(data) <= (names := {f.name for f in dataclasses.fields(option)})
        ]
        if fits:
            return _build(options[min(fits)[1]], data)
        dataclass_options = [o for o in options if dataclasses.is_dataclass(o)]
        if len(dataclass_options) == 1:  # a newer file: keys this version does not know
            return _build(dataclass_options[0], data)
    return data


def document_from_dict(data: dict[str, Any]) -> Document:
    doc = _build(Document, data)
    assert isinstance(doc, Document)
    return doc
