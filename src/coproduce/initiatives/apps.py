"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from django.utils.translation import gettext_lazy as _

from coproduce.core.capabilities import (
    Capability,
    CapabilityConfig,
    Discovery,
    NavEntry,
    Personal,
    Routes,
    Writes,
)
from coproduce.core.vocabulary import StageKind


class InitiativesConfig(CapabilityConfig):
    name = "coproduce.initiatives"
    label = "initiatives"
    capability = Capability(
        title="Initiatives",
        discovery=Discovery(
            items="coproduce.initiatives.discovery.asking_for_people",
        ),
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api=(("initiatives", "InitiativeViewSet", "initiative"),),
            api_nested=(
                ("stages", "StageViewSet", "stage"),
                ("members", "MembershipViewSet", "member"),
                ("declarations", "StageDeclarationViewSet", "declaration"),
            ),
            api_views=(
                (
                    "initiatives/<slug:initiative_slug>/diagnostic-settings/",
                    "DiagnosticSettingsView",
                    "diagnostic-settings",
                ),
            ),
        ),
        nav=NavEntry(_("Initiatives"), "initiatives:list", order=30),
        demo="coproduce.initiatives.demo.load",
        demo_order=40,
        route_expectations="coproduce.initiatives.tests.routes",
        personal=Personal(
            items=(
                "coproduce.initiatives.personal.items",
                "coproduce.initiatives.personal.side_change_items",
            ),
            tasks=(
                "coproduce.initiatives.personal.join_tasks",
                "coproduce.initiatives.personal.side_change_tasks",
            ),
        ),
        # A coordinator's rulings on who takes part, on which side, and on goals: in the
        # stage the initiative is in (co-planning, added, if it has none).
        writes=(
            Writes(
                source="initiatives.Membership",
                entry="decision",
                stages=(),
                summary="A join approved or refused, a member removed, a coordinator or "
                "reviewer named or stood down (refusals and removals are exclusions).",
            ),
            Writes(
                source="initiatives.SideChange",
                entry="decision",
                stages=(),
                summary="A change of side or role approved or refused.",
            ),
            Writes(
                source="initiatives.Goal",
                entry="decision",
                stages=(),
                summary="A goal rejected, with the reason (an exclusion).",
            ),
            # in the stage declared, whichever it is
            Writes(
                source="initiatives.StageDeclaration",
                entry="decision",
                stages=tuple(StageKind.values),
                summary="A coordinator's declaration, with its evidence, of who plans, "
                "delivers and assesses a stage (a declaration; reversing it withdraws it).",
            ),
        ),
    )
