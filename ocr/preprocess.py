"""Clean a page image before OCR: grayscale, find a photographed page and straighten it,
deskew by measured angle, flatten, binarise.

Every step is a plain function of an image; ``prepare_page`` chains the ones that measurably
help (see bench/ocr.py) and returns a ``PreparedImage`` that remembers the geometry, so boxes
found in the prepared image map back to the original page (``box_to_original``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from sohoa.model import BBox
from sohoa.ocr.photo_page import find_page_corners, page_warp

MAX_SKEW_DEGREES = 5.0


@dataclass
class PreparedImage:
    """A page image ready for OCR and grid detection, plus how it relates to the original.

    ``matrix`` is the 2×3 affine transform from original-page pixels to prepared pixels
    (rotation, deskew and scaling combined); where a photographed page was straightened,
    ``perspective`` is the whole 3×3 transform (the page's own corners to a rectangle, then
    the rest) and ``page_corners`` the page's corners found in the original.
    """

    gray: np.ndarray  # deskewed (and flattened) grayscale, uint8 — what we OCR
    # makes ``binary`` when first asked for (the page's OCR does not need it)
    make_binary: Callable[[], np.ndarray] = field(repr=False, compare=False)
    rotation: int = 0  # whole-page rotation applied (0/90/180/270, clockwise)
    deskew_angle: float = 0.0  # measured skew in degrees (counter-clockwise), undone here
    scale: float = 1.0  # prepared pixels per original pixel
    original_size: tuple[int, int] = (0, 0)  # (width, height) of the original page
    matrix: np.ndarray = field(default_factory=lambda: np.eye(2, 3))
    perspective: np.ndarray | None = None
    page_corners: list[tuple[float, float]] | None = None

    @functools.cached_property
    def binary(self) -> np.ndarray:
        """Its binarisation (before sharpening): text and rules 0, background 255."""
        return self.make_binary()

    @functools.cached_property
    def inverse(self) -> np.ndarray:
        """The affine transform from prepared pixels back to original-page pixels."""
        return cv2.invertAffineTransform(self.matrix)

    def to_prepared(self, plane: np.ndarray) -> np.ndarray:
        """A plane of the original page's pixels (one channel, uint8) in the prepared page's
        geometry (turned, straightened, deskewed and scaled as the page was)."""
        size = (self.gray.shape[1], self.gray.shape[0])
        if self.perspective is not None:
            return cv2.warpPerspective(plane, self.perspective, size, flags=cv2.INTER_LINEAR)
        return cv2.warpAffine(plane, self.matrix, size, flags=cv2.INTER_LINEAR)

    def box_to_original(self, bbox: BBox) -> BBox:
        """Map a box in prepared pixels to the enclosing box in original-page pixels."""
        return self.boxes_to_original([bbox])[0]

    def boxes_to_original(self, boxes: Sequence[BBox]) -> list[BBox]:
        """``box_to_original`` of many boxes at once (a page's words: one array operation)."""
        if not boxes:
            return []
        x0, top, x1, bottom = np.asarray(boxes, np.float64).T
        xs = np.stack([x0, x1, x0, x1], axis=1)  # the four corners of each box
        ys = np.stack([top, top, bottom, bottom], axis=1)
        width, height = self.original_size
        if self.perspective is not None:
            inverse = np.linalg.inv(self.perspective)
            w = xs * inverse[2, 0] + ys * inverse[2, 1] + inverse[2, 2]
            mapped_x = (xs * inverse[0, 0] + ys * inverse[0, 1] + inverse[0, 2]) / w
            mapped_y = (xs * inverse[1, 0] + ys * inverse[1, 1] + inverse[1, 2]) / w
            mapped_x, mapped_y = np.clip(mapped_x, 0, width), np.clip(mapped_y, 0, height)
        else:
            inverse = self.inverse
            mapped_x = np.clip(xs * inverse[0, 0] + ys * inverse[0, 1] + inverse[0, 2], 0, width)
            mapped_y = np.clip(xs * inverse[1, 0] + ys * inverse[1, 1] + inverse[1, 2], 0, height)
        columns = [mapped_x.min(1), mapped_y.min(1), mapped_x.max(1), mapped_y.max(1)]
        return [
            (round(a, 1), round(b, 1), round(c, 1), round(d, 1))
            for a, b, c, d in zip(*(column.tolist() for column in columns), strict=True)
        ]


def to_gray(image: np.ndarray) -> np.ndarray:
    """uint8 grayscale from gray, RGB or RGBA input."""
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_RGBA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


# Red ink: its red channel this much above the green and blue ones (gray levels) ...
RED_MARGIN = 20.0
RED_FULL = 60.0  # ... and at this margin it is wholly dropped


def has_red(image: np.ndarray) -> bool:
    """Whether ``image`` (RGB) holds red ink anywhere (most pages have none: a sample
    tells)."""
    if image.ndim != 3:
        return False
    sample = image[::4, ::4, :3].astype(np.int16)
    return bool((sample[:, :, 0] - np.maximum(sample[:, :, 1], sample[:, :, 2]) > RED_MARGIN).any())


def drop_red(image: np.ndarray) -> np.ndarray:
    """``image`` (RGB) with red marks (a seal, a red box or pen) dropped out as a scanner's
    red dropout does: where red dominates a pixel, every channel takes its red value, in
    which red ink is as light as paper. Black print under the seal stays black (dark in
    every channel); blue ink is kept (a handwritten number or date is part of the text)."""
    if not has_red(image):
        return image
    rgb = image[:, :, :3]
    weight = _redness(rgb)[:, :, None]
    out = rgb.astype(np.float32)
    out += (rgb[:, :, :1].astype(np.float32) - out) * weight
    return out.astype(np.uint8)


def red_weight(image: np.ndarray) -> np.ndarray | None:
    """How red each pixel of ``image`` (RGB) is, 0-255 as ``drop_red`` weighs it (255: red
    ink to be read as paper); None for a gray page or one with no red."""
    if not has_red(image):
        return None
    return (_redness(image[:, :, :3]) * 255).astype(np.uint8)


def _redness(rgb: np.ndarray) -> np.ndarray:
    """0-1 per pixel: how far red dominates the pixel's other channels, from ``RED_MARGIN``
    (0) to ``RED_FULL`` (1)."""
    margin = rgb[:, :, 0].astype(np.float32) - np.maximum(rgb[:, :, 1], rgb[:, :, 2])
    return np.clip((margin - RED_MARGIN) / (RED_FULL - RED_MARGIN), 0, 1)


def measure_skew(gray: np.ndarray) -> float:
    """The page's text-line angle in degrees, by maximising the row-profile sharpness.

    Text lines give a row histogram of ink with sharp peaks only when the rows are level; we
    project the ink pixels of a downscaled, binarised copy at candidate angles (coarse, then
    fine) and keep the sharpest. Robust to noise and to tables, unlike minAreaRect.
    """
    height, width = gray.shape
    factor = min(1.0, 1000 / max(height, width))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    ink = _drop_border_components(ink)
    ys, xs = np.nonzero(ink)
    if len(xs) < 200:
        return 0.0
    ys = ys.astype(np.float64) - small.shape[0] / 2
    xs = xs.astype(np.float64) - small.shape[1] / 2

    def sharpness(angle: float) -> float:
        theta = math.radians(angle)
        rows = ys * math.cos(theta) - xs * math.sin(theta)
        histogram = np.bincount((rows - rows.min()).astype(np.int64))
        return float(np.sum(np.diff(histogram.astype(np.float64)) ** 2))

    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.025), key=sharpness)
    # ``best`` levels the rows in image coordinates (y down), i.e. it undoes a page turned
    # counter-clockwise by -best degrees; report the page's own (counter-clockwise) skew.
    return -round(float(best), 2)


