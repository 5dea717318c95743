"""Where an agency name read across by old OCR begins, when its head is no plain capital
"Sở", "UBND", "Các" (``interleaved.agency_starts_at`` finds those).

Read across the columns, a name's head may be read in lower case among the task's words
("… cap huyen | van phong Uy ban nhan dan tinh"), or its "Sở" misread in lower case ("se van
hoa, The thao", "be Lao dong - Thuong binh"); and a name begun may go on with a word that
heads names of its own ("Văn phòng" / "Ủy ban nhân dân tỉnh"). Each is told by the words
after it: they go on as a name of the grammar of ``agency_names`` (or a known department's,
``wrapped_names.begins_known_name``) does. Where a name goes on, the next line of its narrow
cell read among the task's words on the line below ("Ban Quan ly" / "cac khu c6ng" /
"nghiép") is found the same way (``rest_in_line``).
"""

from __future__ import annotations

import regex

from sohoa.extract.agency_names import (
    BODY_NOUNS,
    QUALIFIED_NOUNS,
    begins_name,
    misread,
    name_nodes,
    open_name,
)
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import QUALIFIERS, begins_known_name
from sohoa.normalize.unicode import strip_marks

# a word before "sở" that makes it the task's: "cơ sở", "trụ sở"; before "bộ": "cán bộ"
TASK_HEADS = {"co", "tru", "can"}


def lower_head(words: list[str], k: int) -> bool:
    """Is ``words[k]`` an agency's head read in lower case before a known name's words (two
    at least, ``begins_known_name``): "Sở" read "se"/"so" ("se van hoa, The thao"), or with
    its "S" read "b" before a capital ("be Lao dong - Thuong binh": "bộ" heads a ministry's
    name as "Sở" a department's)? Not the "sở" of the task's "cơ sở", "trụ sở"."""
    word = strip_marks(words[k]).strip("|")
    following = words[k + 1] if k + 1 < len(words) else ""
    if not regex.fullmatch(r"s\S", word) and not (
        regex.fullmatch(r"b\S", word) and following[:1].isupper()
    ):
        return False
    before = fold(words[k - 1]) if k > 0 else ""
    return before not in TASK_HEADS and begins_known_name(words[k:])


def goes_on_with(cell: str, word: str) -> bool:
    """Does the name ``cell`` ends in, not whole yet, go on with ``word`` as the name spells
    it ("Văn phòng" / "Ủy ban", "Văn phòng" / "UBND": one name, though "Ủy ban" and "UBND"
    head names too)? A capital "Các" opens a collective of its own: "Ban Quản lý" / "Các cơ
    quan" (the name's own "các khu công nghiệp" is in lower case)."""
    name = open_name(cell)
    first = fold(word)
    if name is None or not name.required or (first == "cac" and word[:1].isupper()):
        return False
    return any(first in node.children for node in name.nodes)


def opened_in_text(before: list[str], words: list[str]) -> bool:
    """Do ``before`` (the last words of a line's task text) open the agency name ``words``
    go on with: "van phong" before "Uy ban nhan dan tinh", a whole name of the grammar read
    through as far as ``words`` alone make one ("Ủy ban nhân dân tỉnh") or further? Read
    across, a lower-case head ("van phong") was taken for the task's. Not "các" before "Sở
    Y tế": "Các sở" is a name, but a shorter one than "Sở Y tế"."""
    head = [w for w in (fold(x) for x in before) if w]
    rest = [w for w in (fold(x) for x in words) if w]
    alone = _whole_size(None, rest)
    return bool(head) and alone > 0 and _whole_size(name_nodes(head), rest) >= alone


def _whole_size(nodes: list | None, words: list[str]) -> int:
    """How many of ``words``, read from ``nodes`` (a name's start when ``None``), make the
    longest whole name of the grammar; 0 if none."""
    size = 0
    for k, word in enumerate(words, start=1):
        nodes = name_nodes([word], nodes)
        if not nodes:
            break
        size = k if any(node.whole for node in nodes) else size
    return size


def rest_in_line(cell: str, words: list[str]) -> tuple[int, int] | None:
    """Where in ``words`` (a line's task text) the next line of the name ``cell`` ends in,
    wrapped in its narrow cell, was read: the name not whole yet, no list going on after a
    "," ("Ban Quan ly" / "cac khu c6ng" / "nghiép"), the longest run (the rightmost of
    equals) that goes on with it — two words at least, or one that makes it whole read
    after a ruling ("|nghiép"), never the line's first words. ``None`` when there is none."""
    name = open_name(cell)
    if name is None or not name.required or name.capitalised:
        return None
    if cell.rstrip().endswith((",", ";")) or fold(cell.split()[-1]) == "va":
        return None
    best: tuple[int, int] | None = None
    for start in range(1, len(words)):
        end, whole = _run_from(name.nodes, words, start)
        lone = end - start == 1 and not (whole and words[start].startswith("|"))
        if end - start >= 1 and not lone and (best is None or end - start >= best[1] - best[0]):
            best = (start, end)
    return best


