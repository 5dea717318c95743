"""Learning a user model from reviewers' corrections, and converting with it (real CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli

from sohoa.corpus.learn import (
    UserModel,
    learn_user_model,
    load_user_model,
    save_user_model,
    stack_user_model,
)
from sohoa.corpus.model import SEP, load_model_file
from sohoa.errors import InputError
from sohoa.normalize.restore import load_model, restore_text
from sohoa.normalize.user_model import load_restorer

# One commune's documents: the reviewed one (typed without marks) and its truth ...
REVIEWED = (
    "Uy ban nhan dan xa Quynh Luu phoi hop voi Hop tac xa Thach Quy trien khai ke hoach "
    "tai thon My Loc.\nOng Tran Van Quy, Chu tich xa Quynh Luu, chu tri hoi nghi tai thon "
    "My Loc.\nHop tac xa Thach Quy bao cao theo Cong van so 12/SNN-KHTC.\n"
)
REVIEWED_TRUTH = (
    "Ủy ban nhân dân xã Quỳnh Lưu phối hợp với Hợp tác xã Thạch Quỳ triển khai kế hoạch "
    "tại thôn Mỹ Lộc.\nÔng Trần Văn Quý, Chủ tịch xã Quỳnh Lưu, chủ trì hội nghị tại thôn "
    "Mỹ Lộc.\nHợp tác xã Thạch Quỳ báo cáo theo Công văn số 12/SNN-KHTC.\n"
)
# ... and another document of the same commune, never reviewed.
OTHER = "Thon My Loc va xa Quynh Luu da hoan thanh ke hoach cua Hop tac xa Thach Quy.\n"
OTHER_TRUTH = "Thôn Mỹ Lộc và xã Quỳnh Lưu đã hoàn thành kế hoạch của Hợp tác xã Thạch Quỳ."


def review(json_path: Path, truth: str) -> Path:
    """What a reviewer saves from the report: a correction for every word that is wrong."""
    document = json.loads(json_path.read_text(encoding="utf-8"))
    words = [
        (p["number"], i, w["text"]) for p in document["pages"] for i, w in enumerate(p["words"])
    ]
    right = truth.split()
    assert len(words) == len(right)
    items = [
        {"kind": "word", "decision": "typed", "page": page, "word": i, "old": text, "new": new}
        for (page, i, text), new in zip(words, right, strict=True)
        if text != new
    ]
    assert items, "the shipped model gets every word right: nothing to learn from"
    items.append({"kind": "metadata", "field": "nguoi_ky.ho_ten", "old": "", "new": "Trần Văn Quý"})
    path = json_path.with_name(json_path.name.replace(".json", ".corrections.json"))
    data = {
        "format": "sohoa-corrections",
        "version": 1,
        "document": {"source": document["source"], "sha256": document["sha256"], "output": "a"},
        "reviewer": "Hoa",
        "saved_at": "2026-12-06T05:00:00Z",
        "corrections": items,
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user model learned by `corpus learn` from one reviewed document."""
    folder = tmp_path_factory.mktemp("learn")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text(REVIEWED, encoding="utf-8")
    done = run_cli("convert", str(folder / "in"), "-o", str(folder / "out"), "--formats", "json")
    assert done.returncode == 0, done.stderr
    review(folder / "out" / "a.json", REVIEWED_TRUTH)
    done = run_cli("corpus", "learn", str(folder / "out"), "-o", str(folder / "user"))
    assert done.returncode == 0, done.stderr
    assert "1 reviewed documents" in done.stdout
    return folder / "user"


