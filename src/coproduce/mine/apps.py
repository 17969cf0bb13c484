"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Routes


class MineConfig(CapabilityConfig):
    name = "coproduce.mine"
    label = "mine"
    verbose_name = "My Coproduce"
    # Reads only: each capability declares what it shows here (Capability.personal).
    capability = Capability(
        title="My Coproduce",
        routes=Routes(pages=(("my/", "urls"),), api_views=(("my/", "MySummaryView", "my"),)),
        route_expectations="coproduce.mine.tests.routes",
    )
