"""Each row of a table rebuilt from flattened old OCR text gets a confidence
(``extract/row_confidence``) from the rebuild's evidence: a row whose amounts add up is
surer than one whose amounts stay unplaced; the table's confidence is the mean of its
rows'; the JSON records carry it (TXT input through the pipeline)."""

from __future__ import annotations

from old_ocr_tables import AMOUNTS_BEYOND_THE_COLUMNS, document_of_text, row_index
from old_ocr_tables import BUDGET_RULED_ACROSS as RULED_ACROSS

from sohoa.extract.rebuild_edits import LINE_MOVED, LINE_MOVED_CONFIDENCE
from sohoa.extract.row_confidence import combine, evidence, table_facts
from sohoa.model import Edit, document_to_dict
from sohoa.output.schema import validate_document


def test_a_row_whose_sums_hold_is_surer_than_one_with_amounts_unplaced(tmp_path):
    """Row 1 reads "300 100 100 100" (the total and its years add up); row 3 reads
    "200 100 100 15 20 12", "20 12" beyond the amount columns, kept aside."""
    table = document_of_text(tmp_path, AMOUNTS_BEYOND_THE_COLUMNS).tables[0]
    holds, unplaced = table.rows[row_index(table, "1")], table.rows[row_index(table, "3")]
    assert unplaced.unplaced == "20 12"
    assert holds.confidence is not None and unplaced.confidence is not None
    assert holds.confidence > unplaced.confidence
    assert holds.confidence >= 0.5 > unplaced.confidence


def test_the_table_confidence_is_the_mean_of_its_rows(tmp_path):
    doc = document_of_text(tmp_path, RULED_ACROSS)
    table = doc.tables[0]
    mean = sum(r.confidence or 0 for r in table.rows) / len(table.rows)
    assert all(r.confidence is not None for r in table.rows)
    assert table.confidence == round(mean, 2)


def test_each_record_of_a_rebuilt_table_carries_its_rows_confidence(tmp_path):
    doc = document_of_text(tmp_path, RULED_ACROSS)
    data = document_to_dict(doc)
    validate_document(data)  # schema 1.3 knows the field
    assert data["schema_version"] == "1.3"
    records = data["tables"][0]["records"]
    row = doc.tables[0].rows[row_index(doc.tables[0], "2")]
    assert next(r for r in records if r["stt"] == "2")["confidence"] == row.confidence
    assert all(0 <= r["confidence"] <= 1 for r in records)


def test_a_row_read_with_specks_and_misread_words_is_doubted(tmp_path):
    """Row 2 of the budget read across, once as read, once with old OCR's specks and
    misread words in its text: the second reads as neither Vietnamese nor clean."""
    clean = document_of_text(tmp_path, RULED_ACROSS).tables[0]
    garbled = document_of_text(
        tmp_path, RULED_ACROSS.replace("cong cu quan ly (20", "cong ~ cu qxan |y — (20")
    ).tables[0]
    index = row_index(clean, "2")
    values, odd = evidence(clean, index, []), evidence(garbled, row_index(garbled, "2"), [])
    assert values["specks"] == 0 < odd["specks"]
    assert values["not_vietnamese"] < odd["not_vietnamese"]
    assert combine(odd) < combine(values)


# A budget as a digital plan's text layer exported as text gives it: lines across the page,
# the marks all there, no speck, the years' heads on two lines.
CLEAN_BUDGET = """\
Phụ lục II
DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH
(Kèm theo Kế hoạch số 45/KH-UBND)
Đơn vị: triệu đồng
Năm Năm Năm
STT Nội dung Tổng kinh phí Đơn vị chủ trì Đơn vị phối hợp
2026 2027 2028
I. Phát triển hạ tầng số
1 Nâng cấp mạng diện rộng của tỉnh 1.200 400 400 400 Sở Khoa học và Công nghệ Các sở, ngành
2 Xây dựng kho dữ liệu dùng chung 900 300 600 - Văn phòng UBND tỉnh Sở Tài chính
II. Đào tạo nhân lực số
3 Bồi dưỡng kỹ năng số cho cán bộ, công chức 450 150 150 150 Sở Nội vụ UBND cấp huyện
4 Tập huấn an toàn thông tin cho các cơ quan 300 100 100 100 Công an tỉnh Các sở, ngành
Tổng cộng 2.850 950 1.250 650
"""


def test_a_clean_table_read_from_a_text_layer_is_trusted(tmp_path):
    """Every row of the clean budget is read right: its sections, its numbered rows and its
    total row (its label standing for its number, its text cells empty by nature) get 0.8
    or more."""
    table = document_of_text(tmp_path, CLEAN_BUDGET).tables[0]
    read = [r.section or " | ".join(r.cells or []) for r in table.rows]
    assert read[1] == (
        "1 | Nâng cấp mạng diện rộng của tỉnh | 1.200 | 400 | 400 | 400"
        " | Sở Khoa học và Công nghệ | Các sở, ngành"
    )
    assert read[-1] == "Tổng cộng |  | 2.850 | 950 | 1.250 | 650 |  | "
    assert all((r.confidence or 0) >= 0.8 for r in table.rows)


