"""Sorting a document's text into ND30's parts: header columns, title, body, closing."""

from __future__ import annotations

from writer_documents import budget_document, letter, text_page

from sohoa.extract.page_layout import order_reading
from sohoa.model import Block, Document, Line, Page, Word
from sohoa.output.official_layout import document_parts


def all_text(parts: object) -> list[str]:
    p = parts
    return [
        *p.header_left,  # type: ignore[attr-defined]
        *p.header_right,  # type: ignore[attr-defined]
        *p.title,  # type: ignore[attr-defined]
        *(b.text for b in p.body),  # type: ignore[attr-defined]
        *p.closing_left,  # type: ignore[attr-defined]
        *p.closing_right,  # type: ignore[attr-defined]
    ]


def test_header_lines_holding_both_columns_are_split_into_them() -> None:
    parts = document_parts(letter())
    assert parts.header_left == [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN TĨNH GIA",
        "Số: 1113/UBND-LĐTBXH",
        "V/v triển khai hỗ trợ người dân gặp khó khăn",
        "do đại dịch Covid-19",
    ]
    assert parts.header_right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tĩnh Gia, ngày 16 tháng 4 năm 2020",
    ]
    assert parts.title == []  # a công văn prints no type


def test_body_addressee_and_closing_columns() -> None:
    parts = document_parts(letter())
    assert [(b.kind, b.text[:12]) for b in parts.body] == [
        ("addressee", "Kính gửi: Ủy"),
        ("paragraph", "Thực hiện Ng"),
        ("paragraph", "Yêu cầu Ủy b"),
    ]
    assert parts.closing_left == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert parts.closing_right == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Đình Tùng"]


def test_every_word_lands_in_exactly_one_part() -> None:
    for doc in (letter(), budget_document()):
        parts = document_parts(doc)
        assert sorted(" ".join(all_text(parts)).split()) == sorted(doc.text().split())


def test_title_and_summary_of_a_plan() -> None:
    parts = document_parts(budget_document())
    assert parts.header_left == parts.header_right == []
    assert parts.title == ["KẾ HOẠCH", budget_document().metadata.trich_yeu]
    assert parts.body[0].text.startswith("Thực hiện Quyết định số 523/QĐ-UBND")
    assert parts.closing_left == parts.closing_right == []


def scanned_header_page() -> Page:
    """A scanned page's words with boxes, Tesseract having read both columns as one line."""
    page = Page(number=1, width=1000, height=1400, dpi=100)
    rows = [
        [("SỞ", 120), ("Y", 160), ("TẾ", 185), ("CỘNG", 520), ("HÒA", 600), ("XÃ", 660)],
        [
            ("Số:", 130),
            ("12/SYT", 180),
            ("Bắc", 560),
            ("Ninh,", 610),
            ("ngày", 680),
            ("2", 740),
            ("tháng", 760),
            ("3", 820),
            ("năm", 840),
            ("2021", 900),
        ],
        [("QUYẾT", 420), ("ĐỊNH", 520)],
        [("Về", 330), ("việc", 380), ("phê", 440), ("duyệt", 500), ("kế", 580), ("hoạch", 620)],
        [
            ("Căn", 150),
            ("cứ", 210),
            ("Luật", 250),
            ("Tổ", 320),
            ("chức", 370),
            ("chính", 440),
            ("quyền", 520),
            ("địa", 600),
            ("phương", 660),
            ("ngày", 760),
            ("19/6/2015;", 830),
        ],
    ]
    for number, row in enumerate(rows):
        top = 100 + 60 * number
        first = len(page.words)
        for text, x in row:
            page.words.append(Word(text, (x, top, x + 12 * len(text), top + 30)))
        box = (row[0][1], top, row[-1][1] + 12 * len(row[-1][0]), top + 30)
        page.lines.append(Line(list(range(first, len(page.words))), box))
    page.blocks = [
        Block([0, 1], (120, 100, 948, 190)),
        Block([2, 3], (330, 220, 692, 310)),
        Block([4], (150, 340, 950, 370)),
    ]
    return page


def test_scanned_header_is_split_at_the_gap_between_the_columns() -> None:
    doc = Document(source="qd.png", input_kind="image", pages=[scanned_header_page()])
    parts = document_parts(order_reading(doc))  # the pipeline's stage: the same blocks
    assert parts.header_left == ["SỞ Y TẾ", "Số: 12/SYT"]
    assert parts.header_right == ["CỘNG HÒA XÃ", "Bắc Ninh, ngày 2 tháng 3 năm 2021"]
    assert parts.title == ["QUYẾT ĐỊNH", "Về việc phê duyệt kế hoạch"]
    assert [b.text for b in parts.body] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"
    ]


def test_a_document_without_markers_is_all_body() -> None:
    body = [("paragraph", ["Một đoạn văn bình thường không có phần đầu."]), ("paragraph", ["Hết."])]
    doc = Document(source="a.txt", input_kind="txt", pages=[text_page(1, body)])
    parts = document_parts(doc)
    assert [b.text for b in parts.body] == [t for _, lines in body for t in lines]
    assert not (parts.header_left or parts.title or parts.closing_left or parts.closing_right)


