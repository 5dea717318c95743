"""Which of the model's two LMs restores a document: the general one, or the one mixed with
the administrative texts' own LM (corpus/mixed_lm.py, ``RestorerModel.in_domain``).

The first pass reads the document with the general LM; the LM that gives that reading the
higher likelihood decodes the second pass. An administrative plan's reading is likelier
under the mixed LM ("phân bổ kinh phí", "hằng năm"), a software manual's under the general
one ("phân bố chuẩn" of its statistics functions): no threshold, no list of words, the two
LMs' own probabilities decide.
"""

from __future__ import annotations

import numpy as np

from sohoa.corpus.coded_lm import CodedLM
from sohoa.corpus.model import RestorerModel
from sohoa.corpus.units import BOS


def lm_for(model: RestorerModel, units: list[str]) -> RestorerModel:
    """The model whose LM gives ``units`` (a document's first reading) the higher likelihood:
    ``model`` itself, or its in-domain version when it has one and fits better."""
    in_domain = model.in_domain()
    if in_domain is None or not units:
        return model
    if log_likelihood(in_domain.coded(), units) > log_likelihood(model.coded(), units):
        return in_domain
    return model


def log_likelihood(lm: CodedLM, units: list[str]) -> float:
    """log P(units) under the trigram LM, the text starting a stream (two <s> before it)."""
    ids = np.array(lm.unit_ids([BOS, BOS, *units]), dtype=np.int64)
    return float(lm.log_probs(ids[:-2], ids[1:-1], ids[2:]).sum())
