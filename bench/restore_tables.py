"""What the diacritic restorer does to the words of old-OCR tables, per kind of token.

    .venv/bin/python bench/restore_tables.py [--modes lstm6-norules] [--sets 004,other,...]
        [--show KIND]

The development sets of bench/tables_eng_ocr.py (never seed 000/002: tables rendered and read
by bare ``tesseract -l eng``, cached) are converted as that bench converts them with
``--restore`` (the restorer's model built without 002). Each word the restorer changed is set
beside the truth word it stands for: the set's truth words (captions, titles, headers, cells,
in reading order) and the words as read are aligned on their folded forms (difflib); a word
inside a stretch that did not align goes with the truth word of that stretch nearest to it
(or two truth words run together, when that is nearer still: the OCR joined them; or the
word with its neighbour as read, when that is nearer: the OCR split it). A change is
*nearer* when the restored word is closer to its truth word than the word as read
(Levenshtein, case folded, marks kept), *farther* when it is further. Changes are counted
per kind of token as read, the first kind that fits:

| kind | the token as read |
|---|---|
| digit | holds a digit (c6ng, s6, 500 read as 5OO) |
| sign | holds a sign other than a letter or digit (H&n, nu@c) |
| joined/split | stands for two truth words, or for a part of one |
| short | one or two letters (g, so, Quy is not) |
| length | the restorer dropped or added a letter (Quy -> úy) |
| letters | the restorer changed a letter, as many letters |
| marks | only marks changed (the restorer's proper job) |

"folded" columns count the same with marks folded away, as the table benches score cells.
The last line: changes nearer/farther per kind. ``--show KIND`` prints that kind's changes.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
from metrics import strip_diacritics, tokens  # noqa: E402
from tables_eng_ocr import DEFAULT_SETS, rebuilt_sets, restorer_model, set_counts  # noqa: E402

KINDS = ("digit", "sign", "joined/split", "short", "length", "letters", "marks")
MIN_SIMILARITY = 0.5  # a word unaligned goes with no truth word less like it than this


def clean(word: str) -> str:
    """A word as compared: NFC, case folded, its edge punctuation cut ("" when none left)."""
    found = tokens(word)
    return found[0] if len(found) == 1 else ""


def fold(word: str) -> str:
    return strip_diacritics(word)


def truth_words(truth: dict[str, Any]) -> list[str]:
    """A set's truth words in reading order: each table's caption, title, header and rows."""
    texts: list[str] = []
    for table in truth["tables"]:
        texts += [table.get("caption") or "", table.get("title") or ""]
        texts += [table.get("attached_to") or "", table.get("unit") or ""]
        texts += [cell.get("text", "") for row in table.get("header", []) for cell in row]
        for row in table["rows"]:
            texts += [row["section"]] if "section" in row else row["cells"]
    return [w for text in texts for w in (clean(x) for x in text.split()) if w]


def read_and_restored(doc: Any) -> list[tuple[str, str]]:
    """(word as read, word restored) for every word of a converted document's pages."""
    originals = {
        (e.page, e.word): e.original
        for e in doc.edits
        if e.reason == "restore" and e.word is not None
    }
    return [
        (originals.get((page.number, i), word.text), word.text)
        for page in doc.pages
        for i, word in enumerate(page.words)
    ]


