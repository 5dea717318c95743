"""Shared writer layout: unwrapping lines into paragraphs, rebuilding table headers."""

from __future__ import annotations

from writer_documents import budget_document, text_page

from sohoa.model import Block, Document, Line, Page, Word
from sohoa.output.layout import block_runs, header_grid, text_blocks


def boxed_page(lines: list[tuple[str, tuple[float, float]]]) -> Page:
    """A page with one block; each line is (text, (x0, x1)) on its own row."""
    page = Page(number=1, width=1000, height=1000, dpi=100)
    for row, (text, (x0, x1)) in enumerate(lines):
        first = len(page.words)
        page.words.extend(Word(t) for t in text.split())
        bbox = (x0, row * 20.0, x1, row * 20.0 + 15)
        page.lines.append(Line(list(range(first, len(page.words))), bbox))
    page.blocks = [Block(list(range(len(lines))))]
    return page


def test_wrapped_lines_join_and_short_or_centred_lines_end() -> None:
    page = boxed_page(
        [
            ("ỦY BAN NHÂN DÂN", (300, 600)),  # centred
            ("TỈNH BẮC NINH", (350, 560)),  # centred
            ("Thực hiện Quyết định số 996/QĐ-TTg của Thủ", (100, 900)),
            ("tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành", (100, 898)),
            ("kế hoạch.", (100, 250)),  # ends short
            ("Kinh phí 2.450 triệu đồng", (100, 500)),
        ]
    )
    assert block_runs(page, page.blocks[0]) == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẮC NINH",
        "Thực hiện Quyết định số 996/QĐ-TTg của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh "
        "ban hành kế hoạch.",
        "Kinh phí 2.450 triệu đồng",
    ]


def test_text_without_boxes_breaks_at_sentences_and_capitals() -> None:
    page = text_page(
        1,
        [
            (
                "paragraph",
                [
                    "KẾ HOẠCH",
                    "Thực hiện Quyết định số 996/QĐ-TTg,",
                    "Ủy ban nhân dân tỉnh ban hành kế hoạch:",
                    "1. Mục đích",
                ],
            )
        ],
    )
    assert block_runs(page, page.blocks[0]) == [
        "KẾ HOẠCH",
        "Thực hiện Quyết định số 996/QĐ-TTg, Ủy ban nhân dân tỉnh ban hành kế hoạch:",
        "1. Mục đích",
    ]


def test_header_grid_merges_only_neighbours_with_the_same_parents() -> None:
    depth, cells = header_grid(
        [
            "TT",
            "Kinh phí / 2026 / NSNN",
            "Kinh phí / 2026 / Khác",
            "Kinh phí / 2027",
            "Ghi chú / 2026",
        ]
    )
    assert depth == 3
    placed = {(c.row, c.col): (c.text, c.row_span, c.col_span) for c in cells}
    assert placed == {
        (0, 0): ("TT", 3, 1),
        (0, 1): ("Kinh phí", 1, 3),
        (1, 1): ("2026", 1, 2),
        (1, 3): ("2027", 2, 1),
        (2, 1): ("NSNN", 1, 1),
        (2, 2): ("Khác", 1, 1),
        (0, 4): ("Ghi chú", 1, 1),
        (1, 4): ("2026", 2, 1),
    }


def test_header_grid_of_flat_columns_is_one_row() -> None:
    assert header_grid(["A", "B"])[0] == 1
    assert header_grid([]) == (0, [])


def test_capital_runs_become_headings_only_when_no_stage_marked_any() -> None:
    doc = Document(source="a.txt", input_kind="txt")
    doc.pages = [
        text_page(
            1,
            [
                ("paragraph", ["KẾ HOẠCH"]),
                ("paragraph", ["Thực hiện Quyết định số 996/QĐ-TTg."]),
                ("paragraph", ["I. MỤC ĐÍCH, YÊU CẦU"]),
                ("paragraph", ["523/QĐ-UBND"]),
            ],
        )
    ]
    kinds = [(b.kind, b.text) for b in text_blocks(doc)]
    assert kinds == [
        ("heading", "KẾ HOẠCH"),
        ("paragraph", "Thực hiện Quyết định số 996/QĐ-TTg."),
        ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("paragraph", "523/QĐ-UBND"),  # a number, not a heading
    ]
    doc.pages[0].blocks[1].kind = "heading"  # a structure stage has spoken: trust it only
    assert [b.kind for b in text_blocks(doc)] == ["paragraph", "heading", "paragraph", "paragraph"]


def test_flattened_appendix_text_gives_way_to_the_extracted_tables() -> None:
    doc = budget_document()
    doc.pages[0] = text_page(
        1,
        [
            ("paragraph", ["(Chi tiết tại Phụ lục II kèm theo)."]),
            ("paragraph", ["PHỤ LỤC II"]),  # the caption, as the flattened text gives it
            ("paragraph", ["DỰ TOÁN KINH PHÍ"]),
            ("paragraph", ["Kiểm định phương tiện đo"]),
            ("paragraph", ["300"]),
        ],
    )
    assert [b.text for b in text_blocks(doc)] == ["(Chi tiết tại Phụ lục II kèm theo)."]
    doc.tables = []  # nothing extracted: the text is all there is, keep it
    assert len(text_blocks(doc)) == 5


def test_double_spaced_text_input_joins_unfinished_paragraphs() -> None:
    doc = Document(source="a.txt", input_kind="txt")
    doc.pages = [
        text_page(
            1,
            [
                ("paragraph", ["a) Tăng cường hoạt động bồi dưỡng nhân lực về tiêu chuẩn,"]),
                ("paragraph", ["đo lường, chất lượng phục vụ công tác công an;"]),
                ("paragraph", ["b) Tăng cường đầu tư thiết bị đo lường trong ngành"]),
                ("paragraph", ["Công an nhân dân."]),  # capitalised: not taken as a continuation
            ],
        )
    ]
    assert [b.text for b in text_blocks(doc)] == [
        "a) Tăng cường hoạt động bồi dưỡng nhân lực về tiêu chuẩn, đo lường, chất lượng phục vụ "
        "công tác công an;",
        "b) Tăng cường đầu tư thiết bị đo lường trong ngành",
        "Công an nhân dân.",
    ]


def test_a_scanned_appendix_keeps_its_intro_and_leaves_out_only_the_table_region() -> None:
    """Tables read from a scan have boxes: the paragraph under the "PHỤ LỤC" caption is
    text (the writers print only the table's caption, title and "Kèm theo" line with it)."""
    doc = budget_document()
    texts = ["PHỤ LỤC", "Nội dung nhiệm vụ triển khai Đề án trên địa bàn tỉnh", "TT Nội dung 300"]
    page = Page(number=1, width=1000, height=1400, dpi=100)
    for n, text in enumerate(texts):
        top = 100 + 200 * n
        first = len(page.words)
        for k, token in enumerate(text.split()):
            page.words.append(Word(token, (100 + 60 * k, top, 150 + 60 * k, top + 30)))
        box = (100.0, float(top), 150.0 + 60 * (len(text.split()) - 1), top + 30.0)
        page.lines.append(Line(list(range(first, len(page.words))), box))
        page.blocks.append(Block([n], box))
    doc.pages = [page]
    table = doc.tables[0]
    table.caption, table.title, table.attached_to = "PHỤ LỤC", None, None
    table.pages, table.bbox = [1], (80.0, 480.0, 900.0, 700.0)
    assert [b.text for b in text_blocks(doc)] == [
        "Nội dung nhiệm vụ triển khai Đề án trên địa bàn tỉnh"
    ]
