"""Agency cells shifted one column left, the lead's name read among the task's words.

Old OCR reading a task table across its columns splits each line at the first agency name
it knows. When the lead's head is misread past knowing ("g4 Khoa hoc", "~|S6 Khoa hoc"),
the lead's lines stay in the task text and the partner's name, read next, is taken for
the lead: the lead cell holds a collective ("Các sở, ban, ngành, các UBND cấp xã") and the
partner cell is empty. The lead's first line is still there in the text: a short head and
a department's sector begun in capitals ("g4 Khoa hoc", then "va Cong ngh¢" a line below).
Then the collective goes to the partner's cell and the lead's words, moved out of the
text, to the lead's (``shift_row``); ``agency_moves.complete_cell`` then finds its rest.

The partner's column, taller than the lead's, may also begin a line or two above it: its
collective is read first and taken for the lead, which then holds the list and, after it,
the department that leads ("Cac s0, ban, nganh, S¢ Khoa hoc cac vaCongnghe"). A list of
all departments does not go on with one of them: the department and the words that make
its name whole are the lead's, the list and the rest the partner's (``split_lead``). A
department begun and then the partner's words in lower case ("Sé Khoa hoc cac UBND cap
xa,") likewise gives them to the partner (``open_lead_tail``).
"""

from __future__ import annotations

import regex

from sohoa.extract.agency_moves import complete_cell
from sohoa.extract.agency_names import misread, name_nodes
from sohoa.extract.collective_names import spell_collectives
from sohoa.extract.structure import fold
from sohoa.model import Edit, Table

SHIFTED = "table-agency-shifted"  # the reason of the Edits logged here
# bench/tables_edits.py (dev sets, lstm6-norules, restored): 2 of 2 judged right, both
# in 004; (2 + 1) / (2 + 2) = 0.75. Few: the shape is real old OCR's (seed 003), seldom
# the rendered sets'.
CONFIDENCE = 0.75
HEAD_MAX = 3  # letters and signs of a misread "Sở" ("g4", "~|S6", "S,U")
# words after which a department named in the task is the task's own ("phối hợp với Sở …")
TASK_LEADS = {"voi", "cho", "cua", "va", "tai", "den", "theo", "giua"}


def is_collective(cell: str) -> bool:
    """Does ``cell`` begin with a collective name ("Các sở, ban, ngành", "C&c s0, ban,"),
    its "Các" read however, the bodies after it those of the grammar, as read or as
    ``collective_names`` spells a list misread ("Chc s&, ban, nganh": "sở")?"""
    words = cell.split()
    if len(words) < 2 or not regex.fullmatch(r"C\S{1,3}", words[0]):
        return False
    spelt = spell_collectives(cell).split()
    return bool(name_nodes(["cac", *words[1:3]]) or name_nodes(["cac", *spelt[1:3]]))


def _head(word: str) -> bool:
    """Could ``word`` be a department's "Sở" misread: a short token, no word of a name?"""
    core = regex.sub(r"[^\p{L}\p{N}]", "", word)
    return 0 < len(core) <= HEAD_MAX and len(word) <= HEAD_MAX + 2 and fold(word) != "bo"


def lead_in_text(words: list[str]) -> tuple[int, int] | None:
    """Where in ``words`` (a row's task text) a department's name begins, read among them:
    a short head (``_head``) before a capitalised word, and with "Sở" for the head the
    words after it go on as a sector's name does for two words at least ("g4 Khoa hoc").
    Not the text's first words, nor after a word that makes the name the task's own ("với
    Sở …"). The longest such run, ``None`` if none."""
    best: tuple[int, int] | None = None
    for start in range(1, len(words) - 2):
        if fold(words[start - 1]) in TASK_LEADS:
            continue
        end = _department_at(words, start)
        if end - start >= 3 and (best is None or end - start > best[1] - best[0]):
            best = (start, end)
    return best


def shift_row(lead: str, partner: str, text: str) -> tuple[str, str, str] | None:
    """(lead, partner, text) put right when the row's agencies were shifted one column left
    (see the module's doc); the head read for "Sở" is written "Sở". ``None`` otherwise."""
    if partner.strip() or not is_collective(lead):
        return None
    words = text.split()
    found = lead_in_text(words)
    if found is None:
        return None
    start, end = found
    name = " ".join(["Sở", *words[start + 1 : end]])
    return name, lead, " ".join(words[:start] + words[end:])


def _department_at(words: list[str], start: int) -> int:
    """Where the department's name that ``words[start]`` heads ("S¢ Khoa hoc") ends, read
    as far as the grammar goes with "Sở" for its head; ``start`` when it heads none."""
    if not _head(words[start]) or start + 1 >= len(words) or not words[start + 1][:1].isupper():
        return start
    end = _name_end(words, start)
    return end if end > start + 1 else start


def _name_end(words: list[str], start: int) -> int:
    """Where the name read from ``words[start]`` as "Sở" ends, as far as the grammar goes;
    one word misread past a slip (no syllable: ``agency_names.misread``, "hQCA" for "học")
    is passed over when the word after it goes on with the name ("S,U KAhoa hQCA va")."""
    nodes, end, passed = name_nodes(["so"]), start + 1, False
    while end < len(words):
        following = name_nodes([words[end]], nodes)
        if following:
            nodes, end = following, end + 1
            continue
        if passed or not misread(words[end]) or end + 1 >= len(words):
            break
        children = [child for node in nodes for child in node.children.values()]
        following = name_nodes([words[end + 1]], children)
        if not following:
            break
        nodes, end, passed = following, end + 2, True
    return end


