"""What a column holds, typed values for its cells, and type-aware repairs of OCR'd cells.

Each column gets one type, from its header name first and its values second:
``stt`` (1, 1.1, I, II, a), ``amount`` (Vietnamese "1.200", "24.688,5", "-"), ``year``
(2026, 2026-2030), ``period`` (Thời gian: "Quý II/2026", "Hằng năm", "2026-2030"),
``date`` (15/3/2026) or ``text``. A generic table (neither Phụ lục I nor II) keeps every
column, its cells typed by this.

Repairs made with a column's or a phrase's type in mind, each returned as an Edit:
- a quarter is I–IV, so "Quý 11/2026" (no 11th quarter) is "Quý II/2026"; a lone
  "Quý 1" becomes "Quý I" only where the table writes its other quarters in Roman;
- "Phụ lục 11" in a caption is "Phụ lục II" when the document has fewer tables than 11
  (it cannot be the eleventh appendix);
- a two-letter capital word with a Vietnamese vowel opening a sentence-case cell ("CƠ quan")
  is a case misreading of "Cơ".
Digits are never guessed: only the Roman/Arabic reading of strokes that are the same
shape (I / 1 / l / |) is decided, and only where the context names a quarter or appendix.
"""

from __future__ import annotations

import regex

from sohoa.extract.amounts import is_blank, looks_like_amount, try_amount
from sohoa.extract.appendix import body_rows
from sohoa.extract.headers import fold
from sohoa.model import Edit, Table
from sohoa.normalize.unicode import split_tone, strip_marks, vowel_marks
from sohoa.records import TableRecord

ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
_ROMAN_STROKES = str.maketrans({"1": "I", "l": "I", "|": "I", "i": "I", "!": "I", "v": "V"})
# a whole cell holding a row number: "1", "1.2", "II", "a", "3." or "b)"
ROW_NUMBER_CELL = regex.compile(r"^(\d{1,3}(\.\d{1,3})*|[IVXLC]{1,6}|[a-zđ])[.)]?$")
YEAR = regex.compile(r"^(19|20)\d\d$")
YEAR_RANGE = regex.compile(r"^(19|20)\d\d\s*[-–]\s*(19|20)\d\d$")
DATE = regex.compile(r"^\d{1,2}/\d{1,2}/(19|20)\d\d$")
QUARTER = regex.compile(
    r"\b(?P<word>[Qq][Uu][ÝýỸỹYyỲỳỶỷ])(?P<space>\s+)(?P<num>[0-9IVXivlxH|!]{1,4})"
    r"(?=\s*[/,;.–-]|\s+\p{L}|\s*$)"
)
# what must follow the numeral for "Quỹ"/"Quy" to be read as "Quý": "/2026", "năm …", the end
QUARTER_TAIL = regex.compile(r"\s*/\s*(19|20)\d\d|\s+năm\b|\s*$")
# Repair confidences measured by bench/tables_edits.py on tables rebuilt from old OCR text
# (the dev sets in the five OCR modes, restored): each edit right when its cell comes nearer
# its truth; the share smoothed, (right + 1) / (judged + 2), rounded down to 0.05. Quarters
# ("Quy 1V" -> "Quý IV") 76 of 95 right, none wrong, 19 level (cells whose truth is another
# column's): 0.79. Case ("CƠ quan", "tại CƠ SỞ") 13 of 23, none wrong, 10 level (garbled
# words lowered, "SO" -> "so"): 0.56. Quotes, periods, doubled vowels and captions made
# too few edits there (0, 0, 1, 0) to measure: theirs are set by hand.
QUARTER_CONFIDENCE = 0.75
CASE_CONFIDENCE = 0.55
AMOUNT_NAMES = ("kinhphi", "tong", "tongcong", "nsnn", "nguonkhac", "dutoan", "ngansach")
PERIOD_NAMES = ("thoigian", "tiendo")


