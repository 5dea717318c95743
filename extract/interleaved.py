"""Task tables (Phụ lục I) that old OCR read ACROSS the columns, one page line at a time.

An old OCR pass over a ruled table without cell detection writes each line of the page as
it crosses the columns: "1 lượng; tham gia góp ý | Các Sở, ban, ngành; Sở KH&CN Hằng" —
a fragment of the task text, then of the lead agency, of the partner agency and of the
time. The row number sits on the row's middle line, so a row's first lines come before it.

Each line is split at the first word that starts an agency name (Sở, Các sở, UBND, Ban,
Thanh tra, Ủy ban …, letters compared without marks, "S6"/"S¢" read as "Sở"); a trailing
"Hằng"/"năm"/year is the time; ``interleaved_rows`` gathers the lines into rows. Which of
the two agency columns a fragment belongs to is a guess (old OCR keeps no positions), so
these tables get a low confidence.

Also here: agency names misread by old OCR put right (``repair_cells``). A budget table
(Phụ lục II) read across has its lines read in ``budget_lines``.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.agency_heads import goes_on_with, lower_head, opened_in_text
from sohoa.extract.agency_moves import complete_agency_cells
from sohoa.extract.agency_names import heads_collective, name_nodes
from sohoa.extract.appendix import map_columns
from sohoa.extract.collective_names import spell_collectives
from sohoa.extract.lead_names import spell_one_names
from sohoa.extract.shifted_agencies import shift_agency_cells
from sohoa.extract.structure import clean, fold
from sohoa.extract.wrapped_names import (
    begins_known_name,
    known_name_size,
    known_names,
    name_left,
)
from sohoa.model import Edit, Table
from sohoa.normalize.unicode import strip_marks

# "1 lượng; …", "4 |Triển khai …", "| 8 | Tổ chức …": a ruling read as "|" may touch it; the
# left border read "[" too ("[4 [Tăng cường …", the "[" after it kept with the text)
ROW_NUMBER = regex.compile(r"^[|\[]?\s*(\d{1,2}(?:[.:,]\d{1,2})?\.?)(?:\s*\|\s*|\s+)(?=\S)")
# "1.1" alone on its line: old OCR put the row number in a block of its own, above the
# row's text blocks (task, agencies, time), which follow it
ROW_NUMBER_ALONE = regex.compile(r"^\|?\s*(\d{1,2}(?:[.:,]\d{1,2})?\.?)\s*\|?$")
NOT_ROW_NUMBER = regex.compile(r"^[|\[]?\s*\d{1,2}[.:,]?\d*\.?\s*[-–/]")  # 2026-2030, 10/2026
SENTENCE_END = regex.compile(r"\w[.)”\"]\.?$")
# Hằng/Hàng (and misreadings: Hilng, H:img), năm (nim, ndm), a year or a span of years,
# a quarter: "Quý" and its numeral with the year ("IV/2026", read "1V/2026", "11/2028")
TIME_WORD = regex.compile(r"^(h\S{0,2}[nm]g|n\S{0,2}m|20\d\d(20\d\d)?|qu\S|[1ivxl|]{1,4}20\d\d)$")
# a time cell on its own: "Hằng năm", "Năm 2026", a year or span, "Quý II/2026"
WHOLE_TIME = regex.compile(
    r"^(h\S{0,2}[nm]g n\S{0,2}m|n\S{0,2}m 20\d\d|20\d\d(20\d\d)?|qu\S [1ivxl|]{1,4}20\d\d)$"
)
INTERLEAVED_MIN_LINES = 3
CONFIDENCE_CAP = 0.4  # the columns of a fragment read across are guessed
# "S6 Tài chính" -> "Sở Tài chính", a known name spelt (``repair_cells``). Measured by
# bench/tables_edits.py (the dev sets in the five OCR modes, restored): 363 of 489 judged
# right, none wrong, 126 level (mostly in a cell whose truth holds other words); smoothed
# (363 + 1) / (489 + 2) = 0.74, rounded down to 0.05.
SPELT_CONFIDENCE = 0.7
SPELT_PATTERN = "table-cell-pattern"  # the Edit's reason


AGENCY_PAIRS = {("cong", "an"), ("van", "phong"), ("trung", "tam"), ("chi", "cuc")}


def agency_starts_at(words: list[str], k: int) -> bool:
    """Does an agency name start at word ``k``? Marks ignored; OCR slips of "Sở" allowed."""
    word = strip_marks(words[k]).strip("|\\,;").lstrip("[{")  # "[Các": a ruling read "["
    plain = fold(word)
    following = strip_marks(words[k + 1]).strip("|\\") if k + 1 < len(words) else ""
    next_plain = fold(following)
    capitalised = following[:1].isupper()
    if plain.startswith("ubnd") or (plain in ("uy", "ủy") and _committee_at(words, k)):
        return True
    if plain == "thanh" and next_plain == "tra":
        return True
    # Công an, Văn phòng, Trung tâm, Chi cục … (capitalised; one slip in the first word:
    # "Céng an", "C6ng an"; the second word exact)
    if word[:1].isupper() and any(
        second == next_plain
        and len(plain) == len(first)
        and Levenshtein.distance(plain, first) <= 1
        for first, second in AGENCY_PAIRS
    ):
        return True
    if word == "Ban" and capitalised:
        return True
    if words[k].startswith("|") and _is_glued_so(word, following):
        return True  # "|se Van hóa": "Sở" in lower case with the column's ruling before it
    if _is_glued_so(word, following) and begins_known_name(words[k:]):
        return True  # "số Lao động - Thương binh": a misread "Sở" heading a known name
    if lower_head(words, k):
        return True  # "se van hoa, The thao", "be Lao dong - Thuong binh"
    if regex.fullmatch(r"c\S?\S?c", plain) and word[:1] == "C":  # Các sở / cơ quan / tổ chức
        return (next_plain[:1] == "s" and len(next_plain) <= 3) or next_plain in ("co", "to")
    # "Sở" read as So, SO, S6, S¢, S&, Sé, S0, "Sf}", "Sé'"; never a plain number —
    # but "56"/"36"/"$6" before an acronym ("36 KH&CN": S read as a digit)
    # … or before a known name's words in lower case ("So van hoa, Thé thao")
    named = capitalised or begins_known_name(words[k:])
    return is_so_lookalike(word, following) and named and word != "S."


def _committee_at(words: list[str], k: int) -> bool:
    """ "Ủy ban" at word ``k`` heading a committee's name: the name's next word, if the line
    goes on, one of the grammar's ("Ủy ban nhân dân"), not a national body's the task names
    ("Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia")."""
    rest = [w for w in (fold(x) for x in words[k + 1 : k + 3]) if w]
    if not rest or not rest[0].startswith("ban"):
        return False
    return len(rest) < 2 or bool(name_nodes(["uy", "ban", rest[1]]))


WHOLE_BODY_WORDS = 2  # a body named in two words at least ("Tỉnh đoàn"), no lone noun


def _heads_whole_body(words: list[str], k: int) -> bool:
    """Does the capitalised word ``k`` head a whole name of the agency grammar
    (``agency_names``) of two words at least, a cell of its own: a standing body with its
    level ("Hội Nông dân tỉnh", "Cục Thuế tỉnh") or a body named whole ("Tỉnh đoàn"), the
    line going on after it with another column (``_ends_cell``), not with the task's
    sentence ("Phối hợp với Hội Nông dân tỉnh triển khai …", "của HĐND tỉnh Bắc Giang")?
    A body's noun alone ("Tổ chức", "Doanh nghiệp") names none; a council ("HĐND tỉnh")
    is the task's: the agency columns name the people's committee ("UBND …")."""
    if fold(words[k]) in COUNCIL_HEADS:
        return False
    nodes = None
    for end, word in enumerate(words[k:], start=k + 1):
        nodes = name_nodes([word.strip("|")], nodes)
        if not nodes:
            return False
        whole = end - k >= WHOLE_BODY_WORDS and any(node.whole for node in nodes)
        if whole and _ends_cell(words, end):
            return True
    return False


COUNCIL_HEADS = {"hdnd", "hoi"}  # "HĐND", "Hội đồng nhân dân" (and "Hội …" bodies alike)


def _ends_cell(words: list[str], end: int) -> bool:
    """Does a cell's text end before ``words[end]``: the line's end, a ruling, the time
    column's word or another agency name after it?"""
    if end >= len(words) or words[end - 1].endswith("|"):
        return True
    following = words[end]
    return following.startswith("|") or is_time_word(following) or agency_starts_at(words, end)


