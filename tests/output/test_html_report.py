"""The review report, opened in real headless Chromium: counted, hovered, clicked, shot."""

from __future__ import annotations

import copy
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from chromium import Chromium, Tab
from PIL import Image
from writer_documents import budget_document, budget_table

from sohoa.extract.metadata import extract_metadata
from sohoa.model import Alternative, Document, Edit
from sohoa.output.html_report import LOW_EDIT_CONFIDENCE, write_html
from sohoa.output.writers import WRITERS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "review-report.png"
READY = "document.documentElement && document.documentElement.dataset.ready"


def open_report(chromium: Chromium, doc: Document, folder: Path, stem: str) -> Tab:
    path = write_html(doc, folder, stem)[0]
    tab = chromium.open(path.as_uri())
    tab.wait_for(READY)
    return tab


def count(tab: Tab, selector: str) -> int:
    return tab.evaluate(f"document.querySelectorAll({selector!r}).length")


@pytest.fixture(scope="module")
def scan_report(
    chromium: Chromium, scanned_doc: Document, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Tab, Document]:
    doc = copy.deepcopy(scanned_doc)
    doc.source = "ke-hoach-do-luong.pdf"
    doc.tables.append(budget_table())
    return open_report(chromium, doc, tmp_path_factory.mktemp("html"), "scan"), doc


def test_every_edit_is_one_highlighted_change(scan_report: tuple[Tab, Document]) -> None:
    tab, doc = scan_report
    assert len(doc.edits) >= 10
    assert count(tab, "mark.change") == len(doc.edits)
    assert tab.evaluate("document.documentElement.dataset.changes") == str(len(doc.edits))
    assert count(tab, "figure.scan .box[data-edit]") == len(doc.edits)
    assert count(tab, "figure.scan .box") == len(doc.pages[0].words)
    low = [e for e in doc.edits if e.confidence < LOW_EDIT_CONFIDENCE]
    assert count(tab, "mark.change.c-low") == len(low) > 0
    restored = tab.evaluate("document.querySelector('.text.restored').innerText")
    original = tab.evaluate("document.querySelector('.text.original').innerText")
    page = doc.pages[0]
    was = {e.word: e.original for e in doc.edits}
    for line in page.lines:  # each side shows its own words, in order
        assert page.line_text(line) in " ".join(restored.split())
        assert " ".join(was.get(i, page.words[i].text) for i in line.words) in " ".join(
            original.split()
        )


def test_it_is_self_contained_and_error_free(scan_report: tuple[Tab, Document]) -> None:
    tab, _ = scan_report
    assert tab.events("Runtime.exceptionThrown") == []
    urls = [e["request"]["url"] for e in tab.events("Network.requestWillBeSent")]
    assert urls and all(u.startswith(("file:", "data:")) for u in urls)
    assert tab.evaluate("document.querySelector('figure.scan img').naturalWidth") > 500


def test_hover_shows_the_change_and_click_shows_the_word_crop(
    scan_report: tuple[Tab, Document],
) -> None:
    tab, doc = scan_report
    index = min(range(len(doc.edits)), key=lambda i: doc.edits[i].confidence)
    edit = doc.edits[-1] if index == len(doc.edits) - 1 else doc.edits[index + 1]
    tab.mouse("mouseMoved", *tab.center_of(f"#edit-{doc.edits.index(edit)}"))
    detail = "document.querySelector('#detail-body')"
    assert tab.evaluate(f"{detail}.querySelector('.res').textContent") == edit.result

    tab.mouse("click", *tab.center_of(f"#edit-{index}"))
    shown = tab.evaluate(
        f"({{orig: {detail}.querySelector('.orig').textContent,"
        f" res: {detail}.querySelector('.res').textContent,"
        f" alts: {detail}.querySelectorAll('.alts li').length,"
        f" conf: {detail}.querySelector('.conf').textContent}})"
    )
    low = doc.edits[index]
    assert shown == {
        "orig": low.original,
        "res": low.result,
        "alts": len(low.alternatives),
        "conf": f"độ tin cậy {round(low.confidence * 100)}%",
    }
    # the crop is drawn from the page image: a real picture with dark ink in it
    ink = tab.evaluate(
        "(() => { const c = document.getElementById('crop');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 100) dark++;"
        " return [c.width, c.height, dark]; })()"
    )
    assert ink[0] > 40 and ink[1] > 20 and ink[2] > 50
    assert count(tab, f"[data-edit='{index}'].selected") == 3  # text, OCR text, page box


