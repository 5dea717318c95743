"""Plain-text input: pages at form feeds; where an export joined them with blank lines, noted."""

from __future__ import annotations

from sohoa.model import JOINED_PAGES_AT
from sohoa.ocr.text_reader import page_joins, text_to_pages


def _page(name: str, paragraphs: int = 6) -> str:
    """A page of text: paragraphs of three lines with one blank line between them."""
    return "\n\n".join(
        f"{name} đoạn {k}, dòng một\ndòng hai của đoạn\ndòng ba." for k in range(paragraphs)
    )


def test_runs_of_blank_lines_that_joined_pages_are_noted():
    """Pages joined by four blank lines, the paragraphs by one: the text stays one page
    (restored as one text), the lines starting the second and third pages noted."""
    text = "\n\n\n\n\n".join(_page(p) for p in ("một", "hai", "ba"))
    [page] = text_to_pages(text)
    assert page.provenance[JOINED_PAGES_AT] == [18, 36]
    assert [page.line_text(page.lines[k]).split()[0] for k in (0, 18, 36)] == ["một", "hai", "ba"]


def test_a_long_gap_soon_after_the_start_or_a_signature_space_is_no_join():
    """Four blank lines after a title (not a page's worth of text above them) and three
    before a signer's name (a signature's space) stay on the page."""
    text = "TIÊU ĐỀ\n\n\n\n\n" + _page("một") + "\n\nPHÓ CHỦ TỊCH\n\n\n\nNguyễn Văn A\n"
    [page] = text_to_pages(text)
    assert JOINED_PAGES_AT not in page.provenance


def test_the_join_is_longer_than_the_texts_own_paragraph_gaps():
    """A text whose paragraphs are parted by two blank lines needs six to join pages: its
    four-line gaps are no joins, its six-line gap is."""
    page = _page("một").replace("\n\n", "\n\n\n")
    lines = (page + "\n\n\n\n\n" + page + "\n" * 7 + page).splitlines(keepends=True)
    joins = page_joins(lines)
    assert len(joins) == 1 and lines[joins[0]].startswith("một đoạn 0")


def test_form_feeds_are_the_pages_when_the_text_has_them():
    text = _page("một") + "\f" + _page("hai") + "\n\n\n\n\n" + _page("ba")
    pages = text_to_pages(text)
    assert len(pages) == 2 and not any(JOINED_PAGES_AT in p.provenance for p in pages)
