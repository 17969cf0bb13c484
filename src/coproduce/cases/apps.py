"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from django.utils.translation import gettext_lazy as _

from coproduce.core.capabilities import Capability, CapabilityConfig, NavEntry, Panel, Routes


class CasesConfig(CapabilityConfig):
    name = "coproduce.cases"
    label = "cases"
    capability = Capability(
        title="Case library",
        routes=Routes(
            pages=(("cases/", "urls"),),
            api=(("cases", "CaseViewSet", "case"),),
        ),
        nav=NavEntry(_("Case library"), "cases:library", order=10),
        demo="coproduce.cases.demo.load",
        demo_order=30,
        route_expectations="coproduce.cases.tests.routes",
        panel=Panel("cases/panel.html", "coproduce.cases.views.sources_panel", order=5),
    )
