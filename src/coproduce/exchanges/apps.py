"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import (
    Capability,
    CapabilityConfig,
    Panel,
    Personal,
    Routes,
    Writes,
)
from coproduce.core.vocabulary import ContributionKind, StageKind


class ExchangesConfig(CapabilityConfig):
    name = "coproduce.exchanges"
    label = "exchanges"
    verbose_name = "Exchanges of services"
    capability = Capability(
        title="Exchanges of services",
        stages=(StageKind.CO_PERFORMING,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("listings", "ListingViewSet", "listing"),
                ("exchanges", "ExchangeViewSet", "exchange"),
            ),
        ),
        panel=Panel(
            template="exchanges/panel.html", context="coproduce.exchanges.panels.context", order=70
        ),
        demo="coproduce.exchanges.demo.load",
        demo_order=80,
        personal=Personal(
            items=("coproduce.exchanges.personal.exchange_items",),
            tasks=("coproduce.exchanges.personal.answer_tasks",),
        ),
        route_expectations="coproduce.exchanges.tests.routes",
        writes=(
            Writes(
                source="exchanges.Exchange",
                entry="contribution",
                stages=(StageKind.CO_PERFORMING,),
                kinds=(ContributionKind.TIME,),
                summary="An exchange confirmed done by its receiver: the provider's time.",
            ),
        ),
    )
