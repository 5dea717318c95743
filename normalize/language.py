"""Is this Vietnamese? Text in another language is left exactly as read.

The restorer reads every word as a (possibly mangled) Vietnamese syllable: on English,
French or German text it would turn "is" into "in" and "an" into "ấn". Text is judged by the
share of its words that are well-formed Vietnamese syllables, marks or not. Measured: the
clean seeds 99.7-100 %, the old English-model OCR of them (000, 003) 74-78 % (its passages
down to 50 %); English licence texts 19-22 % (passages up to 40 %), French and German prose
about 15 %. A whole text is judged at the midpoint; a passage inside Vietnamese text only
when it is clearly foreign, since a badly garbled Vietnamese paragraph must still be restored.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import regex

from sohoa.corpus.units import syllable_shaped
from sohoa.normalize.tokens import Token
from sohoa.normalize.unicode import nfc
from sohoa.ocr.text_quality import is_vietnamese_syllable

TEXT_MIN_SHARE = 0.45  # a whole text (a file, a page) below this is not Vietnamese
PASSAGE_MIN_SHARE = 0.30  # a passage of Vietnamese text below this is another language
MIN_WORDS_TO_JUDGE = 8  # shorter passages go with the text around them
_PASSAGE_BREAK = regex.compile(r"\n[ \t]*\n")  # a blank line ends a passage
_WORD = regex.compile(r"\p{L}+")


@dataclass(frozen=True)
class Verdict:
    words: int
    vietnamese_share: float

    def below(self, share: float) -> bool:
        return self.words >= MIN_WORDS_TO_JUDGE and self.vietnamese_share < share

    @property
    def foreign(self) -> bool:
        return self.below(TEXT_MIN_SHARE)


def judge(text: str) -> Verdict:
    """The verdict on a whole text: its passages' words counted together.

    ``restore`` and ``restore_text`` both decide through here, so a file the command lets
    through is never found foreign by the restorer, and the other way round.
    """
    return _whole(_passages(text))


def foreign_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of ``text`` that are not Vietnamese: all of it, or the
    passages (separated by blank lines) that are clearly in another language."""
    passages = _passages(text)
    if _whole(passages).foreign:
        return [(0, len(text))]
    return [(start, end) for start, end, v in passages if v.below(PASSAGE_MIN_SHARE)]


def _passages(text: str) -> list[tuple[int, int, Verdict]]:
    """(start, end, verdict) of each passage; a blank line ends a passage."""
    passages = []
    start = 0
    for found in [*_PASSAGE_BREAK.finditer(text), None]:
        end = found.start() if found else len(text)
        passages.append((start, end, _judge_passage(text[start:end])))
        start = found.end() if found else len(text)
    return passages


def _whole(passages: list[tuple[int, int, Verdict]]) -> Verdict:
    words = sum(v.words for _, _, v in passages)
    valid = sum(v.words * v.vietnamese_share for _, _, v in passages)
    return Verdict(words, valid / words if words else 1.0)


def _judge_passage(text: str) -> Verdict:
    """Share of Vietnamese syllables among the words that tell languages apart.

    Single letters (list markers, units) belong to no language; nor do acronyms (UBND,
    KH&CN, ISO) in text with lower-case words. In text all in capitals every word counts.
    """
    words = [w for w in _WORD.findall(nfc(text)) if len(w) > 1]
    if sum(not w.isupper() for w in words) >= 3:
        words = [w for w in words if not w.isupper() or _syllable(w)]
    valid = sum(_syllable(w) for w in words)
    return Verdict(len(words), valid / len(words) if words else 1.0)


@functools.lru_cache(maxsize=65536)
def _syllable(word: str) -> bool:
    return is_vietnamese_syllable(word)


_PLAIN_LETTERS = regex.compile(r"^[A-Za-z]+$")


def foreign_words(tokens: list[Token], run: int = 1) -> set[int]:
    """Token indexes of words in another language.

    In text with trusted marks, a word of plain ASCII letters that spells no Vietnamese
    syllable (this, should, Office) is foreign: a Vietnamese OCR model or a typist would
    have written its marks. So are the plain words joined to it in its clause (be, on in
    "This should be on the list"): a foreign phrase is read as a whole. With ``run`` 2
    (old OCR without marks, where every word is plain and one such word is as likely
    garbled Vietnamese), a clause needs two or more such words of 3+ letters, making up
    half the words from the first such word to the last; that span is the phrase.
    """
    plain = [
        i
        for i, t in enumerate(tokens)
        if t.kind in ("word", "caps") and _PLAIN_LETTERS.match(t.text)
    ]
    seeds = {
        i for i in plain if len(tokens[i].text) > 1 and not syllable_shaped(tokens[i].text.lower())
    }
    if not seeds:
        return set()

    def joined(a: int, b: int) -> bool:
        """Plain words a < b with only spaces and in-clause punctuation between."""
        return all(
            (t.kind == "space" and "\n" not in t.text)
            or (t.kind == "punct" and t.text in _IN_CLAUSE)
            for t in tokens[a + 1 : b]
        )

    chains: list[list[int]] = []  # runs of plain words joined one to the next
    for previous, current in itertools.pairwise([-1, *plain]):
        if chains and joined(previous, current):
            chains[-1].append(current)
        else:
            chains.append([current])
    foreign: set[int] = set()
    for chain in chains:
        found = [k for k, i in enumerate(chain) if i in seeds]
        if run > 1:
            long_ones = sum(len(tokens[chain[k]].text) > 2 for k in found)
            if long_ones >= run and len(found) * 2 >= found[-1] - found[0] + 1:
                foreign.update(chain[found[0] : found[-1] + 1])
        elif found:
            foreign.update(chain)
    return foreign


_IN_CLAUSE = frozenset([",", "(", ")", '"', "'", "“", "”", "-", "–", "/"])
