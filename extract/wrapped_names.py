"""Agency names as old OCR read them: wrapped in a narrow cell and read across the columns,
or misread letter by letter.

A lead agency's cell is narrow: "Sở Văn hóa," / "Thể thao và Du" / "lịch" takes three lines,
and old OCR, reading each page line across the columns, puts "Thể thao và Du" among the
task's words on the next line (nothing marks it as an agency's). When the name read so far
is the beginning of a known name ("Sở" and a sector of the state administration,
``admin_vocab.SECTORS``), the words that go on with it are looked for in the next line's task
text and given back to the name. Words are compared folded, one OCR slip allowed in a word
of three letters or more. An agency cell that is such a name misread ("Sở Gido duc va Dao
tao") is spelt as the name is (``known_names``, used by ``interleaved.repair_cells``).

A collective name ("Các cơ quan, đơn vị", "Các sở, ngành") is qualified by what follows it
("liên quan", "có liên quan"); wrapped, the qualifier is read among the next line's task
words and goes back to the name the same way (``qualifier_left``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.admin_vocab import SECTORS
from sohoa.extract.structure import fold

LONE_WORD_LETTERS = 3  # a continuation of one word only is taken when it is this long


@lru_cache(maxsize=1)
def _known_names() -> tuple[tuple[str, ...], ...]:
    """The folded words of each known name after its "Sở": ("van", "hoa", "the", …)."""
    names = {tuple(w for w in (fold(x) for x in sector.split()) if w) for sector in SECTORS}
    return tuple(sorted(names))


def _same(word: str, known: str) -> bool:
    if len(known) < LONE_WORD_LETTERS:
        return word == known
    return Levenshtein.distance(word, known) <= 1


def name_left(cell: str) -> tuple[str, tuple[str, ...]]:
    """The known name ``cell`` begins, as read (specks of two letters or less after it
    dropped: "Sở Văn hóa, os a. x"), and the folded words still to come (("the", "thao",
    "va", "du", "lich")); ``(cell, ())`` when it begins none or is whole. The first word is
    an agency's "Sở" as OCR read it (checked by the caller)."""
    raw = [w for w in cell.split()[1:] if fold(w)]
    words = [fold(w) for w in raw]
    for size in range(len(words), 0, -1):
        if any(len(w) >= LONE_WORD_LETTERS for w in words[size:]):
            break
        rests = {
            name[size:]
            for name in _known_names()
            if len(name) > size and all(map(_same, words[:size], name[:size]))
        }
        if len(rests) == 1:
            return " ".join([cell.split()[0], *raw[:size]]), rests.pop()
        if rests:
            break
    return cell, ()


# what qualifies a collective name ("Các cơ quan, đơn vị" / "liên quan"), folded
QUALIFIERS = (("co", "lien", "quan"), ("lien", "quan"))
# where the bodies and persons a collective lists are ("Các doanh nghiệp, tổ chức, cá nhân"
# / "trên địa bàn tỉnh"): a qualifier of those lists only, never of the departments'
TERRITORIES = tuple(("tren", "dia", "ban", tier) for tier in ("tinh", "huyen", "xa"))


def qualifier_left(cell: str) -> tuple[str, ...]:
    """The folded words still to come of a collective name begun in ``cell`` ("Các cơ
    quan, đơn vị": ("lien", "quan")): a cell opened by "Các" and a plural of bodies, no
    other agency after it, not yet qualified; ``()`` otherwise. The caller looks for the
    longest qualifier first, so "có liên quan" wins over "liên quan" when it is there."""
    words = [fold(w) for w in cell.split() if fold(w)]
    if cell.rstrip().endswith((",", ";")):  # a list going on with another name
        return ()
    if len(words) < 2 or not is_cac(words[0]) or "ubnd" in words or "so" in words[2:]:
        return ()
    if any(words[-len(q) :] == list(q) for q in QUALIFIERS):
        return ()
    return QUALIFIERS[0]


def is_cac(folded: str) -> bool:
    """Is the folded word "các" as OCR read it ("cac", "cec", "c4ec")?"""
    return regex.fullmatch(r"c\S?\S?c", folded) is not None


def qualifier_at(words: list[str], before: str = "") -> tuple[int, int] | None:
    """Where in ``words`` a collective name's qualifier wrapped in its cell was read: the
    rightmost whole "có liên quan" or "liên quan" (one slip in a word of three letters or
    more: "lién quan", "li€n quan") not inside a sentence of the task (a lower-case word on
    both sides: "… các cơ quan có liên quan hỗ trợ …"; ``before`` is the word read before
    ``words``, on the line above); ``None`` when there is none."""
    folded = [fold(w) for w in words]
    for qualifier in QUALIFIERS:
        size = len(qualifier)
        for start in range(len(words) - size, -1, -1):
            end = start + size
            after = words[end][:1] if end < len(words) else ""
            previous = words[start - 1] if start > 0 else before
            inside = bool(previous) and _goes_on(previous) and after.islower()
            if all(map(_same, folded[start:end], qualifier)) and not inside:
                return start, end
    return None