def test_check_first_lists_low_confidence_words_lowest_first(
    scan_report: tuple[Tab, Document],
) -> None:
    tab, doc = scan_report
    items = tab.evaluate(
        "[...document.querySelectorAll('#check-first li a')].map(a =>"
        " [a.getAttribute('href'), parseInt(a.querySelector('.pct').textContent)])"
    )
    low = sorted(
        (e.confidence, f"#edit-{i}") for i, e in enumerate(doc.edits) if e.confidence < 0.6
    )
    edits_listed = [href for href, _ in items if href.startswith("#edit-")]
    assert sorted(edits_listed) == sorted(target for _, target in low)
    percents = [pct for _, pct in items]
    assert percents == sorted(percents)
    tab.mouse("click", *tab.center_of("#check-first li a"))
    first = int(items[0][0].removeprefix("#edit-"))
    assert tab.evaluate("document.documentElement.dataset.shown") == str(first)


def test_table_mismatches_are_flagged(scan_report: tuple[Tab, Document]) -> None:
    tab, _ = scan_report
    assert count(tab, "#table-1 td.bad") == 1
    assert tab.evaluate("document.querySelector('#table-1 td.bad').textContent") == "250"
    flagged = tab.evaluate("document.querySelector('#table-1 .mismatches').innerText")
    assert "250 ≠" in flagged and "2 · Đào tạo chuyên gia" in flagged
    assert tab.evaluate("document.querySelector('#table-1 tr.section td').colSpan") == 7
    alert = "document.querySelector('#check-first .table-alert a')"
    assert tab.evaluate(f"{alert}.getAttribute('href')") == "#table-1"
    assert "Phụ lục II: 1 tổng không khớp" in tab.evaluate(f"{alert}.textContent")
    header = tab.evaluate(
        "[...document.querySelectorAll('#table-1 th')].map(th => [th.textContent, th.colSpan])"
    )
    assert ["Năm 2026", 2] in header and ["TT", 1] in header


