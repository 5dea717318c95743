"""The lines of a budget table (Phụ lục II) that old OCR read across its columns.

Each page line crossed every column: "Tổ chức hội thảo về năng suất, Sở ngành; UBND", then
"2 | lượng. 400 80 80 80 80 80 | KH&CN cấp xã, Tổ chức,". A line is split into its row
number, its text, its run of amounts (``budget_amount_run``) and the agency text after them
(``budget_line``); a table is read this way when several lines hold text and then amounts
(``is_interleaved_budget``); the lines of a section are grouped into rows around their
numbers (``budget_row_groups``), which ``flattened_budget`` makes cells of.
"""

from __future__ import annotations

import itertools

import regex

from sohoa.extract.agency_names import sector_tail_at
from sohoa.extract.amounts import DASHES, looks_like_amount, try_amount
from sohoa.extract.budget_unplaced import lost_number, number_read
from sohoa.extract.flattened_lines import (
    PAGE_BREAK,
    amount_run,
    with_ruled_blanks,
)
from sohoa.extract.interleaved import (
    INTERLEAVED_MIN_LINES,
    NOT_ROW_NUMBER,
    ROW_NUMBER,
    ROW_NUMBER_ALONE,
    SENTENCE_END,
    agency_starts_at,
    is_so_lookalike,
    is_word,
)
from sohoa.extract.numbering import next_in_sequence, next_numbers
from sohoa.extract.structure import clean, fold
from sohoa.extract.wrapped_names import is_cac
from sohoa.normalize.unicode import strip_marks

BudgetLine = tuple[str | None, str, list[str], str]  # row number, text, amounts, agencies
# a row number misread on the line of the row's amounts: "!", "l", "]" for 1, a closing
# quote for a 7 whose stroke was lost, or a letter on the ruling under the number, read "_"
# ("y_ |", "q_ |"), or a consonant standing alone before the TT column's ruling, read "|" or
# "[" glued to the task's first word ("g [thon mới": no Vietnamese word is one consonant)
NUMBER_LOOKALIKE = regex.compile(
    r"^\|?\s*([!\]lI]|\p{L}_|”|[bcdfghjkmnpqrstvwxz](?=\s*[|\[]))(?:\s*\|\s*|\s+\[?)(?=\S)"
)


# a section's numeral whose "II" was read "H" ("HI" for III), before specks and the amounts
# of a section that is a row ("HI . ° ° ° 6.000 2.000 …")
_NUMERAL_LOOKALIKE = regex.compile(r"^\|?\s*((?=[IlH]*H)[IlH]{2,3})(?:\s+[^\w\s]+)*\s+(?=\d)")


_DASHED_NUMBER = regex.compile(r"^\|?\s*(\d)-(\d)\s*\|\s*(?=\S)")
# a sub-row's number whose last digit was read as a letter of a digit's shape ("3.g [thu
# phẩm" for 3.3; never "1.a", a lettered item), before the TT column's ruling ("|", or "["
# glued to the task's first word)
_DIGIT_SHAPED = "gqsSBzZOolIiTG"
_LOST_DIGIT_NUMBER = rf"\d{{1,2}}\.[{_DIGIT_SHAPED}]"
_DOTTED_LOST_DIGIT = regex.compile(rf"^\|?\s*({_LOST_DIGIT_NUMBER})(?:\s*\|\s*|\s+\[?)(?=\S)")


RULED_EDGES = regex.compile(r"^\|\s+|\s+[|\]]$")  # a ruling read "|" at the line's ends
# "Tổng", "Tổng cộng", marks lost or the ô misread ("Téng", "T6ng"): the total row's label
# a ruling read as a bracket on an amount ("1.000}", "{1000}", "[21.450")
_BRACKETED = regex.compile(r"^[{}\[\]|]*(\d[\d.,]*)[{}\[\]|]*$")
_SPECK_AFTER = regex.compile(r"\d[\d.,]*\d\.|\d\.")  # "70.": a dot after an amount's last digit
DASH_LOOKALIKES = (";", "=")  # a cell's "-" as an English-model OCR may read it


