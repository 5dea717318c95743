"""The corpus benchmark's report: per kind, per type, metadata fields, faithfulness, old digital
files and per document (Markdown), and the last line's aggregates.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Any

from . import build as corpus_build
from . import score
from .cases import Result


def _rate(errors: int, total: int) -> str:
    return f"{100 * errors / total:.1f}%" if total else "—"


def _sum(results: list[Result], tool: str, key: str) -> tuple[int, int]:
    have = [r.figures[tool] for r in results if tool in r.figures]
    if not have:
        return 0, 0
    if key == "words":
        return sum(h["word_errors"] for h in have), sum(h["words"] for h in have)
    return sum(h["char_errors"] for h in have), sum(h["chars"] for h in have)


def _cells(results: list[Result], tool: str, shared: bool = False) -> tuple[int, int, int, int]:
    """Cells right, cells, rows found, rows (``shared``: only tables img2table also read)."""
    right = total = rows_found = rows = 0
    for r in results:
        for table in r.figures["tables"]:
            if tool in table and (not shared or "img2table" in table):
                right += table[tool]["cells_right"]
                total += table[tool]["cells"]
                rows_found += table[tool]["rows_found"]
                rows += table[tool]["rows"]
    return right, total, rows_found, rows


def _metadata(results: list[Result]) -> tuple[int, int]:
    right = sum(sum(r.figures["metadata"].values()) for r in results)
    return right, sum(len(r.figures["metadata"]) for r in results)


def _layout(results: list[Result]) -> tuple[int, int]:
    """Documents whose header blocks and signature came out each in one run / measured. Not
    the old digital files: a text file has no page layout to read (their TXT keeps the
    blocks by construction), and the figure stays comparable with the runs before them."""
    have = [r.figures["layout"] for r in results if "layout" in r.figures and not r.case.encoding]
    return sum(x["found"] == x["phrases"] for x in have), len(have)


def _invented(results: list[Result]) -> str:
    """Tables sohoa found that hold no truth row (synthetic documents: their truth lists
    every table printed; a run saved before this figure existed shows '—')."""
    have = [r.figures["tables_invented"] for r in results if "tables_invented" in r.figures]
    return str(sum(have)) if have else "—"


def _speed(results: list[Result], key: str) -> str:
    have = [r for r in results if key in r.figures]
    pages = sum(r.figures["pages"] for r in have)
    return f"{sum(r.figures[key] for r in have) / pages:.1f}" if pages else "—"


def summary_row(name: str, results: list[Result]) -> list[str]:
    pages = sum(r.figures["pages"] for r in results)
    wer = [_rate(*_sum(results, tool, "words")) for tool in ("sohoa", "tess", "ocrmypdf")]
    cer = [_rate(*_sum(results, tool, "chars")) for tool in ("sohoa", "tess", "ocrmypdf")]
    meta = _metadata(results)
    layout = _layout(results)
    ours, theirs = _cells(results, "sohoa"), _cells(results, "img2table")
    lost = sum(r.figures["codes_lost"] for r in results)
    codes = sum(r.figures["codes"] for r in results)
    return [
        name, str(len(results)), str(pages), *wer, *cer,
        f"{meta[0]}/{meta[1]}",
        "{}/{}".format(*layout) if layout[1] else "—",
        _rate(ours[0], ours[1]) if ours[1] else "—",
        _rate(theirs[0], theirs[1]) if theirs[1] else "—",
        f"{ours[2]}/{ours[3]}" if ours[3] else "—",
        f"{lost}/{codes}",
        _speed(results, "sohoa_s"), _speed(results, "tess_s"), _speed(results, "ocrmypdf_s"),
        _invented(results),
    ]  # fmt: skip


HEAD = ["", "docs", "pages", "WER sohoa", "WER tess", "WER ocrmypdf", "CER sohoa", "CER tess",
        "CER ocrmypdf", "metadata", "header+signature", "cells sohoa", "cells img2table",
        "rows found", "codes lost", "s/page sohoa", "s/page tess", "s/page ocrmypdf",
        "tables invented"]  # fmt: skip


def markdown(rows: list[list[str]], head: list[str]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def by_kind(results: list[Result]) -> dict[str, list[Result]]:
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        groups[r.case.kind].append(r)
    return dict(groups)


def behind(results: list[Result]) -> list[tuple[float, str, str]]:
    """Kinds where sohoa's body WER is furthest above the best peer's (points)."""
    gaps = []
    for kind, group in by_kind(results).items():
        e, t = _sum(group, "sohoa", "words")
        if not t:
            continue
        ours = e / t
        for peer in ("tess", "ocrmypdf"):
            pe, pt = _sum(group, peer, "words")
            if pt:
                gaps.append((ours - pe / pt, kind, peer))
    best: dict[str, tuple[float, str, str]] = {}
    for gap in gaps:
        if gap[1] not in best or gap[0] > best[gap[1]][0]:
            best[gap[1]] = gap
    return sorted(best.values(), reverse=True)


def report(results: list[Result], faithful: dict[str, Any], args: argparse.Namespace,
           elapsed: float, versions: dict[str, str]) -> str:  # fmt: skip
    kinds = by_kind(results)
    kind_rows = [summary_row(kind, group) for kind, group in kinds.items()]
    synthetic = [r for r in results if not r.case.kind.startswith("real-")]
    real = [r for r in results if r.case.kind.startswith("real-")]
    kind_rows += [summary_row("**synthetic**", synthetic), summary_row("**real**", real),
                  summary_row("**all**", results)]  # fmt: skip
    type_groups: dict[str, list[Result]] = defaultdict(list)
    for r in synthetic:
        type_groups[r.case.type].append(r)
    type_rows = [summary_row(name, group) for name, group in sorted(type_groups.items())]
    doc_rows = []
    for r in results:
        row = summary_row(r.case.id, [r])
        row[1] = r.case.kind
        row[2] = f"{r.case.type}, {r.figures['pages']} p"
        if r.figures["error"]:
            row[0] += f" (error: {r.figures['error'][:60]})"
        doc_rows.append(row)
    field_rows = []
    for name in score.FIELDS:
        per = [r.figures["metadata"][name] for r in results]
        syn = [r.figures["metadata"][name] for r in synthetic]
        rl = [r.figures["metadata"][name] for r in real]
        field_rows.append([name, f"{sum(per)}/{len(per)}", f"{sum(syn)}/{len(syn)}",
                           f"{sum(rl)}/{len(rl)}"])  # fmt: skip
    gaps = behind(results)
    mode = "--quick" if args.quick else "full"
    lines = [
        "# Corpus benchmark",
        "",
        f"`python bench/corpus.py{' --quick' if args.quick else ''}` ({mode}, seed {args.seed}, "
        f"generator v{corpus_build.GENERATOR_VERSION}; {versions['tesseract']}, "
        f"OCRmyPDF {versions['ocrmypdf']}, img2table {versions['img2table']}). "
        "WER/CER: body text, truth aligned to the best-matching span of the output (NFC, "
        "case folded, hoà = hòa). Cells: exact cells of the tables' body rows. Tables "
        "invented: tables sohoa found that hold no row of any truth table (synthetic "
        "documents, whose truth lists every table printed). Codes lost: "
        "document codes of the truth not found as printed in sohoa's text. s/page: wall "
        "seconds, one process, one thread (peers' from their cached run).",
        "",
        "## Per kind",
        "",
        markdown(kind_rows, HEAD),
        "",
        "Furthest behind a peer (body WER, points): "
        + "; ".join(f"{kind} {100 * gap:+.1f} vs {peer}" for gap, kind, peer in gaps[:3]),
        "",
        "## Per type of document (synthetic)",
        "",
        markdown(type_rows, HEAD),
        "",
        "## Metadata fields right",
        "",
        markdown(field_rows, ["field", "all", "synthetic", "real"]),
        "",
        "## Restorer faithfulness",
        "",
        f"Truth texts of the synthetic documents converted as TXT (restore on): "
        f"{faithful['changed']} of {faithful['words']} words changed "
        f"({_rate(faithful['changed'], faithful['words'])}), "
        f"{faithful['codes_damaged']} of {faithful['codes']} document codes damaged.",
        "",
        *legacy_section(results),
        "## Per document",
        "",
        markdown(doc_rows, ["document", "kind", "type, pages", *HEAD[3:]]),
        "",
    ]
    return "\n".join(lines)


def legacy_section(results: list[Result]) -> list[str]:
    """Old digital files: encoding written and found, and whether the text came out exact."""
    rows = []
    for r in results:
        if not r.case.encoding:
            continue
        f = r.figures
        words = f.get("faithful", {})
        exact = f["sohoa"]["word_errors"] == 0 and f["codes_lost"] == 0 and f.get("same_as_twin")
        peers = [_rate(f[t]["word_errors"], f[t]["words"]) if t in f else "—"
                 for t in ("tess", "ocrmypdf")]  # fmt: skip
        rows.append([r.case.id, r.case.kind, r.case.encoding, f.get("encoding", "—"),
                     _rate(f["sohoa"]["word_errors"], f["sohoa"]["words"]), *peers,
                     f"{words.get('changed', '?')}/{words.get('words', '?')}",
                     f"{f['codes_lost']}/{f['codes']}",
                     "yes" if f.get("same_as_twin") else "**no**",
                     "yes" if exact else "**no**"])  # fmt: skip
    if not rows:
        return []
    head = ["document", "kind", "written in", "sohoa found", "WER sohoa", "WER tess",
            "WER ocrmypdf", "words changed", "codes lost", "= Unicode twin", "exact"]  # fmt: skip
    return [
        "## Old digital files (legacy encodings)",
        "",
        "Words changed: each file's whole printed text against sohoa's (words added or lost "
        "count too). '= Unicode twin': sohoa's text of the file is word for word its text of "
        "the same document in Unicode (UTF-8 TXT, DOCX, PDF in the Unicode font), so the "
        "decoding adds nothing; exact: that, body WER 0 and no code lost. 'found': the "
        "encoding sohoa's JSON records (provenance.ingest.encoding, or the pages' "
        "legacy_fonts for a PDF). OCRmyPDF reads the TCVN3 PDF with --force-ocr (its text "
        "layer reads 'Qu¶n lý'); TXT and DOCX have no peer.",
        "",
        markdown(rows, head),
        "",
    ]


def last_line(results: list[Result], faithful: dict[str, Any], elapsed: float) -> str:
    """Aggregates; WER and cells over the documents / tables every tool read (DOCX has no
    peer), so the figures side by side are of the same pages."""
    shared = [r for r in results if "tess" in r.figures and "ocrmypdf" in r.figures]
    wer = {tool: _rate(*_sum(shared, tool, "words")) for tool in ("sohoa", "tess", "ocrmypdf")}
    meta = _metadata(results)
    ours, theirs = _cells(results, "sohoa", shared=True), _cells(results, "img2table")
    digital = [r.figures["faithful"] for r in results if "faithful" in r.figures]
    changed = faithful["changed"] + sum(d["changed"] for d in digital)
    words = faithful["words"] + sum(d["words"] for d in digital)
    damaged = faithful["codes_damaged"] + sum(d["codes_damaged"] for d in digital)
    synthetic = sum(not r.case.kind.startswith("real-") for r in results)
    return (
        f"corpus: {len(results)} docs ({synthetic} synthetic, {len(results) - synthetic} real), "
        f"WER {wer['sohoa']} (tess {wer['tess']}, ocrmypdf {wer['ocrmypdf']}), "
        f"metadata {_rate(*meta)}, header+signature {_rate(*_layout(results))}, "
        f"cells {_rate(ours[0], ours[1])} "
        f"(img2table {_rate(theirs[0], theirs[1])}), codes damaged {damaged}, "
        f"faithfulness {100 * changed / max(1, words):.2f}%, tables invented {_invented(results)}, "
        f"sohoa {_speed(results, 'sohoa_s')} s/page, {elapsed / 60:.1f} min"
    )