def test_screenshot_of_the_report(
    scan_report: tuple[Tab, Document], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """SOHOA_UPDATE_DOCS=1 also saves it as the README's docs/review-report.png."""
    tab, doc = scan_report
    tab.evaluate("window.scrollTo(0, 0)")
    low = min(range(len(doc.edits)), key=lambda i: doc.edits[i].confidence)
    tab.mouse("click", *tab.center_of(f"#edit-{low}"))
    tab.evaluate("window.scrollTo(0, 0)")
    shot = tab.screenshot(tmp_path_factory.mktemp("shot") / "review-report.png")
    with Image.open(shot) as image:
        assert image.size == (1440, 1000)
        colours = image.convert("RGB").resize((64, 64)).getcolors(64 * 64)
        assert colours is not None and len(colours) > 20  # not a blank page
    if os.environ.get("SOHOA_UPDATE_DOCS") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def test_text_input_with_edits_everywhere(chromium: Chromium, tmp_path: Path) -> None:
    """Edits in tables, on text lines, on a word already edited or out of range: still one
    highlighted change each, listed under the other changes."""
    doc = budget_document()
    doc.edits += [
        Edit("Kiem", "Kiểm", 0.5, [Alternative("Kiểm", 0.5)], table=0),
        Edit("tinh", "tỉnh", 0.95, line=3, column=12),
        Edit("Thu", "Thực", 0.8, page=1, word=doc.edits[0].word),
        Edit("x", "y", 0.7, page=9, word=0),
    ]
    tab = open_report(chromium, doc, tmp_path, "text")
    assert count(tab, "mark.change") == len(doc.edits) == 10
    assert count(tab, "#other-changes mark.change") == 4
    assert count(tab, "figure.scan") == 0
    assert tab.events("Runtime.exceptionThrown") == []
    tab.mouse("click", *tab.center_of("#other-changes mark.change"))
    assert tab.evaluate("document.querySelector('#detail .where').textContent") == "bảng 1"


def test_what_a_row_read_that_no_cell_takes_is_listed_under_its_table(
    chromium: Chromium, tmp_path: Path
) -> None:
    """Old OCR's amounts beyond the amount columns (``TableRow.unplaced``) are shown under
    the table with the row they were read in, for the reviewer to place."""
    doc = budget_document()
    doc.tables = [budget_table()]
    doc.tables[0].rows[-1].unplaced = "20 12"
    tab = open_report(chromium, doc, tmp_path, "unplaced")
    items = tab.evaluate("[...document.querySelectorAll('ul.unplaced li')].map(e => e.innerText)")
    assert len(items) == 1 and items[0].startswith("Dòng «") and items[0].endswith("»: 20 12")
    assert tab.events("Runtime.exceptionThrown") == []


def test_a_row_the_rebuild_is_unsure_of_is_marked(chromium: Chromium, tmp_path: Path) -> None:
    """A row of a table rebuilt from old OCR text rated below 0.5 (``TableRow.confidence``)
    is marked "doubtful", its confidence in its tooltip; rows rated higher or not at all
    (a grid's) are not."""
    doc = budget_document()
    doc.tables = [budget_table()]
    doc.tables[0].rows[0].confidence = 0.9
    doc.tables[0].rows[-1].confidence = 0.32
    tab = open_report(chromium, doc, tmp_path, "doubtful")
    assert count(tab, "table.data tr.doubtful") == 1
    title = tab.evaluate("document.querySelector('table.data tr.doubtful').title")
    assert "0.32" in title
    assert tab.events("Runtime.exceptionThrown") == []


def test_an_edit_in_a_table_cell_says_its_table_and_row() -> None:
    from sohoa.output.html_report import _edit_view

    assert _edit_view(0, Edit("Kiem", "Kiểm", 0.5, table=1, row=2)).where == "bảng 2, hàng 3"
    assert _edit_view(0, Edit("Kiem", "Kiểm", 0.5, table=1)).where == "bảng 2"


def test_document_text_cannot_inject_markup(chromium: Chromium, tmp_path: Path) -> None:
    doc = budget_document()
    doc.pages[0].words[0].text = "<b class=evil>KẾ</b>"
    doc.edits.append(Edit("</script><i class=evil>", "<img class=evil src=x>", 0.2, page=1, word=1))
    doc.source = "<script>document.title='hacked'</script>.txt"
    tab = open_report(chromium, doc, tmp_path, "evil")
    assert count(tab, ".evil") == 0
    assert tab.evaluate("document.title").startswith("Rà soát")
    assert "<b class=evil>KẾ</b>" in tab.evaluate("document.querySelector('.restored').innerText")
    assert count(tab, "mark.change") == len(doc.edits)
    tab.mouse("click", *tab.center_of(f"#edit-{len(doc.edits) - 1}"))
    assert tab.evaluate("document.querySelector('#detail .orig').textContent") == (
        "</script><i class=evil>"
    )


def test_empty_document(chromium: Chromium, tmp_path: Path) -> None:
    tab = open_report(chromium, Document(source="e.txt", input_kind="txt"), tmp_path, "empty")
    assert count(tab, "mark.change") == 0
    assert tab.events("Runtime.exceptionThrown") == []


def test_registered_as_html() -> None:
    assert WRITERS["html"] is write_html


def test_clicking_the_page_image_zooms_it(scan_report: tuple[Tab, Document]) -> None:
    tab, _ = scan_report
    width = "document.querySelector('figure.scan').getBoundingClientRect().width"
    before = tab.evaluate(width)
    x, y = tab.evaluate(
        "(() => { const f = document.querySelector('figure.scan'); f.scrollIntoView();"
        " const r = f.getBoundingClientRect(); return [r.right - 4, r.bottom - 4]; })()"
    )
    tab.mouse("click", x, y)  # the bottom margin of the page: no word box there
    zoomed = tab.evaluate(width)
    tab.evaluate("document.querySelector('.page-grid').classList.remove('zoomed')")
    assert zoomed > 2 * before


def correct(tab: Tab, selector: str, value: str) -> None:
    """Click what is to be corrected, type its right value, record it."""
    tab.click(selector)
    tab.wait_for("!document.getElementById('fix').hidden")
    tab.type_text(value)
    tab.click("#fix-apply")


def saved_corrections(chromium: Chromium, tab: Tab, folder: Path, name: str) -> dict:
    """Click the report's download button; the JSON file it saves, read back."""
    chromium.allow_downloads(folder)
    tab.click("#save-download")
    path = folder / name
    deadline = time.monotonic() + 30
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_reviewer_corrects_words_fields_and_cells_and_saves_them(
    chromium: Chromium, tmp_path: Path
) -> None:
    doc = budget_document()
    doc.sha256 = "ab" * 32
    tab = open_report(chromium, doc, tmp_path, "ke-hoach-49")
    page = doc.pages[0]
    plain = next(i for i, w in enumerate(page.words) if w.text == "Bắc")
    rejected = next(e for e in doc.edits if e.result == "đổi")
    picked = next(e for e in doc.edits if e.result == "kiểm")
    picker = "typeof window.showSaveFilePicker === 'function'"
    assert tab.evaluate(f"document.getElementById('save-file').hidden !== ({picker})")
    correct(tab, f'.text.restored [data-p="1"][data-w="{plain}"]', "Bắc-Ninh")
    tab.click(f"#edit-{doc.edits.index(rejected)}")
    tab.click("#fix-reject")
    tab.click(f"#edit-{doc.edits.index(picked)}")
    tab.click("#fix-accept")
    correct(tab, '[data-field="so_hieu"]', "50/KH-UBND")
    correct(tab, '[data-field="nguoi_ky.ho_ten"]', "Nguyễn Văn An")
    correct(tab, 'td[data-t="0"][data-r="2"][data-c="2"]', "200")
    assert tab.evaluate("document.documentElement.dataset.corrections") == "6"
    assert tab.evaluate("document.querySelector('[data-field=\"so_hieu\"]').textContent") == (
        "50/KH-UBND"
    )
    tab.click("#reviewer")
    tab.type_text("Lê Thị Hoa")
    saved = saved_corrections(chromium, tab, tmp_path / "downloads", "ke-hoach-49.corrections.json")
    expected = {"source": doc.source, "sha256": doc.sha256, "output": "ke-hoach-49"}
    assert saved["document"] == expected
    assert saved["reviewer"] == "Lê Thị Hoa" and saved["saved_at"].startswith("20")
    by_kind = {(c["kind"], c["decision"]): c for c in saved["corrections"]}
    word = by_kind[("word", "typed")]
    assert (word["page"], word["word"], word["old"], word["new"]) == (1, plain, "Bắc", "Bắc-Ninh")
    assert word["bbox"] is None  # a text input has no geometry
    reject = by_kind[("word", "reject")]
    assert (reject["word"], reject["old"], reject["new"]) == (rejected.word, "đổi", "đối")
    assert by_kind[("word", "accept")]["new"] == "kiểm"
    fields = {c["field"]: c for c in saved["corrections"] if c["kind"] == "metadata"}
    assert fields["so_hieu"]["old"] == "49/KH-UBND" and fields["so_hieu"]["new"] == "50/KH-UBND"
    assert fields["nguoi_ky.ho_ten"]["old"] == "" and fields["nguoi_ky.ho_ten"]["new"] == (
        "Nguyễn Văn An"
    )
    cell = by_kind[("cell", "typed")]
    assert (cell["table"], cell["row"], cell["column"], cell["old"], cell["new"]) == (
        0, 2, 2, "250", "200"
    )  # fmt: skip
    assert not tab.events("Network.requestWillBeSent")[1:]  # nothing fetched but the page


def test_a_word_on_the_scan_is_corrected_with_its_box(
    chromium: Chromium, scan_report: tuple[Tab, Document], tmp_path: Path
) -> None:
    tab, doc = scan_report
    page = doc.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.bbox and len(w.text) > 3)
    correct(tab, f'.text.restored [data-p="1"][data-w="{index}"]', "SỬA")
    payload = tab.evaluate("window.sohoaCorrections()")
    word = next(c for c in payload["corrections"] if c["kind"] == "word" and c["word"] == index)
    assert word["bbox"] == pytest.approx(list(page.words[index].bbox))
    assert word["new"] == "SỬA"


