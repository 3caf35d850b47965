"""The hosted path: `.github/workflows/publish.yml` builds with the README's commands and deploys to Pages.

The workflow is validated offline against the GitHub workflow schema that `check-jsonschema` ships.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
README = ROOT / "README.md"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def load_workflow(path: Path = WORKFLOW) -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def check_schema(path: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA.exists(), f"{CHECK_JSONSCHEMA} is missing: pip install -e '.[test]'"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def readme_commands(text: str) -> set[str]:
    """Shell commands the README gives: lines of fenced code blocks and code spans in table rows."""
    commands: set[str] = set()
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if command:
                commands.add(command)
    for row in re.findall(r"^\|.*\|\s*$", text, re.M):
        commands.update(span.strip() for span in re.findall(r"`([^`]+)`", row))
    return commands


def run_lines(workflow: dict[str, Any]) -> list[str]:
    lines = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                command = line.split("#", 1)[0].strip()
                if command:
                    lines.append(command)
    return lines


def steps_using(workflow: dict[str, Any], action: str) -> list[tuple[str, dict[str, Any]]]:
    """(job name, step) for every step that uses `action` (any version)."""
    return [
        (name, step)
        for name, job in workflow["jobs"].items()
        for step in job.get("steps", [])
        if str(step.get("uses", "")).split("@")[0] == action
    ]


def test_workflow_is_valid_against_the_github_schema() -> None:
    result = check_schema(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_an_invalid_workflow(tmp_path: Path) -> None:
    # The check is not vacuous: an unknown permission level is refused.
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("pages: write", "pages: sometimes", 1), encoding="utf-8")
    result = check_schema(broken)
    assert result.returncode != 0, result.stdout


def test_triggers_are_push_to_main_and_by_hand() -> None:
    workflow = load_workflow()
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 readers turn the key `on` into True
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on


def test_one_deployment_at_a_time() -> None:
    workflow = load_workflow()
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_commands_are_the_readmes() -> None:
    workflow = load_workflow()
    documented = readme_commands(README.read_text(encoding="utf-8"))
    assert {"make test", "make publish"} <= documented, "the README gives the commands"
    commands = run_lines(workflow)
    assert commands, "the workflow runs something"
    undocumented = [c for c in commands if c not in documented]
    assert not undocumented, f"commands not given by the README: {undocumented}"
    assert commands.index("make test") < commands.index("make publish"), "tests gate the build"


def test_builds_with_the_pages_url_and_caches() -> None:
    workflow = load_workflow()
    build = workflow["jobs"]["build"]["steps"]
    (_, pages), *_ = steps_using(workflow, "actions/configure-pages")
    assert pages["id"] == "pages"
    (publish,) = [step for step in build if step.get("run") == "make publish"]
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    (_, python), *_ = steps_using(workflow, "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    assert str(python["with"]["python-version"]) == "3.11"
    (_, cache), *_ = steps_using(workflow, "actions/cache")
    assert cache["with"]["path"] == "cache"
    assert "hashFiles(" in cache["with"]["key"]
    # The content cache survives a checkout's fresh modification times only when hashes are compared.
    assert re.search(r'^CHECK_MODIFIED_METHOD = "md5"', (ROOT / "pelicanconf.py").read_text(), re.M)
    # Every step that needs the pip cache or the Pelican cache comes before the commands.
    names = [str(step.get("uses", step.get("run"))).split("@")[0] for step in build]
    assert names.index("actions/cache") < names.index("make test")


@pytest.mark.parametrize(
    ("action", "job"),
    [
        ("actions/checkout", "build"),
        ("actions/setup-python", "build"),
        ("actions/configure-pages", "build"),
        ("actions/upload-pages-artifact", "build"),
        ("actions/deploy-pages", "deploy"),
    ],
)
def test_official_actions(action: str, job: str) -> None:
    found = steps_using(load_workflow(), action)
    assert [name for name, _ in found] == [job]


def test_uploads_the_output_and_deploys_it() -> None:
    workflow = load_workflow()
    (_, upload), *_ = steps_using(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "output"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    (_, step), *_ = steps_using(workflow, "actions/deploy-pages")
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": f"${{{{ steps.{step['id']}.outputs.page_url }}}}",
    }


def test_only_the_deploy_job_may_write_to_pages() -> None:
    """The job that runs the project's code and unpinned dependencies holds no deploy rights."""
    workflow = load_workflow()
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        runs_code = any("run" in step for step in job.get("steps", []))
        assert not (writes and runs_code), name
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_actions_are_pinned_to_commits_and_jobs_time_out() -> None:
    workflow = load_workflow()
    text = WORKFLOW.read_text(encoding="utf-8")
    for name, job in workflow["jobs"].items():
        assert 0 < int(job["timeout-minutes"]) <= 120, name
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    # The tag each SHA stands for is said beside it, for a reader and for update tools.
    assert all(re.search(r"# v\d", line) for line in text.splitlines() if "uses:" in line)
