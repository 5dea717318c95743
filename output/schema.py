"""The JSON Schema of ``<stem>.json`` (``model.document_to_dict``), and validation against it.

The schema ships as ``output/schemas/document.schema.json`` (JSON Schema draft 2020-12).
It is generated from the dataclasses in ``model.py`` — their type hints give the types,
their ``# comments`` the descriptions, and ``CONSTRAINTS`` below adds what hints cannot
say (ranges, ISO dates, the SHA-256 form) — so it cannot drift from the model unnoticed:
a test compares the shipped file with a fresh build. After changing the model, run

    python output/schema.py --write

Objects are closed (``additionalProperties: false``): a field the schema does not know is
an error, so consumers can rely on exactly what is described. Table records are the typed
records of ``records.py``, tied to the table's kind (a ``phu_luc_1`` table holds
``PhuLuc1Record``s, …). Each kind of Phụ lục record also ships alone, generated from the same
dataclass (``schemas/phu_luc_1.schema.json``, ``schemas/phu_luc_2.schema.json``), for
consumers of the records.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import sys
import types
import typing
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sohoa import model, records
from sohoa.errors import SohoaError

SCHEMA_FILE = "document.schema.json"
SCHEMA_ID = "https://sohoa.invalid/schemas/document.schema.json"
# the record each kind of table holds; the Phụ lục ones also ship alone, under these ids
RECORD_TYPES: dict[str, type] = {
    "phu_luc_1": records.PhuLuc1Record,
    "phu_luc_2": records.PhuLuc2Record,
    "table": records.TableRecord,
}
RECORD_FILES = {
    "phu_luc_1": ("phu_luc_1.schema.json", "https://sohoa/schemas/phu_luc_1.schema.json"),
    "phu_luc_2": ("phu_luc_2.schema.json", "https://sohoa/schemas/phu_luc_2.schema.json"),
}
ISO_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

# Constraints the type hints cannot express, by (class name, field name).
CONSTRAINTS: dict[tuple[str, str], dict[str, Any]] = {
    ("Document", "schema_version"): {"pattern": r"^1\.\d+$"},
    ("Document", "sha256"): {"pattern": r"^([0-9a-f]{64})?$"},
    ("Page", "number"): {"minimum": 1},
    ("Page", "rotation"): {"enum": [0, 90, 180, 270]},
    ("Word", "confidence"): {"minimum": 0, "maximum": 100},
    ("Page", "mean_confidence"): {"minimum": 0, "maximum": 100},
    ("Edit", "confidence"): {"minimum": 0, "maximum": 1},
    ("Table", "confidence"): {"minimum": 0, "maximum": 1},
    ("TableRow", "confidence"): {"minimum": 0, "maximum": 1},
    ("PhuLuc1Record", "confidence"): {"minimum": 0, "maximum": 1},
    ("PhuLuc2Record", "confidence"): {"minimum": 0, "maximum": 1},
    ("TableRecord", "confidence"): {"minimum": 0, "maximum": 1},
    ("Metadata", "ngay_ban_hanh"): {"pattern": ISO_DATE},
    ("Reference", "ngay_ban_hanh"): {"pattern": ISO_DATE},
    ("PhuLuc2Record", "theo_nam"): {"propertyNames": {"pattern": r"^(19|20)\d\d$"}},
}
TITLES = {
    "Document": "One converted document: pages, metadata, tables, restorer edits, provenance",
    "Metadata": "Document metadata under Nghị định 30/2020/NĐ-CP (keys in Vietnamese)",
}


# --- building the schema from the model --------------------------------------------------


def _field_comments(cls: type) -> dict[str, str]:
    """``name: type = default  # comment`` -> {name: comment}; a field without one takes the
    comment lines right above it, joined (for descriptions longer than a line)."""
    comments: dict[str, str] = {}
    above: list[str] = []
    for line in inspect.getsource(cls).splitlines():
        text = line.strip()
        if text.startswith("# "):
            above.append(text[2:].strip())
            continue
        name, colon, rest = text.partition(":")
        if colon and name.isidentifier() and "  # " in rest:
            comments[name] = rest.split("  # ", 1)[1].strip()
        elif colon and name.isidentifier() and above:
            comments[name] = " ".join(above)
        above = []
    return comments


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of values ``model._jsonable`` makes from a value of type ``tp``."""
    if tp is model.BBox:
        number = {"type": "number"}
        return {"type": "array", "prefixItems": [number] * 4, "items": False, "minItems": 4}
    if tp is model.Amount or tp is Decimal:
        # exact amounts: integral ones as JSON integers, others as decimal strings
        return {"type": ["integer", "string"], "pattern": r"^-?\d+(\.\d+)?$"}
    if dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (types.UnionType, typing.Union):
        options = [a for a in args if a is not type(None)]
        if int in options and Decimal in options:  # int | Decimal: an exact amount
            options = [model.Amount, *(a for a in options if a not in (int, Decimal))]
        inner = (
            _type_schema(options[0], defs)
            if len(options) == 1
            else {"anyOf": [_type_schema(a, defs) for a in options]}
        )
        return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict and args and args[1] is not Any:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if origin is dict:
        return {"type": "object"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is Any:
        return {}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _define(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # placeholder: breaks cycles
    hints = typing.get_type_hints(cls)
    comments = _field_comments(cls)
    properties: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        schema = _type_schema(hints[f.name], defs)
        extra = CONSTRAINTS.get((name, f.name), {})
        if extra and "anyOf" in schema:  # Optional: constrain the non-null branch
            schema = {"anyOf": [{**schema["anyOf"][0], **extra}, schema["anyOf"][1]]}
        elif extra:
            schema = {**schema, **extra}
        if f.name in comments:
            schema = {"description": comments[f.name], **schema}
        properties[f.name] = schema
    definition: dict[str, Any] = {"type": "object"}
    written_doc = cls.__doc__ and not cls.__doc__.startswith(f"{name}(")  # not the generated one
    if name in TITLES or written_doc:
        definition["description"] = TITLES.get(name) or " ".join(str(cls.__doc__).split())
    definition.update(properties=properties, required=list(properties), additionalProperties=False)
    defs[name] = definition


def _records_by_kind(defs: dict[str, Any]) -> None:
    """A table's records are of the type its kind holds (``RECORD_TYPES``)."""
    defs["Table"]["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind}}},
            "then": {"properties": {"records": {"items": {"$ref": f"#/$defs/{cls.__name__}"}}}},
        }
        for kind, cls in RECORD_TYPES.items()
    ]


def build_schema() -> dict[str, Any]:
    """The document schema as the model defines it now."""
    defs: dict[str, Any] = {}
    _define(model.Document, defs)
    _records_by_kind(defs)
    document = defs.pop("Document")
    ordered = {"schema_version": document["properties"].pop("schema_version")}
    ordered.update(document["properties"])
    document.update(properties=ordered, required=list(ordered))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "sohoa document",
        **document,
        "$defs": dict(sorted(defs.items())),
    }


