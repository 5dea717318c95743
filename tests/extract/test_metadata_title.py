"""The title block: type heading, trích yếu, a decision's authority line."""

from __future__ import annotations

from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata import metadata_from_lines
from sohoa.extract.metadata_title import (
    authority_line,
    damaged_type_heading,
    read_title,
    type_heading,
)
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


def _decision_photo(heading: str, box: tuple[float, float, float, float]) -> list[SourceLine]:
    """The top of a decision as OCR reads a small phone photo: the issuer cropped off, the
    handwritten number and day garbled, and the type heading ``heading`` read at ``box``
    (the page's text spans x 50-750: a heading is centred on x 400)."""
    return [
        SourceLine("Số: 2ƒ5../QĐ-UBND", 1, (50, 0, 260, 28)),
        SourceLine("Hà Tĩnh, ngày ~3 tháng 5 năm 2021", 1, (420, 2, 750, 30)),
        SourceLine(heading, 1, box),
        SourceLine(
            "Về việc thành lập Tổ công tác rà soát thủ tục hành chính", 1, (120, 80, 680, 106)
        ),
        SourceLine("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN", 1, (230, 130, 570, 156)),
        SourceLine(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;", 1, (90, 200, 740, 226)
        ),
    ]


def test_a_heading_that_lost_a_word_names_the_type_its_place_on_the_page_allows() -> None:
    # "QUYẾT ĐỊNH" (x 320-480) read "QUYẾT" alone: its "ĐỊNH" was lost on the right
    lines = _decision_photo("QUYẾT", (320, 50, 400, 76))
    assert type_heading([s.text for s in lines]) is None  # too damaged for the exact match
    assert damaged_type_heading([s.text for s in lines], lines) == (2, "Quyết định")
    meta = metadata_from_lines(lines)
    assert meta.loai_van_ban == "Quyết định" and "loai_van_ban" not in meta.suy_dien
    assert meta.trich_yeu == "Về việc thành lập Tổ công tác rà soát thủ tục hành chính"
    # "KẾ HOẠCH" read "HOẠCH" alone, its "KẾ" lost on the left
    lines = _decision_photo("HOẠCH", (400, 50, 480, 76))
    assert damaged_type_heading([s.text for s in lines], lines) == (2, "Kế hoạch")


def test_a_damaged_heading_is_never_guessed() -> None:
    # "ĐỊNH" alone: Quyết định and Nghị định would stand alike; nothing is chosen
    lines = _decision_photo("ĐỊNH", (400, 50, 480, 76))
    assert damaged_type_heading([s.text for s in lines], lines) is None
    # "QUYẾT" right of the centre: the end of "NGHỊ QUYẾT", or "QUYỀN" of "GIẤY ỦY QUYỀN"
    # misread; nothing is chosen
    lines = _decision_photo("QUYẾT", (400, 50, 480, 76))
    assert damaged_type_heading([s.text for s in lines], lines) is None
    # a word of a type's name above the header's number and date is no heading
    lines = _decision_photo("QUYẾT", (320, 50, 400, 76))
    lines.insert(0, lines.pop(2))
    assert damaged_type_heading([s.text for s in lines], lines) is None
    # a heading off the centre, wherever its lost word stood, is a body's or a cell's word
    lines = _decision_photo("QUYẾT", (60, 50, 140, 76))
    assert damaged_type_heading([s.text for s in lines], lines) is None
