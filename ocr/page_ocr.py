"""OCR one page image: the ways of cleaning it tried, the reading that wins, the Page.

    read = ocr_page(image, ImageRef(path, frame, dpi), number, settings)
    read.page          # words, lines, blocks; boxes in the pixels of ``image``
    read.table_image   # the page prepared for finding ruled tables (pipeline.py does)

The page is read "prepared" first; other variants only where that reading is doubtful
(``choose_reading``). A page that reads as garbage is turned by Tesseract's OSD and read again.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import numpy as np

from sohoa.errors import SohoaError
from sohoa.model import ImageRef, Page
from sohoa.ocr.dewarp import find_line_bend
from sohoa.ocr.lexicon_score import (
    DEFAULT_LEXICON_RULE,
    LexiconRule,
    lexicon_scores,
    measure_words,
    syllable_logprobs,
)
from sohoa.ocr.preprocess import (
    DEFAULT_OPTIONS,
    RAW_OPTIONS,
    PreparedImage,
    PrepareOptions,
    drop_red,
    letter_height,
    prepare_page,
    red_weight,
    small_text_scale,
    to_gray,
)
from sohoa.ocr.roman_ones import ones_from_ink
from sohoa.ocr.rule_lines import erase_rule_lines
from sohoa.ocr.signature_block import reread_signature
from sohoa.ocr.signer_column import reread_signer_column
from sohoa.ocr.tesseract import (
    check_languages,
    data_to_page,
    detect_rotation,
    looks_unreadable,
    run_tesseract,
    vietnamese_d,
)
from sohoa.ocr.text_quality import is_vietnamese_word, reading_quality, text_layer_quality
from sohoa.ocr.unread_ink import DEFAULT_REREAD, letter_size, reread_regions
from sohoa.settings import Settings


@dataclass
class PageRead:
    """One OCR'd page, and the prepared image of it where ruled tables are looked for."""

    page: Page
    table_image: PreparedImage | None = None  # None: no image (a text layer was read)


# Ways to clean a page before OCR. "prepared" (deskew, flatten, sharpen) wins on most scans
# and photos; on some (show-through, blur, a photo's uneven light) the raw pixels or the
# black-and-white image read better, and small text may read better upscaled. The first
# reading decides whether others are tried (see choose_reading).
VARIANTS: dict[str, PrepareOptions] = {
    "prepared": DEFAULT_OPTIONS,
    "as-read": RAW_OPTIONS,
    "deskew": replace(RAW_OPTIONS, deskew=True, erase_rule_lines=True),
    "binarised": DEFAULT_OPTIONS,  # the prepared page's own black-and-white image
}
UPSCALED = ", upscaled"  # suffix of a variant name: small text brought to Tesseract's size
DEWARPED = ", dewarped"  # suffix: curled lines levelled (ocr/dewarp.py)
# on a levelled reading the words' boxes follow their curled lines: pieces of one line at
# different heights are the bend, not two columns joined (read as pieces: Tĩnh Gia 52.0% -> 55.7%)
CURLED_REREAD = replace(DEFAULT_REREAD, split_offset=math.inf)


@dataclass
class Reading:
    """One OCR pass over one variant of the page, with measures available without truth."""

    variant: str
    prepared: PreparedImage
    data: dict[str, list]
    confidence: float  # mean word confidence (0-100)
    valid_share: float  # share of alphabetic words that are valid Vietnamese syllables
    words: int
    seconds: float
    pixels: np.ndarray | None = None  # the image Tesseract read (rules erased)
    confident_words: int = 0  # Vietnamese words read at CONFIDENT_WORD or more

    @property
    def score(self) -> float:
        """Higher is better (``text_quality.reading_quality``)."""
        return reading_quality(self.confidence, self.valid_share)

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL_CONFIDENCE or self.valid_share < DOUBTFUL_VALID_SHARE

    @property
    def text(self) -> str:
        return " ".join(t.strip() for t in self.data["text"] if t and t.strip())


