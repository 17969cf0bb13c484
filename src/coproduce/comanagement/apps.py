"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes, Writes
from coproduce.core.vocabulary import ContributionKind, StageKind


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
        demo="coproduce.comanagement.demo.load",
        demo_order=62,
        route_expectations="coproduce.comanagement.tests.routes",
        writes=(
            Writes(
                source="comanagement.BoardDecision",
                entry="decision",
                stages=(StageKind.CO_MANAGEMENT,),
                summary="A board's decision by open vote or consensus: each person present "
                "by their seat's side and position, initiated by the mover of the motion.",
            ),
            Writes(
                source="comanagement.Meeting",
                entry="contribution",
                stages=(StageKind.CO_MANAGEMENT,),
                kinds=(ContributionKind.TIME,),
                summary="Each person at a board meeting gives its length in time.",
            ),
        ),
    )
