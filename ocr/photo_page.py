"""A page photographed on a darker ground (a desk, a hand-held book's edge): its four
corners found, and the perspective transform that makes it an upright rectangle.

    corners = find_page_corners(gray)        # None: a scan, a screenshot, a page filling it
    warp, size = page_warp(corners)          # cv2.warpPerspective(gray, warp, size)

``preprocess.prepare_page`` straightens the page this way before deskewing it.
"""

from __future__ import annotations

import cv2
import numpy as np

# A photographed page: brighter than what it lies on, most of the picture but not all of it.
PAGE_MIN_SHARE = 0.2
PAGE_MAX_SHARE = 0.85
PAGE_MIN_CONTRAST = 25.0  # gray levels between the paper and its surroundings
PAGE_INSET = 0.015  # the corners moved this share of the way towards the page's centre


def find_page_corners(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (top-left, top-right, bottom-right, bottom-left; float32 pixels) of a
    page photographed on a darker ground (a desk, a hand-held book's edge); None when the page
    fills the picture (a scan, a screenshot) or no four-sided bright region stands out.

    The page is the largest bright region of a downscaled, blurred copy (Otsu's threshold,
    text closed over), its outline simplified to four corners, and kept only when it is
    convex, fills its quadrilateral, lies inside the picture (two corners on its edge: the
    bright region is lit paper cut by the frame) and is clearly brighter than the ground
    around it.
    """
    height, width = gray.shape
    step = max(1, max(height, width) // 1000)  # every step-th pixel: a 300-dpi page costs
    factor = min(1.0, 500 / max(height, width))  # no more than a photo
    small = cv2.resize(gray[::step, ::step], None, fx=factor * step, fy=factor * step,
                       interpolation=cv2.INTER_AREA)  # fmt: skip
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = cv2.convexHull(max(contours, key=cv2.contourArea))
    area = cv2.contourArea(outline)
    share = area / (small.shape[0] * small.shape[1])
    if not PAGE_MIN_SHARE <= share <= PAGE_MAX_SHARE:
        return None
    corners = cv2.approxPolyDP(outline, 0.02 * cv2.arcLength(outline, True), True)
    if len(corners) != 4 or not cv2.isContourConvex(corners):
        return None
    if cv2.contourArea(corners) < 0.9 * area:
        return None
    margin = 0.015 * max(small.shape)
    points = corners.reshape(4, 2)
    on_edge = (points.min(axis=1) < margin) | (points[:, 0] > small.shape[1] - 1 - margin)
    on_edge |= points[:, 1] > small.shape[0] - 1 - margin
    if on_edge.sum() >= 2:  # cut by the frame: light falling across a page that fills it
        return None
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, corners, 255)
    ground = cv2.dilate(inside, np.ones((15, 15), np.uint8)) == 0
    if (
        not ground.any()
        or np.median(small[inside > 0]) - np.median(small[ground]) < PAGE_MIN_CONTRAST
    ):
        return None
    found = corners.reshape(4, 2).astype(np.float32) / factor
    centre = found.mean(axis=0)  # a little inside the outline: no sliver of desk at the edge
    return _order_corners(centre + (found - centre) * (1 - PAGE_INSET))


def _order_corners(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = points.sum(axis=1), points[:, 0] - points[:, 1]
    return np.array(
        [
            points[sums.argmin()],
            points[diffs.argmax()],
            points[sums.argmax()],
            points[diffs.argmin()],
        ],
        dtype=np.float32,
    )


def page_warp(corners: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The perspective transform taking the page's corners to an upright rectangle as large
    as the page's longer sides, and that rectangle's size."""
    tl, tr, br, bl = corners
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    return cv2.getPerspectiveTransform(corners, target), (width, height)
