"""How often the table rebuild's logged edits are right, per reason and confidence.

    .venv/bin/python bench/tables_edits.py [--restore] [--modes lstm6-norules,...]
        [--sets 004,other,...] [--show REASON]

The same development sets, cached OCR and table pairing as ``bench/tables_eng_ocr.py`` and
``bench/tables_columns.py`` (never seed 002). Every Edit of the document that names a table
(all reasons but the restorer's own ``restore``, measured by bench/restore_calibration.py)
is judged against the truth cell it wrote:

- where: the cell of the rebuilt table (its ``row`` when the edit names one, else any row)
  sharing the most folded words with the edit's result (its original when the result has
  none), one that is the result whole before the others; the truth cell is that cell of
  the truth row paired with the rebuilt row (the pairing of tables_columns). A header
  edit is judged against the truth column names (each " / " part), the nearest one. An
  edit whose cell is not found, whose best cells are several with different truths, or
  whose row pairs with no truth row is "unjudged".
- closer: a text's distance to the truth cell is the number of its words with no word of
  the truth to pair with, plus the truth's words left unpaired; words are runs of letters
  and digits folded (case and marks away, as the other table benchmarks fold: "Quý
  II/2026" is quy, ii, 2026), paired equal first, then a word of 3+ letters misread
  ("Céng", "M6i") with the truth word its letters are at least 60% alike (rapidfuzz
  ratio); on a tie, the same count over the words as written (NFC, split at spaces: case,
  marks, signs). An edit is right when its result is nearer the truth than its original,
  wrong when farther, and level when neither (the cell holds other words than its
  truth's either way).

It prints the reliability table: per reason and confidence set, edits judged, right,
level, wrong, unjudged, and the share right of those judged beside the confidence; then
per reason the share right, smoothed as (right + 1) / (judged + 2): the figure the
modules' confidence constants are set from. ``--show REASON`` prints each judged edit of
that reason. The last line: edits judged, share right and wrong over all, their mean
confidence and the calibration gap (each row's |confidence - share right|, weighted by its
edits judged).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import regex
from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables_eng_ocr as dev  # noqa: E402  (also registers this checkout as `sohoa`)
from metrics import align_rows  # noqa: E402
from tables import model_rows, truth_rows  # noqa: E402

from sohoa.extract.structure import fold  # noqa: E402
from sohoa.model import Edit  # noqa: E402

HEADER = "table-header"
VERDICTS = ("right", "level", "wrong", "unjudged")


MISREAD = 60  # rapidfuzz ratio from which two folded words are one word misread
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def words(text: str, folded: bool) -> list[str]:
    """The words of ``text``: folded runs of letters and digits, or as written."""
    text = unicodedata.normalize("NFC", text)
    return [fold(w) for w in _WORD.findall(text)] if folded else text.split()


def unpaired(found: list[str], truth: list[str], fuzzy: bool) -> int:
    """Words of ``found`` and of ``truth`` left without a partner: equal words paired
    first, then (``fuzzy``) each word of 3+ letters left with the truth word most like
    it, if alike (so "II" is no misread "III")."""
    rest, left = list(truth), []
    for word in found:
        if word in rest:
            rest.remove(word)
        else:
            left.append(word)
    alone = 0
    for word in left:
        alike = [t for t in rest if min(len(t), len(word)) >= 3] if fuzzy else []
        best = max(alike, key=lambda t: fuzz.ratio(word, t), default=None)
        if best is not None and fuzz.ratio(word, best) >= MISREAD:
            rest.remove(best)
        else:
            alone += 1
    return alone + len(rest)


def distance(text: str, truth: str) -> tuple[int, int]:
    """Words unpaired: folded (misread words paired), then as written."""
    folded = unpaired(words(text, True), words(truth, True), fuzzy=True)
    return folded, unpaired(words(text, False), words(truth, False), fuzzy=False)


def verdict(edit: Edit, truth: str) -> str:
    before, after = distance(edit.original, truth), distance(edit.result, truth)
    return "right" if after < before else "wrong" if after > before else "level"


def header_truth(edit: Edit, truth: dict[str, Any]) -> str:
    parts = [p for column in truth["columns"] for p in column.split(" / ")]
    return min(parts, key=lambda p: min(distance(edit.original, p), distance(edit.result, p)))


def cell_truth(edit: Edit, found: list[list[str]], paired: dict[int, list[str]]) -> str | None:
    """The truth of the rebuilt cell that best holds the edit's result, a cell that is
    the result whole first (see the docstring), or None when it is not found, is
    ambiguous or its row has no truth."""
    probe = Counter(words(edit.result, True) or words(edit.original, True))
    rows = [edit.row] if edit.row is not None and edit.row < len(found) else range(len(found))
    best: tuple[int, bool] = (1, False)
    truths: set[str | None] = set()
    for r in rows:
        for k, cell in enumerate(found[r]):
            shared = sum((probe & Counter(words(cell, True))).values())
            held = (shared, words(cell, True) == words(edit.result, True))  # the cell whole
            if held >= best:
                truths = truths if held == best else set()
                best = held
                truths.add(paired[r][k] if r in paired else None)
    return truths.pop() if len(truths) == 1 else None


class Reliability:
    """Edits per (reason, confidence) and their verdicts."""

    def __init__(self, show: str | None) -> None:
        self.show = show
        self.counts: defaultdict[tuple[str, float], Counter[str]] = defaultdict(Counter)

    def add(self, where: str, edit: Edit, truth: str | None) -> None:
        judged = "unjudged" if truth is None else verdict(edit, truth)
        self.counts[edit.reason, round(edit.confidence, 2)][judged] += 1
        if self.show and self.show in edit.reason:
            print(f"[{where} row {edit.row}] {edit.reason} {edit.confidence} {judged}")
            print(f"  was:   {edit.original}\n  wrote: {edit.result}\n  truth: {truth}")

    def print(self) -> None:
        print(f"{'reason':22s} {'conf':>5s} " + " ".join(f"{v:>8s}" for v in VERDICTS) + " share")
        reasons: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for (reason, confidence), counts in sorted(self.counts.items()):
            reasons[reason] += counts
            print(f"{reason:22s} {confidence:5.2f} " + self.line(counts))
        print("per reason (smoothed share right: (right + 1) / (judged + 2)):")
        for reason, counts in sorted(reasons.items()):
            judged = counts["right"] + counts["level"] + counts["wrong"]
            smoothed = (counts["right"] + 1) / (judged + 2)
            print(f"{reason:22s} {'all':>5s} " + self.line(counts) + f"  smoothed {smoothed:.2f}")

    def gap(self) -> tuple[float, float]:
        """Over the judged edits: their mean confidence, and the calibration gap (each
        (reason, confidence) row's |confidence - share right|, weighted by its edits)."""
        weighted = mean = 0.0
        judged = 0
        for (_, confidence), counts in self.counts.items():
            n = counts["right"] + counts["level"] + counts["wrong"]
            if n:
                weighted += n * abs(confidence - counts["right"] / n)
                mean += n * confidence
                judged += n
        return mean / max(1, judged), weighted / max(1, judged)

    @staticmethod
    def line(counts: Counter[str]) -> str:
        judged = counts["right"] + counts["level"] + counts["wrong"]
        share = f"{counts['right'] / judged:.2f}" if judged else "-"
        return " ".join(f"{counts[v]:8d}" for v in VERDICTS) + f" {share:>5s}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restore", action="store_true", help="restore the text first (as 000)")
    parser.add_argument("--sets", default=dev.DEFAULT_SETS)
    parser.add_argument("--modes", default="lstm6-norules", help="OCR modes, pooled")
    parser.add_argument("--show", help="print the judged edits whose reason holds this")
    args = parser.parse_args()
    model = dev.restorer_model(args.restore)
    tally = Reliability(args.show)
    for mode in args.modes.split(","):
        for name, truth, doc in dev.rebuilt_sets(dev.set_counts(args.sets), mode, model):
            judge_document(tally, f"{name} {mode}", doc, truth)
    tally.print()
    total = sum(tally.counts.values(), Counter())
    judged = total["right"] + total["level"] + total["wrong"]
    mean, gap = tally.gap()
    restored = ", restored" if args.restore else ""
    print(
        f"table edits ({args.modes}{restored}): {judged} judged of {judged + total['unjudged']},"
        f" right {total['right'] / max(1, judged):.1%},"
        f" wrong {total['wrong'] / max(1, judged):.1%};"
        f" mean confidence {mean:.1%}, calibration gap {gap:.1%}"
    )


def judge_document(tally: Reliability, where: str, doc: Any, truth: dict[str, Any]) -> None:
    """Each table edit of ``doc`` judged against the truth table its table is paired with."""
    matched = {k: t for t, k in dev.match_in_order(truth["tables"], doc.tables).items()}
    pairing: dict[int, tuple[dict[int, list[str]], list[list[str]]]] = {}
    for k, t in matched.items():
        table = truth["tables"][t]
        found = model_rows(doc.tables[k], len(table["columns"]))
        rows = truth_rows(table)
        folded = [[fold(c) for c in r] for r in rows], [[fold(c) for c in r] for r in found]
        pairs = align_rows(*folded)
        pairing[k] = {j: rows[i] for i, j in enumerate(pairs) if j is not None}, found
    for edit in doc.edits:
        if edit.table is None or edit.reason == "restore":
            continue
        truth_cell = None
        if edit.table in matched and edit.reason == HEADER:
            truth_cell = header_truth(edit, truth["tables"][matched[edit.table]])
        elif edit.table in matched:
            paired, found = pairing[edit.table]
            truth_cell = cell_truth(edit, found, paired)
        tally.add(f"{where} table {edit.table + 1}", edit, truth_cell)


if __name__ == "__main__":
    main()
