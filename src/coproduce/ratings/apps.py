"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes
from coproduce.core.vocabulary import StageKind


class RatingsConfig(CapabilityConfig):
    name = "coproduce.ratings"
    label = "ratings"
    verbose_name = "Ratings and feedback"
    capability = Capability(
        title="Ratings and feedback",
        stages=(StageKind.CO_ASSESSMENT,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("ratings", "RatingViewSet", "rating"),
                ("feedback", "FeedbackViewSet", "feedback"),
            ),
        ),
        panel=Panel(
            template="ratings/panel.html",
            context="coproduce.ratings.panels.context",
            order=85,
        ),
        accountability=Panel(
            template="ratings/accountability.html",
            context="coproduce.ratings.panels.accountability",
            order=60,
        ),
        demo="coproduce.ratings.demo.load",
        demo_order=97,
        route_expectations="coproduce.ratings.tests.routes",
        # ratings are opinions, not contributions; an answer points at a Decision
        # already in the record and writes none
        writes=(),
    )
