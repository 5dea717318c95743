"""Legacy Vietnamese encodings decoded exactly: TCVN3, VNI, VIQR, Windows-1258 in TXT, DOCX
and PDF input; the real Luật 54 PDF read from its own text layer."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from sohoa.corpus import scan_simulator as scans
from sohoa.ocr import legacy_encoding
from sohoa.ocr.ingest import ingest
from sohoa.ocr.legacy_encoding import decode_bytes, decode_tcvn3, decode_viqr, decode_vni
from sohoa.settings import Settings

SETTINGS = Settings(restore=False)
HAS_ICONV = shutil.which("iconv") is not None

# Hand-written in each encoding (as typed with the VNI / VIQR keyboard conventions), with the
# Unicode they mean.
MEANING = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Quyết định"
VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc. Quyeát ñònh"
VIQR = (
    "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. "
    "DDo^.c la^.p - Tu+. do - Ha.nh phu'c. Quye^'t ddi.nh"
)
TCVN3 = "Céng hßa x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. QuyÕt ®Þnh"


def iconv_tcvn3(text: str) -> bytes | None:
    """``text`` in TCVN3 bytes by glibc's iconv (independent of our table); None if some
    character has no TCVN3 code."""
    done = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True
    )
    return done.stdout if done.returncode == 0 else None


def tcvn3_bytes(text: str) -> bytes:
    codes = iconv_tcvn3(text)
    assert codes is not None
    return codes


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Word wrote it: the letter with its vowel mark, then the tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    pieces = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in decomposed if c in tones)
        rest = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        pieces.append(rest + tone)
    return "".join(pieces).encode("cp1258")


def body_sample(seed: str = "001", chars: int = 3000) -> str:
    """Some lines of a clean seed whose letters all have a TCVN3 (VN3) code."""
    lines = []
    for line in scans.seed_text(seed).splitlines():
        codes = iconv_tcvn3(line) if HAS_ICONV else b""
        if line.strip() and codes is not None and not any(b < 32 for b in codes):
            lines.append(line)
        if sum(map(len, lines)) > chars:
            break
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(not HAS_ICONV, reason="needs glibc iconv")
@pytest.mark.parametrize(
    ("iconv_name", "table"),
    [("TCVN5712-1", legacy_encoding._tcvn3_table), ("VISCII", legacy_encoding._viscii_table)],
)
def test_legacy_table_is_glibcs(iconv_name: str, table: Callable[[], dict[int, str]]) -> None:
    for code in [*range(0x01, 0x20), *range(0x80, 0x100)]:
        expected = subprocess.run(
            ["iconv", "-f", iconv_name, "-t", "UTF-8"], input=bytes([code]), capture_output=True
        ).stdout.decode()
        if code < 0x20 and expected == chr(code):
            assert code not in table()  # a control code stays one
            continue
        assert table()[code] == expected, hex(code)


def iconv_viscii(text: str) -> bytes | None:
    """``text`` in VISCII bytes by glibc's iconv; None if some character has no code."""
    done = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "VISCII"], input=text.encode(), capture_output=True
    )
    return done.stdout if done.returncode == 0 else None


@pytest.mark.skipif(not HAS_ICONV, reason="needs glibc iconv to write real VISCII bytes")
@pytest.mark.parametrize("seed", ["001", "004"])
def test_a_viscii_text_file_comes_out_exact(tmp_path: Path, seed: str) -> None:
    # VISCII gives every Vietnamese letter one byte, as TCVN3 does, at other codes: read as
    # TCVN3 it was Vietnamese-looking nonsense ("Cồn cẹ LuĐt" for "Căn cứ Luật"), converted
    # without a word of warning.
    lines = [line for line in scans.seed_text(seed).splitlines()[:80] if iconv_viscii(line)]
    text = "\n".join(["KỸ THUẬT, ỶI, ỴÊN, ẲNG", *lines]) + "\n"  # capitals among the controls
    path = tmp_path / "old.txt"
    path.write_bytes(iconv_viscii(text) or b"")
    assert {0x19, 0x1E} <= set(path.read_bytes())  # Ỹ and Ỵ: control codes in VISCII
    assert decode_bytes(path.read_bytes()) == (text, "viscii")
    doc = ingest(path, SETTINGS)
    assert doc.provenance["ingest"]["encoding"] == "viscii"
    assert doc.text().split() == text.split()


