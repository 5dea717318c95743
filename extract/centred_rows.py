"""Where each row of a task table read across begins, when its numbers sit on their
middle lines (Phụ lục I, old OCR; see ``interleaved_rows``).

Old OCR reads a ruled table line by line across its columns, and a row's number, centred in
its cell, comes on the row's middle line: its first lines are read before it. The lines
between two numbers are shared between the two rows (``row_starts``): each row has about as
many lines before its number as after it, and a row starts with a capital after a line that
ends a sentence; the cut costing least over all the rows is taken. A group heading ("2 |
Công tác …" over 2.1, 2.2) is a row of one line, a number alone on its line starts its row,
and a line with its own task, agency and time between two numbered rows is a row whose
number was lost.
"""

from __future__ import annotations

import itertools

import regex

from sohoa.extract.interleaved import SENTENCE_END, TaskLine, is_whole_time
from sohoa.extract.numbering import next_in_sequence


def is_specks(*texts: str) -> bool:
    """Text with no word of three letters: the accents and specks of a line old OCR read on
    their own ("A A Ao o= , 0/ +A"), no row's text."""
    return not any(regex.search(r"\p{L}{3}", text) for text in texts)


def heads_group(number: str, parts: TaskLine, later: list[TaskLine]) -> bool:
    """Is the line of ``number`` a group's heading ("2 | Công tác thông tin, tuyên truyền"
    over rows 2.1, 2.2 …)? A number of the top level with task text and nothing in the other
    columns, whose next row number is its first sub-row: the heading is the whole row, and
    the lines after it belong to that sub-row (its number sits on its middle line)."""
    _, task, agency, time, notes = parts
    if "." in number.strip(".:") or not task or agency or time or notes:
        return False
    following = next((p[0] for p in later if p[0] is not None), None)
    return next_in_sequence(number, following or "") == f"{number.strip('.:')}.1"


CENTRING_SLACK = 1  # a row of an even count of lines has its number one line off the middle
# the kinds of anchor (``_anchor_kind``, "lost") whose row lies around it, lines before and after
CENTRED = ("middle", "lost")
LOWER_START_COST = 2.0  # a row's first line not starting with a capital (a cell's next line)
OPEN_END_COST = 1.0  # the row before ending without a sentence end


def _anchor_kind(parsed: list[TaskLine], index: int) -> str:
    """How the numbered line ``index`` sits in its row: "heading" (a group's heading, a row
    of one line), "alone" (the number alone on its line, the row's blocks after it) or
    "middle" (the number beside the row's middle line, read across)."""
    number, task, agency, time, notes = parsed[index]
    if heads_group(number or "", parsed[index], parsed[index + 1 :]):
        return "heading"
    return "middle" if task or agency or time or notes else "alone"


def _first_words(line: TaskLine) -> str:
    """The line's first cell text, from its first word of two letters or more (or a digit):
    specks read from accents and rulings ("i i S ~|S6 Khoa") passed over."""
    _, task, agency, time, notes = line
    task = "" if is_specks(task) else task
    words = (task or agency or time or notes).split()
    while words and len(regex.findall(r"\p{L}", words[0])) < 2 and not words[0][:1].isdigit():
        words.pop(0)  # "i", "S", "~|S6": specks, or a word whose letters were lost
    return " ".join(words)


def _is_centred(parsed: list[TaskLine], anchors: list[tuple[int, str]]) -> bool:
    """Do the rows' numbers sit on their middle lines? Most numbered lines go on with a cell
    begun on the line before (their text in lower case, or the line before ends no
    sentence and holds no time of its own: a row read on one line whose number was lost),
    and at least two rows are read across."""
    middle = [k for k, kind in anchors if kind == "middle"]
    evidence = 0
    for k in middle:
        before = parsed[k - 1] if k > 0 and parsed[k - 1][0] is None else None
        open_before = (
            before is not None
            and bool(before[1])
            and not SENTENCE_END.search(before[1])
            and not is_whole_time(before[3])
        )
        evidence += _first_words(parsed[k])[:1].islower() or open_before
    return len(middle) >= 2 and 2 * evidence >= len(middle)


def _start_cost(parsed: list[TaskLine], start: int, anchor: int) -> float:
    """How unlike a row's first line line ``start`` is (the row's number on line
    ``anchor``): a cell's second line goes on in lower case, and the line before a row
    ends its sentence."""
    cost = 0.0
    first = _first_words(parsed[start])
    if (start < anchor and not first[:1].isupper()) or first[:1].islower():
        cost += LOWER_START_COST  # the number's own line too: "2.1 ve dan cu" goes on
    task_before = _task_before(parsed, start)
    task_before = "" if is_specks(task_before) else task_before
    if task_before and not SENTENCE_END.search(task_before):
        cost += OPEN_END_COST
    return cost


def _task_before(parsed: list[TaskLine], start: int) -> str:
    """The task text of the nearest line before ``start`` that holds any: a line of the
    other columns only ("| Các sở, ban, ngành,") says nothing of where the task's sentence
    ends, and the line before it may end none."""
    for _, task, *_ in reversed(parsed[:start]):
        if task:
            return task
    return ""


