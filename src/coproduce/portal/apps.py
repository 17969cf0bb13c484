"""The front of the platform: the home page, the frame's navigation and the demo loader, each
assembled from the capability registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes


class PortalConfig(CapabilityConfig):
    name = "coproduce.portal"
    label = "portal"
    verbose_name = "Portal"
    capability = Capability(
        title="Home",
        routes=Routes(pages=(("", "urls"),)),
        panel=Panel(
            template="portal/panel.html", context="coproduce.portal.panels.context", order=5
        ),
        route_expectations="coproduce.portal.tests.routes",
    )
