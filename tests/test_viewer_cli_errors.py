"""Bad requests on the command line get one sentence and exit status 2, and write nothing."""

import pytest

from viewer.cli import main


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["turntable", "--body", "b.json", "-o", "{out}/spin.avi"], ".mp4 or .gif"),
        (["turntable", "--body", "b.json", "-o", "{out}/spin.mp4", "--frames", "1"], "at least 2 frames"),
        (["turntable", "--body", "b.json", "-o", "{out}/spin.mp4", "--heatmap", "heat"], "no 'heat' map"),
        (["demo", "--out", "{out}", "--sizes", ","], "names no size"),
        (["fit", "--body", "{out}/missing.json", "--out", "{out}"], "missing.json"),
    ],
)
def test_bad_requests_exit_2_with_a_sentence_and_write_nothing(tmp_path, capsys, argv, words):
    out = tmp_path / "out"
    status = main([part.replace("{out}", str(out)) for part in argv])
    assert status == 2
    message = capsys.readouterr().err
    assert words in message and "Traceback" not in message
    assert not out.exists() or not any(out.iterdir())


def test_an_unknown_size_names_the_sizes_the_pattern_has(tmp_path, capsys):
    import body

    body_file = tmp_path / "body.json"
    body.save_body_json(body.default_body(), body_file)
    status = main(["drape", "--body", str(body_file), "--size", "Q", "--out", str(tmp_path / "out")])
    assert status == 2
    assert "no size 'Q'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
