"""The page's parts in reading order from word boxes: header cells, recipients, signature."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from sohoa.extract.page_layout import order_reading, read_layout
from sohoa.model import Block, Document, Line, Page, Word
from sohoa.output.layout import find_font
from sohoa.pipeline import convert_document
from sohoa.settings import Settings

WORD_WIDTH, HEIGHT, SPACE = 40.0, 20.0, 8.0


def page_of(rows: list[list[tuple[float, str]]]) -> Page:
    """A 1000 x 1400 px page; each row is one OCR line of (left x, words) runs."""
    page = Page(number=1, width=1000, height=1400, dpi=100)
    for row, runs in enumerate(rows):
        top = 50 + row * 40
        line = Line()
        for x, text in runs:
            for offset, token in enumerate(text.split()):
                left = x + offset * (WORD_WIDTH + SPACE)
                line.words.append(len(page.words))
                page.words.append(Word(token, (left, top, left + WORD_WIDTH, top + HEIGHT), 90.0))
        boxes = [page.words[i].bbox for i in line.words]
        line.bbox = (min(b[0] for b in boxes), top, max(b[2] for b in boxes), top + HEIGHT)  # type: ignore[index]
        page.lines.append(line)
    page.blocks = [Block(lines=list(range(len(page.lines))))]
    return page


# the column gap (here 12 px, narrower than a word) is found from all the header's lines
HEADER = [
    [(60, "ỦY BAN NHÂN DÂN TỈNH BÌNH"), (360, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
    [(120, "PHƯỚC"), (400, "Độc lập - Tự do - Hạnh phúc")],
    [(80, "Số: 12/TB-SNV"), (420, "Bình Phước, ngày 23 tháng 6 năm 2018")],
    [(60, "V/v đăng tải thông tin")],
    [(400, "THÔNG BÁO")],
    [(60, "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời phản ánh.")],
    [(60, "Nơi nhận:"), (600, "GIÁM ĐỐC")],
    [(60, "- Như trên;")],
    [(60, "- Lưu: VT."), (600, "Trịnh Thị Tùng")],
]


def texts(page: Page, pieces: list) -> list[str]:
    return [" ".join(page.words[w].text for w in piece.words) for piece in pieces]


def test_header_columns_are_cut_at_the_channel_no_header_word_crosses() -> None:
    page = page_of(HEADER)
    layout = read_layout(page)
    assert texts(page, layout.header_left) == [
        "ỦY BAN NHÂN DÂN TỈNH BÌNH", "PHƯỚC", "Số: 12/TB-SNV", "V/v đăng tải thông tin"
    ]  # fmt: skip
    assert texts(page, layout.header_right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bình Phước, ngày 23 tháng 6 năm 2018",
    ]
    assert texts(page, layout.recipients) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert texts(page, layout.signature) == ["GIÁM ĐỐC", "Trịnh Thị Tùng"]


def test_text_comes_out_in_nd30_cells_then_body_then_recipients_and_signature() -> None:
    doc = order_reading(Document("x.png", "image", pages=[page_of(HEADER)]))
    page = doc.pages[0]
    assert page.text().split("\n\n") == [
        "ỦY BAN NHÂN DÂN TỈNH BÌNH\nPHƯỚC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Số: 12/TB-SNV",
        "Bình Phước, ngày 23 tháng 6 năm 2018",
        "V/v đăng tải thông tin",
        "THÔNG BÁO\nTrong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời phản ánh.",
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
        "GIÁM ĐỐC\nTrịnh Thị Tùng",
    ]
    parts = [block.part for block in page.blocks]
    assert parts == ["header_left", "header_right", "header_left", "header_right",
                     "header_left", None, "recipients", "signature"]  # fmt: skip
    # words are regrouped, never moved, changed or dropped: each in exactly one line
    in_lines = sorted(w for line in page.lines for w in line.words)
    assert in_lines == list(range(len(page.words)))


def test_a_page_without_a_national_title_keeps_its_lines() -> None:
    rows = [[(60, "Một đoạn văn bình thường"), (600, "không có phần đầu.")]]
    doc = order_reading(Document("x.png", "image", pages=[page_of(rows)]))
    assert doc.pages[0].text() == "Một đoạn văn bình thường không có phần đầu."
    assert all(block.part is None for block in doc.pages[0].blocks)


@pytest.fixture(scope="module")
def rendered_letter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An A4 page at 200 dpi drawn with a real font: header columns 20 px apart (less than
    a word's height), body, "Nơi nhận" beside the signature block."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(find_font()), 30)
    rows = [
        (130, [(150, "ỦY BAN NHÂN DÂN TỈNH"), (820, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
        (175, [(250, "SỞ NỘI VỤ"), (910, "Độc lập - Tự do - Hạnh phúc")]),
        (230, [(230, "Số: 17/TB-SNV"), (930, "Bình Phước, ngày 23 tháng 6 năm 2018")]),
        (360, [(700, "THÔNG BÁO")]),
        (440, [(150, "Sở Y tế chủ trì, phối hợp với Sở Giáo dục và Đào tạo nâng cao hiệu")]),
        (485, [(150, "quả công tác cải cách hành chính trên địa bàn tỉnh.")]),
        (600, [(150, "Nơi nhận:"), (1050, "GIÁM ĐỐC")]),
        (645, [(150, "- Như trên;")]),
        (690, [(150, "- Lưu: VT."), (1000, "Trịnh Thị Tùng")]),
    ]
    for top, runs in rows:
        for x, text in runs:
            draw.text((x, top), text, font=font, fill=0)
    path = tmp_path_factory.mktemp("layout") / "letter.png"
    image.save(path, dpi=(200, 200))
    return path


def test_a_rendered_page_comes_out_in_reading_order(rendered_letter: Path) -> None:
    doc = convert_document(rendered_letter, Settings(restore=False))
    text = doc.text()
    for run in (
        "ỦY BAN NHÂN DÂN TỈNH\nSỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
        "GIÁM ĐỐC\nTrịnh Thị Tùng",
    ):
        assert run in text
    assert text.index("Số: 17/TB-SNV") < text.index("THÔNG BÁO") < text.index("Nơi nhận")
    assert doc.metadata.nguoi_ky.ho_ten == "Trịnh Thị Tùng"


def test_pen_marks_listed_as_non_text_never_reach_the_text_or_metadata(tmp_path: Path) -> None:
    """A blue pen scribble in the margin: listed in the page's provenance (JSON) as a
    ``non_text`` region with its box, and none of its characters in the text or fields."""
    image = Image.new("RGB", (1654, 1200), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(find_font()), 30)
    body = [
        "Sở Y tế chủ trì, phối hợp với Sở Giáo dục và Đào tạo nâng cao hiệu",
        "quả công tác cải cách hành chính trên địa bàn tỉnh trong năm nay.",
        "Giao Sở Tài chính hướng dẫn, kiểm tra việc thực hiện; định kỳ báo cáo.",
    ]
    for n, text in enumerate(body):
        draw.text((200, 300 + 50 * n), text, font=font, fill="black")
    for k in range(3):
        stroke = [(1250 + 30 * i + 5 * k, 700 + 40 * math.sin(i * 1.3 + k)) for i in range(10)]
        draw.line(stroke, fill=(20, 40, 160), width=6)
    path = tmp_path / "pen.png"
    image.save(path, dpi=(200, 200))
    doc = convert_document(path, Settings(restore=False))
    marks = [m for page in doc.pages for m in page.provenance.get("non_text", [])]
    assert marks and all(len(m["bbox"]) == 4 for m in marks)
    text = doc.text()
    fields = json.dumps(dataclasses.asdict(doc.metadata), ensure_ascii=False)
    for mark in marks:
        assert mark["text"] not in text and mark["text"] not in fields
    assert text.split("\n") == body


def test_prose_after_the_signature_is_not_cut_into_the_closing_columns() -> None:
    rows = [
        *HEADER,
        [(60, "Điều 1. Phạm vi điều chỉnh của kế hoạch này áp dụng cho các đơn vị trong tỉnh.")],
    ]
    layout = read_layout(page_of(rows))
    page = page_of(rows)
    assert texts(page, layout.signature) == ["GIÁM ĐỐC", "Trịnh Thị Tùng"]
    assert layout.closing_lines == [6, 7, 8]
