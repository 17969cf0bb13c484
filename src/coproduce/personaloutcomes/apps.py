"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes
from coproduce.core.vocabulary import StageKind


class PersonaloutcomesConfig(CapabilityConfig):
    name = "coproduce.personaloutcomes"
    label = "personaloutcomes"
    verbose_name = "Personal outcomes"
    capability = Capability(
        title="Personal outcomes",
        stages=(StageKind.CO_ASSESSMENT,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("personal-scales", "ScaleViewSet", "personal-scale"),
                ("my-readings", "MyReadingViewSet", "my-reading"),
            ),
        ),
        panel=Panel(
            template="personaloutcomes/panel.html",
            context="coproduce.personaloutcomes.panels.context",
            order=85,
        ),
        demo="coproduce.personaloutcomes.demo.load",
        demo_order=110,
        route_expectations="coproduce.personaloutcomes.tests.routes",
    )
