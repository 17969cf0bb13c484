"""REST API for organisations."""

from django.db.models import QuerySet
from rest_framework import mixins, serializers, viewsets

from coproduce.organisations import services
from coproduce.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "locality", "website"]
        read_only_fields = ["id"]
        validators: list = []  # the service reports a taken name with a clear message


class OrganisationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OrganisationSerializer
    filterset_fields = {"kind": ["exact"]}

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.all()

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.organisation_create(
            actor=self.request.user, **serializer.validated_data
        )
