"""The rows of a task table (Phụ lục I) that old OCR read across its columns: the lines,
split by ``interleaved.split_line`` into row number, task text, agencies, time and notes,
gathered into rows.

A row's number may sit on its middle line (its first lines come before it: the rows are cut
by ``centred_rows``), or alone on a line above the row's blocks; read line by line, a row ends
when its task sentence ends (once its cells are read) or the next number comes. An agency
name or a time wrapped in its narrow cell goes back to its cell (``wrapped_names``,
``task_moves``: each word moved between cells an Edit of its row). A group
heading ("2 | Công tác …" over 2.1, 2.2) is a row of its own; a column read as a block after
the others (the agencies' second lines, the time column under its header) is given back to
the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from sohoa.extract.centred_rows import heads_group, is_specks, row_starts
from sohoa.extract.interleaved import (
    SENTENCE_END,
    TaskLine,
    agency_starts_at,
    is_time_word,
    is_whole_time,
    name_goes_on,
    split_agencies,
    split_line,
    without_rulings,
)
from sohoa.extract.numbering import next_in_sequence
from sohoa.extract.rebuild_edits import note_joined
from sohoa.extract.structure import fold
from sohoa.extract.task_moves import (
    BLOCK_LINE,
    CAC,
    PARTNER_FIRST,
    ROW_NUMBER,
    STRAY_PIECE,
    WRAPPED_NAME,
    Move,
    changes,
    collective_end,
    note_rows_moves,
    notes_back,
    qualifier_back,
    rest_back,
    stray_pieces,
    take_words,
    time_word_back,
    wrapped_years,
)
from sohoa.extract.wrapped_names import continuation_at, name_left


@dataclass
class _TaskRow:
    """A row being gathered: its number and each column's fragments, line by line."""

    stt: str = ""
    task: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    partner: list[str] = field(default_factory=list)
    time: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    opened: bool = False  # by its number alone on a line: its text follows, sentences and all
    # an agency cell's (id) fragments count, and the folded words of its name still to come
    wrapped: dict[int, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    # each agency cell's (id) fragments count after the lines before the last, and after it
    sizes: tuple[dict[int, int], dict[int, int]] = field(default_factory=lambda: ({}, {}))
    moves: list[Move] = field(default_factory=list)  # words moved between its cells

    def add_agencies(self, agency: str, number: str | None) -> None:
        """A second name on the line is the partner; a lone one continues the lead agency
        when that ends in "," or ";", else (off the row's middle line, or once the partner
        column has started) it is the partner's."""
        if self._partner_read_first(agency):
            return
        cells = split_agencies(agency)
        for k, cell in enumerate(cells):
            # a new name ("UBND …", "Sở …") after a lead that is not open is the partner's
            new_name = bool(self.lead) and agency_starts_at(cell.split(), 0)
            lead_open = not self.lead or (
                self.lead[-1].endswith((",", ";", " và"))
                and not (new_name and name_goes_on(self.lead[-1]))
            )
            # "và Công nghệ | các UBND cấp xã": the first of two lower-case second lines
            # goes on with the lead agency
            lead_goes_on = k == 0 and len(cells) == 2 and cell[:1].islower()
            off_middle = self.partner or number is None or new_name
            if k == 1 or (not lead_open and not lead_goes_on and off_middle):
                self.partner.append(cell)
            else:
                self.lead.append(cell)

    def _partner_read_first(self, cell: str) -> bool:
        """Put right a partner read before the lead: the row's one agency fragment so far
        is an open collective name ("Các cơ quan, đơn vị", "UBND các huyện") and the next
        is a single agency followed by that name's end ("Sở Nội vụ liên quan", "Sở Y tế
        thành phố", "Sở Nội vụ UBND các huyện"): the collective, wrapped over two lines in
        the column right of the lead's, began a line above it. The single agency is the
        lead, the collective and its end the partner's. Done if so."""
        if len(self.lead) != 1 or self.partner:
            return False
        tail = collective_end(self.lead[0], cell.split())
        if tail is None:
            return False
        words = cell.split()
        lead, rest = " ".join(words[:tail]), " ".join(words[tail:])
        self.moves += [
            Move(self.lead[0], lead, PARTNER_FIRST),
            Move(cell, f"{self.lead[0]} {rest}", PARTNER_FIRST),
        ]
        self.partner.extend([self.lead[0], rest])
        self.lead[:] = [lead]
        return True

    def add_line(self, number: str | None, task: str, agency: str, time: str, notes: str) -> None:
        """Add one line's row number and cells (``interleaved.split_line``) to the row."""
        if number:
            self.stt = number
        if task:
            self.add_task(task)
        self.add_agencies(agency, number)
        if time:
            self.time.append(time)
        if notes:
            self.notes.append(notes)
        self.sizes = (self.sizes[1], {id(cell): len(cell) for cell in (self.lead, self.partner)})

    def grew_last_line(self, cell: list[str]) -> bool:
        """Did ``cell`` take a fragment on the row's last line (its wrapped name's next line
        is then read on this one)?"""
        return len(cell) != self.sizes[0].get(id(cell), 0)

    def add_task(self, task: str) -> None:
        """Add a line's task text, less the words that go on with an agency name begun on
        a line before and wrapped in its narrow cell (see ``wrapped_names``)."""
        words, text = task.split(), " ".join(self.task)
        for cell in (self.lead, self.partner):
            words = qualifier_back(cell, words, text, self.moves)
            size, left = self.wrapped.get(id(cell), (-1, ()))
            name = ""
            if size != len(cell) and cell:  # a name begun since: what is left of it
                name, left = name_left(cell[-1])
            found = continuation_at(words, left) if left and words else None
            if found is not None:
                start, end = found
                words = take_words(cell, words, found, WRAPPED_NAME, self.moves, text, name)
                self.wrapped[id(cell)] = (len(cell), left[end - start :])
            elif cell and words and self.grew_last_line(cell):  # "Ban Quan ly" / "cac khu"
                words = rest_back(cell, words, text, self.moves)
        row = (self.partner, self.time, self.notes)
        words = notes_back(row, task.split(), words, text, self.moves)
        words = time_word_back(self.time, words, text, self.moves)
        if words:
            self.task.append(" ".join(words))

    def takes_block_line(self, task: str, agency: str, time: str, notes: str) -> bool:
        """Add a line of a row whose columns old OCR read one block after another (its task
        text finished, then "Sở Khoa học" / "và Công nghệ" / "Các sở, ban, ngành," / "các
        UBND cấp xã" / "Hằng" / "năm"), if it is one: once the task's sentence has ended and
        the lead agency is read, a short line going on in lower case continues the last
        agency column, and a line of time words is the time."""
        words = f"{task} {agency}".split()
        finished = bool(self.task) and SENTENCE_END.search(self.task[-1]) is not None
        if not (finished and self.lead) or notes or len(words) > BLOCK_LINE_WORDS:
            return False
        if words and all(is_time_word(w) for w in words) and not time:
            self._take_line(self.time, task, words)
            return True
        if not words or not words[0][:1].islower() or agency_starts_at(words, 0):
            return False
        self._take_line(self.partner or self.lead, task, words)
        if time:
            self.time.append(time)
        return True

    def _take_line(self, cell: list[str], task: str, words: list[str]) -> None:
        """Add a line read as a block (``takes_block_line``) to ``cell``: its words the
        line's task part held move (kept in ``moves``)."""
        if task:
            span = (0, len(words))
            take_words(cell, words, span, BLOCK_LINE, self.moves, " ".join(self.task))
        else:
            cell.append(" ".join(words))

    def cells(self) -> list[str]:
        """The row's cells; a year span wrapped, joined, and a stray piece of one put back
        with the agencies, kept in ``moves``."""
        joined = wrapped_years(" ".join(self.time), self.moves)
        time, stray = stray_pieces(joined)
        lead, partner = list(self.lead), list(self.partner)
        if stray:
            cell = partner or lead
            read = without_rulings(cell)
            cell.extend(stray)  # back where they were read
            self.moves += [
                Move(joined, time, STRAY_PIECE),
                Move(read, without_rulings(cell), STRAY_PIECE),
            ]
        note_joined([without_rulings([line]) for line in self.task])  # weighed by cell_lines
        return [
            self.stt,
            wrapped_years(without_rulings(self.task), self.moves),
            without_rulings(lead),
            without_rulings(partner),
            time,
            without_rulings(self.notes),
        ]


BLOCK_LINE_WORDS = 5  # a wrapped agency name's second line is short: "cac UBND cap xa"
TIME_HEADER = {"thoi", "gian", "thuc", "hien"}  # "Thời gian thực hiện" over the column


def _time_column_block(lines: list[str]) -> tuple[list[str], list[str]]:
    """(the other lines, the time cells) when the time column was read as a block of its
    own after the other columns, under its header ("Thoi" / "gian" / "Quy" / "11/2027" /
    "Hang" / "nam" …): lines of time words led by the column's header words, read as whole
    time cells; ``(lines, [])`` when there is no such block."""
    for start, line in enumerate(lines):
        words = _time_words(line)
        if not words or any(fold(w) not in TIME_HEADER for w in words):
            continue
        end = start + 1
        while end < len(lines) and (found := _time_words(lines[end])) is not None and found:
            end += 1
        words = [w for text in lines[start:end] for w in _time_words(text) or []]
        cells = _whole_times([w for w in words if fold(w) not in TIME_HEADER])
        if len(cells) > 1:
            return lines[:start] + lines[end:], cells
    return lines, []


def _time_words(line: str) -> list[str] | None:
    """The words of a line made only of time words and time-header words, else None."""
    words = line.replace("|", " ").split()
    return words if all(is_time_word(w) or fold(w) in TIME_HEADER for w in words) else None


def _whole_times(words: list[str]) -> list[str]:
    """Time words read in order as whole time cells ("Quy 11/2027", "Hang nam", "2027");
    none if some word belongs to no whole cell."""
    cells: list[str] = []
    k = 0
    while k < len(words):
        size = next((n for n in (2, 1) if is_whole_time(" ".join(words[k : k + n]))), 0)
        if not size:
            return []
        cells.append(" ".join(words[k : k + size]))
        k += size
    return cells


def task_rows(
    lines: list[str], previous: str | None = None
) -> tuple[list[tuple[str, list[str]]], int]:
    """Rows (STT, cells) of a task table read across; and how many rows look complete. A
    time column read as a block after the rows gives its cells to the rows without a time,
    in order, when there are as many of each. ``previous``: the table's last row number
    before these lines (a section's numbering may go on from it)."""
    lines = [line for line in lines if line.strip()]
    before, times = _time_column_block(lines)
    rows = _gather_rows(before, previous)
    timeless = [row for row in rows if not row.time and (row.lead or row.partner)]
    if times and len(timeless) == len(times):
        for row, time in zip(timeless, times, strict=True):
            row.time.append(time)
    elif times:
        rows = _gather_rows(lines, previous)  # no place for them: read as they come
    out = [(row.stt, row.cells()) for row in rows]
    note_rows_moves([row.moves for row in rows])  # the words moved, Edits of their rows
    complete = sum(all(cells[:3]) and bool(cells[4]) for _, cells in out)
    return out, complete


def _cac_to_agency(line: TaskLine) -> TaskLine:
    """A line as ``split_line`` split it, but "các" ending the task text before "UBND cấp
    xã" is the agency's: "… đại chúng và PTTH Bắc các | UBND cấp xã" (a list's next line,
    "các UBND cấp xã")."""
    number, task, agency, time, notes = line
    words = task.split()
    if len(words) > 1 and fold(words[-1]) == "cac" and fold(agency).startswith("ubnd"):
        task, agency = " ".join(words[:-1]), f"{words[-1]} {agency}"
    return number, task, agency, time, notes


def _row_numbers(parsed: list[TaskLine], previous: str | None = None) -> list[TaskLine]:
    """The lines with only their row numbers kept: not the text's own number ("9 khóa."; a
    plain one: "2.3" before lower case text is a row number whose row's first lines came
    before it), nor a digit read from specks ("4 A A Ao o="). ``previous``: the number
    before the lines (a section's): their first number may go on from it or start anew."""
    out: list[TaskLine] = []
    anew = True  # no number read yet: a section's first row may be numbered 1
    for number, task, agency, time, notes in parsed:
        if number is None and previous is not None:
            number, task = _garbled_number(previous, task)
        if number is not None:
            following = next_in_sequence(previous, number)
            if following is None and anew and previous is not None:
                following = next_in_sequence(None, number)
            anew = False
            plain = "." not in number.strip(".:")
            if (following is None and plain and task[:1].islower() and not agency) or (
                following is None and previous is not None and is_specks(task, agency)
            ):
                number, task = None, f"{number} {task}"
            else:
                previous = following or number.rstrip(".:")
        out.append((number, task, agency, time, notes))
    return out


# a row number old OCR garbled so ``interleaved.ROW_NUMBER`` takes it for none: three digits
# (the dot read as one, "241" for 2.1), or a ruling read as ")" after it ("1.2).")
_GARBLED_NUMBER = regex.compile(r"^(?:(\d{3})|(\d{1,2}(?:\.\d{1,2})?)\)\.?)\s+(?=\S)")


def _garbled_number(previous: str, task: str) -> tuple[str | None, str]:
    """(number, the rest) when ``task`` starts with the next row's number as old OCR garbled
    it (``_GARBLED_NUMBER``): "241 luật trên địa bàn" after group 2 for 2.1 (three digits
    only for a sub-row's number), "1.2). Đẩy mạnh" after 1.1; else (None, ``task``). Only
    the sequence says so: the number is repaired with the others (``numbering``), the ")"
    is a ruling's speck."""
    match = _GARBLED_NUMBER.match(task)
    number = (match.group(1) or match.group(2)) if match else ""
    following = next_in_sequence(previous, number) if match else None
    if match is None or following is None or (match.group(1) and "." not in following):
        return None, task
    return number, task[match.end() :]


def _gather_rows(lines: list[str], previous: str | None = None) -> list[_TaskRow]:
    """The rows of ``lines``: cut where ``row_starts`` finds the rows of a table whose
    numbers sit on their middle lines, else line by line (``_rows_line_by_line``);
    ``previous``: the row number before them."""
    read = [split_line(line) for line in lines if line.strip()]
    split = [_cac_to_agency(line) for line in read]
    parsed = _row_numbers(split, previous)
    # the words each line's parts gave another part, for the row that takes the line
    moved = [
        changes(a, b, CAC) + changes(b, c, ROW_NUMBER)
        for a, b, c in zip(read, split, parsed, strict=True)
    ]
    starts = row_starts(parsed)
    if starts is None:
        return _rows_line_by_line(parsed, moved)
    rows = []
    ends = [*(start for start, _ in starts), len(parsed)]
    for (begin, across), end in zip(starts, ends[1:], strict=True):
        if not across:
            # lines before the first number, or a row opened by its number alone: read
            # line by line (a row whose number was lost ends with its sentence)
            rows += _rows_line_by_line(parsed[begin:end], moved[begin:end])
            continue
        row = _TaskRow()
        for k in range(begin, end):
            number, task, agency, time, notes = parsed[k]
            row.moves += moved[k]
            if number is None and row.takes_block_line(task, agency, time, notes):
                continue
            row.add_line(number, task, agency, time, notes)
        rows.append(row)
    return rows


def _rows_line_by_line(parsed: list[TaskLine], moved: list[list[Move]]) -> list[_TaskRow]:
    """The rows of the lines, line by line: a row number starts a row, a line of a row read
    block by block goes back to it, and a row ends with its task's sentence (see the module
    docstring). ``moved``: each line's moves, the row taking the line keeps."""
    rows: list[_TaskRow] = []
    current: _TaskRow | None = None
    for index, (number, task, agency, time, notes) in enumerate(parsed):
        if number is None and current and current.takes_block_line(task, agency, time, notes):
            current.moves += moved[index]
            continue
        # a line with its own whole time when the row has one: the next row, unnumbered
        # (a row read on one line whose number old OCR lost)
        next_row = bool(current and current.time) and is_whole_time(time) and bool(task)
        alone = number is not None and not (task or agency or time or notes)
        heading = bool(number) and heads_group(number or "", parsed[index], parsed[index + 1 :])
        if current is None or (number and current.stt) or next_row or alone or heading:
            current = _TaskRow(opened=alone)
            rows.append(current)
        current.add_line(number, task, agency, time, notes)
        current.moves += moved[index]
        # a row opened by its lone number reads its text, sentences and all, until its
        # agencies and time are read too
        read = not current.opened or bool(current.lead and current.time)
        if (task and SENTENCE_END.search(task) and current.stt and read) or heading:
            current = None
    return rows
