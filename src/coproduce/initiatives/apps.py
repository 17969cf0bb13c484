"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, NavEntry, Routes


class InitiativesConfig(CapabilityConfig):
    name = "coproduce.initiatives"
    label = "initiatives"
    capability = Capability(
        title="Initiatives",
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api=(("initiatives", "InitiativeViewSet", "initiative"),),
            api_nested=(
                ("stages", "StageViewSet", "stage"),
                ("members", "MembershipViewSet", "member"),
            ),
        ),
        nav=NavEntry("Initiatives", "initiatives:list", order=30),
        demo="coproduce.initiatives.demo.load",
        demo_order=40,
        route_expectations="coproduce.initiatives.tests.routes",
    )
