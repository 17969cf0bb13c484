"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes
from coproduce.core.vocabulary import StageKind


class ComanagementConfig(CapabilityConfig):
    name = "coproduce.comanagement"
    label = "comanagement"
    verbose_name = "Co-management"
    capability = Capability(
        title="Co-management",
        stages=(StageKind.CO_MANAGEMENT,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("boards", "BoardViewSet", "board"),
                ("meetings", "MeetingViewSet", "meeting"),
            ),
        ),
        panel=Panel(
            template="comanagement/panel.html",
            context="coproduce.comanagement.panels.context",
            order=40,
        ),
        route_expectations="coproduce.comanagement.tests.routes",
    )
