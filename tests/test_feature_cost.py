"""bench/feature_cost.py: the cost of search and charts, from the CPU time of four kinds of build."""

from __future__ import annotations

import pytest
from conftest import bench_module


@pytest.fixture(scope="module")
def feature_cost():
    return bench_module("feature_cost")  # it imports run.py beside it


def test_costs_are_shares_of_the_build_with_neither_round_by_round(feature_cost) -> None:
    Build = feature_cost.Build
    builds = [
        Build("both", 1, 150.0, 30.0, 80.0, True),
        Build("charts off", 1, 140.0, 30.0, 80.0, True),
        Build("search off", 1, 110.0, 0.0, 60.0, True),
        Build("neither", 1, 100.0, 0.0, 60.0, True),
        Build("both", 2, 120.0, 25.0, 70.0, True),
        Build("charts off", 2, 110.0, 25.0, 70.0, True),
        Build("search off", 2, 90.0, 0.0, 50.0, False),  # failed: the round is left out
        Build("neither", 2, 80.0, 0.0, 50.0, True),
    ]
    shares = feature_cost.costs(builds)
    assert list(shares) == ["search", "charts", "search + charts"]
    assert [v for values in shares.values() for v in values] == pytest.approx([0.4, 0.1, 0.5])
    text = feature_cost.table(builds, 10000)
    assert "N = 10,000" in text and "+40.0%" in text and "+50.0%" in text


def test_each_configuration_turns_the_features_on_and_off(feature_cost) -> None:
    assert feature_cost.CONFIGS == {
        "both": (True, True),
        "charts off": (False, True),
        "search off": (True, False),
        "neither": (False, False),
    }
    text = feature_cost.SETTINGS.format(charts=False, search=True)
    assert '"IMPORT": False, "CHARTS": False, "SEARCH": True' in text
