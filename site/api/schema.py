"""OpenAPI: every operation documents the structured error body; token auth is a security scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

ERROR_CODES = ("400", "401", "403", "404", "405", "406", "415", "429")


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        from api.serializers import ErrorSerializer

        responses = super()._get_response_bodies(direction)
        for code in ERROR_CODES:
            responses.setdefault(code, self._get_response_for_code(ErrorSerializer, code, direction=direction))
        return responses


class OrganisationTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.OrganisationTokenAuthentication"
    name = "OrganisationToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token bf_…` — 每个社会组织的接口令牌 / per-organisation token",
        }


def only_public_api(endpoints, **kwargs):
    """The served schema documents this API only, not Wagtail's internal admin API."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]
