"""A development corpus of synthetic Vietnamese administrative documents, with full truth.

    documents.py   what a document says (frame from templates, body from held-out sources)
    vocabulary.py  the words it is made of: names, agencies, topics, cited laws, places
    appendices.py  the appendix tables of a plan or report (Phụ lục I, II, indicators)
    render.py      how it is typeset: digital PDF, DOCX (Nghị định 30/2020 layout)
    legacy.py      old digital files: legacy Vietnamese encodings and fonts
    degrade.py     page damage: stamps, handwriting, show-through, photos, screenshots
    kind_files.py  the files of each kind of document (input, peers' pages and PDF)
    build.py       the corpus plan (documents × kinds), rendering to files, cached
    archive.py     archives: many documents of one issuer and its local names (bench/learn.py)
    sources.py     builds data/ (the held-out sentences, the places) from installed packages

and what bench/corpus.py measures with them:

    cases.py       the documents to measure (synthetic and real-dev), with their truth
    peers.py       bare Tesseract, OCRmyPDF and img2table on the same pages, cached
    score.py       the scoring
    report.py      the Markdown report and the last line

See README.md in this folder for the sources and kinds of document.
"""
