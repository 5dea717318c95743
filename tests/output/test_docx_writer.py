"""DOCX: reopened with python-docx for structure, converted by LibreOffice to prove it opens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pdfplumber
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import _Cell
from writer_documents import budget_document, budget_table, letter

from sohoa.model import Block, Document, Line, Table, TableRow, Word
from sohoa.output.docx_writer import write_docx
from sohoa.output.writers import WRITERS

Files = dict[str, tuple[Path, Path]]


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_title_block_is_centred_bold_and_the_body_justified(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    paragraphs = [p for p in word.paragraphs if p.text]
    kind, summary, first = paragraphs[:3]
    assert kind.text == "KẾ HOẠCH" and summary.text == budget_document().metadata.trich_yeu
    for paragraph in (kind, summary):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in paragraph.runs)
    assert first.text.startswith("Thực hiện Quyết định số 523/QĐ-UBND")
    assert first.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= first.paragraph_format.first_line_indent <= Mm(12.7)
    assert not any(run.bold for run in first.runs)


def test_no_python_docx_default_styles_show(docx_as_pdf: Files) -> None:
    """No 26 pt blue Title, no blue headings, no literal markdown: Normal and tables only."""
    for stem in ("budget", "scan", "letter"):
        word = docx.Document(str(docx_as_pdf[stem][0]))
        assert {p.style.name for p in word.paragraphs} == {"Normal"}
        assert not any("**" in p.text for p in word.paragraphs)
        colours = {
            run.font.color.rgb for p in word.paragraphs for run in p.runs if run.font.color.type
        }
        assert colours <= {RGBColor(0, 0, 0)}
        sizes = {run.font.size.pt for p in word.paragraphs for run in p.runs if run.font.size}
        assert sizes <= {11, 12, 13, 14}


def test_page_is_a4_with_nd30_margins_and_times_new_roman(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["letter"][0]))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = word.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)


def cell_lines(cell: _Cell) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of the cell's non-empty paragraphs, each centred unless noted."""
    return [
        (p.text, all(r.bold for r in p.runs), all(r.italic for r in p.runs))
        for p in cell.paragraphs
        if p.text
    ]


def test_header_is_a_borderless_two_column_table(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["letter"][0]))
    header = word.tables[0]
    assert len(header.columns) == 2 and len(header.rows) == 1
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert left.width < right.width
    assert cell_lines(left) == [
        ("ỦY BAN NHÂN DÂN", True, False),
        ("HUYỆN TĨNH GIA", True, False),
        ("Số: 1113/UBND-LĐTBXH", False, False),
        ("V/v triển khai hỗ trợ người dân gặp khó khăn", False, False),
        ("do đại dịch Covid-19", False, False),
    ]
    assert cell_lines(right) == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
        ("Độc lập - Tự do - Hạnh phúc", True, False),
        ("Tĩnh Gia, ngày 16 tháng 4 năm 2020", False, True),
    ]
    for cell in (left, right):
        assert {p.alignment for p in cell.paragraphs if p.text} == {WD_ALIGN_PARAGRAPH.CENTER}
    # the short rules under the issuer and the motto
    ruled = [
        p for c in (left, right) for p in c.paragraphs if p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(ruled) == 2


def test_closing_puts_recipients_left_and_the_signature_right(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["letter"][0]))
    closing = word.tables[-1]
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    assert cell_lines(left) == [
        ("Nơi nhận:", True, True),
        ("- Như trên;", False, False),
        ("- Lưu: VT.", False, False),
    ]
    assert left.paragraphs[0].runs[0].font.size == Pt(12)
    assert left.paragraphs[1].runs[0].font.size == Pt(11)
    assert cell_lines(right) == [
        ("KT. CHỦ TỊCH", True, False),
        ("PHÓ CHỦ TỊCH", True, False),
        ("Lê Đình Tùng", True, False),
    ]
    texts = [p.text for p in right.paragraphs]
    assert texts[2:6] == [""] * 4  # room for the signature and the seal
    body = [p.text for p in word.paragraphs if p.text]
    assert body[0].startswith("Kính gửi:") and body[-1].endswith("thực hiện./.")


