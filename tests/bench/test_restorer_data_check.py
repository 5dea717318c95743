"""bench/restorer_data_check.py: a rebuilt data folder is compared with corpus/data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from restorer_data_check import FILES  # bench/ is on the path (conftest)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "restorer_data_check.py"


def check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(folder)], capture_output=True, text=True, check=False
    )


def test_a_faithful_rebuild_is_reproduced_and_a_changed_map_is_not(tmp_path: Path) -> None:
    for name in FILES:
        shutil.copyfile(ROOT / "corpus" / "data" / name, tmp_path / name)
    run = check(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1] == "REPRODUCED"
    path = tmp_path / "restorer-calibration.json"
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["profiles"]["eng-legacy"]["kinds"]["capital"]["probs"][-1] -= 0.25
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "channel-vie.tsv").unlink()
    run = check(tmp_path)
    assert run.returncode == 1
    assert "largest difference in probability 0.2500" in run.stdout
    assert "channel-vie.tsv: not built" in run.stdout
    assert run.stdout.splitlines()[-1] == "DIFFERENT: channel-vie.tsv, restorer-calibration.json"
