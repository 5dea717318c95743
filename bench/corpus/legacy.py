"""Old digital files: a document written in a pre-Unicode Vietnamese encoding.

    encode(text, "tcvn3" | "vni" | "cp1258" | "viqr") -> bytes  # a text file, as saved then
    legacy_docx(docx_bytes, "tcvn3" | "vni") -> bytes  # runs in .VnTime(H) / VNI-Times
    tcvn3_pdf(doc, font, size, fonts_folder) -> bytes  # text in .VnTime / .VnTimeH fonts

The encoders here are written from the standards, independently of ocr/legacy_encoding.py
(the decoder under test): TCVN3 bytes come from glibc's iconv (``TCVN5712-1``), VNI from the
VNI keyboard's rules spelled out below, Windows-1258 from Python's codec with the tone as a
separate mark (as Word saved it), VIQR from RFC 1456.

The TCVN3 PDF is what a Word file typed with the ABC keyboard gives when printed to PDF: the
page shows Vietnamese, drawn by a font whose glyph at code 0xB6 is "ả", while the text layer
holds the codes themselves ("Qu¶n lý"). Such fonts (.VnTime) are not free software, so one is
made here from a free font (Liberation, DejaVu) by moving its Vietnamese glyphs to the TCVN3
codes (fontTools). As in ABC, capitals with a tone mark are typed in the capitals-only
``.VnTimeH`` font with the small letter's code, and so are lines in capitals.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

Encoding = Literal["tcvn3", "vni", "cp1258", "viqr"]

# Old files were typed with straight quotes and three dots: TCVN3 and VIQR have no code for
# the typographic ones.
PLAIN = {"“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "–": "-", "—": "-"}
TONES = {"\u0301": "sắc", "\u0300": "huyền", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}


def plain_punctuation(value: Any) -> Any:
    """``value`` (a Doc, or any str/list/dict/dataclass inside it) with PLAIN applied."""
    if isinstance(value, str):
        return re.sub("|".join(map(re.escape, PLAIN)), lambda m: PLAIN[m.group(0)], value)
    if isinstance(value, list):
        return [plain_punctuation(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_punctuation(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return dataclasses.replace(
            value, **{f.name: plain_punctuation(getattr(value, f.name)) for f in fields}
        )
    return value


# --- encoders -----------------------------------------------------------------------------------


@functools.cache
def _iconv_tcvn3(char: str) -> bytes | None:
    done = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=char.encode(),
                          capture_output=True)  # fmt: skip
    return done.stdout if done.returncode == 0 else None


def tcvn3(text: str) -> bytes:
    """TCVN3 (TCVN 5712:1993) bytes by glibc's iconv; ValueError naming a letter it lacks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = char.encode("ascii") if char.isascii() else _iconv_tcvn3(char)
        if code is None:
            raise ValueError(f"no TCVN3 code for {char!r}")
        out += code
    return bytes(out)


# VNI Windows: a base letter, then a code for its vowel mark and tone; ơ ư đ and i/ỵ with a
# tone are single codes. Lower-case codes; capitals use the capital base and capital codes.
_VNI_TONE = {"sắc": "ù", "huyền": "ø", "hỏi": "û", "ngã": "õ", "nặng": "ï", "": ""}
_VNI_CIRCUMFLEX = {"": "â", "sắc": "á", "huyền": "à", "hỏi": "å", "ngã": "ã", "nặng": "ä"}
_VNI_BREVE = {"": "ê", "sắc": "é", "huyền": "è", "hỏi": "ú", "ngã": "ü", "nặng": "ë"}
_VNI_I = {"sắc": "í", "huyền": "ì", "hỏi": "æ", "ngã": "ó", "nặng": "ò"}


def _vni_letter(char: str) -> str:
    lower = char.lower()
    parts = unicodedata.normalize("NFD", lower)
    base, marks = parts[0], parts[1:]
    tone = next((TONES[m] for m in marks if m in TONES), "")
    shape = next((m for m in marks if m not in TONES), "")
    if lower == "đ":
        code = "ñ"
    elif shape == "\u0302":
        code = base + _VNI_CIRCUMFLEX[tone]
    elif shape == "\u0306":
        code = base + _VNI_BREVE[tone]
    elif shape == "\u031b":
        code = {"o": "ô", "u": "ö"}[base] + _VNI_TONE[tone]
    elif base == "i" and tone:
        code = _VNI_I[tone]
    elif base == "y" and tone == "nặng":
        code = "î"
    else:
        code = base + _VNI_TONE[tone]
    return code.upper() if char != lower else code


