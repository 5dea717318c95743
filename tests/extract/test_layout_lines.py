"""Lines for the metadata cut along the page's header and signature blocks (word boxes)."""

from __future__ import annotations

from sohoa.extract.layout_lines import lines_for_metadata
from sohoa.model import Block, Document, Edit, Line, Page, Word

WORD_WIDTH, HEIGHT = 40.0, 20.0


def page_of(rows: list[list[tuple[float, str]]], rotation: int = 0) -> Page:
    """A page of 1000 x 1400 px whose lines hold (left x, text) runs of words, one row each."""
    page = Page(number=1, width=1000, height=1400, dpi=100, rotation=rotation)
    for row, runs in enumerate(rows):
        top = 50 + row * 40
        line = Line()
        for x, text in runs:
            for offset, token in enumerate(text.split()):
                left = x + offset * (WORD_WIDTH + 8)
                line.words.append(len(page.words))
                page.words.append(Word(token, (left, top, left + WORD_WIDTH, top + HEIGHT), 90.0))
        page.lines.append(line)
    page.blocks = [Block(lines=list(range(len(page.lines))))]
    return page


HEADER = [
    [(700, "CÔNG BÁO/Số 12")],  # a gazette's running head above the header
    [(60, "SỞ Y TẾ BẮC NINH"), (420, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
    [(60, "BỆNH VIỆN ĐA KHOA"), (460, "Độc lập - Tự do - Hạnh phúc")],
    [(60, "Số: 61/BVT-TCKT"), (440, "Bắc Ninh, ngày 27 tháng 9 năm 2021")],
    [(60, "V/v đăng tải thông tin")],
    [(200, "Kính gửi: Cổng thông tin điện tử.")],
    [(60, "Nơi nhận:"), (600, "GIÁM ĐỐC")],
    [(60, "- Như trên;")],
    [(60, "- Lưu: VT."), (600, "Hạ Bá Chân")],
]


def test_header_left_block_then_right_block_and_running_head_last() -> None:
    lines = lines_for_metadata(Document("x.png", "image", pages=[page_of(HEADER)]))
    texts = [line.text for line in lines]
    assert texts[:8] == [
        "SỞ Y TẾ BẮC NINH",
        "BỆNH VIỆN ĐA KHOA",
        "Số: 61/BVT-TCKT",
        "V/v đăng tải thông tin",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bắc Ninh, ngày 27 tháng 9 năm 2021",
        "Kính gửi: Cổng thông tin điện tử.",
    ]
    # the signature column after the recipients; the running head at the very end
    assert texts[8:] == [
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "Hạ Bá Chân", "CÔNG BÁO/Số 12"
    ]  # fmt: skip
    number = lines[2]
    assert number.layout and number.page == 1 and number.confidence == 0.9
    assert number.bbox is not None and number.bbox[0] == 60 and number.bbox[1] == 170


def test_codes_come_as_ocr_read_them_not_as_restored() -> None:
    page = page_of(HEADER)
    index = next(i for i, word in enumerate(page.words) if word.text == "61/BVT-TCKT")
    page.words[index].text = "61/BVT-TCKĐ"
    edit = Edit(original="61/BVT-TCKT", result="61/BVT-TCKĐ", confidence=1.0, page=1, word=index)
    doc = Document("x.png", "image", pages=[page], edits=[edit])
    assert "Số: 61/BVT-TCKT" in [line.text for line in lines_for_metadata(doc)]


def test_turned_page_and_text_without_boxes_keep_their_lines() -> None:
    turned = lines_for_metadata(Document("x.png", "image", pages=[page_of(HEADER, 90)]))
    assert turned[1].text == "SỞ Y TẾ BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    page = Page(number=1, width=0, height=0, origin="txt", words=[Word("A", None), Word("B")])
    page.lines = [Line([0]), Line([1])]
    page.blocks = [Block(lines=[0, 1])]
    assert [line.text for line in lines_for_metadata(Document("x.txt", "txt", pages=[page]))] == [
        "A",
        "B",
    ]


def test_header_lines_crossing_the_column_split_are_cut_there() -> None:
    """Words 8 px apart, 20 px high; the columns 28 px apart (more than a word height, less
    than two): a name close to the quốc hiệu and a long subject line close to the date are
    cut where the right column begins; a word left of that stays in the left column."""
    rows = [
        [(60, "ỦY BAN NHÂN DÂN THỊ XÃ LAGI"), (416, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
        [(60, "ỦY BAN NHÂN DÂN PHƯỜNG"), (322, "3"), (460, "Độc lập - Tự do - Hạnh phúc")],
        [(60, "Số: 61/UBND-VP")],
        [(60, "V/v tổ chức thực hiện công tác quản lý"), (512, "Sóc Trăng, ngày 13 tháng 10")],
        [(60, "đất đai")],
    ]
    lines = lines_for_metadata(Document("x.png", "image", pages=[page_of(rows)]))
    assert [line.text for line in lines] == [
        "ỦY BAN NHÂN DÂN THỊ XÃ LAGI",
        "ỦY BAN NHÂN DÂN PHƯỜNG 3",
        "Số: 61/UBND-VP",
        "V/v tổ chức thực hiện công tác quản lý",
        "đất đai",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Sóc Trăng, ngày 13 tháng 10",
    ]


def test_a_speck_beside_a_line_is_out_of_its_text_and_box() -> None:
    page = page_of([[(400, "QUYẾT ĐỊNH"), (760, ":")]])
    page.words[-1].confidence = 0.0
    (line,) = lines_for_metadata(Document("x.png", "image", pages=[page]))
    assert line.text == "QUYẾT ĐỊNH"
    assert line.bbox == (400, 50, 488, 70) and line.confidence == 0.9
