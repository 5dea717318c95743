"""Build a restorer model from clean Vietnamese sources.

Sources are files (or folders of ``*.txt``) of three kinds, decided by name:

* running text (default): counted as n-grams, the heart of the language model;
* word lists (hunspell ``*.dic`` files, and files whose lines are nearly all 1-6 words):
  one word per line, each counted as a short stream, so multi-syllable words ("đo
  lường") become bigrams even when no running text contains them.

Running texts named as in-domain (``domain``: administrative texts) are also counted into
an LM of their own, mixed with the LM of every source (corpus/mixed_lm.py).

Every syllable is normalised (NFC, the tone on the vowel the style puts it on) before it
is counted, so the restorer's output follows one convention.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path

from sohoa.corpus.channel_learn import learn_channel
from sohoa.corpus.model import RestorerModel, pack_candidates
from sohoa.corpus.trigram_lm import DOMAIN_WEIGHT, kneser_ney
from sohoa.corpus.units import BOS, PUNCT_UNITS, WORD_START, syllable_shaped, word_unit
from sohoa.errors import SohoaError
from sohoa.normalize.tokens import tokenize
from sohoa.normalize.unicode import ToneStyle, repair_legacy, strip_marks


def text_units(text: str, style: ToneStyle = "classic") -> Iterator[str]:
    """The LM units of a running text, in order."""
    for token in tokenize(repair_legacy(text)):
        if token.kind == "space":
            continue
        if token.kind == "punct":
            for ch in token.text:
                if ch in PUNCT_UNITS:
                    yield PUNCT_UNITS[ch]
        elif token.kind in ("word", "caps"):
            if any(ch.isdigit() for ch in token.text):
                yield "<code>"
            else:
                yield word_unit(token.text, style)
        elif token.kind == "number":
            yield "<num>"
        elif token.kind in ("code", "url"):
            yield "<code>"


# The code vocabulary's built-in part: the abbreviations of Nghị định 30/2020/NĐ-CP and the
# issuers its codes name (clean sources write few codes: NĐ-CP 3 times in ~1M tokens).
CODE_LIST = Path(__file__).resolve().parent / "sources" / "codes-nd30.txt"
_LETTER_GROUP = re.compile(r"[^\W\d_]+")


def code_parts(text: str) -> Iterator[str]:
    """The letter groups of a text's codes and acronyms as written: CP, NĐ, TTg, UBND.

    A group of 2+ letters with 2+ capitals (TTg: Thủ tướng), inside a code (523/QĐ-UBND,
    GD&ĐT) or an ALL-CAPS token that spells no syllable (UBND, not a heading's HOẠCH); not a
    word with its Shift key held too long (BIểu: ``shift_held``).
    """
    for token in tokenize(text):
        if token.kind == "code" or (
            token.kind == "caps" and not syllable_shaped(token.text.lower())
        ):
            for part in _LETTER_GROUP.findall(token.text):
                capitals = sum(ch.isupper() for ch in part)
                if len(part) > 1 and part[0].isupper() and capitals > 1 and not shift_held(part):
                    yield part


def shift_held(part: str) -> bool:
    """A word typed with the Shift key held a letter too long (BIểu, NNăm, LInux), not an
    abbreviation: two capitals, then lower case spelling a vowel. A code's lower-case letters
    are an initial consonant cluster of the syllable it stands for (TTg, TTr, CTrTT)."""
    tail = part[2:]
    return (
        part[:2].isupper()
        and tail.islower()
        and any(ch in "aeiouy" for ch in strip_marks(tail).lower())
    )


def read_code_list(path: Path = CODE_LIST) -> list[str]:
    """The letter groups of a code list: whitespace-separated codes, # comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        part
        for line in lines
        if not line.startswith("#")
        for code in line.split()
        for part in _LETTER_GROUP.findall(code)
        if len(part) > 1 or code == part
    ]


