"""The notifications API: a person's own notifications, newest first, and marking them read.
Read through the page's selectors and written through its services; another person's
notification is never found (404), staff included."""

from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.notifications import selectors, services
from coproduce.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    """A notification as its recipient reads it; ``text`` is in the request's language."""

    text = serializers.CharField(read_only=True, help_text="The sentence, filled in.")
    read = serializers.SerializerMethodField(help_text="Whether it has been marked read.")

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "text", "link", "created_at", "read", "read_at"]
        read_only_fields = fields

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your notifications, newest first (``?unread=true`` for the unread ones only); ``POST
    {id}/read/`` marks one read, ``POST read-all/`` marks them all."""

    lookup_value_regex = r"[0-9]{1,18}"  # anything else is no notification: 404

    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Notification]:
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        found = selectors.notifications_of(self.request.user)
        if self.request.query_params.get("unread") in {"true", "1"}:
            found = found.filter(read_at__isnull=True)
        return found

    def get_object(self) -> Notification:
        # only the person's own: anyone else's is not found, whatever the number
        found = selectors.notifications_of(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404
        return found

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "unread", OpenApiTypes.BOOL, description="Only the notifications not read yet."
            )
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = services.notification_mark_read(
            actor=request.user, notification=self.get_object()
        )
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "NotificationsMarkedRead",
                {"marked": serializers.IntegerField(help_text="How many were unread.")},
            )
        },
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        marked = services.notifications_mark_all_read(actor=cast(Any, request.user))
        return Response({"marked": marked})
