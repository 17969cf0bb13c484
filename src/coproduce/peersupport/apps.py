"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes
from coproduce.core.vocabulary import StageKind


class PeersupportConfig(CapabilityConfig):
    name = "coproduce.peersupport"
    label = "peersupport"
    verbose_name = "Peer support"
    capability = Capability(
        title="Peer support",
        stages=(StageKind.CO_PERFORMING,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("peer-supporters", "SupporterViewSet", "peer-supporter"),
                (
                    "support-requests",
                    "SupportRequestViewSet",
                    "support-request",
                ),
                ("peer-matches", "MatchViewSet", "peer-match"),
                ("peer-sessions", "SessionViewSet", "peer-session"),
                ("concerns", "ConcernViewSet", "concern"),
            ),
        ),
        panel=Panel(
            template="peersupport/panel.html",
            context="coproduce.peersupport.panels.context",
            order=50,
        ),
        route_expectations="coproduce.peersupport.tests.routes",
    )
