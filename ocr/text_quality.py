"""Is a text Vietnamese as written? The syllable grammar, and how much of a text follows it.

A text layer in a legacy 8-bit encoding (TCVN3/ABC, VNI) or an earlier OCR pass with an
English model is there but gibberish ("Qu¶n lý", "Ting cuwdng"): few of its words are valid
Vietnamese syllables, few carry Vietnamese marks. Used to judge PDF text layers
(``text_layer``), OCR readings (``page_ocr``, ``tesseract``) and legacy decodings.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

# Syllable = initial consonant? + vowel nucleus + final consonant?, checked on the syllable
# with its tone mark removed (vowel letters ă â ê ô ơ ư and đ are kept).
_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_NUCLEUS = (
    "iêu|yêu|oai|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    "[aăâeêioôơuưy]"
)
_FINAL = "ch|ng|nh|[cmnptoiuy]"
_SYLLABLE = regex.compile(rf"(?:{_INITIAL})?(?:{_NUCLEUS})(?:{_FINAL})?")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_MARKED = set("ăâêôơưđ")
_WORD = regex.compile(r"\p{L}+")

GARBLED_VALID_SHARE = 0.75  # Vietnamese prose: > 0.9; legacy encodings / eng OCR: < 0.6
GARBLED_MARKED_SHARE = 0.25  # Vietnamese prose: ~0.7 of syllables carry a mark or đ/ơ/ư…
MIN_WORDS_TO_JUDGE = 20


def split_tone(syllable: str) -> tuple[str, int]:
    """The syllable without its tone mark, and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tones = sum(c in _TONES for c in decomposed)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base), tones


def is_vietnamese_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable ("trường", "nghiệp"), with at most one tone."""
    base, tones = split_tone(word)
    return tones <= 1 and _SYLLABLE.fullmatch(base) is not None


# A syllable ending in a stop (p, t, c, ch) is spoken with the sắc or nặng tone or none:
# under a huyền, hỏi or ngã it is a misread mark ("cầt" for "cất" in a bold title upscaled)
_STOP_FINAL = regex.compile(r"(?:ch|[ptc])$")
_SONORANT_TONES = {"\u0300", "\u0303", "\u0309"}  # huyền ngã hỏi


def misread_tone(word: str) -> bool:
    """True for a word holding a syllable with a stop final under a tone such syllables
    never carry ("cầt", "họp" is fine, "hỏp" is not): its marks were misread."""
    for piece in _WORD.findall(unicodedata.normalize("NFC", word)):
        base, tones = split_tone(piece)
        if tones != 1 or not _SYLLABLE.fullmatch(base) or not _STOP_FINAL.search(base):
            continue
        if any(c in _SONORANT_TONES for c in unicodedata.normalize("NFD", piece.lower())):
            return True
    return False


def is_vietnamese_word(token: str) -> bool:
    """True for an OCR'd word whose letters are Vietnamese syllables ("Luật,", "(Đã",
    "ký)"); False for a number, a code or a word with no letters."""
    pieces = _WORD.findall(unicodedata.normalize("NFC", token))
    return bool(pieces) and all(is_vietnamese_syllable(piece) for piece in pieces)


# A document's number and code as printed ("1113/UBND-LĐTBXH", "30/2020/NĐ-CP", "..../QĐ-KN"):
# whatever stands before the slash (a number, dots, a handwritten scrawl), then capitals
_CODE = regex.compile(r"\S*?/(?:\d{4}/)?\p{Lu}[\p{Lu}\d&]+(?:-[\p{Lu}\d&]+)*")
_CODE_EDGES = "()[]{}.,;:\"'“”"


def is_document_code(token: str) -> bool:
    """True for a token shaped as a document's number and code ("14/QĐ-KNCGTVPT,"): no
    syllable, yet well formed."""
    return _CODE.fullmatch(unicodedata.normalize("NFC", token).strip(_CODE_EDGES)) is not None


def words_valid_share(tokens: list[str]) -> float:
    """The share of ``tokens``' runs of letters that are Vietnamese syllables, a document code
    counting as one well-formed run (``text_layer_quality`` judges its capitals as syllables)."""
    valid = total = 0
    for token in tokens:
        if is_document_code(token):
            valid, total = valid + 1, total + 1
            continue
        for piece in _WORD.findall(unicodedata.normalize("NFC", token)):
            valid += is_vietnamese_syllable(piece)
            total += 1
    return valid / total if total else 0.0


def reading_quality(confidence: float, valid_share: float) -> float:
    """Higher is better: Tesseract's mean confidence (0-100), and the share of words that are
    Vietnamese syllables (weighted half: numbers, codes and abbreviations are not syllables
    either). How a page's readings, and a line read again, are weighed against each other."""
    return confidence / 100 + 0.5 * valid_share


@dataclass(frozen=True)
class LayerQuality:
    words: int  # alphabetic tokens looked at
    valid_share: float  # share that are valid Vietnamese syllables
    marked_share: float  # share carrying a tone mark or a Vietnamese letter (ă â đ ê ô ơ ư)

    @property
    def garbled(self) -> bool:
        if self.words < MIN_WORDS_TO_JUDGE:
            return False
        return self.valid_share < GARBLED_VALID_SHARE or self.marked_share < GARBLED_MARKED_SHARE


def text_layer_quality(text: str) -> LayerQuality:
    """Score a text layer; runs of letters in capitals or lower case are judged alike."""
    pieces = _WORD.findall(unicodedata.normalize("NFC", text))
    if not pieces:
        return LayerQuality(0, 0.0, 0.0)
    valid = marked = 0
    for piece in pieces:
        valid += is_vietnamese_syllable(piece)
        base, tones = split_tone(piece)
        marked += tones > 0 or any(c in _MARKED for c in base)
    return LayerQuality(len(pieces), valid / len(pieces), marked / len(pieces))
