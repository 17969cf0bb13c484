"""Real elections from pabulib: the same result as pabutools, and the city's own outcome."""

import json
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conftest import PABULIB, needs_pabulib
from coproduce.budgeting.counting import UnsupportedRule, read_pb, tally

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "bench"))

from reference import ORDER_MATTERS, REFERENCE_RULES, load, reference  # noqa: E402

# Small enough for pabutools to count every rule in seconds.
SMALL = [
    "Netherlands_Assen_2024",
    "Poland_Swiecie_2023",
    "France_Toulouse_2019",
    "Poland_Poznan_2023",
]
# The official rule is one we count: its outcome must be the file's "selected" column.
REPRODUCIBLE = {
    "Netherlands_Assen_2024": "equalshares/add1",
    "Poland_Swiecie_2023": "equalshares/add1",
    "Poland_Katowice_2023": "greedy-threshold",
    "Poland_Krakow_2024": "greedy",
    "Poland_Lodz_2022": "greedy-threshold",
    "Poland_Warszawa_2020_Praga-Poludnie": "greedy",
    "Poland_Warszawa_2026": "greedy-threshold",
    "Poland_Wroclaw_2015_150_-_500": "greedy-no-skip",
    "Poland_Wieliczka_2023_Green_Budget": "equalshares/add1-comparison",
}
LOCAL_RULES = {
    "Poland_Poznan_2023": "greedy-custom",
    "Poland_Warszawa_2022_Bemowo": "greedy-exclusive",
}


def pb(name: str) -> str:
    return str(PABULIB / f"{name}.pb")


COMPARED = [
    (name, rule)
    for name in SMALL
    for rule in REFERENCE_RULES
    # Phragmén is defined for approval ballots only; Toulouse 2019 is cumulative.
    if not (rule == "phragmen" and name == "France_Toulouse_2019")
]


@needs_pabulib
@pytest.mark.parametrize(("name", "rule"), COMPARED)
def test_same_result_as_pabutools(name: str, rule: str) -> None:
    instance, profile = load(pb(name))
    expected = reference(instance, profile, rule)
    assert expected is not None
    ours = tally(read_pb(pb(name)), rule).selected
    if rule in ORDER_MATTERS:
        assert ours == expected
    else:
        assert sorted(ours) == sorted(expected)


@needs_pabulib
@pytest.mark.parametrize(("name", "rule"), REPRODUCIBLE.items())
def test_official_rule_reproduces_the_citys_outcome(name: str, rule: str) -> None:
    election = read_pb(pb(name))
    assert election.meta["rule"] == rule
    selected = {p.id for p in election.projects if p.meta.get("selected") == "1"}
    outcome = tally(election, "official")
    assert set(outcome.selected) == selected
    assert outcome.spent <= election.budget


@needs_pabulib
@pytest.mark.parametrize(("name", "rule"), LOCAL_RULES.items())
def test_official_says_why_it_cannot_reproduce_a_local_rule(name: str, rule: str) -> None:
    with pytest.raises(UnsupportedRule) as error:
        tally(read_pb(pb(name)), "official")
    assert f"the official rule '{rule}'" in str(error.value)


@needs_pabulib
def test_wieliczka_raises_shares_past_the_first_exhaustive_outcome(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """pabutools' mes-add1 stops at the first exhaustive outcome (31 projects, with 66 and
    67); the city kept raising shares while within budget and funded 46 instead."""
    election = read_pb(pb("Poland_Wieliczka_2023_Green_Budget"))
    first_exhaustive = set(tally(election, "mes-add1").selected)
    official = set(tally(election, "official").selected)
    assert len(first_exhaustive) == 31
    assert len(official) == 30
    assert first_exhaustive - official == {"66", "67"}
    assert official - first_exhaustive == {"46"}
    call_command(
        "pb", "tally", pb("Poland_Wieliczka_2023_Green_Budget"), "--rule", "official", "--ids"
    )
    captured = capsys.readouterr()
    assert len(captured.out.split()) == 30
    assert "Equal Shares is used" in captured.err


@needs_pabulib
def test_cli_prints_ids_in_order_and_json_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("pb", "tally", pb("Netherlands_Assen_2024"), "--rule", "greedy", "--ids")
    assert capsys.readouterr().out.split() == ["3", "9", "8", "11", "2", "13", "14"]
    call_command("pb", "tally", pb("Poland_Swiecie_2023"), "--rule", "official", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result == {
        "rule": "official: equalshares/add1 (mes-add1)",
        "selected": [
            "c12",
            "c10",
            "c20",
            "c21",
            "c2",
            "c13",
            "c3",
            "c1",
            "c9",
            "c11",
            "c4",
            "c7",
            "c19",
            "c5",
            "c17",
            "c18",
            "c14",
        ],
        "spent": 1040337,
        "budget": 1070000,
    }


def test_cli_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("pb", "tally", str(tmp_path / "missing.pb"), "--rule", "mes")
    broken = tmp_path / "broken.pb"
    broken.write_text(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\np1;ten\n"
    )
    with pytest.raises(CommandError, match="line 7: cost 'ten' is not a number"):
        call_command("pb", "tally", str(broken), "--rule", "mes")


@needs_pabulib
def test_cli_says_which_local_rule_it_cannot_count() -> None:
    with pytest.raises(CommandError, match="greedy-custom"):
        call_command("pb", "tally", pb("Poland_Poznan_2023"), "--rule", "official")
