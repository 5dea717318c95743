"""What a line of a budget with one amount column holds, read by old OCR across the columns
(``one_amount``): its row number, its amount (the last number, only specks or the source
cell's words after it), or a total row's label and amount; the source cell's words; and
which amounts the total rows show to be numbers of the text."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.amounts import looks_like_amount, try_amount
from sohoa.extract.cell_noise import CONTENT, token_kind
from sohoa.extract.flattened_lines import total_label
from sohoa.extract.interleaved import NOT_ROW_NUMBER, ROW_NUMBER
from sohoa.extract.numbering import next_numbers
from sohoa.extract.rebuild_edits import TOTAL_LABEL, TOTAL_LABEL_CONFIDENCE, note, note_moves
from sohoa.extract.structure import clean, fold
from sohoa.extract.total_rows import total_row_amounts, total_row_label


def near(word: str, name: str) -> bool:
    """``word`` is ``name``, or for a name of four letters or more, one slip from it."""
    return word == name or (len(name) >= 4 and Levenshtein.distance(word, name) <= 1)


TAIL_MAX = 3  # tokens after a row's amount on its line: the source column's, or specks
# words of a funding source cell ("Nguồn sự nghiệp KH&CN hằng năm của tỉnh", "Ngân sách
# tỉnh", "Vốn đầu tư"), folded: an administrative vocabulary
SOURCE_WORDS = {
    *("nguon", "su", "nghiep", "khcn", "hang", "nam", "cua", "tinh", "ngan", "sach"),
    *("von", "dau", "tu", "kinh", "phi", "trung", "uong", "dia", "phuong", "xa", "hoi"),
    *("hoa", "khac"),
}
SOURCE_STARTS = ("nguon", "ngan", "von")  # a source cell's first word


def is_speck(token: str) -> bool:
    """A speck read as text: a lone letter or digit, signs, two letters no syllable
    (``cell_noise.token_kind``); not "lý.", a word."""
    return token_kind(token) != CONTENT


def _is_short(token: str) -> bool:
    """A token of two letters at most (signs aside): a speck, or one the restorer dressed
    as a syllable ("ee" made "sẽ")."""
    return len(regex.sub(r"[^\p{L}\p{N}]", "", token)) <= 2


def opens_source(token: str) -> bool:
    """Is ``token`` a source cell's first word ("Nguồn", "Ngu6n", "Ngân", "Vốn")?"""
    word = fold(token)
    return word.startswith(SOURCE_STARTS) or near(word[:5], "nguon")


def is_source_word(token: str) -> bool:
    """A word of a funding source cell, its first ("Nguồn") with one slip ("Ngudn")."""
    word = fold(token)
    return word in SOURCE_WORDS or (len(word) >= 5 and near(word, "nguon"))


# source words that the agencies' names and the task's text hold too ("thị xã", "Trung tâm",
# "địa bàn", "hội nghị"): a source's only in their phrase, both words on the line
PHRASES = (("xa", "hoi"), ("trung", "uong"), ("dia", "phuong"))


def is_source_word_at(words: list[str], k: int, before: str = "") -> bool:
    """Is ``words[k]`` a word of a funding source cell: a source word, one of a ``PHRASES``
    pair only beside its other word ("xã hội", not "thị xã,"), and "nghiệp" only after "sự"
    (on the line, or ``before``: the source's last word on the lines above), not after
    "doanh" (a partner's "doanh nghiệp" wrapped beside it)?"""
    word = fold(words[k])
    if word == "nghiep":
        return fold(before) == "su" or (k > 0 and fold(words[k - 1]) == "su")
    for first, second in PHRASES:
        if word == first:
            return k + 1 < len(words) and fold(words[k + 1]) == second
        if word == second:
            return k > 0 and fold(words[k - 1]) == first
    return is_source_word(words[k])


def _amount_at(tokens: list[str], numbered: bool) -> int | None:
    """Index of the row's amount among a line's tokens: the last amount (two digits at
    least, no year), followed by at most ``TAIL_MAX`` tokens each a speck or a word of the
    source cell ("nghiệp", "KH&CN hằng"); not before "(" (a phrase of the text: "996 (từ
    năm"), nor before the source's first word "Nguồn" on a line with no row number (the
    cell opens above the middle line of a row of many lines: "10 Nguồn kinh" is the
    text's)."""
    for k in range(len(tokens) - 1, max(-1, len(tokens) - TAIL_MAX - 2), -1):
        token = tokens[k].strip("|[]{}")
        if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d{2,4}", token) and looks_like_amount(token):
            if regex.fullmatch(r"20\d\d", token):
                return None
            tail = tokens[k + 1 :]
            opens = any(opens_source(t) for t in tail) and not numbered
            return None if opens or any("(" in t for t in tail) else k
        if not (_is_short(tokens[k]) or is_source_word(tokens[k])):
            return None
    return None


