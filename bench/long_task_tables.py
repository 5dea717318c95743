"""Task tables with long rows, as real plans' Phụ lục I (seeds 000/003) have them: the
``long`` set of bench/tables_eng_ocr.py, drawn from the corpus generator's word lists."""

from __future__ import annotations

from typing import Any

# The long task rows of real plans (seeds 000/003): a task of several sentences wraps over
# 3-8 lines in the widest column; lead and partner agencies wrap in narrow ones ("Sở Tài
# nguyên / và Môi trường"), so does the time ("Hằng / năm"); numbered group rows ("2",
# "Công tác …") head their sub-rows ("2.1", "2.2"). Drawn from the generator's word lists.
LONG_COLUMNS = [
    ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Ghi chú"],
    ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
     "Thời gian thực hiện", "Kết quả, sản phẩm"],
]  # fmt: skip
LONG_WIDTHS_MM = [9.0, 82.0, 26.0, 33.0, 14.0, 22.0]
PARTNERS = ["Các sở, ban, ngành, UBND các huyện", "Các sở, ban, ngành; UBND cấp xã",
            "UBND các huyện, thành phố", "Các cơ quan, đơn vị liên quan"]  # fmt: skip
PLACES = ["trên địa bàn tỉnh", "tại cơ sở", "cấp huyện", "giai đoạn 2026-2030",
          "đến năm 2030", "theo Kế hoạch số 12/KH-UBND"]  # fmt: skip
LINKS = ["gắn với", "nhằm", "góp phần", "kết hợp với", "bảo đảm"]
RESULTS = ["", "", "Báo cáo", "Kế hoạch được phê duyệt", "Thực hiện theo hình thức nhiệm vụ"]


def _long_task_text(rng: Any) -> str:
    """A task of one to three sentences of clauses from the generator's word lists."""
    from corpus.vocabulary import ACTIONS, TOPICS

    sentences = []
    for _ in range(rng.randint(1, 3)):
        clauses = [
            f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} {rng.choice(PLACES)}"
            for _ in range(rng.randint(1, 3))
        ]
        link = f" {rng.choice(LINKS)} " if len(clauses) > 1 else ""
        sentence = clauses[0] + link + "; ".join(clauses[1:])
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def _long_task_row(rng: Any, stt: str) -> list[str]:
    """One task row: its text, lead and partner agencies, time and result."""
    from corpus.vocabulary import AGENCIES

    year = rng.randint(2026, 2028)
    quarter = f"Quý {rng.choice(['I', 'II', 'III', 'IV'])}/{year}"
    time = rng.choice(["Hằng năm", "Hằng năm", f"{year}-2030", f"Năm {year}", quarter])
    partner = rng.choice([*PARTNERS, ", ".join(rng.sample(AGENCIES, 2))])
    text = _long_task_text(rng)
    return [stt, text, rng.choice(AGENCIES), partner, time, rng.choice(RESULTS)]


def long_task_tables(count: int) -> list[dict[str, Any]]:
    """``count`` task tables with long rows (seeds 1..count), as 000/003's Phụ lục I."""
    import random

    from corpus.vocabulary import ACTIONS, TOPICS

    tables = []
    for seed in range(1, count + 1):
        rng = random.Random(1000 + seed)
        columns = rng.choice(LONG_COLUMNS)
        rows: list[dict[str, Any]] = []
        for group in range(1, rng.randint(3, 5)):
            heading = f"{rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)}"
            rows.append({"cells": [str(group), heading, "", "", "", ""]})
            rows += [
                {"cells": _long_task_row(rng, f"{group}.{sub}")}
                for sub in range(1, rng.randint(2, 4))
            ]
        tables.append(
            {
                "kind": "phu_luc_1",
                "caption": "Phụ lục I",
                "title": "CÁC NHIỆM VỤ TRỌNG TÂM",
                "attached_to": "(Kèm theo Kế hoạch số 12/KH-UBND)",
                "unit": None,
                "widths_mm": LONG_WIDTHS_MM,
                "header": [[{"text": c} for c in columns]],
                "columns": columns,
                "rows": rows,
            }
        )
    return tables