def build_record_schema(kind: str) -> dict[str, Any]:
    """The schema of one record of a kind of Phụ lục table, alone (its own ``$defs``)."""
    cls = RECORD_TYPES[kind]
    defs: dict[str, Any] = {}
    _define(cls, defs)
    record = defs.pop(cls.__name__)
    title = record.pop("description")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": RECORD_FILES[kind][1],
        "title": title,
        **record,
    }
    return {**schema, "$defs": dict(sorted(defs.items()))} if defs else schema


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=1) + "\n"


def schema_texts() -> dict[str, str]:
    """Every shipped schema file's text, by file name: the document's and the records'."""
    texts = {SCHEMA_FILE: schema_text()}
    for kind, (name, _) in RECORD_FILES.items():
        texts[name] = json.dumps(build_record_schema(kind), ensure_ascii=False, indent=1) + "\n"
    return texts


# --- loading and validating ------------------------------------------------------------------


def _schemas_dir() -> Any:
    return resources.files("sohoa.output") / "schemas"


@cache
def _load() -> dict[str, Any]:
    return json.loads((_schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))


def load_schema() -> dict[str, Any]:
    """The shipped document schema (a fresh copy)."""
    return json.loads(json.dumps(_load()))


def schema_errors(data: dict[str, Any]) -> list[str]:
    """Every way ``data`` breaks the schema, as "path: message" lines (empty when valid)."""
    import jsonschema
    from jsonschema.exceptions import best_match

    validator = jsonschema.Draft202012Validator(_load())
    # "not valid under any of the given schemas" says little: name the branch that failed
    leaves = [best_match([e]) for e in validator.iter_errors(data)]
    return [f"{e.json_path}: {e.message}" for e in sorted(leaves, key=lambda e: e.json_path)]


def validate_document(data: dict[str, Any]) -> None:
    """Raise ``SohoaError`` naming the first problems if ``data`` breaks the schema."""
    errors = schema_errors(data)
    if errors:
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise SohoaError(
            data.get("source", "<document>"),
            f"does not match the sohoa JSON schema: {'; '.join(errors[:3])}{more}",
            "regenerate it with this version of sohoa",
        )


if __name__ == "__main__":
    folder = Path(__file__).resolve().parent / "schemas"
    if sys.argv[1:] == ["--write"]:
        folder.mkdir(exist_ok=True)
        for name, text in schema_texts().items():
            (folder / name).write_text(text, encoding="utf-8")
            print(f"wrote {folder / name}")
    else:
        sys.stdout.write(schema_text())
