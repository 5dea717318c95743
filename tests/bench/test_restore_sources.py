"""bench/restore_sources.py: the bench models' in-domain texts never hold seed 002."""

from __future__ import annotations

from pathlib import Path

from restore_sources import BENCH_DOMAIN, BENCH_SOURCES, domain_of  # bench/ is on the path


def test_the_in_domain_texts_are_bench_sources_and_002_is_not_one() -> None:
    sources = [p for _, paths in BENCH_SOURCES for p in paths]
    assert BENCH_DOMAIN and all(p in sources for p in BENCH_DOMAIN)
    assert not any(p.name.startswith("002") for p in BENCH_DOMAIN + sources)
    assert domain_of(sources) == BENCH_DOMAIN


def test_a_cut_copy_stands_for_its_source_and_a_left_out_one_is_gone(tmp_path: Path) -> None:
    laws = next(p for p in BENCH_DOMAIN if p.name.startswith("laws"))
    cut = tmp_path / "faithful-laws.txt"
    sources = [cut if p == laws else p for _, paths in BENCH_SOURCES for p in paths]
    sources = [p for p in sources if not p.name.startswith("001")]  # a fold's left-out seed
    found = domain_of(sources, {cut: laws})
    assert cut in found and laws not in found
    assert not any(p.name.startswith("001") for p in found)
