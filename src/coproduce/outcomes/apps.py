"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes, Writes
from coproduce.core.vocabulary import ContributionKind, StageKind


class OutcomesConfig(CapabilityConfig):
    name = "coproduce.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes"
    capability = Capability(
        title="Outcomes",
        stages=(StageKind.CO_ASSESSMENT,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(("indicators", "IndicatorViewSet", "indicator"),),
        ),
        panel=Panel(
            template="outcomes/panel.html",
            context="coproduce.outcomes.panels.context",
            order=85,
        ),
        accountability=Panel(
            template="outcomes/accountability.html",
            context="coproduce.outcomes.panels.accountability",
            order=30,
        ),
        demo="coproduce.outcomes.demo.load",
        demo_order=97,
        route_expectations="coproduce.outcomes.tests.routes",
        writes=(
            Writes(
                source="outcomes.Measurement",
                entry="contribution",
                stages=(StageKind.CO_ASSESSMENT,),
                kinds=(ContributionKind.SKILLS,),
                summary="A measurement of an outcome indicator: one piece of knowledge "
                "(count 1) given by the member who measured it, on their side, written by "
                "whoever recorded or imported it.",
            ),
        ),
    )
