"""The restorer's trigram language model with its units as integers: what the decoder uses.

A saved model keeps its n-grams as arrays of integer keys and float values (``encode_lm``),
which unpickle in milliseconds; ``decode_lm`` reads them back as numpy arrays,
``string_tables`` rebuilds the string-keyed tables from them, and ``CodedLM`` looks
n-grams up by integer key (``corpus/model.py`` holds the model itself).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sohoa.corpus.model import RestorerModel

SEP = "\x1f"  # joins the units of an n-gram key

# A context of the coded LM, as model.LMRow is one of the string LM: (memo id -> log-prob,
# trigram key base, bigram key base, backoffs).
CodedRow = tuple[dict[int, float], int, int, float, float]
RADIX = 1 << 20  # unit ids are below this; n-gram keys are (t * RADIX + u) * RADIX + w


class CodedLM:
    """The trigram LM with units as integers: what the decoder looks up in its loops.

    Looking up a string n-gram builds and hashes a new key string each time; here a
    context's key base is worked out once and a lookup is one addition and one dict or
    array probe. ``log_probs`` looks up many n-grams at once (numpy) for the decoder's
    confidences. Values are those of ``RestorerModel.logprob``, bit for bit (the same
    float operations in the same order). Units the LM never saw get ids of their own
    (so two of them stay distinct for the decoder), with no n-grams.
    """

    def __init__(self, model: RestorerModel) -> None:
        arrays = decode_lm(model.lm_codes) if model.lm_codes else None
        if arrays is None:  # built in memory, not yet saved: encode the string tables
            arrays = decode_lm(encode_lm(model))
        units, bigram_array, bigram_lp, bigram_bow, trigram_array, trigram_lp = arrays
        bigram_keys, trigram_keys = bigram_array.tolist(), trigram_array.tolist()
        self.ids: dict[str, int] = {unit: i for i, unit in enumerate(units)}
        if len(self.ids) >= RADIX // 2:
            raise ValueError(f"{len(self.ids)} LM units: too many for {RADIX=}")
        self.unknown_logprob = model.unknown_logprob
        no_unigram = (model.unknown_logprob, 0.0)
        unigrams = [model.unigrams.get(unit, no_unigram) for unit in self.ids]
        self.unigram_lp: list[float] = [lp for lp, _ in unigrams]
        self.unigram_bow: list[float] = [bow for _, bow in unigrams]
        self._unigram_arrays = np.array(self.unigram_lp), np.array(self.unigram_bow)
        self.bigram: dict[int, tuple[float, float]] = dict(
            zip(bigram_keys, zip(bigram_lp.tolist(), bigram_bow.tolist(), strict=True), strict=True)
        )
        self.trigram: dict[int, float] = dict(zip(trigram_keys, trigram_lp.tolist(), strict=True))
        # The same tables as arrays, found by hashing, for batch lookups in numpy.
        self._bigram_index = HashIndex(bigram_array)
        self._bigram_lp, self._bigram_bow = bigram_lp, bigram_bow
        self._trigram_index = HashIndex(trigram_array)
        self._trigram_lp = trigram_lp
        self.rows: dict[int, CodedRow] = {}  # per context t * RADIX + u, as in row()
        # Kneser-Ney keeps the last two units of every trigram as a bigram; fill() relies
        # on it only when this model does.
        suffixes = trigram_array % (RADIX * RADIX)
        self.suffixes_are_bigrams = bool(self._bigram_index.find(suffixes)[1].all())

    def unit_ids(self, units: list[str]) -> list[int]:
        """Ids of units; a unit the LM never saw gets a new id (no n-grams, P = unknown)."""
        ids = self.ids
        found = [ids.get(unit, -1) for unit in units]
        if -1 in found:
            for k, unit in enumerate(units):
                if found[k] == -1:
                    if unit not in ids:
                        if len(ids) >= RADIX - 1:
                            raise ValueError(f"over {RADIX=} LM units")
                        ids[unit] = len(ids)
                        self.unigram_lp.append(self.unknown_logprob)
                        self.unigram_bow.append(0.0)
                    found[k] = ids[unit]
        return found

    def row(self, t: int, u: int) -> CodedRow:
        """The context (t, u): its memo, key bases and backoff weights (cached)."""
        key = t * RADIX + u
        found = self.rows.get(key)
        if found is None:
            context = self.bigram.get(key)
            backoff = context[1] if context else 0.0
            found = self.rows[key] = (
                {},
                key * RADIX,
                u * RADIX,
                backoff,
                backoff + self.unigram_bow[u],
            )
        return found

    def fill(self, row: CodedRow, w: int) -> float:
        """log P(w | the row's context), memoised in the row.

        Most words asked for follow the context's last unit in no bigram (and so in no
        trigram): one probe finds that out.
        """
        memo, trigram_base, bigram_base, backoff, unigram_backoff = row
        bigram = self.bigram.get(bigram_base + w)
        if bigram is None and self.suffixes_are_bigrams:
            found = unigram_backoff + self.unigram_lp[w]
        else:
            found = self.trigram.get(trigram_base + w)
            if found is None:
                if bigram is not None:
                    found = backoff + bigram[0]
                else:
                    found = unigram_backoff + self.unigram_lp[w]
        memo[w] = found
        return found

    def log_probs(self, t: np.ndarray, u: np.ndarray, w: np.ndarray) -> np.ndarray:
        """log P(w | t u) for arrays of unit ids at once, the values ``fill`` gives."""
        context = self._bigrams(t * RADIX + u)
        return self._combine(t, u, w, context, self._bigrams(u * RADIX + w))

    def window_log_probs(
        self,
        t: np.ndarray,
        u: np.ndarray,
        w: np.ndarray,
        x: np.ndarray,
        y: np.ndarray,
        repeats: list[int],
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """log P(w | t u), log P(x | u w), log P(y | w x) for windows t u w x y at once.

        ``w`` holds every option of every window; t, u, x and y one unit per window,
        repeated over its ``repeats`` options. Each bigram of a window is looked up once,
        and serves as the next n-gram's context too.
        """
        tu = tuple(np.repeat(a, repeats) for a in self._bigrams(t * RADIX + u))
        xy = tuple(np.repeat(a, repeats) for a in self._bigrams(x * RADIX + y))
        t, u, x, y = (np.repeat(a, repeats) for a in (t, u, x, y))
        uw, wx = self._bigrams(u * RADIX + w), self._bigrams(w * RADIX + x)
        return (
            self._combine(t, u, w, tu, uw),
            self._combine(u, w, x, uw, wx),
            self._combine(w, x, y, wx, xy),
        )

    def _bigrams(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(log-prob, backoff weight, found) of bigram keys; 0.0 where not found."""
        at, found = self._bigram_index.find(keys)
        return (
            np.where(found, self._bigram_lp[at], 0.0),
            np.where(found, self._bigram_bow[at], 0.0),
            found,
        )

    def _combine(
        self,
        t: np.ndarray,
        u: np.ndarray,
        w: np.ndarray,
        context: tuple[np.ndarray, ...],
        bigram: tuple[np.ndarray, ...],
    ) -> np.ndarray:
        """The backoff of ``fill``, on arrays: trigram, else bigram, else unigram."""
        if self.suffixes_are_bigrams:  # only n-grams whose (u, w) is a bigram can be trigrams
            at, has_trigram = np.zeros(len(w), dtype=np.int64), bigram[2].copy()
            keys = (t[has_trigram] * RADIX + u[has_trigram]) * RADIX + w[has_trigram]
            at[has_trigram], has_trigram[has_trigram] = self._trigram_index.find(keys)
        else:
            at, has_trigram = self._trigram_index.find((t * RADIX + u) * RADIX + w)
        backoff = context[1]
        if len(self._unigram_arrays[0]) != len(self.unigram_lp):  # new units since
            self._unigram_arrays = np.array(self.unigram_lp), np.array(self.unigram_bow)
        unigram_lp, unigram_bow = self._unigram_arrays
        return np.where(
            has_trigram,
            self._trigram_lp[at],
            np.where(bigram[2], backoff + bigram[0], (backoff + unigram_bow[u]) + unigram_lp[w]),
        )


