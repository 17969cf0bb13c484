"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Panel, Routes, Writes
from coproduce.core.vocabulary import ContributionKind, StageKind

SURVEY_STAGES = (
    StageKind.CO_PLANNING,
    StageKind.CO_PRIORITISATION,
    StageKind.CO_DESIGN,
    StageKind.CO_ASSESSMENT,
)


class SurveysConfig(CapabilityConfig):
    name = "coproduce.surveys"
    label = "surveys"
    verbose_name = "Surveys"
    capability = Capability(
        title="Co-planning surveys",
        stages=SURVEY_STAGES,
        routes=Routes(
            pages=(("initiatives/", "urls"),),
            api_nested=(("surveys", "SurveyViewSet", "survey"),),
        ),
        panel=Panel(
            template="surveys/panel.html",
            context="coproduce.surveys.panels.context",
            order=35,
        ),
        demo="coproduce.surveys.demo.load",
        demo_order=98,
        route_expectations="coproduce.surveys.tests.routes",
        writes=(
            Writes(
                source="surveys.Response",
                entry="contribution",
                stages=SURVEY_STAGES,
                kinds=(ContributionKind.IDEA,),
                summary="A member's first response to a survey: one idea (count 1), in the "
                "survey's stage (co-planning unless the coordinator chose another). Listed "
                "to the respondent alone: beside live results it would tell whose answers "
                "changed them.",
                listed_to_contributor_only=True,
            ),
            Writes(
                source="initiatives.Goal",
                entry="decision",
                stages=SURVEY_STAGES,
                summary="A coordinator adopts an option of a needs survey as a goal.",
            ),
            Writes(
                source="budgeting.Proposal",
                entry="decision",
                stages=SURVEY_STAGES,
                summary="A coordinator puts an option of a needs survey to a PB budget.",
            ),
        ),
    )
