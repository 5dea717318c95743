"""The issuer's place name in the header takes its marks from the date line.

A commune's or district's name is printed twice on the first page: in capitals in the
issuer's name ("ỦY BAN NHÂN DÂN XÃ QUỐC KHÁNH") and in the date line ("Quốc Khánh, ngày
15 tháng 11 năm 2019"). Tesseract misreads marks on capitals more often than on small
letters (a capital's mark sits squeezed above the letter height, and its box leaves it
out): on the corpus benchmark's 48 documents where both readings were found, 45 agreed,
3 had the capitals wrong (KHANH, HỖ for HỒ, ĐRĂK for ĐRẮK) and none the date line. So where
the two differ only in marks, the capitals take the date line's marks; letters never change,
and a mere difference of tone placement (HOÀ / Hòa) is the source's spelling and stays.
"""

from __future__ import annotations

import regex

from sohoa.model import Document, Edit, Page
from sohoa.normalize.unicode import normalize_syllable, strip_marks

# "Quốc Khánh, ngày 15 ..." : a place of one to four capitalised words, then ", ngày".
# Tesseract may join the line to a header line beside it ("KHANH Quốc Khánh, ngày"): the
# place's words have small letters, the header's capitals do not.
_TITLED = r"\p{Lu}[\p{L}'’]*\p{Ll}[\p{L}'’]*"
_DATE_LINE = regex.compile(rf"(?<!\S)((?:{_TITLED}\s+){{0,3}}{_TITLED}),\s+ngày\b")
_EDGE = regex.compile(r"^(\W*)(.*?)(\W*)$")  # a word's punctuation either side
# Right in 3 of 3 corpus documents where the rule applies (see above): a small sample,
# so short of the restorer's top bin.
CONFIDENCE = 0.9


def header_place_from_date_line(doc: Document) -> list[Edit]:
    """Give the first page's capitals the date line's marks where they spell the same
    place otherwise; returns the edits made (the page's words change in place)."""
    page = next((p for p in doc.pages if p.origin == "ocr" and p.words), None)
    if page is None:
        return []
    order = [i for line in page.lines for i in line.words] or list(range(len(page.words)))
    place = _date_line_place(page, order)
    if place is None:
        return []
    place_words, before = place
    edits = []
    for run in _runs(page, before, place_words):
        if _same_place_other_marks([page.words[i].text for i in run], place_words):
            for i, right in zip(run, place_words, strict=True):
                edits += _remarked(page, i, right.upper())
    return edits


# Tesseract may read the header's columns line by line across each other, so a name wrapped
# at "QUỐC / KHANH" has a line of the other column between its halves, in reading order
# (the motto: 9 words on) -- so a run may reach 12 words.
_REACH = 12


def _runs(page: Page, before: list[int], place: list[str]) -> list[list[int]]:
    """Words of ``before`` spelling ``place`` word by word (marks aside), each within
    _REACH words of the one before."""
    keys = [strip_marks(_core(page.words[i].text)).casefold() for i in before]
    wanted = [strip_marks(w).casefold() for w in place]
    runs = []
    for start, key in enumerate(keys):
        if key != wanted[0]:
            continue
        run, at = [start], start
        for word in wanted[1:]:
            at = next(
                (k for k in range(at + 1, at + 1 + _REACH) if k < len(keys) and keys[k] == word), -1
            )
            if at < 0:
                break
            run.append(at)
        if len(run) == len(wanted):
            runs.append([before[k] for k in run])
    return runs


def _date_line_place(page: Page, order: list[int]) -> tuple[list[str], list[int]] | None:
    """The date line's place words, and the words read before that line (in order)."""
    for line in page.lines[:40]:
        text = " ".join(page.words[i].text for i in line.words)
        found = _DATE_LINE.search(text)
        if found:
            first = line.words[len(text[: found.start(1)].split())]
            return found.group(1).split(), order[: order.index(first)]
    return None


def _core(word: str) -> str:
    return _EDGE.match(word).group(2)  # type: ignore[union-attr]


def _same_place_other_marks(read: list[str], place: list[str]) -> bool:
    """Capitals spelling ``place`` with other marks (tone placement aside)."""
    cores = [_core(w) for w in read]
    if not all(c and c.isupper() for c in cores):
        return False
    if [strip_marks(c).casefold() for c in cores] != [strip_marks(w).casefold() for w in place]:
        return False
    return [normalize_syllable(c.lower()) for c in cores] != [
        normalize_syllable(w.lower()) for w in place
    ]


def _remarked(page: Page, index: int, right: str) -> list[Edit]:
    """The word at ``index`` with its core spelled ``right`` (punctuation kept)."""
    word = page.words[index]
    lead, core, tail = _EDGE.match(word.text).groups()  # type: ignore[union-attr]
    if normalize_syllable(core.lower()) == normalize_syllable(right.lower()):
        return []  # this syllable already agrees
    new_text = f"{lead}{right}{tail}"
    edit = Edit(
        original=word.text,
        result=new_text,
        confidence=CONFIDENCE,
        page=page.number,
        word=index,
        reason="date-line place",
    )
    word.text = new_text
    return [edit]
