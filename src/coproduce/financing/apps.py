"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes, Writes
from coproduce.core.vocabulary import ContributionKind, StageKind

FINANCING = (StageKind.CO_FINANCING,)


class FinancingConfig(CapabilityConfig):
    name = "coproduce.financing"
    label = "financing"
    verbose_name = "Co-financing"
    capability = Capability(
        title="Co-financing",
        stages=FINANCING,
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("campaigns", "CampaignViewSet", "campaign"),
                ("pledges", "PledgeViewSet", "pledge"),
                ("share-offers", "ShareOfferViewSet", "share-offer"),
                ("grants", "GrantViewSet", "grant"),
            ),
        ),
        panel=Panel(
            template="financing/panel.html",
            context="coproduce.financing.panels.context",
            order=60,
        ),
        accountability=Panel(
            template="financing/accountability.html",
            context="coproduce.financing.panels.accountability",
            order=5,
        ),
        demo="coproduce.financing.demo.load",
        demo_order=120,
        route_expectations="coproduce.financing.tests.routes",
        writes=(
            Writes(
                source="financing.Pledge",
                entry="contribution",
                stages=FINANCING,
                kinds=(ContributionKind.MONEY, ContributionKind.TIME, ContributionKind.IN_KIND),
                summary="A pledge honoured: the money, time or goods a member or an "
                "organisation gave, on the member's side or the side a coordinator gave the "
                "organisation, written when a coordinator marks it received. Listed to the "
                "pledger alone, as the pledges themselves are (others see the totals).",
                listed_to_contributor_only=True,
            ),
            Writes(
                source="financing.Match",
                entry="contribution",
                stages=FINANCING,
                kinds=(ContributionKind.MONEY,),
                summary="A funder's match of an honoured pledge, attributed to the funder.",
            ),
            Writes(
                source="financing.Grant",
                entry="contribution",
                stages=FINANCING,
                kinds=(ContributionKind.MONEY,),
                summary="A grant received, attributed to the organisation that gave it.",
            ),
        ),
    )
