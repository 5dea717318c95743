"""The restorer's model: syllable inventory, acronyms and a trigram language model.

Stored as one pickle of plain dicts and tuples (no classes), so loading is a single
``pickle.load`` (~0.2 s for the shipped model) and an old file never needs our code to
unpickle. Loading refuses any class or function a pickle names, so a model file from
elsewhere cannot run code. The language model is an interpolated Kneser-Ney trigram over *LM units*
(lowercase syllables, punctuation, ``<num>``, ``<code>``, ``<abbr>``, ``<unk>``),
stored in backoff form: log-probabilities of seen n-grams plus backoff weights.
"""

from __future__ import annotations

import gc
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from sohoa.errors import SohoaError

FORMAT = "sohoa-restorer-model"
VERSION = 1
DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "restorer-model.pkl"
SEP = "\x1f"  # joins the units of an n-gram key


# An LM context (t, u): (memo w -> log P(w | t u), "t␟u␟", "u␟", backoff of (t, u),
# backoff of (t, u) and of u), as RestorerModel.row builds it.
LMRow = tuple[dict[str, float], str, str, float, float]


@dataclass
class RestorerModel:
    style: str = "classic"
    # stripped lowercase key -> [(syllable, unigram log-prob)], most likely first
    syllables: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    # stripped ALL-CAPS letters -> the marked spelling seen in clean text: "QD" -> "QĐ"
    acronyms: dict[str, str] = field(default_factory=dict)
    unigrams: dict[str, tuple[float, float]] = field(default_factory=dict)  # unit -> (lp, bow)
    bigrams: dict[str, tuple[float, float]] = field(default_factory=dict)  # "u␟w" -> (lp, bow)
    trigrams: dict[str, float] = field(default_factory=dict)  # "t␟u␟w" -> lp
    unknown_logprob: float = -20.0
    # log of how many distinct words the <unk> unit stands for: keeping an unknown word
    # costs this on top of the LM's P(<unk>), as any one of them is that much less likely
    unknown_word_penalty: float = 9.0
    sources: list[dict] = field(default_factory=list)  # what the model was built from
    # "u␟w" of two consecutive syllables of a word-list word that running text writes too
    # ("đề␟án"), sorted; their LM log-probs carry word_bonus (corpus.build.set_word_bonus)
    word_pairs: list[str] = field(default_factory=list)
    word_bonus: float = 0.0
    # learned OCR channels by name ("eng", "vie"): {"rules": [...], "marks": {...}}
    channels: dict[str, dict] = field(default_factory=dict)
    # precomputed candidates of every plain key, per OCR profile: {"eng": {"duong": (...)}}
    candidate_tables: dict[str, dict[str, tuple]] = field(default_factory=dict)
    _memo: dict[tuple[str, str, str], float] = field(default_factory=dict, repr=False)
    # per context (t, u): the log-probs asked for so far and what computing more needs
    _rows: dict[tuple[str, str], LMRow] = field(default_factory=dict, repr=False)

    def logprob(self, t: str, u: str, w: str) -> float:
        """log P(w | t u) with Kneser-Ney backoff (memoised: documents repeat themselves)."""
        key = (t, u, w)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._logprob(t, u, w)
        return found

    def _logprob(self, t: str, u: str, w: str) -> float:
        uw = u + SEP + w
        trigram = self.trigrams.get(t + SEP + uw)
        if trigram is not None:
            return trigram
        context = self.bigrams.get(t + SEP + u)
        backoff = context[1] if context else 0.0
        bigram = self.bigrams.get(uw)
        if bigram is not None:
            return backoff + bigram[0]
        unigram_u = self.unigrams.get(u)
        backoff += unigram_u[1] if unigram_u else 0.0
        unigram_w = self.unigrams.get(w)
        return backoff + (unigram_w[0] if unigram_w else self.unknown_logprob)

    def row(self, t: str, u: str) -> LMRow:
        """The context (t, u) of log P(w | t u): the decoder asks it for many w in a row.

        Its memo holds the log-probs asked for so far; ``row_logprob`` fills it with the
        same values as ``_logprob`` (same operations in the same order), the context's
        keys and backoff weights worked out once instead of once per w.
        """
        key = (t, u)
        found = self._rows.get(key)
        if found is None:
            context = self.bigrams.get(t + SEP + u)
            backoff = context[1] if context else 0.0
            unigram_u = self.unigrams.get(u)
            found = self._rows[key] = (
                {},
                t + SEP + u + SEP,
                u + SEP,
                backoff,
                backoff + (unigram_u[1] if unigram_u else 0.0),
            )
        return found

    def row_logprob(self, row: LMRow, w: str) -> float:
        """log P(w | the row's context), memoised in the row."""
        memo, trigram_prefix, bigram_prefix, backoff, unigram_backoff = row
        trigram = self.trigrams.get(trigram_prefix + w)
        if trigram is not None:
            found = trigram
        else:
            bigram = self.bigrams.get(bigram_prefix + w)
            if bigram is not None:
                found = backoff + bigram[0]
            else:
                unigram_w = self.unigrams.get(w)
                found = unigram_backoff + (unigram_w[0] if unigram_w else self.unknown_logprob)
        memo[w] = found
        return found

    def is_syllable(self, lower: str, key: str) -> bool:
        return any(s == lower for s, _ in self.syllables.get(key, ()))

    def summary(self) -> str:
        return (
            f"{sum(len(v) for v in self.syllables.values())} syllables, "
            f"{len(self.acronyms)} acronyms, {len(self.unigrams)}/{len(self.bigrams)}/"
            f"{len(self.trigrams)} uni/bi/trigrams"
        )


