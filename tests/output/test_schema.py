"""The shipped JSON Schema: current with the model, shipped as package data, and met by the
JSON the pipeline writes for every kind of input."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import tomllib
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from PIL import Image, ImageDraw, ImageFont

from sohoa.errors import SohoaError
from sohoa.model import (
    Alternative,
    Block,
    Cell,
    Document,
    Edit,
    ImageRef,
    Line,
    Mismatch,
    Page,
    Table,
    TableRow,
    Validation,
    Word,
    document_to_dict,
)
from sohoa.output import schema
from sohoa.pipeline import convert_document
from sohoa.records import TableRecord
from sohoa.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEED_002 = next((ROOT / "corpus" / "seeds").glob("002_*.txt"))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES = ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "Số: 523/QĐ-UBND", "QUYẾT ĐỊNH", "Căn cứ Luật số 1."]


@pytest.mark.parametrize(
    "name", ["document.schema.json", "phu_luc_1.schema.json", "phu_luc_2.schema.json"]
)
def test_shipped_schemas_are_current_with_the_model(name: str) -> None:
    shipped = (ROOT / "output" / "schemas" / name).read_text(encoding="utf-8")
    assert shipped == schema.schema_texts()[name], (
        "model changed: run python -m sohoa.output.schema --write"
    )


def test_record_schemas_are_made_from_the_record_dataclasses() -> None:
    """Every field of a record type is a required property of its schema, nothing more."""
    for kind, (name, _) in schema.RECORD_FILES.items():
        shipped = json.loads((ROOT / "output" / "schemas" / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(shipped)
        fields = [f.name for f in dataclasses.fields(schema.RECORD_TYPES[kind])]
        assert shipped["required"] == fields
        assert shipped["additionalProperties"] is False


def test_schema_is_valid_draft_2020_12_and_loads_from_the_package() -> None:
    loaded = schema.load_schema()
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(loaded["properties"]["metadata"]["$ref"].split("/")[-1:]) == {"Metadata"}


def test_schema_file_is_declared_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "sohoa.output" in config["tool"]["setuptools"]["packages"]
    patterns = config["tool"]["setuptools"]["package-data"]["sohoa.output"]
    shipped = {p.name for pattern in patterns for p in (ROOT / "output").glob(pattern)}
    assert schema.SCHEMA_FILE in shipped


# --- real inputs through the real pipeline ---------------------------------------------------


def _render_page(path: Path) -> Image.Image:
    font = ImageFont.truetype(FONT, 40)
    image = Image.new("L", (1400, 500), 255)
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(LINES):
        draw.text((80, 60 + row * 100), text, font=font, fill=0)
    return image


def _make_input(kind: str, folder: Path) -> Path:
    if kind == "txt":
        return SEED_002  # with Phụ lục I and II: records checked by their record schemas
    if kind == "image":
        path = folder / "page.png"
        _render_page(path).save(path, dpi=(200, 200))
        return path
    if kind == "scanned-pdf":
        path = folder / "scan.pdf"
        _render_page(path).save(path, resolution=200)
        return path
    import docx

    document = docx.Document()
    for text in LINES:
        document.add_paragraph(text)
    path = folder / "decision.docx"
    document.save(str(path))
    if kind == "docx":
        return path
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "decision.pdf"


@pytest.mark.parametrize("kind", ["txt", "docx", "image", "scanned-pdf", "digital-pdf"])
def test_pipeline_json_of_each_input_kind_validates(kind: str, tmp_path: Path) -> None:
    if kind == "digital-pdf" and shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed to make a digital PDF")
    source = _make_input(kind, tmp_path)
    try:
        doc = convert_document(source, Settings(dpi=200))
    except SohoaError as error:
        if "not supported yet" in error.problem:
            pytest.skip(f"{kind} ingest has not landed on this branch")
        raise
    data = json.loads(json.dumps(document_to_dict(doc), ensure_ascii=False))
    assert doc.input_kind == kind
    assert schema.schema_errors(data) == []
    schema.validate_document(data)
    if kind == "txt":
        assert {t["kind"] for t in data["tables"] if t["records"]} == {"phu_luc_1", "phu_luc_2"}


# --- a document using every part of the model -------------------------------------------------


def full_document(kind: str) -> Document:
    word = Word("Quyết", bbox=(10.0, 20.0, 60.0, 40.0), confidence=91.5)
    page = Page(
        number=1,
        width=1654,
        height=2339,
        dpi=200,
        rotation=90,
        deskew_angle=-0.4,
        image=ImageRef(path="scan.pdf", frame=0, dpi=200),
        words=[word, Word("định", bbox=(62, 20, 100, 40), confidence=88)],
        lines=[Line(words=[0, 1], bbox=(10, 20, 100, 40))],
        blocks=[Block(lines=[0], bbox=(10, 20, 100, 40), kind="heading")],
        mean_confidence=89.7,
    )
    table = Table(
        kind="table",
        caption="Phụ lục II",
        unit="Triệu đồng",
        pages=[1],
        columns=["STT", "Nội dung", "Tổng"],
        rows=[TableRow(section="I. Giai đoạn 1"), TableRow(cells=["1", "Hỗ trợ", "2.450"])],
        cells=[Cell("STT", 0, 0, col_span=2, bbox=(0, 0, 5, 5), confidence=70)],
        records=[TableRecord(section=None, cells={"STT": "1", "Nội dung": "Hỗ trợ", "Tổng": 2450})],
        validation=Validation(
            ok=False,
            checked=3,
            mismatches=[
                Mismatch(0, "tong", Decimal(2450), Decimal("2255.5"), "sum", Decimal(2255))
            ],
        ),
        confidence=0.8,
    )
    page.tables.append(table)
    doc = Document(source="scan.pdf", input_kind=kind, sha256="ab" * 32, pages=[page])
    doc.tables.append(table)
    doc.edits.append(
        Edit("Quyet", "Quyết", 0.93, [Alternative("Quyệt", 0.02)], page=1, word=0, table=0)
    )
    doc.metadata.so_hieu = "523/QĐ-UBND"
    doc.metadata.ngay_ban_hanh = "2020-11-03"
    doc.provenance = {"sohoa_version": "0.1.0", "timings_s": {"ingest": 1.2}}
    return doc


@pytest.mark.parametrize("kind", ["scanned-pdf", "digital-pdf", "image", "docx", "txt"])
def test_full_document_of_each_kind_validates(kind: str) -> None:
    data = json.loads(json.dumps(document_to_dict(full_document(kind))))
    assert schema.schema_errors(data) == []


@pytest.mark.parametrize(
    ("path", "value", "complaint"),
    [
        (("metadata", "ngay_ban_hanh"), "28/8/2025", "does not match"),
        (("metadata", "extra"), 1, "Additional properties"),
        (("pages", 0, "words", 0, "bbox"), [1, 2, 3], "too short"),
        (("pages", 0, "rotation"), 45, "is not one of"),
        (("edits", 0, "confidence"), 1.5, "maximum"),
        (("tables", 0, "validation", "mismatches", 0, "found"), "12,5", "does not match"),
        (("input_kind",), "pdf", "is not one of"),
    ],
)
def test_broken_documents_are_rejected(path: tuple, value: object, complaint: str) -> None:
    data = json.loads(json.dumps(document_to_dict(full_document("scanned-pdf"))))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = schema.schema_errors(data)
    assert errors and complaint in " ".join(errors)
    with pytest.raises(SohoaError, match="does not match the sohoa JSON schema"):
        schema.validate_document(data)


def test_records_of_appendix_tables_must_meet_their_record_schemas() -> None:
    doc = convert_document(SEED_002, Settings(restore=False))
    data = json.loads(json.dumps(document_to_dict(doc), ensure_ascii=False))
    assert schema.schema_errors(data) == []
    [task_list] = [t for t in data["tables"] if t["kind"] == "phu_luc_1"]
    del task_list["records"][0]["noi_dung"]
    task_list["records"][1]["unexpected"] = 1
    errors = schema.schema_errors(data)
    assert any("'noi_dung' is a required property" in e for e in errors)
    assert any("'unexpected' was unexpected" in e for e in errors)
    # a table's records are of the type its kind holds
    [budget] = [t for t in data["tables"] if t["kind"] == "phu_luc_2"]
    budget["kind"] = "phu_luc_1"
    assert any("'nhom'" in e and "unexpected" in e for e in schema.schema_errors(data))
    budget["kind"] = "table"
    assert any("'cells' is a required property" in e for e in schema.schema_errors(data))
