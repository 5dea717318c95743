"""Explicit settings for one pipeline run: no hidden globals, everything a stage needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

OcrMode = Literal["auto", "force", "skip"]


@dataclass(frozen=True)
class Settings:
    lang: str = "vie"  # Tesseract language(s), e.g. "vie" or "vie+eng"
    dpi: int = 300  # rasterisation resolution for PDFs without a usable text layer
    ocr_mode: OcrMode = "auto"  # auto: OCR pages whose text layer is missing or garbled
    psm: int = 3  # Tesseract page segmentation mode for full pages
    preprocess: bool = True  # OpenCV clean-up (deskew, denoise, binarise) before OCR
    restore: bool = True  # run the diacritic restorer on OCR'd and TXT text
    model_path: Path | None = None  # restorer model; None = the shipped default
    # Tone placement the restorer writes: None keeps each text's own (hoà / hòa as the input
    # has it); "classic" (hòa, thủy) or "modern" (hoà, thuỷ) puts every word in that one.
    tone_style: Literal["classic", "modern"] | None = None
    extract_tables: bool = True
    max_image_pixels: int = 200_000_000  # refuse larger images (decompression bombs)
    formats: tuple[str, ...] = field(default=("txt", "json"))
    corrections_dir: Path | None = None  # reviewers' <stem>.corrections.json (else beside outputs)
    # a user model learned from reviewers' corrections (corpus learn), stacked on model_path
    user_model: Path | None = None
