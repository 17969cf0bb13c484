"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes
from coproduce.core.vocabulary import StageKind


class BudgetingConfig(CapabilityConfig):
    name = "coproduce.budgeting"
    label = "budgeting"
    verbose_name = "Participatory budgeting"
    capability = Capability(
        title="Participatory budgeting",
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
        demo="coproduce.budgeting.demo.load",
        demo_order=90,
        route_expectations="coproduce.budgeting.tests.routes",
    )
