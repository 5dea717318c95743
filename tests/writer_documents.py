"""Documents for the writer tests, built from the data model itself (no mocks, no OCR).

``letter`` is a công văn laid out as Nghị định 30/2020 prescribes, as old OCR or a text
export gives it (each header line holding both columns), with "Nơi nhận" and a signature.
``budget_document`` is a short plan as TXT ingest would give it (no page images), with a
restorer edit log and a Phụ lục table whose header has two levels, a section row, a grid of
found cells and an arithmetic mismatch.
"""

from __future__ import annotations

from decimal import Decimal

from sohoa.model import (
    Alternative,
    Block,
    Cell,
    Document,
    Edit,
    Line,
    Metadata,
    Mismatch,
    Page,
    Table,
    TableRow,
    Validation,
    Word,
)

BODY = [
    ("heading", ["KẾ HOẠCH"]),
    ("heading", ["Nâng cao năng suất và chất lượng sản phẩm giai đoạn 2026-2030"]),
    (
        "paragraph",
        [
            "Thực hiện Quyết định số 523/QĐ-UBND ngày 03/11/2020 của Ủy ban nhân dân tỉnh,",
            "Sở Khoa học và Công nghệ xây dựng kế hoạch đổi mới hoạt động đo lường.",
        ],
    ),
    ("paragraph", ["Tổ chức kiểm tra chất lượng hàng hóa trên địa bàn tỉnh Bắc Ninh."]),
]

# (word as restored, what the OCR had, confidence) — matched in order of appearance
CHANGES = [
    ("Thực", "Thuc", 0.97),
    ("đổi", "đối", 0.55),
    ("hoạt", "hoat", 0.92),
    ("Tổ", "Tố", 0.74),
    ("kiểm", "kiếm", 0.41),
    ("lượng", "luong", 0.88),
]

COLUMNS = [
    "TT",
    "Nội dung",
    "Tổng cộng",
    "Năm 2026 / NSNN",
    "Năm 2026 / Khác",
    "Năm 2027 / NSNN",
    "Năm 2027 / Khác",
]


def text_page(number: int, body: list[tuple[str, list[str]]]) -> Page:
    page = Page(number=number, width=0, height=0, dpi=0, origin="txt")
    for kind, lines in body:
        block = Block(kind=kind)  # type: ignore[arg-type]
        for line_text in lines:
            first = len(page.words)
            page.words.extend(Word(text=t, origin="txt") for t in line_text.split())
            block.lines.append(len(page.lines))
            page.lines.append(Line(words=list(range(first, len(page.words)))))
        page.blocks.append(block)
    return page


def edits_for(page: Page, changes: list[tuple[str, str, float]]) -> list[Edit]:
    """One Edit per change, pointing at the first not-yet-used word with the restored text."""
    edits: list[Edit] = []
    used: set[int] = set()
    for result, original, confidence in changes:
        index = next(
            i for i, w in enumerate(page.words) if w.text.startswith(result) and i not in used
        )
        used.add(index)
        alternatives = [Alternative(result, confidence), Alternative(original, 1 - confidence)]
        edits.append(Edit(original, result, confidence, alternatives, page=page.number, word=index))
    return edits


def budget_table() -> Table:
    rows = [
        TableRow(section="I. Hoạt động đo lường"),
        TableRow(cells=["1", "Kiểm định phương tiện đo", "300", "100", "50", "100", "50"]),
        TableRow(cells=["2", "Đào tạo chuyên gia", "250", "100", "0", "100", "0"]),
        TableRow(section="II. Tổng cộng"),
        TableRow(cells=["", "Tổng", "550", "200", "50", "200", "50"]),
    ]
    cells = [
        Cell("TT", 0, 0, row_span=2),
        Cell("Nội dung", 0, 1, row_span=2),
        Cell("Năm 2026", 0, 2, col_span=2),
        Cell("NSNN", 1, 2),
        Cell("Khác", 1, 3),
        Cell("1", 2, 0),
        Cell("Kiểm định", 2, 1),
        Cell("100", 2, 2),
        Cell("50", 2, 3),
    ]
    mismatch = Mismatch(
        row=2,
        column="Tổng cộng",
        expected=Decimal(200),
        found=Decimal(250),
        message="Tổng cộng 250 ≠ 100 + 0 + 100 + 0 = 200",
        suggestion=Decimal(200),
    )
    return Table(
        kind="phu_luc_2",
        caption="Phụ lục II",
        title="DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH",
        attached_to="(Kèm theo Kế hoạch số 49/KH-UBND ngày 28/8/2025 của UBND tỉnh)",
        unit="Triệu đồng",
        pages=[1],
        columns=list(COLUMNS),
        rows=rows,
        cells=cells,
        validation=Validation(ok=False, checked=4, mismatches=[mismatch]),
        source="tsv",
    )


def budget_document() -> Document:
    page = text_page(1, BODY)
    return Document(
        source="ke-hoach-49.txt",
        input_kind="txt",
        pages=[page],
        metadata=Metadata(
            so_hieu="49/KH-UBND",
            loai_van_ban="Kế hoạch",
            ngay_ban_hanh="2025-08-28",
            trich_yeu="Nâng cao năng suất và chất lượng sản phẩm giai đoạn 2026-2030",
        ),
        tables=[budget_table()],
        edits=edits_for(page, CHANGES),
    )


# a công văn as old OCR or a text export gives it: each header line holds both columns
LETTER = [
    (
        "paragraph",
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "HUYỆN TĨNH GIA Độc lập - Tự do - Hạnh phúc",
            "Số: 1113/UBND-LĐTBXH Tĩnh Gia, ngày 16 tháng 4 năm 2020",
            "V/v triển khai hỗ trợ người dân gặp khó khăn",
            "do đại dịch Covid-19",
        ],
    ),
    ("paragraph", ["Kính gửi: Ủy ban nhân dân các xã, thị trấn."]),
    (
        "paragraph",
        [
            "Thực hiện Nghị quyết số 42/NQ-CP ngày 09/4/2020 của Chính phủ về các biện pháp hỗ "
            "trợ người dân gặp khó khăn do đại dịch Covid-19, Chủ tịch UBND huyện yêu cầu:",
        ],
    ),
    ("paragraph", ["Yêu cầu Ủy ban nhân dân các xã nghiêm túc thực hiện./."]),
    ("paragraph", ["Nơi nhận: KT. CHỦ TỊCH", "- Như trên; PHÓ CHỦ TỊCH", "- Lưu: VT."]),
    ("paragraph", ["Lê Đình Tùng"]),
]


def letter() -> Document:
    return Document(
        source="cv-1113.txt",
        input_kind="txt",
        pages=[text_page(1, LETTER)],
        metadata=Metadata(
            so_hieu="1113/UBND-LĐTBXH",
            ngay_ban_hanh="2020-04-16",
            trich_yeu="V/v triển khai hỗ trợ người dân gặp khó khăn do đại dịch Covid-19",
        ),
    )
