"""The agency cells of a budget row (Phụ lục II) that old OCR read across its columns.

A row's lines end with its lead agency's and partner's words ("Sở | ngành; UBND",
"KH&CN | cấp xã, Tổ chức,"); ``lead_and_partner`` shares them out line by line, a lead's
name wrapped in its narrow cell given back to it (``budget_leads``), and
``agencies_after_the_text`` takes a line going on in lower case after the task's last
sentence for the agencies'. Used by ``flattened_budget``.
"""

from __future__ import annotations

import regex

from sohoa.extract.agency_heads import (
    NOUNS_OF_TWO,
    completes_name,
    ends_and_opens,
    ends_noun,
    ends_qualifier,
    words_going_on,
)
from sohoa.extract.agency_moves import partner_words_at
from sohoa.extract.agency_names import begins_name, misread, sector_tail_size
from sohoa.extract.budget_leads import (
    lead_begun_above,
    lead_name_going_on,
    levels_to_the_lead,
    specks_after_the_name,
)
from sohoa.extract.budget_lines import BudgetLine, collective_at
from sohoa.extract.cell_noise import CONTENT, token_kind
from sohoa.extract.flattened_lines import join_text
from sohoa.extract.interleaved import (
    ACRONYM,
    SENTENCE_END,
    agency_starts_at,
    is_so_lookalike,
    split_agencies,
)
from sohoa.extract.rebuild_edits import note
from sohoa.extract.spaced_names import spaced_known_name
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import QUALIFIERS, TERRITORIES, is_cac
from sohoa.normalize.unicode import strip_marks


def agencies_after_the_text(group: list[BudgetLine]) -> list[BudgetLine]:
    """Once the row's amounts are read and its task text has ended a sentence, a line in
    lower case shaped as an agency cell's (``_agency_shaped``: "cá nhân") goes on with an
    agency cell, not with the task; and so do the words of a line that go on with an
    agency name a line above left open (``_name_going_on``)."""
    out: list[BudgetLine] = []
    finished = False
    for number, text, values, agencies in group:
        if finished and not values and text[:1].islower() and _agency_shaped(text):
            text, agencies = "", f"{text} {agencies}".strip()
        elif not values and text:
            below = any(line[2] for line in out)
            text, agencies = _name_going_on(text, agencies, [o[3] for o in out], below)
        out.append((number, text, values, agencies))
        seen = any(line[2] for line in out)
        finished = finished or (seen and SENTENCE_END.search(join_text([o[1] for o in out])))
    return out


AGENCY_LINE_WORDS = 6  # words on a line of a narrow agency cell: "Nội vụ; các cơ quan,"


def _agency_shaped(line: str) -> bool:
    """Could ``line`` be a line of an agency cell: as short as one ("cá nhân", "đơn vị liên
    quan"; a line of the wide task column holds eight words or more) and ending no sentence
    (an agency's name never does)? A task's line read after junk that seemed to end its
    sentence ("… Sate.", "… x 7\"") is neither: "sự tuyên truyền cho người dân về phổ
    biến,", "giáo dục pháp luật." stay the task's."""
    words = line.split()
    return len(words) <= AGENCY_LINE_WORDS and not words[-1].endswith(".")


SPECKS_MAX = 2  # specks read before an agency name's next words ("a nghiép, to chirc")
# a word glued to the ruling read before it ("}|nganh;", "|cap"): a cell's first word
_RULED_WORD = regex.compile(r"^[\]}\[{]?\|(?=\w)")


