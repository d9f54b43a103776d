"""On a machine with no display, the window commands say so at once and exit 2, having done nothing."""

import sys

import pytest

from viewer.cli import main
from viewer.display import has_display


@pytest.fixture
def no_display(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


def test_view_without_a_display_says_so_and_suggests_the_file_commands(no_display, capsys):
    assert main(["view", "--device", "cpu"]) == 2
    message = capsys.readouterr().err
    assert "no display" in message and "fitroom turntable" in message and "fitroom demo" in message
    assert message.count("\n") == 1 and "Traceback" not in message


def test_demo_view_without_a_display_writes_nothing(no_display, tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--view", "--out", str(out)]) == 2
    assert "no display" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("variable", ["DISPLAY", "WAYLAND_DISPLAY"])
def test_x11_or_wayland_is_a_display(no_display, monkeypatch, variable):
    assert not has_display()
    monkeypatch.setenv(variable, ":0")
    assert has_display()
