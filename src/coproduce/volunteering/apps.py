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


class VolunteeringConfig(CapabilityConfig):
    name = "coproduce.volunteering"
    label = "volunteering"
    verbose_name = "Volunteering"
    capability = Capability(
        title="Volunteering",
        discovery=Discovery(
            items="coproduce.volunteering.discovery.live_items",
            initiatives_now="coproduce.volunteering.discovery.initiatives_now",
        ),
        stages=(StageKind.CO_PERFORMING,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("opportunities", "OpportunityViewSet", "opportunity"),
                ("shifts", "ShiftViewSet", "shift"),
                ("sign-ups", "SignUpViewSet", "sign-up"),
                ("hours", "HoursViewSet", "hours"),
            ),
        ),
        panel=Panel(
            template="volunteering/panel.html",
            context="coproduce.volunteering.panels.context",
            order=30,
        ),
        demo="coproduce.volunteering.demo.load",
        demo_order=60,
        personal=Personal(
            items=(
                "coproduce.volunteering.personal.shift_items",
                "coproduce.volunteering.personal.hours_items",
            ),
            tasks=(
                "coproduce.volunteering.personal.hours_tasks",
                "coproduce.volunteering.personal.served_tasks",
            ),
        ),
        route_expectations="coproduce.volunteering.tests.routes",
        writes=(
            Writes(
                source="volunteering.HoursLog",
                entry="contribution",
                stages=(StageKind.CO_PERFORMING, StageKind.CO_MANAGEMENT),
                kinds=(ContributionKind.TIME,),
                summary="Hours approved by a coordinator or confirmed by the person served: "
                "the volunteer's time, in the opportunity's stage.",
            ),
        ),
    )
