"""``/api/v1/tokens/``: the signed-in user's API tokens (an administrator sees everyone's).

``POST`` makes one and answers its key, the only time the key is shown; ``DELETE
/api/v1/tokens/{token_key}/`` revokes one. An integration is given its first token by an
administrator (``manage.py api_token create``), or makes it itself from a browser session.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from apps.core import tokens
from apps.core.models import ApiToken


class ApiTokenSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = ApiToken
        fields = ["token_key", "name", "user", "created", "expiry"]
        read_only_fields = fields


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(
        read_only=True, help_text=_("Kunci token: hanya ditampilkan sekali ini; simpan baik-baik.")
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


class ApiTokenCreateSerializer(serializers.Serializer):
    # The service checks the name and the validity and names every problem at once.
    name = serializers.CharField(
        allow_blank=True, default="", help_text=_("Nama sistem yang memakai token.")
    )
    days = serializers.IntegerField(
        required=False, help_text=_("Masa berlaku dalam hari (bawaan: NETRAL_API_TOKEN_DAYS).")
    )


class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = ApiTokenSerializer
    lookup_field = "token_key"
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is made without a user
            return ApiToken.objects.none()
        return tokens.api_tokens_visible_to(self.request.user)

    @extend_schema(request=ApiTokenCreateSerializer, responses={201: ApiTokenCreatedSerializer})
    def create(self, request):
        """Make a token for the signed-in user; the answer holds its key, shown only once."""
        data = ApiTokenCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = tokens.api_token_create(user=request.user, **data.validated_data)
        token.key = key
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, token_key=None):
        """Revoke a token: it stops working at once."""
        tokens.api_token_revoke(actor=request.user, token_key=token_key)
        return Response(status=status.HTTP_204_NO_CONTENT)
