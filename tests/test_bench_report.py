"""The benchmark's report: results of separate runs merged, and the growth from one N to the next."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from conftest import bench_module

run = bench_module("run")


def _results_file(path: Path, commit: str, command: str, sizes: dict[int, tuple[float, float]]) -> Path:
    env = {
        "date": "2026-12-01",
        "commit": commit,
        "machine": "2 cores",
        "python": "3.11",
        "pelican": "4.12.0",
        "markdown": "3.11",
        "feedgen": "1.0.0",
        "command": command,
    }
    results = [
        run.SizeResult(
            n=n,
            seed=0,
            steps={
                name: run.Step(name, "ok", seconds=seconds, cpu_seconds=seconds, peak_rss_mib=mib)
                for name in ("import", "ours cold build")
            },
        )
        for n, (seconds, mib) in sizes.items()
    ]
    path.write_text(json.dumps({"env": env, "results": [asdict(r) for r in results]}), encoding="utf-8")
    return path


def test_runs_are_merged_by_size_and_report_their_growth(tmp_path: Path, capsys) -> None:
    small = _results_file(
        tmp_path / "a.json", "abc", "run.py --sizes 1000 10000", {1000: (2.0, 50), 10000: (10.0, 300)}
    )
    large = _results_file(tmp_path / "b.json", "abc", "run.py --sizes 50000", {50000: (60.0, 1200)})
    out = tmp_path / "RESULTS.md"

    assert run.main(["--from-json", str(large), str(small), "--write-results", str(out)]) == 0

    text = out.read_text(encoding="utf-8")
    assert "commit `abc`," in text  # the same commit is named once
    assert "with `run.py --sizes 50000` and `run.py --sizes 1000 10000`." in text
    growth = text.split("## Growth", 1)[1].split("##", 1)[0]
    assert "| 1,000 → 10,000 | ×10.0 | import | 2.0 → 10.0 | ×5.0 | 50 → 300 | ×6.0 |" in growth
    assert "| 10,000 → 50,000 | ×5.0 | ours cold build | 10.0 → 60.0 | ×6.0 | 300 → 1200 | ×4.0 |" in growth
    assert "×5.0" in capsys.readouterr().out  # printed too


def test_a_single_size_has_no_growth_table(tmp_path: Path) -> None:
    only = _results_file(tmp_path / "a.json", "abc", "run.py --sizes 1000", {1000: (2.0, 50)})
    out = tmp_path / "RESULTS.md"
    assert run.main(["--from-json", str(only), "--write-results", str(out)]) == 0
    assert "## Growth" not in out.read_text(encoding="utf-8")
