"""The appendix tables of a generated plan or report, with their truth: Phụ lục I (tasks:
who leads, who helps, when, what comes of it), Phụ lục II (budget by year, with merged header
cells and a total row) and a report's table of indicators by quarter. Each is a dict as
``Doc.tables`` holds it: caption, title, the line it is attached by, unit, columns, header
rows (cells with their spans) and rows (a section title or cells).
"""

from __future__ import annotations

import random
from typing import Any

from .vocabulary import ACTIONS, AGENCIES, ROMAN, TOPICS


def amount(value: int) -> str:
    return "-" if value == 0 else f"{value:,}".replace(",", ".")


def task_table(rng: random.Random, doc_code: str, topic: str) -> dict[str, Any]:
    columns = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
               "Thời gian thực hiện", "Sản phẩm"]  # fmt: skip
    columns = columns[: rng.choice([4, 5, 6])] if rng.random() < 0.5 else columns
    if len(columns) == 4:
        columns = [*columns[:3], "Thời gian thực hiện"]
    rows: list[dict[str, Any]] = []
    number = 0
    for section in range(rng.randint(2, 4)):
        title = f"{ROMAN[section]}. {rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)}"
        rows.append({"section": title.upper() if rng.random() < 0.5 else title})
        for _ in range(rng.randint(2, 5)):
            number += 1
            quarter = f"Quý {rng.choice(ROMAN[:4])}/{rng.randint(2026, 2028)}"
            cells = [
                str(number),
                f"{rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)} "
                f"{rng.choice(['tại cơ sở', 'trên địa bàn', 'cấp huyện', 'giai đoạn 2026-2030'])}",
                rng.choice(AGENCIES),
                ", ".join(rng.sample(AGENCIES, rng.randint(1, 2))),
                rng.choice([quarter, "Hằng năm", "Năm 2026", "2026-2030", quarter]),
                rng.choice(["Báo cáo", "Kế hoạch", "Quyết định", "Hướng dẫn", "Đề án"]),
            ]
            cells = cells[: len(columns)] if len(columns) > 4 else [*cells[:3], cells[4]]
            rows.append({"cells": cells})
    return {
        "kind": "phu_luc_1",
        "caption": "Phụ lục I",
        "title": f"DANH MỤC NHIỆM VỤ {topic.upper()}",
        "attached_to": f"(Kèm theo Kế hoạch số {doc_code})",
        "unit": None,
        "columns": columns,
        "header": [[{"text": c} for c in columns]],
        "rows": rows,
    }


def budget_table(rng: random.Random, doc_code: str, year: int) -> dict[str, Any]:
    years = [f"Năm {year + k}" for k in range(rng.randint(2, 5))]
    merged = rng.random() < 0.7
    columns = ["STT", "Nội dung", "Tổng kinh phí", *years]
    if merged:
        header = [
            [{"text": "STT", "row_span": 2}, {"text": "Nội dung", "row_span": 2},
             {"text": "Tổng kinh phí", "row_span": 2},
             {"text": "Trong đó", "col_span": len(years)}],
            [{"text": y} for y in years],
        ]  # fmt: skip
    else:
        header = [[{"text": c} for c in columns]]
    rows: list[dict[str, Any]] = []
    grand = [0] * len(years)
    number = 0
    for section in range(rng.randint(2, 3)):
        rows.append({"section": f"{ROMAN[section]}. {rng.choice(TOPICS).capitalize()}"})
        for _ in range(rng.randint(2, 4)):
            number += 1
            values = [rng.choice([0, rng.randint(50, 4000), rng.randint(1, 99) * 100])
                      for _ in years]  # fmt: skip
            grand = [g + v for g, v in zip(grand, values, strict=True)]
            rows.append({"cells": [str(number), f"{rng.choice(ACTIONS).capitalize()} "
                                   f"{rng.choice(TOPICS)}", amount(sum(values)),
                                   *(amount(v) for v in values)]})  # fmt: skip
    rows.append({"cells": ["", "Tổng cộng", amount(sum(grand)), *(amount(g) for g in grand)]})
    return {
        "kind": "phu_luc_2",
        "caption": "Phụ lục II",
        "title": "DỰ TOÁN KINH PHÍ THỰC HIỆN",
        "attached_to": f"(Kèm theo Kế hoạch số {doc_code})",
        "unit": "Triệu đồng",
        "columns": columns,
        "header": header,
        "rows": rows,
    }


def report_table(rng: random.Random, year: int) -> dict[str, Any]:
    quarters = [f"Quý {q}/{year}" for q in ROMAN[: rng.randint(2, 4)]]
    columns = ["STT", "Chỉ tiêu", "Đơn vị tính", *quarters]
    rows: list[dict[str, Any]] = []
    for k in range(rng.randint(4, 9)):
        unit = rng.choice(["Hồ sơ", "Người", "%", "Triệu đồng", "Cơ sở", "Lượt"])
        values = [
            f"{rng.randint(50, 999)},{rng.randint(1, 9)}" if unit == "%" and v > 60
            else ("-" if v < 8 else amount(rng.randint(1, 25000)))
            for v in (rng.randint(0, 100) for _ in quarters)
        ]  # fmt: skip
        rows.append(
            {
                "cells": [
                    str(k + 1),
                    f"Số {rng.choice(TOPICS)} {rng.choice(['đã xử lý', 'hoàn thành', 'đúng hạn'])}",
                    unit,
                    *values,
                ]
            }
        )
    return {
        "kind": "table",
        "caption": "Phụ lục",
        "title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "attached_to": "(Kèm theo Báo cáo)",
        "unit": None,
        "columns": columns,
        "header": [[{"text": c} for c in columns]],
        "rows": rows,
    }
