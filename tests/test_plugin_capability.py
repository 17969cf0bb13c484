"""A new capability is its folder and one line in INSTALLED_APPS (issue 17).

tests/plugin_app declares a panel, a navigation entry, a page, a stage, a demo loader, route
expectations and an append-only table in its apps.py, and nothing else in the project
names it. A process started with settings that only add it to INSTALLED_APPS runs its
checks (tests/plugin_app/checks.py) and the permission grid for its route.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = {".py", ".html", ".txt", ".md", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".json"}
SKIP = {".git", ".venv", "node_modules", "__pycache__", "var", "staticfiles"}


def _environment() -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin_app.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    url = env.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        # a database of its own: this run's test database is in use
        env["DATABASE_URL"] = re.sub(r"/([^/?]+)(\?|$)", r"/\1_plugin\2", url, count=1)
    return env


def test_the_test_capability_plugs_in_everywhere() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/plugin_app/checks.py",
            "tests/test_route_grid.py",
            "-k",
            "plugin_app or every_route",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # five checks, the grid's completeness, and its one route for each of five roles
    assert re.search(r"^11 passed", result.stdout.splitlines()[-1]), result.stdout[-2000:]


def test_no_other_file_names_the_test_capability() -> None:
    naming = sorted(
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*")
        if path.suffix in TEXT
        and not SKIP & set(path.relative_to(ROOT).parts)
        and path.is_file()
        and "plugin_app" in path.read_text(errors="ignore")
    )
    outside = [p for p in naming if not p.startswith("tests/plugin_app/")]
    assert outside == ["tests/test_plugin_capability.py"]
