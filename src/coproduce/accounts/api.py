"""API tokens: a username and password exchanged for a new token (each time a new one,
expiring, stored hashed: django-rest-knox, ADR 0022); a person's tokens listed and revoked.
Asking for a token counts against the one limit on password attempts (``core.ratelimits``)."""

from typing import Any, cast

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.accounts import selectors, services
from coproduce.accounts.models import User
from coproduce.core.ratelimits import password_attempt_refused

TOO_MANY = "Too many password attempts from here: wait a minute and try again."


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}, write_only=True
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        user = authenticate(
            self.context.get("request"), username=data["username"], password=data["password"]
        )
        if user is None:
            raise serializers.ValidationError("The username or password is wrong.")
        return {"user": user}


class NewTokenSerializer(serializers.Serializer):
    """The token, shown this once (only its hash is kept), and when it stops working."""

    token = serializers.CharField(read_only=True)
    prefix = serializers.CharField(read_only=True, help_text="How the token is listed.")
    expiry = serializers.DateTimeField(read_only=True)


class TokenSerializer(serializers.ModelSerializer):
    """A token in force, as its owner sees it: never the token itself."""

    id = serializers.CharField(
        source="public_id", read_only=True, help_text="The token's id: the start of its hash."
    )
    prefix = serializers.SerializerMethodField(help_text="The token's first 8 characters.")

    class Meta:
        model = AuthToken
        fields = ["id", "prefix", "created", "expiry"]
        read_only_fields = fields

    def get_prefix(self, token: AuthToken) -> str:
        return token.token_key[:8]


class TokenView(APIView):
    """``POST`` a username and password for a new token; ``DELETE`` with a token revokes it
    (signing out of the API)."""

    def get_permissions(self) -> list[BasePermission]:
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(request=CredentialsSerializer, responses={200: NewTokenSerializer})
    def post(self, request: Request) -> Response:
        if password_attempt_refused(request):
            raise Throttled(detail=TOO_MANY)
        credentials = CredentialsSerializer(data=request.data, context={"request": request})
        credentials.is_valid(raise_exception=True)
        token, text = services.token_create(actor=credentials.validated_data["user"])
        return Response(
            NewTokenSerializer({"token": text, "prefix": text[:8], "expiry": token.expiry}).data
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if not isinstance(request.auth, AuthToken):
            raise serializers.ValidationError(
                {"Authorization": "Send the token to revoke as 'Authorization: Token …'."}
            )
        services.token_revoke(actor=cast(User, request.user), token=request.auth)
        return Response(status=204)


class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your API tokens in force (when made, when they expire, their first characters), and
    revoking one by its id."""

    serializer_class = TokenSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None
    lookup_value_regex = f"[0-9a-f]{{{selectors.TOKEN_ID_LENGTH}}}"

    def get_queryset(self) -> QuerySet[AuthToken]:
        if getattr(self, "swagger_fake_view", False):
            return AuthToken.objects.none()
        return selectors.tokens_of(self.request.user)

    def get_object(self) -> AuthToken:
        token = selectors.token_of(self.request.user, self.kwargs["pk"])
        if token is None:
            raise Http404
        return token

    def perform_destroy(self, instance: AuthToken) -> None:
        services.token_revoke(actor=cast(User, self.request.user), token=instance)