def _runs_going_on(fragments: list[str], words: list[str]) -> list[int]:
    """The lengths of the runs of ``words``, one after another, that go on with agency
    names the lines above (``fragments``, each line's agency text) left open: the longest
    going on with one of them; or, when it leaves words, the lead's name then the
    partner's, each as a line holding both parted them ("xa" / "to chtrc" after "UBND cap"
    and "Cac doanh nghiep,"). None when a word ends a sentence (the task's "nghiép.")."""
    if any(w.endswith(".") for w in words):
        return []
    lines = [f for f in fragments if f.strip()]
    parts = [_line_agency_parts(f, k > 0) for k, f in enumerate(lines)]
    first = _longest_going_on([piece for p in parts for piece in p], words)
    if not first or first == len(words):
        return [first] if first else []
    lead = _longest_going_on([p[0] for p in parts if len(p) >= 2], words)
    partner = _longest_going_on([q for p in parts if len(p) >= 2 for q in p[1:]], words[lead:])
    return [lead, partner] if lead and partner else [first]


def _longest_going_on(names: list[str], words: list[str]) -> int:
    return max((words_going_on(name, words) for name in names), default=0)


def _goes_on(fragments: list[str], words: list[str]) -> bool:
    """Do two of ``words`` at least (all when fewer) go on with open agency names?"""
    return bool(words) and sum(_runs_going_on(fragments, words)) >= min(2, len(words))


def _speck(word: str) -> bool:
    return len(fold(word)) <= 2


def _name_going_on(text: str, agencies: str, above: list[str], below: bool) -> tuple[str, str]:
    """(text, agencies) of a line without amounts whose words from some point go on with
    an agency name left open on a line above ("Các doanh" / "nghiệp, tổ chức", "Các Sở,
    ban," / "ngành;"): those words are the agency cells', not the task's. They start the
    line below the row's amounts' line (``below``), specks read before them aside; or
    anywhere after a ruling read glued to their first word ("phong }|nganh;"); or they
    end the line and go on with two names, the lead's and then the partner's ("… y té co’
    xa to chtrc" after "UBND cap" and "Cac doanh nghiep,", its last word may be misread
    past knowing): the task's words never go on an agency's name there. Else the line as
    it was."""
    words = text.split()
    start = _name_below_the_amounts(above, words) if below else None
    if start is not None:
        return _without_specks(words, start), _moved(words, start, agencies)[1]
    for start in range(len(words) - 1, 0, -1):
        ruled = [_RULED_WORD.sub("", words[start]), *words[start + 1 :]]
        if _RULED_WORD.match(words[start]) and _goes_on(above, ruled):
            return _moved([*words[:start], *ruled], start, agencies)
    for start in range(1, len(words) - 1):
        runs = _runs_going_on(above, words[start:])
        left = words[start + sum(runs) :]  # a last word misread past knowing ("chtrc")
        if len(runs) == 2 and (not left or (len(left) == 1 and misread(left[0]))):
            return _moved(words, start, agencies)
    start = _name_ending_the_line(above, words)
    if start is not None:
        return _moved(words, start, agencies)
    if _item_before_the_next(above, words, agencies):
        return _moved(words, len(words) - 1, agencies)
    return text, agencies


def _item_before_the_next(above: list[str], words: list[str], agencies: str) -> bool:
    """Is a line's last word the next item of a list left open above ("Các Sở ban" /
    "… nguồn gốc sản ngành; UBND"): it goes on with that list, ends in "," or ";" as the
    list's items do, and the line's agency words read right after it begin the list's
    next name? The task's words never end just before an agency's there."""
    last = words[-1] if len(words) > 1 else ""
    listed = last.endswith((",", ";")) and begins_name(agencies)
    return listed and _completes(above, [last], False)


def _name_below_the_amounts(above: list[str], words: list[str]) -> int | None:
    """Where the agency words of a line below the row's amounts begin, specks read before
    them aside: words that go on with a name left open above; or, the whole line after
    the specks, words that make whole, qualified, a collective that was whole already and
    may go on ("Các cơ quan" / "đơn vị liên quan", "Các sở, ngành" / "liên quan"; a list
    of bodies by where they are, "Các doanh nghiệp, tổ chức, cá nhân" / "trên địa bàn
    tỉnh": a line of its own, no task words on it, as a task ending its sentence there
    would end it with a stop). None when the line starts no such words."""
    for start in range(min(SPECKS_MAX, len(words) - 1) + 1):
        rest = words[start:]
        qualifies = _qualifies(rest, (*QUALIFIERS, *TERRITORIES))
        qualified = len(rest) >= 2 and qualifies and _completes(above, rest, False)
        if all(map(_speck, words[:start])) and (_goes_on(above, rest) or qualified):
            return start
    return None


