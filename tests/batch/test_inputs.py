"""Which files a batch takes, what it passes over (and why), and the output stem of each."""

import os
import socket
from pathlib import Path

import pytest

from sohoa.batch.inputs import find_inputs
from sohoa.errors import SetupError


def make_files(folder: Path, names: list[str]) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")


def test_folders_are_walked_with_globs_outdir_and_hidden_files_skipped(tmp_path: Path) -> None:
    make_files(tmp_path, ["a.pdf", "sub/b.TXT", "sub/notes.md", ".hidden.txt", "out/a.txt"])
    make_files(tmp_path, ["x/y/z.docx"])
    found = find_inputs([tmp_path], tmp_path / "out")
    assert [i.output for i in found.files] == ["a", "sub/b", "x/y/z"]
    assert [(s.path.name, s.kind) for s in found.skipped] == [("notes.md", "unsupported")]
    found = find_inputs([tmp_path], tmp_path / "out", include=("sub/*",), exclude=("*.md",))
    assert [i.output for i in found.files] == ["sub/b"]
    assert found.skipped == []  # files the user's globs leave out are not "unsupported"


def test_inputs_sharing_a_stem_keep_their_extension_and_repeats_are_dropped(
    tmp_path: Path,
) -> None:
    make_files(tmp_path / "in", ["a.pdf", "a.txt", "b.txt"])
    found = find_inputs([tmp_path / "in", tmp_path / "in" / "b.txt"], tmp_path / "out")
    assert [i.output for i in found.files] == ["a.pdf", "a.txt", "b"]


def test_inputs_from_two_roots_with_one_name_get_their_root_in_front(tmp_path: Path) -> None:
    make_files(tmp_path / "c", ["2023/QD-01.txt", "2024/QD-01.txt", "2024/QD-02.txt"])
    roots = [tmp_path / "c" / "2023", tmp_path / "c" / "2024"]
    found = find_inputs(roots, tmp_path / "out")
    assert [i.output for i in found.files] == ["2023/QD-01", "2024/QD-01", "QD-02"]


def test_same_named_files_named_on_the_command_line_and_case_clashes_stay_apart(
    tmp_path: Path,
) -> None:
    make_files(tmp_path, ["x/kh.txt", "y/kh.txt", "z/docs/KH.txt", "w/docs/kh.txt"])
    files = [tmp_path / p for p in ["x/kh.txt", "y/kh.txt", "z/docs/KH.txt", "w/docs/kh.txt"]]
    outputs = [i.output for i in find_inputs(files, tmp_path / "out").files]
    assert outputs == ["x/kh", "y/kh", "docs/KH", "docs/kh-2"]
    assert len({o.casefold() for o in outputs}) == len(outputs)


def test_a_stem_owned_in_the_manifest_by_another_input_is_not_taken(tmp_path: Path) -> None:
    make_files(tmp_path, ["2023/QD-01.txt", "2024/QD-01.txt"])
    owner = str((tmp_path / "2023" / "QD-01.txt").resolve())
    found = find_inputs([tmp_path / "2024"], tmp_path / "out", taken={"qd-01": owner})
    assert [i.output for i in found.files] == ["2024/QD-01"]
    found = find_inputs([tmp_path / "2023"], tmp_path / "out", taken={"qd-01": owner})
    assert [i.output for i in found.files] == ["QD-01"]  # its own stem


def test_an_input_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    make_files(tmp_path / "d", ["scan.pdf", "kh49.txt"])
    with pytest.raises(SetupError, match="holds the input"):
        find_inputs([tmp_path / "d"], tmp_path / "d")
    with pytest.raises(SetupError, match="choose an output folder that holds no input"):
        find_inputs([tmp_path / "d" / "scan.pdf"], tmp_path / "d")
    assert [i.output for i in find_inputs([tmp_path / "d"], tmp_path / "d" / "out").files] == [
        "kh49",
        "scan",
    ]


def test_a_missing_input_path_is_a_setup_error(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="input not found"):
        find_inputs([tmp_path / "nope.pdf"], tmp_path / "out")


def test_links_loops_fifos_sockets_and_old_outputs_are_skipped_with_a_reason(
    tmp_path: Path,
) -> None:
    root = tmp_path / "in"
    make_files(root, ["good.txt", "sub/inner.pdf", "old-run/manifest.sqlite", "old-run/a.txt"])
    (root / "sub" / "up").symlink_to("..")  # a folder loop
    (root / "self.pdf").symlink_to("self.pdf")  # a link to itself
    (root / "gone.pdf").symlink_to("nowhere.pdf")
    (root / "alias.txt").symlink_to("good.txt")  # the same file twice: taken once
    os.mkfifo(root / "pipe.pdf")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / "sock.txt"))
        found = find_inputs([root], tmp_path / "out")
    assert [i.output for i in found.files] == ["good", "sub/inner"]
    reasons = {s.path.name: (s.kind, s.reason) for s in found.skipped}
    assert reasons == {
        "gone.pdf": ("unreadable", "broken symbolic link"),
        "old-run": ("sohoa output", "an earlier sohoa output folder"),
        "pipe.pdf": ("unsupported", "not a regular file: a FIFO (named pipe)"),
        "self.pdf": ("unreadable", "symlink loop"),
        "sock.txt": ("unsupported", "not a regular file: a socket"),
        "up": ("unreadable", "symlink loop: this folder is already being walked"),
    }


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_skipped(tmp_path: Path) -> None:
    make_files(tmp_path / "in", ["a.txt", "locked/b.txt"])
    (tmp_path / "in" / "locked").chmod(0)
    try:
        found = find_inputs([tmp_path / "in"], tmp_path / "out")
    finally:
        (tmp_path / "in" / "locked").chmod(0o755)
    assert [i.output for i in found.files] == ["a"]
    assert [(s.path.name, s.kind) for s in found.skipped] == [("locked", "unreadable")]
