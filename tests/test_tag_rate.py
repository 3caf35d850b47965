"""bench/tag_rate.py: articles tagged per CPU second, and the dump that proves a change kept the tags."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load():
    spec = importlib.util.spec_from_file_location("tag_rate", BENCH / "tag_rate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rate_is_printed_and_every_article_dumped(tmp_path: Path, capsys) -> None:
    tag_rate = _load()
    dump = tmp_path / "tags.json"
    assert tag_rate.main(["--n", "3", "--repeat", "2", "--dump", str(dump)]) == 0
    out = capsys.readouterr().out
    assert "22 articles (3 generated, seed 0), 2 passes" in out
    assert re.search(r"cpu\s+articles/s: best\s+\d+\s+median\s+\d+", out)
    tags = json.loads(dump.read_text(encoding="utf-8"))
    assert len(tags) == 22 and {"article", "country_codes", "officials", "aliases"} <= set(tags[0])