def test_core_properties_describe_the_document(tmp_path: Path) -> None:
    doc = letter()
    doc.metadata.co_quan_ban_hanh.ten = "ỦY BAN NHÂN DÂN HUYỆN TĨNH GIA"
    doc.metadata.loai_van_ban = "Công văn"
    doc.metadata.trich_yeu = "Về việc tăng cường quản lý " * 30  # ~800 characters
    props = docx.Document(str(write_docx(doc, tmp_path, "long")[0])).core_properties
    assert len(props.title) <= 255 and props.title.startswith("Công văn: Về việc")
    assert len(props.subject) <= 255
    assert props.author == "ỦY BAN NHÂN DÂN HUYỆN TĨNH GIA"
    assert props.created.date() == dt.date(2020, 4, 16)
    assert props.last_modified_by == "sohoa" and props.language == "vi-VN"
    assert props.keywords == "1113/UBND-LĐTBXH" and props.category == "Công văn"
    unknown = docx.Document(str(write_docx(budget_document(), tmp_path, "b")[0])).core_properties
    assert unknown.created.date() == dt.date(2025, 8, 28)
    assert unknown.author == ""  # no issuer read: nothing rather than "python-docx"


def test_table_header_is_merged_from_joined_column_names(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    assert len(word.tables) == 1
    grid = word.tables[0]
    assert len(grid.columns) == 7 and len(grid.rows) == 2 + 5
    # "Năm 2026" spans its two leaves; "TT" spans both header rows
    assert grid.cell(0, 3)._tc is grid.cell(0, 4)._tc and grid.cell(0, 3).text == "Năm 2026"
    assert grid.cell(0, 5).text == "Năm 2027" and grid.cell(0, 4)._tc is not grid.cell(0, 5)._tc
    assert [grid.cell(1, c).text for c in range(3, 7)] == ["NSNN", "Khác", "NSNN", "Khác"]
    assert grid.cell(0, 0)._tc is grid.cell(1, 0)._tc and grid.cell(0, 0).text == "TT"
    # a section row spans the full width
    assert all(grid.cell(2, c)._tc is grid.cell(2, 0)._tc for c in range(7))
    assert grid.cell(2, 0).text == "I. Hoạt động đo lường"
    assert [grid.cell(3, c).text for c in range(3)] == ["1", "Kiểm định phương tiện đo", "300"]
    # header rows repeat on each page
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # the caption, title, "Kèm theo" and unit lines stay on the page of the table
    before = [p for p in word.paragraphs if p.text][-4:]
    assert before[0].text == "Phụ lục II" and before[-1].text == "Đơn vị tính: Triệu đồng"
    assert all(p.paragraph_format.keep_with_next for p in before)


def column_widths(grid: docx.table.Table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in grid._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_table_columns_are_sized_from_their_content(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    grid, section = word.tables[0], word.sections[-1]
    widths = column_widths(grid)  # twips
    usable = Emu(section.page_width - section.left_margin - section.right_margin).twips
    assert abs(sum(widths) - usable) <= len(widths)  # the table fills the text width
    assert min(widths) >= Mm(10).twips  # no column too narrow to read (the STT column was 210)
    stt, content = widths[0], widths[1]
    assert content == max(widths) and content > 2 * stt  # the text column gets the room
    assert grid._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    for row in grid.rows:  # every cell says the width of the columns it spans
        spans = [(tc.grid_span, tc.width.twips) for tc in row._tr.tc_lst]
        col = 0
        for span, width in spans:
            assert abs(width - sum(widths[col : col + span])) <= span
            col += span
    # numbers right-aligned, the STT column centred
    assert grid.cell(3, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert grid.cell(3, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_many_long_columns_share_the_page_without_dropping_under_the_minimum(
    tmp_path: Path,
) -> None:
    columns = ["STT", *(f"Nhiệm vụ trọng tâm số {n}" for n in range(1, 12))]
    long_text = "Tổ chức triển khai thực hiện các nhiệm vụ được giao theo đúng tiến độ"
    rows = [TableRow(cells=[str(n), *([long_text] * 11)]) for n in range(1, 4)]
    doc = Document(source="wide.txt", input_kind="txt", tables=[Table(columns=columns, rows=rows)])
    word = docx.Document(str(write_docx(doc, tmp_path, "wide")[0]))
    widths = column_widths(word.tables[0])
    section = word.sections[-1]
    assert section.orientation == WD_ORIENT.LANDSCAPE and len(word.sections) == 1
    assert min(widths) >= Mm(10).twips - 2
    usable = Emu(section.page_width - section.left_margin - section.right_margin).twips
    assert abs(sum(widths) - usable) <= len(widths)


def test_wide_table_gets_a_landscape_section(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    first, last = word.sections[0], word.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and first.page_width < first.page_height
    assert last.orientation == WD_ORIENT.LANDSCAPE and last.page_width > last.page_height


def test_styles_name_a_vietnamese_font_for_every_script(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    for rpr in (word.styles["Normal"].element.rPr, word.styles["Table Grid"].element.rPr, defaults):
        fonts = rpr.find(qn("w:rPr")) if rpr.tag == qn("w:rPrDefault") else rpr
        fonts = fonts.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            "Times New Roman"
        }
        assert fonts.get(qn("w:asciiTheme")) is None


def test_libreoffice_opens_it_and_the_vietnamese_text_survives(docx_as_pdf: Files) -> None:
    _, pdf = docx_as_pdf["budget"]
    text = " ".join(pdf_text(pdf).split())  # lines wrap where the page width says
    for phrase in (
        "của Ủy ban nhân dân tỉnh",
        "đổi mới hoạt động đo lường",
        "Kiểm định phương tiện đo",
    ):
        assert phrase in text
    assert "Năm 2026" in text and "DỰ TOÁN KINH PHÍ" in text
    with pdfplumber.open(pdf) as rendered:
        last = rendered.pages[-1]
        assert last.width > last.height  # the landscape table page


def test_libreoffice_opens_the_scanned_and_the_empty_document(
    docx_as_pdf: Files, scanned_doc: Document
) -> None:
    rendered = " ".join(pdf_text(docx_as_pdf["scan"][1]).split())
    page = scanned_doc.pages[0]
    for line in page.lines:
        assert page.line_text(line) in rendered
    assert docx_as_pdf["empty"][1].exists()


def test_wrapped_lines_join_and_short_lines_end_paragraphs(
    docx_as_pdf: Files, scanned_doc: Document
) -> None:
    page = scanned_doc.pages[0]
    header, body = page.blocks[0], page.blocks[1]
    paragraphs = [p.text for p in docx.Document(str(docx_as_pdf["scan"][0])).paragraphs]
    for index in header.lines:  # centred header lines: one paragraph each
        assert page.line_text(page.lines[index]) in paragraphs
    wrapped = " ".join(page.line_text(page.lines[i]) for i in body.lines)
    assert wrapped in paragraphs  # a justified paragraph: its lines joined
    word = docx.Document(str(docx_as_pdf["scan"][0]))
    bold = [p.text for p in word.paragraphs if p.runs and all(r.bold for r in p.runs)]
    assert "KẾ HOẠCH" in bold and wrapped not in bold  # capitals guessed as headings


def test_grid_only_table_keeps_the_found_spans(tmp_path: Path) -> None:
    found = budget_table()
    table = Table(caption="Bảng", cells=found.cells)
    doc = Document(source="a.txt", input_kind="txt", tables=[table])
    grid = docx.Document(str(write_docx(doc, tmp_path, "grid")[0])).tables[0]
    assert len(grid.rows) == 3 and len(grid.columns) == 4
    assert grid.cell(0, 2)._tc is grid.cell(0, 3)._tc and grid.cell(0, 2).text == "Năm 2026"
    assert grid.cell(0, 0)._tc is grid.cell(1, 0)._tc
    assert grid.cell(2, 1).text == "Kiểm định"


def test_what_a_row_read_that_no_cell_takes_is_a_note_under_the_table(tmp_path: Path) -> None:
    """Old OCR's amounts beyond the amount columns (``TableRow.unplaced``) are written under
    the table with their row, so the DOCX holds every value the JSON holds."""
    table = budget_table()
    table.rows[-1].unplaced = "20 12"
    doc = Document(source="a.txt", input_kind="txt", tables=[table])
    word = docx.Document(str(write_docx(doc, tmp_path, "unplaced")[0]))
    (note,) = [p for p in word.paragraphs if p.text.startswith("Chưa xếp vào ô")]
    assert note.text == f"Chưa xếp vào ô — dòng {len(table.rows)}: 20 12"
    assert all(r.italic for r in note.runs)


def test_control_characters_from_old_ocr_do_not_break_the_file(tmp_path: Path) -> None:
    doc = budget_document()
    doc.pages[0].words[0].text = "K\x0cẾ\x00"
    word = docx.Document(str(write_docx(doc, tmp_path, "ctl")[0]))
    assert any(p.text == "KẾ HOẠCH" for p in word.paragraphs)


def test_registered_as_docx() -> None:
    assert WRITERS["docx"] is write_docx


def test_markdown_bold_from_a_text_export_becomes_bold(tmp_path: Path) -> None:
    doc = budget_document()
    doc.pages[0].words[-1].text = "**Ninh.**"
    word = docx.Document(str(write_docx(doc, tmp_path, "md")[0]))
    (last,) = [p for p in word.paragraphs if "Bắc Ninh." in p.text]
    assert last.text.endswith("trên địa bàn tỉnh Bắc Ninh.") and "**" not in last.text
    assert [r.text for r in last.runs if r.bold] == ["Ninh."]


def test_each_following_document_starts_a_page(tmp_path: Path) -> None:
    doc = letter()
    doc.pages[0].blocks.append(Block(kind="heading"))
    first = len(doc.pages[0].lines)
    for n, text in enumerate(["KẾ HOẠCH", "Triển khai hỗ trợ người dân"]):
        doc.pages[0].words.extend(Word(t, origin="txt") for t in text.split())
        words = list(range(len(doc.pages[0].words) - len(text.split()), len(doc.pages[0].words)))
        doc.pages[0].lines.append(Line(words=words))
        doc.pages[0].blocks[-1].lines.append(first + n)
    word = docx.Document(str(write_docx(doc, tmp_path, "two")[0]))
    assert len(word.sections) == 2
    paragraphs = word.paragraphs
    end = next(
        i for i, p in enumerate(paragraphs) if p._p.pPr is not None and p._p.pPr.sectPr is not None
    )
    assert next(p.text for p in paragraphs[end + 1 :] if p.text) == "KẾ HOẠCH"
    assert "KẾ HOẠCH" not in [p.text for p in paragraphs[:end]]


def test_an_article_label_is_bold_and_its_text_regular(tmp_path: Path) -> None:
    doc = budget_document()
    first = doc.pages[0].lines[doc.pages[0].blocks[-1].lines[0]].words[0]
    doc.pages[0].words[first].text = "Điều 2. Tổ"
    word = docx.Document(str(write_docx(doc, tmp_path, "article")[0]))
    (article,) = [p for p in word.paragraphs if p.text.startswith("Điều 2.")]
    assert [(r.text, bool(r.bold)) for r in article.runs][:2] == [
        ("Điều 2.", True),
        (" Tổ chức kiểm tra chất lượng hàng hóa trên địa bàn tỉnh Bắc Ninh.", False),
    ]