# Clean print reads at a mean word confidence of 94-96 with 92-95% of words valid syllables
# (bench/ocr.py); below either, another variant may read better.
DOUBTFUL_CONFIDENCE = 94.0
DOUBTFUL_VALID_SHARE = 0.9
# fewer words: the page is nearly empty, or its prepared reading lost it (150-dpi signature
# pages: "mụ Sư" where the binarised page reads 39 words); compared with the other
# cleanings only where the page holds print; upscaling such a page reads noise
MIN_WORDS_TO_COMPARE = 10
# a word read at this confidence or more, whose letters are Vietnamese syllables, counts as
# read: a reading that loses lines has fewer such words, and garbage (confidence 15-30) few
CONFIDENT_WORD = 60.0


@dataclass(frozen=True)
class ChoiceRule:
    """How the readings of one page are weighed against each other (see ``choice_score``).

    Measured on every OCR'd page of the corpus (all variants read, words right counted
    against the truth): the score alone picked readings that dropped lines (an upscaled
    "as read" reading of a curled photo: 82 of 120 words lost at a higher score) and, on
    near-ties, the noisier variant.
    """

    # the score loses this much per share of confident words lost against the reading
    # with most of them, beyond a tolerance (a few words either way are noise, not lines)
    lost_words_weight: float = 1.0
    lost_words_tolerance: float = 0.03
    # the prepared reading (at the better of its sizes) wins a tie against the other
    # cleanings by this
    prefer_first: float = 0.02
    # the restorer's lexicon may veto the upscaled reading of the prepared page that the
    # score prefers, never choose it (``better_size``); None: the score alone decides
    size_veto: LexiconRule | None = DEFAULT_LEXICON_RULE


DEFAULT_CHOICE = ChoiceRule()


def choice_score(reading: Reading, readings: list[Reading], rule: ChoiceRule) -> float:
    """``reading.score`` less what it lost in confident words against the others."""
    most = max(r.confident_words for r in readings)
    lost = 1 - reading.confident_words / most if most > 0 else 0.0
    return reading.score - rule.lost_words_weight * max(0.0, lost - rule.lost_words_tolerance)


def best_reading(
    readings: list[Reading], first: Reading | None, rule: ChoiceRule = DEFAULT_CHOICE
) -> Reading:
    """The reading with the best ``choice_score``; ``first`` (if any) wins ties."""

    def weight(reading: Reading) -> float:
        bonus = rule.prefer_first if reading is first else 0.0
        return choice_score(reading, readings, rule) + bonus

    return max(readings, key=weight)


def read_variant(
    image: np.ndarray, dpi: int, variant: str, settings: Settings, rotation: int = 0
) -> Reading:
    """Prepare ``image`` the ``variant`` way (``"as-read, upscaled"``: also upscale small
    text) and OCR it."""
    started = time.perf_counter()
    base = variant.removesuffix(UPSCALED)
    options = replace(VARIANTS[base], upscale_small_text=variant.endswith(UPSCALED))
    prepared = prepare_page(image, dpi, options, rotation)
    pixels = prepared.binary if base == "binarised" else prepared.gray
    if base == "as-read" and prepared.scale == 1.0 and not prepared.rotation:
        # the page's own pixels, colour kept: Tesseract thresholds the channel that separates
        # ink from paper best, so a red box or stamp drawn over black text drops out (the
        # Cục Thuế screenshot: 8.0% WER from our gray, 4.8% from its colours); a red seal
        # dropped out as in every variant
        pixels = drop_red(image) if options.drop_red else image
    if options.erase_rule_lines:
        pixels = erase_rule_lines(pixels, round(dpi * prepared.scale))
    data = run_tesseract(pixels, settings.lang, settings.psm)
    return measured_reading(variant, prepared, data, started, pixels)


def measured_reading(
    variant: str,
    prepared: PreparedImage,
    data: dict[str, list],
    started: float,
    pixels: np.ndarray | None = None,
) -> Reading:
    """A reading with the measures the choice needs: mean confidence, valid syllables."""
    words = [
        (float(c), t) for c, t in zip(data["conf"], data["text"], strict=True) if t and t.strip()
    ]
    confidences = [c for c, _ in words if c >= 0]
    quality = text_layer_quality(" ".join(t for t in data["text"] if t))
    confident = sum(c >= CONFIDENT_WORD and is_vietnamese_word(t) for c, t in words)
    return Reading(
        variant=variant,
        prepared=prepared,
        data=data,
        confidence=sum(confidences) / len(confidences) if confidences else 0.0,
        valid_share=quality.valid_share,
        words=len(confidences),
        seconds=time.perf_counter() - started,
        pixels=pixels,
        confident_words=confident,
    )


