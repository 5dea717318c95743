"""Budget headers split by source whose year labels old OCR lost in the rulings: the years
counted from the sub-column labels repeated under each (``extract/label_years``)."""

from __future__ import annotations

from old_ocr_tables import table_of_text

from sohoa.extract.label_years import label_repeats, years_by_labels

# A ruled budget header read across by old OCR: its top row ("STT | Nội dung | Tổng kinh
# phí | Năm 2026 | Năm 2027 | Năm 2028") lost in its rulings, the labels under the Kinh phí
# group's sources and under each year read well.
LOST_YEARS = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: trieu dong
STT 2 Nguon Nguon Nguon Nguon Don vi chu tri Don vi phoi hop
Tong xa hoi xa hoi xa hoi xa hoi
cong hoa hoa hoa hoa
I. Tang cuong chuyen doi so
1 | Xay dung mo hinh 900 | 600 | 300 | 200 | 100 | 200 | 100 | 200 | 100 | So Noi vu UBND cap xa
2 | Tap huan cho can bo 450 | 300 | 150 | 100 | 50 | 100 | 50 | 100 | 50 | So Tai chinh UBND cap xa
3 | To chuc hoi thao 60 | 60 | - | 60 | - | - | - | - | - | So Y te UBND cap xa
"""


def test_label_repeats_count_the_groups_under_the_header():
    """ "xa hoi" four times: the Kinh phí group and three years."""
    assert label_repeats(LOST_YEARS.splitlines()[4:7]) == 4


def test_years_are_counted_from_the_labels_as_the_rows_sums_tell():
    """Nine amounts a row: the total and the sources' (600 + 300), then three years each
    split (600 = 200 + 200 + 200): three years, named by their place, none guessed."""
    lines = LOST_YEARS.splitlines()
    assert years_by_labels(lines[:7], lines[7:]) == ["?1", "?2", "?3"]


def test_a_budget_whose_year_labels_were_lost_is_rebuilt_as_one(tmp_path):
    """Without the years the table was read as a task list and its amounts lost in the
    task text; counted from the labels, each amount has its column."""
    table = table_of_text(tmp_path, LOST_YEARS)
    assert table.kind == "phu_luc_2"
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["1"][2:11] == ["900", "600", "300", "200", "100", "200", "100", "200", "100"]
    assert table.columns[5:7] == ["Năm ?1 / NSNN", "Năm ?1 / Tổ chức"]


# The same kind of header read by another engine: the labels under each group ("xã hội |
# xã hội hóa") read in varying forms ("hdi", "hdéi"; "hda", "hoa"), the total's and the
# sources' labels lost, and every row's blank cells lost with its rulings.
VARYING_LABELS = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: trieu dong
Pinna zrzs——nimaoer [Name
TT ne mw nn x. vx | Don vi chu tri Don vi phoi hop
hdi hda hdi hda hdéi hoa hdi hda
I. Nang cao hieu qua bao ve moi truong
1 | To chuc thuc hien phong chay, chua chay 200 20 180 10 180 10 UBND cap xa UBND cap xa
2 | Tap huan cho can bo, cong chuc 150 100 50 50 20 50 30 So Tai chinh UBND cap xa
3 To chuc hoi thao ve cai cach hanh chinh 70 50 20 50 20 UBND cap xa Cac co quan, don
"""


def test_a_label_read_in_varying_forms_counts_as_one():
    """ "hdéi" is "hdi" one letter off, "hoa" is "hda": four groups, not three."""
    assert label_repeats(VARYING_LABELS.splitlines()[4:7]) == 4


def test_rows_whose_blank_cells_were_lost_tell_the_layout():
    """No row holds all nine amounts; read with their blanks lost, two rows add up only
    with Kinh phí split (total, NSNN, other source): the Kinh phí group and three years."""
    lines = VARYING_LABELS.splitlines()
    assert years_by_labels(lines[:7], lines[7:]) == ["?1", "?2", "?3"]


def test_a_budget_whose_rows_lost_their_blank_cells_is_rebuilt_as_one(tmp_path):
    """Three years (read as three labels, the header would have two), the Kinh phí
    group's three columns told by the same rows; each row keeps all its amounts."""
    table = table_of_text(tmp_path, VARYING_LABELS)
    assert table.kind == "phu_luc_2"
    assert table.columns[-4:-2] == ["Năm ?3 / NSNN", "Năm ?3 / Tổ chức"]
    assert table.columns[2:5] == ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức"]
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["2"][2:9] == ["150", "100", "50", "50", "20", "50", "30"]
