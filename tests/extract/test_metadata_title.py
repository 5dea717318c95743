"""The title block: type heading, trích yếu, a decision's authority line."""

from __future__ import annotations

from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_title import authority_line, read_title, type_heading
from sohoa.model import Metadata


def test_type_heading_with_specks_and_not_under_the_preamble() -> None:
    assert type_heading(["Số: 14/QĐ", "AM 4 QUYẾT ĐỊNH", "Khám nơi cất giấu"]) == 1
    lines = ["UBND", "Số: 1", "x", "Căn cứ Luật tổ chức;", "QUYẾT ĐỊNH:"]
    assert type_heading(lines) is None


def test_title_runs_to_the_authority_line_and_stops_there() -> None:
    lines = [
        "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế làm việc",
        "của Ủy ban nhân dân tỉnh",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
    ]
    meta = Metadata()
    end = read_title(lines, [SourceLine(line) for line in lines], 1, meta)
    assert meta.trich_yeu == "Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh"
    assert end == 3
    assert authority_line(lines, end) == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH"


def test_law_title_in_capitals_under_its_heading() -> None:
    lines = ["LUẬT", "HẢI QUAN", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"]
    meta = Metadata()
    read_title(lines, [SourceLine(line) for line in lines], 1, meta)
    assert meta.trich_yeu == "HẢI QUAN"
