"""Tesseract inside this process (tesserocr): language model loaded once, no image files.

Running the ``tesseract`` command (what pytesseract does) costs ~0.25 s of CPU per page on
top of the OCR itself: process start, loading the language model, encoding and decoding the
image file, writing and parsing the TSV. The same libtesseract called in-process through
tesserocr returns the very same TSV (tests/ocr/test_tesseract_api.py) without those costs.

tesserocr must be built against the system's libtesseract (``pip install --no-binary
tesserocr tesserocr``, with Debian's libtesseract-dev and libleptonica-dev), so the engine is
the one ``tesseract --version`` reports. If it is missing or bundles another Tesseract (the
PyPI wheel does), ``image_to_data`` runs the command instead: same results, just slower.
"""

from __future__ import annotations

import functools
import os
import shlex
import threading

import numpy as np
import pytesseract
from PIL import Image

# pytesseract's column names: the TSV header the ``tesseract`` command writes.
TSV_COLUMNS = "level page_num block_num par_num line_num word_num left top width height conf text"
TSV_HEADER = "\t".join(TSV_COLUMNS.split()) + "\n"

_engines = threading.local()  # a TessBaseAPI is not thread-safe: one set per thread


def limit_threads() -> None:
    """One Tesseract thread per process: pages are spread over processes instead (batch/),
    which is faster on few cores than Tesseract's own threads. The one place the limit is set:
    every OCR call asks ``in_process()`` first, before libtesseract loads or a ``tesseract``
    command runs (an OMP_THREAD_LIMIT already in the environment is kept)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@functools.cache
def in_process() -> bool:
    """True when tesserocr is importable and runs the same Tesseract as the command."""
    limit_threads()  # read when libtesseract loads
    try:
        import tesserocr
    except ImportError:
        return False
    try:
        command = pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError):
        return False
    return tesserocr.tesseract_version().split()[1] == str(command)


def parse_config(config: str) -> tuple[int, tuple[tuple[str, str], ...]]:
    """(psm, variables) from a pytesseract config string like ``--psm 7 -c name=value``."""
    psm, variables = 3, []
    words = iter(shlex.split(config))
    for word in words:
        if word == "--psm":
            psm = int(next(words))
        elif word == "-c":
            name, value = next(words).split("=", 1)
            variables.append((name, value))
        else:
            raise ValueError(f"unsupported Tesseract option in config: {word!r}")
    return psm, tuple(sorted(variables))


def _engine(lang: str, variables: tuple[tuple[str, str], ...]):  # -> tesserocr.PyTessBaseAPI
    """This thread's engine for ``lang`` with ``variables`` set (initialised once)."""
    import tesserocr

    cache = _engines.__dict__.setdefault("by_key", {})
    key = (lang, os.environ.get("TESSDATA_PREFIX"), variables)
    if key not in cache:
        path = os.environ.get("TESSDATA_PREFIX") or tesserocr.get_languages()[0]
        try:
            cache[key] = tesserocr.PyTessBaseAPI(path=path, lang=lang, variables=dict(variables))
        except RuntimeError as error:
            raise pytesseract.TesseractError(1, f"cannot load '{lang}': {error}") from None
    return cache[key]


def image_to_data(image: np.ndarray, lang: str, config: str) -> dict[str, list]:
    """``pytesseract.image_to_data(image, lang, config, output_type=DICT)``, in-process."""
    if not in_process():
        # pytesseract sends a PNG by default: compressing a 300-dpi page costs ~1.2 s of CPU.
        # Uncompressed PGM (PIL format "PPM") is free and, like PIL's PNG, carries no dpi,
        # so Tesseract reads it identically.
        return pytesseract.image_to_data(
            uncompressed(image), lang=lang, config=config, output_type=pytesseract.Output.DICT
        )
    psm, variables = parse_config(config)
    engine = _engine(lang, variables)
    engine.SetPageSegMode(psm)
    pixels = _gray_or_rgb(image)
    height, width = pixels.shape[:2]
    channels = 1 if pixels.ndim == 2 else 3
    engine.SetImageBytes(pixels.tobytes(), width, height, channels, width * channels)
    tsv = engine.GetTSVText(0)
    engine.Clear()
    return pytesseract.pytesseract.file_to_dict(TSV_HEADER + tsv, "\t", -1)


def uncompressed(image: np.ndarray) -> Image.Image:
    """``image`` for pytesseract as an uncompressed PGM/PPM file rather than its default PNG."""
    picture = Image.fromarray(image)
    if picture.mode in ("L", "RGB"):  # what PGM/PPM can hold; anything else stays PNG
        picture.format = "PPM"
    return picture


def _gray_or_rgb(image: np.ndarray) -> np.ndarray:
    """Contiguous uint8 gray or RGB pixels, as pytesseract's PNG would carry them."""
    if image.dtype == np.uint8 and (image.ndim == 2 or (image.ndim == 3 and image.shape[2] == 3)):
        return np.ascontiguousarray(image)
    picture = Image.fromarray(image)
    return np.asarray(picture.convert("RGB" if picture.mode in ("RGBA", "P") else "L"))
