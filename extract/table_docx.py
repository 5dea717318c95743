"""Tables from a DOCX (python-docx), merged cells (gridSpan / vMerge) resolved.

Called from ingest with the open python-docx Document.
"""

from __future__ import annotations

from typing import Any

from sohoa.model import Table


def find_tables_in_docx(docx_document: Any) -> list[Table]:
    """Placeholder until the DOCX table extractor lands: no tables."""
    return []
