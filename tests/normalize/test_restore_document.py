"""normalize/restore.restore_document: a document's pages restored as the text they read."""

import pytest

from sohoa.model import Document, Line, Page, Word
from sohoa.normalize.restore import load_model, restore_document


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_restore_document_restores_a_page_line_by_line(restorer) -> None:
    # The page's lines reach the restorer as lines: a section numeral opening the second
    # line is a label there (normalize/options._section_numeral), and each edit still
    # lands on its own word, on either line.
    texts = ["Tang", "cuong", "cong", "tac", "VI.", "To", "chuc", "thuc", "hien"]
    words = [Word(t, origin="ocr") for t in texts]
    page = Page(
        number=1, width=0, height=0, words=words, lines=[Line([0, 1, 2, 3]), Line([4, 5, 6, 7, 8])]
    )
    doc = restore_document(Document(source="x", input_kind="image", pages=[page]), restorer)
    restored = [w.text for w in doc.pages[0].words]
    assert restored == ["Tăng", "cường", "công", "tác", "VI.", "Tổ", "chức", "thực", "hiện"]
    assert {(e.word, e.result) for e in doc.edits} == {
        (i, r) for i, r in enumerate(restored) if r != texts[i]
    }
