"""The demo's participatory budgets in the open initiative: this year's with voting under way,
and last year's counted and published, one project under way."""

from typing import TYPE_CHECKING

from coproduce.budgeting import services
from coproduce.budgeting.models import ImplementationStatus, Process
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

# Last year's fund, counted and published, with one project under way.
LAST_YEARS_IDEAS = [
    ("sam", "Noticeboards in every block", "Lockable boards for repairs news", 240_000),
    ("rhian", "Raised beds by block C", "Four raised beds for tenants to grow food", 380_000),
    ("jo", "Benches on the river path", "Three benches between the blocks and the shop", 540_000),
]
LAST_YEARS_BALLOTS = [
    ("jo", [0, 2]),
    ("sam", [0, 1]),
    ("rhian", [1]),
    ("amara", [2]),
    ("priya", [0]),
]


def load(demo: "Demo") -> None:
    panel = demo.initiative("riverside-repairs-panel")
    if processes_of(panel).exists():
        return
    last_year = _process(
        demo,
        "Riverside neighbourhood fund 2026",
        "£10,000 for small improvements that tenants proposed and chose last year.",
        1_000_000,
        LAST_YEARS_IDEAS,
        LAST_YEARS_BALLOTS,
    )
    amara = demo.people["amara"]
    services.phase_advance(actor=amara, process=last_year)  # counting
    budget = last_year.budgets.get()
    services.budget_count(actor=amara, budget=budget)
    services.phase_advance(actor=amara, process=last_year)  # results, published
    services.implementation_update(
        actor=amara,
        proposal=budget.proposals.get(title="Noticeboards in every block"),
        status=ImplementationStatus.IN_PROGRESS,
        progress=50,
        note="Boards ordered; two of four blocks done.",
    )
    _process(
        demo,
        "Riverside neighbourhood fund 2027",
        "£20,000 for small improvements that tenants propose and choose.",
        2_000_000,
        IDEAS,
        BALLOTS,
    )


def _process(
    demo: "Demo",
    title: str,
    description: str,
    amount: int,
    ideas: list[tuple[str, str, str, int]],
    ballots: list[tuple[str, list[int]]],
) -> Process:
    """A process in the open initiative, taken through proposals and review to voting,
    with the ballots cast."""
    panel = demo.initiative("riverside-repairs-panel")
    amara = demo.people["amara"]
    process = services.process_create(
        actor=amara,
        initiative=panel,
        stage=demo_stage(panel, StageKind.CO_PRIORITISATION),
        title=title,
        description=description,
        budgets=[("Whole estate", amount, "")],
    )
    services.phase_advance(actor=amara, process=process)
    budget = process.budgets.get()
    proposals = [
        services.proposal_submit(
            actor=demo.people[who],
            budget=budget,
            title=idea,
            description=text,
            estimated_cost=cost,
        )
        for who, idea, text, cost in ideas
    ]
    services.phase_advance(actor=amara, process=process)
    for proposal in proposals:
        services.proposal_review(
            actor=amara, proposal=proposal, feasible=True, reason="Checked with the repairs team."
        )
    services.phase_advance(actor=amara, process=process)
    for who, picks in ballots:
        services.ballot_cast(
            actor=demo.people[who],
            budget=budget,
            choices=[services.Choice(proposals[i].pk) for i in picks],
        )
    return process