def _amounts_unmarked(line: str) -> str:
    """The line with its amounts rid of the rulings read as brackets around them, a "-"
    read ";" after an amount or a dash read as one ("50 ; 20 ; ;" is "50 - 20 - -"), and a
    speck read as a dot after an amount between two amounts ("310 70. 2.000")."""
    words = [_BRACKETED.sub(r"\1", w) for w in line.split()]
    for k in range(1, len(words)):
        after_amount = looks_like_amount(words[k - 1]) or words[k - 1] in DASHES
        if words[k] in DASH_LOOKALIKES and after_amount:
            words[k] = "-"
    cells = [k for k, w in enumerate(words) if w.strip("|")]  # the rulings between aside
    for a, k, b in zip(cells, cells[1:], cells[2:], strict=False):
        between = looks_like_amount(words[a]) and looks_like_amount(words[b])
        if between and _SPECK_AFTER.fullmatch(words[k]):
            words[k] = words[k][:-1]  # "310 | 70. | 2.000": a speck read after an amount
    return " ".join(words)


_RULED_TOKENS = regex.compile(r"[|\[\]{}]|[^\s|\[\]{}]+")
_RULING_MARKS = "|[]{}"
RULED_MISREAD_MAX = 2  # amounts misread as letters a run between rulings may hold
MISREAD_CELL_MAX = 6  # characters of such a cell ("aso." for 11.101, "ao" for 400)


def _misread_cell(cell: str) -> bool:
    """One short word ("aso.", "ao", "sso0") with a digit or in lower case: an amount
    misread, when rulings stand on both its sides among a row's amounts."""
    short = 0 < len(cell) <= MISREAD_CELL_MAX and any(ch.isalnum() for ch in cell)
    return short and (any(ch.isdigit() for ch in cell) or cell.islower()) and "(" not in cell


def total_first(values: list[str]) -> bool:
    """The first value is the sum of the rest (or of half of them: years split by source)."""
    amounts = [0 if v in DASHES else try_amount(v) for v in values]
    if None in amounts or not amounts:
        return False
    rest = sum(a or 0 for a in amounts[1:])
    return bool(amounts[0]) and rest in (amounts[0], 2 * (amounts[0] or 0))


def _ruled_run(line: str) -> tuple[str, list[str], str] | None:
    """The run of amounts of a line whose cells old OCR parted with rulings, a cell of it
    misread as letters ("| aso. | 132 | - | 7800 | 3169 |", "400 } - | ao | - | -"): the
    longest stretch of amounts, dashes and such cells (``_misread_cell``, rulings on both
    sides, two at most, never the last), three amounts at least; the misread cells kept as
    read. None when there is no such cell."""
    spans = [m.span() for m in _RULED_TOKENS.finditer(line)]
    tokens = [line[a:b] for a, b in spans]
    ruling = [t in _RULING_MARKS for t in tokens]
    items = [k for k, t in enumerate(tokens) if not ruling[k]]

    def kind(k: int) -> str:
        t = tokens[k]
        if looks_like_amount(t) or t in DASHES:
            return "amount"
        walled = 0 < k < len(tokens) - 1 and ruling[k - 1] and ruling[k + 1]
        return "misread" if walled and _misread_cell(t) else ""

    best: tuple[int, int] = (0, 0)
    for a in range(len(items)):
        misread = 0
        for b in range(a, len(items)):
            found = kind(items[b])
            misread += found == "misread"
            if not found or misread > RULED_MISREAD_MAX:
                break
            stretch = [kind(items[j]) for j in range(a, b + 1)]
            whole = found == "amount" and "misread" in stretch and stretch.count("amount") >= 3
            if whole and b + 1 - a > best[1] - best[0]:
                best = (a, b + 1)
    if best == (0, 0):
        return None
    start, end = items[best[0]], items[best[1] - 1] + 1
    values = [tokens[k] for k in range(start, end) if not ruling[k]]
    return _words(line[: spans[start][0]]), values, _words(line[spans[end - 1][1] :])


def _words(text: str) -> str:
    """The words of ``text`` with the rulings read "|" on them dropped (as ``amount_run``)."""
    return " ".join(w.strip("|") for w in text.split() if w.strip("|\\"))


