"""Collective agency names misread by old OCR, spelt as the grammar has them."""

from __future__ import annotations

from sohoa.extract.collective_names import spell_collectives
from sohoa.extract.interleaved import repair_cells
from sohoa.model import Table, TableRow


def test_a_collectives_misread_words_are_spelt_as_the_list_goes_on():
    assert spell_collectives("Các sở, ban, qgénh, các UBND cấp xã") == (
        "Các sở, ban, ngành, các UBND cấp xã"
    )
    assert spell_collectives("Các s, ban, ngành, các UBND cấp xã") == (
        "Các sở, ban, ngành, các UBND cấp xã"
    )
    assert spell_collectives("CE}C S0, ban, nﬂgant}, cac UBND cap xa") == (
        "Các Sở, ban, ngành, cac UBND cap xa"
    )
    assert spell_collectives("Các cơ quan, đơn vj liên quan") == "Các cơ quan, đơn vị liên quan"


def test_words_read_as_syllables_and_doubtful_readings_are_left_as_read():
    assert spell_collectives("Cac so, ban, nganh") == "Cac so, ban, nganh"  # the restorer's
    assert spell_collectives("C4c €0 80 gido duc") == "C4c €0 80 gido duc"  # nothing read
    assert spell_collectives("Các sở, ban, pge‘mh,") == "Các sở, ban, pge‘mh,"  # three apart
    assert spell_collectives("CE}C t0, ban") == "CE}C t0, ban"  # "tổ" or "sở": one word right


def test_the_partner_cell_of_a_restored_table_is_spelt_and_logged():
    table = Table(
        columns=["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        rows=[
            TableRow(
                cells=[
                    "4.8",
                    "Ap dung thi diem cac cong cu quan ly tien tien.",
                    "Sở Khoa học và Công nghệ",
                    "Các sở, ban, qgénh, các UBND cấp xã",
                    "2027-2030",
                ]
            )
        ],
        source="flattened",
        confidence=0.3,
    )
    edits = repair_cells(table, [2, 3], 0, spell_known=True)
    assert table.rows[0].cells[3] == "Các sở, ban, ngành, các UBND cấp xã"
    assert [(e.original, e.result) for e in edits] == [
        ("Các sở, ban, qgénh, các UBND cấp xã", "Các sở, ban, ngành, các UBND cấp xã")
    ]
