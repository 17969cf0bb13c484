"""All REST routes under /api/v1/, and the OpenAPI schema that describes them."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter, SimpleRouter

from coproduce.accounts.api import TokenView, TokenViewSet
from coproduce.budgeting.api import BudgetViewSet, ProcessViewSet, ProposalViewSet
from coproduce.cases.api import CaseViewSet
from coproduce.comanagement.api import BoardViewSet, MeetingViewSet
from coproduce.exchanges.api import ExchangeViewSet, ListingViewSet
from coproduce.initiatives.api import InitiativeViewSet, MembershipViewSet, StageViewSet
from coproduce.organisations.api import OrganisationViewSet
from coproduce.peersupport.api import (
    ConcernViewSet,
    MatchViewSet,
    SessionViewSet,
    SupporterViewSet,
    SupportRequestViewSet,
)
from coproduce.record.api import ContributionViewSet, DecisionViewSet
from coproduce.timecredits.api import CreditViewSet, TransferViewSet
from coproduce.volunteering.api import (
    HoursViewSet,
    OpportunityViewSet,
    ShiftViewSet,
    SignUpViewSet,
)


class Router(DefaultRouter):
    """One URL per resource: no ``.json`` suffix variants to secure and document twice."""

    include_format_suffixes = False


root = Router()
root.register("auth/tokens", TokenViewSet, basename="auth-token")
root.register("initiatives", InitiativeViewSet, basename="initiative")
root.register("cases", CaseViewSet, basename="case")
root.register("organisations", OrganisationViewSet, basename="organisation")
root.register("pb/processes", ProcessViewSet, basename="pb-process")
root.register("pb/proposals", ProposalViewSet, basename="pb-proposal")
root.register("pb/budgets", BudgetViewSet, basename="pb-budget")

nested = SimpleRouter()
nested.register("stages", StageViewSet, basename="stage")
nested.register("members", MembershipViewSet, basename="member")
nested.register("contributions", ContributionViewSet, basename="contribution")
nested.register("decisions", DecisionViewSet, basename="decision")
nested.register("credits/transfers", TransferViewSet, basename="credit-transfer")
nested.register("credits", CreditViewSet, basename="credit")
nested.register("opportunities", OpportunityViewSet, basename="opportunity")
nested.register("shifts", ShiftViewSet, basename="shift")
nested.register("sign-ups", SignUpViewSet, basename="sign-up")
nested.register("hours", HoursViewSet, basename="hours")
nested.register("listings", ListingViewSet, basename="listing")
nested.register("exchanges", ExchangeViewSet, basename="exchange")
nested.register("boards", BoardViewSet, basename="board")
nested.register("meetings", MeetingViewSet, basename="meeting")
nested.register("peer-supporters", SupporterViewSet, basename="peer-supporter")
nested.register("support-requests", SupportRequestViewSet, basename="support-request")
nested.register("peer-matches", MatchViewSet, basename="peer-match")
nested.register("peer-sessions", SessionViewSet, basename="peer-session")
nested.register("concerns", ConcernViewSet, basename="concern")

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("auth/token/", TokenView.as_view(), name="token"),
    path("initiatives/<slug:initiative_slug>/", include(nested.urls)),
    path("", include(root.urls)),
]