def _encode(model: RestorerModel) -> tuple[list[str], list[int], list[int]]:
    """The LM's units (sorted) and its bigram and trigram keys as integers, in dict order."""
    bigram_parts = [key.split(SEP) for key in model.bigrams]
    trigram_parts = [key.split(SEP) for key in model.trigrams]
    names = set(model.unigrams)
    names.update(itertools.chain.from_iterable(bigram_parts))
    names.update(itertools.chain.from_iterable(trigram_parts))
    units = sorted(names)
    if len(units) >= RADIX // 2:
        raise ValueError(f"{len(units)} LM units: too many for {RADIX=}")
    ids, radix = {unit: i for i, unit in enumerate(units)}, RADIX
    bigram_keys = [ids[u] * radix + ids[w] for u, w in bigram_parts]
    trigram_keys = [(ids[t] * radix + ids[u]) * radix + ids[w] for t, u, w in trigram_parts]
    return units, bigram_keys, trigram_keys


def encode_lm(model: RestorerModel) -> dict[str, object]:
    """The n-grams as a saved model keeps them: units, integer keys and values as bytes."""
    units, bigram_keys, trigram_keys = _encode(model)
    bigram_values = list(model.bigrams.values())
    return {
        "units": units,
        "bigram_keys": np.array(bigram_keys, dtype="<i8").tobytes(),
        "bigram_lp": np.array([lp for lp, _ in bigram_values], dtype="<f8").tobytes(),
        "bigram_bow": np.array([bow for _, bow in bigram_values], dtype="<f8").tobytes(),
        "trigram_keys": np.array(trigram_keys, dtype="<i8").tobytes(),
        "trigram_lp": np.array(list(model.trigrams.values()), dtype="<f8").tobytes(),
    }