def _goes_on(word: str) -> bool:
    """Is ``word`` one of a sentence going on after it: lower case, no stop after it?"""
    return word[:1].islower() and not word.endswith((".", ";", ":"))


def known_name_size(words: list[str]) -> int:
    """How many of ``words`` make a whole known name ("Sở Nội vụ" in "Sở Nội vụ thành
    phố": 3); 0 when they begin none. The first word is an agency's "Sở" as OCR read it
    (checked by the caller)."""
    if len(words) < 2:
        return 0
    folded = [fold(w) for w in words[1:]]
    sizes = [
        len(name) + 1
        for name in _known_names()
        if len(name) <= len(folded) and all(map(_same, folded[: len(name)], name))
    ]
    return max(sizes, default=0)


NAME_START_WORDS = 2  # words of a known name after its "Sở" that tell it is one


def begins_known_name(words: list[str]) -> bool:
    """Do ``words`` after the first (an agency's "Sở" as read) go on as a known name does,
    for two words at least or the whole of a shorter name ("Lao động - Thương binh và
    Xã", "Y tế"; dashes aside; a slip only in a long word)? A lower-case "sở" / "số"
    before them heads the name."""
    folded = [w for w in (fold(x) for x in words[1:]) if w]
    for name in _known_names():
        size = min(NAME_START_WORDS, len(name))
        if len(folded) >= size and all(map(_same_strict, folded[:size], name[:size])):
            return True
    return False


def _same_strict(word: str, known: str) -> bool:
    """One OCR slip only between words of four letters or more: with no capital to say a
    name begins, "hóa hồ sơ" is no "Khoa học"."""
    if min(len(word), len(known)) < 4:
        return word == known
    return Levenshtein.distance(word, known) <= 1


def continuation_at(words: list[str], left: tuple[str, ...]) -> tuple[int, int] | None:
    """Where in ``words`` (a line's task text) the name goes on: the longest run of words
    matching the start of ``left``, the rightmost if several (the agency column is right of
    the task's); a run of one word only at either end of the line and of three letters or
    more."""
    folded = [fold(w) for w in words]
    for size in range(min(len(left), len(words)), 0, -1):
        for start in range(len(words) - size, -1, -1):
            run = folded[start : start + size]
            if not all(_same(w, k) for w, k in zip(run, left, strict=False)):
                continue
            lone = size == 1 and not (
                len(run[0]) >= LONE_WORD_LETTERS and start in (0, len(words) - 1)
            )
            if not lone:
                return start, start + size
    return None


def _same_marks(a: str, b: str) -> bool:
    """ "hóa" and "hoá": the same letters and marks, the tone on another vowel (the old and
    the new placement are both the source's own spelling)."""
    da, db = unicodedata.normalize("NFD", a.lower()), unicodedata.normalize("NFD", b.lower())
    letters = [c for c in da if not unicodedata.combining(c)]
    return letters == [c for c in db if not unicodedata.combining(c)] and sorted(da) == sorted(db)


def known_name(cell: str) -> str | None:
    """A whole agency cell that is a known name ("Sở" and a sector) as OCR misread it, one
    slip at most in each word of three letters or more ("Sở Gido duc va Dao tao"), spelt as
    the name is: its letters and marks, the cell's own capitals kept; ``None`` when the cell
    is no known name or already spells it (the tone on either vowel: "hoá", "hóa")."""
    words = cell.split()
    if len(words) < 2 or fold(words[0]) != "so":
        return None
    read = [w for w in words[1:] if fold(w)]
    for sector in SECTORS:
        spelt = [_core(t) for t in sector.lower().split() if fold(t)]
        if len(spelt) != len(read) or not all(map(_same, map(fold, read), map(fold, spelt))):
            continue
        if all(_same_marks(_core(r), t) for r, t in zip(read, spelt, strict=True)):
            return None
        known = iter(spelt)
        out = [_spelt_as(w, next(known)) if fold(w) else w for w in words[1:]]
        return " ".join([words[0], *out])
    return None


def _core(word: str) -> str:
    """The word without the punctuation after it ("hóa," -> "hóa")."""
    return regex.sub(r"\W+$", "", word)


def _spelt_as(read: str, spelt: str) -> str:
    """``spelt``'s letters and marks with ``read``'s capital and its punctuation after it."""
    head = spelt[:1].upper() + spelt[1:] if read[:1].isupper() else spelt
    return head + read[len(_core(read)) :]


def known_names(cell: str) -> str:
    """The cell with each agency of its list ("Sở Tai chinh, Sở Y te") spelt as its known
    name (see ``known_name``); other text as read."""
    parts = regex.split(r"(?<=[,;])\s+(?=Sở\s)", cell)
    return " ".join(known_name(part) or part for part in parts)
