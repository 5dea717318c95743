"""DOCX laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays out an administrative document.

- A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, black, the
  body in 14 pt, justified, with a 1.27 cm first-line indent and 6 pt between paragraphs.
- The header as a borderless two-column table: the parent body (regular) and the issuer
  (bold) in capitals, a short rule, "Số: …" and a công văn's "V/v …" on the left; the national
  title (bold, 12 pt), the motto (bold, 13 pt, ruled underneath) and the place and date
  (italic) on the right, each centred in its column.
- The type and summary centred and bold, a short rule under them.
- The closing as a borderless two-column table: "Nơi nhận:" (bold italic, 12 pt) and its list
  (11 pt) on the left; the signature block (TM./KT. lines and position bold, room for the
  signature, the name bold) on the right.
- Appendix tables (Phụ lục) on a page of their own (landscape when wide), with the
  multi-level header rebuilt from the joined column names ("Năm 2026 / NSNN") with merged
  parent cells, repeated at the top of each page; column widths from their content, none
  under 10 mm (``docx_tables``).

Which text is the header, the title, the body or the closing is decided by
``official_layout.document_parts`` from the text itself; what it does not recognise is body
text, so nothing is dropped. Only the Normal and Table Grid styles are used (no Title or
Heading styles from python-docx's template), both in Times New Roman for every script. The
core properties say what the document is: its title (at most 255 characters), the issuer as
author, the issue date as the creation date. Page set-up, fonts, runs and rules:
``docx_style``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from sohoa.extract.layout_marks import (
    AUTHORITY,
    NATIONAL_TITLE,
    NUMBER,
    SUMMARY,
    opens_recipients,
    phrase_at,
)
from sohoa.model import Document
from sohoa.output.docx_style import (
    BODY_SIZE,
    PARAGRAPH_SPACING,
    add_runs,
    borderless_table,
    cell_paragraph,
    centred_line,
    is_caps,
    page_setup,
    short_rule,
    text_width,
    use_vietnamese_font,
)
from sohoa.output.docx_tables import add_table_section
from sohoa.output.files import write_atomic
from sohoa.output.layout import document_title, nfc
from sohoa.output.official_layout import document_parts
from sohoa.output.official_parts import BodyParagraph, DocumentParts

FIRST_LINE_INDENT = Mm(12.7)
HEADER_LEFT_SHARE = 0.42  # of the text width: the issuer's column
CLOSING_LEFT_SHARE = 0.45  # the "Nơi nhận" column
SIGNATURE_ROOM = 4  # empty lines left for the signature and the seal
CORE_TEXT_MAX = 255  # Word's limit on a core property's text

ARTICLE_LABEL = re.compile(r"^Điều\s+\d+[a-z]?\s*[.:]")


def write_docx(doc: Document, outdir: Path, stem: str) -> list[Path]:
    buffer = io.BytesIO()
    build_docx(doc).save(buffer)
    path = Path(outdir) / f"{stem}.docx"
    write_atomic(path, buffer.getvalue())
    return [path]


def build_docx(doc: Document) -> WordDocument:
    word = docx.Document()
    page_setup(word.sections[0], landscape=False)
    use_vietnamese_font(word)
    _set_core_properties(word, doc)
    body = word.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph
        body.remove(paragraph)
    parts: DocumentParts | None = document_parts(doc)
    while parts is not None:
        _add_header(word, parts, doc)
        _add_title(word, parts)
        for paragraph in parts.body:
            _add_body_paragraph(word, paragraph)
        _add_closing(word, parts)
        parts = parts.following
        if parts is not None:  # the next document or appendix starts a page
            page_setup(word.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    for number, table in enumerate(doc.tables, start=1):
        add_table_section(word, table, number)
    return word


# --- page, fonts, properties ----------------------------------------------------------------


def _set_core_properties(word: WordDocument, doc: Document) -> None:
    meta = doc.metadata
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = word.core_properties
    props.title = _bounded(document_title(doc))
    props.subject = _bounded(meta.trich_yeu or "")
    props.author = _bounded(meta.co_quan_ban_hanh.ten or "")
    props.keywords = _bounded(meta.so_hieu or "")
    props.category = _bounded(meta.loai_van_ban or "")
    props.comments = _bounded(f"sohoa: restored from {Path(doc.source).name}")
    props.last_modified_by = "sohoa"
    props.language = "vi-VN"
    props.revision = 1
    props.created = _issue_date(meta.ngay_ban_hanh) or now
    props.modified = now
    props.last_printed = props.created


def _issue_date(iso: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(iso or "", "%Y-%m-%d")
    except ValueError:
        return None


def _bounded(text: str) -> str:
    text = " ".join(nfc(text).split())
    return text if len(text) <= CORE_TEXT_MAX else text[: CORE_TEXT_MAX - 1] + "…"


# --- header, title, body, closing -----------------------------------------------------------


def _add_header(word: WordDocument, parts: DocumentParts, doc: Document) -> None:
    if not (parts.header_left or parts.header_right):
        return
    width = text_width(word)
    left_width = Emu(int(width * HEADER_LEFT_SHARE))
    grid = borderless_table(word, [left_width, Emu(width - left_width)])
    left, right = grid.cell(0, 0), grid.cell(0, 1)
    parent = " ".join((doc.metadata.co_quan_ban_hanh.cap_tren or "").upper().split())
    issuer_ended = False
    for text in parts.header_left:
        if NUMBER.match(text) or SUMMARY.match(text):
            if not issuer_ended and left.paragraphs[-1].text:
                short_rule(cell_paragraph(left), left_width, share=0.4)
            issuer_ended = True
        if NUMBER.match(text):
            centred_line(cell_paragraph(left), text, Pt(13), space_before=Pt(6))
        elif issuer_ended or not is_caps(text):
            centred_line(cell_paragraph(left), text, Pt(12))  # the V/v summary, or unrecognised
        else:
            is_parent = bool(parent) and " ".join(text.upper().split()) == parent
            centred_line(cell_paragraph(left), text, Pt(12), bold=not is_parent)
    for text in parts.header_right:
        if phrase_at(text, NATIONAL_TITLE) is not None:
            centred_line(cell_paragraph(right), text, Pt(12), bold=True)
        elif "độc lập" in text.lower():
            centred_line(cell_paragraph(right), text, Pt(13), bold=True)
            short_rule(cell_paragraph(right), Emu(width - left_width), share=0.58)
        elif "ngày" in text.lower():
            centred_line(cell_paragraph(right), text, Pt(14), italic=True, space_before=Pt(6))
        else:
            centred_line(cell_paragraph(right), text, Pt(13))


def _add_title(word: WordDocument, parts: DocumentParts) -> None:
    if not parts.title:
        return
    kind, *summary = parts.title
    centred_line(word.add_paragraph(), kind, BODY_SIZE, bold=True, space_before=Pt(18))
    for text in summary:
        centred_line(word.add_paragraph(), text, BODY_SIZE, bold=True)
    short_rule(word.add_paragraph(), text_width(word), share=0.3)


def _add_body_paragraph(word: WordDocument, paragraph: BodyParagraph) -> None:
    out = word.add_paragraph()
    fmt = out.paragraph_format
    fmt.space_before = PARAGRAPH_SPACING
    label = ARTICLE_LABEL.match(paragraph.text) if paragraph.kind == "paragraph" else None
    if label:  # ND30 sets an article's label ("Điều 1.") in bold, its text regular
        add_runs(out, label.group(0), BODY_SIZE, bold=True)
        add_runs(out, paragraph.text[label.end() :], BODY_SIZE)
    else:
        add_runs(out, paragraph.text, BODY_SIZE, bold=paragraph.kind == "heading")
    if paragraph.kind == "addressee":
        fmt.left_indent = Mm(25)
        return
    if paragraph.align == "centre":
        out.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        out.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = FIRST_LINE_INDENT


def _add_closing(word: WordDocument, parts: DocumentParts) -> None:
    if not (parts.closing_left or parts.closing_right):
        return
    width = text_width(word)
    left_width = Emu(int(width * CLOSING_LEFT_SHARE))
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_before = PARAGRAPH_SPACING
    grid = borderless_table(word, [left_width, Emu(width - left_width)])
    left, right = grid.cell(0, 0), grid.cell(0, 1)
    for text in parts.closing_left:
        paragraph = cell_paragraph(left)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if opens_recipients(text):
            add_runs(paragraph, text, Pt(12), bold=True, italic=True)
        else:
            add_runs(paragraph, text, Pt(11))
    names = [t for t in parts.closing_right if not is_caps(t)]
    name = names[-1] if names else None
    for text in parts.closing_right:
        if text is name:
            for _ in range(SIGNATURE_ROOM):
                cell_paragraph(right)
            centred_line(cell_paragraph(right), text, BODY_SIZE, bold=True)
        else:
            authority = AUTHORITY.match(text) is not None or is_caps(text)
            centred_line(cell_paragraph(right), text, BODY_SIZE, bold=authority)