def vni(text: str) -> bytes:
    return "".join(_vni_letter(c) if not c.isascii() else c for c in text).encode("cp1252")


def cp1258(text: str) -> bytes:
    """Windows-1258 as Word saved it: the letter with its vowel mark, then the tone mark."""
    pieces = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in TONES)
        pieces.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)))
        pieces.append(tone)
    return "".join(pieces).encode("cp1258")


_VIQR_SHAPE = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}
_VIQR_TONE = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}
_VIQR_MARKS = "(^+'`?~."


def viqr(text: str) -> bytes:
    """RFC 1456: marks after the letter, "dd" for đ; a mark character that follows a vowel
    (or a d after a d) without being a mark is escaped with a backslash."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        previous = out[-1][-1:] if out else ""
        if char in "đĐ":
            out.append("dd" if char == "đ" else "DD")
        elif not char.isascii():
            parts = unicodedata.normalize("NFD", char)  # NFD puts a dot below first
            shape = "".join(_VIQR_SHAPE.get(m, "") for m in parts[1:])
            out.append(parts[0] + shape + "".join(_VIQR_TONE.get(m, "") for m in parts[1:]))
        elif (char in _VIQR_MARKS and previous.lower() in "aeiouy(^+" and previous) or (
            char in "dD" and previous in "dD" and previous
        ):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out).encode("ascii")


def encode(text: str, encoding: Encoding) -> bytes:
    return {"tcvn3": tcvn3, "vni": vni, "cp1258": cp1258, "viqr": viqr}[encoding](text)


# --- runs in legacy fonts -----------------------------------------------------------------------

# TCVN3 has no code for capitals with a tone in the ABC fonts' .VnTime: typed in .VnTimeH
CAPITALS_WITHOUT_TONE = set("ĂÂÊÔƠƯĐ")


def _needs_capitals_font(char: str) -> bool:
    return char.isupper() and not char.isascii() and char not in CAPITALS_WITHOUT_TONE


def tcvn3_runs(text: str) -> list[tuple[bool, str]]:
    """``text`` as (capitals font?, codes as Windows-1252 characters) runs: a line in
    capitals wholly in .VnTimeH, else only the capitals with a tone mark."""
    all_caps = text.isupper()
    runs: list[tuple[bool, str]] = []
    for char in unicodedata.normalize("NFC", text):
        capitals = all_caps or _needs_capitals_font(char)
        code = tcvn3(char.lower() if capitals else char).decode("cp1252")
        if runs and runs[-1][0] == capitals:
            runs[-1] = (capitals, runs[-1][1] + code)
        else:
            runs.append((capitals, code))
    return runs


def legacy_docx(data: bytes, encoding: Literal["tcvn3", "vni"]) -> bytes:
    """A Word file's every run re-typed in a legacy font: .VnTime/.VnTimeH (TCVN3) or
    VNI-Times, the text as that font's codes (what python-docx reads back from old files)."""
    import docx

    word = docx.Document(io.BytesIO(data))
    paragraphs = list(word.paragraphs)
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    word.styles["Normal"].font.name = ".VnTime" if encoding == "tcvn3" else "VNI-Times"
    seen: set[int] = set()
    for paragraph in paragraphs:
        if id(paragraph._p) in seen:  # a merged cell lists the same paragraph several times
            continue
        seen.add(id(paragraph._p))
        for run in list(paragraph.runs):
            text = run.text
            if not text:
                continue
            if encoding == "vni":
                run.text = vni(text).decode("cp1252")
                run.font.name = "VNI-Times"
                continue
            pieces = tcvn3_runs(text)
            run.text, run.font.name = pieces[0][1], ".VnTimeH" if pieces[0][0] else ".VnTime"
            anchor = run._r
            for capitals, codes in pieces[1:]:
                new = paragraph.add_run(codes)
                new.bold, new.italic = run.bold, run.italic
                new.font.name = ".VnTimeH" if capitals else ".VnTime"
                anchor.addnext(new._r)
                anchor = new._r
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# --- a TCVN3 font and PDF -----------------------------------------------------------------------


