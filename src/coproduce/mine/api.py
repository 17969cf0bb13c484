"""My Coproduce as data: the signed-in person's own summary, read through the page's
selector (``selectors.my_page``). Ballots say that one voted, never how."""

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.mine import selectors


class ItemSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="What it is (as its author wrote it).")
    url = serializers.CharField(help_text="The page where it is.")
    detail = serializers.CharField(help_text="A line about it, in the request's language.")
    initiative = serializers.CharField(help_text="The initiative it is in; may be empty.")


class SectionSerializer(serializers.Serializer):
    key = serializers.ChoiceField(
        choices=["initiatives", "requests", "shifts", "ballots", "balance"],
        help_text="initiatives, requests (waiting for an answer), shifts, ballots (that you "
        "voted, never how) or balance (time credits).",
    )
    heading = serializers.CharField()
    items = ItemSerializer(many=True)


class TaskSerializer(serializers.Serializer):
    # a field named "label" (the serializer metaclass takes it out of the class body)
    label = serializers.CharField(help_text="What waits for your decision.")  # type: ignore[assignment]
    initiative = serializers.CharField()
    count = serializers.IntegerField(help_text="How many of them.")
    url = serializers.CharField(help_text="The page where they are decided.")
    about = serializers.CharField(help_text="The draft or panel they belong to; may be empty.")


class MySummarySerializer(serializers.Serializer):
    sections = SectionSerializer(many=True)
    tasks = TaskSerializer(many=True)
    task_count = serializers.IntegerField(help_text="Everything waiting for you, added up.")


class MySummaryView(APIView):
    """Your own summary: your initiatives, your requests waiting for an answer, your
    shifts, the ballots you cast (that you voted, never how), your time-credit balances,
    and, as a coordinator, what waits for your decision with counts. Yours alone."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MySummarySerializer})
    def get(self, request: Request) -> Response:
        page = selectors.my_page(request.user)
        return Response(
            MySummarySerializer(
                {
                    "sections": [
                        {
                            "key": section.key,
                            "heading": section.heading,
                            "items": [asdict(item) for item in section.items],
                        }
                        for section in page.sections
                    ],
                    "tasks": [asdict(task) for task in page.tasks],
                    "task_count": page.task_count,
                }
            ).data
        )
