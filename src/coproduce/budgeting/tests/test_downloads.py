"""Results as CSV neutralise titles that a spreadsheet would run as formulas; the .pb file,
whose format has no formulas, keeps every title exactly."""

import csv
import io

from coproduce.budgeting import ballots, elections, services
from coproduce.budgeting.counting import parse_pb
from coproduce.budgeting.models import Proposal
from coproduce.budgeting.tests.conftest import PB, residents_vote

HYPERLINK = '=HYPERLINK("http://evil.example/","Click")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"


def _titled_and_counted(pb: PB) -> None:
    """Two proposals with hostile titles; five ballots for benches; voting closed, counted."""
    Proposal.objects.filter(pk=pb.proposals["benches"].pk).update(title=HYPERLINK)
    Proposal.objects.filter(pk=pb.proposals["lights"].pk).update(title=DDE)
    coordinator = pb.world.coordinator
    ballots.ballot_cast(
        actor=pb.world.member,
        budget=pb.north,
        choices=[ballots.Choice(pb.proposals["benches"].pk)],
    )
    residents_vote(pb, pb.north, *[["benches"]] * 4)
    services.phase_advance(actor=coordinator, process=pb.process)
    services.budget_count(actor=coordinator, budget=pb.north)
    services.budget_count(actor=coordinator, budget=pb.city)
    services.phase_advance(actor=coordinator, process=pb.process)


def test_results_csv_neutralises_formula_titles(voting: PB) -> None:
    _titled_and_counted(voting)
    rows = list(csv.reader(io.StringIO(elections.budget_results_csv(voting.north))))
    assert rows[0] == ["proposal_id", "title", "cost", "votes", "funded"]
    by_id = {row[0]: row[1:] for row in rows[1:]}
    assert by_id == {
        str(voting.proposals["benches"].pk): ["'" + HYPERLINK, "300", "5", "1"],
        str(voting.proposals["lights"].pk): ["'" + DDE, "600", "0", "0"],
        str(voting.proposals["murals"].pk): ["Murals", "200", "0", "0"],
    }


def test_pb_export_keeps_a_formula_title_exactly(voting: PB) -> None:
    _titled_and_counted(voting)
    election = parse_pb(elections.budget_as_pb(voting.north))
    names = {project.id: project.meta["name"] for project in election.projects}
    assert names[str(voting.proposals["benches"].pk)] == HYPERLINK
    assert names[str(voting.proposals["lights"].pk)] == DDE
