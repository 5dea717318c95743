"""The printed marks that place a line in Nghị định 30/2020's layout: one set for the layout
reader of pages with word boxes (``page_layout``) and for the text-only reader of TXT and
DOCX (``output/official_layout``).

- the national title and the motto ("CỘNG HÒA XÃ HỘI …", "Độc lập - Tự do - …"), matched
  on folded text with OCR slips allowed, from the start of a word;
- the number line ("Số: 49/KH-UBND", "Số 38-CT/TW"), a công văn's summary ("V/v …"), the
  date line ("… ngày 28 tháng 8 …"; its "năm" may wrap onto the next line);
- the recipients ("Nơi nhận:") and the authority lines of the signature (TM./KT./TL./TUQ./Q.
  followed by capitals), and an appendix's caption ("PHỤ LỤC").

``metadata_header`` parses the number and date lines' fields with its own, more tolerant
patterns (OCR's "S6:", a handwritten day); these marks only say what a line is.
"""

from __future__ import annotations

import regex

from sohoa.extract.admin_vocab import fold, similar

NATIONAL_TITLE = "cong hoa xa hoi"
MOTTO = "doc lap tu do"
PHRASES = (NATIONAL_TITLE, MOTTO)
DATE = regex.compile(r"ng[àa]y\b.{0,15}\bth[áa]ng\b", regex.IGNORECASE)  # "… năm" may wrap
NUMBER = regex.compile(r"(?<!\p{L})S[ốo]\s*[:.;]|^S[ốo]\s+\S*\d", regex.IGNORECASE)
AUTHORITY = regex.compile(r"^(?:T/?M|K/?T|T/?L|TUQ|UQ|Q)\s*\.\s*\p{Lu}{2}")
SUMMARY = regex.compile(r"^(?:V/v|V/V|Về việc)\b")
APPENDIX = regex.compile(r"^PH[ỤU]\s*L[ỤU]C\b", regex.IGNORECASE)
PHRASE_WORDS = 5  # a phrase is looked for in this many words from where it may start


def starts_phrase(text: str, phrase: str) -> bool:
    """ "CỘNG HÒA XÃ HỘI …" starts ``phrase`` (folded, OCR slips aside; a line cut short
    by the OCR, "CỘNG HÒA XÃ", too)."""
    folded = " ".join(fold(text).replace("-", " ").split())[: len(phrase)]
    if len(folded) < 8 or folded[0] != phrase[0]:  # "VỤ CỘNG HÒA XÃ" is not its start
        return False
    return similar(folded, phrase[: len(folded)]) >= 80


def phrase_at(text: str, phrase: str) -> int | None:
    """Where in a line of text ``phrase`` starts (the offset of its first word), if it does."""
    for word in regex.finditer(r"\S+", text):
        following = " ".join(text[word.start() :].split()[:PHRASE_WORDS])
        if starts_phrase(following, phrase):
            return word.start()
    return None


def opens_recipients(text: str) -> bool:
    """ "Nơi nhận:" (or "- Nơi nhận") begins the line."""
    return fold(text).lstrip(" -").startswith("noi nhan")
