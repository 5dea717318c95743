"""A development corpus of synthetic Vietnamese administrative documents, with full truth.

    documents.py  what a document says (frame from templates, body from held-out sources)
    vocabulary.py the words it is made of: names, agencies, topics, cited laws, places
    appendices.py the appendix tables of a plan or report (Phụ lục I, II, indicators)
    render.py     how it is typeset: digital PDF, DOCX (Nghị định 30/2020 layout)
    degrade.py    page damage: stamps, handwriting, show-through, photos, screenshots
    build.py      the corpus plan (documents × kinds), rendering to files, cached
    score.py      the scoring used by bench/corpus.py

See README.md in this folder for the sources and kinds of document.
"""
