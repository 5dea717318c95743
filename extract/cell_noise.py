"""Specks and pieces of ruling read as letters inside the task text of old-OCR tables
(and in the agency cells beside it).

An old OCR of a ruled appendix reads the dirt of the page as characters: a speck becomes
"x" or "q", a piece of a vertical rule "|" or "I", a stamp's edge "R 2 x", and the
restorer may then dress such a piece as a syllable ("ọe", "à"). Rebuilt from that text,
a task cell reads "cho x cán bộ" or "Tăng cường chuyển đổi số - - - Ju.".

Real content looks alike in places: "(23 sản phẩm x 90 triệu đồng)" has a real "x",
"HACCP, ISO 22000, 5S-Kaizen, work layout" is no Vietnamese but is the document's, "Nghị
quyết s 43/2022" keeps a truncated "số". So a token is judged by its shape and its
neighbours, and only where the evidence is strong is it moved out of the cell:

- **strong** tokens are no word of any language a table holds: a lone consonant letter
  (Vietnamese has no one-consonant word; "x" before a number is a times sign), a two-letter
  token that is no syllable and no acronym ("Az", "we", "Ju."), a token of signs only
  ("|", "~", "*"); given the restorer's lexicon (``RestorerModel.reads_as_word``), also
  three unmarked letters it reads as no word (as read "nee", "aes", "awe"; restored, what
  the restorer left unread: "arr ane ek": ``_no_word``);
- **weak** tokens could be noise or content: a lone vowel ("a", "à", "ọe": what the
  restorer makes of a speck), a one- or two-digit number, a two-letter acronym ("OR"), a
  Roman numeral of one or two letters ("V", "IV"), a dash;
- a **run** of such tokens side by side goes when it holds two strong tokens, or one strong
  token among three or more, or is a strong token with a lone sign or digit beside it
  ("5 P"; never two letters: "ở s" may be a word in two pieces); a lone lower-case
  consonant goes when the words either side read on without it ("cho x cán bộ": no
  punctuation of its own, a Vietnamese word or a number before, "x 70 q triệu", a
  lower-case Vietnamese word or the cell's end after); a run ending the cell after a full
  stop goes when a strong token of letters is in it ("… đến năm 2030. P", "… tổ chức. T
  i": no sentence opens so).

A run beside an amount stays whole (but for that last one: the full stop ends the text): a
budget row's cells read into the text ("| 9400 | - | - |") hold its structure, not specks.
Anything else stays, whatever it looks like: a code or a number of three digits or more, a
word with a digit or a sign inside ("5S-Kaizen", "Ho1", "s¢"), an acronym of three letters
or more, any other word of three letters or more ("work", or "tane": a garbled "tăng" in
text not restored), and every Vietnamese syllable of two letters or more with a consonant.
Each cell changed is logged as an edit with the text before and after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex

from sohoa.corpus.units import syllable_shaped
from sohoa.extract.agency_heads import words_going_on
from sohoa.extract.appendix import map_columns
from sohoa.model import Edit, Table
from sohoa.normalize.unicode import nfc, strip_marks

# the task text, where specks land unseen, and the agency cells beside it, read across
# with the columns' specks ("Công an tỉnh . q ,"): bench/tables_edits.py --restore, 54 of
# 54 judged right with them (40 of 40 in the task text alone)
TEXT_FIELDS = (("noi_dung",), ("chu_tri",), ("phoi_hop",))
VOWELS = set("aeiouy")  # a lone vowel may be a Vietnamese word ("à", "ở", "ý")
UNITS = {"m", "km", "cm", "mm", "g", "kg", "t", "l", "ml", "ha", "h"}  # after a number
MILD_SIGNS = {"-", "–", "—", "+", "&", "/", "%"}  # real between words; noise only in a run
REASON = "table-cell-noise"
# Measured on the table development sets (bench/tables_eng_ocr.py, the five OCR modes,
# restored as seed 000 is), a run counted right when all its tokens are insertions against
# the truth cell: runs 85 of 86 (the miss, "x 40 A m", kept its "40" since), pairs and lone
# consonants 40 of 40. bench/tables_edits.py (the same sets and modes, each cell's edit
# right when the cell comes nearer its truth): runs 78 of 78, pairs and lone consonants 41
# of 41, none wrong. Each set to its smoothed share, (78 + 1) / (78 + 2) = 0.99 and
# (41 + 1) / (41 + 2) = 0.98, rounded down to 0.05: the sets are generated, real scans vary.
CONFIDENCE_RUN = 0.95  # a run of two strong tokens, or a strong token among three or more
CONFIDENCE_PAIR = 0.95  # a strong token with a lone sign or digit beside it
CONFIDENCE_LONE = 0.95  # a lone lower-case consonant between words that read on
# a run within an agency's name: tables_edits --restore 3 of 3 right, (3 + 1) / (3 + 2)
CONFIDENCE_NAME = 0.8
# a run that is noise for three letters of no word of the lexicon in it (``_no_word``):
# tables_edits --restore 17 of 18 judged right (1 wrong), (17 + 1) / (18 + 2) = 0.90
CONFIDENCE_NO_WORD = 0.9
# a run of letters of no word after the cell's last sentence ("… đến năm 2030. P"):
# tables_edits --restore 6 of 6 judged right, (6 + 1) / (6 + 2) = 0.875
CONFIDENCE_TAIL = 0.85

# punctuation a word carries at its edges; other signs in a word ("s¢", "€0") are OCR's
# reading of a letter, so such a word is a garbled word, not a speck
_PUNCTUATION = r"""[.,;:!?()\[\]{}"'“”‘’|\-–—_~*=+<>°^`]"""
_EDGE = regex.compile(rf"^{_PUNCTUATION}*(.*?){_PUNCTUATION}*$")
_SIGNS_ONLY = regex.compile(r"^[^\p{L}\p{N}]+$")
_LETTER = regex.compile(r"\p{L}")
_LETTERS = regex.compile(r"^\p{L}+$")
_DIGITS = regex.compile(r"^\p{N}+$")
_ROMAN = regex.compile(r"^[IVX]{1,2}$")  # the numerals of sections and quarters
_NUMBER = regex.compile(r"^\W*\p{N}")  # a number, an amount, a date or a code after it
_SENTENCE_END = regex.compile(r"[\p{L}\p{N}][)”\"]?\.$")  # "2030.", "đồng).": a full stop

STRONG, WEAK, CONTENT = 2, 1, 0
Known = Callable[[str], bool]  # does the restorer read a word as read as one of its words?


def _core(token: str) -> str:
    """The token without the signs at its edges ("Ju." -> "Ju", "(23" -> "23")."""
    found = _EDGE.match(token)
    return found.group(1) if found else token


def _letter_kind(core: str) -> int:
    """STRONG, WEAK or CONTENT for a token of letters only (``core`` has no signs)."""
    plain = strip_marks(core).lower()
    if _ROMAN.match(core):
        return WEAK  # "Chương V", "Quý IV", "mục II"
    if len(core) == 1:
        return WEAK if plain in VOWELS else STRONG
    syllable = syllable_shaped(core.lower())
    if len(core) == 2:
        if syllable:
            return WEAK if set(plain) <= VOWELS else CONTENT
        return WEAK if core.isupper() else STRONG
    return CONTENT


def _no_word(core: str, known: Known | None) -> bool:
    """Three letters with no mark, not an acronym's capitals, that the restorer reads as no
    word (``RestorerModel.reads_as_word``: "nee", "aes", "awe", "esq": what a speck or a
    ruling reads). A syllable ("con", "see" read for "sẽ"), a misread word its OCR channel
    knows ("ndi" nối, "trg" trợ) or a word with a mark ("déi": the OCR saw a Vietnamese word
    there) is never one."""
    if known is None or len(core) != 3 or not core.isascii() or core.isupper():
        return False
    return not known(core)


def token_kind(
    token: str, after: str | None = None, before: str | None = None, known: Known | None = None
) -> int:
    """How much a token of a task cell looks like a speck read as text.

    ``before`` and ``after`` are the tokens beside it (None at the cell's edges): a lone
    letter before a number is a times sign ("23 sản phẩm x 90"), a unit's symbol after a
    number a unit ("5 km"). Given ``known`` (the lexicon's syllables, marks away: text as
    read), three letters of no syllable are as strong as two (``_no_word``).
    """
    if _SIGNS_ONLY.match(token):
        return WEAK if token in MILD_SIGNS else STRONG
    core = _core(token)
    if core != token and token.endswith((")", ",", ";")):
        return CONTENT  # a list marker "a)", "(b)"; an item of a list "điểm a, b, c"
    if _DIGITS.match(core):
        if before is not None and len(before) == 1 and before.islower():
            return CONTENT  # the number after a times sign: "x 40"
        return WEAK if len(core) <= 2 and core == token else CONTENT
    if not _LETTERS.match(core):
        return CONTENT  # a code, an amount, a garbled word: "5S-Kaizen", "Ho1", "Tn,e"
    if len(core) == 1 and core.islower() and after is not None and _NUMBER.match(after):
        return CONTENT  # a times sign ("23 sản phẩm x 90"), a truncated "số" ("s 43/2022")
    if core in UNITS and before is not None and _NUMBER.match(before):
        return CONTENT  # "5 km", "300 m"
    return STRONG if _no_word(core, known) else _letter_kind(core)


def _word(token: str | None, lower: bool = False) -> bool:
    """A Vietnamese word (letters that make a syllable), in lower case if ``lower``."""
    if token is None:
        return False
    core = _core(token)
    if len(core) < 2 or not _LETTERS.match(core) or not syllable_shaped(core.lower()):
        return False
    return not lower or (core == token and core.islower())


def _lone_consonant(tokens: list[str], i: int) -> bool:
    """ "cho x cán bộ", "cho hợp tác xã q": a lower-case consonant with no sign of its own,
    after a word, before a lower-case word or at the cell's end."""
    token = tokens[i]
    if len(token) != 1 or not token.islower() or strip_marks(token) in VOWELS:
        return False
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if not _word(before) and not _amount_before(before, token):
        return False
    return after is None or _word(after, lower=True)


def _amount_before(before: str | None, token: str) -> bool:
    """ "(7 sản phẩm x 70 q triệu đồng)": a number before a lone consonant that is no
    unit's symbol ("5 m", "300 t" are ``UNITS``), a lower-case word after it."""
    return before is not None and _DIGITS.match(_core(before)) is not None and token not in UNITS


def _runs(kinds: list[int]) -> Iterable[tuple[int, int]]:
    """(start, end) of each maximal run of tokens that may be noise."""
    start = None
    for i, kind in enumerate([*kinds, CONTENT]):
        if kind != CONTENT and start is None:
            start = i
        elif kind == CONTENT and start is not None:
            yield start, i
            start = None


def _run_confidence(tokens: list[str], kinds: list[int], start: int, end: int) -> float | None:
    """The confidence that tokens[start:end] is noise, or None to keep it."""
    strong = sum(1 for k in kinds[start:end] if k == STRONG)
    size = end - start
    if strong >= 2 or (strong and size >= 3):
        return CONFIDENCE_RUN
    pair = tokens[start:end] if strong and size == 2 else []
    if all(len(_core(t)) <= 1 for t in pair) and any(not _LETTER.search(t) for t in pair):
        return CONFIDENCE_PAIR  # "5 P", "- |"; not "ở s" (a word's two pieces)
    if size == 1 and _lone_consonant(tokens, start):
        return CONFIDENCE_LONE
    return None


def _beside_amount(tokens: list[str], start: int, end: int) -> bool:
    """A number of three digits or more (an amount, a year) just before or after the run."""
    beside = [tokens[i] for i in (start - 1, end) if 0 <= i < len(tokens)]
    return any(len(regex.sub(r"\D", "", t)) >= 3 and _NUMBER.match(t) for t in beside)


def _after_the_last_sentence(tokens: list[str], kinds: list[int], start: int, end: int) -> bool:
    """ "… đến năm 2030. P", "… tổ chức. T i": a run ending the cell after a full stop, a
    strong token of letters in it (a lone consonant, two letters of no syllable): no
    sentence opens so, and a footnote's mark ("(*)": signs alone) is none."""
    if end != len(tokens) or start == 0 or not _SENTENCE_END.search(tokens[start - 1]):
        return False
    return any(kinds[i] == STRONG and _LETTER.search(tokens[i]) for i in range(start, end))


def _within_a_name(tokens: list[str], kinds: list[int], start: int, end: int) -> bool:
    """In an agency cell, a run holding a strong token between a name that must go on and
    the words that go on with it ("ngành; UBND x OR cấp xã": ``agency_heads``), each token
    with a letter (signs there, "Các $% ngành", may be a word of the name misread)."""
    run = tokens[start:end]
    if STRONG not in kinds[start:end] or not all(_LETTER.search(t) for t in run):
        return False
    return words_going_on(" ".join(tokens[:start]), tokens[end:]) > 0


def _garbled_syllable(token: str) -> bool:
    """Two lower-case letters of no syllable ("sd", "tr", "hd"): in text as read, before
    the restorer, often a word misread ("cơ sd" is "cơ sở") rather than a speck."""
    core = _core(token)
    return len(core) == 2 and core.islower() and _LETTERS.match(core) is not None


def _holds_no_word(run: list[str], known: Known | None) -> bool:
    """Does the run hold three letters the lexicon reads as no word (``_no_word``)?"""
    cores = [_core(t) for t in run]
    return any(_LETTERS.match(c) and _no_word(c, known) for c in cores)


def noise_spans(
    text: str, agency: bool = False, as_read: bool = False, known: Known | None = None
) -> list[tuple[int, int, float]]:
    """(start, end, confidence) over the cell's whitespace tokens: the runs judged noise
    (in an ``agency`` cell also a run within a name, ``_within_a_name``); in text ``as_read``
    (not restored yet) none holding a word the restorer may yet read (``_garbled_syllable``);
    given the lexicon (``known``), its unmarked words of three letters weighed against it."""
    tokens = text.split()
    kinds = [
        token_kind(
            t, tokens[i + 1] if i + 1 < len(tokens) else None, tokens[i - 1] if i else None, known
        )
        for i, t in enumerate(tokens)
    ]
    spans = []
    for start, end in _runs(kinds):
        tail = _after_the_last_sentence(tokens, kinds, start, end)
        if _beside_amount(tokens, start, end) and not tail:
            continue  # "| 9400 | - | - |": a budget row's cells run into the text, kept whole
        if as_read and any(_garbled_syllable(t) for t in tokens[start:end]):
            continue
        confidence = _run_confidence(tokens, kinds, start, end)
        if confidence is None and tail:
            confidence = CONFIDENCE_TAIL
        if confidence is None and agency and _within_a_name(tokens, kinds, start, end):
            confidence = CONFIDENCE_NAME
        if confidence is not None and _holds_no_word(tokens[start:end], known):
            confidence = min(confidence, CONFIDENCE_NO_WORD)
        if confidence is not None and end - start < len(tokens):
            spans.append((start, end, confidence))
    return spans


def without_noise(
    text: str, agency: bool = False, as_read: bool = False, known: Known | None = None
) -> tuple[str, float | None]:
    """The cell's text with its noise runs taken out, and the lowest confidence among them
    (None when nothing was taken out)."""
    composed = nfc(text)
    spans = noise_spans(composed, agency, as_read, known)
    if not spans:
        return text, None
    tokens = composed.split()
    drop = {i for start, end, _ in spans for i in range(start, end)}
    kept = " ".join(t for i, t in enumerate(tokens) if i not in drop)
    return kept, min(c for _, _, c in spans)


def remove_cell_noise(
    table: Table, table_index: int | None = None, as_read: bool = False, known: Known | None = None
) -> list[Edit]:
    """Specks read as text taken out of the task cells of an old-OCR table, each cell's
    change logged (text before and after, the confidence of its least sure run); of its
    cells ``as_read`` (before the restorer, which would dress a speck as a syllable: "Az"
    read "A", "nee" read "neo") too, a run holding a misread word aside, and given the
    lexicon's syllables (``known``) its three-letter words of none weighed as specks."""
    fields = map_columns(table.columns).items()
    columns = [k for k, field in fields if field in TEXT_FIELDS]
    agencies = {k for k, field in fields if field in TEXT_FIELDS[1:]}
    edits: list[Edit] = []
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        for k in columns:
            if k >= len(cells) or not cells[k]:
                continue
            kept, confidence = without_noise(cells[k], k in agencies, as_read, known)
            if confidence is None:
                continue
            edits.append(
                Edit(
                    original=cells[k],
                    result=kept,
                    confidence=confidence,
                    page=table.pages[0] if table.pages else None,
                    table=table_index,
                    row=at,
                    reason=REASON,
                )
            )
            cells[k] = kept
    return edits
