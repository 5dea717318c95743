"""The issuer's place name read in capitals takes the date line's marks, and only its marks."""

from __future__ import annotations

from sohoa.model import Document, Line, Page, Word
from sohoa.normalize.header_place import header_place_from_date_line


def page_of(lines: list[str], origin: str = "ocr") -> Document:
    """A one-page document of these lines, as Tesseract's lines (words in reading order)."""
    page = Page(number=1, width=2480, height=3508, dpi=300, origin=origin)  # type: ignore[arg-type]
    for text in lines:
        start = len(page.words)
        page.words += [Word(word) for word in text.split()]
        page.lines.append(Line(words=list(range(start, len(page.words)))))
    return Document(source="x.png", input_kind="image", pages=[page])


def words_of(doc: Document) -> str:
    return " ".join(word.text for word in doc.pages[0].words)


def test_capitals_take_the_date_lines_marks_across_the_other_column() -> None:
    doc = page_of(
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "ỦY BAN NHÂN DÂN XÃ QUỐC",
            "Độc lập - Tự do - Hạnh phúc",
            "KHANH, Quốc Khánh, ngày 15 tháng 11 năm 2019",
        ]
    )
    edits = header_place_from_date_line(doc)
    assert [(e.original, e.result, e.reason) for e in edits] == [
        ("KHANH,", "KHÁNH,", "date-line place")
    ]
    assert "XÃ QUỐC" in words_of(doc) and "KHÁNH, Quốc Khánh" in words_of(doc)
    assert 0 < edits[0].confidence < 1


def test_letters_tone_placement_and_typed_pages_never_change() -> None:
    other_letters = ["ỦY BAN NHÂN DÂN HUYỆN SÌN HÔ", "Sìn Hồ, ngày 2 tháng 3 năm 2020"]
    source_spelling = ["ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ", "Khánh Hòa, ngày 2 tháng 3 năm 2020"]
    for lines in (["ỦY BAN NHÂN DÂN HUYỆN SÌN HỒ", "Sìn Hồ, ngày 2 tháng 3 năm 2020"],
                  source_spelling):  # fmt: skip
        doc = page_of(lines)
        assert header_place_from_date_line(doc) == [] and words_of(doc) == " ".join(lines)
    doc = page_of(["ỦY BAN NHÂN DÂN HUYỆN SÌN HỖ", "Sìn Hồ, ngày 2 tháng 3 năm 2020"], "txt")
    assert header_place_from_date_line(doc) == []  # a typed page's capitals are as typed
    doc = page_of(other_letters)  # HÔ vs Hồ: marks only, so it changes
    assert [e.result for e in header_place_from_date_line(doc)] == ["HỒ"]
    doc = page_of(["ỦY BAN NHÂN DÂN HUYỆN SÌN HO", "Sìn Hồ, ngày 2 tháng 3 năm 2020"])
    assert [e.result for e in header_place_from_date_line(doc)] == ["HỒ"]
    doc = page_of(["ỦY BAN NHÂN DÂN HUYỆN SÌN HÀ", "Sìn Hồ, ngày 2 tháng 3 năm 2020"])
    assert header_place_from_date_line(doc) == []  # HA is another name: letters differ


def test_a_word_sharing_the_names_letters_is_never_taken_for_it() -> None:
    """THANH HÓA read right, and CỘNG HÒA's HÒA (same letters) read between its halves:
    the header already spells the place as the date line does, so nothing changes."""
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH THANH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HÓA Độc lập - Tự do - Hạnh phúc",
        "Thanh Hóa, ngày 25 tháng 11 năm 2025",
    ]
    doc = page_of(lines)
    assert header_place_from_date_line(doc) == [] and words_of(doc) == " ".join(lines)
    misread = [line.replace("HÓA Độc", "HOA Độc") for line in lines]
    doc = page_of(misread)  # the tightest run is the name: THANH ... HOA, not CỘNG HÒA
    assert [(e.original, e.result) for e in header_place_from_date_line(doc)] == [("HOA", "HÓA")]
