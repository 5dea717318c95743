"""Citations of other documents in running text, clean and OCR-damaged."""

from __future__ import annotations

from sohoa.extract.citations import find_citations, iso_date, references_in


def test_ocr_damaged_citation_is_read_and_its_code_repaired() -> None:
    [found] = find_citations("Thuc hién Quyét dinh sb 996/Qb-TTg ngay 10/8/2018 cua Thu tuong")
    assert found.so_hieu == "996/QĐ-TTg"
    assert found.loai_van_ban == "Quyết định"
    assert found.ngay_ban_hanh == "2018-08-10"
    assert found.co_quan_ban_hanh == "Thu tuong"


def test_number_forms() -> None:
    text = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ; "
        "Chỉ thị số 38- CT/TW; Kế hoạch số 49 /KH-UBND; Tờ trình số 838/TTr-SKH-CN."
    )
    numbers = [c.so_hieu for c in find_citations(text)]
    assert numbers == ["30/2020/NĐ-CP", "38-CT/TW", "49/KH-UBND", "838/TTr-SKH-CN"]
    assert find_citations(text)[0].ngay_ban_hanh == "2020-03-05"
    # dates and ratios are not document numbers
    assert find_citations("ngày 10/8/2018, tăng 11%/năm, giai đoạn 2026-2030") == []


def test_alias_in_parentheses_and_own_number_are_not_references() -> None:
    text = (
        "Thực hiện Quyết định số 1322/QĐ-TTg ngày 31/8/2020 của Thủ tướng Chính phủ (sau đây "
        "viết tắt là Quyết định số 1322/QĐ-TTg); Quyết định số 36/QĐ-TTg ngày 11/01/2021. "
        "Phụ lục kèm theo Kế hoạch số 49/KH-UBND."
    )
    refs = references_in(text, own_number="49/KH-UBND")
    assert [(r.so_hieu, r.quan_he) for r in refs] == [
        ("1322/QĐ-TTg", "thực hiện"),
        ("36/QĐ-TTg", "thực hiện"),
    ]


def test_relation_must_head_the_sentence_or_stand_close() -> None:
    text = (
        "Các sở thực hiện tốt công tác tuyên truyền, phổ biến, tập huấn cho cán bộ, công chức, "
        "viên chức, người lao động và doanh nghiệp trên địa bàn toàn tỉnh về các nội dung "
        "của chương trình theo Quyết định số 100/QĐ-TTg ngày 19/01/2019."
    )
    [ref] = references_in(text, None)
    assert ref.quan_he is None


def test_iso_dates_keep_the_precision_the_document_gives() -> None:
    assert iso_date("3", "11", "2020") == "2020-11-03"
    assert iso_date(None, "8", "2025") == "2025-08"
    assert iso_date("31", "2", "2020") is None


def test_issuer_ends_where_the_citation_goes_on() -> None:
    issuers = {
        "Chỉ thị số 38-CT/TW ngày 30/7/2024 của Ban Bí thư về đẩy mạnh": "Ban Bí thư",
        "Quyết định số 1/QĐ-UBND ngày 1/2/2020 của UBND tỉnh phê duyệt": "UBND tỉnh",
        "Quyết định số 3807/QĐ-BKHCN ngày 18/12/2019 của Bộ Khoa học và Công nghệ ban hành": (
            "Bộ Khoa học và Công nghệ"
        ),
    }
    for text, issuer in issuers.items():
        [found] = find_citations(text)
        assert found.co_quan_ban_hanh == issuer
