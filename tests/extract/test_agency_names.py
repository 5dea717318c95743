from __future__ import annotations

from sohoa.extract.agency_names import begins_name, heads_collective, name_nodes, open_name


def test_a_name_going_on_a_list_is_capitalised_or_opened_by_cac():
    assert open_name("Sở Tài chính, Đơn vị") is not None
    assert open_name("Sở Tài chính, đơn vị") is None
    assert open_name("Sở Tài chính, các đơn vị") is not None


def test_a_whole_name_or_no_name_is_not_open():
    assert open_name("Sở Tài chính") is None
    assert open_name("Công an tỉnh") is None
    assert open_name("Báo cáo kết quả") is None


def test_a_name_waiting_for_more_must_have_it():
    assert open_name("UBND").required
    assert open_name("Sở Khoa học và").required
    assert not open_name("Các sở, ngành").required  # whole, may take "liên quan"


def test_a_names_first_words_in_any_case_and_a_misread_cac():
    assert begins_name("sở Yté")
    assert begins_name("Các Sở, ban")
    assert not begins_name("Hỗ trợ doanh nghiệp")
    assert heads_collective(["C8°", "cơ", "quan,"], 0)
    assert not heads_collective(["C8°", "doanh", "thu"], 0)


def test_words_read_on_from_a_name_with_one_slip_or_run_together():
    assert any(node.whole for node in name_nodes(["Sở", "Khoa", "hocva", "Công", "nghệ"]))
    assert any(node.whole for node in name_nodes(["C6ng", "an", "tinh"]))
    assert not name_nodes(["Hỗ", "trợ", "doanh", "nghiệp"])
