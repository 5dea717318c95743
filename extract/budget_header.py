"""The columns a budget's header names: "Kinh phí" and a "Năm 20xx" group for each year,
each split by source when the header says so ("NSNN" / "Tổ chức"), the "Kinh phí" group
as one total, each source's, or both (``flattened_header`` finds the header; this reads
the budget's columns from its words and, where those fall short, from the rows' sums).
"""

from __future__ import annotations

import regex

from sohoa.extract.budget_lines import budget_amount_run
from sohoa.extract.flattened_header import HEADER_WORDS, LABEL_REPEATS, label_counts
from sohoa.extract.flattened_sums import layout_by_lost_blanks, layout_by_sums
from sohoa.extract.total_rows import total_row_amounts
from sohoa.normalize.unicode import strip_marks

SOURCES = ["NSNN", "Tổ chức"]  # the two sources a year is split into (extract/appendix.py)
# "Tổng" and "cộng", marks lost and misread as old OCR reads them ("TENG", "TENQ", "C0NG")
_TONG, _CONG = r"T[OE0]N[GQ]", r"C[OE0]N[GQ]"
# "Tổng cộng", "Tổng số" heading a total column on one line ("TENG SE", "TONG CONG",
# "TENQS6"); not "Tổng kinh phí", the group's own name
TOTAL_COLUMN_LABEL = regex.compile(rf"\b{_TONG}\s*(?:{_CONG}|S[OE06])\b")


def stacked_total_label(reading: str, years: list[str]) -> bool:
    """Does the header reading name "Tổng cộng" written on two lines of its narrow cell,
    "Tổng" on one line and "cộng" on the next ("Tong ca: ca: ca: … céng xa hdi …")? Old OCR
    reads the header line by line, so the other columns' words of that line fall between
    the two: one or two a column (a label for each source of each year and of the Kinh phí
    group), no more. "Tổng kinh phí" (the group's own name) is no total column."""
    gap = 2 * (len(years) + 2)
    pattern = rf"\b{_TONG}\b(?!\s*KINH)(?:\s+\S+){{1,{gap}}}?\s+{_CONG}\b"
    return regex.search(pattern, reading) is not None


def _by_source(plain: list[str], years: list[str]) -> tuple[bool, int]:
    """(are the years split by source?, how many sources the "Kinh phí" group names: 0 for
    one total): the header names NSNN under each year, or repeats another source's label
    ("Ngân sách tỉnh | Nguồn khác" under each year, as often once more under Kinh phí)."""
    n_nsnn = max(len(regex.findall(r"N\s?S\s?N\s?N", r)) for r in plain)
    if n_nsnn >= len(years):
        return True, 2 if n_nsnn > len(years) else 0
    repeats = max(
        max((n for w, n in label_counts(r).items() if w not in HEADER_WORDS), default=0)
        for r in plain
    )
    return repeats >= max(len(years), LABEL_REPEATS), 2 if repeats > len(years) else 0


def _kinh_phi_columns(
    plain: list[str], years: list[str], sources: int, body: list[str]
) -> list[str]:
    """The "Kinh phí" columns before years split by source: one total, each source's, or
    the total and each source's, as the header names them ("Tổng số" / "Tổng cộng", a
    source's label once more than the years); more of them when a row of the body holds
    more amounts, adding up, than the header's columns do (a row has no more cells than
    its table: the header's label was misread; the total row's too, its amounts some
    misread). ``sources``: how many sources the "Kinh phí" group names (``_by_source``)."""
    has_total = any(TOTAL_COLUMN_LABEL.search(r) or stacked_total_label(r, years) for r in plain)
    year_columns = [f"Năm {year} / {source}" for year in years for source in SOURCES]
    layouts = [
        ["Kinh phí / Tổng cộng" if has_total else "Kinh phí"],
        [f"Kinh phí / {s}" for s in SOURCES],
        [f"Kinh phí / {s}" for s in ["Tổng cộng", *SOURCES]],
    ]
    named = layouts[(2 if has_total else 1) if sources else 0]
    runs = [run[1] for run in map(budget_amount_run, body) if run is not None]
    runs += [total.split() for total in map(total_row_amounts, body) if total]
    full = [[*layout, *year_columns] for layout in layouts]
    found = layout_by_sums(runs, full) or layout_by_lost_blanks(runs, full)  # blanks lost
    if found is not None and len(found) > len(named) + len(year_columns):
        return found[: len(found) - len(year_columns)]
    return named


def budget_header_columns(
    readings: list[str], years: list[str], body: list[str] | None = None
) -> list[str] | None:
    """Leaf columns of a budget header: 'Kinh phí' and 'Năm 20xx' groups with sub-columns.

    ``readings`` are the texts of the header, once per page it is repeated on: old OCR
    garbles each reading differently, so the one naming most sub-columns is taken. When
    the years are split by source, the rows of amounts in ``body`` that add up tell which
    "Kinh phí" columns come before them (see ``_kinh_phi_columns``).
    """
    if not years:
        return None
    plain = [strip_marks(" ".join(r.split())).upper() for r in readings]
    columns = ["STT", "Nội dung"]
    split, sources = _by_source(plain, years)
    if split:
        columns += _kinh_phi_columns(plain, years, sources, body or [])
        columns += [f"Năm {year} / {source}" for year in years for source in SOURCES]
    else:
        columns.append("Kinh phí")
        columns += [f"Năm {year}" for year in years]
    columns += ["Đơn vị chủ trì", "Đơn vị phối hợp"]
    if any(regex.search(r"GHI\s+CH", r) for r in plain):
        columns.append("Ghi chú")
    return columns
