"""Years of a budget header split by funding source whose year labels old OCR lost.

A ruled budget header read by old OCR may lose its whole top row ("[rennet [ nance [wim
anzr | _nimz008 …": "Kinh phí | Năm 2026 | Năm 2027 …" with its rulings read into the
words) while the sub-column labels under each year read well, one line of them repeated
under every group ("Ngân | Nguồn | Ngân | Nguồn | …", "sách | huy | sách | huy | …"). The
groups are then counted from the labels: ``n`` repeats are the "Kinh phí" group and ``n -
1`` years (Kinh phí split by source too) or ``n`` years (Kinh phí one total); the rows whose
amounts add up tell which. Each year is named by its place ("Năm ?1", "Năm ?2" …, as
``flattened_sums.unread_years`` names them): no year is guessed.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Levenshtein

from sohoa.extract.budget_header import SOURCES
from sohoa.extract.budget_lines import budget_amount_run
from sohoa.extract.flattened_header import HEADER_WORDS, LABEL_REPEATS, is_label_line
from sohoa.extract.flattened_lines import NUMBERED_LINE, OCR_SECTION
from sohoa.extract.flattened_sums import UNREAD_YEAR, adds_up, layout_by_lost_blanks
from sohoa.extract.structure import fold
from sohoa.extract.total_rows import total_row_amounts
from sohoa.normalize.unicode import strip_marks

KINH_PHI_LAYOUTS = [
    ["Kinh phí"],
    [f"Kinh phí / {s}" for s in SOURCES],
    [f"Kinh phí / {s}" for s in ["Tổng cộng", *SOURCES]],
]


def one_letter_off(word: str, other: str) -> bool:
    """Whether ``word`` is ``other`` with one letter misread, added or lost ("hoa" for
    "hda", "hdei" for "hdi")."""
    return Levenshtein.distance(word, other) == 1


def _label_reads(text: str) -> Counter[str]:
    """How often each sub-column label of ``text`` is read, a word read fewer times than a
    label counted with the one label it is one letter off from (a label read in varying
    forms: "hdi hda hdi hda hdéi hoa hdi hda" is "hdi" and "hda" four times each)."""
    counts = Counter(fold(w.strip("|[]{}")) for w in strip_marks(text).split())
    words = {w: n for w, n in counts.items() if len(w) >= 2 and w not in HEADER_WORDS}
    labels = Counter({w: n for w, n in words.items() if n >= LABEL_REPEATS})
    for word, n in words.items():
        near = [label for label in labels if one_letter_off(word, label)]
        if word not in labels and len(near) == 1:
            labels[near[0]] += n
    return labels


def label_repeats(header: list[str]) -> int:
    """How many groups the header's sub-column label lines repeat their labels under: the
    commonest, over those lines, of a line's most read label (``_label_reads``: "ngan" six
    times in "Ngan | Ngu6n | Ngan | …"). 0 when no line repeats labels."""
    repeats: Counter[int] = Counter()
    for text in header:
        reads = _label_reads(text) if is_label_line(text) else Counter()
        if reads:
            repeats[max(reads.values())] += 1
    return max(repeats, key=lambda n: (repeats[n], n)) if repeats else 0


def _layouts(groups: int) -> list[list[str]]:
    """The amount columns ``groups`` label groups can be: Kinh phí split (one total or
    none beside its sources) and ``groups - 1`` years, or Kinh phí one total and ``groups``
    years, each year split by source."""
    layouts = []
    for kinh_phi, years in [
        (KINH_PHI_LAYOUTS[0], groups),
        *((k, groups - 1) for k in KINH_PHI_LAYOUTS[1:]),
    ]:
        year_columns = [f"Năm {UNREAD_YEAR}{y} / {s}" for y in range(1, years + 1) for s in SOURCES]
        layouts.append([*kinh_phi, *year_columns])
    return layouts


def _before_rows(body: list[str]) -> list[str]:
    """The body's lines before its first section or numbered row: the header's, when the
    header found ended early (at the title's "DỰ TOÁN KINH PHÍ", its own lines garbled)."""
    lines: list[str] = []
    for text in body:
        if OCR_SECTION.match(text.strip()) or NUMBERED_LINE.match(text.strip()):
            break
        lines.append(text)
    return lines


def _fitting_layout(runs: list[list[str]], layouts: list[list[str]]) -> int | None:
    """The layout (its index) most runs add up in, read whole; else, when none is, the one
    the runs tell with their blank cells lost (``layout_by_lost_blanks``)."""
    whole = Counter(
        k
        for k, layout in enumerate(layouts)
        for run in runs
        if len(run) == len(layout) and adds_up(run, layout)
    )
    if whole:
        return whole.most_common(1)[0][0]
    lost = layout_by_lost_blanks(runs, layouts)
    return None if lost is None else layouts.index(lost)


def years_by_labels(header: list[str], body: list[str]) -> list[str]:
    """The years ("?1", "?2" …) of a header whose year labels were lost, counted from its
    repeated sub-column labels (``label_repeats``; the header's lines and the body's before
    its first row) as the rows' sums tell (``_fitting_layout``). [] when they tell none."""
    groups = label_repeats([*header, *_before_rows(body)])
    if groups < LABEL_REPEATS:
        return []
    runs = [run[1] for run in map(budget_amount_run, body) if run is not None]
    runs += [total.split() for total in map(total_row_amounts, body) if total]
    layout = _fitting_layout(runs, _layouts(groups))
    if layout is None:
        return []
    years = groups if layout == 0 else groups - 1
    return [f"{UNREAD_YEAR}{y}" for y in range(1, years + 1)]