@pytest.mark.skipif(not HAS_ICONV, reason="needs glibc iconv to write real TCVN3 bytes")
def test_a_tcvn3_file_with_capitals_among_the_control_codes(tmp_path: Path) -> None:
    text = "PHỤ LỤC I\nDỰ TOÁN KINH PHÍ, Ý KIẾN, ỨNG DỤNG\nQuản lý\n"
    path = tmp_path / "capitals.txt"
    path.write_bytes(tcvn3_bytes(text))
    assert b"\x02" in path.read_bytes()  # Ụ: glibc writes it among the control codes
    doc = ingest(path, SETTINGS)
    assert doc.provenance["ingest"]["encoding"] == "tcvn3"
    assert doc.text().split() == text.split()


def test_viqr_escaped_as_the_rfc_asks_reads_every_mark_as_a_tone() -> None:
    # "Sở Tài" would read as "Sơ? Tài" by the sentence rule; the file's escapes say it is not
    assert decode_viqr("So+? Ta`i chi'nh ho.p ta.i Ha` No^.i\\. Va^ng\\?") == (
        "Sở Tài chính họp tại Hà Nội. Vâng?"
    )


def test_hand_written_samples_decode() -> None:
    assert decode_tcvn3(TCVN3.encode("cp1252")) == MEANING
    assert decode_vni(VNI.encode("cp1252")) == MEANING
    assert decode_viqr(VIQR) == MEANING
    assert decode_tcvn3("QUYÕT ®ÞNH".encode("cp1252"), capitals=True) == "QUYẾT ĐỊNH"


def test_every_vni_letter_has_one_code() -> None:
    table = legacy_encoding._vni_table()
    letters = legacy_encoding.vietnamese_letters()
    assert {letter for letter in letters if not letter.isascii()} == set(table.values())
    for code, letter in table.items():
        assert decode_vni(code.encode("cp1252")) == letter


@pytest.mark.parametrize(
    ("name", "encode", "encoding"),
    [
        ("tcvn3", tcvn3_bytes, "tcvn3"),
        ("cp1258", cp1258_bytes, "cp1258"),
        ("vni", lambda text: VNI.encode("cp1252") + b"\n", "vni"),
        ("viqr", lambda text: VIQR.encode("ascii") + b"\n", "viqr"),
    ],
)
def test_legacy_text_files_come_out_exact(tmp_path: Path, name, encode, encoding) -> None:
    if name == "tcvn3" and not HAS_ICONV:
        pytest.skip("needs glibc iconv to write real TCVN3 bytes")
    text = body_sample() if name in ("tcvn3", "cp1258") else MEANING + "\n"
    path = tmp_path / f"{name}.txt"
    path.write_bytes(encode(text))
    assert decode_bytes(path.read_bytes()) == (text, encoding)
    doc = ingest(path, SETTINGS)
    assert doc.provenance["ingest"]["encoding"] == encoding
    assert doc.text().split() == text.split()


def test_utf8_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(MEANING + " 523/QĐ-UBND\n", encoding="utf-8")
    doc = ingest(path, SETTINGS)
    assert doc.provenance["ingest"]["encoding"] == "utf-8"
    assert doc.text() == MEANING + " 523/QĐ-UBND"


