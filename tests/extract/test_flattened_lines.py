"""What a line of flattened old OCR holds: here, a section heading's numeral as read."""

from __future__ import annotations

from sohoa.extract.flattened_lines import OCR_SECTION


def test_a_section_numeral_with_a_small_stroke_is_a_section():
    """Old OCR reads a Roman numeral's second stroke small: "Iv." for IV, "|i." for II
    (a ruling or bold I read "|"); a lower-case numeral alone is no section."""
    assert OCR_SECTION.match("Iv. Tang cuong phong, chong thién tai |")
    assert OCR_SECTION.match("|i. Day manh giam nghéo bén virng |")
    assert OCR_SECTION.match("II. Hai")
    assert not OCR_SECTION.match("iv. Tang cuong")
    assert not OCR_SECTION.match("v. Day manh")
