"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from django.utils.translation import gettext_lazy as _

from coproduce.core.capabilities import Capability, CapabilityConfig, NavEntry, Panel, Routes


class DiagnosticsConfig(CapabilityConfig):
    name = "coproduce.diagnostics"
    label = "diagnostics"
    verbose_name = "Diagnostics"
    capability = Capability(
        title="Diagnostics",
        routes=Routes(
            pages=(("", "urls"),),
            api_views=(
                (
                    "initiatives/<slug:initiative_slug>/diagnostics/",
                    "DiagnosticsView",
                    "diagnostics",
                ),
                ("diagnostics/portfolio/", "PortfolioView", "diagnostics-portfolio"),
            ),
        ),
        panel=Panel(
            template="diagnostics/panel.html",
            context="coproduce.diagnostics.panels.context",
            order=25,
        ),
        nav=NavEntry(_("Diagnostics"), "diagnostics:portfolio", order=40),
        route_expectations="coproduce.diagnostics.tests.routes",
    )
