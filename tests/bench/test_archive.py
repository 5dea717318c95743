"""bench/corpus/archive.py: one district's documents share names the shipped model lacks."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from corpus.documents import sentences  # noqa: E402

from corpus import archive as archives  # noqa: E402
from sohoa.corpus.build import word_unit  # noqa: E402
from sohoa.corpus.model import SEP, load_model_file  # noqa: E402


def test_archives_are_deterministic_and_differ() -> None:
    assert archives.archive(1) == archives.archive(1)
    assert archives.documents(archives.archive(1), 3) == archives.documents(archives.archive(1), 3)
    assert set(archives.archive(1).xa).isdisjoint(archives.archive(2).xa)


def test_documents_share_the_archive_names_and_mix_in_unrelated_sentences() -> None:
    archive = archives.archive(1)
    docs = archives.documents(archive, 12)
    names = archives.names(archive)
    for doc in docs:
        assert sum(name in doc.text() for name in names) >= 3
        assert doc.generic and all(doc.body[i] in sentences() for i in doc.generic)
        assert doc.generic_text() and not any(name in doc.generic_text() for name in archive.xa)
    held_out = " ".join(doc.text() for doc in docs[6:])
    reviewed = " ".join(doc.text() for doc in docs[:6])
    assert sum(name in held_out and name in reviewed for name in names) >= len(names) // 2


def test_the_shipped_model_has_not_seen_most_name_pairs() -> None:
    model = load_model_file()
    archive = archives.archive(1)
    pairs = [
        name.split()
        for name in [*archive.xa, *archive.thon, *archive.htx, *archive.kenh, *archive.dong]
    ]
    units = [[word_unit(part, "classic") for part in pair] for pair in pairs]
    seen = sum(SEP.join(pair) in model.bigrams for pair in units)
    assert seen <= len(pairs) // 3
