"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import (
    Capability,
    CapabilityConfig,
    Discovery,
    Panel,
    Routes,
    Writes,
)
from coproduce.core.vocabulary import ContributionKind, StageKind


class EventsConfig(CapabilityConfig):
    name = "coproduce.events"
    label = "events"
    verbose_name = "Workshops and events"
    capability = Capability(
        title="Workshops and events",
        discovery=Discovery(
            items="coproduce.events.discovery.live_items",
            initiatives_now="coproduce.events.discovery.initiatives_now",
        ),
        stages=(StageKind.CO_PLANNING, StageKind.CO_DESIGN),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(("events", "EventViewSet", "event"),),
        ),
        panel=Panel(
            template="events/panel.html",
            context="coproduce.events.panels.context",
            order=15,
        ),
        demo="coproduce.events.demo.load",
        demo_order=115,
        route_expectations="coproduce.events.tests.routes",
        writes=(
            Writes(
                source="events.Attendance",
                entry="contribution",
                stages=(),
                kinds=(ContributionKind.TIME,),
                summary="Attendance taken by a coordinator or facilitator: each attendee's "
                "time at the event, in the event's stage (co-planning unless chosen).",
            ),
        ),
    )
