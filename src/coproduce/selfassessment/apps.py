"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes


class SelfassessmentConfig(CapabilityConfig):
    name = "coproduce.selfassessment"
    label = "selfassessment"
    verbose_name = "Self-assessment"
    capability = Capability(
        title="Self-assessment",
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_views=(
                (
                    "initiatives/<slug:initiative_slug>/self-assessment/",
                    "SelfAssessmentView",
                    "self-assessment",
                ),
            ),
        ),
        panel=Panel(
            template="selfassessment/panel.html",
            context="coproduce.selfassessment.panels.context",
            order=80,
        ),
        demo="coproduce.selfassessment.demo.load",
        demo_order=95,
        route_expectations="coproduce.selfassessment.tests.routes",
    )
