"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes


class EqualityConfig(CapabilityConfig):
    name = "coproduce.equality"
    label = "equality"
    verbose_name = "Equality monitoring"
    capability = Capability(
        title="Equality monitoring",
        routes=Routes(
            # one module for both: the person's own page under /me/, an initiative's baseline
            # under /initiatives/<slug>/
            pages=(("", "urls"),),
            api_nested=(("equality/baselines", "BaselineViewSet", "equality-baseline"),),
        ),
        panel=Panel(
            template="equality/panel.html",
            context="coproduce.equality.panels.context",
            order=90,
        ),
        demo="coproduce.equality.demo.load",
        demo_order=96,  # after the record, whose people it gives profiles to
        route_expectations="coproduce.equality.tests.routes",
    )