def save_model(model: RestorerModel, path: Path) -> None:
    from sohoa.output.files import write_atomic

    fields = {k: v for k, v in model.__dict__.items() if not k.startswith("_")}
    payload = {"format": FORMAT, "version": VERSION, **fields}
    write_atomic(Path(path), pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    Path(path).chmod(0o644)  # a shipped data file, readable by all like the others


class _PlainDataUnpickler(pickle.Unpickler):
    """Unpickles plain data only: a model file may come from anyone (``--model``).

    A pickle names the classes and functions to call while loading; refusing every one
    of them leaves dicts, lists, tuples, sets, str, bytes, int, float, bool and None,
    which is all a model holds, and no code can run.
    """

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"it asks to load code ({module}.{name}), refused")


_CACHE: dict[tuple[str, float], RestorerModel] = {}


def load_model_file(path: Path | None = None) -> RestorerModel:
    """Load a model file (None = the shipped default); cached per path and mtime."""
    path = Path(path) if path is not None else DEFAULT_MODEL
    try:
        stamp = path.stat().st_mtime
    except OSError:
        fix = "build one with: python run_pipeline.py corpus build SOURCE... -o MODEL"
        if path == DEFAULT_MODEL:
            fix = "build the shipped model with: make model"
        raise SohoaError(path, "restorer model not found", fix) from None
    key = (str(path.resolve()), stamp)
    if key not in _CACHE:
        try:
            was_enabled = gc.isenabled()
            gc.disable()  # unpickling makes ~10^5 containers and no cycles: skip the walks
            try:
                with open(path, "rb") as handle:
                    payload = _PlainDataUnpickler(handle).load()
            finally:
                if was_enabled:
                    gc.enable()
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, IndexError) as error:
            raise SohoaError(
                path, f"not a sohoa restorer model ({error})", "rebuild it with corpus build"
            ) from None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise SohoaError(path, "not a sohoa restorer model", "rebuild it with corpus build")
        if payload.get("version") != VERSION:
            raise SohoaError(
                path, f"model version {payload.get('version')} is not {VERSION}", "rebuild it"
            )
        fields = {k: v for k, v in payload.items() if k not in ("format", "version")}
        _CACHE[key] = RestorerModel(**fields)
    return _CACHE[key]