def test_the_same_error_in_another_document_is_fixed(learned: Path, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    before = run_cli("convert", str(tmp_path / "in"), "-o", str(out), "--formats", "txt,json")
    assert before.returncode == 0, before.stderr
    shipped = (out / "b.txt").read_text(encoding="utf-8").strip()
    assert shipped != OTHER_TRUTH  # the shipped model alone gets the commune's names wrong
    again = run_cli("convert", str(tmp_path / "in"), "-o", str(out), "--formats", "txt,json")
    assert "1 skipped" in again.stdout + again.stderr
    after = run_cli(
        "convert", str(tmp_path / "in"), "-o", str(out), "--formats", "txt,json",
        "--user-model", str(learned),
    )  # fmt: skip
    assert after.returncode == 0, after.stderr
    assert "1 converted" in after.stdout + after.stderr  # another user model: redone
    assert (out / "b.txt").read_text(encoding="utf-8").strip() == OTHER_TRUTH
    document = json.loads((out / "b.json").read_text(encoding="utf-8"))
    recorded = document["provenance"]["user_model"]
    assert recorded["path"].endswith("user-model.json") and len(recorded["sha256"]) == 64
    restored = run_cli("restore", str(tmp_path / "in" / "b.txt"), "--user-model", str(learned))
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.strip() == OTHER_TRUTH


def test_correct_text_stays_unchanged_with_the_user_model(learned: Path) -> None:
    restorer = load_restorer(None, learned)
    for text in (OTHER_TRUTH, REVIEWED_TRUTH, "Căn cứ Nghị định số 30/2020/NĐ-CP, hoà bình."):
        assert restore_text(text, restorer) == (text, [])


def test_learned_edits_have_calibrated_confidences_below_one(learned: Path) -> None:
    _, edits = restore_text(OTHER, load_restorer(None, learned))
    assert edits and all(0.0 < e.confidence <= 1.0 for e in edits)
    assert all(e.reason == "restore" for e in edits)


def test_the_user_model_holds_readings_ngrams_and_codes(learned: Path) -> None:
    user = load_user_model(learned)
    assert user.documents[0]["corrected"] > 0 and user.documents[0]["profile"] == "plain"
    assert user.readings["plain"]["quy"] == {"quỳ": 2, "quý": 1}
    assert user.ngrams[SEP.join(["xã", "thạch", "quỳ"])] == 2
    assert user.ngrams[SEP.join(["trần", "văn", "quý"])] == 2  # the text and the signer field
    assert user.lexicon["quỳnh"] == 2
    assert {"SNN", "KHTC"} <= set(user.codes)
    channel = user.channel("plain")["quy"]
    assert [s for s, _ in channel] == ["quý", "quỳ"] and all(c > 0 for _, c in channel)


def test_stacking_leaves_the_shipped_model_as_it_is(learned: Path) -> None:
    shipped = load_model_file()
    before = shipped.logprob("xã", "thạch", "quỳ")
    stacked = stack_user_model(shipped, load_user_model(learned))
    assert stacked.logprob("xã", "thạch", "quỳ") > before  # raised by the reviewed text
    assert shipped.logprob("xã", "thạch", "quỳ") == before  # the cached model untouched
    assert stacked.logprob("kế", "hoạch", "của") == shipped.logprob("kế", "hoạch", "của")
    assert "SNN" in stacked.codes and "SNN" not in load_model().model.codes
    # the shipped model's in-domain LM has the shipped n-grams only: the stacked has none
    assert shipped.in_domain() is not None and stacked.in_domain() is None


def test_learning_adds_to_a_user_model_each_file_once(learned: Path, tmp_path: Path) -> None:
    user = load_user_model(learned)
    first = Path(user.documents[0]["corrections"])
    again = learn_user_model([first], user=user)
    assert len(again.documents) == 1 and again.skipped[-1]["why"] == "already learned from"
    assert again.readings["plain"]["quy"]["quỳ"] == 2
    other = tmp_path / "a.corrections.json"  # the same words, reviewed again by another
    data = json.loads(first.read_text(encoding="utf-8"))
    other.write_text(json.dumps({**data, "reviewer": "Lan"}), encoding="utf-8")
    (tmp_path / "a.json").write_bytes(first.with_name("a.json").read_bytes())
    twice = learn_user_model([other], user=again)
    assert len(twice.documents) == 2 and twice.readings["plain"]["quy"]["quỳ"] == 4
    save_user_model(twice, tmp_path / "user")
    assert load_user_model(tmp_path / "user").readings == twice.readings


def test_corrections_of_another_version_of_the_input_are_skipped(
    learned: Path, tmp_path: Path
) -> None:
    first = Path(load_user_model(learned).documents[0]["corrections"])
    data = json.loads(first.read_text(encoding="utf-8"))
    data["document"]["sha256"] = "0" * 64
    (tmp_path / "a.corrections.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "a.json").write_bytes(first.with_name("a.json").read_bytes())
    user = learn_user_model([tmp_path])
    assert not user.documents and "another version" in user.skipped[0]["why"]
    assert user.summary().endswith("1 corrections files skipped")


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli("corpus", "learn", str(empty), "-o", str(tmp_path / "user"))
    assert done.returncode == 1 and "holds no *.corrections.json" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    lonely = empty / "x.corrections.json"
    lonely.write_text('{"format": "sohoa-corrections", "corrections": []}', encoding="utf-8")
    done = run_cli("corpus", "learn", str(empty), "-o", str(tmp_path / "user"))
    assert done.returncode == 1 and "has no JSON output beside it" in done.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "user-model.json").write_text("{", encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    done = run_cli(
        "convert", str(tmp_path / "b.txt"), "-o", str(tmp_path / "out"), "--user-model", str(broken)
    )
    assert done.returncode == 2 and "is not a readable user model" in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(InputError, match="not a user model"):
        (broken / "user-model.json").write_text('{"format": "other"}', encoding="utf-8")
        load_user_model(broken)
    assert UserModel().summary().startswith("0 reviewed documents")


def test_the_settings_fingerprint_follows_the_user_model(learned: Path, tmp_path: Path) -> None:
    from sohoa.batch.runner import settings_fingerprint
    from sohoa.settings import Settings

    plain = settings_fingerprint(Settings())
    assert "user_model" not in plain  # without one, manifests of earlier runs still hold
    with_model = settings_fingerprint(Settings(user_model=learned))
    assert with_model != plain
    assert settings_fingerprint(
        Settings(user_model=learned, restore=False)
    ) == settings_fingerprint(
        Settings(restore=False)
    )  # not restoring: the user model changes nothing
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "user-model.json").write_bytes((learned / "user-model.json").read_bytes())
    assert settings_fingerprint(Settings(user_model=copy)) == with_model  # same content
    changed = load_user_model(learned)
    changed.ngrams["x"] = 1
    save_user_model(changed, copy)
    assert settings_fingerprint(Settings(user_model=copy)) != with_model
