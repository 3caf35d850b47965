"""CI: after `make publish` in a project copy, every seed is published and has its page."""

import json
import sys
from pathlib import Path

project = Path(sys.argv[1])
report = json.loads((project / "import-report.json").read_text(encoding="utf-8"))
seeds = sorted(p.name for p in (project / "seeds").iterdir())
published = {Path(e["seed"]).name: e for e in report["published"]}
print(f"ci: make publish with {len(seeds)} seeds published {len(published)} articles")
missing = [s for s in seeds if s not in published]
if missing:
    sys.exit(f"ci: not published: {missing}")
for name, entry in sorted(published.items()):
    if not (project / "output" / entry["url"] / "index.html").is_file():
        sys.exit(f"ci: no page for {name} at /{entry['url']}")
