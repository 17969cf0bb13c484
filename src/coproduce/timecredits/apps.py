"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Personal, Routes
from coproduce.core.vocabulary import StageKind


class TimecreditsConfig(CapabilityConfig):
    name = "coproduce.timecredits"
    label = "timecredits"
    verbose_name = "Time credits"
    capability = Capability(
        title="Time credits",
        stages=(StageKind.CO_PERFORMING,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                (
                    "credits/transfers",
                    "TransferViewSet",
                    "credit-transfer",
                ),
                ("credits", "CreditViewSet", "credit"),
            ),
        ),
        panel=Panel(
            template="timecredits/panel.html",
            context="coproduce.timecredits.panels.context",
            order=60,
        ),
        demo="coproduce.timecredits.demo.load",
        demo_order=70,
        personal=Personal(items=("coproduce.timecredits.personal.balance_items",)),
        route_expectations="coproduce.timecredits.tests.routes",
        # Nothing: a credit is pay for time, not a record of it. The time that earns it is
        # recorded by the capability that confirmed it (volunteering's hours, exchanges).
        writes=(),
    )
