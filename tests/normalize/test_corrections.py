"""Applying a reviewer's corrections: words, metadata fields, table cells; found and checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli
from writer_documents import budget_document

from sohoa.errors import InputError
from sohoa.model import Document
from sohoa.normalize.corrections import (
    apply_field_corrections,
    apply_word_corrections,
    corrections_for,
    find_corrections,
    load_corrections,
)


def corrections_file(folder: Path, items: list[dict], sha256: str = "", name: str = "kh") -> Path:
    path = folder / f"{name}.corrections.json"
    data = {
        "format": "sohoa-corrections",
        "version": 1,
        "document": {"source": "ke-hoach-49.txt", "sha256": sha256, "output": name},
        "reviewer": "Hoa",
        "saved_at": "2026-12-06T05:00:00Z",
        "corrections": items,
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def apply(doc: Document, path: Path) -> Document:
    corrections = load_corrections(path)
    return apply_field_corrections(apply_word_corrections(doc, corrections), corrections)


def test_words_fields_and_cells_are_corrected_and_logged(tmp_path: Path) -> None:
    doc = budget_document()
    page = doc.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.text == "Bắc")
    items = [
        {"kind": "word", "page": 1, "word": index, "old": "Bắc", "new": "Bắc-Ninh"},
        {"kind": "word", "page": 1, "word": 0, "old": "KẾ", "new": page.words[0].text},
        {"kind": "metadata", "field": "nguoi_ky.ho_ten", "old": "", "new": "Lê Văn A"},
        {"kind": "cell", "table": 0, "row": 2, "column": 2, "old": "250", "new": "200"},
    ]
    edits_before = len(doc.edits)
    doc = apply(doc, corrections_file(tmp_path, items))
    assert page.words[index].text == "Bắc-Ninh"
    assert doc.metadata.nguoi_ky.ho_ten == "Lê Văn A"
    assert doc.tables[0].rows[2].cells[2] == "200"
    assert doc.tables[0].validation is not None  # checked again from the corrected cells
    reviewer = doc.edits[edits_before:]
    assert [(e.original, e.result, e.reason, e.confidence) for e in reviewer] == [
        ("Bắc", "Bắc-Ninh", "reviewer", 1.0),
        ("", "Lê Văn A", "reviewer", 1.0),
        ("250", "200", "reviewer", 1.0),
    ]
    assert reviewer[0].page == 1 and reviewer[0].word == index and reviewer[2].table == 0
    log = doc.provenance["reviewer_corrections"]
    assert (log["applied"], log["confirmed"], log["skipped"], log["reviewer"]) == (3, 1, [], "Hoa")


def test_corrections_of_another_input_that_no_longer_match_are_skipped(tmp_path: Path) -> None:
    doc = budget_document()
    doc.sha256 = "1" * 64  # the report was made from another version of the file
    items = [
        {"kind": "word", "page": 1, "word": 0, "old": "KHÁC", "new": "X"},
        {"kind": "word", "page": 9, "word": 0, "old": "a", "new": "b"},
        {"kind": "metadata", "field": "so_hieu", "old": "1/KH", "new": "2/KH"},
        {"kind": "cell", "table": 5, "row": 0, "column": 0, "old": "1", "new": "2"},
    ]
    text, number = doc.text(), doc.metadata.so_hieu
    doc = apply(doc, corrections_file(tmp_path, items, sha256="2" * 64))
    assert doc.text() == text and doc.metadata.so_hieu == number
    assert all(e.reason != "reviewer" for e in doc.edits)
    assert len(doc.provenance["reviewer_corrections"]["skipped"]) == 4


def test_the_same_input_takes_the_reviewers_value_even_where_this_run_read_otherwise(
    tmp_path: Path,
) -> None:
    doc = budget_document()
    doc.sha256 = "3" * 64
    items = [{"kind": "metadata", "field": "so_hieu", "old": "49/KH-UBN", "new": "50/KH-UBND"}]
    doc = apply(doc, corrections_file(tmp_path, items, sha256="3" * 64))
    assert doc.metadata.so_hieu == "50/KH-UBND"


def test_a_file_that_is_not_a_corrections_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.corrections.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.corrections\.json: is not a readable corrections"):
        load_corrections(bad)
    bad.write_text('{"corrections": []}', encoding="utf-8")
    with pytest.raises(InputError, match="save it again from the review report"):
        load_corrections(bad)
    item = {"kind": "metadata", "field": "sha256", "old": "", "new": "x"}
    with pytest.raises(InputError, match="cannot read"):
        load_corrections(corrections_file(tmp_path, [item]))


def test_found_in_the_folder_given_else_beside_the_outputs(tmp_path: Path) -> None:
    given, outdir = tmp_path / "given", tmp_path / "out"
    (outdir / "2023").mkdir(parents=True)
    given.mkdir()
    assert find_corrections(outdir, "2023/kh", given) is None
    beside = corrections_file(outdir / "2023", [], name="kh")
    assert find_corrections(outdir, "2023/kh", None) == beside
    downloaded = corrections_file(given, [], name="kh")  # a browser saves it flat
    assert find_corrections(outdir, "2023/kh", given) == downloaded


def test_convert_applies_the_file_beside_the_outputs_and_names_a_bad_one(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "cv.txt").write_text("CÔNG VĂN\nGửi các sở, ngành\n", encoding="utf-8")
    args = ("convert", str(inputs), "-o", str(out), "--formats", "txt,json", "--no-restore")
    assert run_cli(*args).returncode == 0
    item = {"kind": "word", "page": 1, "word": 1, "old": "VĂN", "new": "VĂN-BẢN"}
    corrections_file(out, [item], name="cv")
    done = run_cli(*args)
    assert done.returncode == 0 and "1 converted" in done.stdout
    assert (out / "cv.txt").read_text(encoding="utf-8").startswith("CÔNG VĂN-BẢN\n")
    (out / "cv.corrections.json").write_text("[]", encoding="utf-8")
    failed = run_cli(*args)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr + failed.stdout
    assert "cv.corrections.json: is not a corrections file" in failed.stdout + failed.stderr


def test_a_file_found_by_its_bare_name_applies_only_to_the_input_it_was_saved_from(
    tmp_path: Path,
) -> None:
    given, outdir = tmp_path / "given", tmp_path / "out"
    given.mkdir()
    corrections_file(given, [], sha256="a" * 64, name="kh")
    assert corrections_for(outdir, "2023/kh", given, "a" * 64) is not None
    assert corrections_for(outdir, "2024/kh", given, "b" * 64) is None  # another kh
    assert corrections_for(outdir, "kh", given, "b" * 64) is not None  # named for it exactly
