"""Budget tables (Phụ lục II) shaped like the ones old OCR read across: the development set
for rebuilding a budget table from flattened old OCR text.

The corpus generator's budget table (bench/corpus/appendices.py) has one short line per row
and no agency columns, so its old OCR reads one row per line: nothing like a real plan's
budget appendix as an old engine exported it (seed 003's Phụ lục II), where the task text
wraps over several lines, the lead and partner agencies wrap too ("Sở Khoa học / và Công
nghệ", "Các Sở, ban, / ngành; UBND cấp / xã"), every cell is centred on the row's middle,
and a page line crosses all of them ("hội thảo về năng suất, Sở ngành; UBND"). This draws
such tables: TT, Nội dung, Kinh phí, one column per year, Đơn vị chủ trì, Đơn vị phối hợp;
sections headed by Roman numerals (now and then one that is itself a row, with its own
amounts and agencies), rows numbered on through the table or anew in each section, sub-rows
"1.1" under a numbered group, years left blank where nothing is spent, and the total row.
Every amount adds up: the row's total is the sum of its years, the total row the sum of
the rows. ``bench/tables_eng_ocr.py`` renders them ruled, erases the horizontal rules and
reads them with Tesseract's English model, as old exports were made.
"""

from __future__ import annotations

import random
from typing import Any

from corpus.appendices import amount
from corpus.vocabulary import ACTIONS, ROMAN, TOPICS

LEADS = ["Sở Khoa học và Công nghệ", "Sở KH&CN", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế",
         "Sở Giáo dục và Đào tạo", "Công an tỉnh", "Sở Xây dựng", "UBND cấp xã",
         "Văn phòng UBND tỉnh", "Sở Nông nghiệp và Môi trường"]  # fmt: skip
PARTNERS = ["Các Sở, ban, ngành; UBND cấp xã", "Các Sở, ban, ngành; UBND cấp xã, Tổ chức, cá nhân",
            "Các sở, ngành liên quan", "UBND cấp xã", "Các cơ quan, đơn vị liên quan",
            "Các doanh nghiệp, tổ chức"]  # fmt: skip
SUBJECTS = ["doanh nghiệp", "cán bộ, công chức", "cơ sở sản xuất", "hợp tác xã", "người dân",
            "tổ chức, cá nhân"]  # fmt: skip
WHAT = ["hội thảo", "lớp tập huấn", "khóa đào tạo, bồi dưỡng", "phóng sự tuyên truyền",
        "hội nghị tổng kết", "đoàn học tập kinh nghiệm", "mô hình điểm"]  # fmt: skip
PLACES = ["trên địa bàn tỉnh", "trong và ngoài tỉnh", "tại cơ sở", "cấp huyện, cấp xã"]


def _task(rng: random.Random) -> str:
    """A task cell: one to three clauses, most ending a sentence ("… trên địa bàn tỉnh.")."""
    clauses = [
        f"{rng.choice(['Tổ chức', 'Xây dựng', 'Hỗ trợ'])} {rng.choice(WHAT)} về "
        f"{rng.choice(TOPICS)} cho {rng.choice(SUBJECTS)}",
        f"{rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)} {rng.choice(PLACES)}",
        f"hỗ trợ {rng.choice(SUBJECTS)} áp dụng {rng.choice(TOPICS)}, {rng.choice(TOPICS)} "
        f"({rng.randint(5, 50)} {rng.choice(['lượt', 'cơ sở', 'sản phẩm'])} x "
        f"{rng.randint(2, 9)}0 triệu đồng)",
    ]
    text = "; ".join(rng.sample(clauses, rng.choice([1, 1, 1, 2])))
    text = text[:1].upper() + text[1:]
    return text + "." if rng.random() < 0.8 else text


def _amounts(rng: random.Random, years: int) -> list[int]:
    """A row's spending per year: the same each year, or varying, some years nothing."""
    unit = rng.choice([10, 20, 50, 100, 200, 250, 300, 500, 1000, 1400, 2000])
    if rng.random() < 0.5:
        values = [unit] * years
    else:
        values = [rng.choice([unit, unit * 2, rng.randint(1, 40) * 10]) for _ in range(years)]
    for k in range(years):
        if rng.random() < 0.2:
            values[k] = 0
    if not any(values):
        values[rng.randrange(years)] = unit
    return values


