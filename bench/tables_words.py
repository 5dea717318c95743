"""Words lost or added by the tables rebuilt from old OCR text: each table against its input.

    .venv/bin/python bench/tables_words.py [--restore] [--modes lstm6-norules,...]
        [--sets 004,other,...] [--show]

The first rule of the rebuild is faithfulness: words move between cells, letters are
repaired with evidence, each change logged as an Edit, but no word is dropped or added.
For every table rebuilt from the development sets (``bench/tables_eng_ocr.py``'s loader,
its sets, modes and ``--restore``) and from seed 003 (no truth needed), this compares the
words of the lines under the table's header (``flattened.table_body_lines``: the rows'
source, the headers a page break repeats left out) with the words of its rows (cells and
what no cell takes: ``TableRow.unplaced``) and sections, as multisets, each word folded
(case and marks away; signs kept: a lost "—" is a loss). Each word is matched in either
form, restored or as read (a table rebuilt from the words as read holds junk as read that
the page's restorer dressed as words, "nae" for "nào", and agency names the rebuild spelt):
as many matched as can be, word by word. The rebuild may:

- drop rulings: every "|" is taken out of the words before they are compared (counted);
- drop specks (``cell_noise``'s edits): counted apart as "noise dropped", by shape;
- rewrite a word (any other Edit of the table, a move excepted): compared through the
  edit, its original words for its result's (a word restored is also matched as read);
  an edit's original words beyond as many as its result puts in are dropped, not
  rewritten ("Téng cong" written "Tổng" loses "cong").

What remains is reported per set: words lost, words added, the commonest shapes lost
(letters "a"/"A", digits "9", signs as they are); ``--show`` lists each lost word with its
line. The last line: all the words lost and added. Seeds 000/002 are never read.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables_eng_ocr as dev  # noqa: E402  (also registers this checkout as `sohoa`)

from sohoa.extract.cell_noise import REASON as NOISE  # noqa: E402
from sohoa.extract.flattened import table_body_lines  # noqa: E402
from sohoa.extract.rebuild_edits import LINE_MOVED, MOVED  # noqa: E402
from sohoa.extract.tables import pages_as_read  # noqa: E402
from sohoa.model import Document, Edit, Table  # noqa: E402
from sohoa.normalize.unicode import nfc, strip_marks  # noqa: E402
from sohoa.pipeline import convert_document  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

SEED_003 = dev.SEEDS / "003_cdf48d5100b823ae.txt"
RULING = "|"


_SIGN = regex.compile(r"[^\p{L}\p{N}]")
_TOKEN = regex.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")


def words(text: str) -> list[str]:
    """The words of a text, folded (case and marks away), its rulings taken out: each run
    of letters and digits, and each sign ("2026-2030" the three of "2026 - 2030")."""
    return _TOKEN.findall(strip_marks(nfc(text)).lower().replace(RULING, " "))


def shape(word: str) -> str:
    """A word's shape: "a" a run of letters, "9" of digits, signs as they are."""
    return regex.sub(r"(9)9+", r"\1", regex.sub(r"(a)a+", r"\1", _classes(word)))


def _classes(word: str) -> str:
    return regex.sub(r"\p{N}", "9", regex.sub(r"\p{L}", "a", word))


@dataclass
class WordCheck:
    """One table's words against its input's."""

    source: int = 0  # words under the header
    rulings: int = 0
    lost: Counter[str] = field(default_factory=Counter)
    added: Counter[str] = field(default_factory=Counter)
    noise: Counter[str] = field(default_factory=Counter)
    lines: dict[str, str] = field(default_factory=dict)  # a lost word -> a line holding it


def _cell_words(table: Table) -> Counter[str]:
    """The words of the table's rows: their cells, sections and what a row read that no
    cell takes (``TableRow.unplaced``, kept in the records' ``extra``)."""
    found: Counter[str] = Counter()
    for row in table.rows:
        for text in [*(row.cells or []), row.section or "", row.unplaced or ""]:
            found.update(words(text))
    return found


def _edit_words(edits: list[Edit]) -> tuple[Counter[str], Counter[str]]:
    """The words the edits took out and put in, net over them all."""
    out: Counter[str] = Counter()
    into: Counter[str] = Counter()
    for edit in edits:
        original, result = Counter(words(edit.original)), Counter(words(edit.result))
        out += original - result
        into += result - original
    return out - into, into - out


def _dropped_by_edits(edits: list[Edit]) -> Counter[str]:
    """The words (letters or digits, signs aside) a rewrite dropped: its original's beyond
    as many as its result puts in ("Téng cong" written "Tổng": "cong" dropped)."""
    dropped: Counter[str] = Counter()
    for edit in edits:
        original, result = words(edit.original), words(edit.result)
        out = [w for w in original if w not in result and not _SIGN.fullmatch(w)]
        into = [w for w in result if w not in original and not _SIGN.fullmatch(w)]
        dropped.update(out[len(into) :])
    return dropped


Pair = tuple[str, str]  # a source word's two forms: restored, as read


