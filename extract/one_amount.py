"""Budgets with one amount column and no years, flattened in old OCR text.

A plan's task list may carry its cost in one column: "TT | Nội dung các nhiệm vụ | Dự kiến
kết quả đạt được | Đơn vị chủ trì | Đơn vị phối hợp | Nhu cầu kinh phí (triệu đồng) |
Nguồn kinh phí". Its header names "kinh phí" as an amount and no year, so it is no task
list (Phụ lục I) and no budget split by years: ``one_amount_columns`` reads its columns, in
the header's order, and ``one_amount_rows`` its rows, read by old OCR across the columns.

Each row's cells are centred on the row, so its number and its amount sit on its middle
line ("2 |nam 2021-2025 moi trinh … quan va cac doanh 1.500 j z"): that line anchors the
row, and the row spans as many lines below it as above. Lines no anchored row takes form a
row of their own when they are several (a second line of a task, with no number nor
amount), else they end the row above. A total row ("| Tổng | | | 48.259 | |") is its own
line. Within a line, the words after the amount that belong to the funding source column
("Nguồn sự", "nghiệp", "KH&CN hằng", "năm của tỉnh") go to it, on consecutive lines (the
specks among them, dirt of its column, to the task's text, where ``cell_noise`` judges
them), the agency names to the lead and partner cells, and the rest to the task; no digit is
written but the ones read. What a line holds (its number, amount, total, source words) is
read in ``one_amount_lines``.
"""

from __future__ import annotations

import regex

from sohoa.extract.budget_agencies import lead_and_partner
from sohoa.extract.flattened_lines import PAGE_BREAK, join_text
from sohoa.extract.interleaved import (
    CONFIDENCE_CAP,
    agency_starts_at,
    is_so_lookalike,
)
from sohoa.extract.one_amount_lines import (
    Line,
    is_source_word,
    is_source_word_at,
    is_speck,
    near,
    numbers_of_the_text,
    opens_source,
    read_line,
    totals_across_lines,
)
from sohoa.extract.rebuild_edits import at_row, note_moves
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import continuation_at, name_left
from sohoa.model import TableRow
from sohoa.normalize.unicode import strip_marks

STT = "STT"
TASK = "Nội dung"
RESULTS = "Dự kiến kết quả"
LEAD = "Đơn vị chủ trì"
PARTNER = "Đơn vị phối hợp"
AMOUNT = "Kinh phí"
SOURCE = "Nguồn kinh phí"


def _header_words(header: str) -> list[str]:
    """The header's words, marks and case folded, punctuation and rulings dropped."""
    return [w for w in (fold(w) for w in strip_marks(header).split()) if w]


def _kinh_phi_at(words: list[str]) -> list[int]:
    """Where the header says "kinh phí" (one slip in "kinh")."""
    return [k for k in range(len(words) - 1) if near(words[k], "kinh") and words[k + 1] == "phi"]


def _named_at(words: list[str]) -> dict[str, int]:
    """Column name -> the index of the header word naming it, for the names found."""
    found: dict[str, int] = {}
    for k, word in enumerate(words):
        before = words[k - 1] if k else ""
        if word == "dung" and TASK not in found:
            found[TASK] = k
        elif word == "qua" and before == "ket" and RESULTS not in found:
            found[RESULTS] = k
        elif word == "tri" and LEAD not in found:
            found[LEAD] = k
        elif near(word, "phoi") and PARTNER not in found:
            found[PARTNER] = k
        if near(word, "nguon") and SOURCE not in found:
            found[SOURCE] = k
    for k in _kinh_phi_at(words):
        if not (k > 0 and near(words[k - 1], "nguon")):
            found.setdefault(AMOUNT, k)
    return found


def one_amount_columns(header: str) -> list[str] | None:
    """The columns of a header naming "kinh phí" as an amount ("Nhu cầu kinh phí", "Kinh
    phí (triệu đồng)"; not only in "Nguồn kinh phí") beside a task and a lead agency, in
    the order the header names them, after "STT"; None for any other header. Call it only
    when the header names no year (a budget by years is ``budget_header_columns``')."""
    found = _named_at(_header_words(header))
    if not {TASK, LEAD, AMOUNT} <= found.keys():
        return None
    return [STT, *sorted(found, key=lambda name: found[name])]


def is_one_amount(columns: list[str]) -> bool:
    """Are these columns ``one_amount_columns``' (one amount, no year)?"""
    return AMOUNT in columns and LEAD in columns and not any(c.startswith("Năm ") for c in columns)


# --- the rows -------------------------------------------------------------------------

OWN_ROW_LINES = 3  # lines no anchored row takes that make a row of their own


