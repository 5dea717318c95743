"""The same batch on a real dask.distributed cluster gives the same outputs as a local run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from batch_helpers import ROOT, make_archive, make_scanned_archive, output_files, run_cli

distributed = pytest.importorskip("distributed", reason="install the 'dask' extra")


def make_workers_import_this_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    """From a checkout whose folder is named `sohoa`, put its parent first on the path.

    Worker processes are spawned: they take PYTHONPATH from the environment, then the
    parent's sys.path, so both get it. In CI the checkout is installed (editable) into the
    venv, which the workers see anyway. The test checks where the workers import from.
    """
    if ROOT.name == "sohoa":
        paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT.parent), *paths]))
        monkeypatch.syspath_prepend(str(ROOT.parent))


def sohoa_location() -> str:
    import sohoa

    return str(Path(sohoa.__file__).resolve().parent)


def test_dask_local_cluster_gives_the_same_outputs_as_the_local_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = make_archive(tmp_path / "archive")
    make_scanned_archive(archive / "scans", count=1)  # real page tasks (OCR) on the workers
    options = ["--dpi", "200", "--no-restore", "--formats", "txt,json"]
    local = run_cli("convert", str(archive), "-o", str(tmp_path / "local"), "--jobs", "2", *options)
    assert local.returncode == 1, local.stderr  # the corrupt PDF, in both runs

    make_workers_import_this_checkout(monkeypatch)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        where = set(client.run(sohoa_location).values())
        assert where == {str(ROOT)}, f"workers import sohoa from {where}, not {ROOT}"
        remote = run_cli(
            "convert", str(archive), "-o", str(tmp_path / "dask"),
            "--executor", "dask", "--scheduler", cluster.scheduler_address, *options,
        )  # fmt: skip
        logs = client.run(lambda dask_worker: [str(event[0]) for event in dask_worker.state.log])
        tasks_run = {key.split("-")[0] for events in logs.values() for key in events}

    assert remote.returncode == 1, remote.stdout + remote.stderr
    assert remote.stderr.count("hong.pdf") == 1
    assert output_files(tmp_path / "dask") == output_files(tmp_path / "local")
    assert len(output_files(tmp_path / "local")) == 2 * 4 + 3  # txt+json per doc, catalogue
    assert "scans/scan-1.txt" in output_files(tmp_path / "dask")
    assert {"page_task", "document_task"} <= tasks_run
