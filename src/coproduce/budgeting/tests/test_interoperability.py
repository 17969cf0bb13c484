"""Importing a real .pb election as a finished process, and exporting it again."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conftest import PABULIB, World, needs_pabulib
from coproduce.budgeting.counting import parse_pb, read_pb, tally
from coproduce.budgeting.models import Ballot, BallotChoice, Budget, Process, Proposal
from coproduce.budgeting.tests.conftest import residents_vote

ASSEN = PABULIB / "Netherlands_Assen_2024.pb"


@needs_pabulib
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


@needs_pabulib
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


PROPOSALS_CSV = (
    "Title,Description,Cost,Category,Budget\n"
    'Swings,New swings in the park,"1,250.50",Play,Whole borough\n'
    "Bus shelter,A shelter on Mill Lane,£900,Transport,North\n"
)


def test_proposals_are_imported_from_csv_on_the_manage_page(client, pb) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coproduce.record.models import Contribution

    manage = f"/pb/{pb.process.pk}/manage/"
    before = Proposal.objects.count()
    client.force_login(pb.world.coordinator)
    upload = SimpleUploadedFile("proposals.csv", ("\ufeff" + PROPOSALS_CSV).encode())
    response = client.post(manage, {"import_proposals": "1", "proposals_file": upload})
    assert response.status_code == 302
    added = Proposal.objects.order_by("pk")[before:]
    assert [
        (p.title, p.estimated_cost, p.category, p.budget.name, p.author.username) for p in added
    ] == [
        ("Swings", 125_050, "Play", "Whole borough", "coord"),
        ("Bus shelter", 90_000, "Transport", "North", "coord"),
    ]
    assert Contribution.objects.filter(description="Proposal: Swings").count() == 1


def test_a_csv_with_a_bad_row_imports_nothing_and_says_which_rows(client, pb) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    manage = f"/pb/{pb.process.pk}/manage/"
    before = Proposal.objects.count()
    bad = (
        "title,description,cost,budget\n"
        "Swings,New swings,250,North\n"
        "Fountain,A fountain,2000,North\n"  # £2,000 is more than North's £1,000
        "Mural,,100,North\n"
        "Bridge,A bridge,abc,Nowhere\n"
        "Path,A path,12.345,North\n"
    )
    client.force_login(pb.world.coordinator)
    response = client.post(
        manage,
        {"import_proposals": "1", "proposals_file": SimpleUploadedFile("p.csv", bad.encode())},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Nothing was imported. Fix row 3: the cost &#x27;2000&#x27; must be in pounds (such as "
        "1250.00), more than nothing and within North&#x27;s budget; row 4: a title and a "
        "description are needed; row 5: name one of the budgets: North, Whole borough; row 6: "
        "the cost &#x27;12.345&#x27; must be in pounds"
    ) in page
    assert Proposal.objects.count() == before
    no_header = SimpleUploadedFile("p.csv", b"Swings,New swings,1250\n")
    response = client.post(manage, {"import_proposals": "1", "proposals_file": no_header})
    assert "missing: cost, description, title" in response.content.decode()
    latin = SimpleUploadedFile("p.csv", "title,description,cost\nCaf\xe9,x,1\n".encode("latin-1"))
    response = client.post(manage, {"import_proposals": "1", "proposals_file": latin})
    assert "Save the file as CSV UTF-8" in response.content.decode()
    client.force_login(pb.world.member)
    upload = SimpleUploadedFile("proposals.csv", PROPOSALS_CSV.encode())
    refused = client.post(manage, {"import_proposals": "1", "proposals_file": upload})
    assert refused.status_code == 403
    assert Proposal.objects.count() == before


def test_proposals_csv_from_the_command_line(pb, tmp_path: Path, capsys) -> None:
    source = tmp_path / "proposals.csv"
    source.write_text(PROPOSALS_CSV, encoding="utf-8")
    args = ["pb", "import-proposals", str(source), "--process", str(pb.process.pk), "--as"]
    with pytest.raises(CommandError, match="may not manage"):
        call_command(*args, "member")
    call_command(*args, "coord")
    assert capsys.readouterr().out.strip() == f"Imported 2 proposals into process {pb.process.pk}."
    assert Proposal.objects.filter(title__in=["Swings", "Bus shelter"]).count() == 2


def test_published_results_download_as_pb_and_csv(client, voting) -> None:
    from coproduce.budgeting import ballots, services

    coordinator = voting.world.coordinator
    ballots.ballot_cast(
        actor=voting.world.member,
        budget=voting.north,
        choices=[ballots.Choice(voting.proposals["benches"].pk)],
    )
    residents_vote(voting, voting.north, *[["benches"]] * 4)
    url = f"/pb/budgets/{voting.north.pk}/results"
    assert client.get(url + ".pb").status_code == 403
    services.phase_advance(actor=coordinator, process=voting.process)
    services.budget_count(actor=coordinator, budget=voting.north)
    services.budget_count(actor=coordinator, budget=voting.city)
    services.phase_advance(actor=coordinator, process=voting.process)
    pb_file = client.get(url + ".pb")
    assert pb_file["Content-Disposition"] == f'attachment; filename="budget-{voting.north.pk}.pb"'
    election = parse_pb(pb_file.content.decode())
    assert election.voter_count == 5
    chosen = [[election.projects[i].id for i in group.projects] for group in election.groups]
    assert chosen == [[str(voting.proposals["benches"].pk)]]
    assert [group.count for group in election.groups] == [5]
    assert voting.world.member.username not in pb_file.content.decode()
    rows = list(csv.DictReader(io.StringIO(client.get(url + ".csv").content.decode())))
    # rows come in the election's order, by project id as text (as in the .pb file): "100"
    # before "99", so the test sorts them by title rather than depend on the ids it got
    assert sorted((r["title"], r["votes"], r["funded"]) for r in rows) == [
        ("Benches", "5", "1"),
        # nobody voted for lights: it is not funded, though greedy completion would fit it
        ("Lights", "0", "0"),
        ("Murals", "0", "0"),
    ]
