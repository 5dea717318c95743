from hypothesis import given
from hypothesis import strategies as st

from sohoa.normalize.tokens import MARK_AFTER_VOWEL, tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text) if t.kind != "space"]


def test_punctuation_is_split_from_word_cores() -> None:
    assert kinds("(Đề án 996),") == [
        ("(", "punct"),
        ("Đề", "word"),
        ("án", "word"),
        ("996", "number"),
        ("),", "punct"),
    ]


def test_protected_kinds() -> None:
    found = dict(kinds("523/QĐ-UBND 10/8/2018 5.000 2026-2030 https://bacninh.gov.vn KH&CN"))
    assert found["523/QĐ-UBND"] == "code"
    assert found["10/8/2018"] == "number"
    assert found["5.000"] == "number"
    assert found["2026-2030"] == "number"
    assert found["https://bacninh.gov.vn"] == "url"
    assert found["KH&CN"] == "code"


def test_caps_and_ocr_digit_words() -> None:
    found = dict(kinds("UBND KE s6 d6i ISO9001 nghi¢p"))
    assert found["UBND"] == "caps"
    assert found["KE"] == "caps"
    assert found["s6"] == "word"  # OCR's 6 for ố: restorable
    assert found["d6i"] == "word"
    assert found["ISO9001"] == "code"
    assert found["nghi¢p"] == "word"


@given(st.text(alphabet=st.sampled_from("aăêđ Ơ6,./-\n\t()QĐUBND12ếở€"), max_size=60))
def test_tokens_round_trip_exactly(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    for token in tokens:
        assert text[token.start : token.start + len(token.text)] == token.text


def test_sentence_initial_ocr_digit_words_but_not_codes() -> None:
    found = dict(kinds("T6 H6i X4y B2 A1 ISO9001 KH6 H61"))
    assert found["T6"] == "word"  # Tổ at the start of a sentence
    assert found["H6i"] == "word"  # Hội
    assert found["X4y"] == "word"  # Xây
    for code in ("B2", "A1", "ISO9001", "KH6", "H61"):
        assert found[code] == "code"


def test_symbol_glyphs_for_marked_vowels_stay_in_the_word() -> None:
    found = dict(kinds("co s& kinh doanh, S&, t&; ch}'rc tinl}, v} {ab} KH&CN KH&EN"))
    for word in ("s&", "S&", "t&", "ch}'rc", "tinl}", "v}"):
        assert found[word] == "word"
    assert found["KH&CN"] == "code"  # an acronym joined by &, not a glyph
    assert found["KH&EN"] == "code"
    assert found["ab"] == "word"  # braces around a word are punctuation
    assert found[","] == "punct" and found[";"] == "punct"


@given(st.text(alphabet=st.sampled_from("sạ& ¢}{'‘KH,;()\n"), max_size=40))
def test_glyph_tokens_round_trip_exactly(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text


def test_an_apostrophe_after_u_or_o_is_a_horn_kept_in_the_word() -> None:
    found = dict(kinds("tu’ phap, vu'c hu’ong. ‘tu’ 'abc' don't"))
    for word in ("tu’", "vu'c", "hu’ong"):
        assert found[word] == "word"
    assert found["tu"] == "word" and found["’"] == "punct"  # quoted: a closing quote
    assert found["abc"] == "word" and found["'"] == "punct"
    assert found["don't"] == "code"  # an English contraction is left alone


def test_capitals_ending_in_an_apostrophe_horn_are_a_word_in_capitals() -> None:
    # An old OCR of a caption: "DU’ TOAN" = "DỰ TOÁN", "TRU’O’NG" = "TRƯỜNG"; as a code,
    # "DU’" became the known code "ĐU’" (its D an Đ look-alike). A lone "O’" is no word.
    found = dict(kinds("DU’ TOAN KINH PHI THU’C HIEN, CO’ SO’ TRU’O’NG O’ DON'T"))
    for word in ("DU’", "THU’C", "CO’", "SO’", "TRU’O’NG"):
        assert found[word] == "caps"
    assert found["O’"] != "caps"
    assert found["DON'T"] == "code"


def test_an_apostrophe_after_any_vowel_is_the_legacy_engines_mark_in_the_word() -> None:
    # Tesseract's legacy engine prints a hook or a circumflex's tone as an apostrophe too:
    # Da’y = Đẩy, chua'n = chuẩn, dé’n = đến (after a consonant it is no mark: don't).
    found = dict(kinds("Da’y chua'n dé’n tié’p, don't"))
    for word in ("Da’y", "chua'n", "dé’n", "tié’p"):
        assert found[word] == "word"
    assert found["don't"] == "code"


def test_apostrophes_between_letters_or_digits_join_glyph_parts() -> None:
    from sohoa.normalize.tokens import INNER_QUOTE, QUOTED_GLYPHS

    assert QUOTED_GLYPHS.match("chL’rc") and QUOTED_GLYPHS.match("c1’1a")
    assert not QUOTED_GLYPHS.match("38-CT/I'W") and not QUOTED_GLYPHS.match("’tu")
    assert INNER_QUOTE.sub("", "chL’rc ‘tu’") == "chLrc ‘tu’"


def test_the_marks_an_old_ocr_search_drops_are_apostrophes_after_vowels() -> None:
    assert MARK_AFTER_VOWEL.sub("", "Da’y chua'n dé’n lu’o’ng tu’") == "Day chuan dén luong tu"
    assert MARK_AFTER_VOWEL.sub("", "don't 'abc'") == "don't 'abc'"


def test_at_signs_and_inner_question_marks_are_glyphs_in_words() -> None:
    found = dict(kinds("ngu@i nu@c, cht?c ti’c chi’c. Sao? Tôi a@b.com don't KH&CN"))
    for word in ("ngu@i", "nu@c", "cht?c", "ti’c", "chi’c"):
        assert found[word] == "word"
    assert found["Sao"] == "word" and found["?"] == "punct"  # a question mark ends a sentence
    assert found["a@b.com"] == "url"  # an e-mail address stays one
    assert found["don't"] == "code" and found["KH&CN"] == "code"


def test_a_question_mark_before_a_lowercase_word_or_number_is_a_glyph() -> None:
    found = dict(kinds("năm thi? hai, kỳ thi? 13-24 (tt? các"))
    for word in ("thi?", "tt?"):
        assert found[word] == "word"  # thứ hai, thứ 13, từ các
    for text in ("Vì sao? Tôi", "vậy?\nkhông", "vậy?, không", "KH? abc"):
        assert "?" not in "".join(t.text for t in tokenize(text) if t.kind != "punct"), text


def test_a_word_initial_cent_sign_is_the_letter_c_of_a_word() -> None:
    # Older English-model engines print ¢ for c: "¢6 liên quan" = "có liên quan".
    found = dict(kinds("chức ¢6 liên, ¢o liên, ¢ khu vực, giá 50¢, 12¢34"))
    assert found["¢6"] == "word" and found["¢o"] == "word"
    assert found["¢"] == "other"  # alone: the restorer decides from its neighbours
    assert found["50¢"] == "code" and found["12¢34"] == "code"  # amounts stay
