"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import (
    Capability,
    CapabilityConfig,
    Discovery,
    Panel,
    Personal,
    Routes,
    Writes,
)
from coproduce.core.vocabulary import ContributionKind, StageKind


class BudgetingConfig(CapabilityConfig):
    name = "coproduce.budgeting"
    label = "budgeting"
    verbose_name = "Participatory budgeting"
    capability = Capability(
        title="Participatory budgeting",
        discovery=Discovery(
            items="coproduce.budgeting.discovery.live_items",
            initiatives_now="coproduce.budgeting.discovery.initiatives_now",
        ),
        stages=(StageKind.CO_PRIORITISATION,),
        routes=Routes(
            pages=(("pb/", "urls"),),
            api=(
                ("pb/processes", "ProcessViewSet", "pb-process"),
                ("pb/proposals", "ProposalViewSet", "pb-proposal"),
                ("pb/budgets", "BudgetViewSet", "pb-budget"),
            ),
        ),
        panel=Panel(
            template="budgeting/panel.html", context="coproduce.budgeting.panels.context", order=10
        ),
        accountability=Panel(
            template="budgeting/accountability.html",
            context="coproduce.budgeting.panels.accountability",
            order=10,
        ),
        demo="coproduce.budgeting.demo.load",
        demo_order=90,
        personal=Personal(
            items=("coproduce.budgeting.personal.ballot_items",),
            tasks=("coproduce.budgeting.personal.review_tasks",),
        ),
        route_expectations="coproduce.budgeting.tests.routes",
        writes=(
            Writes(
                source="budgeting.Process",
                entry="contribution",
                stages=(StageKind.CO_PRIORITISATION,),
                kinds=(
                    ContributionKind.IDEA,
                    ContributionKind.VOTE,
                    ContributionKind.SKILLS,
                    ContributionKind.OTHER,
                ),
                summary="A member's proposal, support, vote, feasibility review or "
                "implementation update, one count each (never the ballot: votes are secret).",
            ),
            Writes(
                source="budgeting.Tally",
                entry="decision",
                stages=(StageKind.CO_PRIORITISATION,),
                summary="A budget's count: the citizens' decision by vote, initiated by the "
                "side of the funded projects' proposers.",
            ),
            Writes(
                source="budgeting.Proposal",
                entry="decision",
                stages=(StageKind.CO_PRIORITISATION,),
                summary="A feasibility review that rules a proposal out: an exclusion, "
                "delegated to the reviewer.",
            ),
        ),
    )
