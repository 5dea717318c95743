"""Ruled-table geometry from a page image: deskew, rule lines, grid, merged cells.

OpenCV morphology (the approach img2table and most ruled-table finders use): opening the
binarised page with long thin kernels keeps only the rules; the rules' positions give the
grid, and a missing rule segment between two grid cells means they are one merged cell.
Pure geometry — no OCR here (see ``cell_ocr``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: tuple[int, int, int, int]  # x0, top, x1, bottom in the (deskewed) image


@dataclass
class Grid:
    box: tuple[int, int, int, int]
    row_lines: list[int]  # y of each horizontal rule, top to bottom
    col_lines: list[int]  # x of each vertical rule, left to right
    cells: list[GridCell]

    @property
    def n_rows(self) -> int:
        return len(self.row_lines) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_lines) - 1


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink = 255. Adaptive, so uneven scanner lighting does not matter."""
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )


def estimate_skew(binary: np.ndarray, max_angle: float = 3.0) -> float:
    """Angle (degrees, counter-clockwise positive as cv2) that makes the rules level.

    Projection-profile search on a downscaled image: rotated right, long rules and text
    lines collapse into sharp peaks of the row sums, so the variance is highest.
    """
    scale = min(1.0, 1200 / max(binary.shape))
    small = cv2.resize(binary, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST)
        return float(np.var(rotated.sum(axis=1, dtype=np.float64)))

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.25)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return float(max(fine, key=score))


def rotate(image: np.ndarray, angle: float, border: int = 255) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        image,
        matrix,
        (w, h),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )


