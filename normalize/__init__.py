"""Restore: Vietnamese text put right, every change recorded with its confidence.

Read in this order: ``restore`` (the restorer: tokens -> candidate syllables -> best
sequence -> edits), ``tokens`` (what may be touched), ``channel`` (which syllables an OCR
token may stand for), ``decoder`` (beam search over the language model), ``calibration``
(an edit's confidence), ``language`` (is this Vietnamese at all), ``unicode`` (letters, marks,
tone placement), ``corrections`` (a reviewer's corrections, applied on the next run).
The model it loads is built by ``corpus/``.
"""
