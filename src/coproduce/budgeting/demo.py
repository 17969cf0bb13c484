"""The demo's participatory budget: a live one in the open initiative, with voting under way."""

from typing import TYPE_CHECKING

from coproduce.budgeting import services
from coproduce.budgeting.selectors import processes_of
from coproduce.core.vocabulary import StageKind
from coproduce.initiatives.demo import demo_stage

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

# (proposer, title, description, estimated cost in pence)
IDEAS = [
    ("jo", "Brighter stairwell lighting", "LED lights on every landing", 650_000),
    ("sam", "Community tool library", "Drills, ladders and garden tools to borrow", 300_000),
    ("rhian", "Play area resurfacing", "Soft surfacing under the swings", 1_200_000),
    ("jo", "Bike shelters", "Two covered, lockable bike shelters", 800_000),
]
# (voter, the ideas they choose, by place in IDEAS)
BALLOTS = [("jo", [0, 1]), ("sam", [1, 3]), ("rhian", [2])]


def load(demo: "Demo") -> None:
    panel = demo.initiative("riverside-repairs-panel")
    if processes_of(panel).exists():
        return
    amara = demo.people["amara"]
    process = services.process_create(
        actor=amara,
        initiative=panel,
        stage=demo_stage(panel, StageKind.CO_PRIORITISATION),
        title="Riverside neighbourhood fund 2027",
        description="£20,000 for small improvements that tenants propose and choose.",
        budgets=[("Whole estate", 2_000_000, "")],
    )
    services.phase_advance(actor=amara, process=process)
    budget = process.budgets.get()
    proposals = [
        services.proposal_submit(
            actor=demo.people[who],
            budget=budget,
            title=title,
            description=text,
            estimated_cost=cost,
        )
        for who, title, text, cost in IDEAS
    ]
    services.phase_advance(actor=amara, process=process)
    for proposal in proposals:
        services.proposal_review(
            actor=amara, proposal=proposal, feasible=True, reason="Checked with the repairs team."
        )
    services.phase_advance(actor=amara, process=process)
    for who, picks in BALLOTS:
        services.ballot_cast(
            actor=demo.people[who],
            budget=budget,
            choices=[services.Choice(proposals[i].pk) for i in picks],
        )