def read_dewarped(reading: Reading, settings: Settings) -> Reading | None:
    """``reading``'s prepared page with its curled lines levelled (``ocr.dewarp``), read
    again; None where its lines are straight. Word boxes come back in the prepared page's
    pixels (each word's top and bottom moved back to where its line bent)."""
    started = time.perf_counter()
    bend = find_line_bend(reading.prepared.gray)
    if bend is None:
        return None
    data = run_tesseract(bend.apply(reading.prepared.gray), settings.lang, settings.psm)
    centres = np.array(data["left"], np.float64) + np.array(data["width"], np.float64) / 2
    tops = np.array(data["top"], np.float64)
    bottoms = tops + np.array(data["height"], np.float64)
    source_tops = bend.source_rows(centres, tops)
    source_bottoms = np.maximum(bend.source_rows(centres, bottoms), source_tops + 1)
    data["top"] = [round(float(t)) for t in source_tops]
    data["height"] = [round(float(b - t)) for t, b in zip(source_tops, source_bottoms, strict=True)]
    # the words' boxes lie on ``reading``'s pixels, where their lines are read again
    # (``reread_missed``): a short piece of a curled line is nearly straight
    return measured_reading(
        reading.variant + DEWARPED, reading.prepared, data, started, reading.pixels
    )


def choose_reading(
    image: np.ndarray, dpi: int, settings: Settings, rotation: int = 0
) -> tuple[Reading, list[Reading]]:
    """Read the page "prepared"; only where that reading is doubtful, also upscaled (small
    text: the better size by ``better_size``), and where the better of these is still
    doubtful, with its curled lines levelled (a photo), as read and binarised at the better
    one's size; a nearly empty reading only against as read and binarised. Of the readings
    at that size, the one with the best ``choice_score`` wins. Returns it and every
    reading."""
    if not settings.preprocess:
        reading = read_variant(image, dpi, "as-read", settings, rotation)
        return reading, [reading]
    first = read_variant(image, dpi, "prepared", settings, rotation)
    few = first.words < MIN_WORDS_TO_COMPARE  # a blank page, or print the reading lost
    if not first.doubtful or (few and letter_height(first.prepared.gray) is None):
        return first, [first]
    readings = [first]
    if few:  # nearly empty (a signature page under noise):
        for variant in ("as-read", "binarised"):  # the other cleanings, at its own scale
            readings.append(read_variant(image, dpi, variant, settings, rotation))
        return best_reading(readings, first), readings
    best = first
    if small_text_scale(first.prepared.gray) > 1.0:  # a screenshot, a low-dpi scan
        upscaled = read_variant(image, dpi, "prepared" + UPSCALED, settings, rotation)
        readings.append(upscaled)
        best = better_size(first, upscaled, settings)  # the prepared page at its better size
    if not best.doubtful:
        return best, readings
    compared = [best]  # the other cleanings at its size, where confidences compare
    dewarped = read_dewarped(best, settings)
    if dewarped is not None:  # the lines bend (or look so: a heavy scan's noise): it
        compared.append(dewarped)  # must beat the prepared reading on its own
    suffix = UPSCALED if best.variant.endswith(UPSCALED) else ""
    for variant in ("as-read", "binarised"):
        compared.append(read_variant(image, dpi, variant + suffix, settings, rotation))
    return best_reading(compared, best), readings + compared[1:]


def better_size(
    first: Reading, upscaled: Reading, settings: Settings, rule: ChoiceRule = DEFAULT_CHOICE
) -> Reading:
    """The prepared page read at its own size or upscaled: upscaled where its score is the
    better and the restorer's lexicon (``lexicon_score``) does not find the words read at
    the page's own size likelier. Tesseract is more sure of bigger letters, right or wrong
    (14 low-resolution photos: the upscaled reading, chosen on 10 by confidence, read worse
    on 7); the lexicon only vetoes, so no page is read bigger than the score alone would."""
    if best_reading([first, upscaled], None, rule) is first:
        return first
    if rule.size_veto is None:
        return upscaled
    try:
        logprobs = syllable_logprobs(settings.model_path)
    except SohoaError:  # no restorer model (OCR alone): the score decides, as without a veto
        return upscaled
    measures = [measure_words(r.data, logprobs, rule.size_veto) for r in (first, upscaled)]
    first_score, upscaled_score = lexicon_scores(measures, rule.size_veto)
    return upscaled if upscaled_score > first_score else first