def test_a_total_row_holds_no_text_by_nature(tmp_path):
    """The clean budget's total row, "Tổng cộng" and its amounts, leaves its text cells
    empty as every total row does: no evidence against it; row 1 with its agencies left
    out ("Sở Khoa học và Công nghệ", "Các sở, ngành" gone) is doubted for it."""
    table = document_of_text(tmp_path, CLEAN_BUDGET).tables[0]
    total = len(table.rows) - 1
    assert evidence(table, total, [])["text_empty"] == 0.0
    bare = CLEAN_BUDGET.replace(" Sở Khoa học và Công nghệ Các sở, ngành", "")
    table = document_of_text(tmp_path, bare).tables[0]
    assert evidence(table, row_index(table, "1"), [])["text_empty"] > 0


def test_words_moved_within_a_line_weigh_apart_from_the_edits_doubt(tmp_path):
    """Row 1 of the clean budget, its agencies' words moved out of a line's task text (two
    notes: the part they left, the part they joined, 0.55 each): the move is its own
    evidence, not a doubt of 0.9 that would leave a row read right below one half."""
    table = document_of_text(tmp_path, CLEAN_BUDGET).tables[0]
    index = row_index(table, "1")
    text, agencies = table.rows[index].cells[1], table.rows[index].cells[6]
    moved = [
        Edit(f"{text} {agencies}", text, LINE_MOVED_CONFIDENCE, row=index, reason=LINE_MOVED),
        Edit("", agencies, LINE_MOVED_CONFIDENCE, row=index, reason=LINE_MOVED),
    ]
    values = evidence(table, index, moved)
    assert values["edit_doubt"] == 0.0
    assert values["words_moved"] == 1.0
    assert 0.5 < combine(values) < combine(evidence(table, index, []))


# A task list (Phụ lục I) as a digital plan's text layer gives it: no amount column, a
# row's cells on one line or read across three.
CLEAN_TASKS = """\
Phụ lục I
CÁC NHIỆM VỤ TRỌNG TÂM
TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian
I. Công tác quản lý
Kiểm tra các cơ sở sản xuất trên địa
1 bàn tỉnh về chất lượng hàng hóa Các Sở, ban, ngành; Sở Tài chính Hằng
đóng gói sẵn. UBND cấp xã năm
2 Xây dựng phần mềm quản lý dữ liệu chung. Sở Xây dựng Sở Tài chính 2027
3 Tập huấn nghiệp vụ đo lường cho cán bộ. Sở Nội vụ UBND cấp xã 2028
"""


def test_a_task_row_read_as_vietnamese_has_its_own_check_hold(tmp_path):
    """A numbered task row (no amount column, no sums to check) whose text and agencies
    read as Vietnamese with no speck has its own check hold, as a budget row whose sums
    hold: rows 2 and 3, nothing against them, get 0.8 or more (such rows read from clean
    text are nearly all right); a budget row without amounts has no such check."""
    table = document_of_text(tmp_path, CLEAN_TASKS).tables[0]
    for number in ("2", "3"):
        index = row_index(table, number)
        assert table.rows[index].cells[2:] == (
            ["Sở Xây dựng", "Sở Tài chính", "2027"]
            if number == "2"
            else ["Sở Nội vụ", "UBND cấp xã", "2028"]
        )
        assert evidence(table, index, [])["sums_hold"] == 1.0
        assert (table.rows[index].confidence or 0) >= 0.8
    budget = document_of_text(tmp_path, CLEAN_BUDGET.replace("900 300 600 -", "")).tables[0]
    assert evidence(budget, row_index(budget, "2"), [])["sums_hold"] == 0.0


def test_the_table_facts_are_found_once_for_all_its_rows(tmp_path):
    """The clean budget's facts, found once (``table_facts``): its amount columns (the total
    and the three years), its number and text columns, its agencies, its body of five rows
    (two sections aside, the total row in) and the words of its median row (21: rows 1, 3
    and 4 hold as many, row 2 19, the total 6); each row's evidence reads them."""
    table = document_of_text(tmp_path, CLEAN_BUDGET).tables[0]
    facts = table_facts(table)
    assert facts.amounts == {2, 3, 4, 5}
    assert (facts.stt, facts.texts, facts.agencies) == (0, [1, 6, 7], [6, 7])
    assert (facts.body_rows, facts.failed) == (5, set())
    assert facts.median_words == 21
    assert evidence(table, row_index(table, "3"), [])["words_over_median"] == 0.0


def test_a_task_text_opening_in_lower_case_is_doubted(tmp_path):
    """Row 2's last word ("chung.") read on row 3's line, as a wrapped line old exports put
    beside the next row's number: row 3's task opens in lower case ("chung. Tập huấn …"),
    the end of the text above, and is doubted for it; read whole, row 3 is trusted."""
    begun = CLEAN_TASKS.replace(
        "2 Xây dựng phần mềm quản lý dữ liệu chung. Sở Xây dựng Sở Tài chính 2027\n3 Tập huấn",
        "2 Xây dựng phần mềm quản lý dữ liệu Sở Xây dựng Sở Tài chính 2027\n3 chung. Tập huấn",
    )
    clean = document_of_text(tmp_path, CLEAN_TASKS).tables[0]
    table = document_of_text(tmp_path, begun).tables[0]
    index = row_index(table, "3")
    assert table.rows[index].cells[1] == "chung. Tập huấn nghiệp vụ đo lường cho cán bộ."
    assert evidence(table, index, [])["text_lower"] == 1.0
    assert evidence(clean, row_index(clean, "3"), [])["text_lower"] == 0.0
    confidence = clean.rows[row_index(clean, "3")].confidence or 0
    assert (table.rows[index].confidence or 0) < 0.75 < confidence
