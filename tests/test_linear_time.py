"""Every stage is linear in its input: a 2 MB seed of each hostile kind (bench/hostile_seeds.py)
is read, cleaned, tagged and rendered within a generous bound. `bench/hostile_seeds.py` prints
the figures; this only guards against a quadratic path coming back (those took minutes)."""

from __future__ import annotations

import pytest
from conftest import bench_module

BOUND_SECONDS = 10  # CPU seconds; each kind takes 0.1-4 s on a 2-core machine


hostile_seeds = bench_module("hostile_seeds")


@pytest.mark.parametrize("kind", sorted(hostile_seeds.KINDS))
def test_a_2_mb_seed_of_each_kind_is_extracted_in_bounded_time(kind: str) -> None:
    text = hostile_seeds.KINDS[kind]()
    assert 1_900_000 < len(text.encode("utf-8")) <= hostile_seeds.SIZE
    _wall, cpu, _error = hostile_seeds.extraction_seconds(text)
    assert cpu < BOUND_SECONDS, f"{kind}: {cpu:.1f} s of CPU for 2 MB"