def _centring_cost(before: int, after: int) -> float:
    return float(max(0, abs(before - after) - CENTRING_SLACK))


def _holds_lost_row(line: TaskLine) -> bool:
    """A line read across with task text, an agency and a whole time cell of its own but no
    number: the middle line of a row whose number old OCR lost."""
    number, task, agency, time, _ = line
    return number is None and bool(task) and bool(agency) and is_whole_time(time)


def _anchors(parsed: list[TaskLine]) -> list[tuple[int, str]]:
    """The lines rows are placed around, with their kinds (see ``_anchor_kind``); between
    two numbered lines that hold their rows' times, a line with its own time is a row whose
    number was lost ("lost")."""
    numbered = [(k, _anchor_kind(parsed, k)) for k, p in enumerate(parsed) if p[0] is not None]
    lost = [
        (k, "lost")
        for (a, _), (b, _) in itertools.pairwise(numbered)
        if parsed[a][3] and parsed[b][3]
        for k in range(a + 1, b)
        if _holds_lost_row(parsed[k])
    ]
    return sorted(numbered + lost + lost_headings(parsed, numbered))


HEADING_MIN_WORDS = 5  # a group's heading names a field of work, in a line of its own


def lost_headings(parsed: list[TaskLine], numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Group headings whose number old OCR lost: between a row of one group ("4.8") and the
    first sub-row of the next ("5.1") with no heading "5" read, the first line that begins a
    row (after a line that ends a sentence) with task text only, in capitals, of
    ``HEADING_MIN_WORDS`` at least and no sentence's end: a heading row of one line, its
    number left empty (``numbering`` puts a lost number back)."""
    found = []
    for (a, _), (b, _) in itertools.pairwise(numbered):
        group = parsed[b][0] or ""
        if not group.endswith(".1") or group.split(".")[0] == (parsed[a][0] or "").split(".")[0]:
            continue
        k = next((k for k in range(a + 1, b) if _heads_lost_group(parsed, k)), None)
        if k is not None:
            found.append((k, "heading"))
    return found


def _heads_lost_group(parsed: list[TaskLine], k: int) -> bool:
    """Could line ``k`` be a group's heading whose number was lost (see ``lost_headings``)?"""
    number, task, agency, time, notes = parsed[k]
    if number is not None or agency or time or notes or SENTENCE_END.search(task):
        return False
    before = parsed[k - 1][1]
    ended = bool(SENTENCE_END.search(before)) or is_specks(before)
    return ended and task[:1].isupper() and len(task.split()) >= HEADING_MIN_WORDS


def row_starts(parsed: list[TaskLine]) -> list[tuple[int, bool]] | None:
    """Where each row begins and whether it was read across (else it is read line by line),
    for a table whose rows' numbers sit on their middle lines (``_is_centred``), else None.
    The lines between two numbers are shared between their rows: each row has about as
    many lines before its number as after it, a row starts with a capital (a cell's second
    line goes on in lower case) after a line that ends a sentence; the cut costing least
    over all the rows is taken (dynamic programming). A group heading is a row of one line;
    a number alone on its line starts its row."""
    anchors = _anchors(parsed)
    if not _is_centred(parsed, anchors):
        return None
    starts = _cheapest_cut(parsed, anchors)
    kinds = dict(anchors)
    return [
        (begin, any(kinds.get(k) in (*CENTRED, "heading") for k in range(begin, end)))
        for begin, end in itertools.pairwise([*starts, len(parsed)])
    ]


def _cheapest_cut(parsed: list[TaskLine], anchors: list[tuple[int, str]]) -> list[int]:
    """The first line of each row (see ``row_starts``)."""
    first = anchors[0][0] if anchors[0][1] not in CENTRED else 0
    # best[start] = (cost so far, starts) for the current anchor's row starting at start
    best: dict[int, tuple[float, list[int]]] = {first: (0.0, [0, first] if first else [0])}
    ends = [*anchors, (len(parsed), "end")]
    for (anchor, kind), (following, next_kind) in itertools.pairwise(ends):
        options: dict[int, tuple[float, list[int]]] = {}
        if next_kind in CENTRED:
            candidates = range(anchor + 1, following + 1)
        else:
            candidates = range(following, following + 1)
        for start, (cost, starts) in best.items():
            before = anchor - start
            for cut in candidates:
                after = cut - 1 - anchor
                step = _centring_cost(before, after) if kind in CENTRED else 0.0
                if kind == "heading" and cut > anchor + 1 and next_kind in CENTRED:
                    continue  # a heading holds its line only; the rest is the next row's
                step += _start_cost(parsed, cut, following) if next_kind != "end" else 0.0
                total = cost + step
                # on a tie the later cut: the row above keeps the line
                if cut not in options or total <= options[cut][0]:
                    options[cut] = (total, [*starts, cut])
        best = options
    _, starts = min(best.values(), key=lambda o: o[0])
    return sorted(set(starts[:-1]))