SPECKS = "table-agency-line-specks"  # specks before an agency's words on a line of its own
# bench/tables_edits.py --restore: 6 of 6 judged right (2 unjudged): (6 + 1) / (6 + 2) = 0.88
SPECKS_CONFIDENCE = 0.85


def _without_specks(words: list[str], start: int) -> str:
    """The text left of a line below the amounts whose agency words start at ``start``:
    none when each speck before them is no word ("a", "or", "x", "2":
    ``cell_noise.token_kind``), the line holding no task words; the line is noted written
    without them ("a liên quan" -> "liên quan"). Else the specks as read (a short word,
    "và", "về", may be the task's)."""
    specks = words[:start]
    if not specks or any(token_kind(s) == CONTENT for s in specks):
        return " ".join(specks)
    note(" ".join(words), " ".join(words[start:]), SPECKS_CONFIDENCE, SPECKS)
    return ""


NAME_END_LEAST = 3  # words of a name's end read after the task's on its line


def _qualifies(words: list[str], qualifiers: tuple[tuple[str, ...], ...] = QUALIFIERS) -> bool:
    """Do ``words`` end with a collective name's qualifier ("liên quan"; or one of
    ``qualifiers``)?"""
    folded = tuple(w for w in (fold(x) for x in words) if w)
    return any(folded[-len(q) :] == q for q in qualifiers)


def _open_pieces(fragments: list[str]) -> list[str]:
    """The lead's and partner's parts of each line of agency text above."""
    lines = [f for f in fragments if f.strip()]
    return [piece for k, f in enumerate(lines) for piece in _line_agency_parts(f, k > 0)]


def _completes(fragments: list[str], words: list[str], required: bool) -> bool:
    return any(completes_name(p, words, required) for p in _open_pieces(fragments))


def _name_ending_the_line(fragments: list[str], words: list[str]) -> int | None:
    """Where a line's last words (``NAME_END_LEAST`` at least) that make whole a name left
    open above begin, read after the task's words on the line ("… thực hiện giao" then
    "đơn vị liên quan" below "Các cơ quan,"; "… TỔ chức hợp tác" then "nghiệp, tổ chức"
    below "Các doanh"): they end a listed body's name begun above, or qualify the list
    ("liên quan"), which the task's own words never do there; so may the qualifier alone
    end a collective (``agency_heads.ends_qualifier``: "… Xây" / "liên quan" below "Các
    Sở, ngành"). A run that only lists more bodies ("tổ chức, cá nhân" below "Các doanh
    nghiệp,") may be the task's subject, and so may one whose word before repeats the
    name's last ("cho doanh" / "nghiệp, tổ chức"): those stay. Mid-item, the run may also
    make the name whole then open the cell's next name (``agency_heads.ends_and_opens``),
    or be the one word that ends a body's noun of two (``agency_heads.ends_noun``). None
    when no such run ends the line."""
    pieces = _open_pieces(fragments)
    for start in range(1, len(words)):
        run = words[start:]
        for piece in pieces:
            mid_item = not piece.rstrip().endswith((",", ";")) and fold(piece.split()[-1]) != "va"
            before = words[start - 1]
            if fold(before) == fold(piece.split()[-1]):  # the name's last repeated
                continue
            ends = len(run) >= NAME_END_LEAST and (mid_item or _qualifies(run))
            if (ends and completes_name(piece, run, True)) or ends_qualifier(piece, run, before):
                return start
            if mid_item and (ends_and_opens(piece, run) or ends_noun(piece, run)):
                return start
    return None


