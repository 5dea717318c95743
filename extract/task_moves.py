"""Words of a task table's row (Phụ lục I read across, ``interleaved_rows``) read in another
cell than theirs, moved back, and each move kept as a ``Move`` of the row.

Old OCR reading a page line across the columns writes the second line of a wrapped agency
name or time among the task's words ("… liên quan" of "Các cơ quan, đơn vị", "năm" of
"Hằng"), a partner's collective name a line above the lead's, a year span cut in two. The
readers here move those words back; each cell's text as read and as written is a ``Move``
of the row, which ``interleaved_rows.task_rows`` notes as an Edit of its row
(``rebuild_edits``) once the row's place is known, with the confidence of its reason.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from sohoa.extract.agency_heads import rest_in_line, words_going_on
from sohoa.extract.interleaved import SPAN_PIECE, TaskLine, agency_starts_at, is_whole_time
from sohoa.extract.rebuild_edits import note
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import (
    is_cac,
    known_name_size,
    qualifier_at,
    qualifier_left,
)
from sohoa.normalize.unicode import strip_marks

# The reasons of the moves, each with its confidence, measured by bench/tables_edits.py
# --restore on the Phụ lục I dev sets (other, gen, long) in the five OCR modes: the share of
# its edits judged right, smoothed as (right + 1) / (judged + 2) and rounded down to 0.05,
# as the others are. A move's two edits are judged apart (the words' old cell and new), a
# line's part against its whole truth cell: misread words ("li€n quan" for "liên quan")
# and an agency's words also in the task's truth count against a move.
WRAPPED_NAME = "table-wrapped-name-back"  # "Sở Văn hóa," / "… Thể thao và Du lịch …"
QUALIFIER = "table-qualifier-back"  # "Các cơ quan, đơn vị" / "… liên quan"
NAME_REST = "table-name-rest-back"  # "Ban Quản lý" / "… các khu công nghiệp …"
TIME_WORD = "table-time-word-back"  # "Hằng" / "… năm"
CAC = "table-cac-to-agency"  # "… Bắc các | UBND cấp xã": "các" heads the agency
ROW_NUMBER = "table-row-number-moved"  # "241 luật …" -> 2.1; "2.3 về dân cư" is text
PARTNER_FIRST = "table-partner-read-first"  # a collective partner read above the lead
BLOCK_LINE = "table-block-line"  # a column's line read after the others: "và Công nghệ"
STRAY_PIECE = "table-span-piece-stray"  # "2028-2" among the time: another row's
YEARS_JOINED = "table-years-joined"  # "2026- 2030" -> "2026-2030"
NOTES_RIGHT = "table-notes-right-of-agency"  # "… co so va Du lich dinh": "Quyết" / "định"
CONFIDENCES = {
    WRAPPED_NAME: 0.8,  # 99 right of 119 judged: (99 + 1) / (119 + 2) = 0.83
    QUALIFIER: 0.55,  # 15 of 27: 16 / 29 = 0.55
    NAME_REST: 0.85,  # 28 of 32: 29 / 34 = 0.85
    TIME_WORD: 0.65,  # 38 of 55: 39 / 57 = 0.68
    CAC: 0.5,  # none met in the dev sets: (0 + 1) / (0 + 2), till some are judged
    # 6 of 22: 7 / 24 = 0.29; mostly a lone number out of sequence (a number column read
    # as a block) written into a row's text, where its truth has none
    ROW_NUMBER: 0.25,
    PARTNER_FIRST: 0.85,  # 17 of 19: 18 / 21 = 0.86
    BLOCK_LINE: 0.65,  # 10 of 14: 11 / 16 = 0.69
    STRAY_PIECE: 0.5,  # 2 of 4: 3 / 6 = 0.5
    YEARS_JOINED: 0.9,  # 12 of 12: 13 / 14 = 0.93
    # 15 of 21: 16 / 23 = 0.70; the wrong mostly a notes' line with a speck ("Huon" + "g
    # dan", judged against "Hướng dẫn"), or one the restorer rewrote
    NOTES_RIGHT: 0.65,
}


class Move(NamedTuple):
    """One cell's text (or a line's part of it) as read and as written, and why."""

    original: str
    result: str
    reason: str


def take_words(
    cell: list[str],
    words: list[str],
    span: tuple[int, int],
    reason: str,
    moves: list[Move],
    text: str = "",
    last: str = "",
) -> list[str]:
    """``words`` (a line's task words) less ``words[start:end]``, which go to the end of
    ``cell`` (a column's fragments). Both changes are kept in ``moves``: the task's
    ``text`` read on the lines above with the line's words, then without those taken; the
    cell's last fragment, then with them after it (``last``: that fragment as written,
    when it is written other than as read: a name's specks after it dropped)."""
    start, end = span
    taken, rest = " ".join(words[start:end]), words[:start] + words[end:]
    read = cell[-1] if cell else ""
    if cell and last:
        cell[-1] = last
    moves.append(
        Move(f"{text} {' '.join(words)}".strip(), f"{text} {' '.join(rest)}".strip(), reason)
    )
    moves.append(Move(read, f"{last or read} {taken}".strip(), reason))
    cell.append(taken)
    return rest


def qualifier_back(cell: list[str], words: list[str], text: str, moves: list[Move]) -> list[str]:
    """A line's task words less the qualifier of a collective name the cell's last fragment
    began ("Các cơ quan, đơn vị" / "liên quan"), which goes back to the cell; ``text``:
    the task read on the lines above (its last word tells a sentence going on)."""
    if not cell or not words or not qualifier_left(cell[-1]):
        return words
    found = qualifier_at(words, text.split()[-1] if text.split() else "")
    if found is None:
        return words
    return take_words(cell, words, found, QUALIFIER, moves, text)


def rest_back(cell: list[str], words: list[str], text: str, moves: list[Move]) -> list[str]:
    """A line's task words less the next line of the agency name the cell ends in, wrapped
    in its narrow cell, which goes back to the cell (``agency_heads.rest_in_line``);
    ``text``: the task read on the lines above."""
    found = rest_in_line(" ".join(cell), words)
    if found is None:
        return words
    return take_words(cell, words, found, NAME_REST, moves, text)


# a time cell wrapped in its narrow column, folded: its first line and what ends it
_TIME_GOES_ON = [
    (regex.compile(r"(^|\s)h\S{0,2}[nm]g$"), regex.compile(r"^n\S{0,2}m$")),  # Hằng / năm
    (regex.compile(r"(^|\s)qu\S$"), regex.compile(r"^[1ivxl|]{1,4}/?20\d\d$")),  # Quý / II/2027
    (regex.compile(r"(^|\s)20\d\d\s*[-–]$"), regex.compile(r"^20\d\d$")),  # 2027- / 2030
    (regex.compile(r"(^|\s)20\d\d[-–]\d{1,3}$"), regex.compile(r"^\d{1,3}$")),  # 2027-2 / 030
]


def completes_time(time: str, word: str) -> bool:
    """Does ``word``, the last of a line with no agency, end the row's time cell begun on
    a line above ("Hằng" then "năm", "Quý" then "II/2027", "2027-" then "2030")?"""
    head = " ".join(strip_marks(w).lower() for w in time.split())
    tail = strip_marks(word).lower().strip(".,;")
    return any(first.search(head) and last.match(tail) for first, last in _TIME_GOES_ON)


def time_word_back(time: list[str], words: list[str], text: str, moves: list[Move]) -> list[str]:
    """A line's task words less its last when that ends the time cell begun above ("… tang
    van tai lien quan nam": "Hang" / "nam"), which goes back to the time; ``text``: the
    task read on the lines above."""
    if words and time and completes_time(" ".join(time), words[-1]):
        return take_words(time, words, (len(words) - 1, len(words)), TIME_WORD, moves, text)
    return words


NOTES_LINE_WORDS = 4  # a notes cell's next line is short: "thuc nhiem", "g dan"


def right_of_moved(line: list[str], words: list[str]) -> int:
    """How many of ``words`` (a line's task words ``line`` less the runs moved to agency
    cells) were read right of the last run moved: the words both end in, once some moved."""
    if len(words) == len(line):
        return 0
    count = 0
    while count < len(words) and line[-1 - count] == words[-1 - count]:
        count += 1
    return count


def _partners_words(partner: list[str], tail: list[str]) -> int:
    """How many of ``tail`` (words read right of a lead's next line) go on with the partner
    cell: its name's next words ("Ban Quản lý các khu" / "công nghiệp") or its qualifier
    ("Các cơ quan, đơn vị" / "liên quan"). They stay for ``agency_moves`` to move."""
    if not partner:
        return 0
    going_on = words_going_on(" ".join(partner), tail)
    found = qualifier_at(tail) if qualifier_left(partner[-1]) else None
    return max(going_on, found[1] if found is not None and found[0] == 0 else 0)


def notes_back(
    row: tuple[list[str], list[str], list[str]],
    line: list[str],
    words: list[str],
    text: str,
    moves: list[Move],
) -> list[str]:
    """A line's task words less those read right of an agency's next line moved back to its
    cell (``right_of_moved``): the task column is the leftmost, so they are of a column right
    of it. When the row's notes cell began on a line above and they are few
    (``NOTES_LINE_WORDS``), they are the partner's going on (``_partners_words``, left), the
    time's end ("2027-2" / "030", "Hằng" / "năm") and the notes' next line ("Quyết" / "… va
    Du lich dinh"), unless specks (``_specks``). ``row``: the row's partner, time and notes
    cells."""
    partner, time, notes = row
    count = right_of_moved(line, words)
    if not notes or not 0 < count <= NOTES_LINE_WORDS:
        return words
    size = len(words)
    words = time_word_back(time, words, text, moves)
    start = len(words) - count + (size - len(words))  # the time's end taken: one fewer
    at = start + _partners_words(partner, words[start:])
    if at < len(words) and time and completes_time(" ".join(time), words[at]):
        words = take_words(time, words, (at, at + 1), NOTES_RIGHT, moves, text)
    if at < len(words) and not _specks(words[at:]):
        words = take_words(notes, words, (at, len(words)), NOTES_RIGHT, moves, text)
    return words


SPECK_LETTERS = 2  # a run of words none longer than this is specks ("y gg"), no notes line


def _specks(words: list[str]) -> bool:
    """Are ``words`` specks a ruling left (none of three letters or more)? They stay where
    they were read."""
    return all(len(fold(w)) <= SPECK_LETTERS for w in words)


def stray_pieces(time: str) -> tuple[str, list[str]]:
    """(the time cell, the pieces of a cut year span it does not take): beside a whole time
    ("Hằng năm"), a piece that joined no other ("2028-2", "030") is another row's, read
    among the agencies of this one (old OCR reading a page line across shifted columns):
    it stays with the agencies, where it was read."""
    words = time.split()
    pieces = [w for w in words if SPAN_PIECE.fullmatch(w)]
    rest = " ".join(w for w in words if not SPAN_PIECE.fullmatch(w))
    if pieces and rest and is_whole_time(rest):
        return rest, pieces
    return time, []


def collective_end(collective: str, words: list[str]) -> int | None:
    """Where in ``words`` (an agency fragment) the end of ``collective``, an open collective
    name, begins after a single agency's name: its qualifier ending the fragment ("Sở Nội vụ
    liên quan" after "Các cơ quan, đơn vị"), lower-case words after a whole known name
    ("Sở Nội vụ thành phố" after "UBND các huyện"), or another collective name after it
    when the list ends in "," ("Sở Nội vụ UBND các huyện" after "Các sở, ban, ngành,");
    ``None`` otherwise."""
    if len(words) < 2 or not agency_starts_at(words, 0) or _is_collective(words):
        return None
    if qualifier_left(collective):
        found = qualifier_at(words)
        if found is not None and found[1] == len(words) and found[0] >= 2:
            return found[0]
    if not _is_collective(collective.split()):
        return None
    size = known_name_size(words)
    rest = words[size:]
    if size and rest and all(w[:1].islower() for w in rest):
        return size
    # "Các sở, ban, ngành," then "Sở Nội vụ UBND các huyện": the list goes on
    if size and collective.rstrip().endswith(",") and _is_collective(rest):
        return size
    return None


def _is_collective(words: list[str]) -> bool:
    """ "Các sở, ban, ngành", "UBND các huyện": a name of many bodies."""
    folded = [fold(w) for w in words[:2]]
    return bool(folded) and (is_cac(folded[0]) or (folded[0] == "ubnd" and is_cac(folded[-1])))


_YEAR_WRAP = regex.compile(r"\b(20\d\d)\s*([-–])\s+(20\d\d)\b")
_SPAN_CUT = regex.compile(r"\b(20\d\d[-–])(\d{1,3}) (\d{1,3})\b")


def wrapped_years(text: str, moves: list[Move] | None = None) -> str:
    """ "2026- 2030", "2026-2 030": a year span wrapped in a narrow cell, joined again (the
    second year's digits cut in two only when its pieces make four: no digit added); the
    change kept in ``moves``."""
    joined = _YEAR_WRAP.sub(r"\1\2\3", text)
    joined = _SPAN_CUT.sub(lambda m: _joined(m) if len(m[2] + m[3]) == 4 else m[0], joined)
    if moves is not None and joined != text:
        moves.append(Move(text, joined, YEARS_JOINED))
    return joined


def _joined(match: regex.Match[str]) -> str:
    return match[1] + match[2] + match[3]


def changes(read: TaskLine, written: TaskLine, reason: str) -> list[Move]:
    """The parts of a line (number, task, agencies, time, notes) written other than as
    read, as moves: a part left empty is none (its words are in another part's result)."""
    pairs = zip(read, written, strict=True)
    parts = [((a or "").strip(), (b or "").strip()) for a, b in pairs]
    return [Move(a, b, reason) for a, b in parts if a != b and b]


def note_rows_moves(rows: list[list[Move]]) -> None:
    """Note each row's moves (``rows``: the moves of the rows in order) as Edits of that
    row (``rebuild_edits.note``); a move whose result is empty is none: its words are in
    another move's result."""
    for at, moves in enumerate(rows):
        for move in moves:
            if move.result:
                note(move.original, move.result, CONFIDENCES[move.reason], move.reason, row=at)