def letter_height(gray: np.ndarray) -> float | None:
    """The height of the page's taller letters in pixels: the 75th percentile of the heights
    of its ink blobs (letters, marks, digits); None on a page with too little ink."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    widths, heights = stats[1:, 2], stats[1:, 3]
    letters = heights[
        (heights >= 3) & (heights < gray.shape[0] / 10) & (widths < gray.shape[1] / 10)
    ]
    if len(letters) < 50:
        return None
    return float(np.percentile(letters, 75))


def small_text_scale(gray: np.ndarray) -> float:
    """The upscaling that brings small text to the size Tesseract reads best (1.0: none)."""
    height = letter_height(gray)
    if height is None or height >= SMALL_LETTER_HEIGHT:
        return 1.0
    return min(MAX_UPSCALE, TARGET_LETTER_HEIGHT / height)


def rotation_matrix(
    size: tuple[int, int], angle: float, scale: float
) -> tuple[np.ndarray, tuple[int, int]]:
    """Affine matrix rotating by ``angle`` degrees and scaling, on a canvas that fits it all."""
    width, height = size
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, scale)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_width = math.ceil(height * sin + width * cos)
    new_height = math.ceil(height * cos + width * sin)
    matrix[0, 2] += new_width / 2 - width / 2
    matrix[1, 2] += new_height / 2 - height / 2
    return matrix, (new_width, new_height)


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide out uneven illumination (shading, yellowed paper) so the page is white.

    The background is estimated by a morphological closing (removes text) on a downscaled
    copy; text keeps its contrast where the page was darker.
    """
    height, width = gray.shape
    factor = 0.25
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), 3)
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    # gray / background * 255 for every pixel, looked up: float32 copies of the page cost
    # three times as much
    pairs = background.astype(np.uint16)
    pairs <<= 8
    pairs |= gray
    return np.take(_division_table(), pairs)