def _row(rng: random.Random, stt: str, years: int, grand: list[int]) -> dict[str, Any]:
    values = _amounts(rng, years)
    for k, v in enumerate(values):
        grand[k] += v
    cells = [stt, _task(rng), amount(sum(values)),
             *("" if v == 0 else amount(v) for v in values),
             rng.choice(LEADS), rng.choice(PARTNERS)]  # fmt: skip
    return {"cells": cells}


def budget_table_read_across(
    rng: random.Random,
    doc_code: str,
    first_year: int,
    anew: bool | None = None,
    sections_drawn: tuple[int, int] = (2, 4),
) -> dict[str, Any]:
    """One budget table to be read across by old OCR, with its truth (render_tables's form).

    Its rows are numbered anew in each section (I: 1, 2; II: 1 …) when ``anew``, on through
    the table when it is False, either way by the draw when it is None; it has between
    ``sections_drawn`` sections. The defaults draw the tables of the 'budget' set."""
    years = [f"Năm {first_year + k}" for k in range(rng.choice([3, 5, 5]))]
    stt = rng.choice(["TT", "STT"])
    columns = [stt, "Nội dung", rng.choice(["Kinh phí", "Tổng kinh phí"]), *years,
               "Đơn vị chủ trì", "Đơn vị phối hợp"]  # fmt: skip
    rows: list[dict[str, Any]] = []
    grand = [0] * len(years)
    number = 0
    drawn = rng.random() < 0.5  # rows numbered anew in each section
    anew = drawn if anew is None else anew
    sections = rng.randint(*sections_drawn)
    for section in range(sections):
        title = f"{rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)}"
        if section == sections - 1 and rng.random() < 0.4:  # a section that is its own row
            rows.append(_row(rng, ROMAN[section], len(years), grand))
            rows[-1]["cells"][1] = title
            continue
        rows.append({"section": f"{ROMAN[section]}. {title}"})
        number = 0 if anew else number
        for _ in range(rng.randint(1, 4)):
            number += 1
            if rng.random() < 0.15:  # a group heading and its sub-rows
                heading = f"{rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)}"
                rows.append({"cells": [str(number), heading, *[""] * (len(columns) - 2)]})
                for sub in range(1, rng.randint(2, 3) + 1):
                    rows.append(_row(rng, f"{number}.{sub}", len(years), grand))
                continue
            rows.append(_row(rng, str(number), len(years), grand))
    total = ["Tổng", "", amount(sum(grand)), *(amount(g) for g in grand), "", ""]
    rows.append({"cells": total})
    lead, partner = rng.choice([(24.0, 28.0), (20.0, 30.0), (26.0, 26.0)])
    amount_width = (186 - 8 - 50 - lead - partner) / (len(years) + 1)
    widths = [8.0, 50.0, *[amount_width] * (len(years) + 1), lead, partner]
    return _budget_table(doc_code, columns, [[{"text": c} for c in columns]], rows, widths)


def _budget_table(
    doc_code: str,
    columns: list[str],
    header: list[list[dict[str, Any]]],
    rows: list[dict[str, Any]],
    widths_mm: list[float],
) -> dict[str, Any]:
    """A Phụ lục II budget table of the plan ``doc_code`` in render_tables' form."""
    return {
        "kind": "phu_luc_2",
        "caption": "Phụ lục II",
        "title": "DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH",
        "attached_to": f"(Kèm theo Kế hoạch số {doc_code})",
        "unit": "triệu đồng",
        "columns": columns,
        "header": header,
        "rows": rows,
        "widths_mm": widths_mm,
    }


# Funding sources a budget splits each year into (Ngân sách tỉnh / Nguồn khác …): general
# Vietnamese budget wording, as plans name the two sources under each year's column.
SOURCES = [("Ngân sách tỉnh", "Nguồn khác"), ("NSNN", "Nguồn xã hội hóa"),
           ("Ngân sách nhà nước", "Nguồn huy động khác"), ("NS tỉnh", "NS huyện"),
           ("Ngân sách trung ương", "Ngân sách địa phương")]  # fmt: skip