def budget_amount_run(line: str) -> tuple[str, list[str], str] | None:
    """The run of amounts in a budget line (``amount_run``, brackets and dashes read as
    other marks put right: ``_amounts_unmarked``), blank cells read as two rulings kept
    (``with_ruled_blanks``), or two equal amounts ("1.400 | 1400" alike): a row whose total
    is its one year's ("… hội nghị 60 60 Sở KH&CN", "| 100 | | | 100 |"), the evidence."""
    line = _amounts_unmarked(line)
    run = amount_run(line)
    ruled = _ruled_run(line) if run is None or not total_first(run[1]) else None
    if ruled is not None and (run is None or len(ruled[1]) > len(run[1])):
        run = ruled  # a cell of the run misread as letters, parted by rulings
    if run is not None:
        return run[0], with_ruled_blanks(line, run[1]), run[2]
    words = line.split()
    cells = [k for k, w in enumerate(words) if w.strip("|[]")]  # rulings between: empty cells
    for k, j in itertools.pairwise(cells):
        first, second = (w.strip("|[]") for w in (words[k], words[j]))
        value = try_amount(first) if looks_like_amount(first) else None
        if value and try_amount(second) == value and not regex.fullmatch(r"20\d\d", first):
            pair = with_ruled_blanks(line, [first, second])
            return " ".join(words[:k]), pair, " ".join(words[j + 1 :])
    return None


def _tail_as_read(line: str, tail: str) -> str:
    """The agency text after a line's amounts with the rulings read "|" among its words
    kept ("Sd Xay dung |... Ng"): the ruling between the lead's cell and the partner's is
    where ``budget_agencies`` parts them; those at its ends are dropped, as the run drops
    them. ``tail`` as the run found it when it is not the end of ``line`` so read."""
    size = len(tail.split())
    tokens = line.split()
    kept = [k for k, w in enumerate(tokens) if w.strip("|\\")]
    if not size or len(kept) < size:
        return tail
    raw = tokens[kept[-size] : kept[-1] + 1]
    raw[0], raw[-1] = raw[0].lstrip("|"), raw[-1].rstrip("|")
    return " ".join(raw) if _words(" ".join(raw)) == tail else tail


def _after_sentence(words: list[str]) -> int:
    """Index of the first word after a finished sentence when lower-case words follow it on
    the line ("cán bộ cấp xã. cấp xã"): they continue a cell of another column."""
    for k, word in enumerate(words[:-1]):
        if SENTENCE_END.search(word) and words[k + 1][:1].islower():
            return k + 1
    return len(words)


def budget_line(line: str, amounts: bool = True) -> BudgetLine:
    """(row number, text, amounts, agency text) of one budget line read across ("3_ |",
    "4_|": the ruling under a row number read "_"); with ``amounts`` False, no run of
    amounts is looked for (the words go to the text and the agencies)."""
    text = regex.sub(r"^(\|?\s*\d{1,2})_(?=[\s|])", r"\1", clean(line))
    number = None
    bare = ROW_NUMBER_ALONE.match(text)
    if bare:  # a number alone on its line: the row's cells follow one per line
        return bare.group(1), "", [], ""
    dashed = _DASHED_NUMBER.match(text)
    match = ROW_NUMBER.match(text)
    if dashed:  # "2-3 |": a row number whose dot was read "-", before the TT column's ruling
        number = f"{dashed.group(1)}.{dashed.group(2)}"
        text = text[dashed.end() :]
    elif match and not NOT_ROW_NUMBER.match(text):
        number = match.group(1)
        text = text[match.end() :]
    lookalike = NUMBER_LOOKALIKE.match(text) if number is None and amounts else None
    if lookalike and budget_amount_run(text[lookalike.end() :]) is not None:
        # the row's middle line, its number misread: kept as read when it is a digit's
        # shape (numbering.py puts it right from the sequence), else lost (``lost_number``)
        number = lost_number(read) if (read := lookalike.group(1)) not in "!]lI" else read
        text = text[lookalike.end() :]
    dotted = _DOTTED_LOST_DIGIT.match(text) if number is None and amounts else None
    if dotted and budget_amount_run(text[dotted.end() :]) is not None:
        number = dotted.group(1)  # settled from the sequence (``_numbers_in_sequence``)
        text = text[dotted.end() :]
    numeral = _NUMERAL_LOOKALIKE.match(text) if number is None and amounts else None
    if numeral and budget_amount_run(text[numeral.end() :]) is not None:
        number = _numeral_read(numeral.group(1))
        text = text[numeral.end() :] if number else text
    run = budget_amount_run(text) if amounts else None
    if run is not None:
        head, values, tail = run
        return number, head, values, _tail_as_read(_amounts_unmarked(text), tail)
    words = [w for w in text.split() if is_word(w)]
    start = next((k for k in range(len(words)) if _agency_at(words, k)), len(words))
    start = min(start, _after_sentence(words))
    return number, " ".join(words[:start]), [], " ".join(words[start:])