_SO_SHAPE = regex.compile(r"S\S?|S\S?[^\p{L}\p{N}\s]")
_SO_DIGITS = regex.compile(r"[35$][6oO0ô]")
ACRONYM = regex.compile(r"\p{Lu}{2,}(&\p{Lu}+)?[,;]?")  # "KH&CN", "UBND"


def _is_glued_so(word: str, following: str) -> bool:
    """ "se", "s6", "so" before a capitalised name: "Sở" read in lower case, as old OCR reads
    it after a column's ruling ("|se Giao thông vận tải") or at the head of an agency cell."""
    return regex.fullmatch(r"s\S", word) is not None and following[:1].isupper()


def is_so_lookalike(word: str, following: str) -> bool:
    """Could ``word`` (marks stripped) be "Sở" as an English-model OCR read it? A token
    of digits only when an acronym follows ("36 KH&CN"), never before a plain word."""
    if _SO_SHAPE.fullmatch(word):
        return True
    return _SO_DIGITS.fullmatch(word) is not None and ACRONYM.fullmatch(following) is not None


# a year span cut where its narrow cell wraps: "2027-2" and, read a line below, "030"
SPAN_PIECE = regex.compile(r"20\d\d[-–]\d{1,3}|0[1-9]\d")


def is_time_word(word: str) -> bool:
    if SPAN_PIECE.fullmatch(word.strip("|")):
        return True
    return bool(TIME_WORD.match(fold(word) or "-")) and word[:1].isalnum()


