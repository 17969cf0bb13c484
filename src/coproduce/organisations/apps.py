"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from django.utils.translation import gettext_lazy as _

from coproduce.core.capabilities import Capability, CapabilityConfig, NavEntry, Routes


class OrganisationsConfig(CapabilityConfig):
    name = "coproduce.organisations"
    label = "organisations"
    capability = Capability(
        title="Organisations",
        routes=Routes(
            pages=(("organisations/", "urls"),),
            api=(
                (
                    "organisations",
                    "OrganisationViewSet",
                    "organisation",
                ),
            ),
        ),
        nav=NavEntry(_("Organisations"), "organisations:list", order=20),
        demo="coproduce.organisations.demo.load",
        demo_order=20,
        route_expectations="coproduce.organisations.tests.routes",
    )
