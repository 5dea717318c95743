from collections import Counter
from pathlib import Path

from sohoa.corpus.channel_learn import learn_channel, learn_marks, learn_rules, read_pairs

PAIRS = Counter(
    {
        ("cuwng", "cường"): 20,
        ("cuong", "cường"): 10,
        ("duong", "đường"): 30,
        ("s6", "số"): 12,
        ("so", "số"): 40,
        ("va", "và"): 50,
        ("và", "và"): 5,
        ("cac", "các"): 40,
        ("lop", "lớp"): 10,
        ("16p", "lớp"): 6,
    }
)


def test_rules_are_learned_from_differing_skeletons() -> None:
    rules = {(wrong, right): cost for wrong, right, cost in learn_rules(PAIRS)}
    assert ("6", "o") in rules
    assert ("uw", "uo") in rules or ("w", "o") in rules
    assert all(cost >= 0 for cost in rules.values())


def test_english_ocr_pairs_teach_that_tones_are_mostly_lost() -> None:
    marks = learn_marks(PAIRS)
    assert marks["tone_lost"] < marks["tone_kept"]
    assert marks["mark_lost"] < marks["mark_kept"]


def test_channel_files_are_read_and_named(tmp_path: Path) -> None:
    path = tmp_path / "channel-eng.tsv"
    lines = ["ocr\tclean\tcount"] + [f"{o}\t{c}\t{n}" for (o, c), n in PAIRS.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_pairs(path) == PAIRS
    channels = learn_channel([path])
    assert set(channels) == {"eng"}
    assert channels["eng"]["rules"] and channels["eng"]["marks"]["pairs"] == sum(PAIRS.values())


def test_another_engines_pairs_make_a_channel_of_their_own(tmp_path: Path) -> None:
    legacy = Counter({("t6", "tổ"): 9, ("véri", "với"): 7, ("lu’o’ng", "lường"): 5})
    paths = []
    for name, pairs in (("eng", PAIRS), ("eng-legacy", legacy)):
        path = tmp_path / f"channel-{name}.tsv"
        lines = ["ocr\tclean\tcount"] + [f"{o}\t{c}\t{n}" for (o, c), n in pairs.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    channels = learn_channel(paths)
    assert set(channels) == {"eng", "eng-legacy"}
    assert channels["eng-legacy"]["marks"]["pairs"] == sum(legacy.values())


def test_whole_token_readings_come_with_their_probability() -> None:
    from sohoa.corpus.channel_learn import learn_readings

    readings = learn_readings(PAIRS)
    assert dict(readings["s6"]) == {"số": 0.0}  # s6 always stood for số
    assert "và" in dict(readings["va"])
    assert "cac" in readings and all(clean != "cac" for clean, _ in readings["cac"])


def test_letter_substitutions_are_learned_by_the_marked_clean_letter() -> None:
    from sohoa.corpus.channel_learn import learn_letters

    letters = {(clean, ocr): cost for clean, ocr, cost in learn_letters(PAIRS)}
    assert ("ô", "6") in letters  # s6 = số: the 6 stood for ô, not for a plain o
    assert ("ơ", "6") in letters  # 16p = lớp
    assert ("o", "6") not in letters
    assert letters[("ô", "6")] < letters[("ơ", "6")]  # ô read as 6 in 12 of 52, ơ in 6 of 76
    assert all(cost >= 0 for cost in letters.values())


def test_the_character_channel_keeps_marks_and_tones_on_both_sides() -> None:
    from sohoa.corpus.channel_learn import learn_chars

    chars = {(clean, ocr): cost for clean, ocr, cost in learn_chars(PAIRS)}
    assert chars[("ố", "o")] < chars[("ố", "6")]  # số read as so 40 times, as s6 12
    assert chars[("à", "a")] < chars[("à", "à")]  # và mostly lost its tone
    assert ("ờ", "w") in chars and ("ớ", "6") in chars  # cuwng = cường, 16p = lớp
    assert ("o", "6") not in chars  # never seen
    assert chars[("c", "c")] == 0  # consonants kept
    assert all(cost >= 0 for cost in chars.values())
