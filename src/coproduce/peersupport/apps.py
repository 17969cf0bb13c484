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


class PeersupportConfig(CapabilityConfig):
    name = "coproduce.peersupport"
    label = "peersupport"
    verbose_name = "Peer support"
    capability = Capability(
        title="Peer support",
        stages=(StageKind.CO_PERFORMING,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("peer-supporters", "SupporterViewSet", "peer-supporter"),
                (
                    "support-requests",
                    "SupportRequestViewSet",
                    "support-request",
                ),
                ("peer-matches", "MatchViewSet", "peer-match"),
                ("peer-sessions", "SessionViewSet", "peer-session"),
                ("concerns", "ConcernViewSet", "concern"),
            ),
        ),
        panel=Panel(
            template="peersupport/panel.html",
            context="coproduce.peersupport.panels.context",
            order=50,
        ),
        demo="coproduce.peersupport.demo.load",
        demo_order=64,
        personal=Personal(
            items=(
                "coproduce.peersupport.personal.request_items",
                "coproduce.peersupport.personal.session_items",
            ),
            tasks=(
                "coproduce.peersupport.personal.match_tasks",
                "coproduce.peersupport.personal.concern_tasks",
                "coproduce.peersupport.personal.session_tasks",
            ),
        ),
        route_expectations="coproduce.peersupport.tests.routes",
        writes=(
            Writes(
                source="peersupport.Session",
                entry="contribution",
                stages=(StageKind.CO_PERFORMING,),
                kinds=(ContributionKind.TIME,),
                summary="A session both sides agree on: the supporter's time, written by "
                "the person who confirmed it. Listed to the supporter alone: the entry would "
                "tell others who was supported.",
                listed_to_contributor_only=True,
            ),
        ),
    )
