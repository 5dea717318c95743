"""Read and recognise: any input file -> Document pages with words, lines, blocks.

Read in this order: ``ingest`` (open a file, plan its pages, read a page: its text layer or
its pixels), ``page_ocr`` (the ways of cleaning a page tried and the best reading kept),
``preprocess`` (deskew, flatten, binarise), ``rule_lines`` (rules erased before reading),
``dewarp`` (curled lines levelled), ``unread_ink`` (lines the reading missed, print under a
seal: read again), ``signature_block`` (the signature block's lines read again from the
page's own pixels), ``tesseract`` / ``tesseract_api`` (Tesseract in-process, words -> lines
-> blocks), ``text_quality`` (is a text Vietnamese as written).
By kind of input: ``sniff``, ``pdf`` with ``text_layer`` and ``table_pdf``, ``images``,
``docx_reader`` with ``table_docx``, ``text_reader`` and ``legacy_encoding``. Table cells:
``cell_ocr`` (its ``CellReader`` is what ``extract.table_grid`` is handed), ``cell_numbers``
(what a number cell's ink says) and ``tesseract_batch``.

Imports nothing from ``extract/`` or ``output/`` (tests/test_architecture.py).
"""
