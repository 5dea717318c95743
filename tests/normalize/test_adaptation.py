"""Document adaptation's judgement of typed text (normalize/adaptation.py)."""

import dataclasses

import pytest

from sohoa.normalize.adaptation import looks_typed, ocr_errors
from sohoa.normalize.decoder import Choice
from sohoa.normalize.params import RestorerParams
from sohoa.normalize.restore import load_model, restore_text
from sohoa.normalize.tokens import tokenize

# Typed, fully-marked text with one typo of the source's own: "tượng ứng" for "tương ứng".
TYPED = (
    "Ủy ban nhân dân tỉnh giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, "
    "ngành và Ủy ban nhân dân các huyện, thành phố tổ chức triển khai thực hiện kế hoạch này. "
    "Các cơ quan, đơn vị căn cứ nhiệm vụ được giao xây dựng kế hoạch cụ thể, bố trí kinh phí "
    "tượng ứng với những nội dung công việc và báo cáo kết quả thực hiện về Sở Khoa học và "
    "Công nghệ trước ngày 15 tháng 12 hằng năm để tổng hợp, báo cáo Ủy ban nhân dân tỉnh. "
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản "
    "ánh về Sở Khoa học và Công nghệ để được hướng dẫn hoặc tổng hợp, báo cáo Ủy ban nhân dân "
    "tỉnh xem xét, giải quyết theo quy định. Sở Tài chính bảo đảm kinh phí thường xuyên cho "
    "công tác kiểm tra, giám sát việc thực hiện các nhiệm vụ của kế hoạch."
)
# The same text as Vietnamese-model OCR reads a scan: hook read as acute (kiếm, tố).
OCR = TYPED.replace("kiểm tra", "kiếm tra").replace("tổ chức", "tố chức")


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_typed_text_keeps_its_own_spelling(restorer) -> None:
    # No OCR error anywhere: the marked syllables are the author's, typo included.
    assert restore_text(TYPED, restorer) == (TYPED, [])


def test_text_known_to_be_ocr_is_never_judged_typed(restorer) -> None:
    text, edits = restore_text(TYPED, restorer, ocr=True)
    assert "tương ứng" in text
    assert [edit.original for edit in edits] == ["tượng"]


def test_ocr_errors_make_a_text_ocr_and_every_word_is_then_restored(restorer) -> None:
    text, edits = restore_text(OCR, restorer)
    assert "kiểm tra" in text and "tổ chức" in text and "tương ứng" in text
    assert len(edits) == 3


def test_a_short_text_is_never_judged_typed(restorer) -> None:
    # Too few words to tell typed text from a clean OCR line (a table cell).
    restorer.params = dataclasses.replace(restorer.params, typed_min_words=10_000)
    try:
        restorer.clear_caches()
        assert "tương ứng" in restore_text(TYPED, restorer)[0]
    finally:
        restorer.params = RestorerParams()
        restorer.clear_caches()


def test_ocr_errors_count_cheap_misreadings_and_garbled_tokens() -> None:
    tokens = tokenize("kiếm ghệ tượng hoà")
    words = [i for i, t in enumerate(tokens) if t.kind == "word"]
    options = [
        [("kiếm", "kiếm", 0.0), ("kiểm", "kiểm", 2.9)],  # a cheap misreading mended
        [("nghệ", "nghệ", 8.0), ("ghệ", "<unk>", 11.0)],  # a garbled token read
        [("tượng", "tượng", 0.0), ("tương", "tương", 8.2)],  # dear: a typist's too
        [("hòa", "hòa", 0.0), ("hóa", "hóa", 2.5)],  # kept, in the other tone placement
    ]
    sure = [Choice(1, 0.99, []), Choice(0, 0.99, []), Choice(1, 0.99, []), Choice(0, 1.0, [])]
    params = RestorerParams(typed_min_words=4)
    assert ocr_errors(options, words, sure, tokens, params) == (4, 2)
    assert not looks_typed(options, words, sure, tokens, params)
    unsure = [Choice(1, 0.5, []), Choice(0, 0.5, []), *sure[2:]]  # below adapt_min_confidence
    assert ocr_errors(options, words, unsure, tokens, params) == (4, 0)
    assert looks_typed(options, words, unsure, tokens, params)
    assert not looks_typed(options, words, unsure, tokens, RestorerParams(typed_min_words=5))
    # In a long text, a rare error (a typist's slip the first pass mended) is allowed.
    one_error = [Choice(1, 0.99, []), *unsure[1:]]
    assert ocr_errors(options, words, one_error, tokens, params) == (4, 1)
    assert not looks_typed(options, words, one_error, tokens, params)
    lenient = RestorerParams(typed_min_words=4, typed_max_error_share=0.25)
    assert looks_typed(options, words, one_error, tokens, lenient)