def words_going_on(cell: str, words: list[str]) -> int:
    """How many of ``words`` (read on a line below) go on one by one with the name ``cell``
    ends in, when more of it must come ("Các doanh" / "nghiệp, tổ chức"); else 0."""
    name = open_name(cell) if words else None
    if name is None or not name.required or (name.capitalised and not words[0][:1].isupper()):
        return 0
    return _run_from(name.nodes, words, 0)[0]


def _run_from(nodes: list, words: list[str], start: int) -> tuple[int, bool]:
    """Where the run of ``words`` from ``start`` that goes on from ``nodes`` ends, and
    whether it makes the name whole there."""
    end, whole = start, False
    while end < len(words) and fold(words[end]):
        following = name_nodes([words[end]], nodes)
        if not following:
            break
        nodes, end = following, end + 1
        whole = any(node.whole for node in nodes)
    return end, whole


def completes_name(piece: str, words: list[str], required: bool) -> bool:
    """Do all of ``words`` go on with the name ``piece`` ends in and make it whole: one
    that must go on ("Các doanh" / "nghiệp, tổ chức"), or when not ``required`` also one
    whole that may ("Các cơ quan" / "đơn vị liên quan")? The last word may be misread past
    knowing ("nghiép, to chirc"): the words before it go on and leave the name wanting one.
    """
    name = open_name(piece)
    if name is None or (required and not name.required) or any(w.endswith(".") for w in words):
        return False
    if name.capitalised and not words[0][:1].isupper():
        return False
    if any(node.whole for node in name_nodes(words, name.nodes)):
        return True
    head = name_nodes(words[:-1], name.nodes) if len(words) >= 2 and misread(words[-1]) else []
    return bool(head) and not any(node.whole for node in head)


# the two syllables of a body's noun a cell may wrap between ("cá" / "nhân", "doanh" / "nghiệp")
NOUNS_OF_TWO = {tuple(fold(w) for w in n.split()) for n in BODY_NOUNS if len(n.split()) == 2}


def ends_noun(piece: str, run: list[str]) -> bool:
    """Is ``run`` one word that ends the body's noun ``piece`` left in two ("Tổ chức, cá" /
    "nhân"): the last line of the agency cell, read after the task's last words."""
    last = fold(piece.split()[-1])
    return (
        len(run) == 1 and (last, fold(run[0])) in NOUNS_OF_TWO and completes_name(piece, run, True)
    )


def ends_and_opens(piece: str, run: list[str]) -> bool:
    """Does ``run`` (three words at least) make the name ``piece`` ends in whole
    with its first words, ended by the ";" between the cell's names, then open the cell's
    next name, left open for the line below ("UBND cấp" / "xã; Tổ chức, cá")?"""
    for k in range(1, len(run) - 1 if len(run) >= 3 else 0):
        rest = open_name(" ".join(run[k:]))
        opened = rest is not None and rest.required and begins_name(" ".join(run[k:]))
        if run[k - 1].endswith(";") and opened and completes_name(piece, run[:k], True):
            return True
    return False


# the words of a collective's qualifier ("có liên quan"): one before a qualifier's run
# makes the run part of a longer one, the task's ("… có" / "liên quan")
QUALIFIER_WORDS = {w for q in QUALIFIERS for w in q}


def ends_qualifier(piece: str, run: list[str], before: str) -> bool:
    """Is ``run`` (read after the task's word ``before`` at a line's end) the qualifier
    that ends the collective ``piece`` opened above, or its last words: "liên quan" after
    "Các sở, ngành" (whole, it may go on), "quan" after "Các sở, ngành liên" (it must)?
    Not when ``before`` makes it the task's own: a noun it qualifies ("cá nhân" / "có liên
    quan"), a word of a longer qualifier ("có" / "liên quan") or a body's noun with the
    run's first word ("cơ" / "quan")."""
    folded = tuple(fold(w) for w in run)
    if not any(q[-len(folded) :] == folded for q in QUALIFIERS) or not all(folded):
        return False
    before = fold(before)
    own = before in QUALIFIED_NOUNS | QUALIFIER_WORDS or (before, folded[0]) in NOUNS_OF_TWO
    return not own and completes_name(piece, run, False)
