"""The ``sohoa restore`` command's file work: read a text file (any encoding the readers
know), restore it with the shipped model (and a user model stacked on it, if given), write the
text and the JSONL edit log atomically. The restoring itself is ``normalize/restore.py``."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sohoa.errors import SohoaError
from sohoa.model import Edit
from sohoa.normalize.language import judge
from sohoa.normalize.restore import restore_text
from sohoa.normalize.unicode import ToneStyle
from sohoa.normalize.user_model import load_restorer
from sohoa.ocr.text_reader import read_text_file
from sohoa.output.files import write_atomic


def restore_file(
    input_path: Path,
    model_path: Path | None = None,
    output: Path | None = None,
    log_path: Path | None = None,
    tone_style: ToneStyle | None = None,
    user_model: Path | None = None,
) -> tuple[str, list[Edit]]:
    """The ``restore`` command: read, restore, write atomically (text and JSONL edit log)."""
    if not Path(input_path).is_file():
        raise SohoaError(input_path, "input file not found", "check the path")
    text = read_text_file(Path(input_path))
    verdict = judge(text)
    if verdict.foreign:
        raise SohoaError(
            input_path,
            f"does not look like Vietnamese ({verdict.vietnamese_share:.0%} of its words are"
            " Vietnamese syllables), so there is nothing to restore",
            "the restorer is for Vietnamese text: check this is the file you meant",
        )
    restorer = load_restorer(model_path, user_model)
    restored, edits = restore_text(text, restorer, tone_style=tone_style)
    if output is not None:
        write_atomic(Path(output), restored)
    if log_path is not None:
        lines = []
        for edit in edits:
            record = {k: v for k, v in dataclasses.asdict(edit).items() if v is not None}
            lines.append(json.dumps(record, ensure_ascii=False))
        write_atomic(Path(log_path), "".join(line + "\n" for line in lines))
    return restored, edits