def test_docx_runs_in_vntime_and_vni_fonts_are_decoded(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Kế hoạch số 49/KH-UBND: ")  # a Unicode run beside the legacy ones
    paragraph.add_run(TCVN3).font.name = ".VnTime"
    document.add_paragraph().add_run("QUYÕT ®ÞNH").font.name = ".VnTimeH"
    document.add_paragraph().add_run(VNI).font.name = "VNI-Times"
    path = tmp_path / "old.docx"
    document.save(str(path))
    doc = ingest(path, SETTINGS)
    assert doc.text().split("\n\n") == [
        "Kế hoạch số 49/KH-UBND: " + MEANING,
        "QUYẾT ĐỊNH",
        MEANING,
    ]
    assert doc.provenance["ingest"]["encoding"] == "tcvn3"


def test_docx_table_cells_in_legacy_fonts_are_decoded(tmp_path: Path) -> None:
    """A table's cells go through the same run-by-run decoding as the paragraphs."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("STT", "Nội dung", "Ghi chú"), strict=True):
        cell.paragraphs[0].add_run(text)
    table.rows[1].cells[0].paragraphs[0].add_run("1")
    table.rows[1].cells[1].paragraphs[0].add_run(VNI).font.name = "VNI-Times"
    table.rows[1].cells[2].paragraphs[0].add_run(TCVN3).font.name = ".VnTime"
    path = tmp_path / "old-table.docx"
    document.save(str(path))
    doc = ingest(path, SETTINGS)
    (found,) = doc.pages[0].tables
    assert [c.text for c in found.cells if c.row == 1] == ["1", MEANING, MEANING]


def tcvn3_font_pdf(path: Path, lines: list[str]) -> Path:
    """A digital PDF as old Word files printed to PDF are: the text drawn in a font named
    ``.VnTime`` whose text layer holds the TCVN3 codes as Windows-1252 characters."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    pdfmetrics.registerFont(TTFont("VnTimeSample", font))
    canvas = Canvas(str(path))
    canvas.setFont("VnTimeSample", 11)
    for index, line in enumerate(lines):
        canvas.drawString(60, 780 - 16 * index, tcvn3_bytes(line).decode("cp1252"))
    canvas.save()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:  # name it as Word does
        for page in pdf.pages:
            for font_object in page.Resources.Font.values():
                if font_object.Subtype == "/TrueType":
                    font_object.BaseFont = pikepdf.Name("/AAAAAA+.VnTime")
                    font_object.FontDescriptor.FontName = pikepdf.Name("/AAAAAA+.VnTime")
        pdf.save(path)
    return path


@pytest.mark.skipif(not HAS_ICONV, reason="needs glibc iconv to write real TCVN3 bytes")
def test_a_tcvn3_font_pdf_is_decoded_not_ocred(tmp_path: Path) -> None:
    lines = [line for line in body_sample(chars=1500).splitlines() if len(line) < 90][:20]
    path = tcvn3_font_pdf(tmp_path / "tcvn3.pdf", lines)
    doc = ingest(path, SETTINGS)
    (page,) = doc.pages
    assert page.origin == "text-layer"
    assert page.provenance["legacy_fonts"] == {".VnTime": "tcvn3"}
    assert page.text().split() == " ".join(lines).split()


REAL_DEV = Path(__file__).resolve().parents[3] / "shared/real-dev/files"
LUAT_54 = REAL_DEV / "luat_54_2014_qh13_congbao.pdf"


@pytest.mark.skipif(not LUAT_54.exists(), reason="the real-dev documents are not beside the repo")
def test_luat_54_keeps_its_unicode_text_layer_beside_a_legacy_font() -> None:
    doc = ingest(LUAT_54, SETTINGS)
    assert [page.origin for page in doc.pages] == ["text-layer"] * 3
    first = doc.pages[0]
    assert ".VnCenturySchoolbook" in first.provenance["legacy_fonts"]
    text = first.text()
    for expected in ("Số 685 + 686", "Luật số: 54/2014/QH13", "Ký bởi: Cổng Thông tin"):
        assert expected in text  # "S ố" was split at a font change; the signature box drawn


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    # Was "unsupported file type" for convert, and nonsense with exit 0 for restore (read
    # as an 8-bit legacy encoding, a space between every two letters).
    text = MEANING + "\nSố 523/QĐ-UBND ngày 19 tháng 6 năm 2015\n"
    path = tmp_path / "unmarked.txt"
    path.write_bytes(text.encode(encoding))
    assert decode_bytes(path.read_bytes()) == (text, "utf-16")
    doc = ingest(path, SETTINGS)
    assert doc.provenance["ingest"]["encoding"] == "utf-16"
    assert doc.text().split() == text.split()
    # UTF-8 and legacy text have no zero bytes; binary data is not taken for UTF-16
    assert legacy_encoding.utf16_without_bom(text.encode("utf-8")) is None
    assert legacy_encoding.utf16_without_bom(bytes(range(256)) * 4) is None
