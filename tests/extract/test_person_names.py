"""The name lexicon and the repair of a signer's name read by OCR."""

from __future__ import annotations

from sohoa.extract.metadata import metadata_from_text
from sohoa.extract.person_names import is_full_name, lexicon, repair_name


def test_lexicon_has_family_middle_and_given_names() -> None:
    table = lexicon()
    assert "Nguyễn" in table["ho"]["nguyen"] and "Trần" in table["ho"]["tran"]
    assert "Quang" in table["dem"]["quang"] and "Khải" in table["ten"]["khai"]
    assert all("Ð" not in name for names in table["ten"].values() for name in names)


def test_only_evidently_broken_syllables_change() -> None:
    assert repair_name("Ðào Quang Khäi") == ("Đào Quang Khải", True)  # letters not Vietnamese
    assert repair_name("Nguyen Van An") == ("Nguyễn Van An", True)  # an unmarked family name
    # well-formed names are the source's spelling, even unknown or unusual ones
    assert repair_name("Hạ Bá Chân") == ("Hạ Bá Chân", False)
    assert repair_name("Mai Sơn") == ("Mai Sơn", False)
    assert repair_name("Mai Son") == ("Mai Son", False)  # "Son" may be right: no evidence
    assert repair_name("Dao Quang Khai") == ("Dao Quang Khai", False)


def test_a_misread_tone_of_a_middle_or_given_name_is_put_right() -> None:
    """An unknown name with the letters of a known one in its place and another tone: OCR
    misreads tones most ("Thể" for "Thế"); a name without a tone, a rare family name and the
    commonest middle names Văn and Thị (missing from the lexicon) are kept."""
    assert repair_name("Mai Thể Dũng") == ("Mai Thế Dũng", True)
    assert repair_name("Đồ Xuân Long") == ("Đỗ Xuân Long", True)
    assert repair_name("Hạ Bá Chân") == ("Hạ Bá Chân", False)
    assert repair_name("Nguyễn Thị Hoa") == ("Nguyễn Thị Hoa", False)
    assert repair_name("Lê Văn Dũng") == ("Lê Văn Dũng", False)


def test_signer_name_is_repaired_with_a_lower_confidence() -> None:
    text = (
        "UBND TỈNH HÀ NAM\nSỞ TƯ PHÁP\nSố: 5/BC-STP\nBÁO CÁO\nKết quả công tác năm 2023\n"
        "I. KẾT QUẢ\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyen Thi Hoa\n"
    )
    meta = metadata_from_text(text)
    assert meta.nguoi_ky.ho_ten == "Nguyễn Thi Hoa"
    [source] = [s for s in meta.nguon if s.field == "nguoi_ky.ho_ten"]
    assert source.confidence < 1


def test_a_whole_name_is_told_from_other_short_lines() -> None:
    # every word a name of the lexicon in its place, only a tone maybe misread
    for line in ("Hỗ Đình Tùng.", "Nguyễn Văn An", "Trần Thị Mai", "Lê Minh"):
        assert is_full_name(line), line
    # the closing's other short lines, capitals, one word, a word no name has
    for line in ("Ai nhậm.", "Như trên;", "Nơi nhận", "Hạnh Phúc", "Độc Lập", "Sở Tài Chính",
                 "HỒ ĐÌNH TÙNG", "Tùng", "Hồ Đình Tùngx", "Hồ Đình Tùng Mai Lan"):  # fmt: skip
        assert not is_full_name(line), line
