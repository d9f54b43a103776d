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
        (["drape", "--body", "b.json", "--material", "silk", "--out", "{out}"], "Unknown fabric 'silk'"),
        (["fit", "--body", "b.json", "--sizes", "S,Q", "--out", "{out}"], "no size 'Q'"),
        (["turntable", "--body", "b.json", "-o", "{out}/spin.gif", "--resolution", "big"], "WIDTHxHEIGHT"),
        (["turntable", "--body", "b.json", "-o", "{out}/spin.mp4", "--resolution", "1081x1350"], "even"),
        (["turntable", "--body", "b.json", "-o", "{out}/spin.mp4", "--size", "S,M"], "shows one"),
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


def test_version_comes_from_the_installed_package(capsys):
    import importlib.metadata

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"fitroom {importlib.metadata.version('fitroom')}"


def _subcommands():
    from viewer.cli import _parser

    parser = _parser()
    (subparsers,) = [action for action in parser._actions if action.dest == "command"]
    return subparsers.choices


def test_every_command_is_described_and_shows_its_defaults():
    for name, parser in _subcommands().items():
        assert parser.description and len(parser.description) > 40, f"'{name}' has no description"
        text = parser.format_help()
        for action in parser._actions:
            if action.dest == "help" or not action.option_strings:
                continue
            assert action.help, f"{name} {action.option_strings[0]} has no help"
            if action.default not in (None, False):
                assert f"(default: {action.default})" in " ".join(text.split()), (name, action.dest)


def test_the_help_lists_fabrics_maps_genders_and_chart_sizes():
    from sim.materials import MATERIALS

    commands = _subcommands()
    drape_help = " ".join(commands["drape"].format_help().split())
    assert all(name in drape_help for name in MATERIALS)
    assert "XS, S, M, L, XL, XXL" in drape_help
    turntable_help = " ".join(commands["turntable"].format_help().split())
    assert "none, strain, fabric, stress, pressure, gap" in turntable_help
    assert "female,male,neutral" in commands["body"].format_help()