def roman_of_strokes(token: str) -> str | None:
    """The Roman numeral a token of I-like strokes (1, l, |) and V's stands for, if any; an
    "H" is two strokes run together or one whose serifs merged, taken when only one of
    the readings is a quarter's numeral ("HI1" is III, never IIII)."""
    if "H" in token:
        readings = {""}
        for char in token:
            options = ("I", "II") if char == "H" else (char,)
            readings = {r + option for r in readings for option in options}
        romans = {roman_of_strokes(r) for r in readings}
        quarters = [r for r in romans if r is not None and ROMAN_VALUES[r] <= 4]
        return quarters[0] if len(quarters) == 1 else None
    value = token.translate(_ROMAN_STROKES)
    return value if value in ROMAN_VALUES else None


def column_type(name: str, values: list[str]) -> str:
    """``stt``, ``amount``, ``year``, ``period``, ``date`` or ``text`` for one column."""
    folded = fold(name.split(" / ")[0]) if name else ""
    filled = [v for v in values if v and v.strip()]
    if folded in ("stt", "tt", "sothutu"):
        return "stt"
    if regex.fullmatch(r"(nam)?(19|20)\d\d", folded) or folded.startswith(AMOUNT_NAMES):
        return "amount"
    if folded.startswith(PERIOD_NAMES):
        return "period"
    if not filled:
        return "text"
    share = len(filled) * 0.8

    def most(test: regex.Pattern[str]) -> bool:
        return sum(bool(test.match(v.strip())) for v in filled) >= share

    if most(YEAR) or sum(bool(YEAR.match(v) or YEAR_RANGE.match(v)) for v in filled) >= share:
        return "year"
    if most(DATE):
        return "date"
    written = [v for v in filled if not is_blank(v)]  # a column of "-" and notes is text
    if written and sum(looks_like_amount(v) for v in written) >= 0.8 * len(written):
        return "amount"
    if most(ROW_NUMBER_CELL):
        return "stt"
    return "text"


def typed_value(text: str | None, kind: str) -> object:
    """A cell's value as its column's type: amounts exact, years as numbers, else text."""
    if text is None or not text.strip():
        return None
    if kind == "amount":
        if is_blank(text):
            return None
        value = try_amount(text)
        return value if value is not None else text
    if kind == "year" and YEAR.match(text.strip()):
        return int(text.strip())
    return text


def column_types(table: Table) -> list[str]:
    """The type of each column of ``table`` (see ``column_type``)."""
    body = [row.cells or [] for row in table.rows if row.section is None]
    return [
        column_type(column, [cells[i] if i < len(cells) else "" for cells in body])
        for i, column in enumerate(table.columns)
    ]


def generic_records(table: Table) -> list[TableRecord]:
    """A table of no known kind: every row with every column, keyed by column name."""
    names = []
    for index, column in enumerate(table.columns):
        name = column or f"Cột {index + 1}"
        names.append(name if name not in names else f"{name} ({index + 1})")
    types = table.column_types or column_types(table)
    records: list[TableRecord] = []
    for section, row in body_rows(table):
        cells = row.cells or []
        records.append(
            TableRecord(
                section=section,
                cells={
                    name: typed_value(cells[i] if i < len(cells) else None, types[i])
                    for i, name in enumerate(names)
                },
                confidence=row.confidence,
            )
        )
    return records


# --- repairs ------------------------------------------------------------------------------


def _edit(
    original: str,
    result: str,
    confidence: float,
    table: Table,
    index: int | None,
    row: int | None = None,
) -> Edit:
    return Edit(
        original=original,
        result=result,
        confidence=confidence,
        page=table.pages[0] if table.pages else None,
        table=index,
        row=row,
        reason="table-cell-type",
    )


def _in_row(edits: list[Edit], start: int, row: int) -> None:
    """The edits logged from ``start`` on were made in the table's row ``row``."""
    for edit in edits[start:]:
        edit.row = row


def _quarter_word(word: str) -> str:
    if word.isupper():
        return "QUÝ"
    return "Quý" if word[0].isupper() else "quý"


def _only_roman(token: str) -> bool:
    """Strokes that read as a Roman quarter and as no Arabic one ("11", "111", "1V")."""
    roman = roman_of_strokes(token)
    arabic = token.isdigit() and 1 <= int(token) <= 4
    return roman in ("II", "III", "IV") and not arabic


