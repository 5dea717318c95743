"""Scoring for bench/corpus.py, on top of bench/metrics.py's tokens.

- ``span_errors``: word (or character) edits after aligning the truth to the best-matching
  span of the output (real-dev/README.md's rule): output before and after the truth is not
  counted. Tokens after NFC, case folding and one tone-placement convention (hoà = hòa).
- ``metadata_fields``: each field right or wrong, as in real-dev/metadata_truth.json.
- ``table_cells``: exact cells (NFC, whitespace folded) of the truth's body rows after a
  global row alignment; a full-width section row counts as one cell.
- ``words_changed`` / ``codes_damaged``: faithfulness on text that was already right.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

import numpy as np
import regex
from metrics import align_rows, tokens

TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
# "oà, oá, oả, oã, oạ / oè … / uỳ …" at a syllable's end: the tone moved to the first vowel
_NEW_TONE = regex.compile(
    r"([oO])([aAeE])([" + TONES + r"])(?!\p{L}|\p{M})|"
    r"([uU])([yY])([" + TONES + r"])(?!\p{L}|\p{M})"
)


def tone_fold(text: str) -> str:
    """One tone-placement convention: ``hoà`` -> ``hòa``, ``thuỷ`` -> ``thủy`` (NFC out)."""
    decomposed = unicodedata.normalize("NFD", text)
    folded = _NEW_TONE.sub(
        lambda m: "".join(g for g in (m[1], m[3], m[2], m[4], m[6], m[5]) if g), decomposed
    )
    return unicodedata.normalize("NFC", folded)


def words(text: str) -> list[str]:
    return tokens(tone_fold(text))


def phrases_found(phrases: list[str], text: str) -> int:
    """How many ``phrases`` stand in ``text`` word for word and in one run (case, spacing
    and tone placement aside): a header block read as a block keeps its lines together,
    a header merged line by line across its two columns does not."""
    found = [w.casefold() for w in words(text)]
    joined = "\n" + "\n".join(found) + "\n"
    count = 0
    for phrase in phrases:
        wanted = [w.casefold() for w in words(phrase)]
        count += bool(wanted) and ("\n" + "\n".join(wanted) + "\n") in joined
    return count


def semiglobal_distance(reference: Any, hypothesis: Any) -> int:
    """Edit distance of ``reference`` to the best-matching span of ``hypothesis`` (text
    before and after that span is free). Rows of the DP table are computed with numpy: an
    insertion chain along a row is a running minimum of ``cost - position``."""
    ref, hyp = _as_ints(reference), _as_ints(hypothesis)
    if len(ref) == 0:
        return 0
    if len(hyp) == 0:
        return len(ref)
    positions = np.arange(len(hyp) + 1)
    row = np.zeros(len(hyp) + 1, dtype=np.int64)  # leading output is free
    for i, item in enumerate(ref, start=1):
        diagonal = row[:-1] + (hyp != item)
        best = np.empty_like(row)
        best[0] = i
        best[1:] = np.minimum(row[1:] + 1, diagonal)
        row = np.minimum.accumulate(best - positions) + positions
    return int(row.min())  # trailing output is free


def _as_ints(items: Any) -> np.ndarray:
    if isinstance(items, str):
        return np.frombuffer(items.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return np.asarray(items, dtype=np.int64)


def _trimmed_distance(reference: Any, hypothesis: Any) -> int:
    return semiglobal_distance(reference, hypothesis)


def span_errors(reference: str, hypothesis: str) -> dict[str, int]:
    """Word and character errors of ``hypothesis`` against ``reference`` (best span)."""
    ref, hyp = words(reference), words(hypothesis)
    ref_ids, hyp_ids = _ids(ref, hyp)
    ref_chars, hyp_chars = " ".join(ref), " ".join(hyp)
    return {
        "words": len(ref),
        "word_errors": _trimmed_distance(ref_ids, hyp_ids),
        "chars": len(ref_chars),
        "char_errors": _trimmed_distance(ref_chars, hyp_chars),
    }


def _ids(*sequences: list[str]) -> list[list[int]]:
    vocabulary: dict[str, int] = {}
    return [[vocabulary.setdefault(w, len(vocabulary)) for w in seq] for seq in sequences]


# --- metadata ------------------------------------------------------------------------------

FIELDS = ["so_hieu", "loai_van_ban", "ngay_ban_hanh", "co_quan", "cap_tren", "nguoi_ky",
          "chuc_vu", "trich_yeu"]  # fmt: skip


def _field(value: Any) -> str:
    text = tone_fold(" ".join(str(value or "").split())).casefold()
    return text.strip(" .;:,")


def _code(value: Any) -> str:
    return "".join(unicodedata.normalize("NFC", str(value or "")).split())


def found_metadata(document: dict[str, Any]) -> dict[str, Any]:
    """The fields from sohoa's JSON (``metadata``, as output/schemas documents it). A number
    printed blank or filled in by hand ("Số: ..../UBND-VP") is in the README's form,
    ``so_hieu`` null with the printed code in ``ky_hieu``; the truth writes it as printed,
    "/UBND-VP" (real-dev/metadata_truth.json), so that form is compared."""
    meta = document.get("metadata") or {}
    issuer = meta.get("co_quan_ban_hanh") or {}
    signer = meta.get("nguoi_ky") or {}
    printed = f"/{meta['ky_hieu']}" if meta.get("ky_hieu") else None
    return {
        "so_hieu": meta.get("so_hieu") or printed,
        "loai_van_ban": meta.get("loai_van_ban"),
        "ngay_ban_hanh": meta.get("ngay_ban_hanh"),
        "co_quan": issuer.get("ten") if isinstance(issuer, dict) else issuer,
        "cap_tren": issuer.get("cap_tren") if isinstance(issuer, dict) else None,
        "nguoi_ky": signer.get("ho_ten") if isinstance(signer, dict) else signer,
        "chuc_vu": signer.get("chuc_vu") if isinstance(signer, dict) else None,
        "trich_yeu": meta.get("trich_yeu"),
    }


def truth_metadata(truth: dict[str, Any]) -> dict[str, Any]:
    """real-dev/metadata_truth.json's shape -> the flat fields (plus ``also_right``)."""
    issuer = truth.get("co_quan_ban_hanh") or {}
    return {
        "so_hieu": truth.get("so_hieu"),
        "loai_van_ban": truth.get("loai_van_ban"),
        "ngay_ban_hanh": truth.get("ngay_ban_hanh"),
        "co_quan": issuer.get("ten"),
        "cap_tren": issuer.get("cap_tren"),
        "nguoi_ky": truth.get("nguoi_ky"),
        "chuc_vu": truth.get("chuc_vu"),
        "trich_yeu": truth.get("trich_yeu"),
        "also_right": truth.get("also_right") or {},
    }


