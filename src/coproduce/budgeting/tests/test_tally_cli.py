"""``coproduce pb tally`` run as its own process, as a person would run it: a readable table
by default, JSON or ids on request, each rule explained in --help with an example that the
engine itself counts, and no Django loaded."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coproduce.budgeting import tally_cli
from coproduce.budgeting.counting import RULES, read_pb, tally

EXAMPLE = Path(__file__).resolve().parents[4] / "examples" / "three-projects.pb"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (a fixed command: this interpreter, our module)
        [sys.executable, "-m", "coproduce.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )


def test_a_readable_table_by_default() -> None:
    result = run("pb", "tally", str(EXAMPLE), "--rule", "mes")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "mes: 2 of 3 projects funded, 80 of 100 spent\n"
        "\n"
        "Project  Name  Cost  Votes  Funded\n"
        "A        A       50      5  #1\n"
        "C        C       30      3  #2\n"
        "B        B       50      4  –\n"
    )


def test_json_and_ids() -> None:
    answer = run("pb", "tally", str(EXAMPLE), "--rule", "greedy", "--json")
    assert json.loads(answer.stdout) == {
        "rule": "greedy",
        "selected": ["A", "B"],
        "spent": 100,
        "budget": 100,
    }
    assert run("pb", "tally", str(EXAMPLE), "--rule", "phragmen", "--ids").stdout == "A\nC\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.pb", "--rule", "mes"], "coproduce pb tally: no such file: missing.pb\n"),
        ([str(EXAMPLE), "--rule", "best"], "coproduce pb tally: argument --rule: invalid choice"),
        ([str(EXAMPLE)], "coproduce pb tally: the following arguments are required: --rule\n"),
    ],
)
def test_errors_are_one_line_and_status_2(args: list[str], message: str) -> None:
    result = run("pb", "tally", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_every_rule_is_explained_with_the_example_the_engine_counts() -> None:
    """Each rule's line in --help names what it funds in the example; the example file is
    that election, so the help cannot drift from the engine."""
    election = read_pb(EXAMPLE)
    explained = dict(
        re.findall(r"^  ([a-z0-9-]+) +(.*?(?:\n {20}.*)*)$", tally_cli.RULE_HELP, re.M)
    )
    assert set(explained) == {*RULES, "official"}
    for rule in RULES:
        if rule == "greedy-threshold":
            continue  # the example has no minimum number of votes
        funded = ", ".join(tally(election, rule).selected)
        assert f": {funded}" in " ".join(explained[rule].split()), rule


def test_counting_loads_no_django() -> None:
    probe = (
        "import sys; from coproduce import cli\n"
        "try:\n"
        f"    cli.main(['pb', 'tally', {str(EXAMPLE)!r}, '--rule', 'greedy', '--ids'])\n"
        "except SystemExit as done:\n"
        "    print(done.code, 'django' in sys.modules)\n"
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed program)
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert result.stdout == "A\nB\n0 False\n"


def test_coproduce_alone_introduces_itself_and_lists_its_own_commands() -> None:
    result = run()
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Coproduce: the shared space where people who use public")
    commands = lines.index("Coproduce's commands:")
    ours = [line.split()[0] for line in lines[commands + 1 : lines.index("", commands)]]
    assert ours == ["demo", "ledger", "notifications_digest", "pb", "search_reindex", "totals"]
    assert "  coproduce pb tally --help" in lines
    assert "showmigrations" not in result.stdout  # Django's commands are one step away
    assert "migrate" in run("help", "--all").stdout


@pytest.mark.parametrize("rule", ["mes-add1-greedy", "mes", "phragmen", "max-utilitarian"])
def test_official_counts_a_file_coproduce_exported_by_its_own_rule(
    tmp_path: Path, rule: str
) -> None:
    """A file the platform exported names its process's rule, which is not one of the
    cities' names: "official" refused it as a local rule it does not reproduce."""
    exported = tmp_path / "exported.pb"
    exported.write_text(EXAMPLE.read_text().replace("rule;greedy", f"rule;{rule}"))
    result = run("pb", "tally", str(exported), "--rule", "official", "--ids")
    expected = run("pb", "tally", str(exported), "--rule", rule, "--ids")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected.stdout
    assert tally(read_pb(exported), "official").rule == f"official: {rule} (as Coproduce counts it)"
