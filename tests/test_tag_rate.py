"""bench/tag_rate.py: articles tagged per CPU second, and the dump that proves a change kept the tags."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import bench_module


def test_the_rate_is_printed_and_every_article_dumped(tmp_path: Path, capsys) -> None:
    tag_rate = bench_module("tag_rate")
    dump = tmp_path / "tags.json"
    assert tag_rate.main(["--n", "3", "--repeat", "2", "--dump", str(dump)]) == 0
    out = capsys.readouterr().out
    assert "22 articles (3 generated, seed 0), 2 passes" in out
    assert re.search(r"cpu\s+articles/s: best\s+\d+\s+median\s+\d+", out)
    tags = json.loads(dump.read_text(encoding="utf-8"))
    assert len(tags) == 22 and {"article", "country_codes", "officials", "aliases"} <= set(tags[0])
