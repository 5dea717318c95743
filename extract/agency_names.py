"""Agency cells of a table rebuilt from old OCR, completed from the row's task text.

An agency's name wraps in its narrow cell ("Các cơ quan," / "đơn vị liên quan"; "Sở Giáo
dục và" / "Đào tạo"; "UBND" / "cấp xã"), and old OCR, reading each page line across the
columns, puts the second line among the task's words ("… cho doanh a và Đào tạo đơn vị liên
quan nghiệp"): nothing on the line marks it as an agency's. When an agency cell of a row ends
in a name that is not whole yet (a known name begun, a list going on after its comma, "UBND"
waiting for its level), the run of the row's task words that makes it whole is moved back to
the cell, and the move is logged as an Edit for the reviewer (``complete_agency_cells``).
Likewise the words after a lead's whole name that go on in lower case are the partner's
(``lead_tail``), and a line's part given to the lead that ends with the partner's words gives
them back (``partner_words_at``, used by ``budget_agencies``).

What a whole name is comes from a small grammar of Vietnamese administrative agency names
(``whole_names``), general to any province: a department ("Sở" and a sector, its initials),
a people's committee with its level ("UBND cấp xã", "UBND các huyện, thị xã, thành phố"),
a collective ("Các sở, ban, ngành", "Các cơ quan, đơn vị liên quan", "Tổ chức, cá nhân") and
the standing provincial bodies ("Văn phòng UBND tỉnh", "Công an tỉnh", "Ban Quản lý các khu
công nghiệp"). Words are compared folded (no marks, case or punctuation); one OCR slip is
allowed in a word of five letters or more, and a word read without its spaces ("hocva")
stands for the name's words run together.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.corpus.units import syllable_shaped
from sohoa.extract.admin_vocab import SECTORS
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import QUALIFIERS
from sohoa.model import Edit, Table

# Bodies a collective name lists after "Các" ("Các sở, ban, ngành", "Các cơ quan, đơn vị",
# "Các tổ chức, cá nhân"): a list names bodies of one kind, the state's departments or the
# other bodies and persons (what qualifies it, "liên quan": wrapped_names.QUALIFIERS)
DEPARTMENT_NOUNS = ("sở", "ban", "ngành", "địa phương")
BODY_NOUNS = (
    "cơ quan", "đơn vị", "doanh nghiệp", "tổ chức", "cá nhân", "đoàn thể", "hiệp hội",
)  # fmt: skip
LIST_MAX = 3  # bodies listed in one collective name
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

MOVED = "table-cell-moved"  # the reason of the Edits logged here
# Which cell a wrapped line belongs to is read from the words alone. bench/tables_edits.py
# (dev sets, five OCR modes, restored): 239 of 277 moves judged bring the cell nearer its
# truth (38 farther); (239 + 1) / (277 + 2) = 0.86, rounded down to 0.05 as all are.
CONFIDENCE = 0.85


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
    for listed in _lists(DEPARTMENT_NOUNS) + _lists(BODY_NOUNS):
        for qualifier in qualifiers:
            names.add(("cac", *listed, *qualifier))
    for listed in _lists(BODY_NOUNS, least=2):  # a list without its "Các": "Tổ chức, cá nhân"
        names.update((*listed, *qualifier) for qualifier in qualifiers)
    levels = [("cap", *_words(t)) for t in TIERS] + [("tinh",)]
    levels += [("cac", *listed) for listed in _lists(LOCAL_LEVELS)]
    for council, level in itertools.product(COUNCILS, levels):
        names.add((*_words(council), *level))
    for body, tier in itertools.product(STANDING_BODIES, TIERS):
        names.add((*_words(body), *_words(tier)))
    names.update(_words(body) for body in WHOLE_BODIES)
    return names


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    whole: bool = False  # a whole name ends here


@lru_cache(maxsize=1)
def _trie() -> _Node:
    root = _Node()
    for name in whole_names():
        node = root
        for word in name:
            node = node.children.setdefault(word, _Node())
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


def _same(word: str, known: str, slipped: bool = False) -> bool:
    """``word`` (folded) read for the name's ``known``: the same, or one slip away in a word
    of ``SLIP_LETTERS`` or more, or of ``MISREAD_LETTERS`` or more when it was ``slipped``
    (``misread``)."""
    if word == known:
        return True
    word = word.translate(DIGIT_LETTERS) if slipped else word  # "d6éng" for "động"
    least = MISREAD_LETTERS if slipped else SLIP_LETTERS
    return min(len(word), len(known)) >= least and Levenshtein.distance(word, known) <= 1


def _walk(
    nodes: list[_Node], words: list[str], exact: bool = False, slipped: bool = False
) -> list[_Node]:
    """The nodes reached from ``nodes`` reading ``words`` (one slip in a long word, or in a
    short one ``slipped``: see ``_same``; a word read without the spaces of up to
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


def _read_glued(node: _Node, word: str, most: int, slipped: bool = False) -> list[_Node]:
    """The nodes reached from ``node`` reading ``word`` as one of the name's words or as
    the next ``most`` of them run together ("hocva": "học" "và")."""
    out = [child for known, child in node.children.items() if _same(word, known, slipped)]
    if most > 1:
        for known, child in node.children.items():
            rest = word[len(known) :]
            if word.startswith(known) and rest:
                out += _read_glued(child, rest, most - 1)  # pieces read exactly
    return out


# "Các" as an English-model OCR reads it: "C&C", "C8C", "C@c", "C86", "C8°" (a capital C and
# no letter after it)
CAC_LOOKALIKE = regex.compile(r"C[^\p{L}\s]\S?[,;]?")


def heads_collective(words: list[str], k: int) -> bool:
    """Is ``words[k]`` the "Các" of a collective name as OCR misread it ("C8° cơ quan,",
    "C&C doanh nghiệp"): "Các"'s shape, and the words after it begin a collective name?"""
    if not CAC_LOOKALIKE.fullmatch(words[k]):
        return False
    following = [w for w in (fold(x) for x in words[k + 1 : k + 3]) if w]
    return bool(following) and bool(_walk([_trie()], ["cac", *following]))


def begins_name(text: str) -> bool:
    """Does ``text`` begin an agency name: its first two words those of a name ("sở Yté",
    "Các Sở"), in whatever case?"""
    words = [w for w in (fold(x) for x in text.split()[:2]) if w]
    return bool(words) and bool(_walk([_trie()], words))


@dataclass
class OpenName:
    """The name an agency cell ends in, not yet whole or going on: where the trie stands
    after it, and whether more must come (``required``) or only may ("Các sở, ngành" /
    "liên quan"); ``capitalised``: what comes must begin with a capital (a lone "Sở": its
    sector's name, "Sở" / "Xây dựng", never the task's "xây dựng")."""

    nodes: list[_Node]
    required: bool
    capitalised: bool = False


def open_name(cell: str) -> OpenName | None:
    """The name ``cell`` ends in, if it may go on: the longest run of the cell's last words,
    from the cell's start or after a "," / ";" / "và" of its list, that begins a name of the
    grammar; more must come when that run is no whole name, or the cell ends in "," / ";"
    / "và" (its list goes on). ``None`` when the cell ends in no name or in one that can
    take nothing more."""
    raw = [w for w in cell.split() if fold(w)]
    words = ["cac" if CAC_LOOKALIKE.fullmatch(w) else fold(w) for w in raw]
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


def name_nodes(words: list[str], nodes: list[_Node] | None = None) -> list[_Node]:
    """The grammar's nodes reached reading ``words`` from ``nodes`` (a name's start when
    ``None``), each folded, one no syllable with a slip (``misread``); none if none goes so."""
    nodes = [_trie()] if nodes is None else nodes
    for word in (w for w in words if fold(w)):
        nodes = _walk(nodes, [fold(word)], slipped=misread(word))
    return nodes


QUALIFIED_NOUNS = {w for noun in DEPARTMENT_NOUNS + BODY_NOUNS for w in _words(noun)[-1:]}
SENTENCE_ENDS = (".", ";", ":")


def run_in_text(name: OpenName, words: list[str]) -> tuple[int, int] | None:
    """Where in ``words`` (a row's task text, as read) the run of words that makes ``name``
    whole is: the longest (the rightmost of equals), never the text's first words, nor a
    run opening a sentence or a clause of the text (``_opens_sentence``). A name that only
    may go on ("Các sở, ngành") takes only a run ending in its qualifier or one after "và"
    (``_may_go_on``), not after a word it would qualify in the text ("các cơ quan liên
    quan"). A run read as far as the name goes on must not end a sentence or a clause of
    the text ("… ngoài tỉnh.", "cho tổ chức, cá nhân; hỗ trợ"): those words are the text's
    own, and so is any shorter run from the same word. ``None`` when there is none."""
    folded = [fold(w) for w in words]
    best: tuple[int, int] | None = None
    for start in range(1, len(words)):
        if not folded[start] or (name.capitalised and not words[start][:1].isupper()):
            continue
        if not name.required and folded[start - 1] in QUALIFIED_NOUNS:
            continue
        for end in _whole_ends(name, words, folded, start):
            if best is None or end - start >= best[1] - best[0]:
                best = (start, end)
    return best


def _whole_ends(name: OpenName, words: list[str], folded: list[str], start: int) -> list[int]:
    """The ends of the runs from ``start`` that make ``name`` whole (see ``run_in_text``);
    none when the run read as far as the name goes on ends a sentence or a clause."""
    ends = []
    nodes = name.nodes
    end = start
    while end < len(words):
        slipped = misread(words[end])  # the name's rest read in the text ("Céng nghé")
        following = _walk(nodes, [folded[end]], slipped=slipped) if folded[end] else nodes
        if not following:
            break
        nodes, end = following, end + 1
        run = tuple(w for w in folded[start:end] if w)
        if len(run) == 1 and not _walk(name.nodes, list(run), exact=True):
            continue  # one word alone is taken as the name spells it ("tuyên" no "huyện")
        fits = name.required or _may_go_on(run)
        if fits and any(node.whole for node in nodes):
            ends.append(end)
    if end > start and words[end - 1].endswith(SENTENCE_ENDS):
        return []
    if any(word.endswith((".", ":")) for word in words[start:end]):
        return []
    return [end for end in ends if not _opens_sentence(words, start, end)]


def _may_go_on(run: tuple[str, ...]) -> bool:
    """Does ``run`` go on with a name that is whole already: its qualifier ("liên quan",
    "đơn vị liên quan") or, after "và", the rest of a longer name ("Sở Giáo dục" / "và Đào
    tạo")? A list's next body or a level alone are too common in a task's words."""
    ends = (zip(run[-len(q) :], q, strict=False) for q in QUALIFIERS)  # "li@n quan": a slip
    qualified = any(all(_same(w, k, slipped=True) for w, k in pairs) for pairs in ends)
    return len(run) >= 2 and (qualified or run[0] == "va")


def _opens_sentence(words: list[str], start: int, end: int) -> bool:
    """Does the run ``words[start:end]`` open a sentence or a clause of the text: after a
    stop, and the text going on after it in lower case ("…; tổ chức thực hiện …")? A run
    after a stop that ends the text is a name's rest read on the row's last line."""
    going_on = end < len(words) and words[end][:1].islower()
    return words[start - 1].endswith(SENTENCE_ENDS) and going_on


def complete_cell(
    cell: str, text: str, read_as: Callable[[str], str] = str
) -> tuple[str, str] | None:
    """(the agency cell made whole, the task text without the run) when ``cell`` ends in a
    name not yet whole and ``text`` holds the run that completes it; else ``None``.
    ``read_as`` gives the cell as its name is read ("S6 Giao duc va" -> "Sở Giao duc va")."""
    name = open_name(read_as(cell))
    if name is None:
        return None
    words = text.split()
    found = run_in_text(name, words)
    if found is None:
        return None
    start, end = found
    moved = " ".join(w.strip("|") for w in words[start:end])
    return f"{cell.rstrip()} {moved}", " ".join(words[:start] + words[end:])


def lead_tail(cell: str) -> tuple[str, str] | None:
    """(the whole name, the words after it) of a lead agency cell that is one whole name,
    which nothing may lengthen (not "Các cơ quan", "Sở Giáo dục"), followed by words that go
    on in lower case ("Sở KH&CN cấp xã, Tổ chức, cá nhân", "Sở
    Nội vụ ngành;"): the partner's words, read on the lead's line after it (the partner's
    list wraps over more lines than the lead's name); a "Các" read with a slip ("C8° cơ
    quan,") starts them too. ``None`` when the cell is no such name, what follows it is
    specks only (no word of three letters) or goes on the lead's list with "và"."""
    raw = cell.split()
    nodes, size, whole = [_trie()], 0, 0
    for k, word in enumerate(raw):
        folded = fold(word)
        if folded:
            nodes = _walk(nodes, [folded])
            if not nodes:
                break
        size = k + 1
        whole = size if any(node.whole and not node.children for node in nodes) else whole
    tail = raw[whole:]
    if not whole or not tail or not any(len(fold(w)) >= 3 for w in tail):
        return None
    first = tail[0]
    if not (first[:1].islower() or regex.fullmatch(r"C\S\S?", first)) or fold(first) == "va":
        return None  # "Sở Y tế và UBND cấp xã": the lead's own list
    return " ".join(raw[:whole]), " ".join(tail)


def partner_words_at(lead: str, partner: str, words: list[str]) -> int | None:
    """Where in ``words`` (a line's part given to the lead agency) the partner's words begin,
    when the lead's part goes on with the lead's name begun above (``lead``, not yet whole)
    and the rest goes on with the partner's ("Sở Khoa" / "Các Sở, ban," then "hocva ngành;":
    "học và" the lead's, "ngành;" the partner's); the last such place, ``None`` if none."""
    lead_name, partner_name = open_name(lead), open_name(partner)
    if lead_name is None or partner_name is None or not lead_name.required:
        return None
    folded = [fold(w) for w in words]
    if _walk(lead_name.nodes, [w for w in folded if w]):
        return None  # the lead's name takes them all ("Văn phòng" / "UBND tỉnh")
    for k in range(len(words) - 1, 0, -1):
        own = _walk(lead_name.nodes, [w for w in folded[:k] if w])
        if own and _walk(partner_name.nodes, [w for w in folded[k:] if w]):
            return k
    return None


def _placed(words: str, partner: str) -> str:
    """The partner with ``words`` read on the lead's line put where its list goes on with
    them ("Các Sở, ban," + "ngành;" + "UBND cấp xã"), else in front of it."""
    read = partner.split()
    first = [w for w in (fold(x) for x in words.split()[:1]) if w]
    for at in range(len(read) - 1, 0, -1):
        name = open_name(" ".join(read[:at]))
        if name is not None and name.required and first and _walk(name.nodes, first):
            return " ".join([*read[:at], words, *read[at:]])
    return f"{words} {partner}".strip()


def _edit(original: str, result: str, table_index: int | None, row: int) -> Edit:
    return Edit(original, result, CONFIDENCE, table=table_index, row=row, reason=MOVED)


def complete_agency_cells(
    table: Table,
    agencies: list[int],
    text_column: int | None,
    table_index: int | None,
    read_as: Callable[[str], str] = str,
) -> list[Edit]:
    """Each row's agency cells (``agencies``, lead first) put right where a wrapped name's
    words were read in another cell: the words after a lead's whole name go to the front of
    the partner (``lead_tail``); then a cell that ends in a name not yet whole is completed
    by the run of the row's task text (``text_column``) that goes on with it
    (``complete_cell``). Words are moved, not copied, and each change is an Edit (reason
    ``MOVED``). ``read_as``: see ``complete_cell``."""
    edits: list[Edit] = []
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        moves = []
        if len(agencies) == 2 and agencies[1] < len(cells) and cells[agencies[0]]:
            lead, partner = agencies
            found = lead_tail(read_as(cells[lead]))
            if found is not None:
                moves.append((lead, partner, found[0], _placed(found[1], cells[partner])))
        for a, b, first, second in moves:
            edits += [_edit(cells[k], new, table_index, at) for k, new in ((a, first), (b, second))]
            cells[a], cells[b] = first, second
        if text_column is None or text_column >= len(cells):
            continue
        for index in agencies:
            if index >= len(cells) or not cells[index]:
                continue
            done = complete_cell(cells[index], cells[text_column], read_as)
            if done is None:
                continue
            for column, result in ((index, done[0]), (text_column, done[1])):
                edits.append(_edit(cells[column], result, table_index, at))
                cells[column] = result
    return edits
