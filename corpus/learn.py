"""A user model learned from reviewers' corrections, stacked on the shipped restorer model.

    learn_user_model(folders) -> UserModel   reads <stem>.corrections.json + <stem>.json
    save_user_model(user, folder)            FOLDER/user-model.json (plain JSON)
    load_user_model(folder) -> UserModel
    stack_user_model(model, user) -> model   a copy of the shipped model with the evidence in

A reviewed document is evidence twice over. Each word's OCR reading beside its reviewed
form (the restorer's edit log gives the reading, the corrections the reviewed form) is
channel evidence: P(reading | syllable) = n(syllable read so) / (n(syllable) + 1). The
reviewed text is language-model evidence: its n-gram counts. Its syllables join the lexicon,
its codes and acronyms the code vocabulary (a code is then known, never guessed). A corrected
metadata field or table cell (an issuer's or a signer's name, a number) is reviewed text too.

Stacking adds, never rebuilds: an n-gram the reviewed text holds gets the probability
(c(h w) + K · P_shipped(w | h)) / (c(h) + K) — the shipped LM as a Dirichlet prior worth K
words — where that is higher than the shipped one; every other n-gram, the lexicon's
syllables and all channel costs stay as shipped (corpus/stacked_lm.py). Unigrams stay as
shipped (they are every context's backoff), but for syllables the shipped LM never saw. A
document counts as reviewed only where a reviewer saved a corrections file for it (its
untouched words are then taken as right).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from sohoa.corpus.build import BOS, code_parts, syllable_shaped, text_units
from sohoa.corpus.coded_lm import SEP
from sohoa.corpus.model import RestorerModel, with_lazy_tables
from sohoa.corpus.stacked_lm import raised_lm
from sohoa.errors import InputError
from sohoa.normalize.corrections import SUFFIX, load_corrections
from sohoa.normalize.tokens import HORN_AFTER_VOWEL, tokenize
from sohoa.normalize.unicode import nfc, normalize_syllable, strip_marks

FORMAT = "sohoa-user-model"
VERSION = 1
FILE_NAME = "user-model.json"
# A reading whose letters (marks aside) differ from the reviewed syllable's in more than half
# of them is a rewording, not an OCR misreading (nudce -> nước, kmh -> kinh, t6 -> tổ are
# within it): it stays language-model evidence but is not learned as a reading.
MAX_REWORDING = 0.5


@dataclass
class UserModel:
    """What reviewed documents taught: counts only, so models merge by adding."""

    style: str = "classic"
    documents: list[dict[str, Any]] = field(default_factory=list)  # what it was learned from
    skipped: list[dict[str, Any]] = field(default_factory=list)  # corrections files left out
    # profile ("eng", "vie", "plain") -> OCR word core (lowercase) -> reviewed syllable -> n
    readings: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    # profile -> reviewed syllable -> n (the denominators of the channel's probabilities)
    syllables: dict[str, dict[str, int]] = field(default_factory=dict)
    ngrams: dict[str, int] = field(default_factory=dict)  # "t␟u␟w" unit trigrams, BOS-padded
    lexicon: dict[str, int] = field(default_factory=dict)  # syllables of the reviewed text
    codes: dict[str, int] = field(default_factory=dict)  # code letter groups as reviewed: SNN
    acronyms: dict[str, str] = field(default_factory=dict)  # stripped -> marked: SXD -> SXĐ

    def channel(self, profile: str) -> dict[str, list[tuple[str, float]]]:
        """OCR core -> [(syllable, -log P(core | syllable))] learned for one OCR profile."""
        totals = self.syllables.get(profile, {})
        return {
            core: sorted(
                (syllable, -math.log(n / (totals.get(syllable, n) + 1)))
                for syllable, n in found.items()
            )
            for core, found in self.readings.get(profile, {}).items()
        }

    def summary(self) -> str:
        pairs = sum(len(v) for found in self.readings.values() for v in found.values())
        words = sum(n for found in self.syllables.values() for n in found.values())
        skipped = f", {len(self.skipped)} corrections files skipped" if self.skipped else ""
        return (
            f"{len(self.documents)} reviewed documents, {words} words, {pairs} reading pairs,"
            f" {len(self.ngrams)} trigrams, {len(self.codes)} code parts{skipped}"
        )


# --- learning --------------------------------------------------------------------------------


def corrections_files(folders: Iterable[Path]) -> list[Path]:
    """Every <stem>.corrections.json under the folders (or the files given), sorted."""
    found: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_file():
            found.append(folder)
        elif folder.is_dir():
            found += sorted(folder.rglob(f"*{SUFFIX}"))
        else:
            raise InputError(folder, "no such file or folder", "give the folder of corrections")
    return found


def learn_user_model(
    folders: Iterable[Path],
    outputs: Path | None = None,
    model: RestorerModel | None = None,
    user: UserModel | None = None,
) -> UserModel:
    """Learn from every corrections file under ``folders`` and its document's JSON output
    (``<stem>.json`` beside it, or in ``outputs``); add to ``user`` when given."""
    from sohoa.corpus.model import load_model_file
    from sohoa.normalize.channel_profile import choose_profile, profiles_of

    model = model or load_model_file()
    user = user or UserModel(style=model.style)
    profiles = profiles_of(model)
    files = corrections_files(folders)
    if not files:
        raise InputError(
            Path(", ".join(str(f) for f in folders)),
            f"holds no *{SUFFIX}",
            "save corrections from the review reports into it first",
        )
    for path in files:
        corrections = load_corrections(path)
        stem = path.name[: -len(SUFFIX)]
        places = [path.with_name(f"{stem}.json")] + (
            [Path(outputs) / f"{stem}.json"] if outputs else []
        )
        document_json = next((p for p in places if p.is_file()), None)
        if document_json is None:
            raise InputError(
                path,
                f"has no JSON output beside it ({stem}.json)",
                "convert the document with --formats json into the same folder, or pass --outputs",
            )
        document = _read_json(document_json)
        why = _not_learnable(user, corrections, document)
        if why:
            user.skipped.append({"corrections": str(path), "why": why})
            continue
        pairs = _reviewed_words(document, corrections)
        ocr_cores = [
            t.text for ocr, _ in pairs for t in tokenize(ocr) if t.kind in ("word", "caps")
        ]
        profile = choose_profile(ocr_cores, profiles).name
        _count_readings(user, profile, pairs)
        _count_text(user, _reviewed_text(document, corrections))
        for item in corrections.items:  # a corrected field or cell: names, codes, terms
            if item.kind in ("metadata", "cell") and item.new.strip():
                _count_text(user, item.new)
        user.documents.append(
            {
                "corrections": str(path),
                "document": document.get("source"),
                "sha256": corrections.sha256,
                "reviewer": corrections.reviewer,
                "words": len(pairs),
                "corrected": sum(1 for c in corrections.items if c.kind == "word"),
                "profile": profile,
            }
        )
    return user


def _not_learnable(user: UserModel, corrections: Any, document: dict[str, Any]) -> str | None:
    """Why a corrections file is left out (None: it is learned from)."""
    if any(d["sha256"] == corrections.sha256 for d in user.documents):
        return "already learned from"  # the same file twice (corpus learn --add) counts once
    saved_from, converted = corrections.document_sha256, document.get("sha256")
    if saved_from and converted and saved_from != converted:
        return "saved from another version of the input than its JSON output's"
    return None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(
            path, f"is not a readable JSON output ({error})", "convert it again"
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise InputError(path, "is not a sohoa JSON output (no pages)", "convert it again")
    return data


def _word_corrections(corrections: Any) -> dict[tuple[int, int], str]:
    return {
        (item.page, item.word): nfc(item.new)
        for item in corrections.items
        if item.kind == "word" and item.page is not None and item.word is not None
    }


def _reviewed_words(document: dict[str, Any], corrections: Any) -> list[tuple[str, str]]:
    """(OCR reading, reviewed form) of every word of the document's OCR and TXT pages."""
    read_as = {
        (e["page"], e["word"]): e["original"]
        for e in document.get("edits", [])
        if e.get("reason") == "restore" and e.get("page") is not None and e.get("word") is not None
    }
    corrected = _word_corrections(corrections)
    pairs = []
    for page in document["pages"]:
        if page.get("origin") not in ("ocr", "txt"):
            continue  # a digital text layer or a DOCX: the restorer did not read it
        for i, word in enumerate(page.get("words", [])):
            where = (page["number"], i)
            pairs.append((read_as.get(where, word["text"]), corrected.get(where, word["text"])))
    return pairs