def rule_masks(binary: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rule pixels; small breaks in a rule are bridged."""
    long_h = max(20, int(dpi * 0.35))  # a rule is longer than ~9 mm; words are not that wide
    long_v = max(15, int(dpi * 0.18))
    bridge = max(5, int(dpi * 0.04))
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, long_h), np.uint8))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, np.ones((1, bridge), np.uint8))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((long_v, 1), np.uint8))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, np.ones((bridge, 1), np.uint8))
    return horizontal, vertical


@dataclass
class _Rule:
    pos: float  # y of a horizontal rule, x of a vertical one
    start: int
    end: int
    thickness: int


def _segments(mask: np.ndarray, horizontal: bool, min_len: int) -> list[_Rule]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rules = []
    for x, y, w, h, _area in stats[1:count]:
        if horizontal and w >= min_len:
            rules.append(_Rule(y + h / 2, x, x + w, h))
        elif not horizontal and h >= min_len:
            rules.append(_Rule(x + w / 2, y, y + h, w))
    return rules


def _cluster(rules: list[_Rule], tolerance: float) -> list[list[_Rule]]:
    groups: list[list[_Rule]] = []
    for rule in sorted(rules, key=lambda r: r.pos):
        if groups and rule.pos - groups[-1][-1].pos <= tolerance:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    return groups


def _coverage(group: list[_Rule], start: float, end: float) -> float:
    """Share of [start, end] covered by the group's segments."""
    if end <= start:
        return 0.0
    spans = sorted((max(r.start, start), min(r.end, end)) for r in group)
    covered, reach = 0.0, start
    for a, b in spans:
        if b <= reach:
            continue
        covered += b - max(a, reach)
        reach = b
    return covered / (end - start)


def may_hold_grid(gray: np.ndarray, dpi: int) -> bool:
    """Cheap test at half resolution: is there any rule frame big enough to be a table?

    Most pages hold no table, and ``find_grids`` at full resolution costs about as much as a
    fifth of the page's OCR. The half-size copy keeps each 2x2 block's darkest pixel, so thin
    rules stay dark and unbroken; the size limits are those of ``find_grids``.
    """
    height, width = gray.shape[:2]
    small = np.ascontiguousarray(  # a contiguous copy: OpenCV is faster on it
        cv2.erode(gray, np.ones((2, 2), np.uint8))[
            : height - height % 2 : 2, : width - width % 2 : 2
        ]
    )
    half = max(1, dpi // 2)
    horizontal, vertical = rule_masks(binarize(small), half)
    frame = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    # Label only the part holding rules (most pages have none): same components, less area.
    left, top, span_x, span_y = cv2.boundingRect(frame)
    if span_x < half * 1.0 or span_y < half * 0.3:
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        frame[top : top + span_y, left : left + span_x], connectivity=8
    )
    return any(w >= half * 1.0 and h >= half * 0.3 for _x, _y, w, h, _a in stats[1:count])


def find_grids(gray: np.ndarray, dpi: int) -> list[Grid]:
    """Every ruled table on a level (deskewed) page image."""
    binary = binarize(gray)
    horizontal, vertical = rule_masks(binary, dpi)
    rules = horizontal | vertical
    frame = cv2.dilate(rules, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    # The page's darkest print and its paper (only pages may_hold_grid passed come here,
    # and they nearly always hold a grid): what a grid's rules are measured against.
    darkest, paper = np.percentile(gray, (1, 90))
    grids = []
    for x, y, w, h, _area in stats[1:count]:
        if w < dpi * 1.0 or h < dpi * 0.3:
            continue
        grid = _grid_in_region(horizontal, vertical, (x, y, x + w, y + h), dpi)
        if grid is not None and not _shows_through(gray, rules, grid.box, (darkest, paper)):
            grids.append(grid)
    return sorted(grids, key=lambda g: g.box[1])


# A printed rule is as dark as the page's print; the rules of a table on the back of the
# sheet, seen through the paper, are a light gray the adaptive threshold still takes as ink.
# Their median sits 0.71-0.84 of the way from the page's darkest print to its paper (the
# corpus's show-through scan and photographed page, whose whole prose became one cell), the
# rules of printed tables on scans and photos at 0.28 or less.
SHOW_THROUGH_SHADE = 0.5


def _shows_through(
    gray: np.ndarray,
    rules: np.ndarray,
    box: tuple[int, int, int, int],
    print_range: tuple[float, float],
) -> bool:
    """Are the grid's rules so much lighter than the page's print (``print_range``: its
    darkest print and its paper) that they are the back page's, seen through the paper?"""
    x0, y0, x1, y1 = box
    on_rules = gray[y0:y1, x0:x1][rules[y0:y1, x0:x1] > 0]
    if on_rules.size == 0:
        return False
    darkest, paper = print_range
    shade = (np.median(on_rules) - darkest) / max(1.0, paper - darkest)
    return bool(shade > SHOW_THROUGH_SHADE)


def _grid_in_region(
    horizontal: np.ndarray, vertical: np.ndarray, box: tuple[int, int, int, int], dpi: int
) -> Grid | None:
    x0, y0, x1, y1 = box
    h_rules = _segments(horizontal[y0:y1, x0:x1], True, int(dpi * 0.08))
    v_rules = _segments(vertical[y0:y1, x0:x1], False, int(dpi * 0.06))
    tolerance = max(3.0, dpi * 0.025)
    rows = _cluster(h_rules, tolerance)
    cols = _cluster(v_rules, tolerance)
    if len(rows) < 2 or len(cols) < 2:
        return None
    row_lines = [round(np.mean([r.pos for r in g])) for g in rows]
    col_lines = [round(np.mean([r.pos for r in g])) for g in cols]
    right_open, below_open = _open_borders(rows, cols, row_lines, col_lines, tolerance)
    members = _merged_cells(right_open, below_open)
    cells = []
    for group in members:
        r0 = min(i for i, _ in group)
        r1 = max(i for i, _ in group)
        c0 = min(j for _, j in group)
        c1 = max(j for _, j in group)
        cells.append(
            GridCell(
                row=r0,
                col=c0,
                row_span=r1 - r0 + 1,
                col_span=c1 - c0 + 1,
                box=(
                    x0 + col_lines[c0],
                    y0 + row_lines[r0],
                    x0 + col_lines[c1 + 1],
                    y0 + row_lines[r1 + 1],
                ),
            )
        )
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(
        box=box,
        row_lines=[y0 + y for y in row_lines],
        col_lines=[x0 + x for x in col_lines],
        cells=cells,
    )


def _open_borders(
    rows: list[list[_Rule]],
    cols: list[list[_Rule]],
    row_lines: list[int],
    col_lines: list[int],
    inset: float,
) -> tuple[np.ndarray, np.ndarray]:
    """(right_open, below_open): no rule between grid cell (i, j) and its right (below)
    neighbour. A border exists where its rule covers most of the shared edge (measured
    away from the crossing rules, ``inset``)."""
    n_rows, n_cols = len(rows) - 1, len(cols) - 1
    right_open = np.zeros((n_rows, n_cols), bool)
    below_open = np.zeros((n_rows, n_cols), bool)
    for i in range(n_rows):
        for j in range(n_cols - 1):
            cov = _coverage(cols[j + 1], row_lines[i] + inset, row_lines[i + 1] - inset)
            right_open[i, j] = cov < 0.5
    for i in range(n_rows - 1):
        for j in range(n_cols):
            cov = _coverage(rows[i + 1], col_lines[j] + inset, col_lines[j + 1] - inset)
            below_open[i, j] = cov < 0.5
    return right_open, below_open


def _merged_cells(right_open: np.ndarray, below_open: np.ndarray) -> list[list[tuple[int, int]]]:
    """The grid cells (i, j) joined through open borders: one list per merged cell."""
    n_rows, n_cols = right_open.shape
    parent = list(range(n_rows * n_cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(n_rows):
        for j in range(n_cols):
            if j < n_cols - 1 and right_open[i, j]:
                parent[find(i * n_cols + j)] = find(i * n_cols + j + 1)
            if i < n_rows - 1 and below_open[i, j]:
                parent[find(i * n_cols + j)] = find((i + 1) * n_cols + j)
    members: dict[int, list[tuple[int, int]]] = {}
    for i in range(n_rows):
        for j in range(n_cols):
            members.setdefault(find(i * n_cols + j), []).append((i, j))
    return list(members.values())
