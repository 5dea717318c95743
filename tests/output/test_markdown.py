"""The Markdown writer, read back with a real CommonMark + GFM-table parser (markdown-it-py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from sohoa.model import Block, Document, Line, Mismatch, Page, Table, TableRow, Validation, Word
from sohoa.ocr.text_reader import text_to_pages
from sohoa.output.markdown import document_markdown, escape
from sohoa.output.writers import WRITERS, write_outputs
from sohoa.pipeline import convert_document
from sohoa.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEED_001 = next((ROOT / "corpus" / "seeds").glob("001_*.txt"))
PARSER = MarkdownIt("commonmark").enable("table")


def headings(markdown: str) -> list[tuple[str, str]]:
    tokens = PARSER.parse(markdown)
    return [
        (token.tag, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def test_seed_plan_gets_type_heading_sections_and_rejoined_paragraphs(tmp_path: Path) -> None:
    doc = convert_document(SEED_001, Settings(restore=False, extract_tables=False))
    [path] = write_outputs(doc, tmp_path, "plan", ("md",))
    markdown = path.read_text(encoding="utf-8")
    found = headings(markdown)
    assert found[0] == ("h1", "KẾ HOẠCH")
    assert ("h2", "I. MỤC ĐÍCH, YÊU CẦU") in found
    assert ("h2", "V. TỔ CHỨC THỰC HIỆN") in found
    assert not any("CHỦ TỊCH" in text for _, text in found)  # the signature is no heading
    # the source puts a blank line after every line; a sentence is one paragraph again
    html = PARSER.render(markdown)
    assert "Quyết định số\n1703/QĐ-TTg. Tạo chuyển biến" in html
    assert "<hr />" in html  # the rule under the title
    assert list(tmp_path.iterdir()) == [path]  # written atomically: no temporary left


def test_markdown_is_registered_and_selected_from_the_command_line(tmp_path: Path) -> None:
    assert "md" in WRITERS
    source = tmp_path / "qd.txt"
    source.write_text("QUYẾT ĐỊNH\n\nVề việc *thử* ban hành_quy chế\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", str(source), "-o",
         str(tmp_path / "out"), "--formats", "md", "--no-restore"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "qd.md").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "qd.json").exists()
    html = PARSER.render(markdown)
    assert "<h1>QUYẾT ĐỊNH</h1>" in html
    assert "Về việc *thử* ban hành_quy chế" in html  # shown as written, no emphasis


def test_escape_keeps_text_literal() -> None:
    for text in ["# not a heading", "**bold?**", "a | b", "---", "> quote", "1_000_000 <b>"]:
        html = PARSER.render(escape(text))
        assert html.startswith("<p>") and "<strong>" not in html and "<h" not in html
        assert "<hr" not in html and "<blockquote>" not in html


APPENDIX_TEXT = """KẾ HOẠCH

Nội dung chính của kế hoạch.

Phụ lục I

DỰ TOÁN KINH PHÍ

STT
Nội dung
Tổng
1
Hỗ trợ doanh nghiệp
2450
"""


def appendix_table() -> Table:
    return Table(
        kind="phu_luc_2",
        caption="Phụ lục I",
        title="DỰ TOÁN KINH PHÍ",
        unit="Triệu đồng",
        columns=["STT", "Nội dung", "Tổng"],
        rows=[
            TableRow(section="I. Giai đoạn 2026"),
            TableRow(cells=["1", "Hỗ trợ | tư vấn", "2450"]),
        ],
        validation=Validation(
            ok=False, checked=1, mismatches=[Mismatch(1, "Tổng", 2450, 2255, "tổng các năm 2255")]
        ),
    )  # fmt: skip


def test_text_table_region_becomes_one_gfm_table_with_a_section_row() -> None:
    doc = Document(source="x.txt", input_kind="txt", pages=text_to_pages(APPENDIX_TEXT))
    doc.tables.append(appendix_table())
    markdown = document_markdown(doc)
    tokens = PARSER.parse(markdown)
    cells = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type in ("th_open", "td_open")
    ]
    assert cells[:3] == ["STT", "Nội dung", "Tổng"]
    assert cells[3:6] == ["**I. Giai đoạn 2026**", "", ""]
    assert cells[6:9] == ["1", "Hỗ trợ | tư vấn", "2450"]  # the pipe escaped, not a cell edge
    assert "<strong>I. Giai đoạn 2026</strong>" in PARSER.render(markdown)
    assert "Hỗ trợ doanh nghiệp" not in markdown  # the flattened fragments are replaced
    assert ("h1", "Phụ lục I") in headings(markdown)
    assert "dòng 2, cột Tổng: tổng các năm 2255" in markdown
    assert "Nội dung chính của kế hoạch." in markdown


def test_what_a_row_read_that_no_cell_takes_is_a_last_column() -> None:
    """Old OCR's amounts beyond the amount columns (``TableRow.unplaced``) are shown in a
    column "Chưa xếp vào ô" of their own, empty for the rows with nothing aside."""
    table = Table(
        kind="phu_luc_2",
        columns=["STT", "Nội dung", "Tổng"],
        rows=[
            TableRow(section="I. Giai đoạn 2026"),
            TableRow(cells=["1", "Hỗ trợ tư vấn", "2450"], unplaced="20 12"),
            TableRow(cells=["2", "Tập huấn"]),
        ],
    )
    doc = Document(source="x.txt", input_kind="txt", tables=[table])
    tokens = PARSER.parse(document_markdown(doc))
    cells = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type in ("th_open", "td_open")
    ]
    assert cells[:4] == ["STT", "Nội dung", "Tổng", "Chưa xếp vào ô"]
    assert cells[4:8] == ["**I. Giai đoạn 2026**", "", "", ""]
    assert cells[8:12] == ["1", "Hỗ trợ tư vấn", "2450", "20 12"]
    assert cells[12:16] == ["2", "Tập huấn", "", ""]


def test_scanned_page_table_replaces_the_blocks_inside_its_box() -> None:
    words = [
        Word("Lời", (10, 10, 40, 20)),
        Word("dẫn.", (45, 10, 80, 20)),
        Word("ô", (20, 60, 30, 70)),
    ]
    page = Page(
        number=1, width=500, height=500, dpi=200, words=words,
        lines=[Line([0, 1], (10, 10, 80, 20)), Line([2], (20, 60, 30, 70))],
        blocks=[Block([0], (10, 10, 80, 20)), Block([1], (20, 60, 30, 70))],
    )  # fmt: skip
    table = appendix_table()
    table.caption, table.pages, table.bbox = None, [1], (0, 50, 500, 400)
    doc = Document(source="scan.pdf", input_kind="scanned-pdf", pages=[page], tables=[table])
    markdown = document_markdown(doc)
    assert markdown.index("Lời dẫn.") < markdown.index("| STT |")
    assert "\nô\n" not in markdown and markdown.count("| STT |") == 1
