"""Many small Tesseract reads (table cells) in few Tesseract processes, when we must run the
command.

With Tesseract in-process (``tesseract_api.in_process()``, the normal case) a read costs
nothing but the OCR, and the rounds below simply read one image after the other. Without it
every ``tesseract`` run pays ~0.07 s of CPU to start and load the language model, more than
reading one table cell takes; a table of 20 cells read one call at a time (some cells read
several ways) costs 2-3 s. Tesseract reads a list of images in one run, so the cells of a
table are read in rounds:

    readings = read_in_rounds([lambda: read_cell(...), ...])

Each round runs every unfinished cell reader with ``image_to_data`` answering from the
results of earlier rounds; a reader asking for an image not read yet stops (``Pending``),
its image is queued, and once all readers ran, the queued images are read in one Tesseract
run per (language, config). A reader that needs a second look (another psm, digits only)
asks for it in the next round. Results are those of one call per image: the same binary,
the same options, the same PNG (Tesseract's LSTM keeps no state between the images).

Outside ``read_in_rounds`` ``image_to_data`` simply reads the image (``tesseract_api``).
"""

from __future__ import annotations

import contextvars
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytesseract
from PIL import Image

from sohoa.ocr import tesseract_api

T = TypeVar("T")
Key = tuple[str, str, tuple[int, ...], bytes]


class Pending(Exception):
    """Raised inside a reader whose image is queued for the next batched Tesseract run."""


class _Batch:
    def __init__(self) -> None:
        self.results: dict[Key, dict[str, list]] = {}
        self.queued: dict[Key, np.ndarray] = {}

    def image_to_data(self, image: np.ndarray, lang: str, config: str) -> dict[str, list]:
        key = (lang, config, image.shape, hashlib.blake2b(image.tobytes()).digest())
        if key in self.results:
            return self.results[key]
        self.queued[key] = image
        raise Pending

    def images_to_data(self, images: list[np.ndarray], lang: str, config: str) -> list[dict]:
        datas, missing = [], False
        for image in images:
            try:
                datas.append(self.image_to_data(image, lang, config))
            except Pending:
                missing = True  # queue them all: one round reads them together
        if missing:
            raise Pending
        return datas

    def run_queued(self) -> None:
        groups: dict[tuple[str, str], list[Key]] = {}
        for key in self.queued:
            groups.setdefault(key[:2], []).append(key)
        for (lang, config), keys in groups.items():
            datas = read_many([self.queued[key] for key in keys], lang, config)
            self.results.update(zip(keys, datas, strict=True))
        self.queued.clear()


_current: contextvars.ContextVar[_Batch | None] = contextvars.ContextVar(
    "tesseract_batch", default=None
)


def image_to_data(image: np.ndarray, lang: str, config: str) -> dict[str, list]:
    """``pytesseract.image_to_data`` as a dict; queued for a round inside ``read_in_rounds``."""
    batch = _current.get()
    if batch is not None:
        return batch.image_to_data(image, lang, config)
    return tesseract_api.image_to_data(image, lang, config)


def images_to_data(images: list[np.ndarray], lang: str, config: str) -> list[dict[str, list]]:
    """``image_to_data`` of several images, which inside ``read_in_rounds`` share a round."""
    batch = _current.get()
    if batch is not None:
        return batch.images_to_data(images, lang, config)
    return [image_to_data(image, lang, config) for image in images]


def read_many(images: list[np.ndarray], lang: str, config: str) -> list[dict[str, list]]:
    """``image_to_data`` of each image: in-process, or one Tesseract run over PNG files."""
    if len(images) == 1 or tesseract_api.in_process():
        return [tesseract_api.image_to_data(image, lang, config) for image in images]
    with tempfile.TemporaryDirectory(prefix="sohoa-cells-") as folder:
        paths = []
        for index, image in enumerate(images):
            path = Path(folder) / f"{index}.png"
            Image.fromarray(image).save(path, format="PNG")  # what pytesseract would send
            paths.append(str(path))
        listing = Path(folder) / "images.txt"
        listing.write_text("\n".join(paths) + "\n")
        data = pytesseract.image_to_data(
            str(listing), lang=lang, config=config, output_type=pytesseract.Output.DICT
        )
    return _split_pages(data, len(images))


def _split_pages(data: dict[str, list], count: int) -> list[dict[str, list]]:
    """One ``image_to_data`` dict per image (``page_num`` 1..count) from a multi-image run."""
    pages: list[dict[str, list]] = [{column: [] for column in data} for _ in range(count)]
    for row in range(len(data.get("page_num", []))):
        page = pages[int(data["page_num"][row]) - 1]
        for column, values in data.items():
            page[column].append(values[row])
    for page in pages:
        page["page_num"] = [1] * len(page["page_num"])
    return pages


def read_in_rounds(readers: list[Callable[[], T]]) -> list[T]:
    """Run every reader to completion, batching their Tesseract calls round by round."""
    batch = _Batch()
    token = _current.set(batch)
    try:
        results: dict[int, T] = {}
        todo = list(range(len(readers)))
        while todo:
            waiting = []
            for index in todo:
                try:
                    results[index] = readers[index]()
                except Pending:
                    waiting.append(index)
            if waiting:
                batch.run_queued()
            todo = waiting
    finally:
        _current.reset(token)
    return [results[index] for index in range(len(readers))]
