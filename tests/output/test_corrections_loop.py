"""The reviewer's loop, end to end: convert, correct in the report (real Chromium), save,
convert again with the corrections, and find them in every output."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import docx
from chromium import Chromium, Tab
from cli_runner import run_cli

FORMATS = ("--formats", "txt,json,docx,csv,html")
TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 49/KH-UBND\nBắc Ninh, ngày 28 tháng 8 năm 2025\n\n"
    "KẾ HOẠCH\nNâng cao năng suất chất lượng sản phẩm\n\n"
    "Sở Khoa học và Công nghệ xây dựng kế hoạch đổi mới hoạt động đo lường.\n\n"
    "STT\tNội dung\tKinh phí\n1\tXây dựng\t100\n2\tSửa chữa\t200\n"
)
TRICH_YEU = "Nâng cao năng suất, chất lượng sản phẩm, hàng hóa của tỉnh"  # the reviewer's


def correct(tab: Tab, selector: str, value: str) -> None:
    tab.click(selector)
    tab.wait_for("!document.getElementById('fix').hidden")
    tab.type_text(value)
    tab.click("#fix-apply")


def test_corrections_from_the_report_reach_every_output_on_the_next_run(
    chromium: Chromium, tmp_path: Path
) -> None:
    inputs, out, downloads = tmp_path / "in", tmp_path / "out", tmp_path / "downloads"
    inputs.mkdir()
    (inputs / "ke-hoach.txt").write_text(TEXT, encoding="utf-8")
    first = run_cli("convert", str(inputs), "-o", str(out), *FORMATS)
    assert first.returncode == 0, first.stderr
    before = json.loads((out / "ke-hoach.json").read_text(encoding="utf-8"))
    assert before["metadata"]["trich_yeu"] != TRICH_YEU  # the reviewer words it otherwise

    saved = review_in_the_report(chromium, out, before, downloads)
    again = run_cli(
        "convert", str(inputs), "-o", str(out), *FORMATS, "--corrections", str(downloads)
    )
    assert again.returncode == 0, again.stderr
    assert "1 converted, 0 skipped" in again.stdout  # the corrections are new: redone
    assert_every_output_has_the_corrections(out, before)
    assert_a_rerun_follows_the_corrections(inputs, out, downloads, saved)
    assert_the_corrections_teach_a_user_model(downloads, out, tmp_path / "user")


def review_in_the_report(
    chromium: Chromium, out: Path, before: dict[str, Any], downloads: Path
) -> Path:
    """Correct a word, the trích yếu and a table cell in the report, sign, save: the saved
    corrections file."""
    word = before["pages"][0]["words"]
    index = next(i for i, w in enumerate(word) if w["text"] == "đổi")
    tab = chromium.open((out / "ke-hoach.html").as_uri())
    tab.wait_for("document.documentElement.dataset.ready")
    correct(tab, f'.text.restored [data-p="1"][data-w="{index}"]', "cải")
    correct(tab, '[data-field="trich_yeu"]', TRICH_YEU)
    correct(tab, 'td[data-t="0"][data-r="1"][data-c="2"]', "250")
    tab.click("#reviewer")
    tab.type_text("Lê Thị Hoa")
    chromium.allow_downloads(downloads)
    tab.click("#save-download")
    saved = downloads / "ke-hoach.corrections.json"
    deadline = time.monotonic() + 30
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(json.loads(saved.read_text(encoding="utf-8"))["corrections"]) == 3
    return saved


def assert_every_output_has_the_corrections(out: Path, before: dict[str, Any]) -> None:
    assert "kế hoạch cải mới hoạt động" in (out / "ke-hoach.txt").read_text(encoding="utf-8")
    after = json.loads((out / "ke-hoach.json").read_text(encoding="utf-8"))
    assert after["metadata"]["trich_yeu"] == TRICH_YEU
    assert after["tables"][0]["rows"][1]["cells"] == ["2", "Sửa chữa", "250"]
    reviewer = [e for e in after["edits"] if e["reason"] == "reviewer"]
    assert {(e["original"], e["result"], e["confidence"]) for e in reviewer} == {
        ("đổi", "cải", 1.0),
        (before["metadata"]["trich_yeu"].replace("đổi", "cải"), TRICH_YEU, 1.0),  # as read now
        ("200", "250", 1.0),
    }
    assert after["provenance"]["reviewer_corrections"]["reviewer"] == "Lê Thị Hoa"
    assert after["provenance"]["reviewer_corrections"]["applied"] == 3
    rows = list(csv.reader((out / "ke-hoach.table-1.csv").open(encoding="utf-8-sig")))
    assert rows[2] == ["2", "Sửa chữa", "250"]
    catalog = list(csv.DictReader((out / "catalog.csv").open(encoding="utf-8-sig")))
    assert catalog[0]["trich_yeu"] == TRICH_YEU and catalog[0]["edits"] == "3"
    word_doc = docx.Document(str(out / "ke-hoach.docx"))
    text = "\n".join(p.text for p in word_doc.paragraphs)
    assert "cải mới" in text and TRICH_YEU in word_doc.core_properties.title
    cells = [c.text for t in word_doc.tables for r in t.rows for c in r.cells]
    assert "250" in cells and "200" not in cells


def assert_a_rerun_follows_the_corrections(
    inputs: Path, out: Path, downloads: Path, saved: Path
) -> None:
    """Unchanged corrections: nothing to redo; changed ones: redone with them."""
    same = run_cli(
        "convert", str(inputs), "-o", str(out), *FORMATS, "--corrections", str(downloads)
    )
    assert "0 converted, 1 skipped" in same.stdout  # unchanged corrections: nothing to redo
    saved.write_text(saved.read_text(encoding="utf-8").replace("250", "260"), encoding="utf-8")
    changed = run_cli(
        "convert", str(inputs), "-o", str(out), *FORMATS, "--corrections", str(downloads)
    )
    assert "1 converted, 0 skipped" in changed.stdout
    rows = list(csv.reader((out / "ke-hoach.table-1.csv").open(encoding="utf-8-sig")))
    assert rows[2] == ["2", "Sửa chữa", "260"]


def assert_the_corrections_teach_a_user_model(downloads: Path, out: Path, folder: Path) -> None:
    """The same corrections, as the browser saved them, teach a user model."""
    learned = run_cli("corpus", "learn", str(downloads), "--outputs", str(out), "-o", str(folder))
    assert learned.returncode == 0, learned.stderr
    user = json.loads((folder / "user-model.json").read_text(encoding="utf-8"))
    assert (
        user["documents"][0]["corrected"] == 1 and user["documents"][0]["reviewer"] == "Lê Thị Hoa"
    )
    assert "hoạch\x1fcải\x1fmới" in user["ngrams"]  # the corrected word, in its context
    assert "hàng\x1fhóa\x1fcủa" in user["ngrams"]  # the reviewer's trích yếu
    assert "cải" in user["lexicon"]
    readings = user["readings"][user["documents"][0]["profile"]]
    assert "cải" not in readings.get("đổi", {})  # a rewording, not an OCR misreading
