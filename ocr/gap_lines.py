"""A line Tesseract cut in two at words it could not read, joined again once those words
are read on their own.

On a small blurred photo Tesseract may read a line up to a hard word, leave the word out
and read the rest of the line as another line, often of another block ("Khám nơi … phương"
| "phạm hành chính …"). ``unread_ink`` reads the ink no word covered and finds the words
left out ("tiện vi") in the gap; spliced as a line of their own, they would come after the
line's second piece. When the words read again fill a gap of one row, with a piece of
line ending just left of them and one starting just right of them, the three are one
line again: the left piece's, in that order.

    data = join_filled_gap(data, added_box)   # Tesseract's columns, rows reordered
"""

from __future__ import annotations

from dataclasses import dataclass

from sohoa.ocr.reread_lines import COLUMNS, Box, words_box
from sohoa.ocr.tesseract import line_rows


@dataclass(frozen=True)
class GapSettings:
    """How close the line's pieces lie to the words read again, in their height."""

    # the most space between a piece of line and the words read again (two or three spaces)
    max_gap: float = 1.5
    # the share of the lower height two boxes must share to lie on one row
    min_row_overlap: float = 0.5


DEFAULT_GAP = GapSettings()


def join_filled_gap(
    data: dict[str, list], added: Box, settings: GapSettings = DEFAULT_GAP
) -> dict[str, list]:
    """``data`` with the line whose words lie in ``added`` (a gap read again) joined to the
    pieces of line just left and right of it on its row, where both are there."""
    lines = line_rows(data)
    boxes = {key: words_box(data, rows) for key, rows in lines.items()}
    middle = [key for key, box in boxes.items() if _inside(box, added)]
    if len(middle) != 1:
        return data
    gap = settings.max_gap * (added[3] - added[1])
    left = _piece(boxes, middle[0], added, gap, settings, on_left=True)
    right = _piece(boxes, middle[0], added, gap, settings, on_left=False)
    if left is None or right is None or left == right:
        return data
    return _joined(data, [lines[left], lines[middle[0]], lines[right]], left)


def _piece(
    boxes: dict[tuple[int, int, int], Box],
    middle: tuple[int, int, int],
    added: Box,
    gap: float,
    settings: GapSettings,
    on_left: bool,
) -> tuple[int, int, int] | None:
    """The line ending within ``gap`` left of ``added`` (or starting right of it) on its
    row; None when none or several do."""
    found = []
    for key, box in boxes.items():
        if key == middle or not _same_row(box, added, settings):
            continue
        space = added[0] - box[2] if on_left else box[0] - added[2]
        if -0.25 * gap <= space <= gap:
            found.append(key)
    return found[0] if len(found) == 1 else None


def _joined(
    data: dict[str, list], pieces: list[list[int]], key: tuple[int, int, int]
) -> dict[str, list]:
    """``data`` with the rows of ``pieces`` in that order where the first piece was, all
    words of line ``key``."""
    moved = [i for rows in pieces for i in rows]
    taken = set(moved)
    order = []
    for i in range(len(data["text"])):
        if i == pieces[0][0]:
            order += moved
        elif i not in taken:
            order.append(i)
    joined = {column: [data[column][i] for i in order] for column in COLUMNS}
    for n, i in enumerate(order):
        if i in taken:
            joined["block_num"][n], joined["par_num"][n], joined["line_num"][n] = key
    return joined


def _inside(box: Box, outer: Box) -> bool:
    return box[0] >= outer[0] and box[1] >= outer[1] and box[2] <= outer[2] and box[3] <= outer[3]


def _same_row(box: Box, other: Box, settings: GapSettings) -> bool:
    shared = min(box[3], other[3]) - max(box[1], other[1])
    lower = min(box[3] - box[1], other[3] - other[1])
    return lower > 0 and shared >= settings.min_row_overlap * lower
