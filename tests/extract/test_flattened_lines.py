"""What a line of flattened old OCR holds: a section heading's numeral as read, and the
blank cells between a row's amounts read as two rulings."""

from __future__ import annotations

from sohoa.extract.flattened_lines import OCR_SECTION, with_ruled_blanks


def test_a_section_numeral_with_a_small_stroke_is_a_section():
    """Old OCR reads a Roman numeral's second stroke small: "Iv." for IV, "|i." for II
    (a ruling or bold I read "|"); a lower-case numeral alone is no section."""
    assert OCR_SECTION.match("Iv. Tang cuong phong, chong thién tai |")
    assert OCR_SECTION.match("|i. Day manh giam nghéo bén virng |")
    assert OCR_SECTION.match("II. Hai")
    assert not OCR_SECTION.match("iv. Tang cuong")
    assert not OCR_SECTION.match("v. Day manh")


def test_two_rulings_with_nothing_between_are_a_blank_cell_of_the_run():
    """ "| 310 | 210 | 40 | | 20 | 40 |": the year between 40 and 20 was left blank, read
    as two rulings; "| 100 | | | 100 |" two blank years. Blanks after the run are no
    cells of it, and rulings glued ("||") are one ruling read twice, no cell."""
    line = "| v |kien toan bao ve moi truong | 310 | 210 | 40 | | 20 | 40 | So Y te | |"
    assert with_ruled_blanks(line, ["310", "210", "40", "20", "40"]) == [
        *["310", "210", "40", ""],
        *["20", "40"],
    ]
    assert with_ruled_blanks("| Vl Nang cao | 100 | | | 100 | So KH&CN |", ["100", "100"]) == [
        *["100", "", ""],
        "100",
    ]
    assert with_ruled_blanks("Tang cuong 300 100 || 200 | |", ["300", "100", "200"]) == [
        *["300", "100", "200"]
    ]
    assert with_ruled_blanks("Tang cuong 3oo 100 | | 200", ["300", "100", "200"]) == [
        *["300", "100", "200"]
    ]