def _row_spans(lines: list[Line]) -> list[tuple[int, int, int | None]]:
    """(first, last + 1, anchor) of each row of a page's ``lines``: a row spans as many
    lines after its anchor as before; lines left before a total row make a row (anchor
    None) when there are ``OWN_ROW_LINES`` or more, else they end the row above, as do
    the lines left at the page's end."""
    spans: list[tuple[int, int, int | None]] = []
    anchors = [k for k, line in enumerate(lines) if line.anchors]
    first = 0
    for n, a in enumerate(anchors):
        following = anchors[n + 1] if n + 1 < len(anchors) else len(lines)
        if lines[a].total:
            _free_lines(spans, first, a, a - first >= OWN_ROW_LINES or _after_total(spans, lines))
            spans.append((a, a + 1, a))
            first = a + 1
            continue
        last = min(following, a + 1 + (a - first))
        spans.append((first, last, a))
        first = last
    _free_lines(spans, first, len(lines), _after_total(spans, lines))
    return spans


def _after_total(spans: list[tuple[int, int, int | None]], lines: list[Line]) -> bool:
    """Is the row above a total row, or is there none?"""
    return not spans or lines[spans[-1][0]].total


def _free_lines(
    spans: list[tuple[int, int, int | None]], first: int, end: int, own_row: bool
) -> None:
    """Lines ``first``..``end`` no anchored row took: a row of their own (``own_row``),
    else the end of the row above."""
    if first >= end:
        return
    if own_row:
        spans.append((first, end, None))
        return
    a, _, anchor = spans[-1]
    spans[-1] = (a, end, anchor)


# words after which an agency's name is the task text's ("cho Trung tâm", "của Sở")
OBJECT_WORDS = {"cho", "cua", "tai", "voi", "den", "thuoc"}


def _agency_cell_at(words: list[str], k: int) -> bool:
    """Does an agency cell start at ``words[k]``: a name, not one the task's sentence
    names after "cho", "của", "tại" …?"""
    return agency_starts_at(words, k) and not (k and fold(words[k - 1]) in OBJECT_WORDS)


def _line_cells(words: list[str], source: list[str], ended: bool) -> tuple[str, str, str, str]:
    """(text, agencies, source words, specks) of a line's words: its trailing source words
    once the row's source cell has begun (``source``, the words so far) or from a word
    opening one ("Nguồn …"), none once it has ``ended``; the specks among them (the dirt
    of the source's column: "° j z") apart, for the text; the agency names from the first
    word opening one."""
    tail = len(words)
    while not ended and tail > 0 and (source or any(opens_source(w) for w in words[:tail])):
        word = words[tail - 1]
        if not (
            is_source_word_at(words, tail - 1, source[-1].split()[-1] if source else "")
            or (is_speck(word) and not regex.search(r"\d", word))
        ):
            break
        tail -= 1
        if opens_source(word):
            break
    head, own = words[:tail], words[tail:]
    if own and not source and not opens_source(own[0]):
        head, own = words, []
    specks = [w for w in own if not is_source_word(w)]
    own = [w for w in own if is_source_word(w)]
    start = next((k for k in range(len(head)) if _agency_cell_at(head, k)), len(head))
    return " ".join(head[:start]), " ".join(head[start:]), " ".join(own), " ".join(specks)


def _lead_left(first: str) -> tuple[str, ...]:
    """The folded words still to come of the lead agency's name the row's first agency
    line ``first`` begins ("Sở Khoa học và": ("cong", "nghe"); ``wrapped_names.name_left``);
    () when it is whole or no known name."""
    words = first.replace("|", " | ").split()
    words = [w for w in words if w != "|"]  # a ruling read "|" before the name or in it
    if len(words) < 2 or not is_so_lookalike(strip_marks(words[0]), words[1]):
        return ()
    end = next((k for k in range(1, len(words)) if agency_starts_at(words, k)), len(words))
    return name_left(" ".join(words[:end]))[1]


def _lead_name_back(first: str, task: str, agency: str) -> tuple[str, str]:
    """(task, agencies) of a line below the row's first agency line ``first``: when the lead
    agency's name there is unfinished ("Sở Khoa học và"), its next words read among the
    task's ("… tầm quan trọng Công nghệ thành phố có liên quan": nothing marks them as an
    agency's) and the words after them on the line go to the agencies (their columns are
    right of the task's)."""
    left = _lead_left(first)
    words = task.split()
    found = continuation_at(words, left) if left else None
    start = found[0] if found else _after_ruling(words, left)
    if start is None:
        return task, agency
    moved = " ".join(words[:start]), " ".join([*words[start:], agency]).strip()
    note_moves((task, agency), moved)
    return moved


def _after_ruling(words: list[str], left: tuple[str, ...]) -> int | None:
    """Where the lead's name goes on right after a ruling read "|", in the middle of the
    line ("(đề tài) |nghệ vị; doanh": the ruling opens the lead's column), or None."""
    for k in range(1, len(words)):
        run = words[k : k + len(left)]
        if left and words[k - 1] == "|" and continuation_at(run, left) == (0, len(left)):
            return k
    return None