def _moved(words: list[str], start: int, agencies: str) -> tuple[str, str]:
    return " ".join(words[:start]), " ".join([*words[start:], agencies]).strip()


def _lower_case(word: str) -> bool:
    """A word in lower case, a ruling read "[" before it or its "l" read "I" ("Icấp")."""
    word = word.lstrip("[|(")
    return word[:1].islower() or (word[:1] == "I" and word[1:2].islower())


# the ruling between the two agency cells: "|", or "[" / "{" before a word after a space
_RULING = regex.compile(r"\||(?<=\s)[\[{](?=\w)")


def without_rulings(text: str) -> str:
    """``text`` without the rulings read "|" at its words' ends ("|nganh;" is "nganh;")."""
    return " ".join(w.strip("|") for w in text.split() if w.strip("|\\"))


def _line_agency_parts(fragment: str, earlier: bool) -> list[str]:
    """One line's agency text split into the lead's part and the partner's: at a ruling
    read "|"; after an acronym that ends the lead's name ("KH&CN | cấp xã, Tổ chức,");
    before the partner's list going on in lower case ("Sở Nội vụ | ngành; UBND"; its noun
    of two whole, "Sở Y tế | tổ chức, cá nhân"), when a line above began it (``earlier``),
    and a line opening with that list's next item is the partner's alone ("ngành; UBND":
    the lead's cell is left of it); after a sector's name's end that opens the line (the
    lead's name wrapped, "và Đào tạo | đơn vị liên quan": ``sector_tail_size``); else
    where a new agency name starts. The ruling may be read "[" or "{" glued to the
    partner's first word ("Sở Y tế [Các doanh"); specks with no letter before a ruling
    ("~- — |Ngân sách tỉnh") make no cell."""
    pieces = [p.strip() for p in _RULING.split(fragment) if p.strip()]
    if sum(bool(regex.search(r"\p{L}", p)) for p in pieces) >= 2:  # specks ("~- —") no cell
        return [pieces[0], " ".join(pieces[1:])]
    fragment = without_rulings(fragment)
    words = fragment.split()
    tail = sector_tail_size(words, 0, agencies=True)  # "và Đào tạo" / "đơn vị liên quan"
    if tail and len(words) > tail:
        return [" ".join(words[:tail]), " ".join(words[tail:])]
    if earlier and len(words) >= 2:
        if ACRONYM.fullmatch(words[0]) and _lower_case(words[1]):
            return [words[0], " ".join(words[1:])]
        if _lower_case(words[0]) and words[0].endswith((",", ";")):
            return [fragment]  # "ngành; UBND": the partner's list going on, the lead blank
        lead_start = agency_starts_at(words, 0) or is_so_lookalike(words[0], words[1])
        for k in range(1, len(words) if lead_start else 0):
            listed = words[k][:1].islower() and words[k].endswith((",", ";"))
            if listed and not words[k - 1].endswith((",", ";")):
                if k > 1 and (fold(words[k - 1]), fold(words[k])) in NOUNS_OF_TWO:
                    k -= 1  # its noun of two whole: "tổ chức,"
                return [" ".join(words[:k]), " ".join(words[k:])]
    collective = next((k for k in range(1, len(words)) if collective_at(words, k)), None)
    # "Sở Xây dựng Các doanh"; "văn phòng Các doanh": a name's head read in lower case
    head = collective is not None and begins_name(" ".join(words[:collective]))
    if collective is not None and (agency_starts_at(words, 0) or head):
        return [" ".join(words[:collective]), " ".join(words[collective:])]
    return split_agencies(fragment)


