"""The restorer's validation folds (bench/restore_tune.py's docstring says what they are):
each fold's model built without the fold's text, its (OCR, clean) text, and the pooled WER
and edit precision of a restorer under given settings. Used by the settings search
(restore_tune.py) and the confidence calibration (restore_calibration.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import metrics  # noqa: E402
from restore_sources import (  # noqa: E402
    BENCH_SOURCES,
    SEEDS,
    SOURCES,
    domain_of,
    edit_precision,
    words,
)

import sohoa.corpus.build as build  # noqa: E402
import sohoa.corpus.trigram_lm as trigram_lm  # noqa: E402
import sohoa.normalize.channel_keys as channel_keys  # noqa: E402
import sohoa.normalize.restore as restore  # noqa: E402
from sohoa.corpus.channel_pairs import (  # noqa: E402
    Channel,
    PageResult,
    default_documents,
    ocr_pages,
    pair_counts,
    read_pages,
    write_pages,
    write_tsv,
)
from sohoa.corpus.model import load_model_file, save_model  # noqa: E402
from sohoa.corpus.token_alignment import align  # noqa: E402
from sohoa.normalize.params import CandidateParams, RestorerParams  # noqa: E402

DATA = ROOT / "corpus" / "data"
CACHE = ROOT / "bench" / ".cache" / "restore"
# The code a fold model is built by (its cache key), and the bench's choice of its sources
MODEL_CODE = (
    "corpus/build.py",
    "corpus/channel_learn.py",
    "corpus/model.py",
    "corpus/trigram_lm.py",
    "corpus/mixed_lm.py",
    "bench/restore_sources.py",
)


def model_code() -> bytes:
    """The text of the code a bench model is built by (``MODEL_CODE``), for cache keys."""
    return b"".join((ROOT / p).read_bytes() for p in MODEL_CODE)


MAX_PAGES = 8  # pages validated per fold (keeps a settings search affordable)
# fold -> (document name in the page files, LM source left out, lines of it left out)
FOLDS = {
    "seed-001": ("seed-001", SEEDS / "001_b2bd4cc6c0423af8.txt", None),
    "seed-004": ("seed-004", SEEDS / "004_270c43c183b8e566.txt", None),
    "vlsp": ("vlsp2013-underthesea", SOURCES / "vlsp2013-underthesea.txt", (0, 600)),
    "lo-help": ("libreoffice-help-vi", SOURCES / "libreoffice-help-vi.txt", (2000, 2600)),
}
# Every setting chosen here: the fields of RestorerParams and of its search
# (CandidateParams), and one build setting re-applied to the fold models.
SEARCH_SETTINGS = tuple(f.name for f in dataclasses.fields(CandidateParams))
SETTINGS = (
    *(f.name for f in dataclasses.fields(RestorerParams) if f.name != "search"),
    *SEARCH_SETTINGS,
    "word_bonus",
)
# The OCR profile each validation OCR is restored with; others (the legacy engine's, poor
# vie scans') get the profile the restorer chooses itself, as a user's text would.
PROFILE_OF = {"eng": "eng", "eng-shifted": "eng", "vie": "vie"}

SHIFTED = Channel(lang="eng", dpi=200, level="heavy")  # the eng channel's pages: 300 dpi, light


def shifted_pages() -> list[PageResult]:
    """The folds' pages scanned unlike the channel data's: English-model OCR of heavy 200 dpi
    scans, whose misreadings the learned eng channel prices wrong (cached).

    What restoring the OCR of an engine or scanner the channel was not learned from (seed
    000's) looks like, without looking at 000: settings that trust the learned channel
    too far show here.
    """
    path = CACHE / f"shifted-{SHIFTED.lang}-{SHIFTED.dpi}-{SHIFTED.level}-pages.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        found = []
        folds = {document for document, _, _ in FOLDS.values()}
        for document in [d for d in default_documents(600) if d.name in folds]:
            print(f"  scanning {document.name} ({SHIFTED})", flush=True)
            found += list(ocr_pages(document, SHIFTED, MAX_PAGES))
        write_pages(path, found)
    return read_pages(path)


def fold_model(fold: str, pages: dict[str, list[PageResult]]):
    """The LM + channel model of one fold, built without the fold's text (cached)."""
    document, left_out, lines = FOLDS[fold]
    code = model_code()
    sources = [p for _, paths in BENCH_SOURCES for p in paths]
    listed = "".join(f"{p.name}:{p.stat().st_size};" for p in sources).encode()
    # ... and by the channel pages its channel is learned from (make channel rewrites them)
    listed += "".join(p.ocr_text for found in pages.values() for p in found).encode()
    digest = hashlib.sha1(code + listed + fold.encode()).hexdigest()[:12]
    path = CACHE / f"tune-{fold}-{digest}.pkl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        if lines is None:
            sources.remove(left_out)
        else:
            held = left_out.read_text(encoding="utf-8").splitlines()
            kept_text = CACHE / f"tune-{fold}-{left_out.name}"
            kept_text.write_text("\n".join(held[: lines[0]] + held[lines[1] :]), encoding="utf-8")
            sources[sources.index(left_out)] = kept_text
        tsvs = []
        for name, found in pages.items():
            tsv = CACHE / f"tune-{fold}" / f"channel-{name}.tsv"
            tsv.parent.mkdir(parents=True, exist_ok=True)
            others = [p for p in found if p.document != document]
            write_tsv(tsv, pair_counts(align(p.ocr, p.clean) for p in others))
            tsvs.append(tsv)
        started = time.perf_counter()
        # The candidate tables are only a cache of channel.candidates(); the search
        # changes the settings they depend on, so candidates are computed on demand.
        model = build.build_model(
            sources, channel_files=tsvs, with_candidate_tables=False, domain=domain_of(sources)
        )
        save_model(model, path)
        print(f"  built {fold} model in {time.perf_counter() - started:.0f} s", flush=True)
    model = load_model_file(path)
    model.candidate_tables = {}
    return model


def current_settings() -> dict[str, float]:
    """The shipped settings: RestorerParams' defaults and the build's word bonus."""
    params = RestorerParams()
    found = {n: getattr(params, n) for n in SETTINGS if n not in (*SEARCH_SETTINGS, "word_bonus")}
    found["word_bonus"] = trigram_lm.WORD_BONUS
    found.update({n: getattr(params.search, n) for n in SEARCH_SETTINGS})
    return found


def params_of(settings: dict[str, float]) -> RestorerParams:
    """The restorer's params for ``settings`` (current_settings' names)."""
    search = CandidateParams(**{name: settings[name] for name in SEARCH_SETTINGS})
    return RestorerParams(
        **{n: settings[n] for n in SETTINGS if n not in SEARCH_SETTINGS and n != "word_bonus"},
        search=search,
    )


def fold_restorer(model, settings: dict[str, float]) -> restore.Restorer:
    """A restorer of a fold model under ``settings`` (the word bonus re-applied to it)."""
    trigram_lm.set_word_bonus(model, settings["word_bonus"])
    return restore.Restorer(model, channel_keys.CandidateIndex(model), params_of(settings))


def validate(
    models, texts, settings: dict[str, float], ocr: str | None = "eng"
) -> dict[str, float]:
    """Pooled WER / edit precision over the folds under ``settings``."""
    errors = reference_words = changed = right = 0.0
    for fold, model in models.items():
        raw, reference = texts[fold]
        restorer = fold_restorer(model, settings)
        restored, _ = restore.restore_text(raw, restorer, ocr)
        n = len(words(reference))
        errors += metrics.wer(reference, restored) * n
        reference_words += n
        before, after, gold = words(raw), words(restored), words(reference)
        precision = edit_precision(before, after, gold)
        count = changed_words(before, after)
        if precision == precision:
            changed += count
            right += precision * count
    return {"wer": errors / reference_words, "precision": right / max(changed, 1)}


def changed_words(before: list[str], after: list[str]) -> int:
    """How many words of ``after`` differ from ``before`` (edit_precision's denominator)."""
    return sum(
        j2 - j1 for tag, _i1, _i2, j1, j2 in Levenshtein.opcodes(before, after) if tag != "equal"
    )


def folds(
    ocr: str = "eng",
    data: Path = DATA,
    channels: tuple[str, ...] = ("eng", "vie"),
    only: tuple[str, ...] = tuple(FOLDS),
    validated_only: bool = False,
) -> tuple[dict, dict[str, tuple[str, str]]]:
    """The fold models and their (OCR text, clean text) for ``ocr`` (see the docstring);
    the channel pages are read from ``data`` (``make channel``'s, unless told), and the
    fold models' channels learned from those of ``channels`` (channel-eng-legacy pages
    pool with eng's: corpus/channel_learn.py). ``validated_only``: of the eng and vie
    pages only the folds' validated ones (``calibration_pages``)."""
    pages = {name: read_pages(data / f"channel-{name}-pages.jsonl") for name in channels}
    if validated_only:
        pages = calibration_pages(pages)
    if ocr == "eng-shifted":
        validated = shifted_pages()
    else:
        validated = read_pages(data / f"channel-{ocr}-pages.jsonl")
    models, texts = {}, {}
    for fold, (document, _, _) in FOLDS.items():
        mine = [p for p in validated if p.document == document][:MAX_PAGES]
        if not mine or fold not in only:
            continue
        texts[fold] = (
            "\n".join(p.ocr_text for p in mine),
            "\n".join(p.clean_text for p in mine),
        )
        models[fold] = fold_model(fold, pages)
    return models, texts


def calibration_pages(pages: dict[str, list[PageResult]]) -> dict[str, list[PageResult]]:
    """The channel pages the calibration's fold models learn from: of eng's only the
    folds' validated pages (each fold's first MAX_PAGES), none of vie's, and the other
    engines' all. So the calibration depends on make channel's eng page budget no more
    than the validation does (a page's OCR is the same whatever the budget): the folds'
    32 eng pages and make channel-engines' 40 legacy pages."""
    documents = {document for document, _, _ in FOLDS.values()}
    kept: dict[str, list[PageResult]] = {}
    for name, found in pages.items():
        if name == "vie":
            kept[name] = []
        elif name == "eng":
            taken: dict[str, int] = {}
            kept[name] = []
            for page in found:
                if page.document in documents and taken.get(page.document, 0) < MAX_PAGES:
                    taken[page.document] = taken.get(page.document, 0) + 1
                    kept[name].append(page)
        else:
            kept[name] = found
    return kept