def _match(source: list[Pair], cells: Counter[str]) -> list[Pair]:
    """The source words found among ``cells`` in neither form, each word matched in either
    (a table rebuilt from restored text may hold a word as read, a spelt agency name
    restored): as many matched as can be, the cells losing the words found."""
    unmatched = []
    taken: Counter[tuple[Pair, str]] = Counter()  # (pair, form): how many matched so
    for pair in sorted(source, key=lambda p: p[0] != p[1]):  # one-form words first
        form = next((f for f in pair if cells[f] > 0), None)
        if form is None:
            unmatched.append(pair)
            continue
        cells[form] -= 1
        taken[pair, form] += 1
    return [pair for pair in unmatched if not _reassign(pair, cells, taken)]


def _reassign(pair: Pair, cells: Counter[str], taken: Counter[tuple[Pair, str]]) -> bool:
    """Match ``pair`` by moving matched words to their other form (a path of such moves
    ending at a form the cells still hold), as a matching grows: True when done."""
    came: dict[str, tuple[str, Pair] | None] = {form: None for form in pair}
    queue = list(dict.fromkeys(pair))
    while queue:
        form = queue.pop(0)
        if cells[form] > 0:
            taken[pair, _shift(form, came, cells, taken)] += 1
            return True
        for (other, held), count in list(taken.items()):
            if held != form or count <= 0:
                continue
            for nxt in other:
                if nxt not in came:
                    came[nxt] = (form, other)
                    queue.append(nxt)
    return False


def _shift(
    end: str,
    came: dict[str, tuple[str, Pair] | None],
    cells: Counter[str],
    taken: Counter[tuple[Pair, str]],
) -> str:
    """Apply a path found by ``_reassign``: each word on it moves to the next form; the
    form the path began at, freed for the word to match."""
    cells[end] -= 1
    form = end
    while (step := came[form]) is not None:
        before, other = step
        taken[other, form] += 1
        taken[other, before] -= 1
        form = before
    return form


def source_words(body: list[str], as_read: list[str] | None) -> list[Pair]:
    """Each word under the header, restored and as read (the same when not known): a line's
    two forms aligned word by word (``_paired``)."""
    pairs = []
    same_lines = as_read is not None and len(as_read) == len(body)
    for k, line in enumerate(body):
        restored = words(line)
        read = words(as_read[k]) if same_lines and as_read is not None else restored
        pairs.extend(_paired(restored, read))
    return pairs


def _paired(restored: list[str], read: list[str]) -> list[Pair]:
    """A line's words restored paired with the same words as read, in order: a run of words
    that differ pairs up when as many were read as restored; where the restorer took a sign
    out or put one in ("co’ sd" -> "cơ sở"), its words (signs aside) pair up when as many
    are left; else the run's words are taken as restored."""
    pairs: list[Pair] = []
    blocks = difflib.SequenceMatcher(a=restored, b=read, autojunk=False).get_opcodes()
    for _, i1, i2, j1, j2 in blocks:
        ours, theirs = restored[i1:i2], read[j1:j2]
        if len(ours) != len(theirs):
            pairs.extend((word, word) for word in ours if _SIGN.fullmatch(word))
            ours = [word for word in ours if not _SIGN.fullmatch(word)]
            theirs = [word for word in theirs if not _SIGN.fullmatch(word)]
        pairs.extend(zip(ours, theirs if len(theirs) == len(ours) else ours, strict=True))
    return pairs


def _split(word: str, pieces: Counter[str], parts: int) -> list[str] | None:
    """``word`` as ``parts`` pieces, in order, all among ``pieces`` (a word old OCR read
    without its spaces, put back by the rebuild: "Taichinn" as "Tai chinn")."""
    if parts == 1:
        return [word] if pieces[word] > 0 else None
    for cut in range(1, len(word)):
        head = word[:cut]
        if pieces[head] > 0:
            pieces[head] -= 1
            rest = _split(word[cut:], pieces, parts - 1)
            pieces[head] += 1
            if rest is not None:
                return [head, *rest]
    return None


def _spaced(lost: Counter[str], added: Counter[str]) -> None:
    """Take out of both the words read joined that the cells hold spaced, and the other way
    round (each side loses those found)."""
    for one, many in ((lost, added), (added, lost)):
        for word in sorted(+one, key=len, reverse=True):
            for _ in range(one[word]):
                pieces = next(filter(None, (_split(word, many, n) for n in (2, 3))), None)
                if pieces is None:
                    break
                one[word] -= 1
                many.subtract(pieces)
    lost += Counter()  # drop the words counted out
    added += Counter()


def _taken(pairs: list[Pair], words_out: Counter[str]) -> tuple[Counter[str], list[Pair]]:
    """The source words ``words_out`` (an edit's) holds in either form, and the rest."""
    left, taken, rest = Counter(words_out), Counter[str](), []
    for pair in pairs:
        form = next((f for f in pair if left[f] > 0), None)
        if form is None:
            rest.append(pair)
        else:
            left[form] -= 1
            taken[form] += 1
    return taken, rest


def _spaced_form(pair: Pair, pieces: Counter[str]) -> str:
    """The form of a lost word to report: the one the cells hold spaced, else restored."""
    split = (f for f in pair if any(_split(f, pieces, n) for n in (2, 3)))
    return next(split, pair[0])


