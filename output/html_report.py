"""The review report: one self-contained HTML file to check the restorer's work fast.

Per page: the page image (inlined JPEG) with the word boxes, and the OCR text beside the
restored text. Every ``Edit`` is exactly one highlighted ``mark.change`` (coloured by its
confidence); hovering or clicking it shows the OCR reading, the alternatives and the crop
of that word from the page image. A "check these first" list ranks low-confidence edits and
OCR words; tables show their arithmetic mismatches. No network: CSS, JS and images inline.

The words hold the restored text and each Edit its original (what the OCR said), so the
OCR text is rebuilt by putting the originals back.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from PIL import Image

from sohoa.model import Document, Edit, Page
from sohoa.output.files import write_atomic
from sohoa.output.layout import document_title, line_runs, nfc
from sohoa.output.page_images import page_pil_image
from sohoa.output.report_tables import TableView, table_view

LOW_EDIT_CONFIDENCE = 0.6  # edits below this are listed first
LOW_OCR_CONFIDENCE = 60.0  # Tesseract word confidence (0..100) below this is listed first
HIGH_CONFIDENCE = 0.9
CHECK_FIRST_LIMIT = 200
IMAGE_MAX_WIDTH = 1100  # pixels of the inlined page image: enough to read a word crop
JPEG_QUALITY = 72
TEMPLATE = "review.html.j2"


def write_html(doc: Document, outdir: Path, stem: str) -> list[Path]:
    path = Path(outdir) / f"{stem}.html"
    write_atomic(path, render_report(doc, Path(stem).name))
    return [path]


def render_report(doc: Document, stem: str = "document") -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,  # every text from the document is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE).render(report=build_report(doc, stem))


# --- the report's data, prepared for the template -----------------------------------------


def confidence_class(confidence: float) -> str:
    if confidence >= HIGH_CONFIDENCE:
        return "c-high"
    return "c-mid" if confidence >= LOW_EDIT_CONFIDENCE else "c-low"


@dataclass
class Token:
    text: str  # restored
    original: str  # as the OCR had it
    word: int
    edit: int | None = None
    low_ocr: bool = False
    css: str = ""


@dataclass
class Box:
    word: int
    bbox: str  # "x0,top,x1,bottom" in page pixels, saved with a reviewer's correction
    left: float  # percent of the page
    top: float
    width: float
    height: float
    css: str
    edit: int | None
    title: str


@dataclass
class PageView:
    number: int
    width: float
    height: float
    image: str | None  # data: URI
    boxes: list[Box]
    blocks: list[list[list[Token]]]  # blocks of paragraphs (wrapped lines joined) of tokens


@dataclass
class EditView:
    id: int
    original: str
    result: str
    confidence: float
    css: str
    alternatives: list[tuple[str, float]]
    where: str
    page: int | None = None
    word: int | None = None
    bbox: list[float] | None = None  # page pixels, for the crop
    placed: bool = False
    reviewer: bool = False  # a reviewer's correction applied on a re-run


@dataclass
class CheckItem:
    confidence: float  # 0..1
    kind: str  # "edit" or "ocr"
    text: str
    detail: str
    target: str  # element id to jump to
    css: str


@dataclass
class MetadataField:
    """One metadata value a reviewer can correct; ``name`` is its path ("nguoi_ky.ho_ten")."""

    name: str
    label: str
    value: str
    source: str = ""  # where it was read: "95% · trang 1 · khối bố cục …" (metadata.nguon)
    css: str = ""  # confidence band of that reading
    page: int | None = None
    bbox: str = ""  # "x0,y0,x1,y1" of its line in that page's pixels


@dataclass
class Report:
    title: str
    source: str
    input_kind: str
    stem: str = "document"  # the output name: the corrections are saved as <stem>.corrections.json
    sha256: str = ""
    metadata: list[MetadataField] = field(default_factory=list)
    pages: list[PageView] = field(default_factory=list)
    edits: list[EditView] = field(default_factory=list)
    check_first: list[CheckItem] = field(default_factory=list)
    check_first_more: int = 0
    tables: list[TableView] = field(default_factory=list)
    word_count: int = 0
    mismatch_count: int = 0

    @property
    def other_edits(self) -> list[EditView]:
        return [e for e in self.edits if not e.placed]

    @property
    def edit_data(self) -> list[dict[str, Any]]:
        """What the page script needs to show an edit's details and crop."""
        return [
            {
                "original": e.original,
                "result": e.result,
                "confidence": e.confidence,
                "alternatives": e.alternatives,
                "where": e.where,
                "page": e.page,
                "word": e.word,
                "bbox": e.bbox,
            }
            for e in self.edits
        ]

    @property
    def document_data(self) -> dict[str, str]:
        """Who the saved corrections belong to."""
        return {"source": self.source, "sha256": self.sha256, "output": self.stem}


