"""The restore and corpus build commands, run as a user runs them."""

import json
from pathlib import Path

from cli_runner import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_restore_keeps_lines_and_logs_edits(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_text("KE HOACH\n\nTang cuong cong tac do luong 2026-2030\n", encoding="utf-8")
    out, log = tmp_path / "new.txt", tmp_path / "edits.jsonl"
    result = run_cli("restore", str(source), "-o", str(out), "--log", str(log))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines == ["KẾ HOẠCH", "", "Tăng cường công tác đo lường 2026-2030", ""]
    edits = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert edits[0]["original"] == "KE" and edits[0]["result"] == "KẾ"
    assert {"line", "column", "confidence", "alternatives"} <= set(edits[0])


def test_restore_reads_stdin_and_writes_stdout_with_dash(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_text("Quyet dinh so 523/QD-UBND\n", encoding="utf-8")
    piped = run_cli("restore", "-", input=source.read_text(encoding="utf-8"))
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == "Quyết định số 523/QĐ-UBND\n"
    assert piped.stderr.startswith("-: ")  # the edit count names stdin as "-"
    to_stdout = run_cli("restore", str(source), "-o", "-")
    assert to_stdout.returncode == 0 and to_stdout.stdout == piped.stdout
    assert not (tmp_path / "-").exists()
    english = run_cli("restore", "-", input="The quick brown fox jumps over the lazy dog.\n")
    assert english.returncode == 1 and english.stderr.startswith("sohoa: error: -: does not look")


def test_restore_missing_input_is_one_line_error(tmp_path: Path) -> None:
    result = run_cli("restore", str(tmp_path / "nope.txt"))
    assert result.returncode == 2  # a usage error, found before any work
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not found" in result.stderr


def test_restore_given_a_folder_a_scan_or_an_output_it_cannot_write_says_so(
    tmp_path: Path,
) -> None:
    from sohoa.corpus import scan_simulator as scans

    source = tmp_path / "old.txt"
    source.write_text("Quyet dinh so 523/QD-UBND\n", encoding="utf-8")
    pdf = scans.render_text_pdf(["Quyết định số 523/QĐ-UBND"], tmp_path / "scan.pdf")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    cases = [  # (arguments, words of the one error line)
        ([str(tmp_path)], "is a folder — restore reads one text file"),
        ([str(pdf)], "is a PDF file, not text — restore reads text; convert reads and restores"),
        ([str(source), "-o", str(tmp_path)], f"{tmp_path}: is a folder — -o takes a file name"),
        ([str(source), "-o", str(tmp_path / "a-file" / "new.txt")], "its folder"),
        ([str(source), "-o", str(tmp_path / "new.txt"), "--log", str(tmp_path / "no" / "e")],
         "make the folder or give --log another path"),
    ]  # fmt: skip
    for arguments, words in cases:
        result = run_cli("restore", *arguments)
        assert result.returncode == 2 and "Traceback" not in result.stderr, arguments
        (line,) = result.stderr.strip().splitlines()
        assert words in line and ".part" not in line, line
    assert not (tmp_path / "new.txt").exists()  # nothing written when the log cannot be


def test_restore_of_an_empty_binary_or_damaged_file_says_what_convert_says(
    tmp_path: Path,
) -> None:
    noise = bytes(range(256)) * 8  # control codes and high bytes: no text in any encoding
    cases = {  # file name, its bytes, words of the one error line
        "empty.txt": (b"", "empty.txt: is empty (0 bytes)"),
        "noise.txt": (noise, "noise.txt: unsupported file type"),
        "noise.png": (noise, "noise.png: is not a PNG image as its name says"),
    }
    for name, (data, words) in cases.items():
        (tmp_path / name).write_bytes(data)
        out = tmp_path / f"{name}.restored"
        result = run_cli("restore", str(tmp_path / name), "-o", str(out))
        assert result.returncode == 1 and "Traceback" not in result.stderr, name
        (line,) = result.stderr.strip().splitlines()
        assert words in line and "Vietnamese" not in line, line
        assert not out.exists()


def test_corpus_build_then_restore_with_that_model(tmp_path: Path, seeds_dir: Path) -> None:
    model = tmp_path / "m.pkl"
    result = run_cli(
        "corpus", "build", str(seeds_dir), "-o", str(model),
        "--exclude", str(seeds_dir / "000_2ace24eb85770306.txt"),
        "--exclude", str(seeds_dir / "002_16be85fa44299f16.txt"),
        "--exclude", str(seeds_dir / "003_cdf48d5100b823ae.txt"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "from 2 sources" in result.stdout
    source = tmp_path / "in.txt"
    source.write_text("Quyet dinh so 523/QD-UBND\n", encoding="utf-8")
    result = run_cli("restore", str(source), "--model", str(model))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Quyết định số 523/QĐ-UBND\n"


def test_corpus_build_with_missing_source_fails_cleanly(tmp_path: Path) -> None:
    result = run_cli("corpus", "build", str(tmp_path / "none.txt"), "-o", str(tmp_path / "m.pkl"))
    assert result.returncode == 1
    assert "not found" in result.stderr
    assert not (tmp_path / "m.pkl").exists()


def test_restoring_gives_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Sets iterate in hash order; ties between candidates must not depend on it."""
    import os

    source = ROOT / "corpus" / "seeds" / "003_cdf48d5100b823ae.txt"
    results = []
    for seed in ("1", "2"):
        out, log = tmp_path / f"out-{seed}.txt", tmp_path / f"edits-{seed}.jsonl"
        result = run_cli(
            "restore", str(source), "-o", str(out), "--log", str(log),
            env={**os.environ, "PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        results.append((out.read_bytes(), log.read_bytes()))
    assert results[0] == results[1]


def test_restore_of_english_text_is_one_line_error_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "memo.txt"
    source.write_text(
        "The quick brown fox jumps over the lazy dog. This is an English memo.\n", encoding="utf-8"
    )
    out = tmp_path / "restored.txt"
    result = run_cli("restore", str(source), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "memo.txt: does not look like Vietnamese" in result.stderr
    assert not out.exists()


def test_restore_leaves_correct_text_unchanged_and_normalises_tone_when_asked(
    tmp_path: Path,
) -> None:
    correct = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020.\n"
        "Sở GD&ĐT, CB-GV-NV, Quyết định 88/CP.\n"
        "Cụ thể hoá; UỶ BAN; HOÀ BÌNH.\n"
    )
    source, log = tmp_path / "t.txt", tmp_path / "e.jsonl"
    source.write_text(correct, encoding="utf-8")
    result = run_cli("restore", str(source), "--log", str(log))
    assert result.returncode == 0, result.stderr
    assert result.stdout == correct
    assert log.read_text(encoding="utf-8") == ""
    result = run_cli("restore", str(source), "--tone-style", "classic")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Cụ thể hóa; ỦY BAN; HÒA BÌNH.\n")


def test_corpus_build_mixes_in_the_in_domain_sources_it_is_given(
    tmp_path: Path, seeds_dir: Path
) -> None:
    from sohoa.corpus.model import load_model_file

    model = tmp_path / "m.pkl"
    plan = seeds_dir / "001_b2bd4cc6c0423af8.txt"
    result = run_cli(
        "corpus", "build", str(plan), str(seeds_dir / "004_270c43c183b8e566.txt"),
        "-o", str(model), "--domain", str(plan),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert load_model_file(model).in_domain() is not None
