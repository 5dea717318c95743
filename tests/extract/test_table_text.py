"""Seed 004's tab-separated appendix rows -> a budget table with records."""

from __future__ import annotations

from sohoa.pipeline import convert_document
from sohoa.settings import Settings


def test_tab_separated_rows_become_tables(seeds_dir):
    doc = convert_document(seeds_dir / "004_270c43c183b8e566.txt", Settings(restore=False))
    assert len(doc.tables) == 2
    first, second = doc.tables
    assert first.source == "tsv"
    assert first.columns[0] == "TT"
    assert first.columns[5] == "Nhu cầu kinh phí (triệu đồng)"
    assert first.kind == "phu_luc_2"
    record = first.records[0]
    assert record.stt == "1"
    assert record.co_quan_chu_tri == "Sở Khoa học và Công nghệ"
    assert record.kinh_phi.tong == 48259  # "48.259"
    # columns no record field takes are kept, never lost
    assert set(record.extra) == {"Dự kiến kết quả đạt được", "Nguồn kinh phí"}
    assert record.extra["Dự kiến kết quả đạt được"].startswith("20 chuẩn")
    totals = [r for r in first.records if r.tong_cong]
    assert [t.kinh_phi.tong for t in totals] == [48259, 4885]
    assert first.validation.ok and first.validation.checked == 2
    assert second.records[-1].kinh_phi.tong == 6365  # "Tổng cộng … 6.365"
    assert second.validation.ok


def test_a_notice_laid_out_with_tabs_has_no_table(tmp_path):
    """The national header block and tab-indented paragraphs are not tables."""
    notice = tmp_path / "thong_bao.txt"
    notice.write_text(
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\tx\n"
        "TỈNH BẮC NINH\tĐộc lập - Tự do - Hạnh phúc\n"
        "\tSố: 12/TB-UBND\tBắc Ninh, ngày 3 tháng 4 năm 2026\n"
        "THÔNG BÁO\n"
        "Kết luận\tcủa Chủ tịch\tUBND tỉnh\n"
        "\tNgày 1 tháng 4 năm 2026, Chủ tịch UBND tỉnh chủ trì buổi làm việc với các sở.\n"
        "\tSau khi nghe báo cáo và ý kiến của các đại biểu, Chủ tịch UBND tỉnh kết luận.\n"
        "\tCác sở, ngành hoàn thành việc số hóa hồ sơ trước ngày 30 tháng 6 năm 2026.\n",
        encoding="utf-8",
    )
    doc = convert_document(notice, Settings(restore=False))
    assert doc.tables == []
    assert "Sau khi nghe báo cáo" in doc.text()


def test_section_headings_without_tabs_stay_in_their_table(tmp_path):
    """ "I. …" lines between tab-separated rows are section rows of one table, not the
    ends of several."""
    plan = tmp_path / "ke_hoach.txt"
    plan.write_text(
        "Phụ lục II\n"
        "DỰ TOÁN KINH PHÍ THỰC HIỆN\n"
        "STT\tNội dung\tTổng kinh phí\tNăm 2022\tNăm 2023\n"
        "I. Quản lý chất thải rắn\n"
        "1\tĐẩy mạnh giáo dục nghề nghiệp\t9.600\t3.000\t6.600\n"
        "2\tKiện toàn phổ biến, giáo dục pháp luật\t7.820\t5.600\t2.220\n"
        "II. Cải cách hành chính\n"
        "3\tTriển khai phổ biến, giáo dục pháp luật\t3.022\t-\t3.022\n"
        "Nơi nhận:\n",
        encoding="utf-8",
    )
    doc = convert_document(plan, Settings(restore=False))
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert [r.section for r in rows] == [
        "I. Quản lý chất thải rắn",
        None,
        None,
        "II. Cải cách hành chính",
        None,
    ]
    assert [r.cells[0] for r in rows if r.cells] == ["1", "2", "3"]
