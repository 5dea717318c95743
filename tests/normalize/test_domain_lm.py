"""normalize/domain_lm.py: which of the model's two LMs restores a document."""

from __future__ import annotations

from pathlib import Path

from sohoa.corpus.build import build_model
from sohoa.corpus.build import text_units as units
from sohoa.normalize.domain_lm import lm_for

GENERAL = "Báo cáo hàng năm của phần mềm. Bảng tính hàng năm. Bảng tính có hàm phân bố chuẩn.\n"
DOMAIN = "Ủy ban nhân dân cấp xã báo cáo hằng năm. Kinh phí phân bổ hằng năm.\n"


def test_a_document_is_restored_with_the_lm_its_reading_fits(tmp_path: Path) -> None:
    general, domain = tmp_path / "help.txt", tmp_path / "plan.txt"
    general.write_text(GENERAL * 5, encoding="utf-8")
    domain.write_text(DOMAIN * 3, encoding="utf-8")
    model = build_model([general, domain], domain=[domain], with_candidate_tables=False)
    plan = list(units("Ủy ban nhân dân cấp xã báo cáo hằng năm. Kinh phí phân bổ hằng năm."))
    help_text = list(units("Bảng tính có hàm phân bố chuẩn. Bảng tính hàng năm."))
    assert lm_for(model, plan) is model.in_domain()
    assert lm_for(model, help_text) is model
    alone = build_model([general, domain], with_candidate_tables=False)
    assert lm_for(alone, plan) is alone  # a model without an in-domain LM
