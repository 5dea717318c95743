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
    runs = _runs([page.words[i].text for i in before], place_words)  # positions in ``before``
    if not runs or any(
        _agrees([page.words[before[k]].text for k in run], place_words) for run in runs
    ):
        return []  # the header already spells it so, wherever else the letters recur
    # The tightest run is the name (a wrapped one spans a line of the other column at most);
    # two equally tight ones leave the choice open, and nothing changes.
    spans = sorted((run[-1] - run[0], run) for run in runs)
    if len(spans) > 1 and spans[0][0] == spans[1][0]:
        return []
    run = [before[k] for k in spans[0][1]]  # its letters are the place's, its marks not
    if not all(_core(page.words[i].text).isupper() for i in run):
        return []  # the header's capitals only
    return [
        edit
        for i, right in zip(run, place_words, strict=True)
        for edit in _remarked(page, i, right.upper())
    ]


# Tesseract may read the header's columns line by line across each other, so a name wrapped
# at "QUỐC / KHANH" has a line of the other column between its halves, in reading order
# (the motto: 9 words on) -- so a run may reach 12 words. Every such run is a candidate,
# so a word that merely shares the letters ("CỘNG HÒA" for "THANH HÓA") never hides the
# name the header spells right.
_REACH = 12


def _runs(words: list[str], place: list[str]) -> list[list[int]]:
    """Every run of ``words`` (positions) spelling ``place`` word by word (marks aside),
    each within _REACH words of the one before, outside the national title."""
    keys = [strip_marks(_core(word)).casefold() for word in words]
    keys = [None if k in _national_title(keys) else key for k, key in enumerate(keys)]
    wanted = [strip_marks(w).casefold() for w in place]
    runs = [[k] for k, key in enumerate(keys) if key == wanted[0]]
    for word in wanted[1:]:
        runs = [
            [*run, k]
            for run in runs
            for k in range(run[-1] + 1, min(len(keys), run[-1] + 1 + _REACH))
            if keys[k] == word
        ]
    return runs


# The other column's national title shares words with place names (HÒA of Thanh Hóa,
# NAM of Hà Nam) and is read between a wrapped name's halves: its words are never the name's.
_TITLE_PAIRS = (("cong", "hoa"), ("viet", "nam"))


def _national_title(keys: list[str | None]) -> set[int]:
    """Positions of CỘNG HÒA and VIỆT NAM (marks aside) among ``keys``."""
    return {
        k + j
        for k in range(len(keys) - 1)
        if (keys[k], keys[k + 1]) in _TITLE_PAIRS
        for j in (0, 1)
    }


def _agrees(read: list[str], place: list[str]) -> bool:
    """The same words with the same marks (tone placement aside)."""
    return [normalize_syllable(_core(w).lower()) for w in read] == [
        normalize_syllable(w.lower()) for w in place
    ]


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
