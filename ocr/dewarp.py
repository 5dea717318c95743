"""Straighten curled text lines on a photographed page (a page lifted off the desk, a book's
curve): the lines are found, each line's bend measured, and the page remapped so every line
runs level.

    warp = find_line_bend(gray)     # None: the lines are straight (scans, flat pages)
    flat = warp.apply(gray)         # the page with its lines level
    warp.source_rows(xs, ys)        # where a row of ``flat`` came from in ``gray``

Only vertical displacement is undone: a line's letters move up or down to the line's height
at the page's centre. The lines are found on a horizontally smeared binarisation; each is
sampled at regular columns (the median row of its ink) and fitted with a cubic. Between
lines the displacement is interpolated, above and below them held.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from sohoa.ocr.preprocess import letter_height


@dataclass(frozen=True)
class DewarpSettings:
    """When a page counts as curled, and how its lines are measured."""

    min_line_width: float = 0.2  # a measured line spans this share of the page's width
    min_lines: int = 4  # fewer measured lines: the page is left as it is
    min_bend: float = 0.35  # letter heights a line's ends move off its centre height
    max_bend: float = 4.0  # letter heights: beyond, a measurement is not a line
    # letter heights: a taller smeared blob is not measured. Lines that touch (a descender on
    # the next line's marks) merge into one blob, whose median row still follows their bend
    max_line_height: float = 4.0
    smear: float = 1.2  # letter heights: gaps between letters and words closed
    fit_degree: int = 3
    max_residual: float = 0.3  # letter heights (90% of strips): a line fitting worse is left out


DEFAULT_DEWARP = DewarpSettings()


@dataclass
class LineBend:
    """Where each pixel of the straightened page comes from: ``map_y[y, x]`` is the source
    row of output pixel (x, y); columns are not moved."""

    map_y: np.ndarray  # float32, the page's shape
    bend: float  # the largest displacement, in letter heights

    def apply(self, gray: np.ndarray) -> np.ndarray:
        height, width = gray.shape
        map_x = np.broadcast_to(np.arange(width, dtype=np.float32), (height, width))
        return cv2.remap(
            gray, np.ascontiguousarray(map_x), self.map_y, cv2.INTER_CUBIC,
            borderMode=cv2.BORDER_CONSTANT, borderValue=255,
        )  # fmt: skip

    def source_rows(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """The source rows of output points (xs, ys), clipped to the page."""
        height, width = self.map_y.shape
        columns = np.clip(np.round(xs).astype(int), 0, width - 1)
        rows = np.clip(np.round(ys).astype(int), 0, height - 1)
        return self.map_y[rows, columns]


def find_line_bend(gray: np.ndarray, settings: DewarpSettings = DEFAULT_DEWARP) -> LineBend | None:
    """The remapping that levels the page's curled lines; None where they are straight or
    too few lines are measured. Lines are measured on a copy with letters about
    ``MEASURE_LETTER_HEIGHT`` tall (an upscaled page: the same lines, found faster)."""
    letter = letter_height(gray)
    if letter is None:
        return None
    factor = min(1.0, MEASURE_LETTER_HEIGHT / letter)
    small = gray
    if factor < 1.0:
        small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    lines = [
        (scaled_fit(fit, factor), xs / factor)
        for fit, xs in measured_lines(small, letter * factor, settings)
    ]
    if len(lines) < settings.min_lines:
        return None
    centre = gray.shape[1] / 2
    bends = [
        np.abs(np.polyval(fit, xs) - np.polyval(fit, clamp(centre, xs))).max() for fit, xs in lines
    ]
    bend = float(np.median(np.sort(bends)[-max(1, len(bends) // 3) :])) / letter
    if bend < settings.min_bend:
        return None
    return LineBend(source_row_map(lines, gray.shape), bend)


MEASURE_LETTER_HEIGHT = 16.0


def scaled_fit(fit: np.ndarray, factor: float) -> np.ndarray:
    """The polynomial y = f(x) measured on a copy scaled by ``factor``, in full-size pixels."""
    degree = len(fit) - 1
    return np.array([c * factor ** (degree - i) / factor for i, c in enumerate(fit)])


def measured_lines(
    gray: np.ndarray, letter: float, settings: DewarpSettings
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each long text line as (its cubic y = f(x), the columns it was measured at)."""
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    width = max(3, round(settings.smear * letter))
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, width), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    lines = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < settings.min_line_width * gray.shape[1] or h > settings.max_line_height * letter:
            continue
        fitted = fit_line(ink[y : y + h, x : x + w], labels[y : y + h, x : x + w] == label,
                          (x, y), letter, settings)  # fmt: skip
        if fitted is not None:
            lines.append(fitted)
    return lines


