"""Vietnamese text in pre-Unicode encodings: TCVN3 (ABC), VNI, VIQR, VISCII and Windows-1258.

Old Word files, text files and PDFs made with the ``.VnTime`` (TCVN3/ABC) or ``VNI-Times``
fonts hold Vietnamese as 8-bit codes that mean one thing in the font and another in
Windows' code page: a PDF's text layer or a DOCX run gives "Qu¶n lý" for "Quản lý". The
text is exact once the codes are mapped back, so it is decoded here, never OCR'd.

- TCVN3 (TCVN 5712:1993, VN3): one byte per letter. The table is glibc iconv's
  ``TCVN5712-1`` for the codes 0x80-0xFF (tests/ocr/test_legacy_encoding.py checks it
  against iconv where iconv is installed). The ``.Vn…H`` fonts (``.VnTimeH``) draw the
  lower-case codes as capitals.
- VNI: a base letter followed by one or two mark codes ("aø" = à, "ö" = ư, "ñ" = đ), built
  below from the VNI rules, not typed out letter by letter.
- VIQR (RFC 1456): ASCII marks after the letter ("Vie^.t Nam", "dd" = đ).
- Windows-1258: Python's own ``cp1258`` codec, combining tones composed (NFC).
- VISCII (RFC 1456): one byte per letter, six capitals among the control codes; the table is
  glibc iconv's ``VISCII`` (checked against it in the tests, as TCVN3's).

Python has no TCVN3, VNI, VIQR or VISCII codec, and no maintained PyPI package covers them (the
few that exist are unmaintained single-file scripts): the tables are built here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

from sohoa.ocr.text_quality import text_layer_quality

Encoding = Literal["utf-8", "utf-16", "tcvn3", "vni", "viqr", "cp1258", "viscii"]

# --- TCVN3 ----------------------------------------------------------------------------------

# Code 0x80 + i, TCVN 5712:1993 (glibc iconv TCVN5712-1). 0xB0-0xB4 are combining tones.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)
assert len(_TCVN3_HIGH) == 128


# Capitals with a tone that TCVN 5712:1993 (VN1) puts among the control codes; glibc's iconv
# writes them there (a ".VnTime" font has no such capitals: ABC typed them in ".VnTimeH").
_TCVN3_LOW = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
              0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}  # fmt: skip
TCVN3_LOW_CODES = frozenset(_TCVN3_LOW)


@functools.cache
def _tcvn3_table() -> dict[int, str]:
    return {**_TCVN3_LOW, **{0x80 + i: char for i, char in enumerate(_TCVN3_HIGH)}}


# --- VISCII -------------------------------------------------------------------------------

# Code 0x80 + i, VISCII 1.1 (RFC 1456; glibc iconv VISCII): one byte per precomposed letter.
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
assert len(_VISCII_HIGH) == 128
# The six capitals VISCII puts among the control codes (the other letters are ASCII's).
_VISCII_LOW = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
VISCII_LOW_CODES = frozenset(_VISCII_LOW)


@functools.cache
def _viscii_table() -> dict[int, str]:
    return {**_VISCII_LOW, **{0x80 + i: char for i, char in enumerate(_VISCII_HIGH)}}


# --- VNI ------------------------------------------------------------------------------------

# Tone codes after a vowel (lower case; the capital forms are their upper case).
_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
# â/ê/ô + tone in one code, ă + tone in one code.
_VNI_HAT_TONES = dict(zip(("", *_VNI_TONES), "âáàåãä", strict=True))
_VNI_BREVE_TONES = dict(zip(("", *_VNI_TONES), "êéèúüë", strict=True))
# i takes a single code per tone; ỵ too.
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_lower(letter: str) -> str:
    """The VNI code sequence (lower case) of one lower-case Vietnamese letter."""
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in _VNI_TONES), "")
    shape = next((m for m in marks if m not in _VNI_TONES), "")
    if base == "đ":
        return "ñ"
    if shape == "\u0302":  # circumflex: â ê ô
        return base + _VNI_HAT_TONES[tone]
    if shape == "\u0306":  # breve: ă
        return base + _VNI_BREVE_TONES[tone]
    if shape == "\u031b":  # horn: ơ ư are single codes, then the tone
        return {"o": "ô", "u": "ö"}[base] + _VNI_TONES.get(tone, "")
    if base == "i" and tone:
        return _VNI_I[tone]
    if base == "y" and tone == "\u0323":
        return "î"
    return base + _VNI_TONES.get(tone, "")


@functools.cache
def vietnamese_letters() -> frozenset[str]:
    """Every letter of the Vietnamese alphabet with every tone, both cases (NFC)."""
    letters = set("abcdefghijklmnopqrstuvwxyzđ")
    for vowel in "aăâeêioôơuưy":
        for tone in ("", *_VNI_TONES):
            letters.add(unicodedata.normalize("NFC", vowel + tone))
    return frozenset(letters | {c.upper() for c in letters})


@functools.cache
def _vni_table() -> dict[str, str]:
    """VNI code sequence -> letter, for every marked letter (both cases)."""
    table: dict[str, str] = {}
    for letter in vietnamese_letters():
        if letter.isascii() or not letter.islower():
            continue
        code = _vni_lower(letter)
        table[code] = letter
        table[code.upper()] = letter.upper()
        table[code[0].upper() + code[1:]] = letter.upper()  # capital base, small marks
    return table


# --- VIQR -----------------------------------------------------------------------------------

_VIQR_SHAPES = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
_VIQR_TONES = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_SHAPE_OF = {"a": "(^", "e": "^", "o": "^+", "u": "+"}
_VIQR_LETTER = re.compile(
    r"\\(.)"  # an escaped character is itself
    r"|([dD][dD])"
    r"|([aAeEoOuUiIyY])([(^+]?)(['`?~.]?)"
)


def decode_viqr(text: str) -> str:
    """VIQR to Unicode. A file that escapes its punctuation as RFC 1456 asks (``Ha\\.`` for
    "Ha.", ``ha.\\.`` for "hạ.") is read by the RFC: every ``.`` or ``?`` after a vowel is a
    tone. In a file that does not, a ``.`` or ``?`` ending a word before a capital, a line
    end or the end of the text is punctuation ("phu'c. Ba."), elsewhere a tone ("Tu+. do")."""
    escaped = "\\." in text or "\\?" in text

    def letter(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        if match.group(2):
            return "Đ" if match.group(2)[0] == "D" else "đ"
        vowel, shape, tone = match.group(3), match.group(4), match.group(5)
        if shape and shape not in _VIQR_SHAPE_OF.get(vowel.lower(), ""):
            return match.group(0)
        end = match.end()
        if tone in ".?" and not escaped and _ends_sentence(text, end):
            tone, suffix = "", tone  # "ba." at the end of a sentence
        else:
            suffix = ""
        marks = _VIQR_SHAPES.get(shape, "") + _VIQR_TONES.get(tone, "")
        return unicodedata.normalize("NFC", vowel + marks) + suffix

    return _VIQR_LETTER.sub(letter, text)


def _ends_sentence(text: str, end: int) -> bool:
    rest = text[end : end + 3]
    if not rest or rest[0] in "\r\n" or (rest[0] not in " \t" and not rest[0].isalpha()):
        return not rest[:1].isalpha()
    if rest[0].isalpha():
        return False
    following = rest.lstrip(" \t")[:1]
    return not following or following.isupper() or not following.isalpha()


# --- decoding -------------------------------------------------------------------------------


def legacy_codes(text: str) -> bytes | None:
    """The 8-bit codes behind text read through Windows-1252 (a PDF's WinAnsi font, a Word
    run in a symbol-style font); None when some character has no such code."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        try:
            return text.encode("latin-1")
        except UnicodeEncodeError:
            return None