def reread_missed(reading: Reading, image: np.ndarray, settings: Settings) -> dict[str, list]:
    """The reading's Tesseract columns with the print no word covers, and the words under a
    red seal, read again on their own (``unread_ink``)."""
    if reading.pixels is None:
        return reading.data
    gray = to_gray(reading.pixels)
    letter = letter_size(reading.data) or letter_height(gray)
    if letter is None:
        return reading.data
    red = red_weight(image)
    if red is not None:
        red = reading.prepared.to_prepared(red)
    rule = CURLED_REREAD if reading.variant.endswith(DEWARPED) else DEFAULT_REREAD
    return reread_regions(reading.data, gray, red, letter, settings.lang, rule)


def reread_signature_block(
    reading: Reading, image: np.ndarray, settings: Settings
) -> dict[str, list]:
    """The reading's Tesseract columns with the signature block's lines read again from the
    page's own pixels (``signature_block``); a dewarped reading's too, its boxes being in the
    prepared page's pixels. On a page of small letters, the capital lines over a signer's
    name that the reading lost are added, read from the column upscaled (``signer_column``)."""
    letter = letter_size(reading.data) or letter_height(reading.prepared.gray)
    if letter is None:
        return reading.data
    own = reading.prepared.to_prepared(to_gray(drop_red(image)))
    data = reread_signature(reading.data, own, letter, settings.lang)
    # a low-resolution page: the lines over a signer's name, lost with the seal
    return reread_signer_column(data, own, letter, settings.lang)


def ocr_page(image: np.ndarray, ref: ImageRef, number: int, settings: Settings) -> PageRead:
    """Preprocess and OCR one page image; boxes are mapped back to ``image`` pixels."""
    check_languages(settings.lang, ref.path)
    height, width = image.shape[:2]
    reading, readings = choose_reading(image, ref.dpi, settings)
    final = readings
    if looks_unreadable(reading.data, settings.lang):
        rotation = detect_rotation(reading.prepared.gray)
        if rotation:
            total = (reading.prepared.rotation + rotation) % 360
            reading, final = choose_reading(image, ref.dpi, settings, rotation=total)
            readings += final
    if settings.preprocess:  # lines the reading missed, print under a seal: read again
        reading.data = reread_missed(reading, image, settings)
        reading.data = reread_signature_block(reading, image, settings)
        if reading.pixels is not None:  # "II." over three bars: a numeral's ones counted
            reading.data = ones_from_ink(reading.data, to_gray(reading.pixels))
    reading.data = vietnamese_d(reading.data, settings.lang)  # "ÐN-PC46": the eth for Đ
    prepared = reading.prepared
    page = Page(
        number=number,
        width=width,
        height=height,
        dpi=ref.dpi,
        rotation=prepared.rotation,
        deskew_angle=prepared.deskew_angle,
        image=ref,
        origin="ocr",
    )
    data_to_page(reading.data, page, prepared.boxes_to_original)
    page.provenance = {
        **page.provenance,  # non_text marks found by data_to_page
        "text": "ocr",
        "variant": reading.variant,
        "scale": round(prepared.scale, 2),
        "readings": [
            {
                "variant": r.variant,
                "confidence": round(r.confidence, 1),
                "valid_share": round(r.valid_share, 3),
            }  # no timings: outputs are the same on every run (timings_s has them)
            for r in readings
        ],
    }
    if prepared.page_corners:  # a photographed page, straightened
        page.provenance["page_corners"] = [list(corner) for corner in prepared.page_corners]
    # ruled grids are found on the deskewed, cleaned page whichever variant read the text
    # best: an "as-read" page is not deskewed, and its tilted rules break the grid
    grid_page = next((r.prepared for r in final if r.variant == "prepared"), prepared)
    return PageRead(page, grid_page)