def fit_line(
    ink: np.ndarray, mask: np.ndarray, origin: tuple[int, int], letter: float,
    settings: DewarpSettings,
) -> tuple[np.ndarray, np.ndarray] | None:  # fmt: skip
    """The cubic through the median ink row of each letter-wide column strip of one line."""
    step = max(2, round(letter))
    rows = np.arange(ink.shape[0], dtype=np.float64)
    xs, ys = [], []
    for start in range(0, ink.shape[1] - step + 1, step):
        strip = (ink[:, start : start + step] > 0) & mask[:, start : start + step]
        weights = strip.sum(axis=1).astype(np.float64)
        if weights.sum() < step:  # a gap between words
            continue
        cumulative = np.cumsum(weights)
        median = rows[np.searchsorted(cumulative, cumulative[-1] / 2)]
        xs.append(origin[0] + start + step / 2)
        ys.append(origin[1] + median)
    if len(xs) < 6:
        return None
    xs_array, ys_array = np.array(xs), np.array(ys)
    fit = np.polyfit(xs_array, ys_array, settings.fit_degree)
    # most strips on the curve: a row running across two columns at different heights (a
    # header) is two lines, not one bent line
    residual = np.percentile(np.abs(np.polyval(fit, xs_array) - ys_array), 90)
    if residual > settings.max_residual * letter:
        return None
    spread = np.polyval(fit, xs_array)
    if np.ptp(spread) > settings.max_bend * letter:
        return None
    return fit, xs_array


def source_row_map(
    lines: list[tuple[np.ndarray, np.ndarray]], shape: tuple[int, int], columns: int = 64
) -> np.ndarray:
    """``map_y``: at each column, the rows where the lines crossing it are (their fits) are
    matched to the rows where they go (each line's height at the point of it nearest the
    page's centre), linearly between lines. A short line (a header column) only moves the
    columns it spans; a column no line spans takes the nearest lines' ends."""
    height, width = shape
    centre = width / 2
    grid_x = np.linspace(0, width - 1, columns)
    lines = sorted(lines, key=lambda line: float(np.polyval(line[0], clamp(centre, line[1]))))
    targets = np.array([np.polyval(fit, clamp(centre, xs)) for fit, xs in lines])
    offsets = np.zeros((height, columns), np.float32)
    rows = np.arange(height, dtype=np.float64)
    for j, x in enumerate(grid_x):
        crossing = np.array([spans(x, xs) for _, xs in lines])
        if not crossing.any():
            crossing[:] = True
        # a line's fit is trusted a little beyond the columns it was measured at
        sources = np.array([np.polyval(fit, clamp(x, xs)) for fit, xs in lines])
        chosen = np.flatnonzero(crossing)
        keep = chosen[ordered(targets[chosen], sources[chosen])]
        offsets[:, j] = np.interp(rows, targets[keep], (sources - targets)[keep])
    offsets = cv2.GaussianBlur(offsets, (0, 0), sigmaX=1.5, sigmaY=3)
    full = cv2.resize(offsets, (width, height), interpolation=cv2.INTER_LINEAR)
    # nothing is pushed out of the frame: a line at the page's top edge is squeezed in
    full = np.clip(full, -(height - 1 - rows)[:, None], rows[:, None])
    return (rows[:, None] + full).astype(np.float32)


def spans(x: float, xs: np.ndarray) -> bool:
    """Whether a line measured at columns ``xs`` reaches column ``x`` (or nearly)."""
    margin = 0.05 * (xs[-1] - xs[0])
    return bool(xs[0] - margin <= x <= xs[-1] + margin)


def ordered(targets: np.ndarray, sources: np.ndarray, least: float = 0.5) -> np.ndarray:
    """Which lines to interpolate between at one column: top to bottom, each line's source
    row at least ``least`` × its target gap below the previous kept line's (a line that
    would fold the page or squash the text between is left out)."""
    keep = [0]
    for i in range(1, len(targets)):
        previous = keep[-1]
        if sources[i] - sources[previous] >= least * (targets[i] - targets[previous]):
            keep.append(i)
    return np.array(keep)


def clamp(x: float, xs: np.ndarray) -> float:
    """``x`` held inside the measured columns ``xs``, a few per cent beyond them at most."""
    margin = 0.05 * (xs[-1] - xs[0])
    return float(np.clip(x, xs[0] - margin, xs[-1] + margin))