def _as_department(cell: str) -> str:
    """The cell read with "Sở" for its first word, its head as misread ("S¢ Khoa hoc")."""
    return " ".join(["Sở", *cell.split()[1:]])


def split_lead(lead: str, partner: str) -> tuple[str, str] | None:
    """(lead, partner) when ``lead`` holds a collective's list ended by its comma and then a
    department ("Cac s0, ban, nganh, S¢ Khoa hoc cac vaCongnghe"): the department, with
    the words after it that make its name whole (``agency_moves.complete_cell``), leads;
    the list and the words left go in front of the partner. ``None`` otherwise."""
    words = lead.split()
    if not is_collective(lead):
        return None
    for start in range(2, len(words) - 1):
        end = _department_at(words, start) if words[start - 1].endswith(",") else start
        if end == start:
            continue
        name, rest = " ".join(words[start:end]), " ".join(words[end:])
        text = f"{words[start - 1]} {rest}"  # the run is never a text's first word
        name, rest = complete_cell(name, text, _as_department) or (name, rest)
        rest = rest.removeprefix(words[start - 1]).strip()
        listed = " ".join([*words[:start], rest, partner]).split()
        return name, " ".join(listed)
    return None


def shift_agency_cells(
    table: Table, agencies: list[int], text_column: int | None, table_index: int | None
) -> list[Edit]:
    """Each row's lead and partner (``agencies``) put right where they were shifted one
    column left (``shift_row``); each changed cell is an Edit (reason ``SHIFTED``)."""
    if len(agencies) != 2 or text_column is None:
        return []
    edits: list[Edit] = []
    lead, partner = agencies
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        if max(lead, partner, text_column) >= len(cells):
            continue
        done = shift_row(cells[lead], cells[partner], cells[text_column])
        done = done or _split_row(cells[lead], cells[partner], cells[text_column])
        done = done or _tail_row(cells[lead], cells[partner], cells[text_column])
        done = done or _swap_row(cells[lead], cells[partner], cells[text_column])
        if done is None:
            continue
        for column, result in zip((lead, partner, text_column), done, strict=True):
            if result == cells[column]:
                continue
            edits.append(
                Edit(cells[column], result, CONFIDENCE, table=table_index, row=at, reason=SHIFTED)
            )
            cells[column] = result
    return edits


def _split_row(lead: str, partner: str, text: str) -> tuple[str, str, str] | None:
    found = split_lead(lead, partner)
    return None if found is None else (*found, text)


def open_lead_tail(lead: str) -> tuple[str, str] | None:
    """(the department's name begun, the words after it) when ``lead`` begins a department's
    name not yet whole and goes on with a list opened by "các" in lower case, which does
    not go on with it ("Sé Khoa hoc cac UBITID.cEap xa,"): the partner's, read on the
    lead's line, the lead's rest read among the task's words (``agency_moves.lead_tail``
    does as much for a lead's whole name). A word in lower case that is no "các" may be
    the lead's own misread ("Sở Giáo dục và bảo", "Sở Khoa học công nghệ"). ``None``
    otherwise."""
    words = lead.split()
    end = _department_at(words, 0) if words else 0
    tail = words[end:]
    if end == 0 or not tail or any(node.whole for node in name_nodes(["so", *words[1:end]])):
        return None
    if fold(tail[0]) != "cac" or not tail[0][:1].islower() or len(tail) < 2:
        return None
    return " ".join(words[:end]), " ".join(tail)


def _tail_row(lead: str, partner: str, text: str) -> tuple[str, str, str] | None:
    found = open_lead_tail(lead)
    return None if found is None else (found[0], f"{found[1]} {partner}".strip(), text)


def _swap_row(lead: str, partner: str, text: str) -> tuple[str, str, str] | None:
    """(lead, partner, text) when the lead cell holds a collective and the partner cell
    begins with a department's name not yet whole and other words after it ("Các số. bạn.
    nearh" / "S& Khoa hoc che O & iéopduc"): the partner's column, taller, began above the
    lead's and its collective was read first, the lead's name read on the partner's next
    line. The department leads; the collective and the words after the name are the
    partner's. A partner that is a whole name ("Sở Tài chính") is left: a collective may
    lead; so is a lead naming a department after its collective ("Các sở. ngành Sở Y tế")."""
    words = partner.split()
    end = _department_at(words, 0) if words else 0
    if end == 0 or not words[end:] or not is_collective(lead) or _names_department(lead):
        return None
    if any(node.whole for node in name_nodes(["so", *words[1:end]])):
        return None  # a partner's whole name ("Sở Tài chính"): the lead may be a collective
    name = " ".join(["Sở", *words[1:end]])
    return name, " ".join([lead, *words[end:]]), text


def _names_department(cell: str) -> bool:
    """Does ``cell`` name a department after its first word ("Các sở. ngành Sở Y tế")?"""
    words = cell.split()
    return any(_department_at(words, k) > k + 1 for k in range(1, len(words)))