def decode_viscii(codes: bytes) -> str:
    table = _viscii_table()
    return "".join(table.get(b, chr(b)) for b in codes)


def decode_tcvn3(codes: bytes, capitals: bool = False) -> str:
    table = _tcvn3_table()
    text = unicodedata.normalize("NFC", "".join(table.get(b, chr(b)) for b in codes))
    return text.upper() if capitals else text


@functools.cache
def _vni_pattern() -> re.Pattern[str]:
    codes = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(code) for code in codes))


def decode_vni(codes: bytes) -> str:
    table = _vni_table()
    text = codes.decode("cp1252", errors="replace")
    return _vni_pattern().sub(lambda m: table[m.group(0)], text)


def decode(codes: bytes, encoding: Encoding) -> str:
    if encoding == "tcvn3":
        return decode_tcvn3(codes)
    if encoding == "vni":
        return decode_vni(codes)
    if encoding == "viqr":
        return decode_viqr(codes.decode("ascii"))
    if encoding == "viscii":
        return decode_viscii(codes)
    return unicodedata.normalize("NFC", codes.decode(encoding))


def font_encoding(font: str) -> tuple[Literal["tcvn3", "vni"], bool] | None:
    """The legacy encoding a font name implies, and whether it draws capitals only.

    ``.VnTime``, ``.VnArialH`` (ABC/TCVN3; a trailing H = capitals), ``VNI-Times``; a PDF
    subset prefix (``ABCDEF+``) is ignored.
    """
    name = font.split("+", 1)[-1].split(",", 1)[0]
    if re.match(r"\.?Vn[A-Z]", name):
        family = re.sub(r"[-_ ]?(Bold|Italic|Regular|BoldItalic)$", "", name, flags=re.I)
        return "tcvn3", family.endswith("H")
    if re.match(r"VNI[-_ ]", name, re.IGNORECASE):
        return "vni", False
    return None


