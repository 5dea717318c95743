"""bench/corpus: the generator is deterministic and the corpus meets its counts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from corpus.documents import TYPES, make_document  # noqa: E402

from corpus import build as corpus_build  # noqa: E402
from corpus import score  # noqa: E402


def test_plan_meets_the_counts() -> None:
    entries = corpus_build.plan()
    assert len(entries) >= 60
    assert len({e.type for e in entries}) >= 7 and set(TYPES) == {e.type for e in entries}
    image_kinds = {e.kind.name for e in entries if e.kind.dpi}
    assert len(image_kinds) >= 6
    quick = [e for e in entries if e.number in corpus_build.QUICK]
    assert {e.kind.name for e in quick} == {k.name for k in corpus_build.ALL_KINDS}
    assert {e.type for e in quick} == set(TYPES)


def test_documents_carry_their_truth() -> None:
    levels = set()
    for number, doc_type in enumerate(TYPES * 6):
        doc = make_document(number, 1, doc_type)
        meta = doc.metadata()
        levels.add(doc.issuer.level)
        assert meta["loai_van_ban"] == doc_type
        assert meta["so_hieu"] in doc.full_text()
        assert doc.nguoi_ky in doc.full_text() and doc.chuc_vu in doc.full_text()
        if doc_type == "Công văn":
            assert meta["trich_yeu"].startswith("V/v") and not doc.title
        if doc_type == "Quyết định":
            assert all(f"Điều {k}." in doc.body_text() for k in (1, 2, 3))
        if doc_type == "Kế hoạch":
            assert [t["caption"] for t in doc.tables] == ["Phụ lục I", "Phụ lục II"]
    assert {"ministry", "province", "department", "district", "commune", "government"} <= levels


@pytest.mark.parametrize("number", [6, 5])  # handwritten; stamp
def test_same_seed_same_truth_and_pages(tmp_path: Path, number: int) -> None:
    entry = corpus_build.plan()[number]
    first = corpus_build.build(entry, tmp_path / "a")
    second = corpus_build.build(entry, tmp_path / "b")
    assert (first.folder / "truth.json").read_bytes() == (second.folder / "truth.json").read_bytes()
    assert (first.folder / "clean.pdf").read_bytes() == (second.folder / "clean.pdf").read_bytes()
    assert [p.read_bytes() for p in first.pages] == [p.read_bytes() for p in second.pages]
    assert first.pages and first.input.exists()
    truth = json.loads((first.folder / "truth.json").read_text(encoding="utf-8"))
    assert make_document(number, 2, entry.type).body_text() != truth["body_text"]


def test_the_old_digital_files_leave_the_other_documents_as_they_were() -> None:
    entries = corpus_build.plan()
    assert [e.kind.name for e in entries[:64]] == [
        corpus_build.KINDS[n % 12].name for n in range(64)
    ]
    legacy = [e for e in entries if e.kind.encoding]
    assert [e.number for e in legacy] == list(range(100, 100 + corpus_build.LEGACY_COUNT))
    assert {e.kind.name for e in legacy} == {k.name for k in corpus_build.LEGACY_KINDS}


def test_best_span_scoring() -> None:
    truth = "Căn cứ Luật Tổ chức chính quyền địa phương"
    output = "ỦY BAN NHÂN DÂN\nCăn cứ Luật Tổ chức chính quyền địa phuơng\nNơi nhận:"
    figures = score.span_errors(truth, output)
    assert (figures["words"], figures["word_errors"]) == (9, 1)
    assert score.span_errors("hoà bình", "HÒA BÌNH")["word_errors"] == 0
    assert score.words_changed("hoà bình", "hòa bình") == (1, 2)
    assert score.codes_damaged("Số: 30/2020/NĐ-CP; GD&ĐT", "Số: 30/2020/NĐ-CĐ; GD&ĐT") == 1


def test_a_header_block_counts_only_when_read_as_one_run() -> None:
    phrases = ["ỦY BAN NHÂN DÂN TỈNH TRÀ VINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    as_blocks = "Ủy ban nhân dân\ntỉnh Trà Vinh\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    merged = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH TRÀ VINH"
    assert score.phrases_found(phrases, as_blocks) == 2
    assert score.phrases_found(phrases, merged) == 1


def test_the_table_photos_are_plans_and_reports_of_their_own() -> None:
    entries = corpus_build.plan()
    photos = [e for e in entries if e.kind.name == "table-photo"]
    first = corpus_build.TABLE_PHOTO_FIRST
    assert [e.number for e in photos] == list(range(first, first + corpus_build.TABLE_PHOTO_COUNT))
    assert {e.type for e in photos} == {"Kế hoạch", "Báo cáo"}  # the types that have tables
    assert all(corpus_build.document(e).tables for e in photos)
    assert [e.number for e in entries if e.number < first] == [
        *range(64),
        *range(100, 100 + corpus_build.LEGACY_COUNT),
        *range(corpus_build.PHOTO_FIRST, corpus_build.PHOTO_FIRST + corpus_build.PHOTO_COUNT),
    ]


def test_a_table_holding_no_truth_row_counts_as_invented_and_a_piece_of_one_does_not() -> None:
    truth = {"columns": ["STT", "Nội dung", "Kinh phí"],
             "rows": [{"cells": ["1", "Xây dựng kế hoạch", "120"]},
                      {"cells": ["2", "Tổ chức tập huấn", "80"]},
                      {"section": "II. KINH PHÍ"}]}  # fmt: skip
    piece = {"rows": [{"cells": ["2", "Tổ chức tập huấn", "80"]}]}
    prose = {"rows": [{"cells": ["Căn cứ Luật Tổ chức chính quyền địa phương", "", ""]},
                      {"cells": ["Ủy ban nhân dân tỉnh ban hành", "", ""]}]}  # fmt: skip
    assert score.tables_invented([truth], [piece]) == 0
    assert score.tables_invented([truth], [piece, prose]) == 1
    assert score.tables_invented([], [prose]) == 1
