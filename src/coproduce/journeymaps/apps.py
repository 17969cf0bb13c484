"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes, Writes
from coproduce.core.vocabulary import ContributionKind, StageKind


class JourneyMapsConfig(CapabilityConfig):
    name = "coproduce.journeymaps"
    label = "journeymaps"
    verbose_name = "Journey maps"
    capability = Capability(
        title="Journey maps",
        stages=(StageKind.CO_DESIGN,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("journey-maps", "JourneyMapViewSet", "journeymap"),
                ("journey-stages", "JourneyStageViewSet", "journeystage"),
                ("journey-notes", "JourneyNoteViewSet", "journeynote"),
            ),
        ),
        panel=Panel(
            template="journeymaps/panel.html",
            context="coproduce.journeymaps.panels.context",
            order=60,
        ),
        demo="coproduce.journeymaps.demo.load",
        demo_order=98,
        route_expectations="coproduce.journeymaps.tests.routes",
        writes=(
            Writes(
                source="journeymaps.JourneyNote",
                entry="contribution",
                stages=(StageKind.CO_DESIGN,),
                kinds=(ContributionKind.IDEA,),
                summary="A note on a stage of a journey map (count 1), by the member who "
                "wrote it, on their side; a removed note is reversed. Listed to its author "
                "alone: notes name their authors to active members only.",
                listed_to_contributor_only=True,
            ),
        ),
    )