def decode_font_text(text: str, font: str) -> str:
    """``text`` drawn in ``font``: decoded when the font is a legacy Vietnamese one."""
    encoding = font_encoding(font)
    if encoding is None:
        return text
    codes = legacy_codes(text)
    if codes is None:
        return text  # already Unicode (a font with a proper ToUnicode map)
    kind, capitals = encoding
    return decode_tcvn3(codes, capitals) if kind == "tcvn3" else decode_vni(codes)


# --- detection ------------------------------------------------------------------------------

_WORDS = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> float:
    """How much ``text`` reads as Vietnamese: share of valid syllables among its words,
    minus twice the share of letters that are not in the Vietnamese alphabet (ø, ¶, Ê…)."""
    letters = [c for c in text if c.isalpha() or ("\u00a1" <= c <= "\u00ff")]
    if not letters:
        return 0.0
    alphabet = vietnamese_letters()
    foreign = sum(c not in alphabet for c in letters) / len(letters)
    quality = text_layer_quality(text)
    return quality.valid_share + quality.marked_share - 2 * foreign


def utf16_without_bom(raw: bytes) -> str | None:
    """Text saved as UTF-16 with no byte-order mark, decoded; None for anything else. Such
    text has a zero byte beside every ASCII character (spaces, digits, most letters), on the
    same side: at least 30% of one side's bytes are zeros and almost none of the other's."""
    even = raw[: len(raw) // 2 * 2]
    half = len(even) // 2
    if half < 8:
        return None
    zeros = {"utf-16-le": even[1::2].count(0), "utf-16-be": even[0::2].count(0)}
    for encoding, other in (("utf-16-le", "utf-16-be"), ("utf-16-be", "utf-16-le")):
        if zeros[encoding] >= 0.3 * half and zeros[other] <= 0.02 * half:
            try:
                return even.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


# VISCII keeps Latin-1's accented letters (é, ô, à) where Windows-1258 and VNI have them: text
# in those with few marks (old OCR) reads almost as well in VISCII, so VISCII must read clearly
# better (on 1,900 samples of 60-1,000 characters of seeds 001/003/004 and four sources, no
# true VISCII sample was lost by this and 3 of 981 others were still taken, all of 60
# characters; without it 23).
_HANDICAP: dict[str, float] = {"viscii": 0.05}


def decode_bytes(raw: bytes) -> tuple[str, Encoding]:
    """Decode a text file's bytes: UTF-8/16 if it is, else the legacy encoding under which
    it reads best as Vietnamese. UTF-8 that is VIQR is decoded too. Raises ValueError when
    nothing reads as Vietnamese text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    unmarked = utf16_without_bom(raw)
    if unmarked is not None:
        return unmarked, "utf-16"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if text.isascii() and _VIQR_LETTER.search(text):
            viqr = decode_viqr(text)
            if vietnamese_score(viqr) > vietnamese_score(text) + 0.2:
                return viqr, "viqr"
        return text, "utf-8"
    candidates: list[tuple[float, str, Encoding]] = []
    for encoding in ("cp1258", "tcvn3", "vni", "viscii"):
        try:
            decoded = decode(raw, encoding)  # type: ignore[arg-type]
        except UnicodeDecodeError:
            continue
        candidates.append((vietnamese_score(decoded), decoded, encoding))  # type: ignore[arg-type]
    if not candidates:
        raise ValueError("no encoding fits")
    score, decoded, encoding = max(candidates, key=lambda c: c[0] - _HANDICAP.get(c[2], 0.0))
    if score < 0.5:
        raise ValueError("no encoding reads as Vietnamese")
    return decoded, encoding
