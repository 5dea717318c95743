"""bench/corpus/legacy.py: the old digital files the corpus makes (TCVN3, VNI, Windows-1258
and VIQR text files, DOCX in .VnTime and VNI-Times, a PDF in a TCVN3 font) read back through
sohoa exactly as their Unicode twins, with the encoding recorded."""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build as corpus_build  # noqa: E402
from corpus import legacy  # noqa: E402
from sohoa.ocr.ingest import ingest  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

SETTINGS = Settings(restore=False)
FIRST_OF_EACH = {e.kind.name: e for e in reversed(corpus_build.legacy_plan())}


@pytest.mark.parametrize("kind", [k.name for k in corpus_build.LEGACY_KINDS])
def test_an_old_file_reads_as_its_unicode_twin(tmp_path: Path, kind: str) -> None:
    built = corpus_build.build(FIRST_OF_EACH[kind], tmp_path)
    assert built.twin is not None
    assert built.input.read_bytes() != built.twin.read_bytes()
    doc = ingest(built.input, SETTINGS)
    twin = ingest(built.twin, SETTINGS)
    assert doc.text().split() == twin.text().split()
    assert built.truth["nguoi_ky"] in " ".join(doc.text().split())
    if kind.endswith("-pdf"):
        assert all(page.origin == "text-layer" for page in doc.pages)
        assert set(doc.pages[0].provenance["legacy_fonts"].values()) == {"tcvn3"}
        with pdfplumber.open(built.input) as pdf:  # the layer holds the codes, not the letters
            layer = pdf.pages[0].extract_text()
        assert "CỘNG" not in layer and "céng" in layer.lower()
        assert len(built.pages) == built.truth["pages"]
    else:
        assert doc.provenance["ingest"]["encoding"] == built.truth["encoding"]


def test_the_encoders_write_what_the_standards_say() -> None:
    assert legacy.tcvn3("Quản lý") == b"Qu\xb6n l\xfd"  # glibc iconv TCVN5712-1
    assert legacy.vni("Việt Nam, ỵ, Đường") == "Vieät Nam, î, Ñöôøng".encode("cp1252")
    assert legacy.viqr("Hạnh phúc. Sở Tài chính") == b"Ha.nh phu'c. So+? Ta`i chi'nh"
    # a mark character that could be read as the vowel's mark is escaped (RFC 1456)
    assert legacy.viqr("hạ. Hà. Ha? Ừ") == b"ha.. Ha`. Ha\\? U+`"
    assert legacy.cp1258("Việt") == b"Vi\xea\xf2t"  # ê, then the dot below (0xF2)
    runs = legacy.tcvn3_runs("Ủy ban QUYẾT")
    assert runs == [(True, "ñ"), (False, "y ban QUY"), (True, "Õ"), (False, "T")]
