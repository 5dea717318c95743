"""The header of an appendix flattened in text: where it is, where a page break repeats it,
and the columns it names (a task list's; a budget's "Kinh phí" and "Năm 20xx" groups are
``budget_header``'s).

Old OCR garbles header words, so they are compared without marks and with one slip allowed.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import pairwise

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.flattened_lines import NUMBERED_LINE, OCR_SECTION, TOTAL_ROW_LABELS, amount_cells
from sohoa.extract.headers import VOCABULARY
from sohoa.extract.structure import fold
from sohoa.model import TableRow
from sohoa.normalize.language import judge
from sohoa.normalize.unicode import strip_marks

TASK_COLUMNS = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian",
    "Ghi chú",
]
HEADER_WORDS = {
    *("stt", "tt", "noi", "dung", "nhiem", "vu", "kinh", "phi", "nam", "tong", "cong", "nsnn"),
    *("to", "chuc", "don", "vi", "chu", "tri", "phoi", "hop", "ghi", "co", "quan", "thoi"),
    *("gian", "thuc", "hien"),
}
_YEAR_HEAD = regex.compile(r"\bn\S{0,2}m\s*(20\d\d)\b", regex.IGNORECASE)
# "đến năm 2030", "từ năm 2026": a year in a sentence, no column's head
_SENTENCE_YEAR = regex.compile(r"\b(?:d\S{0,2}n|t\S?)\s+n\S{0,2}m\s*20\d\d\b", regex.IGNORECASE)


def _year_heads(text: str) -> list[str]:
    """The years ``text`` names as column heads ("Năm 2027"), not those of a sentence."""
    return _YEAR_HEAD.findall(_SENTENCE_YEAR.sub(" ", strip_marks(text)))


_BARE_YEAR = regex.compile(r"(?<![-–/]\s?)\b(20\d\d)\b(?!\s?[-–/]\s?\d)")


def _is_header_start(text: str) -> bool:
    """ "STT …" or "TT …" (old OCR loses the S; a ruling read "|" may come first: "| STT |
    Nội dung | …"); marks and case do not matter."""
    first = strip_marks(text).lstrip("| ").split()
    return bool(first) and fold(first[0]) in ("stt", "tt")


def _is_header_line(text: str, share: float = 0.7, least: int = 1, strict: bool = False) -> bool:
    """A line made of header words ("Nam 2026", "NSNN | To chuc", "Pon vi cha tri"): part of
    a header block, the first one or one repeated at a page break. Words are compared
    without marks and with one OCR slip allowed ("chic" = "chuc", "Pon" = "Don"); at least
    ``least`` of them and a ``share`` of the line must be header words. ``strict``: no slip
    for a word that is a Vietnamese syllable of its own ("tăng", "cường", "nông", "thôn"
    are no misread "tổng", "công", "thời": a group heading's words, restored or read
    right)."""
    words = [fold(w) for w in strip_marks(text).split()]
    words = [w for w in words if w and not (len(w) <= 2 and not w.isalpha())]
    words = [regex.sub(r"(?<=\p{L})20\d\d$", "", w) for w in words]  # "Nam2026": "Nam"
    words = [w for w in words if not regex.fullmatch(r"20\d\d", w)]
    if not words:
        return bool(_BARE_YEAR.search(text)) and not regex.search(r"[^\W\d_]", text)
    known = sum(
        w in HEADER_WORDS
        or (
            len(w) >= 4
            and not (strict and _is_syllable(w))
            and any(Levenshtein.distance(w, h) <= 1 for h in HEADER_WORDS if len(h) >= 4)
        )
        for w in words
    )
    return known >= max(least, share * len(words))


@lru_cache(maxsize=4096)
def _is_syllable(folded: str) -> bool:
    """Is the folded word a Vietnamese syllable (marks aside)?"""
    verdict = judge(folded)
    return verdict.words == 1 and verdict.vietnamese_share == 1.0


PROSE_WORDS = 6  # a line of this many words, most of them no header word, is body text
LABEL_REPEATS = 3  # a word this often in a line: a sub-column label repeated under each year


def label_counts(text: str) -> Counter[str]:
    """How often each word of two letters or more (marks and case folded) is in ``text``."""
    return Counter(fold(w) for w in strip_marks(text).split() if regex.search(r"\p{L}{2}", w))


def is_label_line(text: str) -> bool:
    """A header line of sub-column labels repeated under each year ("Ngan | Nguon | Ngan |
    Nguon | …", "nha dong nha dong nha dong", "7 Noi dung Tong so | Sach | sach | …"): a
    word is there three times or more, and repeated words and header words make half the
    line. A row's text does not repeat itself so."""
    counts = label_counts(text)
    if not counts or max(counts.values()) < LABEL_REPEATS:
        return False
    labels = sum(n for w, n in counts.items() if n >= 2 or w in HEADER_WORDS)
    return labels >= 0.5 * sum(counts.values())


RULED_HEADER_SHARE = 0.7  # of a ruled line's words header words: the header's, not a row's


def _is_body_start(text: str) -> bool:
    """A section, a numbered row, or a line of prose: the first row's text when its number
    was lost ("Rà soát, hoàn thiện cơ chế, chính sách …"; not the caption's "(Kèm theo …)",
    not a garbled header line naming a year); a ruling read "|" before it or not ("| I. …",
    "| 1 | Tổ chức …"; not "| 11 | Nội dung | Kinh phí …": the header's STT misread, most of
    its words header words — a group heading's "Tăng cường công tác …" has a few that look
    like them, "tong", "cong"; nor "| 1 | 2 | 3 |": the header's row of column numbers, no
    words)."""
    text = text.strip()
    if OCR_SECTION.match(text) or (NUMBERED_LINE.match(text) and not is_label_line(text)):
        return True
    ruled = regex.sub(r"^\|\s+", "", text)
    if ruled != text:
        worded = regex.search(r"\p{L}{2,}", ruled) is not None
        header = _is_header_line(ruled, RULED_HEADER_SHARE, 2, strict=True)
        return worded and not header and _is_body_start(ruled)
    words = [w for w in text.split() if regex.search(r"\p{L}{2}", w)]  # not "N", "k'"
    prose = len(words) >= PROSE_WORDS and not text.startswith("(")
    prose = prose and not _year_heads(text)  # "Năm 2027" is a header's; "đến năm 2030" not
    # a group heading's syllables are no misread header words ("TANG CUONG PHONG, CHONG
    # THIEN TAI": "tang" is no "tong", "cuong" no "cong")
    header = _is_header_line(text, 0.3, strict=True)
    return prose and not header and not is_label_line(text)


def labels_above(lines: list[str]) -> str:
    """The header's lines that old OCR read above its "STT" line (a header of two rows read
    block by block: "Nam 2026 | Nam 2027 …", then "Ngan | Nguon | Ngan …", then "TT Noi
    dung …"): the lines naming years and the lines of repeated sub-column labels."""
    return " ".join(t for t in lines if _year_heads(t) or is_label_line(t))


# header names' syllables (extract/headers.py) and their neighbours' ("Trong đó", "(triệu đồng)")
HEADER_SYLLABLES = frozenset(
    {fold(w) for name in VOCABULARY for w in name.split()}
    | HEADER_WORDS
    | {"trong", "do", "chia", "theo", "nam", "tinh", "trieu", "dong", "nguon"}
)
# the caption's "(Kèm theo …)" and unit lines, marks lost or misread ("Don vi: Triéu déng")
_CAPTION_LINE = regex.compile(
    r"^\s*\(\s*k\S{0,2}m\s+theo\b|\bd\S{0,2}n\s*v\S?(?:\s*t\S{0,3}nh)?\s*:", regex.I
)


def _is_short_text(text: str) -> bool:
    """A line of a few words that are no header's ("Xây dựng, triển khai", "ip Chuyển đổi
    số |"): the first row's text whose number was lost, or a section whose numeral was
    misread, under the header's last line. Under half its words (of two letters or more)
    are header syllables, or header words with one slip ("Téng"; ``_is_header_line``); not a
    line of repeated labels, one naming years, nor the caption's ("(Kèm theo …)")."""
    words = [fold(w) for w in strip_marks(text).split() if regex.search(r"\p{L}{2}", w)]
    caption = _CAPTION_LINE.search(strip_marks(text))
    if len(words) < 2 or is_label_line(text) or _year_heads(text) or caption:
        return False
    return sum(w in HEADER_SYLLABLES or _is_header_line(w) for w in words) < 0.5 * len(words)


RULED_HEADER_CELLS, HEADER_CELL_WORDS = 4, 4  # a header read across: cells, words a cell


def _ruled_header_after_caption(lines: list[tuple[int, str]], window: range) -> int | None:
    """The line right after the caption's own ("(Kèm theo …)", "Đơn vị: …") if it is a header
    read across its rulings, its "STT" misread ("| srr| Nội dung | Tổng kinh phí | …"): four
    cells or more of four words at most (a row's text is longer), header words among them."""
    marks = [i for i in window[:6] if _CAPTION_LINE.search(strip_marks(lines[i][1]))]
    after = next((i for i in window if marks and i > marks[-1] and lines[i][1].strip()), None)
    cells = [c.split() for c in lines[after][1].split("|") if c.strip()] if after else []
    short = len(cells) >= RULED_HEADER_CELLS and max(map(len, cells)) <= HEADER_CELL_WORDS
    return after if short and _is_header_line(lines[after][1], 0.3, 2) else None


def header_span(lines: list[tuple[int, str]], start: int) -> tuple[int, int] | None:
    """Index range of the header block that starts with "STT" at or after ``start``; old
    OCR may lose the narrow "STT" cell, so a line made mostly of header words ("Nội dung
    nhiệm vụ Cơ quan chủ trì …") starts it too; with no header read at all, the table
    starts at its first section heading (an empty header). It ends at the first line of
    the body: a row, a section, prose, or a few words of no header's (``_is_short_text``)."""
    window = range(start, min(len(lines), start + 16))
    first = next((i for i in window if _is_header_start(lines[i][1])), None)
    if first is None:
        first = _ruled_header_after_caption(lines, window)
    if first is None:
        first = next((i for i in window if _is_header_line(lines[i][1], 0.5, 3)), None)
    if first is None:
        body = next((i for i in window if OCR_SECTION.match(lines[i][1].strip())), None)
        return None if body is None else (body, body)
    j = first + 1
    while j < len(lines) and not (_is_body_start(lines[j][1]) or _is_short_text(lines[j][1])):
        j += 1
    return first, j


def header_top(above: list[str]) -> str:
    """The header's top line when old OCR read it above the "STT" line (``above``: the
    lines between the caption and "STT"): the time and last columns' names wrap over
    more lines than "STT", which sits on the header's middle line, so their first words
    ("Thời gian | Dự kiến kết quả", "gian Kết quả, sản") come before it. The line right
    above "STT" when it names the time column ("thời", "gian"); else ""."""
    if not above or above[-1].lstrip().startswith("("):  # "(Kèm theo …)": the caption's
        return ""
    words = {fold(w) for w in strip_marks(above[-1]).split()}
    return above[-1] if words & {"thoi", "gian"} else ""


def _last_column(last: list[str]) -> str | None:
    """The last column's name among ``last``, the folded words that end the header (and
    its top line): "Ghi chú", "Sản phẩm" (one slip), "Kết quả"."""
    if any(w in ("ghi", "chu") for w in last):
        return "Ghi chú"
    if any(Levenshtein.distance(w, "pham") <= 1 for w in last):
        return "Sản phẩm"
    if ("ket", "qua") in pairwise(last):
        return "Kết quả"
    return None


def task_columns(header: str, top: str = "") -> list[str]:
    """The columns of a task table its header names: STT, the task, the lead agency and
    the time always; the partner agency and a last column (Ghi chú, Sản phẩm, Kết quả)
    when the header holds them (words compared without marks, one OCR slip allowed; the
    last column's name ends the header or is on its ``top`` line read above "STT", see
    ``header_top``); all six when no header was read."""
    words = [fold(w) for w in strip_marks(header).split()]
    words = [w for w in words if w]
    if not words:
        return TASK_COLUMNS

    def has(*names: str) -> bool:
        """A word is the name, or the name with one slip — unless it is another header
        word ("thoi" is no "phoi")."""
        return any(
            w == name
            or (len(name) >= 4 and w not in HEADER_WORDS and Levenshtein.distance(w, name) <= 1)
            for w in words
            for name in names
        )

    columns = TASK_COLUMNS[:3]
    if has("phoi"):
        columns.append(TASK_COLUMNS[3])
    columns.append(TASK_COLUMNS[4])  # a task list always says when (its header word may be lost)
    top_words = [w for w in (fold(w) for w in strip_marks(top).split()) if w]
    last = [w for w in [*words[-3:], *top_words] if w not in ("thuc", "hien", "gian", "thoi")]
    name = _last_column(last)
    if name is not None:
        columns.append(name)
    return columns


def columns_in_use(rows: list[TableRow], columns: list[str]) -> list[str]:
    """With no header read, a task table keeps the optional columns (partner, last) only
    if a row fills them: a column empty in every row was never printed."""
    keep = []
    for k, column in enumerate(columns):
        optional = column in (TASK_COLUMNS[3], TASK_COLUMNS[5])
        if not optional or any(len(r.cells or []) > k and (r.cells or [])[k] for r in rows):
            keep.append(k)
    for row in rows:
        if row.cells:
            row.cells = [row.cells[k] for k in keep if k < len(row.cells)]
    return [columns[k] for k in keep]


UNNAMED_LAST = "Cột cuối"  # a last column the rows fill whose name old OCR garbled
LAST_FILLED_SHARE = 0.5  # of the rows with a time: this share fill the last column


def last_column_read(rows: list[TableRow]) -> bool:
    """Do the rows of a task table, read with a last column after the time (``rows``' last
    cells), show that column was printed though its header name was not read ("Thời
    gian" then "are asia")? Half the rows with a time or more, two at least, hold words
    after it (not specks: a word of two letters)."""
    timed = [r.cells for r in rows if r.cells and len(r.cells) >= 2 and r.cells[-2].strip()]
    filled = sum(regex.search(r"\p{L}{2}", cells[-1]) is not None for cells in timed)
    return filled >= max(2, LAST_FILLED_SHARE * len(timed))


REPEAT_SIMILARITY = 0.7  # of a line to the header's first line: the header read again


def repeated_header_run(lines: list[tuple[int, str]], i: int, end: int, first: str) -> int:
    """End of the header read again at a page break from line ``i`` with its "STT"
    misread ("| T | Ndi dung | Cha tri | …" for "| TT | Noi dung | Chu tri | …"), or
    ``i``: line ``i`` is made of header words whose letters are mostly those of the
    header's first line ``first`` (marks, case and spaces folded, ``REPEAT_SIMILARITY``;
    ten letters at least), and the lines of header words after it are the header's."""
    text = lines[i][1]
    line = fold(text)
    if len(line) < 10 or not _is_header_line(text):
        return i
    if Levenshtein.normalized_similarity(line, fold(first)) < REPEAT_SIMILARITY:
        return i
    j = i + 1
    while j < end and lines[j][1].strip() and _is_header_line(lines[j][1]):
        j += 1
    return j


def header_run(lines: list[tuple[int, str]], i: int, end: int) -> int:
    """End of a header block repeated at a page break that starts at line ``i`` (or ``i``):
    it starts with "STT" or a line of two header words or more, and runs on while the
    lines are header words; a lone "Tổng cộng" before amounts is the total row, not a header.
    """
    text = lines[i][1]
    plain = fold(text)
    strong = _is_header_start(text) or bool(_year_heads(text))
    strong = strong or plain.startswith(("kinhphi", "nsnn"))
    if not (strong and _is_header_line(text)):
        return i
    following = next((t for _, t in lines[i + 1 : end] if t.strip()), "")
    if fold(text) in TOTAL_ROW_LABELS and amount_cells(" " + following.strip(), 2):
        return i
    j = i + 1
    while j < end and (not lines[j][1].strip() or _is_header_line(lines[j][1])):
        if fold(lines[j][1]) in TOTAL_ROW_LABELS and not _is_header_line(lines[j - 1][1]):
            break
        j += 1
    return j


def header_years(lines: list[str]) -> list[str]:
    """Years that head columns: "Năm 2026" (any marks), or a bare year in the header row;
    never the date of the caption ("tháng 8 năm 2025 của UBND tỉnh") nor a range."""
    years: set[str] = set()
    for text in lines:
        plain = strip_marks(text)
        if regex.search(r"ubnd|thang|kh-|giai\s+doan", plain, regex.IGNORECASE):
            continue
        years.update(_year_heads(plain))
        if _is_header_line(text) or _is_header_start(text):
            years.update(_BARE_YEAR.findall(plain))
    return sorted(years)


# a header word naming amounts ("Kinh phí", "Tổng cộng", "NSNN"), marks lost or misread
_AMOUNT_HEAD = regex.compile(r"\b(?:kinh|t[oe0]ng|nsnn)\b|\bphi\b")


def column_years(above: list[str], header: list[str]) -> list[str]:
    """Years that head the columns of a table whose header block is ``header`` and whose
    caption and title lines are ``above`` (``header_years``). A year read above the header
    is a column's when its line is the header's (a year row or sub-column labels old OCR
    read above the "STT" line) or when the header names amounts ("Kinh phí"): a task
    list's title ("DANH MỤC NHIỆM VỤ … NĂM 2026") heads no column, so its table is no
    budget."""
    names_amounts = _AMOUNT_HEAD.search(strip_marks(" ".join(header)).lower()) is not None
    kept = [
        text for text in above if names_amounts or _is_header_line(text, 0.5) or is_label_line(text)
    ]
    return header_years([*kept, *header])


def years_read_in_body(body: list[str]) -> list[str]:
    """Years of a budget header that old OCR read among the rows (a header's blocks read out
    of order: "Kinh phi | Nam 2026 Nam 2027 | Nam 2028" after the first row, taken for a
    header repeated at a page break): a line of header words naming two years or more; a
    row's time ("Năm 2026") names one."""
    for text in body:
        years = _year_heads(text)
        if len(set(years)) >= 2 and _is_header_line(text):
            return sorted(set(years))
    return []