@functools.cache
def _division_table() -> np.ndarray:
    """g / max(b, 1) * 255 in float32, clipped to 0..255 and truncated, at ``b << 8 | g``."""
    values = np.arange(256, dtype=np.float32)
    quotient = values[None, :] / np.maximum(values, 1)[:, None] * 255
    return np.clip(quotient, 0, 255).astype(np.uint8).ravel()  # index: b << 8 | g


def denoise(gray: np.ndarray) -> np.ndarray:
    """Remove sensor noise and JPEG speckle while keeping stroke edges."""
    return cv2.medianBlur(gray, 3)


def sharpen(gray: np.ndarray, dpi: int, amount: float) -> np.ndarray:
    """Unsharp mask with a radius proportional to the resolution (stroke width).

    Scanner blur melts the small hook of a hỏi mark into a blob that Tesseract reads as a
    sắc accent (tổ -> tố); restoring edge contrast keeps the two apart (see bench/ocr.py).
    """
    sigma = max(0.5, dpi / 150)
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    return cv2.addWeighted(gray, 1 + amount, blurred, -amount, 0)


def binarise(gray: np.ndarray, dpi: int = 300, flat: bool = False) -> np.ndarray:
    """Text and rules 0, background 255, from a lightly smoothed copy (noise stays white).

    A flattened page has one background level, so a global (Otsu) threshold is cleanest;
    otherwise a local (adaptive) threshold copes with the shading.
    """
    smooth = cv2.GaussianBlur(gray, (0, 0), max(0.5, dpi / 300))
    if flat:
        _, binary = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        return binary
    block = max(15, (min(gray.shape) // 40) | 1)
    return cv2.adaptiveThreshold(
        smooth, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 12
    )


def _drop_border_components(ink: np.ndarray) -> np.ndarray:
    """Remove ink blobs touching the image edge that are too big to be text (scanner edges)."""
    if not (ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any()):
        return ink  # nothing touches the edge (most pages): no need to label the blobs
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = ink.shape
    cleaned = ink.copy()
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        touches = x == 0 or y == 0 or x + w >= width or y + h >= height
        if touches and (h > height * 0.05 or w > width * 0.05):
            cleaned[labels == label] = 0
    return cleaned


def clean_border(gray: np.ndarray, binary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whiten large dark regions touching the page edge (scanner lid, shadows, punch holes).

    Found on a global (Otsu) threshold of the gray image: an adaptive threshold sees only
    the outline of a wide dark band, not the band itself.
    """
    _, dark = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    kept = _drop_border_components(dark)
    removed = (dark > 0) & (kept == 0)
    if not removed.any():
        return gray, binary
    removed = cv2.dilate(removed.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    gray, binary = gray.copy(), binary.copy()
    gray[removed] = 255
    binary[removed] = 255
    return gray, binary


@dataclass(frozen=True)
class PrepareOptions:
    """Which clean-up steps to run; the defaults are the ones bench/ocr.py shows help."""

    deskew: bool = True
    find_page: bool = True  # a photographed page: its corners found, straightened and cropped
    # red seals and marks dropped out (red ink read as paper). Off: on the corpus it gave the
    # stamp kind's metadata 27 -> 34 of 40 fields right, but the real scans' WER 7.1 -> 12.7%
    # (the prepared reading, now as confident as the colour one, won and read the
    # show-through worse): it needs a better choice between readings first
    drop_red: bool = False
    flatten: bool = True
    denoise: bool = False
    sharpen: float = 1.0  # unsharp-mask amount; 0 = off
    border: bool = False
    min_dpi: int = 0  # upscale pages scanned below this dpi; 0 = never
    upscale_small_text: bool = False  # screenshots, photos, low-dpi scans: see letter_height
    # rules standing alone (header underlines, signature lines) painted over in the image
    # the text is read from, not in the one tables are found on (see ocr/rule_lines.py)
    erase_rule_lines: bool = True


# Tesseract reads best with letters about as tall as 13-pt print at 300 dpi (x-height ~24 px):
# there the taller letters (the 75th percentile of ink blobs' heights) are ~36 px. Smaller text
# (a 730-px-wide screenshot of a page: ~12 px, a 150-dpi scan: ~19 px) is upscaled to ~34 px.
TARGET_LETTER_HEIGHT = 34.0
SMALL_LETTER_HEIGHT = 22.0
MAX_UPSCALE = 4.0


DEFAULT_OPTIONS = PrepareOptions()
RAW_OPTIONS = PrepareOptions(
    deskew=False,
    find_page=False,
    flatten=False,
    denoise=False,
    sharpen=0.0,
    border=False,
    min_dpi=0,
    # the page's own pixels keep their rules: painted over there, the Bắc Ninh real scan
    # (read as read) went 6.2% -> 15.7% WER
    erase_rule_lines=False,
)


def quarter_turn_matrix(size: tuple[int, int], rotation: int) -> np.ndarray:
    """Affine matrix of ``np.rot90`` by ``rotation`` degrees clockwise (0/90/180/270)."""
    width, height = size
    return {
        0: np.array([[1.0, 0, 0], [0, 1, 0]]),
        90: np.array([[0.0, -1, height], [1, 0, 0]]),
        180: np.array([[-1.0, 0, width], [0, -1, height]]),
        270: np.array([[0.0, 1, 0], [-1, 0, width]]),
    }[rotation % 360]


def compose(second: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The 2×3 affine transform applying ``first`` then ``second``."""
    return (np.vstack([second, [0, 0, 1]]) @ np.vstack([first, [0, 0, 1]]))[:2]


def prepare_page(
    image: np.ndarray, dpi: int, options: PrepareOptions = DEFAULT_OPTIONS, rotation: int = 0
) -> PreparedImage:
    """Run the chosen clean-up steps on one page image (gray, RGB or RGBA uint8).

    ``rotation`` (degrees clockwise, a multiple of 90) turns an upside-down or sideways page
    upright first; see ``tesseract.detect_rotation``.
    """
    original = to_gray(drop_red(image) if options.drop_red else image)
    height, width = original.shape
    turn = quarter_turn_matrix((width, height), rotation)
    gray = np.ascontiguousarray(np.rot90(original, k=-(rotation // 90) % 4))
    corners = find_page_corners(gray) if options.find_page else None
    warp = None
    if corners is not None:
        warp, size = page_warp(corners)
        gray = cv2.warpPerspective(gray, warp, size, flags=cv2.INTER_CUBIC, borderValue=255)
    angle = measure_skew(gray) if options.deskew else 0.0
    scale = options.min_dpi / dpi if dpi and dpi < options.min_dpi else 1.0
    if options.upscale_small_text:
        scale = max(scale, small_text_scale(gray))
    deskew, size = rotation_matrix((gray.shape[1], gray.shape[0]), -angle, scale)
    matrix = compose(deskew, turn)
    if angle or scale != 1.0:
        interpolation = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_LINEAR
        gray = cv2.warpAffine(gray, deskew, size, flags=interpolation, borderValue=255)
    if options.flatten:
        gray = flatten_background(gray)
    if options.denoise:
        gray = denoise(gray)
    make_binary = functools.partial(binarise, gray, round(dpi * scale), flat=options.flatten)
    if options.sharpen:
        gray = sharpen(gray, round(dpi * scale), options.sharpen)
    if options.border:
        gray, binary = clean_border(gray, make_binary())
        make_binary = functools.partial(np.asarray, binary)
    perspective = None
    page_corners = None
    if warp is not None and corners is not None:
        perspective = np.vstack([deskew, [0, 0, 1]]) @ warp @ np.vstack([turn, [0, 0, 1]])
        # the corners in the original page's pixels (before the quarter turn)
        back = cv2.invertAffineTransform(turn)
        page_corners = [
            (round(float(back[0] @ (x, y, 1)), 1), round(float(back[1] @ (x, y, 1)), 1))
            for x, y in corners
        ]
    return PreparedImage(
        gray=gray,
        make_binary=make_binary,
        rotation=rotation % 360,
        deskew_angle=angle,
        scale=scale,
        original_size=(width, height),
        matrix=matrix,
        perspective=perspective,
        page_corners=page_corners,
    )
