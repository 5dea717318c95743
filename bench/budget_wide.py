"""Wide budget tables (Phụ lục II) with all the hard parts of a real plan's at once: the
development set ``wide`` of ``bench/tables_eng_ocr.py``.

A real plan's budget appendix, as an old English-model OCR read it across its rulings, may
have eighteen columns: STT, Nội dung, Kinh phí split in three (Tổng cộng, NSNN, the
organisations' share), each year of five split in two by source (NSNN | Tổ chức …), Đơn
vị chủ trì, Đơn vị phối hợp and Ghi chú; rows numbered anew in each Roman section; long
task texts (three to six lines) beside short amounts; agency cells of two to four lines
("Các Sở, ban, ngành; UBND cấp xã; Tổ chức, cá nhân"); many blank source cells ("-" or
empty); a total row; 30 to 45 rows running over pages, the header printed once. The other
budget sets have one or two of these each (``budget_read_across``); this draws them
together. Every amount adds up as there: a row's Kinh phí is the sum of its years per
source, the total row the sum of the rows.
"""

from __future__ import annotations

import random
from typing import Any

from budget_read_across import LEADS, PLACES, SUBJECTS, WHAT, _budget_table, _cell, _task
from corpus.vocabulary import ACTIONS, ROMAN, TOPICS

# The two sources each year is split into, and the name of the second in the Kinh phí
# columns: general budget wording (state budget | organisations' own funds).
SOURCES = [("NSNN", "Tổ chức, cá nhân"), ("NSNN", "Tổ chức, doanh nghiệp"),
           ("Ngân sách nhà nước", "Nguồn khác"), ("NSNN", "Nguồn xã hội hóa")]  # fmt: skip
# Partner cells of two to four lines in a narrow column: lists of collectives and agencies.
PARTNERS = ["Các Sở, ban, ngành; UBND cấp xã; Tổ chức, cá nhân",
            "Các Sở, ban, ngành; UBND cấp xã", "Các sở, ngành liên quan; UBND cấp xã",
            "Sở Tài chính; Sở Nội vụ; các cơ quan, đơn vị liên quan",
            "Các doanh nghiệp, tổ chức, cá nhân trên địa bàn tỉnh",
            "UBND cấp xã; các hợp tác xã",
            "Sở Khoa học và Công nghệ; các Sở, ban, ngành"]  # fmt: skip
LEADS_WIDE = [*LEADS, "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch",
              "Ban Quản lý các khu công nghiệp"]  # fmt: skip
NOTES = ["Hằng năm", "Theo kế hoạch", "Lồng ghép các chương trình", "Theo đề án được duyệt"]
FIRST_YEAR = 2026
YEARS = 5


def _long_task(rng: random.Random) -> str:
    """A task text of three to six lines in the Nội dung column: clauses of a plan's task
    (``_task``'s and an aim) joined until long enough."""
    lines = rng.randint(3, 6)  # about 45 letters a line: the last clause may add one
    parts = [_task(rng).rstrip(".")]
    while sum(len(p) + 2 for p in parts) < (lines - 1) * 45:
        parts.append(
            rng.choice(
                [
                    f"nhằm {rng.choice(ACTIONS)} {rng.choice(TOPICS)} {rng.choice(PLACES)}",
                    f"{rng.choice(WHAT)} cho {rng.choice(SUBJECTS)} về {rng.choice(TOPICS)}",
                ]
            )
        )
    text = "; ".join(parts)
    return text + "." if rng.random() < 0.8 else text


def _year_amounts(rng: random.Random) -> list[tuple[int, int]]:
    """Per year (state budget, organisations): small amounts, many years or sources blank."""
    unit = rng.choice([20, 50, 100, 150, 200, 300, 500])
    state_years = rng.random() < 0.9
    pairs = []
    for _ in range(YEARS):
        state = rng.choice([unit, unit, unit * 2, 0]) if state_years else 0
        other = rng.choice([0, 0, 0, unit // 2 // 10 * 10, rng.randint(1, 10) * 10])
        pairs.append((state, other))
    if not any(s or o for s, o in pairs):
        pairs[rng.randrange(YEARS)] = (unit, 0)
    return pairs


def _row(rng: random.Random, stt: str, grand: list[int], blank: str) -> dict[str, Any]:
    """One task row: a long or short task, its Kinh phí (total, state, organisations), each
    year's two sources, lead, partners, now and then a note."""
    pairs = _year_amounts(rng)
    flat = [v for pair in pairs for v in pair]
    state, other = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    kinh_phi = [state + other, state, other]
    for k, v in enumerate([*kinh_phi, *flat]):
        grand[k] += v
    task = _long_task(rng) if rng.random() < 0.5 else _task(rng)
    note = rng.choice(NOTES) if rng.random() < 0.2 else ""
    cells = [stt, task, *(_cell(v, blank) for v in [*kinh_phi, *flat]),
             rng.choice(LEADS_WIDE), rng.choice(PARTNERS), note]  # fmt: skip
    return {"cells": cells}


def _sections(rng: random.Random) -> list[int]:
    """How many numbered rows each section holds: three to five sections, 30 to 45 rows
    with the section rows and the total."""
    sections = rng.randint(3, 5)
    body = rng.randint(30, 45) - sections - 1
    counts = [2] * sections
    for _ in range(body - 2 * sections):
        counts[rng.randrange(sections)] += 1
    return counts


def _header(sources: tuple[str, str]) -> tuple[list[str], list[list[dict[str, Any]]]]:
    """The 18 columns and the two header rows with their merged cells."""
    kinh_phi = ["Tổng cộng", *sources]
    years = [f"Năm {FIRST_YEAR + k}" for k in range(YEARS)]
    columns = ["STT", "Nội dung", *(f"Kinh phí / {s}" for s in kinh_phi),
               *(f"{y} / {s}" for y in years for s in sources),
               "Đơn vị chủ trì", "Đơn vị phối hợp", "Ghi chú"]  # fmt: skip
    spanned = [{"text": t, "row_span": 2} for t in ("STT", "Nội dung")]
    ends = [{"text": t, "row_span": 2} for t in ("Đơn vị chủ trì", "Đơn vị phối hợp", "Ghi chú")]
    header = [
        [*spanned, {"text": "Kinh phí", "col_span": 3},
         *({"text": y, "col_span": 2} for y in years), *ends],
        [{"text": s} for s in [*kinh_phi, *(s for _ in years for s in sources)]],
    ]  # fmt: skip
    return columns, header


def budget_table_wide(rng: random.Random, doc_code: str) -> dict[str, Any]:
    """One wide budget table to be read across by old OCR, with its truth (render_tables'
    form): landscape, a smaller type, the header printed once and rows running on over a
    page break, rows numbered anew in each section."""
    sources = rng.choice(SOURCES)
    blank = rng.choice(["", "-"])
    columns, header = _header(sources)
    rows: list[dict[str, Any]] = []
    grand = [0] * (3 + 2 * YEARS)
    for section, count in enumerate(_sections(rng)):
        title = f"{rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)}"
        rows.append({"section": f"{ROMAN[section]}. {title}"})
        for number in range(1, count + 1):
            rows.append(_row(rng, str(number), grand, blank))
    rows.append({"cells": ["Tổng", "", *(_cell(v, blank) for v in grand), "", "", ""]})
    amounts = [12.0, *[10.5] * (2 + 2 * YEARS)]
    widths = [8.0, 56.0, *amounts, 22.0, 26.0, 14.0]
    table = _budget_table(doc_code, columns, header, rows, widths)
    return {**table, "landscape": True, "header_once": True, "font_size": 7.5}
