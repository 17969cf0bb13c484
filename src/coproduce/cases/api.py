"""REST API for the case library (read-only)."""

from django.db.models import QuerySet
from django.urls.converters import SlugConverter
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from coproduce.cases import selectors
from coproduce.cases.forms import CaseFilterForm
from coproduce.cases.models import CaseStudy
from coproduce.cases.services import CASE_FIELDS
from coproduce.initiatives.api import StageSerializer
from coproduce.initiatives.models import Initiative


class FigureSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.CharField()


class CaseSourceSerializer(serializers.Serializer):
    """Where in the source texts a case's facts come from: lines [first, last], 1-based."""

    document = serializers.CharField()
    file = serializers.CharField()
    lines = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)


class CaseStudySerializer(serializers.ModelSerializer):
    figures = FigureSerializer(many=True)

    class Meta:
        model = CaseStudy
        fields = [field for field in CASE_FIELDS if field != "sources"]


class CaseSerializer(serializers.ModelSerializer):
    case = CaseStudySerializer(source="case_study")
    stages = StageSerializer(many=True)
    sources = CaseSourceSerializer(source="case_study.sources", many=True)

    class Meta:
        model = Initiative
        fields = [
            "slug",
            "title",
            "summary",
            "service_area",
            "locality",
            "country",
            "stages",
            "case",
            "sources",
        ]


FILTERS = [
    OpenApiParameter("q", str, description="Words that must all appear in the case"),
    OpenApiParameter("service_area", str),
    OpenApiParameter("stage", str),
    OpenApiParameter("leadership_style", str),
    OpenApiParameter("country", str),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CaseSerializer
    lookup_field = "slug"
    lookup_value_regex = SlugConverter.regex  # as the pages: no NUL reaches the database
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Initiative]:
        if self.action != "list":
            return selectors.cases()
        form = CaseFilterForm(self.request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        return selectors.cases(
            selectors.CaseFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
        )
