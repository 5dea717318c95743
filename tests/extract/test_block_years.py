"""Budget tables whose year heads old OCR read in blocks (``extract/block_years``): "Năm"
words on one line, their years on the next, in the header or after the text columns' rows;
such a table is read as a budget (Phụ lục II), not as a task list."""

from __future__ import annotations

from pathlib import Path

from old_ocr_tables import table_of_text

from sohoa.extract.block_years import years_in_blocks

# A budget table read by automatic page segmentation: the header's two rows read as two
# lines, each year's "Nam" on the first, its year on the second; rows read across.
HEADS_OVER_YEARS = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: trieu dong
STT Noi dun Kine Nam Nam Nam Don vi chu tri | Don vi phoi ho
pt dung oni | 2026 | 2027 | 2028 ! Ppnornep
I. To chuc thuc hien bao dam an toan thuc pham
Ho tro co so san xuat ap dung So Nong Cac So, ban,
1 | bao dam an toan thuc pham 1.080 500 330 250 nghiep va Moi |nganh; UBND
truong cap xa
Tang cuong phong chay, chua So Nong Cac So, ban,
2 | chay tren dia ban tinh. 30 | 10 | 10 | 10 |nghiep va Moi |nganh; UBND
truong cap xa
"""

# The same kind of table read column block by column block: the text columns and the
# total first, then each year's block, its "Nam" over its year ("Nam Nam" over "2026 2027",
# "Nam" over "2028"), then the agencies.
YEARS_AFTER_ROWS = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
(Kem theo Ke hoach so 12/KH-UBND)
Kinh
STT phi
Noi dung
I. Day manh phong chay, chua chay
1 Tang cuong y te co so tren dia ban tinh 2.500 |
2 | To chuc hoc tap kinh nghiem ve y te co so 40
II. Day manh quan ly chat thai ran
1 | Ho tro co so san xuat ap dung phat trien du lich 2.000
Nam Nam
2026 2027
500 500
10 10
600 300
Nam
2028
1.500
20
1.100
Don vi chu
tri
Cong an tinh
So KH&CN
UBND cap xa
"""


def test_year_heads_over_their_years_in_the_header_make_a_budget(tmp_path: Path) -> None:
    table = table_of_text(tmp_path, HEADS_OVER_YEARS)
    assert table.kind == "phu_luc_2"
    assert [c for c in table.columns if c.startswith("Năm")] == ["Năm 2026", "Năm 2027", "Năm 2028"]
    assert [r.cells[0] for r in table.rows if r.cells and r.cells[0]] == ["1", "2"]


def test_year_blocks_after_the_rows_make_a_budget_with_its_rows_found(tmp_path: Path) -> None:
    table = table_of_text(tmp_path, YEARS_AFTER_ROWS)
    assert table.kind == "phu_luc_2"
    assert [c for c in table.columns if c.startswith("Năm")] == ["Năm 2026", "Năm 2027", "Năm 2028"]
    numbers = [r.cells[0] for r in table.rows if r.cells and r.cells[0]]
    assert numbers[:3] == ["1", "2", "1"]


def test_years_in_blocks_pairs_each_run_of_heads_with_as_many_years() -> None:
    lines = ["Nam Nam", "2026 2027", "500 500", "Nam", "2028", "1.500"]
    assert years_in_blocks(lines) == ["2026", "2027", "2028"]
    heads = ["STT Noi dun Kine Nam Nam Nam Don vi chu tri", "pt dung oni | 2026 | 2027 | 2028 !"]
    assert years_in_blocks(heads) == ["2026", "2027", "2028"]


def test_a_task_lists_time_read_as_year_over_year_heads_no_column() -> None:
    # a task list's time cells read as blocks: "Nam" over "2026" for each row
    assert years_in_blocks(["Nam", "2026", "Nam", "2027"]) == []
    # as many years as heads, but not rising: no columns' heads
    assert years_in_blocks(["Nam Nam", "2027 2026"]) == []
    # a run of heads over fewer years
    assert years_in_blocks(["Nam Nam Nam", "2026 2027"]) == []
