"""Aligning OCR tokens to clean ones (corpus/token_alignment.py): pairs, splits, merges."""

from __future__ import annotations

import unicodedata

from sohoa.corpus import token_alignment as ta
from sohoa.corpus.token_alignment import Pair, align


def test_tokenize_strips_edge_punctuation_keeps_codes_and_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Tăng cường,")
    tokens = ta.tokenize(f"({decomposed} 38-CT/TW; đo lường.) – 1703/QĐ-TTg")
    assert tokens == ["Tăng", "cường", "38-CT/TW", "đo", "lường", "1703/QĐ-TTg"]
    assert all(unicodedata.is_normalized("NFC", t) for t in tokens)


def test_fold_drops_marks_and_stroke() -> None:
    assert ta.fold("Đổi MỚI") == "doi moi"


def test_wer_and_wer_ignoring_diacritics() -> None:
    clean = ["Tăng", "cường", "đo", "lường"]
    assert ta.wer(clean, ["Ting", "cường", "do", "lường"]) == 0.5
    assert ta.wer_ignoring_diacritics(clean, ["Tang", "cuong", "do", "luong"]) == 0.0


# ---------------------------------------------------------------- aligner


def test_substitutions_are_paired_one_to_one() -> None:
    result = align(["Ting", "cuwdng", "ddi", "méi"], ["Tăng", "cường", "đổi", "mới"])
    assert result.pairs == [
        Pair(("Ting",), ("Tăng",)),
        Pair(("cuwdng",), ("cường",)),
        Pair(("ddi",), ("đổi",)),
        Pair(("méi",), ("mới",)),
    ]
    assert not result.inserted and not result.deleted


def test_identities_are_kept_with_case() -> None:
    result = align(["KE", "HOACH"], ["KẾ", "HOẠCH"])
    assert [p.kind for p in result.pairs] == ["substitution", "substitution"]
    assert result.pairs[0] == Pair(("KE",), ("KẾ",))
    assert align(["đo"], ["đo"]).pairs[0].kind == "same"


def test_split_two_ocr_tokens_for_one_word() -> None:
    result = align(
        ["hoat", "déng", "do", "lu", "dng", "quéc"], ["hoạt", "động", "đo", "lường", "quốc"]
    )
    assert Pair(("lu", "dng"), ("lường",)) in result.pairs
    assert result.pairs[-1] == Pair(("quéc",), ("quốc",))
    assert not result.inserted and not result.deleted


def test_merge_one_ocr_token_for_two_words() -> None:
    result = align(["Ké", "hoachnay", "ban", "hanh"], ["Kế", "hoạch", "này", "ban", "hành"])
    assert Pair(("hoachnay",), ("hoạch", "này")) in result.pairs
    assert [p.kind for p in result.pairs] == ["substitution", "merge", "same", "substitution"]


def test_insertion_and_deletion_are_not_paired() -> None:
    inserted = align(["đo", "|", "lường", "chất"], ["đo", "lường", "chất"])
    assert inserted.inserted == ["|"]
    assert [p.clean for p in inserted.pairs] == [("đo",), ("lường",), ("chất",)]

    deleted = align(["tiéu", "chuan", "lường"], ["tiêu", "chuẩn", "đo", "lường"])
    assert deleted.deleted == ["đo"]
    assert Pair(("chuan",), ("chuẩn",)) in deleted.pairs


def test_garbage_is_left_unaligned_not_forced_into_pairs() -> None:
    result = align(["năm", "~~~", "xyz", "2030"], ["năm", "Bắc", "Ninh", "2030"])
    assert all(p.kind in ("same", "substitution") for p in result.pairs)
    assert Pair(("năm",), ("năm",)) in result.pairs and Pair(("2030",), ("2030",)) in result.pairs


def test_a_stray_word_is_not_joined_into_a_split() -> None:
    result = align(["dat", "cao", "Khoang", "5.000"], ["đạt", "Khoảng", "5.000"])
    assert Pair(("Khoang",), ("Khoảng",)) in result.pairs
    assert result.inserted == ["cao"]


def test_scrambled_stretch_pairs_only_look_alikes() -> None:
    # A table read in another order: a lone "và" match is no anchor, unrelated words no pair.
    ocr = ["kinh", "phí", "và", "đồng", "triệu", "nguồn", "vốn"]
    clean = ["nguồn", "vốn", "đồng", "và", "kinh", "phí", "năm"]
    pairs = align(ocr, clean).pairs
    assert all(ta.fold(p.ocr[0]) == ta.fold(p.clean[0]) for p in pairs)


def test_lone_token_between_anchors_is_paired_however_it_looks() -> None:
    result = align(["tai", "6", "dia", "phuong"], ["tại", "ở", "địa", "phương"])
    assert Pair(("6",), ("ở",)) not in result.pairs  # "tai" alone is no anchor: too far
    result = align(["Uy", "ban", "6", "dia", "phuong"], ["Ủy", "ban", "ở", "địa", "phương"])
    assert Pair(("6",), ("ở",)) in result.pairs


# ---------------------------------------------------------------- TSV
