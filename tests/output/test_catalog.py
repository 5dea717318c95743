from pathlib import Path

from sohoa.model import Document, Metadata, Page, Reference, Table, Validation, Word
from sohoa.output.catalog import catalog_row, number_key, write_catalog


def document(so_hieu: str, cites: list[str], tables: list[Table] | None = None) -> Document:
    page = Page(number=1, width=10, height=10, words=[Word("a", confidence=90), Word("b", None)])
    page.words.append(Word("c", confidence=30))
    meta = Metadata(
        so_hieu=so_hieu, tham_chieu=[Reference(so_hieu=s, quan_he="căn cứ") for s in cites]
    )
    return Document(
        source=f"{so_hieu}.pdf",
        input_kind="scanned-pdf",
        pages=[page],
        metadata=meta,
        tables=tables or [],
    )


def test_row_counts_confidence_edits_and_table_validation() -> None:
    bad = Table(validation=Validation(ok=False, checked=3))
    row = catalog_row(document("523/QĐ-UBND", [], [bad, Table()]), "qd-523")
    assert row["pages"] == 1 and row["mean_confidence"] == 60.0
    assert row["low_confidence_words"] == 1 and row["tables_validation"] == "mismatches"
    assert catalog_row(document("1", []), "x")["tables_validation"] == "none"


def test_references_between_documents_match_loosely_on_the_number(tmp_path: Path) -> None:
    rows = [
        catalog_row(document("523/QĐ-UBND", []), "qd-523"),
        catalog_row(document("12/KH-UBND", ["523/QD-UBND", "999/NĐ-CP"]), "kh-12"),
    ]
    assert number_key("523 / qđ-ubnd") == number_key("523/QD-UBND")
    csv_path, json_path, _ = write_catalog(rows, tmp_path)
    import json

    links = json.loads(json_path.read_text(encoding="utf-8"))["references"]
    assert links == [
        {"from": "kh-12", "to": "qd-523", "so_hieu": "523/QD-UBND", "quan_he": "căn cứ"}
    ]
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("output,source") and len(lines) == 3
    assert lines[1].startswith("kh-12,") and lines[1].endswith(",523/QD-UBND; 999/NĐ-CP,qd-523,")
    assert lines[2].endswith(",,kh-12")
