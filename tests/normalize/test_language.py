"""Telling Vietnamese (clean or badly OCR'd) from other languages, and leaving the latter alone."""

from pathlib import Path

import pytest

from sohoa.normalize.language import foreign_spans, judge
from sohoa.normalize.restore import load_model, restore_text

ENGLISH = (
    "The quick brown fox jumps over the lazy dog. This is an English memo about the budget"
    " for next year, sent to all the offices in the province."
)
VIETNAMESE_OLD_OCR = "Ting cuwdng, ddi méi hoat dong do lwong va chat lwong san pham hang hoa"


@pytest.mark.parametrize(
    "seed", ["000_2ace24eb85770306", "002_16be85fa44299f16", "003_cdf48d5100b823ae"]
)
def test_seeds_clean_or_old_ocr_are_vietnamese(seeds_dir: Path, seed: str) -> None:
    verdict = judge((seeds_dir / f"{seed}.txt").read_text(encoding="utf-8"))
    assert not verdict.foreign
    assert verdict.vietnamese_share > 0.7


def test_english_french_and_all_caps_english_are_foreign() -> None:
    assert judge(ENGLISH).foreign
    assert judge("Le conseil municipal a adopté le budget pour l'année prochaine").foreign
    assert judge("THERE IS NO WARRANTY FOR THE PROGRAM TO THE EXTENT PERMITTED BY LAW").foreign


def test_acronyms_and_list_letters_do_not_make_vietnamese_foreign() -> None:
    verdict = judge("a) Sở KH&CN, Sở Y tế, Ban QLKCN tỉnh, UBND, TCVN ISO 9001, Sở GD&ĐT")
    assert not verdict.foreign
    assert verdict.vietnamese_share == 1.0


def test_only_the_foreign_passage_is_marked() -> None:
    text = f"{VIETNAMESE_OLD_OCR}\n\n{ENGLISH}\n\n{VIETNAMESE_OLD_OCR}"
    start = text.index(ENGLISH)
    assert foreign_spans(text) == [(start, start + len(ENGLISH))]


def test_restorer_leaves_foreign_text_as_read() -> None:
    restorer = load_model()
    text = f"{VIETNAMESE_OLD_OCR}\n{VIETNAMESE_OLD_OCR}\n{VIETNAMESE_OLD_OCR}\n\n{ENGLISH}\n"
    restored, edits = restore_text(text, restorer)
    assert "cường, đổi mới hoạt động đo lường" in restored.split("\n")[0]
    assert restored.endswith(f"\n\n{ENGLISH}\n")
    assert edits and all(edit.line < 3 for edit in edits)
    assert restore_text(ENGLISH, restorer) == (ENGLISH, [])
