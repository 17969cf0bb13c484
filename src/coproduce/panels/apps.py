"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import (
    Capability,
    CapabilityConfig,
    Panel,
    Personal,
    Routes,
    Writes,
)
from coproduce.core.vocabulary import StageKind


class PanelsConfig(CapabilityConfig):
    name = "coproduce.panels"
    label = "panels"
    verbose_name = "Citizens' panels"
    capability = Capability(
        title="Citizens' panels and juries",
        stages=(StageKind.CO_PLANNING, StageKind.CO_DESIGN),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("panels", "PanelViewSet", "panel"),
                ("panel-recommendations", "RecommendationViewSet", "panel-recommendation"),
            ),
        ),
        panel=Panel(
            template="panels/panel.html",
            context="coproduce.panels.panels.context",
            order=25,
        ),
        demo="coproduce.panels.demo.load",
        demo_order=70,
        personal=Personal(tasks=("coproduce.panels.personal.answer_tasks",)),
        route_expectations="coproduce.panels.tests.routes",
        writes=(
            Writes(
                source="panels.SelectionRun",
                entry="decision",
                stages=(),
                summary="A panel's members (or replacements for those who dropped out) "
                "drawn by lot: delegated to the lot by the coordinator who ran it, on their "
                "side; no one is named.",
            ),
            Writes(
                source="panels.Recommendation",
                entry="decision",
                stages=(),
                summary="The commissioning body's answer to a panel's recommendation: "
                "initiated by the citizens of the panel, decided by the answering person's "
                "side; a rejection is an exclusion.",
            ),
        ),
    )