def metadata_fields(truth: dict[str, Any], found: dict[str, Any]) -> dict[str, bool]:
    """Per field: right? (a field the document does not show is right when left empty)."""
    result = {}
    for name in FIELDS:
        want = [truth.get(name), *truth["also_right"].get(name, [])]
        same = _code if name == "so_hieu" else _field
        result[name] = any(same(found.get(name)) == same(w) for w in want)
    return result


# --- tables --------------------------------------------------------------------------------


def _cell(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def truth_rows(table: dict[str, Any]) -> list[list[str]]:
    n = len(table["columns"])
    return [
        [_cell(r["section"])] + [""] * (n - 1) if "section" in r else [_cell(c) for c in r["cells"]]
        for r in table["rows"]
    ]


def json_rows(table: dict[str, Any], n: int) -> list[list[str]]:
    """Rows of a table in sohoa's JSON (``rows[].cells`` or ``rows[].section``), width ``n``."""
    rows = []
    for row in table.get("rows") or []:
        if row.get("section") is not None:
            rows.append([_cell(row["section"])] + [""] * (n - 1))
        else:
            cells = [_cell(c) for c in row.get("cells") or []]
            rows.append((cells + [""] * n)[:n])
    return rows


def table_cells(truth: dict[str, Any], found: list[list[str]]) -> dict[str, int]:
    """Cells right / cells, rows found / rows of one truth table against ``found`` rows."""
    rows = truth_rows(truth)
    pairs = align_rows(rows, found)
    right = total = 0
    for raw, want, index in zip(truth["rows"], rows, pairs, strict=True):
        got = found[index] if index is not None else [""] * len(want)
        width = 1 if "section" in raw else len(want)
        right += sum(want[k] == got[k] for k in range(width))
        total += width
    return {"cells": total, "cells_right": right, "rows": len(rows),
            "rows_found": sum(p is not None for p in pairs)}  # fmt: skip


ANY_WIDTH = 99  # wider than any table: json_rows keeps every cell


def tables_invented(truths: list[dict[str, Any]], found: list[dict[str, Any]]) -> int:
    """Tables in sohoa's JSON that share fewer than two distinct filled cells (case folded)
    with the truth's tables: prose or a back page's rules read as a table. A piece of a
    truth table (one page of it, or a badly read one) shares its numbers and names."""
    known = {c.casefold() for t in truths for row in truth_rows(t) for c in row if c}
    invented = 0
    for table in found:
        cells = {c.casefold() for row in json_rows(table, ANY_WIDTH) for c in row if c}
        invented += len(cells & known) < 2
    return invented


# --- faithfulness --------------------------------------------------------------------------

CODE = regex.compile(r"(?<![\p{L}\d])\d*(?:/\d{4})?/[\p{Lu}\d&.-]*\p{Lu}[\p{Lu}\d&.-]*|"
                     r"(?<![\p{L}\d])\p{Lu}+&\p{Lu}+")  # fmt: skip


def codes_in(text: str) -> list[str]:
    """Document codes as printed: 30/2020/NĐ-CP, /UBND-LĐTBXH, GD&ĐT."""
    return [m.rstrip(".-") for m in CODE.findall(unicodedata.normalize("NFC", text))]


def codes_damaged(reference: str, output: str, codes: list[str] | None = None) -> int:
    """Codes printed in ``reference`` that ``output`` no longer holds as printed."""
    want = Counter(codes if codes is not None else codes_in(reference))
    have = unicodedata.normalize("NFC", output)
    return sum(max(0, n - have.count(code)) for code, n in want.items())


def words_changed(reference: str, output: str, *, count_added: bool = True) -> tuple[int, int]:
    """Words of a right text that did not come out as they were, and the words: the larger
    of (words lost, words added) as multisets, so a line moved by the layout costs nothing
    and a changed word costs one (``count_added=False``: words lost only, for an output that
    holds more than the reference, e.g. all pages of a PDF whose page 1 is the truth).
    Case folded, NO tone folding: hoà -> hòa is a change of the source's own spelling."""
    ref, out = Counter(tokens(reference)), Counter(tokens(output))
    lost = sum((ref - out).values())
    added = sum((out - ref).values()) if count_added else 0
    return max(lost, added), sum(ref.values())
