"""The front of the platform: the home page, the frame's navigation and the demo loader, each
assembled from the capability registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Routes


class PortalConfig(CapabilityConfig):
    name = "coproduce.portal"
    label = "portal"
    verbose_name = "Portal"
    capability = Capability(
        title="Home",
        routes=Routes(pages=(("", "urls"),)),
        route_expectations="coproduce.portal.tests.routes",
    )
