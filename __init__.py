"""sohoa: scanned Vietnamese administrative documents -> restored text and typed records.

Start reading at ``pipeline.py`` (every stage, in order); ``model.py`` is what flows between
the stages. The folders: ``ocr/`` reads and recognises, ``normalize/`` restores, ``extract/``
interprets, ``output/`` writes, ``corpus/`` builds the shipped data, ``batch/`` runs many
inputs (README.md, "Layout", gives the reading order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sohoa.pipeline import convert_document


def __getattr__(name: str) -> Any:
    # Import lazily so that ``import sohoa`` stays cheap for tools that only need the model.
    if name == "convert_document":
        from sohoa.pipeline import convert_document

        return convert_document
    raise AttributeError(name)


__all__ = ["__version__", "convert_document"]
