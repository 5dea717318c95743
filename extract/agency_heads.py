"""Where an agency name read across by old OCR begins, when its head is no plain capital
"Sở", "UBND", "Các" (``interleaved.agency_starts_at`` finds those).

Read across the columns, a name's head may be read in lower case among the task's words
("… cap huyen | van phong Uy ban nhan dan tinh"), or its "Sở" misread in lower case ("se van
hoa, The thao", "be Lao dong - Thuong binh"); and a name begun may go on with a word that
heads names of its own ("Văn phòng" / "Ủy ban nhân dân tỉnh"). Each is told by the words
after it: they go on as a name of the grammar of ``agency_names`` (or a known department's,
``wrapped_names.begins_known_name``) does.
"""

from __future__ import annotations

import regex

from sohoa.extract.agency_names import name_nodes, open_name
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import begins_known_name
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
    """Does the name ``cell`` ends in, not whole yet, go on with ``word`` ("Văn phòng" /
    "Ủy ban", "Văn phòng" / "UBND": one name, though "Ủy ban" and "UBND" head names too)?"""
    name = open_name(cell)
    folded = fold(word)
    return name is not None and name.required and bool(folded and name_nodes([folded], name.nodes))


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
