"""Shared fixtures: the project root, the gold extractions, and one real Pelican build per session.

The build runs in a temporary copy of the project whose `seeds/` holds the five samples of
`tests/fixtures/samples/`, never the editor's `seeds/`: tests hold whatever the editor has put
there. Tests never write into the real project folder (no posts, cache, output or report there).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from news_digest.site import lock

os.environ.setdefault("COLUMNS", "500")  # Pelican's log: one record a line, before it is imported
PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SAMPLES_DIR = FIXTURES / "samples"  # the five sample seeds
GOLD_DIR = FIXTURES / "samples-gold"  # their expected extraction
EXAMPLES_DIR = FIXTURES / "examples"  # fourteen real articles: raw/NN.txt and gold/NN.json

# What a build needs from the project; everything else (output/, cache/, .venv, content/posts,
# the editor's seeds/) is left behind so that the build starts from the samples, as on a fresh checkout.
_COPIED_DIRS = ("plugins", "theme")
_COPIED_FILES = ("pelicanconf.py", "publishconf.py")
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ruff_cache", ".pytest_cache")


def copy_project(dest: Path, root: Path = PROJECT_ROOT, seeds: Sequence[Path] | None = None) -> Path:
    """Copy what a Pelican build needs from `root` into `dest`, with `seeds` (default: the five
    samples) as its `seeds/`; returns `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "seeds").mkdir(exist_ok=True)
    for seed in sample_seeds() if seeds is None else seeds:
        shutil.copyfile(seed, dest / "seeds" / seed.name)
    for name in _COPIED_DIRS:
        if (root / name).is_dir():
            shutil.copytree(root / name, dest / name, ignore=_IGNORED)
    for name in _COPIED_FILES:
        if (root / name).is_file():
            shutil.copy2(root / name, dest / name)
    content = root / "content"
    if content.is_dir():
        shutil.copytree(
            content,
            dest / "content",
            ignore=lambda folder, names: [
                n for n in names if (Path(folder) == content and n == "posts") or n == "__pycache__"
            ],
        )
    else:
        (dest / "content").mkdir()
    return dest


def sample_seeds() -> list[Path]:
    """The five sample seeds (a copy of shared/seeds), in name order."""
    return sorted(SAMPLES_DIR.glob("*.txt"))


def example_seeds() -> list[Path]:
    """The fourteen real example articles (a copy of shared/examples/raw), in name order."""
    return sorted((EXAMPLES_DIR / "raw").glob("*.txt"))


def load_example_gold() -> dict[str, dict]:
    """Expected extraction of every example, keyed by its raw file name (`01.txt`)."""
    return {
        path.with_suffix(".txt").name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((EXAMPLES_DIR / "gold").glob("*.json"))
    }


def run_pelican(project: Path, *extra: str, settings: str = "pelicanconf.py") -> subprocess.CompletedProcess:
    """A real Pelican build of `project` (content -> output), in this process: Pelican's own entry
    point (`pelican.main`, what the `pelican` command runs) with the arguments `make html` gives,
    from the project folder. The output and the log are returned as a finished process would
    give them (exit code, stdout, stderr) and the log is kept in build.log."""
    from pelican import main
    from pelican.log import LimitFilter

    # Pelican drops a warning it has logged once in this process: each build starts afresh.
    LimitFilter._raised_messages.clear()
    LimitFilter._ignore.clear()
    LimitFilter._group_count.clear()
    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    args = ["content", "-o", "output", "-s", settings, *extra]
    code: int = 0
    cwd, path = os.getcwd(), list(sys.path)
    _forget_settings_modules()
    os.chdir(project)
    sys.path.insert(0, str(project))  # as `python -m pelican` has its folder first: its own settings
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(args)
    except SystemExit as stop:  # as the command exits: a message is printed, with status 1
        if isinstance(stop.code, str):
            err.write(stop.code + "\n")
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    finally:
        os.chdir(cwd)
        sys.path[:] = path
        _forget_settings_modules()
        root.removeHandler(handler)
        lock.release(project / "cache")  # held until the process ends: this one goes on
    result = subprocess.CompletedProcess(["pelican", *args], code, out.getvalue(), err.getvalue())
    (project / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return result


def _forget_settings_modules() -> None:
    """Settings files are modules (`publishconf.py` imports `pelicanconf`): each build imports
    its project's own, never one an earlier build left in `sys.modules`."""
    for name in [n for n, m in sys.modules.items() if n.endswith("conf") and _in_a_project(m)]:
        del sys.modules[name]


def _in_a_project(module: object) -> bool:
    file = getattr(module, "__file__", None) or ""
    return file.endswith("conf.py") and not file.startswith(sys.prefix)


def build_project(project: Path, *extra: str, settings: str = "pelicanconf.py") -> Path:
    """A real build of a project folder; fails the test with the log if the build fails. Returns
    the output folder."""
    result = run_pelican(project, *extra, settings=settings)
    if result.returncode != 0:
        log = f"{result.stdout}\n{result.stderr}"
        pytest.fail(f"pelican build failed (exit {result.returncode}) in {project}:\n{log}", pytrace=False)
    return project / "output"


def build_copy(
    dest: Path,
    extra: Sequence[str] = (),
    settings: str = "pelicanconf.py",
    seeds: Sequence[Path] | None = None,
) -> Path:
    """Copy the project into `dest` and build it; fails the test with the log if the build fails."""
    copy_project(dest, seeds=seeds)
    build_project(dest, *extra, settings=settings)
    return dest


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary project folder after one real build; the site is in `built_site / "output"`."""
    return build_copy(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_builder(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Builds another copy of the project in a fresh folder: `site_builder("name", extra=[...])`."""

    def build(
        name: str,
        extra: Sequence[str] = (),
        settings: str = "pelicanconf.py",
        seeds: Sequence[Path] | None = None,
    ) -> Path:
        return build_copy(tmp_path_factory.mktemp(name), extra, settings, seeds)

    return build


def load_gold() -> dict[str, dict]:
    """Gold extraction of every seed, keyed by seed file name (`000_....txt`)."""
    gold = {}
    for path in sorted(GOLD_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data.get("seed") or path.with_suffix(".txt").name] = data
    return gold


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return load_gold()


# -- reading the built site -----------------------------------------------------------------

_SITE = "http://site.invalid"


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def page_url(output: Path, path: Path) -> str:
    """The URL path a file is served at: `a/b/index.html` -> `/a/b/`."""
    rel = path.relative_to(output).as_posix()
    return "/" + rel.removesuffix("index.html")


def resolve(output: Path, page: Path, href: str) -> Path | None:
    """The file an internal link of `page` points to (`/x/` is `x/index.html`); None if external."""
    url = urljoin(_SITE + page_url(output, page), href)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != _SITE:
        return None
    path = unquote(parts.path)
    if path.endswith("/"):
        path += "index.html"
    return output / path.lstrip("/")


# -- a long archive, for the pages and pictures that must scale -------------------------------

ARCHIVE_ARTICLES = 500
ARCHIVE_YEARS = 22


def bench_module(name: str) -> ModuleType:
    """`bench/<name>.py`, imported as the module `bench_<name>`: registered in `sys.modules` before
    it runs (its dataclasses look their module up while being built), with `bench/` on the path
    for its own imports of the scripts beside it."""
    bench = str(PROJECT_ROOT / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    spec = importlib.util.spec_from_file_location(f"bench_{name}", PROJECT_ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_seeds(folder: Path, n: int, years: int, seed: int = 0) -> list[Path]:
    """`n` realistic raw articles from bench/generate.py, dated over `years` years, in `folder`."""
    module = sys.modules.get("bench_generate") or bench_module("generate")
    module.write(folder, module.generate(n, seed, years))
    return sorted(folder.glob("*.txt"))


@pytest.fixture(scope="session")
def archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built site of ARCHIVE_ARTICLES generated articles over ARCHIVE_YEARS years; the site is in
    `archive_site / "output"`."""
    seeds = generated_seeds(tmp_path_factory.mktemp("archive-seeds"), ARCHIVE_ARTICLES, ARCHIVE_YEARS)
    project = copy_project(tmp_path_factory.mktemp("archive"), seeds=seeds)
    result = run_pelican(project)
    if result.returncode != 0:
        pytest.fail(f"archive build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return project


# -- markers: a quick loop (`make quick`) leaves out real site builds, browsers and tooling ------

# Modules that build whole sites in their own way (not through the fixtures below) or drive a browser.
_SLOW_MODULES = {
    "test_determinism",
    "test_incremental",
    "test_robustness",
    "test_screenshots",
    "test_search_browser",
    "test_seed_safety",
    "test_serve",
    "test_editor_seeds",
    "test_publish",
    "test_docs",
    "test_faults",
    "test_linear_time",
}
# Modules that check the tooling around the site: benchmarks, the deploy hook, the CI workflow.
_TOOLING_MODULES = {
    "test_count_instructions",
    "test_bench_report",
    "test_feature_cost",
    "test_deploy_hook",
    "test_workflow",
    "test_tag_rate",
}
_BUILD_FIXTURES = {"built_site", "site_builder", "output", "archive_site"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if getattr(item, "module", None) else ""
        if module in _TOOLING_MODULES:
            item.add_marker(pytest.mark.tooling)
        elif module in _SLOW_MODULES or _BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