def similarity(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(fold(a), fold(b))


def nearest(word: str, truth: list[str], span: range, two: bool = True) -> tuple[str, bool]:
    """The truth word (or, if ``two``, two run together: ``True``) of ``span`` nearest to
    ``word``."""
    pairs = [(truth[j], False) for j in span]
    pairs += [(truth[j] + truth[j + 1], True) for j in span if two and j + 1 < span.stop]
    if not pairs:
        return "", False
    return max(pairs, key=lambda p: similarity(word, p[0]))


def aligned(read: list[str], truth: list[str]) -> list[tuple[str, bool]]:
    """For each word as read, its truth word (or "") and whether OCR joined/split it."""
    found: list[tuple[str, bool]] = [("", False)] * len(read)
    matcher = difflib.SequenceMatcher(None, [fold(w) for w in read], [fold(w) for w in truth])
    matcher.autojunk = False
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            if tag == "equal":
                found[i] = (truth[j1 + i - i1], False)
            elif tag == "replace":
                found[i] = _placed(read, i, truth, range(j1, j2))
    return found


def _placed(read: list[str], i: int, truth: list[str], span: range) -> tuple[str, bool]:
    """The truth word of an unaligned stretch that the word ``i`` as read stands for."""
    word, joined = nearest(read[i], truth, span)
    best = similarity(read[i], word) if word else 0.0
    neighbours = [(read[i - 1], read[i - 1] + read[i])] if i else []
    neighbours += [(read[i + 1], read[i] + read[i + 1])] if i + 1 < len(read) else []
    for neighbour, both in neighbours:  # the OCR split a word: nearer its truth together
        whole, _ = nearest(both, truth, span, two=False)  # than either part alone
        alone = max(best, similarity(neighbour, whole), MIN_SIMILARITY)
        if whole and similarity(both, whole) > alone:
            return whole, True
    return (word, joined) if best >= MIN_SIMILARITY else ("", False)


def kind_of(read: str, restored: str, split: bool) -> str:
    """The kind of a change (the module's table), by the token as read and the change."""
    letters = [c for c in read if c.isalpha()]
    if any(c.isdigit() for c in read):
        return "digit"
    if any(not c.isalnum() for c in read):
        return "sign"
    if split:
        return "joined/split"
    if len(letters) <= 2:
        return "short"
    if len(letters) != sum(c.isalpha() for c in restored):
        return "length"
    return "letters" if fold(read) != fold(restored) else "marks"


def changes(doc: Any, truth: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(kind, read, restored, truth word) of each changed word of ``doc`` with a truth word."""
    pairs = [(clean(r), clean(s)) for r, s in read_and_restored(doc)]
    pairs = [(r, s) for r, s in pairs if r]
    truth_of = aligned([r for r, _ in pairs], truth_words(truth))
    return [
        (kind_of(r, s, split), r, s, word)
        for (r, s), (word, split) in zip(pairs, truth_of, strict=True)
        if r != s and word
    ]


def direction(read: str, restored: str, truth: str, folded: bool) -> str:
    """'nearer', 'farther' or 'same': the restored word against the word as read."""
    f = fold if folded else str
    before = Levenshtein.distance(f(read), f(truth))
    after = Levenshtein.distance(f(restored), f(truth))
    return "nearer" if after < before else "farther" if after > before else "same"


def tally(found: list[tuple[str, str, str, str]]) -> Counter[tuple[str, str, bool]]:
    """(kind, direction, folded) -> how many changes."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for kind, read, restored, truth in found:
        for folded in (False, True):
            counts[kind, direction(read, restored, truth, folded), folded] += 1
    return counts


def report(counts: Counter[tuple[str, str, bool]]) -> list[str]:
    lines = ["| kind | changes | nearer | farther | same | folded nearer | folded farther |"]
    lines.append("|---|---|---|---|---|---|---|")
    for kind in KINDS:
        n = [counts[kind, d, False] for d in ("nearer", "farther", "same")]
        f = [counts[kind, d, True] for d in ("nearer", "farther")]
        lines.append(f"| {kind} | {sum(n)} | {n[0]} | {n[1]} | {n[2]} | {f[0]} | {f[1]} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="lstm6-norules", help="OCR modes (tables_eng_ocr)")
    parser.add_argument("--sets", default=DEFAULT_SETS)
    parser.add_argument("--show", default="", help="print the changes of a kind (all: every one)")
    args = parser.parse_args()
    model = restorer_model(True)
    counts: Counter[tuple[str, str, bool]] = Counter()
    for mode in args.modes.split(","):
        for name, truth, doc in rebuilt_sets(set_counts(args.sets), mode, model):
            found = changes(doc, truth)
            counts += tally(found)
            for kind, read, restored, word in found:
                if args.show in ("all", kind):
                    way = direction(read, restored, word, False)
                    print(f"  {name} {mode} {kind}: {read} -> {restored} (truth {word}) {way}")
    print("\n".join(report(counts)))
    print(
        "restorer on table words (nearer/farther): "
        + ", ".join(
            f"{k} {counts[k, 'nearer', False]}/{counts[k, 'farther', False]}" for k in KINDS
        )
    )


if __name__ == "__main__":
    main()
