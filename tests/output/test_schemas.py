"""The shipped JSON Schemas accept the records of 002's appendices, as serialised."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from sohoa.model import document_to_dict
from sohoa.pipeline import convert_document
from sohoa.settings import Settings


def load_schema(name: str) -> dict:
    return json.loads(resources.files("sohoa.output").joinpath("schemas", name).read_text())


@pytest.fixture(scope="module")
def tables_json(seeds_dir):
    doc = convert_document(seeds_dir / "002_16be85fa44299f16.txt", Settings(restore=False))
    return document_to_dict(doc)["tables"]


@pytest.mark.parametrize("kind", ["phu_luc_1", "phu_luc_2"])
def test_records_match_schema(tables_json, kind):
    schema = load_schema(f"{kind}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    tables = [t for t in tables_json if t["kind"] == kind]
    assert tables and tables[0]["records"]
    for record in tables[0]["records"]:
        jsonschema.validate(record, schema)


def test_schema_rejects_a_float_amount():
    schema = load_schema("phu_luc_2.schema.json")
    record = {
        "section": None,
        "nhom": None,
        "stt": "1",
        "noi_dung": "x",
        "kinh_phi": {"tong": 1.5},
        "theo_nam": {},
        "co_quan_chu_tri": None,
        "co_quan_phoi_hop": None,
        "ghi_chu": None,
        "tong_cong": False,
        "extra": {},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
