"""Old-OCR texts (flattened appendices) read through the pipeline as TXT inputs, restoring
off, shared by the tests of extract/'s readers of such text."""

from __future__ import annotations

from pathlib import Path

from sohoa.model import Table
from sohoa.pipeline import convert_document
from sohoa.settings import Settings

# A task list of one section read across its columns (a row's cells on two or three lines),
# as an old OCR engine writes a ruled Phụ lục I: tests add sections or specks to it.
OLD_OCR_TASKS = """\
Phu luc I
CAC NHIEM VU TRONG TAM
TT Noi dung nhiem vu Co quan chu tri Co quan phoi hop Thoi gian Ghi chu
I. Cong tac quan ly
Kiem tra cac co so san xuat tren dia
1 ban tinh ve chat luong hang hoa | Cac So, ban, nganh; S6 Tai chinh Hang
dong goi san. UBND cap xa nam
2 Xay dung phan mem quan ly du lieu chung. So Xay dung 2027
"""


def tables_of_text(tmp_path: Path, text: str) -> list[Table]:
    """The tables the pipeline finds in ``text`` written to a TXT file in ``tmp_path``."""
    path = tmp_path / "old-ocr.txt"
    path.write_text(text, encoding="utf-8")
    return convert_document(path, Settings(restore=False)).tables


def table_of_text(tmp_path: Path, text: str) -> Table:
    """The one table the pipeline finds in ``text`` (fails unless there is exactly one)."""
    [table] = tables_of_text(tmp_path, text)
    return table