def repair_quarters(table: Table, table_index: int | None = None) -> list[Edit]:
    """ "Quý 11/2026" -> "Quý II/2026" in the cells (a quarter is I to IV); "Quỹ II/2026"
    (a fund, the language model's favourite) -> "Quý II/2026" where a quarter follows."""
    texts = [c for row in table.rows for c in (row.cells or []) if c]
    tokens = [m.group("num") for text in texts for m in QUARTER.finditer(text)]
    # the table writes quarters in Roman: "II", or strokes no Arabic quarter reads ("11")
    roman_elsewhere = any(t in ("II", "III", "IV") or _only_roman(t) for t in tokens)
    arabic_elsewhere = any(t in ("2", "3", "4") for t in tokens)
    edits: list[Edit] = []

    def fix(match: regex.Match[str]) -> str:
        word, token = match.group("word"), match.group("num")
        roman = roman_of_strokes(token)
        number = token
        if roman is not None and roman != token and ROMAN_VALUES[roman] <= 4:
            # "Quý 1" is a right Arabic quarter unless the table writes quarters in Roman
            arabic = token.isdigit() and 1 <= int(token) <= 4
            if not arabic or (roman_elsewhere and not arabic_elsewhere):
                number = roman
        quarter = number in ("I", "II", "III", "IV", "1", "2", "3", "4")
        tail = QUARTER_TAIL.match(match.string, match.end())
        if quarter and tail and _quarter_word(word) != word:
            word = _quarter_word(word)
        result = word + match.group("space") + number
        if result != match.group(0):
            edits.append(_edit(match.group(0), result, QUARTER_CONFIDENCE, table, table_index))
        return result

    for at, row in enumerate(table.rows):
        start = len(edits)
        if row.cells:
            row.cells = [QUARTER.sub(fix, c) if c else c for c in row.cells]
        _in_row(edits, start, at)
    return edits


def repair_caption(table: Table, n_tables: int, table_index: int | None = None) -> list[Edit]:
    """ "Phụ lục 11" -> "Phụ lục II" when the document cannot have an eleventh table."""
    caption = table.caption or ""
    match = regex.fullmatch(r"(Phụ lục )(1{1,3})", caption)
    if not match:
        return []
    token = match.group(2)
    roman = roman_of_strokes(token)
    if roman is None or int(token) <= n_tables:
        return []  # could be the appendix's real number
    table.caption = match.group(1) + roman
    return [_edit(caption, table.caption, 0.9, table, table_index)]


_CAPITAL_SYLLABLE = regex.compile(r"^([A-ZĐ]\p{Lu})(\s+\p{Ll})")


# letters whose capital is the small letter drawn larger: OCR of a small font mixes their
# case ("tại CƠ SỞ" for "tại cơ sở"); the marks do not tell either
_SAME_SHAPE = set("cosvwxz")


def _same_shape_word(word: str) -> bool:
    """A syllable in capitals made of same-shape letters, with its vowel (an acronym such as
    "SX" or "CSVC" has none)."""
    letters = [c.lower() for c in strip_marks(word) if c.isalpha()]
    shaped = all(c in _SAME_SHAPE for c in letters) and "o" in letters
    return len(letters) >= 2 and word.isupper() and shaped


def _lower_same_shape_runs(text: str) -> str:
    """Words of capitals that are all same-shape letters, after a lower-case word and
    before a lower-case word or the end: small letters read as capitals."""
    words = text.split(" ")
    k = 1
    while k < len(words):
        if not (_same_shape_word(words[k]) and words[k - 1].islower()):
            k += 1
            continue
        end = k
        while end < len(words) and _same_shape_word(words[end]):
            end += 1
        if end == len(words) or words[end].islower():
            words[k:end] = [w.lower() for w in words[k:end]]
        k = end
    return " ".join(words)


def repair_case(table: Table, table_index: int | None = None) -> list[Edit]:
    """ "CƠ quan" -> "Cơ quan": a cell opening with a two-capital syllable that carries a
    Vietnamese vowel (no acronym does), followed by lower-case words; and "tại CƠ SỞ" ->
    "tại cơ sở": capitals of letters shaped like their small ones (c o s v w x z) amid
    lower-case words."""
    edits: list[Edit] = []

    def fix(text: str) -> str:
        lowered = _lower_same_shape_runs(text)
        if lowered != text:
            edits.append(_edit(text, lowered, CASE_CONFIDENCE, table, table_index))
            text = lowered
        match = _CAPITAL_SYLLABLE.match(text)
        if not match:
            return text
        word = match.group(1)
        if word[1] not in "ƠƯÔÂĂÊÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴỚỜỞỠỢỨỪỬỮỰỐỒỔỖỘẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆ":
            return text
        result = word[0] + word[1].lower()
        edits.append(_edit(word, result, CASE_CONFIDENCE, table, table_index))
        return result + text[len(word) :]

    for at, row in enumerate(table.rows):
        start = len(edits)
        if row.cells:
            row.cells = [fix(c) if c else c for c in row.cells]
        _in_row(edits, start, at)
    return edits


