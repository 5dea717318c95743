from pathlib import Path

from sohoa.inputs import find_inputs


def test_folders_are_walked_with_globs_outdir_and_hidden_files_skipped(tmp_path: Path) -> None:
    for name in ["a.pdf", "sub/b.TXT", "sub/notes.md", ".hidden.txt", "out/a.txt", "x/y/z.docx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = find_inputs([tmp_path], tmp_path / "out")
    assert [i.output for i in found] == ["a", "sub/b", "x/y/z"]
    found = find_inputs([tmp_path], tmp_path / "out", include=("sub/*",), exclude=("*.md",))
    assert [i.output for i in found] == ["sub/b"]


def test_inputs_sharing_a_stem_keep_their_extension_and_repeats_are_dropped(
    tmp_path: Path,
) -> None:
    for name in ["a.pdf", "a.txt", "b.txt"]:
        (tmp_path / name).write_text("x")
    found = find_inputs([tmp_path, tmp_path / "b.txt"], tmp_path / "out")
    assert [i.output for i in found] == ["a.pdf", "a.txt", "b"]
