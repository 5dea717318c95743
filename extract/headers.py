"""Appendix header cells: a vocabulary of the names provincial plans print, matched OCR-tolerantly.

A header cell decides which field a whole column feeds, so a misread one ("SII", "SLT",
"SITI" for "STT"; "Nôi dụng" for "Nội dung") would lose the column. Names are compared
in two ways:

- folded (no marks, no case, no spaces or punctuation) by edit-distance similarity, for
  names of several words;
- for short names, by *shape*: the letters Tesseract confuses in a small bold cell
  (i l t 1 f j ! |) are one letter, and a run of the same letter counts once, so "SII",
  "SLT" and "SITI" all have the shape of "STT" — but "TT" does not.

``repair_headers`` sets an OCR'd header cell that matches a vocabulary name closely to
that name (in the cell's own case) and returns every repair as an Edit; a cell that is
only a longer or shorter wording of a name ("Cơ quan, đơn vị chủ trì") is never rewritten.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex
from rapidfuzz import fuzz

from sohoa.model import Edit, Table
from sohoa.normalize.unicode import strip_marks

# Every header name the appendix tables of provincial plans print (their canonical form),
# by the field a column of that name feeds (extract/appendix.py maps columns with it; ""
# for names no record field takes). One list: the repairs and the mapping agree.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "stt": ("STT", "TT", "Số thứ tự"),
    "noi_dung": (
        "Nội dung",
        "Nội dung nhiệm vụ",
        "Nội dung các nhiệm vụ",
        "Nội dung công việc",
        "Nhiệm vụ",
        "Tên nhiệm vụ",
        "Nhiệm vụ, giải pháp",
    ),
    "chu_tri": (
        "Cơ quan chủ trì",
        "Đơn vị chủ trì",
        "Chủ trì",
        "Cơ quan thực hiện",
        "Đơn vị thực hiện",
    ),
    "phoi_hop": ("Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp"),
    "thoi_gian": (
        "Thời gian",
        "Thời gian thực hiện",
        "Thời gian hoàn thành",
        "Tiến độ",
        "Tiến độ thực hiện",
    ),
    "ghi_chu": ("Ghi chú",),
    "ket_qua": (
        "Dự kiến kết quả",
        "Dự kiến kết quả đạt được",
        "Kết quả dự kiến",
        "Sản phẩm",
        "Sản phẩm đầu ra",
    ),
    "nguon": ("Nguồn", "Nguồn kinh phí"),
    # budget columns: a "Kinh phí" group, its total, and the sources under a year
    "kinh_phi": ("Kinh phí", "Kinh phí thực hiện", "Nhu cầu kinh phí", "Dự toán"),
    "tong": (
        "Tổng",
        "Tổng cộng",
        "Tổng số",
        "Tổng kinh phí",
        "Tổng kinh phí (triệu đồng)",
        "Nhu cầu kinh phí (triệu đồng)",
    ),
    "nsnn": (
        "NSNN",
        "Ngân sách nhà nước",
        "Ngân sách tỉnh",
        "Ngân sách Trung ương",
        "Ngân sách địa phương",
    ),
    "to_chuc": ("Tổ chức", "Nguồn khác", "Xã hội hóa", "Doanh nghiệp"),
    "": ("Đơn vị tính", "Số lượng", "Chỉ tiêu"),
}
VOCABULARY: tuple[str, ...] = tuple(name for names in HEADER_NAMES.values() for name in names)
SHORT = 4  # folded names up to this length are compared by shape, not by similarity
REPAIR_SIMILARITY = 88  # a longer name this close to a vocabulary name is repaired to it
_CONFUSED = str.maketrans({c: "t" for c in "il1fj!|í"})
_PAREN = regex.compile(r"\s*\(([^()]*)\)\s*$")


def fold(text: str) -> str:
    """Comparable form: NFC, lower case, no marks, no spaces or punctuation."""
    return regex.sub(r"[\W_]+", "", strip_marks(unicodedata.normalize("NFC", text).lower()))


def shape(text: str) -> str:
    """The letters a small header cell may be misread between are one; runs count once."""
    confused = strip_marks(unicodedata.normalize("NFC", text).lower()).translate(_CONFUSED)
    letters = regex.sub(r"[\W_]+", "", confused)
    return regex.sub(r"(.)\1+", r"\1", letters)


def similarity(name: str, alias: str) -> float:
    """0..100: how surely the header ``name`` is the vocabulary name ``alias``."""
    folded, target = fold(name), fold(alias)
    if not folded or not target:
        return 0.0
    if folded == target:
        return 100.0
    if len(target) <= SHORT or len(folded) <= SHORT:
        # short names: only the same shape counts (and a length close to the name's)
        same = (
            shape(name) == shape(alias)
            and abs(len(folded) - len(target)) <= 1
            and min(len(folded), len(target)) >= 2
        )
        return 90.0 if same else 0.0
    return float(fuzz.ratio(folded, target))


def best_name(name: str, names: Iterable[str] = VOCABULARY) -> tuple[str | None, float]:
    """The vocabulary name ``name`` is closest to, and how close (0..100)."""
    best, score = None, 0.0
    for alias in names:
        value = similarity(name, alias)
        if value > score:
            best, score = alias, value
    return best, score


def _in_case_of(name: str, original: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return name.upper()
    return name


def repaired_name(text: str) -> tuple[str, float] | None:
    """The vocabulary form of an OCR'd header text, when it is a misreading of one.

    A parenthesised tail ("(triệu đồng)") is kept as read. Returns None when the text is
    already a vocabulary name (in any case) or no name is close enough.
    """
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    tail = _PAREN.search(clean)
    head = clean[: tail.start()] if tail else clean
    if not fold(head) or regex.search(r"\d", head):
        return None  # "Năm 2026": years are numbers, never rewritten here
    name, score = best_name(head)
    if name is None or head.lower() == name.lower():
        return None
    short = len(fold(name)) <= SHORT
    if not (short and score >= 90) and score < REPAIR_SIMILARITY:
        return None
    if not short and abs(len(fold(head)) - len(fold(name))) > 0.15 * len(fold(name)):
        return None  # another wording of the name, not a misreading of it
    result = _in_case_of(name, head) + (clean[tail.start() :] if tail else "")
    # marks only (same letters): surer than a shape or a near spelling
    return result, 0.95 if score == 100 else 0.9 * score / 100


_ROW_NUMBER = regex.compile(r"^(\d{1,3}(\.\d{1,3})*|[IVX]{1,5}|[a-zđ])[.)]?$")


def _numbering_column_name(table: Table) -> tuple[str, str] | None:
    """("STT", misread name) when the first column's short header is unreadable but its
    cells are row numbers (1, 2, 1.1, II …) and no other column is the STT: the values are
    the evidence. None otherwise."""
    if not table.columns or any(
        best_name(c.split(" / ")[-1], ("STT", "TT", "Số thứ tự"))[1] >= 90 for c in table.columns
    ):
        return None
    first = table.columns[0]
    folded = fold(first)
    misread = any(c.isdigit() for c in first)  # no header name holds a digit: "5i" is garbled
    if not folded or " / " in first or len(folded) > SHORT:
        return None
    if any(c.islower() for c in first) and not misread:
        return None  # a lower-case name ("Mã") was read as printed: it is not an "STT"
    values = [r.cells[0].strip() for r in table.rows if r.cells and r.cells[0].strip()]
    numbers = [v for v in values if _ROW_NUMBER.match(v)]
    if len(values) < 3 or len(numbers) < 0.8 * len(values) or len(set(numbers)) < 3:
        return None
    return ("TT" if len(folded) <= 2 else "STT"), first


def repair_headers(table: Table, table_index: int | None = None) -> list[Edit]:
    """Repair the OCR'd column names of ``table`` (each " / " part); the edits made.

    The header cells of the grid, if any, get the same repairs, so the cells and the
    column names agree.
    """
    edits: list[Edit] = []
    repairs: dict[str, str] = {}
    page = table.pages[0] if table.pages else None

    def repair(text: str) -> str:
        found = repaired_name(text)
        if found is None:
            return text
        result, confidence = found
        if text not in repairs:
            edits.append(
                Edit(
                    original=text,
                    result=result,
                    confidence=round(confidence, 3),
                    page=page,
                    table=table_index,
                    reason="table-header",
                )
            )
        repairs[text] = result
        return result

    table.columns = [
        " / ".join(repair(part) for part in column.split(" / ")) if column else column
        for column in table.columns
    ]
    numbers = _numbering_column_name(table)
    if numbers is not None:
        name, original = numbers
        edits.append(
            Edit(
                original=original,
                result=name,
                confidence=0.7,
                page=page,
                table=table_index,
                reason="table-header",
            )
        )
        repairs[original] = table.columns[0] = name
    for cell in table.cells:
        text = " ".join(unicodedata.normalize("NFC", cell.text).split())
        if text in repairs:
            cell.text = repairs[text]
    return edits
