"""The shipped data and how it is built, reproducibly, from sources.

``model`` is the restorer's model (syllables, lexicon, trigram language model) and loads it
(``coded_lm``: the language model with integer units, as the decoder looks it up);
``build`` builds it from clean texts (``run_pipeline.py corpus build``: ``units`` are what is
counted, ``trigram_lm`` smooths the counts); ``fetch_sources`` re-extracts those texts from
registry packages (``source_texts``: each package's files to clean lines); ``channel_pairs``
makes (OCR token, clean token) pairs from scans simulated by ``scan_simulator``, aligned by
``token_alignment``, and ``channel_learn`` learns the OCR channel from them. ``learn`` learns a
user model from reviewers' corrections and stacks it on the shipped one (``stacked_lm``).
Data files are in ``data/`` with a README for each.
"""