def test_a_reviewers_correction_is_shown_over_the_restorers_edit(
    chromium: Chromium, tmp_path: Path
) -> None:
    doc = budget_document()
    rejected = next(e for e in doc.edits if e.result == "đổi")
    page = doc.pages[0]
    page.words[rejected.word].text = "đối"  # the next run applied the reviewer's rejection
    reviewer = Edit("đổi", "đối", 1.0, page=1, word=rejected.word, reason="reviewer")
    doc.edits.append(reviewer)
    tab = open_report(chromium, doc, tmp_path, "reviewed")
    mark = f'.text.restored [data-w="{rejected.word}"]'
    assert tab.evaluate(f"document.querySelector('{mark}').textContent") == "đối"
    assert tab.evaluate(f"document.querySelector('{mark}').classList.contains('reviewed')")
    assert tab.evaluate(f"document.querySelector('{mark}').id") == f"edit-{len(doc.edits) - 1}"
    assert count(tab, "#other-changes") == 0  # the overridden edit is not listed again
    original = tab.evaluate("document.querySelector('.text.original').innerText")
    assert "kế hoạch đối mới" in original  # what the OCR read there, as before


def test_each_metadata_field_shows_where_it_was_read(
    chromium: Chromium, scanned_doc: Document, tmp_path: Path
) -> None:
    """The metadata list gives, beside each value, the confidence, page and kind of place it
    was read (``metadata.nguon``), with the line's box for the scan."""
    doc = extract_metadata(copy.deepcopy(scanned_doc))
    shown = {s.field: s for s in doc.metadata.nguon if s.page is not None}
    assert {"loai_van_ban", "co_quan_ban_hanh.ten"} <= set(shown)
    tab = open_report(chromium, doc, tmp_path, "nguon")
    rows = tab.evaluate(
        "[...document.querySelectorAll('dl.meta dd[data-field]')].map(d => [d.dataset.field,"
        " d.nextElementSibling.className, d.nextElementSibling.textContent,"
        " d.nextElementSibling.dataset.bbox || ''])"
    )
    found = {field: (css, text, bbox) for field, css, text, bbox in rows}
    for name in ("loai_van_ban", "co_quan_ban_hanh.ten"):
        source = shown[name]
        css, text, bbox = found[name]
        assert "nguon" in css.split()
        assert f"{source.confidence * 100:.0f}%" in text and f"trang {source.page}" in text
        assert bbox == ",".join(f"{v:.0f}" for v in source.bbox or ())
    assert found["so_hieu"][1] == ""  # no number on this page: nothing said about it