def _agency_at(words: list[str], k: int) -> bool:
    """Do an agency cell's words start at word ``k`` of a line read without amounts?"""
    starts = (agency_starts_at, _so_then_list, collective_at, sector_tail_at)
    return any(starts_at(words, k) for starts_at in starts)


def collective_at(words: list[str], k: int) -> bool:
    """ "… mô hình điểm về xây | Các doanh": a capital "Các" inside a line, not opening a
    sentence (the word before ends none), opens a collective agency name ("Các doanh
    nghiệp", "Các hội"), the partner's cell right of the task's."""
    if k == 0 or k + 1 >= len(words) or words[k][:1] != "C":
        return False
    opens_sentence = words[k - 1].endswith((".", ";", ":"))
    return is_cac(fold(words[k])) and words[k + 1][:1].islower() and not opens_sentence


def _numeral_read(word: str) -> str | None:
    """The Roman numeral a lookalike stands for ("HI", "IH" -> "III", "l" read for I), when
    it is one of at most three strokes."""
    numeral = word.replace("H", "II").replace("l", "I")
    return number_read(numeral, word) if len(numeral) <= 3 else None


def _so_then_list(words: list[str], k: int) -> bool:
    """ "… tuyên truyền về | Sở | ngành; UBND": a capital "Sở" whose name goes on on the
    next line (the lead agency), then the partner's list going on in lower case ("ngành;",
    "ban,"). Not a plain word: "số" in a task's text is lower case."""
    if k + 1 >= len(words):
        return False
    word, following = strip_marks(words[k]), words[k + 1]
    listed = following[:1].islower() and following.endswith((",", ";"))
    return listed and word[:1] == "S" and is_so_lookalike(word, following)


def budget_line_number(line: str) -> str | None:
    """The row number that opens a budget line read across, if any."""
    return budget_line(line, amounts=False)[0]


def is_interleaved_budget(lines: list[str]) -> bool:
    """Several lines hold task text and then a row's amounts (``budget_amount_run``, the
    run the rows are read with, two equal amounts included): rows read across."""
    count = 0
    for line in lines:
        _, text, values, _ = budget_line(line)
        count += len(text.split()) >= 2 and bool(values)
    return count >= INTERLEAVED_MIN_LINES


def _opens_with_agency(text: str) -> bool:
    """Does ``text`` open with an agency's name, "Sở" read glued to the next word too
    ("S@Gidoducva" for "Sở Giáo dục và")?"""
    words = text.split()
    if not words:
        return False
    first = words[0]
    glued = len(first) > 3 and first[2].isupper() and not first[1].isupper()
    return agency_starts_at(words, 0) or (
        glued and agency_starts_at([first[:2], first[2:], *words[1:]], 0)
    )


def _last_digit_from_sequence(previous: str | None, number: str) -> str:
    """A sub-row's number read with a letter for its last digit ("3.g"): the one number
    that may follow ``previous`` with the same head ("3.3" after 3.2), else lost."""
    head = number[:-1]
    fits = [
        c
        for c in next_numbers(previous)
        if c.startswith(head) and c[len(head) :].isdigit() and len(c) == len(number)
    ]
    return fits[0] if len(fits) == 1 else lost_number(number)


