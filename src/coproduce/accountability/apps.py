"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes


class AccountabilityConfig(CapabilityConfig):
    name = "coproduce.accountability"
    label = "accountability"
    verbose_name = "Accountability"
    capability = Capability(
        title="Accountability",
        routes=Routes(pages=(("initiatives/", "urls"),)),
        panel=Panel(
            template="accountability/panel.html",
            context="coproduce.accountability.panels.context",
            order=22,
        ),
        route_expectations="coproduce.accountability.tests.routes",
    )
