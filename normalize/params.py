"""The restorer's settings: one frozen dataclass, held by the restorer and passed down.

``RestorerParams`` holds what the decoder and document adaptation use; its ``search``
(``CandidateParams``) what the channel's candidate search uses. Every value was chosen on
the validation folds (bench/restore_tune.py builds trial params with
``dataclasses.replace``; nothing is patched at module level), never on seed 000.

    from sohoa.normalize.params import RestorerParams
    restorer = load_model()                   # the defaults below
    restorer.params = dataclasses.replace(restorer.params, beam=8)
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CandidateParams:
    """How normalize/channel.py's candidate search prices and keeps syllables.

    The model's precomputed candidate tables were made with the defaults: a restorer whose
    ``search`` differs computes its candidates on demand instead.
    """

    edit_cost: float = 8.0  # one letter inserted, dropped or replaced, beyond known confusions
    # Chosen on validation with the news corpus in the LM, 2026-11-22: kept / reading cost
    # 20 / 2.0 -> 24 / 1.0 gave 4.42% -> 4.36% (scans unlike the channel's: 10.26% -> 10.25%).
    kept: int = 24  # candidates kept per token from the exact key and the known confusions
    reading_cost: float = 1.0  # on top of -log P(clean | OCR token) from the channel data
    wide_kept: int = 8  # candidates from the wide search, for a token that is no syllable
    wide_confusion_cost: float = 6.0  # confusion rewrites this cheap: one free edit further
    # a wide-search free edit costs WIDE_EDIT_COST less this times log(1 + how often the
    # channel data shows it)
    learned_edit_weight: float = 0.5
    # a symbol glyph read with the letter before it (cht?c = chức: t? is ứ)
    glyph_absorb_consonant_cost: float = 3.0
    letter_weight: float = 1.0  # 0: price one-for-one letter confusions by the rules alone
    char_weight: float = 1.0  # weight of the character channel (0: not used)


@dataclass(frozen=True)
class RestorerParams:
    """The decoder's and document adaptation's settings (normalize/restore.py)."""

    channel_weight: float = 1.3  # LM log-prob weight is 1; channel costs count this much
    # Hypotheses kept per slot. Validation (bench/restore_tune.py's folds, 2026-12-06),
    # beam 6 / 8: eng OCR 4.50% / 4.48%, eng-shifted 9.37% / 9.32%, legacy engine
    # 10.21% / 10.11%, edit precision equal or higher on all three: fewer search errors.
    beam: int = 8
    adapt: bool = True  # a second pass with what the first was sure of in the document
    adapt_min_confidence: float = 0.8  # first-pass choices this sure are the document's words
    adapt_weight: float = 0.6  # log-bonus per log-count of a syllable confirmed in the document
    adapt_pair_weight: float = 1.5  # ... per log-count of a confirmed pair of consecutive units
    min_change_confidence: float = 0.3  # below this, a change is not made (the original stays)
    # The beam search tries, under hypotheses other than the best, only options this close
    # to the best one's best (decoder.decode's option_margin); the first pass, which only
    # looks for the document's sure words, closer.
    search_margin: float = 12.0
    first_pass_margin: float = 6.0
    # Channel cost above the cheapest option: options dropped. Validation folds (2026-12-06,
    # eng / eng-shifted / eng-legacy WER), option and search margins 8 and 10 -> 12 and 12:
    # 4.440 / 9.231 / 10.062% -> 4.423 / 9.135 / 9.983%, edit precision higher on all three
    # (the truth was among the channel's candidates but dropped: 13 / 34 / 36 words); no
    # fold lost but eng vlsp, by one word; vie-poor OCR the same. Search margin 14: 9.123%
    # on eng-shifted, the rest the same, for more time; wider margins change nothing.
    option_margin: float = 12.0
    # The document's own letter misreadings (document_letter_bonus): seen this often, they
    # count, against the learned channel counted as letter_prior_weight readings (0: off).
    # Validation: 4.71% (off) / 4.72% (10-50) on OCR like the channel data's, 10.68% /
    # 10.63% on scans unlike it (bench/restore_tune.py --ocr eng-shifted).
    letter_prior_weight: float = 20.0
    max_letter_bonus: float = 4.0  # ... and take at most this much off a letter's cost
    # The document's own character channel for its vowels (document_char_bonus): each
    # clean character's sure readings against the learned channel counted as this many
    # (0: off), moving a (clean, OCR) character's cost by at most max_char_bonus. Chosen
    # on the validation folds (4 eng, 4 eng-shifted, 3 eng-legacy), WER off -> 20 / 1:
    # 4.50% -> 4.49%, 9.37% -> 9.32%, 10.21% -> 10.17% (weight 10, 20 / 50; bonus 1, 2, 4).
    char_prior_weight: float = 20.0
    max_char_bonus: float = 1.0
    # ... and this much further for syllables the document confirmed: an OCR engine unlike
    # the one the channel was learned from misreads them its own way (é for ă: "Béc" =
    # "Bắc"). Validation: 4.69% / 4.70% / 4.71% / 4.71% for 0 / 2 / 4 / 10 (its noise); 4
    # was set before 000 was run with it. Scans unlike the channel's, 0 / 4: 10.64 / 10.63%.
    confirmed_margin: float = 4.0
    confirmed_kept: int = 2  # ... the cheapest this many of them
    foreign_min_length: int = 5  # shorter unknown tokens are OCR garbage, not foreign words
    foreign_min_cost: float = 14.0  # a long unknown token whose candidates all cost this much
    garbled_word_cost: float = 3.0  # a garbled token this cheap to read as a syllable is one
    # In text whose marks are trusted (the ``vie`` profile), every option other than a real
    # marked syllable as read costs this much more (channel units), so the LM alone never
    # swaps one valid syllable for another. Held-out clean text (bench/restore_faithful.py,
    # ~100k words not in the model): words changed 0 / 2 / 4 / 6 -> 0.074% / 0.024% /
    # 0.010% / 0.008%; 4 kept a table cell's "Hằng nắm" (vie OCR for "Hằng năm"), which 2
    # mends: 2 is the smallest cost meeting the 0.05% target twice over.
    trusted_marked_cost: float = 2.0
    # Typed text (normalize/adaptation.looks_typed): a window of trusted-marks text with at
    # least this many words (0: off) whose first pass mends OCR errors in at most
    # typed_max_error_share of them keeps every real syllable as written. An OCR error: a
    # garbled token, or a misreading whose option costs at most ocr_error_cost
    # (trusted_marked_cost included; vie OCR's hook read as acute, tống for tổng, costs
    # 2.3-3.3). Set from the first passes' counts alone, before any restore was scored:
    # held-out clean text 0-0.02% of a window's words, the old digital files' Unicode
    # twins 0%; the corpus's bare-Tesseract vie pages 0% (35 of 90) to 4%.
    typed_min_words: int = 100
    typed_max_error_share: float = 0.001
    ocr_error_cost: float = 4.5
    # In old OCR without marks, this many plain words of 3+ letters that spell no syllable
    # in a clause make a foreign phrase (foreign_words); 0: off. Off: English-model OCR of
    # Vietnamese is such words too, and 2 took validation 4.50% -> 8.36%.
    foreign_run_in_old_ocr: int = 0
    # Old OCR routed to one of these profiles is decoded under each, and takes the one
    # whose first pass scores higher per slot by more than fit_margin (normalize/
    # profile_fit.py), judged on its first fit_chars characters if they hold at least
    # fit_min_words words (fewer say too little: a table cell); (): off.
    fit_profiles: tuple[str, ...] = ("eng", "eng-legacy")
    fit_margin: float = 0.0
    fit_chars: int = 4_000
    fit_min_words: int = 12
    search: CandidateParams = field(default_factory=CandidateParams)
