"""The suite's fast default: tests marked ``slow`` (whole drapes of real garments, photo benchmarks,
the browser) run only with ``--run-slow``, as the README's test command and CI do."""

import pytest


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