def _reviewed_text(document: dict[str, Any], corrections: Any) -> str:
    """The document's text with the reviewer's words in, lines as the JSON gives them."""
    corrected = _word_corrections(corrections)
    pages = []
    for page in document["pages"]:
        words = [
            corrected.get((page["number"], i), w["text"])
            for i, w in enumerate(page.get("words", []))
        ]
        lines = [
            " ".join(words[i] for i in line.get("words", [])) for line in page.get("lines", [])
        ]
        pages.append("\n".join(lines) if lines else " ".join(words))
    return "\n\n".join(pages)


def _core(word: str) -> str | None:
    """The one word core of a whitespace-free word ("tỉnh," -> "tỉnh"), else None."""
    cores = [t.text for t in tokenize(word) if t.kind in ("word", "caps")]
    return cores[0] if len(cores) == 1 else None


def _count_readings(user: UserModel, profile: str, pairs: list[tuple[str, str]]) -> None:
    readings = user.readings.setdefault(profile, {})
    totals = user.syllables.setdefault(profile, {})
    for ocr, reviewed in pairs:
        read, right = _core(ocr), _core(reviewed)
        if read is None or right is None:
            continue
        syllable = normalize_syllable(right.lower(), user.style)  # type: ignore[arg-type]
        if not syllable_shaped(syllable) or any(ch.isdigit() for ch in syllable):
            continue  # codes, numbers and foreign words are never learned as readings
        key = HORN_AFTER_VOWEL.sub("", read.lower())
        letters = strip_marks(syllable)
        if Levenshtein.distance(strip_marks(key), letters) > len(letters) * MAX_REWORDING:
            continue  # a reworded word (đổi -> cải) is the reviewer's choice, not a misreading
        found = readings.setdefault(key, {})
        found[syllable] = found.get(syllable, 0) + 1
        totals[syllable] = totals.get(syllable, 0) + 1


