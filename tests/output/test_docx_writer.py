"""DOCX: reopened with python-docx for structure, converted by LibreOffice to prove it opens."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from writer_documents import budget_document, budget_table

from sohoa.model import Document, Table
from sohoa.output.docx_writer import write_docx
from sohoa.output.writers import WRITERS

Files = dict[str, tuple[Path, Path]]


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_headings_and_paragraphs_keep_their_text(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    styled = [(p.style.name, p.text) for p in word.paragraphs if p.text]
    assert styled[0] == ("Title", "Kế hoạch: " + budget_document().metadata.trich_yeu)
    assert ("Heading 1", "KẾ HOẠCH") in styled
    assert ("Heading 2", "Phụ lục II") in styled
    body = [text for style, text in styled if style == "Normal"]
    assert any(t.startswith("Thực hiện Quyết định số 523/QĐ-UBND") for t in body)
    assert word.core_properties.title.startswith("Kế hoạch")


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


def test_wide_table_gets_a_landscape_section(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    first, last = word.sections[0], word.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and first.page_width < first.page_height
    assert last.orientation == WD_ORIENT.LANDSCAPE and last.page_width > last.page_height


def test_styles_name_a_vietnamese_font_for_every_script(docx_as_pdf: Files) -> None:
    word = docx.Document(str(docx_as_pdf["budget"][0]))
    for name in ("Normal", "Heading 1", "Title"):
        fonts = word.styles[name].element.rPr.rFonts
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            "Times New Roman"
        }
        assert fonts.get(qn("w:asciiTheme")) is None


def test_libreoffice_opens_it_and_the_vietnamese_text_survives(docx_as_pdf: Files) -> None:
    _, pdf = docx_as_pdf["budget"]
    text = pdf_text(pdf)
    for phrase in (
        "Ủy ban nhân dân tỉnh",
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
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "KẾ HOẠCH" in headings and wrapped not in headings  # capitals guessed as headings


def test_grid_only_table_keeps_the_found_spans(tmp_path: Path) -> None:
    found = budget_table()
    table = Table(caption="Bảng", cells=found.cells)
    doc = Document(source="a.txt", input_kind="txt", tables=[table])
    grid = docx.Document(str(write_docx(doc, tmp_path, "grid")[0])).tables[0]
    assert len(grid.rows) == 3 and len(grid.columns) == 4
    assert grid.cell(0, 2)._tc is grid.cell(0, 3)._tc and grid.cell(0, 2).text == "Năm 2026"
    assert grid.cell(0, 0)._tc is grid.cell(1, 0)._tc
    assert grid.cell(2, 1).text == "Kiểm định"


def test_control_characters_from_old_ocr_do_not_break_the_file(tmp_path: Path) -> None:
    doc = budget_document()
    doc.pages[0].words[0].text = "K\x0cẾ\x00"
    word = docx.Document(str(write_docx(doc, tmp_path, "ctl")[0]))
    assert any(p.text == "KẾ HOẠCH" for p in word.paragraphs)


def test_registered_as_docx() -> None:
    assert WRITERS["docx"] is write_docx