def test_typed_text_keeps_its_unmarked_syllables_too(restorer) -> None:
    # "bao" is a real syllable: typed, it is the author's; read by an OCR, it lost a mark.
    text = TYPED.replace("báo cáo kết quả", "bao cáo kết quả")
    assert restore_text(text, restorer)[0] == text
    assert "báo cáo kết quả" in restore_text(text, restorer, ocr=True)[0]


def test_a_documents_own_character_misreadings_get_cheaper_and_unseen_ones_dearer() -> None:
    from sohoa.normalize.adaptation import document_char_bonus

    # The learned channel: ề is read as plain e mostly, é seldom; ệ as e or é.
    learned = {("ề", "e"): 0.3, ("ề", "é"): 4.0, ("ề", "è"): 2.0, ("ệ", "é"): 0.7}
    # This engine prints é for ề (nghé = nghề), and never è.
    readings = [("nghé", "nghề")] * 8 + [("nghe", "nghề")] * 12 + [("vé", "về")] * 10
    bonus = document_char_bonus(readings, learned, prior_weight=20.0, max_bonus=1.0)
    assert bonus[("ề", "é")] == 1.0  # 18 of 30 against 1.8%: cheaper, by at most 1
    assert -1.0 <= bonus[("ề", "è")] < 0  # learned, never seen in 30 readings of ề: dearer
    assert ("ề", "e") not in bonus  # as the channel says, or rarer than it: unchanged
    assert ("ệ", "é") not in bonus  # no ệ read here: nothing said about it
    assert ("n", "n") not in bonus and ("g", "g") not in bonus  # consonants: none
    # Two readings are no evidence for a bonus; letters that do not line up say nothing.
    few = document_char_bonus([("nghé", "nghề")] * 2, learned)
    assert ("ề", "é") not in few
    assert document_char_bonus([("nghéé", "nghề")] * 30, learned) == {}


def test_the_character_bonus_reprices_options_as_long_as_their_token() -> None:
    from sohoa.normalize.adaptation import reprice_characters
    from sohoa.normalize.options import Slot

    tokens = tokenize("nghé ,")
    slots = [
        Slot(0, [("nghệ", "nghệ", 1.0), ("nghề", "nghề", 1.5), ("nghiệ", "<unk>", 3.0)]),
        Slot(-1, [(",", ",", 0.0)]),
    ]
    reprice_characters(slots, tokens, {("ề", "é"): 1.0, ("ệ", "é"): -0.5})
    assert slots[0].options == [
        ("nghệ", "nghệ", 1.5),
        ("nghề", "nghề", 0.5),
        ("nghiệ", "<unk>", 3.0),  # one letter longer: no character lines up
    ]
    assert slots[1].options == [(",", ",", 0.0)]


def test_the_first_pass_makes_the_character_bonus_for_old_ocr_only(restorer) -> None:
    from sohoa.normalize.adaptation import adaptation

    tokens = tokenize("nghé vé nghé vé nghé vé")
    words = [i for i, t in enumerate(tokens) if t.kind == "word"]
    options = [
        [("nghề", "nghề", 1.0), ("nghệ", "nghệ", 1.2)],
        [("về", "về", 1.0), ("vé", "vé", 2.0)],
    ]
    options = options * 3
    sure = [Choice(0, 0.99, [])] * 6
    eng, vie = restorer.profiles["eng"], restorer.profiles["vie"]
    found = adaptation(options, words, sure, tokens, eng, RestorerParams())
    assert found.char_bonus and found.char_bonus[("ề", "é")] > 0
    # Off, or text whose marks are trusted (Vietnamese-model OCR): no bonus.
    off = RestorerParams(char_prior_weight=0.0)
    assert adaptation(options, words, sure, tokens, eng, off).char_bonus is None
    assert adaptation(options, words, sure, tokens, vie, RestorerParams()).char_bonus is None
