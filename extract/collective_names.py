"""Collective agency names misread by old OCR, spelt as the grammar has them.

A partner cell is most often a collective ("Các sở, ban, ngành, các UBND cấp xã"); old OCR
reads its short words with more slips than the one ``agency_names`` allows ("Các s, ban,
ngành", "Các sở, ban, qgénh,", "CE}C S0, ban,"), and the restorer, which knows words and
not names, leaves them so. Read as a list of the grammar, a word that is no syllable (or
a lone letter) can be only one of the list's next words: the one its letters are nearest,
two letters apart at most, the only one as near (``spell_collectives``). Words read right
or read as other syllables are left as they are.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.agency_names import (
    BODY_NOUNS,
    DEPARTMENT_NOUNS,
    NameNode,
    misread,
    name_nodes,
    walk,
)
from sohoa.extract.structure import fold

# the collective's words as the grammar spells them, by their folded letters
SPELLING = {fold(w): w for noun in DEPARTMENT_NOUNS + BODY_NOUNS for w in noun.split()}
SPELLING["cac"] = "các"
CAC_READ = regex.compile(r"C\S{1,3}")  # "Các" read "CE}C", "C&c", "Cac"
DIGITS = str.maketrans("6041", "ooal")  # "S0", "s6": an "o" read as a digit


def spell_collectives(cell: str) -> str:
    """``cell`` with each collective of its list ("Các …" at its start or after a "," /
    ";") spelt where old OCR misread its words (see the module's doc)."""
    words = cell.split()
    out = list(words)
    for start, word in enumerate(words):
        opens = start == 0 or words[start - 1].endswith((",", ";"))
        if opens and CAC_READ.fullmatch(word):
            _spell_from(words, start, out)
    return " ".join(out)


def _spell_from(words: list[str], start: int, out: list[str]) -> None:
    """Spell the collective that ``words[start]`` opens into ``out``: as far as its words
    go on with the grammar, two of them read as it spells them at least, or one when it
    reads as a whole name of three words or more ("CE}C S0, ban, nﬂgant},")."""
    nodes, spelt, exact = name_nodes(["cac"]), {}, 0
    if fold(words[start]) != "cac":
        spelt[start] = "các"
    for k in range(start + 1, len(words)):
        folded = fold(words[k])
        following = walk(nodes, [folded], exact=True) if folded else nodes
        if following:
            nodes, exact = following, exact + bool(folded)
            continue
        key = _read_for(nodes, words[k])
        if key is None:
            break
        spelt[k] = SPELLING.get(key, "")
        nodes = [node.children[key] for node in nodes if key in node.children]
    whole = any(node.whole for node in nodes) and len(spelt) + exact >= 3
    if exact >= 2 or (exact and whole):
        for k, word in spelt.items():
            out[k] = _respelt(words[k], word) if word else words[k]


def _read_for(nodes: list[NameNode], word: str) -> str | None:
    """The one next word of the list (a key of ``nodes``' children) that ``word``, no
    syllable or a lone letter, was read for: the nearest by its letters, two apart at most
    (one in a word of three letters or fewer), a lone letter the word's first; ``None``
    if none, or more than one as near."""
    folded = fold(word).translate(DIGITS)
    if not folded or not (misread(word) or len(folded) == 1):
        return None
    keys = {key for node in nodes for key in node.children}
    if len(folded) == 1:
        near = [key for key in keys if key.startswith(folded)]
        return near[0] if len(near) == 1 else None
    most = 1 if len(folded) <= 3 else 2
    apart = {key: Levenshtein.distance(folded, key) for key in keys}
    least = min(apart.values(), default=most + 1)
    near = [key for key, distance in apart.items() if distance == least]
    return near[0] if least <= most and len(near) == 1 else None


def _respelt(read: str, word: str) -> str:
    """``word`` with the capital and the punctuation after it of the word as ``read``."""
    tail = regex.search(r"[,;.]*$", read)
    first = word[:1].upper() if read[:1].isupper() else word[:1]
    return first + word[1:] + (tail.group(0) if tail else "")
