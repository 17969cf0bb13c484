"""``coproduce panel select``: the library's CSV layout in, one JSON object out, without
Django; quotas that cannot be met are named on stderr with exit status 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
PEOPLE = HERE / "people.csv"
FEATURES = HERE / "features.csv"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "no.such.settings"}
    return subprocess.run(  # noqa: S603 (a fixed command: this interpreter, our CLI)
        [sys.executable, "-m", "coproduce.cli", "panel", "select", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_legacy_with_a_fixed_seed_prints_the_same_json() -> None:
    # a settings module that does not exist: the command must not load Django
    done = run(
        str(PEOPLE),
        "--features",
        str(FEATURES),
        "--size",
        "4",
        "--algorithm",
        "legacy",
        "--seed",
        "5",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "selected": ["6", "10", "11", "12"],
        "algorithm": "legacy",
        "seed": 5,
        "min_probability": 0.22,
        "probabilities": {
            "age:young": 0.375714,
            "age:old": 0.274,
            "area:north": 0.341429,
            "area:south": 0.322,
        },
    }


def test_infeasible_quotas_are_named_on_stderr_with_status_2(tmp_path: Path) -> None:
    quotas = tmp_path / "quotas.csv"
    quotas.write_text(
        "feature,value,min,max\nage,young,4,4\nage,old,0,0\narea,north,0,1\narea,south,3,4\n"
    )
    done = run(str(PEOPLE), "--features", str(quotas), "--size", "4", "--seed", "5", "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "coproduce panel: no panel can be drawn:" in done.stderr
    assert "age:young minimum target -> change from  4 to 3." in done.stderr
    assert "age:old maximum target -> change from  0 to 1." in done.stderr


def test_an_unknown_category_in_the_pool_is_named(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE.read_text() + "13,ancient,north,13 Mill Lane,AB1\n")
    done = run(str(people), "--features", str(FEATURES), "--size", "4", "--json")
    assert done.returncode == 2
    assert "Value 'ancient' not in feature age" in done.stderr


def test_maximin_with_a_fixed_seed_draws_the_same_panel_whatever_the_hash_seed() -> None:
    """The library's sets follow Python's hash seed; the command fixes it, so a recorded
    seed is enough to draw the same panel again."""
    example = HERE.parents[3] / "examples"
    arguments = [
        str(example / "panel-people.csv"),
        "--features",
        str(example / "panel-features.csv"),
        "--size",
        "12",
        "--seed",
        "1",
        "--json",
    ]
    answers = []
    for hash_seed in ("1", "2", "3"):
        done = subprocess.run(  # noqa: S603 (a fixed command: this interpreter, our CLI)
            [sys.executable, "-m", "coproduce.cli", "panel", "select", *arguments],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        answers.append(json.loads(done.stdout))
    assert answers[0] == answers[1] == answers[2]
    assert len(answers[0]["selected"]) == 12
