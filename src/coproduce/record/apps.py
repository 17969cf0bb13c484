"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes


class RecordConfig(CapabilityConfig):
    name = "coproduce.record"
    label = "record"
    capability = Capability(
        title="The co-production record",
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("contributions", "ContributionViewSet", "contribution"),
                ("decisions", "DecisionViewSet", "decision"),
            ),
        ),
        panel=Panel(
            template="record/panel.html", context="coproduce.record.panels.context", order=20
        ),
        demo="coproduce.record.demo.load",
        demo_order=50,
        route_expectations="coproduce.record.tests.routes",
    )