# a quotation mark standing alone between two words: quotes cling to the words they
# quote, so it is the hyphen of "Lao động - Thương binh" read with a stroke too many
_LONE_QUOTE = regex.compile(r"(?<=\p{L}) [\"“”] (?=\p{L})")


def repair_lone_quotes(table: Table, table_index: int | None = None) -> list[Edit]:
    """ "Lao động " Thương binh" -> "Lao động - Thương binh" in the cells, each logged."""
    edits: list[Edit] = []
    for at, row in enumerate(table.rows):
        for k, cell in enumerate(row.cells or []):
            fixed = _LONE_QUOTE.sub(" - ", cell) if cell else cell
            if fixed != cell:
                edits.append(_edit(cell, fixed, 0.7, table, table_index, at))
                assert row.cells is not None
                row.cells[k] = fixed
    return edits


# "Hằng năm" in a time column as OCR garbles its first word ("Hilng năm", "H:img năm",
# "Hưởng năm"): an h…ng/h…mg word of up to five letters or signs before "năm"
_YEARLY = regex.compile(r"^(?P<word>[Hh]\S{0,3}[nm]g)(?P<rest>\s+n\S{0,2}m\b.*)$")


def repair_periods(table: Table, table_index: int | None = None) -> list[Edit]:
    """In the time columns only: a garbled first word of "… năm" whose shape is "Hằng"
    becomes "Hằng" (the normative spelling; a source's own "Hàng", or "Hang" without marks,
    is kept), logged with a low confidence."""
    types = column_types(table)
    edits: list[Edit] = []
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        for k, cell in enumerate(cells):
            if k >= len(types) or types[k] != "period" or not cell:
                continue
            match = _YEARLY.match(cell)
            if not match or strip_marks(match.group("word")).lower() == "hang":
                continue  # Hằng, Hàng, or written without marks: the source's own
            head = "Hằng" if match.group("word")[0] == "H" else "hằng"
            rest = regex.sub(r"^\s+n\S{0,2}m", " năm", match.group("rest"))
            edits.append(_edit(cell, head + rest, 0.6, table, table_index, at))
            cells[k] = head + rest
    return edits


def _tone_of(letter: str) -> int:
    return split_tone(letter)[1]


def _drop_doubled_vowel(word: str) -> str:
    """ "THỤỰC" -> "THỰC": a syllable carries one tone mark, so two adjacent vowels of one
    letter (U/Ư, O/Ô/Ơ, A/Ă/Â, E/Ê) with the same tone are one letter OCR read twice; the
    one with its vowel mark (the fuller reading) stays."""
    for k in range(len(word) - 1):
        a, b = word[k], word[k + 1]
        tone = _tone_of(a)
        if not tone or tone != _tone_of(b):
            continue
        if strip_marks(a).lower() != strip_marks(b).lower() or not strip_marks(a).isalpha():
            continue
        drop = k if vowel_marks(b) >= vowel_marks(a) else k + 1
        return word[:drop] + word[drop + 1 :]
    return word


def repair_doubled_vowels(table: Table, table_index: int | None = None) -> list[Edit]:
    """Words of the cells and section headings with one vowel read twice, each logged."""
    edits: list[Edit] = []

    def fix(text: str) -> str:
        fixed = " ".join(_drop_doubled_vowel(w) for w in text.split(" "))
        if fixed != text:
            edits.append(_edit(text, fixed, 0.8, table, table_index))
        return fixed

    for at, row in enumerate(table.rows):
        start = len(edits)
        if row.section:
            row.section = fix(row.section)
        if row.cells:
            row.cells = [fix(c) if c else c for c in row.cells]
        _in_row(edits, start, at)
    return edits
