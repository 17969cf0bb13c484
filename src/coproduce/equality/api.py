"""REST API for equality monitoring: an initiative's locality baselines, read-only
(/api/v1/initiatives/{slug}/equality/baselines/).

No endpoint shows a person's equality profile, not even to its owner: answers are given
and withdrawn on the owner's page alone (ADR 0027). The inclusion figures are part of the
initiative's diagnostics."""

from django.db.models import QuerySet
from rest_framework import mixins, serializers

from coproduce.core import gate
from coproduce.equality import selectors
from coproduce.equality.models import LocalityBaseline
from coproduce.equality.vocabulary import CHARACTERISTIC_CHOICES
from coproduce.initiatives.api import InitiativeChildViewSet


class BaselineSerializer(serializers.ModelSerializer):
    characteristic = serializers.ChoiceField(choices=CHARACTERISTIC_CHOICES, read_only=True)
    shares = serializers.SerializerMethodField(
        help_text="The locality's percentage in each answer (one decimal)."
    )

    class Meta:
        model = LocalityBaseline
        fields = ["characteristic", "shares", "source", "year"]
        read_only_fields = fields

    def get_shares(self, baseline: LocalityBaseline) -> dict[str, float]:
        return {category: tenths / 10 for category, tenths in baseline.shares.items()}


class BaselineViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """The locality baselines an initiative's inclusion figures compare with."""

    serializer_class = BaselineSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[LocalityBaseline]:
        if getattr(self, "swagger_fake_view", False):
            return LocalityBaseline.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "equality.view_baseline", initiative)
        return selectors.baselines_in(initiative)
