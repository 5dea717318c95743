"""Agency cells of a table rebuilt from old OCR, completed from the row's other cells.

Old OCR, reading each page line across the columns, puts the second line of a wrapped agency
name among the task's words ("… cho doanh a và Đào tạo đơn vị liên quan nghiệp"): nothing on
the line marks it as an agency's. When an agency cell of a row ends in a name not yet whole
(by the grammar of ``agency_names``: a known name begun, a list going on after its comma,
"UBND" waiting for its level), the run of the row's task words that makes it whole is moved
back to the cell, and the move is logged as an Edit for the reviewer
(``complete_agency_cells``). Likewise the words after a lead's whole name that go on in lower
case are the partner's (``lead_tail``), and a line's part given to the lead that ends with
the partner's words gives them back (``partner_words_at``, used by ``budget_agencies``).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from sohoa.extract.agency_names import (
    QUALIFIED_NOUNS,
    NameNode,
    OpenName,
    misread,
    name_trie,
    open_name,
    same_word,
    walk,
)
from sohoa.extract.rebuild_edits import MOVED
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import QUALIFIERS
from sohoa.model import Edit, Table

# the reason of the Edits logged here is rebuild_edits.MOVED (the readers' moves within a
# line read across have their own, LINE_MOVED, and confidence)
# Which cell a wrapped line belongs to is read from the words alone. bench/tables_edits.py
# (dev sets, five OCR modes, restored): 239 of 277 moves judged bring the cell nearer its
# truth (38 farther); (239 + 1) / (277 + 2) = 0.86, rounded down to 0.05 as all are.
CONFIDENCE = 0.85


SENTENCE_ENDS = (".", ";", ":")


def run_in_text(name: OpenName, words: list[str]) -> tuple[int, int] | None:
    """Where in ``words`` (a row's task text, as read) the run of words that makes ``name``
    whole is: the longest (the rightmost of equals), never the text's first words, nor a
    run opening a sentence or a clause of the text (``_opens_sentence``). A name that only
    may go on ("Các sở, ngành") takes only a run ending in its qualifier or one after "và"
    (``_may_go_on``), not after a word it would qualify in the text ("các cơ quan liên
    quan"). A run read as far as the name goes on must not end a sentence or a clause of
    the text ("… ngoài tỉnh.", "cho tổ chức, cá nhân; hỗ trợ"): those words are the text's
    own, and so is any shorter run from the same word. ``None`` when there is none."""
    folded = [fold(w) for w in words]
    best: tuple[int, int] | None = None
    for start in range(1, len(words)):
        if not folded[start] or (name.capitalised and not words[start][:1].isupper()):
            continue
        if not name.required and folded[start - 1] in QUALIFIED_NOUNS:
            continue
        for end in _whole_ends(name, words, folded, start):
            if best is None or end - start >= best[1] - best[0]:
                best = (start, end)
    return best


def _whole_ends(name: OpenName, words: list[str], folded: list[str], start: int) -> list[int]:
    """The ends of the runs from ``start`` that make ``name`` whole (see ``run_in_text``);
    none when the run read as far as the name goes on ends a sentence or a clause."""
    ends = []
    nodes = name.nodes
    end = start
    while end < len(words):
        slipped = misread(words[end])  # the name's rest read in the text ("Céng nghé")
        following = walk(nodes, [folded[end]], slipped=slipped) if folded[end] else nodes
        if not following:
            break
        nodes, end = following, end + 1
        run = tuple(w for w in folded[start:end] if w)
        if len(run) == 1 and not _spelt(name.nodes, run[0]):
            continue  # one word alone is taken as the name spells it ("tuyên" no "huyện")
        fits = name.required or _may_go_on(run)
        if fits and any(node.whole for node in nodes):
            ends.append(end)
    if end > start and words[end - 1].endswith(SENTENCE_ENDS):
        return []
    if any(word.endswith((".", ":")) for word in words[start:end]):
        return []
    return [end for end in ends if not _opens_sentence(words, start, end)]


def _spelt(nodes: list[NameNode], word: str) -> bool:
    """Is ``word`` (folded) the name's next word as the name spells it, or its next words
    run together (``_run_together``)?"""
    return bool(walk(nodes, [word], exact=True)) or _run_together(nodes, word)


def _run_together(nodes: list[NameNode], word: str) -> bool:
    """Is ``word`` (folded) two or more of the name's next words read without their spaces,
    each spelt as the name spells it ("vaCongnghe" after "Sở Khoa học")?"""
    for node in nodes:
        for known, child in node.children.items():
            rest = word[len(known) :]
            if (
                word.startswith(known)
                and rest
                and (rest in child.children or _run_together([child], rest))
            ):
                return True
    return False


def _may_go_on(run: tuple[str, ...]) -> bool:
    """Does ``run`` go on with a name that is whole already: its qualifier ("liên quan",
    "đơn vị liên quan") or, after "và", the rest of a longer name ("Sở Giáo dục" / "và Đào
    tạo")? A list's next body or a level alone are too common in a task's words."""
    ends = (zip(run[-len(q) :], q, strict=False) for q in QUALIFIERS)  # "li@n quan": a slip
    qualified = any(all(same_word(w, k, slipped=True) for w, k in pairs) for pairs in ends)
    return len(run) >= 2 and (qualified or run[0] == "va")


def _opens_sentence(words: list[str], start: int, end: int) -> bool:
    """Does the run ``words[start:end]`` open a sentence or a clause of the text: after a
    stop, and the text going on after it in lower case ("…; tổ chức thực hiện …")? A run
    after a stop that ends the text is a name's rest read on the row's last line, and a stop
    after a speck of one letter or sign ("Giai A Lo L. va Cong ngh¢") ends no sentence."""
    going_on = end < len(words) and words[end][:1].islower()
    before = words[start - 1]
    speck = len(regex.findall(r"[\p{L}\p{N}]", before)) < 2
    return before.endswith(SENTENCE_ENDS) and going_on and not speck


def complete_cell(
    cell: str, text: str, read_as: Callable[[str], str] = str
) -> tuple[str, str] | None:
    """(the agency cell made whole, the task text without the run) when ``cell`` ends in a
    name not yet whole and ``text`` holds the run that completes it; else ``None``.
    ``read_as`` gives the cell as its name is read ("S6 Giao duc va" -> "Sở Giao duc va")."""
    name = open_name(read_as(cell))
    if name is None:
        return None
    words = text.split()
    found = run_in_text(name, words)
    if found is None:
        return None
    start, end = found
    moved = " ".join(w.strip("|") for w in words[start:end])
    return f"{cell.rstrip()} {moved}", " ".join(words[:start] + words[end:])


def lead_tail(cell: str) -> tuple[str, str] | None:
    """(the whole name, the words after it) of a lead agency cell that is one whole name,
    which nothing may lengthen (not "Các cơ quan", "Sở Giáo dục"), followed by words that go
    on in lower case ("Sở KH&CN cấp xã, Tổ chức, cá nhân", "Sở
    Nội vụ ngành;"): the partner's words, read on the lead's line after it (the partner's
    list wraps over more lines than the lead's name); a "Các" read with a slip ("C8° cơ
    quan,") starts them too. ``None`` when the cell is no such name, what follows it is
    specks only (no word of three letters) or goes on the lead's list with "và"."""
    raw = cell.split()
    nodes, size, whole = [name_trie()], 0, 0
    for k, word in enumerate(raw):
        folded = fold(word)
        if folded:
            nodes = walk(nodes, [folded])
            if not nodes:
                break
        size = k + 1
        whole = size if any(node.whole and not node.children for node in nodes) else whole
    tail = raw[whole:]
    if not whole or not tail or not any(len(fold(w)) >= 3 for w in tail):
        return None
    first = tail[0]
    if not (first[:1].islower() or regex.fullmatch(r"C\S\S?", first)) or fold(first) == "va":
        return None  # "Sở Y tế và UBND cấp xã": the lead's own list
    return " ".join(raw[:whole]), " ".join(tail)


def partner_words_at(lead: str, partner: str, words: list[str]) -> int | None:
    """Where in ``words`` (a line's part given to the lead agency) the partner's words begin,
    when the lead's part goes on with the lead's name begun above (``lead``, not yet whole)
    and the rest goes on with the partner's ("Sở Khoa" / "Các Sở, ban," then "hocva ngành;":
    "học và" the lead's, "ngành;" the partner's); the last such place, ``None`` if none."""
    lead_name, partner_name = open_name(lead), open_name(partner)
    if lead_name is None or partner_name is None or not lead_name.required:
        return None
    folded = [fold(w) for w in words]
    if walk(lead_name.nodes, [w for w in folded if w]):
        return None  # the lead's name takes them all ("Văn phòng" / "UBND tỉnh")
    for k in range(len(words) - 1, 0, -1):
        own = walk(lead_name.nodes, [w for w in folded[:k] if w])
        if own and walk(partner_name.nodes, [w for w in folded[k:] if w]):
            return k
    return None


def _placed(words: str, partner: str) -> str:
    """The partner with ``words`` read on the lead's line put where its list goes on with
    them ("Các Sở, ban," + "ngành;" + "UBND cấp xã"), else in front of it."""
    read = partner.split()
    first = [w for w in (fold(x) for x in words.split()[:1]) if w]
    for at in range(len(read) - 1, 0, -1):
        name = open_name(" ".join(read[:at]))
        if name is not None and name.required and first and walk(name.nodes, first):
            return " ".join([*read[:at], words, *read[at:]])
    return f"{words} {partner}".strip()


def _edit(original: str, result: str, table_index: int | None, row: int) -> Edit:
    return Edit(original, result, CONFIDENCE, table=table_index, row=row, reason=MOVED)


def complete_agency_cells(
    table: Table,
    agencies: list[int],
    text_column: int | None,
    table_index: int | None,
    read_as: Callable[[str], str] = str,
) -> list[Edit]:
    """Each row's agency cells (``agencies``, lead first) put right where a wrapped name's
    words were read in another cell: the words after a lead's whole name go to the front of
    the partner (``lead_tail``); then a cell that ends in a name not yet whole is completed
    by the run of the row's task text (``text_column``) that goes on with it
    (``complete_cell``). Words are moved, not copied, and each change is an Edit (reason
    ``MOVED``). ``read_as``: see ``complete_cell``."""
    edits: list[Edit] = []
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        moves = []
        if len(agencies) == 2 and agencies[1] < len(cells) and cells[agencies[0]]:
            lead, partner = agencies
            found = lead_tail(read_as(cells[lead]))
            if found is not None:
                moves.append((lead, partner, found[0], _placed(found[1], cells[partner])))
        for a, b, first, second in moves:
            edits += [_edit(cells[k], new, table_index, at) for k, new in ((a, first), (b, second))]
            cells[a], cells[b] = first, second
        if text_column is None or text_column >= len(cells):
            continue
        for index in agencies:
            if index >= len(cells) or not cells[index]:
                continue
            done = complete_cell(cells[index], cells[text_column], read_as)
            if done is None:
                continue
            for column, result in ((index, done[0]), (text_column, done[1])):
                edits.append(_edit(cells[column], result, table_index, at))
                cells[column] = result
    return edits
