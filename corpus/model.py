"""The restorer's model: syllable inventory, acronyms and a trigram language model.

Stored as one pickle of plain dicts, tuples and bytes (no classes), so loading is a
single ``pickle.load`` and an old file never needs our code to unpickle. The n-grams are
stored as arrays of integer keys and float values (``lm_codes``), which unpickle in
milliseconds; the string-keyed tables (``bigrams``, ``trigrams``) are rebuilt from them
only when something asks for them (the decoder never does). Loading refuses any class
or function a pickle names, so a model file from elsewhere cannot run code. The
language model is an interpolated Kneser-Ney trigram over *LM units*
(lowercase syllables, punctuation, ``<num>``, ``<code>``, ``<abbr>``, ``<unk>``),
stored in backoff form: log-probabilities of seen n-grams plus backoff weights. The
decoder looks it up through ``CodedLM`` (``corpus/coded_lm.py``): the same log-probabilities
with units as integers.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import pickle
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sohoa.corpus.coded_lm import SEP, CodedLM, decode_lm, encode_lm, string_tables
from sohoa.errors import SohoaError
from sohoa.normalize.unicode import strip_marks

FORMAT = "sohoa-restorer-model"
VERSION = 3  # 2: candidate tables packed (pack_candidates); 3: n-grams as arrays only
DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "restorer-model.pkl"


@contextmanager
def long_lived_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while making many long-lived objects and no cycles.

    Used by loading a model (~10^6 objects), building its integer LM and restoring (its
    caches' new entries, the edits it returns): refcounting still frees what is dropped.
    What was made is then moved to the oldest generation without a walk (``gc.freeze()``
    then ``gc.unfreeze()``): left young, the next collections would walk all of it, one
    generation after another (~0.02 s after a cold restore, ~0.1 s after a load). Skipped
    if the caller keeps objects frozen (unfreezing would undo that).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


class LazyTable(MutableMapping):
    """A string-keyed n-gram table built from the model's arrays on first use.

    A loaded model's decoder works on the integer-coded LM (CodedLM) and never needs the
    ~600k string keys: making them took half a second of every load.
    """

    def __init__(self, build: Callable[[], dict]) -> None:
        self._build: Callable[[], dict] | None = build
        self._table: dict = {}

    @property
    def built(self) -> bool:
        """Whether the string table was asked for (and so made)."""
        return self._build is None

    def _data(self) -> dict:
        if self._build is not None:
            with long_lived_gc_paused():
                self._table = self._build()
            self._build = None
        return self._table

    def __getitem__(self, key: str) -> object:
        return self._data()[key]

    def get(self, key: str, default: object = None) -> object:
        return self._data().get(key, default)

    def __setitem__(self, key: str, value: object) -> None:
        self._data()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


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
    # letter groups of document codes as written in clean text and in the built-in list
    # (corpus/sources/codes-nd30.txt), sorted: CP, GD, NĐ, TTg, UBND (build.code_parts)
    codes: list[str] = field(default_factory=list)
    unigrams: dict[str, tuple[float, float]] = field(default_factory=dict)  # unit -> (lp, bow)
    # "u␟w" -> (lp, bow) and "t␟u␟w" -> lp: dicts, or LazyTables on a loaded model
    bigrams: MutableMapping[str, tuple[float, float]] = field(default_factory=dict)
    trigrams: MutableMapping[str, float] = field(default_factory=dict)
    unknown_logprob: float = -20.0
    # log of how many distinct words the <unk> unit stands for: keeping an unknown word
    # costs this on top of the LM's P(<unk>), as any one of them is that much less likely
    unknown_word_penalty: float = 9.0
    sources: list[dict] = field(default_factory=list)  # what the model was built from
    # "u␟w" of two consecutive syllables of a word-list word that running text writes too
    # ("đề␟án"), sorted; their LM log-probs carry word_bonus (corpus.trigram_lm.set_word_bonus)
    word_pairs: list[str] = field(default_factory=list)
    word_bonus: float = 0.0
    # learned OCR channels by name ("eng", "vie"): {"rules": [...], "marks": {...}}
    channels: dict[str, dict] = field(default_factory=dict)
    # precomputed candidates per OCR profile, packed (pack_candidates): {"eng": {...}}
    candidate_tables: dict[str, dict] = field(default_factory=dict)
    # The n-grams as CodedLM uses them, written by save_model (encode_lm): the units, the
    # integer n-gram keys (bytes of little-endian int64) and their values (float64) in the
    # same order: {"units": [...], "bigram_keys", "bigram_lp", "bigram_bow",
    # "trigram_keys", "trigram_lp"}; empty on a model built in memory and not yet saved.
    lm_codes: dict = field(default_factory=dict, repr=False)
    # The LM mixed with an in-domain LM of the administrative texts (corpus/mixed_lm.py), for
    # the documents it fits better (normalize/domain_lm.py): the same n-grams with other
    # values, {"unigrams": {...}, "unknown_logprob", and "bigram_lp", "bigram_bow",
    # "trigram_lp" as in lm_codes, in its key order}; empty when built without one.
    domain_lm: dict = field(default_factory=dict, repr=False)
    _domain: RestorerModel | None = field(default=None, repr=False)
    _memo: dict[tuple[str, str, str], float] = field(default_factory=dict, repr=False)
    # per context (t, u): the log-probs asked for so far and what computing more needs
    _rows: dict[tuple[str, str], LMRow] = field(default_factory=dict, repr=False)
    _coded: CodedLM | None = field(default=None, repr=False)

    def coded(self) -> CodedLM:
        """The LM with integer units (built once, ~0.2 s; the decoder works on it)."""
        if self._coded is None:
            with long_lived_gc_paused():  # ~10^6 new objects and no cycles
                self._coded = CodedLM(self)
        return self._coded

    def in_domain(self) -> RestorerModel | None:
        """This model with the in-domain mixed LM (``domain_lm``), made once; None if it has
        none. It shares everything else (syllables, channels, candidate tables)."""
        if not self.domain_lm:
            return None
        if self._domain is None:
            values = self.domain_lm
            codes = {**(self.lm_codes or encode_lm(self))}
            codes.update({k: values[k] for k in ("bigram_lp", "bigram_bow", "trigram_lp")})
            self._domain = with_lazy_tables(
                dataclasses.replace(
                    self,
                    unigrams=values["unigrams"],
                    unknown_logprob=values["unknown_logprob"],
                    lm_codes=codes,
                    domain_lm={},
                    _domain=None,
                    _memo={},
                    _rows={},
                    _coded=None,
                )
            )
        return self._domain

    def forget_in_domain(self) -> None:
        """Drop the in-domain model ``in_domain`` made: its next call makes it again from this
        model as it is then (after its n-grams or ``domain_lm`` changed)."""
        self._domain = None

    def forget_lookups(self) -> None:
        """Drop what was worked out from the n-grams (their saved integer codes, the memoised
        log-probs, the context rows and the integer-coded LM): call after changing
        ``bigrams`` or ``trigrams`` in place; each is made again from them when next asked."""
        self.lm_codes = {}
        self._memo.clear()
        self._rows.clear()
        self._coded = None

    def coded_lms(self) -> list[CodedLM]:
        """The integer-coded LMs built so far: this model's and its in-domain one's."""
        models = (self, self._domain)
        return [m._coded for m in models if m is not None and m._coded is not None]

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

    def reads_as_word(self, token: str) -> bool:
        """Is ``token``, as OCR read it, one of the model's words: a syllable of its lexicon
        (marks and case away), or a reading its learned OCR channels know for a word ("mdi"
        for mới, "trg" for trợ)? ``extract.cell_noise`` asks it of specks in tables."""
        lower = token.lower()
        if strip_marks(lower) in self.syllables:
            return True
        return any(lower in (channel.get("readings") or {}) for channel in self.channels.values())

    def summary(self) -> str:
        return (
            f"{sum(len(v) for v in self.syllables.values())} syllables, "
            f"{len(self.acronyms)} acronyms, {len(self.unigrams)}/{len(self.bigrams)}/"
            f"{len(self.trigrams)} uni/bi/trigrams"
        )


Candidates = tuple[list[tuple[str, float]], list[tuple[str, float]]]  # kept, reserve


def pack_candidates(found: dict[str, Candidates]) -> dict[str, object]:
    """A candidate table in the form the model file keeps: a few arrays, not ~10^6 tuples.

    ``keys`` (in order), ``syllables`` and ``costs`` (the distinct ones, sorted; costs as
    little-endian float64 bytes, so exact), ``items``: a (syllable, cost) number pair per
    candidate, uint16, key after key; ``bounds``: per key, where its kept candidates and
    its reserve end (int32). Loading it takes milliseconds; ``PackedCandidates`` reads it.
    """
    every = [item for kept, reserve in found.values() for item in (*kept, *reserve)]
    syllables = sorted({syllable for syllable, _ in every})
    costs = sorted({cost for _, cost in every})
    if max(len(syllables), len(costs)) > 0xFFFF:
        raise ValueError("too many syllables or costs for a packed candidate table")
    syllable_number = {syllable: i for i, syllable in enumerate(syllables)}
    cost_number = {cost: i for i, cost in enumerate(costs)}
    items: list[int] = []
    bounds: list[int] = []
    for kept, reserve in found.values():
        for part in (kept, reserve):
            for syllable, cost in part:
                items += (syllable_number[syllable], cost_number[cost])
            bounds.append(len(items) // 2)
    return {
        "keys": list(found),
        "syllables": syllables,
        "costs": np.array(costs, dtype="<f8").tobytes(),
        "items": np.array(items, dtype="<u2").tobytes(),
        "bounds": np.array(bounds, dtype="<i4").tobytes(),
    }


class PackedCandidates:
    """A packed candidate table (see ``pack_candidates``), unpacked one key at a time."""

    def __init__(self, packed: dict) -> None:
        self.position = {key: i for i, key in enumerate(packed["keys"])}
        self.syllables: list[str] = packed["syllables"]
        self.costs: list[float] = np.frombuffer(packed["costs"], dtype="<f8").tolist()
        self.items = np.frombuffer(packed["items"], dtype="<u2")
        self.bounds: list[int] = np.frombuffer(packed["bounds"], dtype="<i4").tolist()

    def get(self, key: str) -> Candidates | None:
        i = self.position.get(key)
        if i is None:
            return None
        start, middle, end = self.bounds[2 * i - 1] if i else 0, *self.bounds[2 * i : 2 * i + 2]
        numbers = self.items[2 * start : 2 * end].tolist()
        syllables, costs = self.syllables, self.costs
        found = [(syllables[a], costs[b]) for a, b in zip(numbers[::2], numbers[1::2], strict=True)]
        return found[: middle - start], found[middle - start :]


def domain_values(model: RestorerModel) -> dict:
    """A model's LM values as another model's ``domain_lm`` holds them (same n-gram keys)."""
    codes = encode_lm(model)
    return {
        "unigrams": model.unigrams,
        "unknown_logprob": model.unknown_logprob,
        **{k: codes[k] for k in ("bigram_lp", "bigram_bow", "trigram_lp")},
    }


def save_model(model: RestorerModel, path: Path) -> None:
    from sohoa.output.files import write_atomic

    fields = {k: v for k, v in model.__dict__.items() if not k.startswith("_")}
    fields["lm_codes"] = encode_lm(model)  # always from the n-grams as they are now
    del fields["bigrams"], fields["trigrams"]  # kept as lm_codes' arrays only
    payload = {"format": FORMAT, "version": VERSION, **fields}
    write_atomic(Path(path), pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    Path(path).chmod(0o644)  # a shipped data file, readable by all like the others


class PlainDataUnpickler(pickle.Unpickler):
    """Unpickles plain data only: a model file may come from anyone (``--model``), and a
    data file from a package is no more trusted (fetch_sources' dictionary).

    A pickle names the classes and functions to call while loading; refusing every one
    of them leaves dicts, lists, tuples, sets, str, bytes, int, float, bool and None,
    which is all a model holds, and no code can run.
    """

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"it asks to load code ({module}.{name}), refused")


def with_lazy_tables(model: RestorerModel) -> RestorerModel:
    """The model with string n-gram tables made from its arrays when first asked for."""
    arrays = decode_lm(model.lm_codes)
    tables: list[tuple[dict, dict]] = []  # both made at once, by whichever is asked first

    def table(index: int) -> Callable[[], dict]:
        def build() -> dict:
            if not tables:
                tables.append(string_tables(arrays))
            return tables[0][index]

        return build

    model.bigrams, model.trigrams = LazyTable(table(0)), LazyTable(table(1))
    return model


# Loaded models, most recent first: the shipped one, a --model, a user model's base... A model
# is ~10^5 containers, so only the last few files (by path and modification time) are kept:
# a tuner that rebuilds its file keeps the new version, not every old one.
MODELS_KEPT = 4


def load_model_file(path: Path | None = None) -> RestorerModel:
    """Load a model file (None = the shipped default); the last ``MODELS_KEPT`` files loaded
    are kept, by path and modification time (``read_model.cache_clear()`` forgets them)."""
    path = Path(path) if path is not None else DEFAULT_MODEL
    try:
        stamp = path.stat().st_mtime
    except OSError:
        fix = "build one with: python run_pipeline.py corpus build SOURCE... -o MODEL"
        if path == DEFAULT_MODEL:
            fix = "build the shipped model with: make model"
        raise SohoaError(path, "restorer model not found", fix) from None
    try:
        return read_model(path.resolve(), stamp)
    except SohoaError as error:  # named as the caller named it
        raise SohoaError(path, error.problem, error.fix) from None


@functools.lru_cache(maxsize=MODELS_KEPT)
def read_model(path: Path, stamp: float) -> RestorerModel:
    """The model in ``path`` as it was at modification time ``stamp`` (the cache's key)."""
    try:
        with long_lived_gc_paused(), open(path, "rb") as handle:  # ~10^5 containers
            payload = PlainDataUnpickler(handle).load()
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
    return with_lazy_tables(RestorerModel(**fields))
