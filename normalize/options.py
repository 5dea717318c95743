"""Token options: what each token of a text may become, at what channel cost.

``token_slots`` walks a tokenized text and gives each token its options for the decoder:
a word core its candidate syllables (``word_options``: the channel's candidates, trust
in marked syllables, foreign words kept); punctuation, numbers, list markers, section
numerals, URLs and known codes one option as written (``fix_code``: a code changes only
into a known code); a lone letter in running words the syllables it may be shrunk from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from sohoa.corpus.model import RestorerModel
from sohoa.corpus.units import PUNCT_UNITS, syllable_shaped, word_unit
from sohoa.normalize.adaptation import bonus_by_ocr_letter, repriced
from sohoa.normalize.channel import LONE_LETTER_COST
from sohoa.normalize.channel_keys import EXPANDABLE, LONE_GLYPHS, PREFIX_COST, ocr_skeleton
from sohoa.normalize.channel_profile import Profile
from sohoa.normalize.decoder import Option
from sohoa.normalize.glued import whole_options
from sohoa.normalize.language import foreign_words
from sohoa.normalize.tokens import (
    HORN_AFTER_VOWEL,
    INNER_QUOTE,
    LETTER_GLYPHS,
    MARK_AFTER_VOWEL,
    QUOTED_GLYPHS,
    Token,
    section_numeral,
)
from sohoa.normalize.unicode import nfc, normalize_syllable, strip_marks

if TYPE_CHECKING:
    from sohoa.normalize.params import RestorerParams
    from sohoa.normalize.restore import Restorer


@dataclass
class Slot:
    token: int  # index into the token list; -1 for a punctuation unit
    options: list[Option]


def word_options(
    core: str,
    restorer: Restorer,
    profile: Profile,
    confirmed: frozenset[str] = frozenset(),
    expand: bool = False,
    letter_bonus: dict[tuple[str, str], float] | None = None,
    typed: bool = False,
) -> list[Option]:
    """Options for a word core: candidate syllables, and the core itself when unknown.

    ``confirmed`` syllables (sure elsewhere in the document) are offered even if pruned;
    ``expand``: a lone letter in running words may be a syllable shrunk to its first letter;
    ``letter_bonus``: the document's own letter misreadings (see document_letter_bonus);
    ``typed``: the text is typed (adaptation.looks_typed): a real syllable stays as written.
    """
    model, params = restorer.model, restorer.params
    composed = nfc(core)
    lower = composed.lower()
    normal = normalize_syllable(lower, model.style)  # type: ignore[arg-type]
    if typed and profile.trusts_letters and model.is_syllable(normal, strip_marks(normal)):
        return [(normal, normal, 0.0)]
    # Old OCR: an apostrophe after a vowel marks it (lu’o’ng, da’y): searched without it;
    # to the legacy engine any apostrophe between letters is a glyph's part (chL’rc).
    if profile.trusts_letters:
        search = composed
    elif profile.quotes_in_glyphs:
        search = INNER_QUOTE.sub("", composed)
    else:
        search = MARK_AFTER_VOWEL.sub("", composed)
    found, reserve = restorer.candidates(search, profile, expand)
    # Only confirmed syllables of the reserve are offered (none in the first pass).
    reserve = [item for item in reserve if item[0] in confirmed] if confirmed else []
    if letter_bonus:
        skeleton = ocr_skeleton(HORN_AFTER_VOWEL.sub("", lower))
        by_ocr = bonus_by_ocr_letter(letter_bonus)
        found = repriced(found, skeleton, by_ocr)
        reserve = repriced(reserve, skeleton, by_ocr)
    options: list[Option] = [(text, text, cost) for text, cost in _pruned(found, confirmed, params)]
    options += [(text, text, cost) for text, cost in reserve]
    if confirmed and expand and len(lower) == 1:
        # A shrunk syllable is likelier one the document uses than a rare one it begins.
        offered = {text for text, _, _ in options}
        options += [
            (text, text, PREFIX_COST + LONE_LETTER_COST)
            for text in sorted(confirmed)
            if text not in offered and strip_marks(text)[:1] == lower
        ]
    if (
        len(lower) >= params.foreign_min_length
        and not syllable_shaped(lower)
        and all(cost >= params.foreign_min_cost for _, _, cost in options)
    ):
        options = []  # an unknown foreign word (Python, LibreOffice): never "corrected"
    if (
        profile.trusts_letters
        and params.trusted_marked_cost
        and normal != strip_marks(normal)
        and model.is_syllable(normal, strip_marks(normal))
    ):
        options = [
            option
            if option[0] == normal
            else (option[0], option[1], option[2] + params.trusted_marked_cost)
            for option in options
        ]
    options = whole_options(options, composed, lambda tail: tail in model.syllables)
    return _with_core(options, core, composed, normal, restorer, profile)


def _pruned(
    found: list[tuple[str, float]], confirmed: frozenset[str], params: RestorerParams
) -> list[tuple[str, float]]:
    """Options far costlier than the best one never win against the LM: dropped early,
    but for syllables the document has confirmed (its OCR may misread them its way)."""
    if not found:
        return found
    ceiling = found[0][1] + params.option_margin
    beyond = (
        [
            (text, cost)
            for text, cost in found
            if cost > ceiling and text in confirmed and cost <= ceiling + params.confirmed_margin
        ]
        if confirmed
        else []
    )
    return [item for item in found if item[1] <= ceiling] + beyond[: params.confirmed_kept]


def _with_core(
    options: list[Option],
    core: str,
    composed: str,
    normal: str,
    restorer: Restorer,
    profile: Profile,
) -> list[Option]:
    """``options`` with the word as written: first and free if it is a syllable, else
    last, at the cost of keeping an unknown word (or alone, if nothing else is offered)."""
    model = restorer.model
    if normal in [text for text, _, _ in options]:
        return options
    if model.is_syllable(normal, strip_marks(normal)):
        options.insert(0, (normal, normal, 0.0))
        return options
    unit = word_unit(core, model.style) if not any(c.isdigit() for c in core) else "<code>"
    if unit not in ("<unk>", "<abbr>", "<code>"):
        unit = "<unk>"
    keep = profile.keep_unknown + model.unknown_word_penalty if options else 0.0
    options.append((composed, unit, keep))
    return options


# Characters English-model OCR reads for Đ (the spec's "P/D→Đ"; older engines print 0):
# tried inside codes only, and only where the result is a known code.
_D_STROKE_LOOKALIKES = frozenset("PpBbD0")
# A code's letter group, with a 0 among its letters (N0-CP): not a digit of its numbers.
_CODE_GROUP = regex.compile(r"(?<![\p{L}\d])[\p{L}0]*\p{L}[\p{L}0]*(?![\p{L}\d])")


def fix_code(core: str, model: RestorerModel, codes: frozenset[str]) -> str:
    """A code's letter groups change only into known codes; digits never change.

    A group that is itself a known code (``codes``: CP, GD, NĐ, TTg, as the clean sources
    and Nghị định 30's list write them) stays as written. Another one gets its marks when
    its marked form is a known code (QD → QĐ), or its Đ when an Đ look-alike the channel
    shows (P, B, D, 0) hid a known code (QP, Q0 → QĐ); else it stays too.
    """

    def fix(match: regex.Match[str]) -> str:
        part = match.group()
        if part in codes or len(part) < 2 or not part[0].isupper():
            return part
        marked = model.acronyms.get(part)
        if marked in codes and part.isupper():
            return marked  # type: ignore[return-value]
        for i, ch in enumerate(part):
            if ch in _D_STROKE_LOOKALIKES:
                candidate = part[:i] + "Đ" + part[i + 1 :]
                if candidate in codes:
                    return candidate
        return part

    return _CODE_GROUP.sub(fix, core)


# Words after which a lone letter names an item ("mục d", "điểm a", "khoản b", "phụ lục c").
_ITEM_WORDS = frozenset(
    "muc diem khoan phan tiet chuong loai nhom hang cap kieu dang mau luc bang hinh so".split()  # noqa: SIM905
)


def _in_running_words(
    tokens: list[Token], i: int, is_vietnamese: Callable[[str, str], bool]
) -> bool:
    """Whether the lone letter at ``i`` sits between two words on one line.

    Only there can it be a syllable the OCR shrank ("t chức"): next to digits it is a
    unit or a sign (3 x 4 m), before ')' or after "mục"/"điểm" a list letter, and at a
    line's start or end a label.
    """
    if i < 2 or i + 2 >= len(tokens):
        return False
    before, prev, after, nxt = tokens[i - 1], tokens[i - 2], tokens[i + 1], tokens[i + 2]
    if not (before.kind == after.kind == "space") or "\n" in before.text + after.text:
        return False
    if prev.kind != "word" or nxt.kind != "word" or len(prev.text) < 2 or len(nxt.text) < 2:
        return False
    if any(ch.isdigit() for ch in prev.text + nxt.text):
        return False
    before_key, after_key = strip_marks(prev.text).lower(), strip_marks(nxt.text).lower()
    return (
        before_key not in _ITEM_WORDS
        and is_vietnamese(prev.text, before_key)  # Vietnamese on both sides, not "vitamin c"
        and is_vietnamese(nxt.text, after_key)
    )


def _between_words(tokens: list[Token], i: int) -> bool:
    """Whether the token at ``i`` stands alone before a word, after no number: there a
    lone glyph is a syllable the OCR printed as a symbol, not a currency sign or a mark."""
    if i + 2 >= len(tokens) or tokens[i + 1].kind != "space" or tokens[i + 2].kind != "word":
        return False
    if i >= 1 and tokens[i - 1].kind != "space":
        return False
    before = tokens[i - 2] if i >= 2 else None
    if tokens[i].text == "&":  # it also joins names: Cash & Carry, Khoa học & Công nghệ
        return (
            before is not None
            and before.kind == "word"
            and before.text[-1:].islower()
            and tokens[i + 2].text[:1].islower()
        )
    return before is None or before.kind in ("word", "caps", "punct")


def _shrunk_before_name(
    tokens: list[Token], i: int, confirmed_pairs: dict[tuple[str, str], list[str]]
) -> list[str]:
    """The syllables a capital consonant before a capitalised word may have been shrunk
    from: those the document confirmed before that very word ("S Khoa học" = "Sở Khoa
    học", "B Công an" = "Bộ Công an"). Elsewhere such a capital is an initial or a label,
    so only a pair the document itself is sure of counts. ``confirmed_pairs``: the
    confirmed pairs' first syllables by (their first letter, the second without marks),
    as ``_pairs_by_initial`` indexes them."""
    core = tokens[i].text
    if not confirmed_pairs or not (core.isupper() and core.lower() in EXPANDABLE):
        return []
    if i + 2 >= len(tokens) or tokens[i + 1].kind != "space" or "\n" in tokens[i + 1].text:
        return []
    following = tokens[i + 2]
    if following.kind != "word" or not following.text[:1].isupper() or following.text.isupper():
        return []
    after = strip_marks(following.text).lower()  # as read: compared without its marks
    return confirmed_pairs.get((core.lower(), after), [])


def _pairs_by_initial(pairs: frozenset[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Confirmed pairs' first syllables by (first letter without marks, second syllable
    without marks), sorted: one look-up per capital instead of a pass over all pairs."""
    index: dict[tuple[str, str], set[str]] = {}
    for first, second in pairs:
        index.setdefault((strip_marks(first)[:1], strip_marks(second)), set()).add(first)
    return {key: sorted(firsts) for key, firsts in index.items()}


def _opens_words(tokens: list[Token], i: int) -> bool:
    """Whether the capital consonant at ``i`` opens a list item or sentence of words.

    There it is a first word the OCR shrank to its capital ("a) T chức" = "a) Tổ chức"):
    it stands at a line's start or after ")", "." or ":", and a lowercase word follows
    on its line (often garbled too: "T chirc"). Elsewhere a lone capital is an initial,
    a grade or a label.
    """
    core = tokens[i].text
    if not (core.isupper() and core.lower() in EXPANDABLE) or i + 2 >= len(tokens):
        return False
    after, nxt = tokens[i + 1], tokens[i + 2]
    if after.kind != "space" or "\n" in after.text or nxt.kind != "word":
        return False
    if len(nxt.text) < 2 or not nxt.text[0].islower():
        return False
    if i == 0 or "\n" in tokens[i - 1].text:
        return True
    return (
        i >= 2
        and tokens[i - 1].kind == "space"
        and tokens[i - 2].kind == "punct"
        and tokens[i - 2].text[-1:] in ").:"
    )


def token_slots(
    tokens: list[Token],
    restorer: Restorer,
    profile: Profile,
    confirmed: frozenset[str] = frozenset(),
    letter_bonus: dict[tuple[str, str], float] | None = None,
    confirmed_pairs: frozenset[tuple[str, str]] = frozenset(),
    typed: bool = False,
) -> list[Slot]:
    """Each token's slot, for one pass over a text; ``confirmed``, ``letter_bonus``,
    ``confirmed_pairs`` and ``typed``: what the first pass found (normalize/adaptation.py)."""
    run_in_old_ocr = restorer.params.foreign_run_in_old_ocr
    if profile.trusts_letters:
        foreign = foreign_words(tokens)
    else:
        foreign = foreign_words(tokens, run_in_old_ocr) if run_in_old_ocr else set()
    maker = _SlotMaker(
        tokens,
        restorer,
        profile,
        confirmed,
        letter_bonus,
        typed,
        _pairs_by_initial(confirmed_pairs),
    )
    slots: list[Slot] = []
    for i, token in enumerate(tokens):
        if token.kind == "space":
            continue
        if i in foreign:
            slots.append(Slot(i, maker.kept_as(token.text, "<unk>")))
        elif token.kind == "punct":
            slots.extend(
                Slot(-1, maker.kept_as(ch, PUNCT_UNITS[ch]))
                for ch in token.text
                if ch in PUNCT_UNITS
            )
        else:
            slots.append(Slot(i, maker.options_at(i)))
    return slots


@dataclass
class _SlotMaker:
    """The options of one pass's tokens, shared between repeats of a word or a kept text."""

    tokens: list[Token]
    restorer: Restorer
    profile: Profile
    confirmed: frozenset[str]
    letter_bonus: dict[tuple[str, str], float] | None
    typed: bool
    pairs_by_initial: dict[tuple[str, str], list[str]]
    seen: dict[str, list[Option]] = field(default_factory=dict)  # per word core (+: expanded)
    fixed: dict[tuple[str, str], list[Option]] = field(default_factory=dict)  # per kept text
    last_marker: str = ""  # the letter of the last list marker seen

    def options_for(self, core: str, expand: bool = False) -> list[Option]:
        key = core + "+" if expand else core
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = word_options(
                core,
                self.restorer,
                self.profile,
                self.confirmed,
                expand,
                letter_bonus=self.letter_bonus,
                typed=self.typed,
            )
        return found

    def kept_as(self, text: str, unit: str) -> list[Option]:
        found = self.fixed.get((text, unit))
        if found is None:
            found = self.fixed[(text, unit)] = [(text, unit, 0.0)]
        return found

    def vietnamese(self, text: str, key: str) -> bool:
        """A syllable, or a token the OCR garbled that reads as one cheaply (dir = dữ)."""
        if key in self.restorer.model.syllables:
            return True
        found = self.restorer.candidates(nfc(text), self.profile)[0]
        return bool(found) and found[0][1] <= self.restorer.params.garbled_word_cost

    def options_at(self, i: int) -> list[Option]:
        """The options of token ``i``, neither a space nor punctuation nor foreign."""
        tokens, restorer = self.tokens, self.restorer
        kind, core = tokens[i].kind, tokens[i].text
        if kind == "number":
            return self.kept_as(core, "<num>")
        if kind in ("word", "caps") and section_numeral(tokens, i):
            return self.kept_as(core, word_unit(core, restorer.model.style))
        if (
            len(core) == 1
            and (kind == "word" or core in LETTER_GLYPHS)
            and tokens[i + 1 : i + 2]
            and tokens[i + 1].text[:1] == ")"
        ):
            return self.list_marker(core)
        if core in LONE_GLYPHS and _between_words(tokens, i):
            return self.options_for(core)
        if kind == "code" and self.profile.quotes_in_glyphs and QUOTED_GLYPHS.match(core):
            return self.options_for(core)  # chL’rc: a word to this engine
        if kind in ("code", "url", "other"):
            fixed_code = fix_code(core, restorer.model, restorer.codes) if kind == "code" else core
            return self.kept_as(fixed_code, "<code>")
        if kind == "caps":
            return self.caps(core)
        if core in restorer.codes and any(ch.isupper() for ch in core[1:]):
            # a known code with a capital inside (TTg, CTrTT), read apart from its numbers
            # ("QĐ - TTg"): a word to the tokenizer, never a syllable in disguise; its LM
            # unit is the one the model was built with (<unk>)
            return self.kept_as(core, word_unit(core, restorer.model.style))
        if len(core) == 1 and (
            (core.islower() and _in_running_words(tokens, i, self.vietnamese))
            or _opens_words(tokens, i)
        ):
            return self.options_for(core, expand=True)
        if shrunk := _shrunk_before_name(tokens, i, self.pairs_by_initial):
            # "với S Khoa học" = "với Sở Khoa học", where the document confirmed "Sở Khoa"
            return self.options_for(core) + [(s, s, PREFIX_COST) for s in shrunk]
        return self.options_for(core)

    def list_marker(self, core: str) -> list[Option]:
        """A list marker: a) b) c) d) đ) e). OCR without đ prints "d)" twice in a row;
        older engines print ¢ for c ("¢)" = "c)", tokens.LETTER_GLYPHS)."""
        letter = LETTER_GLYPHS.get(core, core)
        letter = "đ" if letter in "dD" and self.last_marker == "d" else letter
        letter = letter.upper() if core.isupper() else letter
        self.last_marker = letter.lower()
        return self.kept_as(letter, "<abbr>")

    def caps(self, core: str) -> list[Option]:
        """A word in capitals: a known code or acronym as such, else a syllable's options."""
        model, codes = self.restorer.model, self.restorer.codes
        key = strip_marks(core)
        if core in codes and not syllable_shaped(core.lower()):
            return self.kept_as(core, "<abbr>")  # a known code: GD, CP, UBND
        if key in model.acronyms and core == key:
            return self.kept_as(model.acronyms[key], "<abbr>")
        if HORN_AFTER_VOWEL.sub("", key).lower() in model.syllables:
            return self.options_for(core)
        # An unknown acronym stays, unless an Đ look-alike hid a known one: HPND (not in
        # two letters: CP, BH are acronyms of their own)
        acronym = fix_code(core, model, codes) if len(core) > 2 else core
        return self.kept_as(acronym, "<abbr>")