def is_whole_time(text: str) -> bool:
    """Does ``text`` hold a whole time cell ("Hằng năm", "Quý 1V/2026", "2026-2030")?"""
    return WHOLE_TIME.match(" ".join(fold(w) for w in text.split())) is not None


def _time_split(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(agencies, time, notes): the time column follows the agencies; what follows the
    time is the notes column."""
    at = next((k for k, w in enumerate(words) if k > 0 and is_time_word(w)), len(words))
    end = at
    while end < len(words) and is_time_word(words[end]):
        end += 1
    return words[:at], words[at:end], words[end:]


def _agency_second_lines(text: str) -> tuple[str, str, str, str] | None:
    """ "… kinh | và Công nghệ | các UBND cấp xã 2025": the second lines of the two agency
    columns (long names wrap: "Sở Khoa học / và Công nghệ"), a ruling read "|" before each,
    both going on in lower case, the first short; then the time, and after another ruling
    perhaps the notes ("… | cac UBND cap xa nam | thức nhiệm vụ KH&CN"). (task text before
    them, agencies split at " | ", time, notes), or None."""
    pieces = [[w for w in piece.split() if is_word(w)] for piece in text.split("|")]
    pieces = [piece for piece in pieces if piece]
    found = _second_lines_at(pieces, len(pieces) - 2, [])
    if found is None and len(pieces) >= 4:  # task, lead, partner, notes
        found = _second_lines_at(pieces, len(pieces) - 3, pieces[-1])
    return found


def _second_lines_at(
    pieces: list[list[str]], at: int, notes_piece: list[str]
) -> tuple[str, str, str, str] | None:
    """The agencies' second lines in pieces ``at`` and ``at + 1`` (see _agency_second_lines);
    with a notes piece after them, the partner's piece must end in the time."""
    if at < 0:
        return None
    task, lead, partner = pieces[:at], pieces[at], pieces[at + 1]
    if not (1 <= len(lead) <= 3 and lead[0][:1].islower() and partner[0][:1].islower()):
        return None
    if any(is_time_word(w) for w in lead):
        return None
    partner, time, notes = _time_split(["", *partner])
    if notes_piece and (not time or notes):
        return None
    agencies = f"{' '.join(lead)} | {' '.join(partner[1:])}".rstrip(" |")
    notes = notes or notes_piece
    return " ".join(w for piece in task for w in piece), agencies, " ".join(time), " ".join(notes)


# words after which a year or span is the sentence's own: "giai đoạn 2026-2030", "đến năm
# 2030", "từ 2026"
YEAR_LEADS = {"doan", "nam", "den", "tu", "va"}


def _in_sentence(words: list[str], size: int) -> bool:
    """Do the last ``size`` words belong to the task's sentence, not to the time column? They
    end it ("… 2023-2030."), the sentence goes on after them ("… 2026-2030,"), or a word
    leading a year comes before them ("giai đoạn 2026-2030")."""
    tail = words[-size:]
    if not tail or tail[-1].endswith((".", ",", ";")):
        return True
    return len(words) > size and fold(words[-size - 1]) in YEAR_LEADS


TaskLine = tuple[str | None, str, str, str, str]  # row number, task, agencies, time, notes


def split_line(line: str) -> TaskLine:
    """(row number, task text, agency text, time text, notes) of one line read across."""
    text = clean(line)
    alone = ROW_NUMBER_ALONE.match(text)
    if alone:
        return alone.group(1), "", "", "", ""
    number = None
    match = ROW_NUMBER.match(text)
    if match and not NOT_ROW_NUMBER.match(text):
        number = match.group(1)
        text = text[match.end() :]
    continued = _agency_second_lines(text)
    if continued is not None:
        return number, *continued
    ruled = _lead_between_rulings(text)
    if ruled is not None:
        return number, *ruled
    words = [w for w in text.split() if is_word(w)]
    start = next((k for k in range(len(words)) if _cell_starts_at(words, k)), len(words))
    start -= _name_head_size(words, start)
    task_words = [w for w in words[:start] if w not in ("|", "\\")]
    rest, time, notes = _time_split([w for w in words[start:] if w not in ("|", "\\")])
    # "kỹ thuật. năm": the time column's last word after a finished task sentence
    finished = len(task_words) >= 2 and SENTENCE_END.search(task_words[-2]) is not None
    if not rest and finished and is_time_word(task_words[-1]):
        time.insert(0, task_words.pop())
    # no agency read: a whole time cell ending the line is still the time column's (not
    # one the task's sentence holds: see _in_sentence)
    for size in (2, 1):
        tail = " ".join(task_words[-size:])
        if _in_sentence(task_words, size):
            break
        if not rest and not time and len(task_words) > size + 1 and is_whole_time(tail):
            time, task_words = task_words[-size:], task_words[:-size]
    task = " ".join(task_words)
    return number, task.rstrip(" |"), " ".join(rest), " ".join(time), " ".join(notes)


RULED_LEAD_WORDS = 4  # a lead's line between two rulings is short: "meee duc va"


def _lead_between_rulings(text: str) -> tuple[str, str, str, str] | None:
    """ "… cho người dân. | meee duc va | Tỉnh đoàn | Quý IV/2026 …": the task's sentence
    ended, then a short piece between two rulings, then an agency name after a ruling. The
    rulings are the columns': the piece is the lead's, misread past knowing, the name the
    partner's. (task, agencies split at " | ", time, notes), or None."""
    pieces = [[w for w in piece.split() if is_word(w)] for piece in text.split("|")]
    pieces = [piece for piece in pieces if piece]
    at = next((k for k in range(2, len(pieces)) if _cell_starts_at(pieces[k], 0)), None)
    if at is None or not SENTENCE_END.search(pieces[at - 2][-1]):
        return None
    lead = pieces[at - 1]
    if len(lead) > RULED_LEAD_WORDS or any(_cell_starts_at(lead, k) for k in range(len(lead))):
        return None
    partner, time, notes = _time_split([w for piece in pieces[at:] for w in piece])
    task = " ".join(w for piece in pieces[: at - 1] for w in piece)
    return task, f"{' '.join(lead)} | {' '.join(partner)}", " ".join(time), " ".join(notes)


def _cell_starts_at(words: list[str], k: int) -> bool:
    """Does the agency columns' text start at word ``k`` of a line read across: an agency
    name's head (``agency_starts_at``), or a body the grammar names whole read as a cell of
    its own ("| Tỉnh đoàn |", "Cé6ng an tinh | Hang nam": ``_heads_whole_body``)?"""
    if agency_starts_at(words, k):
        return True
    return words[k].lstrip("|[")[:1].isupper() and _heads_whole_body(words, k)


def _name_head_size(words: list[str], start: int) -> int:
    """How many of the words before ``start`` (where an agency name was found) open that
    name, a lower-case head taken for the task's: "… cap huyen | van phong Uy ban nhan dan
    tinh" (``agency_heads.opened_in_text``); 0 when none do."""
    if start >= len(words):
        return 0
    sizes = (size for size in (3, 2, 1) if size <= start)
    return next((n for n in sizes if opened_in_text(words[start - n : start], words[start:])), 0)


def is_interleaved(lines: list[str]) -> bool:
    """Several lines hold task text AND an agency name after it: read across the columns."""
    count = 0
    for line in lines:
        _, task, agency, _, _ = split_line(line)
        count += len(task.split()) >= 3 and bool(agency)
    return count >= INTERLEAVED_MIN_LINES


def split_agencies(fragment: str) -> list[str]:
    """'Các Sở, ban, ngành; Sở KH&CN' -> two cells: on one line, a new agency name starts
    the next column unless a "," before it lists more of the same cell."""
    if " | " in fragment:  # the columns' own ruling (see _agency_second_lines)
        return [part for part in fragment.split(" | ", 1) if part]
    words = fragment.split()
    cells: list[list[str]] = []
    for k, word in enumerate(words):
        starts = agency_starts_at(words, k)
        # "các UBND cấp xã": a lone "các" opens the name that follows it
        opened = bool(cells) and len(cells[-1]) == 1 and cells[-1][0] in ("các", "cac")
        listed = bool(cells) and cells[-1][-1].endswith(",")
        # "Sở Văn hóa, Các cơ quan …": the comma is the name's own, its rest wrapped below
        listed = listed and not (starts and name_goes_on(" ".join(cells[-1])))
        # "Văn phòng Ủy ban": the name begun goes on, though "Ủy ban" heads names too
        goes_on = starts and bool(cells) and goes_on_with(" ".join(cells[-1]), word)
        continues = listed or opened or goes_on
        if not cells or (starts and not continues and len(cells) < 2):
            cells.append([word])
        else:
            cells[-1].append(word)
    return [" ".join(c) for c in cells]


def name_goes_on(fragment: str) -> bool:
    """Is ``fragment`` a known name's beginning whose rest is still to come ("Sở Văn hóa,"
    before "Thể thao và Du lịch", ``wrapped_names.name_left``)? Its "," is the name's own,
    no list's: an agency name read after it is the next column's, not more of its cell
    (the name's rest wrapped in its narrow cell, read among the task's words below)."""
    words = fragment.split()
    if len(words) < 2 or not is_so_lookalike(strip_marks(words[0]), words[1]):
        return False
    whole = known_name_size(words) == len(words)  # "Sở Nội vụ,": its "vụ" no speck
    return not whole and bool(name_left(fragment)[1])


def without_rulings(fragments: list[str]) -> str:
    """Join a cell's fragments without the marks old OCR reads from the ruling lines and
    stray specks between words: a lone ".", "|", "<", "\\" is no word of the cell, and a
    ruling touching a word ("|Ban Quản lý") is no part of it."""
    words = (w.strip("|") for w in " ".join(fragments).split())
    return " ".join(w for w in words if is_word(w))


def is_word(word: str) -> bool:
    """A word of a cell: a letter, digit, "&" or dash in it (not a ruling "|", a speck "."):
    "-", "–" and "—" alike, the one between two years ("2026 — 2030") a word of the text; or
    an ellipsis the text ends a list with ("Quốc gia ...", "work layout ...).")."""
    return regex.search(r"[\p{L}\p{N}&\-–—]|\.\.\.|…", word) is not None


# --- agency names misread by old OCR --------------------------------------------------------

# "Sở" as an English-model OCR writes it: S6, S¢, S&, So, SO, Sé, S0, S, 36 — and "Số",
# the restorer's best Vietnamese guess for "So". At the head of an agency name (a
# capitalised word or acronym follows) none of them can be meant (see is_so_lookalike).


def _repair_agency(cell: str) -> str:
    words = cell.split(" ")
    for k, word in enumerate(words):
        if heads_collective(words, k):  # "C8° cơ quan," -> "Các cơ quan,"
            words[k] = "Các" + (word[-1] if word[-1] in ",;" else "")
            continue
        core = word.rstrip(",;")
        following = words[k + 1] if k + 1 < len(words) else ""
        after_cac = k > 0 and fold(words[k - 1]) == "cac"
        # "se Y tế"; "se van hoa", "be Lao dong" (a known name's words after it)
        head = k == 0 and (_is_glued_so(strip_marks(core), following) or lower_head(words, 0))
        if core == "Sở" or not (head or is_so_lookalike(strip_marks(core), strip_marks(following))):
            continue
        heads_name = (following[:1].isupper() or head) and (head or agency_starts_at(words, k))
        if heads_name or (after_cac and word.endswith(",")):  # "Các Số, ban, ngành"
            words[k] = "Sở" + word[len(core) :]
    return " ".join(words)


def repair_cells(
    table: Table, agencies: list[int], table_index: int | None, spell_known: bool = False
) -> list[Edit]:
    """ "S6 Tài chính" -> "Sở Tài chính" in the agency columns of a table rebuilt from old
    OCR; with ``spell_known`` (the document is being restored) a known agency name misread
    is spelt as the name is ("Sở Gido duc va Dao tao": ``wrapped_names.known_names``), and
    so is a collective's list ("Các s, ban, qgénh": ``collective_names``) and a cell of one
    name read as a run of letters ("Céngantinh": ``lead_names``). Each change is an
    Edit for the reviewer. First, agencies shifted a column left are put back
    (``shifted_agencies``) and a name wrapped in its narrow cell whose rest was read among
    the row's task words goes back to its cell (``agency_moves.complete_agency_cells``)."""
    fields = map_columns(table.columns).items()
    text_column = next((k for k, f in fields if f == ("noi_dung",)), None)
    edits = shift_agency_cells(table, agencies, text_column, table_index)
    edits += complete_agency_cells(table, agencies, text_column, table_index, _repair_agency)
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        for index in agencies:
            if index < len(cells) and cells[index]:
                fixed = _repair_agency(cells[index])
                fixed = known_names(fixed) if spell_known else fixed
                fixed = spell_collectives(fixed) if spell_known else fixed
                if fixed != cells[index]:
                    edits.append(
                        Edit(
                            original=cells[index],
                            result=fixed,
                            confidence=SPELT_CONFIDENCE,
                            table=table_index,
                            row=at,
                            reason=SPELT_PATTERN,
                        )
                    )
                    cells[index] = fixed
    return edits + (spell_one_names(table, agencies, table_index) if spell_known else [])
