"""Importing a real .pb election as a finished process, and exporting it again."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conftest import World
from coproduce.budgeting.counting import parse_pb, read_pb, tally
from coproduce.budgeting.models import Ballot, BallotChoice, Budget, Process, Proposal

ASSEN = (
    Path(__file__).resolve().parents[4].parent
    / "shared"
    / "pabulib"
    / ("Netherlands_Assen_2024.pb")
)


def test_import_export_round_trip(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "pb",
        "import",
        str(ASSEN),
        "--initiative",
        world.initiative.slug,
        "--as",
        "coord",
        "--rule",
        "mes-add1",
    )
    budget = Budget.objects.get()
    assert capsys.readouterr().out.strip() == (
        f"Imported 14 projects and 84 ballots as budget {budget.pk} of process {budget.process_id}."
    )
    process = Process.objects.get()
    assert (process.phase, process.ballot_type, budget.amount) == (
        "results",
        "approval_budget",
        10_000_000,
    )
    assert (Proposal.objects.count(), Ballot.objects.count()) == (14, 84)
    original = read_pb(ASSEN)
    assert BallotChoice.objects.count() == sum(len(g.projects) * g.count for g in original.groups)
    # the published winners (the file's selected column), by name
    published = {p.meta["name"] for p in original.projects if p.meta["selected"] == "1"}
    funded = set(
        Proposal.objects.filter(pk__in=budget.tallies.get().selected).values_list(
            "title", flat=True
        )
    )
    assert funded == published

    call_command("pb", "export", str(budget.pk))
    exported = parse_pb(capsys.readouterr().out)
    assert exported.budget == original.budget == 100_000
    assert sorted(p.cost for p in exported.projects) == sorted(p.cost for p in original.projects)
    names = {p.id: p.meta["name"] for p in exported.projects}
    assert {names[i] for i in tally(exported, "mes-add1").selected} == published
    assert {names[p.id] for p in exported.projects if p.meta["selected"] == "1"} == published

    call_command("pb", "export", str(budget.pk), "--csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 14
    podium = next(r for r in rows if r["title"] == "PopUp Podium")
    assert (podium["cost"], podium["votes"], podium["funded"]) == ("7200", "43", "1")


def test_import_needs_a_coordinator_and_a_real_file(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="may not manage"):
        call_command(
            "pb", "import", str(ASSEN), "--initiative", world.initiative.slug, "--as", "member"
        )
    bad = tmp_path / "bad.pb"
    bad.write_text(
        "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
        "a;1\nVOTES\nvoter_id;vote\n1;zz\n"
    )
    with pytest.raises(CommandError, match="ballot 1 names unknown project 'zz'"):
        call_command(
            "pb", "import", str(bad), "--initiative", world.initiative.slug, "--as", "coord"
        )
    free = tmp_path / "free.pb"
    free.write_text(
        "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\n"
        "project_id;cost\na;0\nVOTES\nvoter_id;vote\n1;a\n"
    )
    with pytest.raises(CommandError, match="Every cost must be a positive amount"):
        call_command(
            "pb", "import", str(free), "--initiative", world.initiative.slug, "--as", "coord"
        )
    assert Process.objects.count() == 0
    with pytest.raises(CommandError, match="no budget 999"):
        call_command("pb", "export", "999")
