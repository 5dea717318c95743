"""Interpret: tables, Phụ lục records and metadata from the pages that were read.

Read in this order: ``tables`` (the document stage: tables found, typed, repaired, records),
``table_grid`` with ``grid_lines`` and ``structure`` (ruled tables on a page image: the page
stage "find tables"), ``borderless``, ``flattened`` (with ``flattened_lines``,
``flattened_header``, ``flattened_rows``, ``flattened_budget``, ``flattened_sums``),
``interleaved`` (with ``interleaved_rows``, ``task_moves``), ``table_text``
(tables without rules or from text), ``appendix``, ``headers``, ``cell_types``, ``amounts``,
``numbering``, ``validate`` (Phụ lục I/II records and their checks); ``metadata`` (the
order of the readers) with ``metadata_header``, ``metadata_issuer``, ``metadata_title``,
``metadata_signature``, ``metadata_text``, and ``layout_lines``, ``admin_vocab``,
``citations``, ``person_names``, ``districts`` (who issued what, when; their lists built
from pinned PyPI wheels by ``pinned_wheel``); ``page_layout`` with
``layout_marks`` (ND30's printed marks, also used by ``output/official_layout``) and
``word_boxes`` (a line's boxed words, gaps and the channel between two columns).

Imports nothing from ``ocr/``: table cells are read by the ``CellReader`` it is given.
"""
