"""The collection catalogue: ``OUTDIR/catalog.csv``, ``catalog.json`` and ``catalog.html``.

One row per converted document (metadata, pages, OCR confidence, restorer edits, table
validation) plus the references between documents of the collection: a document whose
``metadata.tham_chieu`` cites a ``so_hieu`` that another document carries points to it.
A row is computed once per document (``catalog_row``) and kept in the manifest, so the
catalogue of a resumed run still lists the documents converted by earlier runs.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import unicodedata
from pathlib import Path
from typing import Any

from sohoa.model import Document
from sohoa.output.catalog_html import write_catalog_html
from sohoa.output.files import write_atomic

LOW_CONFIDENCE = 60.0  # Tesseract word confidence (0..100) below which a reviewer should look

CSV_COLUMNS = [
    "output",
    "source",
    "input_kind",
    "so_hieu",
    "loai_van_ban",
    "ngay_ban_hanh",
    "co_quan_ban_hanh",
    "trich_yeu",
    "nguoi_ky",
    "pages",
    "mean_confidence",
    "low_confidence_words",
    "edits",
    "tables",
    "tables_validation",
    "tham_chieu",  # every number the document cites, in the collection or not
    "cites",  # outputs of the documents of this collection it cites
    "cited_by",
]


def catalog_row(doc: Document, output: str) -> dict[str, Any]:
    """The catalogue facts of one document (references are resolved later, collection-wide)."""
    meta = doc.metadata
    confidences = [
        word.confidence
        for page in doc.pages
        for word in page.words
        if word.confidence is not None and word.confidence >= 0
    ]
    return {
        "output": output,
        "source": doc.source,
        "sha256": doc.sha256,
        "input_kind": doc.input_kind,
        "so_hieu": meta.so_hieu,
        "loai_van_ban": meta.loai_van_ban,
        "ngay_ban_hanh": meta.ngay_ban_hanh,
        "co_quan_ban_hanh": meta.co_quan_ban_hanh.ten,
        "trich_yeu": meta.trich_yeu,
        "nguoi_ky": meta.nguoi_ky.ho_ten,
        "pages": len(doc.pages),
        "mean_confidence": round(statistics.fmean(confidences), 2) if confidences else None,
        "low_confidence_words": sum(1 for c in confidences if c < LOW_CONFIDENCE),
        "edits": len(doc.edits),
        "tables": len(doc.tables),
        "tables_validation": _tables_validation(doc),
        "tham_chieu": [
            {"so_hieu": ref.so_hieu, "quan_he": ref.quan_he}
            for ref in meta.tham_chieu
            if ref.so_hieu
        ],
    }


def _tables_validation(doc: Document) -> str:
    """ "none" (no tables), "ok", "mismatches" (some sums disagree) or "unchecked"."""
    if not doc.tables:
        return "none"
    validations = [t.validation for t in doc.tables if t.validation and t.validation.checked]
    if any(not v.ok for v in validations):
        return "mismatches"
    return "ok" if validations else "unchecked"


def number_key(so_hieu: str) -> str:
    """Compare document numbers loosely: case, spaces, Đ/D and diacritics do not matter."""
    text = unicodedata.normalize("NFD", so_hieu.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c) and not c.isspace())
    return text.upper()


def link_references(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """References between documents of the collection, as (from, to) pairs of outputs."""
    by_number: dict[str, list[str]] = {}
    for row in rows:
        if row.get("so_hieu"):
            by_number.setdefault(number_key(row["so_hieu"]), []).append(row["output"])
    links = []
    for row in rows:
        for ref in row.get("tham_chieu", []):
            for target in by_number.get(number_key(ref["so_hieu"]), []):
                if target != row["output"]:
                    links.append(
                        {
                            "from": row["output"],
                            "to": target,
                            "so_hieu": ref["so_hieu"],
                            "quan_he": ref.get("quan_he"),
                        }
                    )
    return links


def write_catalog(rows: list[dict[str, Any]], outdir: Path) -> list[Path]:
    """Write catalog.json (rows + references), catalog.csv (rows, references as lists) and
    catalog.html (the same, to look at: ``output/catalog_html.py``)."""
    rows = sorted(rows, key=lambda row: row["output"])
    links = link_references(rows)
    cites: dict[str, list[str]] = {}
    cited_by: dict[str, list[str]] = {}
    for link in links:
        cites.setdefault(link["from"], []).append(link["to"])
        cited_by.setdefault(link["to"], []).append(link["from"])

    json_path = outdir / "catalog.json"
    payload = {"documents": rows, "references": links}
    write_atomic(json_path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "tham_chieu": "; ".join(ref["so_hieu"] for ref in row.get("tham_chieu", [])),
                "cites": "; ".join(cites.get(row["output"], [])),
                "cited_by": "; ".join(cited_by.get(row["output"], [])),
            }
        )
    csv_path = outdir / "catalog.csv"
    # utf-8-sig: Excel, which archivists open CSVs with, needs the BOM to read Vietnamese.
    write_atomic(csv_path, buffer.getvalue(), encoding="utf-8-sig")
    return [csv_path, json_path, write_catalog_html(rows, links, outdir)]