@dataclass
class Line:
    """A line read across: its row number, amount, total label and remaining words."""

    number: str | None = None
    amount: str | None = None
    total: str = ""  # a total row's label: "Tổng", "Tổng cộng"
    words: list[str] = field(default_factory=list)
    at: int = 0  # where the amount was among the words

    def amount_to_text(self) -> None:
        """The amount is a number of the task's text ("triển khai ở 10"): back in place."""
        if self.amount is not None:
            read = self.amount, " ".join(self.words)
            self.words.insert(self.at, self.amount)
            self.amount = None
            note_moves(read, ("", " ".join(self.words)))

    @property
    def anchors(self) -> bool:
        return self.number is not None or self.amount is not None or self.total


LABEL_LINE_TOKENS = 2  # tokens of a line holding a piece of a total's label, at most


def _label_piece(line: Line) -> bool:
    """A line that may hold a piece of a total's label: no anchor, a token or two."""
    return not line.anchors and 0 < len(line.words) <= LABEL_LINE_TOKENS


def totals_across_lines(lines: list[Line]) -> list[Line]:
    """``lines`` with each total row whose label old OCR broke over the lines around its
    amount ("Tồn" / "g có 6.365" / "nợ" for "Tổng cộng 6.365") read as one total line: an
    amount with no row number, and words of its line and of short lines right above and
    below it (``_label_piece``) that fold to "tổng cộng" (one slip) or "tổng"."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        above = bool(out) and _label_piece(out[-1])
        below = k + 1 < len(lines) and _label_piece(lines[k + 1])
        if line.amount is None or line.number is not None or line.total or not line.words:
            out.append(line)
            k += 1
            continue
        pieces = [*(out[-1].words if above else []), *line.words]
        pieces += lines[k + 1].words if below else []
        label = fold(" ".join(pieces))
        whole = Levenshtein.distance(label, "tongcong") <= 1 or label == "tong"
        if not whole:
            out.append(line)
            k += 1
            continue
        if above:
            out.pop()
        out.append(Line(amount=line.amount, total=total_label(" ".join(pieces))))
        note(" ".join(pieces), out[-1].total, TOTAL_LABEL_CONFIDENCE, TOTAL_LABEL)
        k += 2 if below else 1
    return out


def read_line(text: str, previous: str | None) -> Line:
    """One line: a total row, or the words with the row number (one that may follow
    ``previous``, or any before an amount) and the amount taken out."""
    amounts = total_row_amounts(text)
    if amounts is not None and (amounts == "" or looks_like_amount(amounts)):
        line = Line(amount=amounts or None, total=total_label(text))
        note(total_row_label(text), line.total, TOTAL_LABEL_CONFIDENCE, TOTAL_LABEL)
        return line
    text = clean(text)
    number = None
    match = ROW_NUMBER.match(text)
    if match and not NOT_ROW_NUMBER.match(text):
        number, text = match.group(1).rstrip("."), text[match.end() :]
    tokens = regex.sub(r"\|", " | ", text).split()  # a ruling read glued to a word: apart
    at = _amount_at(tokens, number is not None)
    amount = tokens[at].strip("|[]{}") if at is not None else None
    if number is not None and amount is None and number not in next_numbers(previous):
        tokens, number = [number, *tokens], None  # a number of the text, not the row's
    words = [t for k, t in enumerate(tokens) if k != at]
    return Line(number=number, amount=amount, words=words, at=at or 0)


def numbers_of_the_text(lines: list[Line]) -> None:
    """Amounts read on lines with no row number that the total rows show to be numbers of
    the task's text ("mỗi năm triển khai ở 10"): where the amounts since the last total do
    not add up to the next, and leaving out one such amount (one only) makes them add up,
    that one goes back to its line's text. No digit is changed."""
    block: list[Line] = []
    for line in lines:
        if not line.total:
            block += [line] if line.amount is not None else []
            continue
        total = try_amount(line.amount)
        values = [try_amount(b.amount) for b in block]
        if total is not None and None not in values and sum(values) != total:  # type: ignore[arg-type]
            out = [
                b
                for b, v in zip(block, values, strict=True)
                if b.number is None and sum(values) - v == total  # type: ignore[operator]
            ]
            if len(out) == 1:
                out[0].amount_to_text()
        block = []