def _acronym_parts(text: str) -> Iterator[str]:
    for token in tokenize(text):
        if token.kind in ("caps", "code"):
            for part in re.findall(r"[^\W\d_]+", token.text):
                shaped = syllable_shaped(part.lower())
                if part.isupper() and len(part) > 1 and strip_marks(part) != part and not shaped:
                    yield part


def source_kind(path: Path) -> str:
    """``wordlist`` for hunspell .dic files and files of short entries, else ``text``."""
    if path.suffix == ".dic":
        return "wordlist"
    lengths = sorted(
        len(line.split())
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip()
    )
    return "wordlist" if lengths and lengths[int(len(lengths) * 0.99)] <= 6 else "text"


def expand_sources(sources: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    excluded = {Path(p).resolve() for p in exclude}
    files: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found = sorted(p for p in source.glob("*.txt") if p.is_file())
        elif source.is_file():
            found = [source]
        else:
            raise SohoaError(source, "corpus source not found", "check the path")
        files.extend(p for p in found if p.resolve() not in excluded)
    if not files:
        raise SohoaError(", ".join(map(str, sources)), "no corpus source left", "name some files")
    return files


def read_wordlist(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        entry = line.split("/")[0].split(",")[0].strip() if path.suffix == ".dic" else line
        entry = entry.strip()
        if entry and not entry.isdigit():
            yield entry.replace("-", " ")


class Counts:
    """Raw trigram counts over padded streams, plus the syllable inventory and acronyms."""

    def __init__(self, style: ToneStyle) -> None:
        self.style = style
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        self.syllable_counts: Counter[str] = Counter()
        self.acronyms: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.codes: Counter[str] = Counter()  # letter groups of codes as written (code_parts)
        self.unknown_words: set[str] = set()
        self.word_pairs: set[tuple[str, str]] = set()  # consecutive syllables of listed words
        self.text_pairs: Counter[tuple[str, str]] = Counter()  # consecutive units of text

    def add_stream(self, units: list[str], left: str, weight: int = 1) -> None:
        padded = [left, left, *units]
        for i in range(2, len(padded)):
            self.trigrams[(padded[i - 2], padded[i - 1], padded[i])] += weight
        for unit in units:
            if unit[0] != "<" and unit not in PUNCT_UNITS.values():
                self.syllable_counts[unit] += weight

    def add_text(self, text: str, weight: int = 1) -> int:
        added = 0
        for paragraph in re.split(r"\n\s*\n", text):
            units = list(text_units(paragraph, self.style))
            if "<unk>" in units:
                self.unknown_words.update(
                    t.text.lower()
                    for t in tokenize(paragraph)
                    if t.kind == "word" and not syllable_shaped(t.text.lower())
                )
            if units:
                self.add_stream(units, BOS, weight)
                self.text_pairs.update(pairwise(units))
                added += len(units)
        for part in _acronym_parts(text):
            self.acronyms[strip_marks(part)][part] += 1
        self.codes.update(code_parts(text))
        return added

    def add_wordlist(self, entries: Iterable[str]) -> int:
        added = 0
        for entry in entries:
            units = [word_unit(s, self.style) for s in entry.split()]
            if units and all(u[0] != "<" for u in units):
                self.add_stream(units, WORD_START)
                self.word_pairs.update(pairwise(units))
                added += len(units)
        return added


def candidate_tables(model: RestorerModel) -> dict[str, dict]:
    """Candidates of every plain (unmarked, lowercase) key under each OCR profile, and of
    every whole OCR token the profile's channel data has seen (its readings).

    Most tokens of an old OCR text are such keys, so the restorer starts with them known
    instead of searching confusions and near misses for each at run time; the readings
    are the garbled tokens that OCR is known to print ("nudce"), the costliest to search.
    """
    from sohoa.normalize.channel import candidates
    from sohoa.normalize.channel_keys import CandidateIndex
    from sohoa.normalize.channel_profile import profiles_of

    index = CandidateIndex(model)
    tables = {}
    for name, profile in profiles_of(model).items():
        if name == "plain":
            continue  # rare (text typed without marks): computed when needed
        readings = set(profile.readings or ()) - set(model.syllables)
        misreadings = likely_misreadings(model.syllables, profile.rules) - set(model.syllables)
        tables[name] = pack_candidates(
            {
                key: candidates(index, key, profile)
                for key in [*model.syllables, *sorted(readings | misreadings)]
            }
        )
    return tables


def likely_misreadings(keys: Iterable[str], rules: Iterable[tuple[str, str, float]]) -> set[str]:
    """Each key with one letter group misread by one of the profile's letter confusions
    (OCR ``wrong`` for clean ``right``; ``^wrong``: at the start only): "thuc" -> "thirc".

    The garbled tokens an OCR most often prints: ~15k of them (eng) hold 93 of the 237
    distinct tokens of seed 000 the other tables lack (a speed setting only: the tables
    are a cache; only the confusions costing <= 3.5: 3k entries, 56 tokens).
    """
    from sohoa.normalize.channel_profile import rule_letters

    found: set[str] = set()
    for rule, right, _ in rules:
        wrong, anchored = rule_letters(rule)
        for key in keys:
            at = key.find(right)
            while at != -1 and (at == 0 or not anchored):
                found.add(key[:at] + wrong + key[at + len(right) :])
                at = key.find(right, at + 1)
    return found


def count_domain(
    domain: Iterable[Path], exclude: Iterable[Path], style: ToneStyle, described: list[dict]
) -> Counts | None:
    """The counts of the in-domain texts left after ``exclude`` (None if none is left),
    each described in ``described``."""
    excluded = {Path(p).resolve() for p in exclude}
    kept = [Path(p) for p in domain if Path(p).resolve() not in excluded]
    if not kept:
        return None
    counts = Counts(style)
    for path in expand_sources(kept, exclude):
        units = counts.add_text(path.read_text(encoding="utf-8", errors="replace"))
        described.append({"path": path.name, "kind": "domain", "units": units})
    return counts


def build_model(
    sources: Iterable[Path],
    exclude: Iterable[Path] = (),
    style: ToneStyle = "classic",
    text_weight: dict[Path, int] | None = None,
    channel_files: Iterable[Path] = (),
    with_candidate_tables: bool = True,
    domain: Iterable[Path] = (),
    domain_weight: float = DOMAIN_WEIGHT,
) -> RestorerModel:
    """Count every source and estimate the model; ``exclude`` drops files (leave-one-out),
    from ``domain`` too.

    ``domain``: running texts of the documents' own kind (administrative texts), counted
    again into an in-domain LM that the LM of every source is mixed with, weighing
    ``domain_weight`` (corpus/mixed_lm.py); list them among ``sources`` too.

    ``channel_files`` are ``channel-<name>.tsv`` pair files the OCR channel is learned from.
    ``with_candidate_tables``: precompute the candidates of every plain key (a cache made
    with the default search settings; a model to be tried with others goes without).
    """
    counts = Counts(style)
    counts.codes.update(read_code_list())
    described = []
    for path in expand_sources(sources, exclude):
        kind = source_kind(path)
        if kind == "wordlist":
            units = counts.add_wordlist(read_wordlist(path))
        else:
            weight = (text_weight or {}).get(path, 1)
            units = counts.add_text(path.read_text(encoding="utf-8", errors="replace"), weight)
        described.append({"path": path.name, "kind": kind, "units": units})
    domain_counts = count_domain(domain, exclude, style, described)
    model = kneser_ney(counts, domain=domain_counts, domain_weight=domain_weight)
    model.sources = described
    channel_files = [Path(p) for p in channel_files]
    for path in channel_files:
        if not path.is_file():
            raise SohoaError(path, "channel pair file not found", "run: make channel")
    model.channels = learn_channel(channel_files)
    model.sources += [{"path": p.name, "kind": "channel"} for p in channel_files]
    model.candidate_tables = candidate_tables(model) if with_candidate_tables else {}
    return model