def _count_text(user: UserModel, text: str) -> None:
    for paragraph in text.split("\n\n"):
        units = [BOS, BOS, *text_units(paragraph, user.style)]  # type: ignore[arg-type]
        for i in range(2, len(units)):
            key = SEP.join(units[i - 2 : i + 1])
            user.ngrams[key] = user.ngrams.get(key, 0) + 1
        for unit in units:
            if syllable_shaped(unit):
                user.lexicon[unit] = user.lexicon.get(unit, 0) + 1
    for part in code_parts(text):
        user.codes[part] = user.codes.get(part, 0) + 1
        if strip_marks(part) != part:
            user.acronyms[strip_marks(part)] = part


# --- the file --------------------------------------------------------------------------------


def save_user_model(user: UserModel, folder: Path) -> Path:
    from sohoa.output.files import write_atomic

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    payload = {"format": FORMAT, "version": VERSION, **dataclasses.asdict(user)}
    write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def user_model_path(folder: Path) -> Path:
    folder = Path(folder)
    return folder if folder.is_file() else folder / FILE_NAME


def load_user_model(folder: Path) -> UserModel:
    """A user model folder (or its user-model.json); anything else is a one-line error."""
    path = user_model_path(folder)
    fix = "learn one with: sohoa corpus learn CORRECTIONS_FOLDER -o USER_MODEL_FOLDER"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(path, f"is not a readable user model ({error})", fix) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, f'is not a user model (no "format": "{FORMAT}")', fix)
    if data.get("version") != VERSION:
        raise InputError(path, f"user model version {data.get('version')} is not {VERSION}", fix)
    names = {f.name for f in dataclasses.fields(UserModel)}
    try:
        return UserModel(**{k: v for k, v in data.items() if k in names})
    except TypeError as error:
        raise InputError(path, f"is not a user model ({error})", fix) from error


# --- stacking on the shipped model -----------------------------------------------------------


def stack_user_model(model: RestorerModel, user: UserModel) -> RestorerModel:
    """A copy of ``model`` with the user's lexicon, codes and LM evidence added (``model``
    itself, shared by a process's cache, is left as it is)."""
    syllables = {key: list(options) for key, options in model.syllables.items()}
    for found in [user.lexicon, *user.syllables.values()]:
        for syllable in found:
            options = syllables.setdefault(strip_marks(syllable), [])
            if all(s != syllable for s, _ in options):
                lp = model.unigrams.get(syllable, (model.unknown_logprob, 0.0))[0]
                options.append((syllable, lp))
                options.sort(key=lambda item: -item[1])
    codes = sorted(set(model.codes) | set(user.codes))
    acronyms = {**user.acronyms, **model.acronyms}  # the shipped spelling wins a conflict
    unigrams, lm_codes = raised_lm(model, user.ngrams)
    stacked = dataclasses.replace(
        model,
        syllables=syllables,
        codes=codes,
        acronyms=acronyms,
        unigrams=unigrams,
        lm_codes=lm_codes,
        sources=[*model.sources, {"user_model": user.summary()}],
        domain_lm={},  # the reviewed text is the in-domain evidence here: no second LM
        _domain=None,
        _memo={},
        _rows={},
        _coded=None,
    )
    return with_lazy_tables(stacked)  # string n-gram tables made when first asked for
