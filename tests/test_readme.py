"""The README's Python API example runs as written, so the docs cannot rot."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "README's Python API section has no python code block"
    return match.group(1)


def test_readme_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = readme_example().replace('Path("out")', f"Path({str(tmp_path / 'out')!r})")
    monkeypatch.chdir(ROOT)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    printed = output.getvalue()
    assert printed.startswith("49/KH-UBND Kế hoạch 2025-08-28\n")
    assert "ỦY BAN NHÂN DÂN TỈNH BẮC NINH | TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH" in printed
    assert "thực hiện Quyết định 1322/QĐ-TTg 2020-08-31" in printed
    assert (tmp_path / "out" / "plan-49.md").read_text(encoding="utf-8").startswith("**")
    assert (tmp_path / "out" / "plan-49.json").stat().st_size > 0
