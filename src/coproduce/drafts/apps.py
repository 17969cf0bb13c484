"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import (
    Capability,
    CapabilityConfig,
    Discovery,
    Panel,
    Personal,
    Routes,
    Writes,
)
from coproduce.core.vocabulary import ContributionKind, StageKind

CO_DESIGN = (StageKind.CO_DESIGN,)


class DraftsConfig(CapabilityConfig):
    name = "coproduce.drafts"
    label = "drafts"
    verbose_name = "Collaborative drafts"
    capability = Capability(
        title="Collaborative drafts",
        discovery=Discovery(
            items="coproduce.drafts.discovery.live_items",
        ),
        stages=CO_DESIGN,
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("drafts", "DraftViewSet", "draft"),
                ("amendments", "AmendmentViewSet", "amendment"),
            ),
        ),
        panel=Panel(
            template="drafts/panel.html", context="coproduce.drafts.panels.context", order=35
        ),
        demo="coproduce.drafts.demo.load",
        demo_order=98,
        personal=Personal(tasks=("coproduce.drafts.personal.amendment_tasks",)),
        route_expectations="coproduce.drafts.tests.routes",
        writes=(
            Writes(
                source="drafts.DraftVersion",
                entry="contribution",
                stages=CO_DESIGN,
                kinds=(ContributionKind.SKILLS,),
                summary="A member of the drafting group saves a version of the text: "
                "one piece of skill, by the member, on their side.",
            ),
            Writes(
                source="drafts.Amendment",
                entry="contribution",
                stages=CO_DESIGN,
                kinds=(ContributionKind.IDEA,),
                summary="A member proposes an amendment: one idea, by its author.",
            ),
            Writes(
                source="drafts.Amendment",
                entry="decision",
                stages=CO_DESIGN,
                summary="The drafting group accepts an amendment (or rejects it, an "
                "exclusion), delegated to the member who decides; initiated by its author.",
            ),
            Writes(
                source="drafts.DraftVersion",
                entry="decision",
                stages=CO_DESIGN,
                summary="The drafting group adopts a version by consensus or open vote, "
                "each member taking part on their side.",
            ),
        ),
    )
