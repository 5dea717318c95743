"""Every bad input, as a user meets it on the command line: one line naming the file and the
fix, a non-zero exit, no traceback, no output for it, and the other files still convert."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from cli_runner import run_cli
from PIL import Image

from sohoa.corpus import scan_simulator as scans

ROOT = Path(__file__).resolve().parents[2]


def run_convert(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("convert", *args, "--no-restore", env={**os.environ, **(env or {})})


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` pixels but is a few bytes: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def make_bad_files(folder: Path) -> dict[str, str]:
    """Write each bad file; return {file name: words its error line must contain, pieces
    apart joined by " … "}."""
    clean = scans.render_text_pdf(["Căn cứ Luật Đo lường."], folder / "clean.pdf")
    data = clean.read_bytes()
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    (folder / "empty.pdf").write_bytes(b"")
    no_pages = pdfium.PdfDocument.new()
    no_pages.save(str(folder / "no-pages.pdf"))

    from reportlab.pdfgen.canvas import Canvas

    locked = Canvas(str(folder / "locked.pdf"), encrypt="secret")
    locked.drawString(72, 720, "Mật")
    locked.save()

    (folder / "bomb.png").write_bytes(png_header_only(20_000, 20_000))
    encoded = io.BytesIO()
    Image.fromarray(np.full((300, 400), 200, np.uint8)).save(encoded, format="PNG")
    (folder / "truncated.png").write_bytes(encoded.getvalue()[: len(encoded.getvalue()) // 2])
    (folder / "random.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    with zipfile.ZipFile(folder / "broken.docx", "w") as archive:
        archive.writestr("word/document.xml", "<not-really-xml")
    with zipfile.ZipFile(folder / "empty-zip.docx", "w"):
        pass  # a renamed ZIP of nothing
    (folder / "error-page.png").write_text("<html><body>404 Not Found</body></html>\n")
    (folder / "noise.jpg").write_bytes(bytes(range(256)) * 8)
    clean.unlink()
    assert data  # the clean PDF was real; only its bad relatives are kept
    return {
        "corrupt.pdf": "not a readable PDF",
        "empty.pdf": "empty (0 bytes)",
        "no-pages.pdf": "no pages",
        "locked.pdf": "encrypted … apt-get install qpdf",
        "bomb.png": "too large … save it at 300 dpi",
        "truncated.png": "corrupt or truncated",
        "random.bin": "unsupported file type",
        "old.doc": "save it as .docx",
        "broken.docx": "damaged Word file",
        "empty-zip.docx": "empty ZIP archive",
        "error-page.png": "holds text, not a PNG image",
        "noise.jpg": "not a JPEG image",
    }


def test_each_bad_input_fails_alone_in_one_line(tmp_path: Path) -> None:
    expected = make_bad_files(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("Kế hoạch số 49/KH-UBND\n", encoding="utf-8")
    names = sorted(expected)
    outdir = tmp_path / "out"
    result = run_convert(
        *(str(tmp_path / n) for n in names[:4]),
        str(good),
        *(str(tmp_path / n) for n in names[4:]),
        "-o",
        str(outdir),
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(expected), result.stderr
    for name, words in expected.items():
        (line,) = [line for line in lines if f"{name}:" in line]
        assert all(w in line for w in words.split(" … ")) and "—" in line, line  # problem — fix
    assert (outdir / "good.txt").exists() and (outdir / "good.json").exists()
    bad_stems = {Path(name).stem for name in expected}
    assert not [p for p in outdir.iterdir() if p.name.split(".")[0] in bad_stems]


@pytest.mark.parametrize("lang", ["vie", "vie+eng"])
def test_missing_language_data_says_how_to_install_it(tmp_path: Path, lang: str) -> None:
    image = tmp_path / "page.png"
    Image.fromarray(np.full((200, 300), 255, np.uint8)).save(image)
    good = tmp_path / "good.txt"
    good.write_text("Điều 1.\n", encoding="utf-8")
    empty_tessdata = tmp_path / "tessdata"
    empty_tessdata.mkdir()
    result = run_convert(
        str(image),
        str(good),
        "--lang",
        lang,
        "-o",
        str(tmp_path / "out"),
        env={"TESSDATA_PREFIX": str(empty_tessdata)},
    )
    # A set-up error, found before converting anything: exit 2, one line with the fix.
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert f"--lang {lang}" in line and "apt-get install tesseract-ocr-vie" in line
    assert f"TESSDATA_PREFIX={empty_tessdata} is where Tesseract looks" in line  # set: say so
    assert not (tmp_path / "out" / "good.txt").exists()
    assert not (tmp_path / "out" / "page.txt").exists()
