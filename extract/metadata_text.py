"""What every metadata reader shares: where a field was read (``note``), the specks OCR
leaves around a line, rule lines, and a title's cleaning (one line, specks and a misread
quarter or quote put right, bounded).
"""

from __future__ import annotations

import regex

from sohoa.extract.layout_lines import SourceLine
from sohoa.model import FieldSource, Metadata

SPECKS = " :;,.'\"“”‘’`^ˆ*~_|"  # OCR specks before a name (a stamp's edge, a pen mark)
RULE_RE = regex.compile(r"^[\s\-–—_=*.…~]{3,}$")
TITLE_CHARS = 400  # a trích yếu longer than this has run into the body
# "Quý II2025" for "Quý I/2025": OCR reads the thin slash between a quarter (I-IV) and its
# year as one more "I" (or "l", "1", "|"); a quarter has at most three I's
QUARTER_RE = regex.compile(
    r"(?P<quy>\b[Qq]u[ýy]\s+)(?P<quarter>I{1,3}|IV)[Il1|](?P<year>(?:19|20)\d\d)\b"
)
# "đóng *dấu” trên": an opening quote OCR read as "*", before a word its closing quote ends
OPENING_QUOTE_RE = regex.compile(r"(?<!\S)\*(?=[\p{L}\p{N}][^\s“”*]*(?:\s[^\s“”*]+){0,5}”)")
# "lựa chọn `", "du lịch ˆ": OCR specks at a line's end
SPECK_RE = regex.compile(r"(?:\s+(?:[^\p{L}\p{N}\s.)”\"]|\p{Lm}){1,3})+$")


def note(
    meta: Metadata, name: str, source: SourceLine, certainty: float, method: str | None = None
) -> None:
    """Record where a field was read: its line's page and box, and how sure we are (0..1)."""
    meta.nguon = [s for s in meta.nguon if s.field != name]
    method = method or ("layout" if source.layout else "line" if source.bbox else "text")
    confidence = round(max(0.0, min(1.0, certainty * source.confidence)), 3)
    meta.nguon.append(FieldSource(name, confidence, source.page, source.bbox, method))


def letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def clean_title(text: str) -> str:
    """One line, OCR specks at the end removed, a quarter's slash read as "I" put back, an
    opening quote read as "*" put back, bounded (a title never runs on for pages)."""
    text = SPECK_RE.sub("", " ".join(text.split()))
    if text.count("“") < text.count("”"):
        text = OPENING_QUOTE_RE.sub("“", text)
    text = QUARTER_RE.sub(lambda m: f"{m['quy']}{m['quarter']}/{m['year']}", text)
    if len(text) > TITLE_CHARS:
        text = text[: text.rfind(" ", 0, TITLE_CHARS)]
    return text