def lead_and_partner(fragments: list[str]) -> list[str]:
    """(lead, partner, rest) from a row's agency text, line by line. Both cells are centred
    on the row, so lines holding both come in the middle; a line above or below them with
    one part belongs to the taller cell: the partner's (a list that wraps), unless the
    lead's part there goes on in lower case."""
    parts = [_line_agency_parts(f, k > 0) for k, f in enumerate(fragments)]
    fragments = [without_rulings(f) for f in fragments]
    parts = levels_to_the_lead(parts)
    both = [k for k, p in enumerate(parts) if len(p) >= 2]
    if not both:
        lead = _lead_below_a_collective(fragments)
        if lead is not None:  # "Các doanh" / "Sở Y tế": the partner's list began above
            rest = [f for k, f in enumerate(fragments) if k != lead]
            return [spaced_known_name(fragments[lead]), " ".join(rest), ""]
        cells = split_agencies(" ".join(fragments))
        return [*[*cells, "", ""][:2], " ".join(cells[2:])]
    lead: list[str] = []
    partner: list[str] = []
    rest: list[str] = []
    for k, p in enumerate(parts):
        if len(p) >= 2:
            p = _partner_words_back(" ".join(lead), " ".join(partner), p)
            lead.append(p[0])
            partner.append(p[1])
            rest += p[2:]
            continue
        near = parts[both[0]] if k < both[0] else parts[both[-1]]
        # "sở Yté" below: a name begins there ("Sở" read in lower case), nothing goes on
        lead_goes_on = k < both[0] and near[0][:1].islower() and not begins_name(near[0])
        begun = None if lead_goes_on or k != both[0] - 1 else lead_begun_above(p[0], near[0])
        if begun is not None:  # "Sở Giáo dục và" / "Đào tạo | UBND cấp xã"
            lead.append(begun[0])
            partner.append(begun[1])
            continue
        if k > both[0]:
            name_end, p = lead_name_going_on(" ".join(lead), p[0])
            lead += name_end
        (lead if lead_goes_on else partner).append(p[0])
    name, specks = specks_after_the_name(spaced_known_name(" ".join(lead)))
    return [name, " ".join([*partner, specks]).strip(), " ".join(rest)]


def _opens_collective(fragment: str) -> bool:
    """Does ``fragment`` open a collective name ("Các doanh", "C4c doanh", "CAéc cơ quan"):
    a "Các" as OCR reads it, capitalised, and a word that a collective lists after it?"""
    words = fragment.split()
    if len(words) < 2 or words[0][:1] != "C" or not is_cac(fold(words[0])):
        return False
    return begins_name(f"Các {words[1]}")


def _lead_below_a_collective(fragments: list[str]) -> int | None:
    """The line of a row's agency text that is the lead's when no line holds both cells:
    the first line opens a collective ("Các doanh"), the partner's shape (a list of bodies
    that wraps, so starts higher), and a line below opens one body's name ("Sở Y tế",
    "Công an tỉnh"): the lead, a name of one line read alone on the row's middle line. The
    lead's cell is left of the partner's, so a line read across holding both would have
    parted them; this one holds the lead's alone. ``None`` when there is no such line."""
    if len(fragments) < 2 or not _opens_collective(fragments[0]):
        return None
    for k, fragment in enumerate(fragments[1:], start=1):
        words = fragment.split()
        body = len(words) >= 2 and (
            agency_starts_at(words, 0) or is_so_lookalike(strip_marks(words[0]), words[1])
        )
        if body and not _opens_collective(fragment):
            return k
    return None


def _partner_words_back(lead: str, partner: str, parts: list[str]) -> list[str]:
    """A line's (lead's part, partner's part, …) with the partner's words that went to the
    lead's part given back: the lead's part goes on with the lead's name and ends with words
    that go on with the partner's list ("hocva ngành;" after "Sở Khoa" and "Các Sở, ban,":
    ``agency_moves.partner_words_at``)."""
    words = parts[0].split()
    at = partner_words_at(lead, partner, words)
    if at is None:
        return parts
    return [" ".join(words[:at]), " ".join([*words[at:], parts[1]]), *parts[2:]]
