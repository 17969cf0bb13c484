"""``coproduce survey rank`` run as its own process, as a person would run it (ADR 0036)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coproduce.surveys.tests.test_ranking import WIKIPEDIA_GROUPS

RANKINGS = " Park , Library ,,\nLibrary,Park,Pool\n\nPool\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (a fixed command: this interpreter, our module)
        [sys.executable, "-m", "coproduce.cli", "survey", "rank", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"},
        check=False,
    )


@pytest.fixture
def rankings(tmp_path: Path) -> Path:
    path = tmp_path / "rankings.csv"
    path.write_text(RANKINGS, encoding="utf-8")
    return path


def test_borda_as_json(rankings: Path) -> None:
    result = run(str(rankings), "--method", "borda", "--json")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        '{"method": "borda", "order": [["Park", "Library"], ["Pool"]], '
        '"scores": {"Park": 4, "Library": 4, "Pool": 2}}\n'
    )


def test_schulze_as_json_on_wikipedias_example(tmp_path: Path) -> None:
    path = tmp_path / "wikipedia.csv"
    path.write_text("".join(",".join(o) + "\n" for o, n in WIKIPEDIA_GROUPS for _ in range(n)))
    result = run(str(path), "--method", "schulze", "--json")
    assert (result.returncode, result.stderr) == (0, "")
    answer = json.loads(result.stdout)
    assert list(answer) == ["method", "order", "pairwise"]
    assert answer["order"] == [["E"], ["A"], ["C"], ["B"], ["D"]]
    assert answer["pairwise"]["E"] == {"A": 23, "C": 21, "B": 27, "D": 31}


def test_a_readable_table_without_json(rankings: Path) -> None:
    borda = run(str(rankings), "--method", "borda")
    assert borda.stdout == (
        "Borda count, 4 ballots\n"
        "\n"
        "Position  Options        Score\n"
        "1=        Park, Library  4\n"
        "3         Pool           2\n"
    )
    schulze = run(str(rankings), "--method", "schulze")
    assert schulze.stdout == (
        "Schulze method, 4 ballots\n"
        "\n"
        "Position  Options\n"
        "1=        Park, Library\n"
        "3         Pool\n"
        "\n"
        "Ballots ranking the row's option above the column's:\n"
        "\n"
        "         Park  Library  Pool\n"
        "Park     -     1        2\n"
        "Library  1     -        2\n"
        "Pool     1     1        -\n"
    )


def test_names_keep_their_letters(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Zoë's garden,Café\nZoë's garden\n", encoding="utf-8")
    result = run(str(path), "--method", "borda", "--json")
    assert result.stdout == (
        '{"method": "borda", "order": [["Zoë\'s garden"], ["Café"]], '
        '"scores": {"Zoë\'s garden": 3, "Café": 1}}\n'
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Park,Library\nPool,Park,Pool\n", "row 2 names \u201cPool\u201d twice"),
        (b"", "the file has no rows: give one respondent's ranking a row"),
        (b"Park\nLibrary\nPo\xffol\n", "row 3 is not UTF-8 text"),
        (b"Park,,Library\n", "row 1 has a blank cell between two options"),
    ],
)
def test_a_bad_file_exits_2_with_one_line_naming_the_row(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = run(str(path), "--method", "schulze", "--json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"coproduce survey rank: {message}\n"


def test_a_missing_file_or_method_exits_2_with_one_line(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nowhere.csv"), "--method", "borda")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == f"coproduce survey rank: no such file: {tmp_path / 'nowhere.csv'}\n"
    no_method = run(str(tmp_path / "nowhere.csv"))
    assert (no_method.returncode, no_method.stderr) == (
        2,
        "coproduce survey rank: the following arguments are required: --method\n",
    )
    wrong = run(str(tmp_path / "nowhere.csv"), "--method", "copeland")
    assert (wrong.returncode, wrong.stderr) == (
        2,
        "coproduce survey rank: argument --method: invalid choice: 'copeland' "
        "(choose from 'borda', 'schulze')\n",
    )


def test_the_command_starts_without_django(rankings: Path) -> None:
    script = (
        "import sys\n"
        "from coproduce import cli\n"
        "try:\n"
        f"    cli.main(['survey', 'rank', {str(rankings)!r}, '--method', 'borda', '--json'])\n"
        "except SystemExit as stop:\n"
        "    print(stop.code, 'django' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(  # noqa: S603 (a fixed command: this interpreter, our script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.stderr == "0 False\n"
    assert json.loads(result.stdout)["order"] == [["Park", "Library"], ["Pool"]]