def _numbers_in_sequence(parsed: list[BudgetLine]) -> list[BudgetLine]:
    """A line's leading number is a row number when it may follow the row number before it
    (1.1 after 1, "11" read for 1.2 …), or when it heads amounts or a capitalised text;
    else ("9 khóa." after 1.1: the end of "60 triệu/khóa x 9 khóa.") it is the text's, and
    so is a stray digit read at the top of a page before an agency cell going on ("8
    S@Gidoducva" after row 4): a row opens with its task, never with its agencies."""
    previous: str | None = None
    out: list[BudgetLine] = []
    for number, text, values, agencies in parsed:
        if number is not None and regex.fullmatch(_LOST_DIGIT_NUMBER, number):
            number = _last_digit_from_sequence(previous, number)
        if number is not None:
            following = next_in_sequence(previous, number)
            stray = text[:1].islower() or (previous is not None and _opens_with_agency(text))
            if following is None and not values and stray:
                out.append((None, f"{number} {text}", values, agencies))
                continue
            previous = following or number.rstrip(".:")
        out.append((number, text, values, agencies))
    return out


def _going_on(parsed: list[BudgetLine], start: int, end: int) -> int:
    """End of the lines from ``start`` that go on in lower case ("don vi liên quan", "cá
    nhân"): the cells of the row above going on; the next row's first line starts a cell
    (a capital)."""
    k = start
    while k < end and (parsed[k][1] or parsed[k][3])[:1].islower():
        k += 1
    return k


def row_end_between(parsed: list[BudgetLine], first: int, a: int, b: int) -> int:
    """Where the lines between row lines ``a`` and ``b`` part: after the last of the lines
    from ``first`` up to ``b`` whose text ends a sentence, else after the first half of
    those between, and never before the lines going on in lower case right after ``a``."""
    ends = [k for k in range(first, b) if SENTENCE_END.search(parsed[k][1] or "")]
    split = ends[-1] + 1 if ends else a + 1 + (b - a - 1) // 2
    return max(split, _going_on(parsed, a + 1, b))


def _parsed_and_breaks(lines: list[str]) -> tuple[list[BudgetLine], set[int]]:
    """The budget lines read (``budget_line``, numbers in sequence) and the places of the
    page breaks among them: a break at k falls just before the k-th line read."""
    parsed: list[BudgetLine] = []
    breaks: set[int] = set()
    for line in lines:
        if line == PAGE_BREAK:
            breaks.add(len(parsed))
        elif line.strip():
            parsed.append(budget_line(line))
    return _numbers_in_sequence(parsed), breaks


def budget_row_groups(lines: list[str]) -> list[list[BudgetLine]]:
    """Lines of one section grouped into rows. A row's number sits on its middle line when
    the row was read across (text on the number's line), so the lines between two numbered
    lines are shared: those up to a finished sentence, or else the first half, end the
    previous row, and so do the lines going on in lower case right after its number's
    line. A page break (``PAGE_BREAK``) between them is where they part: each row is
    centred on its own page, and only lines going on in lower case right after the break
    continue the row above (its cells split by the break). A bare number line starts its
    row (one cell per line), and a group heading ("1 | Hoạt động …" followed by "1.1")
    takes no lines but its own."""
    parsed, breaks = _parsed_and_breaks(lines)
    anchors = [k for k, p in enumerate(parsed) if p[0] is not None]
    if not anchors:
        return [parsed] if parsed else []
    starts = [0]
    for a, b in itertools.pairwise(anchors):
        gap = list(range(a + 1, b))
        heading = (
            not parsed[a][2]
            and "." not in parsed[a][0].rstrip(".")
            and "." in (parsed[b][0] or "").rstrip(".")
        )
        bare = not parsed[b][1] and not parsed[b][2]
        page_break = next((k for k in range(a + 1, b + 1) if k in breaks), None)
        if heading:
            split = a + 1
        elif page_break is not None:
            split = _going_on(parsed, page_break, b)
        elif bare or not gap:
            split = b
        else:
            split = row_end_between(parsed, a + 1, a, b)
        starts.append(split)
    bounds = [*starts, len(parsed)]
    return [parsed[bounds[k] : bounds[k + 1]] for k in range(len(starts))]
