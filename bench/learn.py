"""The learning effect: do reviewers' corrections of some documents fix the same errors in
other documents of the same archive?

    python bench/learn.py                      # 3 archives x 12 documents x 3 kinds
    python bench/learn.py --archives 1 --kinds no-marks --reviewed 6

For each archive (one district's documents sharing its communes, villages, cooperatives and
officials: bench/corpus/archive.py) and each kind of text the restorer repairs:

- ``no-marks``  the text typed without diacritics (old word processors, e-mail);
- ``eng-ocr``   Tesseract ``eng`` (LSTM) of a 300 dpi light scan: the old-OCR text layer;
- ``vie-scan``  a 200 dpi heavy scan (skew, blur, noise, JPEG), OCR'd by sohoa itself
                (Tesseract ``vie`` after its preprocessing: tone marks misread);

every document is converted by this checkout's pipeline (TXT inputs; the scans as PDFs of
page images, OCR'd once) with the shipped model. The first ``--reviewed`` documents are then
corrected by a simulated reviewer who knows the truth: one word correction for each word
that differs from it (aligned word by word; words the OCR split or merged are left), written
as ``<stem>.corrections.json`` beside the document's ``<stem>.json``, in the review report's
format. ``corpus learn`` makes a user model of them (corpus/learn.py) and the other,
held-out documents are converted again with it (``--user-model``). Printed: held-out WER
before and after, per kind and archive; the archive's name words output right; the
restorer's edits on held-out text (how many right, mean confidence); faithfulness: the
held-out documents' TRUE text converted as TXT with and without the user model, words
changed (must not rise); a control: their sentences that name nothing of the archive, typed
without marks. The LAST line gives the totals.

Everything is cached under bench/.cache/learn/ (pages, OCR); nothing here is in the model.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus.score import words_changed  # noqa: E402
from metrics import strip_diacritics, tokens  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

import run_pipeline  # noqa: E402,F401  (makes this checkout importable as `sohoa`)
from corpus import archive as archives  # noqa: E402
from sohoa.corpus import scan_simulator as scans  # noqa: E402  (render, rasterise, degrade)
from sohoa.corpus.learn import learn_user_model, save_user_model  # noqa: E402
from sohoa.model import Document, Page  # noqa: E402
from sohoa.normalize.unicode import nfc  # noqa: E402
from sohoa.normalize.user_model import load_restorer  # noqa: E402
from sohoa.ocr.ingest import open_document  # noqa: E402
from sohoa.output.writers import write_json  # noqa: E402
from sohoa.pipeline import (  # noqa: E402
    convert_document,
    finish_document,
    process_page,
)
from sohoa.settings import Settings  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "learn" / "v1"  # bump when archive.py changes its text
KINDS = ("no-marks", "eng-ocr", "vie-scan")
SCANS = {"eng-ocr": (300, "light"), "vie-scan": (200, "heavy")}  # dpi, damage (scan_simulator)


# --- inputs ----------------------------------------------------------------------------------


def _clean_pdf(doc: archives.ArchiveDoc) -> Path:
    folder = CACHE / doc.id
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "clean.pdf"
    if not pdf.exists():
        scans.render_text_pdf([*doc.title, *doc.body, *doc.signature], pdf)
    return pdf


def input_file(doc: archives.ArchiveDoc, kind: str, folder: Path) -> Path:
    """The input ``convert`` is given for ``doc`` as ``kind`` (scans and OCR cached)."""
    if kind == "no-marks":
        path = folder / f"{doc.id}.txt"
        path.write_text(strip_diacritics(doc.text()) + "\n", encoding="utf-8")
        return path
    dpi, damage = SCANS[kind]
    cached = CACHE / doc.id / (f"{kind}.txt" if kind == "eng-ocr" else f"{kind}.pdf")
    if not cached.exists():
        images = [
            scans.degrade(image, damage, seed=index)
            for index, image in enumerate(scans.rasterize_pdf(_clean_pdf(doc), dpi))
        ]
        if kind == "vie-scan":
            scans.images_to_pdf(images, cached, dpi)
        else:
            cached.write_text("\f".join(_tesseract_eng(image, dpi) for image in images) + "\n")
    path = folder / f"{doc.id}{cached.suffix}"
    shutil.copyfile(cached, path)
    return path


def _tesseract_eng(image: Any, dpi: int) -> str:
    """What an old OCR program left: Tesseract's English model on the page."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        png = Path(folder) / "page.png"
        Image.fromarray(image).save(png)
        run = subprocess.run(
            [
                "tesseract",
                str(png),
                "-",
                "-l",
                "eng",
                "--oem",
                "1",
                "--psm",
                "3",
                "--dpi",
                str(dpi),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    return run.stdout.strip("\f\n")


# --- converting and reviewing ----------------------------------------------------------------


_OCR: dict[Path, tuple[Document, list[Page]]] = {}


def convert(path: Path, restorer: Any) -> Document:
    """This checkout's pipeline on one input (a scan is OCR'd once, then restored by each
    restorer: the same pages before and after learning)."""
    settings = Settings(formats=("json",))
    if path.suffix == ".txt":
        return convert_document(path, settings, restorer)
    if path not in _OCR:
        doc, tasks = open_document(path, settings)
        _OCR[path] = doc, [process_page(task, settings) for task in tasks]
    doc, pages = copy.deepcopy(_OCR[path])
    return finish_document(doc, pages, settings, restorer)


def doc_words(doc: Document) -> list[tuple[int, int, str]]:
    """(page, word index, text) of every word, in page order."""
    return [(p.number, i, w.text) for p in doc.pages for i, w in enumerate(p.words)]


def review(doc: Document, truth: str) -> list[dict[str, Any]]:
    """The reviewer who knows the truth: a word correction for each word aligned with a
    different truth word (one-for-one substitutions of the word alignment)."""
    words = doc_words(doc)
    found, right = [w for _, _, w in words], truth.split()
    restored_from = {(e.page, e.word): e.original for e in doc.edits if e.reason == "restore"}
    corrections = []
    for op in Levenshtein.editops(found, right):
        if op.tag != "replace":
            continue
        page, index, text = words[op.src_pos]
        item = {"kind": "word", "decision": "typed", "old": text, "new": right[op.dest_pos],
                "page": page, "word": index, "bbox": None}  # fmt: skip
        if (page, index) in restored_from:
            item["ocr"] = restored_from[(page, index)]
        corrections.append(item)
    return corrections


def write_review(doc: Document, stem: str, folder: Path, corrections: list[dict[str, Any]]) -> None:
    write_json(doc, folder, stem)
    payload = {
        "format": "sohoa-corrections",
        "version": 1,
        "document": {"source": doc.source, "sha256": doc.sha256, "output": stem},
        "reviewer": "bench/learn.py (the truth)",
        "saved_at": "2026-01-01T00:00:00Z",
        "corrections": corrections,
    }
    (folder / f"{stem}.corrections.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8"
    )


# --- scoring ---------------------------------------------------------------------------------


def errors(truth: str, text: str) -> tuple[int, int]:
    ref = tokens(truth)
    return Levenshtein.distance(ref, tokens(text)), len(ref)


def aligned(found: list[str], right: list[str]) -> dict[int, int]:
    """found index -> right index of the words a word alignment pairs (equal or replaced)."""
    pairs: dict[int, int] = {}
    src = dest = 0
    for op in [*Levenshtein.editops(found, right), None]:
        stop = op.src_pos if op else len(found)
        while src < stop and dest < len(right):
            pairs[src] = dest
            src, dest = src + 1, dest + 1
        if op is None:
            break
        if op.tag == "replace":
            pairs[src] = dest
            src, dest = src + 1, dest + 1
        elif op.tag == "delete":
            src += 1
        else:
            dest += 1
    return pairs


def name_words(truth: str, names: list[str]) -> tuple[list[str], set[int]]:
    """The truth's scored words and the positions of those that belong to a name."""
    words = tokens(truth)
    inside: set[int] = set()
    for name in names:
        parts = tokens(name)
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts:
                inside.update(range(i, i + len(parts)))
    return words, inside


def names_right(truth: str, text: str, names: list[str]) -> tuple[int, int]:
    """(name words output right, name words) of a document."""
    right, inside = name_words(truth, names)
    found = tokens(text)
    back = {d: s for s, d in aligned(found, right).items()}
    ok = sum(1 for i in inside if i in back and found[back[i]] == right[i])
    return ok, len(inside)


def edit_outcomes(doc: Document, truth: str) -> list[tuple[float, bool]]:
    """(confidence, right) of each restorer edit: right when the edited word is the truth's
    word it aligns with."""
    words = doc_words(doc)
    found = [nfc(w).casefold() for _, _, w in words]
    right = [nfc(w).casefold() for w in truth.split()]
    pairs = aligned(found, right)
    position = {(page, index): k for k, (page, index, _) in enumerate(words)}
    outcomes = []
    for edit in doc.edits:
        if edit.reason != "restore" or (edit.page, edit.word) not in position:
            continue
        k = position[(edit.page, edit.word)]
        outcomes.append((edit.confidence, k in pairs and found[k] == right[pairs[k]]))
    return outcomes


def run(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    shipped = load_restorer()
    totals: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    rows = []
    work = Path(tempfile.mkdtemp(prefix="sohoa-learn-"))
    try:
        for seed in range(1, args.archives + 1):
            archive = archives.archive(seed)
            docs = archives.documents(archive, args.docs)
            held = args.held_out or args.docs - args.reviewed
            reviewed, held_out = docs[: args.reviewed], docs[args.docs - held :]
            names = archives.names(archive)
            for kind in args.kinds:
                folder = work / f"a{seed}" / kind
                (folder / "in").mkdir(parents=True)
                (folder / "reviewed").mkdir()
                paths = {doc.id: input_file(doc, kind, folder / "in") for doc in docs}
                for doc in reviewed:
                    converted = convert(paths[doc.id], shipped)
                    write_review(
                        converted, doc.id, folder / "reviewed", review(converted, doc.text())
                    )
                user = learn_user_model([folder / "reviewed"], model=shipped.model)
                save_user_model(user, folder / "user-model")
                learned = load_restorer(None, folder / "user-model")
                row = {"archive": f"a{seed}", "kind": kind, "user": user.summary()}
                for name, restorer in (("before", shipped), ("after", learned)):
                    wrong = words = 0
                    outcomes: list[tuple[float, bool]] = []
                    changed = clean_words = names_ok = names_all = control = control_words = 0
                    for doc in held_out:
                        plain = folder / "in" / f"{doc.id}.control.txt"
                        plain.write_text(strip_diacritics(doc.generic_text()) + "\n", "utf-8")
                        e, n = errors(doc.generic_text(), convert(plain, restorer).text())
                        control, control_words = control + e, control_words + n
                        converted = convert(paths[doc.id], restorer)
                        e, n = errors(doc.text(), converted.text())
                        wrong, words = wrong + e, words + n
                        ok, count = names_right(doc.text(), converted.text(), names)
                        names_ok, names_all = names_ok + ok, names_all + count
                        outcomes += edit_outcomes(converted, doc.text())
                        clean = folder / "in" / f"{doc.id}.clean.txt"
                        clean.write_text(doc.text() + "\n", encoding="utf-8")
                        c, m = words_changed(doc.text(), convert(clean, restorer).text())
                        changed, clean_words = changed + c, clean_words + m
                    row[name] = {
                        "wer": wrong / max(words, 1),
                        "errors": wrong,
                        "words": words,
                        "edits": len(outcomes),
                        "edits_right": sum(r for _, r in outcomes) / max(len(outcomes), 1),
                        "confidence": sum(c for c, _ in outcomes) / max(len(outcomes), 1),
                        "changed": changed,
                        "clean_words": clean_words,
                        "names_ok": names_ok,
                        "names": names_all,
                        "control": control,
                        "control_words": control_words,
                    }
                    for key in row[name]:
                        totals[kind][f"{name}_{key}"].append(row[name][key])
                rows.append(row)
                b, a = row["before"], row["after"]
                print(
                    f"a{seed} {kind:9} WER {b['wer']:.2%} -> {a['wer']:.2%}, name words right "
                    f"{b['names_ok']} -> {a['names_ok']} of {b['names']}, edits right "
                    f"{b['edits_right']:.0%} -> {a['edits_right']:.0%} (mean confidence "
                    f"{b['confidence']:.2f} -> {a['confidence']:.2f}), clean words changed "
                    f"{b['changed']} -> {a['changed']} of {b['clean_words']}, control WER "
                    f"{b['control'] / max(b['control_words'], 1):.2%} -> "
                    f"{a['control'] / max(a['control_words'], 1):.2%}; {user.summary()}",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(rows, totals, args, time.perf_counter() - started)


def report(rows: list[dict[str, Any]], totals: dict, args: argparse.Namespace, took: float) -> None:
    held = args.held_out or args.docs - args.reviewed
    lines = [
        "# Learning from reviewers' corrections (bench/learn.py)",
        "",
        f"{args.archives} archives x {args.docs} documents; in each, the first {args.reviewed} "
        f"reviewed (every wrong word corrected), the last {held} held out. Held-out WER with "
        "the shipped model (before) and with the user model learned from the reviewed ones "
        "(after); the archive's name words (communes, villages, cooperatives, people) output "
        "right; the restorer's edits right and their mean confidence; faithfulness: the "
        f"held-out documents' true text converted as TXT, words changed; control: the held-out "
        "documents' sentences that name nothing of the archive, typed without marks (does the "
        f"user model hurt other text?). {took:.0f} s.",
        "",
        "| archive | kind | WER before | after | names right before | after | edits right "
        "before | after | mean conf. before | after | clean words changed before | after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        b, a = row["before"], row["after"]
        lines.append(
            f"| {row['archive']} | {row['kind']} | {b['wer']:.2%} | {a['wer']:.2%} | "
            f"{b['names_ok']}/{b['names']} | {a['names_ok']}/{a['names']} | "
            f"{b['edits_right']:.1%} of {b['edits']} | {a['edits_right']:.1%} of {a['edits']} | "
            f"{b['confidence']:.2f} | {a['confidence']:.2f} | {b['changed']} | {a['changed']} |"
        )
    lines += [
        "",
        "| kind | WER before | WER after | names right before | after | clean words changed "
        "before | after | control WER before | after |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    summary = []
    sums: dict[str, int] = defaultdict(int)
    for kind, found in totals.items():
        t = {key: sum(values) for key, values in found.items()}
        words, names, clean = t["before_words"], t["before_names"], t["before_clean_words"]
        lines.append(
            f"| {kind} | {t['before_errors'] / words:.2%} | {t['after_errors'] / words:.2%} | "
            f"{t['before_names_ok'] / names:.1%} | {t['after_names_ok'] / names:.1%} | "
            f"{t['before_changed']} of {clean} | {t['after_changed']} of {clean} | "
            f"{t['before_control'] / t['before_control_words']:.2%} | "
            f"{t['after_control'] / t['after_control_words']:.2%} |"
        )
        summary.append(
            f"{kind} {t['before_errors'] / words:.2%} -> {t['after_errors'] / words:.2%}"
        )
        for key, value in t.items():
            sums[key] += value
    if args.output:
        Path(args.output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[6:]))
    words = max(sums["before_words"], 1)
    print(
        f"learn: held-out WER {sums['before_errors'] / words:.2%} -> "
        f"{sums['after_errors'] / words:.2%} ({'; '.join(summary)}); name words right "
        f"{sums['before_names_ok']} -> {sums['after_names_ok']} of {sums['before_names']}; "
        f"clean words changed {sums['before_changed']} -> {sums['after_changed']}; control WER "
        f"{sums['before_control'] / max(sums['before_control_words'], 1):.2%} -> "
        f"{sums['after_control'] / max(sums['after_control_words'], 1):.2%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--archives", type=int, default=3)
    parser.add_argument("--docs", type=int, default=12, help="documents per archive")
    parser.add_argument("--reviewed", type=int, default=6, help="of which reviewed (learned from)")
    parser.add_argument(
        "--held-out", type=int, help="the last this many documents (default: all not reviewed)"
    )
    parser.add_argument("--kinds", type=lambda s: s.split(","), default=list(KINDS))
    parser.add_argument("--output", help="write the tables (Markdown) here too")
    args = parser.parse_args()
    unknown = set(args.kinds) - set(KINDS)
    held = args.held_out or args.docs - args.reviewed
    if unknown or not 0 < args.reviewed <= args.docs - held or held < 1:
        parser.error(f"--kinds from {', '.join(KINDS)}; --reviewed + --held-out <= --docs")
    run(args)


if __name__ == "__main__":
    main()
