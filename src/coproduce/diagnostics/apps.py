"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Routes


class DiagnosticsConfig(CapabilityConfig):
    name = "coproduce.diagnostics"
    label = "diagnostics"
    verbose_name = "Diagnostics"
    capability = Capability(
        title="Diagnostics",
        routes=Routes(
            api_views=(
                (
                    "initiatives/<slug:initiative_slug>/diagnostics/",
                    "DiagnosticsView",
                    "diagnostics",
                ),
                ("diagnostics/portfolio/", "PortfolioView", "diagnostics-portfolio"),
            ),
        ),
        route_expectations="coproduce.diagnostics.tests.routes",
    )