def _row_cells(lines: list[Line], first: int, end: int, columns: list[str]) -> list[str]:
    """The cells of the row made of ``lines[first:end]``, in ``columns``' order."""
    cells = dict.fromkeys(columns, "")
    text: list[str] = []
    agencies: list[str] = []
    source: list[str] = []
    ended = False  # a cell's lines follow one another: the source's ends at a line of none
    for line in lines[first:end]:
        cells[STT] = line.total or cells[STT]
        cells[STT] = line.number or cells[STT]
        cells[AMOUNT] = line.amount or cells[AMOUNT]
        task, agency, own, specks = _line_cells(line.words, source, ended)
        ended = ended or (bool(source) and not own and not specks)
        task = f"{task} {specks}".strip()  # the noise remover's to judge (``cell_noise``)
        if agencies:
            task, agency = _lead_name_back(agencies[0], task, agency)
        task = " ".join(w for w in task.split() if w != "|")  # a ruling is no word of it
        text += [task] if task else []
        agencies += [agency] if agency else []
        source += [own] if own else []
    lead, partner, rest = lead_and_partner(agencies) if agencies else ["", "", ""]
    partner = f"{partner} {rest}".strip()
    if PARTNER not in cells:
        lead = f"{lead} {partner}".strip()
    cells[TASK] = join_text(text)
    cells[LEAD] = lead
    cells.update({PARTNER: partner} if PARTNER in cells else {})
    if SOURCE in cells:
        cells[SOURCE] = " ".join(source)
    else:
        cells[TASK] = " ".join([cells[TASK], *source]).strip()
    return [cells[c] for c in columns]


# the words of a header's lines around its names, folded: "Nhu cầu", "được (triệu đồng)"
HEADER_REST = {"nhu", "cau", "duoc", "trieu", "dong", "cong", "viec", "kinh", "phi", "nguon"}


def _is_header_rest(text: str) -> bool:
    """A line of the header's other words (one slip in words of four letters or more)."""
    words = _header_words(text)
    return bool(words) and all(any(near(w, h) for h in HEADER_REST) for w in words)


# a header's unit, "(triệu đồng)": the word no line of a task's text holds alone with the
# header's other words
HEADER_UNIT = "trieu"


def _lost_header_at(lines: list[str], k: int) -> bool:
    """Does a header whose line naming the columns old OCR lost (a ruled row read as
    specks, or not at all) start at ``k``: two lines or more of the header's other words
    only, one of them its unit ("Nhu cầu" / "được (triệu" / "đồng)")?"""
    run = []
    for text in lines[k:]:
        if not _is_header_rest(text):
            break
        run.append(text)
    return len(run) >= 2 and any(HEADER_UNIT in _header_words(t) for t in run)


def _header_repeats(lines: list[str]) -> set[int]:
    """Indices of the lines of each header a page break repeats among the body's lines:
    a line naming the columns (``one_amount_columns``), or a page break where the header
    was dropped already, or the header's other words where that line was lost, and the
    lines of the header's other words next to it."""
    repeats: set[int] = set()
    for k, text in enumerate(lines):
        named = text == PAGE_BREAK or one_amount_columns(text) is not None
        if not named and not _lost_header_at(lines, k):
            continue
        repeats.add(k)
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(lines) and _is_header_rest(lines[j]):
                repeats.add(j)
                j += step
    return repeats


def _pages(body: list[str]) -> list[list[str]]:
    """The body's non-blank lines, page by page (a row starts on each new page, where the
    header is repeated or not)."""
    lines = [line for line in body if line == PAGE_BREAK or line.strip()]
    repeats = _header_repeats(lines)
    pages: list[list[str]] = [[]]
    for k, line in enumerate(lines):
        if line == PAGE_BREAK or k in repeats:
            pages.append([])
        else:
            pages[-1].append(line)
    return [page for page in pages if page]


def one_amount_rows(body: list[str], columns: list[str]) -> tuple[list[TableRow], float]:
    """Rows of a one-amount budget read across its columns (see the module's doc); the
    confidence is capped, the text columns being guessed, and counts the rows with a task,
    a lead agency and an amount."""
    pages: list[list[Line]] = []
    previous: str | None = None
    for page in _pages(body):
        pages.append([])
        for text in page:
            pages[-1].append(read_line(text, previous))
            previous = pages[-1][-1].number or previous
    pages = [totals_across_lines(lines) for lines in pages]
    numbers_of_the_text([line for page in pages for line in page])
    rows: list[TableRow] = []
    for lines in pages:
        for first, end, _ in _row_spans(lines):
            with at_row(len(rows)):  # the row's notes (``rebuild_edits``)
                rows.append(TableRow(cells=_row_cells(lines, first, end, columns)))
    lead, amount = columns.index(LEAD), columns.index(AMOUNT)
    complete = sum(bool(r.cells and r.cells[1] and r.cells[lead] and r.cells[amount]) for r in rows)
    return rows, CONFIDENCE_CAP * complete / max(1, len(rows))
