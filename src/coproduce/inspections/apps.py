"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes, Writes
from coproduce.core.vocabulary import ContributionKind, StageKind


class InspectionsConfig(CapabilityConfig):
    name = "coproduce.inspections"
    label = "inspections"
    verbose_name = "Citizen inspections and appraisals"
    capability = Capability(
        title="Citizen inspections and participatory appraisals",
        stages=(StageKind.CO_ASSESSMENT,),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(
                ("inspections", "VisitViewSet", "inspection"),
                ("inspection-checklists", "ChecklistViewSet", "inspection-checklist"),
                ("inspectors", "InspectorViewSet", "inspector"),
            ),
        ),
        panel=Panel(
            template="inspections/panel.html",
            context="coproduce.inspections.panels.context",
            order=70,
        ),
        accountability=Panel(
            template="inspections/accountability.html",
            context="coproduce.inspections.panels.accountability",
            order=40,
        ),
        demo="coproduce.inspections.demo.load",
        demo_order=92,
        route_expectations="coproduce.inspections.tests.routes",
        writes=(
            Writes(
                source="inspections.Visit",
                entry="contribution",
                stages=(StageKind.CO_ASSESSMENT,),
                kinds=(ContributionKind.TIME,),
                summary="A submitted inspection: each inspector's time, as they stated it.",
                listed_to_contributor_only=True,
            ),
            Writes(
                source="inspections.ProviderResponse",
                entry="decision",
                stages=(StageKind.CO_ASSESSMENT,),
                summary="The provider accepts or rejects an inspectors' recommendation: "
                "initiated by the citizens' side (no inspector named), decided by the "
                "professional side; the entry holds no text of the report.",
            ),
        ),
    )
