"""Split text into tokens the restorer may or may not touch, keeping every character.

``tokenize(text)`` returns pieces whose texts concatenate back to ``text`` exactly:
whitespace, punctuation and the *cores* of words. Each core gets a kind:

* ``word``      letters (possibly with digits OCR put for letters, "s6" = "số"): restorable
* ``caps``      ALL-CAPS letters: a heading word ("HOẠCH") or an acronym (UBND), decided later
* ``number``    digits with separators: 2026-2030, 10/8/2018, 5.000, 1,5 — never changed
* ``code``      digits and letters mixed with / - . &: 523/QĐ-UBND, KH&CN — only letters
                may be normalised, digits never change
* ``url``       URLs and e-mail addresses — never changed
* ``other``     anything else (symbols) — never changed
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal, NamedTuple

import regex

Kind = Literal["space", "punct", "word", "caps", "number", "code", "url", "other"]

_PIECES = regex.compile(r"\s+|\S+")
_URL = regex.compile(r"^(?:https?://|www\.)\S+$|^[\w.+-]+@[\w-]+\.[\w.]+$", regex.IGNORECASE)
# What every match of _URL starts with ("http", "www."), unless it holds an "@": chunks
# without either are not matched against it (a regex match per chunk costs a lot).
_URL_STARTS = ("http", "www.")
_NUMBER = regex.compile(r"^[+-]?\d+(?:[.,:/-]\d+)*%?$")
_LETTERS_DIGITS = regex.compile(r"^[\p{L}\d]+$")
# Symbols English-model OCR puts for a marked vowel, inside or at the end of a letter run
# (nghi¢p, s&, ch}'rc, quz}n, nu@c): still a word, one token with its letters.
MARK_GLYPHS = "&¢€©®£¥§°~^`´¨{}@"
# Glyphs older English-model engines print for a letter at a word's start (¢6 = có,
# "¢)" = "c)": the seeds' old OCR, 000 and 003): such a core is a word, not a code; the
# channel reads the glyph as the letter (channel.OLDER_ENGINE_CONFUSIONS).
LETTER_GLYPHS = {"¢": "c"}
_LETTER_GLYPH_WORD = regex.compile(r"^[¢](?:\p{Ll}|[013456])+$")
# English-model OCR prints the horn of ư/ơ as an apostrophe: vu'c = vực, hu’ong = hương.
HORNS = "'’‘"
HORN_AFTER_VOWEL = regex.compile(r"(?<=[uoUO])['’‘]")
# A capital right after a small letter ending a word ("SởY tế": "Sở Y tế" glued by OCR)
# opens the next word: no option may drop its letters (the channel data never does).
GLUED_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}$")
# Capitals with a horn after U or O, at the end too: THU'C = THỰC, DU’ = DỰ, DU’O’NG = DƯƠNG
_CAPS_WITH_HORN = regex.compile(r"^(?:\p{Lu}*[UO]['’‘])+\p{Lu}*$")
_WORD_WITH_SYMBOLS = regex.compile(r"^\p{L}+[¢€©®£¥§°~^`´¨@]\p{L}*$")
# Lowercase letters (or one capital) with glyphs, an apostrophe or quote among them; not
# an acronym such as KH&CN (two capitals before the glyph).
_WORD_WITH_GLYPHS = regex.compile(
    r"^(?:\p{Lu}|\p{Ll}+|\p{Lu}\p{Ll}+)(?:[&¢€©®£¥§°~^`´¨{}@?'‘’]+\p{Ll}+)*[&¢€©®£¥§°~^`´¨{}@?'‘’]*$"
)
# Inside lowercase letters, a question mark is a marked vowel too (cht?c = chức), and so
# is an apostrophe after a vowel: the legacy engine's mark (da’y = đẩy, chua'n = chuẩn,
# dé’n = đến) or an i that was a u (ti’c = tức); not in "don't".
_MARKED_VOWELS = "aeiyàáảãạâấầẩẫậăắằẳẵặèéẻẽẹêếềểễệìíỉĩịỳýỷỹỵòóỏõọôốồổỗộùúủũụ"
_VOWEL_MARK = rf"(?<=(?i:[{_MARKED_VOWELS}]))['’‘](?=\p{{Ll}})"
_INNER_GLYPH = regex.compile(r"(?<=\p{L})\?(?=\p{Ll}|$)|" + _VOWEL_MARK)
# Every apostrophe that marks the vowel before it (a horn or a legacy engine's mark): what
# the candidate search of old OCR drops, the letters around it being the syllable's.
MARK_AFTER_VOWEL = regex.compile(r"(?<=[uoUO])['’‘]|" + _VOWEL_MARK)
# A core of letters and digits joined by apostrophes: to an engine that prints glyph parts
# so (Profile.quotes_in_glyphs), a word (chL’rc = chức, nhfi’ng = những); else a code.
QUOTED_GLYPHS = regex.compile(r"^[\p{L}\d]+(?:['’‘][\p{L}\d]+)+$")
INNER_QUOTE = regex.compile(r"(?<=[\p{L}\d])['’‘](?=[\p{L}\d])")
# Punctuation that may stick to a word core on either side; inner punctuation stays.
_EDGE = "\"'“”‘’«»()[]{}<>.,;:!?…–—-*•·/\\|"

# Digits that OCR (English model) puts for letters inside words: s6 = số, 16p = lớp.
LETTERLIKE_DIGITS = set("013456")
MAX_DIGITS_IN_WORD = 2
# At the start of a sentence the same confusion gives T6 = Tổ, H6i = Hội, X4y = Xây: one
# vowel-like digit in a Capitalised word (or a capital and a 6) is still a word. Codes such
# as B2 or ISO9001 stay codes; the decoder keeps the original if the LM does not prefer a
# syllable.
CAPITALISED_DIGITS = set("046")


class Token(NamedTuple):
    """One piece of a text (a named tuple: a page makes thousands, cheaper than a dataclass)."""

    text: str
    kind: Kind
    start: int  # character offset in the tokenized text


def _split_edges(chunk: str) -> tuple[str, str, str]:
    """Leading punctuation, core, trailing punctuation of a whitespace-free chunk."""
    if chunk[:1] not in _EDGE and chunk[-1:] not in _EDGE:  # ("" is in every string)
        return "", chunk, ""  # the common case: nothing to split off (and none to keep)
    start, end = 0, len(chunk)
    while start < end and chunk[start] in _EDGE:
        start += 1
    while end > start and chunk[end - 1] in _EDGE:
        end -= 1
    # An apostrophe right after u/o is the horn of ư/ơ (tu’ = tư), not a closing quote.
    if (
        start < end < len(chunk)
        and chunk[end] in HORNS
        and chunk[end - 1] in "uoUO"
        and not any(ch in HORNS for ch in chunk[:start])
    ):
        end += 1
    # A brace right after letters is a marked vowel OCR misread (tinl}, v}), not punctuation.
    while (
        end > start
        and end < len(chunk)
        and chunk[end] in "{}"
        and chunk[end - 1].isalpha()
        and "{" not in chunk[:start]
    ):
        end += 1
    # Keep a final '.' on abbreviations such as "TP." only if it is inside a number/code.
    return chunk[:start], chunk[start:end], chunk[end:]


@lru_cache(maxsize=65536)  # a document repeats its words: each is judged once
def core_kind(core: str) -> Kind:
    if _URL.match(core):
        return "url"
    if _NUMBER.match(core):
        return "number"
    letters = sum(ch.isalpha() for ch in core)
    digits = sum(ch.isdigit() for ch in core)
    if _LETTER_GLYPH_WORD.match(core) and digits <= MAX_DIGITS_IN_WORD:
        return "word"
    if letters == 0:
        return "other" if not digits else "code"
    if _WORD_WITH_SYMBOLS.match(core) or (
        _WORD_WITH_GLYPHS.match(core)
        and (
            any(ch in MARK_GLYPHS for ch in core)
            or HORN_AFTER_VOWEL.search(core)
            or _INNER_GLYPH.search(core)
        )
    ):
        return "word"
    if _CAPS_WITH_HORN.match(core) and letters > 1:
        return "caps"  # THU'C = THỰC
    if _LETTERS_DIGITS.match(core):
        if digits == 0:
            upper = sum(ch.isupper() for ch in core)
            return "caps" if upper == letters and letters > 1 else "word"
        if (
            digits <= MAX_DIGITS_IN_WORD
            and len(core) <= 7
            and set(ch for ch in core if ch.isdigit()) <= LETTERLIKE_DIGITS
            and not core[0].isupper()
            and any(ch.islower() for ch in core)
        ):
            return "word"
        if (
            digits == 1
            and len(core) <= 7
            and core[0].isupper()
            and set(ch for ch in core if ch.isdigit()) <= CAPITALISED_DIGITS
            and (all(ch.islower() for ch in core[1:] if ch.isalpha()) and letters > 1)
        ) or (len(core) == 2 and core[0].isupper() and core[1] == "6"):
            return "word"
        return "code"
    return "code"


# A "?" closing letters before a lowercase word or a number on the same line is no
# question mark (Vietnamese puts none there) but a marked vowel: thi? hai = thứ hai.
_GLYPH_QUESTION = regex.compile(r"(?<=\p{L})\?(?=[ \t]+[\p{Ll}\d])")


def tokenize(text: str) -> list[Token]:
    """All pieces of ``text`` in order; ``"".join(t.text for t in tokens) == text``."""
    tokens: list[Token] = []
    glyph_ends = {m.end() for m in _GLYPH_QUESTION.finditer(text)} if "?" in text else ()
    for match in _PIECES.finditer(text):
        chunk, offset = match.group(), match.start()
        if match.end() in glyph_ends and chunk[-2:-1].isalpha():
            lead, core, _ = _split_edges(chunk[:-1])
            if core and not _split_edges(chunk[:-1])[2] and core_kind(core + "?") == "word":
                if lead:
                    tokens.append(Token(lead, "punct", offset))
                tokens.append(Token(core + "?", "word", offset + len(lead)))
                continue
        if chunk.isspace():
            tokens.append(Token(chunk, "space", offset))
            continue
        if ("@" in chunk or chunk[:4].lower() in _URL_STARTS) and _URL.match(chunk.rstrip(".,;:)")):
            core = chunk.rstrip(".,;:)")
            tokens.append(Token(core, "url", offset))
            if len(core) < len(chunk):
                tokens.append(Token(chunk[len(core) :], "punct", offset + len(core)))
            continue
        lead, core, trail = _split_edges(chunk)
        if not core:
            tokens.append(Token(chunk, "punct", offset))
            continue
        if lead:
            tokens.append(Token(lead, "punct", offset))
        tokens.append(Token(core, core_kind(core), offset + len(lead)))
        if trail:
            tokens.append(Token(trail, "punct", offset + len(lead) + len(core)))
    return tokens


def line_starts(text: str) -> list[int]:
    """The offset in ``text`` where each of its lines starts (an Edit's ``line`` indexes it)."""
    return [0, *(k + 1 for k, ch in enumerate(text) if ch == "\n")]


def is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


# The letters of a section's Roman numeral and those English-model OCR reads one as (II as
# "H", "Il" or "ll": "HI" is III; IV as "Iv" or "lv"), which a numeral of 2 to 4 letters is
# made of.
ROMAN_LOOKALIKES = frozenset("IVXLHlv")
_NUMERAL_LETTERS = range(2, 5)
# What opens a line before a numeral (a table's ruling) and what follows one: "VI. Tổ
# chức", "| IV | Hỗ trợ", "HI . ° ° ° 6.000".
_RULINGS = frozenset("|[(")
_AFTER_NUMERAL = ".)|"


def section_numeral(tokens: list[Token], i: int) -> bool:
    """Whether the token at ``i`` is a section's numeral as read: made of Roman-numeral
    letters or their look-alikes (``ROMAN_LOOKALIKES``), at a line's start (after a
    table's ruling at most), followed by a period, ")" or a ruling and more on its line.

    There it is a label, not prose ("VI." is no "VỊ.", "ll." no "lự."): kept as written,
    so that a table's rows keep their numbers. A short capital word ending a wrapped
    heading ("…KẾ\nHOẠCH.") has nothing after its period and is still a word.
    """
    core = tokens[i].text
    if len(core) not in _NUMERAL_LETTERS or not set(core) <= ROMAN_LOOKALIKES:
        return False
    before = i - 1
    if before >= 0 and tokens[before].kind == "space" and "\n" not in tokens[before].text:
        before -= 1  # "| VI": the space after a ruling
    if before >= 0 and tokens[before].kind == "punct" and set(tokens[before].text) <= _RULINGS:
        before -= 1
    if before >= 0 and not (tokens[before].kind == "space" and "\n" in tokens[before].text):
        return False  # not at a line's start
    after = i + 1
    if after < len(tokens) and tokens[after].kind == "space" and "\n" not in tokens[after].text:
        after += 1  # "HI ."
    if after >= len(tokens) or tokens[after].kind != "punct":
        return False
    if tokens[after].text[0] not in _AFTER_NUMERAL:
        return False
    rest = tokens[after + 1 : after + 3]  # more on the line after the punctuation
    return any(t.kind != "space" for t in rest) and not (rest and "\n" in rest[0].text)
