"""The catalogue page ``OUTDIR/catalog.html``: the collection at a glance, offline.

Built from the same rows and references as catalog.csv/json (``output/catalog.py``), so its
numbers are those of the CSV. One self-contained file: inline SVG charts drawn here (no
chart library, no CDN), a small inline script only to sort the table. It shows documents by
year, type and issuer; mean OCR confidence against restorer edits per document; the
documents to review first; the references between documents (a graph); the budget tables
whose sums disagree. Every document links to its review report (or its text if there is no
report).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from sohoa.output.files import write_atomic

TEMPLATE = "catalog.html.j2"
UNKNOWN = "(không rõ)"  # no value read
BAR_LIMIT = 12  # bars per chart; the rest are summed into one "khác" (others) bar
REVIEW_FIRST = 15
LINK_FORMATS = (".html", ".txt", ".json")  # what a row links to, first found


@dataclass
class Bar:
    label: str
    count: int
    y: float = 0.0
    width: float = 0.0


@dataclass
class BarChart:
    id: str
    title: str
    bars: list[Bar]
    height: float = 0.0


@dataclass
class Point:
    output: str
    href: str
    x: float
    y: float
    confidence: float | None
    edits: int


@dataclass
class Node:
    output: str
    label: str
    href: str
    x: float
    y: float


@dataclass
class Edge:
    source: str
    target: str
    x1: float
    y1: float
    x2: float
    y2: float
    so_hieu: str


@dataclass
class CatalogPage:
    documents: list[dict[str, Any]]
    references: list[dict[str, Any]]
    charts: list[BarChart] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    max_edits: int = 0
    review_first: list[dict[str, Any]] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    graph_size: float = 0.0
    failures: list[dict[str, Any]] = field(default_factory=list)


def write_catalog_html(
    rows: list[dict[str, Any]], links: list[dict[str, Any]], outdir: Path
) -> Path:
    path = outdir / "catalog.html"
    write_atomic(path, render_catalog(rows, links, outdir))
    return path


def render_catalog(rows: list[dict[str, Any]], links: list[dict[str, Any]], outdir: Path) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE).render(page=build_catalog(rows, links, outdir))


def build_catalog(
    rows: list[dict[str, Any]], links: list[dict[str, Any]], outdir: Path
) -> CatalogPage:
    documents = [{**ROW_DEFAULTS, **row, "href": _href(outdir, row["output"])} for row in rows]
    page = CatalogPage(documents, links)
    page.charts = [
        bar_chart("by-year", "Theo năm (by year)", [_year(r.get("ngay_ban_hanh")) for r in rows]),
        bar_chart("by-type", "Theo loại (by type)", [r.get("loai_van_ban") for r in rows]),
        bar_chart(
            "by-issuer", "Theo cơ quan (by issuer)", [r.get("co_quan_ban_hanh") for r in rows]
        ),
    ]
    page.max_edits = max((int(r.get("edits") or 0) for r in rows), default=0)
    page.points = [_point(d, page.max_edits) for d in documents]
    page.review_first = review_first(documents)[:REVIEW_FIRST]
    page.nodes, page.edges, page.graph_size = reference_graph(documents, links)
    page.failures = [d for d in documents if d.get("tables_validation") == "mismatches"]
    return page


# A row of an older catalogue may lack a fact: shown as unknown, not an error.
ROW_DEFAULTS: dict[str, Any] = {
    "so_hieu": None,
    "loai_van_ban": None,
    "ngay_ban_hanh": None,
    "co_quan_ban_hanh": None,
    "pages": 0,
    "mean_confidence": None,
    "low_confidence_words": 0,
    "edits": 0,
    "tables": 0,
    "tables_validation": "none",
}


def _href(outdir: Path, output: str) -> str:
    for ending in LINK_FORMATS:
        try:
            if (outdir / f"{output}{ending}").exists():
                return f"{output}{ending}"
        except OSError:  # e.g. a name too long for that format: it was not written
            continue
    return f"{output}.html"


def _year(date: str | None) -> str | None:
    return date[:4] if date and date[:4].isdigit() else None


# --- charts -----------------------------------------------------------------------------------

BAR_HEIGHT, BAR_GAP, BAR_WIDTH = 20.0, 6.0, 270.0  # SVG units (labels take 250 on the left)


def bar_chart(chart_id: str, title: str, values: list[str | None]) -> BarChart:
    """Counts of each value, most first (years in order); past BAR_LIMIT, one "khác" bar."""
    counts = Counter(value or UNKNOWN for value in values)
    if chart_id == "by-year":
        ordered = sorted(counts.items(), key=lambda item: (item[0] == UNKNOWN, item[0]))
    else:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if len(ordered) > BAR_LIMIT:
        rest = sum(count for _, count in ordered[BAR_LIMIT - 1 :])
        ordered = [*ordered[: BAR_LIMIT - 1], ("khác (others)", rest)]
    top = max((count for _, count in ordered), default=1)
    bars = [
        Bar(label, count, index * (BAR_HEIGHT + BAR_GAP), BAR_WIDTH * count / top)
        for index, (label, count) in enumerate(ordered)
    ]
    return BarChart(chart_id, title, bars, len(bars) * (BAR_HEIGHT + BAR_GAP))


PLOT_WIDTH, PLOT_HEIGHT = 560.0, 260.0


def _point(document: dict[str, Any], max_edits: int) -> Point:
    """x: mean OCR confidence 0..100 (no OCR: at 100); y: restorer edits."""
    confidence = document.get("mean_confidence")
    edits = int(document.get("edits") or 0)
    x = PLOT_WIDTH * (100.0 if confidence is None else float(confidence)) / 100
    y = PLOT_HEIGHT - PLOT_HEIGHT * edits / max(1, max_edits)
    return Point(document["output"], document["href"], x, y, confidence, edits)


def review_first(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Documents a reviewer should open first: lowest mean OCR confidence, then most edits
    and low-confidence words, then sums that disagree."""

    def key(document: dict[str, Any]) -> tuple[float, int, int]:
        confidence = document.get("mean_confidence")
        needs = int(document.get("edits") or 0) + int(document.get("low_confidence_words") or 0)
        mismatch = document.get("tables_validation") == "mismatches"
        return (101.0 if confidence is None else float(confidence), -needs, -int(mismatch))

    return sorted(documents, key=key)


GRAPH_MIN = 320.0


def reference_graph(
    documents: list[dict[str, Any]], links: list[dict[str, Any]]
) -> tuple[list[Node], list[Edge], float]:
    """The documents that cite or are cited, on a circle (a stable layout), and the arrows."""
    linked = sorted({link["from"] for link in links} | {link["to"] for link in links})
    by_output = {d["output"]: d for d in documents}
    size = max(GRAPH_MIN, 40.0 * len(linked))
    centre, radius = size / 2, size / 2 - 70
    nodes = []
    for index, output in enumerate(linked):
        angle = 2 * math.pi * index / max(1, len(linked)) - math.pi / 2
        document = by_output.get(output, {})
        label = document.get("so_hieu") or output
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        nodes.append(Node(output, label, document.get("href", ""), x, y))
    where = {node.output: node for node in nodes}
    edges = []
    for link in links:
        a, b = where[link["from"]], where[link["to"]]
        length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
        shorten = 9.0 / length  # stop the arrow at the node's edge
        edges.append(
            Edge(
                a.output,
                b.output,
                a.x + (b.x - a.x) * shorten,
                a.y + (b.y - a.y) * shorten,
                b.x - (b.x - a.x) * shorten,
                b.y - (b.y - a.y) * shorten,
                link["so_hieu"],
            )
        )
    return nodes, edges, size
