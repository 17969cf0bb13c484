"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import (
    Capability,
    CapabilityConfig,
    Panel,
    Personal,
    Routes,
    Writes,
)
from coproduce.core.vocabulary import ContributionKind, StageKind


class IdeasConfig(CapabilityConfig):
    name = "coproduce.ideas"
    label = "ideas"
    verbose_name = "Ideas"
    capability = Capability(
        title="Ideas",
        stages=(StageKind.CO_PLANNING,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(("ideas", "IdeaViewSet", "idea"),),
        ),
        panel=Panel(
            template="ideas/panel.html", context="coproduce.ideas.panels.context", order=15
        ),
        demo="coproduce.ideas.demo.load",
        demo_order=98,
        personal=Personal(tasks=("coproduce.ideas.personal.answer_tasks",)),
        route_expectations="coproduce.ideas.tests.routes",
        writes=(
            Writes(
                source="ideas.Idea",
                entry="contribution",
                stages=(StageKind.CO_PLANNING,),
                kinds=(ContributionKind.IDEA,),
                summary="A member posts an idea (one idea, counted).",
            ),
            Writes(
                source="ideas.Answer",
                entry="decision",
                stages=(StageKind.CO_PLANNING,),
                summary="A coordinator answers an idea, initiated by its author's side; "
                "'not taken forward' is an exclusion.",
            ),
        ),
    )
