"""sohoa: scanned Vietnamese administrative documents -> restored text and typed records."""

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