# The metadata fields a reviewer can correct in the report (and ``--corrections`` applies).
METADATA_FIELDS = [
    ("so_hieu", "Số hiệu"),
    ("loai_van_ban", "Loại văn bản"),
    ("ngay_ban_hanh", "Ngày ban hành"),
    ("dia_danh", "Địa danh"),
    ("co_quan_ban_hanh.ten", "Cơ quan ban hành"),
    ("trich_yeu", "Trích yếu"),
    ("nguoi_ky.ho_ten", "Người ký"),
    ("nguoi_ky.chuc_vu", "Chức vụ người ký"),
]


# How a field was found (``FieldSource.method``), in the report's words.
SOURCE_METHODS = {
    "layout": "khối bố cục (layout block)",
    "line": "dòng (line)",
    "text": "văn bản (text)",
    "code": "suy từ ký hiệu (from the code)",
    "citation": "suy từ trích dẫn (from a citation)",
    "reread": "đọc lại không có mực màu (read again without the seal or pen ink)",
}


def metadata_field(doc: Document, name: str, label: str) -> MetadataField:
    """One field with where it was read, from ``metadata.nguon``."""
    item = MetadataField(name, label, nfc(metadata_value(doc, name) or ""))
    source = next((s for s in doc.metadata.nguon if s.field == name), None)
    if source is None or not item.value:
        return item
    parts = [f"{source.confidence * 100:.0f}%"]
    if source.page is not None:
        parts.append(f"trang {source.page}")
    parts.append(SOURCE_METHODS.get(source.method, source.method))
    item.source, item.css = " · ".join(parts), confidence_class(source.confidence)
    item.page = source.page
    if source.bbox:
        item.bbox = ",".join(f"{v:.0f}" for v in source.bbox)
    return item


def metadata_value(doc: Document, name: str) -> str | None:
    value: object = doc.metadata
    for part in name.split("."):
        value = getattr(value, part)
    return value if isinstance(value, str) else None


def build_report(doc: Document, stem: str = "document") -> Report:
    report = Report(document_title(doc), doc.source, doc.input_kind, stem, doc.sha256)
    report.metadata = [metadata_field(doc, name, label) for name, label in METADATA_FIELDS]
    report.edits = [_edit_view(i, edit) for i, edit in enumerate(doc.edits)]
    pages_by_number = {page.number: page for page in doc.pages}
    placed = _place_edits(report.edits, pages_by_number)
    first_reading = _first_readings(report.edits)
    for page in doc.pages:
        report.pages.append(
            _page_view(page, placed.get(page.number, {}), first_reading.get(page.number, {}))
        )
        report.word_count += len(page.words)
    report.check_first, report.check_first_more = _check_first(report.edits, doc.pages)
    report.tables = [table_view(n, t) for n, t in enumerate(doc.tables, start=1)]
    report.mismatch_count = sum(len(t.mismatches) for t in report.tables)
    return report


def _edit_view(index: int, edit: Edit) -> EditView:
    if edit.page is not None and edit.word is not None:
        where = f"trang {edit.page}, từ {edit.word + 1}"
    elif edit.table is not None:
        where = f"bảng {edit.table + 1}"
        where += f", hàng {edit.row + 1}" if edit.row is not None else ""
    elif edit.line is not None:
        where = f"dòng {edit.line + 1}" + (f", cột {edit.column + 1}" if edit.column else "")
    else:
        where = "—"
    return EditView(
        id=index,
        original=nfc(edit.original),
        result=nfc(edit.result),
        confidence=edit.confidence,
        css=confidence_class(edit.confidence),
        alternatives=[(nfc(a.text), a.score) for a in edit.alternatives],
        where=where,
        page=edit.page,
        word=edit.word,
        reviewer=edit.reason == "reviewer",
    )


