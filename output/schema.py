"""The JSON Schema of ``<stem>.json`` (``model.document_to_dict``), and validation against it.

The schema ships as ``output/schemas/document.schema.json`` (JSON Schema draft 2020-12).
It is generated from the dataclasses in ``model.py`` — their type hints give the types,
their ``# comments`` the descriptions, and ``CONSTRAINTS`` below adds what hints cannot
say (ranges, ISO dates, the SHA-256 form) — so it cannot drift from the model unnoticed:
a test compares the shipped file with a fresh build. After changing the model, run

    python output/schema.py --write

Objects are closed (``additionalProperties: false``): a field the schema does not know is
an error, so consumers can rely on exactly what is described. Table records are objects;
where the table extractor ships a record schema for a kind of appendix
(``schemas/phu_luc_1*.json``, ``schemas/phu_luc_2*.json``), ``load_schema`` ties the
records of that kind of table to it.
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

from sohoa import model
from sohoa.errors import SohoaError

SCHEMA_FILE = "document.schema.json"
SCHEMA_ID = "https://sohoa.invalid/schemas/document.schema.json"
RECORD_KINDS = ("phu_luc_1", "phu_luc_2")
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
    ("Metadata", "ngay_ban_hanh"): {"pattern": ISO_DATE},
    ("Reference", "ngay_ban_hanh"): {"pattern": ISO_DATE},
}
TITLES = {
    "Document": "One converted document: pages, metadata, tables, restorer edits, provenance",
    "Metadata": "Document metadata under Nghị định 30/2020/NĐ-CP (keys in Vietnamese)",
}


# --- building the schema from the model --------------------------------------------------


def _field_comments(cls: type) -> dict[str, str]:
    """``name: type = default  # comment`` -> {name: comment}."""
    comments: dict[str, str] = {}
    for line in inspect.getsource(cls).splitlines():
        name, colon, rest = line.strip().partition(":")
        if colon and name.isidentifier() and "  # " in rest:
            comments[name] = rest.split("  # ", 1)[1].strip()
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
        if set(options) == {int, Decimal}:
            options = [model.Amount]
        inner = (
            _type_schema(options[0], defs)
            if len(options) == 1
            else {"anyOf": [_type_schema(a, defs) for a in options]}
        )
        return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
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


def build_schema() -> dict[str, Any]:
    """The document schema as the model defines it now."""
    defs: dict[str, Any] = {}
    _define(model.Document, defs)
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


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=1) + "\n"


# --- loading and validating ------------------------------------------------------------------


def _schemas_dir() -> Any:
    return resources.files("sohoa.output") / "schemas"


def _record_schemas() -> dict[str, dict[str, Any]]:
    """Record schemas the table extractor ships, by table kind."""
    found: dict[str, dict[str, Any]] = {}
    for entry in sorted(_schemas_dir().iterdir(), key=lambda e: e.name):
        for kind in RECORD_KINDS:
            if entry.name.startswith(kind) and entry.name.endswith(".json"):
                schema = json.loads(entry.read_text(encoding="utf-8"))
                schema.setdefault("$id", SCHEMA_ID.rsplit("/", 1)[0] + "/" + entry.name)
                found[kind] = schema
    return found


@cache
def _load() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    schema = json.loads((_schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    records = _record_schemas()
    if records:
        schema["$defs"]["Table"]["allOf"] = [
            {
                "if": {"properties": {"kind": {"const": kind}}},
                "then": {"properties": {"records": {"items": {"$ref": record["$id"]}}}},
            }
            for kind, record in records.items()
        ]
    return schema, records


def load_schema() -> dict[str, Any]:
    """The shipped document schema, tied to any shipped record schemas (a fresh copy)."""
    return json.loads(json.dumps(_load()[0]))


def schema_errors(data: dict[str, Any]) -> list[str]:
    """Every way ``data`` breaks the schema, as "path: message" lines (empty when valid)."""
    import jsonschema
    from jsonschema.exceptions import best_match
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    schema, records = _load()
    registry = Registry().with_resources(
        (record["$id"], Resource.from_contents(record, default_specification=DRAFT202012))
        for record in records.values()
    )
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
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
    target = Path(__file__).resolve().parent / "schemas" / SCHEMA_FILE
    if sys.argv[1:] == ["--write"]:
        target.parent.mkdir(exist_ok=True)
        target.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {target}")
    else:
        sys.stdout.write(schema_text())
