import json
from pathlib import Path

import pytest

from sohoa.normalize.calibration import (
    Calibration,
    fit_isotonic,
    load_calibration,
    save_calibration,
)


def test_isotonic_fit_never_falls_and_is_never_certain() -> None:
    points = [(0.35, False), (0.4, True), (0.5, False), (0.55, False), (0.7, True)]
    points += [(0.8, True), (0.9, False), (0.95, True), (0.99, True), (1.0, True)]
    calibration = fit_isotonic(points)
    values = [calibration(x / 100) for x in range(0, 101)]
    assert values == sorted(values)
    assert values[0] > 0.0 and values[-1] < 1.0
    assert calibration(0.3) < calibration(0.99)


def test_isotonic_fit_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        fit_isotonic([])


def test_calibration_round_trips_and_a_missing_file_is_none(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    save_calibration(Calibration((0.5, 1.0), (0.4, 0.95)), path, {"edits": 10})
    assert json.loads(path.read_text(encoding="utf-8"))["edits"] == 10
    assert load_calibration(path) == Calibration((0.5, 1.0), (0.4, 0.95))
    assert load_calibration(tmp_path / "none.json") is None


def test_the_shipped_restorer_gives_edits_and_alternatives_real_probabilities() -> None:
    from sohoa.normalize.restore import load_model, restore_text

    restorer = load_model()
    assert restorer.calibration is not None  # corpus/data/restorer-calibration.json
    _, edits = restore_text("Tang cuong cong tac do luong tai dia phuong", restorer)
    assert edits
    for edit in edits:
        assert 0.0 < edit.confidence < 1.0
        others = sum(a.score for a in edit.alternatives)
        assert others <= 1.0 - edit.confidence + 1e-3
    assert any(a.score > 0.0 for edit in edits for a in edit.alternatives)


def test_a_profile_fitted_apart_keeps_its_own_map(tmp_path) -> None:
    from sohoa.normalize.calibration import fit_isotonic, load_calibration, save_calibration

    main = fit_isotonic([(0.95, True)] * 19 + [(0.95, False)])
    legacy = fit_isotonic([(0.95, True)] * 7 + [(0.95, False)] * 3)
    main.profiles["eng-legacy"] = legacy
    path = tmp_path / "calibration.json"
    save_calibration(main, path, {"edits": 30})
    loaded = load_calibration(path)
    assert loaded is not None
    assert loaded.for_profile("eng-legacy")(0.95) < loaded.for_profile("eng")(0.95)
    assert loaded.for_profile("vie") is loaded


def test_edits_of_a_kind_fitted_apart_keep_their_own_map(tmp_path) -> None:
    from sohoa.normalize.calibration import edit_kind, fit_by_kind

    assert edit_kind("Va") == "capital" and edit_kind("HOA") == "capital"
    assert edit_kind("va") == "short" and edit_kind("cong") == "word"
    # capitalised words right half the time at the top score, lower-case ones nearly always
    points = [(1.0, True, "word")] * 190 + [(1.0, False, "word")] * 10
    points += [(1.0, True, "capital")] * 60 + [(1.0, False, "capital")] * 60
    points += [(1.0, True, "short")] * 5  # too few to be fitted apart
    calibration = fit_by_kind(points)
    assert set(calibration.kinds) == {"word", "capital"}
    assert calibration(1.0, "capital") < 0.6 < 0.9 < calibration(1.0, "word")
    assert calibration(1.0, "short") == calibration(1.0)  # the pooled map
    main = fit_by_kind(points)
    main.profiles["eng-legacy"] = fit_by_kind(points[:200] + points[200:260])
    path = tmp_path / "calibration.json"
    save_calibration(main, path, {"edits": len(points)})
    loaded = load_calibration(path)
    assert loaded is not None
    for name, mapped in main.all_maps().items():
        assert loaded.all_maps()[name] == mapped
    legacy = loaded.for_profile("eng-legacy")
    assert legacy(1.0, "capital") > main(1.0, "capital")  # 60 of 60 right there
