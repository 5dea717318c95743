"""Channel data: the TSV, the seeds it may use, and a real scan -> Tesseract round trip (the
token aligner: test_token_alignment.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from sohoa.corpus import channel_pairs as cp
from sohoa.corpus import token_alignment as ta


def test_tsv_round_trip_header_and_order(tmp_path: Path) -> None:
    alignments = [ta.align(["s6", "s6", "sb", "Pé"], ["số", "số", "số", "Đề"])]
    path = tmp_path / "channel-eng.tsv"
    cp.write_tsv(path, cp.pair_counts(alignments))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ocr\tclean\tcount"
    assert lines[1] == "s6\tsố\t2"  # most frequent first
    assert cp.read_tsv(path) == {("s6", "số"): 2, ("sb", "số"): 1, ("Pé", "Đề"): 1}


def test_seed_002_and_old_ocr_are_refused() -> None:
    for number in ("000", "002", "003"):
        with pytest.raises(ValueError, match="never"):
            cp.seed_documents([number])


# ---------------------------------------------------------------- real OCR round trip

SHORT_PAGE = cp.Document(
    "short",
    "KẾ HOẠCH\n"
    "Tăng cường, đổi mới hoạt động đo lường giai đoạn 2026-2030 trên địa bàn tỉnh. "
    "Các sở, ban, ngành phối hợp tổ chức thực hiện nghiêm túc, đầy đủ và hiệu quả "
    "các nhiệm vụ, giải pháp về tiêu chuẩn, đo lường, chất lượng quốc gia.\n",
)


@pytest.fixture(scope="module")
def short_page_tsvs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outdir = tmp_path_factory.mktemp("channel")
    return cp.build(outdir, eng_pages=1, vie_pages=1, documents=[SHORT_PAGE])


def test_english_model_loses_marks_but_keeps_letters(short_page_tsvs: dict[str, Path]) -> None:
    counts = cp.read_tsv(short_page_tsvs["eng"])
    clean_words = {clean for _, clean in counts}
    assert {"Tăng", "đổi", "lường"} <= clean_words
    mangled = sum(n for (ocr, clean), n in counts.items() if ocr != clean)
    assert mangled / sum(counts.values()) > 0.4  # like seed 000: most words lose marks
    same_letters = sum(n for (ocr, clean), n in counts.items() if ta.fold(ocr) == ta.fold(clean))
    assert same_letters / sum(counts.values()) > 0.6


def test_vietnamese_model_reads_most_words_right(short_page_tsvs: dict[str, Path]) -> None:
    counts = cp.read_tsv(short_page_tsvs["vie"])
    right = sum(n for (ocr, clean), n in counts.items() if ocr == clean)
    assert right / sum(counts.values()) > 0.8
    assert all(unicodedata.is_normalized("NFC", ocr) for ocr, _ in counts)


def test_the_legacy_engine_reads_a_page_its_own_way(tmp_path: Path) -> None:
    """Tesseract --oem 0 with PyPI's full eng model: another engine, other misreadings,
    written to its own files (channel-eng-legacy.tsv and its pages)."""
    written = cp.build(tmp_path, eng_pages=0, vie_pages=0, legacy_pages=1, documents=[SHORT_PAGE])
    assert set(written) == {"eng-legacy"} and written["eng-legacy"].name == "channel-eng-legacy.tsv"
    (page,) = cp.read_pages(tmp_path / "channel-eng-legacy-pages.jsonl")
    counts = cp.read_tsv(written["eng-legacy"])
    assert {"Tăng", "lường"} <= {clean for _, clean in counts}
    same_letters = sum(n for (ocr, clean), n in counts.items() if ta.fold(ocr) == ta.fold(clean))
    assert same_letters / sum(counts.values()) > 0.4  # the words are there, marks mostly lost
    assert page.ocr_text != next(cp.ocr_pages(SHORT_PAGE, cp.ENG, 1)).ocr_text


@pytest.mark.parametrize("lang", ["eng", "vie", "eng-legacy"])
def test_committed_channel_tsv_keeps_its_contract(lang: str) -> None:
    """The restorer reads these files: header, NFC, 2-3 columns, sorted, useful size."""
    path = cp.CORPUS / "data" / f"channel-{lang}.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ocr\tclean\tcount"
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 3 and row[0] and row[1] and int(row[2]) > 0 for row in rows)
    assert all(unicodedata.is_normalized("NFC", row[0] + row[1]) for row in rows)
    keys = [(-int(count), clean, ocr) for ocr, clean, count in rows]
    assert keys == sorted(keys)
    assert len(set((ocr, clean) for ocr, clean, _ in rows)) == len(rows)
    assert sum(int(count) for *_, count in rows) > 10_000