def check_table(
    body: list[str], table: Table, edits: list[Edit], as_read: list[str] | None = None
) -> WordCheck:
    """``table``'s words against the ``body`` lines it was rebuilt from (``as_read``: the
    same lines as read, before the restorer), through ``edits`` (the table's): a word an
    edit took out is not lost, one it put in not added."""
    found = WordCheck(source=sum(len(words(t)) for t in body))
    found.rulings = sum(t.count(RULING) for t in body)
    cells = _cell_words(table)
    unmatched = _match(source_words(body, as_read), cells)
    noise, _ = _edit_words([e for e in edits if e.reason == NOISE])
    rewrites = [e for e in edits if e.reason not in (NOISE, MOVED, LINE_MOVED)]
    out, into = _edit_words(rewrites)
    out -= _dropped_by_edits(rewrites)  # no rewrite: a word lost
    found.noise, unmatched = _taken(unmatched, noise)
    edited, unmatched = _taken(unmatched, out)
    found.added = +cells - into
    pieces = found.added + (out - edited)  # a word edited after its spaces were put back
    found.lost = Counter(_spaced_form(pair, pieces) for pair in unmatched)
    _spaced(found.lost, pieces)
    found.added &= pieces
    for word in found.lost:
        found.lines[word] = next((t for t in body if word in words(t)), "")
    return found


def check_document(doc: Document) -> list[WordCheck]:
    """A check per table the document rebuilt from flattened text, each paired with the
    body (in the text's order) sharing the most words with it."""
    bodies = table_body_lines(doc.pages)
    read = table_body_lines(pages_as_read(doc))
    checks = []
    start = 0
    for index, table in enumerate(doc.tables):
        if table.source != "flattened" or start >= len(bodies):
            continue
        cells = _cell_words(table)
        shared = [sum((Counter(words(" ".join(b))) & cells).values()) for b in bodies[start:]]
        k = start + max(range(len(shared)), key=shared.__getitem__)
        edits = [e for e in doc.edits if e.table == index]
        as_read = read[k] if len(read) == len(bodies) else None
        checks.append(check_table(bodies[k], table, edits, as_read))
        start = k + 1
    return checks


class Tally:
    """The checks of a set, summed, and the lost words listed when asked."""

    def __init__(self, name: str, show: bool) -> None:
        self.name, self.show = name, show
        self.tables = self.source = self.rulings = 0
        self.lost: Counter[str] = Counter()
        self.added: Counter[str] = Counter()
        self.noise: Counter[str] = Counter()

    def add(self, check: WordCheck) -> None:
        self.tables += 1
        self.source += check.source
        self.rulings += check.rulings
        self.lost += check.lost
        self.added += check.added
        self.noise += check.noise
        if self.show:
            for word, count in check.lost.items():
                print(f"  [{self.name}] lost {word!r} x{count}: {check.lines[word].strip()}")
            for word, count in check.added.items():
                print(f"  [{self.name}] added {word!r} x{count}")

    def line(self) -> str:
        lost_shapes: Counter[str] = Counter()
        for word, count in self.lost.items():
            lost_shapes[shape(word)] += count
        signs = sum(n for word, n in self.lost.items() if _SIGN.fullmatch(word))
        noise_shapes: Counter[str] = Counter()
        for word, count in self.noise.items():
            noise_shapes[shape(word)] += count
        return (
            f"{self.name}: {self.tables} tables, {self.source} words, rulings"
            f" {self.rulings}; lost {self.lost.total() - signs} words and {signs} signs, added"
            f" {self.added.total()}, noise"
            f" dropped {self.noise.total()} ({_common(noise_shapes)}); lost shapes:"
            f" {_common(lost_shapes)}"
        )


def _common(shapes: Counter[str]) -> str:
    return ", ".join(f"{s!r} {n}" for s, n in shapes.most_common(6))


def _documents(args: argparse.Namespace, model: Any) -> Any:
    """(name, document) of each set in each mode, then of seed 003."""
    for mode in args.modes.split(","):
        for name, _, doc in dev.rebuilt_sets(dev.set_counts(args.sets), mode, model):
            yield f"{name} {mode}", doc
    if args.seed003:
        yield "seed 003", convert_document(SEED_003, Settings(restore=model is not None), model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restore", action="store_true", help="restore the text first (as 000)")
    parser.add_argument("--sets", default=dev.DEFAULT_SETS)
    parser.add_argument("--modes", default="lstm6-norules", help="OCR modes")
    parser.add_argument("--no-003", dest="seed003", action="store_false", help="skip seed 003")
    parser.add_argument("--show", action="store_true", help="list each lost word with its line")
    args = parser.parse_args()
    model = dev.restorer_model(args.restore)
    total = Tally("all", False)
    for name, doc in _documents(args, model):
        tally = Tally(name, args.show)
        for check in check_document(doc):
            tally.add(check)
            total.add(check)
        print(tally.line())
    print(f"tables words ({args.modes}{', restored' if args.restore else ''}): {total.line()}")


if __name__ == "__main__":
    main()
