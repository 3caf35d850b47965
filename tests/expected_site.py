"""The expected site of the five samples (`tests/fixtures/expected-site/`), as Pelican's functional
tests keep theirs: `make golden` builds the samples and writes it anew, on purpose, and
`tests/test_expected_site.py` diffs every build against it, the search index's files included."""

from __future__ import annotations

import difflib
import shutil
import sys
import tempfile
from pathlib import Path

EXPECTED = Path(__file__).resolve().parent / "fixtures" / "expected-site"


def site_files(output: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path inside `output`."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def differences(built: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    """What differs, for a reader: missing, unexpected and changed files, with the first diffs."""
    missing, extra = sorted(expected.keys() - built.keys()), sorted(built.keys() - expected.keys())
    changed = sorted(name for name in built.keys() & expected.keys() if built[name] != expected[name])
    if not (missing or extra or changed):
        return []
    lines = [f"missing: {missing}", f"unexpected: {extra}", f"changed: {changed}"]
    for name in changed[:3]:
        before = expected[name].decode("utf-8", "replace").splitlines()
        after = built[name].decode("utf-8", "replace").splitlines()
        diff = difflib.unified_diff(before, after, f"expected/{name}", f"built/{name}", n=1, lineterm="")
        lines += list(diff)[:40]
    return lines


def write_expected(output: Path) -> int:
    """Replace the expected site with the files of `output`; returns how many there are."""
    files = site_files(output)
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for name, data in files.items():
        target = EXPECTED / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(files)


def main() -> int:
    from conftest import build_copy  # the same build the tests make

    with tempfile.TemporaryDirectory() as folder:
        project = build_copy(Path(folder) / "project")
        count = write_expected(project / "output")
    print(f"expected site: {count} files written to {EXPECTED.relative_to(Path.cwd())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
