from pathlib import Path

import pytest

from sohoa.batch.manifest import Manifest
from sohoa.errors import SohoaError


def test_rows_survive_reopening_and_record_done_and_failed(tmp_path: Path) -> None:
    with Manifest(tmp_path) as manifest:
        manifest.start("/in/a.pdf", "a", 10, 1, "{}")
        manifest.start("/in/b.pdf", "b", 20, 2, "{}")
        manifest.start("/in/c.pdf", "c", 30, 3, "{}")
        manifest.finish(
            "/in/a.pdf", "ab12", 2, 1.5, 1.2, ["a.txt"], {"output": "a", "so_hieu": "1/KH"}
        )
        manifest.fail("/in/b.pdf", "/in/b.pdf: not a PDF", None, 0.1)
    with Manifest(tmp_path) as manifest:
        done = manifest.get("/in/a.pdf")
        assert done and done.status == "done" and done.pages == 2 and done.outputs == ["a.txt"]
        assert done.catalog == {"output": "a", "so_hieu": "1/KH"} and done.sha256 == "ab12"
        failed = manifest.get("/in/b.pdf")
        assert failed and failed.status == "failed" and failed.error == "/in/b.pdf: not a PDF"
        assert [e.output for e in manifest.entries("running")] == ["c"]


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with Manifest(tmp_path), pytest.raises(SohoaError, match="another sohoa run"):
        Manifest(tmp_path)
    Manifest(tmp_path).close()  # free again once the first run ends
