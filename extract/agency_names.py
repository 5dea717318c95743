"""The names of Vietnamese administrative agencies, as a small grammar old OCR is read by.

An agency's name wraps in its narrow table cell ("Các cơ quan," / "đơn vị liên quan"; "Sở
Giáo dục và" / "Đào tạo"; "UBND" / "cấp xã"), and old OCR reading each page line across the
columns puts the second line among another cell's words. To know whether a cell's name is
whole or goes on, and with which words, this module holds the names (``whole_names``) as a
trie: ``open_name`` says where a cell's last name stands, ``name_nodes`` / ``walk`` read
words on from there, ``begins_name`` and ``heads_collective`` tell a name's first words.
Moving words between cells by it is ``agency_moves``'s job.

What a whole name is comes from a grammar general to any province: a department ("Sở" and a
sector, its initials), a people's committee with its level ("UBND cấp xã", "UBND các huyện,
thị xã, thành phố"), a collective ("Các sở, ban, ngành", "Các cơ quan, đơn vị liên quan",
"Tổ chức, cá nhân") and the standing provincial bodies ("Văn phòng UBND tỉnh", "Công an
tỉnh", "Ban Quản lý các khu công nghiệp"). Words are compared folded (no marks, case or
punctuation); one OCR slip is allowed in a word of five letters or more, and a word read
without its spaces ("hocva") stands for the name's words run together.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.corpus.units import syllable_shaped
from sohoa.extract.admin_vocab import SECTORS
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import QUALIFIERS, TERRITORIES, is_cac

# Bodies a collective name lists after "Các" ("Các sở, ban, ngành", "Các cơ quan, đơn vị",
# "Các tổ chức, cá nhân"): a list names bodies of one kind, the state's departments or the
# other bodies and persons (what qualifies it, "liên quan": wrapped_names.QUALIFIERS)
DEPARTMENT_NOUNS = ("sở", "ban", "ngành", "địa phương")
BODY_NOUNS = (
    "cơ quan", "đơn vị", "doanh nghiệp", "tổ chức", "cá nhân", "đoàn thể", "hiệp hội",
)  # fmt: skip
LIST_MAX = 3  # bodies listed in one collective name
# bodies a collective names alone ("UBND cấp xã; các hợp tác xã"), never in a list of nouns
# ("hợp tác xã" ends in "xã", a level: the lists' nouns are told by their last word)
LONE_BODY_NOUNS = ("hợp tác xã",)
# a people's committee (or council) and its level: "UBND cấp xã", "UBND các huyện, thị xã"
COUNCILS = ("ubnd", "ủy ban nhân dân", "hđnd", "hội đồng nhân dân")
LOCAL_LEVELS = ("huyện", "thị xã", "thành phố", "xã", "phường", "thị trấn", "quận", "đặc khu")
TIERS = ("tỉnh", "huyện", "xã")  # "cấp tỉnh / huyện / xã"
# standing provincial bodies, each followed by its level ("Công an tỉnh")
STANDING_BODIES = (
    "văn phòng ubnd", "văn phòng ủy ban nhân dân", "văn phòng hđnd",
    "văn phòng đoàn đbqh và hđnd", "công an", "thanh tra", "bộ chỉ huy quân sự",
    "bộ chỉ huy bộ đội biên phòng", "kho bạc nhà nước", "cục thuế", "cục thống kê",
    "cục hải quan", "bảo hiểm xã hội", "ngân hàng nhà nước chi nhánh",
    "đài phát thanh và truyền hình", "ban dân tộc", "liên minh hợp tác xã", "hội nông dân",
    "hội liên hiệp phụ nữ", "liên đoàn lao động", "hội cựu chiến binh",
    "ủy ban mặt trận tổ quốc việt nam", "trung tâm phục vụ hành chính công",
)  # fmt: skip
# bodies whose name ends without a level
WHOLE_BODIES = (
    "ban quản lý các khu công nghiệp", "ban quản lý khu kinh tế", "ban quản lý các khu kinh tế",
    "tỉnh đoàn", "ban dân tộc",
)  # fmt: skip
# a department's sector as documents shorten it: "Sở Nông nghiệp và PTNT"
SECTOR_SHORT_FORMS = ("nông nghiệp và ptnt", "lao động - tb&xh", "văn hóa, thể thao và dl")
# ... and by their usual initials: "Sở KH&CN", "Sở GD&ĐT"
SECTOR_INITIALS = (
    "kh&cn", "kh&đt", "tn&mt", "gd&đt", "nn&ptnt", "nn&mt", "lđ-tb&xh", "vh-tt&dl", "tt&tt",
    "gtvt", "dt&tg",
)  # fmt: skip


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (fold(x) for x in text.split()) if w)


def _lists(items: tuple[str, ...], least: int = 1) -> list[tuple[str, ...]]:
    """The folded words of each list of ``least``..``LIST_MAX`` different ``items``."""
    out = []
    for size in range(least, LIST_MAX + 1):
        for chosen in itertools.permutations(items, size):
            out.append(tuple(w for item in chosen for w in _words(item)))
    return out


def whole_names() -> set[tuple[str, ...]]:
    """Every whole agency name of the grammar, as folded words."""
    names: set[tuple[str, ...]] = set()
    for sector in (*SECTORS, *SECTOR_SHORT_FORMS, *SECTOR_INITIALS):
        names.add(("so", *_words(sector)))
    qualifiers = [(), *QUALIFIERS]
    for listed in _lists(DEPARTMENT_NOUNS):
        names.update(("cac", *listed, *qualifier) for qualifier in qualifiers)
    for listed in _lists(BODY_NOUNS):  # "… cá nhân trên địa bàn tỉnh": bodies' lists only
        names.update(("cac", *listed, *qualifier) for qualifier in [*qualifiers, *TERRITORIES])
    names.update(("cac", *_words(noun)) for noun in LONE_BODY_NOUNS)
    for listed in _lists(BODY_NOUNS, least=2):  # a list without its "Các": "Tổ chức, cá nhân"
        names.update((*listed, *qualifier) for qualifier in [*qualifiers, *TERRITORIES])
    levels = [("cap", *_words(t)) for t in TIERS] + [("tinh",)]
    levels += [("cac", *listed) for listed in _lists(LOCAL_LEVELS)]
    for council, level in itertools.product(COUNCILS, levels):
        names.add((*_words(council), *level))
    for body, tier in itertools.product(STANDING_BODIES, TIERS):
        names.add((*_words(body), *_words(tier)))
    names.update(_words(body) for body in WHOLE_BODIES)
    return names


@dataclass
class NameNode:
    children: dict[str, NameNode] = field(default_factory=dict)
    whole: bool = False  # a whole name ends here


@lru_cache(maxsize=1)
def name_trie() -> NameNode:
    root = NameNode()
    for name in whole_names():
        node = root
        for word in name:
            node = node.children.setdefault(word, NameNode())
        node.whole = True
    return root


SLIP_LETTERS = 5  # a word this long may differ from the name's by one OCR slip
MISREAD_LETTERS = 2  # so may a shorter one that is no Vietnamese syllable ("Céng", "M6i", "xd")


DIGIT_LETTERS = str.maketrans("60", "oo")  # "C6ng", "d6éng", "S0": an "o" read as a digit
# Vietnamese writes "k", "gh", "ngh" before e, ê, i: "c", "g", "ng" there is a misread
FRONT_VOWEL_MISSPELT = regex.compile(r"(?:c|ng)[ei]|g[e]")


def misread(word: str) -> bool:
    """Is ``word`` (as read, marks kept) no Vietnamese syllable, so a misread one: a digit
    for a letter ("M6i", "x4") or letters no syllable is spelt with ("Céng": "c" before
    "e", "xd"), or a sign amid its letters ("li@n", "li€n")? Such a word may be a short
    word of a name read with one slip."""
    if regex.search(r"\p{L}[^\p{L}\s]+\p{L}", word):
        return True
    core = regex.sub(r"[\W_]+", "", word.lower())
    spelt = syllable_shaped(core) and not FRONT_VOWEL_MISSPELT.match(fold(core))
    return bool(core) and not spelt


def same_word(word: str, known: str, slipped: bool = False) -> bool:
    """``word`` (folded) read for the name's ``known``: the same, or one slip away in a word
    of ``SLIP_LETTERS`` or more, or of ``MISREAD_LETTERS`` or more when it was ``slipped``
    (``misread``)."""
    if word == known:
        return True
    word = word.translate(DIGIT_LETTERS) if slipped else word  # "d6éng" for "động"
    least = MISREAD_LETTERS if slipped else SLIP_LETTERS
    return min(len(word), len(known)) >= least and Levenshtein.distance(word, known) <= 1


def walk(
    nodes: list[NameNode], words: list[str], exact: bool = False, slipped: bool = False
) -> list[NameNode]:
    """The nodes reached from ``nodes`` reading ``words`` (one slip in a long word, or in a
    short one ``slipped``: see ``same_word``; a word read without the spaces of up to
    ``GLUED_MAX`` of the name's: "hocva", "donvi"), or with ``exact`` as the name spells
    them only."""
    for word in words:
        if exact:
            nodes = [node.children[word] for node in nodes if word in node.children]
        else:
            nodes = [r for node in nodes for r in _read_glued(node, word, GLUED_MAX, slipped)]
        if not nodes:
            return []
    return nodes


GLUED_MAX = 3  # words of a name old OCR may read as one, its spaces lost


def _read_glued(node: NameNode, word: str, most: int, slipped: bool = False) -> list[NameNode]:
    """The nodes reached from ``node`` reading ``word`` as one of the name's words or as
    the next ``most`` of them run together ("hocva": "học" "và")."""
    out = [child for known, child in node.children.items() if same_word(word, known, slipped)]
    if most > 1:
        for known, child in node.children.items():
            rest = word[len(known) :]
            if word.startswith(known) and rest:
                out += _read_glued(child, rest, most - 1)  # pieces read exactly
    return out


# "Các" as an English-model OCR reads it: "C&C", "C8C", "C@c", "C86", "C8°" (a capital C and
# no letter after it)
CAC_LOOKALIKE = regex.compile(r"C[^\p{L}\s]\S?[,;]?")
# or, folded, "các" as OCR reads it (``wrapped_names.is_cac``: "Céc", "CAéc", "C4éc") with
# its "á" read as one or two marks, never an "i", "o", "u" or "y": "Cục" is a name's head
NOT_CAC_VOWELS = set("iouy")


def reads_cac(word: str) -> bool:
    """Is ``word`` "Các" as an English-model OCR reads it (``CAC_LOOKALIKE``, "Céc", "CAéc")?"""
    folded = fold(word)
    middle = folded[1:-1]
    misread = (
        word[:1] == "C" and is_cac(folded) and bool(middle) and not NOT_CAC_VOWELS & set(middle)
    )
    return misread or CAC_LOOKALIKE.fullmatch(word) is not None


# "Sở" as an English-model OCR reads it in an agency list: its "ở" a sign ("S°", "S%")
_SO_SIGNED = regex.compile(r"S[^\p{L}\p{N}\s][,;:]?")


def _name_word(word: str) -> str:
    """``word`` folded as a name's word: "cac" for a misread "Các" (``reads_cac``), "so"
    for a "Sở" read with a sign for its "ở" ("S°,"), else as it is folded."""
    if reads_cac(word):
        return "cac"
    return "so" if _SO_SIGNED.fullmatch(word) else fold(word)


def heads_collective(words: list[str], k: int) -> bool:
    """Is ``words[k]`` the "Các" of a collective name as OCR misread it ("C8° cơ quan,",
    "C&C doanh nghiệp"): "Các"'s shape, and the words after it begin a collective name?"""
    if not CAC_LOOKALIKE.fullmatch(words[k]):
        return False
    following = [w for w in (fold(x) for x in words[k + 1 : k + 3]) if w]
    return bool(following) and bool(walk([name_trie()], ["cac", *following]))


def begins_name(text: str) -> bool:
    """Does ``text`` begin an agency name: its first two words those of a name ("sở Yté",
    "Các Sở"), in whatever case?"""
    words = [w for w in (fold(x) for x in text.split()[:2]) if w]
    return bool(words) and bool(walk([name_trie()], words))


@dataclass
class OpenName:
    """The name an agency cell ends in, not yet whole or going on: where the trie stands
    after it, and whether more must come (``required``) or only may ("Các sở, ngành" /
    "liên quan"); ``capitalised``: what comes must begin with a capital (a lone "Sở": its
    sector's name, "Sở" / "Xây dựng", never the task's "xây dựng")."""

    nodes: list[NameNode]
    required: bool
    capitalised: bool = False


def open_name(cell: str) -> OpenName | None:
    """The name ``cell`` ends in, if it may go on: the longest run of the cell's last words,
    from the cell's start or after a "," / ";" / "và" of its list, that begins a name of the
    grammar (a misread "Các" or "Sở" read as it: ``_name_word``); more must come when that
    run is no whole name, or the cell ends in "," / ";" / "và" (its list goes on). ``None``
    when the cell ends in no name or in one that can take nothing more."""
    raw = [w for w in cell.split() if fold(w)]
    words = [_name_word(w) for w in raw]
    if not words:
        return None
    for start in range(len(words)):
        # a name starts the cell or goes on its list after a "," / ";" / "và", capitalised
        # ("Tổ chức, cá nhân", "UBND cấp xã") or opened by "các"
        listed = start > 0 and (raw[start - 1].endswith((",", ";")) or words[start - 1] == "va")
        opens = raw[start][:1].isupper() or words[start] == "cac"
        if not ((start == 0 or listed) and opens):
            continue
        nodes = name_nodes(words[start:])  # "C6ng", "hda", "d6éng": one slip
        if nodes:
            going_on = raw[-1].endswith((",", ";")) or words[-1] == "va"
            whole = any(node.whole for node in nodes)
            if not any(node.children for node in nodes):
                return None
            lone_so = words[start:] == ["so"]
            return OpenName(nodes, required=going_on or not whole, capitalised=lone_so)
    return None


def name_nodes(words: list[str], nodes: list[NameNode] | None = None) -> list[NameNode]:
    """The grammar's nodes reached reading ``words`` from ``nodes`` (a name's start when
    ``None``), each folded, one no syllable with a slip (``misread``); none if none goes so."""
    nodes = [name_trie()] if nodes is None else nodes
    for word in (w for w in words if fold(w)):
        nodes = walk(nodes, [fold(word)], slipped=misread(word))
    return nodes


# the nouns a qualifier ("liên quan") follows in a collective name
QUALIFIED_NOUNS = {w for noun in DEPARTMENT_NOUNS + BODY_NOUNS for w in _words(noun)[-1:]}


@lru_cache(maxsize=1)
def sector_tails() -> dict[tuple[str, ...], set[str]]:
    """Each proper end of a sector's name ("Đào tạo", "dục và Đào tạo", "Thể thao và Du
    lịch"), as folded words, with the sectors' folded words before it: what a lead's name
    wrapped in its narrow cell puts on the page line below its head ("Sở Giáo" / "dục và
    Đào tạo"). Only a sector of two items has them ("… và …"), each holding the item
    after "và" whole; ends of one word ("tế") are no evidence and are left out."""
    tails: dict[tuple[str, ...], set[str]] = {}
    for sector in SECTORS:
        words = _words(sector)
        last_va = max((k for k, w in enumerate(words) if w == "va"), default=-1)
        for start in range(1, min(last_va + 2, len(words) - 1)):
            tails.setdefault(words[start:], set()).add(words[start - 1])
    return tails


def _capital_after_va(raw: list[str]) -> bool:
    """Is the word after the run's last "và" (its first word if none) capitalised: the
    sector's second item as an agency's name writes it ("và Đào tạo"), never the task's
    ("khóa đào tạo")?"""
    folded = [fold(w) for w in raw]
    last_va = max((k for k, w in enumerate(folded) if w == "va"), default=-1)
    return last_va + 1 < len(raw) and raw[last_va + 1][:1].isupper()


def _reads_as(words: list[str], name: tuple[str, ...]) -> bool:
    """Are ``words`` the name's words as read, one slip in a word no syllable ("Céng")?"""
    pairs = zip(words, name, strict=False)
    return len(words) == len(name) and all(same_word(fold(w), n, misread(w)) for w, n in pairs)


def sector_tail_at(words: list[str], k: int) -> bool:
    return sector_tail_size(words, k) > 0


def sector_tail_size(words: list[str], k: int, agencies: bool = False) -> int:
    """How many words of a sector name's end start at word ``k`` of a line (0: none), "…
    cho doanh a" / "và Đào tạo đơn vị liên quan", "… đoàn học Đào tạo hợp tác xã": the
    second line of a lead's name wrapped in its narrow cell, read across among the task's
    words (one slip in a word no syllable: "và Céng nghé"). Its item after "và"
    capitalised (``_capital_after_va``), the word before it no word of the same name (the
    name read whole is the task's, or is told by its "Sở") nor a sentence's end, and it
    ends no sentence ("… Khoa học và" / "Công nghệ.": the task's own name, wrapped).
    Opening the line, it holds its "và" or is the whole line (a task
    may begin "Đào tạo"), unless the words are known to be ``agencies``' already."""
    folded = [fold(w) for w in words]
    if k > 0 and regex.search(r"\w[.)]$", words[k - 1]):
        return 0
    for tail, before in sector_tails().items():
        if not _reads_as(words[k : k + len(tail)], tail):
            continue
        ends_sentence = words[k + len(tail) - 1].endswith(".")  # no agency's name does
        opening = k == 0 and "va" not in tail and len(tail) < len(words) and not agencies
        if not (opening or ends_sentence) and (k == 0 or folded[k - 1] not in before):
            return len(tail) if _capital_after_va(words[k : k + len(tail)]) else 0
    return 0
