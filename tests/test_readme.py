"""The README's and docs/api.md's command examples work from a fresh clone: every file they
name ships with the repository, and the commands that need no database, run exactly as
written, print what the README says they do."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = (ROOT / "README.md", ROOT / "docs" / "api.md")


def commands_in(document: Path) -> list[list[str]]:
    """The `.venv/bin/coproduce …` lines of a document's shell examples, comments dropped."""
    lines = document.read_text(encoding="utf-8").splitlines()
    return [
        shlex.split(line, comments=True) for line in lines if line.startswith(".venv/bin/coproduce")
    ]


def run_as_written(words: list[str]) -> subprocess.CompletedProcess[str]:
    """``.venv/bin/coproduce ARGS`` from the repository's root, with this interpreter."""
    return subprocess.run(  # noqa: S603 (the README's own command, this interpreter)
        [sys.executable, "-m", "coproduce.cli", *words[1:]],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )


def test_every_file_an_example_names_ships_with_the_repository() -> None:
    named = [
        word
        for document in DOCUMENTS
        for words in commands_in(document)
        for word in words
        if re.fullmatch(r"[\w./-]+\.(pb|csv)", word)
    ]
    assert sorted(set(named)) == [
        "examples/panel-features.csv",
        "examples/panel-people.csv",
        "examples/proposals.csv",
        "examples/rankings.csv",
        "examples/three-projects.pb",
    ]
    assert [path for path in named if not (ROOT / path).is_file()] == []


def test_the_readmes_commands_that_need_no_database_print_their_answers() -> None:
    tally, rank, select = commands_in(ROOT / "README.md")
    counted = run_as_written(tally)
    assert (counted.returncode, counted.stdout.splitlines()[0]) == (
        0,
        "mes: 2 of 3 projects funded, 80 of 100 spent",
    )
    ranked = run_as_written(rank)
    assert ranked.returncode == 0
    # by hand: Bus service beats each other option 5 to 1; Shop beats Youth club 3 to 2 and
    # Doctor's surgery 4 to 2; Youth club and Doctor's surgery are 3 to 3
    assert ranked.stdout.splitlines()[:6] == [
        "Schulze method, 6 ballots",
        "",
        "Position  Options",
        "1         Bus service",
        "2         Shop",
        "3=        Youth club, Doctor's surgery",
    ]
    selected = run_as_written(select)
    assert selected.returncode == 0
    panel = selected.stdout.split()
    assert len(panel) == len(set(panel)) == 12
    pool = (ROOT / "examples" / "panel-people.csv").read_text(encoding="utf-8").splitlines()[1:]
    people = {row.split(",")[0]: row.split(",") for row in pool}
    assert set(panel) <= set(people)
    quotas = (ROOT / "examples" / "panel-features.csv").read_text(encoding="utf-8").splitlines()
    for quota in quotas[1:]:  # every quota met: feature,value,min,max
        feature, value, least, most = quota.split(",")
        column = {"age": 1, "area": 2}[feature]
        seated = sum(1 for person in panel if people[person][column] == value)
        assert int(least) <= seated <= int(most), quota
