"""Whole lines of specks inside the task cells of old-OCR tables (extract/cell_lines)."""

from __future__ import annotations

from old_ocr_tables import BUDGET_RULED_ACROSS, document_of_text

from sohoa.corpus.model import RestorerModel
from sohoa.extract.cell_lines import CONFIDENCE_LINE, junk_line, move_junk_lines
from sohoa.extract.cell_noise import REASON
from sohoa.model import Table, TableRow

# syllables of a lexicon, keyed as the restorer's are (marks away, lower case)
SYLLABLES = """xay dung phong su tuyen truyen ve pho bien giao duc phap luat cho nguoi dan
a an ge le eo co so"""
LEXICON = RestorerModel(syllables={key: [(key, -5.0)] for key in SYLLABLES.split()}).reads_as_word


def line(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def test_a_short_line_of_no_word_is_junk():
    """ "mn ge": two letters of no syllable beside a syllable of two; "A aes", "eo wn eux":
    three letters the lexicon reads as no word."""
    for junk in ("mn ge", "A aes", "eo wn eux", "wa Saar", 'epee "'):
        assert junk_line(line(junk), LEXICON), junk


def test_a_line_holding_a_word_a_digit_or_a_name_is_no_junk():
    for kept in (
        "cơ sở.",  # syllables of two letters, no speck
        "cơ sở q",  # one speck in three tokens
        "Sở x",  # a word of an agency's name
        "2 wa",  # a digit: numbers are never specks here
        "8 S@Gidoducva|",  # a sign inside a word: a garbled one
        "mn phap luat",  # "luật": a word of the lexicon
        "A",  # one token: cell_noise weighs it
        "mn ge mn ge ge",  # five tokens: no short line
    ):
        assert not junk_line(line(kept), LEXICON), kept


def test_without_the_lexicon_three_letters_are_a_word():
    assert junk_line(line("mn ge"), None)
    assert not junk_line(line("A aes"), None)


def test_a_junk_line_among_the_lines_of_a_task_cell_goes_and_is_logged():
    """ "Xây dựng phóng sự tuyên truyền về phổ biến, giáo dục" / "A aes" / "pháp luật cho
    người dân.": the line between goes, the cell's change logged as the specks'; the same
    tokens within a line that is no junk ("la A aes") stay."""
    task = "Xay dung phong su tuyen truyen ve pho bien, giao duc A aes phap luat cho nguoi dan."
    other = "Ho tro la A aes"
    table = Table(
        columns=["TT", "Nội dung", "Đơn vị chủ trì"],
        rows=[TableRow(cells=["1", task, "So Tu phap"]), TableRow(cells=["2", other, ""])],
        source="flattened",
    )
    lines = {line("Xay dung phong su tuyen truyen ve pho bien, giao duc"), line("A aes")}
    lines |= {line("phap luat cho nguoi dan."), line("Ho tro la A aes")}
    (edit,) = move_junk_lines(table, 0, lines, LEXICON)
    cleaned = "Xay dung phong su tuyen truyen ve pho bien, giao duc phap luat cho nguoi dan."
    assert table.rows[0].cells == ["1", cleaned, "So Tu phap"]
    assert table.rows[1].cells == ["2", other, ""]
    assert (edit.original, edit.result, edit.reason) == (task, cleaned, REASON)
    assert (edit.row, edit.confidence) == (0, CONFIDENCE_LINE)
    assert move_junk_lines(table, 0, lines, None) == []  # "aes": three letters, maybe a word


def test_a_junk_line_of_a_budget_read_across_through_the_pipeline(tmp_path):
    """A speck's line "mn ge" read between the lines of row 1's task, in a budget old OCR
    read across its columns (restoring off: no lexicon, "mn" no syllable): the line goes to
    the cell's noise record; the row's other cells are as before."""
    text = BUDGET_RULED_ACROSS.replace(
        "Xay dung mo hinh diem ve Cac So, ban,\n", "Xay dung mo hinh diem ve Cac So, ban,\nmn ge\n"
    )
    doc = document_of_text(tmp_path, text)
    (table,) = doc.tables
    row = next(r for r in table.rows if r.cells and r.cells[0] == "1")
    assert row.cells[1] == "Xay dung mo hinh diem ve chuyen doi so cho doanh nghiep tai co so."
    (edit,) = [e for e in doc.edits if e.reason == REASON]
    assert (
        edit.original == "Xay dung mo hinh diem ve mn ge chuyen doi so cho doanh nghiep tai co so."
    )