def _place_edits(edits: list[EditView], pages: dict[int, Page]) -> dict[int, dict[int, EditView]]:
    """page -> word -> its edit; an edit that names no word on a page (or a word already
    taken) stays unplaced and is listed under "other changes", so none is ever lost.
    A reviewer's correction takes the word before the restorer's edit it overrode, which is
    then shown as the correction's OCR reading (not listed again)."""
    placed: dict[int, dict[int, EditView]] = {}
    for edit in sorted(edits, key=lambda e: not e.reviewer):
        page = pages.get(edit.page) if edit.page is not None else None
        if page is None or edit.word is None or not 0 <= edit.word < len(page.words):
            continue
        taken = placed.setdefault(page.number, {})
        if edit.word in taken:
            edit.placed = taken[edit.word].reviewer  # overridden by the reviewer: shown there
            continue
        taken[edit.word] = edit
        edit.placed = True
        bbox = page.words[edit.word].bbox
        edit.bbox = list(bbox) if bbox else None
    return placed


def _first_readings(edits: list[EditView]) -> dict[int, dict[int, str]]:
    """page -> word -> what the OCR read there (the original of the word's first edit)."""
    readings: dict[int, dict[int, str]] = {}
    for edit in edits:
        if edit.page is not None and edit.word is not None:
            readings.setdefault(edit.page, {}).setdefault(edit.word, edit.original)
    return readings


def _page_view(page: Page, placed: dict[int, EditView], readings: dict[int, str]) -> PageView:
    tokens = [_token(page, i, placed.get(i), readings.get(i)) for i in range(len(page.words))]
    blocks = [
        [
            [tokens[i] for n in group for i in page.lines[n].words if 0 <= i < len(tokens)]
            for group in line_runs(page, block)
        ]
        for block in page.blocks
    ]
    boxes = []
    if page.width and page.height:
        for token, word in zip(tokens, page.words, strict=True):
            if word.bbox is None:
                continue
            x0, top, x1, bottom = word.bbox
            conf = "" if word.confidence is None else f" · OCR {word.confidence:.0f}%"
            boxes.append(
                Box(
                    word=token.word,
                    bbox=",".join(f"{v:g}" for v in word.bbox),
                    left=100 * x0 / page.width,
                    top=100 * top / page.height,
                    width=100 * (x1 - x0) / page.width,
                    height=100 * (bottom - top) / page.height,
                    css=token.css or ("low-ocr" if token.low_ocr else ""),
                    edit=token.edit,
                    title=f"{token.text}{conf}",
                )
            )
    return PageView(page.number, page.width, page.height, _inline_image(page), boxes, blocks)


def _token(page: Page, index: int, edit: EditView | None, reading: str | None) -> Token:
    word = page.words[index]
    low = word.confidence is not None and 0 <= word.confidence < LOW_OCR_CONFIDENCE
    token = Token(nfc(word.text), nfc(word.text), index, low_ocr=low)
    if edit is not None:
        token.edit, token.original, token.css = edit.id, reading or edit.original, edit.css
        if edit.reviewer:
            token.css += " reviewed"
    return token


def _inline_image(page: Page) -> str | None:
    image = page_pil_image(page)
    if image is None:
        return None
    # reducing_gap: shrink by whole factors first, then resample; fast and still sharp
    image.thumbnail((IMAGE_MAX_WIDTH, image.height), Image.Resampling.LANCZOS, reducing_gap=2.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _check_first(edits: list[EditView], pages: list[Page]) -> tuple[list[CheckItem], int]:
    items = [
        CheckItem(
            e.confidence, "edit", f"{e.original} → {e.result}", e.where, f"edit-{e.id}", e.css
        )
        for e in edits
        if e.confidence < LOW_EDIT_CONFIDENCE
    ]
    edited = {(e.page, e.word) for e in edits if e.placed}
    for page in pages:
        for index, word in enumerate(page.words):
            conf = word.confidence
            if conf is None or conf < 0 or conf >= LOW_OCR_CONFIDENCE:
                continue
            if (page.number, index) in edited:
                continue  # already listed (or not) as an edit
            items.append(
                CheckItem(
                    conf / 100,
                    "ocr",
                    nfc(word.text),
                    f"trang {page.number}, từ {index + 1} · OCR {conf:.0f}%",
                    f"p{page.number}-w{index}",
                    "c-low",
                )
            )
    items.sort(key=lambda item: item.confidence)
    return items[:CHECK_FIRST_LIMIT], max(0, len(items) - CHECK_FIRST_LIMIT)