SIGNED_PLAN = [
    ("heading", ["KẾ HOẠCH"]),
    ("paragraph", ["Tăng cường công tác đo lường trên địa bàn tỉnh"]),
    (
        "paragraph",
        [
            "Thực hiện Chỉ thị số 38-CT/TW ngày 30/7/2024 của Ban Bí thư, Ủy ban nhân dân tỉnh "
            "ban hành kế hoạch đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng như sau:",
        ],
    ),
    ("paragraph", ["Nơi nhận:", "- Bộ Khoa học và Công nghệ (b/c);", "- Lưu: VT."]),
    ("paragraph", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("paragraph", ["Mai Sơn"]),
]
APPENDIX_TEXT = (
    "TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian 1 Tổ chức nghiên cứu, "
    "quán triệt, tuyên truyền, phổ biến nội dung Chỉ thị 38-CT/TW bằng nhiều hình thức"
)


def signed_plan(caption: str) -> Document:
    body = [*SIGNED_PLAN, ("paragraph", [caption]), ("paragraph", [APPENDIX_TEXT])]
    return Document(source="kh.txt", input_kind="txt", pages=[text_page(1, body)])


def test_closing_before_an_appendix_whose_table_was_not_extracted() -> None:
    for caption in ("Phụ lục", "PHỤ LỤC CÁC NHIỆM VỤ CHỦ YẾU BAN HÀNH KÈM THEO KẾ HOẠCH"):
        parts = document_parts(signed_plan(caption))
        assert parts.title == ["KẾ HOẠCH", "Tăng cường công tác đo lường trên địa bàn tỉnh"]
        assert [b.text[:9] for b in parts.body] == ["Thực hiện"]
        assert parts.closing_left == [
            "Nơi nhận:",
            "- Bộ Khoa học và Công nghệ (b/c);",
            "- Lưu: VT.",
        ]
        assert parts.closing_right == [
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Mai Sơn",
        ]
        assert parts.following is not None
        assert [b.text for b in parts.following.body] == [caption, APPENDIX_TEXT]


def test_a_decision_s_authority_line_does_not_start_a_closing() -> None:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN" under a decision's title is body, even with no signature."""
    body = [
        ("heading", ["QUYẾT ĐỊNH"]),
        ("paragraph", ["Về việc khám nơi cất giấu tang vật"]),
        ("heading", ["CHỦ TỊCH ỦY BAN NHÂN DÂN"]),
        ("paragraph", ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"]),
        ("paragraph", [APPENDIX_TEXT]),
    ]
    doc = Document(source="qd.txt", input_kind="txt", pages=[text_page(1, body)])
    parts = document_parts(doc)
    assert parts.body[0].text == "CHỦ TỊCH ỦY BAN NHÂN DÂN" and parts.body[0].kind == "heading"
    assert parts.body[0].align == "centre"
    assert len(parts.body) == 3 and not (parts.closing_left or parts.closing_right)


def test_a_decision_and_the_plan_it_approves_are_two_parts() -> None:
    body = [
        ("paragraph", ["Số: 523/QĐ-UBND Bắc Ninh, ngày 03 tháng 11 năm 2020"]),
        ("heading", ["QUYẾT ĐỊNH"]),
        ("paragraph", ["V/v phê duyệt Kế hoạch triển khai Đề án"]),
        ("paragraph", ["Điều 1. Phê duyệt Kế hoạch kèm theo Quyết định này."]),
        ("paragraph", ["Nơi nhận:", "- Như Điều 3;"]),
        ("paragraph", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("paragraph", ["Đào Quang Khải"]),
        ("heading", ["KẾ HOẠCH"]),
        ("paragraph", ["Triển khai Đề án trên địa bàn tỉnh"]),
        ("paragraph", ["I. MỤC TIÊU"]),
    ]
    doc = Document(source="qd.txt", input_kind="txt", pages=[text_page(1, body)])
    decision = document_parts(doc)
    assert decision.header_left == ["Số: 523/QĐ-UBND"]
    assert decision.header_right == ["Bắc Ninh, ngày 03 tháng 11 năm 2020"]
    assert decision.title == ["QUYẾT ĐỊNH", "V/v phê duyệt Kế hoạch triển khai Đề án"]
    assert decision.closing_right[-1] == "Đào Quang Khải"
    plan = decision.following
    assert plan is not None and plan.following is None
    assert plan.title == ["KẾ HOẠCH", "Triển khai Đề án trên địa bàn tỉnh"]
    assert [(b.text, b.kind) for b in plan.body] == [("I. MỤC TIÊU", "heading")]


def test_old_ocr_header_with_marks_misread_is_split_by_the_shared_markers() -> None:
    """Old OCR as TXT: "CÔNG HOÀ XA HÔI", "Đôc lâp - Tư do" are the national title and the
    motto all the same (extract/layout_marks, as for a scan), so each line is cut in two."""
    page = text_page(
        1,
        [
            (
                "paragraph",
                [
                    "ỦY BAN NHÂN DÂN CÔNG HOÀ XA HÔI CHỦ NGHĨA VIỆT NAM",
                    "HUYỆN TĨNH GIA Đôc lâp - Tư do - Hanh phúc",
                    "Số: 1113/UBND-LĐTBXH Tĩnh Gia, ngày 16 tháng 4 năm 2020",
                ],
            ),
            ("paragraph", ["Kính gửi: Chủ tịch UBND các xã, thị trấn."]),
        ],
    )
    parts = document_parts(Document(source="cv.txt", input_kind="txt", pages=[page]))
    assert parts.header_left == ["ỦY BAN NHÂN DÂN", "HUYỆN TĨNH GIA", "Số: 1113/UBND-LĐTBXH"]
    assert parts.header_right == [
        "CÔNG HOÀ XA HÔI CHỦ NGHĨA VIỆT NAM",
        "Đôc lâp - Tư do - Hanh phúc",
        "Tĩnh Gia, ngày 16 tháng 4 năm 2020",
    ]