@functools.cache
def _tcvn3_meaning() -> dict[int, str]:
    """Byte -> letter, by glibc's iconv (independent of the decoder under test)."""
    meaning = {}
    for code in range(0xA0, 0x100):
        done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([code]),
                              capture_output=True)  # fmt: skip
        if done.returncode == 0:
            meaning[code] = unicodedata.normalize("NFC", done.stdout.decode())
    return meaning


def tcvn3_font(source: str, target: Path, name: str, capitals: bool) -> Path:
    """``source`` (a Unicode TrueType font) as a TCVN3 font: the glyph of each letter moved to
    its TCVN3 code, read as a Windows-1252 character (.VnTimeH: the capital's glyph)."""
    from fontTools.ttLib import TTFont

    if target.exists():
        return target
    font = TTFont(source)
    cmap = font.getBestCmap()
    mapping: dict[int, str] = {}
    for code in range(0x20, 0x7F):
        meaning = chr(code).upper() if capitals else chr(code)
        if ord(meaning) in cmap:
            mapping[code] = cmap[ord(meaning)]
    for code, letter in _tcvn3_meaning().items():
        meaning = letter.upper() if capitals else letter
        if len(meaning) == 1 and ord(meaning) in cmap:
            mapping[ord(bytes([code]).decode("cp1252"))] = cmap[ord(meaning)]
    mapping[ord(STAND_IN)] = mapping[ord(SOFT_HYPHEN)]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = dict(mapping)
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 6):
            record.string = name
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target


# TCVN3's ư is code 0xAD, the soft hyphen of Windows-1252, which reportlab hides: it is drawn
# as a private-use character and the text layer's ToUnicode maps are set back to U+00AD.
SOFT_HYPHEN = "\xad"
STAND_IN = "\ue0ad"


def tcvn3_markup(text: str, font_names: tuple[str, str]) -> str:
    """Paragraph markup drawing ``text`` in the TCVN3 fonts (regular, capitals)."""
    runs = [(font_names[capitals], codes) for capitals, codes in tcvn3_runs(text)]
    return "".join(
        f'<font name="{name}">{escape(codes.replace(SOFT_HYPHEN, STAND_IN))}</font>'
        for name, codes in runs
    )


def _soft_hyphens_back(pdf: bytes) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for font in page.Resources.Font.values():
                if "/ToUnicode" in font:
                    cmap = font.ToUnicode.read_bytes()
                    font.ToUnicode.write(cmap.replace(b"<E0AD>", b"<00AD>"))
        buffer = io.BytesIO()
        document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def tcvn3_pdf(doc: Any, font: str, size: float, fonts_folder: Path) -> bytes:
    """``doc`` typeset as render.render_pdf does, its text in TCVN3 fonts named as Word's
    PDF export names them (``.VnTime``, ``.VnTimeH,Bold``; ``.VnArial`` for a sans font).
    Tables keep the Unicode font of bench/render_tables.py (a legacy file edited later)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from .render import FONTS, register, render_pdf

    family = ".VnArial" if "Sans" in font else ".VnTime"
    names: dict[str, tuple[str, str]] = {}
    for face, path, suffix in zip(register(font), FONTS[font], ("", ",Bold", ",Italic"),
                                  strict=True):  # fmt: skip
        pair = []
        for capitals in (False, True):
            name = family + ("H" if capitals else "") + suffix
            key = "Legacy" + re.sub(r"\W", "", name + font)
            if key not in pdfmetrics.getRegisteredFontNames():
                target = fonts_folder / f"{key}.ttf"
                path = path if Path(path).exists() else FONTS[font][0]
                pdfmetrics.registerFont(TTFont(key, str(tcvn3_font(path, target, name, capitals))))
            pair.append(key)
        names[face] = (pair[0], pair[1])

    def markup(text: str, style: Any) -> str:
        return tcvn3_markup(text, names[style.fontName])

    return _soft_hyphens_back(render_pdf(doc, font, size, markup))
