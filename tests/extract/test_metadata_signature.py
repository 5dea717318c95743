"""The closing: the signature block and the recipients."""

from __future__ import annotations

from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_signature import is_recipients_line, read_recipients, read_signature
from sohoa.model import Metadata


def signature(lines: list[str]) -> Metadata:
    meta = Metadata()
    start = read_signature(lines, [SourceLine(line) for line in lines], 0, meta)
    read_recipients(lines, start, meta)
    return meta


def test_authority_role_and_name_past_the_signed_mark() -> None:
    meta = signature(
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. CHÍNH PHỦ", "THỦ TƯỚNG", "(Đã ký)",
         "Nguyễn Xuân Phúc"]
    )  # fmt: skip
    assert meta.nguoi_ky.tham_quyen == ["TM. CHÍNH PHỦ"]
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("THỦ TƯỚNG", "Nguyễn Xuân Phúc")
    assert meta.noi_nhan == ["Như trên", "Lưu: VT"]


def test_head_signing_in_person_and_interleaved_recipients() -> None:
    meta = signature(["Nơi nhận:", "- Sở Tài chính;", "GIÁM ĐỐC", "- Lưu: VT, TCKT.", "Hạ Bá Chân"])
    assert meta.nguoi_ky.tham_quyen == []
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("GIÁM ĐỐC", "Hạ Bá Chân")
    assert meta.noi_nhan == ["Sở Tài chính", "Lưu: VT, TCKT"]


def test_recipients_line_with_a_stop_for_the_colon_but_not_prose() -> None:
    assert is_recipients_line("Nơi nhận:") and is_recipients_line("Nơi nhận.")
    assert is_recipients_line("Ai nhận.")  # OCR lost the "N" and read the colon as a stop
    assert not is_recipients_line("Nơi nhận hồ sơ.")
    assert not is_recipients_line("Nơi nhận")


def test_a_whole_name_closing_a_document_with_no_signature_block_read_is_the_signer() -> None:
    # a blurred photo: "Nơi nhận" read "Ai nhậm.", the position under the seal not read
    closing = ["Ai nhậm.", "Như trên;", "Lưu: VÌ", "Hỗ Đình Tùng."]
    assert signature(closing).nguoi_ky.ho_ten == "Hồ Đình Tùng"  # the tone put right
    assert signature(closing).nguoi_ky.chuc_vu is None
    # a last line that is not a whole name of the lexicon, or a name above the last line
    assert signature(["Ai nhậm.", "Lưu: VÌ", "Hạnh Phúc"]).nguoi_ky.ho_ten is None
    assert signature(["Hỗ Đình Tùng.", "Lưu: VÌ"]).nguoi_ky.ho_ten is None


def test_a_head_title_over_a_line_ending_alike_gives_the_deputy_over_a_closing_name() -> None:
    # a blurred photo: "KT." under the seal, "PHÓ C" of the second line lost ("KT. CHỦ TỊCH"
    # over "PHÓ CHỦ TỊCH", Nghị định 30/2020): the deputy signs for the head
    closing = ["Ai nhậm.", "Lưu: VÌ", "<HỦ TỊCH", ", L TỊCH", "Hỗ Đình Tùng."]
    meta = signature(closing)
    assert (meta.nguoi_ky.ho_ten, meta.nguoi_ky.chuc_vu) == ("Hồ Đình Tùng", "PHÓ CHỦ TỊCH")
    assert "nguoi_ky.chuc_vu" in meta.suy_dien
    assert signature(["Lưu: VÌ", "GIÁM ĐỐC", "HÓ ĐỐC", "Nguyễn Văn Hùng"]).nguoi_ky.chuc_vu == (
        "PHÓ GIÁM ĐỐC"
    )
    assert signature(["Lưu: VÌ", "BỘ TRƯỞNG", "TH TRƯỞNG", "Nguyễn Văn Hùng"]).nguoi_ky.chuc_vu == (
        "THỨ TRƯỞNG"
    )
    # a position read right over the name is the position, nothing inferred
    meta = signature(["Lưu: VÌ", "CHỦ TỊCH", "Hỗ Đình Tùng."])
    assert meta.nguoi_ky.chuc_vu == "CHỦ TỊCH" and "nguoi_ky.chuc_vu" not in meta.suy_dien
    # a line ending otherwise, a deputy's title over it, or no title: nothing inferred
    assert signature(["Lưu: VÌ", "CHỦ TỊCH", ", L ĐỐC", "Hỗ Đình Tùng."]).nguoi_ky.chuc_vu is None
    assert signature(["PHÓ CHỦ TỊCH", "MU TỊCH", "Hỗ Đình Tùng."]).nguoi_ky.chuc_vu is None
    assert signature(["Như trên;", "MU TỊCH", "Hỗ Đình Tùng."]).nguoi_ky.chuc_vu is None


def test_under_a_kt_authority_a_line_ending_as_the_head_title_is_the_deputy() -> None:
    meta = signature(["Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH", "MU TỊCH", "Hồ Đình Tùng"])
    assert meta.nguoi_ky.tham_quyen == ["KT. CHỦ TỊCH"]
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("PHÓ CHỦ TỊCH", "Hồ Đình Tùng")
    assert "nguoi_ky.chuc_vu" in meta.suy_dien
    # read, the position is taken as printed; a line ending otherwise, or "TM.": not inferred
    meta = signature(["Nơi nhận:", "- Lưu: VT.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Văn Thành"])
    assert meta.nguoi_ky.chuc_vu == "THỨ TRƯỞNG" and "nguoi_ky.chuc_vu" not in meta.suy_dien
    meta = signature(["Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH", "MU TỊCE", "Hồ Đình Tùng"])
    assert meta.nguoi_ky.chuc_vu is None
    meta = signature(["Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "MU TỊCH", "Hồ Đình Tùng"])
    assert meta.nguoi_ky.chuc_vu is None