LMArrays = tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def decode_lm(codes: dict) -> LMArrays:
    """encode_lm's bytes as arrays: (units, bigram keys, lp, bow, trigram keys, lp)."""

    def array(name: str, dtype: str) -> np.ndarray:
        return np.frombuffer(codes[name], dtype=dtype).astype(dtype[1:], copy=False)

    return (
        list(codes["units"]),
        array("bigram_keys", "<i8"),
        array("bigram_lp", "<f8"),
        array("bigram_bow", "<f8"),
        array("trigram_keys", "<i8"),
        array("trigram_lp", "<f8"),
    )


def string_tables(arrays: LMArrays) -> tuple[dict, dict]:
    """The string-keyed bigram and trigram tables of decode_lm's arrays, in stored order."""
    units, bigram_keys, bigram_lp, bigram_bow, trigram_keys, trigram_lp = arrays
    radix = RADIX
    bigrams = {
        units[key // radix] + SEP + units[key % radix]: (lp, bow)
        for key, lp, bow in zip(
            bigram_keys.tolist(), bigram_lp.tolist(), bigram_bow.tolist(), strict=True
        )
    }
    trigrams = {
        units[key // (radix * radix)]
        + SEP
        + units[key // radix % radix]
        + SEP
        + units[key % radix]: lp
        for key, lp in zip(trigram_keys.tolist(), trigram_lp.tolist(), strict=True)
    }
    return bigrams, trigrams


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads consecutive keys


class HashIndex:
    """Row numbers of non-negative integer keys, found for many keys at once (numpy).

    An open-addressing table at most half full: a key is found in one or two reads,
    where a binary search (searchsorted) makes ~17 scattered ones. (A quarter full, the
    decoder's batch lookups took ~7 ms less a text, but loading the larger tables of the
    LM with the codes of law took ~0.15 s more.)
    """

    def __init__(self, keys: np.ndarray) -> None:
        bits = max(4, (2 * len(keys)).bit_length())
        self.mask, self.shift = (1 << bits) - 1, np.uint64(64 - bits)
        self.keys = np.full(1 << bits, -1, dtype=np.int64)
        self.rows = np.zeros(1 << bits, dtype=np.int64)
        place = self._home(keys)
        pending = np.arange(len(keys))
        while len(pending):  # linear probing: each round, one key per free place
            free = pending[self.keys[place[pending]] == -1]
            places, first = np.unique(place[free], return_index=True)
            settled = free[first]
            self.keys[places], self.rows[places] = keys[settled], settled
            left = np.ones(len(keys), dtype=bool)
            left[settled] = False
            pending = pending[left[pending]]
            place[pending] = (place[pending] + 1) & self.mask

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return ((keys.astype(np.uint64) * _GOLDEN) >> self.shift).astype(np.int64)

    def find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row of each wanted key, or 0 where absent; found)."""
        # The first probe covers every key and settles most: done on whole arrays.
        place = self._home(wanted)
        held = self.keys[place]
        found = held == wanted
        rows = np.where(found, self.rows[place], 0)
        # The rest probe on, one place further each round, till found or at a free place.
        todo = np.flatnonzero(~found & (held != -1))
        place = (place[todo] + 1) & self.mask
        while len(todo):
            held = self.keys[place]
            hit = held == wanted[todo]
            rows[todo[hit]] = self.rows[place[hit]]
            found[todo[hit]] = True
            going = ~hit & (held != -1)
            todo, place = todo[going], (place[going] + 1) & self.mask
        return rows, found
