"""Stage 2: restore Vietnamese diacritics in OCR'd text, logging every change.

    load_model(path | None) -> Restorer         (None = the model shipped in corpus/data/)
    restore_text(text, model) -> (text, edits)   any text; one Edit per changed token
    restore_document(doc, model) -> doc          OCR/TXT pages' words restored in place

How: the text is tokenized (whitespace and punctuation kept exactly); word cores get
candidate syllables from the channel model; a beam search over the trigram LM picks one
per word; a second pass adds a small bonus for syllables the first pass was sure of in
this document, and prices cheaper the vowel letters the first pass saw this document's OCR
misread its own way (document adaptation). Digits, numbers, URLs and unknown acronyms are
never changed; a code's letters change only into a known code (QD, QP → QĐ; never CP, GD,
which are codes themselves: the model's code vocabulary).

Correct text comes back unchanged: in text whose marks are trusted (the ``vie`` profile) a
real marked syllable yields only to strong evidence (``trusted_marked_cost``) and plain-ASCII
foreign words stay; in typed text (a window whose first pass mends no OCR error:
``adaptation.looks_typed``) marked syllables stay as written; a word keeps its own tone
placement (hoà, uỷ), restored words take the text's dominant one, and ``tone_style``
normalises only when asked. Long texts are restored in windows (``windows``), so time
grows linearly. An edit's confidence is its calibrated probability of being right when
corpus/data holds a calibration map (normalize/calibration.py).

The parts, one job each: the settings (normalize/params.py), each token's options
(normalize/options.py), the channel's profiles, keys and candidates
(normalize/channel_profile.py, channel_keys.py, channel.py), the beam search
(normalize/decoder.py), document adaptation (normalize/adaptation.py); this module holds
the restorer, the two passes over a text's windows, and the edits and files they make.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from sohoa.corpus.model import (
    Candidates,
    PackedCandidates,
    RestorerModel,
    load_model_file,
    long_lived_gc_paused,
)
from sohoa.model import Alternative, Document, Edit, Page
from sohoa.normalize.adaptation import adaptation, reprice_characters
from sohoa.normalize.calibration import Calibration, edit_kind, load_calibration
from sohoa.normalize.channel import candidates
from sohoa.normalize.channel_keys import CandidateIndex
from sohoa.normalize.channel_profile import Profile, choose_profile, profiles_of
from sohoa.normalize.decoder import Choice, decode
from sohoa.normalize.domain_lm import lm_for
from sohoa.normalize.header_place import header_place_from_date_line
from sohoa.normalize.language import foreign_spans, judge
from sohoa.normalize.options import Slot, token_slots
from sohoa.normalize.params import CandidateParams, RestorerParams
from sohoa.normalize.profile_fit import likeliest_profile
from sohoa.normalize.spelling import apply_case, dominant_style, restyled
from sohoa.normalize.tokens import Token, line_starts, tokenize
from sohoa.normalize.unicode import ToneStyle, normalize_syllable

MAX_CACHED = 2_000_000  # LM lookups or candidate lists kept between documents, by default


@dataclass
class Restorer:
    """A loaded model with its candidate index, its settings and bounded caches."""

    model: RestorerModel = field(repr=False)
    index: CandidateIndex = field(repr=False)
    params: RestorerParams = field(default_factory=RestorerParams)
    # Caches (limit_caches bounds them between windows; clear_caches empties them): the
    # candidates per (token, profile), beside the model's LM caches and the index's.
    max_cached: int = MAX_CACHED
    _cache: dict[tuple[str, str], Candidates] = field(default_factory=dict, repr=False)
    profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    _tables: dict[str, PackedCandidates] = field(default_factory=dict, repr=False)
    codes: frozenset[str] = field(default=frozenset(), repr=False)  # the model's known codes
    # maps the decoder's confidence to P(edit right) (normalize/calibration.py); None: raw
    calibration: Calibration | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.codes = frozenset(getattr(self.model, "codes", ()))
        self.profiles = profiles_of(self.model)
        self.model.coded()  # the decoder's integer LM, built now rather than mid-restore
        # the near-miss search's tables, too
        self.index.prepare(self.profiles.values(), self.params.search.learned_edit_weight)
        self._tables = {
            name: PackedCandidates(table)
            for name, table in getattr(self.model, "candidate_tables", {}).items()
        }

    def limit_caches(self) -> None:
        """Keep memory bounded over long batch runs: drop the caches when they grow large."""
        if len(self.model._memo) > self.max_cached:
            self.model._memo.clear()
        if len(self.model._rows) > self.max_cached // 16:  # a row holds ~16 log-probs
            self.model._rows.clear()
        for lm in self.model.coded_lms():  # the general LM's and the in-domain one's
            if len(lm.rows) > self.max_cached // 16:
                lm.rows.clear()
        if len(self._cache) > self.max_cached:
            self._cache.clear()

    def clear_caches(self) -> None:
        """Empty every cache (after changing ``params``, or to free memory): the candidate
        lists, the model's LM look-ups and the index's pricing tables."""
        self._cache.clear()
        self.model._memo.clear()
        self.model._rows.clear()
        for lm in self.model.coded_lms():
            lm.rows.clear()
        self.index.clear_caches()

    def candidates(self, core: str, profile: Profile, expand: bool = False) -> Candidates:
        # candidates() sees only core.lower(), apart from a capital I (Iy = lý): "Cong"
        # shares the entry of "cong", which the precomputed tables already hold.
        key = (
            core if "I" in core else core.lower(),
            profile.name + "+" if expand else profile.name,
        )
        found = self._cache.get(key)
        if found is None:
            search = self.params.search
            # precomputed in the model, with the default search settings
            table = self._tables.get(key[1]) if search == DEFAULT_SEARCH else None
            found = table.get(key[0]) if table else None
            if found is None:
                found = candidates(
                    self.index, core, profile, lone_letter_expands=expand, params=search
                )
            self._cache[key] = found
        return found


DEFAULT_SEARCH = CandidateParams()


def load_model(path: Path | str | None = None) -> Restorer:
    """Load a restorer model file (None = the shipped default)."""
    model = load_model_file(Path(path) if path is not None else None)
    return Restorer(model, CandidateIndex(model), calibration=load_calibration())


def restore_text(
    text: str,
    model: Restorer | None = None,
    profile: Profile | str | None = None,
    tone_style: ToneStyle | None = None,
    document_style: str | None = None,
    ocr: bool = False,
) -> tuple[str, list[Edit]]:
    """Restore ``text``; returns the new text and one Edit per changed token.

    Edits carry ``line`` (0-based) and ``column`` (character offset in that line of the
    ORIGINAL text). Line structure and whitespace are kept exactly. ``profile`` ("eng",
    "vie" or a Profile) names the kind of OCR; by default it is guessed from the text.
    Tone placement (hoà / hòa) follows the text: a word it already marks keeps its
    spelling, a restored one takes the text's dominant style (``dominant_style``; or
    ``document_style``, a whole document's), unless ``tone_style`` ("classic" hòa,
    "modern" hoà) asks for one style everywhere. ``ocr``: the text is known to be OCR
    output (a page this pipeline read); else a window that shows no OCR error is typed
    text, whose marked syllables stay as written (adaptation.looks_typed).
    """
    with long_lived_gc_paused():  # restoring makes no cycles: ~20% faster cold runs
        restorer = model if model is not None else load_model()
        if foreign_spans(text) == [(0, len(text))]:
            return text, []  # not Vietnamese at all: nothing to restore
        style = tone_style or document_style
        if profile is None or style is None:
            words = [t.text for t in tokenize(text) if t.kind in ("word", "caps")]
            style = style or dominant_style(words, restorer.model.style)
            if profile is None:
                profile = choose_profile(words, restorer.profiles)
                profile = likeliest_profile(text, restorer, profile)
        if isinstance(profile, str):
            profile = restorer.profiles[profile]
        pieces: list[str] = []
        edits: list[Edit] = []
        for start, end in windows(text):
            restored, found = _restore_window(
                text[start:end], restorer, profile, style, tone_style is not None, ocr
            )
            pieces.append(restored)
            if start:  # the window's lines and columns in the whole text
                lines_before = text.count("\n", 0, start)
                column = start - (text.rfind("\n", 0, start) + 1)
                for edit in found:
                    if edit.line == 0:
                        edit.column = (edit.column or 0) + column
                    edit.line = (edit.line or 0) + lines_before
            edits += found
        return "".join(pieces), edits


# Long texts are restored a window at a time, so time grows linearly with their size: a
# window ends at a blank line (else a line's end, else a space) near this many characters.
# Document adaptation works within a window: ~10k words, more than most documents.
WINDOW_CHARS = 60_000


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the windows ``text`` is restored in; they cover it exactly."""
    found = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = -1
        for separator in ("\n\n", "\n", " "):
            at = text.rfind(separator, start + size // 2, limit)
            if at >= 0:
                end = at + len(separator)
                break
        if end < 0:
            end = limit
        found.append((start, end))
        start = end
    found.append((start, len(text)))
    return found


def _restore_window(
    text: str, restorer: Restorer, profile: Profile, style: str, normalise: bool, ocr: bool
) -> tuple[str, list[Edit]]:
    """Restore one window of a text: restored words in ``style`` (see ``_spelled``), all
    of its words so if ``normalise``; ``ocr``: known OCR output, never typed text."""
    foreign = foreign_spans(text)
    restorer.limit_caches()
    tokens = tokenize(text)
    slots, choices = _two_passes(tokens, restorer, profile, ocr)
    calibration = restorer.calibration
    calibration = calibration.for_profile(profile.name) if calibration else None
    spelling = (restorer.model.style, style, normalise)
    pieces = [t.text for t in tokens]
    edits: list[Edit] = []
    lines_at = line_starts(text)
    line = 0
    for slot, choice in zip(slots, choices, strict=True):
        if slot.token < 0:
            continue
        token = tokens[slot.token]
        if foreign and any(start <= token.start < end for start, end in foreign):
            continue  # a passage in another language stays as read
        text_chosen = slot.options[choice.index][0]
        if token.kind in ("word", "caps"):
            text_chosen = _spelled(
                token.text, text_chosen, slot.options[choice.index][1], *spelling
            )
        if text_chosen == token.text or (
            choice.confidence < restorer.params.min_change_confidence and token.kind == "word"
        ):
            continue
        pieces[slot.token] = text_chosen
        while line + 1 < len(lines_at) and lines_at[line + 1] <= token.start:
            line += 1
        confidence, alternatives = _probabilities(calibration, choice, edit_kind(token.text))
        edits.append(
            Edit(
                original=token.text,
                result=text_chosen,
                confidence=round(confidence, 4),
                alternatives=[
                    Alternative(
                        _spelled(token.text, slot.options[k][0], slot.options[k][1], *spelling),
                        round(share, 4),
                    )
                    for k, share in alternatives
                ],
                line=line,
                column=token.start - lines_at[line],
            )
        )
    return "".join(pieces), edits


def _two_passes(
    tokens: list[Token], restorer: Restorer, profile: Profile, ocr: bool
) -> tuple[list[Slot], list[Choice]]:
    """The tokens' slots and the decoder's choices: a first pass finds what the document
    is sure of; with adaptation on, a second pass decodes again with what it learned."""
    params = restorer.params
    slots = token_slots(tokens, restorer, profile)
    # The first pass only has to find what the document is sure of: options far behind
    # are dropped sooner, but the beam is full (half a beam: validation 5.35% vs 5.31%).
    choices = decode(
        [slot.options for slot in slots],
        restorer.model,
        params.channel_weight,
        params.beam,
        option_margin=params.first_pass_margin if params.adapt else params.search_margin,
        alternatives=not params.adapt,  # with adaptation, this pass only finds sure words
    )
    if not params.adapt:
        return slots, choices
    # the second pass's LM: the one that fits the first reading better (general, in-domain)
    reading = [slot.options[c.index][1] for slot, c in zip(slots, choices, strict=True)]
    lm_model = lm_for(restorer.model, reading)
    found = adaptation(
        [slot.options for slot in slots],
        [slot.token for slot in slots],
        choices,
        tokens,
        profile,
        params,
    )
    slots = token_slots(
        tokens,
        restorer,
        profile,
        found.confirmed,
        found.letter_bonus,
        found.pairs,
        found.typed and not ocr,
    )
    if found.char_bonus:  # the document's own character misreadings
        reprice_characters(slots, tokens, found.char_bonus)

    def changes(i: int, chosen: int) -> bool:
        token = slots[i].token
        return token >= 0 and slots[i].options[chosen][0] != tokens[token].text.lower()

    choices = decode(
        [slot.options for slot in slots],
        lm_model,
        params.channel_weight,
        params.beam,
        found.bonus,
        option_margin=params.search_margin,
        confidence_for=changes,
        pair_bonus=found.pair_bonus,
    )
    return slots, choices


def _spelled(
    original: str, chosen: str, unit: str, model_style: str, style: str, normalise: bool
) -> str:
    """The chosen syllable written as the text writes: its case, its tone placement (the
    original's own if it is the same syllable); in ``style`` everywhere if ``normalise``."""
    if unit == "<abbr>":
        return chosen
    if chosen == normalize_syllable(original.lower(), model_style):  # type: ignore[arg-type]
        chosen = original  # the same syllable: as the source spells it (hoà stays hoà)
    else:
        chosen = apply_case(original, restyled(chosen, style))
    return restyled(chosen, style) if normalise else chosen


def _probabilities(
    calibration: Calibration | None, choice: Choice, kind: str
) -> tuple[float, list[tuple[int, float]]]:
    """An edit's probability of being right and its alternatives' (option, probability).

    Calibrated, the chosen option gets the share of validation edits of its ``kind``
    (calibration.edit_kind) right at its confidence, and the alternatives share the rest
    in proportion to their posteriors.
    """
    if calibration is None:
        return choice.confidence, choice.alternatives
    # rounded as the edits it was fitted on
    confidence = calibration(round(choice.confidence, 4), kind)
    total = sum(share for _, share in choice.alternatives)
    rest = 1.0 - confidence
    return confidence, [
        (k, rest * share / total if total > 0 else rest / len(choice.alternatives))
        for k, share in choice.alternatives
    ]


def restore_document(
    doc: Document, model: Restorer | None, tone_style: ToneStyle | None = None
) -> Document:
    """Restore the words of OCR'd and TXT pages in place; one Edit per changed word.

    Each page is restored as one text (words joined by spaces, lines by newlines), so the
    LM sees the reading order; a word's restored text replaces it, never splitting or
    merging words. A page this pipeline OCR'd is never judged typed text; a TXT page may be.
    """
    restorer = model if model is not None else load_model()
    all_words = [w.text for p in doc.pages if p.origin in ("ocr", "txt") for w in p.words]
    profile = choose_profile(  # the word cores, as restore_text sees them
        [t.text for w in all_words for t in tokenize(w) if t.kind in ("word", "caps")],
        restorer.profiles,
    )
    profile = likeliest_profile(" ".join(all_words), restorer, profile)
    # ... and the document's own tone placement, for words its pages do not mark
    style = dominant_style(all_words, restorer.model.style)
    for page in doc.pages:
        if page.origin not in ("ocr", "txt") or not page.words:
            continue
        text, order, starts = _page_text(page)
        if judge(text).foreign:
            doc.provenance.setdefault("pages_not_vietnamese", []).append(page.number)
            continue  # left as read: see normalize/language.py
        restored, edits = restore_text(
            text, restorer, profile, tone_style, style, ocr=page.origin == "ocr"
        )
        by_start = dict(zip(starts, order, strict=True))
        lines_at = line_starts(text)
        # Tokens never cross a space, so each edit lies inside exactly one word.
        word_edits: dict[int, list[Edit]] = {}
        for edit in edits:
            offset = lines_at[edit.line or 0] + (edit.column or 0)
            start = starts[bisect.bisect_right(starts, offset) - 1]  # starts ascend
            word_edits.setdefault(by_start[start], []).append(edit)
        new_texts = restored.replace("\n", " ").split(" ")
        for position, i in enumerate(order):
            word = page.words[i]
            if i not in word_edits:
                continue
            new_text = new_texts[position]
            first = word_edits[i][0]
            alternatives = []
            if len(word_edits[i]) == 1:
                # Show each alternative as the whole word (with its punctuation).
                at = word.text.find(first.original)
                alternatives = [
                    Alternative(
                        word.text[:at] + alt.text + word.text[at + len(first.original) :],
                        alt.score,
                    )
                    for alt in first.alternatives
                ]
            doc.edits.append(
                Edit(
                    original=word.text,
                    result=new_text,
                    confidence=min(e.confidence for e in word_edits[i]),
                    alternatives=alternatives,
                    page=page.number,
                    word=i,
                )
            )
            word.text = new_text
    doc.edits += header_place_from_date_line(doc)
    return doc


def _page_text(page: Page) -> tuple[str, list[int], list[int]]:
    """A page's words as one text, a line of it per line of the page (words the lines
    miss on a last one), the word indices in that order and each one's offset in it."""
    lines = [line.words for line in page.lines if line.words]
    lines.append(sorted(set(range(len(page.words))).difference(*lines)))
    order = [i for words in lines for i in words]
    text = "\n".join(" ".join(page.words[i].text for i in words) for words in lines if words)
    ends = itertools.accumulate(len(page.words[i].text) + 1 for i in order)  # a separator each
    return text, order, [0, *ends][: len(order)]
