"""Page damage beyond the scanner model of scan_simulator: stamps, handwriting, show-through,
phone photos and screenshots. Every function is deterministic for a given ``rng``.

Images are uint8 numpy arrays: gray (H×W) or RGB (H×W×3), as pypdfium2 renders them.
"""

from __future__ import annotations

import cv2
import numpy as np

INK_BLUE = (30, 50, 150)  # RGB ballpoint
STAMP_RED = (205, 35, 40)


def to_rgb(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_GRAY2RGB) if image.ndim == 2 else image.copy()


def _overlay(image: np.ndarray, mask: np.ndarray, color: tuple[int, int, int], alpha: float):
    """Ink ``mask`` (float 0..1) in ``color`` over ``image`` (RGB), multiplied like real ink."""
    ink = np.array(color, dtype=np.float32) / 255.0
    layer = 1.0 - (1.0 - ink[None, None, :]) * (mask[:, :, None] * alpha)
    return np.clip(image.astype(np.float32) * layer, 0, 255).astype(np.uint8)


def red_stamp(image: np.ndarray, centre: tuple[int, int], dpi: int, rng: np.random.Generator):
    """A round red seal (two rings, a star, lettering) over ``centre``, partly transparent."""
    out = to_rgb(image)
    mask = np.zeros(out.shape[:2], dtype=np.uint8)
    radius = int(dpi * rng.uniform(0.68, 0.8))  # ~35-40 mm across
    width = max(2, dpi // 60)
    cv2.circle(mask, centre, radius, 255, width, cv2.LINE_AA)
    cv2.circle(mask, centre, int(radius * 0.72), 255, max(1, width // 2), cv2.LINE_AA)
    star = np.array(
        [
            (
                centre[0] + (radius * (0.25 if k % 2 else 0.1)) * np.sin(np.pi * k / 5),
                centre[1] - (radius * (0.25 if k % 2 else 0.1)) * np.cos(np.pi * k / 5),
            )
            for k in range(10)
        ]
    )
    star = np.roll(star, 1, axis=0) if rng.random() < 0.5 else star
    cv2.fillPoly(mask, [star.astype(np.int32)], 255, cv2.LINE_AA)
    letters = "UY BAN NHAN DAN * " * 2
    for k, letter in enumerate(letters[:28]):
        angle = -np.pi / 2 + 2 * np.pi * k / 28
        x = int(centre[0] + radius * 0.86 * np.cos(angle)) - dpi // 40
        y = int(centre[1] + radius * 0.86 * np.sin(angle)) + dpi // 40
        cv2.putText(mask, letter, (x, y), cv2.FONT_HERSHEY_SIMPLEX, dpi / 400, 255,
                    max(1, dpi // 100), cv2.LINE_AA)  # fmt: skip
    mask = cv2.GaussianBlur(mask.astype(np.float32) / 255, (0, 0), dpi / 300)
    patchy = cv2.resize(rng.uniform(0.55, 1.0, (8, 8)).astype(np.float32), mask.shape[::-1])
    return _overlay(out, np.clip(mask, 0, 1) * patchy, STAMP_RED, 0.85)


def handwriting(
    image: np.ndarray, text: str, origin: tuple[int, int], dpi: int, rng: np.random.Generator
) -> np.ndarray:
    """``text`` (ASCII) written in blue ballpoint at ``origin`` (baseline left), slanted, uneven."""
    out = to_rgb(image)
    scale = dpi / 110 * rng.uniform(0.8, 1.05)
    thickness = max(1, dpi // 90)
    (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, scale, thickness)
    patch8 = np.zeros((h + base + 20, w + 40), dtype=np.uint8)
    cv2.putText(patch8, text, (10, h + 5), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, scale, 255,
                thickness, cv2.LINE_AA)  # fmt: skip
    patch = patch8.astype(np.float32) / 255
    shear = rng.uniform(-0.25, -0.1)
    tilt = np.deg2rad(rng.uniform(-4, 4))
    matrix = np.array([[np.cos(tilt), shear - np.sin(tilt), 8], [np.sin(tilt), np.cos(tilt), 0]],
                      dtype=np.float32)  # fmt: skip
    patch = cv2.warpAffine(patch, matrix, (patch.shape[1] + 20, patch.shape[0]))
    x, y = origin[0], origin[1] - h - 5
    y = max(0, y)
    ph = min(patch.shape[0], out.shape[0] - y)
    pw = min(patch.shape[1], out.shape[1] - x)
    mask = np.zeros(out.shape[:2], dtype=np.float32)
    mask[y : y + ph, x : x + pw] = patch[:ph, :pw]
    return _overlay(out, mask, INK_BLUE, 0.9)


def show_through(image: np.ndarray, back: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The back page's print showing through thin paper: mirrored, blurred, faint."""
    back = cv2.flip(back, 1)
    if back.shape != image.shape:
        back = cv2.resize(back, (image.shape[1], image.shape[0]))
    shift = np.float32([[1, 0, rng.integers(-20, 20)], [0, 1, rng.integers(-30, 30)]])
    back = cv2.warpAffine(back, shift, (back.shape[1], back.shape[0]), borderValue=255)
    back = cv2.GaussianBlur(back.astype(np.float32), (0, 0), 1.5)
    alpha = rng.uniform(0.18, 0.3)
    ghost = 255 - (255 - back) * alpha
    return np.minimum(image.astype(np.float32), ghost).astype(np.uint8)


def phone_photo(image: np.ndarray, rng: np.random.Generator, width: int = 1400) -> np.ndarray:
    """A page photographed by hand: on a desk, perspective, page curl, uneven light, JPEG blur."""
    page = to_rgb(image).astype(np.float32) * np.array([0.97, 0.95, 0.9], dtype=np.float32)
    h, w = page.shape[:2]
    # curl: pages bulge along their width
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    amplitude = rng.uniform(0.006, 0.014) * h
    ys_src = ys + amplitude * np.sin(np.pi * xs / w) * (ys / h - 0.3)
    page = cv2.remap(page, xs, ys_src, cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    scale = width * 0.8 / w
    page = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ph, pw = page.shape[:2]
    canvas_h, canvas_w = int(ph * 1.12), width
    desk = np.array(rng.choice([(95, 75, 60), (60, 60, 65), (150, 140, 120)]), dtype=np.float32)
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    jitter = rng.uniform(-0.04, 0.04, size=(4, 2)) * [pw, ph]
    offset = np.float32([(canvas_w - pw) / 2, (canvas_h - ph) / 2])
    dst = (src + offset + jitter).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    photo = cv2.warpPerspective(page, matrix, (canvas_w, canvas_h), borderMode=cv2.BORDER_CONSTANT,
                                borderValue=tuple(float(v) for v in desk))  # fmt: skip
    light = cv2.resize(rng.uniform(0.65, 1.05, (3, 3)).astype(np.float32), (canvas_w, canvas_h),
                       interpolation=cv2.INTER_CUBIC)  # fmt: skip
    photo = photo * np.clip(light, 0.55, 1.1)[:, :, None]
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.1))
    photo += rng.normal(0, 5, photo.shape).astype(np.float32)
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    return photo


def curled_photo(image: np.ndarray, rng: np.random.Generator, width: int = 1000) -> np.ndarray:
    """A curled page photographed close up, filling the frame (no desk, no corners to find):
    its lines bow up above the middle and down below it by 1-3 letter heights, one side
    fans out, the camera is a little tilted, light falls unevenly; a ~120-dpi JPEG."""
    page = to_rgb(image).astype(np.float32) * np.array([0.97, 0.95, 0.9], dtype=np.float32)
    h, w = page.shape[:2]
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    u, v = xs / w, ys / h
    bulge = rng.uniform(0.02, 0.035) * h * np.sin(np.pi * u) * (2 * v - 1)
    fan = rng.uniform(-0.02, 0.02) * h * u**2 * (2 * v - 1)
    ys_src = ys + bulge + fan
    page = cv2.remap(page, xs, ys_src, cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    crop_x, crop_y = int(0.04 * w), int(0.03 * h)  # the frame inside the page's edges
    page = page[crop_y : h - crop_y, crop_x : w - crop_x]
    ph, pw = page.shape[:2]
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    tilt = (src + rng.uniform(-0.015, 0.015, size=(4, 2)) * [pw, ph]).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(src, tilt)
    page = cv2.warpPerspective(page, matrix, (pw, ph), borderMode=cv2.BORDER_REPLICATE)
    scale = width / pw
    photo = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    light = cv2.resize(rng.uniform(0.6, 1.05, (3, 3)).astype(np.float32),
                       (photo.shape[1], photo.shape[0]), interpolation=cv2.INTER_CUBIC)  # fmt: skip
    photo = photo * np.clip(light, 0.5, 1.1)[:, :, None]
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.9))
    photo += rng.normal(0, 5, photo.shape).astype(np.float32)
    return np.clip(photo, 0, 255).astype(np.uint8)


def screenshot(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A low-resolution screen capture of a page in a viewer: grey window, toolbar, PNG."""
    page = to_rgb(image)
    h, w = page.shape[:2]
    bar = 38
    canvas = np.full((h + bar + 24, w + 60, 3), 200, dtype=np.uint8)
    canvas[:bar] = (60, 63, 70)
    for k in range(4):
        cv2.rectangle(canvas, (12 + 30 * k, 10), (32 + 30 * k, 28), (150, 150, 155), -1)
    canvas[bar + 12 : bar + 12 + h, 30 : 30 + w] = page
    return canvas


def jpeg(image: np.ndarray, quality: int) -> bytes:
    """JPEG bytes (RGB or gray input)."""
    bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 else image
    ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return data.tobytes()


def png(image: np.ndarray) -> bytes:
    bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 else image
    ok, data = cv2.imencode(".png", bgr)
    assert ok
    return data.tobytes()