def _amounts_by_source(rng: random.Random, years: int) -> list[tuple[int, int]]:
    """A row's spending per year and source: the first source's as ``_amounts`` draws it,
    the second often nothing, else a share of it or its own."""
    first = _amounts(rng, years)
    second = [rng.choice([0, 0, v // 2 // 10 * 10, rng.randint(1, 20) * 10]) for v in first]
    return list(zip(first, second, strict=True))


def _cell(value: int, blank: str) -> str:
    return blank if value == 0 else amount(value)


def _row_by_source(
    rng: random.Random, stt: str, years: int, grand: list[int], kinh_phi: str, blank: str
) -> dict[str, Any]:
    """One row whose years are split by source: its Kinh phí cells (the total, or the total
    and each source's, or each source's), then per year each source's amount."""
    pairs = _amounts_by_source(rng, years)
    flat = [v for pair in pairs for v in pair]
    for k, v in enumerate(flat):
        grand[k] += v
    firsts, seconds = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    totals = {"total": [firsts + seconds], "split": [firsts + seconds, firsts, seconds],
              "sources": [firsts, seconds]}[kinh_phi]  # fmt: skip
    cells = [stt, _task(rng), *(_cell(v, blank) for v in totals),
             *(_cell(v, blank) for v in flat), rng.choice(LEADS), rng.choice(PARTNERS)]  # fmt: skip
    return {"cells": cells}


def budget_table_by_source(rng: random.Random, doc_code: str, first_year: int) -> dict[str, Any]:
    """A budget table read across whose years are each split into two funding sources
    ("Năm 2026" over "Ngân sách tỉnh | Nguồn khác"), on a landscape page: the same rows,
    sections and total as ``budget_table_read_across``, a two-row header with merged cells,
    the Kinh phí column one total, the total and each source's, or each source's; empty
    cells blank or "-"."""
    n_years = rng.choice([3, 4, 5])
    years = [f"Năm {first_year + k}" for k in range(n_years)]
    sources = rng.choice(SOURCES)
    kinh_phi = rng.choice(["total", "split", "sources"])
    blank = rng.choice(["", "-"])
    kp_labels = {"total": [], "split": ["Tổng số", *sources], "sources": list(sources)}[kinh_phi]
    kp_columns = [f"Kinh phí / {s}" for s in kp_labels] or ["Kinh phí"]
    columns = ["TT", "Nội dung", *kp_columns, *(f"{y} / {s}" for y in years for s in sources),
               "Đơn vị chủ trì", "Đơn vị phối hợp"]  # fmt: skip
    spanned = [{"text": t, "row_span": 2} for t in ("TT", "Nội dung")]
    kp_head = [{"text": "Kinh phí", "col_span": len(kp_labels)}] if kp_labels else [
        {"text": "Tổng kinh phí", "row_span": 2}]  # fmt: skip
    header = [
        [*spanned, *kp_head, *({"text": y, "col_span": 2} for y in years),
         *({"text": t, "row_span": 2} for t in ("Đơn vị chủ trì", "Đơn vị phối hợp"))],
        [{"text": s} for s in [*kp_labels, *(s for _ in years for s in sources)]],
    ]  # fmt: skip
    rows: list[dict[str, Any]] = []
    grand = [0] * (2 * n_years)
    number = 0
    sections = rng.randint(2, 3)
    for section in range(sections):
        rows.append({"section": f"{ROMAN[section]}. {rng.choice(ACTIONS).capitalize()} "
                                f"{rng.choice(TOPICS)}"})  # fmt: skip
        for _ in range(rng.randint(1, 3)):
            number += 1
            rows.append(_row_by_source(rng, str(number), n_years, grand, kinh_phi, blank))
    firsts, seconds = sum(grand[0::2]), sum(grand[1::2])
    totals = {"total": [firsts + seconds], "split": [firsts + seconds, firsts, seconds],
              "sources": [firsts, seconds]}[kinh_phi]  # fmt: skip
    rows.append({"cells": ["Tổng", "", *(_cell(v, blank) for v in [*totals, *grand]), "", ""]})
    amount_width = (273 - 8 - 62 - 26 - 30) / (len(kp_columns) + 2 * n_years)
    widths = [8.0, 62.0, *[amount_width] * (len(kp_columns) + 2 * n_years), 26.0, 30.0]
    return {**_budget_table(doc_code, columns, header, rows, widths), "landscape": True}
