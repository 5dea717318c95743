import dataclasses

from sohoa.model import (
    Alternative,
    Block,
    Document,
    Edit,
    Line,
    Page,
    Table,
    TableRow,
    Validation,
    Word,
    document_from_dict,
    document_to_dict,
    pixel_union,
    union_box,
)
from sohoa.records import PhuLuc1Record, PhuLuc2Record


def make_document() -> Document:
    page = Page(
        number=1,
        width=2480,
        height=3508,
        dpi=300,
        words=[Word("Kế", (10, 10, 40, 30), 91.5), Word("hoạch", (45, 10, 120, 30), 88.0)],
        lines=[Line(words=[0, 1], bbox=(10, 10, 120, 30))],
        blocks=[Block(lines=[0], kind="heading")],
    )
    return Document(
        source="scan.pdf",
        input_kind="scanned-pdf",
        pages=[page],
        tables=[
            Table(
                kind="phu_luc_2",
                rows=[
                    TableRow(cells=["1", "x"], unplaced="50", confidence=0.62),
                    TableRow(section="I. A"),
                ],
                validation=Validation(),
            )
        ],
        edits=[Edit("hoach", "hoạch", 0.97, [Alternative("hoách", 0.02)], page=1, word=1)],
    )


def test_round_trip_through_json_keeps_everything() -> None:
    doc = make_document()
    data = document_to_dict(doc)
    assert data["schema_version"] == "1.3"
    assert next(iter(data)) == "schema_version"
    assert document_from_dict(data) == doc


def test_text_joins_lines_and_blocks_in_reading_order() -> None:
    doc = make_document()
    doc.pages[0].words.append(Word("năm"))
    doc.pages[0].lines.append(Line(words=[2]))
    doc.pages[0].blocks.append(Block(lines=[1]))
    assert doc.text() == "Kế hoạch\n\nnăm"


def test_box_unions_hold_every_box_and_skip_missing_ones() -> None:
    assert union_box([(10, 5, 40, 30), None, (2, 8, 30, 44.5)]) == (2, 5, 40, 44.5)
    assert union_box([None]) is None
    assert pixel_union(iter([(10, 5, 40, 30), (2, 8, 30, 44)])) == (2, 5, 40, 44)


def test_a_record_written_before_its_confidence_field_reads_as_its_kind():
    """A schema 1.2 file's Phụ lục II record has no "confidence" (added in 1.3): it still
    reads as a PhuLuc2Record, its confidence None, not as a bare dict."""
    fields = {f.name for f in dataclasses.fields(PhuLuc2Record)} - {"confidence"}
    record = dict.fromkeys(fields)
    record |= {"stt": "1", "noi_dung": "Xây dựng", "extra": {}}
    data = {"source": "a.pdf", "input_kind": "pdf", "tables": [{"records": [record]}]}
    [read] = document_from_dict(data).tables[0].records
    assert isinstance(read, PhuLuc2Record) and read.confidence is None
    one = dict.fromkeys({f.name for f in dataclasses.fields(PhuLuc1Record)} - {"confidence"})
    [read] = document_from_dict({**data, "tables": [{"records": [one]}]}).tables[0].records
    assert isinstance(read, PhuLuc1Record)
