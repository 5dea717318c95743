"""catalog.html: a batch of small documents converted by the real pipeline, the page opened
in real Chromium; its charts, graph and table must say what catalog.csv says."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from chromium import Chromium, Tab
from cli_runner import run_cli
from PIL import Image

from sohoa.output.catalog import write_catalog

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "catalog.png"
DOCUMENTS = 22
TYPES = [("QUYẾT ĐỊNH", "Quyết định", "QĐ"), ("KẾ HOẠCH", "Kế hoạch", "KH"),
         ("THÔNG BÁO", "Thông báo", "TB"), ("BÁO CÁO", "Báo cáo", "BC")]  # fmt: skip
ISSUERS = [("ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "UBND", "Bắc Ninh"),
           ("ỦY BAN NHÂN DÂN", "TỈNH NAM ĐỊNH", "UBND", "Nam Định"),
           ("SỞ Y TẾ", "TỈNH HÀ NAM", "SYT", "Hà Nam")]  # fmt: skip


def number(i: int) -> str:
    code, org = TYPES[i % len(TYPES)][2], ISSUERS[i % len(ISSUERS)][2]
    return f"{10 + i}/{code}-{org}"


def citation(i: int) -> str:
    return f"Căn cứ {TYPES[i % len(TYPES)][1]} số {number(i)} ngày 02/01/2019 của cơ quan;"


def write_archive(folder: Path) -> None:
    """Documents of several years, types and issuers; each cites the one before, every
    fifth also the first; some written without diacritics, so the restorer edits them."""
    for i in range(DOCUMENTS):
        heading = TYPES[i % len(TYPES)][0]
        top, province, _, place = ISSUERS[i % len(ISSUERS)]
        year = 2019 + i % 5
        lines = [top, province, f"Số: {number(i)}", f"{place}, ngày {1 + i} tháng 3 năm {year}"]
        lines += ["", heading, f"Về việc thực hiện nhiệm vụ năm {year}", ""]
        if i:
            lines.append(citation(i - 1))
        if i % 5 == 0 and i:
            lines.append(citation(0))
        body = "Cac co quan, don vi to chuc thuc hien." if i % 3 == 0 else "Các cơ quan thực hiện."
        lines.append(body)
        (folder / f"vb-{i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def catalog(chromium: Chromium, tmp_path_factory: pytest.TempPathFactory) -> tuple[Tab, Path]:
    folder = tmp_path_factory.mktemp("catalog")
    inputs, out = folder / "in", folder / "out"
    inputs.mkdir()
    write_archive(inputs)
    result = run_cli("convert", str(inputs), "-o", str(out), "--formats", "txt,json,html", "-q")
    assert result.returncode == 0, result.stderr + result.stdout
    tab = chromium.open((out / "catalog.html").as_uri(), width=1400, height=1800)
    tab.wait_for("document.documentElement.dataset.ready")
    return tab, out


def csv_rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((out / "catalog.csv").open(encoding="utf-8-sig")))


def test_the_table_says_what_catalog_csv_says(catalog: tuple[Tab, Path]) -> None:
    tab, out = catalog
    rows = csv_rows(out)
    assert len(rows) == DOCUMENTS
    shown = tab.evaluate(
        "[...document.querySelectorAll('#document-table tbody tr')].map((tr) =>"
        " Object.fromEntries([...tr.cells].map((td) => [td.dataset.key, td.textContent.trim()])))"
    )
    for row, cells in zip(rows, shown, strict=True):
        for key, value in cells.items():
            assert value == row[key], (row["output"], key)
    assert tab.evaluate("document.getElementById('count-documents').textContent") == "22"
    hrefs = tab.evaluate("[...document.querySelectorAll('#document-table a')].map((a) => a.href)")
    assert all(href.endswith(".html") for href in hrefs)
    assert all(Path(href.removeprefix("file://")).exists() for href in hrefs)


def test_the_bar_charts_count_the_documents_by_year_type_and_issuer(
    catalog: tuple[Tab, Path],
) -> None:
    tab, out = catalog
    rows = csv_rows(out)
    expected = {
        "by-year": Counter(row["ngay_ban_hanh"][:4] for row in rows),
        "by-type": Counter(row["loai_van_ban"] for row in rows),
        "by-issuer": Counter(row["co_quan_ban_hanh"] for row in rows),
    }
    assert len(expected["by-year"]) == 5 and len(expected["by-type"]) == 4
    for chart, counts in expected.items():
        bars = tab.evaluate(
            f"[...document.querySelectorAll('#{chart} .bar-row')].map((g) =>"
            " [g.dataset.label, Number(g.dataset.count), g.querySelector('rect').getBBox().width])"
        )
        assert {label: count for label, count, _ in bars} == dict(counts)
        assert all(width > 0 for _, _, width in bars)  # drawn, not just listed
        widest = max(bars, key=lambda bar: bar[2])
        assert widest[1] == max(counts.values())


def test_the_reference_graph_draws_every_citation_within_the_collection(
    catalog: tuple[Tab, Path],
) -> None:
    tab, out = catalog
    references = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["references"]
    cites = sum(len(row["cites"].split("; ")) for row in csv_rows(out) if row["cites"])
    assert len(references) == cites == DOCUMENTS - 1 + len(range(5, DOCUMENTS, 5))
    edges = tab.evaluate(
        "[...document.querySelectorAll('#references line.edge')].map((l) =>"
        " [l.dataset.from, l.dataset.to, l.getTotalLength()])"
    )
    assert sorted((a, b) for a, b, _ in edges) == sorted((r["from"], r["to"]) for r in references)
    assert all(length > 10 for _, _, length in edges)
    assert tab.evaluate("document.querySelectorAll('#references g.node').length") == DOCUMENTS


def test_quality_chart_review_first_and_sorting(catalog: tuple[Tab, Path]) -> None:
    tab, out = catalog
    rows = {row["output"]: row for row in csv_rows(out)}
    dots = tab.evaluate(
        "[...document.querySelectorAll('#quality circle.dot')].map((c) =>"
        " [c.dataset.output, c.dataset.edits])"
    )
    assert {output: edits for output, edits in dots} == {o: r["edits"] for o, r in rows.items()}
    assert any(int(row["edits"]) > 0 for row in rows.values())  # the restorer had work
    first = tab.evaluate("document.querySelector('#review-first li').dataset.output")
    assert int(rows[first]["edits"]) == max(int(row["edits"]) for row in rows.values())
    tab.click('th[data-key="edits"]')
    tab.click('th[data-key="edits"]')  # the second click sorts descending
    edits = tab.evaluate(
        "[...document.querySelectorAll('#document-table tbody td[data-key=edits]')]"
        ".map((td) => Number(td.textContent))"
    )
    assert edits == sorted(edits, reverse=True) and edits[0] > edits[-1]
    assert not [e for e in tab.events("Network.requestWillBeSent")[1:]]
    assert not tab.events("Runtime.exceptionThrown")


def test_screenshot_of_the_catalogue(
    catalog: tuple[Tab, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """SOHOA_UPDATE_DOCS=1 also saves it as the README's docs/catalog.png."""
    tab, _ = catalog
    tab.evaluate("window.scrollTo(0, 0)")
    shot = tab.screenshot(tmp_path_factory.mktemp("shot") / "catalog.png")
    with Image.open(shot) as image:
        colours = image.convert("RGB").resize((64, 64)).getcolors(64 * 64)
        assert colours is not None and len(colours) > 20  # not a blank page
    if os.environ.get("SOHOA_UPDATE_DOCS") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def test_budget_tables_that_do_not_add_up_are_listed(tmp_path: Path) -> None:
    rows = [
        {"output": "a", "so_hieu": "1/KH", "pages": 1, "edits": 0, "tables": 2,
         "tables_validation": "mismatches", "tham_chieu": []},
        {"output": "b", "so_hieu": "2/KH", "pages": 1, "edits": 0, "tables": 1,
         "tables_validation": "ok", "tham_chieu": []},
    ]  # fmt: skip
    (tmp_path / "a.html").write_text("", encoding="utf-8")
    html = write_catalog(rows, tmp_path)[2].read_text(encoding="utf-8")
    failures = html.split('id="failures"')[1].split("</section>")[0]
    assert 'data-output="a"' in failures and 'href="a.html"' in failures
    assert 'data-output="b"' not in failures
    assert 'id="count-failures">1<' in html
