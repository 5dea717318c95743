"""A minimal scanner model until the OCR helper's ``tests/scans.py`` lands in main.

Rasterise PDF pages (pypdfium2), then rotate slightly, blur, add sensor noise and JPEG
artefacts — the defects that break naive table OCR (skewed rules, thin dashes).
"""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pypdfium2
from PIL import Image

LEVELS = {
    "light": {"dpi": 300, "angle": 0.4, "blur": 0.6, "noise": 6.0, "jpeg": 85},
    "heavy": {"dpi": 200, "angle": 1.2, "blur": 1.1, "noise": 14.0, "jpeg": 55},
}


def rasterize_pdf(pdf_path: Path, dpi: int) -> list[np.ndarray]:
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    pages = []
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        pages.append(np.asarray(image))
    return pages


def degrade(gray: np.ndarray, level: str, seed: int = 0) -> np.ndarray:
    spec = LEVELS[level]
    rng = np.random.default_rng(seed)
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), spec["angle"], 1.0)
    out = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    out = cv2.GaussianBlur(out, (0, 0), spec["blur"])
    noisy = out.astype(np.float32) + rng.normal(0, spec["noise"], out.shape)
    out = np.clip(noisy, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(out).save(buffer, format="JPEG", quality=spec["jpeg"])
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
